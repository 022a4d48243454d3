"""How often the labels are right on real documents: gonghui's pipeline on every file of a corpus,
compared label by label with the truth taken from the sources (see scripts/real_corpus.py).

    python scripts/label_accuracy.py DIR TRUTH [--misses N] [--field F] [--source S] [--json OUT]

Prints the accuracy per label (and of "one file, one article" for the files that hold one
document), then each miss with what was expected, what came out and where the truth came from.
A field absent from a truth record is not checked; null means the label must be empty."""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexer import Article, Settings, Task, process_files  # noqa: E402

FIELDS = ("title", "doctype", "date", "year", "issuer", "doc_number", "province", "city", "speaker", "level")
ARTICLES = "one article"


def normal(field_name: str, value: Any) -> Any:
    """The form in which a label and its truth are compared: spacing, full- and half-width forms and
    the bracket styles of document numbers do not count."""
    if value is None or value == "" or value == []:
        return None
    if field_name == "year":
        return int(value)
    text = unicodedata.normalize("NFKC", str(value))
    text = re.sub(r"\s+", "", text)
    if field_name == "doc_number":
        text = re.sub(r"[\[［〔（(【]", "〔", text)
        text = re.sub(r"[\]］〕）)】]", "〕", text)
        # (a 令 as printed or as cited: 中华人民共和国国务院令第619号 = 国务院令第619号)
        text = re.sub(r"^中华人民共和国(?!主席)(?=.+令)", "", text)
    if field_name == "title":
        text = text.strip("《》\"“”")
    return text


@dataclass
class Tally:
    checked: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)
    by_source: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def count(self, name: str, ok: bool, record: dict[str, Any], expected: Any, got: Any) -> None:
        self.checked[name] += 1
        self.right[name] += ok
        source = str(record.get("source", "?"))
        self.by_source[source][f"{name}:checked"] += 1
        self.by_source[source][f"{name}:right"] += ok
        if not ok:
            self.misses.append({
                "file": record["file"], "field": name, "expected": expected, "got": got,
                "truth_from": (record.get("truth_from") or {}).get(name, "?"), "source": source,
            })


def label_of(article: Article, name: str) -> Any:
    return getattr(article, name, None)


def compare(record: dict[str, Any], articles: list[Article], refused: str | None, tally: Tally) -> None:
    expected_count = record.get("articles")
    if expected_count == 1:
        got = "refused: " + refused if refused else len(articles)
        tally.count(ARTICLES, len(articles) == 1, record, 1, got)
    for name in FIELDS:
        if name not in record:
            continue
        expected = record[name]
        if not articles:
            tally.count(name, False, record, expected, "refused: " + (refused or "no article"))
            continue
        pieces = articles[:1] if expected_count == 1 or len(articles) == 1 else articles
        got_values = [label_of(a, name) for a in pieces]
        ok = all(normal(name, g) == normal(name, expected) for g in got_values)
        tally.count(name, ok, record, expected, got_values[0] if len(set(map(str, got_values))) == 1 else got_values)


def run(directory: Path, records: list[dict[str, Any]], settings: Settings) -> Tally:
    tasks = [Task(str(directory / r["file"]), root=directory) for r in records]
    results = {event.task.path: event.result for event in process_files(tasks, settings)}
    tally = Tally()
    for record, task in zip(records, tasks, strict=True):
        result = results[task.path]
        compare(record, result.articles, result.refused, tally)
    return tally


def report(tally: Tally, misses: int, out: Any = sys.stdout) -> None:
    print(f"{'label':<12} {'right':>6} {'checked':>8} {'accuracy':>9}", file=out)
    for name in (*FIELDS, ARTICLES):
        checked = tally.checked[name]
        if checked:
            print(f"{name:<12} {tally.right[name]:>6} {checked:>8} {100 * tally.right[name] / checked:>8.1f}%", file=out)
    if misses:
        print(f"\nmisses ({len(tally.misses)}; first {misses}):", file=out)
        for miss in tally.misses[:misses]:
            print(f"- {miss['file']} [{miss['field']}] expected {miss['expected']!r}, got {miss['got']!r}"
                  f"  (truth: {miss['truth_from']})", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("truth", type=Path)
    parser.add_argument("--misses", type=int, default=10_000, help="how many misses to list")
    parser.add_argument("--field", action="append", help="list the misses of these labels only")
    parser.add_argument("--source", help="only the files of sources whose name contains this")
    parser.add_argument("--only", help="only files whose path contains this")
    parser.add_argument("--json", type=Path, help="write the tally (counts and misses) as JSON")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in args.truth.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.source:
        records = [r for r in records if args.source in str(r.get("source", ""))]
    if args.only:
        records = [r for r in records if args.only in r["file"]]
    settings = Settings(ocr=False) if args.workers is None else Settings(ocr=False, workers=args.workers)
    tally = run(args.directory, records, settings)
    if args.field:
        tally.misses = [m for m in tally.misses if m["field"] in args.field]
    print(f"{len(records)} files from {len({r.get('source') for r in records})} sources")
    report(tally, args.misses)
    if args.json:
        args.json.write_text(json.dumps({"checked": tally.checked, "right": tally.right, "misses": tally.misses},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
