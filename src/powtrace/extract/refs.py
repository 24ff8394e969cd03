"""Who each sentence talks about: person mentions, pronouns resolved to them, and groups."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from powtrace.extract.lexicon import PersonLexicon, person_lexicon
from powtrace.extract.namecase import parses
from powtrace.extract.numbers import MULTIPLIERS, WORD_VALUE
from powtrace.extract.persons import Entity
from powtrace.extract.text import REPORTING, WORD, Sentence

# Words right after a number that make it a date or a span, not a head count ("24 серпня
# захисники", "3 years prisoners").
_NOT_COUNTED = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    r"січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|"
    r"years?|months?|weeks?|days?|hours?|год[ау]?|лет|месяц\w*|недел\w+|дн\w+|час\w*|"
    r"р[іо]к\w*|років|місяц\w+|тиж\w+|годин\w*)",
    re.IGNORECASE,
)
_NUM_WORD = "|".join(sorted(map(re.escape, WORD_VALUE), key=len, reverse=True))
_MULT = "|".join(sorted(map(re.escape, MULTIPLIERS), key=len, reverse=True))
# A head count: digits (with thousands separators or a decimal part) or number words, perhaps
# multiplied ("1,2 тыс.", "7 тисяч", "ninety-five", "a thousand", "двадцать пять").
_NUMBER_GROUP = re.compile(
    rf"(?<![\w,.'’-])(?:(?P<digits>\d{{1,3}}(?:[,\u00a0 ]\d{{3}})+(?!\d)|\d+(?:[.,]\d+)?)"
    rf"|(?P<words>(?:{_NUM_WORD})(?:[\s-]+(?:{_NUM_WORD}))*)|(?P<a>an?|one)(?=\s+(?:{_MULT})))"
    rf"(?:\s+(?P<mult>{_MULT})\.?)?(?![\w'’-])",
    re.IGNORECASE,
)


def _count(m: re.Match[str]) -> int | None:
    """The number a head-count match gives, or None for a year or an unreadable one."""
    mult = MULTIPLIERS.get((m.group("mult") or "").lower(), 1)
    if m.group("digits"):
        raw = m.group("digits")
        if re.fullmatch(r"\d{1,3}(?:[,\u00a0 ]\d{3})+", raw):
            value: float = int(re.sub(r"\D", "", raw))
        else:
            value = float(raw.replace(",", "."))
        if mult == 1 and re.fullmatch(r"(?:19|20)\d\d", raw):
            return None  # a year ("in October 2024 they …"), not a head count
    elif m.group("words"):
        parts = re.split(r"[\s-]+", m.group("words").lower())
        value = 0
        for part in parts:
            n = WORD_VALUE[part]
            value = value * n if n == 100 and value else value + n
    else:
        value = 1
    total = round(value * mult)
    return total if total >= 2 else None


# How far back (in sentences) a pronoun may find its antecedent.
_PRONOUN_REACH = 4
# How far back a first-person pronoun may find the person testifying (a testimony runs long).
_TESTIMONY_REACH = 10
# How far (in sentences) a pronoun that opens a story may look ahead for the name it stands for.
_CATAPHORA_REACH = 3
# How far a narrator, once speaking in the first person, stays the "I" of the text (an
# interview's answers run on through impersonal sentences: "Потом привезли в лагерь.").
_NARRATOR_REACH = 30


@dataclass(frozen=True)
class Ref:
    """Something a sentence refers to: a person (entity id) or a group (entity None)."""

    start: int
    end: int
    entity: str | None
    size: int | None = None  # the number of people in a group, when the text gives it
    pronoun: bool = False
    first: bool = False  # a first-person (or interview "you") pronoun: the narrator
    # "my" before a kinship noun ("Мій брат здався"): the narrator is not who the event is about.
    possessor: bool = False
    # Named persons a plural pronoun stands for ("Smith and Jones … they were sentenced").
    members: tuple[str, ...] = ()
    # A counted group of residents ("47 жителів громади"): who came back in a swap, but a tally
    # of residents still held is not an event annotators record.
    residents: bool = False


def _gender_ok(entity: Entity, gender: str) -> bool:
    """A pronoun's gender fits an entity of that gender or of unknown gender."""
    return entity.gender in (None, gender)


# An exchange noun right before a group word: the group names the exchange, not a referent.
_EXCHANGE_OF = re.compile(
    r"(?<![\w-])(?:обмін(?:у|ом|і|ів)?|обмен(?:а|ом|е|у|ов)?|(?:exchange|swap)s?\s+of)\s+$",
    re.IGNORECASE,
)
# A preposition before a description ("learned from a fellow prisoner"): a passing mention
# that later pronouns do not refer back to.
_PREPOSITION = re.compile(
    r"(?<![\w-])(?:from|by|with|to|of|for|от|с|со|к|у|для|від|з|із|зі|до|для)\s+$", re.IGNORECASE
)
# A witness (official, lawyer, journalist, relative) named as the object of a preposition,
# after at most a determiner and three title words ("gave an interview to the Ukrainian
# blogger Maksym Lytvyn"), is no antecedent for a later "he" / "she".
_OBJECT_OF = re.compile(
    r"(?<![\w-])(?:to|with|by|from|for)\s+(?:(?:the|a|an|his|her|their)\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
# What may open a sentence before a plural noun that refers back to persons just named.
_OPENING = re.compile(r"(?:(?:the|these|those|both|all)\s+)?", re.IGNORECASE)
# Residents counted ("повернути 47 жителів громади", "200 мешканців"): people, not soldiers.
_RESIDENTS = frozenset(
    {"жителей", "жителів", "мешканців", "жителя", "жителі", "мешканці", "residents", "inhabitants"}
)


def _listed_before(text: str, at: int, names: list[tuple[int, int]]) -> int:
    """How many coordinated names ("A and B", "А, Б и В") end right before `at` (a comma and
    an apposition after them); 0 when fewer than two."""
    spans = sorted(n for n in names if n[1] <= at)
    if not spans or text[spans[-1][1] : at].strip() != ",":
        return 0
    n = 1
    for (_, b), (a, _) in zip(reversed(spans[:-1]), reversed(spans[1:]), strict=True):
        if not _JOIN.fullmatch(text[b:a]):
            break
        n += 1
    return n if n >= 2 else 0


_JOIN = re.compile(r"\s*(?:,\s*)?(?:and|и|й|і|та|,)\s*", re.IGNORECASE)
# How far back (in sentences) a plural pronoun may find the named persons it stands for.
_PLURAL_REACH = 2
# How far back a small counted group ("четверо военнослужащих") may find the persons it counts.
_COUNTED_REACH = 2
_COUNTED_MAX = 10
# Words that make a counted group other people than those just named ("ещё двое", "двое
# других", "with two others").
_OTHERS = re.compile(
    r"(?<![\w-])(?:ещё|еще|ще|другие|других|остальные|остальных|інші|інших|решта|other|another|"
    r"more|with|along|вместе|с|со|разом|з|із|зі|среди|серед|among|из|of)\s+$",
    re.IGNORECASE,
)
_OTHERS_AFTER = re.compile(
    r"\s+(?:других|другие|остальных|інших|others?|more)(?![\w-])", re.IGNORECASE
)


class _Plurals:
    """The named persons a plural pronoun or "both" / "все трое" may stand for: those named
    in the current or previous sentence since the last group noun ("95 soldiers", "пленные"),
    which would be the likelier antecedent."""

    def __init__(self, witnesses: frozenset[str] | set[str]) -> None:
        self.witnesses = witnesses
        self.seen: list[tuple[int, str]] = []  # (sentence index, entity id), in text order

    def named(self, sentence: int, entity: str) -> None:
        if entity not in self.witnesses:
            self.seen.append((sentence, entity))

    def group(self) -> None:
        self.seen.clear()

    def resolve(self, sentence: int, count: int | None) -> tuple[str, ...]:
        """The persons meant (most recent `count` of them), or () when it is not two or more."""
        recent = [e for i, e in self.seen if sentence - i <= _PLURAL_REACH]
        here = [e for i, e in self.seen if i == sentence]
        if count is None and len(set(here)) >= 2:
            # "о судьбе Дьячкова и Халикова …: их нахождение в плену …": the two named in
            # its own sentence, not everyone of the list before it
            recent = here
        members = list(dict.fromkeys(reversed(recent)))[: count or None]
        if len(members) < 2 or (count is not None and len(members) != count):
            return ()
        for e in members:  # what they stand for can be "they" again in the next sentence
            self.seen.append((sentence, e))
        return tuple(reversed(members))

    def exactly(self, sentence: int, count: int, before: int) -> tuple[str, ...]:
        """The persons a counted group ("четверо военнослужащих", "all four") stands for: the
        ones named in the last sentences, when there are exactly `count` of them and none was
        named in this sentence before it (who accompanies a group is not one of it)."""
        if before:
            return ()
        recent = [e for i, e in self.seen if sentence - i <= _COUNTED_REACH]
        members = list(dict.fromkeys(recent))
        if len(members) != count:
            return ()
        for e in members:
            self.seen.append((sentence, e))
        return tuple(members)


def _referring(text: str, word: re.Match[str], lex: PersonLexicon) -> bool:
    """True for a plural person noun with no number or quantifier before it (and, in English,
    with "the", "these" or "those"): it may stand for the persons just named."""
    if word.group(0).lower() not in lex.referring_nouns:
        return False
    before = WORD.findall(text[max(0, word.start() - 40) : word.start()])
    prev = [w.lower() for w in before[-2:]]
    if re.search(r"\d\s*$", text[: word.start()]) or any(
        w in lex.quantifiers or w in lex.people_counts for w in prev
    ):
        return False
    if lex.definite:
        return bool(prev) and prev[-1] in lex.definite
    return True


_FULL_NAME = re.compile(r"\s+[A-ZА-ЯЁІЇЄҐ]")


def _object_anaphor(word: str, lang: str, lex: PersonLexicon) -> str | None:
    """The gender ("m" or "f") of a singular person noun with no determiner opening a sentence
    ("Полоненого допитували", "Солдат стал одним из …"): like a pronoun, it stands for the
    person just spoken of (one who is new has "один", "ещё один"). None for any other word."""
    if not lex.person_heads.fullmatch(word) or word.lower() in lex.group_words:
        return None
    # A plural reading is unlikely at the opening ("Солдат …" is not "of the soldiers").
    single = [p for p in parses(word.lower(), lang)[:3] if "plur" not in p.tag]
    if not single:
        return None
    return "f" if "femn" in single[0].tag else "m"


@cache
def _word_kinds(lang: str) -> dict[str, str]:
    """Lower-case word -> m, f, plural:, group or first (a gendered pronoun wins)."""
    lex = person_lexicon(lang)
    out = {w.lower(): "first" for w in lex.pronouns.get("first", ())}
    out.update({w.lower(): "second" for w in lex.pronouns.get("second", ())})
    out.update({w.lower(): "group" for w in lex.group_words})
    out.update({w.lower(): "plural:" for w in lex.pronouns.get("plural", ())})
    out.update({w.lower(): g for g in ("m", "f") for w in lex.pronouns.get(g, ())})
    return out


def _counted_noun(word: str, lex: PersonLexicon) -> bool:
    """True for a people noun that a number before it counts ("четверо военнослужащих")."""
    low = word.lower()
    return (
        low in lex.group_words
        or low in lex.referring_nouns
        or low in lex.counted_group_words
        or bool(lex.person_heads.fullmatch(word))
    )


# "в лагере для военнопленных", "a camp for prisoners": a group word naming a kind of place,
# not a referent that would stand between a plural and the persons it stands for.
_FOR_GROUP = re.compile(r"(?<![\w-])(?:для|for)\s+$", re.IGNORECASE)


def _items(
    s: Sentence, lang: str, names: list[tuple[int, int]]
) -> list[tuple[int, int, str | None, str]]:
    """Pronouns, group words, collectives ("both") and counted groups of a sentence, by kind."""
    lex = person_lexicon(lang)
    kinds = _word_kinds(lang)
    items: list[tuple[int, int, str | None, str]] = []
    taken: list[tuple[int, int]] = list(names)
    if lex.any_collective is not None and lex.any_collective.search(s.text):
        for pattern, count in lex.collectives:
            for m in pattern.finditer(s.text):
                a, b = s.start + m.start(), s.start + m.end()
                if not any(x < b and a < y for x, y in taken):
                    items.append((a, b, None, f"plural:{count}"))
                    taken.append((a, b))
    for w in WORD.finditer(s.text):
        counted = lex.people_counts.get(w.group(0).lower())
        inside = any(x <= s.start + w.start() < y for x, y in taken)
        if counted and not inside:  # a collective numeral counts people ("трое жителей")
            items.append((s.start + w.start(), s.start + w.end(), None, f"size:{counted}"))
            noun = WORD.match(s.text, w.end() + 1)
            if noun and s.text[w.end() : noun.start()] == " " and _counted_noun(noun.group(0), lex):
                # "четверо военнослужащих": the noun is part of the count, no group of its own
                taken.append((s.start + noun.start(), s.start + noun.end()))
            continue
        low = w.group(0).lower()
        kind = kinds.get(low)
        if (
            kind is None
            and low in lex.referring_nouns
            and lang != "en"
            and _OPENING.fullmatch(s.text[: w.start()])
        ):
            # "Мужчин обвиняют …" opening a sentence after two men were named: those men, when
            # they can be resolved; the noun is no group of its own otherwise
            kind = "noun?"
        if (
            kind is None
            and w.start() == 0
            and lang != "en"
            and not _FULL_NAME.match(s.text, w.end())
        ):
            kind = _object_anaphor(w.group(0), lang, lex)  # not a title: "Солдат Иван Петров"
        if kind is None or (kind == "first" and w.group(0) == "i"):
            continue
        if kind == "group" and _EXCHANGE_OF.search(s.text, 0, w.start()):
            continue  # "обмін полоненими", "exchange of prisoners": the exchange, not who
        if kind == "group" and _OPENING.fullmatch(s.text[: w.start()]):
            kind = "noun:"  # "Полонених розстріляли", "The prisoners were …": those just named
        elif kind == "group" and _referring(s.text, w, lex):
            kind = "noun:"  # "… the soldiers were questioned", "… бойцов направили в госпиталь"
        if kind in ("group", "noun:") and s.text[: w.start()].rstrip().endswith(","):
            local = [(x - s.start, y - s.start) for x, y in names]
            listed = _listed_before(s.text, w.start(), local)
            if listed:  # "Dovhan and Tkach, civilians, have been held": the two named
                kind = f"noun:{listed}"
        a, b = s.start + w.start(), s.start + w.end()
        # A word inside a name or a collective is part of it (words never overlap one another).
        if not any(x <= a < y for x, y in taken):
            items.append((a, b, None, kind))
    for m in _NUMBER_GROUP.finditer(s.text):
        # The noun counted is one of the next three words ("nine border guards", "230 Ukrainians").
        after = list(WORD.finditer(s.text, m.end(), m.end() + 60))[:3]
        nouns = [
            w
            for w in after
            if w.group(0).lower() in lex.group_words
            or w.group(0).lower() in lex.counted_group_words
            or w.group(0).lower() in _RESIDENTS
            or lex.person_heads.fullmatch(w.group(0))
        ]
        size = _count(m)
        a = s.start + m.start()
        if not nouns or re.search(r"[,;:.()—–]", s.text[m.end() : nouns[0].start()]):
            continue  # "Garipov, 22, were taken prisoner": an age, not a count
        if after and _NOT_COUNTED.fullmatch(after[0].group(0)):
            continue  # "24 серпня захисники": a date
        if size is None or any(x <= a < y for x, y in taken):
            continue
        # The counted noun is part of the count, not a group of its own with no size.
        noun_at = s.start + nouns[0].start()
        # ("два десятки цивільних": "десятки" is part of the number too.)
        items = [i for i in items if not (a <= i[0] <= noun_at and i[3] in ("group", "noun:"))]
        if not any(i[0] == a for i in items):  # a collective numeral is counted already
            res = ":res" if nouns[0].group(0).lower() in _RESIDENTS else ""
            items.append((a, s.start + m.end(), None, f"size:{size}{res}"))
    return items


def sentence_refs(
    text: str,
    lang: str,
    sentences: list[Sentence],
    entities: list[Entity],
    witnesses: frozenset[str] | set[str] = frozenset(),
) -> dict[int, list[Ref]]:
    """The referents of every sentence, in text order, with pronouns resolved.

    A first-person pronoun ("they hit me", "нас перевели") is the testimony of the person the
    text last spoke of, skipping `witnesses` (officials, lawyers, journalists and relatives, who
    speak about what happened to someone else). A plural pronoun right after two or more named
    persons stands for them (see `_Plurals`)."""
    by_id = {e.id: e for e in entities}
    mentions = sorted((a, b, e.id) for e in entities for a, b in e.mentions)
    mention_starts = [a for a, _, _ in mentions]
    history: list[tuple[int, str]] = []  # (sentence index, entity id), most recent last
    plurals = _Plurals(witnesses)
    narrator: tuple[int, str] | None = None  # (sentence index, entity) of the last "I"
    unnamed = {e.id for e in entities if e.unnamed}
    # Pronouns before any name: (sentence, a, b, gender, n, persons named since); the pronoun
    # stands for the n-th person named after it (n > 1 after "четвёртого фигуранта").
    ahead: list[tuple[int, int, int, str, int, list[str]]] = []
    out: dict[int, list[Ref]] = {}
    for s in sentences:
        refs: list[Ref] = []
        firsts: list[tuple[int, int]] = []  # first-person (and interview "you") pronouns
        lo, hi = bisect_left(mention_starts, s.start), bisect_left(mention_starts, s.end)
        names = [(a, b) for a, b, _ in mentions[lo:hi]]
        items = [(a, b, eid, "name") for a, b, eid in mentions[lo:hi]]
        for a, b, eid, kind in sorted(items + _items(s, lang, names)):
            if kind == "name" and eid is not None:
                refs.append(Ref(a, b, eid))
                if ahead and eid not in witnesses and not by_id[eid].unnamed:
                    waiting = []
                    for i, x, y, g, n, seen in ahead:
                        if s.index - i > _CATAPHORA_REACH:
                            continue
                        if _gender_ok(by_id[eid], g) and eid not in seen:
                            seen.append(eid)
                        if len(seen) == n:
                            (refs if i == s.index else out[i]).append(Ref(x, y, eid, pronoun=True))
                            out.get(i, refs).sort(key=lambda r: r.start)
                        elif n > 1:
                            waiting.append((i, x, y, g, n, seen))  # "the fourth": not yet
                    ahead[:] = waiting
                if not (
                    by_id[eid].unnamed and _PREPOSITION.search(text, max(0, a - 12), a)
                ) and not (
                    eid in witnesses
                    and lang == "en"
                    and _OBJECT_OF.search(text, max(s.start, a - 50), a)
                ):
                    history.append((s.index, eid))
                plurals.named(s.index, eid)
            elif kind in ("m", "f"):
                target = next(
                    (
                        h
                        for i, h in reversed(history)
                        if s.index - i <= _PRONOUN_REACH and _gender_ok(by_id[h], kind)
                    ),
                    None,
                )
                if target is not None:
                    refs.append(Ref(a, b, target, pronoun=True))
                    history.append((s.index, target))
                else:  # "He was 19 when … Ivan Petrov says": the name follows
                    ahead.append((s.index, a, b, kind, _ordinal_before(s, a), []))
            elif kind in ("first", "second"):
                firsts.append((a, b))
            elif kind.startswith(("plural:", "noun:")):
                number = kind.partition(":")[2]  # "plural:3" for "all three"
                count = int(number) if number else None
                members = plurals.resolve(s.index, count)
                refs.append(Ref(a, b, None, pronoun=True, members=members))
                if kind == "noun:" and not members:
                    plurals.group()  # a group of its own
            elif kind == "noun?":
                members = plurals.resolve(s.index, None)
                if members:
                    refs.append(Ref(a, b, None, pronoun=True, members=members))
            elif kind.startswith("size:"):
                size, _, res = kind[5:].partition(":")
                # "Петров, Зуев, Орлов и Ким служили … четверо военнослужащих сдались": a small
                # count of exactly the persons just named is those persons.
                members = (
                    ()
                    if res
                    or int(size) > _COUNTED_MAX
                    or _OTHERS.search(text, max(0, a - 30), a)
                    or _OTHERS_AFTER.match(text, b)
                    else plurals.exactly(s.index, int(size), sum(x < a for x, _ in names))
                )
                if members:
                    refs.append(Ref(a, b, None, pronoun=True, members=members))
                    continue
                refs.append(Ref(a, b, None, size=int(size), residents=bool(res)))
                plurals.group()
            else:
                refs.append(Ref(a, b, None, pronoun=True))
                if not _FOR_GROUP.search(text, max(0, a - 6), a):
                    plurals.group()
        if firsts:
            quoted = _closing_speaker(text, s, mentions, mention_starts, witnesses)
            speaker, speaking = (
                (quoted, True)
                if quoted is not None
                else _speaker(s, refs, witnesses, narrator, history, unnamed)
            )
            # "Она мне говорит: «…»": the "me" who is told is the narrator, not the speaker.
            # ("рассказал нам" with no testimony under way: the outlet; left to the speaker.)
            told = [(a, b) for a, b in firsts if _told_me(text, a, b)]
            listener = (
                narrator[1]
                if told and narrator is not None and s.index - narrator[0] <= _NARRATOR_REACH
                else None
            )
            if speaker is not None:
                narrator = (s.index, speaker)
                refs += [
                    Ref(
                        a,
                        b,
                        speaker,
                        pronoun=True,
                        first=True,
                        possessor=speaking and _before_kin(text, b, lang),
                    )
                    for a, b in firsts
                    if (a, b) not in told or listener is None
                ]
                refs.sort(key=lambda r: r.start)
            if listener is not None and listener != speaker:
                narrator = (s.index, listener)
                refs += [Ref(a, b, listener, pronoun=True, first=True) for a, b in told]
                refs.sort(key=lambda r: r.start)
        out[s.index] = _including(text, refs, witnesses)
    return out


# An ordinal before a singular person noun: "Дело четвёртого фигуранта …", "третій
# обвинувачений": someone counted in a list the text gives after it.
_ORDINAL_NOUN = re.compile(
    r"(?<![\w'’-])(?P<n>втор|трет|четв[её]рт|пят|п['’]ят|шест)(?:ой|ого|ому|ым|ий|ьего|ьему|ьим|"
    r"ый|ього|ьому|ім|им)\s+(?:[\w-]+\s+)?(?:фигурант|обвиняем|подсудим|осужд[её]нн|задержанн|"
    r"фігурант|обвинувачен|підсудн|засуджен|затриман|военнопленн|пленн|военнослужащ|"
    r"військовополонен|полонен|військовослужбов)\w*",
    re.IGNORECASE,
)
_ORDINALS = {"втор": 2, "трет": 3, "четвёрт": 4, "четверт": 4, "пят": 5, "п'ят": 5, "п’ят": 5}
_ORDINALS["шест"] = 6


def _ordinal_before(s: Sentence, at: int) -> int:
    """For a pronoun with no antecedent yet: n when "the n-th defendant" stands before it in its
    sentence (the pronoun is his, the n-th person named later), else 1 (the first named)."""
    found = list(_ORDINAL_NOUN.finditer(s.text, 0, at - s.start))
    return _ORDINALS.get(found[-1].group("n").lower(), 1) if found else 1


# "116 воинов, в том числе Иван Петров": who is named after it is one of the counted group.
_INCLUDING = re.compile(
    r"(?<![\w-])(?:в\s+том\s+числе|в\s+т\.\s*ч\.|включая|у\s+тому\s+числі|в\s+тому\s+числі|"
    r"зокрема|серед\s+них|среди\s+них|including|among\s+them)(?![\w-])",
    re.IGNORECASE,
)


def _including(text: str, refs: list[Ref], witnesses: frozenset[str] | set[str]) -> list[Ref]:
    """A counted group followed in its sentence by "в том числе" / "зокрема" / "including" and
    named persons: those persons are its members, and what the group underwent, they did."""
    out = list(refs)
    for i, r in enumerate(out):
        if r.size is None or r.entity is not None:
            continue
        later = [x for x in out if x.start > r.end]
        cue = _INCLUDING.search(text, r.end, later[-1].start) if later else None
        if cue is None or any(x.size for x in later if x.start < cue.start()):
            continue
        members = tuple(
            dict.fromkeys(
                x.entity
                for x in later
                if x.start >= cue.end() and x.entity and not x.first and x.entity not in witnesses
            )
        )
        if members:
            out[i] = Ref(r.start, r.end, None, size=r.size, members=members)
    return out


def _before_kin(text: str, end: int, lang: str) -> bool:
    """True when a kinship noun follows a pronoun ending at `end` ("my son", "мой брат")."""
    m = _NEXT_NOUN.match(text, end)
    kin = person_lexicon(lang).roles["relative"]
    return bool(m and any(w and kin.fullmatch(w) for w in m.groups()))


_NEXT_NOUN = re.compile(r"\s+([^\W\d_]+)(?:\s+([^\W\d_]+))?")
_SPEAKER_NEAR = 60  # characters between a reporting verb and the name of who speaks


# Pronouns that are told, not telling: "Їй з частини сказали, що я …" is said to her, and the
# "I" of the clause is still the testimony's narrator.
_ADDRESSEE = frozenset(
    {"їй", "йому", "їм", "ей", "ему", "им", "мне", "мені", "нам", "вам", "тобі", "тебе"}
    | {"her", "him", "them", "me", "us"}
)


# A reporting verb whose subject is "nobody" names no speaker.
_NOBODY = re.compile(
    r"(?<![\w-])(?:никто|ніхто|nobody|no\s+one)\s+(?:(?:нам|мне|им|ему|ей|нам|мені|їм|йому|їй|"
    r"так|и|й|ничего|нічого|больше|більше)\s+)*(?:не\s+|ever\s+)?$",
    re.IGNORECASE,
)


_TOLD_FIRST = frozenset({"мне", "нам", "мені", "me", "us"})
_VERB_BEFORE = re.compile(r"(?:\w+)\s+$")
# A direct quotation right after the verb ("говорит: «…»"): the quoted words are the speaker's,
# the "me" told them is not ("рассказал нам, что …" leaves the old reading).
_QUOTE_NEXT = re.compile(r"\s*(?::\s*)?[«\"“]|\s*:")


def _told_me(text: str, a: int, b: int) -> bool:
    """True for a first-person pronoun that is the addressee of a reporting verb right next to
    it, before a direct quotation ("Она мне говорит: «…»", "каже мені: «…»", "told me: “…”"):
    the one who is told, not who tells."""
    if text[a:b].lower() not in _TOLD_FIRST:
        return False
    verb = REPORTING.match(text, b + 1) if text[b : b + 1] == " " else None
    if verb is not None:
        return _QUOTE_NEXT.match(text, verb.end()) is not None
    before = _VERB_BEFORE.search(text, max(0, a - 20), a)
    return (
        before is not None
        and REPORTING.fullmatch(before.group(0).rstrip()) is not None
        and _QUOTE_NEXT.match(text, b) is not None
    )


def _said_to(s: Sentence, r: Ref) -> bool:
    """Whether a pronoun next to a reporting verb is its addressee (dative, object)."""
    return s.text[r.start - s.start : r.end - s.start].lower() in _ADDRESSEE


# After the closing quote of a quotation, who said it: "», — говорит Гусева", "», — каже він".
_QUOTE_TAIL = re.compile(r"»\s*,?\s*[—–-]\s*")
_QUOTE_SPAN = 1500  # how far a quotation open at a sentence's end may run on


def _closing_speaker(
    text: str,
    s: Sentence,
    mentions: list[tuple[int, int, str]],
    starts: list[int],
    witnesses: frozenset[str] | set[str],
) -> str | None:
    """The speaker of a quotation that is still open at the end of the sentence and is
    attributed after its closing quote in the same paragraph ("«Мой сын сидит в лагере. Я
    отвезла письмо …», — говорит Гусева"): its "I" and "my" are hers."""
    line = text.rfind("\n", 0, s.start) + 1
    if text.count("«", line, s.end) <= text.count("»", line, s.end):
        return None
    close = text.find("»", s.end, s.end + _QUOTE_SPAN)
    if close < 0 or "\n" in text[s.end : close]:
        return None
    tail = _QUOTE_TAIL.match(text, close)
    verb = REPORTING.match(text, tail.end()) if tail else None
    if verb is None:
        return None
    i = bisect_left(starts, verb.end())
    if i < len(mentions) and mentions[i][0] - verb.end() <= 2 and mentions[i][2] not in witnesses:
        return mentions[i][2]
    return None


def _speaker(
    s: Sentence,
    refs: list[Ref],
    witnesses: frozenset[str] | set[str],
    narrator: tuple[int, str] | None,
    history: list[tuple[int, str]],
    unnamed: set[str],
) -> tuple[str | None, bool]:
    """Who "I", "we" and, in an interview, "you" stand for in a sentence: the person a
    reporting verb of the sentence names as speaker ("“They beat me,” Ivan said"), else the
    one who spoke in the first person just before (a testimony keeps its narrator while it
    speaks of others: "my friend Oleg … they beat me"), else the person the text last spoke of
    who is no official, lawyer, journalist or relative. The flag says whether the person found
    is the one speaking (named as speaker, or a testimony's narrator), not merely the one
    spoken of: only then is "my brother" someone else than him."""
    for verb in REPORTING.finditer(s.text):
        if _NOBODY.search(s.text, max(0, verb.start() - 20), verb.start()):
            continue  # "Где его похоронили, нам никто не сказал": nobody speaks
        at, end = s.start + verb.start(), s.start + verb.end()
        # The speaker stands before the verb ("Ivan said", "“…,” he said") or right after it
        # ("said Ivan", "— сказал он"); a name after "said that …" is what was said.
        near = [
            r
            for r in refs
            if r.entity
            and r.entity not in witnesses
            and (0 <= at - r.end <= _SPEAKER_NEAR or 0 <= r.start - end <= 2)
            and not (r.pronoun and _said_to(s, r))
        ]
        if near:
            return min(near, key=lambda r: abs(r.start - at)).entity, True
    last = next(
        (h for i, h in reversed(history) if s.index - i <= _TESTIMONY_REACH and h not in witnesses),
        None,
    )
    if narrator is not None and s.index - narrator[0] <= _NARRATOR_REACH:
        # A description in a headline ("a Russian prisoner who …") gives way to the name.
        if last is not None and narrator[1] in unnamed and last not in unnamed:
            return last, True
        return narrator[1], True
    return last, False


def pronoun_genders(refs: dict[int, list[Ref]], text: str, lang: str) -> dict[str, list[str]]:
    """The genders of the pronouns resolved to each entity (to tell an unnamed soldier's)."""
    lex = person_lexicon(lang)
    gender_of = {w.lower(): g for g in ("m", "f") for w in lex.pronouns.get(g, ())}
    out: dict[str, list[str]] = {}
    for items in refs.values():
        for r in items:
            if r.pronoun and r.entity:
                g = gender_of.get(text[r.start : r.end].lower())
                if g:
                    out.setdefault(r.entity, []).append(g)
    return out
