"""``assistant serve``: the HTTP service (API + chat page) with uvicorn."""

from __future__ import annotations

import argparse
import logging

from assistant.commands._common import notify, progress_bar, settings_from


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("serve", help="chạy dịch vụ web (trang hỏi đáp và API)")
    p.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này)")
    p.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")
    p.add_argument("--backend", help="backend trả lời (mặc định ASSISTANT_BACKEND=extractive)")
    p.add_argument("--no-access-log", action="store_true", help="không ghi nhật ký từng yêu cầu")
    p.set_defaults(func=run)


def index_stale_reasons(settings, assistant) -> list[str]:  # type: ignore[no-untyped-def]
    """Why the loaded index is older than the corpus and code ([] when it is current)."""
    from assistant.embeddings import model_id_of
    from assistant.pipeline import index_status
    from assistant.store import IndexUnavailable

    try:
        fresh, reasons = index_status(settings, model_id_of(assistant.embedder))
    except IndexUnavailable as e:
        return [str(e)]
    return [] if fresh else reasons


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from assistant.api.app import create_app
    from assistant.api.protocol import with_header_deadline
    from assistant.api.reindex import start_reindex
    from assistant.pipeline import Assistant

    if not 1 <= args.port <= 65535:
        print(f"Lỗi: cổng {args.port} không hợp lệ; hãy chọn một số trong khoảng 1–65535 (ví dụ --port 8000).")
        return 2
    settings = settings_from(args, backend=args.backend)
    # The Assistant (and the index, built here if missing or stale) loads before the server starts, so a broken
    # index or corpus is one "Lỗi:" line with the fix (from the CLI's error handling), not a server traceback.
    # An intact index of an older corpus is served at once while the new one builds in the background; only a
    # missing index is built first (Ctrl+C / SIGTERM stop that build; the previous index, if any, stays).
    update, close = progress_bar("Nhúng đoạn văn")
    try:
        assistant = Assistant.from_settings(settings, progress=update, notify=notify, stale_ok=True)
    finally:
        close()
    app = create_app(settings, assistant=assistant)
    logging.getLogger("assistant").setLevel(logging.INFO)
    stale = index_stale_reasons(settings, assistant)
    if stale:
        notify("Chỉ mục cũ hơn kho văn bản (" + "; ".join(stale) + "): đang trả lời từ chỉ mục cũ và xây chỉ mục mới ở nền…")
        start_reindex(app, settings)
    notify(f"Trợ lý kế hoạch NQ 42: mở http://{args.host}:{args.port}/ trong trình duyệt (Ctrl+C để dừng).")
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        access_log=not args.no_access_log,
        log_level="info",
        # The page streams answers; a short keep-alive is fine on a LAN.
        timeout_keep_alive=15,
        # Headers must arrive within the same deadline as bodies: a trickling client does not hold a connection.
        http=with_header_deadline(settings.request_body_timeout_s),
    )
    return 0
