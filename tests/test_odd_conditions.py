"""Odd conditions a real library meets (issue 11): a full disk during an import, named pipes,
devices and links in an imported folder, configuration errors, refusal reasons."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from indexer import Settings
from indexer.ingest import ingest
from indexer.search import SearchRequest, open_index
from scripts.make_corpus import make_corpus

from .conftest import CORPUS, ROOT

GONGHUI = [sys.executable, "-m", "webapp.cli"]


def gonghui(*args: str, timeout: float = 300, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*GONGHUI, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


# -- a full disk ----------------------------------------------------------------------------------

DISK_FULL_SCRIPT = textwrap.dedent('''
    set -u
    mount -t tmpfs -o size=6m tmpfs "$DISK" || exit 99
    "$PY" -m webapp.cli ingest --quiet --index "$DISK/index" "$SAMPLES" > /dev/null || exit 98
    "$PY" -m webapp.cli ingest --quiet --batch-size 20 --index "$DISK/index" "$BIG" > "$OUT/stdout" 2> "$OUT/stderr"
    echo $? > "$OUT/status"
    "$PY" - <<'PY' > "$OUT/after.json"
import json, os
from indexer import Settings
from indexer.search import SearchRequest, open_index
folder = os.path.join(os.environ["DISK"], "index")
index = open_index(Settings().with_(index_dir=folder))
print(json.dumps({"total": index.search(SearchRequest(query="工会")).total, "count": index.count(),
                  "sources": sorted(index.sources()), "entries": sorted(os.listdir(folder))}))
PY
''')


def run_on_small_disk(tmp_path: Path, big: Path) -> Path:
    """The script above in a mount namespace of its own, on a 6 MB tmpfs (root mounts it
    directly; anyone else through a user namespace)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare (util-linux) is not installed")
    out = tmp_path / "out"
    out.mkdir()
    disk = tmp_path / "disk"
    disk.mkdir()
    command = [unshare, "--mount"] if os.geteuid() == 0 else [unshare, "--user", "--map-root-user", "--mount"]
    env = {**os.environ, "DISK": str(disk), "PY": sys.executable, "SAMPLES": str(CORPUS), "BIG": str(big),
           "OUT": str(out)}
    run = subprocess.run([*command, "bash", "-c", DISK_FULL_SCRIPT], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=600)
    if run.returncode == 99:
        pytest.skip(f"cannot mount a tmpfs here: {run.stderr.strip()}")
    assert run.returncode == 0, run.stderr
    return out


def test_a_full_disk_stops_the_import_cleanly_and_keeps_what_was_committed(tmp_path):
    big = make_corpus(tmp_path / "big", 300)
    out = run_on_small_disk(tmp_path, big)
    status = int((out / "status").read_text())
    stdout, stderr = (out / "stdout").read_text(), (out / "stderr").read_text()
    after = json.loads((out / "after.json").read_text())
    assert status == 6, (stdout, stderr)  # its own exit status, not "files refused"
    assert "Traceback" not in stderr + stdout
    assert stdout.count("磁盘空间不足") == 1 and "导入已停止" in stdout
    not_taken = [line.split("未导入：", 1)[1] for line in stdout.splitlines() if "未导入：" in line]
    taken = [s for s in after["sources"] if s.startswith(str(big.resolve()))]
    files = sorted(str(p.resolve()) for p in big.rglob("*") if p.suffix in (".txt", ".html", ".docx"))
    assert not_taken and sorted(not_taken + taken) == files  # every file either committed or listed
    # the sample library committed before is intact and readable, with what this run committed
    assert len([s for s in after["sources"] if s.startswith(str(CORPUS))]) == 5
    assert after["count"] == 14 + len(taken) and after["total"] >= 14
    assert not [e for e in after["entries"] if e.startswith("build-") or ".toc." in e]  # no temporary leftovers


# -- pipes, devices and links -----------------------------------------------------------------------


def test_a_fifo_a_device_and_links_out_of_the_folder_are_refused_by_name(tmp_path):
    folder = tmp_path / "资料"
    folder.mkdir()
    shutil.copy(CORPUS / sorted(os.listdir(CORPUS))[4], folder / "notice.txt")
    os.mkfifo(folder / "pipe.txt")  # opened, it would block for ever
    (folder / "zero.txt").symlink_to("/dev/zero")  # read, it never ends
    outside = tmp_path / "secret.txt"
    outside.write_text("内部名单\n\n这是不应被导入的文件内容，放在导入文件夹之外。\n", encoding="utf-8")
    (folder / "secret.txt").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "notice.txt")  # a link within the folder is fine
    run = gonghui("ingest", "--index", str(tmp_path / "index"), str(folder), timeout=60)
    assert run.returncode == 1, run.stderr
    refused = {line.split("：")[1].rsplit("/", 1)[-1]: line for line in run.stdout.splitlines() if "已拒收" in line}
    assert sorted(refused) == ["pipe.txt", "secret.txt", "zero.txt"]
    assert "命名管道" in refused["pipe.txt"] and "字符设备" in refused["zero.txt"]
    assert "导入文件夹之外" in refused["secret.txt"] and "--follow-links" in refused["secret.txt"]
    index = open_index(Settings(index_dir=tmp_path / "index"))
    assert index.search(SearchRequest(query='"不应被导入"')).total == 0
    # the same with inspect, under the same limits
    shown = gonghui("inspect", str(folder), timeout=60)
    assert shown.returncode == 1 and "命名管道" in shown.stdout and "导入文件夹之外" in shown.stdout
    # asked for explicitly, a link out of the folder is followed
    followed = gonghui("ingest", "--follow-links", "--index", str(tmp_path / "index"), str(folder), timeout=60)
    assert "secret.txt" not in followed.stdout
    assert open_index(Settings(index_dir=tmp_path / "index")).search(SearchRequest(query='"不应被导入"')).total == 1


def test_a_file_replaced_by_a_fifo_after_listing_is_refused_not_waited_for(tmp_path):
    # the worker opens without blocking and checks what it opened (the parent only lists)
    from indexer.pipeline import process_file

    os.mkfifo(tmp_path / "late.txt")
    result = process_file(tmp_path / "late.txt", Settings())
    assert result.refused and "不是普通文件" in result.refused


# -- configuration errors ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["inspect", "ingest", "search", "serve"])
def test_a_missing_taxonomy_is_a_configuration_error_before_any_file(tmp_path, command):
    args = {"inspect": [str(CORPUS)], "ingest": ["--index", str(tmp_path / "i"), str(CORPUS)],
            "search": ["工会", "--index", str(tmp_path / "i")], "serve": ["--index", str(tmp_path / "i")]}[command]
    run = gonghui(command, "--topics", str(tmp_path / "missing.toml"), *args, timeout=60)
    assert run.returncode == 2
    assert "配置有误" in run.stderr and "missing.toml" in run.stderr
    assert "请把此文件报告给维护者" not in run.stdout + run.stderr and not (tmp_path / "i").exists()


def test_rebuild_of_a_folder_that_is_not_an_index_is_refused(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("我的笔记", encoding="utf-8")
    run = gonghui("ingest", "--rebuild", "--index", str(tmp_path / "notes"), str(CORPUS), timeout=60)
    assert run.returncode == 2 and "不是工会资料库的索引目录" in run.stderr and "Traceback" not in run.stderr
    assert (tmp_path / "notes" / "mine.txt").exists()


def test_more_than_62_topics_are_all_kept_and_counted(tmp_path):
    names = [f"主题{n:03d}" for n in range(80)]
    taxonomy = tmp_path / "topics.toml"
    taxonomy.write_text("".join(f'["{name}"]\nkeywords = ["工会"]\n' for name in names), encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "index", taxonomy_path=taxonomy, workers=1)
    ingest([CORPUS], settings)
    index = open_index(settings)
    counted = {v.value: v.count for v in index.search(SearchRequest()).facets["topics"]}
    chosen = index.search(SearchRequest(topics=("主题079",), size=100))
    # (every topic has the same keyword: the last four by name are every article's topics)
    assert chosen.total > 0 and all(h.topics == ["主题079", "主题078", "主题077", "主题076"] for h in chosen.hits)
    assert counted["主题079"] == counted["主题076"] == chosen.total
