"""``assistant add FILE…``: read a plan (.docx, .pdf, .txt), show the fields found, write it to the corpus
and index it; ``assistant remove ID`` takes one out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.commands._common import notify, progress_bar, settings_from
from assistant.ingest.add import commit, prepare, remove
from assistant.ingest.formats import IngestError
from assistant.ingest.metadata import FIELDS
from assistant.pipeline import ensure_index, open_embedder

_LABELS = {
    "district": "Huyện", "province": "Tỉnh", "issuing_body": "Cơ quan ban hành", "number": "Số hiệu",
    "date": "Ngày", "year": "Năm", "title": "Trích yếu", "status": "Tình trạng", "signer": "Người ký",
    "signer_title": "Chức vụ người ký", "implements": "Thực hiện văn bản",
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("add", help="thêm kế hoạch từ tệp .docx/.pdf/.txt (đọc thông tin văn bản, lập chỉ mục)")
    p.add_argument("files", nargs="+", type=Path, metavar="TỆP")
    p.add_argument("--district", help="huyện (khi văn bản không ghi)")
    p.add_argument("--province", help="tỉnh (khi văn bản không ghi)")
    p.add_argument("--set", action="append", default=[], metavar="TRƯỜNG=GIÁ_TRỊ",
                   help=f"sửa một trường ({', '.join(('id', *FIELDS))})")
    p.add_argument("--yes", action="store_true", help="ghi vào kho không hỏi lại")
    p.add_argument("--no-index", action="store_true", help="chỉ ghi vào kho, chưa lập chỉ mục")
    p.set_defaults(func=run_add)
    r = sub.add_parser("remove", help="gỡ một kế hoạch khỏi kho (tệp được chuyển vào corpus/removed/)")
    r.add_argument("doc_id", metavar="MÃ")
    r.add_argument("--no-index", action="store_true", help="chưa lập lại chỉ mục")
    r.set_defaults(func=run_remove)


def _overrides(args: argparse.Namespace) -> dict[str, str]:
    out = {"district": args.district, "province": args.province}
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep:
            raise IngestError(f"--set cần dạng TRƯỜNG=GIÁ_TRỊ, không phải '{item}'.")
        out[key.strip()] = value.strip()
    return {k: v for k, v in out.items() if v}


def run_add(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    corpus_dir = Path(settings.corpus_dir)
    added = 0
    for source in args.files:
        plan = prepare(source, corpus_dir, _overrides(args))
        print(f"== {source.name} ({plan.extracted.kind}, {len(plan.extracted.text)} ký tự) → mã {plan.doc_id}")
        for key in FIELDS:
            found = plan.detected[key]
            value = plan.fields.get(key, "") or "(không thấy — hãy nhập)"
            where = f"   ← «{found.line}»" if found.line and found.value == plan.fields.get(key) else ""
            print(f"  {_LABELS[key]}: {value}{where}")
        if plan.duplicate_of:
            print(f"  Bỏ qua: cùng nội dung với văn bản '{plan.duplicate_of}' đã có trong kho.")
            continue
        if plan.missing:
            raise IngestError(f"{source.name}: chưa có {', '.join(_LABELS[k] for k in plan.missing)}; "
                              f"nhập bằng --set {plan.missing[0]}=… rồi chạy lại.")
        if not args.yes:
            if not sys.stdin.isatty():
                print("  Chưa ghi (thêm --yes để ghi vào kho).")
                continue
            if input("  Ghi vào kho? [c/K] ").strip().lower() not in ("c", "co", "có", "y", "yes"):
                continue
        path = commit(plan, corpus_dir)
        print(f"  Đã thêm: {path}")
        added += 1
    if added and not args.no_index:
        _reindex(settings)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    moved = remove(args.doc_id, Path(settings.corpus_dir))
    print(f"Đã gỡ '{args.doc_id}'; tệp chuyển vào: {', '.join(str(p) for p in moved) or '(không có tệp)'}")
    if not args.no_index:
        _reindex(settings)
    return 0


def _reindex(settings: object) -> None:
    update, close = progress_bar("Nhúng đoạn văn")
    try:
        store = ensure_index(settings, open_embedder(settings), progress=update, notify=notify)  # type: ignore[arg-type]
    finally:
        close()
    print(f"Chỉ mục: {store.manifest.n_chunks} đoạn từ {len(store.manifest.documents)} văn bản "
          f"({store.manifest.embedded_new} đoạn nhúng mới).")
