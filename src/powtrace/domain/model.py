"""The registry's records: persons and their name forms, sources, citations and events.

Plain dataclasses with validation in ``__post_init__``; no I/O. Names are kept as written, in
their script; matching keys are derived elsewhere and never replace them.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum, StrEnum
from typing import Any

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import N_, ValidationError
from powtrace.domain.visibility import Visibility
from powtrace.domain.vocab import event_type

_SHA256 = re.compile(r"[0-9a-f]{64}")
RELIABILITY_GRADES = "ABCDEF"  # Admiralty scale: A completely reliable … F cannot be judged
CREDIBILITY_GRADES = range(1, 7)  # 1 confirmed by other sources … 6 cannot be judged


def new_id(prefix: str) -> str:
    """A random identifier such as ``p-3f9c2a71d04e5b68`` (prefix names the record kind)."""
    return f"{prefix}-{secrets.token_hex(8)}"


class Script(StrEnum):
    CYRILLIC = "cyrillic"
    LATIN = "latin"
    MIXED = "mixed"
    OTHER = "other"


class NameKind(StrEnum):
    OFFICIAL = "official"
    AS_REPORTED = "as_reported"
    TRANSLITERATION = "transliteration"
    ALIAS = "alias"


class Side(StrEnum):
    """The state a person served (not a judgement of them)."""

    RUSSIA = "russia"
    UKRAINE = "ukraine"
    OTHER = "other"
    UNKNOWN = "unknown"


class Gender(StrEnum):
    MALE = "m"
    FEMALE = "f"
    UNKNOWN = "unknown"


class ReviewState(StrEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    REJECTED = "rejected"


class SourceKind(StrEnum):
    ARTICLE = "article"
    TESTIMONY = "testimony"
    EXCHANGE_LIST = "exchange_list"
    OFFICIAL_RECORD = "official_record"
    VIDEO = "video"
    OTHER = "other"


def parse_enum(enum: type[Enum], value: Any, what: str) -> Any:
    """Convert text to an enum member with an error that lists the allowed values."""
    if isinstance(value, enum):
        return value
    try:
        return enum(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(str(m.value) for m in enum)  # type: ignore[attr-defined]
        raise ValidationError(
            N_("unknown %(what)s '%(value)s': use one of %(allowed)s"),
            what=what,
            value=value,
            allowed=allowed,
        ) from None


def detect_script(text: str) -> Script:
    """The script a name is written in, from the Unicode names of its letters."""
    scripts = set()
    for ch in text:
        if ch.isalpha() and unicodedata.category(ch) != "Lm":  # skip modifier letters: ʼ ʹ
            name = unicodedata.name(ch, "")
            if name.startswith("CYRILLIC"):
                scripts.add(Script.CYRILLIC)
            elif name.startswith("LATIN"):
                scripts.add(Script.LATIN)
            else:
                scripts.add(Script.OTHER)
    if len(scripts) == 1:
        return scripts.pop()
    return Script.MIXED if scripts else Script.OTHER


@dataclass
class NameForm:
    """One way a person's name is written somewhere, kept exactly as written."""

    text: str
    kind: NameKind = NameKind.AS_REPORTED
    language: str | None = None  # ru, uk, en, de, fr … when known
    surname: str | None = None
    given: str | None = None
    patronymic: str | None = None
    script: Script | None = None  # derived from the text when not given

    def __post_init__(self) -> None:
        self.text = " ".join(str(self.text or "").split())
        if not self.text:
            raise ValidationError(N_("a name form needs text"))
        self.kind = parse_enum(NameKind, self.kind, "name kind")
        if self.script is None:
            self.script = detect_script(self.text)
        else:
            self.script = parse_enum(Script, self.script, "script")


@dataclass(frozen=True)
class ExternalId:
    """An identifier a person has in another list (an exchange list row, a registry number)."""

    scheme: str
    value: str


@dataclass
class Person:
    """One human being in the registry."""

    name_forms: list[NameForm]
    id: str = field(default_factory=lambda: new_id("p"))
    birth_date: PartialDate | None = None
    birth_place: str | None = None
    gender: Gender = Gender.UNKNOWN
    side: Side = Side.UNKNOWN
    unit: str | None = None
    rank: str | None = None
    service_number: str | None = None
    home_region: str | None = None
    external_ids: list[ExternalId] = field(default_factory=list)
    note: str | None = None
    visibility: Visibility = Visibility.RESTRICTED
    field_visibility: dict[str, Visibility] = field(default_factory=dict)
    merged_into: str | None = None  # set when this record was merged into another person

    FIELDS_WITH_VISIBILITY = (
        "birth_date",
        "birth_place",
        "unit",
        "rank",
        "service_number",
        "home_region",
        "note",
    )

    def __post_init__(self) -> None:
        if not self.name_forms:
            raise ValidationError(N_("a person needs at least one name form"))
        self.gender = parse_enum(Gender, self.gender, "gender")
        self.side = parse_enum(Side, self.side, "side")
        self.visibility = parse_enum(Visibility, self.visibility, "visibility")
        for name in self.field_visibility:
            if name not in self.FIELDS_WITH_VISIBILITY:
                raise ValidationError(f"person has no field '{name}' that can carry a visibility")
        self.field_visibility = {
            k: parse_enum(Visibility, v, "visibility") for k, v in self.field_visibility.items()
        }

    @property
    def display_name(self) -> str:
        """The first official name form, else the first name form."""
        for form in self.name_forms:
            if form.kind is NameKind.OFFICIAL:
                return form.text
        return self.name_forms[0].text


@dataclass
class Source:
    """A document something is known from, with its original bytes and their SHA-256."""

    title: str
    content: bytes | None  # the original bytes; None when only an archive path is kept
    id: str = ""
    kind: SourceKind = SourceKind.ARTICLE
    text: str | None = None  # the text that citations point into
    media_type: str = "text/plain"
    filename: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    published_basis: str | None = None  # "stated" by the document, or "inferred" from clues
    language: str | None = None
    reliability: str = "F"
    retrieved_at: datetime | None = None
    archive_path: str | None = None
    sha256: str = ""
    visibility: Visibility = Visibility.RESTRICTED

    def __post_init__(self) -> None:
        self.title = " ".join(str(self.title or "").split())
        if not self.title:
            raise ValidationError("a source needs a title")
        self.kind = parse_enum(SourceKind, self.kind, "source kind")
        self.visibility = parse_enum(Visibility, self.visibility, "visibility")
        self.reliability = str(self.reliability).strip().upper()
        if len(self.reliability) != 1 or self.reliability not in RELIABILITY_GRADES:
            raise ValidationError(f"reliability '{self.reliability}' is not an Admiralty grade A–F")
        self.sha256 = str(self.sha256 or "").strip().lower()
        if self.sha256 and not _SHA256.fullmatch(self.sha256):
            raise ValidationError(
                f"source '{self.title}': '{self.sha256}' is not a SHA-256 (64 hex digits)"
            )
        if self.content is not None:
            digest = hashlib.sha256(self.content).hexdigest()
            if self.sha256 and self.sha256 != digest:
                raise ValidationError(
                    f"source '{self.title}': content does not match its SHA-256 {self.sha256}"
                )
            self.sha256 = digest
        if not self.sha256:
            raise ValidationError(f"source '{self.title}' needs its content or its SHA-256")
        if not self.id:
            self.id = f"s-{self.sha256[:16]}"  # content-derived: the same bytes, the same source


@dataclass
class Citation:
    """A claim's link to the exact words of a source that support it."""

    source_id: str
    start: int
    end: int
    excerpt: str
    credibility: int = 6

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise ValidationError("a citation's span must be whole character offsets")
        if self.start < 0 or self.end <= self.start:
            raise ValidationError(f"citation span {self.start}–{self.end} is empty or negative")
        if self.credibility not in CREDIBILITY_GRADES:
            raise ValidationError(
                f"credibility {self.credibility} is not a grade from 1 (confirmed) to 6"
            )

    def check_against(self, source: Source) -> None:
        """Raise unless the span lies in the source text and holds exactly the excerpt."""
        text = source.text or ""
        if self.end > len(text):
            raise ValidationError(
                f"citation span {self.start}–{self.end} lies outside source {source.id} "
                f"({len(text)} characters)"
            )
        if text[self.start : self.end] != self.excerpt:
            raise ValidationError(
                f"citation {self.start}–{self.end} of source {source.id} reads "
                f"'{text[self.start : self.end][:60]}', not the excerpt given"
            )


@dataclass
class Event:
    """A dated claim about a person (or a group, with a count) backed by citations."""

    type: str
    person_id: str | None
    id: str = field(default_factory=lambda: new_id("e"))
    date: PartialDate | None = None
    date_note: str | None = None  # e.g. "resolved from 'in August' against 2025-11-02"
    place: str | None = None
    agency: str | None = None
    group_size: int | None = None
    details: dict[str, Any] = field(default_factory=dict)
    citations: list[Citation] = field(default_factory=list)
    review: ReviewState = ReviewState.PROPOSED
    visibility: Visibility | None = None  # None: the type's default
    field_visibility: dict[str, Visibility] = field(default_factory=dict)
    note: str | None = None

    def __post_init__(self) -> None:
        kind = event_type(self.type)
        self.review = parse_enum(ReviewState, self.review, "review state")
        self.details = kind.check_details(dict(self.details), where=f"event {self.id}")
        if self.person_id is None and not self.group_size:
            raise ValidationError(f"event {self.id}: name a person or give a group size")
        if self.group_size is not None:
            try:
                size = None if isinstance(self.group_size, bool) else int(str(self.group_size))
            except ValueError:
                size = None
            if size is None or size < 1:
                raise ValidationError(
                    f"event {self.id}: group size must be a positive whole number, "
                    f"not '{self.group_size}'"
                )
            self.group_size = size
        self.visibility = (
            kind.visibility
            if self.visibility is None
            else parse_enum(Visibility, self.visibility, "visibility")
        )
        self.field_visibility = {
            k: parse_enum(Visibility, v, "visibility") for k, v in self.field_visibility.items()
        }
        for key in kind.sealed_details:  # capture circumstances stay sealed unless said otherwise
            self.field_visibility.setdefault(f"details.{key}", Visibility.SEALED)

    @property
    def label(self) -> str:
        return event_type(self.type).label
