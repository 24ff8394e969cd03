"""Administrator pages: the audit log, sign-in attempts, and accounts."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from powtrace.domain.errors import N_, ConflictError, NotFoundError, ValidationError
from powtrace.store import accounts
from powtrace.store.accounts import LOCALES, Role
from powtrace.web import labels
from powtrace.web.context import AdminDep, store_of
from powtrace.web.csrf import FormDep
from powtrace.web.forms import Form
from powtrace.web.templating import gettext, render
from powtrace.workflows import overview

router = APIRouter()
PAGE = 50
MAX_ID = 40  # the length of every id column


def new_password() -> str:
    """A random password of about 120 bits, easy to read out (no 0/O, 1/l)."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))


@router.get("/audit")
def audit_log(
    request: Request, ctx: AdminDep, before: int | None = None, record: str = ""
) -> Response:
    """The audit log, newest first, with recent sign-in attempts; ``record`` narrows it to the
    entries about one record (its changes, its reads, the searches that showed it)."""
    store = store_of(request)
    form = Form({"record": record.strip()})
    if len(form.get("record")) > MAX_ID:
        form.error("record", gettext(request, N_("A record id is at most 40 characters.")))
    wanted = form.get("record") or None
    entries = overview.audit_entries(store, PAGE, before, wanted) if form.ok else []
    with store.reading() as conn:
        attempts = accounts.recent_attempts(conn, 20)
    older = entries[-1].seq if len(entries) == PAGE else None
    context = {"entries": entries, "older": older, "attempts": attempts, "form": form}
    return render(request, "audit.html", context, 200 if form.ok else 400)


def _accounts_page(request: Request, form: Form, status: int = 200, **extra: object) -> Response:
    with store_of(request).reading() as conn:
        everyone = accounts.all_accounts(conn)
    role_options = [(r.value, gettext(request, labels.ROLES[r.value])) for r in Role]
    context = {
        "accounts": everyone,
        "form": form,
        "roles": list(Role),
        "role_options": role_options,
        "locales": LOCALES,
    }
    return render(request, "admin_accounts.html", {**context, **extra}, status)


@router.get("/admin/accounts")
def accounts_page(request: Request, ctx: AdminDep) -> Response:
    """Every account, and the form to add one."""
    return _accounts_page(request, Form({"role": "viewer", "locale": ctx.lang}))


@router.post("/admin/accounts")
def add_account(request: Request, ctx: AdminDep, data: FormDep) -> Response:
    """Add an account with a random first password, shown once."""
    form = Form.of(data, "username", "role", "locale")
    try:
        accounts.check_username(form.get("username"))
    except ValidationError:
        form.error(
            "username",
            gettext(
                request,
                "Use 2–63 characters: Latin letters, digits, dot, dash or underscore, "
                "starting with a letter or digit.",
            ),
        )
    if form.get("role") not in {r.value for r in Role}:
        form.error("role", gettext(request, "Choose a role from the list."))
    if form.get("locale") not in LOCALES:
        form.error("locale", gettext(request, "Choose a language from the list."))
    if not form.ok:
        return _accounts_page(request, form, 400)
    password = new_password()
    try:
        with store_of(request).transaction(ctx.actor) as tx:
            made = accounts.create(
                tx, form.get("username"), form.get("role"), password, form.get("locale")
            )
    except ConflictError:
        form.error("username", gettext(request, "This username is taken."))
        return _accounts_page(request, form, 400)
    return _accounts_page(request, Form({"role": "viewer"}), 200, created=(made, password))


@router.post("/admin/accounts/{account_id}")
def change_account(request: Request, ctx: AdminDep, data: FormDep, account_id: str) -> Response:
    """Change a role, suspend or restore, reset a password or two-factor."""
    form = Form.of(data, "action", "role")
    action = form.get("action")
    if account_id == ctx.account.id and action in {"role", "suspend"}:  # type: ignore[union-attr]
        form.error("action", gettext(request, "You cannot demote or suspend yourself."))
        return _accounts_page(request, form, 400)
    changes: dict[str, object]
    password = None
    if action == "role" and form.get("role") in {r.value for r in Role}:
        changes = {"role": form.get("role")}
    elif action == "suspend":
        changes = {"active": False}
    elif action == "restore":
        changes = {"active": True}
    elif action == "reset":
        password = new_password()
        changes = {"password_hash": accounts.hash_password(password), "totp_secret": None}
    else:
        form.error("action", gettext(request, "Choose what to change."))
        return _accounts_page(request, form, 400)
    try:
        with store_of(request).transaction(ctx.actor) as tx:
            changed = accounts.update(tx, account_id, **changes)
    except NotFoundError:
        form.error("action", gettext(request, "There is no such account."))
        return _accounts_page(request, form, 404)
    if password:
        return _accounts_page(request, Form({"role": "viewer"}), 200, created=(changed, password))
    return RedirectResponse("/admin/accounts", status_code=303)
