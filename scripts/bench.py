#!/usr/bin/env python3
"""Benchmark gonghui against the naive stack and SQLite FTS5, side by side in one run.

    python scripts/bench.py                      # 1,000 and 10,000 articles, 3 repeats
    python scripts/bench.py --sizes 50000 --repeats 1 --naive-repeats 1    # the long mode
    python scripts/bench.py --sizes 1000 --repeats 1 --queries 60          # a quick look

For each size a deterministic corpus is generated (scripts/make_corpus.py) and reused. Then, in
the same session, interleaved so that the machine's load falls on all alike:

* ingest, end to end from files to a committed index: gonghui (`gonghui ingest`, worker processes
  on both cores), the naive stack (Whoosh with jieba.analyse.ChineseAnalyzer and one writer, the
  files' text extracted the same way), SQLite FTS5 over the same text segmented beforehand
  (segmentation not timed, as the FTS5 figure is quoted); MB/s, articles/s, peak memory of the
  process tree, index size;
* queries: one fixed mixed set (single words, several words, quoted phrases, document numbers,
  empty query with filters, words with filters), each answered as the website asks it (gonghui
  with facet counts), after a warm-up pass; per-query medians over the repeats, then p50/p95;
  cold open (a new process: open the index, answer one query);
* the server: `gonghui serve` started cold, time to its first answer, its memory after the
  query set sent over HTTP.

Every figure is also given as a ratio to the naive stack's. The report is written to
docs/benchmarks.md (use --out to change), with the machine, the versions and the date.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
GONGHUI = [PYTHON, "-m", "webapp.cli"]

from scripts.serving import rss_kb  # noqa: E402

# -- helpers ------------------------------------------------------------------------------------


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KB (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss_kb(current)
        stack.extend(children.get(current, []))
    return total


def run_measured(command: list[str], ok: tuple[int, ...] = (0,)) -> tuple[float, int, str]:
    """Wall seconds, peak resident memory of the process tree (KB), stdout. A return code not in
    `ok` stops the benchmark with the command's error output."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=str(ROOT))
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kb(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode not in ok:
        raise RuntimeError(f"{command} failed ({process.returncode}): {err[-2000:]}")
    return seconds, peak, out


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".html", ".docx"))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


# -- the naive stack and FTS5 (run in their own processes) --------------------------------------


def naive_ingest(corpus: Path, index_dir: Path) -> None:
    """Whoosh fed by jieba.analyse.ChineseAnalyzer, one writer, one commit."""
    import jieba
    from jieba.analyse import ChineseAnalyzer
    from whoosh import fields, index

    from indexer import Settings
    from indexer.extract import extract_bytes

    jieba.setLogLevel(60)
    analyzer = ChineseAnalyzer()
    schema = fields.Schema(path=fields.ID(stored=True), title=fields.TEXT(stored=True, analyzer=analyzer),
                           content=fields.TEXT(stored=True, analyzer=analyzer))
    index_dir.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(index_dir), schema)
    writer = ix.writer()
    settings = Settings()
    for path in corpus_files(corpus):
        doc = extract_bytes(path.read_bytes(), str(path), settings)
        lines = [b.text for b in doc.blocks if b.text.strip()]
        writer.add_document(path=str(path), title=lines[0], content="\n".join(lines[1:]))
    writer.commit()


def segmented_texts(corpus: Path) -> list[tuple[str, str, str]]:
    import jieba

    from indexer import Settings
    from indexer.extract import extract_bytes

    jieba.setLogLevel(60)
    settings = Settings()
    rows = []
    for path in corpus_files(corpus):
        doc = extract_bytes(path.read_bytes(), str(path), settings)
        lines = [b.text for b in doc.blocks if b.text.strip()]
        rows.append((str(path), " ".join(jieba.cut_for_search(lines[0])), " ".join(jieba.cut_for_search("\n".join(lines[1:])))))
    return rows


def fts5_ingest(corpus: Path, db: Path) -> float:
    """Seconds to index the pre-segmented text (segmentation done first, not timed)."""
    rows = segmented_texts(corpus)
    started = time.perf_counter()
    connection = sqlite3.connect(db)
    connection.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title, content)")
    with connection:
        connection.executemany("INSERT INTO docs VALUES (?, ?, ?)", rows)
    connection.close()
    return time.perf_counter() - started


# -- queries ------------------------------------------------------------------------------------


def make_queries(corpus: Path, count: int, seed: int = 11) -> list[dict[str, object]]:
    """A fixed mixed set: words, several words, quoted phrases, document numbers, filters."""
    rng = random.Random(seed)
    manifest = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    from indexer import Settings
    from indexer.topics import load_taxonomy

    words = sorted({w for words in load_taxonomy(Settings().taxonomy_path).topics.values() for w in words if len(w) >= 2})
    words += ["工会", "职工", "改革", "建设", "服务", "维权", "劳动模范", "基层", "困难", "发展"]
    texts = [p for p in corpus_files(corpus) if p.suffix == ".txt"][:300]
    paragraphs = []
    for path in texts:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        paragraphs += [p for p in text.split("\n\n") if len(p) > 60]
    numbers = [m["doc_number"] for m in manifest if m.get("doc_number")]
    provinces = sorted({m["province"] for m in manifest})
    doctypes = sorted({m["doctype"] for m in manifest})
    brackets = ["〔〕", "[]", "【】", "（）"]
    share = {"word": 0.25, "words": 0.2, "phrase": 0.2, "docnum": 0.1, "filters": 0.125, "word+filter": 0.125}
    queries: list[dict[str, object]] = []
    for kind, part in share.items():
        for _ in range(max(1, round(count * part))):
            if kind == "word":
                queries.append({"kind": kind, "q": rng.choice(words)})
            elif kind == "words":
                queries.append({"kind": kind, "q": " ".join(rng.sample(words, rng.choice((2, 3))))})
            elif kind == "phrase":
                paragraph = rng.choice(paragraphs)
                start = rng.randrange(0, len(paragraph) - 14)
                queries.append({"kind": kind, "q": f'"{paragraph[start:start + rng.randint(6, 12)]}"'})
            elif kind == "docnum":
                number = rng.choice(numbers)
                open_, close = rng.choice(brackets)
                queries.append({"kind": kind, "q": number.replace("〔", open_).replace("〕", close)})
            elif kind == "filters":
                queries.append({"kind": kind, "q": "", "province": rng.choice(provinces),
                                "year": rng.randint(1995, 2024), "doctype": rng.choice(doctypes)})
            else:
                queries.append({"kind": kind, "q": rng.choice(words), "province": rng.choice(provinces)})
    return queries


def run_queries(engine: str, index: Path, queries: list[dict[str, object]], repeats: int) -> dict[str, object]:
    """In this process: open cold, first answer, then the set `repeats` times (after a warm-up)."""
    started = time.perf_counter()
    ask = _engine(engine, index)
    ask(queries[0])
    cold = time.perf_counter() - started
    for query in queries:  # warm-up
        ask(query)
    times: list[list[float]] = [[] for _ in queries]
    hits: list[int] = [0] * len(queries)
    for _ in range(repeats):
        for n, query in enumerate(queries):
            t = time.perf_counter()
            hits[n] = ask(query)
            times[n].append(time.perf_counter() - t)
    medians = [statistics.median(t) for t in times]
    by_kind: dict[str, list[float]] = {}
    for query, median in zip(queries, medians, strict=True):
        by_kind.setdefault(str(query["kind"]), []).append(median)
    slowest = max(range(len(queries)), key=lambda n: medians[n])
    return {
        "cold_s": cold, "p50_ms": 1000 * percentile(medians, 0.5), "p95_ms": 1000 * percentile(medians, 0.95),
        "by_kind_p50_ms": {k: 1000 * percentile(v, 0.5) for k, v in by_kind.items()},
        "rss_mb": rss_kb(os.getpid()) / 1024, "hits": hits, "slowest": queries[slowest],
        "slowest_ms": 1000 * medians[slowest],
    }


def _engine(engine: str, index: Path):  # type: ignore[no-untyped-def]
    if engine == "gonghui":
        from indexer import Settings
        from indexer.search import SearchRequest, open_index

        search_index = open_index(Settings(index_dir=index))

        def ask(query: dict[str, object]) -> int:
            request = SearchRequest(
                query=str(query["q"]), provinces=(str(query["province"]),) if query.get("province") else (),
                years=(int(query["year"]),) if query.get("year") else (),  # type: ignore[call-overload]
                doctypes=(str(query["doctype"]),) if query.get("doctype") else (),
            )
            return search_index.search(request).total
        return ask
    if engine == "naive":
        from jieba.analyse import ChineseAnalyzer  # noqa: F401 - the schema's analyzer is unpickled from it
        from whoosh import index as whoosh_index
        from whoosh.qparser import MultifieldParser
        from whoosh.query import Every

        ix = whoosh_index.open_dir(str(index))
        searcher = ix.searcher()
        parser = MultifieldParser(["title", "content"], ix.schema)

        def ask(query: dict[str, object]) -> int:
            text = str(query["q"])
            q = parser.parse(text) if text else Every()
            return len(searcher.search(q, limit=10))
        return ask
    connection = sqlite3.connect(index)

    def ask(query: dict[str, object]) -> int:
        import jieba

        text = str(query["q"]).strip('"')
        if not text:
            return len(connection.execute("SELECT rowid FROM docs LIMIT 10").fetchall())
        tokens = [t for t in jieba.cut_for_search(text) if t.strip() and t.isalnum()]
        if not tokens:
            return 0
        match = '"' + " ".join(tokens) + '"' if str(query["q"]).startswith('"') else " ".join(f'"{t}"' for t in tokens)
        return len(connection.execute("SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10",
                                      (match,)).fetchall())
    return ask


def server_check(index: Path, queries: list[dict[str, object]]) -> dict[str, float]:
    """`gonghui serve` cold: seconds to its first answer; memory after the query set over HTTP."""
    from scripts.serving import running_server

    with running_server(index) as server:
        for query in queries:
            params = {"q": query["q"]}
            for key in ("province", "year", "doctype"):
                if query.get(key):
                    params[key] = query[key]
            urllib.request.urlopen(server.base + "/api/search?" + urllib.parse.urlencode(params), timeout=60).read()
        return {"first_answer_s": server.first_answer_s, "rss_mb": rss_kb(server.process.pid) / 1024}


# -- the run ------------------------------------------------------------------------------------


def bench_size(size: int, args: argparse.Namespace, work: Path) -> dict[str, object]:
    from scripts.make_corpus import make_corpus

    corpus = make_corpus(work / f"corpus-{size}", size)
    files = corpus_files(corpus)
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    print(f"\n== {size} articles, {len(files)} files, {megabytes:.1f} MB", flush=True)
    runs: dict[str, list[dict[str, float]]] = {"gonghui": [], "naive": [], "fts5": []}
    for repeat in range(args.repeats):
        index = work / f"index-{size}"
        shutil.rmtree(index, ignore_errors=True)
        # (exit code 1: some files were refused; the generated corpus has none, but it is no failure)
        seconds, peak, _ = run_measured([*GONGHUI, "ingest", "--quiet", "--index", str(index), str(corpus)], ok=(0, 1))
        runs["gonghui"].append({"s": seconds, "peak_mb": peak / 1024, "size_mb": folder_size(index) / 1e6})
        print(f"  gonghui ingest {seconds:.1f}s ({megabytes / seconds:.2f} MB/s, peak {peak / 1024:.0f} MB)", flush=True)
        if repeat < args.naive_repeats:
            naive = work / f"naive-{size}"
            shutil.rmtree(naive, ignore_errors=True)
            seconds, peak, _ = run_measured([PYTHON, __file__, "--naive-ingest", str(corpus), str(naive)])
            runs["naive"].append({"s": seconds, "peak_mb": peak / 1024, "size_mb": folder_size(naive) / 1e6})
            print(f"  naive ingest   {seconds:.1f}s ({megabytes / seconds:.2f} MB/s, peak {peak / 1024:.0f} MB)", flush=True)
            db = work / f"fts5-{size}.db"
            db.unlink(missing_ok=True)
            _, peak, out = run_measured([PYTHON, __file__, "--fts5-ingest", str(corpus), str(db)])
            seconds = float(out.strip().splitlines()[-1])
            runs["fts5"].append({"s": seconds, "peak_mb": peak / 1024, "size_mb": db.stat().st_size / 1e6})
            print(f"  fts5 ingest    {seconds:.1f}s ({megabytes / seconds:.2f} MB/s, pre-segmented)", flush=True)
    queries = make_queries(corpus, args.queries)
    (work / f"queries-{size}.json").write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    results: dict[str, dict[str, object]] = {}
    for engine, index in (("gonghui", work / f"index-{size}"), ("naive", work / f"naive-{size}"),
                          ("fts5", work / f"fts5-{size}.db")):
        if not index.exists():
            continue
        _, _, out = run_measured([PYTHON, __file__, "--query-run", engine, str(index),
                                  str(work / f"queries-{size}.json"), str(args.query_repeats)])
        results[engine] = json.loads(out.strip().splitlines()[-1])
        print(f"  {engine:7s} queries p50 {results[engine]['p50_ms']:.1f} ms, p95 {results[engine]['p95_ms']:.1f} ms, "
              f"cold {results[engine]['cold_s']:.2f}s", flush=True)
    server = server_check(work / f"index-{size}", queries)
    print(f"  server first answer {server['first_answer_s']:.2f}s, memory {server['rss_mb']:.0f} MB", flush=True)
    return {"size": size, "files": len(files), "mb": megabytes, "runs": runs, "queries": results, "server": server,
            "query_count": len(queries)}


def median_of(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs) if runs else float("nan")


def report(results: list[dict[str, object]]) -> str:
    from importlib.metadata import version

    import jieba
    import rjieba  # noqa: F401
    import whoosh

    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?")
    memory = next((line.split()[1] for line in meminfo if line.startswith("MemTotal")), "0")
    lines = [
        "# Benchmarks", "",
        f"Written on {time.strftime('%Y-%m-%d')} by `python scripts/bench.py` from the latest run of each size "
        "(each section says how it was run).", "",
        f"* Machine: {os.cpu_count()} cores ({cpu}), {int(memory) // 1024 // 1024} GiB, {platform.platform()}",
        f"* Python {platform.python_version()}, whoosh-reloaded {whoosh.versionstring()}, rjieba {version('rjieba')}, "
        f"jieba {jieba.__version__}, SQLite {sqlite3.sqlite_version}, gonghui {version('gonghui')}",
        "* Ingest: medians of the runs of gonghui and of the baselines, interleaved in one session; queries: "
        "per-query medians over the passes after a warm-up, then p50/p95 over the set.",
        "* The naive stack: Whoosh with `jieba.analyse.ChineseAnalyzer`, one writer, the files' text extracted as "
        "gonghui extracts it. FTS5: the same text segmented beforehand (segmentation not timed), default tokenizer.",
        "* Ratios are to the naive stack (for speed, higher is better: 2.0× means twice as fast).",
        "* Where the time goes, and what the next factor would take: [performance.md](performance.md).", "",
    ]
    for result in results:
        runs = result["runs"]  # type: ignore[index]
        mb = float(result["mb"])  # type: ignore[arg-type]
        size = int(result["size"])  # type: ignore[call-overload]
        naive_s = median_of(runs["naive"], "s")
        lines += [f"## {size:,} articles ({result['files']} files, {mb:.1f} MB)", "",
                  f"Run on {result['date']} with `python scripts/bench.py {result['command']}`: "
                  f"{result['repeats']} ingest run{'s' if result['repeats'] != 1 else ''} of gonghui, {result['naive_repeats']} of each baseline, "
                  f"{result['query_repeats']} passes of the query set.", "",
                  "| ingest | seconds | MB/s | articles/s | × naive | peak memory | index size |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for engine, label in (("gonghui", "gonghui (2 workers)"), ("naive", "naive stack"), ("fts5", "SQLite FTS5*")):
            if not runs[engine]:
                continue
            seconds = median_of(runs[engine], "s")
            lines.append(f"| {label} | {seconds:.1f} | {mb / seconds:.2f} | {size / seconds:.0f} | "
                         f"{naive_s / seconds:.1f}× | {median_of(runs[engine], 'peak_mb'):.0f} MB | "
                         f"{median_of(runs[engine], 'size_mb'):.0f} MB |")
        lines += ["", "\\* FTS5 indexes text segmented beforehand; its time leaves segmentation out.", ""]
        queries = result["queries"]  # type: ignore[index]
        if queries:
            naive_q = queries.get("naive", {})
            lines += [f"| queries ({result['query_count']}) | p50 | p95 | × naive p50 | × naive p95 | cold open + first | "
                      "memory |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
            for engine, label in (("gonghui", "gonghui, with facet counts"), ("naive", "naive stack"),
                                  ("fts5", "SQLite FTS5 (no facets)")):
                if engine not in queries:
                    continue
                q = queries[engine]
                ratio50 = naive_q.get("p50_ms", float("nan")) / q["p50_ms"] if q["p50_ms"] else float("nan")
                ratio95 = naive_q.get("p95_ms", float("nan")) / q["p95_ms"] if q["p95_ms"] else float("nan")
                lines.append(f"| {label} | {q['p50_ms']:.1f} ms | {q['p95_ms']:.1f} ms | {ratio50:.1f}× | {ratio95:.1f}× | "
                             f"{q['cold_s']:.2f} s | {q['rss_mb']:.0f} MB |")
            kinds = sorted(queries["gonghui"]["by_kind_p50_ms"])
            lines += ["", "p50 by kind of query (ms): " + "; ".join(
                f"{kind}: " + " / ".join(f"{queries[e]['by_kind_p50_ms'].get(kind, float('nan')):.1f}"
                                          for e in ("gonghui", "naive", "fts5") if e in queries)
                for kind in kinds) + " (gonghui / naive / FTS5)."]
            lines += [f"Slowest gonghui query: `{queries['gonghui']['slowest']}` "
                      f"({queries['gonghui']['slowest_ms']:.0f} ms)."]
        server = result["server"]  # type: ignore[index]
        lines += ["", f"Server (`gonghui serve`, cold): first answer after {server['first_answer_s']:.2f} s; "
                      f"memory after the query set {server['rss_mb']:.0f} MB.", ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--naive-repeats", type=int, default=None)
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--query-repeats", type=int, default=3)
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--naive-ingest", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--fts5-ingest", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--query-run", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.argv = sys.argv[1:]
    if args.naive_ingest:
        naive_ingest(*args.naive_ingest)
        return
    if args.fts5_ingest:
        print(fts5_ingest(*args.fts5_ingest))
        return
    if args.query_run:
        engine, index, queries, repeats = args.query_run
        result = run_queries(engine, Path(index), json.loads(Path(queries).read_text(encoding="utf-8")), int(repeats))
        print(json.dumps(result, ensure_ascii=False))
        return
    args.naive_repeats = args.repeats if args.naive_repeats is None else args.naive_repeats
    args.work.mkdir(parents=True, exist_ok=True)
    for size in args.sizes.split(","):
        result = bench_size(int(size), args, args.work)
        result.update(date=time.strftime("%Y-%m-%d"), command=" ".join(args.argv), repeats=args.repeats,
                      naive_repeats=args.naive_repeats, query_repeats=args.query_repeats)
        (args.work / f"result-{int(size)}.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    # the report holds the latest result of every size run so far (the long 50k mode runs apart)
    results = sorted((json.loads(p.read_text(encoding="utf-8")) for p in args.work.glob("result-*.json")),
                     key=lambda r: int(r["size"]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report(results), encoding="utf-8")
    print(f"\nreport written to {args.out}")


if __name__ == "__main__":
    main()
