"""API tests on the real corpus and index (FastAPI TestClient, the app's real lifespan)."""

from __future__ import annotations

import csv
import html
import io
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import GENERIC_500, create_app, plain_text
from assistant.config import Settings
from assistant.corpus import Document
from tests.conftest import free_port, post_chunked_past_limit, read_until

KON_RAY_Q = "Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?"
TOKEN = "admin-token-for-tests-42"  # HTTP header values are ASCII


@pytest.fixture(scope="module")
def client(settings: Settings, assistant) -> Iterator[TestClient]:
    # raise_server_exceptions=False: see what a browser sees when a handler fails (the 500 page).
    with TestClient(create_app(settings, assistant=assistant), raise_server_exceptions=False) as c:
        yield c


def _client(settings: Settings, assistant, answer_cache_size: int | None = None, **overrides: Any) -> TestClient:
    app = create_app(settings.model_copy(update=overrides), assistant=assistant, answer_cache_size=answer_cache_size)
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture()
def uncached(settings: Settings, assistant) -> Iterator[TestClient]:
    """A client whose app has no answer cache: every request runs the pipeline."""
    with _client(settings, assistant, answer_cache_size=0) as c:
        yield c


def _sse(body: str) -> list[tuple[str, Any]]:
    events = []
    for block in body.split("\n\n"):
        if not block.strip():
            continue
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
        events.append((name, json.loads("\n".join(data))))
    return events


def _is_vietnamese(msg: str) -> bool:
    return any(ch in msg for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý")


# ----------------------------------------------------------------------------------------- health


def test_healthz(client: TestClient, docs: list[Document]) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["index"]["loaded"] is True and body["index"]["chunks"] > 0
    assert body["index"]["documents"] == len(docs)
    assert body["backend"]["name"] == body["backend"]["generator"] == "extractive"
    assert body["backend"]["reachable"] is True
    assert set(body["answer_cache"]) == {"entries", "max_entries", "hits", "misses"}


def test_healthz_is_503_when_the_corpus_changed_or_the_disk_is_full(assistant, settings: Settings, tmp_path: Path) -> None:
    import shutil

    from assistant.api.health import CorpusWatch

    corpus = tmp_path / "corpus"
    shutil.copytree(settings.corpus_dir, corpus)
    app = create_app(settings, assistant=assistant)
    app.state.corpus_watch = CorpusWatch(corpus, assistant.store.manifest.corpus_hash)
    with TestClient(app) as c:
        assert c.get("/healthz").status_code == 200
        plan = corpus / "kon-ray_KH-UBND_2024.txt"
        original = plan.read_bytes()
        plan.write_bytes(original + "\nMột dòng thêm.".encode())
        r = c.get("/healthz")
        assert r.status_code == 503 and "assistant index" in r.json()["index"]["stale_reasons"][0]
        plan.write_bytes(original)
        assert c.get("/healthz").status_code == 200
    full = create_app(settings.model_copy(update={"min_free_mb": 10_000_000}), assistant=assistant)
    with TestClient(full) as c:
        r = c.get("/healthz")
        assert r.status_code == 503 and r.json()["disk"]["ok"] is False and r.json()["disk"]["free_mb"] >= 0


def _free_port() -> int:
    return free_port()


@pytest.fixture()
def llm_assistant(settings: Settings, monkeypatch: pytest.MonkeyPatch):
    """An Assistant whose default backend is an OpenAI-compatible server (given by the test)."""
    from assistant.pipeline import Assistant

    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "ASSISTANT_OPENAI_BASE_URL", "ASSISTANT_OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)

    def make(**overrides: Any) -> Assistant:
        return Assistant.from_settings(settings.model_copy(update={"backend": "openai", "llm_timeout_s": 5.0, **overrides}))

    return make


def test_healthz_reports_an_unreachable_llm(llm_assistant) -> None:
    dead = f"http://127.0.0.1:{_free_port()}/v1"  # nothing listens there
    a = llm_assistant(openai_base_url=dead, llm_fallback=True)
    with TestClient(create_app(a.settings, assistant=a)) as c:
        r = c.get("/healthz")
        assert r.status_code == 200, "answers still come (extractive fallback)"
        body = r.json()
        assert body["status"] == "degraded"
        assert body["backend"]["name"] == "openai" and body["backend"]["reachable"] is False
        assert "Không kết nối được" in body["backend"]["detail"]
        # The answer falls back to the extractive one and says why.
        ans = c.post("/api/ask", json={"question": KON_RAY_Q}).json()
        assert "Phòng Kinh tế - Hạ tầng" in ans["answer"]
        assert ans["fallback_reason"] and _is_vietnamese(ans["fallback_reason"])
    b = llm_assistant(openai_base_url=dead, llm_fallback=False)
    with TestClient(create_app(b.settings, assistant=b)) as c:
        assert c.get("/healthz").status_code == 503


def test_healthz_reaches_a_live_llm_server(llm_assistant) -> None:
    class Models(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            body = b'{"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model"}]}'
            self.send_response(200 if self.path == "/v1/models" else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Models)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        a = llm_assistant(openai_base_url=f"http://127.0.0.1:{server.server_port}/v1")
        with TestClient(create_app(a.settings, assistant=a)) as c:
            body = c.get("/healthz").json()
            assert body["status"] == "ok" and body["backend"]["reachable"] is True
    finally:
        server.shutdown()
        server.server_close()


def test_unavailable_backend_without_fallback_is_503(llm_assistant) -> None:
    a = llm_assistant(openai_base_url=None, llm_fallback=False)  # no URL, no key: cannot be created
    with TestClient(create_app(a.settings, assistant=a)) as c:
        for path in ("/api/ask", "/api/ask/stream"):
            r = c.post(path, json={"question": KON_RAY_Q})
            assert r.status_code == 503, (path, r.text)
            assert r.json()["code"] == "backend_unavailable" and "ASSISTANT_OPENAI_BASE_URL" in r.json()["detail"]
        # The page's fallback: the same question with backend=extractive still gets the cited answer.
        r = c.post("/api/ask", json={"question": KON_RAY_Q, "backend": "extractive"})
        assert r.status_code == 200 and "Phòng Kinh tế - Hạ tầng" in r.json()["answer"]
        assert c.get("/healthz").status_code == 503


def test_openapi_docs(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text and "/static-api-docs/swagger-ui-bundle.js" in docs.text
    assert client.get("/static-api-docs/swagger-ui-bundle.js").status_code == 200
    redoc = client.get("/redoc")
    assert redoc.status_code == 200 and "fonts.googleapis" not in redoc.text and "/static-api-docs/redoc" in redoc.text
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/ask", "/api/ask/stream", "/api/documents", "/api/feedback", "/api/feedback/export", "/healthz"):
        assert p in paths


# ----------------------------------------------------------------------------------------- ask


def test_ask_kon_ray_housing(client: TestClient, doc_by_district: dict[str, Document]) -> None:
    r = client.post("/api/ask", json={"question": KON_RAY_Q})
    assert r.status_code == 200, r.text
    body = r.json()
    assert "Phòng Kinh tế - Hạ tầng" in body["answer"]
    assert not body["refused"] and body["backend"] == "extractive"
    assert set(body["timings_ms"]) >= {"retrieve", "generate", "total"}
    doc = doc_by_district["Kon Rẫy"]
    kon_ray = [c for c in body["citations"] if c["district"] == "Kon Rẫy"]
    assert kon_ray, body["citations"]
    c = kon_ray[0]
    assert c["doc_id"] == doc.id
    assert 0 <= c["start"] < c["end"] <= len(doc.text)
    assert doc.text[c["start"]:c["end"]] == c["text"], "the span slices the document to the cited passage"
    assert "Phòng Kinh tế - Hạ tầng" in c["text"]
    # The sentence used, inside the passage; the document link highlights it (hl=start-end).
    (span,) = c["spans"]
    assert c["start"] <= span["start"] < span["end"] <= c["end"]
    assert "Phòng Kinh tế - Hạ tầng" in doc.text[span["start"] : span["end"]]
    assert c["url"] == f"/documents/{doc.id}?start={c['start']}&end={c['end']}&hl={span['start']}-{span['end']}"
    page = client.get(c["url"])
    assert page.status_code == 200 and '<strong class="cited-sentence" id="cited-sentence">' in page.text
    assert c["plan_title"] == doc.title and c["plan_status"] == doc.status
    # Every [n] marker points at a citation.
    assert "[1]" in body["answer"] and [x["n"] for x in body["citations"]] == list(range(1, len(body["citations"]) + 1))


@pytest.mark.parametrize("district", ["Kim Động", "kim dong", "KIM ĐỘNG"])
def test_ask_district_filter(client: TestClient, district: str) -> None:
    r = client.post("/api/ask", json={"question": "Ai chủ trì nhiệm vụ nhà ở?", "district": district})
    assert r.status_code == 200, r.text
    cits = r.json()["citations"]
    assert cits and all(c["district"] == "Kim Động" for c in cits)


def test_ask_document_filter(client: TestClient) -> None:
    r = client.post("/api/ask", json={"question": "Ai chủ trì nhiệm vụ nhà ở?", "doc_id": "lac-duong-2024"})
    assert r.status_code == 200, r.text
    cits = r.json()["citations"]
    assert cits and all(c["doc_id"] == "lac-duong-2024" for c in cits)
    bad = client.post("/api/ask", json={"question": "Ai chủ trì nhiệm vụ nhà ở?", "doc_id": "khong-co"})
    assert bad.status_code == 422 and "Không có văn bản 'khong-co'" in bad.text
    assert bad.json()["code"] == "unknown_document"
    traversal = client.post("/api/ask", json={"question": "Ai chủ trì?", "doc_id": "../manifest.toml"})
    assert traversal.status_code == 422


def test_ask_all_districts(client: TestClient) -> None:
    r = client.post("/api/ask", json={"question": KON_RAY_Q, "district": "Tất cả", "top_k": 8})
    assert r.status_code == 200
    assert "Phòng Kinh tế - Hạ tầng" in r.json()["answer"]


def test_ask_follow_up_uses_history(client: TestClient) -> None:
    first = client.post("/api/ask", json={"question": KON_RAY_Q}).json()
    history = [{"role": "user", "content": KON_RAY_Q}, {"role": "assistant", "content": first["answer"]}]
    r = client.post("/api/ask", json={"question": "Còn ở Kim Động thì sao?", "history": history})
    assert r.status_code == 200, r.text
    cits = r.json()["citations"]
    assert cits and all(c["district"] == "Kim Động" for c in cits)
    assert any("nhà ở" in c["breadcrumb"].lower() for c in cits)


@pytest.mark.parametrize(
    ("payload", "status", "needle"),
    [
        ({"question": "x" * 2001}, 422, "Câu hỏi quá dài"),
        ({"question": "x" * 100_001}, 422, "Câu hỏi quá dài"),
        ({"question": "   "}, 422, "Câu hỏi trống"),
        ({}, 422, "Thiếu trường bắt buộc: câu hỏi"),
        ({"question": 42}, 422, "phải là chuỗi ký tự"),
        ({"question": KON_RAY_Q, "district": "Hà Nội"}, 422, "Không có huyện 'Hà Nội'"),
        ({"question": KON_RAY_Q, "top_k": 0}, 422, "lớn hơn hoặc bằng 1"),
        ({"question": KON_RAY_Q, "top_k": 51}, 422, "nhỏ hơn hoặc bằng 50"),
        ({"question": KON_RAY_Q, "history": [{"role": "system", "content": "x"}]}, 422, "không hợp lệ"),
        ({"question": KON_RAY_Q, "history": [{"role": "user", "content": "x"}] * 21}, 422, "quá nhiều mục"),
        ({"question": KON_RAY_Q, "extra": 1}, 422, "Trường không được hỗ trợ: extra"),
        ({"question": KON_RAY_Q, "backend": "không-có"}, 422, "backend"),
        ({"question": KON_RAY_Q, "backend": "khongco"}, 422, "Không có backend 'khongco'"),
    ],
)
def test_ask_bad_input(client: TestClient, payload: dict[str, Any], status: int, needle: str) -> None:
    r = client.post("/api/ask", json=payload)
    assert r.status_code == status, r.text
    detail = r.json()["detail"]
    assert needle in detail and _is_vietnamese(detail), detail
    if payload.get("backend") == "khongco":
        assert r.json()["code"] == "unknown_backend"


def test_question_limit_comes_from_settings(client: TestClient, settings: Settings) -> None:
    limit = settings.max_question_chars
    ok = client.post("/api/ask", json={"question": "nhà ở " + "a" * (limit - 6)})
    assert ok.status_code == 200
    r = client.post("/api/ask", json={"question": "nhà ở " + "a" * (limit - 5)})
    assert r.status_code == 422 and f"tối đa {limit} ký tự" in r.json()["detail"]


def test_invalid_json_and_huge_body(client: TestClient) -> None:
    r = client.post("/api/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "JSON" in r.json()["detail"]
    r = client.post("/api/ask", content=b"x" * 1_500_000, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "quá lớn" in r.json()["detail"]


def test_chunked_body_is_cut_off_at_the_limit(settings: Settings, assistant) -> None:
    """No Content-Length (Transfer-Encoding: chunked): counted as it arrives and refused at the limit, before
    the client has finished sending (a server reading the whole body first would not answer yet)."""
    server, port = _serve_in_thread(settings, assistant)
    try:
        raw = post_chunked_past_limit("127.0.0.1", port)
        assert raw.startswith(b"HTTP/1.1 413") and "quá lớn".encode() in raw
    finally:
        server.should_exit = True


def test_ask_stream_tokens_then_final(client: TestClient) -> None:
    with client.stream("POST", "/api/ask/stream", json={"question": KON_RAY_Q}) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        body = "".join(r.iter_text())
    events = _sse(body)
    names = [n for n, _ in events]
    assert names[-1] == "final" and names.count("final") == 1
    assert names.count("token") >= 3, "the answer comes in pieces"
    final = events[-1][1]
    assert "".join(d["text"] for n, d in events if n == "token") == final["answer"]
    assert "Phòng Kinh tế - Hạ tầng" in final["answer"]
    same = client.post("/api/ask", json={"question": KON_RAY_Q}).json()
    assert [(c["doc_id"], c["start"], c["end"]) for c in final["citations"]] == [
        (c["doc_id"], c["start"], c["end"]) for c in same["citations"]
    ]


@pytest.mark.parametrize(
    ("payload", "needle"),
    [({"question": "x" * 5000}, "Câu hỏi quá dài"), ({"question": KON_RAY_Q, "district": "Atlantis"}, "Không có huyện")],
)
def test_ask_stream_rejects_bad_input_before_streaming(client: TestClient, payload: dict[str, Any], needle: str) -> None:
    r = client.post("/api/ask/stream", json=payload)
    assert r.status_code == 422 and needle in r.json()["detail"]
    assert r.headers["content-type"].startswith("application/json")


def test_ask_stream_error_midway_is_an_event(uncached: TestClient, assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Iterator[dict[str, Any]]:
        yield {"type": "token", "text": "Phòng "}
        raise RuntimeError("/secret/path line 42 in broken_module")

    monkeypatch.setattr(assistant, "ask_stream", broken)
    r = uncached.post("/api/ask/stream", json={"question": KON_RAY_Q})
    events = _sse(r.text)
    assert events[0] == ("token", {"text": "Phòng "})
    assert events[-1] == ("error", {"detail": GENERIC_500, "code": "internal_error"})
    assert "secret" not in r.text and "Traceback" not in r.text


# ----------------------------------------------------------------------------------------- answer cache


def test_repeated_question_is_served_from_the_cache(settings: Settings, assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_ask = assistant.ask

    def counting(question: str, **kwargs: Any) -> dict[str, Any]:
        calls.append(question)
        return real_ask(question, **kwargs)

    monkeypatch.setattr(assistant, "ask", counting)
    with _client(settings, assistant, answer_cache_size=2) as c:
        q = {"question": "Ai chủ trì nhiệm vụ nhà ở?", "district": "Kim Động"}
        first = c.post("/api/ask", json=q)
        assert first.headers["x-answer-cache"] == "miss"
        again = c.post("/api/ask", json={**q, "district": "kim dong"})  # the same district, spelled otherwise
        assert again.headers["x-answer-cache"] == "hit"
        same = {k: v for k, v in again.json().items() if k != "timings_ms"}
        assert same == {k: v for k, v in first.json().items() if k != "timings_ms"}
        # Its own timings: the cache lookup, not the first request's retrieval and generation.
        assert set(again.json()["timings_ms"]) == {"answer_cache", "total"}
        assert "retrieval" in first.json()["timings_ms"] or len(first.json()["timings_ms"]) > 2
        assert len(calls) == 1
        # The stream replays a cached answer token by token, then the same final event.
        events = _sse(c.post("/api/ask/stream", json=q).text)
        assert "".join(d["text"] for n, d in events if n == "token") == first.json()["answer"]
        final = events[-1][1]
        assert events[-1][0] == "final" and {k: v for k, v in final.items() if k != "timings_ms"} == same
        assert set(final["timings_ms"]) == {"answer_cache", "total"} and len(calls) == 1
        # Another district, another history: other entries. The cache keeps at most 2 (LRU).
        c.post("/api/ask", json={**q, "district": "Kon Rẫy"})
        c.post("/api/ask", json={**q, "history": [{"role": "user", "content": KON_RAY_Q}]})
        assert len(calls) == 3 and len(c.app.state.answer_cache) == 2
        assert c.post("/api/ask", json=q).headers["x-answer-cache"] == "miss"  # evicted
        assert c.get("/healthz").json()["answer_cache"]["max_entries"] == 2
        # Bad input is still rejected on a would-be hit.
        assert c.post("/api/ask", json={**q, "district": "Atlantis"}).status_code == 422


def test_cache_can_be_disabled(uncached: TestClient) -> None:
    r1 = uncached.post("/api/ask", json={"question": KON_RAY_Q})
    r2 = uncached.post("/api/ask", json={"question": KON_RAY_Q})
    assert r1.headers["x-answer-cache"] == r2.headers["x-answer-cache"] == "miss"
    assert r1.json()["answer"] == r2.json()["answer"], "the extractive backend is deterministic"


# ----------------------------------------------------------------------------------------- errors


def test_unexpected_error_is_generic_500(uncached: TestClient, assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise RuntimeError("/secret/path/to/module.py: KeyError in line 99")

    monkeypatch.setattr(assistant, "ask", boom)
    r = uncached.post("/api/ask", json={"question": KON_RAY_Q})
    assert r.status_code == 500
    assert r.json() == {"detail": GENERIC_500, "code": "internal_error"}
    assert "secret" not in r.text and "Traceback" not in r.text


def test_unknown_paths_and_methods(client: TestClient) -> None:
    r = client.get("/api/khong-co")
    assert r.status_code == 404 and _is_vietnamese(r.json()["detail"])
    r = client.get("/api/ask")
    assert r.status_code == 405 and "không được hỗ trợ" in r.json()["detail"]
    r = client.get("/trang-khong-co")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "Không tìm thấy" in r.text


def test_blocking_ask_does_not_block_the_event_loop(
    uncached: TestClient, assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = uncached
    real_ask = assistant.ask

    def slow(*args: Any, **kwargs: Any) -> dict[str, Any]:
        time.sleep(1.5)  # a slow LLM backend
        return real_ask(*args, **kwargs)

    monkeypatch.setattr(assistant, "ask", slow)
    done: dict[str, int] = {}
    t = threading.Thread(target=lambda: done.setdefault("ask", client.post("/api/ask", json={"question": KON_RAY_Q}).status_code))
    t.start()
    time.sleep(0.2)
    t0 = time.perf_counter()
    assert client.get("/healthz").status_code == 200
    assert time.perf_counter() - t0 < 0.8, "healthz waited for the slow ask: the event loop was blocked"
    t.join()
    assert done["ask"] == 200


def test_cors_is_closed(client: TestClient) -> None:
    r = client.options("/api/ask", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers
    r = client.post("/api/ask", json={"question": KON_RAY_Q}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


# ----------------------------------------------------------------------------------------- documents


def test_api_documents(client: TestClient, docs: list[Document]) -> None:
    r = client.get("/api/documents")
    assert r.status_code == 200
    body = r.json()
    assert [d["id"] for d in body] == [d.id for d in docs]
    for got, doc in zip(body, docs, strict=True):
        assert got["district"] == doc.district and got["title"] == doc.title and got["status"] == doc.status
        assert got["chars"] == len(doc.text) and got["url"] == f"/documents/{doc.id}"
        assert "text" not in got


def test_excerpt(client: TestClient, doc_by_district: dict[str, Document]) -> None:
    doc = doc_by_district["Lạc Dương"]
    r = client.get(f"/api/documents/{doc.id}/excerpt", params={"start": 1000, "end": 1200, "context": 50})
    assert r.status_code == 200
    ex = r.json()
    assert ex["passage"] == doc.text[1000:1200]
    assert ex["before"] == doc.text[950:1000] and ex["after"] == doc.text[1200:1250]
    assert client.get(f"/api/documents/{doc.id}/excerpt", params={"start": 10, "end": 5}).status_code == 422
    assert client.get(f"/api/documents/{doc.id}/excerpt", params={"start": 0, "end": 10**9}).status_code == 422
    r = client.get("/api/documents/khong-co/excerpt", params={"start": 0, "end": 5})
    assert r.status_code == 404 and "Không tìm thấy văn bản" in r.json()["detail"]


def test_documents_page_lists_every_plan(client: TestClient, docs: list[Document]) -> None:
    r = client.get("/documents")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    for d in docs:
        assert html.escape(d.title, quote=False) in r.text
        assert f'href="/documents/{d.id}"' in r.text


def test_document_page_marks_the_cited_span(client: TestClient, doc_by_district: dict[str, Document]) -> None:
    c = next(c for c in client.post("/api/ask", json={"question": KON_RAY_Q}).json()["citations"]
             if c["district"] == "Kon Rẫy")
    r = client.get(c["url"])
    assert r.status_code == 200
    doc = doc_by_district["Kon Rẫy"]
    (span,) = c["spans"]
    a, b, e = c["start"], span["start"], span["end"]
    # Shown without the source's markdown markers (each piece cut at the source offsets first).
    parts = [html.escape(plain_text(doc.text[x:y]), quote=False) for x, y in ((a, b), (b, e), (e, c["end"]))]
    assert "**" in doc.text[a : c["end"]] and "**" not in "".join(parts)
    assert (f'<mark id="cited" class="cited" tabindex="-1">{parts[0]}<strong class="cited-sentence" '
            f'id="cited-sentence">{parts[1]}</strong>{parts[2]}</mark>') in r.text
    plain = client.get(f"/documents/{doc.id}?start={c['start']}&end={c['end']}")
    cited = html.escape(plain_text(doc.text[c["start"]:c["end"]]), quote=False)
    assert f'<mark id="cited" class="cited" tabindex="-1">{cited}</mark>' in plain.text
    outside = client.get(f"/documents/{doc.id}?start={c['start']}&end={c['end']}&hl=0-5")
    assert outside.status_code == 200 and "cited-sentence" not in outside.text  # a sentence outside is ignored
    assert r.text.count("<mark id=\"cited\"") == 1
    assert html.escape(plain_text(doc.text[: c["start"]])[-200:], quote=False) in r.text, "the whole plan is on the page"
    assert "/static/document.js" in r.text  # scrolls the mark into view
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_document_page_without_span(client: TestClient, doc_by_district: dict[str, Document]) -> None:
    doc = doc_by_district["Phụng Hiệp"]
    r = client.get(f"/documents/{doc.id}")
    assert r.status_code == 200 and "<mark id=\"cited\"" not in r.text
    assert "Dự thảo" in r.text  # the draft plan is labelled as such


@pytest.mark.parametrize(
    "query",
    ["start=10&end=5", "start=5&end=5", "start=-1&end=5", "start=0&end=99999999", "start=10", "start=a&end=b"],
)
def test_document_page_bad_span(client: TestClient, query: str) -> None:
    r = client.get(f"/documents/kon-ray-2024?{query}")
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("text/html")
    assert "Yêu cầu không hợp lệ" in r.text and "<mark" not in r.text


@pytest.mark.parametrize(
    "path",
    [
        "/documents/..%2Fmanifest.toml",
        "/documents/%2E%2E%2Fmanifest.toml",
        "/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/documents/%2E%2E",
        "/documents/manifest.toml",
        "/documents/kon-ray_KH-UBND_2024.txt",
        "/documents/KON-RAY-2024",
        "/documents/kon-ray-2024%00",
        "/api/documents/..%2Fmanifest.toml/excerpt?start=0&end=5",
        "/static/..%2F..%2Fcorpus%2Fmanifest.toml",
        "/static/../../corpus/manifest.toml",
    ],
)
def test_path_traversal_is_404(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404, (path, r.status_code)
    assert "[[documents]]" not in r.text and "root:" not in r.text
    assert _is_vietnamese(r.text)


def test_unknown_document_page_is_vietnamese_404(client: TestClient) -> None:
    r = client.get("/documents/khong-co-2024")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "Không tìm thấy văn bản" in r.text


# ----------------------------------------------------------------------------------------- pages


def test_chat_page(client: TestClient, assistant) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    text = r.text
    assert '<html lang="vi">' in text and "Trợ lý kế hoạch NQ 42" in text
    assert '<option value="">Tất cả</option>' in text
    for d in assistant.districts:
        assert f'<option value="{d}">{d}</option>' in text
    for link in ('href="/"', 'href="/documents"', 'href="/brief"'):
        assert link in text
    assert "Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?" in text  # an example question
    assert "http://" not in text and "https://" not in text, "no CDN, no external resource"
    assert "<script>" not in text, "no inline script (the CSP forbids it)"
    assert client.get("/static/chat.js").status_code == 200
    assert client.get("/static/style.css").status_code == 200
    assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"


def test_static_assets_are_local(client: TestClient) -> None:
    static = Path(__file__).resolve().parent.parent / "web" / "static"
    for f in static.iterdir():
        text = f.read_text(encoding="utf-8").replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "http://" not in text and "https://" not in text and "@import" not in text, f.name
        assert client.get(f"/static/{f.name}").status_code == 200


def test_chat_js_never_uses_innerhtml(client: TestClient) -> None:
    js = client.get("/static/chat.js").text
    code = "\n".join(line for line in js.splitlines() if not line.strip().startswith("//"))
    assert "innerHTML" not in code and "outerHTML" not in code and "insertAdjacentHTML" not in code
    assert "document.write" not in code and "eval(" not in code


# ----------------------------------------------------------------------------------------- feedback


def test_feedback_is_saved_and_validated(client: TestClient) -> None:
    store = client.app.state.feedback
    n = store.count()
    r = client.post("/api/feedback", json={"question": KON_RAY_Q, "answer": "Phòng Kinh tế - Hạ tầng [1].",
                                           "helpful": True, "district": "Kon Rẫy", "citations": ["kon-ray-2024:1-2"]})
    assert r.status_code == 201, r.text
    assert r.json()["id"] > 0 and "Cảm ơn" in r.json()["message"]
    assert store.count() == n + 1
    assert store.journal_mode() == "wal"
    bad = client.post("/api/feedback", json={"question": KON_RAY_Q, "answer": "x"})
    assert bad.status_code == 422 and "Thiếu trường bắt buộc: đánh giá" in bad.json()["detail"]
    bad = client.post("/api/feedback", json={"question": KON_RAY_Q, "answer": "x", "helpful": True, "comment": "c" * 2001})
    assert bad.status_code == 422 and "góp ý quá dài" in bad.json()["detail"]


def test_feedback_survives_restart_and_exports_csv(settings: Settings, assistant, tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    rows = [
        {"question": KON_RAY_Q, "answer": "Phòng Kinh tế - Hạ tầng chủ trì [1].", "helpful": True},
        {"question": "Mục tiêu giảm nghèo?", "answer": "Không tìm thấy.", "helpful": False,
         "comment": "=HYPERLINK(\"http://x\") thiếu số liệu"},
    ]
    with _client(settings, assistant, data_dir=data_dir, admin_token=TOKEN) as c:
        for row in rows:
            assert c.post("/api/feedback", json=row).status_code == 201
    assert (data_dir / "feedback.sqlite3").exists()

    # A new app (a restart) over the same data_dir still has both rows.
    with _client(settings, assistant, data_dir=data_dir, admin_token=TOKEN) as c:
        r = c.get("/api/feedback/export", headers={"X-Admin-Token": TOKEN})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("text/csv")
        assert "attachment" in r.headers["content-disposition"]
        got = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
        assert [g["question"] for g in got] == [row["question"] for row in rows]
        assert [g["helpful"] for g in got] == ["1", "0"]
        assert got[1]["comment"].startswith("'="), "a formula cell is neutralised"
        bearer = c.get("/api/feedback/export", headers={"Authorization": f"Bearer {TOKEN}"})
        assert bearer.status_code == 200 and bearer.content == r.content


def test_export_requires_the_token(settings: Settings, assistant, tmp_path: Path) -> None:
    with _client(settings, assistant, data_dir=tmp_path, admin_token=TOKEN) as c:
        r = c.get("/api/feedback/export")
        assert r.status_code == 401 and "Cần mã quản trị" in r.json()["detail"]
        r = c.get("/api/feedback/export", headers={"X-Admin-Token": "sai"})
        assert r.status_code == 403 and "không đúng" in r.json()["detail"]
        r = c.get("/api/feedback/export", headers={"Authorization": "Bearer sai"})
        assert r.status_code == 403


def test_export_disabled_without_configured_token(settings: Settings, assistant, tmp_path: Path) -> None:
    with _client(settings, assistant, data_dir=tmp_path, admin_token=None) as c:
        for headers in ({}, {"X-Admin-Token": ""}, {"X-Admin-Token": "any-token"}):
            r = c.get("/api/feedback/export", headers=headers)
            assert r.status_code == 403
            assert "ASSISTANT_ADMIN_TOKEN" in r.json()["detail"] and "tắt" in r.json()["detail"]


# ----------------------------------------------------------------------------------------- other routers


def test_trainers_and_admin_routers_are_included(settings: Settings, assistant) -> None:
    with _client(settings, assistant) as c:
        r = c.get("/compare", params={"indicator": "tuổi thọ trung bình"})
        assert r.status_code == 200 and "Kim Động" in r.text and "75,5" in r.text
        assert c.get("/api/admin/reindex").status_code == 403  # the admin view is off without a configured token


def test_feedback_is_bounded_per_client_in_total_and_on_disk(settings: Settings, assistant, tmp_path: Path) -> None:
    from assistant.api.feedback import FeedbackStore

    row = {"question": KON_RAY_Q, "answer": "Phòng Kinh tế - Hạ tầng [1].", "helpful": True}
    with _client(settings, assistant, data_dir=tmp_path / "a", admin_token=TOKEN) as c:
        codes = [c.post("/api/feedback", json=row).status_code for _ in range(25)]
        assert codes[:20] == [201] * 20 and set(codes[20:]) == {429}
        r = c.post("/api/feedback", json=row)
        assert "quá nhiều" in r.json()["detail"]
        blank = c.post("/api/feedback", json={**row, "question": "   "})
        assert blank.status_code == 422
        # The export streams: many rows come back in several pieces, all present.
        store: FeedbackStore = c.app.state.feedback
        for i in range(1200):
            store.add(question=f"q{i}", answer="a", helpful=bool(i % 2))
        pieces = list(store.iter_csv(batch=500))
        assert len(pieces) >= 4 and sum(p.count("\n") for p in pieces) == 1 + 20 + 1200
        export = c.get("/api/feedback/export", headers={"X-Admin-Token": TOKEN})
        assert export.status_code == 200 and export.content.decode("utf-8-sig").count("\n") == 1221
    full = FeedbackStore(tmp_path / "b" / "feedback.sqlite3")
    full.add(question="q", answer="a", helpful=True)
    full.max_bytes = full.size_bytes() - 1  # the disk budget is spent
    with pytest.raises(Exception, match="đầy"):
        full.add(question="q2", answer="a", helpful=True)
    assert full.count() == 1, "rows already stored are kept"
    full.close()


def test_unreadable_bodies_get_vietnamese_errors(client: TestClient) -> None:
    """Bytes that are not UTF-8 and JSON nested past the parser's limit: a Vietnamese 400, not the framework's English."""
    deep = "[" * 5000 + "]" * 5000
    for body in (b'{"question": "ai \xff\xfe chu tri"}', f'{{"question": "x", "history": {deep}}}'.encode()):
        r = client.post("/api/ask", content=body, headers={"content-type": "application/json"})
        assert r.status_code == 400, r.text
        assert r.json()["code"] == "bad_body" and _is_vietnamese(r.json()["detail"]), r.text


def _serve_in_thread(settings: Settings, assistant) -> tuple[Any, int]:
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, assistant=assistant), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, port


def test_a_flood_of_long_questions_leaves_room_for_ordinary_ones(settings: Settings, assistant) -> None:
    """Four clients send 1,900-character questions non-stop; ordinary new questions from a fifth keep at least
    a third of the throughput they have alone (measured in the same run, so the machine's speed cancels out)."""
    import httpx

    server, port = _serve_in_thread(settings, assistant)
    url = f"http://127.0.0.1:{port}/api/ask"
    counter = iter(range(10**6))

    def ordinary_rate(seconds: float) -> float:
        done, end = 0, time.monotonic() + seconds
        with httpx.Client(timeout=60) as c:
            while time.monotonic() < end:
                r = c.post(url, json={"question": f"Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy, lần {next(counter)}?"})
                assert r.status_code == 200, r.text
                done += 1
        return done / seconds

    stop = threading.Event()
    statuses: list[int] = []

    def flood() -> None:
        with httpx.Client(timeout=60) as c:
            while not stop.is_set():
                long_q = f"{next(counter)} " + ("Ai chủ trì nhà ở Kon Rẫy 🙂 a\u0301\u0302 " * 60)[:1900]
                statuses.append(c.post(url, json={"question": long_q}).status_code)

    try:
        alone = ordinary_rate(4.0)
        threads = [threading.Thread(target=flood, daemon=True) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        crowded = ordinary_rate(6.0)
    finally:
        stop.set()
        server.should_exit = True
    assert statuses and set(statuses) <= {200, 503}
    print("ordinary req/s alone, crowded:", round(alone, 1), round(crowded, 1), "long:", len(statuses))
    assert crowded >= alone / 3, (alone, crowded)


def test_a_body_sent_a_byte_at_a_time_is_cut_off(settings: Settings, assistant) -> None:
    """A client trickling its body (one byte a second) gets a 408 once the body deadline passes."""
    server, port = _serve_in_thread(settings.model_copy(update={"request_body_timeout_s": 2.0}), assistant)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=15) as conn:
            conn.sendall(b"POST /api/ask HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
            started = time.monotonic()
            raw = b""
            conn.settimeout(1.0)
            while b"\r\n\r\n" not in raw and time.monotonic() - started < 12:
                try:
                    conn.sendall(b"{")
                    raw += conn.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    break
            conn.settimeout(5.0)
            if "chậm".encode() not in raw:
                raw += read_until(conn, "chậm".encode())
        assert raw.startswith(b"HTTP/1.1 408") and "quá chậm".encode() in raw, raw[:300]
        assert time.monotonic() - started < 10
    finally:
        server.should_exit = True
