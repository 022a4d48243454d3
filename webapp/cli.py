"""The `gonghui` command line: inspect, ingest, remove, search, serve.

Exit status: 0 all went well; 1 some files were refused (the others were taken); 2 the command
was used wrongly or a setting cannot work (a missing taxonomy file, a folder that is not an
index), said before any file is read; 3 the index is busy with another writer; 4 the index was
made by another version and must be rebuilt; 5 the index is missing; 6 an import stopped because
the index could not be written (disk full): what was committed stays; 7 the port to serve on is
taken; 130 interrupted."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from indexer import Article, ConfigError, FileResult, Settings, Task, iter_input_files, process_files
from indexer.ingest import ingest, remove
from indexer.search import (
    FACETS,
    SORTS,
    IndexBusyError,
    IndexMissingError,
    QueryError,
    SchemaVersionError,
    SearchRequest,
    open_index,
    parse_year,
    validate_request,
)
from indexer.topics import load_taxonomy

from . import argparse_zh
from .console import ProgressPrinter, print_report
from .labels import LABELS, format_value
from .serialize import fragments_text, meta_text, result_to_dict

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_BUSY, EXIT_SCHEMA, EXIT_NO_INDEX = 0, 1, 2, 3, 4, 5
EXIT_WRITE_FAILED, EXIT_PORT_TAKEN, EXIT_INTERRUPTED = 6, 7, 130
EXIT_STATUSES = (
    "退出状态：0 成功；1 有文件被拒收（其余已导入）；2 用法或配置有误（在读取任何文件之前指出）；"
    "3 索引正被另一个导入写入；4 索引由其他版本建立，需要重建；5 索引不存在；"
    "6 索引无法写入（如磁盘已满），导入已停止，已提交的部分完好；7 端口已被占用；130 被中断"
)


def _settings(args: argparse.Namespace) -> Settings:
    """The settings the options give, checked: a taxonomy that cannot be read is a ConfigError
    here, before any file is read."""
    settings = Settings()
    changes: dict[str, object] = {}
    names = {"corpus": "corpus_dir", "index": "index_dir", "topics": "taxonomy_path", "workers": "workers",
             "batch_size": "batch_size"}
    for name, key in names.items():
        value = getattr(args, name, None)
        if value is not None:
            changes[key] = value
    settings = settings.with_(**changes) if changes else settings
    load_taxonomy(settings.taxonomy_path)
    return settings


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"须为正整数：{text}")
    return value


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


def _index_errors(func):  # type: ignore[no-untyped-def]
    """Index troubles as one clear line and an exit status, not a traceback."""
    def run(args: argparse.Namespace) -> int:
        try:
            return int(func(args))
        except ConfigError as error:
            print(f"配置有误：{error}", file=sys.stderr)
            return EXIT_USAGE
        except IndexBusyError as error:
            print(f"无法写入：{error}", file=sys.stderr)
            return EXIT_BUSY
        except SchemaVersionError as error:
            print(str(error), file=sys.stderr)
            return EXIT_SCHEMA
        except IndexMissingError as error:
            print(str(error), file=sys.stderr)
            return EXIT_NO_INDEX
    return run


@_index_errors
def cmd_inspect(args: argparse.Namespace) -> int:
    """The files through the pipeline under the same per-file limits as an ingest (in worker
    processes), printed in the order they were named."""
    settings = _settings(args)
    refused = 0
    as_json = []
    items = list(iter_input_files((Path(p) for p in args.files), args.follow_links))
    tasks = [Task(str(item.path), root=item.root) for item in items if not item.refused]
    done = {event.task.path: event.result for event in process_files(tasks, settings)}
    for item in items:
        result = done.get(str(item.path)) or FileResult(str(item.path), refused=item.refused)
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


@_index_errors
def cmd_ingest(args: argparse.Namespace) -> int:
    settings = _settings(args)
    report = ingest([Path(p) for p in args.paths], settings, prune=args.prune, rebuild=args.rebuild,
                    wait_s=args.wait, progress=None if args.quiet else ProgressPrinter(),
                    follow_links=args.follow_links)
    print_report(report)
    if report.stopped:
        return EXIT_WRITE_FAILED
    return EXIT_REFUSED if report.refused else EXIT_OK


@_index_errors
def cmd_remove(args: argparse.Namespace) -> int:
    removed = remove([Path(p) for p in args.paths], _settings(args), wait_s=args.wait)
    for key in removed:
        print(f"已移除：{key}")
    print(f"共移除 {len(removed)} 个文件的文章")
    return EXIT_OK


@_index_errors
def cmd_search(args: argparse.Namespace) -> int:
    settings = _settings(args)
    try:
        request = validate_request(SearchRequest(
            query=args.query or "", years=tuple(parse_year(y) for y in args.year or ()),
            year_from=args.year_from, year_to=args.year_to, provinces=tuple(args.province or ()),
            cities=tuple(args.city or ()), doctypes=tuple(args.doctype or ()), levels=tuple(args.level or ()),
            topics=tuple(args.topic or ()), issuers=tuple(args.issuer or ()), speakers=tuple(args.speaker or ()),
            sources=tuple(args.source or ()), sort=args.sort, page=args.page, size=args.size or settings.page_size,
            literal=args.literal,
        ), settings)
        result = open_index(settings).search(request)
    except QueryError as error:
        print(f"查询有误：{error}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        json.dump(result_to_dict(result), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return EXIT_OK
    for notice in result.notices:
        print(f"说明：{notice}")
    print(f"共 {result.total} 篇（第 {result.page}/{result.pages} 页）")
    for number, hit in enumerate(result.hits, (result.page - 1) * result.size + 1):
        print(f"{number:>3}. {hit.title}  [{meta_text(hit)}]  {hit.id}")
        print(f"     {fragments_text(hit.snippet)}")
    for suggestion in result.suggestions:
        print(f"建议：{suggestion.label}")
    for facet in FACETS:
        values = result.facets[facet.key]
        shown = "  ".join(f"{v.value or '未标注'}({v.count})" + ("*" if v.selected else "") for v in values)
        if shown:
            print(f"{facet.label}：{shown}")
    return EXIT_OK


@_index_errors
def cmd_serve(args: argparse.Namespace) -> int:
    from .server import serve

    return serve(_settings(args), host=args.host, port=args.port)


LOG_LEVELS = ("debug", "info", "warning", "error")


def build_parser() -> argparse.ArgumentParser:
    argparse_zh.install()
    # options every command takes (before or after the command's name)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--log-level", choices=LOG_LEVELS, default=argparse.SUPPRESS,
                        help="日志级别，日志写到标准错误（默认：serve 为 info，即每个请求一行；其余为 warning）")
    parser = argparse.ArgumentParser(
        prog="gonghui", description="工会资料库：导入、检索与浏览工会工作资料",
        epilog=EXIT_STATUSES, parents=[common],
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    real_add_parser = sub.add_parser

    def add_parser(name: str, **kwargs: object) -> argparse.ArgumentParser:
        return real_add_parser(name, parents=[common], **kwargs)  # type: ignore[arg-type]

    def index_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--index", help=f"索引目录（默认 {Settings().index_dir}）")

    def batch_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--batch-size", type=_positive, metavar="篇",
                       help="每个进程每批写入并提交的文章数（默认随导入规模在 1000 到 4000 之间自动选择；"
                            "中途崩溃最多丢失在途的这几批，重新导入即可补齐）")

    def topics_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--topics", metavar="FILE", help="主题分类文件（TOML，默认用自带的）")

    def links_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--follow-links", action="store_true",
                       help="文件夹中的符号链接指向导入文件夹之外时也读取（默认拒收并列出）")

    inspect = add_parser("inspect", help="查看文件会被切分成哪些文章、每个标签从何而来（不写入索引）")
    inspect.add_argument("files", nargs="+", metavar="FILE", help="文件或文件夹")
    inspect.add_argument("--json", action="store_true", help="以 JSON 输出")
    topics_option(inspect)
    links_option(inspect)
    inspect.set_defaults(func=cmd_inspect)

    ing = add_parser("ingest", help="把文件和文件夹（递归）导入索引")
    ing.add_argument("paths", nargs="+", metavar="PATH")
    index_option(ing)
    ing.add_argument("--prune", action="store_true", help="同时移除已不存在的文件的文章")
    ing.add_argument("--rebuild", action="store_true", help="删除并重建索引")
    ing.add_argument("--wait", type=float, default=0.0, metavar="秒", help="索引被占用时最多等待的秒数")
    ing.add_argument("--workers", type=_positive, help="并行处理文件的进程数")
    batch_option(ing)
    topics_option(ing)
    links_option(ing)
    ing.add_argument("--quiet", action="store_true", help="不显示进度")
    ing.set_defaults(func=cmd_ingest)

    rm = add_parser("remove", help="从索引中删除这些文件（或文件夹下所有文件）的文章")
    rm.add_argument("paths", nargs="+", metavar="PATH")
    index_option(rm)
    rm.add_argument("--wait", type=float, default=0.0, metavar="秒")
    rm.set_defaults(func=cmd_remove)

    se = add_parser("search", help="检索")
    se.add_argument("query", nargs="?", default="", help="检索词；\"…\" 精确短语，-词 排除，OR，标题: 发言人: 文号:")
    index_option(se)
    se.add_argument("--year", action="append", help="年份（可重复；“未标注”：没有年份的文章）")
    se.add_argument("--year-from", type=int, metavar="年", help="起始年份")
    se.add_argument("--year-to", type=int, metavar="年", help="截止年份")
    for name, help_text in (("province", "省份（江苏 或 江苏省；全国）"), ("city", "城市"), ("doctype", "类型"),
                            ("level", "效力级别"), ("topic", "主题"), ("issuer", "发文机关"),
                            ("speaker", "发言人或作者"), ("source", "出处（书或汇编）")):
        se.add_argument(f"--{name}", action="append", help=f"{help_text}，可重复（同一项内为“或”）")
    se.add_argument("--literal", action="store_true", help="按原词检索：不把检索词中的年份、地名、类型、机关当作筛选条件")
    se.add_argument("--sort", choices=SORTS, default="relevance")
    se.add_argument("--page", type=int, default=1)
    se.add_argument("--size", type=int, help="每页条数（默认与网站相同）")
    se.add_argument("--json", action="store_true", help="以 JSON 输出")
    topics_option(se)
    se.set_defaults(func=cmd_search)

    sv = add_parser("serve", help="启动网站（索引不存在时先从语料目录建立）")
    index_option(sv)
    sv.add_argument("--corpus", help="语料目录（默认 corpus）")
    sv.add_argument("--host", default="127.0.0.1",
                    help="监听地址（默认 127.0.0.1，只有本机能访问）；0.0.0.0 让局域网内的同事也能访问："
                         "他们能检索、阅读全部文章并下载导入的原始文件，网站没有登录")
    sv.add_argument("--port", type=int, default=int(os.environ.get("GONGHUI_PORT") or 8000),
                    help="端口（默认取环境变量 GONGHUI_PORT，否则 8000）")
    topics_option(sv)
    batch_option(sv)
    sv.set_defaults(func=cmd_serve, default_log_level="info")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = str(getattr(args, "log_level", None) or getattr(args, "default_log_level", "warning"))
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
