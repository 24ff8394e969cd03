"""The database schema as SQLAlchemy Core tables; Alembic migrations create and evolve it.

Only portable types are used, so the same schema runs on SQLCipher and PostgreSQL. Times are
ISO 8601 text in UTC: identical on both engines and in the audit chain. Dates of events and
births keep their partial text form plus day bounds (``*_lo``/``*_hi``) for range queries.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)

ID = sa.String(40)
SHORT = sa.String(40)

persons = sa.Table(
    "persons",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("birth_date", SHORT),
    sa.Column("birth_lo", sa.Date),
    sa.Column("birth_hi", sa.Date),
    sa.Column("birth_place", sa.Text),
    sa.Column("gender", SHORT, nullable=False),
    sa.Column("side", SHORT, nullable=False),
    sa.Column("unit", sa.Text),
    sa.Column("rank", sa.Text),
    sa.Column("service_number", sa.Text),
    sa.Column("home_region", sa.Text),
    sa.Column("note", sa.Text),
    sa.Column("visibility", SHORT, nullable=False),
    sa.Column("field_visibility", sa.JSON, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("created_at", SHORT, nullable=False),
    sa.Column("updated_at", SHORT, nullable=False),
    sa.Column("merged_into", ID, index=True),
    # Derived, never shown (0011): the display name case-folded (``rows.sort_name``), written
    # with every write of the person. The person list reads a page of the live persons
    # (merged_into NULL) in order from this index alone, on either engine; PostgreSQL's
    # compares sort_name and id bytewise (COLLATE "C", see ``rows.list_order``).
    sa.Column("sort_name", sa.Text, nullable=False),
    sa.Index("ix_persons_sort_name", "merged_into", "sort_name", "id", "visibility"),
)

name_forms = sa.Table(
    "name_forms",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "person_id", ID, sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("kind", SHORT, nullable=False),
    sa.Column("language", SHORT),
    sa.Column("surname", sa.Text),
    sa.Column("given", sa.Text),
    sa.Column("patronymic", sa.Text),
    sa.Column("script", SHORT, nullable=False),
    # Derived, never shown: a folded Latin key so a search in any script finds the form.
    sa.Column("search_key", sa.Text, nullable=False, index=True),
)

# The inverted index for name search and linkage blocking: every match key of every name
# form (names.name_keys: surname, given name, patronymic, initials, sound-alike skeletons).
# Derived from the name forms and rewritten with them; never shown, never exported.
name_keys = sa.Table(
    "name_keys",
    metadata,
    sa.Column(
        "person_id", ID, sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("key", sa.String(120), nullable=False),
    # Covering (0006): search intersects the holders of each name part inside the index.
    sa.Index("ix_name_keys_key_person", "key", "person_id", "position"),
)

external_ids = sa.Table(
    "external_ids",
    metadata,
    sa.Column(
        "person_id", ID, sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("scheme", sa.String(100), nullable=False),
    sa.Column("value", sa.String(200), nullable=False),
    sa.PrimaryKeyConstraint("scheme", "value", name="pk_external_ids"),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("kind", SHORT, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("media_type", sa.String(100), nullable=False),
    sa.Column("filename", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", SHORT),
    sa.Column("language", SHORT),
    sa.Column("reliability", sa.String(1), nullable=False),
    sa.Column("retrieved_at", SHORT),
    sa.Column("archive_path", sa.Text),
    sa.Column("content", sa.LargeBinary),
    sa.Column("text", sa.Text),
    sa.Column("visibility", SHORT, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("created_at", SHORT, nullable=False),
    sa.Column("published_basis", SHORT),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("type", SHORT, nullable=False, index=True),
    sa.Column("person_id", ID, sa.ForeignKey("persons.id"), index=True),
    sa.Column("date", SHORT),
    sa.Column("date_lo", sa.Date),
    sa.Column("date_hi", sa.Date),
    sa.Column("date_note", sa.Text),
    sa.Column("place", sa.Text),
    sa.Column("agency", sa.Text),
    sa.Column("group_size", sa.Integer),
    sa.Column("details", sa.JSON, nullable=False),
    sa.Column("review", SHORT, nullable=False),
    sa.Column("visibility", SHORT, nullable=False),
    sa.Column("field_visibility", sa.JSON, nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("created_at", SHORT, nullable=False),
    sa.Column("updated_at", SHORT, nullable=False),
)

citations = sa.Table(
    "citations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "event_id", ID, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("source_id", ID, sa.ForeignKey("sources.id"), nullable=False, index=True),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("excerpt", sa.Text, nullable=False),
    sa.Column("credibility", sa.Integer, nullable=False),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    # seq is assigned by the writer (last + 1), not by the engine, so a gap means a deletion.
    sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("at", SHORT, nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("action", SHORT, nullable=False),
    sa.Column("entity", SHORT, nullable=False),
    sa.Column("entity_id", ID, nullable=False, index=True),
    sa.Column("before", sa.Text),
    sa.Column("after", sa.Text),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

# One row (id = 1) naming the last audit entry: writers lock it, so entries are appended one
# at a time, and cutting entries off the end of the log is detected.
audit_head = sa.Table(
    "audit_head",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

# A human decision that two records are, or are not, the same person. ``left_ref`` and
# ``right_ref`` name the records ("person:p-…", "ext:scheme:value"), sorted, so one pair is
# one row whichever way round it was asked; the id derives from the pair.
judgements = sa.Table(
    "judgements",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("left_ref", sa.String(300), nullable=False),
    sa.Column("right_ref", sa.String(300), nullable=False),
    sa.Column("decision", SHORT, nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("at", SHORT, nullable=False),
    sa.Column("note", sa.Text),
    sa.UniqueConstraint("left_ref", "right_ref", name="uq_judgements_pair"),
)

# One merge of a person record into another, with what moved, so it can be undone.
merges = sa.Table(
    "merges",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("winner_id", ID, sa.ForeignKey("persons.id"), nullable=False, index=True),
    sa.Column("loser_id", ID, sa.ForeignKey("persons.id"), nullable=False, index=True),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("at", SHORT, nullable=False),
    sa.Column("moved", sa.JSON, nullable=False),
    sa.Column("undone_at", SHORT),
    sa.Column("undone_by", sa.String(200)),
)

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# ---- the web application's accounts (0003) ---------------------------------------------------
# Who may sign in, with which role. The password is an argon2 hash; the TOTP secret is kept
# because codes are checked against it (the embedded store encrypts it at rest).
accounts = sa.Table(
    "accounts",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("username", sa.String(100), nullable=False, unique=True),
    sa.Column("role", SHORT, nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("totp_secret", sa.String(64)),
    # The time step of the last code accepted: a code is never accepted twice (replay).
    sa.Column("totp_last_step", sa.BigInteger),
    sa.Column("locale", SHORT, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("created_at", SHORT, nullable=False),
    sa.Column("updated_at", SHORT, nullable=False),
)

# Browser sessions, server-side: the cookie holds a random id, the table only its SHA-256, so
# a copy of the database does not hand out live sessions. ``account_id`` is NULL before
# sign-in (the login form needs a CSRF token too); ``stage`` says how far sign-in has got.
web_sessions = sa.Table(
    "web_sessions",
    metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),
    sa.Column("account_id", ID, sa.ForeignKey("accounts.id", ondelete="CASCADE"), index=True),
    sa.Column("stage", SHORT, nullable=False),
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("pending_totp", sa.String(64)),
    sa.Column("created_at", SHORT, nullable=False),
    sa.Column("seen_at", SHORT, nullable=False),
    sa.Column("expires_at", SHORT, nullable=False, index=True),
)

# Personal API tokens: only the SHA-256 of each token is kept.
api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column(
        "account_id",
        ID,
        sa.ForeignKey("accounts.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", SHORT, nullable=False),
    sa.Column("expires_at", SHORT),
    sa.Column("revoked_at", SHORT),
    sa.Column("last_used_at", SHORT),
)

# Sign-in attempts, kept in the database so the rate limit holds across processes.
login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", SHORT, nullable=False, index=True),
    sa.Column("username", sa.String(100), nullable=False, index=True),
    sa.Column("ip", sa.String(64), nullable=False, index=True),
    sa.Column("kind", SHORT, nullable=False),
    sa.Column("ok", sa.Boolean, nullable=False),
)

# ---- review queue and legal findings (0004) ---------------------------------------------------
# What extraction proposed from a source and a human has not yet decided. ``fingerprint``
# derives from the source and the evidence, so re-ingesting never proposes the same thing
# again, and a rejected proposal stays rejected.
proposals = sa.Table(
    "proposals",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("source_id", ID, sa.ForeignKey("sources.id"), nullable=False, index=True),
    sa.Column("kind", SHORT, nullable=False),  # person | event
    sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("status", SHORT, nullable=False, index=True),  # pending | accepted | rejected
    sa.Column("result_id", ID),  # the person or event an accepted proposal became
    sa.Column("decided_by", sa.String(200)),
    sa.Column("decided_at", SHORT),
    sa.Column("note", sa.Text),
    sa.Column("created_at", SHORT, nullable=False),
)

# A rule that holds (or held) for a person. Never deleted: when the facts stop supporting it,
# ``supported`` turns false and ``change`` says what changed. ``id`` is the rule engine's
# fingerprint (rule + person + key events), so re-evaluation updates the same row.
findings = sa.Table(
    "findings",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("rule_id", sa.String(100), nullable=False, index=True),
    sa.Column("person_id", ID, sa.ForeignKey("persons.id"), nullable=False, index=True),
    sa.Column("certainty", SHORT, nullable=False),
    sa.Column("severity", SHORT, nullable=False),
    sa.Column("status", SHORT, nullable=False),  # open | acknowledged | acted_on | dismissed
    sa.Column("status_reason", sa.Text),
    sa.Column("supported", sa.Boolean, nullable=False),
    sa.Column("change", sa.Text),  # why it is no longer supported, or what changed last
    sa.Column("details", sa.JSON, nullable=False),  # explanation, events, computed values
    sa.Column("first_seen_at", SHORT, nullable=False),
    sa.Column("evaluated_at", SHORT, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
)

# ---- case work (0005) -----------------------------------------------------------------------
# A request for help: a family looking for a son, a lawyer's client. Seen like any other record
# (``visibility``); its people, relatives, tasks and notes are seen with it.
cases = sa.Table(
    "cases",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("kind", SHORT, nullable=False),  # family_search | legal_defence | …
    sa.Column("status", SHORT, nullable=False, index=True),  # open | waiting | closed
    sa.Column("summary", sa.Text),
    sa.Column("visibility", SHORT, nullable=False),
    sa.Column("created_by", sa.String(200), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("created_at", SHORT, nullable=False),
    sa.Column("updated_at", SHORT, nullable=False),
)

# A registry person a case concerns, with the part they play (sought, client, witness …).
case_persons = sa.Table(
    "case_persons",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("case_id", ID, sa.ForeignKey("cases.id"), nullable=False, index=True),
    sa.Column("person_id", ID, sa.ForeignKey("persons.id"), nullable=False, index=True),
    sa.Column("role", SHORT, nullable=False),
    sa.UniqueConstraint("case_id", "person_id", name="uq_case_persons_pair"),
)

# A relative who asked for help or is to be kept informed. Contact details are kept only with
# recorded consent (when, how); the audit chain keeps a hash salted with ``contact_salt``.
case_relatives = sa.Table(
    "case_relatives",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("case_id", ID, sa.ForeignKey("cases.id"), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("relationship", SHORT, nullable=False),
    sa.Column("contact", sa.Text),
    sa.Column("contact_salt", sa.String(32)),
    sa.Column("contact_visibility", SHORT, nullable=False),
    sa.Column("consent", sa.Boolean, nullable=False),
    sa.Column("consent_date", SHORT),
    sa.Column("consent_how", SHORT),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("created_at", SHORT, nullable=False),
    sa.Column("updated_at", SHORT, nullable=False),
)

# Work to do on a case, with a deadline (an ISO day, so it sorts) and who is to do it.
case_tasks = sa.Table(
    "case_tasks",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("case_id", ID, sa.ForeignKey("cases.id"), nullable=False, index=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("due", SHORT, index=True),
    sa.Column("assignee", sa.String(200)),
    sa.Column("done", sa.Boolean, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("created_at", SHORT, nullable=False),
    sa.Column("updated_at", SHORT, nullable=False),
)

# Notes on a case: added, never edited.
case_notes = sa.Table(
    "case_notes",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("case_id", ID, sa.ForeignKey("cases.id"), nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("at", SHORT, nullable=False),
)

# ---- background jobs (0008) -----------------------------------------------------------------
# Work that outlives its request (a list imported from the web page). Progress is kept here, not
# in a process's memory, so any server process can answer the progress page. Operational
# metadata like ``login_attempts``: not audited. ``result`` is JSON text, set when done.
jobs = sa.Table(
    "jobs",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("kind", SHORT, nullable=False),  # list_import
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("status", SHORT, nullable=False),  # running | done | failed
    sa.Column("done", sa.Integer, nullable=False),
    sa.Column("total", sa.Integer, nullable=False),
    sa.Column("result", sa.Text),
    sa.Column("error", sa.Text),
    sa.Column("created_at", SHORT, nullable=False),
    sa.Column("updated_at", SHORT, nullable=False),
)
