"""A self-contained HTML report of an eval run: summary, per-type bar chart (inline SVG), failures."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

_TYPE_VI = {
    "assignment": "Phân công",
    "target": "Chỉ tiêu",
    "document_meta": "Thông tin văn bản",
    "section_lookup": "Tra mục",
    "cross_document": "Liên văn bản",
    "no_diacritics": "Không dấu",
    "paraphrase": "Diễn đạt khác",
    "unanswerable": "Không có đáp án",
    "briefing": "Tóm tắt quán triệt",
    "fact": "Nội dung khác",
}


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def _bar_chart(by_type: dict[str, Any]) -> str:
    """Grouped horizontal bars: accuracy and recall@5 per question type."""
    row_h, bar_h, left, width = 44, 16, 170, 420
    rows = list(by_type.items())
    height = row_h * len(rows) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 80}" height="{height}" role="img" '
        'aria-label="Độ chính xác và recall@5 theo loại câu hỏi">'
    ]
    for i, (t, m) in enumerate(rows):
        y = 10 + i * row_h
        parts.append(f'<text x="{left - 8}" y="{y + 20}" text-anchor="end" font-size="13">{escape(_TYPE_VI.get(t, t))}</text>')
        for j, (key, color) in enumerate((("accuracy", "#2b6cb0"), ("recall_at_5", "#9ac1e8"))):
            v = m.get(key)
            if v is None:
                continue
            w = max(1, int(v * width))
            yy = y + j * (bar_h + 2)
            parts.append(f'<rect x="{left}" y="{yy}" width="{w}" height="{bar_h}" fill="{color}"/>')
            parts.append(f'<text x="{left + w + 4}" y="{yy + 12}" font-size="11">{v * 100:.0f}%</text>')
    ly = height - 18
    parts.append(f'<rect x="{left}" y="{ly}" width="12" height="12" fill="#2b6cb0"/><text x="{left + 16}" y="{ly + 10}" font-size="12">Độ chính xác</text>')
    parts.append(f'<rect x="{left + 120}" y="{ly}" width="12" height="12" fill="#9ac1e8"/><text x="{left + 136}" y="{ly + 10}" font-size="12">Recall@5</text>')
    parts.append("</svg>")
    return "".join(parts)


def write_report(path: Path, metrics: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """Write ``report.html``."""
    r, a, lat = metrics["retrieval"], metrics["answer"], metrics["latency"]
    summary = [
        ("Số câu hỏi", str(metrics["n"])),
        ("Backend", metrics["backend"]),
        ("Mô hình embedding", metrics["embedding_model"]),
        ("Recall@1 / @5 / @10", f"{_pct(r['recall_at_1'])} / {_pct(r['recall_at_5'])} / {_pct(r['recall_at_10'])}"),
        ("MRR", f"{r['mrr']:.3f}"),
        ("Độ chính xác câu trả lời", _pct(a["accuracy"])),
        ("Từ chối đúng (câu không có đáp án)", _pct(a["refusal_accuracy"])),
        ("Từ chối sai (câu có đáp án)", _pct(a["false_refusal_rate"])),
        ("Độ chính xác trích dẫn (câu trả lời / bản tóm tắt)",
         f"{_pct(a['citation_precision'])} ({_pct(a.get('citation_precision_answers'))} / "
         f"{_pct(a.get('citation_precision_briefings'))})"),
        ("Trích dẫn đúng câu (đoạn được dẫn chứa câu gắn số của nó)", _pct(a.get("citation_faithfulness"))),
        ("Tỷ lệ chuyển sang trích xuất (fallback)", _pct(a.get("fallback_rate"))),
        ("Độ trễ p50 / p95", f"{lat['p50_ms']:.1f} ms / {lat['p95_ms']:.1f} ms"),
    ]
    type_rows = "".join(
        f"<tr><td>{escape(_TYPE_VI.get(t, t))}</td><td>{m['n']}</td><td>{_pct(m['accuracy'])}</td><td>{_pct(m['recall_at_5'])}</td></tr>"
        for t, m in metrics["by_type"].items()
    )
    failed = [row for row in rows if not row["pass"]]
    fail_rows = "".join(
        "<tr>"
        f"<td>{escape(row['id'])}<br><small>{escape(_TYPE_VI.get(row['type'], row['type']))}</small></td>"
        f"<td>{escape(row['question'])}</td>"
        f"<td>{escape(row['expected'])}<br><small>cần có: {escape('; '.join(row['must_contain']) or '(từ chối)')}</small></td>"
        f"<td>{escape(row['answer'])}</td>"
        f"<td>{escape(row['why'])}<br><small>hạng bằng chứng: {row['hit_rank'] if row['hit_rank'] else '—'}</small></td>"
        "</tr>"
        for row in failed
    )
    html = f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Báo cáo đánh giá</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1a202c;max-width:1200px}}
table{{border-collapse:collapse;margin:1rem 0}} td,th{{border:1px solid #cbd5e0;padding:.4rem .6rem;vertical-align:top;text-align:left}}
th{{background:#edf2f7}} small{{color:#4a5568}} .fail td{{font-size:.9rem}}
</style></head><body>
<h1>Báo cáo đánh giá trợ lý kế hoạch NQ 42</h1>
<h2>Tổng quan</h2>
<table>{''.join(f'<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>' for k, v in summary)}</table>
<h2>Theo loại câu hỏi</h2>
{_bar_chart(metrics['by_type'])}
<table><tr><th>Loại</th><th>Số câu</th><th>Độ chính xác</th><th>Recall@5</th></tr>{type_rows}</table>
<h2>Câu trả lời sai ({len(failed)})</h2>
<table class="fail"><tr><th>Mã</th><th>Câu hỏi</th><th>Mong đợi</th><th>Câu trả lời</th><th>Lý do</th></tr>{fail_rows}</table>
</body></html>
"""
    Path(path).write_text(html, encoding="utf-8")
