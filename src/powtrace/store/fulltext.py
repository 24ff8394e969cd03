"""Full-text search through each engine's own index (migration 0010).

Source texts: PostgreSQL matches a ``tsquery`` against a GIN-indexed ``tsvector``; SQLite
matches an FTS5 table. Both use the same semantics so that a search gives the same sources on
either engine: the query's words, case folded, each matched as the start of a word in the
title or text, all of them required. Prefix matching stands in for stemming, which neither
engine offers for Ukrainian: "Долгополов" finds "Долгополова" and "Долгополову". A Cyrillic
word of five letters or more also loses one final vowel, soft sign or й, since the nominative
often ends where other cases differ ("Игорь" must find "Игоря", "Андрій" "Андрія"). This is
written here rather than taken from a stemmer because it must be identical on both engines,
and neither PostgreSQL nor SQLite ships a Ukrainian one.

Name forms: on SQLite, the name search's substring fallback goes through a trigram FTS5 index
(PostgreSQL has ``pg_trgm`` for the same ``LIKE``, migration 0009).
"""

from __future__ import annotations

import re

import sqlalchemy as sa

from powtrace.store.schema import name_forms

MAX_TERMS = 12
MAX_TERM_CHARS = 64
_TERM = re.compile(r"[^\W_]+")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
_FINAL_LETTERS = set("аяоеёыиіїуюєьй")

# Must stay identical to the indexed expression of migration 0010. PostgreSQL's parser keeps
# URLs, e-mail addresses, hosts and paths as single tokens and drops anything that looks like a
# tag; SQLite's splits them into words. Turning their punctuation into spaces first makes both
# find "ukrpravda" in "https://t.me/ukrpravda/123".
_PG_DOCUMENT = (
    "to_tsvector('simple'::regconfig, translate(coalesce(title, '') || ' ' || "
    "coalesce(text, ''), '<>/@._&:', '        '))"
)

# SQLite tables of the engine's own (FTS5 and its shadow tables): not in the code's schema.
SQLITE_ONLY_TABLES = ("sources_fts", "name_forms_fts")


def engine_only_table(name: str) -> bool:
    """True for a table that one engine's search index adds (FTS5 tables and their shadows)."""
    return any(name == t or name.startswith(f"{t}_") for t in SQLITE_ONLY_TABLES)


def _stem(word: str) -> str:
    if len(word) >= 5 and word[-1] in _FINAL_LETTERS and _CYRILLIC_WORD.fullmatch(word):
        return word[:-1]
    return word


def query_terms(query: str) -> list[str]:
    """The query's words as both engines match them: case folded, each the start of a word.

    One-letter words are dropped when there are longer ones: as prefixes they match nearly
    every text ("Marchenko's" gives "marchenko" and "s").
    """
    seen: list[str] = []
    # lower(), not casefold(): the engines lowercase ("Straße" stays "straße" in their index).
    for match in _TERM.finditer(query.lower()):
        term = _stem(match.group(0)[:MAX_TERM_CHARS])
        if term not in seen:
            seen.append(term)
    if any(len(t) > 1 for t in seen):
        seen = [t for t in seen if len(t) > 1]
    return seen[:MAX_TERMS]


def _sqlite_match(terms: list[str]) -> str:
    # Each term quoted (so FTS5 never reads it as an operator or a column name) and a prefix.
    return " ".join(f'"{t}"*' for t in terms)


def _pg_tsquery(terms: list[str]) -> str:
    return " & ".join(f"{t}:*" for t in terms)


def matching_sources(
    conn: sa.Connection, terms: list[str], visibilities: list[str], limit: int
) -> list[str]:
    """Ids of the sources of these visibilities that contain every term, best match first."""
    if not terms or not visibilities:
        return []
    levels = sa.bindparam("levels", visibilities, expanding=True)
    if conn.dialect.name == "postgresql":
        stmt = sa.text(
            f"SELECT s.id FROM sources AS s, to_tsquery('simple'::regconfig, :q) AS q "
            f"WHERE {_PG_DOCUMENT} @@ q AND s.visibility IN :levels "
            f"ORDER BY ts_rank_cd({_PG_DOCUMENT}, q) DESC, s.id LIMIT :n"
        ).bindparams(levels)
        params = {"q": _pg_tsquery(terms), "n": limit}
    else:
        # bm25: lower is better; a word in the title counts twice a word in the text.
        stmt = sa.text(
            "SELECT f.source_id FROM sources_fts AS f JOIN sources AS s ON s.id = f.source_id "
            "WHERE sources_fts MATCH :q AND s.visibility IN :levels "
            "ORDER BY bm25(sources_fts, 0.0, 2.0, 1.0), f.source_id LIMIT :n"
        ).bindparams(levels)
        params = {"q": _sqlite_match(terms), "n": limit}
    return [row[0] for row in conn.execute(stmt, params)]


def name_forms_containing(conn: sa.Connection, words: list[str]) -> sa.ColumnElement[bool]:
    """A filter on ``name_forms``: the folded key contains every word.

    On SQLite, words of three letters or more go through the trigram index (a phrase of
    trigrams matches the word anywhere in the key); shorter words, which a trigram cannot
    hold, filter the rows it found. PostgreSQL answers the plain ``LIKE`` from ``pg_trgm``.
    """
    likes = [name_forms.c.search_key.contains(w, autoescape=True) for w in words]
    long_words = [w for w in words if len(w) >= 3]
    if conn.dialect.name != "sqlite" or not long_words:
        return sa.and_(*likes)
    match = " ".join(f'"{w}"' for w in long_words)
    indexed = sa.text("SELECT rowid FROM name_forms_fts WHERE name_forms_fts MATCH :nf_match")
    found = name_forms.c.id.in_(indexed.bindparams(nf_match=match).columns(sa.column("rowid")))
    short = [like for w, like in zip(words, likes, strict=True) if len(w) < 3]
    return sa.and_(found, *short)
