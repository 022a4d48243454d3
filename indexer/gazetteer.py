"""Provinces, prefecture-level cities and counties of China, from jionlp's administrative-division
data (GB/T 2260 codes, with aliases and recent renames), and the national bodies that label an
article 全国. Used only on the strings that say who issued or spoke, never on body text."""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

NATIONAL = "全国"
_MUNICIPALITIES = {"北京", "天津", "上海", "重庆"}
_NOT_PROVINCES = {"香港", "澳门", "台湾"}  # the 31 provincial units of the mainland are labelled
# A bare alias (苏州, not 苏州市) counts only before words that make it an organisation's name.
_ORG_AFTER_ALIAS = re.compile(r"^(?:总工会|工会|市委|省委|区委|县委|州委|人大|政府|政协|人民|职工|劳动|党|团|妇联|日报|地区|工人|$)")
_NOT_AFTER_ALIAS = re.compile(r"^[区县镇乡村路街]")
# National bodies: 全总 and the central party, state and legislature organs and ministries.
NATIONAL_ORG = re.compile(
    r"(?:中华全国总工会|全国总工会|全总|中国工会|中共中央|中央(?:办公厅|委员会|纪委|组织部|宣传部|文明办|政法委|军委|军事委员会)|国务院|"
    r"最高人民法院|最高人民检察院|中国人民银行|人民银行|国家主席|中华人民共和国主席|"
    r"(?:科技|人社|工信|国资|发改|住建|交通|农业|卫健|应急|商务|审计|统计|税务|海关|市场监管)(?:部|委|总局|署)|"
    r"全国人大|全国人民代表大会|全国政协|国家[\u4e00-\u9fff]{1,12}?(?:委员会|局|部|署|总局)|"
    r"(?:人力资源(?:和)?社会保障|劳动(?:和社会保障)?|人事|财政|民政|教育|公安|司法|商务|应急管理|住房和城乡建设|"
    r"交通运输|农业农村|卫生健康|科学技术|工业和信息化|自然资源|生态环境|文化和旅游|审计)部|"
    r"中国[\u4e00-\u9fff]{2,10}?(?:工会|协会|联合会)|全国(?:工会|[\u4e00-\u9fff]{0,20}?(?:会议|大会|座谈会|培训班|现场会)))"
)


@dataclass(frozen=True)
class Place:
    province: str  # one of the 31 short provincial names, or 全国
    city: str | None = None  # short name of the prefecture-level city

    def __str__(self) -> str:
        return self.province + (f"/{self.city}" if self.city else "")


@dataclass(frozen=True)
class _Name:
    place: Place
    full: bool  # a full name (苏州市) rather than an alias (苏州)
    level: int  # 1 province, 2 prefecture, 3 county


class Gazetteer:
    def __init__(self, names: dict[str, _Name]):
        self._names = names
        self._max_len = max(map(len, names)) if names else 0
        self.provinces = sorted({n.place.province for n in names.values() if n.level == 1})

    @staticmethod
    def load() -> Gazetteer:
        return _load_gazetteer()

    def matches(self, text: str) -> list[tuple[int, int, _Name]]:
        """Place names in `text`, leftmost-longest, non-overlapping."""
        found: list[tuple[int, int, _Name]] = []
        i = 0
        n = len(text)
        while i < n:
            hit = None
            for length in range(min(self._max_len, n - i), 1, -1):
                entry = self._names.get(text[i:i + length])
                if entry is None:
                    continue
                rest = text[i + length:]
                if not entry.full and (_NOT_AFTER_ALIAS.match(rest) or not _ORG_AFTER_ALIAS.match(rest)):
                    continue
                hit = (i, i + length, entry)
                break
            if hit:
                found.append(hit)
                i = hit[1]
            else:
                i += 1
        return found

    def locate(self, text: str | None) -> Place | None:
        """Where an organisation or a person's title belongs: 全国 for national bodies, else the
        first province named, refined by a city of that province named after it."""
        if not text:
            return None
        national = NATIONAL_ORG.search(text)
        hits = self.matches(text)
        if national and (not hits or national.start() <= hits[0][0]):
            return Place(NATIONAL)
        if not hits:
            return None
        first = hits[0][2].place
        province, city = first.province, first.city
        for _start, _end, entry in hits[1:]:
            if entry.place.province == province and entry.place.city and not city:
                city = entry.place.city
        return Place(province, city)

    def province_of(self, name: str) -> str | None:
        """The short provincial name for a full or short province name (江苏省, 江苏)."""
        entry = self._names.get(name.strip())
        return entry.place.province if entry and entry.level == 1 else None

    def city_of(self, name: str) -> str | None:
        """The short name of a prefecture-level city for its full or short name (苏州市, 苏州)."""
        entry = self._names.get(name.strip())
        return entry.place.city if entry and entry.level == 2 and entry.place.city else None

    def is_place_start(self, text: str) -> bool:
        hits = self.matches(text[:12])
        return bool(hits and hits[0][0] == 0) or bool(NATIONAL_ORG.match(text))


@lru_cache(maxsize=1)
def _load_gazetteer() -> Gazetteer:
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        import jionlp

        tree = jionlp.china_location_loader(detail=False)
        changes = jionlp.china_location_change_loader()
    names = _Names()
    for prov_full, prov in tree.items():
        short = _alias(prov.get("_alias")) or prov_full
        if short not in _NOT_PROVINCES:
            names.add_province(prov_full, short, prov)
    names.forget_ambiguous_counties()
    names.add_renamed(changes)
    # (a city alias equal to a province's, 吉林 or 海南, keeps meaning the province: see add)
    return Gazetteer(names.names)


class _Names:
    """The names of places being gathered, each kept at its highest level (a province's name
    over a city's, a full name over an alias)."""

    def __init__(self) -> None:
        self.names: dict[str, _Name] = {}
        self.county_seen: dict[str, int] = {}

    def add(self, name: str, entry: _Name) -> None:
        if not name or len(name) < 2:
            return
        old = self.names.get(name)
        if old is None or (entry.level, not entry.full) < (old.level, not old.full):
            self.names[name] = entry

    def add_province(self, full: str, short: str, cities: dict[str, object]) -> None:
        province = Place(short)
        self.add(full, _Name(province, True, 1))
        self.add(short, _Name(province, False, 1))
        for city_full, city in cities.items():
            if city_full.startswith("_") or not isinstance(city, dict):
                continue
            if short in _MUNICIPALITIES or city_full in ("省直辖行政区划", "自治区直辖县级行政区划"):
                counties_parent = province
            else:
                city_short = _alias(city.get("_alias")) or city_full
                counties_parent = Place(short, city_short)
                self.add(city_full, _Name(counties_parent, True, 2))
                self.add(city_short, _Name(counties_parent, False, 2))
            for county_full in city:
                if county_full.startswith("_") or len(county_full) <= 2:
                    continue
                self.county_seen[county_full] = self.county_seen.get(county_full, 0) + 1
                self.add(county_full, _Name(counties_parent, True, 3))

    def forget_ambiguous_counties(self) -> None:
        """County names found in more than one place say nothing."""
        for county_full, seen in self.county_seen.items():
            entry = self.names.get(county_full)
            if seen > 1 and entry and entry.level == 3:
                del self.names[county_full]

    def add_renamed(self, changes: list[dict[str, object]]) -> None:
        """Renamed and merged prefectures (襄樊 -> 襄阳) keep pointing where they went."""
        for change in changes:
            old: Any = change.get("old_loc") or []
            new: Any = change.get("new_loc") or []
            if not (len(old) >= 2 and len(new) >= 2 and old[1] and new[1]):
                continue
            target = self.names.get(new[1])
            if target is None:
                continue
            full_old, short_old = old[1][0], old[1][1]
            if full_old and full_old not in self.names:
                self.add(full_old, _Name(target.place, True, 2))
            if short_old and short_old not in self.names:
                self.add(short_old, _Name(target.place, False, 2))


def _alias(value: object) -> str | None:
    if isinstance(value, list):
        return value[0] if value else None
    return value if isinstance(value, str) else None
