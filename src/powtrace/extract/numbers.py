"""Number words in English, Russian and Ukrainian: head counts ("ninety-five", "чотирьох",
"7 тисяч") and terms of sentence ("twelve years"). One table for every extraction step."""

from __future__ import annotations

# Number words that may count a group, by value: English, Russian and Ukrainian, with the
# oblique forms a count takes after a verb ("вернули четырех", "повернули чотирьох").
UNITS: dict[int, tuple[str, ...]] = {
    2: ("two", "два", "две", "двух", "двум", "двоих", "два", "дві", "двох", "двом"),
    3: ("three", "три", "трех", "трёх", "трем", "трём", "троих", "трьох", "трьом"),
    4: ("four", "четыре", "четырех", "четырёх", "четырем", "чотири", "чотирьох", "чотирьом"),
    5: ("five", "пять", "пяти", "пятерых", "п'ять", "п’ять", "п'ятьох", "п’ятьох", "п'яти"),
    6: ("six", "шесть", "шести", "шість", "шістьох", "шести"),
    7: ("seven", "семь", "семи", "сім", "сімох", "семеро"),
    8: ("eight", "восемь", "восьми", "вісім", "вісьмох", "восьмеро"),
    9: ("nine", "девять", "девяти", "дев'ять", "дев’ять", "дев'ятьох", "дев’ятьох"),
    10: ("ten", "десять", "десяти", "десятьох"),
    11: ("eleven", "одиннадцать", "одинадцять"),
    12: ("twelve", "двенадцать", "дванадцять"),
    13: ("thirteen",),
    14: ("fourteen",),
    15: ("fifteen", "пятнадцать", "п'ятнадцять", "п’ятнадцять"),
    16: ("sixteen",),
    17: ("seventeen",),
    18: ("eighteen",),
    19: ("nineteen",),
    20: ("twenty", "двадцать", "двадцять", "двадцати", "двадцяти"),
    30: ("thirty", "тридцать", "тридцять", "тридцати", "тридцяти"),
    40: ("forty", "сорок", "сорока"),
    50: ("fifty", "пятьдесят", "п'ятдесят", "п’ятдесят"),
    60: ("sixty", "шестьдесят", "шістдесят"),
    70: ("seventy", "семьдесят", "сімдесят"),
    80: ("eighty", "восемьдесят", "вісімдесят"),
    90: ("ninety", "девяносто", "дев'яносто", "дев’яносто"),
    100: ("hundred", "сто", "ста", "сотня", "сотню"),
}
WORD_VALUE = {w: n for n, words in UNITS.items() for w in words}
# Words that multiply the number before them ("7 тисяч", "1,2 тыс.", "a thousand").
MULTIPLIERS = {
    "thousand": 1000,
    "тысяча": 1000,
    "тысячу": 1000,
    "тысячи": 1000,
    "тысяч": 1000,
    "тыс": 1000,
    "тисяча": 1000,
    "тисячу": 1000,
    "тисячі": 1000,
    "тисяч": 1000,
    "тис": 1000,
    "hundred": 100,
    "dozen": 12,
    "десятки": 10,
    "десятка": 10,
    "десятков": 10,
    "десятків": 10,
    "сотни": 100,
    "сотні": 100,
    "сотен": 100,
    "сотень": 100,
}
# English words for a term of years, as sentences write them ("a twenty-five-year sentence").
ENGLISH_TERMS = {"one": 1, "twenty-five": 25} | {
    w: n for w, n in WORD_VALUE.items() if w.isascii() and n <= 30
}
