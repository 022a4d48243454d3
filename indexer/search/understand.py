"""What people type, understood before it is searched (engine-neutral): years and ranges (2010,
2010年, 2008-2012), provinces and cities, types of document, levels of force and known issuing
bodies typed among the words become filters the page offers to apply (or applies, when the words
alone find nothing); synonyms and abbreviations from the editable indexer/data/synonyms.toml
widen a word (全总 also finds 中华全国总工会)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..gazetteer import NATIONAL, Gazetteer
from ..labels.vocab import load_vocab
from ..settings import DATA_DIR

SYNONYMS_PATH = DATA_DIR / "synonyms.toml"
_YEAR = re.compile(r"^(?P<y>(?:19|20)\d{2})年?$")
_RANGE = re.compile(r"^(?P<a>(?:19|20)\d{2})年?\s*[-—–~～至到]\s*(?P<b>(?:19|20)\d{2})年?$")
# what stays a word: quotes, exclusions, field prefixes, OR
_SPECIAL = re.compile(r"[\"“”「」『』＂:：]|^-|^(?:OR|或|\|)$")
_TOKEN = re.compile(r'[^\s"“]*(?:"[^"]*"?|“[^”]*”?)|[^\s"“]+')
_ORG_WORD = re.compile(r"(?:总工会|工会|市委|省委|县委|区委|党委|人民政府|政府|办公厅|委员会|部|厅|局|委|人大常委会|人大)$")


@dataclass
class Filters:
    """Filters recognised in the words typed, with the tokens they came from."""

    years: list[int] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    provinces: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    doctypes: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)  # the typed tokens that gave them

    def __bool__(self) -> bool:
        return bool(self.tokens)

    def labels(self) -> list[str]:
        """What they are, in the words a person reads: 江苏、2010年、意见."""
        shown = [*self.provinces, *self.cities, *(f"{y}年" for y in self.years)]
        if self.year_from or self.year_to:
            shown.append(f"{self.year_from or ''}—{self.year_to or ''}年")
        return shown + self.doctypes + self.levels + self.issuers


@dataclass
class Understanding:
    query: str  # as typed
    words: str  # the query without the tokens recognised as filters
    filters: Filters
    synonyms: dict[str, tuple[str, ...]]  # a word typed -> the words it also finds


@dataclass(frozen=True)
class Synonyms:
    groups: tuple[tuple[str, ...], ...]

    def of(self, word: str) -> tuple[str, ...]:
        for group in self.groups:
            if word in group:
                return tuple(w for w in group if w != word)
        return ()


@lru_cache(maxsize=4)
def load_synonyms(path: Path = SYNONYMS_PATH) -> Synonyms:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return Synonyms(())
    groups = tuple(tuple(str(w) for w in group if str(w).strip()) for group in data.get("groups", [])
                   if isinstance(group, list))
    return Synonyms(tuple(g for g in groups if len(g) >= 2))


def tokens_of(query: str) -> list[str]:
    """The space-separated parts of a query, a quote (with what is glued before it: -"…",
    标题:"…") one part however many spaces it holds."""
    return _TOKEN.findall(query)


def understand(query: str, gazetteer: Gazetteer, issuers: Iterable[str] = (), synonyms: Synonyms | None = None
               ) -> Understanding:
    """The filters and synonyms in a query. `issuers`: the issuing bodies the library knows (a
    token that is part of one of their names, and names a body, is a filter on them)."""
    vocab = load_vocab()
    filters = Filters()
    kept: list[str] = []
    known_issuers = list(issuers)
    for token in tokens_of(query):
        if _SPECIAL.search(token) or not _recognise(token, filters, gazetteer, vocab.doctypes, vocab.levels,
                                                     known_issuers):
            kept.append(token)
        else:
            filters.tokens.append(token)
    words = " ".join(kept)
    table = synonyms or load_synonyms()
    found = {}
    for token in kept:
        word = token[1:] if token.startswith("-") else token  # an exclusion excludes the synonyms too
        others = table.of(word) if word and not _SPECIAL.search(word) else ()
        if others:
            found[token] = others
    return Understanding(query, words, filters, found)


def _recognise(token: str, filters: Filters, gazetteer: Gazetteer, doctypes: Iterable[str], levels: Iterable[str],
               issuers: list[str]) -> bool:
    year = _YEAR.match(token)
    if year:
        filters.years.append(int(year["y"]))
        return True
    span = _RANGE.match(token)
    if span:
        low, high = sorted((int(span["a"]), int(span["b"])))
        filters.year_from, filters.year_to = low, high
        return True
    if token == NATIONAL:
        filters.provinces.append(NATIONAL)
        return True
    province = gazetteer.province_of(token)
    if province:
        filters.provinces.append(province)
        return True
    city = gazetteer.city_of(token)
    if city:
        filters.cities.append(city)
        return True
    if token in doctypes:
        filters.doctypes.append(token)
        return True
    if token in levels:
        filters.levels.append(token)
        return True
    if len(token) >= 3 and _ORG_WORD.search(token):
        named = [name for name in issuers if token in name]
        if named:
            filters.issuers.extend(named)
            return True
    return False
