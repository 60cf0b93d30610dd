"""Grounding guard: decide whether an LLM answer may be shown as fact.

Run on the complete text of every LLM answer (:func:`check`):

1. parse the ``[n]`` markers (also ``[1, 2]`` and ``[1-2]`` forms, rewritten as ``[1][2]``);
2. drop markers that point at no passage (e.g. ``[9]`` with 5 passages) and record them;
3. the answer is *ungrounded* when it cites nothing (a refusal is the only uncited answer allowed),
   when a paragraph states something after its last citation or has none at all, or when it states a
   number that appears in none of the cited passages. Numbers are compared normalised:
   "2,1%", "2,1 %" and "2.1%" are the same, "05%" equals "5%", "10.000" equals "10000"
   (see :func:`number_forms`).

The decisions go to ``Generation.guard`` (and from there to ``--json``, the API and the eval).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.generation.base import REFUSAL
from assistant.retrieval import Passage
from assistant.text import fold, nfc

# [3], [1, 2], [1; 2], [1-3], [1–3]: what models write when asked for [n].
_MARKER_GROUP = re.compile(r"\[\s*(\d{1,3}(?:\s*(?:[,;]|[-–])\s*\d{1,3})*)\s*\]")
_MARKER = re.compile(r"\[(\d{1,3})\]")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
# "1. ", "2) ", "a) " at the start of a line: list enumerators, not stated numbers.
_ENUMERATOR = re.compile(r"(?m)^\s*(?:[-*•+]\s*)?\d{1,2}[.)]\s+")
_WORD = re.compile(r"[^\W\d_]+")
_MIN_CLAIM_WORDS = 4  # shorter leftovers ("Cụ thể:", "Trân trọng.") are not claims
_REFUSAL_FOLDED = fold(REFUSAL).rstrip(".")


@dataclass
class GuardResult:
    """The guard's verdict on one answer."""

    text: str  # the answer with invalid markers dropped and marker groups split
    cited: list[int]  # valid passage numbers, in order of first mention
    grounded: bool
    refused: bool
    dropped_markers: list[int] = field(default_factory=list)
    unsupported_numbers: list[str] = field(default_factory=list)
    uncited: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # Vietnamese, for the user-visible note

    def as_dict(self) -> dict[str, object]:
        return {
            "checked": True,
            "grounded": self.grounded,
            "refused": self.refused,
            "cited": self.cited,
            "dropped_markers": self.dropped_markers,
            "unsupported_numbers": self.unsupported_numbers,
            "uncited": self.uncited,
            "reasons": self.reasons,
        }


def number_forms(token: str) -> set[str]:
    """Canonical forms of a number as written in Vietnamese or English style.

    "05" → {"5"}; "2,1" and "2.1" → {"2.1"}; "10.000" → {"10000"} (a dot before three digits is a
    Vietnamese thousands separator); "1,500" → {"1500", "1.5"} (a comma before three digits is ambiguous:
    both readings are kept). Matching accepts the same figure written differently, never another figure.
    """
    groups = re.split(r"[.,]", token)
    if not all(g.isdigit() for g in groups):
        return set()
    if len(groups) == 1:
        return {str(int(groups[0]))}
    forms: set[str] = set()
    seps = re.findall(r"[.,]", token)
    if all(len(g) == 3 for g in groups[1:]) and len(set(seps)) == 1:
        forms.add(str(int("".join(groups))))  # thousands separators
        if seps[0] == "." or len(groups) > 2:
            return forms
    if len(groups) == 2:
        frac = groups[1].rstrip("0")
        forms.add(f"{int(groups[0])}.{frac}" if frac else str(int(groups[0])))  # decimal separator
    else:
        forms.add(".".join(str(int(g)) for g in groups))  # e.g. a dotted date or a section label
    return forms


def numbers_in(text: str) -> list[str]:
    """Number tokens stated in ``text`` (citation markers and list enumerators excluded)."""
    text = _MARKER_GROUP.sub(" ", text)
    text = _ENUMERATOR.sub(" ", text)
    return [m.group(0) for m in _NUMBER.finditer(text)]


def _passage_forms(p: Passage) -> set[str]:
    c = p.chunk
    forms: set[str] = set()
    for tok in numbers_in(" ".join([c.text, c.breadcrumb, " ".join(c.labels)])):
        forms |= number_forms(tok)
    return forms


def _expand_group(body: str) -> list[int]:
    nums: list[int] = []
    for part in re.split(r"\s*[,;]\s*", body):
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) == 2:
            lo, hi = int(bounds[0]), int(bounds[1])
            if 0 < hi - lo <= 10:
                nums.extend(range(lo, hi + 1))
                continue
        nums.extend(int(b) for b in bounds)
    return nums


def _normalise_markers(text: str, n_passages: int) -> tuple[str, list[int]]:
    """Split marker groups into ``[a][b]`` and drop numbers outside 1..n_passages."""
    dropped: list[int] = []

    def repl(m: re.Match[str]) -> str:
        out = []
        for n in _expand_group(m.group(1)):
            if 1 <= n <= n_passages:
                out.append(f"[{n}]")
            elif n not in dropped:
                dropped.append(n)
        return "".join(dict.fromkeys(out))

    text = _MARKER_GROUP.sub(repl, text)
    # Dropping a marker can leave "câu  ." or "câu ." behind.
    text = re.sub(r"[ \t]+([.,;:])", r"\1", re.sub(r"[ \t]{2,}", " ", text))
    return text.strip(), dropped


def _claim_words(text: str) -> int:
    return len(_WORD.findall(text))


def _uncited_parts(text: str) -> list[str]:
    """Paragraph parts that state something without a citation after it."""
    out: list[str] = []
    for para in (p.strip() for p in text.split("\n")):
        if not para or _REFUSAL_FOLDED in fold(para):
            continue
        markers = list(_MARKER.finditer(para))
        if not markers:
            # An intro line ("Các nhiệm vụ chính:") announces claims that follow; it is not one.
            if not para.rstrip().endswith(":") and _claim_words(para) >= _MIN_CLAIM_WORDS:
                out.append(para)
            continue
        tail = para[markers[-1].end():].strip(" .;,")
        if _claim_words(tail) >= _MIN_CLAIM_WORDS and not tail.endswith(":"):
            out.append(tail)
    return out


def is_refusal(text: str) -> bool:
    """Whether ``text`` says the passages lack the answer (the prompt's refusal sentence)."""
    return _REFUSAL_FOLDED in fold(text)


def check(answer: str, passages: list[Passage]) -> GuardResult:
    """Check an LLM ``answer`` against the numbered ``passages`` it was given."""
    text, dropped = _normalise_markers(nfc(answer or ""), len(passages))
    cited = list(dict.fromkeys(int(m.group(1)) for m in _MARKER.finditer(text)))
    reasons: list[str] = []
    if dropped:
        reasons_note = ", ".join(f"[{n}]" for n in dropped)
        # Not a failure by itself: the markers are removed; what remains is judged below.
        reasons.append(f"đã bỏ trích dẫn không tồn tại {reasons_note}")

    if not text:
        return GuardResult("", [], False, False, dropped, reasons=[*reasons, "câu trả lời rỗng"])
    if not cited and is_refusal(text):
        return GuardResult(REFUSAL, [], True, True, dropped, reasons=reasons)

    grounded = True
    if not cited:
        grounded = False
        reasons.append("câu trả lời không trích dẫn đoạn nào")

    uncited = _uncited_parts(text) if cited else []
    if uncited:
        grounded = False
        reasons.append("có ý không kèm trích dẫn")

    allowed: set[str] = set()
    for n in cited:
        allowed |= _passage_forms(passages[n - 1])
    unsupported = [tok for tok in numbers_in(text) if cited and not (number_forms(tok) & allowed)]
    unsupported = list(dict.fromkeys(unsupported))
    if unsupported:
        grounded = False
        reasons.append("có số liệu không có trong đoạn được trích: " + ", ".join(unsupported))
    return GuardResult(text, cited, grounded, False, dropped, unsupported, uncited, reasons)
