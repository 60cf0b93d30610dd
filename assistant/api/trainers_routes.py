"""Trainers' pages and JSON endpoints, included by :func:`assistant.api.app.create_app`.

Pages (HTML, extend ``base.html``):

- ``GET /brief?district=…&topic=…`` — "Soạn bài quán triệt": a form (district, topic) and the cited
  outline; each [n] links to ``/documents/{doc_id}?start=…&end=…``; downloads as .docx / .md.
- ``GET /compare?indicator=…`` — the cross-district table of 2030 targets.

JSON / files:

- ``GET /api/compare?indicator=…[&district=…]`` — comparison rows (``district`` may repeat).
- ``GET /api/brief?district=…&topic=…&format=json|md|docx`` — the outline (JSON by default).
- ``GET /api/targets[?district=…&topic=…]``, ``GET /api/assignments[?district=…&topic=…]``.

Bad input is a 422 with a Vietnamese ``detail`` (through the app's error handler).
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from assistant.api.feedback import csv_safe
from assistant.plan.topics import UnknownTopicError, resolve_topic, topic_keys
from assistant.text import fold, nfc
from assistant.trainers.briefing import Briefing, Line, build_briefing
from assistant.trainers.compare import Comparison, compare
from assistant.trainers.data import TrainerData, UnknownDistrictError, from_documents, from_store

router = APIRouter()

MAX_QUERY_CHARS = 200
FORMATS = ("json", "md", "docx")
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXAMPLE_INDICATORS = ["tỷ lệ thất nghiệp", "bảo hiểm y tế", "tuổi thọ trung bình", "diện tích nhà ở", "nước sạch", "y tế"]


def _data(request: Request) -> TrainerData:
    """The extracted tables: cited on the index's chunks when the assistant is loaded."""
    state = request.app.state
    assistant = getattr(state, "assistant", None)
    if assistant is not None:
        return from_store(assistant.store, state.settings.corpus_dir)
    docs = getattr(state, "docs", None)
    if docs:
        return from_documents(list(docs.values()))
    raise HTTPException(503, "Trợ lý đang khởi động, vui lòng thử lại sau giây lát.")


def _text_param(value: str | None, name: str, *, required: bool) -> str | None:
    if value is None or not value.strip():
        if required:
            raise HTTPException(422, f"Thiếu {name}.")
        return None
    value = nfc(value).strip()
    if len(value) > MAX_QUERY_CHARS:
        raise HTTPException(422, f"{name[:1].upper() + name[1:]} quá dài; tối đa {MAX_QUERY_CHARS} ký tự.")
    return value


def _district(data: TrainerData, value: str | None, *, required: bool) -> str | None:
    value = _text_param(value, "huyện (tham số district)", required=required)
    if value is None:
        return None
    try:
        return data.resolve_district(value)
    except UnknownDistrictError as e:
        raise HTTPException(422, str(e)) from None


def _topic(value: str | None, *, required: bool) -> str | None:
    value = _text_param(value, "chủ đề (tham số topic)", required=required)
    if value is None:
        return None
    try:
        return resolve_topic(value)
    except UnknownTopicError as e:
        raise HTTPException(422, str(e)) from None


def _comparison(data: TrainerData, indicator: str | None, districts: list[str] | None) -> Comparison:
    query = _text_param(indicator, "chỉ tiêu cần so sánh (tham số indicator)", required=True)
    chosen = [d for d in (_district(data, x, required=True) for x in districts or []) if d] or data.districts
    return compare(query or "", data.targets, list(dict.fromkeys(chosen)))


def slug(text: str) -> str:
    """ASCII file-name part: "Lạc Dương y tế" → "lac-duong-y-te"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "de-cuong"


def _download(b: Briefing, fmt: str) -> Response:
    name = f"de-cuong-quan-triet_{slug(b.district)}_{slug(b.topic)}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if fmt == "docx":
        return Response(b.to_docx(), media_type=DOCX_MIME, headers=headers)
    return Response(b.to_markdown(), media_type="text/markdown; charset=utf-8", headers=headers)


# --------------------------------------------------------------------------------------------- JSON


def comparison_rows(cmp: Comparison) -> list[list[str]]:
    """The comparison as a table for a spreadsheet: a header, then one row per indicator (cells as the plans write
    them, "không nêu" where a plan sets none), then the quoted sources."""
    rows = [["Chỉ tiêu đến năm 2030", *cmp.districts]]
    for row in cmp.rows:
        rows.append([row.label, *("; ".join(c.shown(t) for t in c.targets) or "không nêu" for c in row.cells)])
    rows.append([])
    rows.append(["Nguồn", "Huyện", "Mục", "Trích nguyên văn"])
    for row in cmp.rows:
        for c in row.cells:
            for t in c.targets:
                rows.append([row.label, c.district, t.breadcrumb, t.text])
    return rows


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _table_download(cmp: Comparison, fmt: str) -> Response:
    name = f"so-sanh_{slug(cmp.query)}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    rows = [[csv_safe(v) for v in r] for r in comparison_rows(cmp)]
    if fmt == "csv":
        buf = io.StringIO()
        csv.writer(buf).writerows(rows)
        # BOM: Excel opens UTF-8 Vietnamese correctly only with it.
        return Response("\ufeff" + buf.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "So sánh"
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return Response(out.getvalue(), media_type=XLSX_MIME, headers=headers)


@router.get("/api/compare", tags=["tập huấn"], response_model=None)
def api_compare(request: Request, indicator: str | None = None,
                district: list[str] | None = Query(None),  # noqa: B008
                format: str = "json") -> Response | dict[str, Any]:  # noqa: A002 - the documented name
    """So sánh chỉ tiêu đến năm 2030 giữa các huyện (``district`` lặp lại để chọn huyện);
    ``format=json`` (mặc định), ``csv`` hoặc ``xlsx`` (tải về, mở bằng Excel)."""
    fmt = (format or "json").strip().lower()
    if fmt not in ("json", "csv", "xlsx"):
        raise HTTPException(422, "Định dạng (tham số format) phải là json, csv hoặc xlsx.")
    data = _data(request)
    cmp = _comparison(data, indicator, district)
    if fmt != "json":
        return _table_download(cmp, fmt)
    out = cmp.to_dict()
    if not cmp.rows:
        out["message"] = f"Không tìm thấy chỉ tiêu nào khớp với «{cmp.query}» trong các kế hoạch."
    return out


@router.get("/api/brief", tags=["tập huấn"], response_model=None)
def api_brief(request: Request, district: str | None = None, topic: str | None = None,
              format: str = "json") -> Response | dict[str, Any]:  # noqa: A002 - the documented name
    """Đề cương quán triệt theo huyện và chủ đề: ``format=json`` (mặc định), ``md`` hoặc ``docx``."""
    fmt = (format or "json").strip().lower()
    if fmt not in FORMATS:
        raise HTTPException(422, "Định dạng (tham số format) phải là json, md hoặc docx.")
    data = _data(request)
    d = _district(data, district, required=True)
    t = _topic(topic, required=True)
    b = build_briefing(data, d or "", t or "")
    return b.to_dict() if fmt == "json" else _download(b, fmt)


def _filtered(request: Request, table: str, district: str | None, topic: str | None) -> list[dict[str, Any]]:
    data = _data(request)
    d = _district(data, district, required=False)
    t = _topic(topic, required=False)
    items = data.targets if table == "targets" else data.assignments
    return [x.to_dict() for x in items if (d is None or x.district == d) and (t is None or t in x.topics)]


@router.get("/api/targets", tags=["tập huấn"])
def api_targets(request: Request, district: str | None = None, topic: str | None = None) -> list[dict[str, Any]]:
    """Bảng chỉ tiêu đến năm 2030 trích từ các kế hoạch (lọc theo huyện, chủ đề)."""
    return _filtered(request, "targets", district, topic)


@router.get("/api/assignments", tags=["tập huấn"])
def api_assignments(request: Request, district: str | None = None,
                    topic: str | None = None) -> list[dict[str, Any]]:
    """Bảng phân công (cơ quan chủ trì, phối hợp) trích từ các kế hoạch (lọc theo huyện, chủ đề)."""
    return _filtered(request, "assignments", district, topic)


# -------------------------------------------------------------------------------------------- pages


def line_parts(line: Line) -> list[dict[str, Any]]:
    """A line as text pieces and citation numbers, for the template to turn [n] into links."""
    parts: list[dict[str, Any]] = []
    pos = 0
    for m in re.finditer(r"\[(\d+)\]", line.text):
        parts.append({"text": line.text[pos:m.start()]})
        parts.append({"n": int(m.group(1))})
        pos = m.end()
    parts.append({"text": line.text[pos:] + (" " if line.cites else "")})
    parts += [{"n": n} for n in line.cites]
    return [p for p in parts if p.get("text") or "n" in p]


def _page(request: Request, template: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, ctx, status_code=status)


@router.get("/brief", response_class=HTMLResponse, include_in_schema=False)
def brief_page(request: Request, district: str | None = None, topic: str | None = None) -> HTMLResponse:
    data = _data(request)
    ctx: dict[str, Any] = {"active_nav": "brief", "districts": data.districts, "topics": topic_keys(),
                           "district": district or "", "topic": topic or "", "briefing": None, "error": None}
    if not (district or topic):
        return _page(request, "brief.html", ctx)
    try:
        d = _district(data, district, required=True)
        t = _topic(topic, required=True)
    except HTTPException as e:
        ctx["error"] = e.detail
        return _page(request, "brief.html", ctx, status=422)
    b = build_briefing(data, d or "", t or "")
    ctx.update(district=b.district, topic=b.topic, briefing=b, line_parts=line_parts,
               sources={s.n: s for s in b.sources})
    return _page(request, "brief.html", ctx)


@router.get("/compare", response_class=HTMLResponse, include_in_schema=False)
def compare_page(request: Request, indicator: str | None = None) -> HTMLResponse:
    data = _data(request)
    ctx: dict[str, Any] = {"active_nav": "compare", "indicator": indicator or "", "comparison": None, "error": None,
                           "examples": EXAMPLE_INDICATORS, "districts": data.districts}
    if indicator is None:
        return _page(request, "compare.html", ctx)
    try:
        cmp = _comparison(data, indicator, None)
    except HTTPException as e:
        ctx["error"] = e.detail
        return _page(request, "compare.html", ctx, status=422)
    # Number the cited clauses once for the whole table.
    numbers: dict[tuple[str, int, int], int] = {}
    sources = []
    for row in cmp.rows:
        for cell in row.cells:
            for t in cell.targets + cell.related:
                key = (t.doc_id, t.start, t.end)
                if key not in numbers:
                    numbers[key] = len(numbers) + 1
                    sources.append({"n": numbers[key], "target": t,
                                    "url": f"/documents/{t.doc_id}?start={t.start}&end={t.end}"})
    ctx.update(comparison=cmp, numbers=numbers, sources=sources)
    return _page(request, "compare.html", ctx)


@router.get("/api/trainers/topics", tags=["tập huấn"])
def api_topics() -> JSONResponse:
    """Danh sách chủ đề dùng cho đề cương và bộ lọc."""
    return JSONResponse(topic_keys())
