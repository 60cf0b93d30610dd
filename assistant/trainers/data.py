"""The targets and assignments of the whole corpus, shared by the CLI, the API and the chat.

With an index store they come from the plan model written at index time (``plan.json``, see
:mod:`assistant.plan.model`), never extracted a second time, and the store's own chunks are the
passages that rows cite. Without an index (``assistant compare`` on a corpus folder) the plans are
extracted here, by the same code.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from assistant.chunking import Chunk
from assistant.corpus import Document, corpus_hash, load_corpus
from assistant.plan.extract import Assignment, PlanExtraction, Target, extract_corpus, split_paragraphs
from assistant.plan.model import PLAN_FILE, PlanBook, PlanModel
from assistant.text import fold

log = logging.getLogger(__name__)


class UnknownDistrictError(ValueError):
    """A district name matches no plan; the message (Vietnamese) lists the districts."""


@dataclass
class TrainerData:
    """Targets and assignments of every plan, in corpus order."""

    plans: list[PlanExtraction]

    @property
    def districts(self) -> list[str]:
        return list(dict.fromkeys(p.doc.district for p in self.plans))

    @property
    def targets(self) -> list[Target]:
        return [t for p in self.plans for t in p.targets]

    @property
    def assignments(self) -> list[Assignment]:
        return [a for p in self.plans for a in p.assignments]

    def resolve_district(self, name: str | None) -> str:
        """Canonical district name for a user-typed one ("lac duong", "Lạc Dương")."""
        if name is None or not name.strip():
            raise UnknownDistrictError("Chưa chọn huyện. Các huyện hiện có: " + ", ".join(self.districts) + ".")
        for d in self.districts:
            if fold(d) == " ".join(fold(name).split()):
                return d
        raise UnknownDistrictError(
            f"Không có huyện '{name.strip()}' trong kho văn bản. Các huyện hiện có: {', '.join(self.districts)}."
        )

    def plan(self, district: str) -> PlanExtraction:
        d = self.resolve_district(district)
        return next(p for p in self.plans if p.doc.district == d)

    def plan_by_id(self, doc_id: str) -> PlanExtraction | None:
        return next((p for p in self.plans if p.doc.id == doc_id), None)


_CACHE: dict[tuple[Any, ...], TrainerData] = {}


def from_documents(docs: list[Document], chunks: list[Chunk] | None = None) -> TrainerData:
    """Extract (or reuse the cached extraction of) these documents, citing ``chunks`` when given."""
    key = (corpus_hash(docs), None if chunks is None else hash(tuple(c.id for c in chunks)))
    if key not in _CACHE:
        _CACHE[key] = TrainerData(extract_corpus(docs, chunks))
    return _CACHE[key]


def from_corpus(corpus_dir: Path) -> TrainerData:
    """Tables of the plans in ``corpus_dir`` (chunked here, no index needed)."""
    return from_documents(load_corpus(corpus_dir))


def _matches(doc: Document, chunks: list[Chunk]) -> bool:
    return all(doc.text[c.start:c.end] == c.text for c in chunks)


def _paragraphs_fit(doc: Document, model: PlanModel) -> bool:
    """The stored paragraphs are spans of this very text."""
    return all(doc.text[p.start:p.end].replace("\r", " ").replace("\n", " ") == p.flat for p in model.paragraphs)


def _rebuilt(meta: dict[str, Any], chunks: list[Chunk]) -> Document:
    """A document whose text is put back together from its chunks (gaps as blank lines)."""
    size = max((c.end for c in chunks), default=0)
    buf = ["\n"] * size
    for c in chunks:
        buf[c.start:c.end] = list(c.text)
    raw_date = meta.get("date")
    return Document(
        id=str(meta["id"]), file=str(meta.get("file", "")), district=str(meta["district"]),
        province=str(meta.get("province", "")), issuing_body=str(meta.get("issuing_body", "")),
        title=str(meta.get("title", "")), status=str(meta.get("status", "final")), text="".join(buf),
        number=meta.get("number"), date=date.fromisoformat(raw_date) if raw_date else None, year=meta.get("year"),
        signer=meta.get("signer"), signer_title=meta.get("signer_title"),
        implements=tuple(meta.get("implements") or ()),
    )


_STORE_CACHE: dict[tuple[int, str], tuple[Any, TrainerData]] = {}


def from_store(store: Any, corpus_dir: Path | None = None, book: PlanBook | None = None) -> TrainerData:
    """Tables for an index store: plan texts from the corpus folder when they match the indexed chunks,
    else rebuilt from the chunks themselves (so a moved corpus still gives consistent spans). ``book``: the
    store's plan model when the caller has loaded it already.

    Cached per store object: an API process asks for every request."""
    key = (id(store), str(corpus_dir))
    hit = _STORE_CACHE.get(key)
    if hit is not None and hit[0] is store:
        return hit[1]
    data = _from_store(store, corpus_dir, book)
    _STORE_CACHE[key] = (store, data)
    return data


def _from_store(store: Any, corpus_dir: Path | None, book: PlanBook | None) -> TrainerData:
    if corpus_dir is None:
        from assistant.config import load_settings

        corpus_dir = load_settings().corpus_dir
    by_doc: dict[str, list[Chunk]] = {}
    for c in store.chunks:
        by_doc.setdefault(c.doc_id, []).append(c)
    try:
        loaded = {d.id: d for d in load_corpus(Path(corpus_dir))}
    except Exception as e:  # noqa: BLE001 - any unreadable corpus falls back to the chunks
        log.warning("trainers: corpus not readable (%s); rebuilding plan texts from the index", e)
        loaded = {}
    docs: list[Document] = []
    for meta in store.manifest.documents:
        doc = loaded.get(str(meta["id"]))
        chunks = by_doc.get(str(meta["id"]), [])
        docs.append(doc if doc is not None and _matches(doc, chunks) else _rebuilt(meta, chunks))
    path = getattr(store, "path", None)
    if book is None:
        if path is None or not (Path(path) / PLAN_FILE).exists():
            return from_documents(docs, list(store.chunks))
        book = PlanBook.load(Path(path))
    plans = []
    for doc in docs:
        model = book.plan(doc.id)
        if model is None:
            return from_documents(docs, list(store.chunks))
        own = sorted(by_doc.get(doc.id, []), key=lambda c: c.start)
        # Paragraph offsets index this text: split it anew when it is not the text the model was built from.
        paras = model.paragraphs if model.paragraphs and _paragraphs_fit(doc, model) else split_paragraphs(doc.text)
        plans.append(PlanExtraction(doc, own, paras, model.targets, model.assignments, model.target_section))
    return TrainerData(plans)
