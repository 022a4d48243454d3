"""Names of the labels as people read them (the same on the site and on the command line)."""

from __future__ import annotations

LABELS: tuple[tuple[str, str], ...] = (
    ("title", "标题"),
    ("subtitle", "副标题"),
    ("doctype", "类型"),
    ("date", "日期"),
    ("year", "年份"),
    ("province", "省份"),
    ("city", "城市"),
    ("speaker", "发言人/作者"),
    ("speaker_title", "职务"),
    ("issuer", "发文机关/单位"),
    ("doc_number", "文号"),
    ("topics", "主题"),
    ("keywords", "关键词"),
)


def format_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)
