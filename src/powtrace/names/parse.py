"""Free-text person names split into surname, given name, patronymic and initials."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from powtrace.names import lexicon as lx
from powtrace.names import morph
from powtrace.names.script import (
    Language,
    Script,
    detect_language,
    detect_script,
    is_cyrillic,
    repair_homoglyphs,
)

_DROP = re.compile(r"\([^)]*\)|\[[^\]]*\]|[«\"“„][^»\"”“„]*[»\"”“]")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼ\-][^\W\d_]+)*\.?|,")
# Latin initials that take two letters because one Cyrillic letter needs two: Yu. Zh. Kh. Shch.
_DIGRAPH_INITIALS = frozenset(
    {"yu", "ya", "ye", "yo", "iu", "ia", "ie", "ju", "ja", "je", "zh", "kh", "ch", "sh", "ts"}
    | {"tch", "shch", "sch"}
)
# Ranks and titles written before names in prose and lists ("рядового Игоря Долгополова").
_TITLES = frozenset(
    line.strip()
    for line in resources.files("powtrace.names")
    .joinpath("data", "titles.txt")
    .read_text("utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
)
_PATR_CYR = re.compile(
    r"(вич|вн|ьич|іч)(а|у|ем|ом|і|е|ы|и|ой|ою|ої|ей|ю|ій)?$|(ичн|інічн)(а|ы|и|е|у|ой|ою|ої|і|ій)$"
)
_PATR_LAT = re.compile(r"(vich|vych|vitch|vytch|witsch|wytsch|vič|vyč|vna|wna|ichna|yichna)$")


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A person name split into parts, each part in the nominative where it was declined.

    `initials` are the letters as written, in order; with no full given name the first stands
    for the given name and the second for the patronymic, otherwise they stand for the patronymic.
    """

    surname: str | None
    given: str | None
    patronymic: str | None
    initials: tuple[str, ...]
    script: Script
    language: Language | None
    gender_hint: str | None


@dataclass(frozen=True, slots=True)
class Roles:
    """Which words of a name are which part, as written (before any declension is undone)."""

    surname: tuple[str, ...]
    given: str | None
    patronymic: str | None
    given_initial: str | None
    patronymic_initial: str | None
    initials: tuple[str, ...]
    script: Script
    language: Language | None


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    caps: bool
    comma_after: bool


def _tokens(text: str) -> tuple[list[_Word], list[str]]:
    """Split a name into words and initials, dropping brackets, quotes, titles and lower-case."""
    raw = [m[0] for m in _TOKEN.finditer(_DROP.sub(" ", text))]
    has_capital = any(t[:1].isupper() for t in raw)
    words: list[_Word] = []
    initials: list[str] = []
    for i, tok in enumerate(raw):
        if tok == ",":
            continue
        bare = repair_homoglyphs(tok.rstrip("."))
        low = bare.lower()
        if low in _TITLES and not words and len(raw) - i > 2 and len(bare) > 1:
            continue
        if has_capital and bare.islower():
            continue  # names are capitalised; lower-case words in prose are not the name
        if len(bare) == 1 or (tok.endswith(".") and low in _DIGRAPH_INITIALS):
            initials.append(bare[:1].upper() + bare[1:].lower())
            continue
        comma = i + 1 < len(raw) and raw[i + 1] == ","
        words.append(_Word(bare, len(bare) > 1 and bare.isupper(), comma))
    return words, initials


_SURNAME_SHAPE = re.compile(
    r"(ов|ев|ёв|єв|ин|ын|енко|ко|ук|юк|ский|цкий|ський|цький|ова|ева|ина|ына|ская|ська)$"
)


# A surname in any case, or a Latin one: what a word with no given-name reading most likely is.
_DECLINED_SURNAME_SHAPE = re.compile(
    r"((ов|ев|ёв|єв|ин|ын|ін)(а|у|ым|им|ой|ою|ої|ій|ові|еві|е)|(ск|цк|ськ|цьк)(ого|ому|им|ім|ой"
    r"|ую|ої|ою)|енк(а|у|ом|ові)|(ov|ev|ow|ew|in|yn|enko|uk|sk[iy]j?|skii|ova|eva|ina|aya))$"
)


def _surname_shaped(word: str) -> bool:
    """True for a word ending as Slavic surnames do, in the nominative or declined."""
    low = word.lower()
    return bool(_SURNAME_SHAPE.search(low) or _DECLINED_SURNAME_SHAPE.search(low))


def _table_score(word: str) -> int:
    """3 for a word spelled as a table name (Вітя), 2 for one sharing only a skeleton with one
    (Зімін, which the і/е rule brings to Семён), else 0."""
    if not lx.given_concepts(word):
        return 0
    return 3 if lx.is_name_form(word) else 2


def _given_score(word: str, lang: Language | None) -> int:
    """2 for a declined name from our tables, 1 for a name only pymorphy3 knows, else 0."""
    if not any(is_cyrillic(ch) for ch in word):
        return 0
    shaped = _surname_shaped(word)
    for form in morph.given_forms(word, lang):
        if lx.given_concepts(form.text):
            return 2  # Константина: a declined Константин, though it ends like Ильина
    if shaped:
        return 0  # shaped like a surname, and no table name: not a given name
    return 1 if morph.given_forms(word, lang) else 0


def _is_patronymic(word: str) -> bool:
    """True when a word has the shape of a patronymic or is one in our tables."""
    low = word.lower()
    return bool(_PATR_CYR.search(low) or _PATR_LAT.search(low) or lx.patronymic_concepts(word))


def _assign(words: list[_Word], latin: bool, lang: Language | None) -> tuple[int | None, ...]:
    """Return indexes (surname, given, patronymic) of the words, by tables, shape and order."""
    n = len(words)
    caps = [i for i, w in enumerate(words) if w.caps]
    surname = caps[0] if len(caps) == 1 and n > 1 else None  # "SURNAME Given" convention
    if surname is None and n > 1 and words[0].comma_after:
        surname = 0  # "Surname, Given"
    score = [_table_score(w.text) for w in words]
    if not any(score):  # only when our tables know none of the words is pymorphy3 asked
        score = [_given_score(w.text, lang) for w in words]
    patr = [_is_patronymic(w.text) for w in words]
    free = [i for i in range(n) if i != surname]
    patronymic = next(
        (i for i in free if i > 0 and patr[i] and score[i - 1] and i - 1 in free), None
    )
    if patronymic is None and n >= 3:
        patronymic = next((i for i in reversed(free) if i > 0 and patr[i]), None)
    given = None
    if patronymic is not None and patronymic - 1 in free:
        given = patronymic - 1
    else:
        free = [i for i in free if i != patronymic]
        named = sorted((i for i in free if score[i]), key=lambda i: -score[i])
        shaped = [i for i in free if _surname_shaped(words[i].text)]
        if n == 1:
            given = 0 if score[0] >= 2 and not patr[0] else None
        elif named and (len(named) == 1 or score[named[0]] > score[named[1]]):
            given = named[0]
        elif not named and surname is None and len(free) == 2 and len(shaped) == 1:
            # Two words no table knows, one shaped like a surname (PETROV ANREI, a typo in the
            # given name; Елнеы Виноградовой): the other one is the given name.
            given = next(i for i in free if i != shaped[0])
        elif len(free) >= 2 or (named and surname is not None):
            pool = named or free
            # Lists put the surname first; Latin prose puts the given name first.
            given = pool[0] if (latin or surname is not None) else pool[1 if len(pool) > 1 else 0]
    if n == 1 and given is None and patronymic is None:
        surname = 0
    return surname, given, patronymic


@lru_cache(maxsize=65536)
def roles(text: str) -> Roles:
    """Decide which words of `text` are surname, given name, patronymic and initials."""
    words, initials = _tokens(text)
    script = detect_script(" ".join(w.text for w in words) + " ".join(initials))
    lang = detect_language(" ".join(w.text for w in words))
    latin = script == "Latn"
    s_idx, g_idx, p_idx = _assign(words, latin, lang)
    if lang is None and g_idx is not None and not latin:
        lang = lx.concept_language(words[g_idx].text)  # Игорь is Russian, Ігор Ukrainian
    surname = tuple(w.text for i, w in enumerate(words) if i not in (g_idx, p_idx))
    if s_idx is not None and s_idx not in (g_idx, p_idx):
        surname = (words[s_idx].text, *(t for t in surname if t != words[s_idx].text))
    given = words[g_idx].text if g_idx is not None else None
    patronymic = words[p_idx].text if p_idx is not None else None
    gi = initials[0] if initials and given is None else None
    pi_ = initials[1 if gi else 0] if len(initials) > (1 if gi else 0) and not patronymic else None
    return Roles(surname, given, patronymic, gi, pi_, tuple(initials), script, lang)


def _title(word: str) -> str:
    """Capitalise each hyphen-separated part: ДОЛГОПОЛОВ-ИВАНОВ → Долгополов-Иванов."""
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def patronymic_gender(word: str) -> str | None:
    """'f' for -вна/-ична/-vna, 'm' for -вич/-ич/-vich (declined forms too), else None."""
    low = word.lower()
    if re.search(r"(вн|ичн|vn|wn|chn)\w{0,2}$", low):
        return "f"
    return "m" if re.search(r"(ич|іч|ch|č)\w{0,2}$", low) else None


@lru_cache(maxsize=65536)
def readings(text: str) -> tuple[ParsedName, ...]:
    """Every plausible nominative reading of a name, likeliest first (never empty)."""
    r = roles(text)
    cyr = r.script != "Latn"
    lang = r.language
    given_forms: tuple[morph.Form, ...] = ()
    if r.given:
        concepts = lx.given_concepts(r.given)
        given_forms = morph.given_forms(r.given, lang) if cyr else ()
        if concepts or not given_forms:
            given_forms += (morph.Form(r.given.lower(), lx.concept_gender(concepts), "nomn"),)
        # Анне is Анна in the dative but also an indeclinable Анне: trust the reading we know.
        known = [f for f in given_forms if lx.given_concepts(f.text)] or list(given_forms)
        given_forms = tuple(f for f in known if f.text == known[0].text)
    patr_forms: tuple[morph.Form, ...] = ()
    if r.patronymic:
        patr_forms = morph.patronymic_forms(r.patronymic, lang) if cyr else ()
        gender = patronymic_gender(r.patronymic)
        patr_forms += (morph.Form(r.patronymic.lower(), gender, "nomn"),)
    genders = {f.gender for f in given_forms if f.gender} or {f.gender for f in patr_forms}
    genders.discard(None)
    cases = {f.case for f in given_forms + patr_forms if f.case}
    gender = genders.pop() if len(genders) == 1 else None

    def pick(forms: tuple[morph.Form, ...]) -> morph.Form | None:
        """The form agreeing best with the gender and case the other parts show."""
        ranked = sorted(forms, key=lambda f: (gender and f.gender != gender, f.case not in cases))
        return ranked[0] if ranked else None

    given, patr = pick(given_forms), pick(patr_forms)
    head = r.surname[0] if r.surname else None
    rest = tuple(_title(w) for w in r.surname[1:])
    options: list[morph.Form] = []
    if head is not None:
        if cyr:
            options = list(morph.surname_forms(head, lang))
        else:
            options = [morph.Form(head.lower(), morph.surname_gender(head), "nomn")]
    options.sort(
        key=lambda f: (
            bool(gender and f.gender and f.gender != gender),
            bool(cases) and f.case not in cases,
            f.case != "nomn",
        )
    )
    out: dict[ParsedName, None] = {}
    for option in options or [None]:
        surname = " ".join((_title(option.text), *rest)) if option else None
        hint = (option.gender if option else None) or gender
        out[ParsedName(
            surname=surname,
            given=_title(given.text) if given else None,
            patronymic=_title(patr.text) if patr else None,
            initials=r.initials,
            script=r.script,
            language=lang,
            gender_hint=hint,
        )] = None  # fmt: skip
    return tuple(out)


def normalize_person_name(text: str) -> ParsedName:
    """Parse a name in any order and script into its parts, in the nominative."""
    return readings(text)[0]
