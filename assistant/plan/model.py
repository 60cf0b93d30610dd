"""The plan model: everything structured that is known about each plan, built once at index time.

Per document: its facts (number, date, issuer, signer, recipients, implemented documents, status,
blanks as blanks), section outline, 2030 targets, assignments (lead, coordinators) and reporting
duties. It is written as ``plan.json`` inside the index build and loaded with the index, so the
answerer and the trainers' tools read one extraction, never their own.

Example::

    >>> book = build_plan_book(docs, chunks)
    >>> book.save(build_dir)
    >>> PlanBook.load(index_path).plan("kon-ray-2024").facts.number.shown
    '(chưa ghi)'
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.chunking import Chunk
from assistant.corpus import Document
from assistant.plan.extract import Assignment, Para, Target, extract_document
from assistant.plan.facts import DocumentFacts, read_facts
from assistant.plan.outline import Duty, Section, build_outline, find_duties

PLAN_FILE = "plan.json"
PLAN_FORMAT = 1


def _code_version() -> str:
    """Hash of the extraction code: a changed extractor makes the stored plan model stale."""
    h = hashlib.sha1()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


PLAN_VERSION = _code_version()


@dataclass
class PlanModel:
    """One plan, structured."""

    doc_id: str
    district: str
    province: str
    status: str
    facts: DocumentFacts
    outline: list[Section] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    duties: list[Duty] = field(default_factory=list)
    target_section: tuple[int, int] | None = None
    paragraphs: list[Para] = field(default_factory=list)  # the text split as the trainers' tools read it

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    def sections_labelled(self, label: str) -> list[Section]:
        return [s for s in self.outline if s.label.lower() == label.lower()]

    def ancestors(self, sec: Section) -> list[Section]:
        """The sections ``sec`` lies under, from the top (by the outline's links, not by spans)."""
        parent_of = {child: i for i, x in enumerate(self.outline) for child in x.children}
        out, i = [], self.outline.index(sec)
        while i in parent_of:
            i = parent_of[i]
            out.insert(0, self.outline[i])
        return out

    def section_at(self, pos: int) -> Section | None:
        """The deepest section whose span holds ``pos``."""
        inside = [s for s in self.outline if s.start <= pos < s.end]
        # Of equally deep sections, the narrowest: a part whose items were moved in the text spans others.
        return max(inside, key=lambda s: (s.level, s.start - s.end)) if inside else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id, "district": self.district, "province": self.province, "status": self.status,
            "facts": self.facts.to_dict(), "outline": [s.to_dict() for s in self.outline],
            "targets": [t.to_dict() for t in self.targets], "assignments": [a.to_dict() for a in self.assignments],
            "duties": [d.to_dict() for d in self.duties],
            "target_section": list(self.target_section) if self.target_section else None,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PlanModel:
        return cls(
            doc_id=d["doc_id"], district=d["district"], province=d["province"], status=d["status"],
            facts=DocumentFacts.from_dict(d["facts"]),
            outline=[Section.from_dict(s) for s in d["outline"]],
            targets=[target_from_dict(t) for t in d["targets"]],
            assignments=[assignment_from_dict(a) for a in d["assignments"]],
            duties=[Duty.from_dict(x) for x in d["duties"]],
            target_section=tuple(d["target_section"]) if d.get("target_section") else None,  # type: ignore[arg-type]
            paragraphs=[Para.from_dict(p) for p in d.get("paragraphs") or ()],
        )


def target_from_dict(d: dict[str, Any]) -> Target:
    return Target(**{k: v for k, v in d.items() if k in Target.__dataclass_fields__})


def assignment_from_dict(d: dict[str, Any]) -> Assignment:
    fields = {k: v for k, v in d.items() if k in Assignment.__dataclass_fields__}
    for k in ("leads", "partners", "implementers", "topics"):
        fields[k] = tuple(fields.get(k) or ())
    return Assignment(**fields)


@dataclass
class PlanBook:
    """The plan models of the whole corpus, in corpus order."""

    plans: list[PlanModel]

    @property
    def districts(self) -> list[str]:
        return list(dict.fromkeys(p.district for p in self.plans))

    def plan(self, doc_id: str) -> PlanModel | None:
        return next((p for p in self.plans if p.doc_id == doc_id), None)

    def of_district(self, district: str) -> list[PlanModel]:
        return [p for p in self.plans if p.district == district]

    def save(self, folder: Path) -> Path:
        path = Path(folder) / PLAN_FILE
        data = {"format": PLAN_FORMAT, "version": PLAN_VERSION, "plans": [p.to_dict() for p in self.plans]}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    @classmethod
    def load(cls, folder: Path) -> PlanBook:
        """Read ``plan.json`` of an index build (ValueError when missing or of another format)."""
        path = Path(folder) / PLAN_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise ValueError(f"không đọc được {path}: {e}") from e
        if data.get("format") != PLAN_FORMAT:
            raise ValueError(f"{path}: định dạng {data.get('format')} ≠ {PLAN_FORMAT}")
        return cls([PlanModel.from_dict(p) for p in data["plans"]])

    @staticmethod
    def stored_version(folder: Path) -> str | None:
        """Version of the extraction code that wrote ``plan.json`` (None when unreadable)."""
        try:
            return json.loads((Path(folder) / PLAN_FILE).read_text(encoding="utf-8")).get("version")
        except (OSError, ValueError):
            return None


def build_plan(doc: Document, chunks: list[Chunk]) -> PlanModel:
    """Extract one plan's model from its text and its indexed chunks."""
    own = [c for c in chunks if c.doc_id == doc.id]
    tables = extract_document(doc, own)
    return PlanModel(
        doc_id=doc.id, district=doc.district, province=doc.province, status=doc.status,
        facts=read_facts(doc), outline=build_outline(doc, own), targets=tables.targets,
        assignments=tables.assignments, duties=find_duties(doc), target_section=tables.target_section,
        paragraphs=tables.paragraphs,
    )


def build_plan_book(docs: list[Document], chunks: list[Chunk]) -> PlanBook:
    """The plan model of every document (index time)."""
    return PlanBook([build_plan(d, chunks) for d in docs])
