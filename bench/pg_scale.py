"""pgvector at national scale: 300,000 chunk vectors in the PostgreSQL store's table, HNSW-indexed, on this machine.

Vectors: the corpus's real chunk vectors (384-d, multilingual-e5-small) are the seeds; each synthetic chunk is a
normalised mix of two seeds plus noise (``--noise``), so the set has the clustered shape of real plans (many
districts writing the same sections) rather than uniform noise, which would understate what HNSW does on real
text. Queries: real questions of the evaluation sets, embedded by the default model.

Measured: load time (COPY), HNSW build time (m=16, ef_construction=64), table and index size, query latency
p50/p95 through the store's own ``PgStore.search`` SQL (one connection per query, as a replica does), and recall@10
against exact search (numpy over all vectors), for several ``hnsw.ef_search`` values.

    python bench/pg_scale.py                    # 300,000 vectors (≈ 10–20 min on 2 cores)
    python bench/pg_scale.py --n 30000          # quick
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def seeds() -> np.ndarray:
    import faiss

    index = faiss.read_index(str(REPO / "index" / "current" / "vectors.faiss"))
    return index.reconstruct_n(0, index.ntotal).astype(np.float32)


def synthetic(base: np.ndarray, n: int, noise: float, rng: np.random.Generator) -> np.ndarray:
    i, j = rng.integers(0, len(base), n), rng.integers(0, len(base), n)
    w = rng.uniform(0.5, 1.0, (n, 1)).astype(np.float32)
    v = w * base[i] + (1 - w) * base[j] + noise * rng.standard_normal((n, base.shape[1])).astype(np.float32)
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def query_vectors(k: int) -> np.ndarray:
    from assistant.config import load_settings
    from assistant.pipeline import open_embedder

    emb = open_embedder(load_settings())
    qs = []
    for name in ("questions", "holdout3", "holdout9"):
        path = REPO / "eval" / f"{name}.jsonl"
        qs += [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    vecs = np.asarray([emb.embed_query(q) for q in qs[:k]], dtype=np.float32)
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


def main() -> int:
    import pgserver
    import psycopg
    from pgvector.psycopg import register_vector

    from assistant.pgstore import PgStore

    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=300_000)
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--noise", type=float, default=0.03)
    p.add_argument("--dir", type=Path, default=Path("/tmp/assistant-pg-scale"))
    p.add_argument("--m", type=int, default=24)
    p.add_argument("--ef-construction", type=int, default=128)
    p.add_argument("--shared-buffers", default="1GB")
    p.add_argument("--ef", type=int, nargs="+", default=[40, 100, 200, 400, 800])
    args = p.parse_args()
    import shutil

    shutil.rmtree(args.dir, ignore_errors=True)
    srv = pgserver.get_server(args.dir, cleanup_mode="stop")
    if args.shared_buffers:
        # The HNSW graph should fit in PostgreSQL's buffers; a restart applies the setting.
        with psycopg.connect(srv.get_uri(), autocommit=True) as c:
            c.execute(f"ALTER SYSTEM SET shared_buffers = '{args.shared_buffers}'")
        srv.cleanup()
        srv = pgserver.get_server(args.dir, cleanup_mode="stop")
    uri = srv.get_uri()
    rng = np.random.default_rng(42)
    vecs = synthetic(seeds(), args.n, args.noise, rng)
    queries = query_vectors(args.queries)
    dim = vecs.shape[1]
    pg = PgStore(uri)
    report: dict[str, object] = {"n": args.n, "dim": dim, "queries": len(queries), "noise": args.noise,
                                 "m": args.m, "ef_construction": args.ef_construction}
    with pg.connect(autocommit=True) as conn:
        register_vector(conn)
        conn.execute("SET maintenance_work_mem = '2GB'")
        conn.execute("SET max_parallel_maintenance_workers = 1")
        vid = conn.execute(
            "INSERT INTO index_version (builder, manifest, dimension, n_chunks) VALUES ('bench', '{}', %s, %s) RETURNING id",
            (dim, args.n),
        ).fetchone()[0]
        conn.execute("INSERT INTO index_current (singleton, version) VALUES (true, %s)", (vid,))
        t = time.perf_counter()
        with conn.cursor().copy(
            "COPY index_chunk (version, ord, doc_id, chunk, dim, embedding) FROM STDIN WITH (FORMAT BINARY)"
        ) as copy:
            copy.set_types(["int8", "int4", "text", "jsonb", "int4", "vector"])
            for i, v in enumerate(vecs):
                copy.write_row((vid, i, f"synthetic-{i // 40}", psycopg.types.json.Jsonb({"id": i}), dim, v))
        report["load_s"] = round(time.perf_counter() - t, 1)
        print(f"loaded {args.n} vectors in {report['load_s']} s", flush=True)
        t = time.perf_counter()
        conn.execute(
            f"CREATE INDEX index_chunk_hnsw_{dim} ON index_chunk USING hnsw ((embedding::vector({dim})) vector_cosine_ops) "
            f"WITH (m = {args.m}, ef_construction = {args.ef_construction}) WHERE dim = {dim}"
        )
        report["hnsw_build_s"] = round(time.perf_counter() - t, 1)
        print(f"HNSW built in {report['hnsw_build_s']} s", flush=True)
        report["table_mb"] = round(conn.execute("SELECT pg_table_size('index_chunk')").fetchone()[0] / 2**20, 1)
        report["hnsw_index_mb"] = round(
            conn.execute(f"SELECT pg_relation_size('index_chunk_hnsw_{dim}')").fetchone()[0] / 2**20, 1)
        report["shared_buffers"] = conn.execute("SHOW shared_buffers").fetchone()[0]
        conn.execute("VACUUM ANALYZE index_chunk")

    # Exact neighbours for recall.
    exact = np.argsort(-(queries @ vecs.T), axis=1)[:, :10]
    runs = []
    for ef in args.ef:
        lat, hits = [], 0
        for qi, q in enumerate(queries):
            t = time.perf_counter()
            got = pg.search(q, 10, version=vid, ef_search=ef)
            lat.append((time.perf_counter() - t) * 1000)
            hits += len({o for o, _ in got} & set(exact[qi].tolist()))
        lat.sort()
        runs.append({"ef_search": ef, "recall_at_10": round(hits / (10 * len(queries)), 4),
                     "p50_ms": round(statistics.median(lat), 2), "p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 2)})
        print(runs[-1], flush=True)
    report["search"] = runs
    # Exact search in the database (no index) for comparison.
    with pg.connect(autocommit=True) as conn:
        conn.execute("SET enable_indexscan = off")
        t = time.perf_counter()
        for q in queries[:20]:
            conn.execute(
                f"SELECT ord FROM index_chunk WHERE version = %s ORDER BY embedding::vector({dim}) <=> %s::vector({dim}) "
                "LIMIT 10", (vid, q)).fetchall()
        report["exact_sql_ms_per_query"] = round((time.perf_counter() - t) * 1000 / 20, 1)
    srv.cleanup()
    shutil.rmtree(args.dir, ignore_errors=True)
    out = REPO / "bench" / "out" / "pg_scale.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
