"""A statement the asker wants checked ("Kim Động đặt 98% dân số có BHYT, có chính xác không?"): the figures said,
compared with those of the answer, and said right or wrong before it; a lead guessed ("phần trợ giúp xã hội có phải
BHXH huyện chủ trì không?") checked against who the plan names."""

from __future__ import annotations

import re

from assistant.lexicon import expand_abbreviations, expand_body_names
from assistant.query import QueryAnalysis
from assistant.text import fold

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


# "… có phải BHXH huyện chủ trì (luôn) không?": a body guessed as the lead of what the question names.
_LEAD_GUESS = re.compile(
    r"^(?P<before>.*?)\s*(?:co phai|phai chang|co phai la|la)\s+(?:do\s+)?(?P<body>[^?,;]{3,60}?)\s+"
    r"(?P<verb>chu tri|phu trach|lo|dam nhiem|cam trich)(?:\s+(?:luon|het|ca|chinh))?\s+(?:khong|ko|k|a|ha|phai khong)\s*(?P<place>\([^()]*\))?\s*\??\s*$"
)


def lead_guess(question: str) -> tuple[str, str] | None:
    """For a lead guessed in a question, (the question asked plainly, the body guessed, folded); else None."""
    folded = fold(question)
    m = _LEAD_GUESS.match(folded)
    if m is None or len(m.group("before").split()) < 2 or "?" in m.group("before"):
        return None
    before = question[: m.end("before")].strip(" ,")
    place = f" {question[m.start('place'):m.end('place')]}" if m.group("place") else ""  # "(Kon Rẫy)" a part carries
    verb = question[m.start("verb"):m.end("verb")]
    return f"{before} do ai {verb}?{place}", m.group("body").strip()


def with_lead_verdict(text: str, body: str) -> str:
    """``text`` (who leads, as the plan says) opened with whether the body guessed is that lead."""
    guessed = expand_body_names(expand_abbreviations(body))
    guessed = re.sub(r"\s+huyen$", "", guessed)
    named = expand_body_names(expand_abbreviations(fold(text)))
    lead = re.split(r"(?<!\w)(?:chu tri|phu trach)(?!\w)", named)[0]
    if guessed and guessed in lead:
        return f"Đúng. {text}"
    return f"Không phải. {text}"
