#!/usr/bin/env python3
"""A bounded load test of `gonghui serve` on loopback: concurrent clients for a fixed time.

    python scripts/load.py                                   # the sample library (corpus/), 8 clients, 30 s
    python scripts/load.py --articles 10000                  # a generated library of 10,000 articles
    python scripts/load.py --clients 4 --seconds 5 --json    # a quick look, machine-readable

Each client keeps one HTTP connection open and sends, one after another, what a reader's browser
sends: search pages (words, phrases, document numbers, facet filters, later result pages), the
JSON API, and document pages of articles found. Reported: requests, errors (any answer that is
not 200, any connection failure), requests per second, latency p50/p95/p99, the server's memory.
The library is indexed first (outside the timing) when its index does not exist yet.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.serving import rss_kb, running_server  # noqa: E402

WORDS = ["工会", "职工", "困难职工", "劳动合同", "农民工", "送温暖", "集体协商", "劳动模范", "安全生产", "女职工",
         "维权", "基层组织", "工资", "帮扶", "技能", "民主管理", "厂务公开", "和谐劳动关系", "职工之家", "会员"]
PHRASES = ['"维护职工合法权益"', '"全心全意依靠工人阶级"', '"困难职工帮扶"', '"工会工作"', "“送温暖”"]
FILTERS = [{"province": "江苏"}, {"doctype": "讲话"}, {"year": "2008"}, {"topic": "送温暖"}, {"province": "全国"},
           {"year_from": "2000", "year_to": "2010"}, {"sort": "date"}]


def build_index(articles: int, work: Path) -> Path:
    """The index of the sample library, or of a generated library of `articles` articles."""
    from indexer import Settings
    from indexer.ingest import ingest
    from indexer.search import IndexMissingError, open_index

    if articles:
        from scripts.make_corpus import make_corpus

        corpus = make_corpus(work / f"corpus-{articles}", articles)
        index = work / f"load-index-{articles}"
    else:
        corpus, index = ROOT / "corpus", work / "load-index-sample"
    settings = Settings(index_dir=index)
    try:
        open_index(settings)
    except IndexMissingError:
        print(f"indexing {corpus} …", file=sys.stderr, flush=True)
        ingest([corpus], settings)
    return index


def request_mix(base: str, rng: random.Random) -> list[str]:
    """Paths a reader's session asks for, document pages included (ids found by searching)."""
    paths = []
    for _ in range(200):
        kind = rng.random()
        params: dict[str, str] = {}
        if kind < 0.35:
            params["q"] = rng.choice(WORDS)
        elif kind < 0.5:
            params["q"] = " ".join(rng.sample(WORDS, 2))
        elif kind < 0.6:
            params["q"] = rng.choice(PHRASES)
        elif kind < 0.65:
            params["q"] = "苏发〔2010〕59号"
        elif kind < 0.8:
            params.update(rng.choice(FILTERS))
            params["q"] = rng.choice(["", *WORDS])
        else:
            params["q"] = rng.choice(WORDS)
            params["page"] = str(rng.randint(2, 5))
        path = rng.choice(["/search", "/search", "/api/search"])
        paths.append(path + "?" + urllib.parse.urlencode({k: v for k, v in params.items() if v or k != "q"}))
    ids: list[str] = []
    for word in WORDS[:8]:
        with urllib.request.urlopen(base + "/api/search?" + urllib.parse.urlencode({"q": word, "size": 20})) as answer:
            ids += [hit["id"] for hit in json.load(answer)["hits"]]
    paths += [f"/documents/{i}" for i in rng.sample(ids, min(len(ids), 60))]
    paths += ["/"] * 5
    rng.shuffle(paths)
    return paths


def run_load(base: str, clients: int, seconds: float, seed: int = 5) -> dict[str, object]:
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    paths = request_mix(base, random.Random(seed))
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[list[str]] = [[] for _ in range(clients)]
    start = threading.Barrier(clients + 1)
    deadline = 0.0

    def client(number: int) -> None:
        rng = random.Random(seed + number)
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        start.wait()
        while time.perf_counter() < deadline:
            path = rng.choice(paths)
            began = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors[number].append(f"{response.status} {path}")
            except (OSError, http.client.HTTPException) as error:
                errors[number].append(f"{type(error).__name__} {path}")
                connection.close()
                connection = http.client.HTTPConnection(host, int(port), timeout=60)
            latencies[number].append(time.perf_counter() - began)
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    deadline = time.perf_counter() + seconds
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    times = sorted(t for per_client in latencies for t in per_client)
    failed = [e for per_client in errors for e in per_client]

    def percentile(q: float) -> float:
        return 1000 * times[min(len(times) - 1, round(q * (len(times) - 1)))] if times else float("nan")

    return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(times), "errors": len(failed),
            "error_samples": failed[:5], "rps": round(len(times) / elapsed, 1),
            "p50_ms": round(percentile(0.5), 1), "p95_ms": round(percentile(0.95), 1),
            "p99_ms": round(percentile(0.99), 1), "mean_ms": round(1000 * statistics.fmean(times), 1) if times else None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=0, help="a generated library of this size (0: corpus/)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out")
    parser.add_argument("--index", type=Path, help="an existing index to serve instead")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    index = args.index or build_index(args.articles, args.work)
    with running_server(index) as server:
        result = run_load(server.base, args.clients, args.seconds)
        result["server_rss_mb"] = round(rss_kb(server.process.pid) / 1024)
    result["library"] = f"{args.articles:,} generated articles" if args.articles else "sample library (corpus/)"
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"{result['library']}: {result['clients']} clients × {result['seconds']} s: {result['requests']} requests, "
              f"{result['errors']} errors, {result['rps']} req/s, p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
              f"p99 {result['p99_ms']} ms; server memory {result['server_rss_mb']} MB")
        for sample in result["error_samples"]:  # type: ignore[attr-defined]
            print("  error:", sample)
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
