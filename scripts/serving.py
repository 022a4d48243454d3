"""A real `gonghui serve` process on a free loopback port, for the benchmark and the load test."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    started: float  # perf_counter when the process was started
    first_answer_s: float  # seconds from start to the first answered search


def rss_kb(pid: int) -> int:
    """Resident memory of a process, in KB (from /proc; 0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_server(index: Path, timeout_s: float = 300.0) -> Iterator[Server]:
    """`gonghui serve --index …` until the block ends; ready once it has answered a search."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "webapp.cli", "serve", "--index", str(index), "--port", str(port)],
                               cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                urllib.request.urlopen(base + "/api/search?q=%E5%B7%A5%E4%BC%9A", timeout=30).read()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"gonghui serve exited with {process.returncode}") from None
                if time.perf_counter() - started > timeout_s:
                    raise RuntimeError("gonghui serve did not answer in time") from None
                time.sleep(0.02)
        yield Server(process, base, started, time.perf_counter() - started)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
