"""``assistant index``: build or rebuild the hybrid index, with a progress bar."""

from __future__ import annotations

import argparse
import time

from assistant.commands._common import notify, progress_bar, settings_from
from assistant.embeddings import model_id_of
from assistant.pipeline import ensure_index, index_status, open_embedder
from assistant.plan.model import PLAN_FILE, PlanBook


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
    plan_file = store.path / PLAN_FILE
    if plan_file.exists():
        book = PlanBook.load(store.path)
        n_targets = sum(len(p.targets) for p in book.plans)
        n_assign = sum(len(p.assignments) for p in book.plans)
        n_sections = sum(len(p.outline) for p in book.plans)
        print(f"Mô hình kế hoạch: {n_sections} mục, {n_targets} chỉ tiêu, {n_assign} phân công ({plan_file}).")
    return 0
