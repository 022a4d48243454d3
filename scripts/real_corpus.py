"""Rebuild the development corpus of real documents (issue 10) from fetched public repositories.

    python scripts/real_corpus.py OUT_DIR [--mirrors /work/.mirror] [--only NAME,...]

Each source is a module in `scripts/corpus_sources/` with
    FETCH: list[str]   the repositories it reads, as given to the search tool's `fetch` verb
    build(mirrors: Path, out: Path) -> Iterator[dict]   writes files under `out` and yields one
                                                       truth record per file (see below)
Repositories are fetched first (with the search tool's `fetch`, which mirrors them under
/work/.mirror/owner+name/); this script only reads those mirrors with git. Nothing is committed
from them except public official documents copied into tests/real/.

The fetch commands, one per line (all modules' FETCH lists):
    (printed by `python scripts/real_corpus.py --list-fetch`)

Truth records (OUT_DIR/truth.jsonl, one JSON object per file). Truth comes from the source: the
repository's or site's own metadata, the document's own header, 题注 and signature, never from
gonghui's output.
    file         path relative to OUT_DIR
    source       "github:owner/repo"; source_path: the path in it; url: the page's address if known
    form         html | word-html | pdf | docx | txt | md
    kind         公文 | law | speech | web | news | other  (the kind of document, for the rules)
    articles     how many articles the file holds (1 for a single document)
    title        the document's own title as printed (no 《》, no date suffix)
    doctype      one of indexer/labels/vocab.toml doctypes
    date         the document's own date, ISO (YYYY-MM-DD, or YYYY-MM / YYYY if only that is printed);
                 公文: 成文日期 (not 印发日期, not a web page's 发布日期); law: the latest
                 通过/公布/修正/修订/批准 date in the 题注 (not 施行); speech: the day it was given;
                 null when the document prints no date of its own
    year         the year of that date (or printed on it), null if none
    issuer       the issuing body (first named when several): 公文 发文机关; law: the body of the
                 latest 通过/修正/修订 in the 题注, or 公布 by 令; null for speeches and reports
    doc_number   发文字号 or 令号 as printed, brackets as 〔〕, or null
    province     全国 | one of the 31 short names (江苏, 内蒙古, 广西…) | 台湾 | 香港 | 澳门 | null
    city         short name of a prefecture-level city, or null
    speaker      the person who spoke or signed as author, or null
    level        效力级别 for laws and rules (法律, 行政法规, 地方性法规, 部门规章, 地方政府规章,
                 司法解释, 党内法规, 规范性文件), or null
    truth_from   {field: where the truth came from}
    fixture      true if the document is an official document of a state organ that may be
                 committed under tests/real/
A field absent from a record is not checked; null means "the label must be empty".
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

SOURCES_PACKAGE = "scripts.corpus_sources"
FIELDS = ("title", "doctype", "date", "year", "issuer", "doc_number", "province", "city", "speaker", "level")


def mirror_dir(mirrors: Path, repo: str) -> Path:
    """The git directory `fetch` made for owner/name (it may sit one level down)."""
    owner_name = repo.removeprefix("github:").replace("/", "+")
    base = mirrors / owner_name
    if (base / "HEAD").exists():
        return base
    for candidate in sorted(base.rglob("HEAD")):
        if candidate.parent.name.endswith(".git") or (candidate.parent / "objects").is_dir():
            return candidate.parent
    raise FileNotFoundError(f"{repo} is not fetched (no git directory under {base})")


def git_files(repo_dir: Path) -> list[str]:
    out = subprocess.run(["git", "--git-dir", str(repo_dir), "ls-tree", "-r", "--name-only", "HEAD"],
                         check=True, capture_output=True).stdout
    return out.decode("utf-8", "surrogateescape").splitlines()


def git_show(repo_dir: Path, path: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(repo_dir), "show", f"HEAD:{path}"],
                          check=True, capture_output=True).stdout


def source_modules(only: set[str] | None = None) -> Iterator[object]:
    package = importlib.import_module(SOURCES_PACKAGE)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_") or (only and info.name not in only):
            continue
        yield importlib.import_module(f"{SOURCES_PACKAGE}.{info.name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--only", default="")
    parser.add_argument("--list-fetch", action="store_true")
    args = parser.parse_args(argv)
    only = set(filter(None, args.only.split(","))) or None
    if args.list_fetch:
        for module in source_modules(only):
            for repo in module.FETCH:
                print(f"fetch {repo}")
        return 0
    if args.out is None:
        parser.error("OUT_DIR is required")
    args.out.mkdir(parents=True, exist_ok=True)
    records: list[dict[str, object]] = []
    for module in source_modules(only):
        name = module.__name__.rsplit(".", 1)[1]
        count = 0
        for record in module.build(args.mirrors, args.out / name):  # type: ignore[attr-defined]
            record["file"] = f"{name}/{record['file']}"
            records.append(record)
            count += 1
        print(f"{name}: {count} files", file=sys.stderr)
    with open(args.out / "truth.jsonl", "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} files, truth in {args.out / 'truth.jsonl'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
