"""Which lexical tokenization retrieves best? BM25 alone, same chunks, same district filter.

Compares folded syllables, the shipped scheme (folded syllables + bigrams + exact forms), and pyvi word
segmentation (if installed: ``pip install pyvi``). Run: ``.venv/bin/python bench/lexical_tokenizers.py``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import bm25s
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.chunking import chunk_corpus  # noqa: E402
from assistant.corpus import load_corpus  # noqa: E402
from assistant.evaluation.metrics import hit_rank, mrr, recall_at  # noqa: E402
from assistant.evaluation.questions import load_questions  # noqa: E402
from assistant.query import analyze  # noqa: E402
from assistant.text import STOPWORDS, fold, lexical_tokens, query_tokens, syllables  # noqa: E402


def folded_syllables(text: str) -> list[str]:
    return [s for s in syllables(text) if s not in STOPWORDS]


def schemes() -> dict[str, tuple[Callable[[str], list[str]], Callable[[str], list[str]]]]:
    out = {
        "folded syllables": (folded_syllables, folded_syllables),
        "shipped: folded syllables + bigrams + exact forms": (lexical_tokens, query_tokens),
    }
    try:
        from pyvi import ViTokenizer
    except ImportError:
        print("pyvi not installed: skipping word segmentation", file=sys.stderr)
        return out

    def pyvi_words(text: str) -> list[str]:
        return [w.lower() for w in ViTokenizer.tokenize(text).split() if any(ch.isalnum() for ch in w)]

    def pyvi_folded(text: str) -> list[str]:
        return [fold(w) for w in pyvi_words(text)] + folded_syllables(text)

    def pyvi_compounds(text: str) -> list[str]:
        return [fold(w) for w in pyvi_words(text) if "_" in w]

    out["pyvi words (exact)"] = (pyvi_words, pyvi_words)
    out["shipped + pyvi compound words"] = (
        lambda t: lexical_tokens(t) + pyvi_compounds(t),
        lambda t: query_tokens(t) + pyvi_compounds(t),
    )
    out["pyvi words (folded) + folded syllables"] = (pyvi_folded, pyvi_folded)
    return out


def main() -> None:
    docs = load_corpus(ROOT / "corpus")
    chunks = chunk_corpus(docs)
    texts = [c.index_text() for c in chunks]
    districts = list(dict.fromkeys(d.district for d in docs))
    aliases = {d.district: [d.province] for d in docs}
    district_of = np.array([c.district for c in chunks])
    results = {}
    for path in (ROOT / "eval" / "questions.jsonl", ROOT / "eval" / "holdout.jsonl"):
        questions = [q for q in load_questions(path, docs) if q.answerable]
        for name, (doc_tok, q_tok) in schemes().items():
            bm25 = bm25s.BM25()
            bm25.index([doc_tok(t) for t in texts], show_progress=False)
            ranks = []
            for q in questions:
                qa = analyze(q.question, districts, aliases)
                tokens = [t for t in q_tok(q.question) if t in bm25.vocab_dict]
                scores = np.asarray(bm25.get_scores(tokens), dtype=float) if tokens else np.zeros(len(chunks))
                if qa.districts:
                    scores[~np.isin(district_of, qa.districts)] = -1
                order = np.argsort(-scores, kind="stable")[:10]
                ranks.append(hit_rank([chunks[i].text for i in order], q.evidence))
            results.setdefault(path.name, {})[name] = {
                "recall_at_5": round(recall_at(ranks, 5), 3), "mrr": round(mrr(ranks), 3), "n": len(ranks),
            }
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
