"""Profiles: a record's comparable features, derived once (name keys, birth, unit, region)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

from powtrace.domain.dates import PartialDate, Precision
from powtrace.linkage.record import NameParts, Record
from powtrace.names import NameKeys, detect_language, name_keys, readings, skeleton, skeletons
from powtrace.names.keys import given_part, surname_keys

_INTERN: dict[frozenset[str], frozenset[str]] = {}
EMPTY: frozenset[str] = frozenset()


def intern(keys: frozenset[str]) -> frozenset[str]:
    """One shared object per distinct key set: a million records share a few thousand sets."""
    if not keys:
        return EMPTY
    return _INTERN.setdefault(keys, keys)


class FormProfile:
    """The keys of one reading of a name, split by part; concept keys apart from raw skeletons."""

    __slots__ = (
        "gender",
        "given",
        "given_initials",
        "given_letters",
        "given_raw",
        "has_given",
        "has_patronymic",
        "patr_initials",
        "patr_letters",
        "patr_raw",
        "patronymic",
        "surname",
    )

    def __init__(self, keys: NameKeys) -> None:
        self.surname = intern(keys.surname)
        self.given, self.given_raw = _split(keys.given)
        self.given_initials = intern(keys.given_initial)
        self.given_letters = intern(keys.given_letters)
        self.has_given = bool(keys.given)
        self.patronymic, self.patr_raw = _split(keys.patronymic)
        self.patr_initials = intern(keys.patronymic_initial)
        self.patr_letters = intern(keys.patronymic_letters)
        self.has_patronymic = bool(keys.patronymic)
        self.gender = keys.gender


@lru_cache(maxsize=65536)
def _split(keys: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Concept keys, and raw skeletons with their '~' removed (memoised: sets repeat)."""
    concepts = intern(frozenset(k for k in keys if k[:1] != "~"))
    return concepts, intern(frozenset(k[1:] for k in keys if k[:1] == "~"))


_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ\-][^\W\d_]+)*")


def _as_surname(word: str) -> frozenset[str]:
    """Keys of a word known to be a surname (even one that looks like a given name)."""
    k = name_keys(word)
    return k.surname or frozenset(x[1:] for x in k.given if x[:1] == "~")


def _as_given(word: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Given-name keys, initial classes and Cyrillic first letters of a word known to be a
    given name."""
    keys, initials, letters = given_part(word)
    return keys or frozenset("~" + x for x in _as_surname(word)), initials, letters


def _complete(keys: NameKeys, parts: NameParts) -> bool:
    """True when every part the list gave produced keys."""
    return (
        (not parts.surname or bool(keys.surname))
        and (not parts.given or bool(keys.given))
        and (not parts.patronymic or bool(keys.patronymic))
    )


def _from_words(surname: str, given: str | None, base: NameKeys) -> NameKeys:
    """Keys built word by word when the parser read the roles wrongly."""
    if given:
        g, gi, gl = _as_given(given)
    else:
        g, gi, gl = frozenset(), base.given_initial, base.given_letters
    s: frozenset[str] = frozenset().union(*(_as_surname(w) for w in _WORD.findall(surname)))
    return replace(base, surname=s, given=g, given_initial=gi, given_letters=gl)


@lru_cache(maxsize=65536)
def _given_patronymic(given: str, patronymic: str | None, latin: bool) -> NameKeys:
    """Keys of a given name and patronymic, read behind a placeholder surname (cached)."""
    placeholder = "Iksov" if latin else "Иксов"
    return name_keys(f"{placeholder}, {given} {patronymic or ''}".strip())


@lru_cache(maxsize=65536)
def _language(text: str) -> str | None:
    """detect_language, memoised (list columns repeat)."""
    return detect_language(text)


def _fast(parts: NameParts) -> NameKeys | None:
    """Keys of list columns part by part, each cached: registries repeat given names and
    patronymics endlessly, so this skips parsing a million unique full names."""
    if not parts.surname or not parts.given:
        return None
    latin = not any("\u0400" <= ch <= "\u04ff" for ch in parts.given)
    gp = _given_patronymic(parts.given, parts.patronymic, latin)
    if not gp.given or (parts.patronymic and not gp.patronymic) or gp.gender != "m":
        return None  # a woman's surname needs the whole name to pick its nominative reading
    lang = _language(parts.surname) or _language(f"{parts.given} {parts.patronymic or ''}")
    words = _WORD.findall(parts.surname)
    surname: frozenset[str] = frozenset().union(*(surname_keys(w, lang) for w in words))
    return replace(gp, surname=surname) if surname else None


@lru_cache(maxsize=131072)
def readings_keys(parts: NameParts) -> tuple[NameKeys, ...]:
    """Keys of every plausible reading of a name form (the parser's first, then alternatives)."""
    fast = _fast(parts)
    if fast is not None:
        return (fast,)
    main = name_keys(parts.for_keys)
    out = [main]
    if parts.surname:  # a list gave the parts: make sure each one was read as that part
        if not _complete(main, parts):
            plain = name_keys(
                " ".join(p for p in (parts.surname, parts.given, parts.patronymic) if p)
            )
            out.append(
                plain if _complete(plain, parts) else _from_words(parts.surname, parts.given, main)
            )
        return tuple(dict.fromkeys(out))
    first = readings(parts.text)[0]
    if first.script == "Cyrl" and first.surname and first.given:  # Александра → Александр
        nominative = NameParts(parts.text, first.surname, first.given, first.patronymic)
        out.append(name_keys(nominative.for_keys))
    words = [w for w in _WORD.findall(parts.text) if len(w) > 1 and not w.islower()]
    if len(words) == 2 and not any(k[:1] != "~" for k in main.given):
        # "SURNAME GIVEN" or "Given Surname" with a given name no table knows: try both.
        out += [_from_words(words[0], words[1], main), _from_words(words[1], words[0], main)]
    elif words and not main.surname:
        out.append(_from_words(words[0], None, main))  # "Андреев В. С.": surname, initials
    return tuple(dict.fromkeys(out))


class Birth:
    """Birth bounds as day ordinals, plus the year, month and day when the source gave them."""

    __slots__ = ("day", "hi", "lo", "month", "year")

    def __init__(self, d: PartialDate) -> None:
        self.lo = d.earliest.toordinal()
        self.hi = d.latest.toordinal()
        single = not d.is_range and not d.approximate
        self.year = d.year if single else 0
        self.month = (d.start.month or 0) if single and d.precision != Precision.YEAR else 0
        self.day = (d.start.day or 0) if d.is_exact_day else 0


@lru_cache(maxsize=65536)
def birth_of(d: PartialDate) -> Birth:
    """The Birth of a date, shared between the records born that day."""
    return Birth(d)


class Profile:
    """Everything the comparators read from one record, computed once per record."""

    __slots__ = ("birth", "forms", "gender", "region", "side", "unit")

    def __init__(self, record: Record) -> None:
        self.forms = tuple(FormProfile(k) for p in record.names for k in readings_keys(p))
        self.birth = birth_of(record.birth) if record.birth is not None else None
        genders = {f.gender for f in self.forms if f.gender}
        self.gender = record.gender or (genders.pop() if len(genders) == 1 else None)
        self.unit = unit_key(record.unit)
        self.region = region_key(record.region)
        self.side = (record.side or "").strip().lower() or None


_UNIT_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=65536)
def unit_key(unit: str | None) -> str | None:
    """Units compare by their numbers ('в/ч 12345' = 'military unit 12345'), else by skeleton."""
    if not unit:
        return None
    digits = _UNIT_DIGITS.findall(unit)
    if digits:
        return "#" + "-".join(d.lstrip("0") or "0" for d in digits)
    words = sorted(skeleton(w) for w in re.findall(r"\w+", unit) if len(w) > 2)
    return " ".join(words) or None


# Words that say "region" in the languages lists and the press use; the name is what remains.
_REGION_WORDS = frozenset(
    [
        "область",
        "обл",
        "oblast",
        "region",
        "регион",
        "регіон",
        "край",
        "krai",
        "kray",
        "республика",
        "республіка",
        "republic",
        "republik",
        "république",
        "rep",
        "респ",
        "автономный",
        "округ",
        "ао",
        "okrug",
        "the",
        "of",
        "de",
        "du",
        "la",
        "gebiet",
        "région",
        "région",
        "oblastʹ",
    ]
)


def _fold_latin_word(word: str) -> str:
    """A Latin word without its diacritics (kraï → krai); Cyrillic words are left alone (й)."""
    if any("\u0400" <= ch <= "\u04ff" for ch in word):
        return word
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)
    )


def _region_stem(skel: str) -> str:
    # Adjectival endings differ by language (курская, курська, kurskaya): keep the stem.
    stem = re.sub(r"(aa|a|o|e|u|ogo|oi|ij|i)$", "", skel)
    # Belgorod / Белгородская: the adjective adds -sk, so -sk goes from every stem.
    return re.sub(r"sk$", "", stem) or skel


@lru_cache(maxsize=4096)
def region_key(region: str | None) -> frozenset[str] | None:
    """A region's name as skeleton stems: Курская область = Kursk region = Курська область.

    Every skeleton of the name counts (Bachkortostan's ch is ш, Astrachan's ch is х), so two
    regions agree when their stems intersect. A Ukrainian adjective in -зьк- is also read with
    the г it replaced (Оренбурзька область, from Оренбург).
    """
    if not region:
        return None
    words = [
        w
        for w in (_fold_latin_word(x) for x in re.findall(r"[^\W\d_]+", region.lower()))
        if w not in _REGION_WORDS
    ]
    if not words:
        return None
    word = max(words, key=len)
    spellings = {word}
    if re.search(r"зьк(а|ий|ої|ій|у|ою)?$", word):
        spellings.add(re.sub(r"зьк", "гськ", word))
    stems = {_region_stem(skel) for w in spellings for skel in skeletons(w)}
    return frozenset(stems) or None
