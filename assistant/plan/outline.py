"""The section outline of a plan (label, full title, span, children, points) and its reporting duties.

The outline is read off the indexed chunks (each carries its heading path and source span), so the
sections answers name are exactly the ones citations point into. A section's *points* are what a
"mục N gồm những ý nào" question lists: its sub-sections, or for a section without sub-sections its
bullet paragraphs.

Example::

    >>> sections = build_outline(doc, chunks)
    >>> [s.full_title for s in sections if s.label == "3.4"]
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.chunking import Chunk
from assistant.corpus import Document
from assistant.plan.facts import display
from assistant.text import fold

# A list item that opens with the bodies it tasks: "1. UBND huyện, Đảng ủy các xã, thị trấn chỉ đạo …".
ITEM_SUBJECT = re.compile(
    r"^(?:\d{1,2}\.\s*)?(?P<subject>(?:UBND|Ủy ban|Ban|Phòng|Mặt trận|MTTQ|Đảng ủy|Thường trực|Văn phòng|Trung tâm|"
    r"Bảo hiểm|Ngân hàng|Huyện đoàn|Các cơ quan|Các phòng|Các cấp ủy)[^.;:]{2,100}?)\s+(?:chỉ đạo|tăng cường|có trách nhiệm|"
    r"chủ trì|phối hợp|triển khai|thực hiện|xây dựng|tổ chức|lãnh đạo|theo dõi|tham mưu|hướng dẫn|chịu trách nhiệm)\b"
)

_LABEL = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]+\.|[a-zđ]\))\s*")
_NUMBERED = re.compile(r"\d{1,2}(?:\.\d{1,2})*")
_POINT = re.compile(r"(?m)^[ \t*]*[-+•][ \t]+\S")


@dataclass
class Section:
    """A heading of the plan and everything under it."""

    path: list[str]  # short heading titles from the top, as in breadcrumbs
    label: str  # "III", "3.4", "đ", "" (unnumbered)
    title: str  # short display title, "3.4. Nâng cao phúc lợi xã hội…"
    full_title: str  # the heading as written, without its label: "Nâng cao phúc lợi xã hội toàn dân, …"
    level: int  # depth in the outline, 1 = top
    start: int
    end: int
    heading_end: int  # end of the heading line(s): the body starts after it
    children: list[int] = field(default_factory=list)  # indexes of sub-sections in the outline
    points: list[tuple[int, int]] = field(default_factory=list)  # spans of bullet points (leaf sections)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Section:
        d = dict(d)
        d["points"] = [tuple(p) for p in d.get("points", [])]
        return cls(**d)


def _heading_text(text: str, start: int) -> tuple[str, int]:
    """The heading beginning at ``start`` (hard-wrapped lines joined) and where it ends."""
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    first = text[start:line_end]
    # A heading is one line unless the plan hard-wraps it (short lines continuing up to a blank line).
    stop = line_end if len(first.strip()) >= 100 or not first.strip() or end - start > 400 else end
    raw = display(text[start:stop])
    body_sep = re.search(r":\s+\S", raw)
    if body_sep and body_sep.start() < 120:
        return raw[: body_sep.start()], start + len(text[start:stop])  # "1. Mục đích: Cụ thể hoá …"
    return raw, stop


def build_outline(doc: Document, chunks: list[Chunk]) -> list[Section]:
    """Every section of ``doc`` in reading order, with parent → children links."""
    own = sorted((c for c in chunks if c.doc_id == doc.id), key=lambda c: c.start)
    by_path: dict[tuple[str, ...], Section] = {}
    order: list[tuple[str, ...]] = []
    # Where each section's own text (not a sub-section's) first is: its heading line is there. A part whose items
    # the PDF put elsewhere (Kim Động) has sub-sections before its own heading in the text.
    own_start: dict[tuple[str, ...], int] = {}  # (the first chunk of a path holds its heading, or its parent's)
    for c in own:
        if c.kind != "section":
            continue
        own_start.setdefault(tuple(c.headings), c.start)
        for depth in range(1, len(c.headings) + 1):
            key = tuple(c.headings[:depth])
            sec = by_path.get(key)
            if sec is None:
                title = c.headings[depth - 1]
                label = c.labels[depth - 1]
                sec = Section(list(key), label, title, title, depth, c.start, c.end, c.start)
                by_path[key] = sec
                order.append(key)
            sec.start, sec.end = min(sec.start, c.start), max(sec.end, c.end)
    sections = [by_path[k] for k in order]
    for key, sec in zip(order, sections, strict=True):
        # The heading line opens the section, or follows its parent's heading line carried into the chunk.
        short = _LABEL.sub("", sec.title).rstrip("…").strip(" .:")
        want = fold(short)[: max(10, len(short) - 2)]
        sec.full_title = short
        pos = own_start.get(key, sec.start)
        moved = pos > sec.start or any(k[: len(key)] == key and v < own_start.get(key, 10**9) for k, v in own_start.items())
        while 0 <= pos < sec.end:
            raw, stop = _heading_text(doc.text, pos)
            # ("- *Về y tế:* Bảo đảm …": an unnumbered part is headed by the opening words of its bullet.)
            core = _LABEL.sub("", raw.lstrip("-+• ")).strip(" .:")
            if core and fold(core).startswith(want) and (not sec.label or raw.lstrip("#* ").startswith(sec.label)):
                colon = doc.text.find(":", pos, stop)
                if not sec.label and 0 <= colon - pos < 120:
                    # "- *Về giáo dục:* Tập trung …": the part's text starts after its title, on the same line.
                    stop = colon + 1
                    while stop < len(doc.text) and doc.text[stop] in "*_ \t":
                        stop += 1
                sec.full_title, sec.start, sec.heading_end = core, pos, stop
                break
            nxt = doc.text.find("\n", pos)
            # (A part whose items were moved before it in the text has its heading further on.)
            pos = -1 if nxt < 0 or nxt - sec.start > (sec.end - sec.start if moved else 1500) else nxt + 1
            while 0 <= pos < len(doc.text) and doc.text[pos] in " \t\n":
                pos += 1
    index = {k: i for i, k in enumerate(order)}
    for i, key in enumerate(order):
        if len(key) > 1 and key[:-1] in index:
            sections[index[key[:-1]]].children.append(i)
    for sec in sections:
        # In the plan's numbering ("1.", "2.", "3."), which is the text order unless pages were moved.
        if sec.children and all(_NUMBERED.fullmatch(sections[i].label) for i in sec.children):
            sec.children.sort(key=lambda i: [int(x) for x in sections[i].label.split(".")])
    for sec in sections:
        if not sec.children:
            body = doc.text[sec.heading_end : sec.end]
            starts = [sec.heading_end + m.start() for m in _POINT.finditer(body)]
            if not starts:
                # Plans written a paragraph a line have no bullets: each paragraph is a point.
                # (One that opens in lower case goes on from the paragraph before, cut by a page break.)
                starts = [sec.heading_end + m.start() for m in re.finditer(r"(?m)^[ \t]*(\S).{100,}$", body)
                          if not m.group(1).islower()]
            sec.points = [(s, e) for s, e in zip(starts, [*starts[1:], sec.end], strict=False)]
            sec.points = [(s, s + len(doc.text[s:e].rstrip())) for s, e in sec.points]
    return sections


@dataclass
class Duty:
    """A reporting duty: what is reported, to whom, through whom, by when (a date, a period or an occasion)."""

    text: str
    to: str
    via: str
    deadline: str  # "trước ngày 05 tháng 12", "định kỳ hằng năm", "nếu có vướng mắc phát sinh"
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Duty:
        return cls(**d)


_SENT = re.compile(r"[^.;!?\n]*(?:\n(?!\s*\n)[^.;!?\n]*)*[.;!?]?")
_DEADLINE = re.compile(
    r"trước ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?|/\d{1,2}(?:/\d{4})?)"
    r"|định kỳ\s+(?:hằng|hàng)\s+năm|(?:hằng|hàng)\s+năm|định kỳ(?:\s+\d+\s+tháng)?|\d+\s+tháng\s+một\s+lần|cuối năm"
    # A report owed on an occasion, not a date: "nếu có vướng mắc phát sinh báo cáo về …".
    r"|(?:nếu|khi)\s+có\s+(?:khó khăn,?\s+)?vướng mắc(?:,?\s+phát sinh)?|(?:nếu|khi)\s+có\s+khó khăn(?:\s+phát sinh)?",
    re.IGNORECASE,
)
_VIA = re.compile(r"\(\s*qua\s+([^)]{3,60})\)|\bqua\s+((?:Ban|Phòng|Văn phòng)\s[^,;.()]{3,50})")
_TO = re.compile(
    r"(?:báo cáo|gửi|về)\s+(?:kết quả\s+)?(?:về\s+)?(?P<to>(?:Ban Thường vụ|Thường trực|Ủy ban nhân dân|UBND|Huyện ủy|Tỉnh ủy|"
    r"Sở|Phòng|Ban)[^,;.()]{0,40}?)(?=\s*(?:\(|,|;|\.|để|theo|trước|định|kết quả|$))"
)


def find_duties(doc: Document) -> list[Duty]:
    """Sentences that oblige someone to report (báo cáo) with a deadline or a period."""
    out: list[Duty] = []
    for m in _SENT.finditer(doc.text):
        raw = m.group(0)
        if "báo cáo" not in raw.lower() or len(raw.strip()) < 30:
            continue
        flat = display(raw)
        deadline = _DEADLINE.search(flat)
        to = _TO.search(flat)
        if not deadline or not to:
            continue
        via = _VIA.search(flat)
        s = m.start() + len(raw) - len(raw.lstrip(" \n-+•*"))
        out.append(Duty(flat.lstrip("-+• "), to.group("to").strip(), (via.group(1) or via.group(2)).strip() if via else "",
                        deadline.group(0), s, m.end()))
    return out
