# ruff: noqa: E501 - the region table is data, one region a line
"""A seeded synthetic registry of Russian soldiers and query lists in every rendering.

Registry: Russian Cyrillic, surname / given name / patronymic / birth date / unit / region, with
a Zipf-like surname distribution (frequent surnames repeat: Иванов, Смирнов … down to a long
tail of rare ones). Queries: renderings of registry persons with typos, dropped parts and date
errors; hard namesakes (same name, another birth year or patronymic); and persons not in the
registry at all. A quarter of the queries have no match.
"""

from __future__ import annotations

import csv
import itertools
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources


def _words(text: str) -> list[str]:
    """The words of a block of text (the tables below are written as prose)."""
    return text.split()


# The most frequent Russian surnames, in rank order, then names common in Russian units.
COMMON = _words(
    """Смирнов Иванов Кузнецов Соколов Попов Лебедев Козлов Новиков Морозов Петров Волков Соловьёв
Васильев Зайцев Павлов Семёнов Голубев Виноградов Богданов Воробьёв Фёдоров Михайлов Беляев
Тарасов Белов Комаров Орлов Киселёв Макаров Андреев Ковалёв Ильин Гусев Титов Кузьмин
Кудрявцев Баранов Куликов Алексеев Степанов Яковлев Сорокин Сергеев Романов Захаров Борисов
Королёв Герасимов Пономарёв Григорьев Лазарев Медведев Ершов Никитин Соболев Рябов Поляков
Цветков Данилов Жуков Фролов Журавлёв Николаев Крылов Максимов Сидоров Осипов Белоусов
Федотов Дорофеев Егоров Матвеев Бобров Дмитриев Калинин Анисимов Петухов Антонов Тимофеев
Никифоров Веселов Филиппов Марков Большаков Суханов Миронов Ширяев Александров Коновалов
Шестаков Казаков Ефимов Денисов Громов Фомин Давыдов Мельников Щербаков Блинов Колесников
Карпов Афанасьев Власов Маслов Исаков Тихонов Аксёнов Гаврилов Родионов Котов Горбунов
Кудряшов Быков Зуев Третьяков Савельев Панов Рыбаков Суворов Абрамов Воронов Мухин Архипов
Трофимов Мартынов Емельянов Горшков Чернов Овчинников Селезнёв Панфилов Копылов Михеев
Галкин Назаров Лобанов Лукин Беляков Потапов Некрасов Хохлов Жданов Наумов Шилов Воронцов
Ермаков Дроздов Игнатьев Савин Логинов Сафонов Капустин Кириллов Моисеев Елисеев Кошелев
Костин Горбачёв Орехов Ефремов Исаев Евдокимов Калашников Кабанов Носков Юдин Кулагин Лапин
Прохоров Нестеров Харитонов Агафонов Муравьёв Ларионов Федосеев Зимин Пахомов Шубин Игнатов
Филатов Крюков Рогов Кулаков Терентьев Молчанов Владимиров Артемьев Гурьев Зиновьев Гришин
Кононов Дементьев Ситников Симонов Мишин Фадеев Шевченко Бондаренко Коваленко Кравченко
Ткаченко Литвиненко Мельник Ковальчук Павленко Савченко Руденко Хабибуллин Сафин Галиев
Ахмедов Алиев Магомедов Гасанов Исмаилов Юсупов Абдуллаев Долгополов Щукин Шаров Уваров
Князев Гордеев Самойлов Сазонов Одинцов Никонов Шарапов"""
)
ROOTS = _words(
    """Бел Черн Сокол Ворон Гор Лес Рыб Кузнец Мельник Гонч Бор Волк Медвед Лис Сов Голуб Журавл
Сорок Дятл Снег Мороз Зим Лет Весн Осен Камен Желез Серебр Золот Мед Пчел Хлеб Каш Квас
Пирог Блин Сыр Масл Кисел Солод Дуб Берез Клен Лип Сосн Ел Рябин Калин Малин Вишн Груш Яблок
Полев Степ Озер Речн Болот Луг Гай Рощ Бугр Холм Дол Яр Овраг Ручь Ключ Брод Мост Двор Сад
Огород Поп Дьяк Стрел Пушк Ружь Меч Щит Копь Седл Кон Бык Коз Баран Овц Свин Гус Утк Петух
Кур Ястреб Орл Сокол Кречет Филин Грач Скворц Чиж Щегл Синиц Ласточк Стриж Круп Пшен Овс
Ячмен Горох Бобр Хорь Куниц Соболь Барс Рысь Тур Лось Олен Заяц Белк Ёж Крот Мыш Ящер Змей
Жаб Рак"""
)
SUFFIXES = ("ов", "ев", "ин", "ский", "енко", "ук", "чук", "ых", "иков", "ишин", "ецкий", "ак")
SYLLABLES = _words(
    """ба бе бо бу ва ве во ву га го гу да де до ду жа жу за зо зу ка ке ко ку ла ле ло лу ма ме мо
му на не но ну па пе по пу ра ре ро ру са се со су та те то ту фа фе фо ха хо ца цо ча че чу
ша шо шу ки ли ми ни ри си ти"""
)
CODAS = ("", "", "", "р", "л", "н", "ш", "к", "т", "с")

MEN = _words(
    """Александр 10 Сергей 8 Дмитрий 7 Андрей 6 Алексей 6 Максим 5 Евгений 4 Иван 4 Михаил 4 Артём
3.5 Николай 3 Владимир 3 Денис 3 Роман 3 Игорь 2.5 Павел 2.5 Никита 2.5 Антон 2 Олег 2
Виталий 2 Илья 2 Кирилл 2 Константин 2 Юрий 2 Вадим 1.5 Виктор 1.5 Руслан 1.5 Егор 1.5
Владислав 1.5 Даниил 1.2 Василий 1 Станислав 1 Артур 1 Вячеслав 1 Григорий .8 Тимур .8
Ярослав .5 Богдан .5 Георгий .5 Анатолий .5 Валерий .5 Фёдор .5 Степан .4 Леонид .4 Эдуард
.4 Марат .3 Ринат .3 Рамзан .2 Магомед .3 Айдар .2 Ильдар .2 Рустам .3 Семён .3 Матвей .3
Глеб .3 Тимофей .3 Арсений .2 Борис .3 Геннадий .3 Пётр .3 Захар .2 Марк .2 Лев .1 Давид .2
Ян .1"""
)
FATHERS = _words(
    """Сергей 8 Александр 8 Владимир 7 Николай 6 Андрей 5 Игорь 4 Юрий 4 Виктор 4 Михаил 4 Алексей
4 Евгений 3 Олег 3 Анатолий 3 Валерий 3 Василий 3 Дмитрий 3 Иван 3 Геннадий 2 Пётр 2
Вячеслав 2 Владислав 1 Виталий 2 Константин 2 Павел 2 Леонид 1.5 Борис 1.5 Григорий 1 Фёдор
1 Степан 1 Роман 1.5 Вадим 1 Эдуард 1 Станислав 1 Марат .3 Ринат .3 Рустам .3 Руслан 1 Денис
.5 Максим .5 Артур .5 Аркадий .5 Семён .5 Георгий .5 Яков .3 Тимур .3"""
)
WOMEN = _words("""Анна 3 Мария 3 Елена 3 Ольга 3 Наталья 2 Татьяна 2 Екатерина 2 Юлия 2 Ирина 2""")

# (ru, uk, en, de, fr): regions whose names every convention derives from one city name.
REGIONS = [
    ("Курская область", "Курська область", "Kursk region", "Gebiet Kursk", "région de Koursk"),
    ("Брянская область", "Брянська область", "Bryansk region", "Gebiet Brjansk", "région de Briansk"),
    ("Белгородская область", "Бєлгородська область", "Belgorod region", "Gebiet Belgorod", "région de Belgorod"),
    ("Ростовская область", "Ростовська область", "Rostov region", "Gebiet Rostow", "région de Rostov"),
    ("Саратовская область", "Саратовська область", "Saratov region", "Gebiet Saratow", "région de Saratov"),
    ("Самарская область", "Самарська область", "Samara region", "Gebiet Samara", "région de Samara"),
    ("Омская область", "Омська область", "Omsk region", "Gebiet Omsk", "région d'Omsk"),
    ("Томская область", "Томська область", "Tomsk region", "Gebiet Tomsk", "région de Tomsk"),
    ("Тверская область", "Тверська область", "Tver region", "Gebiet Twer", "région de Tver"),
    ("Псковская область", "Псковська область", "Pskov region", "Gebiet Pskow", "région de Pskov"),
    ("Смоленская область", "Смоленська область", "Smolensk region", "Gebiet Smolensk", "région de Smolensk"),
    ("Тульская область", "Тульська область", "Tula region", "Gebiet Tula", "région de Toula"),
    ("Рязанская область", "Рязанська область", "Ryazan region", "Gebiet Rjasan", "région de Riazan"),
    ("Новосибирская область", "Новосибірська область", "Novosibirsk region", "Gebiet Nowosibirsk", "région de Novossibirsk"),
    ("Кемеровская область", "Кемеровська область", "Kemerovo region", "Gebiet Kemerowo", "région de Kemerovo"),
    ("Иркутская область", "Іркутська область", "Irkutsk region", "Gebiet Irkutsk", "région d'Irkoutsk"),
    ("Челябинская область", "Челябінська область", "Chelyabinsk region", "Gebiet Tscheljabinsk", "région de Tcheliabinsk"),
    ("Свердловская область", "Свердловська область", "Sverdlovsk region", "Gebiet Swerdlowsk", "région de Sverdlovsk"),
    ("Пермский край", "Пермський край", "Perm Krai", "Region Perm", "kraï de Perm"),
    ("Краснодарский край", "Краснодарський край", "Krasnodar Krai", "Region Krasnodar", "kraï de Krasnodar"),
    ("Ставропольский край", "Ставропольський край", "Stavropol Krai", "Region Stawropol", "kraï de Stavropol"),
    ("Республика Татарстан", "Республіка Татарстан", "Tatarstan", "Tatarstan", "Tatarstan"),
    ("Республика Башкортостан", "Республіка Башкортостан", "Bashkortostan", "Baschkortostan", "Bachkortostan"),
    ("Республика Дагестан", "Республіка Дагестан", "Dagestan", "Dagestan", "Daghestan"),
    ("Ленинградская область", "Ленінградська область", "Leningrad region", "Gebiet Leningrad", "région de Léningrad"),
    ("Волгоградская область", "Волгоградська область", "Volgograd region", "Gebiet Wolgograd", "région de Volgograd"),
    ("Оренбургская область", "Оренбурзька область", "Orenburg region", "Gebiet Orenburg", "région d'Orenbourg"),
    ("Мурманская область", "Мурманська область", "Murmansk region", "Gebiet Murmansk", "région de Mourmansk"),
    ("Тюменская область", "Тюменська область", "Tyumen region", "Gebiet Tjumen", "région de Tioumen"),
    ("Астраханская область", "Астраханська область", "Astrakhan region", "Gebiet Astrachan", "région d'Astrakhan"),
]  # fmt: skip
RENDERINGS = (
    "ru_registry",
    "uk_list",
    "en_press",
    "icao",
    "de_press",
    "fr_press",
    "ru_declined",
    "court_initials",
    "diminutive",
)
AS_OF = date(2025, 6, 1)  # the date the press wrote ages on


@dataclass
class Person:
    """One registry person (the truth), in Russian Cyrillic."""

    id: str
    surname: str
    given: str
    patronymic: str
    female: bool
    birth: date | None
    birth_year_only: bool
    unit: str | None
    region: int | None


@dataclass
class Query:
    """One query row: values as a list would give them, its rendering and the truth."""

    id: str
    rendering: str
    values: dict[str, str]
    truth: str | None
    kind: str  # match, namesake, absent
    notes: list[str] = field(default_factory=list)


def _weighted(spec: list[str]) -> tuple[list[str], list[float]]:
    return spec[0::2], [float(x) for x in spec[1::2]]


def _names_table() -> dict[str, dict[str, str]]:
    """ru form -> {uk, latin, patr_ru_m, patr_ru_f, patr_uk_m, concept}: the given-name table."""
    text = resources.files("powtrace.names").joinpath("data", "given_names.csv").read_text("utf-8")
    out: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(text.splitlines()):
        for ru in row["ru"].split("|"):
            out[ru] = {
                "uk": row["uk"].split("|")[0],
                "latin": row["latin"].split("|")[0],
                "patr_m": row["ru_patr_m"].split("|")[0],
                "patr_f": row["ru_patr_f"].split("|")[0],
                "uk_patr_m": row["uk_patr_m"].split("|")[0],
                "uk_patr_f": row["uk_patr_f"].split("|")[0],
                "concept": row["concept"],
            }
    return out


def _diminutives() -> dict[str, list[tuple[str, str]]]:
    """concept -> [(diminutive, lang)]."""
    text = resources.files("powtrace.names").joinpath("data", "diminutives.csv").read_text("utf-8")
    out: dict[str, list[tuple[str, str]]] = {}
    for row in csv.DictReader(text.splitlines()):
        for concept in row["concepts"].split("|"):
            out.setdefault(concept, []).append((row["diminutive"], row["lang"]))
    return out


class World:
    """Name distributions and the registry they produce, all from one seed."""

    def __init__(self, seed: int = 7, tail: int = 60_000) -> None:
        self.rng = random.Random(seed)
        self.table = _names_table()
        self.dims = _diminutives()
        surnames = list(dict.fromkeys(COMMON))
        seen = set(surnames)
        for root in ROOTS:
            for suffix in SUFFIXES:
                name = root + suffix
                if name not in seen:
                    seen.add(name)
                    surnames.append(name)
        tail_names = []
        while len(tail_names) < tail:
            n = self.rng.choice((1, 2, 2, 3))
            word = "".join(self.rng.choice(SYLLABLES) for _ in range(n)) + self.rng.choice(CODAS)
            word = (word + self.rng.choice(SUFFIXES)).capitalize()
            if word not in seen:
                seen.add(word)
                tail_names.append(word)
        # Real common names first, invented roots later, a long tail of rare names last.
        block = surnames[len(COMMON) :] + tail_names
        self.rng.shuffle(block)
        self.surnames = surnames[: len(COMMON)] + block
        self.s_cum = list(itertools.accumulate(1.0 / (r + 20) for r in range(len(self.surnames))))
        self.men, self.m_weights = _weighted(MEN)
        self.fathers, self.f_weights = _weighted(FATHERS)
        self.women, self.w_weights = _weighted(WOMEN)
        self.units = [f"в/ч {self.rng.randrange(10000, 99999)}" for _ in range(400)]
        self.u_weights = [1.0 / (r + 5) for r in range(400)]
        self.r_weights = [1.0 / (r + 3) for r in range(len(REGIONS))]

    def feminine(self, surname: str) -> str:
        """The woman's form of a surname."""
        if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
            return surname + "а"
        if surname.endswith("ский"):
            return surname[:-2] + "ая"
        if surname.endswith("цкий"):
            return surname[:-2] + "ая"
        return surname

    def patronymic(self, father: str, female: bool) -> str:
        """The patronymic from a father's given name."""
        return self.table[father]["patr_f" if female else "patr_m"]

    def person(self, pid: str) -> Person:
        """Draw one person from the distributions."""
        rng = self.rng
        female = rng.random() < 0.03
        surname = rng.choices(self.surnames, cum_weights=self.s_cum)[0]
        if female:
            surname = self.feminine(surname)
            given = rng.choices(self.women, self.w_weights)[0]
        else:
            given = rng.choices(self.men, self.m_weights)[0]
        father = rng.choices(self.fathers, self.f_weights)[0]
        year = int(rng.triangular(1964, 2006, 1994))
        birth = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        r = rng.random()
        unit = rng.choices(self.units, self.u_weights)[0] if rng.random() < 0.7 else None
        region = rng.choices(range(len(REGIONS)), self.r_weights)[0] if rng.random() < 0.8 else None
        return Person(
            pid, surname, given, self.patronymic(father, female), female,
            None if r < 0.03 else birth, 0.03 <= r < 0.08, unit, region,
        )  # fmt: skip

    def registry(self, n: int) -> list[Person]:
        """n registry persons (ids p0000001…)."""
        return [self.person(f"p{i:07d}") for i in range(n)]
