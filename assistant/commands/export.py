"""``assistant export targets|assignments --format csv|json [--out FILE]``: the extracted tables for a
spreadsheet (CSV in UTF-8 with BOM, so Excel shows Vietnamese correctly) or for programs (JSON)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from assistant.commands._common import settings_from, trainer_data
from assistant.trainers.data import TrainerData

# (key in the row dict, column header shown in the spreadsheet)
TARGET_COLUMNS = [
    ("district", "Huyện"), ("doc_id", "Mã văn bản"), ("topic", "Chủ đề"), ("indicator", "Chỉ tiêu"),
    ("scope", "Phạm vi"), ("comparator", "So sánh"), ("value", "Giá trị"), ("value_max", "Giá trị tối đa"),
    ("unit", "Đơn vị"), ("display", "Như văn bản ghi"), ("text", "Nguyên văn"), ("breadcrumb", "Mục"),
    ("start", "Ký tự bắt đầu"), ("end", "Ký tự kết thúc"), ("note", "Ghi chú"),
]
ASSIGNMENT_COLUMNS = [
    ("district", "Huyện"), ("doc_id", "Mã văn bản"), ("kind", "Loại"), ("topic", "Chủ đề"),
    ("breadcrumb", "Mục"), ("task", "Nhiệm vụ (câu đầu)"), ("lead", "Chủ trì"), ("partners", "Phối hợp"),
    ("implementers", "Triển khai"), ("note", "Ghi chú"), ("text", "Nguyên văn phân công"),
    ("start", "Ký tự bắt đầu"), ("end", "Ký tự kết thúc"),
]


def rows(data: TrainerData, table: str, district: str | None = None) -> list[dict[str, object]]:
    """The rows of one table as dicts (optionally one district only)."""
    items = data.targets if table == "targets" else data.assignments
    if district:
        d = data.resolve_district(district)
        items = [x for x in items if x.district == d]  # type: ignore[assignment]
    return [x.to_dict() for x in items]


def to_csv(table: str, items: list[dict[str, object]]) -> str:
    cols = TARGET_COLUMNS if table == "targets" else ASSIGNMENT_COLUMNS
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([h for _, h in cols])
    for r in items:
        out = []
        for k, _ in cols:
            v = r.get(k)
            if isinstance(v, list):
                v = "; ".join(str(x) for x in v)
            elif isinstance(v, float):
                v = f"{v:g}".replace(".", ",")  # Vietnamese decimal comma, as the plans write it
            out.append("" if v is None else v)
        w.writerow(out)
    return buf.getvalue()


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("export", help="xuất bảng chỉ tiêu hoặc bảng phân công (CSV/JSON)")
    p.add_argument("table", choices=("targets", "assignments"), help="targets: chỉ tiêu; assignments: phân công")
    p.add_argument("--format", choices=("csv", "json"), default="csv", help="định dạng (mặc định csv)")
    p.add_argument("--district", help="chỉ xuất kế hoạch của huyện này")
    p.add_argument("--out", type=Path, help="ghi ra tệp (mặc định in ra màn hình)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data = trainer_data(settings_from(args))
    try:
        items = rows(data, args.table, args.district)
    except ValueError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 2
    text = to_csv(args.table, items) if args.format == "csv" else json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    if args.out is None:
        sys.stdout.write(text)
        return 0
    # BOM so that Excel opens the CSV as UTF-8.
    args.out.write_text(text, encoding="utf-8-sig" if args.format == "csv" else "utf-8")
    print(f"Đã ghi {len(items)} dòng vào {args.out}")
    return 0
