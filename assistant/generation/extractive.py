"""Extractive answering: pick the sentence(s) of the top passages that answer the question.

Deterministic and offline (the default backend). For "ai chủ trì / cơ quan nào" questions it prefers
the assignment line ("... chủ trì ..."), for "chỉ tiêu / tỷ lệ" questions the clause with the number,
for questions about the document itself (number, date, signer) the header and signature lines, and
for "mục 3.4 nói về gì" the section heading. When the best evidence scores below a threshold
(calibrated on the eval set), it refuses instead of guessing.

Example::

    >>> gen = ExtractiveGenerator(idf)
    >>> g = gen.generate(question, passages, analysis)
    >>> g.text, g.cited
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.chunking import Chunk
from assistant.generation.base import Generation, refusal
from assistant.query import QueryAnalysis
from assistant.retrieval import Passage
from assistant.text import STOPWORDS, collapse_ws, fold, syllables

# Calibrated with `assistant eval` on eval/questions.jsonl (see README, "Ngưỡng từ chối").
DEFAULT_THRESHOLD = 0.42

_PARA_SPLIT = re.compile(r"\n\s*\n|\n(?=\s*(?:[-+•]|\*+\s*Thực hiện|[a-zđ]\)|\d+\.)\s)")
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"“*(]*[A-ZÀ-Ỹ\u0110])")
_CLAUSE_SPLIT = re.compile(r";\s+|\.\s+(?=\d)")
_MARKUP = re.compile(r"<[^>]{1,10}>|[*#\\]+")
_LEAD = re.compile(r"^[\s\-+•]*(?:Thực hiện\s*:\s*)?")
_NUMBER = re.compile(r"\d")
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")

# Words that say what kind of answer is wanted, not what it is about: not content for overlap.
_CUE_WORDS = frozenset(
    fold(w)
    for w in ["chủ", "trì", "nhiệm", "vụ", "đơn", "vị", "cơ", "quan", "phòng", "nào", "phụ", "trách", "giao", "trách", "nhiệm", "thực", "hiện", "chỉ", "tiêu", "tỷ", "tỉ", "lệ", "mục", "tiêu", "đặt", "ra", "đạt", "phấn", "đấu", "năm", "2030", "bao", "nhiêu", "số", "hiệu", "ngày", "ký", "ban", "hành", "mục", "phần", "điểm", "khoản", "nói", "gồm", "đề", "cập", "văn", "bản", "kế", "hoạch", "biết", "hãy", "tóm", "tắt", "liệt", "kê", "nêu"]
)


@dataclass
class _Unit:
    passage_idx: int
    text: str  # display text (markup removed, whitespace collapsed)
    folded: set[str]
    bigrams: set[str]
    order: int


def _display(raw: str) -> str:
    text = collapse_ws(_MARKUP.sub("", raw))
    return _LEAD.sub("", text).strip(" ;,")


def _units(chunk: Chunk, idx: int, fine: bool) -> list[_Unit]:
    out: list[_Unit] = []
    for para in _PARA_SPLIT.split(chunk.text):
        pieces = _SENT_SPLIT.split(collapse_ws(para))
        if fine:
            pieces = [c for p in pieces for c in _CLAUSE_SPLIT.split(p)]
        for piece in pieces:
            text = _display(piece)
            if len(text) < 8:
                continue
            syl = syllables(text)
            out.append(
                _Unit(idx, text, set(syl), {f"{a}_{b}" for a, b in zip(syl, syl[1:], strict=False)}, len(out))
            )
    return out


class ExtractiveGenerator:
    """Answers by quoting the best sentences of the retrieved passages, with [n] markers."""

    name = "extractive"

    def __init__(
        self,
        doc_freq: Counter[str] | None = None,
        n_docs: int = 1,
        threshold: float | None = None,
        max_units: int = 3,
    ) -> None:
        if max_units < 1:
            raise ValueError("max_units must be ≥ 1")
        self.doc_freq = doc_freq or Counter()
        self.n_docs = max(1, n_docs)
        self.threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        self.max_units = max_units

    @classmethod
    def from_chunks(cls, chunks: list[Chunk], threshold: float | None = None) -> ExtractiveGenerator:
        """IDF statistics from the indexed chunks (rare words weigh more in overlap)."""
        df: Counter[str] = Counter()
        for c in chunks:
            df.update(set(syllables(c.index_text())))
        return cls(df, len(chunks), threshold)

    def _idf(self, term: str) -> float:
        return math.log(1 + self.n_docs / (1 + self.doc_freq.get(term, 0)))

    def _query_terms(self, qa: QueryAnalysis, districts: set[str]) -> list[str]:
        terms = [s for s in syllables(qa.text) if s not in STOPWORDS and s not in _CUE_WORDS and s not in districts]
        return list(dict.fromkeys(terms))

    def generate(
        self,
        question: str,
        passages: list[Passage],
        analysis: QueryAnalysis,
        history: list[dict[str, str]] | None = None,
    ) -> Generation:
        if not passages:
            return refusal(self.name)
        qa = analysis
        district_syl = {s for p in passages for s in syllables(p.chunk.district)}
        terms = self._query_terms(qa, district_syl)
        q_bigrams = {f"{a}_{b}" for a, b in zip(syllables(qa.text), syllables(qa.text)[1:], strict=False)}
        weights = {t: self._idf(t) for t in terms}
        total = sum(weights.values()) or 1.0

        # Years asked about must appear in the evidence: "chỉ tiêu năm 2040" is not answered by 2030 targets.
        years = set(_YEAR.findall(qa.text))

        fine = qa.intent in ("target", "general")
        scored: list[tuple[float, _Unit]] = []
        for pi, p in enumerate(passages[:6]):
            head = set(syllables(" ".join(p.chunk.headings)))
            chunk_syl = set(syllables(p.chunk.text)) | head
            passage_cov = sum(w for t, w in weights.items() if t in chunk_syl) / total
            rank_prior = 0.12 / (1 + pi)
            for u in _units(p.chunk, pi, fine):
                cov = sum(w for t, w in weights.items() if t in u.folded) / total
                head_cov = sum(w for t, w in weights.items() if t in head and t not in u.folded) / total
                bigram = len(q_bigrams & u.bigrams) / (len(q_bigrams) or 1)
                s = 0.45 * cov + 0.2 * passage_cov + 0.15 * head_cov + 0.2 * bigram + rank_prior
                s += self._intent_bonus(qa, u, p.chunk)
                if years and not years <= set(_YEAR.findall(u.text + " " + p.chunk.text)):
                    s -= 0.5
                scored.append((s, u))
        if not scored:
            return refusal(self.name)
        scored.sort(key=lambda su: (-su[0], su[1].passage_idx, su[1].order))
        best_score, best = scored[0]
        if best_score < self.threshold:
            return refusal(self.name, best_score)

        chosen = [best]
        # Comparison questions: the best unit of each other district named or retrieved.
        if qa.wants_comparison:
            seen = {passages[best.passage_idx].chunk.district}
            for s, u in scored[1:]:
                d = passages[u.passage_idx].chunk.district
                if d not in seen and s >= self.threshold * 0.9:
                    chosen.append(u)
                    seen.add(d)
        else:
            for s, u in scored[1:]:
                if len(chosen) >= self._units_for(qa):
                    break
                if s >= best_score * 0.85 and u.text not in {c.text for c in chosen}:
                    chosen.append(u)

        text, cited = self._compose(chosen, passages)
        return Generation(text, cited, False, self.name, grounded=True, evidence_score=round(best_score, 4))

    def _units_for(self, qa: QueryAnalysis) -> int:
        return {"assignment": 1, "target": 2, "meta": 1, "section": 1}.get(qa.intent, self.max_units)

    @staticmethod
    def _intent_bonus(qa: QueryAnalysis, u: _Unit, chunk: Chunk) -> float:
        f = " ".join(sorted(u.folded))
        if qa.intent == "assignment":
            if "chu" in u.folded and "tri" in u.folded and "chu_tri" in u.bigrams:
                return 0.35
            return -0.05
        if qa.intent == "target":
            return 0.15 if _NUMBER.search(u.text) else -0.1
        if qa.intent == "meta":
            bonus = 0.1 if chunk.kind in ("preamble", "signature") else 0.0
            if re.search(r"(?<!\w)(ky|nguoi ky|ky ban hanh)(?!\w)", qa.folded) and chunk.kind == "signature":
                bonus += 0.2
            if re.search(r"so hieu|ky hieu|so may|so bao nhieu|ke hoach so", qa.folded) and re.match(r"(?i)số\b", u.text):
                bonus += 0.4
            if re.search(r"ngay|khi nao|thoi gian", qa.folded) and re.search(r"ngày\s*(\d|tháng)", u.text):
                bonus += 0.3
            return bonus
        if qa.intent == "section":
            refs = {fold(r) for r in qa.section_refs}
            labels = {fold(label) for label in chunk.labels if label}
            return 0.3 if refs & labels and u.order == 0 else 0.0
        del f
        return 0.0

    @staticmethod
    def _compose(units: list[_Unit], passages: list[Passage]) -> tuple[str, list[int]]:
        parts: list[str] = []
        cited: list[int] = []
        for u in units:
            n = u.passage_idx + 1
            if n not in cited:
                cited.append(n)
            sentence = u.text.rstrip(" .;,:")
            if len(units) > 1 and passages[u.passage_idx].chunk.district not in sentence:
                sentence = f"{passages[u.passage_idx].chunk.district}: {sentence}"
            parts.append(f"{sentence} [{n}].")
        return " ".join(parts), sorted(cited)

    def stream(
        self,
        question: str,
        passages: list[Passage],
        analysis: QueryAnalysis,
        history: list[dict[str, str]] | None = None,
    ) -> Iterator[str | Generation]:
        """The extractive answer is ready at once; it is streamed word by word for a uniform UI."""
        g = self.generate(question, passages, analysis, history)
        words = g.text.split(" ")
        for i, w in enumerate(words):
            yield w if i == len(words) - 1 else w + " "
        yield g
