"""The documents admin view and its API, behind the admin token (``ASSISTANT_ADMIN_TOKEN``).

Page:

- ``GET /admin`` — a token form; with a valid token (cookie set by ``POST /admin/login``) the view: upload
  one or several plan files, review and correct the detected fields, confirm, watch indexing, remove a plan.

JSON (token in the cookie, ``X-Admin-Token`` or ``Authorization: Bearer``):

- ``POST /api/admin/uploads`` (multipart ``files``) — each file read and its fields detected; nothing is
  written to the corpus yet.
- ``GET /api/admin/uploads`` — the uploads read and still waiting for confirmation (they survive a restart).
- ``POST /api/admin/uploads/{upload_id}/confirm`` — with corrected fields: written to the corpus, then indexed
  in the background (the previous index answers meanwhile).
- ``DELETE /api/admin/uploads/{upload_id}`` — an upload not wanted: forgotten, its file deleted.
- ``GET /api/admin/reindex`` — progress of the running or last index build.
- ``DELETE /api/admin/documents/{doc_id}`` — the plan taken out (files kept in ``corpus/removed/``), re-indexed.

Officials without the token see the token form only; every call without it is a 401/403.
"""

from __future__ import annotations

import hmac
import shutil
import uuid
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Form, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from assistant.api.reindex import start_reindex
from assistant.api.schemas import ErrorResponse
from assistant.ingest.add import REQUIRED, PreparedPlan, commit, prepare, remove
from assistant.ingest.formats import SUPPORTED, IngestError
from assistant.ingest.metadata import FIELDS
from assistant.ingest.pending import PendingUploads

router = APIRouter()

COOKIE = "assistant_admin"
LABELS = {
    "district": "Huyện", "province": "Tỉnh", "issuing_body": "Cơ quan ban hành", "number": "Số hiệu",
    "date": "Ngày ban hành (YYYY-MM-DD)", "year": "Năm", "title": "Trích yếu", "status": "Tình trạng (final/draft)",
    "signer": "Người ký", "signer_title": "Chức vụ người ký", "implements": "Thực hiện văn bản",
}
MAX_PENDING = 20  # uploads read but not confirmed (kept on disk: a restart does not lose them)
_ERR = {"model": ErrorResponse}
ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {401: _ERR, 403: _ERR, 413: _ERR}
LOOKUP_ERRORS: dict[int | str, dict[str, Any]] = {**ADMIN_ERRORS, 404: _ERR, 422: _ERR}


class ConfirmRequest(BaseModel):
    fields: dict[str, str] = Field(default_factory=dict, description="trường đã sửa (tên → giá trị)")
    doc_id: str | None = Field(None, max_length=100, description="mã văn bản (mặc định: mã đề xuất)")


def _token(request: Request) -> str | None:
    token = request.headers.get("x-admin-token") or request.cookies.get(COOKIE)
    auth = request.headers.get("authorization", "")
    if token is None and auth.lower().startswith("bearer "):
        token = auth[7:].strip()
    return token


def _valid(request: Request, token: str | None) -> bool:
    configured = request.app.state.settings.admin_token
    return bool(configured and token and hmac.compare_digest(token.encode(), configured.encode()))


def require_admin(request: Request) -> None:
    """401 without a token, 403 with a wrong one or when the admin view is off (no token configured)."""
    if not request.app.state.settings.admin_token:
        raise HTTPException(403, "Trang quản trị văn bản đang tắt: máy chủ chưa cấu hình ASSISTANT_ADMIN_TOKEN.")
    token = _token(request)
    if not token:
        raise HTTPException(401, "Cần mã quản trị để quản lý văn bản.", headers={"WWW-Authenticate": "Bearer"})
    if not _valid(request, token):
        raise HTTPException(403, "Mã quản trị không đúng.")


def _pending(request: Request) -> PendingUploads:
    """Uploads read but not yet confirmed, in ``<data_dir>/uploads`` (opened on first use)."""
    state = request.app.state
    with state.uploads_lock:
        if state.uploads is None:
            folder = Path(state.settings.data_dir) / "uploads"
            try:
                state.uploads = PendingUploads(folder, MAX_PENDING)
            except OSError as e:
                raise HTTPException(503, f"Không ghi được thư mục tải lên {folder} ({e.strerror}); "
                                         "hãy báo quản trị máy chủ kiểm tra ASSISTANT_DATA_DIR.") from None
        return state.uploads


def _describe(upload_id: str, plan: PreparedPlan) -> dict[str, Any]:
    return {
        "upload_id": upload_id, "file": plan.source.name.split("_", 1)[-1], "kind": plan.extracted.kind,
        "pages": plan.extracted.pages, "chars": len(plan.extracted.text), "doc_id": plan.doc_id,
        "duplicate_of": plan.duplicate_of, "missing": plan.missing,
        "fields": [{"name": k, "label": LABELS[k], "value": plan.fields.get(k, ""), "line": plan.detected[k].line}
                   for k in FIELDS],
    }


# ----------------------------------------------------------------- page


@router.get("/admin", response_class=HTMLResponse, include_in_schema=False)
def admin_page(request: Request) -> Response:
    templates = request.app.state.templates
    if not request.app.state.settings.admin_token:
        return templates.TemplateResponse(request, "admin_login.html", {"disabled": True}, status_code=403)
    if not _valid(request, request.cookies.get(COOKIE)):
        return templates.TemplateResponse(request, "admin_login.html", {"disabled": False})
    docs = sorted(request.app.state.docs.values(), key=lambda d: d.id)
    return templates.TemplateResponse(
        request, "admin.html",
        {"docs": docs, "accept": ",".join(sorted(SUPPORTED)), "max_mb": request.app.state.settings.max_upload_mb},
    )


@router.post("/admin/login", include_in_schema=False)
def admin_login(request: Request, token: str = Form(..., max_length=500)) -> Response:
    if not _valid(request, token.strip()):
        return request.app.state.templates.TemplateResponse(
            request, "admin_login.html", {"disabled": not request.app.state.settings.admin_token,
                                          "error": "Mã quản trị không đúng."}, status_code=403)
    resp = RedirectResponse("/admin", status_code=303)
    resp.set_cookie(COOKIE, token.strip(), httponly=True, samesite="strict", path="/")
    return resp


@router.post("/admin/logout", include_in_schema=False)
def admin_logout() -> Response:
    resp = RedirectResponse("/", status_code=303)
    resp.delete_cookie(COOKIE, path="/")
    return resp


# ----------------------------------------------------------------- API


@router.post("/api/admin/uploads", tags=["quản trị văn bản"], responses=ADMIN_ERRORS)
async def upload(request: Request, files: list[UploadFile]) -> list[dict[str, Any]]:
    """Đọc các tệp kế hoạch (.docx, .pdf, ảnh quét, .txt) và nhận diện thông tin văn bản; chưa ghi vào kho."""
    require_admin(request)
    settings = request.app.state.settings
    limit = settings.max_upload_mb * 1024 * 1024
    pending = _pending(request)  # opened before any file is written: at opening, files without a record are removed
    folder = pending.folder
    out = []
    for f in files:
        name = Path(f.filename or "tep").name
        upload_id = uuid.uuid4().hex[:12]
        target = folder / f"{upload_id}_{name}"
        with target.open("wb") as dst:
            await run_in_threadpool(shutil.copyfileobj, f.file, dst, 1 << 20)
        try:
            plan = await run_in_threadpool(prepare, target, Path(settings.corpus_dir), None, limit)
        except IngestError as e:
            target.unlink(missing_ok=True)
            out.append({"upload_id": None, "file": name, "error": str(e)})
            continue
        await run_in_threadpool(pending.put, upload_id, plan)  # the oldest unconfirmed goes past the limit
        out.append(_describe(upload_id, plan))
    return out


@router.get("/api/admin/uploads", tags=["quản trị văn bản"], responses=ADMIN_ERRORS)
def pending_uploads(request: Request) -> list[dict[str, Any]]:
    """Các tệp đã đọc, đang chờ kiểm tra và ghi vào kho (cũ nhất trước)."""
    require_admin(request)
    return [_describe(upload_id, plan) for upload_id, plan in _pending(request).items()]


@router.delete("/api/admin/uploads/{upload_id}", tags=["quản trị văn bản"], responses=LOOKUP_ERRORS)
def discard_upload(request: Request, upload_id: str) -> dict[str, Any]:
    """Bỏ một tệp đã tải lên mà không ghi vào kho."""
    require_admin(request)
    if not _pending(request).discard(upload_id):
        raise HTTPException(404, "Không còn tệp tải lên này.")
    return {"discarded": upload_id}


@router.post("/api/admin/uploads/{upload_id}/confirm", tags=["quản trị văn bản"], responses=LOOKUP_ERRORS)
def confirm(request: Request, upload_id: str, body: ConfirmRequest) -> dict[str, Any]:
    """Ghi văn bản (với các trường đã sửa) vào kho rồi lập chỉ mục ở nền."""
    require_admin(request)
    unknown = sorted(set(body.fields) - set(FIELDS))
    if unknown:
        raise HTTPException(422, f"Không có trường {', '.join(unknown)}.")
    pending = _pending(request)
    plan = pending.take(upload_id)  # confirmed once: a double click cannot write it twice
    if plan is None:
        raise HTTPException(404, "Không còn tệp tải lên này; hãy tải lại.")
    plan.fields.update({k: v.strip() for k, v in body.fields.items()})
    plan.doc_id = (body.doc_id or plan.doc_id).strip()
    plan.missing = [k for k in REQUIRED if not plan.fields.get(k)]
    settings = request.app.state.settings
    try:
        path = commit(plan, Path(settings.corpus_dir))
    except IngestError as e:
        pending.put(upload_id, plan)  # kept with the corrections, to be corrected and sent again
        raise HTTPException(422, str(e)) from None
    plan.source.unlink(missing_ok=True)
    job = start_reindex(request.app, settings)
    return {"doc_id": plan.doc_id, "file": path.name, "reindex": job.snapshot()}


@router.get("/api/admin/reindex", tags=["quản trị văn bản"], responses=ADMIN_ERRORS)
def reindex_status(request: Request) -> dict[str, Any]:
    """Tiến độ lập chỉ mục (đang chạy hoặc lần gần nhất)."""
    require_admin(request)
    job = getattr(request.app.state, "reindex_job", None)
    if job is None:
        return {"state": "idle", "done": 0, "total": 0, "message": "Chưa lập chỉ mục lại từ khi dịch vụ khởi động."}
    return job.snapshot()


@router.delete("/api/admin/documents/{doc_id}", tags=["quản trị văn bản"], responses=LOOKUP_ERRORS)
def delete_document(request: Request, doc_id: str) -> dict[str, Any]:
    """Gỡ một kế hoạch khỏi kho (tệp chuyển vào corpus/removed/) rồi lập chỉ mục lại."""
    require_admin(request)
    settings = request.app.state.settings
    try:
        moved = remove(doc_id, Path(settings.corpus_dir))
    except IngestError as e:
        raise HTTPException(404 if "Không có văn bản" in str(e) else 422, str(e)) from None
    job = start_reindex(request.app, settings)
    return {"removed": doc_id, "moved_to": [p.name for p in moved], "reindex": job.snapshot()}
