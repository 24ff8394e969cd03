"""`powtrace backup`, `powtrace restore` and `powtrace rekey`: keeping the store safe."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from powtrace.cli.common import JsonOpt, console, err_console, opened_store, print_json, state
from powtrace.domain.errors import StoreError, ValidationError
from powtrace.store import backup as fmt
from powtrace.store.keys import create_key_file, read_key_file, resolve_key
from powtrace.store.store import Store
from powtrace.workflows import backup as flow

PASSPHRASE_ENV = "POWTRACE_BACKUP_PASSPHRASE"

KeyFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--key-file",
        help="A key file (64 hex digits, mode 0600) to encrypt or open the backup with. "
        "Default: the store's own key.",
    ),
]
PassphraseOpt = Annotated[
    bool,
    typer.Option(
        "--passphrase",
        help=f"Use a passphrase (from ${PASSPHRASE_ENV}, or asked for) instead of a key.",
    ),
]


def _passphrase(confirm: bool) -> str:
    text = os.environ.get(PASSPHRASE_ENV)
    if text:
        return text
    return typer.prompt("Backup passphrase", hide_input=True, confirmation_prompt=confirm)


def _store_key(home: Path) -> fmt.BackupKey:
    try:
        return fmt.key_from_hex(resolve_key(home), "store-key")
    except StoreError:
        raise ValidationError(
            "there is no store key to encrypt the backup with (a PostgreSQL store has none): "
            "give --key-file FILE (add --new-key to create it) or --passphrase"
        ) from None


def _backup_key(
    home: Path, key_file: Path | None, new_key: bool, passphrase: bool
) -> fmt.BackupKey:
    if key_file is not None and passphrase:
        raise ValidationError("give --key-file or --passphrase, not both")
    if passphrase:
        return fmt.key_from_passphrase(_passphrase(confirm=True))
    if key_file is not None:
        if new_key:
            create_key_file(key_file)
            err_console.print(
                f"Created the backup key {key_file} (mode 0600). Keep it apart from the backups: "
                "without it they cannot be read.",
                highlight=False,
                soft_wrap=True,
            )
        return fmt.key_from_hex(read_key_file(key_file), "key-file")
    if new_key:
        raise ValidationError("--new-key needs --key-file FILE: where to write the new key")
    return _store_key(home)


def _restore_key(home: Path, path: Path, key_file: Path | None) -> fmt.BackupKey:
    header = fmt.read_header(path)
    if header.key_source == "passphrase":
        return fmt.key_from_passphrase(_passphrase(confirm=False), header.kdf)
    if key_file is not None:
        return fmt.key_from_hex(read_key_file(key_file), header.key_source)
    try:
        return fmt.key_from_hex(resolve_key(home), header.key_source)
    except StoreError:
        raise ValidationError(
            f"{path} was encrypted with a key: give --key-file with that key (the old store's "
            "powtrace.key, or the backup key file)"
        ) from None


def backup(
    file: Annotated[Path, typer.Argument(help="The backup file to write.")],
    key_file: KeyFileOpt = None,
    new_key: Annotated[
        bool, typer.Option("--new-key", help="Create --key-file with a new random key.")
    ] = False,
    passphrase: PassphraseOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Write an encrypted, consistent backup of the store while it is in use."""
    home, _ = Store.location(state.home, state.url)
    key = _backup_key(home, key_file, new_key, passphrase)
    with opened_store() as store:
        report = flow.make_backup(store, state.actor, file, key)
    m = report.manifest
    if as_json:
        print_json({"file": str(report.path), "bytes": report.bytes, "manifest": m})
        return
    console.print(
        f"Wrote the backup {file} ({report.bytes} bytes): schema {m.schema}, audit entry "
        f"{m.audit_seq}, encrypted with {_key_words(key.source)}.",
        highlight=False,
        soft_wrap=True,
    )


def _key_words(source: str) -> str:
    return {"passphrase": "your passphrase", "key-file": "the key file"}.get(
        source, "the store's key"
    )


def restore(
    file: Annotated[Path, typer.Argument(help="The backup file to restore.")],
    key_file: KeyFileOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a store that holds data.")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Only check the backup completely; change nothing.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Check a backup completely, then make it the store (stop 'powtrace serve' first)."""
    home, url = Store.location(state.home, state.url)
    key = _restore_key(home, file, key_file)
    if check:
        report = flow.check_backup(file, key)
    else:
        report = flow.restore_backup(home, url, file, key, force=force)
    if as_json:
        print_json(
            {
                "file": str(report.path),
                "restored": report.restored,
                "manifest": report.manifest,
                "entries": report.entries,
                "records": report.records,
                "migrated": report.migrated,
                "replaced": str(report.replaced) if report.replaced else None,
                "new_key_file": str(report.new_key_file) if report.new_key_file else None,
            }
        )
        return
    m = report.manifest
    taken = f"taken {m.created_at} from a {m.engine} store at schema {m.schema}"
    verified = f"audit chain intact: {report.entries} entries, {report.records} records"
    if not report.restored:
        console.print(f"{file} is a good backup ({taken}); {verified}.", highlight=False)
        return
    console.print(f"Restored {file} ({taken}); {verified}.", highlight=False, soft_wrap=True)
    if report.migrated:
        console.print("It was brought up to this version's schema.")
    if report.replaced:
        console.print(f"The store it replaced is kept as {report.replaced}.", highlight=False)
    if report.new_key_file:
        console.print(
            f"The restored store has a new key in {report.new_key_file} (mode 0600). Keep a "
            "copy somewhere safe.",
            highlight=False,
            soft_wrap=True,
        )


def rekey(
    keep_old: Annotated[
        bool,
        typer.Option(
            "--keep-old",
            help="Keep the old key and file (default: deleted once the "
            "store verifies with the new key).",
        ),
    ] = False,
) -> None:
    """Re-encrypt the embedded store with a new random key (stop 'powtrace serve' first)."""
    home, url = Store.location(state.home, state.url)
    if url is not None:
        raise ValidationError(
            "rekey is for the embedded store; a PostgreSQL server's encryption at rest is the "
            "server's own (see docs/admin.md)"
        )
    report = flow.rekey_store(home, keep_old=keep_old)
    console.print(
        f"The store is encrypted with a new key, in {report.key_file} (mode 0600); audit "
        f"chain intact ({report.entries} entries). Replace every copy of the old key.",
        highlight=False,
        soft_wrap=True,
    )
    for p in report.kept_old:
        console.print(f"Kept {p}; delete it once you no longer need it.", highlight=False)
