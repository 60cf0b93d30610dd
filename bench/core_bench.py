"""Core pipeline figures: cold index build, incremental re-index, query latency, start-to-first-answer.

Run: ``.venv/bin/python bench/core_bench.py`` (writes bench/out/core.json). Loopback only, bounded.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.config import load_settings  # noqa: E402
from assistant.evaluation.metrics import percentile  # noqa: E402
from assistant.pipeline import Assistant, ensure_index, open_embedder  # noqa: E402


def cold_and_incremental(tmp: Path) -> dict[str, float]:
    corpus = tmp / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    settings = load_settings(corpus_dir=corpus, index_dir=tmp / "index")
    t0 = time.perf_counter()
    store = ensure_index(settings, open_embedder(settings))
    cold = time.perf_counter() - t0
    # Edit one plan: one of its tasks gains a co-ordinating body.
    plan = corpus / "lac-duong_149-KH-HU_2024-04-09.txt"
    text = plan.read_text(encoding="utf-8")
    edited = text.replace("5. Ủy ban nhân dân huyện chỉ đạo", "5. Ủy ban nhân dân huyện, Văn phòng Huyện ủy chỉ đạo", 1)
    assert edited != text
    plan.write_text(edited, encoding="utf-8")
    t1 = time.perf_counter()
    store2 = ensure_index(settings, open_embedder(settings))
    incremental = time.perf_counter() - t1
    return {
        "chunks": store.manifest.n_chunks,
        "cold_build_s": round(cold, 2),
        "reindex_one_plan_s": round(incremental, 2),
        "reindex_embedded_new": store2.manifest.embedded_new,
    }


def query_latency() -> dict[str, float]:
    settings = load_settings()
    assistant = Assistant.from_settings(settings)
    questions = [json.loads(x)["question"] for x in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    for q in questions[:10]:
        assistant.ask(q)  # warm-up
    times = []
    for q in questions:
        t = time.perf_counter()
        assistant.ask(q)
        times.append((time.perf_counter() - t) * 1000)
    return {
        "queries": len(times),
        "p50_ms": round(percentile(times, 50), 2),
        "p95_ms": round(percentile(times, 95), 2),
        "mean_ms": round(statistics.mean(times), 2),
    }


def start_to_first_answer() -> float:
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?", "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=True,
    )
    assert "Phòng Kinh tế - Hạ tầng" in out.stdout
    return round(time.perf_counter() - t, 2)


def main() -> None:
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as d:
        results["index"] = cold_and_incremental(Path(d))
    results["query"] = query_latency()
    results["start_to_first_answer_s"] = start_to_first_answer()
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "core.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
