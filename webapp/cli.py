"""The `gonghui` command line: inspect, ingest, remove, search, serve.

Exit status: 0 all went well; 1 some files were refused (the others were taken); 2 the command
was used wrongly; 3 the index is busy with another writer; 4 the index was made by another
version of the schema and must be rebuilt; 5 the index is missing or unreadable."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from indexer import Article, Settings, iter_input_files, process_file

from .labels import LABELS, format_value

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_BUSY, EXIT_SCHEMA, EXIT_NO_INDEX = 0, 1, 2, 3, 4, 5


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings()
    changes: dict[str, object] = {}
    for name in ("corpus", "index", "topics", "workers"):
        value = getattr(args, name, None)
        if value is not None:
            key = {"corpus": "corpus_dir", "index": "index_dir", "topics": "taxonomy_path", "workers": "workers"}[name]
            changes[key] = value
    return settings.with_(**changes) if changes else settings


def describe_article(article: Article, number: int) -> list[str]:
    lines = [f"  [{number}] {article.title}"]
    for field, name in LABELS:
        value = format_value(getattr(article, field))
        origin = article.provenance.get(field)
        if field == "title":
            origin = origin or ""
        shown = value if value else "（未识别）"
        lines.append(f"      {name}：{shown}" + (f"  ← {origin}" if origin and value else ""))
    src = article.source
    where = [f"文件中第 {src.ordinal + 1} 篇"]
    if src.pages:
        basis = "书中页码" if src.page_basis == "目录" else "PDF 页"
        where.append(f"{basis} {src.pages[0]}–{src.pages[1]}" if src.pages[0] != src.pages[1] else f"{basis} {src.pages[0]}")
    if src.book:
        where.append(f"出自《{src.book.title}》")
    if src.sections:
        where.append("栏目：" + "／".join(src.sections))
    if src.collection:
        where.append(f"汇编：{src.collection}")
    if src.url:
        where.append(f"网址：{src.url}")
    if src.web_published:
        where.append(f"网页发布时间：{src.web_published}（不作为文件日期）")
    lines.append("      来源：" + "；".join(where))
    text = article.text
    lines.append(f"      正文：{len(article.paragraphs)} 段，{len(text)} 字：{text[:60].replace(chr(10), ' / ')}…")
    return lines


def cmd_inspect(args: argparse.Namespace) -> int:
    settings = _settings(args)
    refused = 0
    as_json = []
    for item in iter_input_files(Path(p) for p in args.files):
        result = process_file(item.path, settings)
        if args.json:
            as_json.append({
                "path": result.path, "refused": result.refused, "notes": result.notes,
                "articles": [a.to_dict() for a in result.articles],
            })
        elif result.refused:
            print(f"文件：{result.path}\n  已拒收：{result.refused}")
        else:
            print(f"文件：{result.path}（共 {len(result.articles)} 篇文章）")
            for note in result.notes:
                print(f"  说明：{note}")
            for number, article in enumerate(result.articles, 1):
                print("\n".join(describe_article(article, number)))
        refused += bool(result.refused)
    if args.json:
        json.dump(as_json, sys.stdout, ensure_ascii=False, indent=1)
        print()
    return EXIT_REFUSED if refused else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gonghui", description="工会资料库：导入、检索与浏览工会工作资料")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    inspect = sub.add_parser("inspect", help="查看文件会被切分成哪些文章、每个标签从何而来（不写入索引）")
    inspect.add_argument("files", nargs="+", metavar="FILE", help="文件或文件夹")
    inspect.add_argument("--json", action="store_true", help="以 JSON 输出")
    inspect.add_argument("--topics", help="主题分类文件（TOML）")
    inspect.set_defaults(func=cmd_inspect)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
