"""Extraction benchmark: person and event scores per text set, an NER baseline, throughput.

    python bench/extraction/run.py [--errors] [--set NAME ...] [--repeat N]

Text sets (`--set` picks them by name; repeat it for several; the default is every set present):

- corpus: the shared corpus (../shared/corpus beside the repository, skipped when absent);
- own: bench/extraction/texts/, written with the extractor;
- heldout: bench/extraction/heldout/, written blind, a development set since 2026-11-27;
- fresh: bench/extraction/heldout3/ (15 texts written blind, a development set from the start);
- dev4: bench/extraction/heldout6/ (14 Russian and Ukrainian texts written on 2026-11-27 by two
  annotators who had not seen the extractor; a development set);
- dev5: bench/extraction/heldout7/ (English, Russian and Ukrainian texts written on 2026-11-27 by
  three more annotators who had not seen the extractor; a development set);
- blind, blind2, blind3, blind4: bench/extraction/heldout2/, heldout4/, heldout5/, heldout8/
  (12, 15, 18 and 18 texts by annotators who had not seen the extractor). Never tune on them;
  `--errors` prints nothing for them.

Every set but the corpus is scored per language. Each text X.txt has its gold X.gold.json.
The baseline is plain NER (spaCy PERSON for English, natasha PER
for Russian and Ukrainian), persons only, every role "other".

Throughput is the CPU time (`time.process_time`) of `extract()` + `to_gold()` over every
scored text, on one core: each of N repetitions (default 5) runs in a fresh process pinned to
one CPU, with the BLAS/OpenMP thread pools set to one thread before numpy or spaCy load. Each
process loads the models and warms them on a fixed sentence per language that is in no text
set, so no repetition sees a text (or a cache filled by it) twice. The table reports the median
of the repetitions, in articles of 1,000 words per second and in words per second, with the
range. CPU time rather than wall time, so that other work on the machine does not count.
"""

from __future__ import annotations

import os

# Before numpy, thinc or spaCy load: one thread each, so that "one core" is honest.
for _var in (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "src"))

from score import Score, score  # noqa: E402

from powtrace.domain.dates import parse_optional  # noqa: E402
from powtrace.extract import extract, to_gold  # noqa: E402
from powtrace.extract.ner import english, russian  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
HELDOUT = HERE / "heldout"
BLIND = HERE / "heldout2"
FRESH = HERE / "heldout3"
BLIND2 = HERE / "heldout4"
BLIND3 = HERE / "heldout5"
BLIND4 = HERE / "heldout8"
DEV4 = HERE / "heldout6"
DEV5 = HERE / "heldout7"
SET_NAMES = (
    "corpus",
    "own",
    "heldout",
    "blind",
    "fresh",
    "blind2",
    "blind3",
    "dev4",
    "dev5",
    "blind4",
)
# Row labels of the sets that measure text the extractor was never developed on.
BLIND_LABELS = ("blind (", "blind 2 (", "blind 3 (", "blind 4 (")
LANGS = ("en", "ru", "uk")
# Warm-up texts (load models, lexicons and regexes) that are in no text set.
WARM_UP = {
    "en": "Sergeant John Smith, 30, was captured near Kharkiv in May 2024, his wife said.",
    "ru": "Рядовой Пётр Сидоров попал в плен под Курском в мае 2024 года, сообщила его жена.",
    "uk": "Солдат Петро Сидоренко потрапив у полон під Харковом у травні 2024 року.",
}

Doc = tuple[str, str, dict]


def load_set(folder: Path) -> list[Doc]:
    """(name, text, gold) for every X.txt with an X.gold.json in a folder."""
    out = []
    for gold_file in sorted(folder.glob("*.gold.json")):
        text_file = gold_file.with_name(gold_file.name.replace(".gold.json", ".txt"))
        if text_file.exists():
            gold = json.loads(gold_file.read_text("utf-8"))
            out.append((text_file.stem, text_file.read_text("utf-8"), gold))
    return out


def _by_language(label: str, docs: list[Doc]) -> dict[str, list[Doc]]:
    """One set per language: 'label (en)', 'label (ru)', 'label (uk)'."""
    out = {}
    for lang in LANGS:
        mine = [d for d in docs if d[2]["source"]["language"] == lang]
        if mine:
            out[f"{label} ({lang})"] = mine
    return out


def sets(names: tuple[str, ...] = SET_NAMES) -> dict[str, list[Doc]]:
    """The text sets to score, by row name; `names` picks among `SET_NAMES`."""
    out: dict[str, list[Doc]] = {}
    if "corpus" in names and CORPUS.is_dir():
        out["shared corpus"] = load_set(CORPUS)
    if "own" in names:
        out.update(_by_language("own texts", load_set(HERE / "texts")))
    if "heldout" in names and HELDOUT.is_dir():
        out.update(_by_language("held-out, dev", load_set(HELDOUT)))
    if "blind" in names and BLIND.is_dir():
        out.update(_by_language("blind", load_set(BLIND)))
    if "fresh" in names and FRESH.is_dir():
        out.update(_by_language("fresh, dev", load_set(FRESH)))
    if "blind2" in names and BLIND2.is_dir():
        out.update(_by_language("blind 2", load_set(BLIND2)))
    if "blind3" in names and BLIND3.is_dir():
        out.update(_by_language("blind 3", load_set(BLIND3)))
    if "blind4" in names and BLIND4.is_dir():
        out.update(_by_language("blind 4", load_set(BLIND4)))
    if "dev4" in names and DEV4.is_dir():
        out.update(_by_language("dev 4", load_set(DEV4)))
    if "dev5" in names and DEV5.is_dir():
        out.update(_by_language("dev 5", load_set(DEV5)))
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


def time_once(names: tuple[str, ...]) -> dict[str, float]:
    """One repetition, in this process: CPU seconds of extraction over every text, and words."""
    if hasattr(os, "sched_setaffinity"):  # one core, literally
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    docs = [d for group in sets(names).values() for d in group]
    for lang in LANGS:  # load every model before timing, on text outside the sets
        extract(WARM_UP[lang], parse_optional("2024-06-01"), lang)
    words = sum(len(text.split()) for _, text, _ in docs)
    started = time.process_time()
    for _, text, gold in docs:
        predict(text, gold)
    return {"cpu": time.process_time() - started, "words": words}


def throughput(names: tuple[str, ...], repeat: int) -> str:
    """Median throughput over `repeat` fresh processes, as a line of text."""
    runs = []
    for _ in range(repeat):
        cmd = [sys.executable, __file__, "--time-once", *(f"--set={n}" for n in names)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    words = int(runs[0]["words"])
    rates = sorted(words / r["cpu"] for r in runs)
    rate = statistics.median(rates)
    cpu = statistics.median(r["cpu"] for r in runs)
    return (
        f"throughput: {rate / 1000:.1f} articles of 1,000 words per second on one core, "
        f"{rate:,.0f} words/s (median of {repeat} runs, CPU time: {words} words in {cpu:.2f} s; "
        f"range {rates[0] / 1000:.1f}–{rates[-1] / 1000:.1f} articles/s)"
    )


def main() -> None:
    """Print the table (and, with --errors, what each document missed or added)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--errors", action="store_true", help="list each document's misses (not for blind sets)"
    )
    parser.add_argument(
        "--set", action="append", choices=SET_NAMES, dest="sets", help="repeatable; default: all"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (0: no timing)")
    parser.add_argument("--time-once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    names = tuple(args.sets or SET_NAMES)
    if args.time_once:  # a child of throughput()
        print(json.dumps(time_once(names)))
        return
    header = (
        f"| {'set':<28} | docs | person P    R    F1 | role | age  | event P    R    F1 | date  |\n"
        f"|{'-' * 30}|------|---------------------|------|------|--------------------|-------|"
    )
    lines, base_lines = [header], []
    for name, docs in sets(names).items():
        total, base = Score(), Score()
        for doc_name, text, gold in docs:
            s = score(predict(text, gold), gold)
            total.add(s)
            base.add(score(baseline(text, gold), gold))
            if args.errors and not name.startswith(BLIND_LABELS):
                for e in s.errors:
                    print(f"  {doc_name}: {e}")
        lines.append(row(name, total))
        base_lines.append(row(f"{name} – NER baseline", base))
    print("\n".join(lines + base_lines))
    if args.repeat > 0:
        print(f"\n{throughput(names, args.repeat)}")


if __name__ == "__main__":
    main()
