"""The one code path from a question to a cited answer, shared by the CLI, the API and the eval.

Example::

    >>> assistant = Assistant.from_settings(load_settings())
    >>> result = assistant.ask("Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?")
    >>> result["answer"], result["citations"][0]["breadcrumb"]
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from assistant import textstats
from assistant.chunking import Chunk
from assistant.config import Settings
from assistant.corpus import Document, corpus_hash, load_corpus
from assistant.embeddings import CachedEmbeddings, make_embedder, model_id_of
from assistant.followup import rewrite_followup
from assistant.generation.base import REFUSAL, Generation, Generator
from assistant.generation.extractive import ExtractiveGenerator
from assistant.generation.facets import FacetAnswerer
from assistant.generation.facets.neighbours import asks_neighbour
from assistant.generation.spans import answer_spans
from assistant.generation.verdict import lead_guess, with_lead_verdict, with_verdict
from assistant.pgstore import PgStore, is_postgres, loaded_version, replica_dirs, replica_name
from assistant.plan.model import PLAN_VERSION, PlanBook, build_plan_book
from assistant.plan.topics import topics_named
from assistant.query import (
    FIGURE_WITH_UNIT,
    QueryAnalysis,
    split_question,
)
from assistant.retrieval import HybridRetriever, Passage, cite_chunk
from assistant.store import (
    IndexStore,
    IndexUnavailable,
    build_index,
    indexed_documents,
    load_index,
    read_manifest,
    resolve_vector_index,
)
from assistant.stories import MIN_ASKED_WORDS, WHICH_PLANS, is_story, specific_terms, story_retries
from assistant.text import STOPWORDS, find_names, fold, nfc, syllables
from assistant.trainers.chat import make_answerer
from assistant.trainers.summary import briefs_topic

log = logging.getLogger(__name__)


_MARKER = re.compile(r"\[(\d{1,2})\]")


def renumber_citations(g: Generation, passages: list[Passage]) -> tuple[Generation, list[Passage]]:
    """Number cited passages 1..m in order of first mention, so markers read [1], [2], … .

    Returns the renumbered generation and the cited passages in their new order.
    """
    order: list[int] = []
    for m in _MARKER.finditer(g.text):
        n = int(m.group(1))
        if 1 <= n <= len(passages) and n not in order:
            order.append(n)
    order += [n for n in g.cited if n not in order and 1 <= n <= len(passages)]
    cited = [passages[n - 1] for n in order]
    if order == list(range(1, len(order) + 1)):
        return replace(g, cited=list(order)), cited
    mapping = {old: new for new, old in enumerate(order, start=1)}
    text = _MARKER.sub(lambda m: f"[{mapping[int(m.group(1))]}]" if int(m.group(1)) in mapping else m.group(0), g.text)
    spans = {mapping[n]: v for n, v in g.spans.items() if n in mapping}
    return replace(g, text=text, cited=sorted(mapping.values()), spans=spans), cited


_LOWER_AFTER_CITE = re.compile(r"(\]\s*\.\s+|^\s*|\n-\s+)([a-zà-ỹđ])(?!\))")
_REPEATED_MARK = re.compile(r"(\[\d{1,2}\])(?:\s*\1)+")


def tidy_answer(text: str) -> str:
    """Display form of an answer: no markdown markers, and a sentence after a citation starts in capitals."""
    text = _REPEATED_MARK.sub(r"\1", re.sub(r"\*{1,3}|(?<!\w)#{1,6}\s", "", text))
    return _LOWER_AFTER_CITE.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def _merged(g: Generation, own: list[Passage], passages: list[Passage]) -> tuple[str, list[int], dict[int, Any]]:
    """A sub-answer over its own passages, re-cited into ``passages`` (shared chunks once, new ones appended):
    its text with renumbered markers, the numbers it cites and their sentence spans."""
    index = {i: cite_chunk(passages, p.chunk) for i, p in enumerate(own, start=1)}
    text = _MARKER.sub(lambda m: f"[{index.get(int(m.group(1)), int(m.group(1)))}]", g.text)
    return text, [index[n] for n in g.cited if n in index], {index[n]: v for n, v in g.spans.items() if n in index}


# "Huyện nào …, Kon Rẫy hay Lạc Dương?": which of the plans named, not each of them.
_WHICH_OF_THEM = re.compile(r"(?<!\w)(huyen|noi|ke hoach|kh|ben|dia phuong) nao(?!\w)")
# The clause picking one of the plans, to the question's end ("…, bên nào cao hơn?"); folded.
_WHICH_CLAUSE = re.compile(r"[,;]?\s*(?<!\w)(?:huyen|noi|ke hoach|kh|ben|dia phuong|cai) nao(?!\w)"
                           r"(?:[^,;?]*?(?P<more>(?:cao|thap|nhieu|it|lon|nho) hon))?[^,;]*$")


def _repeats(text: str, said: str) -> bool:
    """Every sentence of ``text`` is already in ``said`` (citation markers aside)."""
    plain = [x.strip(" .;") for x in re.split(r"(?<=[.;])\s+", _MARKER.sub("", text))]
    before = re.sub(r"\s+", " ", _MARKER.sub("", said))
    return bool(said) and all(re.sub(r"\s+", " ", x) in before for x in plain if x)


def _new_sentences(text: str, said: str) -> str:
    """``text`` without its cited sentences ``said`` already holds (a part's answer quoting again a sentence the
    part before it quoted)."""
    before = re.sub(r"\s+", " ", _MARKER.sub("", said))
    kept = [x for x in re.split(r"(?<=\]\.)\s+", text)
            if not (_MARKER.search(x) and (plain := re.sub(r"\s+", " ", _MARKER.sub("", x)).strip(" .;")) and plain in before)]
    return " ".join(kept)


def _each_own_district(parts: list[str], districts: list[str], gen: ExtractiveGenerator) -> bool:
    """"Kim Động giao ai chủ trì tuyên truyền, còn Kon Rẫy đặt tỷ lệ nhà ở bao nhiêu": each part names one district of
    its own and its own topic, so each is a question of its own, not one comparison."""
    named = [find_names(p, districts) for p in parts]
    if not (all(len(n) == 1 for n in named) and len({n[0] for n in named}) == len(parts)):
        return False
    places = {w for d in districts for w in syllables(d)}
    words = [set(syllables(p)) - STOPWORDS - places for p in parts]
    # Each part says a topic of its own: words no other part says ("… bao nhiêu, còn Lạc Dương bao nhiêu" says none).
    return all(len(w - set().union(*(o for j, o in enumerate(words) if j != i))) >= MIN_ASKED_WORDS
               and (len(specific_terms(parts[i], gen)) >= MIN_ASKED_WORDS or topics_named(parts[i])
                    or len(w) >= 2 * MIN_ASKED_WORDS)
               for i, w in enumerate(words))


# A part asking only when ("chỉ tiêu đến năm nào?", "tính tới khi nào?") of what the part before asked about.
_ONLY_YEAR_ASKED = re.compile(
    r"^\W*(va |con )?(chi tieu|muc tieu|cai nay|viec nay|dieu nay)?\s*(do |nay |ay |tren |nhung )?(dat |tinh |phan dau |dat ra )?"
    r"(den|toi|vao|dat|cho)?\s*"
    r"(nam nao|moc (thoi gian|nam) nao|khi nao|bao gio|luc nao)( \([^()]*\))?\W*$"
)
_HORIZON = re.compile(r"\bnăm\s+\d{4}\b")
# A part asking for a figure ("bao nhiêu % đi học nghề"), not for what the plan says ("nhà tạm thì KH tính sao").
# ("ký ngày bao nhiêu" asks a date.)
_ASKS_FIGURE = re.compile(r"(?<!ngay )bao nhieu|(?<!\w)may (phan tram|%|nguoi|m2|met)|muc nao|ty le|ti le|%|con so|chi tieu|muc tieu"
                          r"|(lua|do) tuoi nao")


# Where something is sent ("… tổng hợp báo cáo gửi những nơi nào"): the names of the senders and of the report in
# the answer so far say nothing of who receives it.
_ASKS_DESTINATION = re.compile(r"(?<!\w)(gui|nop|chuyen)( \w+){0,3}? (cho |den |ve |toi |len )?(nhung |cac )?"
                               r"(noi|dau|ai|co quan|don vi) ?(nao)?(?!\w)")


# A follow-up asking when ("mốc thời gian của đề án ra sao", "đến năm nào"): a year in the answer says it.
_WHEN_ASKED = re.compile(r"(?<!\w)(moc thoi gian|thoi han|thoi gian|khi nao|bao gio|(den |toi )?nam nao|giai doan nao)(?!\w)")
_YEAR_SAID = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
# A follow-up asking how a figure differs between town and countryside ("ở thị trấn với ở quê có khác nhau không"):
# the answer listing both scopes' figures says it.
_SCOPE_ONLY = frozenset("thi tran que do thanh nong thon khu vuc khac nhau chenh lech giong".split())
_BOTH_SCOPES = re.compile(r"(?=.*(?<!\w)(do thi|thanh thi)(?!\w))(?=.*(?<!\w)nong thon(?!\w))")


def _already_answered(part: str, answer: str, first: str = "", districts: list[str] | None = None) -> bool:
    """Most content words of a follow-up part already appear in the answer given so far (a part asking how many
    or how much needs its own figure: the words alone do not answer it). Words only this part has, next to the
    first part ("Về văn hóa, …" after "Về giáo dục, …"), must be among them. The districts named (the part
    carries its plan's name) are not what it asks."""
    folded = fold(part)
    if re.search(r"(?<!\w)(bao nhieu|may)(?!\w)", folded) or _ASKS_DESTINATION.search(folded):
        return False
    for d in districts or ():
        name = rf"(?<!\w){re.escape(fold(d))}(?!\w)"
        if re.search(name, folded) and first and not re.search(name, fold(first)) and not re.search(name, fold(answer)):
            return False  # "…, còn ở Kon Rẫy ai chủ trì …": another plan's answer is not given yet
        folded = re.sub(name, " ", folded)
    when = _WHEN_ASKED.search(folded)
    if when is not None:
        folded = folded[: when.start()] + " " + folded[when.end() :]
    asked = [w for w in syllables(folded) if w not in STOPWORDS and len(w) > 1]
    if when is not None:
        # The year must stand in a sentence saying what the part asks the time of ("… Đề án … đến năm 2025").
        return any(_YEAR_SAID.search(x) and set(asked) <= set(syllables(x)) for x in re.split(r"[.;\n]", answer))
    if asked and set(asked) <= _SCOPE_ONLY and {"thi", "que", "nong"} & set(asked):
        return bool(_BOTH_SCOPES.search(fold(answer)))
    said = set(syllables(answer))
    own = set(asked) - set(syllables(first))
    if first and own and not own <= said:
        return False
    return bool(asked) and sum(w in said for w in asked) >= 0.8 * len(asked)


class QuestionError(ValueError):
    """The question cannot be processed (empty, too long); the message is for the user, in Vietnamese."""


def validate_question(question: object, max_chars: int) -> str:
    """NFC, trimmed question text, or :class:`QuestionError`."""
    if not isinstance(question, str) or not question.strip():
        raise QuestionError("Câu hỏi trống. Hãy nhập một câu hỏi về các kế hoạch.")
    if any("\ud800" <= ch <= "\udfff" for ch in question):
        # Bytes that were not UTF-8 (a terminal in another encoding), or a lone surrogate a JSON string may escape
        # ("\ud800"): no UTF-8 text can hold them, so say so rather than fail to encode later.
        raise QuestionError("Câu hỏi có byte không phải UTF-8. Hãy gõ lại câu hỏi (bảng mã Unicode UTF-8).")
    q = nfc(question).strip()
    if len(q) > max_chars:
        raise QuestionError(f"Câu hỏi quá dài ({len(q)} ký tự); tối đa {max_chars} ký tự.")
    return q


def open_embedder(settings: Settings) -> CachedEmbeddings:
    """The configured embedder wrapped in the on-disk cache under the index folder."""
    cache = Path(settings.cache_dir or Path(settings.index_dir) / "cache")
    inner = make_embedder(settings.embedding_model, settings.embedding_device, settings.embedding_batch_size,
                          cache_dir=settings.model_dir)
    model_id = model_id_of(inner)
    return CachedEmbeddings(inner, cache / "embeddings.sqlite", model_id)


def index_status(settings: Settings, model_id: str) -> tuple[bool, list[str]]:
    """(usable, reasons it is stale or missing). Raises :class:`IndexUnavailable` for a broken index."""
    manifest = read_manifest(settings.index_dir)
    if manifest is None:
        return False, ["chưa có chỉ mục"]
    docs = load_corpus(settings.corpus_dir)
    reasons = manifest.stale_reasons(
        model_id=model_id, corpus=corpus_hash(docs), chunk_max_chars=settings.chunk_max_chars,
        vector_index=resolve_vector_index(settings.vector_index, manifest.n_chunks, settings.ann_min_chunks),
    )
    if PlanBook.stored_version(Path(settings.index_dir) / "current") != PLAN_VERSION:
        reasons.append("bộ trích xuất mô hình kế hoạch đã thay đổi")
    if textstats.stored_version(Path(settings.index_dir) / "current") != textstats.STATS_VERSION:
        reasons.append("cách tách từ đã thay đổi")
    return not reasons, reasons


def ensure_index(
    settings: Settings,
    embedder: CachedEmbeddings,
    *,
    force: bool = False,
    repair: bool = False,
    rebuild_if_stale: bool = True,
    stale_ok: bool = False,
    progress: Callable[[int, int], None] | None = None,
    notify: Callable[[str], None] | None = None,
) -> IndexStore:
    """Load the index, building it when missing and rebuilding it when the corpus, model or chunker
    changed. A damaged index is an error (with the fix) unless ``repair`` or ``force`` is set.
    ``stale_ok``: an intact index built from an older corpus is loaded as it is (the caller rebuilds later)."""
    try:
        fresh, reasons = index_status(settings, model_id_of(embedder))
        if fresh and not force:
            return load_index(settings.index_dir)
        if stale_ok and not force and read_manifest(settings.index_dir) is not None:
            return load_index(settings.index_dir)
    except IndexUnavailable as e:
        if not (repair or force):
            raise
        fresh, reasons = False, [str(e)]
    if not force and not rebuild_if_stale:
        raise IndexUnavailable("Chỉ mục cần xây dựng lại (" + "; ".join(reasons) + "). Chạy `assistant index`.")
    if notify:
        notify("Đang xây dựng chỉ mục" + ("" if force else " (" + "; ".join(reasons) + ")") + "…")
    if is_postgres(settings.store):
        return _build_shared(settings, embedder, force=force, progress=progress, notify=notify)
    docs = load_corpus(settings.corpus_dir)
    return build_index(
        docs, embedder, settings.index_dir, chunk_max_chars=settings.chunk_max_chars, progress=progress,
        extras=_write_plan_model, notify=notify,
        vector_index=settings.vector_index, ann_min_chunks=settings.ann_min_chunks,
    )


def _build_shared(
    settings: Settings,
    embedder: CachedEmbeddings,
    *,
    force: bool,
    progress: Callable[[int, int], None] | None,
    notify: Callable[[str], None] | None,
) -> IndexStore:
    """PostgreSQL store: build under the store's lock, publish as a new version, serve the published copy.

    A replica that waited for another one's build takes that build when it is current for this code."""
    pg = PgStore(settings.store)
    index_dir, corpus_root = replica_dirs(settings)
    with pg.build_lock(notify):
        latest = pg.current_version()
        if latest is not None and latest != loaded_version(index_dir) and not force:
            pg.materialize(latest, index_dir, corpus_root)
            if index_status(settings, model_id_of(embedder))[0]:
                return load_index(index_dir)
        _seed_embeddings(index_dir, embedder)
        docs = load_corpus(settings.corpus_dir)
        store = build_index(
            docs, embedder, index_dir, chunk_max_chars=settings.chunk_max_chars, progress=progress,
            extras=_write_plan_model, notify=notify,
        vector_index=settings.vector_index, ann_min_chunks=settings.ann_min_chunks,
        )
        version = pg.publish(store.path, Path(settings.corpus_dir).resolve(), builder=replica_name())
        pg.materialize(version, index_dir, corpus_root)
    # The copy read back from the database is what every replica serves; its checksums prove it whole.
    return load_index(index_dir)


def _seed_embeddings(index_dir: Path, embedder: CachedEmbeddings) -> None:
    """A replica that never built (empty cache) re-embeds only what changed: the vectors of the version it serves
    come from the database, by the same model, and go into its cache first."""
    try:
        current = load_index(index_dir)
    except IndexUnavailable:
        return
    if current.manifest.embedding_model != model_id_of(embedder):
        return
    vectors = current.vectors.reconstruct_n(0, current.vectors.ntotal)
    added = embedder.seed([c.index_text() for c in current.chunks], vectors)
    if added:
        log.info("Bộ đệm vectơ: %d vectơ lấy từ phiên bản đang phục vụ.", added)


def _write_plan_model(docs: list[Document], chunks: list[Chunk], build_dir: Path) -> None:
    """Extract the plan model once, at index time, inside the atomic build."""
    build_plan_book(docs, chunks).save(build_dir)


def load_plan_book(store: IndexStore) -> PlanBook:
    """The plan model written with the index build (:class:`IndexUnavailable` when it cannot be read)."""
    try:
        return PlanBook.load(store.path)
    except ValueError as e:
        raise IndexUnavailable(f"Mô hình kế hoạch hỏng ({e}). Chạy `assistant index --force`.") from e


@dataclass
class Assistant:
    """Retriever + generators, loaded once and reused for every question."""

    settings: Settings
    store: IndexStore
    embedder: Embeddings
    retriever: HybridRetriever
    generators: dict[str, Generator]
    # Answerers tried before the generator, e.g. cross-district comparisons from extracted tables.
    # Each takes (question, analysis, passages) and returns a Generation or None.
    specialists: list[Callable[[str, QueryAnalysis, list[Passage]], Generation | None]] = field(default_factory=list)
    plans: PlanBook | None = None

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        build_if_needed: bool = True,
        stale_ok: bool = False,
        progress: Callable[[int, int], None] | None = None,
        notify: Callable[[str], None] | None = None,
    ) -> Assistant:
        """Load (building when needed) the index and everything answering needs. ``stale_ok``: keep an intact
        index of an older corpus (``assistant serve`` answers from it while it rebuilds in the background)."""
        embedder = open_embedder(settings)
        store = ensure_index(
            settings, embedder, rebuild_if_stale=build_if_needed, stale_ok=stale_ok, progress=progress, notify=notify
        )
        store.ef_search = settings.hnsw_ef_search
        retriever = HybridRetriever(store, embedder)
        extractive = ExtractiveGenerator.from_chunks(store.chunks, settings.refusal_threshold, store.stats)
        generators: dict[str, Generator] = {"extractive": extractive}
        book = load_plan_book(store)
        facets = FacetAnswerer(book, store.chunks, store.stats)
        specialists = [lambda _q, qa, passages: facets.answer(qa, passages), make_answerer(store, book)]
        return cls(settings, store, embedder, retriever, generators, specialists, book)

    @property
    def districts(self) -> list[str]:
        return self.retriever.districts

    def documents(self) -> dict[str, Document]:
        """The plans as this index was built from them, by id: what the citations' offsets point into (the
        corpus folder may already hold newer texts while a rebuild runs)."""
        return {d.id: d for d in indexed_documents(self.store)}

    def generator(self, name: str | None) -> Generator:
        """The generator for a backend name; LLM backends are created on first use."""
        key = (name or self.settings.backend).strip().lower()
        if key not in self.generators:
            from assistant.generation import backends

            self.generators[key] = backends.make_backend(key, self.settings, self.generators["extractive"])
        return self.generators[key]

    def standalone_question(self, question: str, history: list[dict[str, str]] | None, gen: Generator) -> str:
        """Rewrite a follow-up into a standalone question (LLM backends may do it themselves)."""
        q = validate_question(question, self.settings.max_question_chars)
        if not history:
            return q
        rewrite = getattr(gen, "rewrite_question", None)
        if callable(rewrite):
            try:
                return validate_question(rewrite(q, history), self.settings.max_question_chars)
            except Exception as e:  # noqa: BLE001 - a failed rewrite must not lose the question
                log.warning("rewrite_question failed (%s); using the rule-based rewrite", e)
        return rewrite_followup(q, history, self.retriever.districts, self.retriever.aliases)

    def _specialist(self, question: str, analysis: QueryAnalysis, passages: list[Passage]) -> Generation | None:
        for specialist in self.specialists:
            g = specialist(question, analysis, passages)
            if g is not None:
                return g
        return None

    def _prepare(
        self, question: str, history: list[dict[str, str]] | None, district: str | None, top_k: int | None,
        backend: str | None, document: str | None,
    ) -> tuple[Generator, list[Passage], QueryAnalysis]:
        """Backend, standalone question and its passages: what both ``ask`` and ``ask_stream`` start with."""
        gen = self.generator(backend)
        question = self.standalone_question(question, history, gen)
        passages, analysis = self.retrieve(question, district=district, top_k=top_k, document=document)
        chosen = self.retriever.resolve_district(district)
        if chosen and not analysis.districts:
            # A district chosen in the page scopes the question as if it named the district.
            analysis = replace(analysis, districts=[chosen])
        elif chosen and chosen not in analysis.districts:
            # "… ở Kon Rẫy?" asked with "Lạc Dương" chosen: the filter leaves the asked plan out; say so.
            analysis = replace(analysis, excluded=list(analysis.districts), districts=[chosen])
        return gen, passages, analysis

    def retrieve(
        self, question: str, *, district: str | None = None, top_k: int | None = None, document: str | None = None
    ) -> tuple[list[Passage], QueryAnalysis]:
        """The ``top_k`` passages for a question (optionally within one district or one document)."""
        q = validate_question(question, self.settings.max_question_chars)
        k = top_k or self.settings.top_k
        if not 1 <= k <= 50:
            raise QuestionError("top_k phải trong khoảng 1–50.")
        out = self.retriever.run(q, top_k=k, district=district, doc_id=document)
        return out["passages"], out["analysis"]  # type: ignore[return-value]

    def ask(
        self,
        question: str,
        *,
        district: str | None = None,
        top_k: int | None = None,
        history: list[dict[str, str]] | None = None,
        backend: str | None = None,
        document: str | None = None,
    ) -> dict[str, Any]:
        """Answer a question: ``{answer, refused, grounded, citations, backend, timings_ms, ...}``."""
        t0 = time.perf_counter()
        gen, passages, analysis = self._prepare(question, history, district, top_k, backend, document)
        t1 = time.perf_counter()
        g = self._composed(gen, analysis, passages, district=district, top_k=top_k, document=document) or (
            gen.generate(analysis.text, passages, analysis, history)
        )
        t2 = time.perf_counter()
        return self._result(g, passages, analysis, {"retrieve": t1 - t0, "generate": t2 - t1, "total": t2 - t0})

    def _composed(
        self, gen: Generator, analysis: QueryAnalysis, passages: list[Passage], *, district: str | None, top_k: int | None,
        document: str | None,
    ) -> Generation | None:
        """An answer put together from parts, the plan model, or plan by plan; None leaves it to the generator."""
        g = (
            self._guessed_lead(gen, analysis.text, passages, district=district, top_k=top_k, document=document)
            or self._by_parts(gen, analysis, passages, district=district, top_k=top_k, document=document)
            or self._specialist(analysis.text, analysis, passages)
            or self._by_districts(gen, analysis, passages, district=district, top_k=top_k, document=document)
            or self._asked_sentences(gen, analysis, passages, district=district, top_k=top_k, document=document)
        )
        if g is not None and not g.refused:
            g.text = with_verdict(g.text, analysis)  # "…, có đúng không?": said right or wrong first
        return g

    def _guessed_lead(
        self, gen: Generator, text: str, passages: list[Passage], *, district: str | None, top_k: int | None,
        document: str | None,
    ) -> Generation | None:
        """"… có phải BHXH huyện chủ trì không?": who leads, asked plainly, then whether that is the body guessed
        (its passages appended to ``passages``). The offline answerer only."""
        guess = lead_guess(text, self.retriever.districts) if isinstance(gen, ExtractiveGenerator) else None
        if guess is None:
            return None
        own, qa = self.retrieve(guess[0], district=district, top_k=top_k, document=document)
        g = self._specialist(qa.text, qa, own) or gen.generate(qa.text, own, qa)
        if g.refused or not re.search(r"(?<!\w)(chu tri|phu trach)(?!\w)", fold(g.text)):
            return None
        said, marks, where = _merged(g, own, passages)
        return Generation(with_lead_verdict(said, guess[1]), marks, False, g.backend, evidence_score=g.evidence_score,
                          guard=g.guard, spans=where)

    def _asked_sentences(
        self, gen: Generator, analysis: QueryAnalysis, passages: list[Passage], *, district: str | None, top_k: int | None,
        document: str | None,
    ) -> Generation | None:
        """"Chị tôi đi làm ở Nhật … về quê lo không có việc. KH có nhắc gì đến người đi lao động nước ngoài như chị
        tôi không?": a story told before the question spreads its words over everything the asker said. When the
        whole is refused for want of evidence, the last sentence(s) alone are asked (with the districts the story
        names); the first of them answered is the answer. "Kế hoạch nào …" asked first is retried on its own first
        sentence or clause, of every plan. A refusal that says why stands."""
        if not isinstance(gen, ExtractiveGenerator):
            return None
        if not is_story(analysis):
            return None
        whole = gen.generate(analysis.text, passages, analysis)
        if not whole.refused or (whole.guard or {}).get("refusal"):
            return whole
        story = story_retries(analysis, gen)
        for asked in story.tries:
            if not story.worth_asking(asked, gen):
                continue
            own, qa = self.retrieve(asked, district=district, top_k=top_k, document=document)
            if analysis.districts and not qa.districts and asked not in story.of_every_plan:
                qa = replace(qa, districts=list(analysis.districts))
            g = self._specialist(qa.text, qa, own) or gen.generate(qa.text, own, qa)
            if not g.refused:
                said, marks, where = _merged(g, own, passages)
                return Generation(said, sorted(set(marks)), False, gen.name, grounded=True,
                                  evidence_score=g.evidence_score, guard={"asked": asked}, spans=where)
        return whole

    def _by_districts(
        self, gen: Generator, analysis: QueryAnalysis, passages: list[Passage], *, district: str | None, top_k: int | None,
        document: str | None,
    ) -> Generation | None:
        """"Kon Rẫy giao phòng nào lo nhà ở, còn Kim Động thì sao?": a question naming several plans, answered
        in each plan on its own (one line per plan, a plan that does not say so says that), when neither a part
        split nor the plan model answered it. Not "huyện nào …" (which of them): that picks among the plans."""
        if gen.name != "extractive" or district or document or len(analysis.districts) < 2:
            return None
        # "Tỷ lệ hộ nghèo hiện tại của Kim Động với Lạc Dương, bên nào cao hơn?": which of them is picked by the
        # comparison answerer, unless no plan named says it, each for a reason: then the reasons are the answer.
        which = _WHICH_OF_THEM.search(analysis.folded) is not None
        lines, cited, spans, refused, reasons = [], [], {}, [], []
        for d in analysis.districts:
            others = [o for o in analysis.districts if o != d]
            text = analysis.text
            for o in others:
                text = re.sub(rf"\s*(?:(?:và|với|hay|hoặc|,)\s+)?(?:huyện\s+)?{re.escape(o)}", "", text, flags=re.IGNORECASE)
            if which and (m := _WHICH_CLAUSE.search(fold(text))) is not None:
                # ("…, bên nào cao hơn?" of one plan: its figure.)
                text = text[: m.start()].rstrip(" ,;") + (" là bao nhiêu?" if m.group("more") else "?")
            own, qa = self.retrieve(text.strip(" ,;"), district=d, top_k=top_k)
            qa = replace(qa, districts=[d])
            g = self._specialist(qa.text, qa, own) or gen.generate(qa.text, own, qa)
            said, marks, where = _merged(g, own, passages)
            if said.startswith(REFUSAL):  # "- Kim Động: kế hoạch không nêu điều này." and why, when it says why
                said = (said[len(REFUSAL):].strip() or "kế hoạch không nêu điều này.")
            lines.append(f"- {d}: {said}")
            cited += marks
            spans.update(where)
            refused.append(g.refused)
            reasons.append((g.guard or {}).get("refusal"))
            if which and not (g.refused and reasons[-1]):
                return None
        if which:
            return Generation(f"{REFUSAL} Không so sánh được:\n" + "\n".join(lines), sorted(set(cited)), True, gen.name,
                              grounded=True, evidence_score=0.0, spans=spans,
                              guard={"districts": list(analysis.districts), "refusal": reasons[0]})
        if all(refused):
            return None
        return Generation("\n".join(lines), sorted(set(cited)), False, gen.name, grounded=True, evidence_score=1.0,
                          guard={"districts": list(analysis.districts)}, spans=spans)

    def _by_parts(
        self, gen: Generator, analysis: QueryAnalysis, passages: list[Passage], *, district: str | None, top_k: int | None,
        document: str | None,
    ) -> Generation | None:
        """A question made of several questions ("… ; còn ai …?") answered part by part, then joined.

        Each part is retrieved and answered on its own (so each finds its own passage); their passages are
        appended to ``passages`` (shared ones once) and the markers renumbered into that list. The offline
        answerer only: an LLM backend reads the whole question itself.
        """
        if gen.name != "extractive":
            return None
        split = split_question(analysis.text, self.retriever.districts)
        parts = [p.text for p in split]
        if len(parts) < 2 or asks_neighbour(analysis.folded):
            return None  # ("mở đầu bằng mục nào và kết thúc bằng mục nào", "ý ngay sau …, nó nhắc gì": one part asked)
        if briefs_topic(analysis):
            return None  # a field's briefing answers its targets, tasks and leads together
        each_own = isinstance(gen, ExtractiveGenerator) and _each_own_district(parts, self.retriever.districts, gen)
        if analysis.wants_comparison and not each_own and not (
                isinstance(gen, ExtractiveGenerator) and WHICH_PLANS.search(fold(parts[0])) and all(
                    find_names(p, self.retriever.districts) or WHICH_PLANS.search(fold(p))
                    and (len(specific_terms(p, gen) - specific_terms(parts[0], gen)) >= MIN_ASKED_WORDS
                         or FIGURE_WITH_UNIT.search(p) is not None)  # "mức sinh 2,1 con"
                    for p in parts[1:])):
            # A comparison's parts refer to each other ("… huyện nào cao nhất, huyện nào thấp nhất", "còn các huyện
            # khác thì bao nhiêu"); two "which plan" questions each naming its own topic ("Kế hoạch nào đặt X? Còn
            # mức sinh 2,1 con thì kế hoạch nào?") are two comparisons.
            return None
        if (analysis.intent == "meta" and len(analysis.meta_fields) >= 2 and not analysis.asks_deadline
                and not _ASKS_FIGURE.search(fold(parts[-1]))):
            return None  # "số mấy, ngày nào, cơ quan nào ban hành": one document's header answers every part
        texts, cited, refused, spans = [], [], [], {}
        found_targets: set[str] = set()
        for k, (part, asked) in enumerate(zip(parts, split, strict=True)):
            if k and _already_answered(part, " ".join(texts), parts[0], self.retriever.districts):
                continue  # "… và phối hợp với những phòng nào": the lead's line already names them
            if k and refused and refused[-1] and asked.figure_field:
                # "… bao nhiêu, phòng nào chịu trách nhiệm?" of a figure not set (or of a district not in the corpus):
                # who leads a figure there is none of is not asked on its own.
                texts.append(REFUSAL)
                refused.append(True)
                continue
            if k and cited and _ONLY_YEAR_ASKED.match(fold(part)):
                # "… có được xem tivi không? chỉ tiêu đến năm nào?": the year the answer's heading sets.
                horizon = _HORIZON.search(" ".join(passages[cited[0] - 1].chunk.headings))
                if horizon:
                    texts.append(f"Chỉ tiêu này đặt đến {horizon.group(0)} [{cited[0]}].")
                    refused.append(False)
                    continue
            guessed = self._guessed_lead(gen, part, passages, district=district, top_k=top_k, document=document)
            if guessed is not None:  # (its passages are appended to ``passages`` already)
                texts.append(guessed.text)
                cited += guessed.cited
                spans.update(guessed.spans)
                refused.append(False)
                continue
            own, qa = self.retrieve(part, district=district, top_k=top_k, document=document)
            chosen = self.retriever.resolve_district(district)
            if chosen and not qa.districts:
                qa = replace(qa, districts=[chosen])
            g = self._specialist(qa.text, qa, own) or gen.generate(qa.text, own, qa)
            if (g.guard or {}).get("refusal") == "district_not_in_corpus" and not any(
                    find_names(p, self.retriever.districts) for p in parts):
                # "Huyện ủy Bảo Lâm triển khai … ra sao, ai lo …", "Huyện Ân Thi bên Hưng Yên có kế hoạch không? Chỉ
                # tiêu … của họ?": every part asks of that district (its province names no plan of the corpus).
                return None
            found_targets |= set((g.guard or {}).get("target_ids", []))
            if not g.refused and _repeats(g.text, " ".join(texts)):
                continue  # "… BHXH, còn BH thất nghiệp?": one sentence of the plan gives both
            said, marks, where = _merged(g, own, passages)
            if texts and not g.refused:
                said = _new_sentences(said, " ".join(texts))
                if not said.strip():
                    continue
            if each_own:  # each part of its own plan: said whose it is
                said = f"{find_names(part, self.retriever.districts)[0]}: {said}"
            texts.append(said)
            cited += marks
            spans.update(where)
            refused.append(g.refused)
        if analysis.intent == "target" and all(_ASKS_FIGURE.search(fold(p)) for p in parts):
            # "bao nhiêu % … vào lớp 10, bao nhiêu % đi học nghề": a part alone may lose its subject ("học sinh tốt
            # nghiệp THCS"). The whole question answers when the plan model finds in it a target per part and one
            # the parts missed (not the same targets again under a scope another part named).
            trial = list(passages)
            whole = self._specialist(analysis.text, analysis, trial)
            ids = set((whole.guard or {}).get("target_ids", [])) if whole is not None else set()
            if whole is not None and len(ids) >= len(parts) and ids - found_targets:
                passages[:] = trial
                return whole
        if all(refused):
            return None  # nothing found for any part: the whole question is answered (or refused) as one
        # A part refused with its reason says the reason ("Kế hoạch của Kim Động không đặt chỉ tiêu …"), not the
        # refusal sentence in the middle of an answer.
        kept = [t.removeprefix(REFUSAL).strip() if r else t
                for t, r in zip(texts, refused, strict=True) if not r or len(t) > len(REFUSAL) + 5]
        # A part answered as a list ends on its last item: the next part starts on a line of its own.
        text = "".join(t if not i else ("\n" if "\n" in kept[i - 1] else " ") + t for i, t in enumerate(kept))
        return Generation(text, sorted(set(cited)), False, gen.name, grounded=True, evidence_score=1.0,
                          guard={"parts": parts}, spans=spans)

    def ask_stream(
        self,
        question: str,
        *,
        district: str | None = None,
        top_k: int | None = None,
        history: list[dict[str, str]] | None = None,
        backend: str | None = None,
        document: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Yield ``{"type": "token", "text": ...}`` events, then ``{"type": "final", **result}``."""
        t0 = time.perf_counter()
        gen, passages, analysis = self._prepare(question, history, district, top_k, backend, document)
        t1 = time.perf_counter()
        final: Generation | None = None
        special = self._composed(gen, analysis, passages, district=district, top_k=top_k, document=document)
        pieces = iter([special.text, special]) if special is not None else gen.stream(analysis.text, passages, analysis, history)
        for piece in pieces:
            if isinstance(piece, Generation):
                final = piece
            else:
                yield {"type": "token", "text": piece}
        assert final is not None, "a generator's stream must end with its Generation"
        t2 = time.perf_counter()
        yield {"type": "final", **self._result(final, passages, analysis, {"retrieve": t1 - t0, "generate": t2 - t1, "total": t2 - t0})}

    @staticmethod
    def _result(g: Generation, passages: list[Passage], analysis: QueryAnalysis, timings: dict[str, float]) -> dict[str, Any]:
        g, cited = renumber_citations(g, passages)
        text = tidy_answer(g.text)
        located = answer_spans(text, {n: p.chunk for n, p in enumerate(cited, start=1)})
        citations = [
            {
                "n": n,
                "doc_id": p.chunk.doc_id,
                "district": p.chunk.district,
                "breadcrumb": p.chunk.breadcrumb,
                "text": p.chunk.text,
                "start": p.chunk.start,
                "end": p.chunk.end,
                "spans": [{"start": s, "end": e} for s, e in (g.spans.get(n) or located.get(n) or [])],
            }
            for n, p in enumerate(cited, start=1)
        ]
        out: dict[str, Any] = {
            "answer": text,
            "refused": g.refused,
            "grounded": g.grounded,
            "citations": citations,
            "backend": g.backend,
            "timings_ms": {k: round(v * 1000, 2) for k, v in timings.items()},
            "evidence_score": g.evidence_score,
            "retrieved": [
                {"rank": p.rank, "chunk_id": p.chunk.id, "doc_id": p.chunk.doc_id, "district": p.chunk.district,
                 "breadcrumb": p.chunk.breadcrumb, "score": round(p.score, 5), "text": p.chunk.text,
                 "start": p.chunk.start, "end": p.chunk.end}
                for p in passages
            ],
            "analysis": {"districts": analysis.districts, "intent": analysis.intent, "section_refs": analysis.section_refs},
        }
        if g.fallback_reason:
            out["fallback_reason"] = g.fallback_reason
        if g.guard:
            out["guard"] = g.guard
        return out
