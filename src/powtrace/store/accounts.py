"""Accounts of the web application: roles, passwords, two-factor secrets, sessions, API tokens.

Account and token changes are audited through :meth:`Tx.record` in the same transaction, and
:func:`snapshots` lets ``audit verify`` name an account changed behind powtrace's back (a role
raised with a database tool, a password hash swapped). Audit snapshots never hold a secret:
only a fingerprint of the credentials. Sessions and sign-in attempts are operational state,
not records, so they are not audited.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from powtrace.domain.errors import ConflictError, NotFoundError, ValidationError
from powtrace.domain.model import new_id
from powtrace.domain.visibility import Visibility
from powtrace.store.schema import accounts, api_tokens, login_attempts, web_sessions
from powtrace.store.store import Tx, utc_now

# Module-level so tests can swap in cheaper parameters; the defaults are argon2-cffi's
# (RFC 9106 "low memory" profile).
HASHER = PasswordHasher()
_DUMMY_HASH: dict[str, str] = {}
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,62}")
MIN_PASSWORD = 12
LOCALES = ("en", "ru", "uk")


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    ANALYST = "analyst"
    LAWYER = "lawyer"
    VIEWER = "viewer"

    @property
    def clearance(self) -> Visibility:
        """What this role may see (docs/web.md explains the mapping)."""
        return CLEARANCE[self]


CLEARANCE = {
    Role.VIEWER: Visibility.PUBLIC,
    Role.ANALYST: Visibility.RESTRICTED,
    Role.LAWYER: Visibility.SEALED,
    Role.ADMINISTRATOR: Visibility.SEALED,
}


@dataclass(frozen=True)
class Account:
    id: str
    username: str
    role: Role
    locale: str
    active: bool
    password_hash: str
    totp_secret: str | None
    version: int
    created_at: str

    @property
    def clearance(self) -> Visibility:
        return self.role.clearance

    @property
    def two_factor(self) -> bool:
        return self.totp_secret is not None


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def snapshot(a: Account) -> dict[str, Any]:
    """What the audit chain keeps of an account: no secret, only a credential fingerprint."""
    return {
        "username": a.username,
        "role": a.role.value,
        "locale": a.locale,
        "active": a.active,
        "two_factor": a.two_factor,
        "credentials": _sha256(a.password_hash + "\n" + (a.totp_secret or "")),
    }


def _from_row(r: Any) -> Account:
    return Account(
        r.id,
        r.username,
        Role(r.role),
        r.locale,
        bool(r.active),
        r.password_hash,
        r.totp_secret,
        r.version,
        r.created_at,
    )


# ---- checks --------------------------------------------------------------------------------
def check_username(name: str) -> str:
    """A username in canonical form, or a ValidationError saying what is wrong."""
    name = (name or "").strip().lower()
    if not USERNAME.fullmatch(name):
        raise ValidationError(
            "use 2–63 characters: Latin letters, digits, dot, dash or underscore, "
            "starting with a letter or digit"
        )
    return name


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError(f"use at least {MIN_PASSWORD} characters")


def parse_role(value: str) -> Role:
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise ValidationError(f"unknown role '{value}': use one of {allowed}") from None


def check_locale(value: str) -> str:
    if value not in LOCALES:
        raise ValidationError(f"unknown language '{value}': use one of {', '.join(LOCALES)}")
    return value


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def password_matches(account: Account | None, password: str) -> bool:
    """Check a password; an unknown account costs the same time, so it cannot be told apart."""
    if account is None:
        params = repr(HASHER)
        if params not in _DUMMY_HASH:
            _DUMMY_HASH[params] = HASHER.hash(secrets.token_urlsafe(16))
        stored = _DUMMY_HASH[params]
    else:
        stored = account.password_hash
    try:
        return HASHER.verify(stored, password) and account is not None and account.active
    except (VerificationError, InvalidHashError):
        return False


# ---- accounts (audited) --------------------------------------------------------------------
def get(conn: sa.Connection, account_id: str) -> Account:
    row = conn.execute(sa.select(accounts).where(accounts.c.id == account_id)).first()
    if row is None:
        raise NotFoundError(f"no account with id '{account_id}'")
    return _from_row(row)


def find_by_username(conn: sa.Connection, username: str) -> Account | None:
    name = (username or "").strip().lower()
    row = conn.execute(sa.select(accounts).where(accounts.c.username == name)).first()
    return _from_row(row) if row else None


def all_accounts(conn: sa.Connection) -> list[Account]:
    return [_from_row(r) for r in conn.execute(sa.select(accounts).order_by(accounts.c.username))]


def count(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(accounts)).scalar() or 0)


def create(tx: Tx, username: str, role: Role | str, password: str, locale: str = "en") -> Account:
    """Add an account (checked first, then written and audited)."""
    name = check_username(username)
    role = parse_role(role)
    check_password(password)
    check_locale(locale)
    if find_by_username(tx.conn, name) is not None:
        raise ConflictError(f"the username '{name}' is taken")
    account = Account(
        new_id("u"), name, role, locale, True, hash_password(password), None, 1, tx.at
    )
    tx.conn.execute(
        accounts.insert().values(
            id=account.id,
            username=name,
            role=role.value,
            password_hash=account.password_hash,
            totp_secret=None,
            locale=locale,
            active=True,
            version=1,
            created_at=tx.at,
            updated_at=tx.at,
        )
    )
    tx.record("create", "account", account.id, None, snapshot(account))
    return account


_CHANGEABLE = {"role", "locale", "active", "password_hash", "totp_secret"}


def update(tx: Tx, account_id: str, **changes: Any) -> Account:
    """Change an account's role, language, state or credentials (audited)."""
    unknown = set(changes) - _CHANGEABLE
    if unknown:
        raise ValidationError(f"accounts have no changeable field {', '.join(sorted(unknown))}")
    if "role" in changes:
        changes["role"] = parse_role(changes["role"])
    if "locale" in changes:
        check_locale(changes["locale"])
    before = get(tx.conn, account_id)
    values = {k: (v.value if isinstance(v, Role) else v) for k, v in changes.items()}
    after_row = {**before.__dict__, **changes, "version": before.version + 1}
    after = Account(**after_row)
    if snapshot(after) == snapshot(before):
        return before
    tx.conn.execute(
        accounts.update()
        .where(accounts.c.id == account_id)
        .values(**values, version=after.version, updated_at=tx.at)
    )
    tx.record("update", "account", account_id, snapshot(before), snapshot(after))
    if {"password_hash", "active", "totp_secret"} & set(changes):
        end_sessions(tx.conn, account_id)  # new credentials: every other sign-in ends
    return after


def totp_accepts(
    conn: sa.Connection, account: Account, code: str, secret: str | None = None
) -> bool:
    """Check a two-factor code (one step of clock drift allowed); a used code is refused."""
    import pyotp  # local: only sign-in needs it

    secret = secret or account.totp_secret
    code = "".join((code or "").split())
    if not secret or not code.isdigit() or len(code) != 6:
        return False
    totp = pyotp.TOTP(secret)
    now = datetime.now(UTC)
    last = conn.execute(
        sa.select(accounts.c.totp_last_step).where(accounts.c.id == account.id)
    ).scalar()
    for drift in (0, -1, 1):
        at = now + timedelta(seconds=30 * drift)
        step = totp.timecode(at)
        if secrets.compare_digest(totp.at(at), code):
            if last is not None and step <= last:
                return False  # replayed (or older than one already used)
            conn.execute(
                accounts.update().where(accounts.c.id == account.id).values(totp_last_step=step)
            )
            return True
    return False


# ---- API tokens (audited) ------------------------------------------------------------------
@dataclass(frozen=True)
class ApiToken:
    id: str
    account_id: str
    name: str
    created_at: str
    expires_at: str | None
    revoked_at: str | None
    last_used_at: str | None


def _token_snapshot(r: Any) -> dict[str, Any]:
    return {
        "account_id": r.account_id,
        "name": r.name,
        "token_hash": r.token_hash,  # a hash of 256 random bits: useless to a reader
        "expires_at": r.expires_at,
        "revoked_at": r.revoked_at,
    }


def create_token(tx: Tx, account_id: str, name: str, days: int | None = 90) -> tuple[ApiToken, str]:
    """A new personal API token; the token itself is returned once and never stored."""
    name = " ".join((name or "").split())
    if not name or len(name) > 100:
        raise ValidationError("give the token a name of 1–100 characters")
    raw = "pt_" + secrets.token_urlsafe(32)
    expires = None
    if days:
        expires = (datetime.now(UTC) + timedelta(days=days)).isoformat(timespec="microseconds")
    values = {
        "id": new_id("t"),
        "account_id": account_id,
        "name": name,
        "token_hash": _sha256(raw),
        "created_at": tx.at,
        "expires_at": expires,
        "revoked_at": None,
        "last_used_at": None,
    }
    tx.conn.execute(api_tokens.insert().values(**values))
    snap = {k: values[k] for k in ("account_id", "name", "token_hash", "expires_at", "revoked_at")}
    tx.record("create", "api_token", values["id"], None, snap)
    token = ApiToken(**{k: values[k] for k in ApiToken.__dataclass_fields__})
    return token, raw


def tokens_of(conn: sa.Connection, account_id: str) -> list[ApiToken]:
    q = sa.select(api_tokens).where(api_tokens.c.account_id == account_id)
    return [
        ApiToken(
            r.id, r.account_id, r.name, r.created_at, r.expires_at, r.revoked_at, r.last_used_at
        )
        for r in conn.execute(q.order_by(api_tokens.c.created_at))
    ]


def revoke_token(tx: Tx, account_id: str, token_id: str) -> None:
    """Revoke one of an account's own tokens (audited)."""
    row = tx.conn.execute(
        sa.select(api_tokens).where(
            api_tokens.c.id == token_id, api_tokens.c.account_id == account_id
        )
    ).first()
    if row is None:
        raise NotFoundError(f"no token '{token_id}' of yours")
    if row.revoked_at is not None:
        return
    tx.conn.execute(api_tokens.update().where(api_tokens.c.id == token_id).values(revoked_at=tx.at))
    after = {**_token_snapshot(row), "revoked_at": tx.at}
    tx.record("update", "api_token", token_id, _token_snapshot(row), after)


def account_for_token(conn: sa.Connection, raw: str) -> Account | None:
    """The active account a live token belongs to, or None."""
    now = utc_now()
    row = conn.execute(
        sa.select(api_tokens).where(api_tokens.c.token_hash == _sha256(raw or ""))
    ).first()
    if row is None or row.revoked_at is not None or (row.expires_at and row.expires_at < now):
        return None
    account = get(conn, row.account_id)
    return account if account.active else None


# ---- sessions (not audited) ----------------------------------------------------------------
@dataclass(frozen=True)
class Session:
    id_hash: str
    account_id: str | None
    stage: str  # anonymous | totp (password given, code awaited) | full
    csrf_token: str
    pending_totp: str | None
    created_at: str
    expires_at: str


def _later(seconds: int) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat(timespec="microseconds")


def start_session(conn: sa.Connection, account_id: str | None, stage: str, ttl: int) -> str:
    """A new session; returns the raw id for the cookie (only its hash is stored)."""
    raw = secrets.token_urlsafe(32)
    now = utc_now()
    conn.execute(web_sessions.delete().where(web_sessions.c.expires_at < now))  # tidy up
    conn.execute(
        web_sessions.insert().values(
            id_hash=_sha256(raw),
            account_id=account_id,
            stage=stage,
            csrf_token=secrets.token_urlsafe(32),
            pending_totp=None,
            created_at=now,
            seen_at=now,
            expires_at=_later(ttl),
        )
    )
    return raw


def find_session(conn: sa.Connection, raw: str) -> Session | None:
    """The live session a cookie names, or None (unknown or expired)."""
    if not raw:
        return None
    row = conn.execute(
        sa.select(web_sessions).where(web_sessions.c.id_hash == _sha256(raw))
    ).first()
    if row is None or row.expires_at < utc_now():
        return None
    return Session(
        row.id_hash,
        row.account_id,
        row.stage,
        row.csrf_token,
        row.pending_totp,
        row.created_at,
        row.expires_at,
    )


def touch_session(conn: sa.Connection, id_hash: str, ttl: int, absolute_end: str) -> None:
    """Extend an idle timeout, never past the session's absolute end."""
    conn.execute(
        web_sessions.update()
        .where(web_sessions.c.id_hash == id_hash)
        .values(seen_at=utc_now(), expires_at=min(_later(ttl), absolute_end))
    )


def set_pending_totp(conn: sa.Connection, id_hash: str, secret: str | None) -> None:
    conn.execute(
        web_sessions.update().where(web_sessions.c.id_hash == id_hash).values(pending_totp=secret)
    )


def end_session(conn: sa.Connection, id_hash: str) -> None:
    conn.execute(web_sessions.delete().where(web_sessions.c.id_hash == id_hash))


def end_sessions(conn: sa.Connection, account_id: str) -> None:
    conn.execute(web_sessions.delete().where(web_sessions.c.account_id == account_id))


# ---- sign-in attempts (not audited) --------------------------------------------------------
def record_attempt(conn: sa.Connection, username: str, ip: str, kind: str, ok: bool) -> None:
    conn.execute(
        login_attempts.insert().values(
            at=utc_now(),
            username=(username or "").strip().lower()[:100],
            ip=ip[:64],
            kind=kind,
            ok=ok,
        )
    )


def failures_since(
    conn: sa.Connection, since: str, *, username: str | None = None, ip: str | None = None
) -> int:
    """Failed attempts since a time, for one username or one address."""
    q = sa.select(sa.func.count()).select_from(login_attempts)
    q = q.where(login_attempts.c.at >= since, login_attempts.c.ok.is_(False))
    if username is not None:
        q = q.where(login_attempts.c.username == username.strip().lower())
    if ip is not None:
        q = q.where(login_attempts.c.ip == ip)
    return int(conn.execute(q).scalar() or 0)


def recent_attempts(conn: sa.Connection, limit: int = 50) -> list[Any]:
    q = sa.select(login_attempts).order_by(login_attempts.c.id.desc()).limit(limit)
    return list(conn.execute(q))


# ---- audit verification ------------------------------------------------------------------------
def snapshots(conn: sa.Connection) -> dict[tuple[str, str], dict[str, Any]]:
    """Every account and token as the audit chain should have recorded it last."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for a in all_accounts(conn):
        out[("account", a.id)] = snapshot(a)
    for r in conn.execute(sa.select(api_tokens)):
        out[("api_token", r.id)] = _token_snapshot(r)
    return out
