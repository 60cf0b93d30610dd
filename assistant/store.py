"""The persisted index: chunks, FAISS vectors, BM25 lexical index and a manifest.

Layout under ``index_dir``::

    current -> builds/<build-id>     (symlink, swapped atomically)
    builds/<build-id>/manifest.json  (model, dimension, corpus hash, chunker version, documents)
    builds/<build-id>/chunks.jsonl
    builds/<build-id>/vectors.faiss
    builds/<build-id>/bm25/          (bm25s files)
    builds/<build-id>/textstats.json (folded texts and term statistics, see assistant.textstats)
    cache/embeddings.sqlite          (vectors keyed by model + chunk text hash)

A build is written into a fresh folder and only then made current by replacing the symlink, so an
interrupted build never damages the last good index.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import bm25s
import faiss
import numpy as np

from assistant.chunking import CHUNKER_VERSION, Chunk, chunk_corpus
from assistant.corpus import Document, corpus_hash
from assistant.embeddings import CachedEmbeddings, model_id_of
from assistant.text import lexical_tokens
from assistant.textstats import TextStats

log = logging.getLogger(__name__)

SOURCES_DIR = "sources"
INDEX_FORMAT = 5  # 3: plan.json (the plan model) in every build; 4: checksums of files and sources;
# 5: a copy of each source text (sources/<id>.txt), so what is shown always matches the offsets cited
LEXICAL_SCHEME = "bm25s/folded-syllables+bigrams+accented/v1"


VECTOR_INDEXES = ("flat", "hnsw")
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 200
ANN_CANDIDATES = 200  # chunks an approximate index scores per question; the others count as unscored
UNSCORED = -1.0


def resolve_vector_index(setting: str, n_chunks: int, ann_min_chunks: int) -> str:
    """The vector index kind for a build: "flat" (exact) or "hnsw"; "auto" takes HNSW from ``ann_min_chunks`` on."""
    if setting == "auto":
        return "hnsw" if n_chunks >= ann_min_chunks else "flat"
    if setting not in VECTOR_INDEXES:
        raise ValueError(f"vector_index '{setting}' ∉ {('auto', *VECTOR_INDEXES)}")
    return setting


def build_vector_index(vecs: np.ndarray, kind: str) -> faiss.Index:
    """A FAISS index over normalised vectors. HNSW uses L2 on them (same order as cosine; FAISS's
    inner-product HNSW graph recalls worse) and is read back as cosine = 1 − d²/2."""
    dim = int(vecs.shape[1])
    if kind == "flat":
        index: faiss.Index = faiss.IndexFlatIP(dim)
    elif kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, HNSW_M)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    else:
        raise ValueError(f"unknown vector index kind {kind!r}")
    index.add(vecs)
    return index


class IndexUnavailable(RuntimeError):
    """The index is missing, stale or unreadable; the message says how to fix it."""




@dataclass
class IndexManifest:
    format: int
    embedding_model: str
    dimension: int
    corpus_hash: str
    chunker_version: str
    chunk_max_chars: int
    lexical: str
    n_chunks: int
    built_at: str
    build_seconds: float
    embedded_new: int
    documents: list[dict[str, object]]
    # sha256 of every file the build wrote (relative path → hex) and of each source text (doc id → hex).
    checksums: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    vector_index: str = "flat"  # flat (exact) | hnsw (approximate)

    def stale_reasons(
        self, *, model_id: str, corpus: str, chunk_max_chars: int, vector_index: str = "flat"
    ) -> list[str]:
        """Why this index no longer matches the configuration and corpus (empty when fresh)."""
        reasons = []
        if self.format != INDEX_FORMAT:
            reasons.append(f"định dạng chỉ mục {self.format} ≠ {INDEX_FORMAT}")
        if self.embedding_model != model_id:
            reasons.append(f"mô hình embedding '{self.embedding_model}' ≠ '{model_id}'")
        if self.corpus_hash != corpus:
            reasons.append("kho văn bản đã thay đổi")
        if self.chunker_version != CHUNKER_VERSION or self.chunk_max_chars != chunk_max_chars:
            reasons.append("cách chia đoạn đã thay đổi")
        if self.lexical != LEXICAL_SCHEME:
            reasons.append("chỉ mục từ vựng đã thay đổi")
        if self.vector_index != vector_index:
            reasons.append(f"loại chỉ mục vectơ '{self.vector_index}' ≠ '{vector_index}'")
        return reasons


@dataclass
class IndexStore:
    """A loaded index: chunks plus the dense and lexical structures over them."""

    path: Path
    manifest: IndexManifest
    chunks: list[Chunk]
    vectors: faiss.Index
    bm25: bm25s.BM25
    stats: TextStats

    ef_search: int = 512
    _matrix: np.ndarray | None = field(default=None, repr=False)

    @property
    def approximate(self) -> bool:
        return self.manifest.vector_index != "flat"

    def dense_scores(self, query_vec: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """Cosine similarity of the query to every chunk (inner product of normalised vectors). An approximate
        index scores its :data:`ANN_CANDIDATES` nearest chunks within ``mask``; the others are :data:`UNSCORED`."""
        q = np.asarray(query_vec, dtype=np.float32).reshape(1, -1)
        faiss.normalize_L2(q)
        out = np.full(len(self.chunks), UNSCORED, dtype=np.float32)
        if not self.approximate:
            # Every chunk's score is wanted: one matrix-vector product over FAISS's own storage (no copy) beats
            # a k = n search, which sorts them all (7 ms against 0.8 ms at 14,000 chunks).
            if self._matrix is None:
                n, d = self.vectors.ntotal, self.vectors.d
                self._matrix = faiss.rev_swig_ptr(self.vectors.get_xb(), n * d).reshape(n, d)
            return (self._matrix @ q[0]).astype(np.float32, copy=False)
        else:
            params = faiss.SearchParametersHNSW()
            params.efSearch = max(self.ef_search, ANN_CANDIDATES)
            if mask is not None and not mask.all():
                params.sel = faiss.IDSelectorBatch(np.flatnonzero(mask).astype(np.int64))
            dist, ids = self.vectors.search(q, min(ANN_CANDIDATES, self.vectors.ntotal), params=params)
            sims = 1.0 - dist / 2.0
        valid = ids[0] >= 0
        out[ids[0][valid]] = sims[0][valid]
        return out

    def lexical_scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every chunk for the given query tokens."""
        known = [t for t in tokens if t in self.bm25.vocab_dict]
        if not known:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(known), dtype=np.float32)


def current_path(index_dir: Path) -> Path:
    return Path(index_dir) / "current"


def read_manifest(index_dir: Path) -> IndexManifest | None:
    """The current build's manifest; None when there is no index, :class:`IndexUnavailable` when it
    exists but cannot be read."""
    path = current_path(index_dir) / "manifest.json"
    if not path.exists():
        return None
    try:
        return IndexManifest(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as e:
        raise IndexUnavailable(
            f"Không đọc được {path} ({type(e).__name__}). Chạy `assistant index --force` để xây dựng lại."
        ) from e


def _sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _file_checksums(folder: Path) -> dict[str, str]:
    """sha256 of every file under a build folder except the manifest (which records them)."""
    return {
        str(p.relative_to(folder)): _sha256(p)
        for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "manifest.json"
    }


def verify_index(base: Path, manifest: IndexManifest) -> list[str]:
    """Files of the build whose bytes differ from what the build wrote (missing, edited, garbled, extra)."""
    found = _file_checksums(base)
    expected = manifest.checksums
    return sorted(k for k in set(found) | set(expected) if found.get(k) != expected.get(k))


def load_index(index_dir: Path) -> IndexStore:
    """Load the current build; raise :class:`IndexUnavailable` with a fix when it is missing or broken.

    Every file is checked against the checksums the build recorded: a shuffled ``chunks.jsonl`` or garbled
    FAISS/BM25 bytes would otherwise load silently and quote wrong text under a right-looking citation.
    """
    base = current_path(index_dir)
    manifest = read_manifest(index_dir)
    if manifest is None:
        raise IndexUnavailable(
            f"Chưa có chỉ mục hợp lệ trong {index_dir}. Chạy `assistant index` để xây dựng chỉ mục."
        )
    changed = verify_index(base, manifest)
    if changed:
        raise IndexUnavailable(
            f"Chỉ mục trong {base} đã bị sửa hoặc hỏng (tệp không khớp mã kiểm tra: {', '.join(changed[:5])}). "
            "Chạy `assistant index --force` để xây dựng lại."
        )
    try:
        chunks = [
            Chunk.from_dict(json.loads(line))
            for line in (base / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        vectors = faiss.read_index(str(base / "vectors.faiss"))
        bm25 = bm25s.BM25.load(str(base / "bm25"))
    except Exception as e:  # noqa: BLE001 - any damage means "rebuild"
        raise IndexUnavailable(
            f"Chỉ mục trong {base} bị hỏng ({type(e).__name__}: {e}). Chạy `assistant index --force`."
        ) from e
    kind = "hnsw" if isinstance(vectors, faiss.IndexHNSW) else "flat"
    if (len(chunks) != manifest.n_chunks or vectors.ntotal != len(chunks) or vectors.d != manifest.dimension
            or kind != manifest.vector_index):
        raise IndexUnavailable(
            f"Chỉ mục trong {base} không khớp (số đoạn/kích thước vectơ). Chạy `assistant index --force`."
        )
    return IndexStore(base.resolve(), manifest, chunks, vectors, bm25, TextStats.load(base, chunks))


def build_index(
    docs: list[Document],
    embedder: CachedEmbeddings,
    index_dir: Path,
    *,
    chunk_max_chars: int = 1100,
    progress: Callable[[int, int], None] | None = None,
    extras: Callable[[list[Document], list[Chunk], Path], None] | None = None,
    notify: Callable[[str], None] | None = None,
    vector_index: str = "flat",
    ann_min_chunks: int = 100_000,
) -> IndexStore:
    """Chunk, embed (through the cache) and persist; then atomically make the new build current.
    ``vector_index``: flat | hnsw | auto (see :func:`resolve_vector_index`).

    ``extras(docs, chunks, build_dir)`` may add derived files (e.g. extracted tables) to the build
    before it becomes current, so they are swapped in atomically with it.
    """
    t0 = time.perf_counter()
    index_dir = Path(index_dir)
    builds = index_dir / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    with build_lock(index_dir, notify):
        return _build(docs, embedder, index_dir, builds, t0, chunk_max_chars, progress, extras, notify,
                      vector_index, ann_min_chunks)


@contextmanager
def build_lock(index_dir: Path, notify: Callable[[str], None] | None = None) -> Iterator[None]:
    """One build at a time per index folder: a second ``assistant index`` waits for the first, saying so."""
    lock_path = Path(index_dir) / ".build.lock"
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            msg = f"Một lần xây chỉ mục khác đang chạy trên {index_dir}; đang chờ nó xong…"
            (notify or log.warning)(msg)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build(
    docs: list[Document], embedder: CachedEmbeddings, index_dir: Path, builds: Path, t0: float, chunk_max_chars: int,
    progress: Callable[[int, int], None] | None, extras: Callable[[list[Document], list[Chunk], Path], None] | None,
    notify: Callable[[str], None] | None, vector_index: str, ann_min_chunks: int,
) -> IndexStore:
    chunks = chunk_corpus(docs, max_chars=chunk_max_chars)
    if not chunks:
        raise IndexUnavailable("Kho văn bản không có đoạn nào để lập chỉ mục.")
    texts = [c.index_text() for c in chunks]

    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, len(texts))

    misses_before = embedder.misses
    vecs = np.asarray(embedder.embed_documents(texts, progress=tick), dtype=np.float32)
    embedded_new = embedder.misses - misses_before
    faiss.normalize_L2(vecs)
    dim = int(vecs.shape[1])
    kind = resolve_vector_index(vector_index, len(chunks), ann_min_chunks)
    if notify and kind != "flat":
        notify(f"Dựng chỉ mục vectơ xấp xỉ ({kind}) cho {len(chunks)} đoạn…")
    index = build_vector_index(vecs, kind)

    bm25 = bm25s.BM25()
    bm25.index([lexical_tokens(t) for t in texts], show_progress=False)

    build_id = time.strftime("%Y%m%d-%H%M%S") + "-" + uuid.uuid4().hex[:6]
    tmp = builds / f".tmp-{build_id}"
    final = builds / build_id
    tmp.mkdir()
    try:
        with open(tmp / "chunks.jsonl", "w", encoding="utf-8") as f:
            for c in chunks:
                f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
        try:
            faiss.write_index(index, str(tmp / "vectors.faiss"))
        except RuntimeError as e:
            # FAISS reports a full disk as a RuntimeError: the same one-line "Lỗi: … đĩa đã đầy" as any other write.
            if "No space left" in str(e):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(index_dir)) from e
            raise
        bm25.save(str(tmp / "bm25"))
        TextStats.from_chunks(chunks).save(tmp)
        (tmp / SOURCES_DIR).mkdir()
        for d in docs:
            # The plan page shows this copy: while a new corpus is being indexed, the old index's offsets still
            # point into the text it was built from.
            (tmp / SOURCES_DIR / f"{d.id}.txt").write_bytes(d.text.encode("utf-8"))
        if extras is not None:
            extras(docs, chunks, tmp)
        manifest = IndexManifest(
            format=INDEX_FORMAT,
            embedding_model=model_id_of(embedder),
            dimension=dim,
            corpus_hash=corpus_hash(docs),
            chunker_version=CHUNKER_VERSION,
            chunk_max_chars=chunk_max_chars,
            lexical=LEXICAL_SCHEME,
            n_chunks=len(chunks),
            built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            build_seconds=round(time.perf_counter() - t0, 3),
            embedded_new=embedded_new,
            documents=[d.metadata() for d in docs],
            checksums=_file_checksums(tmp),
            sources={d.id: d.sha256 for d in docs},
            vector_index=kind,
        )
        # The manifest is written last: a build folder without one is never loadable.
        (tmp / "manifest.json").write_text(
            json.dumps(manifest.__dict__, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        os.replace(tmp, final)
        swap_current(index_dir, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _prune_builds(builds, keep=final)
    return load_index(index_dir)


def indexed_documents(store: IndexStore) -> list[Document]:
    """The plans exactly as this index was built from them (metadata and text): what citations point into."""
    docs = []
    for meta in store.manifest.documents:
        path = store.path / SOURCES_DIR / f"{meta['id']}.txt"
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise IndexUnavailable(
                f"Chỉ mục trong {store.path} thiếu bản sao văn bản '{meta['id']}' ({e}). Chạy `assistant index --force`."
            ) from e
        docs.append(Document.from_metadata(meta, text))
    return docs


def swap_current(index_dir: Path, target: Path) -> None:
    link = current_path(index_dir)
    tmp_link = index_dir / f".current-{uuid.uuid4().hex[:6]}"
    os.symlink(os.path.relpath(target, index_dir), tmp_link)
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)  # an older layout kept a plain folder here
    os.replace(tmp_link, link)  # atomic on POSIX


def _prune_builds(builds: Path, keep: Path) -> None:
    for p in builds.iterdir():
        if p != keep and p.is_dir():
            # Leftovers of interrupted builds and superseded builds.
            shutil.rmtree(p, ignore_errors=True)
