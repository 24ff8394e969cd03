"""Backups while the store is in use, restores that check everything first, and rekeying.

``make_backup`` takes a consistent copy: the embedded store through SQLite's online backup
API into a SQLCipher file keyed with the backup key; PostgreSQL through one REPEATABLE READ
snapshot of every table. Both are written into an encrypted backup file
(:mod:`powtrace.store.backup`) with a manifest naming the schema revision and the audit head.

``restore_backup`` first *stages* the backup: it decrypts all of it into a temporary SQLCipher
file, checks its pages, its schema revision and audit head against the manifest, brings it up
to this version's schema and runs ``audit verify`` on it. Only a backup that passes replaces
anything, and a store that holds data is replaced only when asked (``force``); the embedded
store it replaces is kept beside it. A restore into PostgreSQL is one transaction.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import secrets
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from powtrace import __version__
from powtrace.domain.errors import ConflictError, StoreError
from powtrace.store import backup as fmt
from powtrace.store import engine as eng
from powtrace.store import writes
from powtrace.store.backup import BackupError, BackupKey
from powtrace.store.keys import KEY_FILE_NAME, create_key_file, read_key_file, resolve_key
from powtrace.store.schema import audit_head, metadata
from powtrace.store.store import DB_FILE_NAME, Store, StoreBusyError, utc_now
from powtrace.store.verify import verify_store

SQLCIPHER_PAYLOAD = "sqlcipher"
JSONL_PAYLOAD = "jsonl+zlib"


@dataclass(frozen=True)
class Manifest:
    """What a backup holds: from which engine, at which schema and audit entry, when."""

    engine: str
    payload: str
    schema: str
    audit_seq: int
    audit_hash: str
    created_at: str
    powtrace: str

    @classmethod
    def parse(cls, line: bytes, where: Path) -> Manifest:
        try:
            raw = json.loads(line)
            return cls(**{k: raw[k] for k in cls.__dataclass_fields__})
        except (ValueError, TypeError, KeyError):
            raise BackupError(f"{where}: the backup's manifest is damaged") from None


@dataclass
class BackupReport:
    path: Path
    manifest: Manifest
    bytes: int


@dataclass
class RestoreReport:
    path: Path
    manifest: Manifest
    restored: bool  # False: only checked
    entries: int  # audit entries, all verified
    records: int
    migrated: bool  # the backup was at an older schema and was brought up to date
    replaced: Path | None = None  # where the embedded store that was replaced is kept
    new_key_file: Path | None = None


# ---- raw SQLCipher connections --------------------------------------------------------------
def _sqlcipher(path: Path, key_hex: str) -> Any:
    import sqlcipher3

    if len(bytes.fromhex(key_hex)) != 32:
        raise StoreError("a SQLCipher key is 32 bytes")
    conn = sqlcipher3.connect(str(path), isolation_level=None, timeout=30)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    return conn


def _head_of(conn: Any) -> tuple[str, int, str]:
    (rev,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    seq, digest = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    return str(rev), int(seq), str(digest)


def _check_pages(conn: Any, where: Path) -> None:
    """SQLCipher's page check (HMAC), SQLite's structure check and the foreign keys."""
    try:
        bad = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        structure = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
    except Exception as exc:  # the driver's DatabaseError: a page that cannot be read
        raise BackupError(f"{where}: the copy of the store is damaged ({exc})") from None
    if bad or structure != ["ok"]:
        detail = "; ".join(str(r[0]) for r in bad[:3]) or "; ".join(structure[:3])
        raise BackupError(f"{where}: the copy of the store is damaged ({detail})")
    if orphans:
        raise BackupError(f"{where}: the copy holds {len(orphans)} row(s) whose parent is missing")


# ---- backup ---------------------------------------------------------------------------------
def make_backup(store: Store, actor: str, path: Path, key: BackupKey) -> BackupReport:
    """Write an encrypted, consistent backup of the store while others keep working."""
    path = path.absolute()
    if path.is_dir():
        raise StoreError(f"{path} is a folder; name the backup file to write")
    if store.engine.dialect.name == "sqlite":
        manifest = _backup_sqlite(store, path, key)
    else:
        manifest = _backup_postgres(store, path, key)
    try:  # a backup holds sealed data: audited like a full export
        _audit_backup(store, actor)
    except BaseException:
        path.unlink(missing_ok=True)  # no copy of the store that the audit log does not show
        raise
    return BackupReport(path, manifest, path.stat().st_size)


def _audit_backup(store: Store, actor: str, patience: float = 600.0) -> None:
    """Record the backup. On the embedded store a long writer (a list import) may hold the
    write lock for minutes, batch after batch; keep asking in short steps until it is free."""
    deadline = time.monotonic() + patience
    while True:
        try:
            with store.transaction(actor) as tx:
                writes.record_read(tx, "backup", "full")
            return
        except StoreBusyError:
            if time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.001, 0.02))


def _manifest(engine: str, payload: str, rev: str, seq: int, digest: str) -> Manifest:
    return Manifest(engine, payload, rev, seq, digest, utc_now(), __version__)


def _manifest_line(m: Manifest) -> bytes:
    return json.dumps(asdict(m), sort_keys=True).encode() + b"\n"


def _backup_sqlite(store: Store, path: Path, key: BackupKey) -> Manifest:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".powtrace-backup-", dir=path.parent) as tmp:
        copy = Path(tmp) / "copy.db"
        target = _sqlcipher(copy, key.hex)
        raw = store.engine.raw_connection()
        try:
            # One step (pages=-1) under one read lock: a consistent copy, re-encrypted with
            # the backup key; writers wait for it (busy_timeout), they do not fail.
            raw.driver_connection.backup(target, pages=-1)  # type: ignore[union-attr]
        finally:
            raw.close()
        try:
            _check_pages(target, path)
            rev, seq, digest = _head_of(target)
        finally:
            target.close()
        manifest = _manifest("sqlite", SQLCIPHER_PAYLOAD, rev, seq, digest)
        writer = fmt.BackupWriter(path, key)
        try:
            writer.write(_manifest_line(manifest))
            with copy.open("rb") as fh:
                while piece := fh.read(fmt.CHUNK):
                    writer.write(piece)
            writer.commit()
        except BaseException:
            writer.abort()
            raise
    return manifest


def _backup_postgres(store: Store, path: Path, key: BackupKey) -> Manifest:
    writer = fmt.BackupWriter(path, key)
    try:
        with store.engine.connect() as plain:
            conn = plain.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
            with conn.begin():  # one snapshot: every table as of the same moment
                rev = MigrationContext.configure(conn).get_current_revision()
                head = conn.execute(sa.select(audit_head).where(audit_head.c.id == 1)).one()
                manifest = _manifest(
                    "postgresql", JSONL_PAYLOAD, str(rev), int(head.seq), head.hash
                )
                writer.write(_manifest_line(manifest))
                for piece in fmt.deflate(fmt.dump_rows(conn)):
                    writer.write(piece)
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    return manifest


# ---- staging and checking -------------------------------------------------------------------
@dataclass
class Staged:
    """A backup decrypted into a temporary SQLCipher file, checked, at this code's schema."""

    db: Path
    key_hex: str
    manifest: Manifest
    entries: int
    records: int
    migrated: bool

    @contextlib.contextmanager
    def engine(self) -> Iterator[sa.Engine]:
        engine = eng.make_engine(eng.sqlcipher_url(self.db, self.key_hex))
        try:
            yield engine
        finally:
            engine.dispose()


def _known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(eng._alembic_config(None))  # type: ignore[arg-type]
    return {r.revision for r in script.walk_revisions()}


def stage(path: Path, key: BackupKey, workdir: Path) -> Staged:
    """Decrypt and check a whole backup in ``workdir``; raise on anything wrong."""
    reader = fmt.StreamReader(fmt.decrypt_stream(path, key))
    manifest = Manifest.parse(reader.readline(), path)
    if manifest.schema not in _known_revisions():
        raise BackupError(
            f"{path}: the backup is at schema {manifest.schema}, which this powtrace does not "
            f"know (it knows up to {eng.head_revision()}); restore it with a newer powtrace"
        )
    db = workdir / "staged.db"
    if manifest.payload == SQLCIPHER_PAYLOAD:
        key_hex = key.hex
        with db.open("wb") as fh:
            for piece in fmt.rest_of(reader):
                fh.write(piece)
    elif manifest.payload == JSONL_PAYLOAD:
        key_hex = secrets.token_hex(32)  # the staged copy is encrypted at rest too
        engine = eng.make_engine(eng.sqlcipher_url(db, key_hex))
        try:
            eng.migrate(engine, manifest.schema)
            with engine.begin() as conn:
                fmt.clear_rows(conn)
                lines = fmt.lines_of(fmt.StreamReader(fmt.inflate(fmt.rest_of(reader))))
                fmt.load_rows(conn, lines)
        except sa.exc.DBAPIError as exc:
            raise BackupError(
                f"{path}: the backup's rows do not fit its schema ({exc.orig})"
            ) from None
        finally:
            engine.dispose()
    else:
        raise BackupError(f"{path}: unknown kind of backup data '{manifest.payload}'")
    raw = _sqlcipher(db, key_hex)
    try:
        _check_pages(raw, path)
        rev, seq, digest = _head_of(raw)
        raw.execute("DELETE FROM web_sessions")  # everyone signs in again after a restore
    except BackupError:
        raise
    except Exception as exc:
        raise BackupError(f"{path}: the copy of the store cannot be read ({exc})") from None
    finally:
        raw.close()
    if (rev, seq, digest) != (manifest.schema, manifest.audit_seq, manifest.audit_hash):
        raise BackupError(
            f"{path}: the data does not match the manifest (schema {rev}, audit entry {seq}; "
            f"the manifest says schema {manifest.schema}, entry {manifest.audit_seq})"
        )
    engine = eng.make_engine(eng.sqlcipher_url(db, key_hex))
    try:
        migrated = rev != eng.head_revision()
        if migrated:
            eng.migrate(engine)
        with engine.connect() as conn:
            report = verify_store(conn)
    finally:
        engine.dispose()
    if not report.ok:
        raise BackupError(
            f"{path}: 'audit verify' fails on the backup: {report.problems[0].message}; "
            "nothing was restored"
        )
    return Staged(db, key_hex, manifest, report.entries, report.records, migrated)


def check_backup(path: Path, key: BackupKey) -> RestoreReport:
    """Decrypt and verify a backup completely, without restoring it."""
    with tempfile.TemporaryDirectory(prefix="powtrace-check-") as tmp:
        s = stage(path, key, Path(tmp))
    return RestoreReport(path, s.manifest, False, s.entries, s.records, s.migrated)


# ---- restoring ------------------------------------------------------------------------------
def restore_backup(
    home: Path, url: str | None, path: Path, key: BackupKey, *, force: bool = False
) -> RestoreReport:
    """Check a backup completely, then make it the store (``force``: even over data)."""
    if url is None:
        return _restore_sqlite(home, path, key, force)
    return _restore_postgres(url, path, key, force)


def _refuse_nonempty(where: str, entries: int) -> None:
    raise ConflictError(
        f"the store at {where} is not empty ({entries} audit entries); a restore would replace "
        "it. Take a backup of it first, then run the restore again with --force"
    )


def _restore_sqlite(home: Path, path: Path, key: BackupKey, force: bool) -> RestoreReport:
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    db = home / DB_FILE_NAME
    new_key_file: Path | None = None
    try:
        target_key = resolve_key(home)
    except StoreError:
        if db.exists():
            raise
        key_path = Path(os.environ.get("POWTRACE_KEY_FILE") or home / KEY_FILE_NAME)
        target_key, new_key_file = create_key_file(key_path), key_path
    if db.exists() and not force:
        entries = _sqlite_entries(db, target_key)
        if entries is None:
            raise ConflictError(
                f"{db} cannot be opened with its key, so it is not known to be empty; run the "
                "restore again with --force to replace it (it is kept beside the new one)"
            )
        if entries:
            _refuse_nonempty(str(db), entries)
    try:
        with tempfile.TemporaryDirectory(prefix=".powtrace-restore-", dir=home) as tmp:
            staged = stage(path, key, Path(tmp))
            if staged.key_hex != target_key:
                raw = _sqlcipher(staged.db, staged.key_hex)
                try:
                    raw.execute(f"PRAGMA rekey = \"x'{target_key}'\"")
                finally:
                    raw.close()
            replaced = _swap_in(db, staged.db)
    except BaseException:
        if new_key_file is not None and not db.exists():
            new_key_file.unlink(missing_ok=True)  # leave the home as it was
        raise
    store = Store.open(home)  # the store as everyone will open it: with its own key
    try:
        with store.reading() as conn:
            report = verify_store(conn)
    finally:
        store.close()
    if not report.ok:  # cannot happen after the checks above; say so loudly if it does
        raise StoreError(f"after the restore, audit verify fails: {report.problems[0].message}")
    return RestoreReport(
        path,
        staged.manifest,
        True,
        report.entries,
        report.records,
        staged.migrated,
        replaced,
        new_key_file,
    )


def _sqlite_entries(db: Path, key_hex: str) -> int | None:
    """How many audit entries an embedded store holds (None: it cannot be opened)."""
    try:
        raw = _sqlcipher(db, key_hex)
        try:
            row = raw.execute("SELECT seq FROM audit_head WHERE id = 1").fetchone()
            return int(row[0]) if row else 0
        finally:
            raw.close()
    except Exception:
        return None


def _sqlite_head(db: Path, key_hex: str) -> tuple[str, int, str] | None:
    try:
        raw = _sqlcipher(db, key_hex)
        try:
            return _head_of(raw)
        finally:
            raw.close()
    except Exception:
        return None


def _swap_in(db: Path, staged: Path) -> Path | None:
    """Put ``staged`` in place of ``db``; the old file is kept under a dated name."""
    replaced: Path | None = None
    lock = None
    if db.exists():
        import sqlcipher3

        lock = sqlcipher3.connect(str(db), isolation_level=None, timeout=30)
        with contextlib.suppress(sqlcipher3.DatabaseError):
            # An exclusive lock: no writer is half-way through while the file is swapped.
            lock.execute("BEGIN EXCLUSIVE")
    try:
        os.chmod(staged, 0o600)
        if db.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            replaced = db.with_name(f"{db.name}.replaced-{stamp}")
            os.replace(db, replaced)
            journal = db.with_name(db.name + "-journal")
            if journal.exists():
                os.replace(journal, replaced.with_name(replaced.name + "-journal"))
        os.replace(staged, db)
        fmt._fsync_dir(db.parent)
    finally:
        if lock is not None:
            lock.close()
    return replaced


def _restore_postgres(url: str, path: Path, key: BackupKey, force: bool) -> RestoreReport:
    engine = eng.make_engine(url)
    try:
        eng.check_access(engine)
        with engine.connect() as conn:
            entries = _pg_entries(conn)
        if entries and not force:
            _refuse_nonempty(eng.describe(engine), entries)
        with tempfile.TemporaryDirectory(prefix="powtrace-restore-") as tmp:
            staged = stage(path, key, Path(tmp))
            with (
                staged.engine() as source,
                source.connect() as src,
                engine.connect() as dst,
                dst.begin(),  # all of it, or nothing
            ):
                dst.exec_driver_sql("SET LOCAL lock_timeout = '60s'")
                metadata.drop_all(dst, checkfirst=True)
                dst.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
                command.upgrade(eng._alembic_config(dst), "head")
                fmt.clear_rows(dst)
                fmt.load_rows(dst, fmt.dump_rows(src))
                fmt.reset_sequences(dst)
                report = verify_store(dst)
                head = dst.execute(sa.select(audit_head.c.seq, audit_head.c.hash)).one()
                expected = (staged.manifest.audit_seq, staged.manifest.audit_hash)
                if not report.ok or tuple(head) != expected:
                    raise BackupError(
                        f"{path}: the restored copy does not verify; nothing was changed"
                    )
    finally:
        engine.dispose()
    return RestoreReport(
        path, staged.manifest, True, report.entries, report.records, staged.migrated
    )


def _pg_entries(conn: sa.Connection) -> int:
    if "audit_head" not in fmt.existing_tables(conn):
        return 0
    seq = conn.execute(sa.select(audit_head.c.seq).where(audit_head.c.id == 1)).scalar()
    return int(seq or 0)


# ---- rekeying the embedded store ------------------------------------------------------------
@dataclass
class RekeyReport:
    key_file: Path
    entries: int
    kept_old: tuple[Path, ...]


def _rekey_paths(home: Path) -> tuple[Path, Path, Path, Path, Path, Path]:
    if os.environ.get("POWTRACE_KEY"):
        raise StoreError(
            "the key comes from POWTRACE_KEY; rekey writes key files. Move the key into a "
            "file (mode 0600) named by POWTRACE_KEY_FILE, unset POWTRACE_KEY, and run it again"
        )
    key_path = Path(os.environ.get("POWTRACE_KEY_FILE") or home / KEY_FILE_NAME)
    db = home / DB_FILE_NAME
    return (
        db,
        db.with_name(db.name + ".rekeyed"),
        db.with_name(db.name + ".old"),
        key_path,
        key_path.with_name(key_path.name + ".new"),
        key_path.with_name(key_path.name + ".old"),
    )


def _opens(db: Path, key_hex: str) -> bool:
    return _sqlite_entries(db, key_hex) is not None


def recover_rekey(home: Path) -> str | None:
    """Finish or undo a rekey that was interrupted; say which (None: nothing to do)."""
    db, staged, old_db, key_path, new_key, old_key = _rekey_paths(home)
    if not new_key.exists():
        return None
    new_hex = read_key_file(new_key)
    if db.exists() and _opens(db, new_hex):  # the files were switched; finish the keys
        if key_path.exists():
            os.replace(key_path, old_key)
        os.replace(new_key, key_path)
        fmt._fsync_dir(key_path.parent)
        return "finished the interrupted rekey"
    if not db.exists() and old_db.exists():
        os.replace(old_db, db)
    staged.unlink(missing_ok=True)
    new_key.unlink()
    return "undid the interrupted rekey"


def rekey_store(home: Path, *, keep_old: bool = False) -> RekeyReport:
    """Re-encrypt the embedded store with a new random key in a new key file (mode 0600).

    The new copy is made and checked (opens with the new key only, pages, audit verify)
    under an exclusive lock before it replaces the store; the old key and file are kept until
    the store opens and verifies with the new key, and then deleted unless ``keep_old``.
    """
    db, staged, old_db, key_path, new_key_path, old_key = _rekey_paths(home)
    if not db.exists():
        raise StoreError(f"no store at {db}; nothing to rekey")
    recover_rekey(home)
    old_hex = read_key_file(key_path)
    staged.unlink(missing_ok=True)
    new_hex = create_key_file(new_key_path)
    lock = _sqlcipher(db, old_hex)
    try:
        # A read transaction held to the end: the copy is consistent and no one else can
        # commit (writers wait, or fail after their busy timeout) until the files are switched.
        lock.execute("BEGIN")
        head_before = _head_of(lock)
        copy = _sqlcipher(staged, old_hex)
        try:
            lock.backup(copy, pages=-1)
            copy.execute(f"PRAGMA rekey = \"x'{new_hex}'\"")
        finally:
            copy.close()
        if _opens(staged, old_hex) or not _opens(staged, new_hex):
            raise StoreError("the rekeyed copy does not open with the new key only")
        check = _sqlcipher(staged, new_hex)
        try:
            _check_pages(check, staged)
        finally:
            check.close()
        engine = eng.make_engine(eng.sqlcipher_url(staged, new_hex))
        try:
            with engine.connect() as conn:
                report = verify_store(conn)
        finally:
            engine.dispose()
        if not report.ok:
            raise StoreError(f"audit verify fails on the rekeyed copy: {report.problems[0]}")
        os.chmod(staged, 0o600)
        with staged.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(db, old_db)
        os.replace(staged, db)
        os.replace(key_path, old_key)
        os.replace(new_key_path, key_path)
        fmt._fsync_dir(home)
    except BaseException:
        lock.close()
        recover_rekey(home)
        staged.unlink(missing_ok=True)
        raise
    lock.close()
    if _sqlite_head(old_db, old_hex) != head_before:
        raise StoreError(
            f"another powtrace process wrote to the store while it was being rekeyed; its "
            f"writes are in {old_db} (old key {old_key}). Stop every powtrace process, and "
            "restore from a backup or ask for help; nothing was deleted"
        )
    store = Store.open(home)
    try:
        with store.reading() as conn:
            final = verify_store(conn)
    finally:
        store.close()
    if not final.ok:
        raise StoreError(
            f"the rekeyed store does not verify; the old file and key are kept as {old_db} "
            f"and {old_key}"
        )
    kept: tuple[Path, ...] = (old_db, old_key)
    if not keep_old:
        for p in kept:
            _shred(p)
        kept = ()
    return RekeyReport(key_path, final.entries, kept)


def _shred(path: Path) -> None:
    """Overwrite a small secret file before deleting it; delete a large one."""
    try:
        if path.stat().st_size <= 4096:
            with path.open("r+b") as fh:
                fh.write(secrets.token_bytes(path.stat().st_size))
                fh.flush()
                os.fsync(fh.fileno())
    except OSError:
        pass
    path.unlink(missing_ok=True)
