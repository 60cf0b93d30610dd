"""Score target extraction against the hand-checked gold lists in ``eval/targets_gold_<plan>.jsonl``.

Matching rule (one-to-one, greedy): an extracted target matches a gold row when

* it comes from the same plan (``doc_id``, hence the same district),
* its value(s) are equal (``value`` and, for ranges, ``value_max``; "05%" is 5),
* its normalised unit is equal ("%", "m² sàn/người", "giường bệnh/10.000 dân", …; "" for a number the
  plan writes without a unit), and
* its indicator agrees: the same normalised name, **or** its clause span overlaps the span of the gold
  row's ``quote`` in the plan text.

Precision = matched / extracted rows of the plan; recall = matched / gold rows. Comparator and scope
are not part of the match; their agreement on matched rows is reported separately.

Kon Rẫy assignment coverage counts the ``Thực hiện:`` lines in the raw text and checks that each has an
extracted row whose lead agency equals the words between "Thực hiện:" and "chủ trì" (or, for lines
without "chủ trì", the agencies before the verb).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.corpus import Document
from assistant.plan.extract import PlanExtraction, Target
from assistant.text import fold, nfc


class GoldError(ValueError):
    """A gold row cannot be located in its plan (the quote is missing or ambiguous)."""


@dataclass
class GoldRow:
    doc_id: str
    district: str
    indicator: str
    comparator: str
    value: float
    value_max: float | None
    unit: str
    scope: str
    quote: str
    start: int = 0
    end: int = 0
    note: str = ""


@dataclass
class PlanScore:
    doc_id: str
    district: str
    gold: int
    extracted: int
    matched: int
    missed: list[GoldRow] = field(default_factory=list)
    spurious: list[Target] = field(default_factory=list)
    comparator_agree: int = 0
    scope_agree: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id, "district": self.district, "gold": self.gold, "extracted": self.extracted,
            "matched": self.matched, "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "comparator_agreement": round(self.comparator_agree / self.matched, 4) if self.matched else 0.0,
            "scope_agreement": round(self.scope_agree / self.matched, 4) if self.matched else 0.0,
            "missed": [g.quote for g in self.missed],
            "spurious": [f"{t.indicator}: {t.display} «{t.text}»" for t in self.spurious],
        }


def _quote_span(text: str, quote: str) -> tuple[int, int]:
    # Whitespace-tolerant (hard-wrapped plans break lines anywhere); the quote must be unique.
    pattern = r"(?<![\d,.])" + r"\s+".join(re.escape(w) for w in nfc(quote).split())
    hits = [m.span() for m in re.finditer(pattern, text)]
    if len(hits) != 1:
        raise GoldError(f"trích dẫn «{quote}» xuất hiện {len(hits)} lần trong văn bản (cần đúng 1 lần)")
    return hits[0]


def load_gold(path: Path, docs: dict[str, Document]) -> list[GoldRow]:
    """Gold rows of one file, each located in its plan's text."""
    rows: list[GoldRow] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        d = json.loads(line)
        row = GoldRow(**{k: d[k] for k in GoldRow.__dataclass_fields__ if k in d})
        doc = docs.get(row.doc_id)
        if doc is None:
            raise GoldError(f"{path}:{n}: không có văn bản '{row.doc_id}' trong kho")
        try:
            row.start, row.end = _quote_span(doc.text, row.quote)
        except GoldError as e:
            raise GoldError(f"{path}:{n}: {e}") from None
        rows.append(row)
    return rows


def _same_value(t: Target, g: GoldRow) -> bool:
    if abs(t.value - float(g.value)) > 1e-9:
        return False
    if (t.value_max is None) != (g.value_max is None):
        return False
    return t.value_max is None or abs(t.value_max - float(g.value_max)) < 1e-9  # type: ignore[arg-type]


def score_plan(plan: PlanExtraction, gold: list[GoldRow]) -> PlanScore:
    """Precision and recall of one plan's extracted targets against its gold rows."""
    extracted = list(plan.targets)
    free = set(range(len(extracted)))
    s = PlanScore(plan.doc.id, plan.doc.district, len(gold), len(extracted), 0)
    for g in gold:
        best = None
        for i in sorted(free):
            t = extracted[i]
            if t.doc_id != g.doc_id or t.unit != g.unit or not _same_value(t, g):
                continue
            overlap = t.start < g.end and g.start < t.end
            if overlap or fold(t.indicator) == fold(g.indicator):
                # Prefer the row whose clause overlaps the quote: "100%" appears many times per plan.
                if best is None or overlap:
                    best = i
                if overlap:
                    break
        if best is None:
            s.missed.append(g)
            continue
        free.discard(best)
        s.matched += 1
        t = extracted[best]
        s.comparator_agree += t.comparator == g.comparator
        s.scope_agree += t.scope == g.scope
    s.spurious = [extracted[i] for i in sorted(free)]
    return s


_THUC_HIEN = re.compile(r"Thực\s+hiện\s*:\s*(?P<body>[^\n]*)")


def expected_kon_ray_leads(text: str) -> list[tuple[int, str]]:
    """(offset, lead agency) of every "Thực hiện:" line, read with plain string operations."""
    out = []
    for m in _THUC_HIEN.finditer(text):
        body = m.group("body").replace("*", "").strip()
        if "chủ trì" in body:
            lead = body.split("chủ trì")[0]
        else:
            lead = re.split(r"\s(?:triển khai|theo chức năng)", body)[0]
        out.append((m.start(), lead.strip(" ,;")))
    return out


def kon_ray_assignment_coverage(plan: PlanExtraction) -> tuple[int, int, list[str]]:
    """(lines, lines whose extracted lead is right, problems) for the ``Thực hiện:`` lines of a plan."""
    expected = expected_kon_ray_leads(plan.doc.text)
    rows = [a for a in plan.assignments if a.kind == "thực hiện"]
    ok, problems = 0, []
    for pos, lead in expected:
        row = next((a for a in rows if a.start <= pos < a.end), None)
        if row is None:
            problems.append(f"ký tự {pos}: không trích được dòng «Thực hiện: {lead} …»")
        elif row.lead != lead:
            problems.append(f"ký tự {pos}: chủ trì trích được «{row.lead}», đúng là «{lead}»")
        else:
            ok += 1
    return len(expected), ok, problems


def gold_files(eval_dir: Path) -> list[Path]:
    return sorted(Path(eval_dir).glob("targets_gold_*.jsonl"))


def score_all(plans: list[PlanExtraction], eval_dir: Path) -> list[PlanScore]:
    """Scores of every plan that has a gold file in ``eval_dir``."""
    docs = {p.doc.id: p.doc for p in plans}
    by_id = {p.doc.id: p for p in plans}
    out = []
    for path in gold_files(eval_dir):
        gold = load_gold(path, docs)
        if not gold:
            continue
        out.append(score_plan(by_id[gold[0].doc_id], gold))
    return out
