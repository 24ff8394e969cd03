"""Languages: gettext catalogues (English, Russian, Ukrainian) and dates in the reader's locale.

Catalogues live in ``locale/<lang>/LC_MESSAGES/messages.po`` with their compiled ``.mo``
beside them; tests check the ``.mo`` files are up to date and every message is translated.
They hold the messages of the packages in :data:`CATALOGUED`: the web package's own, and the
English that the domain, intake, workflows and reports mark with ``N_`` (error messages raised
as templates, the aggregate report's words): extraction runs over all of them.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_skeleton
from babel.support import NullTranslations, Translations

from powtrace.domain.dates import PartialDate, Precision
from powtrace.domain.errors import PowtraceError

LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = {"en": "English", "ru": "Русский", "uk": "Українська"}
DEFAULT = "en"
# The packages (beside this one) whose marked messages the catalogues translate.
CATALOGUED = ("web", "domain", "intake", "workflows", "reports")


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; it is translated where shown."""
    return message


@cache
def translations(lang: str) -> NullTranslations:
    """The catalogue of one language (English is the source text: no catalogue)."""
    if lang == DEFAULT or lang not in LANGUAGES:
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [lang], domain="messages")


def negotiate(accept_language: str | None) -> str:
    """The best of our languages for an Accept-Language header (English if none fits)."""
    wanted: list[tuple[float, str]] = []
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag:
            wanted.append((-quality + i * 1e-6, tag.strip()))
    preferred = [tag for _, tag in sorted(wanted)]
    found = Locale.negotiate(preferred, list(LANGUAGES), sep="-") if preferred else None
    return str(found) if found else DEFAULT


def language_name(code: str | None, lang: str) -> str:
    """A language's name in the reader's language ("ru" -> "русский"); unknown codes as given."""
    if not code:
        return ""
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(lang) or code
    except (ValueError, TypeError, UnknownLocaleError):  # not a language Babel knows
        return code


def format_partial(value: PartialDate | None, lang: str) -> str:
    """A partial date in words of the reader's language: "August 2024", "серпень 2024 р."."""
    if value is None:
        return ""

    def point(p: object) -> str:
        first = p.first_day()  # type: ignore[attr-defined]
        precision = p.precision  # type: ignore[attr-defined]
        if precision is Precision.DAY:
            return format_date(first, format="long", locale=lang)
        if precision is Precision.MONTH:
            return format_skeleton("yMMMM", first, locale=lang)
        return format_skeleton("y", first, locale=lang)

    text = point(value.start)
    if value.end is not None:
        text += " – " + point(value.end)
    return ("≈ " + text) if value.approximate else text


def format_when(value: str | datetime | date | None, lang: str) -> str:
    """A stored time (ISO 8601 text, UTC) in the reader's locale."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return format_datetime(value, format="medium", tzinfo=value.tzinfo, locale=lang)
    return format_date(value, format="long", locale=lang)


def error_message(exc: BaseException, lang: str) -> str:
    """A domain error in ``lang``: its template from the catalogue with its values filled in.

    A value that is an error itself is translated the same way. A message the catalogue does
    not have, or whose translation names values the error lacks, is shown as raised (English).
    """
    template = getattr(exc, "template", "")
    if lang == DEFAULT or not template or not isinstance(exc, PowtraceError):
        return str(exc)
    translated = translations(lang).gettext(template)
    if translated == template:
        return str(exc)
    params = {
        k: error_message(v, lang) if isinstance(v, PowtraceError) else v
        for k, v in exc.params.items()
    }
    try:
        return translated % params if params else translated
    except (KeyError, TypeError, ValueError):
        return str(exc)
