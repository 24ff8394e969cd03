"""Sentences, words and folding: the small text utilities every extraction step shares."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

WORD = re.compile(r"[^\W\d_]+(?:['’ʼ\-][^\W\d_]+)*", re.UNICODE)
# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "gen",
        "lt",
        "col",
        "sgt",
        "pvt",
        "cpl",
        "maj",
        "capt",
        "adm",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "inc",
        "co",
        "corp",
        "dept",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "art",
        "ch",
        "p",
        "pp",
        "u.s",
        "e.g",
        "i.e",
        "г",
        "гг",
        "ст",
        "ч",
        "т",
        "д",
        "пр",
        "им",
        "ул",
        "обл",
        "р-н",
        "пос",
        "с",
        "м",
        "тыс",
        "млн",
        "руб",
        "грн",
        "см",
        "св",
        "ім",
        "вул",
        "п",
    ]
)
# Verbs of saying, as a pattern to build on: after one, what a clause says is what someone
# tells (attributes: a commander reporting captivity; held: where a bystander's own clause ends).
SAYING_VERBS = (
    r"said|says|told|stated|announced|заяви\w*|сообщи\w*|рассказа\w*|сказа\w*|"
    r"отмети\w*|поясни\w*|говори\w*|уточни\w*|повідоми\w*|розпові\w*|зазначи\w*|каже|кажуть|"
    r"заявля\w*|пише|пишет|написа\w*"
)
# Verbs of saying: a referent next to one of them is a speaker.
REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|recounted|added|stated|wrote|recalled|recalls|explained|"
    r"claimed|noted|сообщил\w*|рассказал\w*|рассказывает|заявил\w*|сказал\w*|отметил\w*|"
    r"пояснил\w*|говорит|говорят|вспоминает|повідомил\w*|повідомив|розповів\w*|розповіла|"
    r"розповідає|заявив|заявила|сказав|сказала|зазначив\w*|каже|кажуть|згадує)\b",
    re.IGNORECASE,
)
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_TRAILING = re.compile(r"[\w.\-]+$")  # the token before a full stop
_NEXT = re.compile(r"\s*(\S)")  # the first character after a break
_REACH = 64  # how far back a token is looked for; longer tokens are never abbreviations


@dataclass(frozen=True)
class Sentence:
    """A sentence with its offsets in the text."""

    index: int
    start: int
    end: int
    text: str


def _breaks(line: str) -> list[int]:
    """Offsets inside a line after which a new sentence starts."""
    out: list[int] = []
    for m in _END.finditer(line):
        # Search only the last characters (not the whole line before each stop), unless the
        # token fills them: then it may be longer.
        lo = max(0, m.start() - _REACH)
        word = _TRAILING.search(line, lo, m.start())
        if word and word.start() == lo > 0:
            word = _TRAILING.search(line, 0, m.start())
        token = word.group(0).lower() if word else ""
        if m.group(0).startswith(".") and (token.rstrip(".") in _ABBREVIATIONS or len(token) == 1):
            continue  # "Gen. Ivanov", initials "I. Petrov"
        nxt = _NEXT.match(line, m.end())
        if nxt and (nxt.group(1).isupper() or nxt.group(1) in "\"'“«‘—–-0123456789"):
            out.append(m.end())
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences; every line break ends a sentence (headlines, captions)."""
    sentences: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        cuts = [0, *_breaks(line), len(line)]
        for a, b in pairwise(cuts):
            chunk = line[a:b]
            lead = len(chunk) - len(chunk.lstrip())
            body = chunk.strip()
            if body:
                start = pos + a + lead
                sentences.append(Sentence(len(sentences), start, start + len(body), body))
        pos += len(line) + 1
    return sentences


def fold(text: str) -> str:
    """Lower case without diacritics (й, ё and ї keep theirs: they are letters of their own)."""
    out = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.category(ch) == "Mn" and out and out[-1] not in "иеіу":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)).replace("’", "'").replace("ʼ", "'")


def clause_start(text: str, pos: int, floor: int = 0) -> int:
    """The offset after the last clause boundary (, ; : — ( or a quote) before `pos`."""
    cut = max(text.rfind(ch, floor, pos) for ch in ',;:—–(“«"')
    return max(floor, cut + 1)


# Latin letters that look like Cyrillic ones, as typed by mistake inside a Cyrillic word
# ("Tекст" with a Latin T).
_LOOKALIKES = str.maketrans("ABCEHKMOPTXaceopxyi", "АВСЕНКМОРТХасеорхуі")
_MIXED = re.compile(r"[A-Za-zА-Яа-яЁёІіЇїЄєҐґ]+")
_SCRIPTS_MEET = re.compile(r"[A-Za-z][А-Яа-яЁёІіЇїЄєҐґ]|[А-Яа-яЁёІіЇїЄєҐґ][A-Za-z]")


def cyrillic_lookalikes(text: str) -> str:
    """`text` with Latin lookalike letters made Cyrillic in words that mix both scripts (the
    same length: offsets into it are offsets into `text`)."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if re.search(r"[A-Za-z]", word) and re.search(r"[А-Яа-яЁёІіЇїЄєҐґ]", word):
            return word.translate(_LOOKALIKES)
        return word

    if _SCRIPTS_MEET.search(text) is None:
        return text  # the usual case: no word mixes the scripts
    return _MIXED.sub(fix, text)
