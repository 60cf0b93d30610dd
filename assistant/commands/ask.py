"""``assistant ask "…"``: answer one question with citations (text or ``--json``)."""

from __future__ import annotations

import argparse

from assistant.commands._common import notify, print_json, progress_bar, settings_from
from assistant.pipeline import Assistant


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ask", help="hỏi một câu về các kế hoạch")
    p.add_argument("question", help="câu hỏi, ví dụ: \"Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?\"")
    p.add_argument("--district", help="chỉ tìm trong kế hoạch của huyện này")
    p.add_argument("--document", metavar="MÃ", help="chỉ tìm trong một văn bản (mã trong corpus/manifest.toml)")
    p.add_argument("--top-k", type=int, help="số đoạn truy xuất (mặc định ASSISTANT_TOP_K=5)")
    p.add_argument("--backend", help="backend trả lời (mặc định ASSISTANT_BACKEND=extractive)")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args, top_k=args.top_k, backend=args.backend)
    update, close = progress_bar("Nhúng đoạn văn")
    try:
        assistant = Assistant.from_settings(settings, progress=update, notify=notify)
    finally:
        close()
    result = assistant.ask(
        args.question, district=args.district, top_k=args.top_k, backend=args.backend, document=args.document
    )
    if args.json:
        keys = ("answer", "refused", "grounded", "citations", "backend", "timings_ms", "fallback_reason", "guard")
        print_json({k: result[k] for k in keys if k in result})
        return 0
    print(result["answer"])
    if result.get("fallback_reason"):
        print(f"\n(Lưu ý: {result['fallback_reason']})")
    if result["citations"]:
        print("\nNguồn:")
        for c in result["citations"]:
            passage = " ".join(c["text"].split())
            print(f"[{c['n']}] {c['breadcrumb']} (ký tự {c['start']}–{c['end']})")
            print(f"    «{passage[:600]}{'…' if len(passage) > 600 else ''}»")
    return 0
