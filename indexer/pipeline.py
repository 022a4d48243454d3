"""The ingestion pipeline for one file: extract -> clean -> split -> label. A file that cannot be
read becomes a FileResult with the reason; it never raises past this module."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import patterns as P
from .clean import clean_document, drop_repeated_spans
from .extract import SUPPORTED_SUFFIXES, extract_bytes, read_input
from .gazetteer import Gazetteer
from .labels import label_article
from .models import Article, ExtractedDocument, FileResult, RefusedFile
from .settings import Settings
from .split import split_document
from .topics import load_taxonomy

INTERNAL_ERROR = "处理此文件时程序出错"


@dataclass(frozen=True)
class InputFile:
    path: Path
    explicit: bool  # named on the command line (an unsupported type is then refused, not skipped)


def source_key(path: Path) -> str:
    """The key an indexed file is known by: its absolute path."""
    return str(path.resolve())


def iter_input_files(paths: Iterable[Path]) -> Iterator[InputFile]:
    """Files named, and files under folders named (recursively, in a stable order), skipping
    hidden files and, inside folders, files of types the pipeline does not read."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                        continue
                    yield InputFile(Path(root) / name, False)
        else:
            yield InputFile(path, True)


def process_file(path: Path, settings: Settings) -> FileResult:
    """Articles of one file, or why it was refused. Never raises for bad input."""
    started = time.perf_counter()
    result = FileResult(path=str(path))
    try:
        result.bytes = path.stat().st_size
        if path.suffix.lower() not in SUPPORTED_SUFFIXES and path.suffix:
            raise RefusedFile(f"不支持的文件类型（{path.suffix}）；支持 {' '.join(sorted(SUPPORTED_SUFFIXES))}")
        data = read_input(path, settings)
        extracted = extract_bytes(data, str(path), settings)
        result.notes.extend(extracted.notes)
        digest = hashlib.sha256(data).hexdigest()
        result.articles = articles_of(extracted, settings, source_key(path), digest, path.stat().st_mtime)
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
        result.refused = f"{INTERNAL_ERROR}（{type(exc).__name__}: {str(exc)[:200]}），请把此文件报告给维护者"
    result.seconds = time.perf_counter() - started
    return result


def articles_of(
    extracted: ExtractedDocument, settings: Settings, key: str, digest: str | None = None, mtime: float | None = None
) -> list[Article]:
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
            draft, cleaned, key, taxonomy, gazetteer, digest, mtime,
            collection_text="\n".join(collections.get(draft.collection or "", [])),
        )
        for draft in drafts
    ]
    # a piece with no letter, digit or character in its text (OCR debris, rules, dots) is no article
    return [a for a in articles if any(map(P.WORD_CHAR_RE.search, a.paragraphs))]

