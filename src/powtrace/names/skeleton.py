"""Phonetic skeletons: one key for a name word whatever its script or romanisation system.

The skeleton alphabet is a b v g d e f k l m n o p r s t u plus five symbols for sounds that
romanisations spell in many ways: j = ж, h = х, c = ц, q = ч, x = ш/щ, and y = a word-initial
glide (И-, Й-, І-, Я-, Ю-, Є-). What varies between systems is folded away:

- й и ы і ї and Latin i y j inside a word are dropped (Sergeyevich/Sergeevich, Andrii/Andrij);
- з and с are one symbol (German writes з as "s": Selenski);
- ё is e or o (Kovalev/Kovalyov/Kowaljow); Latin yo/io/jo is likewise e or o;
- г ґ and Latin g gh are g; Latin h is g or х (Ukrainian h, ISO 9 h);
- ambiguous Latin spellings give several skeletons: ch is ч (English), х (German) or ш (French);
  sch is ш or ж (German) or сч (English, ICAO: Lemeschuk); c is к or ц; z is з or ц (German);
  j is a glide or ж (French); gu before e/i is г (French) or г + у; tch is ч or тч (Gatchuk);
  shch, schtsch and chtch are щ or шч (Rezashchuk) — Cyrillic spellings stay apart;
- double letters are collapsed, soft and hard signs and apostrophes are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from powtrace.names.script import is_cyrillic

MAX_ALTERNATIVES = 48

_CYR = {
    "а": ("a",), "б": ("b",), "в": ("v",), "г": ("g",), "ґ": ("g",), "д": ("d",),
    "е": ("e",), "є": ("e",), "ё": ("e", "o"), "ж": ("j",), "з": ("s",), "и": ("",),
    "і": ("",), "ї": ("",), "й": ("",), "к": ("k",), "л": ("l",), "м": ("m",), "н": ("n",),
    "о": ("o",), "п": ("p",), "р": ("r",), "с": ("s",), "т": ("t",), "у": ("u",),
    "ф": ("f",), "х": ("h",), "ц": ("c",), "ч": ("q",), "ш": ("x",), "щ": ("x",),
    "ъ": ("",), "ы": ("",), "ь": ("",), "э": ("e",), "ю": ("u",), "я": ("a",),
}  # fmt: skip
_CYR_INITIAL = {
    "е": ("e", "ye"), "ё": ("e", "ye", "yo"), "є": ("ye", "e"), "и": ("y",), "і": ("y",),
    "ї": ("y",), "й": ("y",), "ы": ("y",), "ю": ("yu",), "я": ("ya",),
}  # fmt: skip
_CYR_VOWELS = frozenset("аеёєиіїоуыэюя")

# Latin graphemes, tried longest first; the value lists the skeleton readings, likeliest first.
_LAT = {
    "schtsch": ("x", "xq"), "shtsch": ("x",), "chtch": ("x", "xq"), "szcz": ("x",),
    "shch": ("x", "xq"), "tsch": ("q",), "shh": ("x",), "sch": ("x", "j", "sq"),
    "tch": ("q", "tq"), "tsh": ("q",),
    "zh": ("j",), "kh": ("h",), "sh": ("x",), "ch": ("q", "h", "x"), "cz": ("q",),
    "sz": ("x",), "ts": ("c",), "tz": ("c",), "ck": ("k",), "gh": ("g",), "ph": ("f",),
    "th": ("t",), "iou": ("u",), "you": ("u",), "jou": ("ju", "u"), "ou": ("u", "ou"),
    "yo": ("e", "o"), "io": ("e", "o"), "jo": ("e", "o", "jo"),
    "x": ("ks",), "w": ("v",), "q": ("k",), "c": ("k", "c"), "z": ("s", "c"), "j": ("", "j"),
    "y": ("",), "i": ("",), "h": ("g", "h"),
}  # fmt: skip
_LAT_INITIAL = {
    "iou": ("yu",), "you": ("yu",), "jou": ("yu", "ju"), "yo": ("yo", "ye"), "io": ("yo", "ye"),
    "jo": ("yo", "ye", "jo"), "y": ("y",), "i": ("y",), "j": ("y", "j"),
}  # fmt: skip
_LAT_LONGEST = max(len(k) for k in _LAT)

# Letters with diacritics used by scholarly, ISO 9, DSTU 9112, Polish, Czech and German spellings.
_PREMAP = str.maketrans({
    "ë": "yo", "ö": "yo", "ü": "yu", "ä": "ya", "ê": "ye", "â": "ya", "û": "yu",
    "š": "sh", "ž": "zh", "č": "tsh", "ć": "tsh", "ŝ": "shch", "ś": "s", "ź": "z", "ż": "zh",
    "ł": "l", "ğ": "gh", "ħ": "kh", "ß": "ss", "ĭ": "i", "ı": "i", "ø": "o", "æ": "ae",
    "ʹ": "", "ʺ": "", "'": "", "’": "", "ʼ": "", "`": "", "′": "", "″": "", "ʻ": "",
})  # fmt: skip
_WORD_RULES = (
    (re.compile(r"(?<=[oe])ff$"), "v"),  # old -off spellings: Smirnoff
    (re.compile(r"(?<=[^aeiouy])ine$"), "in"),  # French -ine for -ин: Poutine, Raspoutine
)

_INITIAL_CLASSES = {
    "а": "A", "б": "B", "в": "V", "г": "GH", "ґ": "G", "д": "D", "е": "EI", "є": "IE",
    "ё": "EI", "ж": "ZSJ", "з": "ZS", "и": "I", "і": "I", "ї": "I", "й": "I", "к": "KC",
    "л": "L", "м": "M", "н": "N", "о": "O", "п": "P", "р": "R", "с": "S", "т": "T",
    "у": "UO", "ф": "F", "х": "KHC", "ц": "CTZ", "ч": "CT", "ш": "SC", "щ": "SC",
    "ы": "I", "э": "E", "ю": "IU", "я": "I", "w": "V", "y": "I", "j": "IJ", "i": "I",
}  # fmt: skip


def _fold_latin(word: str) -> str:
    """Lower-case a Latin word, spell out diacritics and keep only a-z."""
    text = word.casefold().replace("šč", "shch").translate(_PREMAP)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if "a" <= ch <= "z")
    for pattern, repl in _WORD_RULES:
        text = pattern.sub(repl, text)
    return text


def _latin_segments(text: str, initial: bool = True) -> list[tuple[str, ...]]:
    """Split folded Latin text into graphemes and return each one's skeleton readings."""
    out: list[tuple[str, ...]] = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("gu", i) and i + 2 < n and text[i + 2] in "eiy":
            # French gu before e/i is г (Guennadi, Sergueï); elsewhere it is г + у (Soguikow,
            # Baseguin for Согуиков, Басегуин).
            out.append(("g", "gu"))
            i += 2
            continue
        for size in range(min(_LAT_LONGEST, n - i), 0, -1):
            chunk = text[i : i + size]
            table = _LAT_INITIAL if initial and i == 0 and chunk in _LAT_INITIAL else _LAT
            if chunk in table:
                out.append(table[chunk])
                i += size
                break
        else:
            out.append((text[i],))
            i += 1
    return out


def _cyrillic_segments(word: str, initial: bool = True) -> list[tuple[str, ...]]:
    """Map a Cyrillic word letter by letter (with a little context) to skeleton readings."""
    text = [ch for ch in word.casefold() if is_cyrillic(ch)]
    out: list[tuple[str, ...]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if initial and i == 0 and ch in _CYR_INITIAL:
            out.append(_CYR_INITIAL[ch])
        elif ch == "ь" and nxt == "о":  # Ukrainian ьо is the sound of Russian ё
            out.append(("e", "o"))
            i += 1
        elif ch == "т" and nxt == "с":  # тс sounds and is romanised as ц
            out.append(("c",))
            i += 1
        elif ch == "і" and nxt and nxt not in _CYR_VOWELS:
            out.append(("", "e"))  # Ukrainian і in a closed syllable is Russian е: Білоус/Белоус
        else:
            out.append(_CYR.get(ch, ("",)))
        i += 1
    return out


def _expand(segments: list[tuple[str, ...]]) -> tuple[str, ...]:
    """Combine per-segment readings into whole skeletons, likeliest first, capped in number."""
    if all(len(alts) == 1 for alts in segments):
        return (_collapse("".join(alts[0] for alts in segments)),)
    results = [""]
    for alts in segments:
        if len(alts) == 1:
            results = [r + alts[0] for r in results]
            continue
        combined = [r + a for r in results for a in alts]
        results = list(dict.fromkeys(combined))[:MAX_ALTERNATIVES]
    return tuple(dict.fromkeys(_collapse(r) for r in results))


def _collapse(text: str) -> str:
    """Collapse runs of the same symbol: Kirill/Kiril, Ivashchenko/Ivashenko."""
    return re.sub(r"(.)\1+", r"\1", text)


_SCRIPT_RUNS = re.compile(r"[\u0400-\u052f\u1c80-\u1c8f]+|[^\u0400-\u052f\u1c80-\u1c8f]+")


@lru_cache(maxsize=262144)
def skeletons(word: str) -> tuple[str, ...]:
    """All skeletons of one name word, likeliest first; empty for a word with no letters."""
    segments: list[tuple[str, ...]] = []
    # A word left mixed after homoglyph repair is read run by run, each in its own script.
    for run in _SCRIPT_RUNS.findall(word):
        first = not segments
        if is_cyrillic(run[0]):
            segments += _cyrillic_segments(run, initial=first)
        else:
            segments += _latin_segments(_fold_latin(run), initial=first)
    return tuple(s for s in _expand(segments) if s)


def skeleton(word: str) -> str:
    """The likeliest skeleton of one name word ('' when it has no letters)."""
    alts = skeletons(word)
    return alts[0] if alts else ""


def surname_stem(skel: str) -> str:
    """Fold a feminine surname skeleton onto the masculine one (Долгополова → Долгополов)."""
    if len(skel) > 3 and skel.endswith(("ova", "eva", "na", "ska", "cka")):
        return skel[:-1]
    return skel


_PATRONYMIC_ENDINGS = ("ovna", "evna", "vna", "qna", "ovq", "evq", "q")


def patronymic_stem(skel: str) -> str:
    """Strip the patronymic suffix from a skeleton, leaving the father's name (serg from both)."""
    for ending in _PATRONYMIC_ENDINGS:
        if skel.endswith(ending) and len(skel) - len(ending) >= 2:
            return skel[: -len(ending)]
    return skel


@lru_cache(maxsize=4096)
def initial_classes(word: str) -> frozenset[str]:
    """Letter classes the first letter of a word or initial can stand for in any script."""
    for ch in word.casefold():
        if is_cyrillic(ch):
            return frozenset(_INITIAL_CLASSES.get(ch, ch.upper()))
        folded = _fold_latin(ch)
        if folded:
            return frozenset(_INITIAL_CLASSES.get(folded[0], folded[0].upper()))
    return frozenset()
