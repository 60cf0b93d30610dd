"""A statement the asker wants checked ("Kim Động đặt 98% dân số có BHYT, có chính xác không?"): the figures said,
compared with those of the answer, and said right or wrong before it; a lead guessed ("phần trợ giúp xã hội có phải
BHXH huyện chủ trì không?") checked against who the plan names."""

from __future__ import annotations

import re

from assistant.lexicon import expand_abbreviations, expand_body_names
from assistant.query import QueryAnalysis
from assistant.text import find_names, fold

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


# "Phòng Giáo dục Kon Rẫy có chủ trì mảng nguồn nhân lực không, hay chỉ phối hợp?": the body first, the task after.
_BODY_LEADS_GUESS = re.compile(
    r"^(?P<body>(?:phong|uy ban|ubnd|ban|hoi|mat tran|mttq|trung tam|bao hiem|bhxh|van phong|cong an|doan|lien doan)"
    r"(?!\w)[^?,;]{0,50}?)\s+co\s+(?:phai\s+(?:la\s+)?)?(?:(?:nguoi|don vi|co quan)\s+)?(?P<verb>chu tri|phu trach|dam nhiem)"
    r"\s+(?P<task>[^?]{3,120}?)\s*,?\s+(?:khong|ko|k)(?:\s*,?\s*hay\s+(?:chi\s+)?(?:la\s+)?phoi hop(?:\s+thoi)?)?\s*\??\s*$"
)


def lead_guess(question: str, districts: list[str] | None = None) -> tuple[str, str] | None:
    """For a lead guessed in a question, (the question asked plainly, the body guessed, folded); else None.
    ``districts``: names a body may carry ("Phòng Giáo dục Kon Rẫy"), kept with the plain question."""
    folded = fold(question)
    first = _BODY_LEADS_GUESS.match(folded)
    if first is not None:
        body = first.group("body")
        places = find_names(question[: first.end("body")], districts or [])
        for place in places:
            body = re.sub(rf"\s*(?:o |tai |huyen )?{re.escape(fold(place))}(?!\w)", "", body)
        task = question[first.start("task"):first.end("task")]
        verb = question[first.start("verb"):first.end("verb")]
        where = f" ({', '.join(places)})" if places else ""
        return f"{task[:1].upper()}{task[1:]} do ai {verb}?{where}", body.strip()
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
