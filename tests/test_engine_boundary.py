"""The engine boundary is real: the whole product above it (ingest, search API, site) runs on the
dict engine of tests/dict_engine.py without importing Whoosh, and the query table of
test_queries.py passes on both engines (see its `real_library` fixture)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_the_product_runs_on_another_engine_without_whoosh(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        sys.path.insert(0, {str(ROOT)!r})
        from fastapi.testclient import TestClient
        from indexer import Settings
        from indexer.ingest import ingest
        from indexer.search import SearchRequest, open_index
        from tests import dict_engine
        from webapp.app import create_app

        dict_engine.register()
        settings = Settings(engine="dict", workers=2).with_(index_dir={str(tmp_path / "index")!r})
        report = ingest([Path({str(ROOT / "corpus")!r})], settings)
        index = open_index(settings)
        result = index.search(SearchRequest(query="张俊九"))
        client = TestClient(create_app(settings, index))
        page = client.get("/search", params={{"q": "苏发2010年59号"}})
        print(report.articles, result.hits[0].speaker, page.status_code, "苏发〔2010〕59号" in page.text)
        print(sorted(m for m in sys.modules if m.split(".")[0] == "whoosh" or m.startswith("indexer.search._")))
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    counts, modules = run.stdout.strip().splitlines()[-2:]
    articles, speaker, status, found = counts.split()
    assert int(articles) >= 14 and speaker == "张俊九" and status == "200" and found == "True"
    assert modules == "[]"  # neither Whoosh nor the Whoosh engine's private modules were imported
