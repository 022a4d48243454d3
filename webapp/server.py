"""`gonghui serve`: serve the site at once; build the library from the corpus folder in the
background the first time (an ingest in a child process, committed in batches, so pages show
articles as they arrive), and resume that build if an earlier one was interrupted.

A file `BUILDING` in the index folder marks a build that has not finished: it is written before
the build starts and removed when the build has gone through every file, so a build stopped by
Ctrl-C, a kill or a full disk is resumed at the next start (files already indexed are skipped)
and, until then, the site says the library is incomplete."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass

from indexer import Settings
from indexer.search import IndexMissingError, SearchIndex, open_index

from .app import create_app

BUILD_MARKER = "BUILDING"
EXIT_PORT_TAKEN = 7


@dataclass
class LibraryStatus:
    """What the site says about the library: "ready", "building" (a build is running) or
    "incomplete" (a build was interrupted and is not running)."""

    state: str
    corpus: str = ""
    detail: str = ""

    @property
    def message(self) -> str:
        if self.state == "building":
            return f"资料库正在建立（来自 {self.corpus}），已收录的文章可以检索，其余陆续出现。"
        if self.state == "incomplete":
            return (f"资料库不完整：上次从 {self.corpus} 建立时中断{self.detail}。"
                    "重新运行 gonghui serve 会从中断处继续。")
        return ""


class LibraryBuild:
    """The build of the library from the corpus folder, as a child `gonghui ingest`."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.marker = settings.index_dir / BUILD_MARKER
        self.process: subprocess.Popen[bytes] | None = None
        self.failure = ""

    def needed(self) -> bool:
        return self.marker.exists() or not (self.settings.index_dir.exists() and _has_index(self.settings))

    def resuming(self) -> bool:
        return self.marker.exists()

    def start(self) -> None:
        """Mark the build as begun and start it; a thread removes the mark when it has finished."""
        self.settings.index_dir.mkdir(parents=True, exist_ok=True)
        self.marker.write_text(str(self.settings.corpus_dir), encoding="utf-8")
        command = [sys.executable, "-m", "webapp.cli", "ingest", "--quiet", "--index", str(self.settings.index_dir),
                   "--topics", str(self.settings.taxonomy_path), str(self.settings.corpus_dir)]
        if self.settings.batch_size:
            command[-1:-1] = ["--batch-size", str(self.settings.batch_size)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        preexec_fn=_die_with_parent)
        threading.Thread(target=self._wait, daemon=True).start()

    def _wait(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        output = self.process.stdout.read().decode("utf-8", "replace")
        status = self.process.wait()
        print(output.rstrip(), file=sys.stderr)
        if status in (0, 1):  # done (1: some files were refused, the others taken)
            with contextlib.suppress(OSError):
                self.marker.unlink()
            print("资料库建立完成。", file=sys.stderr)
        else:
            self.failure = f"（导入退出状态 {status}）"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)

    def status(self) -> LibraryStatus:
        corpus = self.settings.corpus_dir
        if self.process is not None and self.process.poll() is None:
            return LibraryStatus("building", str(corpus))
        if self.marker.exists():
            return LibraryStatus("incomplete", str(corpus), self.failure)
        return LibraryStatus("ready", str(corpus))


def _has_index(settings: Settings) -> bool:
    try:
        open_index(settings).close()
    except IndexMissingError:
        return False
    return True


def _die_with_parent() -> None:
    """(Linux) the build stops when the server dies, even by SIGKILL; the mark stays, and the
    next start resumes it."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def port_taken(host: str, port: int) -> str | None:
    """Why the site cannot listen at host:port, or None."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"端口 {port} 已被占用（可能 gonghui serve 已在运行）；请用 --port 换一个端口"
            return f"无法在 {host}:{port} 上监听：{error.strerror}"
    return None


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> int:
    import uvicorn

    problem = port_taken(host, port)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_PORT_TAKEN
    build = LibraryBuild(settings)
    if build.needed():
        if build.resuming():
            print(f"上次从 {settings.corpus_dir} 建立资料库时中断，正在从中断处继续……", file=sys.stderr)
        else:
            print(f"首次启动：正在从 {settings.corpus_dir} 建立资料库（索引 {settings.index_dir}），"
                  "网站已可访问，文章陆续出现……", file=sys.stderr)
        open_index(settings, create=True).close()  # (a SchemaVersionError is said before the build starts)
        build.start()
    index: SearchIndex = open_index(settings)
    print(f"工会资料库：共 {index.count()} 篇文章，访问 http://{host}:{port}/", file=sys.stderr)
    try:
        uvicorn.run(create_app(settings, index, build.status), host=host, port=port,
                    log_level="warning", access_log=False, log_config=None)  # (requests: app.py's log line)
    finally:
        build.stop()
    return 0
