"""Given names written alone, without a surname, that Ukrainian and Russian reporting makes
persons by where it puts them rather than by a title or kinship noun (those cues live in
`persons.given_name_persons`):

- after a verb of saying that closes a quotation or clause: "…, — розповіла Ганна.", "каже
  Олеся з Вінниці", "вспоминает Марина"; up to three lowercase or abbreviated words may come
  between, a title the verb's subject carries ("розповідає військовослужбовиця ЗСУ Анна");
- named by an introduction: "його звуть Тарас", "її звати Мирослава", "на ім'я Остап",
  "представився Андрієм", "Максим — так представляється чоловік";
- standing alone three times or more (a profile of someone the story names by first name only:
  "Зоряну мобілізували …  Зоряна працювала …  Зоряну взяли в полон …"), inside
  a sentence or not (the dictionary, not the capital, tells a name).

The name must read as a given name in the case its place wants (nominative after a verb of
saying or "звуть", instrumental after "представився"), and never run on into a capitalised word
(a surname). Given names that are also common words ("Слава", "Надія", "Любов", "Віра") are
left out of the repeated-name rule and after a verb of saying.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from powtrace.extract.namecase import readings

_NAME = r"[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]+"
# A verb of saying (past or present) right before the name, with up to three words of a title
# between (lowercase, or an abbreviation in capitals: "ЗСУ").
_SAID = re.compile(
    r"(?<![\w-])(?:розпов(?:іла|ів|ідає)|ка(?:же|зала|зав)|говорить|сказал[аи]?|сказав|"
    r"дода(?:ла|в|є)|пригаду(?:є|вала)|згаду(?:є|вала)|ділиться|поділил(?:ася|ся)|"
    r"зізна(?:ється|лася)|поясню(?:є)|поясни(?:ла|в)|зауважи(?:ла|в)|наголоси(?:ла|в)|"
    r"розказу(?:є)|розказала|плаче|усміхається|зітхає|радіє|"
    r"рассказ(?:ала|ал|ывает)|говорит|сказала|добавила|вспоминает|делится|признаётся|"
    r"признается|поясняет|пояснила|улыбается|вздыхает)"
    r"[ \t]+((?:(?:[а-яёіїєґ'’ʼ-]+|[А-ЯЁІЇЄҐ]{2,5})[ \t]+){0,3}?)(" + _NAME + r")"
    r"(?=[ \t]*(?:[.,;:!?…»)]|[—–]|$)|[ \t]+(?:з|із|зі|из|с|от|від)[ \t])",
    re.MULTILINE,
)
# An introduction before the name: "його звуть", "звати її", "на ім'я", "представився".
# Only the introduction ignores case ("Його звуть"): the name must be capitalised, and so must
# the word after it that would make it part of a fuller name.
_CALLED = re.compile(
    r"(?<![\w-])(?i:(?:його|її|мене|его|её|меня)[ \t]+(?:звуть|звати|зовут)|"
    r"(?:звуть|звати|зовут)[ \t]+(?:його|її|мене|его|её|меня)|на[ \t]+ім[’'ʼ]я|по[ \t]+имени|"
    r"(?P<instr>представи(?:вся|лася|лся|лась)|назва(?:вся|лася|лся|лась)))"
    r"[ \t]+(" + _NAME + r")(?![ \t]+[А-ЯЁІЇЄҐ])",
)
# The name, a dash and "так представляється / назвався": "Максим — так представляється чоловік".
_NAME_THEN_INTRO = re.compile(
    r"(?<![\w'’ʼ-])(" + _NAME + r")[ \t]*[—–−-][ \t]*так[ \t]+"
    r"(?:представля\w+|представи\w+|назива\w+|назва\w+|відрекоменду\w+)"
)
_LONE = re.compile(r"(?<![\w'’ʼ-])" + _NAME + r"(?![\w'’ʼ-])")
_CAPITAL_NEXT = re.compile(r"[ \t]+[А-ЯЁІЇЄҐ]")
_CAPITAL_BEFORE = re.compile(r"[А-ЯЁІЇЄҐ][\w'’ʼ-]*[ \t]+$")
_REPEATS = 3
# Given names that are also common words or places.
_WORDS = frozenset(
    [
        *("слава", "надія", "надежда", "любов", "любовь", "віра", "вера", "влада", "роман"),
        *("лев", "мир", "мира", "майя", "лілія", "ружа", "злата", "калина", "марта"),
    ]
)


def _given(word: str, lang: str, case: str | None) -> bool:
    """True when `word` reads as a given name (in `case`, when one is asked for)."""
    if word.lower() in _WORDS:
        return False
    return any(
        r.kind == "Name" and r.score >= 0.5 and (case is None or r.case == case)
        for r in readings(word, lang)
    )


def lone_given_names(text: str, lang: str) -> Iterator[re.Match[str]]:
    """Matches whose group 0 is a given name standing alone that its place makes a person."""
    if lang not in ("uk", "ru"):
        return
    for m in _SAID.finditer(text):
        if _CAPITAL_NEXT.match(text, m.end(2)) or not _given(m.group(2), lang, "nomn"):
            continue
        yield _word_at(text, m.start(2))
    for m in _CALLED.finditer(text):
        case = "ablt" if m.group("instr") else "nomn"
        if _given(m.group(2), lang, case):
            yield _word_at(text, m.start(2))
    for m in _NAME_THEN_INTRO.finditer(text):
        if not _CAPITAL_BEFORE.search(text, max(0, m.start() - 40), m.start()) and _given(
            m.group(1), lang, "nomn"
        ):
            yield _word_at(text, m.start(1))
    seen: dict[str, list[re.Match[str]]] = {}
    for m in _LONE.finditer(text):
        if _CAPITAL_NEXT.match(text, m.end()) or _CAPITAL_BEFORE.search(
            text, max(0, m.start() - 40), m.start()
        ):
            continue  # part of a fuller name
        names = [r.nominative.lower() for r in readings(m.group(0), lang) if r.kind == "Name"]
        if names and _given(m.group(0), lang, None):
            seen.setdefault(names[0], []).append(m)
    for hits in seen.values():
        if len(hits) >= _REPEATS:
            # the nominative form first: "Зоряна", not "Зоряну" (also the genitive of Зорян)
            yield next((m for m in hits if _nominative(m.group(0), lang)), hits[0])


def _nominative(word: str, lang: str) -> bool:
    """True when `word` is itself the nominative of a given name it can be."""
    return any(
        r.kind == "Name" and r.case == "nomn" and r.nominative == word for r in readings(word, lang)
    )


def _word_at(text: str, at: int) -> re.Match[str]:
    """The capitalised word starting at `at`, as a match on `text`."""
    found = _LONE.match(text, at)
    assert found is not None
    return found
