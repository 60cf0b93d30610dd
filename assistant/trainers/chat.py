"""Chat answers from the extracted tables: cross-district target comparisons and single-district
summaries.

:func:`make_answerer` is found by :mod:`assistant.pipeline` at start-up. For every question it is
tried before the normal generator; it answers

* a comparison or superlative over 2030 targets ("So sánh chỉ tiêu tỷ lệ thất nghiệp giữa các
  huyện", "Huyện nào đặt mục tiêu tuổi thọ cao nhất?", "Những huyện nào đặt chỉ tiêu …") that names
  an indicator of the table;
* a summary request about one district's targets on named topics ("Tóm tắt các chỉ tiêu y tế đến
  2030 của Kim Động") or its assignments in a section, on a topic or in "tổ chức thực hiện" ("Tóm
  tắt phân công chủ trì mục 3.4 trong kế hoạch Kon Rẫy"), see :mod:`assistant.trainers.summary`;

and returns ``None`` for everything else (task summaries, questions the tables do not answer).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.generation.base import Generation
from assistant.plan.extract import Assignment, Target
from assistant.plan.model import PlanBook
from assistant.query import QueryAnalysis
from assistant.retrieval import Passage, cite_chunk
from assistant.text import fold
from assistant.trainers.compare import NOT_STATED, Cell, Comparison, Row, compare, extremes
from assistant.trainers.data import TrainerData, from_store
from assistant.trainers.summary import Marks, summarize

# Words that make a comparison question about targets (folded).
_TARGET_CUES = ("chi tieu", "muc tieu", "ty le", "ti le", "ty suat", "ti suat", "bao nhieu", "cao nhat", "thap nhat", "lon nhat",
                "nho nhat", "nhieu nhat", "dat muc", "phan tram", "%", "tuoi tho", "dien tich", "giuong benh",
                "bac si", "so nam")
MAX_ROWS = 3
_EXTREME = re.compile(r"(?<!\w)(cao|lon|nhieu|thap|nho|it) (?:nhat|hon)(?!\w)")


def _wants_target_comparison(analysis: QueryAnalysis) -> bool:
    folded = analysis.folded
    if not analysis.wants_comparison:
        return False
    return analysis.intent == "target" or any(c in folded for c in _TARGET_CUES)


def _cite(row: Any, plan_chunk: Callable[[Any], Any], passages: list[Passage]) -> int:
    """1-based index of the passage holding ``row`` in ``passages``, appending it when absent."""
    return cite_chunk(passages, plan_chunk(row))


def _clause(t: Target, limit: int = 160) -> str:
    """The target in the plan's words; a long clause cut a few words past its figure, so what the figure
    counts stays ("ít nhất 80% các xã, thị trấn có đồng bào dân tộc thiểu số …", not "ít nhất 80%")."""
    text = " ".join(t.text.replace("\xa0", " ").split()).strip(" .;,")
    at = text.find(t.value_text) if t.value_text else -1
    if at < 0:
        return t.display
    if len(text) <= limit:
        return text
    end = text.find(" ", min(len(text), at + len(t.value_text) + SCOPE_CHARS))
    if at > limit // 2 or end < 0:
        return t.display if at > limit // 2 else text
    return text[:end].rstrip(" ,;:") + "…"


SCOPE_CHARS = 70  # of a long clause, how far past its figure it is quoted


def render(cmp: Comparison, cite: Callable[[Target], int]) -> tuple[str, list[int]]:
    """Short Vietnamese answer for a comparison: one line per indicator, every number cited."""
    mark = Marks(cite)

    def cell_text(c: Cell) -> str:
        if c.targets:
            # The plan's own words for each figure ("60% lực lượng lao động … tham gia bảo hiểm xã hội").
            # (a whole-district 100% standing for a scope is said as the whole district's)
            return f"{c.district}: " + "; ".join(
                f"{_clause(t)}{' (toàn huyện)' if t.scope != c.scope else ''} {mark(t)}" for t in c.targets)
        if c.related:
            rel = "; ".join(f"{t.indicator} {t.display} {mark(t)}" for t in c.related)
            return f"{c.district}: {NOT_STATED} (kế hoạch nêu {rel})"
        return f"{c.district}: {NOT_STATED}"

    lines = []
    for row in cmp.rows[:MAX_ROWS]:
        line = f"{row.label} đến năm 2030: " + "; ".join(cell_text(c) for c in row.cells) + "."
        if cmp.superlative:
            # "huyện nào thấp nhất, huyện nào cao nhất": both ends, in the order asked.
            asked = [k for _, k in sorted((m.start(), "max" if m.group(1) in ("cao", "lon", "nhieu") else "min")
                                          for m in _EXTREME.finditer(fold(cmp.query)))]
            kinds = list(dict.fromkeys(asked)) or [cmp.superlative]
            said = []
            for kind in kinds:
                top = extremes(row, kind)
                if top:
                    # "… cao hơn" of two plans is said as asked.
                    degree = "hơn" if len(cmp.districts) == 2 and re.search(r"(?<!\w)hon(?!\w)", fold(cmp.query)) else "nhất"
                    word = f"{'cao' if kind == 'max' else 'thấp'} {degree}"
                    who = "; ".join(f"{c.district} ({c.targets[0].display} {mark(c.targets[0])})" for c in top)
                    said.append(f"Đặt {row.indicator} {word}: {who}.")
            if said:
                line = f"{' '.join(said)} Chi tiết — {line[:1].lower()}{line[1:]}"
        lines.append(line)
    return "\n".join(lines), mark.cited


def _chunk_at(data: TrainerData, doc_id: str, pos: int) -> Any:
    """The indexed chunk of plan ``doc_id`` holding position ``pos`` (LookupError when none)."""
    plan = data.plan_by_id(doc_id)
    chunk = plan.chunk_at(pos) if plan else None
    if chunk is None:
        raise LookupError(doc_id)
    return chunk


def answer_summary(data: TrainerData, analysis: QueryAnalysis, passages: list[Passage],
                   keep: Callable[[str], float] | None = None) -> Generation | None:
    """A single-district summary of targets or assignments from the tables, or None."""
    added = len(passages)

    def cite_target(t: Target) -> int:
        return _cite(t, lambda r: _chunk_at(data, r.doc_id, r.value_start), passages)

    def cite_assignment(a: Assignment) -> int:
        return _cite(a, lambda r: _chunk_at(data, r.doc_id, r.start), passages)

    def cite_at(pos: int) -> int:
        doc_id = data.plan(analysis.districts[0]).doc.id
        return cite_chunk(passages, _chunk_at(data, doc_id, pos))

    try:
        summary = summarize(data, analysis, cite_target, cite_assignment, cite_at, keep=keep)
    except LookupError:
        summary = None  # a row without an indexed passage cannot be cited: let the generator answer
    if summary is None:
        del passages[added:]  # leave the list as the pipeline gave it
        return None
    text = re.sub(r"[ \t]+", " ", summary.text)
    return Generation(
        text=text, cited=sorted(summary.cited), refused=False, backend="extractive", grounded=True,
        evidence_score=1.0, guard={"source": summary.source},
    )


def answer_from_table(data: TrainerData, question: str, analysis: QueryAnalysis, passages: list[Passage],
                      keep: Callable[[str], float] | None = None) -> Generation | None:
    """The comparison or summary answer for ``question``, or None when the tables do not answer it."""
    if not _wants_target_comparison(analysis):
        return answer_summary(data, analysis, passages, keep)
    named = list(analysis.districts)
    districts = [d for d in data.districts if d in named] if len(named) >= 2 else data.districts
    # In the plans' wording ("BHYT" → "bảo hiểm y tế"), so the indicator is matched by its name.
    # Every scope a plan sets the indicator for ("thất nghiệp chung … khu vực thành thị"): each is a target asked.
    cmp = compare(analysis.expanded_text, data.targets, districts, all_scopes=True)
    rows: list[Row] = cmp.rows
    if not rows or all(not c.stated for r in rows for c in r.cells):
        return None

    def chunk_of(t: Target) -> Any:
        plan = data.plan_by_id(t.doc_id)
        chunk = plan.chunk_at(t.value_start) if plan else None
        if chunk is None:
            raise LookupError(t.doc_id)
        return chunk

    try:
        text, cited = render(cmp, lambda t: _cite(t, chunk_of, passages))
    except LookupError:
        return None  # a row without an indexed passage cannot be cited: let the generator answer
    text = re.sub(r"[ \t]+", " ", text)
    return Generation(
        text=text, cited=sorted(cited), refused=False, backend="extractive", grounded=True, evidence_score=1.0,
        guard={"source": "bảng chỉ tiêu"},
    )


def make_answerer(store: Any, book: PlanBook | None = None) -> Callable[[str, QueryAnalysis, list[Passage]], Generation | None]:
    """The answerer the pipeline tries first: ``answer(question, analysis, passages)``.

    Rows of the target table come from spans that may not be among the retrieved passages. The answer
    cites them by **appending** ``Passage(chunk=<the indexed chunk holding the row>, score=0, …)`` to
    the ``passages`` list it is given (the very list the pipeline builds citations from after this
    call) and citing their 1-based positions; passages already retrieved are reused, not duplicated.
    Returns ``None`` (passages untouched) unless the question compares targets across districts or
    asks for a summary of one district's targets or assignments that the tables hold.
    """
    data = from_store(store, book=book)
    stats = getattr(store, "stats", None)
    keep = stats.worth_keeping if stats is not None else None

    def answer(question: str, analysis: QueryAnalysis, passages: list[Passage]) -> Generation | None:
        return answer_from_table(data, question, analysis, passages, keep)

    return answer
