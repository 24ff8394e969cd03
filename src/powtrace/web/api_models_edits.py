"""The JSON API's shapes for adding and changing records: persons, refusals of repatriation,
case edits and relatives, and list imports (``api_models`` holds the rest)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal, TypeAlias

from pydantic import BaseModel, Field

from powtrace.domain.model import Side
from powtrace.intake.lists import FIELDS as LIST_FIELDS
from powtrace.store.cases import CONSENT_WAYS, RELATIONSHIPS
from powtrace.web import labels
from powtrace.web.api_models import WORDS, AlertOut, CaseKind, CaseStatusName, Level, words
from powtrace.web.csrf import MAX_LIST_BYTES

NO_NUL = r"^[^\x00]*$"

# A partial date as the page takes it (YYYY, YYYY-MM or YYYY-MM-DD, ~ when approximate), spelled
# out so that every text the pattern admits is a day the calendar has: generated requests that
# fit the schema are then accepted. Ranges (A/B) are left to the pages and the command line,
# since no pattern can tell a range that ends before it starts.
_YEAR = r"[1-9][0-9]{3}"
_LEAP = r"(?:[1-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)"
_POINT = (
    rf"(?:{_YEAR}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|1[0-9]|2[0-8]))?)?"
    rf"|{_YEAR}-(?:0[13-9]|1[0-2])-(?:29|30)"
    rf"|{_YEAR}-(?:0[13578]|1[02])-31"
    rf"|{_LEAP}-02-29)"
)
PARTIAL_DATE = rf"^{_POINT}~?$"


# Choices taken from the vocabularies (the same lists the pages offer); to a type checker, text.
if TYPE_CHECKING:
    SideName: TypeAlias = str
    Relationship: TypeAlias = str
    ObtainedVia: TypeAlias = str
    MedicalState: TypeAlias = str
    ConsentHow: TypeAlias = str
    CaseRelationship: TypeAlias = str
    ListField: TypeAlias = str
else:
    SideName = Literal[tuple(s.value for s in Side)]
    Relationship = Literal[tuple(labels.RELATIONSHIP)]
    ObtainedVia = Literal[tuple(labels.OBTAINED_VIA)]
    MedicalState = Literal[tuple(labels.MEDICAL_STATE)]
    ConsentHow = Literal[CONSENT_WAYS]
    CaseRelationship = Literal[RELATIONSHIPS]
    ListField = Literal[LIST_FIELDS]


# ---- persons ----------------------------------------------------------------------------------
class PersonIn(BaseModel):
    """A person to add, as the 'Add a person' form takes one."""

    name: str = words(200, "The name as written (kept as the official name form).")
    other_names: list[Annotated[str, Field(min_length=1, max_length=200, pattern=WORDS)]] = Field(
        default_factory=list, max_length=50, description="Other spellings, as reported."
    )
    side: SideName = "unknown"
    birth_date: str | None = Field(
        None,
        pattern=PARTIAL_DATE,
        max_length=11,
        description="YYYY, YYYY-MM or YYYY-MM-DD, with ~ if approximate.",
    )
    rank: str | None = Field(None, max_length=200, pattern=NO_NUL)
    visibility: Level = Field(
        "restricted", description="At most the caller's clearance (a level they could read)."
    )


# ---- refusals of repatriation (sealed) ------------------------------------------------------
OwnWish = Literal["refuses_repatriation", "seeks_to_stay", "seeks_asylum"]


class _WishIn(BaseModel):
    date: str = Field(
        pattern=PARTIAL_DATE,
        max_length=11,
        description="When it was expressed: YYYY, YYYY-MM or YYYY-MM-DD, ~ if approximate.",
    )
    source_id: str = Field(max_length=200, description="A source you may see that holds the words.")
    excerpt: str = words(2000, "The exact words in that source, copied so the record cites them.")
    consent: Literal[True] = Field(description="The consent to act on it; nothing without it.")
    obtained_via: ObtainedVia
    risks: str | None = Field(None, max_length=2000, pattern=NO_NUL, description="At home.")
    medical_state: MedicalState | None = None


class OwnWishIn(_WishIn):
    kind: Literal["own"]
    wish: OwnWish = "refuses_repatriation"


class RelativeWishIn(_WishIn):
    kind: Literal["relative"]
    relative: str = words(200, "The relative who asked, as they gave their name.")
    relationship: Relationship | None = None


WishIn = Annotated[OwnWishIn | RelativeWishIn, Field(discriminator="kind")]


class WishCitationOut(BaseModel):
    source_id: str
    source_title: str | None = Field(description="Null when the source is withheld.")
    start: int
    end: int
    excerpt: str


class WishOut(BaseModel):
    event_id: str
    type: Literal["refused_repatriation", "exclusion_requested_by_relative"]
    wish: str | None = Field(description="His own wish; null for a relative's request.")
    date: str | None
    relative: str | None
    relationship: str | None
    obtained_via: str | None
    consent: bool
    risks: str | None
    medical_state: str | None
    citations: list[WishCitationOut]


class ListingOut(BaseModel):
    event_id: str
    list: str = Field(description="The list's scheme, list:<name>.")
    row: str
    date: str | None


class WishesOut(BaseModel):
    """A person's recorded wishes (sealed) and the exchange lists that name him."""

    person_id: str
    wishes: list[WishOut]
    listings: list[ListingOut]


# ---- cases: edits and relatives -----------------------------------------------------------------
ContactLevel = Literal["restricted", "sealed"]
CONTACT = Field(
    None,
    max_length=10_000,
    pattern=NO_NUL,
    description="How to reach them; kept only with their recorded consent.",
)
CONTACT_LEVEL = Field(
    None,
    description="Who may read the contact details, at most your clearance "
    "(default: sealed, or restricted when that is your clearance).",
)


class CaseEditIn(BaseModel):
    """The fields to change (left out or null: unchanged) and the version they were read at."""

    version: int = Field(
        ge=1, le=1_000_000_000, description="The case's version you edited; a stale one is 409."
    )
    title: str | None = Field(None, min_length=1, max_length=200, pattern=WORDS)
    kind: CaseKind | None = None
    status: CaseStatusName | None = None
    summary: str | None = Field(
        None, max_length=10_000, pattern=NO_NUL, description="Empty text removes it."
    )
    visibility: Level | None = Field(None, description="At most the caller's clearance.")


class RelativeIn(BaseModel):
    name: str = words(200)
    relationship: CaseRelationship
    consent: bool = Field(False, description="They consented to their contact details being kept.")
    consent_date: date | None = Field(None, description="Needed with consent; not in the future.")
    consent_how: ConsentHow | None = Field(None, description="Needed with consent.")
    contact: str | None = CONTACT
    contact_visibility: ContactLevel | None = CONTACT_LEVEL


class ConsentIn(BaseModel):
    """A relative's consent, with the contact details it allows to keep."""

    consent_date: date = Field(description="The day it was given; not in the future.")
    consent_how: ConsentHow
    contact: str | None = CONTACT
    contact_visibility: ContactLevel | None = CONTACT_LEVEL


# ---- list import ------------------------------------------------------------------------------
Encoding = Literal["utf-8-sig", "cp1251"]
BASE64 = r"^[A-Za-z0-9+/]*={0,2}$"
# Base64 makes a list a third longer: the largest list the upload takes, in base64.
MAX_BASE64 = (MAX_LIST_BYTES + 2) // 3 * 4


class ListColumnsOut(BaseModel):
    """An uploaded list's columns: those recognised by their header, and those left to map."""

    filename: str
    list_name: str = Field(description="Names the list: its scheme is list:<list_name>.")
    encoding: Encoding
    headers: list[str] = Field(description="The list's columns, in order.")
    recognised: dict[str, str] = Field(description="Header -> field, recognised by name.")
    unmapped: list[str] = Field(description="Headers to map in `mapping` (or leave out).")
    fields: list[str] = Field(description="Fields an unmapped column may be mapped to.")
    content: str = Field(description="The file, base64, to send back to /lists/import.")


class ListImportIn(BaseModel):
    """The list (as /lists/upload answered it) and how its other columns map to fields."""

    filename: str = Field(
        min_length=1, max_length=100, description="A plain name ending .csv, .tsv, .txt or .xlsx."
    )
    content: str = Field(max_length=MAX_BASE64, pattern=BASE64, description="The file, base64.")
    encoding: Encoding = "utf-8-sig"
    list_name: str | None = Field(
        None, max_length=80, description="Default: the file name without its extension."
    )
    side: SideName | None = Field(None, description="Null: as each row says.")
    exchange: bool = Field(False, description="An exchange list: record who it names.")
    mapping: dict[str, ListField] = Field(
        default_factory=dict,
        max_length=200,
        description="Header of a column not recognised -> the field it holds.",
    )


class RowErrorOut(BaseModel):
    line: int
    column: str | None
    message: str


class ListImportOut(BaseModel):
    scheme: str
    filename: str
    rows: int = Field(description="Rows read, good and bad.")
    created: list[str] = Field(description="The persons made from new rows.")
    existing: int = Field(description="Rows imported before, skipped.")
    errors: list[RowErrorOut] = Field(description="Bad rows, not imported, by line.")
    exchange: bool
    named: int | None = Field(description="An exchange list: registry persons recorded as listed.")
    alerts: list[AlertOut] | None = Field(
        description="Rows naming someone with a recorded refusal of repatriation; they name "
        "sealed records, so null below sealed clearance."
    )
