"""`gonghui inspect` as the curator runs it: a real process, its output and exit status."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import CORPUS, SEEDS


def gonghui(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "webapp.cli", *args], capture_output=True, text=True, timeout=300, cwd=cwd,
    )


def test_inspect_prints_every_label_with_its_origin():
    run = gonghui("inspect", str(SEEDS["004"]))
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "关于进一步加强和改进新形势下工会工作的意见" in out
    assert "文号：苏发〔2010〕59号  ← 文头的发文字号" in out
    assert "省份：江苏  ← 发文机关“中共苏州市委”" in out
    assert "日期：2010-11-17  ← 标题下的日期" in out
    assert "发言人/作者：（未识别）" in out


def test_inspect_a_folder_recursively_as_json():
    run = gonghui("inspect", "--json", str(CORPUS))
    assert run.returncode == 0, run.stderr
    files = json.loads(run.stdout)
    assert len(files) == 5
    counts = {item["path"].rsplit("/", 1)[-1][:3]: len(item["articles"]) for item in files}
    assert counts == {"000": 2, "001": 1, "002": 8, "003": 2, "004": 1}


def test_refused_files_are_named_and_the_run_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "noise.pdf").write_bytes(bytes(range(256)) * 10)
    run = gonghui("inspect", str(tmp_path / "empty.txt"), str(SEEDS["004"]), str(tmp_path / "noise.pdf"))
    assert run.returncode == 1
    assert f"文件：{tmp_path / 'empty.txt'}\n  已拒收：文件为空" in run.stdout
    assert "noise.pdf\n  已拒收：扩展名是 .pdf，但内容不是PDF" in run.stdout
    assert "苏发〔2010〕59号" in run.stdout  # the good file in between was read


def test_usage_error_exit_status():
    assert gonghui("inspect").returncode == 2
