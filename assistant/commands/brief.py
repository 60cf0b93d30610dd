"""``assistant brief --district "Lạc Dương" --topic "y tế" [--format md|docx] [--out FILE]``:
a cited briefing outline for a quán triệt session."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.commands._common import settings_from, trainer_data
from assistant.plan.topics import topic_keys
from assistant.text import fold
from assistant.trainers.briefing import build_briefing


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("brief", help="soạn đề cương quán triệt (có trích dẫn) theo huyện và chủ đề")
    p.add_argument("--district", required=True, help='huyện, ví dụ: "Lạc Dương"')
    p.add_argument("--topic", required=True, help="chủ đề: " + ", ".join(topic_keys()))
    p.add_argument("--format", choices=("md", "docx"), default="md", help="định dạng (mặc định md)")
    p.add_argument("--out", type=Path, help="ghi ra tệp (bắt buộc với docx; mặc định in md ra màn hình)")
    p.set_defaults(func=run)


def default_name(district: str, topic: str, fmt: str) -> str:
    slug = "-".join(fold(f"{district} {topic}").replace("–", " ").split())
    return f"de-cuong-quan-triet_{slug}.{fmt}"


def run(args: argparse.Namespace) -> int:
    data = trainer_data(settings_from(args))
    try:
        briefing = build_briefing(data, args.district, args.topic)
    except ValueError as e:  # unknown district or topic: one clear line
        print(f"Lỗi: {e}", file=sys.stderr)
        return 2
    if args.format == "md" and args.out is None:
        sys.stdout.write(briefing.to_markdown())
        return 0
    out = args.out or Path(default_name(briefing.district, briefing.topic, args.format))
    if args.format == "docx":
        out.write_bytes(briefing.to_docx())
    else:
        out.write_text(briefing.to_markdown(), encoding="utf-8")
    print(f"Đã ghi đề cương ({len(briefing.sources)} nguồn trích dẫn) vào {out}")
    return 0
