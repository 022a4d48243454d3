"""What the command line prints while it works: progress of an ingest and its report."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from indexer.ingest import IngestReport, Progress


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60} 分 {seconds % 60} 秒" if seconds >= 60 else f"{seconds} 秒"


class ProgressPrinter:
    """Files done, articles, MB/s and time left, on one line on a terminal, else every few seconds."""

    def __init__(self, stream: TextIO = sys.stderr, every_s: float = 5.0):
        self._time = time.monotonic
        self.stream = stream
        self.tty = stream.isatty()
        self.every_s = every_s
        self._last = 0.0

    def __call__(self, p: Progress) -> None:
        now = self._time()
        final = p.files_done == p.files_total
        if not final and now - self._last < (0.2 if self.tty else self.every_s):
            return
        self._last = now
        left = f"，预计剩余 {_duration(p.seconds_left)}" if p.seconds_left else ""
        line = (f"已处理 {p.files_done}/{p.files_total} 个文件，{p.articles} 篇文章，"
                f"{p.mb_per_s:.2f} MB/s，用时 {_duration(p.elapsed)}{left}")
        if self.tty:
            print("\r" + line + " " * 8, end="\n" if final else "", file=self.stream, flush=True)
        else:
            print(line, file=self.stream, flush=True)


def print_report(report: IngestReport) -> None:
    if report.stopped:
        print(f"导入已停止：{report.stopped}，索引无法再写入。已提交的 {report.indexed} 个文件（{report.articles} 篇文章）"
              f"和此前的索引完好可用；以下 {len(report.not_taken)} 个文件未导入，腾出空间后重新运行同一命令即可补齐：")
        for path in report.not_taken:
            print(f"  未导入：{path}")
        for path, reason in report.refused:
            print(f"  已拒收：{path}：{reason}")
        return
    print(f"导入完成：{report.files} 个文件，新增或更新 {report.indexed} 个（{report.articles} 篇文章），"
          f"未变化 {report.unchanged} 个，拒收 {len(report.refused)} 个，移除 {len(report.removed)} 个；"
          f"用时 {report.seconds:.1f} 秒")
    if report.redone:
        print(f"  注意：有工作进程中途失败，{report.redone} 个文件已重新处理（均只入库一次）")
    for path, reason in report.refused:
        print(f"  已拒收：{path}：{reason}")
    for key in report.removed:
        print(f"  已移除（文件已不存在）：{key}")
