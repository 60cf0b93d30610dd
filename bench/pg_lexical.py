"""Lexical search for the PostgreSQL store: bm25s in each replica vs PostgreSQL full-text search in the database.

Both read the same tokens (``assistant.text.lexical_tokens``: folded syllables, folded bigrams and accented forms,
so unaccented questions match); PostgreSQL gets them as a ``tsvector`` of the ``simple`` configuration (the
bundled server has no Vietnamese configuration and no ``unaccent``, so folding happens in Python for both).
Lexical retrieval alone, same chunks, same district filter: recall@5 and MRR on the evaluation sets.

    python bench/pg_lexical.py          # writes bench/out/pg_lexical.json
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import bm25s
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.chunking import chunk_corpus  # noqa: E402
from assistant.corpus import load_corpus  # noqa: E402
from assistant.evaluation.metrics import hit_rank, mrr, recall_at  # noqa: E402
from assistant.evaluation.questions import load_questions  # noqa: E402
from assistant.query import analyze  # noqa: E402
from assistant.text import lexical_tokens, query_tokens  # noqa: E402

SETS = ("questions", "holdout3", "holdout4", "holdout9", "holdout10")


def lexeme(token: str) -> str:
    # A bigram "bao_hiem" is one lexeme "baohiem"; anything but letters and digits would be parsed apart.
    return re.sub(r"[^\w]|_", "", token.lower())


def main() -> int:
    import pgserver
    import psycopg

    docs = load_corpus(REPO / "corpus")
    chunks = chunk_corpus(docs)
    texts = [c.index_text() for c in chunks]
    districts = list(dict.fromkeys(d.district for d in docs))
    aliases = {d.district: [d.province] for d in docs}
    district_of = np.array([c.district for c in chunks])

    bm25 = bm25s.BM25()
    bm25.index([lexical_tokens(t) for t in texts], show_progress=False)

    folder = Path("/tmp/assistant-pg-lexical")
    shutil.rmtree(folder, ignore_errors=True)
    srv = pgserver.get_server(folder, cleanup_mode="delete")
    conn = psycopg.connect(srv.get_uri(), autocommit=True)
    conn.execute("CREATE TABLE chunk (ord int PRIMARY KEY, district text, tsv tsvector)")
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO chunk VALUES (%s, %s, to_tsvector('simple', %s))",
            [(i, c.district, " ".join(filter(None, (lexeme(t) for t in lexical_tokens(texts[i])))))
             for i, c in enumerate(chunks)],
        )
    conn.execute("CREATE INDEX ON chunk USING gin (tsv)")

    results: dict[str, dict[str, dict[str, float]]] = {}
    for name in SETS:
        questions = [q for q in load_questions(REPO / "eval" / f"{name}.jsonl", docs, strict=False, warnings=[]) if q.answerable]
        ranks: dict[str, list[int | None]] = {"bm25s (each replica)": [], "PostgreSQL ts_rank": [],
                                               "PostgreSQL ts_rank_cd": []}
        for q in questions:
            qa = analyze(q.question, districts, aliases)
            typed = f"{qa.text} {qa.expanded_text}" if qa.rewritten != qa.text else qa.text
            tokens = query_tokens(typed)
            known = [t for t in tokens if t in bm25.vocab_dict]
            scores = np.asarray(bm25.get_scores(known), dtype=float) if known else np.zeros(len(chunks))
            if qa.districts:
                scores[~np.isin(district_of, qa.districts)] = -1
            order = np.argsort(-scores, kind="stable")[:10]
            ranks["bm25s (each replica)"].append(hit_rank([chunks[i].text for i in order], q.evidence))
            lexemes = sorted({lx for lx in (lexeme(t) for t in tokens) if lx})
            query = " | ".join(lexemes) or "khongcogi"
            for fn in ("ts_rank", "ts_rank_cd"):
                rows = conn.execute(
                    f"SELECT ord FROM chunk WHERE tsv @@ to_tsquery('simple', %s) "
                    f"AND (%s::text[] IS NULL OR district = ANY(%s::text[])) "
                    f"ORDER BY {fn}(tsv, to_tsquery('simple', %s)) DESC, ord LIMIT 10",
                    (query, qa.districts or None, qa.districts or None, query),
                ).fetchall()
                ranks[f"PostgreSQL {fn}"].append(hit_rank([chunks[r[0]].text for r in rows], q.evidence))
        results[name] = {k: {"recall_at_5": round(recall_at(v, 5), 3), "mrr": round(mrr(v), 3), "n": len(v)}
                         for k, v in ranks.items()}
        print(name, json.dumps(results[name], ensure_ascii=False), flush=True)
    conn.close()
    srv.cleanup()
    out = REPO / "bench" / "out" / "pg_lexical.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
