"""A statement the asker wants checked ("Kim Động đặt 98% dân số có BHYT, có chính xác không?"): the figures said,
compared with those of the answer, and said right or wrong before it."""

from __future__ import annotations

import re

from assistant.query import QueryAnalysis

# A figure, not a year ("98", "2,1", "70 - 80" counts each end).
_FIGURE = re.compile(r"(?<![\d-])(?!(?:19|20)\d\d(?!\d))\d+(?:[.,]\d+)?")


def with_verdict(text: str, qa: QueryAnalysis) -> str:
    """``text`` opened with "Đúng." when it holds every figure the asker stated, "Không đúng như vậy." when it holds
    none of them; unchanged when nothing was stated, or only some of it is found."""
    if not qa.checks_claim or qa.wants_comparison or text.startswith(("Đúng", "Không")):
        return text
    said = set(_FIGURE.findall(qa.text))
    if not said:
        return text
    found = said & set(_FIGURE.findall(text))
    if found == said:
        return f"Đúng. Kế hoạch ghi: {text}"
    if not found:
        return f"Không đúng như vậy. Kế hoạch ghi: {text}"
    return text
