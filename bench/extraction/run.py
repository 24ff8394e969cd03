"""Extraction benchmark: person and event scores per text set, an NER baseline, throughput.

    python bench/extraction/run.py [--errors]

Text sets: the shared corpus (../shared/corpus relative to the repository, skipped when absent)
and the texts under bench/extraction/texts/, grouped by language. Each text X.txt has its gold
X.gold.json. The baseline is plain NER (spaCy PERSON for English, natasha PER for Russian and
Ukrainian), persons only, every role "other".
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "src"))

from score import Score, score  # noqa: E402

from powtrace.domain.dates import parse_optional  # noqa: E402
from powtrace.extract import extract, to_gold  # noqa: E402
from powtrace.extract.ner import english, russian  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"


def load_set(folder: Path) -> list[tuple[str, str, dict]]:
    """(name, text, gold) for every X.txt with an X.gold.json in a folder."""
    out = []
    for gold_file in sorted(folder.glob("*.gold.json")):
        text_file = gold_file.with_name(gold_file.name.replace(".gold.json", ".txt"))
        if text_file.exists():
            gold = json.loads(gold_file.read_text("utf-8"))
            out.append((text_file.stem, text_file.read_text("utf-8"), gold))
    return out


def sets() -> dict[str, list[tuple[str, str, dict]]]:
    """The text sets to score, by name."""
    out: dict[str, list[tuple[str, str, dict]]] = {}
    if CORPUS.is_dir():
        out["shared corpus"] = load_set(CORPUS)
    own = load_set(HERE / "texts")
    for lang in ("en", "ru", "uk"):
        docs = [d for d in own if d[2]["source"]["language"] == lang]
        if docs:
            out[f"own texts ({lang})"] = docs
    return out


def predict(text: str, gold: dict) -> dict:
    """Run the extractor with what intake would give it: language and publication date."""
    src = gold["source"]
    return to_gold(extract(text, parse_optional(src.get("published")), src["language"]))


def baseline(text: str, gold: dict) -> dict:
    """Persons straight from the NER model, no normalisation, no events."""
    lang = gold["source"]["language"]
    found = english(text) if lang == "en" else russian(text)
    names = dict.fromkeys(c.text for c in found if c.label == "PER")
    return {"persons": [{"name": n, "role": "other", "age": None} for n in names], "events": []}


def row(name: str, s: Score) -> str:
    """One line of the table."""
    pp, pr, pf = s.person
    ep, er, ef = s.event
    date = "  –  " if s.date_accuracy is None else f"{s.date_accuracy:5.2f}"
    return (
        f"| {name:<28} | {s.docs:>4} | {pp:4.2f} {pr:4.2f} {pf:4.2f} | {s.role_accuracy:4.2f} | "
        f"{s.age_accuracy:4.2f} | {ep:4.2f} {er:4.2f} {ef:4.2f} | {date} |"
    )


def main() -> None:
    """Print the table (and, with --errors, what each document missed or added)."""
    show_errors = "--errors" in sys.argv
    header = (
        f"| {'set':<28} | docs | person P    R    F1 | role | age  | event P    R    F1 | date  |\n"
        f"|{'-' * 30}|------|---------------------|------|------|--------------------|-------|"
    )
    lines, base_lines = [header], []
    words = 0
    seconds = 0.0
    all_sets = sets()
    docs_all = [d for docs in all_sets.values() for d in docs]
    for lang in ("en", "ru", "uk"):  # load every model before timing
        first = next((d for d in docs_all if d[2]["source"]["language"] == lang), None)
        if first:
            predict(first[1], first[2])
            baseline(first[1], first[2])
    for name, docs in all_sets.items():
        total, base = Score(), Score()
        for doc_name, text, gold in docs:
            started = time.perf_counter()
            pred = predict(text, gold)
            seconds += time.perf_counter() - started
            words += len(text.split())
            s = score(pred, gold)
            total.add(s)
            base.add(score(baseline(text, gold), gold))
            if show_errors:
                for e in s.errors:
                    print(f"  {doc_name}: {e}")
        lines.append(row(name, total))
        base_lines.append(row(f"{name} – NER baseline", base))
    print("\n".join(lines + base_lines))
    if seconds:
        rate = words / 1000 / seconds
        print(
            f"\nthroughput: {rate:.1f} articles of 1,000 words per second on one core "
            f"({words} words in {seconds:.2f} s)"
        )


if __name__ == "__main__":
    main()
