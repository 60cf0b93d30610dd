"""``assistant eval``: score retrieval, answers, citations, refusals and latency on a question file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.commands._common import notify, progress_bar, settings_from
from assistant.config import REPO_ROOT
from assistant.corpus import load_corpus
from assistant.evaluation.questions import QuestionFileError, load_questions

DEFAULT_QUESTIONS = REPO_ROOT / "eval" / "questions.jsonl"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("eval", help="đánh giá trên bộ câu hỏi (truy xuất, độ chính xác, trích dẫn, độ trễ)")
    p.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="tệp JSONL câu hỏi")
    p.add_argument("--validate", type=Path, metavar="FILE", help="chỉ kiểm tra một tệp câu hỏi rồi thoát")
    p.add_argument("--backend", help="backend trả lời (mặc định ASSISTANT_BACKEND)")
    p.add_argument("--top-k", type=int, help="số đoạn đưa cho bộ trả lời")
    p.add_argument("--out", type=Path, default=REPO_ROOT / "eval" / "out", help="thư mục kết quả")
    p.add_argument("--min-recall", type=float, help="ngưỡng recall@5 tối thiểu (mã thoát 1 nếu thấp hơn)")
    p.add_argument("--min-accuracy", type=float, help="ngưỡng độ chính xác tối thiểu (mã thoát 1 nếu thấp hơn)")
    p.add_argument("--min-mrr", type=float, help="ngưỡng MRR tối thiểu")
    p.add_argument("--min-refusal", type=float, help="ngưỡng tỷ lệ từ chối đúng tối thiểu")
    p.add_argument("--max-false-refusal", type=float, help="ngưỡng tỷ lệ từ chối sai tối đa")
    p.add_argument("--min-citation", type=float, help="ngưỡng độ chính xác trích dẫn tối thiểu")
    p.add_argument("--min-multi-part", type=float, help="ngưỡng tỷ lệ câu nhiều ý được trả lời đủ")
    p.add_argument("--strict", action="store_true",
                   help="áp dụng đủ quy tắc của bộ câu hỏi nội bộ (mặc định: vi phạm chỉ là cảnh báo)")
    p.add_argument("--calibrate", action="store_true", help="chọn ngưỡng từ chối của backend extractive trên bộ câu hỏi")
    p.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến độ")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args, top_k=args.top_k, backend=args.backend)
    docs = load_corpus(settings.corpus_dir)
    warnings: list[str] = []
    try:
        questions = load_questions(args.validate or args.questions, docs, strict=args.strict, warnings=warnings)
    except QuestionFileError as e:
        print(f"Lỗi: {e}")
        return 1
    if warnings:
        shown = "\n  ".join(warnings[:20]) + (f"\n  … và {len(warnings) - 20} cảnh báo khác" if len(warnings) > 20 else "")
        print(f"Cảnh báo ({len(warnings)}; chạy tiếp, --strict để coi là lỗi):\n  {shown}")
    if args.validate:
        print(f"{args.validate}: hợp lệ, {len(questions)} câu hỏi.")
        return 0

    from assistant.evaluation.runner import run_eval
    from assistant.pipeline import Assistant

    if not args.calibrate:
        # Fail before a run of minutes, not after it: the results folder must be writable now.
        args.out.mkdir(parents=True, exist_ok=True)
        probe = args.out / ".ghi-thu"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
    update, close = progress_bar("Nhúng đoạn văn")
    try:
        assistant = Assistant.from_settings(settings, progress=update, notify=notify)
    finally:
        close()
    if args.calibrate:
        from assistant.evaluation.calibrate import calibrate_threshold

        c = calibrate_threshold(assistant, questions)
        print(json.dumps({k: v for k, v in c.items() if k != "curve"}, ensure_ascii=False))
        print(f"Đặt ASSISTANT_REFUSAL_THRESHOLD={c['threshold']} (hoặc DEFAULT_THRESHOLD trong generation/extractive.py).")
        return 0
    m = run_eval(assistant, questions, out_dir=args.out, top_k=args.top_k, backend=args.backend,
                 progress=not args.no_progress)
    r, a = m["retrieval"], m["answer"]
    print(json.dumps({"retrieval": r, "answer": a, "latency": m["latency"]}, ensure_ascii=False))
    print(f"Kết quả: {args.out}/metrics.json, results.jsonl, report.html")
    failed = []
    if args.min_recall is not None and r["recall_at_5"] < args.min_recall:
        failed.append(f"recall@5 {r['recall_at_5']:.3f} < {args.min_recall}")
    if args.min_accuracy is not None and a["accuracy"] < args.min_accuracy:
        failed.append(f"độ chính xác {a['accuracy']:.3f} < {args.min_accuracy}")
    checks = [
        (args.min_mrr, r["mrr"], "MRR", 1),
        (args.min_refusal, a["refusal_accuracy"], "từ chối đúng", 1),
        (args.max_false_refusal, a["false_refusal_rate"], "từ chối sai", -1),
        (args.min_citation, a["citation_precision"], "độ chính xác trích dẫn", 1),
        (args.min_multi_part, a["multi_part_full"], "câu nhiều ý trả lời đủ", 1),
    ]
    for limit, value, name, sign in checks:
        if limit is not None and value is not None and (value - limit) * sign < 0:
            failed.append(f"{name} {value:.3f} {'<' if sign > 0 else '>'} {limit}")
    if failed:
        print("KHÔNG ĐẠT ngưỡng: " + "; ".join(failed))
        return 1
    return 0
