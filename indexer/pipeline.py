"""The ingestion pipeline for one file: extract -> clean -> split -> label. A file that cannot be
read becomes a FileResult with the reason; it never raises past this module."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import stat
import time
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import patterns as P
from .clean import clean_document, drop_repeated_spans
from .extract import SUPPORTED_SUFFIXES, extract_bytes, read_input
from .gazetteer import Gazetteer
from .labels import label_article
from .models import Article, ExtractedDocument, FileOrigin, FileResult, RefusedFile
from .settings import Settings
from .split import split_document
from .topics import load_taxonomy

INTERNAL_ERROR = "处理此文件时程序出错"


@dataclass(frozen=True)
class InputFile:
    path: Path
    root: Path | None = None  # the folder named on the command line that it was found in
    refused: str | None = None  # why it will not be read (not a regular file, a link out of the folders)

    @property
    def relpath(self) -> str:
        """The path people are shown: from the imported folder (its name included), or the name."""
        return display_path(self.path, self.root)


def source_key(path: Path) -> str:
    """The key an indexed file is known by: its absolute path."""
    return str(path.resolve())


def display_path(path: Path, root: Path | None) -> str:
    if root is not None:
        with contextlib.suppress(ValueError):
            return str(Path(root.resolve().name) / path.relative_to(root))
    return path.name


_KINDS = ((stat.S_ISFIFO, "命名管道"), (stat.S_ISSOCK, "套接字"), (stat.S_ISCHR, "字符设备"),
          (stat.S_ISBLK, "块设备"), (stat.S_ISDIR, "文件夹"))


def file_kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "特殊文件")


def iter_input_files(paths: Iterable[Path], follow_links: bool = False) -> Iterator[InputFile]:
    """Files named, and files under folders named (recursively, in a stable order), skipping
    hidden files and, inside folders, files of types the pipeline does not read. Only regular
    files are read: anything else is refused by name, and so is a symbolic link inside a folder
    that leads out of the folders named (unless `follow_links`)."""
    paths = list(paths)
    roots = [p.resolve() for p in paths if p.is_dir()]
    for path in paths:
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                        continue
                    found = Path(folder) / name
                    yield InputFile(found, path, _refusal(found, roots, follow_links))
        else:
            yield InputFile(path, None, _refusal(path, roots, True))


def _refusal(path: Path, roots: list[Path], follow_links: bool) -> str | None:
    """Why `path` will not be read, or None for a regular file (or a link to one, where allowed).
    Only looks at the file system's records: nothing is opened here."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return "文件不存在或无法访问"
    if stat.S_ISLNK(mode):
        try:
            target = path.resolve(strict=True)
            mode = target.stat().st_mode
        except (OSError, RuntimeError):
            return "符号链接指向的文件不存在（或链接成环）"
        if not stat.S_ISREG(mode):
            return f"符号链接指向的不是普通文件（{file_kind(mode)}：{target}），未读取"
        if not follow_links and not any(target.is_relative_to(root) for root in roots):
            return f"符号链接指向导入文件夹之外的文件（{target}），未读取；确需导入请加 --follow-links"
        return None
    if not stat.S_ISREG(mode):
        return f"不是普通文件（{file_kind(mode)}），未读取"
    return None


def process_file(path: Path, settings: Settings, root: Path | None = None, known_sha: str | None = None) -> FileResult:
    """Articles of one file, or why it was refused. Never raises for bad input. `root`: the
    imported folder it was found in (for the path shown to people); a file whose SHA-256 is
    `known_sha` is only hashed (FileResult.unchanged)."""
    started = time.perf_counter()
    result = FileResult(path=str(path))
    warnings_seen.drain()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        _process(path, settings, root, known_sha, result)
    result.notes.extend(warnings_seen.drain())
    result.notes.extend(dict.fromkeys(f"解析提示：{stable_text(str(w.message))[:200]}" for w in caught[:5]))
    result.seconds = time.perf_counter() - started
    return result


def _process(path: Path, settings: Settings, root: Path | None, known_sha: str | None, result: FileResult) -> None:
    try:
        if path.suffix.lower() not in SUPPORTED_SUFFIXES and path.suffix:
            raise RefusedFile(f"不支持的文件类型（{path.suffix}）；支持 {' '.join(sorted(SUPPORTED_SUFFIXES))}")
        data, mtime = read_input(path, settings)
        result.bytes = len(data)
        result.sha256 = hashlib.sha256(data).hexdigest()
        if result.sha256 == known_sha:
            result.unchanged = True
        else:
            extracted = extract_bytes(data, str(path), settings)
            result.notes.extend(extracted.notes)
            origin = FileOrigin(source_key(path), display_path(path, root), result.sha256, mtime)
            result.articles = articles_of(extracted, settings, origin)
            if not result.articles:
                raise RefusedFile("没有找到可收录的文章（只有封面、目录或空白）")
    except RefusedFile as refused:
        result.articles = []
        result.refused = refused.reason
    except FileNotFoundError:
        result.refused = "文件不存在"
    except (RecursionError, MemoryError) as exc:
        result.articles = []
        result.refused = f"文件结构异常，解析时资源耗尽（{type(exc).__name__}）"
    except Exception as exc:  # a defect met on this file: the file is refused, the run goes on
        result.articles = []
        result.refused = f"{INTERNAL_ERROR}（{type(exc).__name__}: {stable_text(str(exc))[:200]}），请把此文件报告给维护者"


_ADDRESS = re.compile(r"<([\w.]+) object at 0x[0-9a-fA-F]+>|\b0x[0-9a-fA-F]{6,}\b")


def stable_text(text: str) -> str:
    """A message without memory addresses (<_io.BytesIO object at 0x7fa9…> → _io.BytesIO), the
    same on every run."""
    return _ADDRESS.sub(lambda m: m.group(1) or "…", text)


class _WarningsSeen(logging.Handler):
    """What the parsing libraries warn about (pdfminer logs a warning for each damaged object),
    kept as notes of the file being read instead of printed without its name."""

    LIMIT = 5

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.messages) < self.LIMIT:
            self.messages.append(f"解析提示（{record.name}）：{stable_text(record.getMessage())[:200]}")

    def drain(self) -> list[str]:
        found, self.messages = self.messages, []
        return list(dict.fromkeys(found))


warnings_seen = _WarningsSeen()
for _library in ("pdfminer", "trafilatura", "htmldate", "courlan", "charset_normalizer", "jionlp", "PIL"):
    _logger = logging.getLogger(_library)
    _logger.addHandler(warnings_seen)
    _logger.propagate = False  # (not printed to the terminal without the file's name)
    _logger.setLevel(logging.WARNING)


def articles_of(extracted: ExtractedDocument, settings: Settings, origin: FileOrigin) -> list[Article]:
    gazetteer = Gazetteer.load()
    taxonomy = load_taxonomy(settings.taxonomy_path)
    cleaned = clean_document(extracted, gazetteer)
    drafts = split_document(cleaned, gazetteer)
    for draft in drafts:
        draft.body = drop_repeated_spans(draft.body)
    collections: dict[str, list[str]] = {}
    for draft in drafts:
        if draft.collection:
            collections.setdefault(draft.collection, []).extend(p.plain for p in draft.body)
    articles = [
        label_article(
            draft, cleaned, origin, taxonomy, gazetteer,
            collection_text="\n".join(collections.get(draft.collection or "", [])),
        )
        for draft in drafts
    ]
    # a piece with no letter, digit or character in its text (OCR debris, rules, dots) is no article,
    # unless it is the file's only document and has a title (its text is in pictures)
    kept = [a for a in articles if any(map(P.WORD_CHAR_RE.search, a.paragraphs))]
    if not kept and len(articles) == 1 and articles[0].provenance.get("title") not in (None, "正文首句"):
        kept = articles
    return kept

