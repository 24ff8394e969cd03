"""How the press and lists write a Russian name: our own simple tables, independent of names/.

English press (BGN-like), ICAO Doc 9303 passports, German (Duden-like), French press, Ukrainian
KMU 2010, Russian names respelled in Ukrainian Cyrillic, and Russian declension.

Corrections (2026-11-27), made because the renderer wrote forms no real document contains; the
information each rendering shows is unchanged, and the random draws are the same:

- French: a final г was written "gu" (Олег → "Olegu"), because the test for a following е/и/э
  also matched the empty string at the end of a word. French writes "Oleg"; "gu" belongs only
  before e/i (Guennadi).
- Russian declension: Павел, Лев and Пётр lose a vowel when declined (Павла, Льва, Петра); the
  renderer wrote "Павела", "Левом", "Пётра". Наталья's instrumental is Натальей, not
  "Натальёй" (Ильёй keeps its ё).
"""

from __future__ import annotations

import random


def _words(text: str) -> list[str]:
    """Letters written as one string, space-separated; "-" is a letter not written."""
    return text.split()


_VOWELS = set("аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ")

_EN_LATIN = _words("a b v g d e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya yo")
_EN = dict(zip("абвгдежзийклмнопрстуфхцчшщъыьэюяё", _EN_LATIN, strict=True))
_EN = {k: "" if v == "-" else v for k, v in _EN.items()}
_ICAO = dict(_EN, й="i", ъ="ie", ю="iu", я="ia", ё="e")
_DE = dict(_EN, в="w", ж="sch", з="s", й="i", х="ch", ц="z", ч="tsch", ш="sch", щ="schtsch",
           ю="ju", я="ja", ё="jo")  # fmt: skip
_FR = dict(_EN, ж="j", й="ï", у="ou", х="kh", ч="tch", ш="ch", щ="chtch", ю="iou", я="ia",
           ё="io")  # fmt: skip
_KMU_LATIN = _words(
    "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch - iu ia -"
)
_KMU = {
    k: "" if v == "-" else v
    for k, v in zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'", _KMU_LATIN, strict=True)
}
_KMU_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def _case(out: str, word: str) -> str:
    if word.isupper() and len(word) > 1:
        return out.upper()
    return out[:1].upper() + out[1:]


def _translit(word: str, table: dict[str, str], lang: str) -> str:
    """Letter-by-letter romanisation with the few context rules each convention has."""
    low = word.lower()
    out = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if lang == "kmu" and i == 0 and ch in _KMU_INITIAL:
            out.append(_KMU_INITIAL[ch])
            continue
        if ch == "е" and lang in ("en", "de", "fr") and (i == 0 or prev in _VOWELS or prev in "ьъ"):
            out.append({"en": "ye", "de": "je", "fr": "ie"}[lang])
            continue
        if ch == "и" and prev == "ь" and lang in ("de", "fr"):
            out.append("ji" if lang == "de" else "i")
            continue
        if ch == "й" and lang == "en" and prev in ("и", "ы") and i == len(low) - 1:
            out.append("y")
            continue
        if ch == "с" and lang == "fr" and prev in _VOWELS and nxt in _VOWELS:
            out.append("ss")
            continue
        if ch == "г" and lang == "fr" and nxt and nxt in "еиэ":  # Guennadi, but Oleg
            out.append("gu")
            continue
        out.append(table.get(ch, ch))
    text = "".join(out)
    if lang == "de":
        text = text.replace("ij", "i") if text.endswith("ij") else text
        if text.endswith(("ow", "ew")) or "ow-" in text:
            pass
        if text.endswith("ii"):
            text = text[:-1]
    if lang == "fr" and text.endswith("iï"):
        text = text[:-1]
    return _case(text, word)


def english(word: str) -> str:
    """English press spelling (BGN/PCGN-like, -iy endings)."""
    return _translit(word, _EN, "en")


def icao(word: str) -> str:
    """ICAO Doc 9303 (Russian passports since 2013), upper case."""
    return _translit(word, _ICAO, "icao").upper()


def german(word: str) -> str:
    """German press spelling (Duden): w, sch, tsch, -ow."""
    return _translit(word, _DE, "de")


def french(word: str) -> str:
    """French press spelling: ou, ch, tch, -ov, ss."""
    return _translit(word, _FR, "fr")


def kmu(word: str) -> str:
    """Ukrainian national romanisation (KMU 2010) of a Ukrainian Cyrillic word."""
    return _translit(word, _KMU, "kmu")


def ukrainian_spelling(word: str) -> str:
    """A Russian surname as Ukrainian media respell it: и→і, ы→и, э→е, ё→ьо, е→є after vowels."""
    low = word.lower()
    out = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        if ch == "и":
            out.append("і")
        elif ch == "ы":
            out.append("и")
        elif ch == "э":
            out.append("е")
        elif ch == "ё":
            out.append("йо" if i == 0 or prev in _VOWELS else "ьо")
        elif ch == "е" and (i == 0 or prev in _VOWELS):
            out.append("є")
        elif ch == "ъ":
            out.append("'")
        else:
            out.append(ch)
    return _case("".join(out), word)


# ---- Russian declension (genitive, dative, instrumental) -------------------------------------
def _decline_surname(word: str, case: str, female: bool) -> str:
    low = word.lower()
    if low.endswith(("ко", "ых", "их", "аго", "дзе", "швили")):
        return word
    if female:
        if low.endswith(("ова", "ева", "ёва", "ина", "ына")):
            return word[:-1] + "ой"
        if low.endswith("ская") or low.endswith("цкая"):
            return word[:-2] + "ой"
        return word  # -ук, -енко and consonant endings do not decline for women
    if low.endswith(("ский", "цкий")):
        return word[:-2] + {"gen": "ого", "dat": "ому", "ins": "им"}[case]
    if low.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return word + {"gen": "а", "dat": "у", "ins": "ым"}[case]
    if low.endswith("ь"):
        return word[:-1] + {"gen": "я", "dat": "ю", "ins": "ем"}[case]
    if low.endswith("й"):
        return word[:-1] + {"gen": "я", "dat": "ю", "ins": "ем"}[case]
    if low[-1] in "аяоеиуыэю":
        return word
    ins = "ем" if low[-1] in "жшчщц" else "ом"
    return word + {"gen": "а", "dat": "у", "ins": ins}[case]


# Given names whose stem changes when declined (a fleeting vowel, ё lost): Павел → Павла.
_GIVEN_STEMS = {"павел": "Павл", "лев": "Льв", "пётр": "Петр"}


def _decline_given(word: str, case: str) -> str:
    low = word.lower()
    if low in _GIVEN_STEMS:
        return _GIVEN_STEMS[low] + {"gen": "а", "dat": "у", "ins": "ом"}[case]
    if low.endswith("ия"):
        return word[:-1] + {"gen": "и", "dat": "и", "ins": "ей"}[case]
    if low.endswith("ья"):
        ins = "ёй" if low == "илья" else "ей"  # Ильёй, but Натальей
        return word[:-1] + {"gen": "и", "dat": "е", "ins": ins}[case]
    if low.endswith("а"):
        gen = "и" if low[-2] in "гкхжшчщ" else "ы"
        return word[:-1] + {"gen": gen, "dat": "е", "ins": "ой"}[case]
    if low.endswith("я"):
        return word[:-1] + {"gen": "и", "dat": "е", "ins": "ей"}[case]
    if low.endswith(("й", "ь")):
        return word[:-1] + {"gen": "я", "dat": "ю", "ins": "ем"}[case]
    return word + {"gen": "а", "dat": "у", "ins": "ом"}[case]


def _decline_patronymic(word: str, case: str) -> str:
    if word.endswith("на"):
        return word[:-1] + {"gen": "ы", "dat": "е", "ins": "ой"}[case]
    return word + {"gen": "а", "dat": "у", "ins": "ем"}[case]


def declined_sentence(
    surname: str, given: str, patronymic: str | None, female: bool, rng: random.Random
) -> str:
    """A Russian sentence fragment naming the person in the genitive, dative or instrumental."""
    case = rng.choice(("gen", "dat", "ins"))
    s = _decline_surname(surname, case, female)
    g = _decline_given(given, case)
    p = _decline_patronymic(patronymic, case) if patronymic else None
    name = " ".join(x for x in (s, g, p) if x) if rng.random() < 0.6 else f"{g} {s}"
    lead = {
        "gen": ("обмен военнослужащего", "мать рядового", "сведения о судьбе"),
        "dat": ("вынесен приговор", "передано письмо", "предъявлено обвинение"),
        "ins": ("встреча с рядовым", "связь с", "интервью с"),
    }[case]
    return f"{rng.choice(lead)} {name}"
