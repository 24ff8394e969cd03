"""Full-text search with each engine's own facilities: source texts, and name search on SQLite.

PostgreSQL: a GIN index on the ``simple`` text-search vector of each source's title and text
(no stemming: sources are in three languages, and a query's words match as prefixes, which
covers most Russian and Ukrainian endings), over the text with the punctuation of URLs,
addresses and tags turned into spaces, so that PostgreSQL splits them into words as SQLite
does. The expression must stay identical to the one in ``powtrace.store.fulltext``, or the
planner cannot use the index. (The colon comes last in the list of characters: followed by a
letter, SQLAlchemy would read it as a bound parameter.)

SQLite: two FTS5 tables kept by triggers, so every write path (imports, merges, restores,
bulk loads) keeps them without knowing of them:

- ``sources_fts`` holds each source's title and text (``unicode61``, case folded, diacritics
  kept, as on PostgreSQL). Both FTS5 tables use ``secure-delete``, so the words of a deleted
  row leave the index at once. It keeps its own copy of the text and the source's id: an external
  content table would key on ``sources.rowid``, which VACUUM may renumber, since sources have a
  text primary key.
- ``name_forms_fts`` is a trigram index over ``name_forms.search_key``, for the name search's
  substring fallback (``LIKE '%word%'``), which otherwise reads every name form. It is an
  external-content table keyed on ``name_forms.id`` (an INTEGER PRIMARY KEY, stable under VACUUM),
  so it stores only the index.

SQLite drops a table's triggers with the table: a later migration that rebuilds ``sources`` or
``name_forms`` in batch mode must create the triggers again (``create_sqlite_triggers``).

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

PG_SOURCES_INDEX = "ix_sources_fulltext"
PG_SOURCES_DOCUMENT = (
    "to_tsvector('simple'::regconfig, translate(coalesce(title, '') || ' ' || "
    "coalesce(text, ''), '<>/@._&:', '        '))"
)

SQLITE_TRIGGERS = (
    """CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources BEGIN
        INSERT INTO sources_fts (source_id, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER sources_fts_delete AFTER DELETE ON sources BEGIN
        DELETE FROM sources_fts WHERE source_id = old.id;
    END""",
    """CREATE TRIGGER sources_fts_update AFTER UPDATE OF id, title, text ON sources BEGIN
        DELETE FROM sources_fts WHERE source_id = old.id;
        INSERT INTO sources_fts (source_id, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER name_forms_fts_insert AFTER INSERT ON name_forms BEGIN
        INSERT INTO name_forms_fts (rowid, search_key) VALUES (new.id, new.search_key);
    END""",
    """CREATE TRIGGER name_forms_fts_delete AFTER DELETE ON name_forms BEGIN
        INSERT INTO name_forms_fts (name_forms_fts, rowid, search_key)
        VALUES ('delete', old.id, old.search_key);
    END""",
    """CREATE TRIGGER name_forms_fts_update AFTER UPDATE OF id, search_key ON name_forms BEGIN
        INSERT INTO name_forms_fts (name_forms_fts, rowid, search_key)
        VALUES ('delete', old.id, old.search_key);
        INSERT INTO name_forms_fts (rowid, search_key) VALUES (new.id, new.search_key);
    END""",
)
SQLITE_TRIGGER_NAMES = tuple(statement.split()[2] for statement in SQLITE_TRIGGERS)


def create_sqlite_triggers() -> None:
    for statement in SQLITE_TRIGGERS:
        op.execute(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE INDEX IF NOT EXISTS {PG_SOURCES_INDEX} ON sources "
            f"USING gin (({PG_SOURCES_DOCUMENT}))"
        )
        return
    op.execute(
        "CREATE VIRTUAL TABLE sources_fts USING fts5("
        "source_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 0')"
    )
    # secure-delete: a deleted row's words leave the index at once, not at the next merge.
    op.execute("INSERT INTO sources_fts (sources_fts, rank) VALUES ('secure-delete', 1)")
    op.execute(
        "INSERT INTO sources_fts (source_id, title, text) SELECT id, title, text FROM sources"
    )
    op.execute(
        "CREATE VIRTUAL TABLE name_forms_fts USING fts5("
        "search_key, content = 'name_forms', content_rowid = 'id', tokenize = 'trigram')"
    )
    op.execute("INSERT INTO name_forms_fts (name_forms_fts, rank) VALUES ('secure-delete', 1)")
    op.execute("INSERT INTO name_forms_fts (name_forms_fts) VALUES ('rebuild')")
    create_sqlite_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {PG_SOURCES_INDEX}")
        return
    for name in SQLITE_TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS name_forms_fts")
    op.execute("DROP TABLE IF EXISTS sources_fts")
