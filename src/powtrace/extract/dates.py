"""Dates in a text, absolute or relative, resolved against the publication date.

"In August" in an article published in November 2025 is 2025-08; in one published in March
2025 it is 2024-08 (the last August before publication). Every resolved relative date carries a
note saying what it was resolved from, and stays None when the publication date is unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from powtrace.domain.dates import PartialDate
from powtrace.extract.literals import foldable, heads, may_match

_MONTH_WORDS = (
    "january|jan",
    "february|feb",
    "march|mar",
    "april|apr",
    "may",
    "june|jun",
    "july|jul",
    "august|aug",
    "september|sept|sep",
    "october|oct",
    "november|nov",
    "december|dec",
)
_MONTH_RU = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма[йяе]",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
_MONTH_UK = (
    "січн|січен",
    "лют",
    "березн|березен",
    "квітн|квітен",
    "травн|травен",
    "червн|червен",
    "липн|липен",
    "серпн|серпен",
    "вересн|вересен",
    "жовтн|жовтен",
    "листопад",
    "грудн|груден",
)
# Weekday stems, Monday first, in English, Russian and Ukrainian ("во вторник", "у п'ятницю").
_WEEKDAYS = (
    ("monday", "понедельник", "понеділ"),
    ("tuesday", "вторник", "вівтор"),
    ("wednesday", "сред", "серед"),
    ("thursday", "четверг", "четвер"),
    ("friday", "пятниц", "п'ятниц", "п’ятниц"),
    ("saturday", "суббот", "субот"),
    ("sunday", "воскресень", "неділ"),
)
# The first month of a season, so that a season with a year can anchor later yearless dates.
_SEASON_START = (
    ("spring", 3),
    ("весн", 3),
    ("summer", 6),
    ("лет", 6),
    ("літ", 6),
    ("влітку", 6),
    ("улітку", 6),
    ("autumn", 9),
    ("fall", 9),
    ("осен", 9),
    ("осін", 9),
    ("восени", 9),
)


def _month_index(word: str) -> int | None:
    """1–12 for an English, Russian or Ukrainian month word in any case, else None."""
    low = word.lower().rstrip(".")
    for i, alts in enumerate(_MONTH_WORDS, 1):
        if re.fullmatch(alts, low):
            return i
    for table in (_MONTH_RU, _MONTH_UK):
        for i, stem in enumerate(table, 1):
            if re.match(rf"(?:{stem})\w*$", low):
                return i
    return None


_EN_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_CY_MONTH = (
    r"(?:январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]|июн\w*|июл\w*|август\w*|сентябр\w*|"
    r"октябр\w*|ноябр\w*|декабр\w*|січ\w+|лют\w+|берез\w+|квіт\w+|трав\w+|черв\w+|лип\w+|"
    r"серп\w+|верес\w+|жовт\w+|листопад\w*|груд\w+)"
)
_YEAR = r"(?:19|20)\d\d"
# "last year" / "this year" after a month or a season, in the three languages.
_REL_YEAR = (
    r"(?:of )?(?P<rel>last|this|прошлого|этого|текущего|минулого|цього|поточного)"
    r" (?:year|года|г\.|року|р\.)"
)
_SEASON = (
    r"(?:spring|summer|autumn|fall|весн\w*|лет\w*|осен\w*|навесні|весною|влітку|улітку|"
    r"літ\w*|восени|осін\w*)"
)

# (pattern, kind); kinds are resolved in `_resolve`. Longer, more specific patterns come first.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE if k.startswith(("rel", "ctx")) else 0), k)
    for p, k in (
        # A month or day with "last/this year", a season with a year ("autumn of 2023",
        # "весной 2024 года", "восени 2022 року") or with "last/this" ("last spring").
        (
            rf"\b(?:(?P<d>\d{{1,2}}) (?P<m>{_EN_MONTH}|{_CY_MONTH})|"
            rf"(?P<m2>{_EN_MONTH}) (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?),? {_REL_YEAR}",
            "rel_day_month_year",
        ),
        (
            rf"(?:\b(?:in|early|late|mid-?|[вуВУ]) ?)?(?P<m>{_EN_MONTH}|{_CY_MONTH}) {_REL_YEAR}",
            "rel_month_year",
        ),
        (
            rf"(?:\b(?:in )?(?:the )?)?\b{_SEASON} (?:of )?(?P<y>{_YEAR})"
            r"(?: (?:года|г\.|року|р\.))?",
            "rel_season_year",
        ),
        (
            rf"\b(?:in )?(?:the )?{_SEASON} (?:of )?{_REL_YEAR}|"
            rf"\b(?P<rel2>last|this|прошл\w+|эт\w+|минул\w+|ці\w+) {_SEASON}",
            "rel_season",
        ),
        # "August of that year", "в августе того же года", "навесні того ж року": the year of
        # the last date the text gave (see `_in_context`).
        (rf"\b(?:in |since )?(?P<m>{_EN_MONTH}) of (?:that|the same) year\b", "ctx_month"),
        (rf"(?:\b[вуВУ] )?(?P<m>{_CY_MONTH}) того ж(?:е)? (?:года|року)", "ctx_month"),
        (r"\b(?:later |earlier )?(?:that|the same) year\b", "ctx_year"),
        # A day without its month ("on the 14th of that month", "14-го"): the month the text
        # last gave (see `_in_context`).
        (
            r"\b(?:[Oo]n )?the (?P<d>\d{1,2})(?:st|nd|rd|th)\b(?: of (?:that|the same) month)?",
            "ctx_day",
        ),
        (r"\b(?P<d>\d{1,2})-го(?: числа)?(?![\w-])", "ctx_day"),
        (
            r"\bтом же году\b|\bтого же года\b|\bтому ж(?:е)? році\b|\bтого ж(?:е)? року\b",
            "ctx_year",
        ),
        (rf"\b(?P<m>{_EN_MONTH}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>{_YEAR})\b", "dmy"),
        (rf"\b(?P<d>\d{{1,2}}) (?P<m>{_EN_MONTH}),? (?P<y>{_YEAR})\b", "dmy"),
        (
            rf"\b(?P<d>\d{{1,2}}) (?P<m>{_CY_MONTH}) (?P<y>{_YEAR})(?: (?:года|г\.|року|р\.))?",
            "dmy",
        ),
        (rf"\b(?P<y>{_YEAR})-(?P<mn>\d\d)-(?P<d>\d\d)\b", "iso"),
        (rf"\b(?P<d>\d\d)\.(?P<mn>\d\d)\.(?P<y>{_YEAR})\b", "iso"),
        (rf"\b(?:in |of |since |by )?(?P<m>{_EN_MONTH}) (?:of )?(?P<y>{_YEAR})\b", "my"),
        (rf"(?:\b[вуВУ] )?(?P<m>{_CY_MONTH}) (?P<y>{_YEAR})(?: (?:года|г\.|року|р\.))?", "my"),
        (
            rf"\b(?:on |On )?(?P<m>{_EN_MONTH}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? {_YEAR})",
            "md",
        ),
        (rf"\b(?P<d>\d{{1,2}}) (?P<m>{_EN_MONTH})\b(?!,? {_YEAR})", "md"),
        (rf"\b(?P<d>\d{{1,2}}) (?P<m>{_CY_MONTH})\b(?! {_YEAR})", "md"),
        (
            rf"\b(?:[Ii]n|[Ll]ate|[Ee]arly|[Mm]id-?|[Ss]ince) ?(?P<m>{_EN_MONTH})\b"
            rf"(?!,? {_YEAR}| \d)",
            "m",
        ),
        (
            rf"(?:\b[вуВУСсЗз]|\b[Нн]а початку|\b[Нн]априкінці|\b[Вв] начале|\b[Вв] конце|"
            rf"\b[Вв] середине|\b[Уу] середині|\b[Вв] середині) "
            rf"(?P<m>{_CY_MONTH})\b(?! {_YEAR}| \d)",
            "m",
        ),
        (rf"\b(?:in |In |since |Since |by |By )(?P<y>{_YEAR})\b", "y"),
        # "з 2017 року", "від 2017 року", "ще 2016-го": a year, with or without its noun
        (
            rf"(?:\b[вуВУ] |\b[Сс] |\b[Зз] |\b[Вв]ід |\b[Оо]т |\b[Щщ]е )(?P<y>{_YEAR})"
            rf"(?: (?:году|года|г\.|році|року|р\.)|-го\b)?",
            "y",
        ),
        (
            r"\b(?:earlier|later) this year\b|\bthis year\b|\bв этом году\b|\bэтого года\b|"
            r"\bцього року\b|\bцей рік\b|\bранее в этом году\b|\bна початку року\b|"
            r"\bв начале года\b",
            "rel_this_year",
        ),
        (
            r"\blast year\b|\bв прошлом году\b|\bпрошлого года\b|\bминулого року\b|"
            r"\bторік\b|\bв минулому році\b",
            "rel_last_year",
        ),
        (
            r"\blast month\b|\bв прошлом месяце\b|\bпрошлого месяца\b|\bминулого місяця\b",
            "rel_last_month",
        ),
        (r"\bthis month\b|\bв этом месяце\b|\bцього місяця\b", "rel_this_month"),
        (
            r"\blast week\b|\bна прошлой неделе\b|\bминулого тижня\b|\bна минулому тижні\b",
            "rel_last_week",
        ),
        (r"\bthis week\b|\bна этой неделе\b|\bцього тижня\b", "rel_this_week"),
        (r"\bпозавчера\b|\bпозавчора\b", "rel_day_before_yesterday"),
        (r"\byesterday\b|\bвчера\b|\bвчора\b|\bучора\b", "rel_yesterday"),
        # "Накануне" as an adverb is the day before publication; "накануне обмена" (on the eve
        # of something) is not: a noun in the genitive follows.
        (
            r"\b(?:накануне|напередодні)\b(?!\s+[^\W\d_]*(?:[аяиыуі]|ов|ев|ей|ого|его|ой|ых|их|ої|ів)\b)",
            "rel_yesterday",
        ),
        # "That day", "в тот же день", "того дня": the day the text gave last.
        (
            r"(?i:\b(?:on )?(?:that|the same) day\b|\b[ву] (?:тот|той) (?:же |ж )?день\b|"
            r"\bтого (?:же |ж )?дня\b|\bцього (?:ж )?дня\b)",
            "ctx_that_day",
        ),
        (r"\btoday\b|\bсегодня\b|\bсьогодні\b", "rel_today"),
        (
            r"\b(?:on |last )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
            "rel_weekday",
        ),
        (
            r"\bво? (?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b",
            "rel_weekday",
        ),
        (r"\b[ув] (?:понеділок|вівторок|середу|четвер|п['’]ятницю|суботу|неділю)\b", "rel_weekday"),
    )
)


# The words each pattern needs: a text without them skips the pattern (see literals.py).
_HEADS = tuple(heads(p) for p, _ in _PATTERNS)


@dataclass(frozen=True)
class DateMention:
    """A date expression in the text and what it resolves to (None when it cannot be)."""

    start: int
    end: int
    text: str
    date: PartialDate | None
    relative: bool
    note: str | None
    kind: str = ""  # which pattern found it (see _PATTERNS)


def _last_month_before(month: int, pub: date) -> int:
    """The year of the last `month` on or before the publication month."""
    return pub.year if month <= pub.month else pub.year - 1


def _resolve(kind: str, m: re.Match[str], pub: date | None) -> tuple[PartialDate | None, bool]:
    """Turn one match into a partial date; the flag says whether it needed the publication date."""
    g = m.groupdict()
    g["m"], g["d"] = g.get("m") or g.get("m2"), g.get("d") or g.get("d2")
    month = int(g["mn"]) if g.get("mn") else (_month_index(g["m"]) if g.get("m") else None)
    if kind == "rel_season_year":
        return PartialDate.of(int(g["y"])), False
    try:
        if kind in ("dmy", "iso"):
            return PartialDate.of(int(g["y"]), month, int(g["d"])), False
        if kind == "my":
            return PartialDate.of(int(g["y"]), month), False
        if kind == "y":
            return PartialDate.of(int(g["y"])), False
        if pub is None:
            return None, True
        if kind == "md" and month:
            return PartialDate.of(_last_month_before(month, pub), month, int(g["d"])), True
        if kind == "m" and month:
            return PartialDate.of(_last_month_before(month, pub), month), True
    except Exception:  # an impossible day such as 31 June: no date rather than a wrong one
        return None, kind not in ("dmy", "iso", "my", "y")
    rel = (g.get("rel") or g.get("rel2") or "").lower()
    year = pub.year - 1 if rel.startswith(("last", "прошл", "минул")) else pub.year
    try:
        if kind == "rel_day_month_year" and month:
            return PartialDate.of(year, month, int(g["d"])), True
        if kind == "rel_month_year" and month:
            return PartialDate.of(year, month), True
        if kind == "rel_season":
            return PartialDate.of(year), True
    except Exception:
        return None, True
    if kind == "rel_this_year":
        return PartialDate.of(pub.year), True
    if kind == "rel_last_year":
        return PartialDate.of(pub.year - 1), True
    if kind in ("rel_last_month", "rel_this_month"):
        first = pub.replace(day=1)
        d = first - timedelta(days=1) if kind == "rel_last_month" else first
        return PartialDate.of(d.year, d.month), True
    if kind in ("rel_last_week", "rel_this_week"):
        monday = pub - timedelta(days=pub.weekday())
        start = monday - timedelta(days=7) if kind == "rel_last_week" else monday
        end = start + timedelta(days=6)
        return PartialDate.parse(f"{start.isoformat()}/{end.isoformat()}"), True
    if kind == "rel_day_before_yesterday":
        return PartialDate.from_date(pub - timedelta(days=2)), True
    if kind == "rel_yesterday":
        return PartialDate.from_date(pub - timedelta(days=1)), True
    if kind == "rel_today":
        return PartialDate.from_date(pub), True
    if kind == "rel_weekday":
        low = m.group(0).lower()
        day = next(i for i, stems in enumerate(_WEEKDAYS) if any(w in low for w in stems))
        # "Said Friday" in a Friday paper is that day (news reports the day's events); only
        # "last Friday" reaches back a week.
        back = (pub.weekday() - day) % 7 or (7 if low.startswith("last") else 0)
        return PartialDate.from_date(pub - timedelta(days=back)), True
    return None, True


def find_dates(text: str, published: PartialDate | None) -> list[DateMention]:
    """Every date expression in the text, left to right, without overlaps."""
    pub = published.latest if published is not None and published.precision == "day" else None
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    lowered = text.lower() if foldable(text) else None
    for (pattern, kind), needs in zip(_PATTERNS, _HEADS, strict=True):
        if lowered is not None and not may_match(needs, lowered):
            continue
        for m in pattern.finditer(text):
            a, b = m.span()
            if any(a < e and s < b for s, e in taken):
                continue
            if kind == "y" and re.match(r"-\d", text[b : b + 2]):
                continue  # "2022-2023" or an ISO date handled above ("2022-го" is a year)
            if "may" in (m.groupdict().get("m"), m.groupdict().get("m2")):
                continue  # "he may this year": the verb, not the month
            value, relative = _resolve(kind, m, pub)
            if kind in ("md", "m") and published is not None and pub is None:
                # A month-precise publication date still resolves a month: August in 2025-11.
                value, relative = _resolve(kind, m, published.latest)[0], True
                if kind == "md":
                    value = None
            note = None
            if relative and value is not None and published is not None:
                note = f"resolved from '{m.group(0)}' against {published}"
            taken.append((a, b))
            out.append(DateMention(a, b, m.group(0), value, relative, note, kind))
    out.sort(key=lambda d: d.start)
    out = _weekday_with_date(text, out)
    if published is None:
        return out
    return _in_context(text, out, published.latest)


_DAY_KINDS = frozenset({"dmy", "iso", "md"})


def _weekday_with_date(text: str, dates: list[DateMention]) -> list[DateMention]:
    """A weekday set beside a day ("On Thursday, February 8", "в пятницу, 17 октября") is that
    day: the weekday is dropped so that the explicit day is what an event takes."""
    out = []
    for i, d in enumerate(dates):
        if d.kind == "rel_weekday":
            near = [
                x
                for x in (dates[i - 1] if i else None, dates[i + 1] if i + 1 < len(dates) else None)
                if x
            ]
            if any(
                x.kind in _DAY_KINDS
                and not text[min(x.end, d.end) : max(x.start, d.start)].strip(" ,(")
                for x in near
            ):
                continue
        out.append(d)
    return out


# Expressions that date the narrative around them with a year the text itself gives.
_CONTEXT_KINDS = frozenset(
    {"dmy", "iso", "my", "rel_month_year", "rel_day_month_year", "rel_season_year"}
)
_YEAR_KINDS = _CONTEXT_KINDS | {"y"}


def _anchor(d: DateMention) -> tuple[int, int] | None:
    """The (year, month) a dated expression sets for the sentences after it, if any."""
    if d.kind not in _CONTEXT_KINDS or d.date is None:
        return None
    if d.date.start.month is not None:
        return d.date.year, d.date.start.month
    low = d.text.lower()
    return next(((d.date.year, month) for stem, month in _SEASON_START if stem in low), None)


def _context_year(text: str, dates: list[DateMention], i: int) -> tuple[int, str] | None:
    """The year the text gives a yearless date (dates[i]), and the expression it comes from.

    A day of a month the text dated earlier ("in June 2022 … on 24 June") is in that month. Else
    the last dated expression before it in its paragraph sets the year: a month at or after the
    anchor's is in the anchor's year, an earlier month in the next ("autumn of 2023 … in May")."""
    d = dates[i]
    assert d.date is not None and d.date.start.month is not None
    month = d.date.start.month
    if d.kind == "md":
        for x in reversed(dates[:i]):
            if x.kind in ("my", "rel_month_year") and x.date and x.date.start.month == month:
                return x.date.year, x.text
    paragraph = text.rfind("\n", 0, d.start) + 1
    for x in reversed(dates[:i]):
        if x.start < paragraph:
            break
        anchor = _anchor(x)
        if anchor:
            return (anchor[0] if month >= anchor[1] else anchor[0] + 1), x.text
    return None


def _same_year(dates: list[DateMention], i: int, latest: date) -> DateMention:
    """ "That year", "August of that year": the year of the last date the text gave before."""
    d = dates[i]
    year = next(
        (x.date.year for x in reversed(dates[:i]) if x.date and x.kind in _YEAR_KINDS), None
    )
    month = next((_month_index(w) for w in d.text.split() if _month_index(w)), None)
    if year is None:
        return d
    value = PartialDate.of(year, month) if d.kind == "ctx_month" and month else PartialDate.of(year)
    if value.earliest > latest:
        return d
    return replace(d, date=value, note=f"resolved from '{d.text}' with an earlier year, {year}")


def _same_month(text: str, dates: list[DateMention], i: int, latest: date) -> DateMention:
    """ "On the 14th (of that month)": that day of the month the paragraph gave last."""
    d = dates[i]
    day = re.search(r"\d{1,2}", d.text)
    paragraph = text.rfind("\n", 0, d.start) + 1
    for x in reversed(dates[:i]):
        if x.start < paragraph or day is None:
            break
        if x.date is not None and x.date.start.month is not None and x.kind != "ctx_day":
            try:
                value = PartialDate.of(x.date.year, x.date.start.month, int(day.group(0)))
            except Exception:  # the 31st of a month without one
                return d
            if value.earliest > latest:
                return d
            note = f"resolved from '{d.text}' with the month of '{x.text}'"
            return replace(d, date=value, relative=True, note=note)
    return d


def _that_day(dates: list[DateMention], i: int) -> DateMention:
    """ "That day", "в тот день": the last day the text gave before it."""
    d = dates[i]
    for x in reversed(dates[:i]):
        if x.date is not None and x.date.precision == "day" and x.kind != "ctx_that_day":
            note = f"resolved from '{d.text}' with the day of '{x.text}'"
            return replace(d, date=x.date, relative=True, note=note)
    return d


def _in_context(text: str, dates: list[DateMention], latest: date) -> list[DateMention]:
    """Yearless dates with the year their context gives, when it differs from the publication
    year and is not after publication (`latest`)."""
    out = list(dates)
    for i, d in enumerate(dates):
        if d.kind in ("ctx_month", "ctx_year"):
            out[i] = _same_year(dates, i, latest)
            continue
        if d.kind == "ctx_day":
            out[i] = _same_month(text, out, i, latest)
            continue
        if d.kind == "ctx_that_day":
            out[i] = _that_day(out, i)
            continue
        if d.kind not in ("md", "m") or d.date is None or d.date.start.month is None:
            continue
        found = _context_year(text, dates, i)
        if found is None or found[0] == d.date.year:
            continue
        start = d.date.start
        try:
            value = PartialDate.of(found[0], start.month, start.day)
        except Exception:  # 29 February in a year without it
            continue
        if value.earliest <= latest:
            note = f"resolved from '{d.text}' with the year of '{found[1]}'"
            out[i] = replace(d, date=value, note=note)
    return out
