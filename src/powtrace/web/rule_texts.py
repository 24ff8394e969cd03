"""Rule texts in the reader's language: the catalogue's words and the sentences built from them.

The rule engine is pure and writes English: a stored finding keeps the title, legal basis and
advice of its rule, and an explanation the engine assembled from the rule's templates, its
severity notes and its reasons for uncertainty. Pages show them in the reader's language:

- fixed texts (titles, legal bases, interpretations, advice) are looked up in the translation
  tables beside the catalogue, ``rules/translations/*.yaml`` (English, Russian, Ukrainian side
  by side; a test checks that every text of every rule has both translations);
- the explanation is read back against the English it was made from (the rule's templates,
  and the engine's own sentences, which are gettext messages here), and written again in the
  reader's language with every filled-in value translated on its own: event labels, dates,
  coded details, lengths of time, custody states.

A text that cannot be read back whole (a rule file edited since the finding was evaluated) is
shown as stored, in English, rather than half translated.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml
from babel.support import NullTranslations

from powtrace.domain.dates import parse_optional
from powtrace.domain.errors import PowtraceError
from powtrace.rules import Rule
from powtrace.web import i18n, labels
from powtrace.web.i18n import N_
from powtrace.workflows.findings import catalogue

LANGS = ("ru", "uk")
FIELD = re.compile(r"\{([^{}]*)\}|%\((\w+)\)s")


def norm(text: str) -> str:
    """Whitespace as the rule loader leaves it: single spaces, none at either end."""
    return " ".join(str(text).split())


# ---- the translation tables beside the catalogue ---------------------------------------------
@dataclass(frozen=True)
class Tables:
    """Every translated rule text by its English, and the names rules bind, per language."""

    texts: dict[str, dict[str, str]]  # English -> {lang: text}
    names: dict[str, dict[str, str]]  # bound name (captivity, card_due …) -> {lang: words}
    files: dict[str, str]  # English -> the file it is translated in (for test messages)


def translations_dir() -> Any:
    return resources.files("powtrace.rules").joinpath("translations")


@cache
def tables() -> Tables:
    """The translation tables, read once; an English text translated twice is an error."""
    texts: dict[str, dict[str, str]] = {}
    names: dict[str, dict[str, str]] = {}
    files: dict[str, str] = {}
    folder = translations_dir()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = yaml.safe_load(entry.read_text("utf-8")) or {}
        for item in data.get("texts") or []:
            english = norm(item["en"])
            if english in texts:
                raise ValueError(f"{entry.name}: '{english}' is already in {files[english]}")
            texts[english] = {lang: norm(item[lang]) for lang in LANGS if item.get(lang)}
            files[english] = entry.name
        for name, words in (data.get("names") or {}).items():
            names[str(name)] = {lang: norm(words[lang]) for lang in LANGS if words.get(lang)}
    return Tables(texts, names, files)


def rule_texts(rule: Rule) -> list[str]:
    """Every text of a rule a reader is shown (what the tables must translate)."""
    out = [rule.title, rule.summary, rule.interpretation, rule.action]
    for b in rule.legal_basis:
        out += [b.instrument, b.paraphrase]
        if re.search(r"[^\W\d_]{2,}", b.article):
            out.append(b.article)  # "Rule 128", "procedure for …"; numbers need no words
    out += [line.template for line in rule.explanation]
    out += [c.note for c in rule.severity_cases if c.note]
    out += [*rule.evidence, *rule.strengthen, *rule.cure]
    out += rule_reasons(rule)
    return [norm(t) for t in out if t and norm(t)]


def rule_reasons(rule: Rule) -> list[str]:
    """The rule's own words on why a finding is only probable (``because:``)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "because" in node and isinstance(node["because"], str):
                found.append(norm(node["because"]).rstrip("."))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    if rule.path:
        with open(rule.path, encoding="utf-8") as fh:
            walk(yaml.safe_load(fh))
    return found


def rule_names(rule: Rule) -> list[str]:
    """Names the rule binds that reasons may quote: periods, points and measures."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                kinds = {"period", "point", "deadline", "duration"}
                if key in kinds and isinstance(value, dict) and isinstance(value.get("as"), str):
                    found.append(value["as"])
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    if rule.path:
        with open(rule.path, encoding="utf-8") as fh:
            walk(yaml.safe_load(fh))
    if rule.compute:
        found.append("months_unpaid")  # the engine's measure behind arrears thresholds
    return sorted(set(found))


# ---- reading English back ---------------------------------------------------------------------
@dataclass(frozen=True)
class Sentence:
    """An English sentence with fields, and how to write it in another language.

    ``english`` has ``{name}`` or ``%(name)s`` fields; ``kinds`` says how each field's value
    is recognised and translated (a field not named is a free value, kept as it is).
    """

    english: str
    target: Callable[[Lang, dict[str, str]], str]
    kinds: Mapping[str, str] = field(default_factory=dict)

    @property
    def regex(self) -> re.Pattern[str]:
        return _regex(self.english, tuple(sorted(self.kinds.items())))

    def fields(self) -> list[str]:
        return [(m.group(1) or m.group(2) or "").strip() for m in _fields(self.english)]


def _fields(text: str) -> Iterable[re.Match[str]]:
    return FIELD.finditer(text)


KIND_REGEX = {
    "event": r"'.+?' \([^()]*\)",
    "n_day": r"\d+-day",
    "n_source": r"\d+ sources?",
    "n_indep": r"\d+",
    "number": r"\d+",
    "name": r"\w+",
    "level": r"\w+",
}


@cache
def _regex(english: str, kinds: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    kind_of = dict(kinds)
    out, pos = [], 0
    for i, m in enumerate(_fields(english)):
        out.append(re.escape(english[pos : m.start()]))
        name = m.group(1) if m.group(1) is not None else m.group(2)
        body = KIND_REGEX.get(kind_of.get(name, ""), r".*?")
        out.append(f"(?P<f{i}>{body})")
        pos = m.end()
    out.append(re.escape(english[pos:]))
    return re.compile("".join(out), re.DOTALL)


def _match_fields(s: Sentence, m: re.Match[str]) -> list[tuple[str, str]]:
    return [(name, m.group(f"f{i}")) for i, name in enumerate(s.fields())]


def read_sequence(text: str, sentences: list[Sentence], sep: str, lang: Lang) -> list[str] | None:
    """``text`` as sentences joined by ``sep``, each translated; None when it cannot be read.

    Every split is tried (a label may hold "Art. 70", so a sentence may seem to end early):
    the first reading that covers the whole text, with every field translated, wins.
    """
    n = len(text)
    memo: dict[int, list[str] | None] = {}

    def at(pos: int) -> list[str] | None:
        if pos == n:
            return []
        if pos in memo:
            return memo[pos]
        memo[pos] = None
        end = pos
        while end <= n:
            nxt = text.find(sep, end + 1)
            end = n if nxt < 0 else nxt
            piece = text[pos:end]
            for s in sentences:
                m = s.regex.fullmatch(piece)
                if m is None:
                    continue
                done = lang.fill(s, m)
                if done is None:
                    continue
                rest = at(end + len(sep)) if end < n else []
                if rest is not None:
                    memo[pos] = [done, *rest]
                    return memo[pos]
            if end == n:
                break
        return None

    return at(0)


# ---- one reader's language ----------------------------------------------------------------------
class Lang:
    """Rule texts and the engine's sentences in one language (English passes through)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.tr: NullTranslations = i18n.translations(lang)
        self.labels = {v: k for k, v in labels.EVENT_TYPE.items()}
        self.states = {v: k for k, v in labels.CUSTODY.items()}
        self.because_rules: list[Sentence] = []  # the finding's rule's own reasons

    # -- lookups
    def _(self, message: str) -> str:
        return self.tr.gettext(message)

    def text(self, english: str | None) -> str:
        """A fixed rule text (title, basis, advice) in this language, else as given."""
        if not english or self.lang == i18n.DEFAULT:
            return english or ""
        found = tables().texts.get(norm(english))
        return found.get(self.lang, english) if found else english

    def has(self, english: str) -> bool:
        return self.lang in tables().texts.get(norm(english), {})

    def name(self, name: str) -> str | None:
        return tables().names.get(name, {}).get(self.lang)

    def event_label(self, english: str) -> str | None:
        type_id = self.labels.get(english)
        return self._(labels.EVENT_TYPE[type_id]) if type_id else None

    def type_label(self, type_id: str) -> str | None:
        found = labels.EVENT_TYPE.get(type_id)
        return self._(found) if found else None

    def state(self, english: str) -> str | None:
        if english == labels.NO_CUSTODY:
            return self._(labels.NO_CUSTODY)
        state = self.states.get(english)
        return self._(labels.CUSTODY[state]) if state else None

    # -- values
    def date(self, text: str) -> str | None:
        """A date as the engine writes one: a partial date, a range of days, or none known."""
        fixed = {
            "an unknown date": N_("an unknown date"),
            "no date": N_("no date"),
            "still ongoing": N_("still ongoing"),
            "the evaluation date": N_("the evaluation date"),
        }
        if text in fixed:
            return self._(fixed[text])
        between = re.fullmatch(r"between (\S+) and (\S+)", text)
        if between:
            a, b = self.date(between.group(1)), self.date(between.group(2))
            if a is None or b is None:
                return None
            return self._(N_("between %(first)s and %(last)s")) % {"first": a, "last": b}
        try:
            parsed = parse_optional(text)
        except PowtraceError:
            return None
        return i18n.format_partial(parsed, self.lang) if parsed else None

    def days(self, text: str) -> str | None:
        """A length of time as the engine writes it: "28 days", "25 to 48 days", "at least …"."""
        if re.fullmatch(r"\d+ days?", text):
            return self._count("day", text)
        m = re.fullmatch(r"(\d+) to (\d+) days", text)
        if m:
            lo, hi = int(m.group(1)), int(m.group(2))
            # The noun agrees with the upper bound: "от 25 до 48 дней", "від 2 до 21 дня".
            many = self.tr.ngettext("%(low)s to %(high)s day", "%(low)s to %(high)s days", hi)
            return many % {"low": lo, "high": hi}
        m = re.fullmatch(r"at least (\d+) days", text)
        if m:
            n = int(m.group(1))
            return self.tr.ngettext("at least %(n)s day", "at least %(n)s days", n) % {"n": n}
        return None

    def event(self, text: str) -> str | None:
        """An event as the engine quotes it: 'label' (date)."""
        m = re.fullmatch(r"'(.+)' \(([^()]*)\)", text)
        if not m:
            return None
        label, when = self.event_label(m.group(1)), self.date(m.group(2))
        if label is None or when is None:
            return None
        return self._(N_("'%(label)s' (%(date)s)")) % {"label": label, "date": when}

    def detail(self, text: str) -> str:
        """A detail's value: a listed value or yes/no in words, free text as written."""
        if text == "(not recorded)":
            return self._(N_("(not recorded)"))
        if text in labels.YES_NO:
            return self._(labels.YES_NO[text])
        if text in labels.DETAIL_VALUE:
            return self._(labels.DETAIL_VALUE[text])
        return text

    # -- sentences
    def fill(self, s: Sentence, m: re.Match[str]) -> str | None:
        values: dict[str, str] = {}
        for name, raw in _match_fields(s, m):
            done = self.value(s.kinds.get(name, ""), raw)
            if done is None:
                return None
            values.setdefault(name, done)
        # A value may end with a full stop ("2024 г.") right before the sentence's own.
        return re.sub(r"(?<!\.)\.\.(?!\.)", ".", s.target(self, values))

    def value(self, kind: str, raw: str) -> str | None:
        """One field's value in this language, by its kind; None when it cannot be read."""
        return READERS[kind](self, raw)

    def _count(self, noun: str, text: str, suffix: str = "") -> str | None:
        """A number with its noun in the plural form the language wants ("7 дней")."""
        m = re.fullmatch(rf"(\d+)(?: \w+)?{re.escape(suffix)}", text)
        if not m:
            return None
        n = int(m.group(1))
        if noun == "day":
            words = self.tr.ngettext("%(n)s day", "%(n)s days", n)
        elif noun == "source":
            words = self.tr.ngettext("%(n)s source", "%(n)s sources", n)
        else:
            words = self.tr.ngettext("%(n)s independent source", "%(n)s independent sources", n)
        return words % {"n": n}

    def ref(self, text: str) -> str | None:
        """A moment a reason names: the evaluation day, an event, a period's edge, a point."""
        return _one(self, text, REFS)

    def ended_by(self, text: str) -> str | None:
        fixed = {
            "the evaluation date": N_("the evaluation date"),
            "the recorded length": N_("the recorded length"),
        }
        if text in fixed:
            return self._(fixed[text])
        return self.event(text)

    def rate_source(self, text: str) -> str | None:
        if text == "recorded on the pay suspension":
            return self._(N_("recorded on the pay suspension"))
        if text == "none: the person's side is not known, so no pay table applies":
            return self._(N_("none: the person's side is not known, so no pay table applies"))
        m = re.fullmatch(r"pay table, rank group '(\w+)'", text)
        if m:
            return self._(N_("pay table, rank group '%(group)s'")) % {"group": m.group(1)}
        return None

    def reasons(self, text: str) -> str | None:
        found = read_sequence(text, [*REASONS, *self.because_rules], "; ", self)
        return "; ".join(found) if found is not None else None

    def problem(self, text: str) -> str | None:
        """A data-quality problem of the lifecycle (its final full stop may be cut off)."""
        return _one(self, text if text.endswith(".") else text + ".", PROBLEMS)

    def arrears_note(self, text: str) -> str | None:
        return _one(self, text, ARREARS_NOTES)

    def cause(self, text: str) -> str | None:
        return _one(self, text, CAUSES) or None

    # -- whole texts
    def explanation(self, rule_id: str, text: str) -> str:
        """A finding's explanation in this language, or as stored when it cannot be read."""
        if self.lang == i18n.DEFAULT or not text:
            return text
        reader = copy.copy(self)  # this finding's rule's reasons, without touching the shared one
        reader.because_rules = because_sentences(rule_id)
        found = read_sequence(norm(text), [*rule_sentences(rule_id), *ENGINE], " ", reader)
        return " ".join(found) if found is not None else text

    def problem_message(self, text: str) -> str:
        """A lifecycle data-quality problem (the person's page) in this language."""
        if self.lang == i18n.DEFAULT:
            return text
        return self.problem(text) or text

    def change(self, text: str | None) -> str:
        """Why a finding is no longer (or again) supported, in this language."""
        if not text or self.lang == i18n.DEFAULT:
            return text or ""
        return _one(self, text, CHANGES) or text


# How each kind of field is read back (methods looked up on the reader, which may be a copy).
READERS: dict[str, Callable[[Lang, str], str | None]] = {
    "": lambda _t, v: v,
    "number": lambda _t, v: v,
    "date": Lang.date,
    "days": Lang.days,
    "event": Lang.event,
    "label": Lang.event_label,
    "type": Lang.type_label,
    "state": Lang.state,
    "detail": Lang.detail,
    "name": Lang.name,
    "n_day": lambda t, v: t._count("day", v, "-day"),
    "n_source": lambda t, v: t._count("source", v),
    "n_indep": lambda t, v: t._count("independent", v),
    "level": lambda t, v: t._(labels.SEVERITY[v]) if v in labels.SEVERITY else None,
    "ref": Lang.ref,
    "ended_by": Lang.ended_by,
    "rate": Lang.rate_source,
    "reasons": Lang.reasons,
    "problem": Lang.problem,
    "note": Lang.arrears_note,
    "cause": Lang.cause,
}


def _one(lang: Lang, text: str, sentences: list[Sentence]) -> str | None:
    for s in sentences:
        m = s.regex.fullmatch(text)
        if m:
            done = lang.fill(s, m)
            if done is not None:
                return done
    return None


@cache
def language(lang: str) -> Lang:
    return Lang(lang)


# ---- sentences: the rule's own, and the engine's --------------------------------------------
def _msg(msgid: str, english: str | None = None, **kinds: str) -> Sentence:
    """An engine sentence that is a gettext message (its English is the msgid)."""

    def target(lang: Lang, values: dict[str, str]) -> str:
        return lang.tr.gettext(msgid) % values

    return Sentence(english or msgid, target, kinds)


def _template_kind(path: str, params: Mapping[str, Any]) -> str:
    """How a rule template's field is read back, from its path (``repatriation.date`` …)."""
    head, _, rest = path.partition(".")
    if head in params:
        return "number"
    if head == "as_of":
        return "date"
    if head == "arrears":
        return {"from": "date", "until": "date", "rate_source": "rate"}.get(rest, "")
    if rest == "":
        return "days"
    if rest in {"date", "start", "end"}:
        return "date"
    if rest == "label":
        return "label"
    if rest == "ended_by":
        return "ended_by"
    if rest == "type":
        return "type"
    if rest.startswith("details."):
        return "detail"
    return "detail" if rest in {"place", "agency"} else ""


def _rule_sentence(english: str, params: Mapping[str, Any]) -> Sentence:
    english = norm(english)
    paths = [m.group(1).strip() for m in _fields(english) if m.group(1) is not None]
    kinds = {p: _template_kind(p, params) for p in paths}

    def target(lang: Lang, values: dict[str, str]) -> str:
        text = lang.text(english)
        return FIELD.sub(lambda m: values.get((m.group(1) or "").strip(), m.group(0)), text)

    return Sentence(english, target, kinds)


@cache
def rule_sentences(rule_id: str) -> list[Sentence]:
    rule = catalogue().rules.get(rule_id)
    if rule is None:
        return []
    texts = [line.template for line in rule.explanation]
    texts += [c.note for c in rule.severity_cases if c.note]
    return [_rule_sentence(t, rule.parameters) for t in texts]


@cache
def because_sentences(rule_id: str) -> list[Sentence]:
    rule = catalogue().rules.get(rule_id)
    if rule is None:
        return []

    def fixed(english: str) -> Sentence:
        return Sentence(english, lambda lang, _v: lang.text(english), {})

    return [fixed(t) for t in rule_reasons(rule)]


# The sentences rules/build.py adds to an explanation, after the rule's own lines.
ILLUSTRATIVE = N_(
    "The pay amounts come from an illustrative table: replace them with the pay slips or the "
    "official rates before using the figure in a claim."
)
ENGINE = [
    _msg(N_("The severity may be %(level)s: %(why)s."), level="level", why="reasons"),
    _msg(N_("Note: %(note)s."), note="note"),
    _msg(ILLUSTRATIVE),
    _msg(N_("Probable, not certain: %(reasons)s."), reasons="reasons"),
]
ARREARS_NOTES = [
    _msg(N_("rank not recorded or not recognised: the lowest rank group (%(group)s) is used")),
    _msg(N_("no pay-table row covers %(month)s"), month="date"),
]
# Why a finding is only probable (rules/reasons.py), joined with "; ".
REASONS = [
    _msg(
        N_("the dates do not tell whether %(event)s fell within the %(period)s period"),
        event="event",
        period="name",
    ),
    _msg(
        N_(
            "the dates do not tell whether %(event)s came on or after %(ref)s and within "
            "%(days)s of it"
        ),
        event="event",
        ref="ref",
        days="days",
    ),
    _msg(
        N_("the dates do not tell whether %(event)s came on or after %(ref)s"),
        event="event",
        ref="ref",
    ),
    _msg(
        N_("the dates do not tell whether %(event)s came on or before %(ref)s"),
        event="event",
        ref="ref",
    ),
    _msg(
        N_("%(event)s is cited from %(n)s; %(m)s would make it certain"),
        "{event} is cited from {n}; {m} independent sources would make it certain",
        event="event",
        n="n_source",
        m="n_indep",
    ),
    _msg(
        N_("%(event)s may fall within the time that matters, and would answer it"),
        event="event",
    ),
    _msg(
        N_(
            "the dates do not tell whether the %(days)s deadline from %(ref)s had passed by the "
            "evaluation date"
        ),
        days="n_day",
        ref="ref",
    ),
    _msg(
        N_("%(name)s is %(range)s, either side of the %(limit)s threshold"),
        name="name",
        range="days",
        limit="n_day",
    ),
    _msg(N_("the side the person served is not recorded")),
    _msg(
        N_("a record that would rule this out may apply (%(why)s)"),
        why="reasons",
    ),
    _msg(N_("a record that would rule this out may apply")),
    _msg(
        N_("the timeline has a data-quality problem: %(problem)s"),
        problem="problem",
    ),
]
REFS = [
    _msg(N_("the evaluation date")),
    Sentence("{event}", lambda _lang, v: v["event"], {"event": "event"}),
    _msg(
        N_("the start of the %(period)s period, %(event)s"),
        period="name",
        event="event",
    ),
    _msg(N_("the end of the %(period)s period, %(event)s"), period="name", event="event"),
    _msg(N_("the start of the %(period)s period"), period="name"),
    _msg(N_("the end of the %(period)s period"), period="name"),
    _msg(N_("the %(point)s (%(date)s)"), point="name", date="date"),
    Sentence("{name}", lambda _lang, v: v["name"], {"name": "name"}),
]
# The lifecycle's data-quality problems (lifecycle/problems.py).
PROBLEMS = [
    _msg(
        N_(
            "%(event)s ends a captivity, but no capture is recorded before it; add the capture "
            "or check the person."
        ),
        event="event",
    ),
    _msg(
        N_(
            "%(event)s comes before the capture %(capture)s, and no capture is recorded before "
            "it; a date is wrong or an earlier capture is missing."
        ),
        event="event",
        capture="event",
    ),
    _msg(
        N_(
            "%(event)s is certainly after the death %(death)s; one of the two records is wrong "
            "or belongs to another person."
        ),
        event="event",
        death="event",
    ),
    _msg(
        N_(
            "%(first)s and %(second)s may have happened in either order: the dates do not "
            "decide, so the lifecycle order puts %(state1)s before %(state2)s; check which came "
            "first, as it changes what happened."
        ),
        first="event",
        second="event",
        state1="state",
        state2="state",
    ),
    _msg(
        N_(
            "%(first)s and %(second)s may have happened in either order: the dates do not "
            "decide, so the lifecycle order puts %(state1)s before %(state2)s; yet %(state3)s "
            "cannot follow %(state4)s, so narrow a date."
        ),
        first="event",
        second="event",
        state1="state",
        state2="state",
        state3="state",
        state4="state",
    ),
    _msg(
        N_(
            "%(first)s and %(second)s may have happened in either order: the timeline puts "
            "'%(label)s' first because its date may start earlier; check which came first, as "
            "it changes what happened."
        ),
        first="event",
        second="event",
        label="label",
    ),
    _msg(
        N_(
            "%(first)s and %(second)s may have happened in either order: the timeline puts "
            "'%(label)s' first because its date may start earlier; yet %(state1)s cannot "
            "follow %(state2)s, so narrow a date."
        ),
        first="event",
        second="event",
        label="label",
        state1="state",
        state2="state",
    ),
    _msg(
        N_(
            "%(event)s moves the person from %(state1)s to %(state2)s right after %(before)s, "
            "which the custody table does not allow; an event may be missing or a date wrong."
        ),
        event="event",
        state1="state",
        state2="state",
        before="event",
    ),
    _msg(
        N_(
            "%(event)s changes custody but has no date, so it was placed at the end of the "
            "timeline, where custody became %(state)s; add a date."
        ),
        event="event",
        state="state",
    ),
    _msg(
        N_(
            "%(event)s changes custody but has no date, so it was placed at the end of the "
            "timeline, where it was not applied: %(state1)s cannot follow %(state2)s; add a date."
        ),
        event="event",
        state1="state",
        state2="state",
    ),
]
# Why a stored finding stopped (or started again) being supported (store/findings.py), and
# the causes the workflows give for re-evaluating a person.
CHANGES = [
    _msg(N_("no longer supported after %(cause)s"), cause="cause"),
    _msg(N_("supported again after %(cause)s"), cause="cause"),
]
CAUSES = [
    _msg(N_("%(type)s event %(id)s accepted"), type="type"),
    _msg(N_("%(type)s event %(id)s added"), type="type"),
    _msg(N_("list row %(row)s merged (%(merge)s)")),
    _msg(N_("named on list %(list)s, row %(row)s")),
    _msg(N_("the demo story was loaded")),
    _msg(N_("a full re-evaluation")),
    _msg(N_("an import from %(name)s")),
    _msg(N_("merge %(id)s undone")),
    _msg(N_("merge %(id)s")),
]


# ---- a finding for a page ---------------------------------------------------------------------
def finding_details(details: Mapping[str, Any], rule_id: str, lang: str) -> dict[str, Any]:
    """A stored finding's details with every text a reader sees in ``lang``."""
    if lang == i18n.DEFAULT:
        return dict(details)
    t = language(lang)
    out = dict(details)
    for key in ("title", "interpretation", "action"):
        if details.get(key):
            out[key] = t.text(details[key])
    for key in ("evidence", "evidence_to_strengthen", "cure"):
        out[key] = [t.text(x) for x in details.get(key) or []]
    out["legal_basis"] = [
        {**b, **{k: t.text(b.get(k)) for k in ("instrument", "article", "paraphrase")}}
        for b in details.get("legal_basis") or []
    ]
    out["explanation"] = _explanation(lang, rule_id, str(details.get("explanation") or ""))
    return out


@lru_cache(maxsize=4096)
def _explanation(lang: str, rule_id: str, text: str) -> str:
    """Reading an explanation back costs a few milliseconds; a findings page shows 50."""
    return language(lang).explanation(rule_id, text)


def rule_title(rule_id: str, lang: str) -> str:
    """A rule's title in ``lang`` (its id when the catalogue does not have it)."""
    rule = catalogue().rules.get(rule_id)
    return language(lang).text(rule.title) if rule else rule_id
