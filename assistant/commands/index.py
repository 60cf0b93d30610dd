"""``assistant index``: build or rebuild the hybrid index, with a progress bar."""

from __future__ import annotations

import argparse
import json
import time

from assistant.commands._common import notify, progress_bar, settings_from
from assistant.embeddings import model_id_of
from assistant.pipeline import ensure_index, index_status, open_embedder


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("index", help="xây dựng/cập nhật chỉ mục từ kho văn bản")
    p.add_argument("--force", action="store_true", help="xây dựng lại kể cả khi chỉ mục còn mới")
    p.add_argument("--check", action="store_true", help="chỉ kiểm tra chỉ mục còn mới hay không (mã thoát 1 nếu cũ)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    t0 = time.perf_counter()
    embedder = open_embedder(settings)
    if args.check:
        fresh, reasons = index_status(settings, model_id_of(embedder))
        print("Chỉ mục còn mới." if fresh else "Chỉ mục cần xây dựng lại: " + "; ".join(reasons))
        return 0 if fresh else 1
    update, close = progress_bar("Nhúng đoạn văn")
    try:
        store = ensure_index(settings, embedder, force=args.force, repair=True, progress=update, notify=notify)
    finally:
        close()
    m = store.manifest
    print(
        f"Chỉ mục: {m.n_chunks} đoạn từ {len(m.documents)} văn bản; mô hình {m.embedding_model} (d={m.dimension}); "
        f"{m.embedded_new} đoạn nhúng mới; {time.perf_counter() - t0:.1f} s. Thư mục: {store.path}"
    )
    tables = store.path / "tables.json"
    if tables.exists():
        counts = json.loads(tables.read_text(encoding="utf-8"))
        print(f"Bảng trích xuất: {len(counts['targets'])} chỉ tiêu, {len(counts['assignments'])} phân công ({tables}).")
    return 0
