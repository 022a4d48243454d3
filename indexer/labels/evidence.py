"""What the readers saw: evidence for a label, with where it was read and how strong it is; the
resolver keeps the strongest evidence of each label (the first of equals), and the rest for
`gonghui inspect`, so a curator sees why a label won."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# How strong a kind of evidence is (the higher wins). Named after what was read.
SITE_TABLE = 100  # the disclosure table or <meta> tags of the page the document was published on
CAPTION = 95  # a law's 题注 under its title
SIGNATURE = 90  # the 落款 of a 公文: issuing body and 成文日期
HEADER = 85  # the lines around the title: document number, date line, speaker line, red head
TITLE = 80  # the title line itself
FRONT_MATTER = 88  # a Markdown file's front matter (its author's title; its date is weaker: DATED_PAGE)
DATED_PAGE = 70  # the date a page or file gives itself (front matter), below what the document prints
TITLE_WORDS = 60  # what the title's words say: 某某关于…, …的通知
BOOK = 55  # the table of contents of the compiled book it came from
BODY = 40  # the text: its opening words, the date at its end
CONTEXT = 30  # the book section, the meeting collection it sits in
FALLBACK = 15  # the page's title tag, the file name, the document number's abbreviation
INFERRED = 10  # what the text speaks of (十七大 -> 2007)

@dataclass(frozen=True)
class Evidence:
    field: str
    value: Any
    source: str  # what was read, in the curator's words: 题注“2021年12月24日…修正”
    strength: int


def resolve(evidence: Iterable[Evidence]) -> dict[str, Evidence]:
    """The strongest evidence of each field (of equals, the one given first)."""
    best: dict[str, Evidence] = {}
    for item in evidence:
        if item.value in (None, "", ()):
            continue
        current = best.get(item.field)
        if current is None or item.strength > current.strength:
            best[item.field] = item
    return best
