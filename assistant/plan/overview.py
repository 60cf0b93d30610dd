"""A whole plan in five parts, for "tóm tắt kế hoạch X" and a trainer's first slide.

The parts follow the shape every plan implementing Nghị quyết 42 shares: the documents it carries out
(căn cứ), its general objective, its 2030 targets, its groups of tasks and who does what when it is put
into practice. Each part holds quotes of the plan with their spans, so an answer cites every line; a part
the plan does not have is left out rather than guessed.

Example::

    >>> parts = plan_overview(book.of_district("Lạc Dương")[0])
    >>> [p.name for p in parts]
    ['Căn cứ', 'Mục tiêu chung', 'Tầm nhìn đến năm 2045', 'Chỉ tiêu đến năm 2030', 'Nhiệm vụ, giải pháp', 'Tổ chức thực hiện']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.plan.extract import Para, first_sentence
from assistant.plan.model import PlanModel
from assistant.plan.outline import Section
from assistant.text import fold, shorten

MAX_TARGETS = 5  # a summary names a few targets (of different areas) and says how many there are
MAX_ORG_LINES = 6
TITLE_CHARS = 110
SENTENCE_CHARS = 220

_GENERAL_GOAL = re.compile(r"(?<!\w)muc tieu (chung|tong quat)(?!\w)")
_VISION = re.compile(r"^tam nhin(?!\w)")
FEW_GROUPS = 4  # task groups this few are listed with their sub-sections ("3. Chính quyền các cấp …: 3.1 …; 3.2 …")
SUB_TITLE_CHARS = 70
_TASKS_PART = re.compile(r"^nhiem vu")
_ORG_PART = re.compile(r"^to chuc thuc hien")
# A sub-section titled by its body ("1. Phòng Lao động - TB&XH huyện") rather than by a whole sentence.
_SENTENCE_TITLE_SYLLABLES = 9
_ROMAN = re.compile(r"^[IVX]+$")
_LABEL = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\))\s*")
_GIVES = re.compile(r"^(Giao|Đề nghị|Yêu cầu)\s+[A-ZĐÀ-Ỹ]")


@dataclass
class Quote:
    """Words of the plan (shortened for display) and the span they come from."""

    text: str
    start: int
    end: int


@dataclass
class OverviewPart:
    """One part of the overview: its name, the quotes that say it, and how many items the plan has in all."""

    name: str
    quotes: list[Quote] = field(default_factory=list)
    total: int = 0




def _top(plan: PlanModel, pattern: re.Pattern[str]) -> Section | None:
    return next((s for s in plan.outline if s.level == 1 and pattern.search(fold(s.full_title))), None)


def _paras_in(plan: PlanModel, start: int, end: int) -> list[Para]:
    return [p for p in plan.paragraphs if start <= p.start < end]


def _general_goal(plan: PlanModel) -> Quote | None:
    paras = plan.paragraphs
    for i, p in enumerate(paras):
        if p.heading is None or not _GENERAL_GOAL.search(fold(p.heading.title)):
            continue
        # "1. Mục tiêu tổng quát: Tiếp tục đổi mới …" says it on the heading's own line.
        own = p.text.split(":", 1)[1].strip() if ":" in p.text else ""
        if len(own.split()) >= 6:
            return Quote(shorten(first_sentence(own, SENTENCE_CHARS), SENTENCE_CHARS + 1), p.start, p.end)
        body = next((q for q in paras[i + 1 : i + 3] if q.heading is None), None)
        if body is not None:
            return Quote(shorten(first_sentence(body.text, SENTENCE_CHARS), SENTENCE_CHARS + 1), body.start, body.end)
    return None


def _vision(plan: PlanModel) -> OverviewPart | None:
    """"Tầm nhìn đến năm 2045: …": a part named by the section's title, quoting its first sentence."""
    sec = next((s for s in plan.outline if _VISION.search(fold(s.full_title))), None)
    if sec is None:
        return None
    title, _, own = sec.full_title.partition(":")
    body = next((p for p in plan.paragraphs if sec.heading_end <= p.start < sec.end and p.heading is None), None)
    # "2.2. Tầm nhìn đến năm 2045: Tiếp tục …" says it on the heading's own line.
    line = next((p.text for p in plan.paragraphs if p.start == sec.start), "")
    own = own or (line.split(":", 1)[1] if ":" in line else "")
    said = own.strip() or (body.text if body is not None else "")
    if len(said.split()) < 6:
        return None
    end = body.end if body is not None and not own.strip() else sec.heading_end
    return OverviewPart(title.strip(" .:"), [Quote(shorten(first_sentence(said, SENTENCE_CHARS), SENTENCE_CHARS + 1), sec.start, end)], 1)


def _targets(plan: PlanModel) -> OverviewPart | None:
    rows = [t for t in plan.targets if not t.footnote]
    if not rows:
        return None
    picked, seen = [], set()
    for t in rows:
        if t.topic in seen:
            continue  # a few targets of different areas say more than three of one
        seen.add(t.topic)
        picked.append(Quote(shorten(t.text, TITLE_CHARS), t.start, t.end))
        if len(picked) == MAX_TARGETS:
            break
    return OverviewPart("Chỉ tiêu đến năm 2030", picked, total=len(rows))


def _tasks(plan: PlanModel) -> OverviewPart | None:
    part = _top(plan, _TASKS_PART)
    if part is None or not part.children:
        return None
    kids = [plan.outline[i] for i in part.children]
    quotes = []
    for k in kids:
        said = shorten(f"{k.label}. {k.full_title}" if k.label else k.full_title, TITLE_CHARS)
        if len(kids) <= FEW_GROUPS and k.children:
            # A few broad groups ("3. Chính quyền các cấp … chủ động chỉ đạo …") say little without what they hold.
            subs = [plan.outline[i] for i in k.children]
            said = said.rstrip(" .:") + ": " + "; ".join(
                shorten(f"{x.label} {x.full_title}".strip(), SUB_TITLE_CHARS) for x in subs)
        quotes.append(Quote(said, k.start, max(k.heading_end, k.start + 1)))
    return OverviewPart("Nhiệm vụ, giải pháp", quotes, total=len(kids))


def _organisation(plan: PlanModel) -> OverviewPart | None:
    # Read off the paragraphs, not the outline: a heading hard-wrapped over two lines is whole in its paragraph.
    paras = [p for p in plan.paragraphs if p.role == "organisation"]
    quotes: list[Quote] = []
    n_items = 0
    for i, p in enumerate(paras):
        numbered = p.heading is not None and not _ROMAN.match(p.heading.label)
        # "Giao Ban Tuyên giáo Huyện ủy chủ trì …" closing the part without a number is one of its items too.
        closing = p.heading is None and bool(_GIVES.match(p.text))
        if not (numbered or closing):
            continue
        n_items += 1
        if len(quotes) == MAX_ORG_LINES:
            continue
        said = _LABEL.sub("", p.text).strip()
        end = p.end
        if len(said.split()) < _SENTENCE_TITLE_SYLLABLES or said.endswith(":"):
            # "1. Phòng Lao động - TB&XH huyện:" then what it does: the body and its first duty.
            body = next((q for q in paras[i + 1 : i + 2] if q.heading is None), None)
            if body is not None:
                said = f"{said.rstrip(' .:')}: {first_sentence(body.text, SENTENCE_CHARS).lstrip('-+• ')}"
                end = body.end
        quotes.append(Quote(shorten(first_sentence(said, SENTENCE_CHARS + 60), SENTENCE_CHARS + 60), p.start, end))
    if not quotes:
        return None
    return OverviewPart("Tổ chức thực hiện", quotes, total=n_items)


def plan_overview(plan: PlanModel) -> list[OverviewPart]:
    """The plan's basis, general objective, targets, task groups and division of work, each part quoted."""
    parts: list[OverviewPart] = []
    f = plan.facts
    if f.implements:
        parts.append(OverviewPart("Căn cứ", [Quote(x.value, x.start, x.end) for x in f.implements], len(f.implements)))
    goal = _general_goal(plan)
    if goal is not None:
        parts.append(OverviewPart("Mục tiêu chung", [goal], 1))
    vision = _vision(plan)
    if vision is not None:
        parts.append(vision)
    for build in (_targets, _tasks, _organisation):
        part = build(plan)
        if part is not None:
            parts.append(part)
    return parts
