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


_MARKER = re.compile(r"\[(\d+)\]")
_CLAIM_WORD = re.compile(r"[^\W\d_]{2,}")
CLAIM_SHARE = 0.6  # of a claim's words that its cited passage must hold


def claims_of(answer: str) -> dict[int, list[str]]:
    """The answer's text before each citation marker ("… 88% hộ gia đình … [1]"), by marker number: what each
    citation is put forward for (back to the previous marker or the line's start)."""
    out: dict[int, list[str]] = {}
    for line in answer.splitlines():
        pos = 0
        for m in _MARKER.finditer(line):
            claim = line[pos : m.start()].strip(" -+•;:,.")
            if claim:
                out.setdefault(int(m.group(1)), []).append(claim)
            pos = m.end()
    return out


_QUOTED = re.compile(r"«([^»]{3,})»")


def claim_supported(claim: str, passage: str) -> bool:
    """Whether the cited passage says the claim: most of the claim's words are the passage's (an extractive
    answer quotes it; a frame such as "Chỉ tiêu đến năm 2030 trong kế hoạch của …" adds a few words of its own),
    or, for a claim framed by a label ("người ký: …", "câu gần nhất: …") or quoting the text («Số: /KH-UBND»), what
    comes after its last colon or every piece it quotes."""
    text = norm_evidence(passage)
    have = set(_CLAIM_WORD.findall(text))

    def mostly_there(piece: str) -> bool:
        words = _CLAIM_WORD.findall(norm_evidence(piece))
        return not words or sum(w in have for w in words) >= CLAIM_SHARE * len(words)

    quoted = _QUOTED.findall(claim)
    if quoted and all(norm_evidence(q) in text for q in quoted):
        return True
    return mostly_there(claim) or ":" in claim and mostly_there(claim.rsplit(":", 1)[1])


def citations_faithful(answer: str, passages: dict[int, str]) -> dict[int, bool]:
    """Per cited passage number: whether the passage says most of the claims put forward with its marker
    (a marker pointing at the wrong passage, or a claim the passage does not hold, fails)."""
    claims = claims_of(answer)
    out = {}
    for n, text in passages.items():
        said = [claim_supported(c, text) for c in claims.get(n, [])]
        out[n] = sum(said) * 2 >= len(said) if said else True
    return out


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
