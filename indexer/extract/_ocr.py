"""Scanned PDFs without a text layer: OCR with ocrmypdf + tesseract (chi_sim) when installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..models import RefusedFile


def ocr_available() -> str | None:
    """None when OCR can run here, else what is missing (in words for the report)."""
    missing = []
    if shutil.which("ocrmypdf") is None:
        missing.append("ocrmypdf")
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        missing.append("tesseract")
    else:
        try:
            langs = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.TimeoutExpired):
            langs = ""
        if "chi_sim" not in langs.split():
            missing.append("tesseract 中文简体语言包 chi_sim")
    return "、".join(missing) if missing else None


def ocr_pdf(data: bytes, timeout_s: float) -> bytes:
    """The same PDF with a text layer added by OCR."""
    with tempfile.TemporaryDirectory(prefix="gonghui-ocr-") as tmp:
        src, out = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
        src.write_bytes(data)
        try:
            subprocess.run(
                ["ocrmypdf", "-l", "chi_sim", "--force-ocr", "--jobs", "1", "--output-type", "pdf",
                 "--optimize", "0", "--quiet", str(src), str(out)],
                check=True, capture_output=True, timeout=timeout_s,
            )
        except subprocess.TimeoutExpired as exc:
            raise RefusedFile(f"扫描版 PDF 的文字识别（OCR）超时（{timeout_s:.0f} 秒）") from exc
        except subprocess.CalledProcessError as exc:
            raise RefusedFile(f"扫描版 PDF 的文字识别（OCR）失败：{ocr_failure(exc.returncode)}") from exc
        return out.read_bytes()


# ocrmypdf's exit statuses (ocrmypdf.ExitCode), in words: its last line of output is often a
# helper program's usage text, which explains nothing to a person
_OCR_EXIT = {
    2: "PDF 文件损坏或格式不受支持", 3: "缺少 OCR 所需的程序", 4: "识别后的 PDF 无效", 5: "无法读写临时文件",
    6: "PDF 已有文字层", 7: "OCR 的辅助程序（tesseract、ghostscript 或 qpdf）出错", 8: "PDF 已加密，无法识别",
    9: "OCR 配置有误", 10: "PDF 带数字签名，不能改写", 15: "OCR 程序内部出错",
}


def ocr_failure(status: int) -> str:
    return _OCR_EXIT.get(status, f"ocrmypdf 退出状态 {status}")
