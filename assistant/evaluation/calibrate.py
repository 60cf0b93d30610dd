"""Calibrate the extractive refusal threshold on a question set.

Runs every question with refusals by score disabled, records the best evidence score, then picks the
threshold that maximises accuracy while keeping the false-refusal rate within a bound.
"""

from __future__ import annotations

from typing import Any

from assistant.evaluation.metrics import answer_correct
from assistant.evaluation.questions import Question
from assistant.generation.extractive import ExtractiveGenerator
from assistant.pipeline import Assistant


def calibrate_threshold(
    assistant: Assistant, questions: list[Question], *, max_false_refusal: float = 0.05
) -> dict[str, Any]:
    """Return ``{"threshold", "accuracy", "false_refusal_rate", "refusal_accuracy", "curve"}``."""
    gen = assistant.generators["extractive"]
    if not isinstance(gen, ExtractiveGenerator):
        raise TypeError("calibration applies to the extractive generator")
    saved = gen.threshold
    gen.threshold = float("-inf")
    rows = []
    try:
        for q in questions:
            r = assistant.ask(q.question, backend="extractive")
            # A structural refusal (e.g. a blank field) stays a refusal at every threshold.
            rows.append((q, r["evidence_score"] if not r["refused"] else float("-inf"), r))
    finally:
        gen.threshold = saved
    answerable = [x for x in rows if x[0].answerable]
    unanswerable = [x for x in rows if not x[0].answerable]
    candidates = sorted({round(s, 3) for _, s, _ in rows if s != float("-inf")})
    curve = []
    for t in [0.0, *candidates]:
        correct = 0
        false_ref = 0
        for q, s, r in rows:
            refused = s < t
            if q.answerable and refused:
                false_ref += 1
            correct += answer_correct(r["answer"], q.must_contain, refused, q.answerable) if not refused or not q.answerable else 0
        curve.append({
            "threshold": t,
            "accuracy": correct / len(rows),
            "false_refusal_rate": false_ref / max(1, len(answerable)),
            "refusal_accuracy": sum(1 for q, s, _ in unanswerable if s < t) / max(1, len(unanswerable)),
        })
    ok = [c for c in curve if c["false_refusal_rate"] <= max_false_refusal] or curve[:1]
    best = max(ok, key=lambda c: (c["accuracy"], c["refusal_accuracy"]))
    return {**best, "curve": curve}
