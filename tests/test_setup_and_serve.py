"""Set-up as a new user meets it (issue 11.4, 11.10): the README's two commands on a fresh copy,
in either order and side by side; `gonghui serve` from another folder; the first build of the
library resumed after an interruption, and said on the site while it is incomplete; a port that
is taken; messages in Chinese."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from scripts.make_corpus import make_corpus

from .conftest import ROOT
from .test_browser import CHROMIUM, CHROMIUM_ARGS

GONGHUI = [sys.executable, "-m", "webapp.cli"]
IN_COPY = "GONGHUI_FRESH_COPY"  # set inside the copy, so that its test run does not copy again


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.load(answer)


def wait_for(url: str, process: subprocess.Popen, seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            if process.poll() is not None:
                output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
                raise AssertionError(f"the server exited with {process.returncode}: {output}") from None
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def wait_until(predicate, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# -- the first build, interrupted and resumed -------------------------------------------------------


def serve(index: Path, corpus: Path, port: int, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([*GONGHUI, "serve", "--index", str(index), "--corpus", str(corpus), "--port", str(port),
                             "--batch-size", "20"],
                            cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)


def test_an_interrupted_first_build_is_resumed_and_said_on_the_site(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", 400)
    index = tmp_path / "index"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    first = serve(index, corpus, port, tmp_path)
    try:
        wait_for(base + "/healthz", first)
        assert get_json(base + "/healthz")["library"] == "building"
        home = urllib.request.urlopen(base + "/", timeout=30).read().decode()
        assert "资料库正在建立" in home  # the site answers at once and says so
        wait_until(lambda: get_json(base + "/healthz")["articles"] >= 20)
    finally:
        first.send_signal(signal.SIGKILL)  # killed in the middle of the build
        first.wait()
    assert (index / "BUILDING").exists()
    partial = json.loads(subprocess.run([*GONGHUI, "search", "", "--json", "--index", str(index)], cwd=ROOT,
                                        capture_output=True, text=True).stdout)["total"]
    assert 0 < partial < 400
    # the next start says the build is resumed, and finishes it without doing it all again
    second = serve(index, corpus, port, tmp_path)
    try:
        wait_for(base + "/healthz", second)
        wait_until(lambda: get_json(base + "/healthz")["library"] == "ready", 300)
        assert get_json(base + "/healthz")["articles"] == 400
        assert "资料库正在建立" not in urllib.request.urlopen(base + "/", timeout=30).read().decode()
    finally:
        stop(second)
    output = second.stdout.read().decode() if second.stdout else ""
    assert "中断" in output and "继续" in output
    assert re.search(r"未变化 (\d+) 个", output) and int(re.search(r"未变化 (\d+) 个", output)[1]) > 0
    assert not (index / "BUILDING").exists()


def test_an_incomplete_library_is_said_on_every_page(tmp_path):
    from fastapi.testclient import TestClient

    from indexer import Settings
    from indexer.search import open_index
    from webapp.app import create_app
    from webapp.server import LibraryStatus

    settings = Settings(index_dir=tmp_path / "index")
    index = open_index(settings, create=True)
    status = LibraryStatus("incomplete", "/资料", "（导入退出状态 6）")
    client = TestClient(create_app(settings, index, lambda: status))
    for path in ("/", "/search?q=工会", "/no/such/page"):
        assert "资料库不完整" in client.get(path).text
    assert client.get("/healthz").json()["library"] == "incomplete"


def test_serve_on_a_taken_port_says_so_with_its_own_status(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run([*GONGHUI, "serve", "--index", str(tmp_path / "i"), "--port", str(port)], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
    assert run.returncode == 7 and "已被占用" in run.stderr and not (tmp_path / "i").exists()


def test_command_line_messages_are_in_chinese():
    run = subprocess.run([*GONGHUI, "search", "--page", "x"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 2
    assert "用法：" in run.stderr and "错误" in run.stderr and "invalid" not in run.stderr
    helped = subprocess.run([*GONGHUI, "serve", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert "显示此帮助并退出" in helped.stdout and "局域网" in helped.stdout and "退出状态" not in helped.stdout
    assert "7 端口已被占用" in subprocess.run([*GONGHUI, "--help"], cwd=ROOT, capture_output=True, text=True).stdout


# -- the README's commands on a fresh copy ----------------------------------------------------------


def readme_commands() -> tuple[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert block, "the README starts with a sh block"
    first, second = [line for line in block[1].splitlines() if line.strip()][:2]
    return first, second


def fresh_copy(target: Path) -> Path:
    """What a clone of this change holds: the files git tracks or would add."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get(IN_COPY) == "1", reason="already inside the fresh copy")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_readme_commands_on_a_fresh_copy_side_by_side(tmp_path):
    first, second = readme_commands()
    copy = fresh_copy(tmp_path / "gonghui")
    home, port = tmp_path / "home", free_port()
    env = {**{k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")},
           "GONGHUI_HOME": str(home), "GONGHUI_PORT": str(port), IN_COPY: "1",
           "PATH": os.environ["PATH"].replace(str(Path(sys.executable).parent) + os.pathsep, "")}
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(["bash", "-c", first], cwd=copy, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(base + "/healthz", server, 900)
        wait_until(lambda: get_json(base + "/healthz")["library"] == "ready", 300)
        assert get_json(base + "/healthz")["articles"] == 14
        # the test command beside the running server (a quick part of the suite)
        tests = subprocess.run(["bash", "-c", second], cwd=copy, timeout=1500, capture_output=True, text=True,
                               env={**env, "PYTEST_ADDOPTS": "-q -p no:cacheprovider tests/test_cli_inspect.py"})
        assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-3000:]
        assert "passed" in tests.stdout
        for path in ("/", "/search?q=%E5%B7%A5%E4%BC%9A", "/docs"):  # the server still finds its templates
            assert urllib.request.urlopen(base + path, timeout=30).status == 200
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)
    output = server.stdout.read().decode("utf-8", "replace") if server.stdout else ""
    # no warnings at install (this machine's pip configuration names a missing local index: not ours)
    warned = [line for line in output.splitlines() if "warn" in line.lower() and "is ignored: it is neither" not in line]
    assert not warned, warned
    assert not (copy / ".gonghui").exists()

    # the installed product, started from another folder: the sample library, originals found
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    port2 = free_port()
    other = subprocess.Popen([str(copy / ".venv" / "bin" / "gonghui"), "serve", "--port", str(port2)], cwd=elsewhere,
                             env={**env, "GONGHUI_HOME": str(tmp_path / "home2")}, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
    base2 = f"http://127.0.0.1:{port2}"
    try:
        wait_for(base2 + "/healthz", other, 300)
        wait_until(lambda: get_json(base2 + "/healthz")["library"] == "ready", 300)
        found = get_json(base2 + "/api/search?q=%E5%B7%A5%E4%BC%9A")
        assert found["total"] > 0
        original = urllib.request.urlopen(f"{base2}/documents/{found['hits'][0]['id']}/original", timeout=30)
        assert original.status == 200 and original.read()
        assert not list(elsewhere.iterdir())  # nothing left in the folder it was started from
        if CHROMIUM.exists():
            assert_docs_render_offline(base2)
    finally:
        stop(other)


def assert_docs_render_offline(base: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        asked: list[str] = []

        def route(route):
            asked.append(route.request.url)
            route.continue_() if route.request.url.startswith(base) else route.abort("internetdisconnected")

        page.route("**/*", route)
        page.goto(base + "/docs")
        page.wait_for_selector(".swagger-ui .info .title", timeout=30000)
        assert "工会资料库 API" in page.inner_text(".swagger-ui .info .title")
        assert all(url.startswith(base) for url in asked)
        browser.close()
