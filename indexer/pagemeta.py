"""What government and news sites print about a document beside it: the information-disclosure
table (索引号 主题分类 发文机关 成文日期 标题 发文字号 发布日期, in table cells or, in crawled
text, as `key：value` lines), and `<meta>` tags (ArticleTitle, PubDate, ContentSource). Read by
the extractor (tags and tables) and the cleaner (lines), kept under one set of names, and used by
the labeller as the site's own statement of the labels."""

from __future__ import annotations

import re

# canonical name -> the ways sites write it (spaces and full-width spaces do not count)
_KEYS: dict[str, tuple[str, ...]] = {
    "标题": ("标题", "名称", "文件名称", "文件标题", "信息名称", "articletitle"),
    "发文机关": ("发文机关", "发文单位", "制发机关", "制定机关", "发文机构", "颁布机关"),
    # the unit that put it on the site: often the issuer, sometimes only the site (a 科委 page
    # carrying the 市政府办公厅's notice), so weaker than what the document prints
    "发布机构": ("发布机构", "发布单位"),
    "成文日期": ("成文日期", "成文时间", "发文日期", "签发日期", "印发日期", "颁布日期", "颁布时间", "公布日期", "发布日期（颁布）"),
    "发文字号": ("发文字号", "文号", "发文文号", "文件编号", "发文编号", "字号"),
    "发布日期": ("发布日期", "发布时间", "公开日期", "公开时间", "生成日期", "pubdate", "publishdate"),
    "索引号": ("索引号", "索取号"),
    "主题分类": ("主题分类", "分类", "主题词", "信息分类", "组配分类", "体裁分类", "服务对象分类"),
    "公开方式": ("公开方式", "公开形式", "公开范围", "公开属性"),
    "效力级别": ("效力级别", "效力位阶", "法律效力位阶"),
    "时效性": ("时效性", "有效性", "时效状态"),
    "施行日期": ("施行日期", "实施日期", "生效日期", "执行日期"),
    "来源": ("来源", "contentsource", "信息来源"),
    # what a crawler wrote above the text it kept
    "原文链接": ("原文链接", "原文地址", "原始链接", "原文网址"),
    "采集时间": ("检索时间", "采集时间", "抓取时间", "爬取时间", "更新时间"),
    "检索关键词": ("检索关键词",),
}
ALIASES = {alias: name for name, aliases in _KEYS.items() for alias in aliases}
# 印发日期 on a disclosure table is the date the office printed it: taken for 成文日期 only when
# no 成文日期 is given (see add)
_WEAK = {"印发日期"}
_KEY_PATTERN = "|".join(sorted((r"\s*".join(map(re.escape, a)) for a in ALIASES if not a.isascii()), key=len, reverse=True))
# 发文机关：国务院办公厅 成文日期：1986年12月10日 (pairs on one line, separated by spaces or tabs)
_PAIR = re.compile(rf"(?P<key>{_KEY_PATTERN})\s*[:：]\s*(?P<value>.*?)(?=\s*(?:{_KEY_PATTERN})\s*[:：]|\s*$)")
_LINE = re.compile(rf"^\s*(?:{_KEY_PATTERN})\s*[:：]")


def canonical(key: str) -> str | None:
    """The canonical name of a label a site prints, or None."""
    return ALIASES.get(re.sub(r"[\s\u3000:：]+", "", key).lower())


def parse_meta_line(text: str) -> dict[str, str] | None:
    """The pairs of a line that is made of disclosure-table pairs only, or None."""
    if not _LINE.match(text) or len(text) > 300:
        return None
    found: dict[str, str] = {}
    consumed = 0
    matched = False
    for match in _PAIR.finditer(text):
        matched = True
        if text[consumed:match.start()].strip():
            return None  # text between pairs: a sentence that happens to start with a key
        name = canonical(match["key"])
        if name:
            add(found, name, match["value"].strip(), weak=re.sub(r"\s+", "", match["key"]) in _WEAK)
        consumed = match.end()
    if text[consumed:].strip() or not matched:
        return None
    return found  # (empty when every value is blank: 主 题 词：)


def add(metadata: dict[str, str], name: str, value: str, weak: bool = False) -> None:
    """Keep the first value given for a name (a weak one only when there is none)."""
    value = re.sub(r"\s+", " ", value).strip()
    if not value or (name in metadata and (weak or metadata.get("_weak_" + name) != "1")):
        return
    metadata[name] = value
    if weak:
        metadata["_weak_" + name] = "1"
    else:
        metadata.pop("_weak_" + name, None)


def is_table_residue(text: str, metadata: dict[str, str]) -> bool:
    """A line that is what is left of the disclosure table once its values are known: its labels
    and values without their colons (索引号113325…文号 丽政发〔2023〕30号)."""
    if not metadata or len(text) > 300 or not re.search(_KEY_PATTERN, text):
        return False
    rest = re.sub(r"\s+", "", text)
    for value in sorted(metadata.values(), key=len, reverse=True):
        if len(value) >= 2:
            rest = rest.replace(re.sub(r"\s+", "", value), "")
    rest = re.sub(_KEY_PATTERN, "", rest)
    return not re.sub(r"[:：|/\-_]", "", rest) and len(text) > len(rest) + 3


def cleaned(metadata: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in metadata.items() if not k.startswith("_weak_")}
