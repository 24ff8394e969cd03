"""extract(): text, publication date and language in; person mentions and events out."""

from __future__ import annotations

import re
from bisect import bisect_right

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import ValidationError
from powtrace.extract import attributes as attr
from powtrace.extract.dates import find_dates
from powtrace.extract.events import extract_events
from powtrace.extract.given_persons import given_name_persons
from powtrace.extract.held import candidates as held_bystanders
from powtrace.extract.held import confirmed as own_captivity
from powtrace.extract.lexicon import LANGUAGES
from powtrace.extract.members import freed_listed_events
from powtrace.extract.mentions import aliases, given_mentions, surname_mentions
from powtrace.extract.model import ExtractionResult, PersonMention, Span
from powtrace.extract.ner import candidates
from powtrace.extract.persons import Entity, named_entities
from powtrace.extract.redescriptions import redescriptions
from powtrace.extract.refs import pronoun_genders, sentence_refs
from powtrace.extract.text import Sentence, split_sentences
from powtrace.extract.unnamed import unnamed_entities

# An English possessive after a name: like a genitive, it does not end a title's window ("The
# commander of Pankratov's regiment, Colonel Vitaly Ermakov").
_POSSESSIVE = re.compile(r"['’]s?\b")


# A narrator's self-description with an age ("Я, 38-річний сержант, …", "Мені, 36-річному …",
# "Я — 29-летний сапёр"): the age is the narrator's.
_SELF_AGED = re.compile(
    r"(?<![\w-])(?:я|мені|мне)\s*(?:,|[—–-])\s*(\d{1,2})-(?:річн|летн)", re.IGNORECASE
)


def _self_ages(text: str, sentences: list[Sentence], refs: dict) -> dict[str, int]:
    """The ages narrators give themselves, by the entity their "I" resolves to."""
    out: dict[str, int] = {}
    if not _SELF_AGED.search(text):
        return out
    starts = [s.start for s in sentences]
    for m in _SELF_AGED.finditer(text):
        s = sentences[bisect_right(starts, m.start()) - 1]
        me = next((r for r in refs.get(s.index, []) if r.first and r.start == m.start()), None)
        if me is not None and me.entity is not None and 14 <= int(m.group(1)) <= 80:
            out.setdefault(me.entity, int(m.group(1)))
    return out


def _sentence_index(sentences: list[Sentence], entities: list[Entity]) -> dict[int, Sentence]:
    """Map each mention start to its sentence (none for a start between sentences)."""
    starts = [s.start for s in sentences]
    out = {}
    for e in entities:
        for a, _ in e.mentions:
            i = bisect_right(starts, a) - 1  # the last sentence starting at or before a
            if i >= 0 and a < sentences[i].end:
                out[a] = sentences[i]
    return out


# What a person listed among the freed underwent, when no verb of his own says so.
def extract(text: str, published: PartialDate | None, language: str) -> ExtractionResult:
    """Propose the persons and events a text reports, each with evidence spans into `text`."""
    if language not in LANGUAGES:
        raise ValidationError(f"cannot extract from language '{language}': use en, ru or uk")
    sentences = split_sentences(text)
    found = candidates(text, language)
    entities = named_entities(text, language, found)
    surname_mentions(text, language, entities)
    aliases(text, language, entities)
    bylines = attr.byline_names(text, language)
    for name in bylines:  # bylines the recogniser missed
        if not any(e.name == name or e.surface == name for e in entities):
            start = text.find(name)
            entity = Entity(f"p{len(entities) + 1}", name, name, surname=name.split()[-1])
            entity.given = name.split()[0]
            entity.mentions.append((start, start + len(name)))
            entities.append(entity)
    given_mentions(text, language, entities)
    entities += given_name_persons(text, language, entities)
    entities += unnamed_entities(text, language, entities)
    sentence_of = _sentence_index(sentences, entities)
    # Other persons' names end a cue window, unless in a possessor case ("адвокат Смирнова Ирина").
    spans = [
        (a, b, e.id)
        for e in entities
        for a, b in e.mentions
        if a not in e.genitive and not _POSSESSIVE.match(text, b)  # "Pankratov's regiment"
    ]
    found_cues = {
        e.id: ("journalist", "")
        if e.name in bylines or e.surface in bylines
        else attr.cue(text, language, e, sentence_of, [(a, b) for a, b, i in spans if i != e.id])
        for e in entities
    }
    cues = {i: c[0] if c else None for i, c in found_cues.items()}
    for e in entities:  # gender before pronouns are resolved: "His wife, Kateryna" is a woman
        c = found_cues[e.id]
        shown = attr.kin_gender(c[1]) if c and c[0] == "relative" else None
        e.gender = attr.gender(e, text, []) or shown
    # Officials, lawyers, journalists and activists speak about events; they do not undergo them.
    bystanders = {
        i for i, c in cues.items() if c in ("official", "lawyer", "journalist", "activist")
    }
    ages = {e.id: attr.age(text, language, e) for e in entities if not e.unnamed}
    kin = {i for i, c in cues.items() if c == "relative"}
    starts = [s.start for s in sentences]
    entities = redescriptions(text, language, entities, starts, bystanders, ages, kin)
    sentence_of = _sentence_index(sentences, entities)
    # A bystander whose own clause tells of his capture or release ("журналист Х, освобожденный
    # из плена") is read as a possible captive; he stays one only if such an event is his.
    held = held_bystanders(text, entities, sentence_of, bystanders, spans)
    bystanders -= held
    # Relatives speak of a son or husband; what happened, happened to him.
    witnesses = bystanders | kin
    refs = sentence_refs(text, language, sentences, entities, witnesses)
    # A place candidate that is a person's name ("captured along with Healy") is no place.
    named = {w for e in entities if not e.unnamed for w in (*e.name.split(), e.surface)}
    places = [c for c in found if c.label == "LOC" and c.text not in named]
    dates = find_dates(text, published)
    events = extract_events(text, language, sentences, refs, dates, places, bystanders, kin)
    if held:
        own = own_captivity(text, entities, sentence_of, held, spans, events)
        for i in own:
            cues[i] = None  # his role follows his events: held is pow, freed is former_pow
        if held - own:
            bystanders |= held - own
            witnesses = bystanders | kin
            refs = sentence_refs(text, language, sentences, entities, witnesses)
            events = extract_events(text, language, sentences, refs, dates, places, bystanders, kin)
    # "Меня зовут Светлана … Мой сын, Даниил, …": who says "my son" and has no soldier's
    # events of her own is a relative; her "I" is then the family's, not the soldier's.
    types: dict[str, set[str]] = {}
    for ev in events:
        if ev.person_id:
            types.setdefault(ev.person_id, set()).add(ev.type)
    soldiers = {i for i, ts in types.items() if attr.soldier_events(ts)}
    parents = attr.first_person_kin(sentences, refs, cues, soldiers) - witnesses
    if parents:
        for i in parents:
            cues[i] = "relative"
        kin |= parents
        witnesses = bystanders | kin
        refs = sentence_refs(text, language, sentences, entities, witnesses)
        events = extract_events(text, language, sentences, refs, dates, places, bystanders, kin)
    # A person named among the freed with no release of his own was released with them.
    events = events + freed_listed_events(
        text, language, entities, sentence_of, spans, witnesses, events
    )
    heard = pronoun_genders(refs, text, language)
    self_ages = _self_ages(text, sentences, refs)
    by_start = {s.start: s for s in sentences}
    persons = []
    for e in entities:
        mine = [ev for ev in events if ev.person_id == e.id]
        cue = cues[e.id]
        # The sentences holding the person's events, in text order.
        starts = sorted({ev.evidence.start for ev in mine if ev.evidence.start in by_start})
        event_sentences = [by_start[a] for a in starts]
        persons.append(
            PersonMention(
                id=e.id,
                name=e.name,
                surface=e.surface,
                unnamed=e.unnamed,
                given=e.given,
                surname=e.surname,
                patronymic=e.patronymic,
                variants=[v for v in dict.fromkeys([e.surface, *e.variants]) if v != e.name],
                mentions=[Span(a, b, text[a:b]) for a, b in e.mentions],
                role=attr.role(cue, {ev.type for ev in mine}),
                side=attr.side(text, language, e, sentence_of, event_sentences),
                age=attr.age(text, language, e) or self_ages.get(e.id),
                gender=attr.gender(e, text, heard.get(e.id, [])),
            )
        )
    return ExtractionResult(text, language, published, persons, events)
