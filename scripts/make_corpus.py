#!/usr/bin/env python3
"""A deterministic archive for scale tests: N articles recombined from the paragraphs of the sample
library, with plausible labels spread over the 31 provinces, 30 years, every topic and type,
2-20 KB each, written as real files (mostly .txt, some GB18030, .html and .docx) in one folder
per province, so that a benchmark goes through the whole pipeline.

    python scripts/make_corpus.py OUT_DIR --count 10000 [--seed 7]

OUT_DIR/manifest.jsonl lists every file with the labels it was written with.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import Settings, process_file  # noqa: E402
from indexer.topics import load_taxonomy  # noqa: E402

YEARS = list(range(1995, 2025))
DOCTYPES = [("讲话", 30), ("通知", 15), ("意见", 8), ("办法", 5), ("决定", 3), ("报告", 4), ("调研报告", 10),
            ("论文", 5), ("经验材料", 12), ("纪实", 6), ("其他", 2)]
ABBREVIATIONS = {
    "北京": "京", "天津": "津", "河北": "冀", "山西": "晋", "内蒙古": "内", "辽宁": "辽", "吉林": "吉", "黑龙江": "黑",
    "上海": "沪", "江苏": "苏", "浙江": "浙", "安徽": "皖", "福建": "闽", "江西": "赣", "山东": "鲁", "河南": "豫",
    "湖北": "鄂", "湖南": "湘", "广东": "粤", "广西": "桂", "海南": "琼", "重庆": "渝", "四川": "川", "贵州": "黔",
    "云南": "云", "西藏": "藏", "陕西": "陕", "甘肃": "甘", "青海": "青", "宁夏": "宁", "新疆": "新",
}
GIVEN = "建国华明军平志红伟德文刚秀英丽敏强国庆海燕春梅玉兰晓东俊杰永忠立新光辉振宇思远家"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
VERBS = ["深入贯彻", "扎实推进", "全面加强", "切实做好", "不断深化", "大力推动", "积极探索", "进一步完善"]
GOALS = ["开创工作新局面", "再上新台阶", "取得新成效", "推动高质量发展", "更好服务职工群众", "建功新时代"]
HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}_工作动态_{site}</title></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/gzdt/">工作动态</a> | <a href="/tzgg/">通知公告</a></div>
<div class="position">当前位置：首页 &gt; 工作动态</div>
<div class="article"><h1>{title}</h1>
<div class="info">发布时间：{published}　来源：{site}　浏览次数：{views}</div>
<div class="content">
{paragraphs}
</div></div>
<div class="footer">版权所有：{site}　ICP备案号</div>
</body></html>
"""


@dataclass
class Place:
    province: str
    province_full: str
    cities: list[tuple[str, str]]  # (short, full)


def load_places() -> list[Place]:
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp

        tree = jionlp.china_location_loader(detail=False)
    places = []
    for full, prov in sorted(tree.items()):
        alias = prov.get("_alias")
        short = alias[0] if isinstance(alias, list) else alias
        if short in ("香港", "澳门", "台湾"):
            continue
        cities = []
        for city_full, city in sorted(prov.items()):
            if city_full.startswith("_") or not isinstance(city, dict) or "直辖" in city_full or city_full == full:
                continue
            city_alias = city.get("_alias")
            cities.append(((city_alias[0] if isinstance(city_alias, list) else city_alias) or city_full, city_full))
        places.append(Place(short, full, cities))
    return places


def source_paragraphs() -> list[str]:
    paragraphs: list[str] = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        for article in process_file(path, Settings()).articles:
            if article.traditional:
                continue
            paragraphs += [p for p in article.paragraphs if len(p) >= 60 and p[-1] in "。！？”"]
    return paragraphs


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def make_article(i: int, rng: random.Random, places: list[Place], paragraphs: list[str],
                 topics: dict[str, tuple[str, ...]]) -> dict[str, object]:
    doctype = rng.choices([d for d, _ in DOCTYPES], weights=[w for _, w in DOCTYPES])[0]
    place = places[i % len(places)] if rng.random() < 0.9 else rng.choice(places)
    national = rng.random() < 0.06
    city = rng.choice(place.cities) if place.cities and rng.random() < 0.45 else None
    org = "中华全国总工会" if national else (f"{city[1]}总工会" if city else f"{place.province_full}总工会")
    year = YEARS[(i * 7 + rng.randrange(30)) % len(YEARS)]
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    chosen = rng.sample(sorted(topics), k=rng.choice((1, 1, 2, 3)))
    topic_words = [w for t in chosen for w in topics[t][:6]]
    focus = rng.choice(topic_words)
    title_core = f"{rng.choice(VERBS)}{focus}工作"
    header: list[str] = []
    closing: list[str] = []
    number = None
    if doctype in ("通知", "意见", "办法", "决定"):
        prefix = "总工" if national else ABBREVIATIONS[place.province] + "工"
        number = f"{prefix}发〔{year}〕{rng.randint(1, 120)}号"
        word = {"通知": "的通知", "意见": "的意见", "办法": "管理办法", "决定": "的决定"}[doctype]
        title = f"{org}关于{title_core}{word}"
        header = [number, title, "各有关单位："]
        closing = [org, f"{year}年{month}月{day}日"]
    elif doctype == "讲话":
        title = f"{rng.choice(VERBS)} {rng.choice(GOALS)}"
        speaker = person(rng)
        meeting = ("全国" if national else place.province_full) + f"工会{focus}工作会议"
        header = [title, f"——在{meeting}上的讲话", f"{org}主席 {speaker}", f"（{year}年{month}月{day}日）", "同志们："]
    elif doctype in ("调研报告", "报告"):
        title = f"关于{place.province_full}{focus}情况的调研报告" if doctype == "调研报告" else f"{org}{year}年工作报告"
        header = [title, f"{org}研究室", f"（{year}年{month}月）"]
    elif doctype == "论文":
        title = f"论新时期{focus}工作的创新"
        header = [title, f"{org} {person(rng)}", f"摘要：本文结合{focus}工作实际，提出了改进思路。"]
        closing = ["参考文献：", f"[1] 中华全国总工会. 工会工作文件选编[M]. 北京: 中国工人出版社, {year - 1}."]
    elif doctype == "纪实":
        title = f"{rng.choice(VERBS)} {rng.choice(GOALS)}"
        header = [title, f"——{org}推进{focus}工作纪实", f"（{year}年{month}月{day}日）"]
    elif doctype == "经验材料":
        title = f"{rng.choice(VERBS)}{focus} {rng.choice(GOALS)}"
        header = [title, org, f"（{year}年{month}月）"]
    else:
        title = f"{focus}工作情况简介"
        header = [title, f"（{year}年{month}月{day}日）"]
    target = int(2000 * 10 ** rng.uniform(0, 1))  # 2-20 KB, log-uniform
    body: list[str] = []
    size = sum(len(x.encode()) for x in header + closing)
    # paragraphs drawn without repeats, as a real text has none (the cleaner would cut them)
    for paragraph in rng.sample(paragraphs, len(paragraphs)):
        if size >= target:
            break
        if rng.random() < 0.35:
            cut = rng.randrange(10, max(11, len(paragraph) - 10))
            paragraph = paragraph[:cut] + rng.choice(topic_words) + paragraph[cut:]
        body.append(paragraph)
        size += len(paragraph.encode())
    return {
        "title": title, "doctype": doctype, "year": year, "province": "全国" if national else place.province,
        "city": None if national or not city else city[0], "doc_number": number, "topics": chosen,
        "lines": header + body + closing,
    }


def write_article(out: Path, i: int, article: dict[str, object], rng: random.Random) -> Path:
    folder = out / str(article["province"])
    folder.mkdir(parents=True, exist_ok=True)
    lines: list[str] = article["lines"]  # type: ignore[assignment]
    kind = rng.random()
    if kind < 0.10:
        path = folder / f"{i:06d}.html"
        paragraphs = "\n".join(f"<p>{line}</p>" for line in lines[1:] if line != article["title"])
        published = f"{article['year']}-12-31 10:00"
        path.write_text(HTML_PAGE.format(title=article["title"], site="工会网", published=published,
                                         views=rng.randint(10, 9999), paragraphs=paragraphs), encoding="utf-8")
    elif kind < 0.15:
        import docx

        path = folder / f"{i:06d}.docx"
        document = docx.Document()
        for line in lines:
            document.add_paragraph(line)
        document.save(str(path))
    elif kind < 0.20:
        path = folder / f"{i:06d}.txt"
        path.write_bytes("\n\n".join(lines).encode("gb18030"))
    else:
        path = folder / f"{i:06d}.txt"
        path.write_text("\n\n".join(lines), encoding="utf-8")
    return path


def make_corpus(out: Path, count: int, seed: int = 7) -> Path:
    """Write the corpus (idempotent: a finished corpus of the same size and seed is reused)."""
    stamp = out / ".complete"
    if stamp.exists() and stamp.read_text() == f"{count} {seed}":
        return out
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    places = load_places()
    paragraphs = source_paragraphs()
    topics = load_taxonomy(Settings().taxonomy_path).topics
    with open(out / "manifest.jsonl", "w", encoding="utf-8") as manifest:
        for i in range(count):
            article = make_article(i, rng, places, paragraphs, topics)
            path = write_article(out, i, article, rng)
            record = {k: v for k, v in article.items() if k != "lines"}
            manifest.write(json.dumps({"path": str(path.relative_to(out)), **record}, ensure_ascii=False) + "\n")
    stamp.write_text(f"{count} {seed}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    make_corpus(args.out, args.count, args.seed)
    total = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file() and not p.name.startswith("."))
    print(f"{args.count} articles, {total / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
