"""``assistant compare "bảo hiểm y tế"``: the four districts' 2030 targets for an indicator, each cited."""

from __future__ import annotations

import argparse

from assistant.commands._common import print_json, settings_from, trainer_data
from assistant.trainers.compare import compare


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("compare", help="so sánh chỉ tiêu đến năm 2030 giữa các huyện")
    p.add_argument("indicator", help='chỉ tiêu hoặc chủ đề, ví dụ: "bảo hiểm y tế", "tỷ lệ thất nghiệp", "y tế"')
    p.add_argument("--district", action="append", help="chỉ so sánh các huyện này (lặp lại để chọn nhiều huyện)")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data = trainer_data(settings_from(args))
    districts = [data.resolve_district(d) for d in args.district] if args.district else data.districts
    cmp = compare(args.indicator, data.targets, districts)
    if args.json:
        print_json(cmp.to_dict())
        return 0
    if not cmp.rows:
        print(f"Không tìm thấy chỉ tiêu nào khớp với «{args.indicator}» trong các kế hoạch.")
        return 1
    sources: list[tuple[int, str]] = []
    seen: dict[tuple[str, int, int], int] = {}

    def mark(t) -> str:  # type: ignore[no-untyped-def]
        key = (t.doc_id, t.start, t.end)
        if key not in seen:
            seen[key] = len(seen) + 1
            sources.append((seen[key], f"{t.breadcrumb} (ký tự {t.start}–{t.end}): «{t.text}»"))
        return f"[{seen[key]}]"

    width = max(len(d) for d in districts) + 1
    for row in cmp.rows:
        print(f"Chỉ tiêu đến năm 2030: {row.label}")
        for c in row.cells:
            if c.targets:
                value = " và ".join(f"{c.shown(t)} {mark(t)}" for t in c.targets)
            elif c.related:
                value = "không nêu (kế hoạch nêu " + "; ".join(
                    f"{t.indicator} {t.display} {mark(t)}" for t in c.related) + ")"
            else:
                value = "không nêu"
            print(f"  {c.district + ':':<{width}} {value}")
        print()
    print("Nguồn:")
    for n, text in sources:
        print(f"[{n}] {text}")
    return 0
