"""Measure target extraction against the gold lists, and Kon Rẫy assignment coverage.

Usage::

    python eval/score_extraction.py [--corpus corpus] [--gold-dir eval] [--json]
                                    [--min-precision 0.95] [--min-recall 0.90]

Prints precision and recall per plan (matching rule: see :mod:`assistant.trainers.score`) and the
share of Kon Rẫy's ``Thực hiện:`` lines extracted with the right lead agency. Exits 1 when a plan
falls below the thresholds or a ``Thực hiện:`` line is wrong, so CI can gate on it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.corpus import load_corpus  # noqa: E402
from assistant.plan.extract import extract_corpus  # noqa: E402
from assistant.trainers.score import kon_ray_assignment_coverage, score_all  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Đo độ chính xác/độ phủ trích xuất chỉ tiêu so với danh sách chuẩn.")
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus")
    ap.add_argument("--gold-dir", type=Path, default=REPO / "eval")
    ap.add_argument("--min-precision", type=float, default=0.95)
    ap.add_argument("--min-recall", type=float, default=0.90)
    ap.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    args = ap.parse_args(argv)

    plans = extract_corpus(load_corpus(args.corpus))
    scores = score_all(plans, args.gold_dir)
    kon_ray = next((p for p in plans if p.doc.district == "Kon Rẫy"), None)
    coverage = kon_ray_assignment_coverage(kon_ray) if kon_ray else (0, 0, [])

    failed = [s for s in scores if s.precision < args.min_precision or s.recall < args.min_recall]
    failed_assign = coverage[0] == 0 or coverage[1] != coverage[0]
    if args.json:
        print(json.dumps({
            "plans": [s.to_dict() for s in scores],
            "kon_ray_assignments": {"lines": coverage[0], "correct": coverage[1], "problems": coverage[2]},
        }, ensure_ascii=False, indent=2))
    else:
        print(f"{'Kế hoạch':<12} {'chuẩn':>5} {'trích':>5} {'khớp':>5} {'precision':>9} {'recall':>7}")
        for s in scores:
            print(f"{s.district:<12} {s.gold:>5} {s.extracted:>5} {s.matched:>5} {s.precision:>9.3f} {s.recall:>7.3f}")
            for g in s.missed:
                print(f"    thiếu: «{g.quote}» ({g.value} {g.unit})")
            for t in s.spurious:
                print(f"    thừa:  {t.indicator}: {t.display} «{t.text}»")
        total_m = sum(s.matched for s in scores)
        total_e = sum(s.extracted for s in scores)
        total_g = sum(s.gold for s in scores)
        if scores:
            print(f"{'Tổng':<12} {total_g:>5} {total_e:>5} {total_m:>5} {total_m / max(total_e, 1):>9.3f} "
                  f"{total_m / max(total_g, 1):>7.3f}")
        lines, ok, problems = coverage
        print(f"\nKon Rẫy — dòng «Thực hiện:»: {lines}; trích đúng cơ quan chủ trì: {ok}/{lines}"
              f" ({(ok / lines if lines else 0):.0%})")
        for p in problems:
            print(f"    {p}")
    return 1 if failed or failed_assign else 0


if __name__ == "__main__":
    sys.exit(main())
