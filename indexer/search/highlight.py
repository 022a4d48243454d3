"""Highlighting in the original text: the characters that match are marked where they stand, so a
traditional text stays traditional and a quote is marked character for character."""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..segment import search_form


@dataclass(frozen=True)
class Fragment:
    text: str
    mark: bool = False


def find_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the terms occur in `text` (compared in search form; a term not found as it is, say a
    quote typed without the spaces of a title, is looked for with white space ignored)."""
    form = search_form(text)
    wanted = ["".join(search_form(t).split()) for t in terms]
    wanted = [t for t in wanted if t]
    if any(len(t) > 1 for t in wanted):
        wanted = [t for t in wanted if len(t) > 1]  # single characters would mark half the text
    spans: list[tuple[int, int]] = []
    missing = []
    for term in wanted:
        start = form.find(term)
        if start < 0:
            missing.append(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = form.find(term, start + len(term))
    if missing and any(ch.isspace() for ch in form):
        keep = [i for i, ch in enumerate(form) if not ch.isspace()]
        compact = "".join(form[i] for i in keep)
        for term in missing:
            start = compact.find(term)
            while start >= 0:
                spans.append((keep[start], keep[start + len(term) - 1] + 1))
                start = compact.find(term, start + len(term))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(text: str, spans: list[tuple[int, int]], offset: int = 0) -> list[Fragment]:
    out: list[Fragment] = []
    pos = offset
    end_of_text = offset + len(text)
    for start, end in spans:
        start, end = max(start, offset), min(end, end_of_text)
        if end <= start:
            continue
        if start > pos:
            out.append(Fragment(text[pos - offset:start - offset]))
        out.append(Fragment(text[start - offset:end - offset], True))
        pos = end
    if pos < end_of_text:
        out.append(Fragment(text[pos - offset:]))
    return out


def highlight(text: str, terms: list[str]) -> list[Fragment]:
    return mark(text, find_spans(text, terms)) if terms else [Fragment(text)]


def snippet(text: str, terms: list[str], width: int = 140) -> list[Fragment]:
    """A window of the text where the terms are densest: most distinct terms, then most matches
    (one pass over the matches with a sliding window: linear in the length of the text)."""
    flat = " ".join(text.split())
    spans = find_spans(flat, terms) if terms else []
    if not spans:
        cut = flat[:width]
        return [Fragment(cut + ("…" if len(flat) > width else ""))]
    lo = densest_window(flat, spans, width)
    hi = min(len(flat), lo + width)
    lo = max(0, min(lo, hi - width))
    fragments = mark(flat[lo:hi], [s for s in spans if s[1] > lo and s[0] < hi], offset=lo)
    if lo > 0:
        fragments.insert(0, Fragment("…"))
    if hi < len(flat):
        fragments.append(Fragment("…"))
    return fragments


def densest_window(flat: str, spans: list[tuple[int, int]], width: int) -> int:
    """Where a window of `width` characters should start: for each match, the window starting a
    third of the width before it, scored by its distinct terms (x10) and its matches."""
    starts = [max(0, start - width // 3) for start, _ in spans]
    words = [flat[s:e].lower() for s, e in spans]
    inside: dict[str, int] = {}  # the matches in the window, by term
    best, best_score = starts[0], -1
    right = 0  # the first match not yet in the window
    left = 0  # the first match in the window
    for lo in starts:  # (non-decreasing, as the spans are sorted)
        while right < len(spans) and spans[right][1] <= lo + width:
            inside[words[right]] = inside.get(words[right], 0) + 1
            right += 1
        while left < right and spans[left][0] < lo:
            inside[words[left]] -= 1
            if not inside[words[left]]:
                del inside[words[left]]
            left += 1
        score = len(inside) * 10 + (right - left)
        if score > best_score:
            best, best_score = lo, score
    return best


def to_html(fragments: list[Fragment]) -> str:
    """Fragments as HTML: everything escaped, matches in <mark>."""
    return "".join(f"<mark>{html.escape(f.text)}</mark>" if f.mark else html.escape(f.text) for f in fragments)
