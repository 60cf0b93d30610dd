"""Does a scorer fit on data, with dense sentence similarity, pick answers and refusals better?

For every question of each set, the extractive answerer scores the sentences of the retrieved passages
(lexical coverage, bigrams, headings, intent and structural penalties). This bench embeds each of those
sentences with the configured embedder (the question vector is the one retrieval uses), fits a logistic
regression on the development set only (features: lexical score, dense similarity, both relative to the
question's best, both ranks; label: the sentence holds a must_contain string), and compares on every set:

* top-1: share of answerable questions whose best sentence holds a must_contain string;
* AUC: how well the best sentence's score separates answerable from unanswerable questions (refusal).

Run: ``.venv/bin/python bench/sentence_scorer.py`` (≈1 min; sentence vectors are cached).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import load_settings  # noqa: E402
from assistant.corpus import load_corpus  # noqa: E402
from assistant.evaluation.metrics import norm_answer  # noqa: E402
from assistant.evaluation.questions import load_questions  # noqa: E402
from assistant.pipeline import Assistant  # noqa: E402

SETS = ["questions", "holdout", "holdout2", "holdout3", "holdout4"]


def candidates(assistant: Assistant, question, ext) -> dict:
    passages, qa = assistant.retrieve(question.question)
    ext._sentence_answer(qa, list(passages))
    scored = ext.last_candidates
    texts = [t for _, t, _ in scored]
    qv = np.asarray(assistant.embedder.embed_query(qa.text), dtype=np.float64)
    dense = []
    if texts:
        v = np.asarray(assistant.embedder.embed_documents(texts), dtype=np.float64)
        dense = (v / np.linalg.norm(v, axis=1, keepdims=True) @ (qv / np.linalg.norm(qv))).tolist()
    labels = [q_ok(question, t) for t in texts]
    return {"ans": question.answerable, "lex": [s for s, _, _ in scored], "dense": dense, "lab": labels}


def q_ok(question, text: str) -> bool:
    return question.answerable and any(norm_answer(m) in norm_answer(text) for m in question.must_contain)


def features(c: dict) -> np.ndarray:
    lex, den = np.array(c["lex"]), np.array(c["dense"])
    lrank, drank = np.argsort(np.argsort(-lex)), np.argsort(np.argsort(-den))
    return np.stack([lex, den, den - den.max(), lex - lex.max(), 1 / (1 + lrank), 1 / (1 + drank)], 1)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 3000, rate: float = 0.5):
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = (x - mu) / sd
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        w -= rate * (z.T @ (p - y) / len(y) + l2 * w)
        b -= rate * float((p - y).mean())
    return (lambda x: 1 / (1 + np.exp(-(((x - mu) / sd) @ w + b)))), w


def auc(pos: list[float], neg: list[float]) -> float:
    if not pos or not neg:
        return float("nan")
    p, n = np.array(pos)[:, None], np.array(neg)[None, :]
    return float((p > n).mean() + 0.5 * (p == n).mean())


def main() -> None:
    settings = load_settings()
    assistant = Assistant.from_settings(settings)
    ext = assistant.generators["extractive"]
    docs = load_corpus(settings.corpus_dir)
    data: dict[str, list[dict]] = {}
    for name in SETS:
        path = ROOT / "eval" / f"{name}.jsonl"
        if path.exists():
            qs = load_questions(path, docs, strict=False, warnings=[])
            data[name] = [c for c in (candidates(assistant, q, ext) for q in qs) if c["lex"]]
    train = [c for c in data["questions"] if c["ans"]]
    model, weights = fit(np.concatenate([features(c) for c in train]), np.concatenate([np.array(c["lab"], float) for c in train]))
    report = {"weights": dict(zip(["lex", "dense", "dense-best", "lex-best", "1/lex rank", "1/dense rank"],
                                  np.round(weights, 3).tolist(), strict=True))}
    print("| set | top-1 lexical | top-1 fitted | AUC refusal lexical | AUC refusal fitted |\n|---|---|---|---|---|")
    for name, cands in data.items():
        top = {"lex": [], "fit": []}
        best = {"lex": ([], []), "fit": ([], [])}
        for c in cands:
            p = model(features(c))
            lex = np.array(c["lex"])
            if c["ans"] and any(c["lab"]):
                top["lex"].append(c["lab"][int(np.argmax(lex))])
                top["fit"].append(c["lab"][int(np.argmax(p))])
            for key, scores in (("lex", lex), ("fit", p)):
                best[key][0 if c["ans"] else 1].append(float(scores.max()))
        row = {k: float(np.mean(v)) for k, v in top.items()} | {f"auc_{k}": auc(*best[k]) for k in best}
        report[name] = row
        print(f"| {name} | {row['lex']:.3f} | {row['fit']:.3f} | {row['auc_lex']:.3f} | {row['auc_fit']:.3f} |")
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "sentence_scorer.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
