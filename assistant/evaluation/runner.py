"""Run every eval question through the service's code path and score it.

Example::

    >>> metrics = run_eval(assistant, load_questions(path, docs), out_dir=Path("eval/out"))
    >>> metrics["retrieval"]["recall_at_5"]
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assistant.evaluation.metrics import (
    answer_correct,
    citation_supported,
    citations_faithful,
    hit_rank,
    missing_strings,
    mrr,
    percentile,
    recall_at,
)
from assistant.evaluation.questions import QUESTION_TYPES, Question
from assistant.evaluation.report import write_report
from assistant.pipeline import Assistant

RECALL_DEPTH = 10


def evaluate_one(assistant: Assistant, q: Question, *, top_k: int, backend: str | None) -> dict[str, Any]:
    """Answer one question (same path as the API) and score it."""
    t0 = time.perf_counter()
    try:
        result = assistant.ask(q.question, top_k=top_k, backend=backend)
        error = None
    except Exception as e:  # noqa: BLE001 - one broken question must not stop the run
        result = {"answer": "", "refused": False, "grounded": False, "citations": [], "backend": backend or "?"}
        error = f"{type(e).__name__}: {e}"
    latency_ms = (time.perf_counter() - t0) * 1000
    # Recall is measured deeper than top_k; asked after the timed call so its cost is not counted.
    passages, _ = assistant.retrieve(q.question, top_k=RECALL_DEPTH)
    rank = hit_rank([p.chunk.text for p in passages], q.evidence) if q.answerable else None
    ok = error is None and answer_correct(result["answer"], q.must_contain, result["refused"], q.answerable)
    cited_ok = [citation_supported(c["text"], q.evidence, q.must_contain) for c in result["citations"]]
    # (what each cited passage is put forward for: the text before its marker)
    faithful = citations_faithful(result["answer"], {c["n"]: c["text"] for c in result["citations"]})
    if error:
        why = f"lỗi: {error}"
    elif ok:
        why = ""
    elif not q.answerable:
        why = "lẽ ra phải từ chối"
    elif result["refused"]:
        why = "từ chối sai (có đáp án)"
    else:
        why = "thiếu: " + "; ".join(missing_strings(result["answer"], q.must_contain))
    return {
        "id": q.id,
        "type": q.type,
        "multi_part": q.is_multi_part,
        "district": q.district,
        "question": q.question,
        "expected": q.answer,
        "must_contain": q.must_contain,
        "answer": result["answer"],
        "refused": result["refused"],
        "grounded": result.get("grounded", True),
        "fallback_reason": result.get("fallback_reason"),
        "guard": result.get("guard"),
        "citations": [
            {"n": c["n"], "doc_id": c["doc_id"], "breadcrumb": c["breadcrumb"], "supported": s,
             "faithful": faithful.get(c["n"], True)}
            for c, s in zip(result["citations"], cited_ok, strict=True)
        ],
        "hit_rank": rank,
        "pass": ok,
        "why": why,
        "latency_ms": round(latency_ms, 2),
        "evidence_score": result.get("evidence_score"),
        "backend": result.get("backend"),
    }


def summarize(rows: list[dict[str, Any]], *, backend: str, embedding_model: str) -> dict[str, Any]:
    """The metrics.json object from per-question rows."""
    answerable = [r for r in rows if r["type"] != "unanswerable"]
    unanswerable = [r for r in rows if r["type"] == "unanswerable"]
    ranks = [r["hit_rank"] for r in answerable]
    cited = [c["supported"] for r in answerable if not r["refused"] for c in r["citations"]]
    # Briefings cite every passage they summarise; question writers list only some as evidence.
    cited_brief = [c["supported"] for r in answerable if not r["refused"] and r["type"] == "briefing" for c in r["citations"]]
    cited_other = [c["supported"] for r in answerable if not r["refused"] and r["type"] != "briefing" for c in r["citations"]]
    # Whether each cited passage says what its marker is put forward for (every answer, refusals quoting one too).
    faithful = [c.get("faithful", True) for r in rows for c in r["citations"]]
    multi = [r for r in answerable if r.get("multi_part")]
    by_type: dict[str, Any] = {}
    for t in QUESTION_TYPES:
        sub = [r for r in rows if r["type"] == t]
        if not sub:
            continue
        sub_ranks = [r["hit_rank"] for r in sub if r["type"] != "unanswerable"]
        by_type[t] = {
            "n": len(sub),
            "recall_at_5": round(recall_at(sub_ranks, 5), 4) if sub_ranks else None,
            "accuracy": round(sum(r["pass"] for r in sub) / len(sub), 4),
        }
    fell_back = [r for r in rows if r.get("fallback_reason")]
    return {
        "n": len(rows),
        "retrieval": {
            "recall_at_1": round(recall_at(ranks, 1), 4),
            "recall_at_5": round(recall_at(ranks, 5), 4),
            "recall_at_10": round(recall_at(ranks, 10), 4),
            "mrr": round(mrr(ranks), 4),
        },
        "answer": {
            "accuracy": round(sum(r["pass"] for r in rows) / len(rows), 4) if rows else 0.0,
            "refusal_accuracy": round(sum(r["refused"] for r in unanswerable) / len(unanswerable), 4) if unanswerable else None,
            "false_refusal_rate": round(sum(r["refused"] for r in answerable) / len(answerable), 4) if answerable else None,
            "citation_precision": round(sum(cited) / len(cited), 4) if cited else None,
            "citation_precision_answers": round(sum(cited_other) / len(cited_other), 4) if cited_other else None,
            "citation_precision_briefings": round(sum(cited_brief) / len(cited_brief), 4) if cited_brief else None,
            "citation_faithfulness": round(sum(faithful) / len(faithful), 4) if faithful else None,
            # A multi-part question passes only when every part (must_contain string) is in the answer.
            "multi_part_n": len(multi),
            "multi_part_full": round(sum(r["pass"] for r in multi) / len(multi), 4) if multi else None,
            "fallback_rate": round(len(fell_back) / len(rows), 4) if rows else 0.0,
            "uncited_claims": sum(1 for r in rows if not r["refused"] and not r["citations"]),
        },
        "latency": {
            "p50_ms": round(percentile([r["latency_ms"] for r in rows], 50), 2),
            "p95_ms": round(percentile([r["latency_ms"] for r in rows], 95), 2),
        },
        "by_type": by_type,
        "backend": backend,
        "embedding_model": embedding_model,
    }


def run_eval(
    assistant: Assistant,
    questions: list[Question],
    *,
    out_dir: Path | None = None,
    top_k: int | None = None,
    backend: str | None = None,
    progress: bool = True,
    on_row: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Evaluate all questions; write metrics.json, results.jsonl and report.html when ``out_dir`` is set."""
    k = top_k or assistant.settings.top_k
    backend_name = assistant.generator(backend).name
    assistant.ask("khởi động", top_k=k, backend=backend)  # warm-up: first-call costs are not latency
    rows = []
    t0 = time.perf_counter()
    for q in tqdm(questions, desc="Đánh giá", unit="câu", file=sys.stderr, disable=not progress):
        row = evaluate_one(assistant, q, top_k=k, backend=backend)
        rows.append(row)
        if on_row:
            on_row(row)
    metrics = summarize(rows, backend=backend_name, embedding_model=assistant.store.manifest.embedding_model)
    metrics["top_k"] = k
    metrics["wall_seconds"] = round(time.perf_counter() - t0, 2)
    if out_dir is not None:
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2), encoding="utf-8")
        with open(out_dir / "results.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        write_report(out_dir / "report.html", metrics, rows)
    return metrics
