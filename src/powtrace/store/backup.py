"""Backup files: an encrypted, authenticated container, and the store's tables as JSON lines.

A backup file is a short plaintext header followed by an AES-256-GCM stream::

    POWTRACE-BACKUP 1\\n
    {"chunk": …, "kdf": …, "key_check": …, "key_source": …, "salt": …}\\n
    [4-byte length][ciphertext of chunk 0] [4-byte length][ciphertext of chunk 1] …

The plaintext header says only how to find the key. Everything about the store (engine,
schema revision, audit head, time) is in the encrypted *manifest*, the first line of the
decrypted stream; the store's data follows it. The content key is derived with HKDF from the
backup key (the store's own key, a key file, or a passphrase through scrypt) and a random
salt, so no two backups share a key. Each chunk's nonce is its number plus a flag on the last
one, and every chunk authenticates the header: a wrong key, a changed byte, a reordered or
missing chunk and a file cut short are all refused before anything is restored.

The embedded store's data is a SQLCipher copy of the file (still encrypted with the backup
key inside the stream); PostgreSQL's is every table as JSON lines, compressed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import struct
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa

from powtrace.domain.errors import StoreError
from powtrace.store.schema import metadata

MAGIC = b"POWTRACE-BACKUP 1\n"
CHUNK = 1 << 20
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
_INFO = b"powtrace-backup/1/aes-256-gcm"
_MAX_HEADER = 4096
# Browser sessions are not kept: after a restore everyone signs in again.
SKIPPED_TABLES = frozenset({"web_sessions"})


class BackupError(StoreError):
    """A backup that cannot be read: not one, wrong key, damaged or cut short."""


# ---- keys -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class BackupKey:
    """The 32-byte key a backup is encrypted with, and where it came from."""

    secret: bytes
    source: str  # "store-key" | "key-file" | "passphrase"
    kdf: dict[str, Any] | None = None  # scrypt parameters and salt, for a passphrase

    @property
    def hex(self) -> str:
        return self.secret.hex()


def key_from_hex(hex_key: str, source: str) -> BackupKey:
    """A backup key from 64 hex digits (the store key, or a key file's content)."""
    return BackupKey(bytes.fromhex(hex_key), source)


def key_from_passphrase(passphrase: str, kdf: dict[str, Any] | None = None) -> BackupKey:
    """A backup key from a passphrase through scrypt (new salt unless ``kdf`` is given)."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    if len(passphrase) < 12:
        raise BackupError("a backup passphrase needs at least 12 characters")
    params = dict(kdf) if kdf else {"name": "scrypt", **SCRYPT, "salt": secrets.token_hex(16)}
    try:
        salt = bytes.fromhex(params["salt"])
        derive = Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"])
    except (KeyError, ValueError, TypeError):
        raise BackupError("the backup's passphrase parameters are damaged") from None
    return BackupKey(derive.derive(passphrase.encode("utf-8")), "passphrase", params)


def _content_key(key: BackupKey, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO).derive(key.secret)


def _key_check(content_key: bytes) -> str:
    return hmac.new(content_key, b"powtrace-backup key check", "sha256").hexdigest()[:32]


def _nonce(index: int, last: bool) -> bytes:
    return struct.pack(">Q", index) + b"\x00\x00\x00" + (b"\x01" if last else b"\x00")


# ---- writing --------------------------------------------------------------------------------
class BackupWriter:
    """Writes the encrypted stream to a temporary file; :meth:`commit` moves it into place."""

    def __init__(self, path: Path, key: BackupKey) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self.path = path
        salt = os.urandom(16)
        content_key = _content_key(key, salt)
        header = {
            "chunk": CHUNK,
            "kdf": key.kdf,
            "key_check": _key_check(content_key),
            "key_source": key.source,
            "salt": salt.hex(),
        }
        self._prefix = MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n"
        self._aad = hashlib.sha256(self._prefix).digest()
        self._aead = AESGCM(content_key)
        self._buffer = bytearray()
        self._index = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        os.fchmod(fd, 0o600)
        self._tmp = Path(tmp)
        self._fh: IO[bytes] = os.fdopen(fd, "wb")
        self._fh.write(self._prefix)

    def write(self, data: bytes) -> None:
        self._buffer += data
        while len(self._buffer) > CHUNK:  # keep one chunk back: the last must be flagged
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]

    def _seal(self, plain: bytes, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._index, last), plain, self._aad)
        self._fh.write(struct.pack(">I", len(sealed)) + sealed)
        self._index += 1

    def commit(self) -> None:
        """Seal the last chunk, flush to disk and rename into place (never a half file)."""
        self._seal(bytes(self._buffer), last=True)
        self._buffer.clear()
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        os.replace(self._tmp, self.path)
        _fsync_dir(self.path.parent)

    def abort(self) -> None:
        if not self._fh.closed:
            self._fh.close()
        self._tmp.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---- reading --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Header:
    """The plaintext part of a backup: how to find its key, nothing about the store."""

    key_source: str
    kdf: dict[str, Any] | None
    salt: bytes
    key_check: str
    chunk: int
    prefix: bytes


def read_header(path: Path) -> Header:
    """The header of a backup file; refuse anything that is not one."""
    try:
        with path.open("rb") as fh:
            start = fh.read(len(MAGIC) + _MAX_HEADER)
    except FileNotFoundError:
        raise BackupError(f"{path}: no such file") from None
    except OSError as exc:
        raise BackupError(f"{path}: cannot read it ({exc.strerror})") from None
    if not start.startswith(MAGIC):
        raise BackupError(f"{path}: not a powtrace backup")
    end = start.find(b"\n", len(MAGIC))
    try:
        raw = json.loads(start[len(MAGIC) : end]) if end > 0 else None
        header = Header(
            key_source=str(raw["key_source"]),
            kdf=raw["kdf"],
            salt=bytes.fromhex(raw["salt"]),
            key_check=str(raw["key_check"]),
            chunk=int(raw["chunk"]),
            prefix=start[: end + 1],
        )
    except (TypeError, KeyError, ValueError):
        raise BackupError(f"{path}: the backup's header is damaged") from None
    if not 0 < header.chunk <= 64 * CHUNK:
        raise BackupError(f"{path}: the backup's header is damaged")
    return header


def decrypt_stream(path: Path, key: BackupKey) -> Iterator[bytes]:
    """The decrypted content of a backup, chunk by chunk; raises on any fault."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header = read_header(path)
    content_key = _content_key(key, header.salt)
    if not hmac.compare_digest(_key_check(content_key), header.key_check):
        raise BackupError(f"{path}: {describe_key_source(header)} does not open this backup")
    aead = AESGCM(content_key)
    aad = hashlib.sha256(header.prefix).digest()
    limit = header.chunk + 16
    with path.open("rb") as fh:
        fh.seek(len(header.prefix))
        index = 0
        while True:
            offset = fh.tell()
            size_bytes = fh.read(4)
            if len(size_bytes) < 4:
                raise BackupError(
                    f"{path}: the backup is cut short at byte {offset} (its last part is "
                    "missing); nothing was restored"
                )
            (size,) = struct.unpack(">I", size_bytes)
            sealed = fh.read(size) if 16 <= size <= limit else b""
            if len(sealed) != size or not sealed:
                raise BackupError(
                    f"{path}: the backup is damaged or cut short at byte {offset}; "
                    "nothing was restored"
                )
            for last in (False, True):
                try:
                    plain = aead.decrypt(_nonce(index, last), sealed, aad)
                    break
                except InvalidTag:
                    continue
            else:
                raise BackupError(
                    f"{path}: the backup is damaged at byte {offset} (part {index + 1} fails "
                    "its check); nothing was restored"
                )
            yield plain
            index += 1
            if last:
                if fh.read(1):
                    raise BackupError(f"{path}: there are extra bytes after the backup's end")
                return


def describe_key_source(header: Header) -> str:
    return {
        "passphrase": "the passphrase",
        "key-file": "the key file",
        "store-key": "the store's key",
    }.get(header.key_source, "the key")


class StreamReader:
    """A file-like view of a decrypted stream: the manifest line, then the payload."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = b""

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            nxt = next(self._chunks, None)
            if nxt is None:
                break
            self._buffer += nxt
        if size < 0:
            out, self._buffer = self._buffer, b""
        else:
            out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out

    def readline(self, limit: int = 1 << 20) -> bytes:
        while b"\n" not in self._buffer and len(self._buffer) < limit:
            nxt = next(self._chunks, None)
            if nxt is None:
                break
            self._buffer += nxt
        cut = self._buffer.find(b"\n")
        cut = len(self._buffer) if cut < 0 else cut + 1
        out, self._buffer = self._buffer[:cut], self._buffer[cut:]
        return out


# ---- tables as JSON lines -------------------------------------------------------------------
def backed_up_tables() -> list[sa.Table]:
    """Every table of the schema, parents before children, without browser sessions."""
    return [t for t in metadata.sorted_tables if t.name not in SKIPPED_TABLES]


def _encode(column: sa.Column, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, sa.LargeBinary):
        return base64.b64encode(value).decode("ascii")
    if isinstance(column.type, sa.Date):
        return value.isoformat()
    return value


def _decode(column: sa.Column, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, sa.LargeBinary):
        return base64.b64decode(value)
    if isinstance(column.type, sa.Date):
        return date.fromisoformat(value)
    return value


def existing_tables(conn: sa.Connection) -> set[str]:
    return set(sa.inspect(conn).get_table_names())


def dump_rows(conn: sa.Connection) -> Iterator[bytes]:
    """Every row of every table the store has, one JSON line each, then a line of counts."""
    present = existing_tables(conn)
    counts: dict[str, int] = {}
    for table in backed_up_tables():
        if table.name not in present:
            continue
        have = {c["name"] for c in sa.inspect(conn).get_columns(table.name)}
        cols = [c for c in table.columns if c.name in have]
        query = sa.select(*cols).order_by(*table.primary_key.columns)
        n = 0
        for row in conn.execution_options(yield_per=2000).execute(query):
            values = {c.name: _encode(c, v) for c, v in zip(cols, row, strict=True)}
            yield _line({"t": table.name, "r": values})
            n += 1
        counts[table.name] = n
    yield _line({"end": counts})


def _line(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def load_rows(conn: sa.Connection, lines: Iterable[bytes], batch: int = 1000) -> dict[str, int]:
    """Insert rows from :func:`dump_rows` lines; checks the closing counts."""
    tables = {t.name: t for t in backed_up_tables()}
    pending: list[dict[str, Any]] = []
    current: sa.Table | None = None
    counts: dict[str, int] = {}

    def flush() -> None:
        if pending and current is not None:
            conn.execute(current.insert(), pending)
            pending.clear()

    for raw in lines:
        try:
            item = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise BackupError("a line of the backup's data is not JSON") from None
        if "end" in item:
            flush()
            said = {k: v for k, v in item["end"].items() if v}
            if said != counts:
                raise BackupError(
                    f"the backup's data holds other row counts than it says ({counts} "
                    f"against {said})"
                )
            return counts
        table = tables.get(item.get("t"))
        if table is None:
            raise BackupError(f"the backup holds an unknown table {item.get('t')!r}")
        if table is not current:
            flush()
            current = table
        row = item["r"]
        pending.append({k: _decode(table.c[k], v) for k, v in row.items()})
        counts[table.name] = counts.get(table.name, 0) + 1
        if len(pending) >= batch:
            flush()
    raise BackupError("the backup's data ends before its closing line")


def reset_sequences(conn: sa.Connection) -> None:
    """After rows came in with their ids, PostgreSQL's counters must continue after them."""
    if conn.dialect.name != "postgresql":
        return
    for table in backed_up_tables():
        for col in table.primary_key.columns:
            if col.autoincrement is True and isinstance(col.type, sa.Integer):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{col.name}'), "
                    f'coalesce(max("{col.name}"), 1), max("{col.name}") IS NOT NULL) '
                    f'FROM "{table.name}"'
                )


def lines_of(reader: StreamReader) -> Iterator[bytes]:
    """The lines of a (decompressed) payload."""
    while True:
        line = reader.readline(1 << 30)
        if not line:
            return
        yield line


def deflate(lines: Iterable[bytes]) -> Iterator[bytes]:
    """Compress a stream of lines (zlib), in pieces."""
    import zlib

    packer = zlib.compressobj(6)
    for line in lines:
        out = packer.compress(line)
        if out:
            yield out
    yield packer.flush()


def inflate(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Decompress what :func:`deflate` made; refuse a stream that ends early."""
    import zlib

    unpacker = zlib.decompressobj()
    try:
        for chunk in chunks:
            out = unpacker.decompress(chunk)
            if out:
                yield out
        tail = unpacker.flush()
    except zlib.error:
        raise BackupError("the backup's data is damaged (it does not decompress)") from None
    if tail:
        yield tail
    if not unpacker.eof:
        raise BackupError("the backup's data ends early")


def rest_of(reader: StreamReader, size: int = CHUNK) -> Iterator[bytes]:
    """What is left of a stream, in pieces."""
    while True:
        piece = reader.read(size)
        if not piece:
            return
        yield piece


def clear_rows(conn: sa.Connection) -> None:
    """Delete every row of every table (children first), e.g. the head a migration seeded."""
    present = existing_tables(conn)
    for table in reversed(metadata.sorted_tables):
        if table.name in present:
            conn.execute(table.delete())
