"""Unnamed persons told as one member of a group (Russian, Ukrainian): "один из российских
военнослужащих", "одного из пленных бойцов", "один з полонених захисників". The text speaks of
one specific soldier without naming him, so he is a person of his own (the corpus README's
unnamed persons) and his events are not lost to the group noun. Only masculine singular
determiners and soldier or captive nouns count: "один из братьев" (kin) and "одна из жён" are
left to the kinship rules; "каждый из" (anyone) is no determiner here."""

from __future__ import annotations

import re

# Up to two modifiers between "из / з" and the plural genitive noun ("российских", "ранее
# пленённых"), none of them a pronoun ("них", "их"), which makes "один из них" a reference.
_PARTITIVE = re.compile(
    r"(?<![\w-])(?:один|одного|одному|одним|одном)\s+(?:из|з|із|зі)\s+"
    r"(?:(?!(?:них|їх|нас|вас|тех|тих|этих|цих)\s)[а-яёіїєґ'’ʼ-]+\s+){0,2}?"
    r"(?:военнослужащих|военных|бойцов|солдат|военнопленных|пленных|оккупантов|"
    r"мобилизованных|контрактников|десантников|пехотинцев|морпехов|защитников|срочников|"
    r"освобожд[её]нных|вернувшихся|обменянных|"
    r"військовослужбовців|військових|бійців|військовополонених|полонених|окупантів|"
    r"мобілізованих|контрактників|десантників|піхотинців|морпіхів|захисників|строковиків|"
    r"звільнених|повернутих|обміняних)(?![\w-])",
    re.IGNORECASE,
)


def partitive_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of "один из / один з" + a plural soldier or captive noun in the text."""
    if lang not in ("ru", "uk"):
        return []
    return [m.span() for m in _PARTITIVE.finditer(text)]
