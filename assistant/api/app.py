"""FastAPI application: JSON API, the chat page and the document viewer.

``create_app(settings=None, assistant=None)`` builds the app. The :class:`~assistant.pipeline.Assistant`
(index, embedder, generators), the corpus and the feedback store are loaded once in the lifespan and
kept on ``app.state`` for every request:

- ``app.state.settings``   — :class:`~assistant.config.Settings`
- ``app.state.assistant``  — the loaded :class:`~assistant.pipeline.Assistant` (``None`` until start-up)
- ``app.state.docs``       — ``{doc_id: Document}`` of the corpus (``Document.text`` is what spans index)
- ``app.state.feedback``   — :class:`~assistant.api.feedback.FeedbackStore`
- ``app.state.templates``  — the shared :class:`~fastapi.templating.Jinja2Templates` over ``web/templates``
- ``app.state.answer_cache`` — bounded LRU of finished answers of deterministic backends (``/api/ask*``)
- ``app.state.client_timeout_s`` — how long the chat page waits without a byte before saying "timeout"

Other routers (e.g. ``assistant.api.trainers_routes.router``, included when it imports) use them via
``request.app.state``: render with ``request.app.state.templates.TemplateResponse(request, "x.html", ctx)``
where ``x.html`` does ``{% extends "base.html" %}`` (blocks: ``title``, ``head``, ``content``, ``scripts``;
pass ``active_nav="brief"`` to highlight the nav link). Static files are served from ``/static`` (``web/static``).

Every HTML page is sent with a Content-Security-Policy that allows scripts and styles from this origin
only (``script-src 'self'``): put JavaScript in ``web/static/*.js``, never inline ``<script>`` code or
``onclick=`` attributes — they would not run. ``/docs`` and ``/redoc`` (FastAPI's OpenAPI pages) are exempt.
"""

from __future__ import annotations

import asyncio
import hmac
import importlib.util
import json
import logging
import os
import re
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.background import BackgroundTask
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.api.admin_routes import router as admin_router
from assistant.api.cache import DETERMINISTIC_BACKENDS, LRUCache
from assistant.api.feedback import FeedbackFull, FeedbackStore, RateLimited, RateLimiter
from assistant.api.health import CorpusWatch, disk_room
from assistant.api.pg_records import AuditLog, open_audit, open_feedback
from assistant.api.reindex import follow_store
from assistant.api.schemas import (
    DOC_ID_PATTERN,
    AskRequest,
    AskResponse,
    Citation,
    DocumentInfo,
    ErrorResponse,
    Excerpt,
    FeedbackRequest,
    FeedbackSaved,
    Health,
)
from assistant.api.trainers_routes import router as trainers_router
from assistant.config import REPO_ROOT, ConfigError, Settings, load_settings
from assistant.corpus import Document
from assistant.generation.backends import BackendError
from assistant.generation.cancel import CANCELLED
from assistant.pgstore import attach, is_postgres, loaded_version
from assistant.pipeline import Assistant, QuestionError, validate_question
from assistant.retrieval import UnknownDistrictError, UnknownDocumentError

log = logging.getLogger(__name__)

# Questions longer than this cost several times an ordinary one (analysis, matching): at most HEAVY_SLOTS of
# them are answered at once; one waits at most HEAVY_WAIT_S for a slot.
HEAVY_QUESTION_CHARS = 400
HEAVY_SLOTS = 1
HEAVY_WAIT_S = 20.0

WEB_DIR = REPO_ROOT / "web"
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

MAX_BODY_BYTES = 1_000_000
UPLOAD_PATH = "/api/admin/uploads"  # the one address that takes plan files (ASSISTANT_MAX_UPLOAD_MB each)
UPLOAD_FILES = 5  # files per upload request
# Answers of deterministic backends kept in memory (see assistant.api.cache); 0 disables the cache.
ANSWER_CACHE_ENV = "ASSISTANT_ANSWER_CACHE_SIZE"
DEFAULT_ANSWER_CACHE = 1024
EXCERPT_CONTEXT = 400
GENERIC_500 = "Đã có lỗi trong máy chủ. Vui lòng thử lại sau ít phút; nếu lỗi lặp lại, hãy báo cho quản trị viên."
_DOC_ID_RE = re.compile(DOC_ID_PATTERN)

# Shown as clickable examples on the chat page: one per kind of question the plans answer well.
EXAMPLE_QUESTIONS = [
    "Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?",
    "Đến năm 2030, Kim Động phấn đấu giữ tỷ lệ thất nghiệp chung ở mức nào?",
    "Chỉ tiêu giường bệnh và bác sĩ của Phụng Hiệp đến năm 2030 là gì?",
    "Lạc Dương giao ai chủ trì học tập, quán triệt và tuyên truyền kế hoạch?",
    "So sánh chỉ tiêu tham gia bảo hiểm y tế đến 2030 của Lạc Dương và Kim Động.",
]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_CSP_EXEMPT = ("/docs", "/redoc")

# Vietnamese names of request fields, for validation messages.
_FIELD_VI = {
    "question": "câu hỏi",
    "district": "huyện",
    "history": "lịch sử hội thoại",
    "backend": "backend",
    "top_k": "top_k",
    "answer": "câu trả lời",
    "helpful": "đánh giá (helpful)",
    "comment": "góp ý",
    "citations": "trích dẫn",
    "role": "vai trò (role)",
    "content": "nội dung",
    "start": "start",
    "end": "end",
    "context": "context",
}


class ApiError(Exception):
    """An error with a Vietnamese message for the user and an HTTP status."""

    def __init__(self, status: int, detail: str, code: str | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.code = code


# ---------------------------------------------------------------------------------------------------
# Middleware (pure ASGI: cheap, and does not buffer the SSE stream)
# ---------------------------------------------------------------------------------------------------

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class SecurityHeaders:
    """Adds nosniff/referrer headers everywhere and a strict CSP on HTML pages; rejects huge bodies."""

    def __init__(
        self, app: Callable[[Scope, Receive, Send], Awaitable[None]], max_body: int = MAX_BODY_BYTES,
        body_timeout_s: float = 30.0, upload_max: int = MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.body_timeout_s = body_timeout_s
        self.upload_max = upload_max  # plan files sent to the admin upload (several per request)

    async def _too_large(self, send: Send, limit: int) -> None:
        await self._refuse(send, 413, f"Dữ liệu gửi lên quá lớn (tối đa {limit // 1000} kB).", "too_large")

    @staticmethod
    async def _refuse(send: Send, status: int, detail: str, code: str) -> None:
        body = json.dumps({"detail": detail, "code": code}, ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode()),
            (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_max if scope.get("path", "").startswith(UPLOAD_PATH) else self.max_body
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                await self._too_large(send, limit)
                return
        # A chunked body (no Content-Length) is counted as it arrives and cut off at the limit, so it is
        # never read whole into memory.
        received = 0
        started = False
        # The whole body must arrive within body_timeout_s: a client sending a byte every few seconds would
        # otherwise hold a worker forever. After the body, receive() only waits for a disconnect: not timed.
        body_done = False
        deadline: float | None = None

        async def limited_receive() -> Message:
            nonlocal received, body_done, deadline
            if body_done:
                return await receive()
            loop = asyncio.get_running_loop()
            deadline = deadline or loop.time() + self.body_timeout_s
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                raise _BodyTooSlow from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge
                body_done = not message.get("more_body", False)
            return message

        exempt = scope["path"].startswith(_CSP_EXEMPT)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]
                is_html = any(k == b"content-type" and v.startswith(b"text/html") for k, v in headers)
                if is_html and not exempt:
                    headers += [(b"content-security-policy", CSP.encode()), (b"x-frame-options", b"DENY")]
                message["headers"] = headers
            await send(message)

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        try:
            await self.app(scope, limited_receive, send_tracked)
        except _BodyTooLarge:
            if not started:
                await self._too_large(send, limit)
        except _BodyTooSlow:
            if not started:
                await self._refuse(send, 408, f"Dữ liệu gửi lên quá chậm (quá {self.body_timeout_s:g} giây); hãy gửi lại.",
                                   "too_slow")


class _BodyTooSlow(StarletteHTTPException):
    """The request body did not arrive within the middleware's deadline."""

    def __init__(self) -> None:
        super().__init__(408, "Dữ liệu gửi lên quá chậm.")


class _BodyTooLarge(StarletteHTTPException):
    """The request body passed the size limit while it was being read (FastAPI passes HTTP errors through)."""

    def __init__(self) -> None:
        super().__init__(413, f"Dữ liệu gửi lên quá lớn (tối đa {MAX_BODY_BYTES // 1000} kB).")


# ---------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------


def _wants_json(request: Request) -> bool:
    p = request.url.path
    return p.startswith("/api/") or p == "/healthz"


def _error_page(request: Request, status: int, message: str, title: str = "Có lỗi xảy ra") -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"title": title, "message": message, "status": status}, status_code=status
    )


def _error(request: Request, status: int, detail: str, code: str | None = None, errors: list[Any] | None = None) -> Response:
    if _wants_json(request):
        body = ErrorResponse(detail=detail, code=code, errors=errors).model_dump(exclude_none=True)
        return JSONResponse(body, status_code=status)
    titles = {404: "Không tìm thấy", 422: "Yêu cầu không hợp lệ", 403: "Không có quyền truy cập"}
    return _error_page(request, status, detail, titles.get(status, "Có lỗi xảy ra"))


def _validation_message(err: dict[str, Any]) -> str:
    """One Vietnamese sentence for one Pydantic error."""
    loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path")]
    name = _FIELD_VI.get(loc[-1], loc[-1]) if loc else "dữ liệu"
    if loc and loc[-1].isdigit() and len(loc) >= 2:
        name = f"{_FIELD_VI.get(loc[-2], loc[-2])} (mục {int(loc[-1]) + 1})"
    ctx = err.get("ctx") or {}
    kind = err.get("type", "")
    if kind == "missing":
        return f"Thiếu trường bắt buộc: {name}."
    if kind == "string_too_long":
        if loc and loc[-1] == "question":
            return f"Câu hỏi quá dài; tối đa {ctx.get('max_length')} ký tự."
        return f"Trường {name} quá dài; tối đa {ctx.get('max_length')} ký tự."
    if kind == "string_too_short":
        return f"Trường {name} không được để trống."
    if kind == "too_long":
        return f"Trường {name} có quá nhiều mục; tối đa {ctx.get('max_length')}."
    if kind in ("string_type", "string_unicode"):
        return f"Trường {name} phải là chuỗi ký tự."
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"Trường {name} phải là số nguyên."
    if kind in ("bool_type", "bool_parsing"):
        return f"Trường {name} phải là true hoặc false."
    if kind == "greater_than_equal":
        return f"Trường {name} phải lớn hơn hoặc bằng {ctx.get('ge')}."
    if kind == "less_than_equal":
        return f"Trường {name} phải nhỏ hơn hoặc bằng {ctx.get('le')}."
    if kind == "extra_forbidden":
        return f"Trường không được hỗ trợ: {loc[-1] if loc else '?'}."
    if kind == "literal_error":
        allowed = str(ctx.get("expected", "")).replace(" or ", " hoặc ")
        return f"Giá trị của trường {name} không hợp lệ (cho phép: {allowed})."
    if kind in ("json_invalid", "json_type"):
        return "Dữ liệu gửi lên không phải JSON hợp lệ."
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return "Nội dung yêu cầu phải là một đối tượng JSON."
    if kind == "list_type":
        return f"Trường {name} phải là một danh sách."
    if kind == "value_error":
        # Our own validators raise Vietnamese messages; Pydantic prefixes them with "Value error, ".
        return str(err.get("msg", "")).removeprefix("Value error, ")
    return f"Giá trị của trường {name} không hợp lệ."


def _doc_info(doc: Document) -> DocumentInfo:
    return DocumentInfo(**doc.metadata(), url=f"/documents/{doc.id}")  # type: ignore[arg-type]


def _get_doc(request: Request, doc_id: str) -> Document:
    """The plan ``doc_id`` (looked up in memory, never as a file path) or a Vietnamese 404."""
    docs: dict[str, Document] = request.app.state.docs
    doc = docs.get(doc_id) if _DOC_ID_RE.fullmatch(doc_id) else None
    if doc is None:
        raise ApiError(404, "Không tìm thấy văn bản này trong kho. Hãy chọn một văn bản trong danh sách.", "unknown_document")
    return doc


def _check_span(doc: Document, start: int | None, end: int | None) -> tuple[int, int] | None:
    """A valid ``(start, end)`` into ``doc.text``, ``None`` without a span, else a 422 saying why."""
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise ApiError(422, "Cần cả hai tham số start và end để đánh dấu đoạn trích.", "bad_span")
    n = len(doc.text)
    if start < 0 or end > n:
        raise ApiError(422, f"Đoạn trích nằm ngoài văn bản: văn bản dài {n} ký tự (start, end phải trong 0–{n}).", "bad_span")
    if start >= end:
        raise ApiError(422, "Đoạn trích không hợp lệ: start phải nhỏ hơn end.", "bad_span")
    return start, end


_MD_MARKERS = re.compile(r"\\(?=[*_#])|\*+|^[ \t]*#{1,6}[ \t]*", re.MULTILINE)


def _offline_api_docs(app: FastAPI) -> None:
    """/docs (Swagger UI) and /redoc from assets installed with the project (package ``fastapi-offline``),
    so the API documentation works on an office network without Internet."""
    from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html

    assets = Path(importlib.util.find_spec("fastapi_offline").origin).parent / "static"  # type: ignore[union-attr, arg-type]
    app.mount("/static-api-docs", StaticFiles(directory=str(assets)), name="api-docs")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title=f"{app.title} — API", swagger_js_url="/static-api-docs/swagger-ui-bundle.js",
            swagger_css_url="/static-api-docs/swagger-ui.css", swagger_favicon_url="/static/favicon.svg",
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url="/openapi.json", title=f"{app.title} — API", redoc_js_url="/static-api-docs/redoc.standalone.js",
            redoc_favicon_url="/static/favicon.svg", with_google_fonts=False,
        )


def _anchored(text: str, base: int, starts: list[int]) -> list[tuple[str | None, str]]:
    """``text`` (which begins at offset ``base`` of its document) cut at section starts: [(anchor id, piece)]."""
    cuts = sorted(p - base for p in starts if base <= p < base + len(text))
    pieces: list[tuple[str | None, str]] = []
    prev, anchor = 0, None
    for c in cuts:
        pieces.append((anchor, text[prev:c]))
        prev, anchor = c, f"s{base + c}"
    pieces.append((anchor, text[prev:]))
    return pieces


def plain_text(text: str) -> str:
    """Display form of plan text: ``**``, ``*``, ``\\*`` and heading ``#`` markers removed."""
    return _MD_MARKERS.sub("", text or "")


def _to_response(result: dict[str, Any], docs: dict[str, Document]) -> AskResponse:
    citations = []
    for c in result["citations"]:
        doc = docs.get(c["doc_id"])
        citations.append(
            Citation(
                **c,
                plan_title=doc.title if doc else None,
                plan_number=doc.number_shown if doc else None,
                plan_status=doc.status if doc else None,
                url=f"/documents/{c['doc_id']}?start={c['start']}&end={c['end']}"
                + (f"&hl={c['spans'][0]['start']}-{c['spans'][0]['end']}" if c.get("spans") else ""),
            )
        )
    return AskResponse(
        answer=result["answer"],
        refused=result["refused"],
        grounded=result["grounded"],
        citations=citations,
        backend=result["backend"],
        timings_ms=result["timings_ms"],
        evidence_score=result.get("evidence_score"),
        fallback_reason=result.get("fallback_reason"),
        guard=result.get("guard") or None,
    )


class CachedAnswer:
    """A finished answer: the model (for the SSE replay) and its JSON (served as is by /api/ask)."""

    __slots__ = ("response", "json")

    def __init__(self, response: AskResponse) -> None:
        self.response = response
        self.json = response.model_dump_json().encode()

    def served(self, started: float) -> AskResponse:
        """The cached answer with this request's own timings (not those of the request that computed it)."""
        ms = round((time.perf_counter() - started) * 1000, 2)
        return self.response.model_copy(update={"timings_ms": {"answer_cache": ms, "total": ms}})


def _cache_key(a: Assistant, body: AskRequest) -> tuple[Any, ...] | None:
    """The request's cache key, or None when its backend is not deterministic.

    Validates the question and the district on the way (QuestionError / UnknownDistrictError → 422), so
    "kim dong" and "Kim Động" share an entry.
    """
    backend = (body.backend or a.settings.backend).strip().lower()
    question = validate_question(body.question, a.settings.max_question_chars)
    district = a.retriever.resolve_district(body.district)
    if backend not in DETERMINISTIC_BACKENDS:
        return None
    history = tuple((t.role, t.content) for t in body.history)
    if body.doc_id is not None and body.doc_id not in a.retriever.doc_ids:
        a.retriever.run(question, top_k=1, doc_id=body.doc_id)  # raises the user-facing UnknownDocumentError
    return (question, district, body.top_k or a.settings.top_k, backend, history, body.doc_id)


def _replay_tokens(answer: str) -> list[str]:
    """A cached answer streamed word by word, like the extractive generator streams it."""
    words = answer.split(" ")
    return [w if i == len(words) - 1 else w + " " for i, w in enumerate(words)]


def _probe_backend(settings: Settings, gen: Any) -> str | None:
    """None when the answering backend can answer now, else why not (for /healthz)."""
    error = getattr(gen, "error", None)
    if error is not None and getattr(gen, "extractive", None) is not None:
        return str(error)  # a backend that could not be created and stands in with extractive answers
    ping = getattr(gen, "health", None) or getattr(gen, "ping", None)
    if callable(ping):
        ping()
        return None
    if getattr(gen, "name", "") == "openai":
        import httpx

        from assistant.generation.backends import openai_connection

        base, key = openai_connection(settings)
        url = (base or "https://api.openai.com/v1").rstrip("/") + "/models"
        try:
            # Any HTTP answer (even 401/404) means the model server is up; only no answer is "unreachable".
            httpx.get(url, timeout=min(3.0, settings.llm_timeout_s),
                      headers={"Authorization": f"Bearer {key}"} if key else None)
        except httpx.HTTPError as e:
            return f"Không kết nối được tới máy chủ mô hình {base or 'OpenAI'} ({type(e).__name__})."
    return None


def _audit(request: Request, body: AskRequest, result: dict[str, Any]) -> None:
    audit: AuditLog | None = request.app.state.audit
    if audit is not None:
        a: Assistant = request.app.state.assistant
        audit.record(result, question=body.question, district=body.district,
                     index_version=loaded_version(a.store.path), timings=result.get("timings_ms", {}))


def _sse(event: str, data: Any) -> bytes:
    # JSON never contains a raw newline, so one data: line per event is enough.
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def _admin_token(request: Request) -> str | None:
    token = request.headers.get("x-admin-token")
    auth = request.headers.get("authorization", "")
    if token is None and auth.lower().startswith("bearer "):
        token = auth[7:].strip()
    return token


# ---------------------------------------------------------------------------------------------------
# App factory
# ---------------------------------------------------------------------------------------------------


async def _enter_heavy_gate(request: Request, question: str) -> Callable[[], None]:
    """Let a long question in only when a heavy slot is free, so a flood of them leaves the other workers
    to ordinary questions; after HEAVY_WAIT_S of waiting, a 503 "busy". Returns the release (idempotent)."""
    if len(question) <= HEAVY_QUESTION_CHARS:
        return lambda: None
    gate: asyncio.Semaphore = request.app.state.heavy_gate
    try:
        await asyncio.wait_for(gate.acquire(), HEAVY_WAIT_S)
    except TimeoutError:
        raise ApiError(503, "Máy chủ đang bận với nhiều câu hỏi dài; vui lòng thử lại sau ít phút hoặc hỏi ngắn hơn.",
                       "busy") from None
    done = False

    def release() -> None:
        nonlocal done
        if not done:
            done = True
            gate.release()

    return release


def _health(app: FastAPI) -> Response:
    a: Assistant | None = app.state.assistant
    st: Settings = a.settings if a is not None else app.state.settings  # the answering side's
    index: dict[str, Any] = {"loaded": a is not None}
    backend: dict[str, Any] = {"name": st.backend, "reachable": False, "fallback": st.llm_fallback}
    if a is not None:
        index.update(chunks=len(a.store.chunks), documents=len(a.store.manifest.documents),
                     embedding_model=a.store.manifest.embedding_model)
        if app.state.corpus_watch is None:
            app.state.corpus_watch = CorpusWatch(st.corpus_dir, a.store.manifest.corpus_hash)
        index["stale_reasons"] = app.state.corpus_watch.stale()
        index["rebuilding"] = bool(app.state.rebuilding)
        # Which store answers, and with a PostgreSQL store the version this replica serves.
        index["store"] = "postgresql" if is_postgres(st.store) else "local"
        if is_postgres(st.store):
            index["store_version"] = loaded_version(a.store.path)
        try:
            gen = a.generator(None)
            backend["generator"] = getattr(gen, "name", st.backend)
            problem = _probe_backend(st, gen)
            backend["reachable"] = problem is None
            if problem:
                backend["detail"] = problem[:400]
        except Exception as e:  # noqa: BLE001 - a health check reports, it does not fail
            backend["detail"] = str(e)[:400]
    ops: Settings = app.state.settings  # where this service writes
    disk = disk_room(ops.data_dir if Path(ops.data_dir).exists() else ops.index_dir, ops.min_free_mb)
    # Unreachable LLM + fallback on: answers still come (extractive), so the service is up but degraded.
    # A stale index or a full disk is down: answers would not be the corpus's, feedback would be lost.
    up = bool(index["loaded"] and (backend["reachable"] or st.llm_fallback) and not index.get("stale_reasons")
              and disk["ok"])
    ok = up and backend["reachable"]
    body = Health(status="ok" if ok else "degraded", index=index, backend=backend, disk=disk,
                  answer_cache=app.state.answer_cache.stats())
    return JSONResponse(body.model_dump(), status_code=200 if up else 503)


def create_app(
    settings: Settings | None = None, assistant: Assistant | None = None, *, answer_cache_size: int | None = None
) -> FastAPI:
    """Build the service. ``assistant`` may be passed pre-loaded (tests); otherwise it loads at start-up.

    ``answer_cache_size``: answers of deterministic backends kept in memory (default: env
    ``ASSISTANT_ANSWER_CACHE_SIZE`` or 1024; 0 disables). See the module docstring for ``app.state``.
    """
    settings = attach(settings or (assistant.settings if assistant is not None else load_settings()))
    if answer_cache_size is None:
        raw = os.environ.get(ANSWER_CACHE_ENV, str(DEFAULT_ANSWER_CACHE)).strip()
        if not raw.isdigit():
            raise ConfigError(f"Cấu hình không hợp lệ:\n  {ANSWER_CACHE_ENV}: phải là số nguyên ≥ 0 (giá trị: {raw!r})")
        answer_cache_size = int(raw)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        st = app.state
        if st.assistant is None:
            # Builds the index first when it is missing or stale; off the event loop.
            st.assistant = await run_in_threadpool(
                lambda: Assistant.from_settings(settings, notify=lambda m: log.warning("%s", m))
            )
        st.docs = await run_in_threadpool(st.assistant.documents)
        st.feedback = await run_in_threadpool(open_feedback, settings)
        st.audit = await run_in_threadpool(open_audit, settings)
        follower = follow_store(app, settings) if is_postgres(settings.store) else None
        log.info("Trợ lý sẵn sàng: %d văn bản, %d đoạn.", len(st.docs), len(st.assistant.store.chunks))
        try:
            yield
        finally:
            if follower is not None:
                follower.set()
            st.feedback.close()
            if st.audit is not None:
                st.audit.close()

    app = FastAPI(
        title="Trợ lý kế hoạch NQ 42",
        description="Hỏi đáp có trích dẫn trên các kế hoạch thực hiện Nghị quyết 42-NQ/TW của các huyện.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        # Every 422 of this API has the shape of ErrorResponse (Vietnamese detail, code, errors), not FastAPI's.
        responses={422: {"model": ErrorResponse, "description": "Dữ liệu gửi lên không hợp lệ"}},
    )
    _offline_api_docs(app)
    app.state.settings = settings
    app.state.assistant = assistant
    app.state.docs = {}
    app.state.feedback = None
    app.state.audit = None  # AuditLog with the PostgreSQL store
    app.state.feedback_limiter = RateLimiter()
    app.state.answer_cache = LRUCache[CachedAnswer](answer_cache_size)
    app.state.health_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="healthz")
    app.state.heavy_gate = asyncio.Semaphore(HEAVY_SLOTS)
    app.state.corpus_watch = None
    app.state.rebuilding = False  # `assistant serve` builds a newer index in the background
    app.state.uploads = None  # PendingUploads: plan files read on the admin page, waiting for confirmation
    app.state.uploads_lock = threading.Lock()
    # The page gives up after this long without a byte: longer than the server's own LLM deadline, so a
    # slow model's fallback answer (extractive, with a note) arrives before the page's timeout message.
    app.state.client_timeout_s = float(settings.llm_timeout_s) + 30.0
    app.state.templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    # Plan text as officials read it: markdown markers of the source dropped (spans are cut before).
    app.state.templates.env.filters["plain"] = plain_text
    # CORS is closed: no CORSMiddleware, so browsers refuse cross-origin reads of the API.
    app.add_middleware(SecurityHeaders, body_timeout_s=settings.request_body_timeout_s,
                       upload_max=UPLOAD_FILES * settings.max_upload_mb * 1024 * 1024 + MAX_BODY_BYTES)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    # ----------------------------------------------------------------- errors (never a stack trace)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _error(request, exc.status, exc.detail, exc.code)

    @app.exception_handler(QuestionError)
    async def _question_error(request: Request, exc: QuestionError) -> Response:
        return _error(request, 422, str(exc), "bad_question")

    @app.exception_handler(UnknownDistrictError)
    async def _district_error(request: Request, exc: UnknownDistrictError) -> Response:
        code = "unknown_document" if isinstance(exc, UnknownDocumentError) else "unknown_district"
        return _error(request, 422, str(exc), code)

    @app.exception_handler(BackendError)
    async def _backend_error(request: Request, exc: BackendError) -> Response:
        if exc.kind == "unknown":  # a name no backend has: the request is wrong, the server is fine
            return _error(request, 422, str(exc), "unknown_backend")
        log.warning("backend error: %s", exc)
        return _error(request, 503, f"Không dùng được bộ sinh câu trả lời: {exc}", "backend_unavailable")

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"), "message": _validation_message(e)}
            for e in exc.errors()
        ]
        detail = " ".join(dict.fromkeys(e["message"] for e in errors)) or "Yêu cầu không hợp lệ."
        return _error(request, 422, detail, "validation_error", errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        messages = {
            400: "Không đọc được dữ liệu gửi lên: JSON không hợp lệ, lồng quá sâu hoặc không phải UTF-8.",
            404: "Không tìm thấy trang hoặc tài nguyên này.",
            405: "Phương thức này không được hỗ trợ cho địa chỉ này.",
        }
        # Keep a handler's own (Vietnamese) message; replace the framework's English ones ("Not Found",
        # "There was an error parsing the body"), which are plain ASCII where ours never are.
        own = isinstance(exc.detail, str) and not exc.detail.isascii()
        detail = str(exc.detail) if own else messages.get(exc.status_code, "Yêu cầu không hợp lệ.")
        resp = _error(request, exc.status_code, detail, "bad_body" if exc.status_code == 400 and not own else None)
        for k, v in (exc.headers or {}).items():
            resp.headers[k] = v
        return resp

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("Lỗi không mong đợi khi xử lý %s %s", request.method, request.url.path)
        return _error(request, 500, GENERIC_500, "internal_error")

    # ----------------------------------------------------------------- API

    def _assistant(request: Request) -> Assistant:
        a: Assistant | None = request.app.state.assistant
        if a is None:  # only before start-up finished
            raise ApiError(503, "Trợ lý đang khởi động, vui lòng thử lại sau giây lát.", "starting")
        return a

    body_errors: dict[int | str, dict[str, Any]] = {
        400: {"model": ErrorResponse, "description": "Thân yêu cầu không đọc được (không phải UTF-8, JSON lồng quá sâu)"},
        413: {"model": ErrorResponse, "description": "Thân yêu cầu quá lớn"},
    }
    err_responses: dict[int | str, dict[str, Any]] = {
        **body_errors,
        422: {"model": ErrorResponse, "description": "Câu hỏi quá dài/trống, huyện không có trong kho…"},
        503: {"model": ErrorResponse, "description": "Backend trả lời không dùng được, hoặc quá nhiều câu hỏi dài cùng lúc"},
    }

    @app.post("/api/ask", response_model=AskResponse, responses=err_responses, tags=["hỏi đáp"])
    async def ask(body: AskRequest, request: Request) -> Response:
        """Trả lời một câu hỏi kèm trích dẫn (số [n] trong câu trả lời ứng với ``citations[n-1]``).

        Tiêu đề ``X-Answer-Cache``: ``hit`` khi câu trả lời (backend extractive) lấy từ bộ nhớ đệm.
        """
        # Retrieval and answering run in the threadpool, so they never block the event loop.
        release = await _enter_heavy_gate(request, body.question)
        try:
            return await run_in_threadpool(_answer, body, request)
        finally:
            release()

    def _answer(body: AskRequest, request: Request) -> Response:
        started = time.perf_counter()
        a = _assistant(request)
        cache: LRUCache[CachedAnswer] = request.app.state.answer_cache
        key = _cache_key(a, body)
        if key is not None and (hit := cache.get(key)) is not None:
            return Response(hit.served(started).model_dump_json(), media_type="application/json",
                            headers={"X-Answer-Cache": "hit"})
        result = a.ask(
            body.question, district=body.district, top_k=body.top_k, history=body.history_dicts(), backend=body.backend,
            document=body.doc_id,
        )
        answer = CachedAnswer(_to_response(result, request.app.state.docs))
        _audit(request, body, result)
        if key is not None:
            cache.put(key, answer)
        return Response(answer.json, media_type="application/json",
                        headers={"X-Answer-Cache": "miss" if key is not None else "off"})

    @app.post(
        "/api/ask/stream",
        responses={200: {"content": {"text/event-stream": {}}, "description": "Sự kiện SSE: token…, rồi final (hoặc error)"},
                   **err_responses},
        tags=["hỏi đáp"],
    )
    async def ask_stream(body: AskRequest, request: Request) -> StreamingResponse:
        """Như ``/api/ask`` nhưng trả về Server-Sent Events: ``token`` ({text}) rồi ``final`` (như /api/ask).

        Lỗi xảy ra giữa chừng được gửi thành sự kiện ``error`` ({detail, code}).
        """
        started = time.perf_counter()
        a = _assistant(request)
        docs = request.app.state.docs
        cache: LRUCache[CachedAnswer] = request.app.state.answer_cache

        def precheck() -> tuple[Any, ...] | None:
            # Bad input must become a 422 before the 200 of the stream is sent.
            key = _cache_key(a, body)
            a.generator(body.backend)
            return key

        key = await run_in_threadpool(precheck)
        hit = cache.get(key) if key is not None else None
        release = (lambda: None) if hit is not None else await _enter_heavy_gate(request, body.question)
        # Set when the stream ends before its answer (the page's "Dừng", a closed tab): a model call still waiting
        # for its first piece is abandoned within CANCEL_POLL_S, freeing its worker (see llm.stream_with_deadline).
        cancelled = threading.Event()
        CANCELLED.set(cancelled)
        events = None if hit else a.ask_stream(
            body.question, district=body.district, top_k=body.top_k, history=body.history_dicts(), backend=body.backend,
            document=body.doc_id,
        )

        async def stream() -> AsyncIterator[bytes]:
            if hit is not None:
                for piece in _replay_tokens(hit.response.answer):
                    yield _sse("token", {"text": piece})
                yield _sse("final", hit.served(started).model_dump())
                return
            assert events is not None
            try:
                # Each step of the (blocking) generator runs in the threadpool.
                async for ev in iterate_in_threadpool(events):
                    if await request.is_disconnected():
                        # The page's "Dừng" (or a closed tab): stop the generator, so an LLM call is not pulled further.
                        events.close()
                        return
                    if ev.get("type") == "token":
                        yield _sse("token", {"text": ev["text"]})
                    elif ev.get("type") == "final":
                        answer = CachedAnswer(_to_response(ev, docs))
                        _audit(request, body, ev)
                        if key is not None:
                            cache.put(key, answer)
                        yield _sse("final", answer.response.model_dump())
            except (QuestionError, UnknownDistrictError) as e:
                yield _sse("error", {"detail": str(e), "code": "bad_request"})
            except BackendError as e:
                if e.kind == "unknown":
                    yield _sse("error", {"detail": str(e), "code": "unknown_backend"})
                else:
                    log.warning("backend error while streaming: %s", e)
                    yield _sse("error", {"detail": f"Không dùng được bộ sinh câu trả lời: {e}", "code": "backend_unavailable"})
            except Exception:
                log.exception("Lỗi không mong đợi khi trả lời dạng luồng")
                yield _sse("error", {"detail": GENERIC_500, "code": "internal_error"})
            finally:
                cancelled.set()  # finished or cut off: nothing more is read from the model either way
                release()

        return StreamingResponse(
            stream(), media_type="text/event-stream", background=BackgroundTask(release),
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no",
                     "X-Answer-Cache": "hit" if hit else ("miss" if key is not None else "off")},
        )

    @app.get("/api/documents", response_model=list[DocumentInfo], tags=["văn bản"])
    def list_documents(request: Request) -> list[DocumentInfo]:
        """Các kế hoạch trong kho, với thông tin của manifest (không kèm toàn văn)."""
        return [_doc_info(d) for d in request.app.state.docs.values()]

    @app.get("/api/documents/{doc_id}/excerpt", response_model=Excerpt, responses={404: {"model": ErrorResponse},
             422: {"model": ErrorResponse}}, tags=["văn bản"])
    def excerpt(
        request: Request,
        doc_id: str,
        start: int = Query(..., description="Vị trí ký tự bắt đầu (trong Document.text)"),
        end: int = Query(..., description="Vị trí ký tự kết thúc (không gồm)"),
        context: int = Query(EXCERPT_CONTEXT, ge=0, le=5000, description="Số ký tự ngữ cảnh mỗi bên"),
    ) -> Excerpt:
        """Đoạn ``text[start:end]`` của một kế hoạch, kèm ngữ cảnh hai bên."""
        doc = _get_doc(request, doc_id)
        s, e = _check_span(doc, start, end) or (0, 0)
        return Excerpt(
            document=_doc_info(doc), start=s, end=e,
            before=doc.text[max(0, s - context):s], passage=doc.text[s:e], after=doc.text[e:e + context],
        )

    @app.post("/api/feedback", response_model=FeedbackSaved, status_code=201, tags=["phản hồi"], responses={
        **body_errors, 422: {"model": ErrorResponse},
        429: {"model": ErrorResponse, "description": "Gửi phản hồi quá nhiều trong một phút"},
        507: {"model": ErrorResponse, "description": "Kho phản hồi đã đầy"},
    })
    def feedback(body: FeedbackRequest, request: Request) -> FeedbackSaved:
        """Ghi nhận 👍/👎 (và góp ý) cho một câu trả lời."""
        store: FeedbackStore = request.app.state.feedback
        try:
            request.app.state.feedback_limiter.check(request.client.host if request.client else "?")
            fid = store.add(
                question=body.question, answer=body.answer, helpful=body.helpful, comment=body.comment,
                district=body.district, backend=body.backend, citations=body.citations,
            )
        except RateLimited as e:
            raise ApiError(429, str(e), "rate_limited") from None
        except FeedbackFull as e:
            raise ApiError(507, str(e), "feedback_full") from None
        return FeedbackSaved(id=fid)

    @app.get(
        "/api/feedback/export",
        responses={200: {"content": {"text/csv": {}}}, 401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
        tags=["phản hồi"],
    )
    def export_feedback(request: Request) -> Response:
        """Toàn bộ phản hồi dạng CSV. Cần mã quản trị (``X-Admin-Token`` hoặc ``Authorization: Bearer``)."""
        configured = request.app.state.settings.admin_token
        if not configured:
            raise ApiError(
                403, "Chức năng xuất phản hồi đang tắt: máy chủ chưa cấu hình ASSISTANT_ADMIN_TOKEN.", "export_disabled"
            )
        token = _admin_token(request)
        if not token:
            resp = _error(request, 401, "Cần mã quản trị (tiêu đề X-Admin-Token) để xuất phản hồi.", "token_required")
            resp.headers["WWW-Authenticate"] = "Bearer"
            return resp
        if not hmac.compare_digest(token.encode(), configured.encode()):
            raise ApiError(403, "Mã quản trị không đúng.", "bad_token")
        return StreamingResponse(
            iterate_in_threadpool(request.app.state.feedback.iter_csv()), media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="phan-hoi.csv"', "Cache-Control": "no-store"},
        )

    @app.get("/healthz", response_model=Health, responses={503: {"model": Health}}, tags=["vận hành"])
    async def healthz(request: Request) -> Response:
        """Tình trạng: chỉ mục đã nạp và còn đúng với kho văn bản, còn chỗ trên đĩa, backend trả lời dùng được."""
        # Its own small pool: a flood of slow answers in the shared pool must not make the probe time out.
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(request.app.state.health_pool, _health, request.app)

        # ----------------------------------------------------------------- pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def chat_page(request: Request, question: str | None = None, district: str | None = None) -> Response:
        a = _assistant(request)
        config = {
            "districts": a.districts,
            "maxQuestionChars": a.settings.max_question_chars,
            "examples": EXAMPLE_QUESTIONS,
            "timeoutSeconds": request.app.state.client_timeout_s,
        }
        ctx: dict[str, Any] = {"active_nav": "chat", "districts": a.districts, "examples": EXAMPLE_QUESTIONS,
                               "config": config, "asked": None, "district": district or ""}
        if question is not None and question.strip():
            # Without JavaScript the form is a plain GET: answer it here, in the page itself.
            try:
                result = await run_in_threadpool(a.ask, question, district=district or None)
                ctx["asked"] = {"question": question.strip(), "result": _to_response(result, request.app.state.docs)}
            except (QuestionError, UnknownDistrictError) as e:
                ctx["asked"] = {"question": question.strip()[:300], "error": str(e)}
        return request.app.state.templates.TemplateResponse(request, "chat.html", ctx)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request) -> Response:
        docs = list(request.app.state.docs.values())
        return request.app.state.templates.TemplateResponse(
            request, "documents.html", {"active_nav": "documents", "docs": docs}
        )

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(
        request: Request, doc_id: str, start: int | None = None, end: int | None = None, hl: str | None = None
    ) -> Response:
        doc = _get_doc(request, doc_id)
        span = _check_span(doc, start, end)
        if span:
            before, cited, after = doc.text[: span[0]], doc.text[span[0] : span[1]], doc.text[span[1] :]
        else:
            before, cited, after = doc.text, None, ""
        # The answering sentence (hl=start-end, inside the passage) is highlighted strongly within it.
        sentence = None
        m = re.fullmatch(r"(\d{1,7})-(\d{1,7})", hl or "")
        if span and m and span[0] <= int(m.group(1)) < int(m.group(2)) <= span[1]:
            a, b = int(m.group(1)) - span[0], int(m.group(2)) - span[0]
            sentence = (cited[:a], cited[a:b], cited[b:])
        # Table of contents: the plan model's sections (two levels), each an anchor in the text outside the cited span.
        plans = getattr(request.app.state.assistant, "plans", None)
        model = plans.plan(doc.id) if plans is not None else None
        toc = [s for s in (model.outline if model else []) if s.level <= 2]
        cut = [s.start for s in toc if not (span and span[0] <= s.start < span[1])]
        return request.app.state.templates.TemplateResponse(
            request, "document.html",
            {"active_nav": "documents", "doc": doc, "span": span, "sentence": sentence, "cited": cited, "toc": toc,
             "original": next((p.suffix[1:].upper() for p in (Path(request.app.state.settings.corpus_dir) / "originals")
                               .glob(f"{doc.id}.*")), None),
             "before": _anchored(before, 0, cut), "after": _anchored(after, span[1] if span else len(doc.text), cut)},
        )

    @app.get("/documents/{doc_id}/original", include_in_schema=False)
    def document_original(request: Request, doc_id: str) -> Response:
        """The file the plan was received as (Word, PDF, scan), when it was added from one."""
        doc = _get_doc(request, doc_id)
        originals = sorted((Path(request.app.state.settings.corpus_dir) / "originals").glob(f"{doc.id}.*"))
        if not originals:
            raise ApiError(404, "Văn bản này được nạp từ tệp chữ; không có tệp gốc khác.", "no_original")
        return FileResponse(originals[0], filename=originals[0].name)

    # ----------------------------------------------------------------- other routers

    app.include_router(trainers_router)
    app.include_router(admin_router)
    return app
