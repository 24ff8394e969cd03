"""The store's encryption key: where it comes from, how it is made, how it is checked.

The key is 32 random bytes, written as 64 hex digits. It comes, in this order, from the
``POWTRACE_KEY`` environment variable, the file named by ``POWTRACE_KEY_FILE``, or
``powtrace.key`` in the store's home. ``powtrace init`` creates that file with mode 0600; a key
file that others can read is refused, as ssh refuses such private keys.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from pathlib import Path

from powtrace.domain.errors import StoreError

KEY_FILE_NAME = "powtrace.key"
_HEX_KEY = re.compile(r"^[0-9a-fA-F]{64}$")


def _check_hex(text: str, where: str) -> str:
    key = text.strip()
    if not _HEX_KEY.match(key):
        raise StoreError(f"the key in {where} is not 64 hexadecimal digits")
    return key.lower()


def create_key_file(path: Path) -> str:
    """Write a new random key to ``path`` (mode 0600) and return it; never overwrite one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise StoreError(f"a key file already exists at {path}; it was left as it is") from None
    with os.fdopen(fd, "w") as fh:
        fh.write(key + "\n")
    return key


def read_key_file(path: Path) -> str:
    """Read a key file, refusing one that group or others may read."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise StoreError(
            f"no key: {path} does not exist. Set POWTRACE_KEY, point POWTRACE_KEY_FILE at the "
            "key file, or run 'powtrace init' to create a new store"
        ) from None
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise StoreError(f"the key file {path} can be read by other users; run 'chmod 600 {path}'")
    return _check_hex(path.read_text(encoding="ascii", errors="replace"), str(path))


def resolve_key(home: Path) -> str:
    """The key for the store in ``home``, from the environment or the key file."""
    env_key = os.environ.get("POWTRACE_KEY")
    if env_key:
        return _check_hex(env_key, "POWTRACE_KEY")
    key_file = os.environ.get("POWTRACE_KEY_FILE")
    return read_key_file(Path(key_file) if key_file else home / KEY_FILE_NAME)
