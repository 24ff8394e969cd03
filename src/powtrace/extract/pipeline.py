"""extract(): text, publication date and language in; person mentions and events out."""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import ValidationError
from powtrace.extract import attributes as attr
from powtrace.extract.dates import find_dates
from powtrace.extract.events import extract_events
from powtrace.extract.lexicon import LANGUAGES
from powtrace.extract.model import ExtractionResult, PersonMention, Span
from powtrace.extract.ner import candidates
from powtrace.extract.persons import (
    Entity,
    aliases,
    named_entities,
    surname_mentions,
    unnamed_entities,
)
from powtrace.extract.refs import pronoun_genders, sentence_refs
from powtrace.extract.text import split_sentences


def _sentence_index(sentences: list, entities: list[Entity]) -> dict[int, object]:
    """Map each mention start to its sentence."""
    out = {}
    for e in entities:
        for a, _ in e.mentions:
            out[a] = next((s for s in sentences if s.start <= a < s.end), None)
    return out


def extract(text: str, published: PartialDate | None, language: str) -> ExtractionResult:
    """Propose the persons and events a text reports, each with evidence spans into `text`."""
    if language not in LANGUAGES:
        raise ValidationError(f"cannot extract from language '{language}': use en, ru or uk")
    sentences = split_sentences(text)
    found = candidates(text, language)
    entities = named_entities(text, language, found)
    surname_mentions(text, language, entities)
    aliases(text, language, entities)
    for name in attr.byline_names(text, language):  # bylines the recogniser missed
        if not any(e.name == name or e.surface == name for e in entities):
            start = text.find(name)
            entity = Entity(f"p{len(entities) + 1}", name, name, surname=name.split()[-1])
            entity.given = name.split()[0]
            entity.mentions.append((start, start + len(name)))
            entities.append(entity)
    entities += unnamed_entities(text, language, entities)
    sentence_of = _sentence_index(sentences, entities)
    for e in entities:  # gender first: pronoun resolution needs it
        e.gender = attr.gender(e, text, [])
    refs = sentence_refs(text, language, sentences, entities)
    heard = pronoun_genders(refs, text, language)
    places = [c for c in found if c.label == "LOC"]
    events = extract_events(text, language, sentences, refs, find_dates(text, published), places)
    bylines = set(attr.byline_names(text, language))
    persons = []
    for e in entities:
        mine = [ev for ev in events if ev.person_id == e.id]
        cue = "journalist" if e.name in bylines or e.surface in bylines else None
        cue = cue or attr.cue_role(text, language, e, sentence_of)
        event_sentences = [s for s in sentences if any(ev.evidence.start == s.start for ev in mine)]
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
                age=attr.age(text, language, e),
                gender=attr.gender(e, text, heard.get(e.id, [])),
            )
        )
    return ExtractionResult(text, language, published, persons, events)
