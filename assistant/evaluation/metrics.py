"""Metric functions of the eval (pure; tested on hand-made cases)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.text import collapse_ws, nfc

_MARKUP = re.compile(r"<[^>]{1,10}>|[*#\\]+")
_SPACE_BEFORE_UNIT = re.compile(r"(\d)\s+(%|‰|m²)")
_SQUARE_METRE = re.compile(r"(?<=\d)(\s*)m(?:<sup>\s*2\s*</sup>|2|²)(?![\w²])")
_LEADING_ZERO = re.compile(r"(?<![\d.,/])0+(?=\d)")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_WORDED_DATE = re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})(?!\d)")


def norm_evidence(text: str) -> str:
    """Form in which passages and quotes are compared: NFC, markup dropped, whitespace collapsed, lower."""
    return collapse_ws(_MARKUP.sub("", nfc(text))).lower()


def _date(m: re.Match[str]) -> str:
    return f"{int(m.group(1))}/{int(m.group(2))}/{m.group(3)}"


def norm_answer(text: str) -> str:
    """Answer-matching form: like :func:`norm_evidence`, with numbers, units and dates in one form each:
    "2,1 %" = "2,1%", "05%" = "5%", "30m2" = "30 m²", "09/4/2024" = "09 tháng 4 năm 2024" = "9-4-2024"."""
    t = _SQUARE_METRE.sub("m²", nfc(text).replace("<sup>2</sup>", "²"))
    t = norm_evidence(t)
    t = _WORDED_DATE.sub(_date, _NUMERIC_DATE.sub(_date, t))
    t = _LEADING_ZERO.sub("", t)
    return _SPACE_BEFORE_UNIT.sub(r"\1\2", t)


def passage_hits(passage: str, quotes: Sequence[str]) -> bool:
    """A retrieved passage is a hit when it contains one of the evidence quotes."""
    p = norm_evidence(passage)
    return any(norm_evidence(q) in p for q in quotes if q.strip())


def hit_rank(passages: Sequence[str], quotes: Sequence[str]) -> int | None:
    """1-based rank of the first hit, or None."""
    for i, p in enumerate(passages, start=1):
        if passage_hits(p, quotes):
            return i
    return None


def answer_correct(answer: str, must_contain: Sequence[str], refused: bool, answerable: bool) -> bool:
    """Accurate: contains every must_contain string (normalised); for an unanswerable question, refuses."""
    if not answerable:
        return refused
    if refused:
        return False
    a = norm_answer(answer)
    return all(norm_answer(s) in a for s in must_contain)


def missing_strings(answer: str, must_contain: Sequence[str]) -> list[str]:
    a = norm_answer(answer)
    return [s for s in must_contain if norm_answer(s) not in a]


def citation_supported(passage: str, quotes: Sequence[str], must_contain: Sequence[str]) -> bool:
    """A cited passage is supported when it holds an evidence quote or a must_contain string."""
    p = norm_answer(passage)
    return passage_hits(passage, quotes) or any(norm_answer(s) in p for s in must_contain if s.strip())


def recall_at(ranks: Sequence[int | None], k: int) -> float:
    """Share of questions with a hit in the top k (ranks of answerable questions only)."""
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def mrr(ranks: Sequence[int | None]) -> float:
    return sum(1.0 / r for r in ranks if r) / len(ranks) if ranks else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return 0.0
    s = sorted(values)
    idx = max(0, min(len(s) - 1, int(round(q / 100 * len(s) + 0.5)) - 1))
    return float(s[idx])
