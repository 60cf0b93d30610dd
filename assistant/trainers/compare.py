"""Cross-district comparison of 2030 targets: one row per indicator (and scope), one cell per district.

``compare("bảo hiểm y tế", targets, districts)`` finds the normalised indicators the query names
(matching its syllables and syllable pairs against indicator names and the plans' own wording) and
lays out every district's targets for them; a district that states none gets "không nêu", with the
closest related indicator it does state (Phụng Hiệp's "tỷ lệ lao động chưa có việc làm ổn định" for
"tỷ lệ thất nghiệp").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.plan.extract import RELATED, Target
from assistant.text import fold

NOT_STATED = "không nêu"

# Words of a comparison request that do not name an indicator (folded, longest first).
_GENERIC = sorted(
    [
        "so sanh", "chi tieu", "muc tieu", "giua", "cac huyen", "huyen nao", "nhung huyen", "huyen", "dat ra",
        "dat", "den nam 2030", "nam 2030", "den 2030", "2030", "cao nhat", "thap nhat", "lon nhat", "nho nhat",
        "nhieu nhat", "it nhat", "bao nhieu", "moi noi", "muc", "khac nhau the nao", "khac nhau", "the nao",
        "nhu the nao", "chenh nhau", "chenh lech", "ra sao", "cua", "va", "o", "la", "ve", "cho", "ke hoach",
        "cac", "nhung", "nao", "co", "mot", "deu", "gi", "hay", "cho biet", "phan dau", "dat muc", "nhu nhau",
        "khac", "noi", "bon", "ba", "hai", "tinh", "moi", "tung", "dat chi tieu", "the", "nhat", "so voi",
        "voi", "hon", "cao hon", "thap hon", "theo", "trong", "duoc", "khi", "ra",
        # "So 4 huyện thì …": comparing, and how many plans, name no indicator.
        "so", "thi", "2 huyen", "3 huyen", "4 huyen", "2 ke hoach", "3 ke hoach", "4 ke hoach", "4 kh",
    ],
    key=len,
    reverse=True,
)
# Removed one phrase at a time, longest first: one alternation would let "dat muc" eat the "muc" of
# "muc tieu" in "đặt mục tiêu".
_GENERIC_RES = [re.compile(r"(?<!\w)" + re.escape(g) + r"(?!\w)") for g in _GENERIC]
_SCOPE_WORDS = {"thanh thi": "thành thị", "do thi": "thành thị", "nong thon": "nông thôn"}
# Words of indicator names that say how it is counted, not what ("số … trên 10.000 dân", "tỷ lệ").
_NAME_FILLER = frozenset("so ty ti le tren 10.000 dan nguoi cua cac duoc".split())
# The overall figure asked beside a scoped one ("cả tỷ lệ chung lẫn …", "toàn huyện và thành thị").
_BOTH_SCOPES = re.compile(r"(?<!\w)(ty le chung|ti le chung|chung (lan|va|cung nhu)|toan huyen (va|lan|cung nhu))(?!\w)")


@dataclass
class Cell:
    district: str
    targets: list[Target] = field(default_factory=list)
    related: list[Target] = field(default_factory=list)  # shown when ``targets`` is empty
    scope: str = "toàn huyện"  # the row's scope; a whole-district 100% may state it

    def shown(self, t: Target) -> str:
        """A target's figure as written, marked when it is the whole district's standing for the row's scope."""
        return t.display if t.scope == self.scope else f"{t.display} (toàn huyện)"

    @property
    def stated(self) -> bool:
        return bool(self.targets)

    @property
    def display(self) -> str:
        if self.targets:
            return " và ".join(self.shown(t) for t in self.targets)
        if self.related:
            rel = "; ".join(f"{t.indicator} {t.display}" for t in self.related)
            return f"{NOT_STATED} (kế hoạch nêu {rel})"
        return NOT_STATED


@dataclass
class Row:
    indicator: str
    scope: str
    score: float
    cells: list[Cell]

    @property
    def label(self) -> str:
        name = self.indicator[:1].upper() + self.indicator[1:]
        return name if self.scope == "toàn huyện" else f"{name} (khu vực {self.scope})"

    def to_dict(self) -> dict[str, object]:
        return {
            "indicator": self.indicator, "scope": self.scope, "label": self.label, "score": round(self.score, 3),
            "cells": [
                {"district": c.district, "stated": c.stated, "display": c.display,
                 "targets": [t.to_dict() for t in c.targets], "related": [t.to_dict() for t in c.related]}
                for c in self.cells
            ],
        }


@dataclass
class Comparison:
    query: str
    districts: list[str]
    rows: list[Row]
    superlative: str | None = None  # "max" | "min" when the query asks "cao nhất" / "thấp nhất"

    def to_dict(self) -> dict[str, object]:
        return {"query": self.query, "districts": self.districts, "superlative": self.superlative,
                "rows": [r.to_dict() for r in self.rows]}


def query_terms(query: str, districts: list[str] | None = None) -> tuple[list[str], str | None]:
    """(indicator syllables of a query, scope it names or None)."""
    f = fold(query)
    for d in districts or []:
        f = re.sub(r"(?<!\w)" + re.escape(fold(d)) + r"(?!\w)", " ", f)
    scope = None
    for word, name in _SCOPE_WORDS.items():
        if re.search(r"(?<!\w)" + word + r"(?!\w)", f):
            scope = name
            f = re.sub(r"(?<!\w)(?:khu vuc |o |tai )?" + word + r"(?!\w)", " ", f)
    if scope is not None and _BOTH_SCOPES.search(f):
        scope = None  # "xét cả tỷ lệ chung lẫn khu vực đô thị": the overall row and the scoped one
    f = re.sub(r"(?<!\d)\.|\.(?!\d)|[^\w%.]+", " ", f)  # keep "10.000", drop other punctuation
    for pattern in _GENERIC_RES:
        f = pattern.sub(" ", f)
    return f.split(), scope


def superlative_of(query: str) -> str | None:
    f = fold(query)
    # ("huyện nào … cao hơn": of two plans, the higher is the highest.)
    if re.search(r"(?<!\w)(?:cao|lon|nhieu) (?:nhat|hon)(?!\w)", f):
        return "max"
    if re.search(r"(?<!\w)(?:thap|nho|it) (?:nhat|hon)(?!\w)", f):
        return "min"
    return None


def _coverage(terms: list[str], text: str) -> float:
    words = fold(text).replace(",", " ").split()
    uni = set(words)
    bi = set(zip(words, words[1:], strict=False))
    q_bi = list(zip(terms, terms[1:], strict=False))
    u = sum(t in uni for t in terms) / len(terms)
    if not q_bi:
        return u
    return (u + sum(b in bi for b in q_bi) / len(q_bi)) / 2


def match_indicators(query: str, targets: list[Target], districts: list[str] | None = None,
                     min_score: float = 0.5) -> list[tuple[str, str, float]]:
    """(indicator, scope, score) groups the query names, best first."""
    terms, scope = query_terms(query, districts)
    if not terms:
        return []
    groups: dict[tuple[str, str], list[Target]] = {}
    for t in targets:
        groups.setdefault((t.indicator, t.scope), []).append(t)
    asked = set(terms)

    def named_whole(name: str) -> bool:
        # "… bác sĩ …? Cho biết luôn chỉ tiêu giường bệnh": a second indicator whose own words are all asked.
        own = [w for w in fold(name).replace(",", " ").split() if w not in _NAME_FILLER]
        return len(own) >= 2 and set(own) <= asked

    scored = []
    for (name, sc), ts in groups.items():
        if scope is not None and sc != scope:
            continue
        s = max(_coverage(terms, text) for text in [name, *(t.phrase for t in ts)])
        if s >= min_score:
            scored.append((name, sc, s))
    if not scored:
        return []
    best = max(s for _, _, s in scored)

    keep = [g for g in scored if g[2] >= best - 0.05 or named_whole(g[0])]
    order = {"toàn huyện": 0, "thành thị": 1, "nông thôn": 2}
    return sorted(keep, key=lambda g: (-g[2], len(g[0]), order.get(g[1], 3)))


def _whole(t: Target) -> bool:
    """A target of every one counted ("100%", not "dưới 100%")."""
    return t.unit == "%" and t.value == 100 and t.value_max is None and "dưới" not in t.comparator


def compare(query: str, targets: list[Target], districts: list[str], *, all_scopes: bool = True,
            max_rows: int = 12) -> Comparison:
    """The comparison table for the indicators a query names, over ``districts`` (in that order).

    ``all_scopes=False`` keeps only the overall ("toàn huyện") row of an indicator the query names
    without a scope (the chat's short answer); the CLI and pages show every scope.
    """
    topic = _topic_query(query)
    if topic is not None:
        groups = _topic_groups(topic, targets)
    else:
        groups = match_indicators(query, targets, districts)
    _, scope = query_terms(query, districts)
    if not all_scopes and scope is None:
        groups = [g for g in groups if g[1] == "toàn huyện" or not _total_covers(g[0], g[1], targets)]
    rows = []
    for name, sc, score in groups[:max_rows]:
        cells = []
        for d in districts:
            mine = [t for t in targets if t.district == d]
            stated = [t for t in mine if t.indicator == name and t.scope == sc]
            if not stated and sc != "toàn huyện":
                # "100% số hộ gia đình được sử dụng nước sạch" holds every household, the countryside's too: a
                # whole-district 100% states the scoped figure (a lower one does not: the scopes may differ).
                stated = [t for t in mine if t.indicator == name and t.scope == "toàn huyện" and _whole(t)]
            related = [] if stated else [t for t in mine if RELATED.get(t.indicator) == name and t.scope == sc]
            cells.append(Cell(d, stated, related, sc))
        rows.append(Row(name, sc, score, cells))
    return Comparison(query, list(districts), rows, superlative_of(query))


def _total_covers(name: str, scope: str, targets: list[Target]) -> bool:
    """True when every district stating ``name`` for ``scope`` also states its overall value, so the
    short answer can leave the scoped row out (Kim Động's urban unemployment beside its overall rate),
    but not when a plan only states urban/rural values (Kon Rẫy's clean water)."""
    scoped = {t.district for t in targets if t.indicator == name and t.scope == scope}
    total = {t.district for t in targets if t.indicator == name and t.scope == "toàn huyện"}
    return bool(total) and scoped <= total


def _topic_query(query: str) -> str | None:
    """The topic a query names on its own ("giáo dục", "y tế"), or None."""
    from assistant.plan.topics import TOPICS

    terms = " ".join(query_terms(query)[0])
    for t in TOPICS:
        if terms and (terms == fold(t.key).replace("–", "").replace("  ", " ").strip() or terms in t.aliases):
            return t.key
    return None


def _topic_groups(topic: str, targets: list[Target]) -> list[tuple[str, str, float]]:
    """Every indicator group of a topic, in the order the plans list them."""
    seen: dict[tuple[str, str], None] = {}
    for t in sorted(targets, key=lambda t: (t.doc_id != targets[0].doc_id, t.value_start)):
        if topic in t.topics:
            seen.setdefault((t.indicator, t.scope), None)
    return [(n, s, 1.0) for n, s in seen]


def rank_value(t: Target) -> float:
    """The number a superlative compares: the upper end of a range, else the value."""
    return t.value_max if t.value_max is not None else t.value


def extremes(row: Row, kind: str) -> list[Cell]:
    """Cells holding the highest ("max") or lowest ("min") stated value of a row (ties kept)."""
    stated = [c for c in row.cells if c.targets]
    if not stated:
        return []
    pick = max if kind == "max" else min

    def key(c: Cell) -> float:
        return pick(rank_value(t) for t in c.targets)

    best = pick(key(c) for c in stated)
    return [c for c in stated if abs(key(c) - best) < 1e-9]
