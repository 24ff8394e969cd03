"""Query lists: a registry person rendered as a Ukrainian list, the press, a passport, a court…"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import render as rd
from generate import AS_OF, REGIONS, RENDERINGS, Person, Query, World

_CYR = "абвгдежзиклмнопрстуфхцчшщыэюя"
_LAT = "abcdefghiklmnoprstuvwyz"


def typo(word: str, rng: random.Random) -> str:
    """One keyboard slip: substitute, delete, insert or swap a letter (never the first)."""
    if len(word) < 4:
        return word
    alphabet = _CYR if any("а" <= c.lower() <= "я" for c in word) else _LAT
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("sub", "del", "ins", "swap"))
    ch = rng.choice(alphabet)
    ch = ch.upper() if word.isupper() else ch
    if op == "sub":
        return word[:i] + ch + word[i + 1 :]
    if op == "del":
        return word[:i] + word[i + 1 :]
    if op == "ins":
        return word[:i] + ch + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def registry_values(p: Person, rng: random.Random) -> dict[str, str]:
    """How the registry itself writes a person (ё often written е, as in official lists)."""
    surname = p.surname.replace("ё", "е") if rng.random() < 0.5 else p.surname
    v = {"id": p.id, "surname": surname, "first_name": p.given, "patronymic": p.patronymic}
    if p.birth:
        v["birth_date"] = str(p.birth.year) if p.birth_year_only else p.birth.strftime("%d.%m.%Y")
    if p.unit:
        v["unit"] = p.unit
    if p.region is not None:
        v["region"] = REGIONS[p.region][0]
    return v


def _age(birth: date) -> int:
    return AS_OF.year - birth.year - ((AS_OF.month, AS_OF.day) < (birth.month, birth.day))


class Renderer:
    """Turns a person into a query row in one of the renderings, with the usual errors."""

    def __init__(self, world: World, rng: random.Random) -> None:
        self.w = world
        self.rng = rng

    def _birth(self, p: Person, style: str, notes: list[str], errors: bool) -> dict[str, str]:
        """Birth as the rendering gives it: full date, year, or age on a date; maybe wrong."""
        rng = self.rng
        if p.birth is None or (errors and rng.random() < 0.08):
            return {}
        b = p.birth
        if errors and b.day <= 12 and b.day != b.month and rng.random() < 0.07:
            b, _ = date(b.year, b.day, b.month), notes.append("date: day/month swapped")
        elif errors and rng.random() < 0.06:
            year = b.year + rng.choice((-1, 1))
            b = date(year, b.month, min(b.day, 28) if (b.month, b.day) == (2, 29) else b.day)
            notes.append("date: year off")
        if style == "full" and not p.birth_year_only:
            return {"birth_date": b.strftime("%d.%m.%Y")}
        if style in ("full", "year"):
            return {"birth_date": str(b.year)}
        return {"age": str(_age(b)), "age_as_of": AS_OF.isoformat()}

    def _unit(self, p: Person, share: float = 0.25) -> dict[str, str]:
        """The press names the unit now and then ("military unit 12345")."""
        if p.unit is None or self.rng.random() >= share:
            return {}
        return {"unit": p.unit.replace("в/ч", "military unit")}

    def _region(self, p: Person, lang: int, share: float) -> dict[str, str]:
        if p.region is None or self.rng.random() >= share:
            return {}
        return {"region": REGIONS[p.region][lang]}

    def render(
        self, p: Person, rendering: str, errors: bool = True
    ) -> tuple[dict[str, str], list[str]]:
        """Values of a query row for person `p` written in `rendering`."""
        rng, table = self.rng, self.w.table
        notes: list[str] = []
        surname, given, patr = p.surname, p.given, p.patronymic
        if errors and rng.random() < 0.15:
            surname, _ = typo(surname, rng), notes.append("typo: surname")
        elif errors and rng.random() < 0.08:
            given, _ = typo(given, rng), notes.append("typo: given")
        drop_patr = errors and rng.random() < 0.2
        info = table.get(p.given, {})
        v: dict[str, str] = {}
        if rendering == "ru_registry":
            v = {"surname": surname, "first_name": given}
            if not drop_patr:
                v["patronymic"] = patr
            v |= self._birth(p, "full", notes, errors) | self._region(p, 0, 0.5)
            if p.unit and rng.random() < 0.5:
                v["unit"] = p.unit
        elif rendering == "uk_list":
            uk_given = info.get("uk", given) if given == p.given else rd.ukrainian_spelling(given)
            father = self._uk_patronymic(p)
            parts = [rd.ukrainian_spelling(surname), uk_given] + ([] if drop_patr else [father])
            v = {"full_name": " ".join(parts)}
            v |= self._birth(p, "full", notes, errors) | self._region(p, 1, 0.4)
        elif rendering == "en_press":
            if rng.random() < 0.5:  # from Russian sources: BGN-like, or a conventional spelling
                g = info["latin"] if info.get("latin") and rng.random() < 0.4 else rd.english(given)
                s = rd.english(surname)
            else:  # from Ukrainian sources: KMU 2010 of the Ukrainian spelling
                g = rd.kmu(
                    info.get("uk", given) if given == p.given else rd.ukrainian_spelling(given)
                )
                s = rd.kmu(rd.ukrainian_spelling(surname))
            v = {"full_name": f"{g} {s}"}
            style = rng.choice(("age", "age", "age", "year"))
            v |= self._birth(p, style, notes, errors) | self._region(p, 2, 0.75) | self._unit(p)
        elif rendering == "icao":
            v = {"full_name": f"{rd.icao(surname)} {rd.icao(given)}"}
            v |= self._birth(p, "full", notes, errors)
        elif rendering == "de_press":
            v = {"full_name": f"{rd.german(given)} {rd.german(surname)}"}
            v |= self._birth(p, "age", notes, errors) | self._region(p, 3, 0.75) | self._unit(p)
        elif rendering == "fr_press":
            mid = f" {rd.french(patr)}" if not drop_patr and rng.random() < 0.3 else ""
            v = {"full_name": f"{rd.french(given)}{mid} {rd.french(surname)}"}
            v |= self._birth(p, "age", notes, errors) | self._region(p, 4, 0.75) | self._unit(p)
        elif rendering == "ru_declined":
            text = rd.declined_sentence(surname, given, None if drop_patr else patr, p.female, rng)
            v = {"full_name": text}
            v |= self._birth(p, rng.choice(("year", "full")), notes, errors)
            v |= self._region(p, 0, 0.4)
        elif rendering == "court_initials":
            sep = rng.choice((" ", ""))
            v = {"full_name": f"{surname} {given[0]}.{sep}{patr[0]}."}
            v |= self._birth(p, rng.choice(("full", "full", "year")), notes, errors)
        elif rendering == "diminutive":
            v = self._diminutive(p, surname, given, notes, errors)
        shown = {"given_initial" if rendering == "court_initials" else "given"}
        if (
            "patronymic" in v
            or (rendering == "uk_list" and not drop_patr)
            or (
                rendering == "ru_declined"
                and not drop_patr
                and patr.lower()[:-2] in v["full_name"].lower()
            )
            or (rendering == "fr_press" and len(v["full_name"].split()) > 2)
        ):
            shown.add("patronymic")
        elif rendering == "court_initials":
            shown.add("patronymic_initial")
        if "birth_date" in v:
            shown.add("birth_full" if len(v["birth_date"]) > 4 else "birth_year")
        elif "age" in v:
            shown.add("age")
        shown.update(k for k in ("region", "unit") if k in v)
        notes.append("shown:" + ",".join(sorted(shown)))
        return v, notes

    def _uk_patronymic(self, p: Person) -> str:
        for info in self.w.table.values():
            if p.patronymic in (info["patr_m"], info["patr_f"]):
                return info["uk_patr_f" if p.female else "uk_patr_m"] or p.patronymic
        return p.patronymic

    def _diminutive(
        self, p: Person, surname: str, given: str, notes: list[str], errors: bool
    ) -> dict[str, str]:
        rng = self.rng
        concept = self.w.table.get(p.given, {}).get("concept", "")
        options = self.w.dims.get(concept, [])
        if options:
            dim, lang = rng.choice(options)
        else:
            dim, lang = given, "ru"
        roll = rng.random()
        if roll < 0.5:
            s = rd.kmu(rd.ukrainian_spelling(surname)) if lang == "uk" else rd.english(surname)
            name = f"{rd.kmu(dim) if lang == 'uk' else rd.english(dim)} {s}"
        elif roll < 0.8 or lang == "uk":
            s = rd.ukrainian_spelling(surname) if lang == "uk" else surname
            name = f"{dim} {s}"
        else:
            name = f"{dim} {surname}"
        v = {"full_name": name}
        return v | self._birth(p, "age", notes, errors) | self._region(p, 2, 0.75) | self._unit(p)


def namesake(world: World, p: Person, rng: random.Random) -> tuple[Person, str, tuple[str, ...]]:
    """A different person with p's name: another birth year, or another patronymic.

    Unit and region are the other person's own: drawn afresh (the region kept 30% of the time,
    since a surname clusters where a family lives).
    """
    fresh = world.person("tmp")
    p = replace(p, unit=fresh.unit, region=p.region if rng.random() < 0.3 else fresh.region)
    if rng.random() < 0.5 and p.birth is not None:
        shift = rng.choice((-1, 1)) * rng.randint(3, 9)
        birth = date(p.birth.year + shift, 1, 1) + timedelta(days=rng.randrange(365))
        other = replace(p, id="x" + p.id, birth=birth, birth_year_only=False)
        return other, "namesake: other birth year", RENDERINGS
    fathers = [f for f in world.fathers if f[0] != p.patronymic[0]]
    father = rng.choice(fathers)
    birth = p.birth
    if birth is not None:
        while True:  # the same year, another day that is not the day/month swap
            cand = date(birth.year, 1, 1) + timedelta(days=rng.randrange(365))
            if abs((cand - birth).days) > 40 and (cand.day, cand.month) != (birth.month, birth.day):
                birth = cand
                break
    other = replace(
        p,
        id="x" + p.id,
        patronymic=world.patronymic(father, p.female),
        birth=birth,
        birth_year_only=False,
    )
    return other, "namesake: other patronymic", ("ru_registry", "uk_list", "court_initials")


def make_queries(
    world: World, registry: list[Person], n: int, seed: int = 11
) -> tuple[list[Query], dict[str, Person]]:
    """n queries: 75% renderings of registry persons, 12.5% namesakes, 12.5% absent persons."""
    rng = random.Random(seed)
    renderer = Renderer(world, rng)
    chosen = rng.sample(registry, n)
    out: list[Query] = []
    for i, p in enumerate(chosen):
        qid = f"q{i:06d}"
        roll = rng.random()
        if roll < 0.75:
            rendering = RENDERINGS[i % len(RENDERINGS)]
            values, notes = renderer.render(p, rendering)
            out.append(Query(qid, rendering, values, p.id, "match", notes))
        elif roll < 0.875:
            other, note, allowed = namesake(world, p, rng)
            rendering = rng.choice(allowed)
            values, notes = renderer.render(other, rendering, errors=False)
            if note.endswith("patronymic"):
                values.pop("age", None)
                values.pop("age_as_of", None)
            out.append(Query(qid, rendering, values, None, "namesake", [note, *notes]))
        else:
            stranger = world.person("a" + qid)
            rendering = rng.choice(RENDERINGS)
            values, notes = renderer.render(stranger, rendering)
            out.append(Query(qid, rendering, values, None, "absent", notes))
        out[-1].values["id"] = qid
    return out, {p.id: p for p in chosen}
