"""Briefing outline for a quán triệt session: one plan, one topic, every line cited.

``build_briefing(data, "Lạc Dương", "y tế")`` assembles, from the extracted rows and the plan's own
paragraphs (no LLM needed):

I. Mục đích, yêu cầu — the plan's section I, sentence by sentence;
II. Chỉ tiêu đến năm 2030 — the topic's targets with their exact numbers;
III. Nhiệm vụ, giải pháp chủ yếu — the topic's tasks, and who leads them where the plan says so;
IV. Tổ chức thực hiện — the plan's assignments;
V. So sánh với các huyện khác — the same indicators in the other plans.

Every line carries ``[n]`` markers into :attr:`Briefing.sources` (plan, section path, character span,
quote), so a trainer can check each statement against the plan; a statement that the plan says
nothing on a point cites the section where it would be. Output: Markdown (:meth:`Briefing.to_markdown`)
or DOCX through python-docx with a numbered sources list (:meth:`Briefing.to_docx`).
"""

from __future__ import annotations

import io
import re
from dataclasses import asdict, dataclass, field

from assistant.plan.extract import Assignment, Para, PlanExtraction, Target, clean, first_sentence
from assistant.plan.topics import resolve_topic, topic_hits
from assistant.text import fold
from assistant.trainers.compare import NOT_STATED
from assistant.trainers.data import TrainerData

MAX_TASK_LINES = 12  # task paragraphs
SENTENCES_PER_TASK = 4
MAX_PURPOSE_LINES = 6
QUOTE_CHARS = 400


@dataclass
class Source:
    """A cited span of a plan."""

    n: int
    doc_id: str
    district: str
    breadcrumb: str
    start: int
    end: int
    quote: str

    @property
    def url(self) -> str:
        return f"/documents/{self.doc_id}?start={self.start}&end={self.end}"

    @property
    def short_quote(self) -> str:
        q = self.quote
        return q if len(q) <= QUOTE_CHARS else q[:QUOTE_CHARS].rsplit(" ", 1)[0] + "…"


@dataclass
class Line:
    """One statement of the outline and the sources it rests on."""

    text: str
    cites: list[int]

    def marked(self) -> str:
        """The text with its markers; lines that cite beside each number already hold them inline."""
        if not self.cites:
            return self.text
        return f"{self.text} " + "".join(f"[{n}]" for n in self.cites)

    @property
    def all_cites(self) -> list[int]:
        inline = [int(m) for m in re.findall(r"\[(\d+)\]", self.text)]
        return list(dict.fromkeys([*self.cites, *inline]))


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class Briefing:
    district: str
    topic: str
    doc_id: str
    title: str
    subtitle: Line
    sections: list[Section]
    sources: list[Source]

    def to_markdown(self) -> str:
        out = [f"# {self.title}", "", self.subtitle.marked(), ""]
        for s in self.sections:
            out += [f"## {s.title}", ""]
            out += [f"- {line.marked()}" for line in s.lines]
            out.append("")
        out += ["## Nguồn trích dẫn", ""]
        for src in self.sources:
            out.append(f"[{src.n}] {src.breadcrumb} (ký tự {src.start}–{src.end}): «{src.short_quote}»")
        return "\n".join(out) + "\n"

    def to_docx(self) -> bytes:
        """The outline as a .docx: headings, bullet lines with superscript [n], a numbered sources list."""
        from docx import Document as DocxDocument
        from docx.shared import Pt

        d = DocxDocument()
        style = d.styles["Normal"]
        style.font.name = "Times New Roman"
        style.font.size = Pt(13)
        d.core_properties.title = self.title
        d.core_properties.language = "vi-VN"
        d.add_heading(self.title, level=0)
        self._docx_line(d, self.subtitle, style=None)
        for s in self.sections:
            d.add_heading(s.title, level=1)
            for line in s.lines:
                self._docx_line(d, line, style="List Bullet")
        d.add_heading("Nguồn trích dẫn", level=1)
        for src in self.sources:
            p = d.add_paragraph()
            p.add_run(f"[{src.n}] ").bold = True
            p.add_run(f"{src.breadcrumb} (ký tự {src.start}–{src.end}): ")
            p.add_run(f"«{src.short_quote}»").italic = True
        buf = io.BytesIO()
        d.save(buf)
        return buf.getvalue()

    @staticmethod
    def _docx_line(d, line: Line, style: str | None) -> None:  # type: ignore[no-untyped-def]
        p = d.add_paragraph(style=style) if style else d.add_paragraph()
        p.add_run(line.text + " ")
        for n in line.cites:  # inline markers (section V) stay in the text
            r = p.add_run(f"[{n}]")
            r.font.superscript = True

    def to_dict(self) -> dict[str, object]:
        return {
            "district": self.district, "topic": self.topic, "doc_id": self.doc_id, "title": self.title,
            "subtitle": asdict(self.subtitle),
            "sections": [{"title": s.title, "lines": [asdict(line) for line in s.lines]} for s in self.sections],
            "sources": [{**asdict(s), "url": s.url} for s in self.sources],
        }


class _Sources:
    """Numbered sources, one per distinct span."""

    def __init__(self, data: TrainerData) -> None:
        self.data = data
        self.items: list[Source] = []
        self._by_span: dict[tuple[str, int, int], int] = {}

    def cite(self, plan: PlanExtraction, start: int, end: int, breadcrumb: str | None = None) -> int:
        key = (plan.doc.id, start, end)
        if key not in self._by_span:
            n = len(self.items) + 1
            self.items.append(Source(n, plan.doc.id, plan.doc.district, breadcrumb or plan.breadcrumb_at(start),
                                     start, end, clean(plan.doc.text[start:end])))
            self._by_span[key] = n
        return self._by_span[key]


def _content(p: Para) -> str:
    """Body text of a paragraph; for a heading that carries text ("c) Về phát triển văn hóa: Xây dựng …",
    "1. Mục đích: Cụ thể hoá …") the text after its title."""
    text = p.text
    if p.heading is not None:
        head, sep, rest = text.partition(":")
        if sep and len(rest.strip()) > 30 and len(head) < 120:
            return rest.strip()
        return "" if len(text) < 160 else text
    return text


def _task_paragraphs(plan: PlanExtraction) -> list[Para]:
    """Paragraphs stating tasks: section III, plus task text that Kim Động's shuffled pages put among
    the targets (paragraphs there without a target number)."""
    span = plan.target_section
    target_starts = {t.value_start for t in plan.targets}
    out = []
    for p in plan.paragraphs:
        if re.match(r"^\W*Thực\s+hiện\s*:", p.text):
            continue
        in_section = span is not None and span[0] <= p.start < span[1]
        holds_target = any(p.start <= s < p.end for s in target_starts)
        shuffled = p.role == "goals" and in_section and not holds_target and not p.is_orphan and p.heading is None
        if (p.role == "tasks" or shuffled) and _content(p):
            out.append(p)
    return out


def _relevant(plan: PlanExtraction, p: Para, topic: str) -> bool:
    """A task paragraph is about ``topic`` when its own sub-heading names it ("b) Về y tế",
    "- Về y tế: …") or the topic dominates its text."""
    crumb = plan.breadcrumb_at(p.start).split(" › ")[-1]
    label = p.text.partition(":")[0] if ":" in p.text[:60] else ""
    if topic in topic_hits(f"{crumb} {label}"):
        return True
    hits = topic_hits(_content(p))
    return hits.get(topic, 0) >= 2 and max(hits.values()) == hits[topic]


def _assignment_of(plan: PlanExtraction, p: Para) -> Assignment | None:
    for a in plan.assignments:
        if a.kind == "thực hiện" and a.task_start <= p.start < a.task_end:
            return a
        if a.kind == "chủ trì" and p.start <= a.start < p.end:
            return a
    return None


def _assignment_line(a: Assignment) -> str:
    parts = [f"Chủ trì: {a.lead}"]
    if a.partners:
        parts.append("phối hợp: " + ", ".join(a.partners))
    if a.implementers:
        parts.append("triển khai: " + ", ".join(a.implementers))
    if a.note:
        parts.append(a.note)
    return "; ".join(parts) + "."


def _org_line(a: Assignment) -> str:
    task = a.task.rstrip(" .;")
    if fold(task).startswith(fold(a.lead)) or fold(task).startswith("giao"):
        text = task
    elif task[:1].islower():
        text = f"{a.lead} {task}"
    else:
        text = f"{a.lead}: {task}"
    if a.partners and "phối hợp" not in text:
        text += f" (phối hợp: {', '.join(a.partners)})"
    return text if text.endswith("…") else text + "."


def sentences(text: str, limit: int = 350) -> list[str]:
    """Sentences of a cleaned paragraph, each shortened past ``limit`` characters."""
    rest, out = clean(text).lstrip("-+• "), []
    while rest:
        s = first_sentence(rest, 10**6)
        out.append(first_sentence(s, limit))
        rest = rest[len(s):].strip()
    return [s for s in out if s]


def _sentence_case(s: str) -> str:
    return s[:1].upper() + s[1:]


def build_briefing(data: TrainerData, district: str, topic: str) -> Briefing:
    """The cited outline for one plan and one topic (names may be typed without diacritics)."""
    plan = data.plan(district)
    topic = resolve_topic(topic)
    doc = plan.doc
    src = _Sources(data)
    first_chunk = plan.chunks[0] if plan.chunks else None
    pre = (first_chunk.start, first_chunk.end) if first_chunk else (0, min(len(doc.text), 400))
    identity = f"{doc.title}. Số {doc.number or 'chưa ghi số'}, {doc.date_vi()}; {doc.issuing_body}"
    if doc.is_draft and "dự thảo" not in fold(identity).replace("du thao", "dự thảo"):
        identity += " (dự thảo)"
    subtitle = Line(identity + ".", [src.cite(plan, *pre)])
    sections: list[Section] = []

    # I. Mục đích, yêu cầu.
    sec = Section("I. Mục đích, yêu cầu")
    label = ""
    for p in plan.paragraphs_of("purpose"):
        if p.heading is not None and p.heading.level == 1:
            continue
        if p.heading is not None:
            label = re.sub(r"^[\dIVX]+[.)]\s*", "", p.heading.title).strip()
        body = _content(p)
        if not body:
            continue
        text = first_sentence(body, 300)
        sec.lines.append(Line(f"{label}: {text}" if label and not text.startswith(label) else text,
                              [src.cite(plan, p.start, p.end)]))
        if len(sec.lines) >= MAX_PURPOSE_LINES:
            break
    if not sec.lines:
        sec.lines.append(Line("Kế hoạch không có mục “Mục đích, yêu cầu” riêng; xem phần mở đầu.",
                              [src.cite(plan, *pre)]))
    sections.append(sec)

    # II. Chỉ tiêu đến năm 2030.
    sec = Section(f"II. Chỉ tiêu đến năm 2030 về {topic}")
    mine: list[Target] = [t for t in plan.targets if topic in t.topics]
    for t in mine:
        note = " (theo chú thích của kế hoạch)" if t.footnote else ""
        extra = f"; {t.note}" if t.note and t.unit else ""  # a unit-less value already says so
        sec.lines.append(Line(f"{t.label}: {t.display}{note}{extra}.", [src.cite(plan, t.start, t.end, t.breadcrumb)]))
    if not sec.lines:
        where = plan.target_section or pre
        sec.lines.append(Line(f"Kế hoạch không nêu chỉ tiêu định lượng nào về {topic} đến năm 2030 "
                              "(đối chiếu mục chỉ tiêu của kế hoạch).", [src.cite(plan, *where)]))
    sections.append(sec)

    # III. Nhiệm vụ, giải pháp chủ yếu.
    sec = Section(f"III. Nhiệm vụ, giải pháp chủ yếu về {topic}")
    paras = [p for p in _task_paragraphs(plan) if _relevant(plan, p, topic)][:MAX_TASK_LINES]
    led = False
    for i, p in enumerate(paras):
        n = src.cite(plan, p.start, p.end)
        for sentence in sentences(_content(p))[:SENTENCES_PER_TASK]:
            sec.lines.append(Line(_sentence_case(sentence), [n]))
        a = _assignment_of(plan, p)
        nxt = _assignment_of(plan, paras[i + 1]) if i + 1 < len(paras) else None
        if a is not None and a is not nxt:
            sec.lines.append(Line(_assignment_line(a), [src.cite(plan, a.start, a.end)]))
            led = True
    if not paras:
        tasks = [p for p in plan.paragraphs if p.role == "tasks"]
        where = (tasks[0].start, tasks[min(len(tasks), 3) - 1].end) if tasks else pre
        sec.lines.append(Line(f"Kế hoạch không có nhiệm vụ riêng về {topic}; xem các nhiệm vụ chung ở mục "
                              "nhiệm vụ, giải pháp.", [src.cite(plan, *where)]))
    elif not led:
        org = [p for p in plan.paragraphs if p.role == "organisation" and not (p.heading and p.heading.level == 1)]
        if org:
            sec.lines.append(Line("Kế hoạch không ghi cơ quan chủ trì cho từng nhiệm vụ này; phân công chung ở "
                                  "mục Tổ chức thực hiện (phần IV dưới đây).", [src.cite(plan, org[0].start, org[0].end)]))
    sections.append(sec)

    # IV. Tổ chức thực hiện.
    sec = Section("IV. Tổ chức thực hiện")
    for a in plan.assignments:
        if a.kind == "tổ chức thực hiện":
            sec.lines.append(Line(_org_line(a), [src.cite(plan, a.start, a.end)]))
    if not sec.lines:
        org = [p for p in plan.paragraphs if p.role == "organisation"]
        for p in org[:MAX_PURPOSE_LINES]:
            if _content(p):
                sec.lines.append(Line(first_sentence(_content(p), 300), [src.cite(plan, p.start, p.end)]))
    if not sec.lines:
        sec.lines.append(Line("Kế hoạch không có mục “Tổ chức thực hiện” riêng.", [src.cite(plan, *pre)]))
    sections.append(sec)

    # V. So sánh với các huyện khác.
    sec = Section("V. So sánh với các huyện khác (chỉ tiêu đến năm 2030)")
    done: set[tuple[str, str]] = set()
    others = [d for d in data.districts if d != plan.doc.district]
    for t in mine:
        if (t.indicator, t.scope) in done:
            continue
        done.add((t.indicator, t.scope))
        cites = [src.cite(plan, t.start, t.end, t.breadcrumb)]
        parts = [f"{plan.doc.district} {t.display} [{cites[0]}]"]
        for d in others:
            theirs = [x for x in data.targets if x.district == d and x.indicator == t.indicator and x.scope == t.scope]
            if not theirs:
                parts.append(f"{d}: {NOT_STATED}")
                continue
            other = data.plan(d)
            ns = [src.cite(other, x.start, x.end, x.breadcrumb) for x in theirs]
            cites += ns
            parts.append(f"{d} " + " và ".join(f"{x.display} [{n}]" for x, n in zip(theirs, ns, strict=True)))
        # Markers sit next to each number here, so the line's own list stays empty of duplicates.
        sec.lines.append(Line(f"{t.label}: " + "; ".join(parts) + ".", []))
    if not sec.lines:
        where = plan.target_section or pre
        sec.lines.append(Line(f"Kế hoạch không nêu chỉ tiêu về {topic} để so sánh với các huyện khác.",
                              [src.cite(plan, *where)]))
    sections.append(sec)

    title = f"Đề cương quán triệt: {_sentence_case(topic)} — kế hoạch của huyện {plan.doc.district}"
    return Briefing(plan.doc.district, topic, plan.doc.id, title, subtitle, sections, src.items)
