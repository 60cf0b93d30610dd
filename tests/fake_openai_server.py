"""A small OpenAI-compatible chat completions server on 127.0.0.1 with scripted replies, for tests.

It speaks ``POST /v1/chat/completions`` (JSON, or SSE chunks when ``"stream": true``) and
``GET /v1/models``, so the real ``ChatOpenAI`` client goes over real HTTP. Each request takes the next
scripted :class:`Reply` (``server.push(...)``), or the default one when the script is empty:

- ``Reply.text("… [1].")`` — a fixed answer;
- ``Reply.quote()`` — quotes the passage sentence that shares most words with the question, with its
  [n] (a grounded answer computed from the prompt; for rewrite prompts it returns the question);
- ``Reply.status(500)`` — an HTTP error with an OpenAI-style error body;
- ``Reply.slow(3.0, "…")`` — answers only after a delay (past the client's timeout); a client that hangs up
  meanwhile is recorded in ``server.hangups``;
- ``Reply.malformed()`` — HTTP 200 with a body that is not JSON (not SSE JSON when streaming);
- ``Reply.stall(…)`` — streams a few pieces, then stalls.

It is a scripted stand-in for a model server, not a model: numbers measured with it say nothing about
answer quality. Standalone (e.g. to run ``assistant eval --backend openai`` against it)::

    python tests/fake_openai_server.py --port 8901 --mode quote
    ASSISTANT_OPENAI_BASE_URL=http://127.0.0.1:8901/v1 assistant eval --backend openai
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import select
import socket
import threading
import time
import unicodedata
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

REFUSAL = "Không tìm thấy thông tin này trong các kế hoạch hiện có."

_PASSAGE = re.compile(r'<doan so="(\d+)"[^>]*>\s*(.*?)\s*</doan>', re.S)
_QUESTION = re.compile(r"<cau_hoi>\s*(.*?)\s*</cau_hoi>", re.S)
_SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n+")
_STOP = set("ai là gì nào của và các ở tại cho về có được những với theo trong đến năm thì sao bao nhiêu".split())


@dataclass
class Reply:
    """One scripted reply."""

    kind: str = "text"  # text | quote | status | slow | malformed | stall
    content: str = ""
    code: int = 200  # HTTP status of a ``status`` reply
    delay: float = 0.0  # seconds before answering (slow) or before the rest of the stream (stall)
    chunk_delay: float = 0.02  # seconds between streamed pieces

    @classmethod
    def text(cls, content: str, chunk_delay: float = 0.02) -> Reply:
        return cls("text", content, chunk_delay=chunk_delay)

    @classmethod
    def quote(cls) -> Reply:
        return cls("quote")

    @classmethod
    def status(cls, code: int = 500) -> Reply:
        return cls("status", code=code)

    @classmethod
    def slow(cls, delay: float, content: str = "Trả lời chậm [1].") -> Reply:
        return cls("slow", content, delay=delay)

    @classmethod
    def malformed(cls) -> Reply:
        return cls("malformed")

    @classmethod
    def stall(cls, content: str, delay: float) -> Reply:
        return cls("stall", content, delay=delay)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", unicodedata.normalize("NFC", text.lower())) if w not in _STOP and len(w) > 1}


def quote_answer(prompt: str) -> str:
    """The passage sentence sharing most words with the question, cited as [n]; the refusal if none."""
    q = _QUESTION.search(prompt)
    question = q.group(1) if q else ""
    if "<lich_su>" in prompt:
        return question  # a rewrite prompt: the question is taken as already standalone
    qw = _words(question)
    best: tuple[int, int, str] = (0, 0, "")
    for m in _PASSAGE.finditer(prompt):
        n = int(m.group(1))
        body = "\n".join(ln for ln in m.group(2).splitlines() if not ln.startswith("Vị trí:"))
        for sent in _SENTENCE.split(body):
            sent = " ".join(sent.replace("*", "").split()).strip(" -+;")
            if len(sent) < 15:
                continue
            score = len(qw & _words(sent))
            if score > best[0]:
                best = (score, n, sent)
    if best[0] < 2:
        return REFUSAL
    return f"{best[2].rstrip(' .;:')} [{best[1]}]."


class FakeOpenAIServer:
    """Start with ``with FakeOpenAIServer() as srv:``; ``srv.url`` is the base URL (ends with /v1)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, default: Reply | None = None) -> None:
        self.default = default or Reply.quote()
        self.requests: list[dict[str, Any]] = []
        self.hangups: list[float] = []  # monotonic times a client closed its connection during a slow reply
        self._script: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self.httpd = ThreadingHTTPServer((host, port), self._handler())
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False  # a handler sleeping in a slow reply must not delay stop()
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def push(self, *replies: Reply) -> None:
        with self._lock:
            self._script.extend(replies)

    def reset(self, default: Reply | None = None) -> None:
        with self._lock:
            self._script.clear()
            self.requests.clear()
            self.hangups.clear()
            if default is not None:
                self.default = default

    def _next(self) -> Reply:
        with self._lock:
            return self._script.popleft() if self._script else self.default

    def start(self) -> FakeOpenAIServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="fake-openai", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._closing.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- HTTP ----------------------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet test output
                pass

            def _json(self, code: int, obj: Any) -> None:
                body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._json(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]})
                else:
                    self._json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._json(404, {"error": {"message": f"no route {self.path}", "type": "invalid_request_error"}})
                    return
                try:
                    body = json.loads(raw)
                except ValueError:
                    self._json(400, {"error": {"message": "invalid JSON", "type": "invalid_request_error"}})
                    return
                reply = server._next()
                with server._lock:
                    server.requests.append({"path": self.path, "headers": dict(self.headers), "body": body, "reply": reply.kind})
                # The client may give up (timeout) while we answer: expected in the slow tests.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._answer(body, reply)

            def _wait_for_client(self, delay: float) -> bool:
                """Sleep ``delay`` s as a model thinking would; False if the server stops or the client hangs
                up meanwhile (recorded in ``server.hangups``, as a model server notices and aborts)."""
                end = time.monotonic() + delay
                while (left := end - time.monotonic()) > 0:
                    if server._closing.wait(min(left, 0.05)):
                        return False
                    readable, _, _ = select.select([self.connection], [], [], 0)
                    if readable and not self.connection.recv(1, socket.MSG_PEEK):
                        with server._lock:
                            server.hangups.append(time.monotonic())
                        return False
                return True

            def _answer(self, body: dict[str, Any], reply: Reply) -> None:
                stream = bool(body.get("stream"))
                model = body.get("model", "fake-model")
                if reply.kind == "status":
                    self._json(reply.code, {"error": {"message": f"lỗi giả lập {reply.code}", "type": "server_error"}})
                    return
                if reply.kind == "malformed":
                    data = b"data: {khong-phai-json\n\n" if stream else b"{khong-phai-json"
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream" if stream else "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                if reply.kind == "slow" and not self._wait_for_client(reply.delay):
                    return
                prompt = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
                content = quote_answer(prompt) if reply.kind == "quote" else reply.content
                if not stream:
                    self._json(200, {
                        "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": model,
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": len(prompt) // 4, "completion_tokens": len(content) // 4,
                                  "total_tokens": (len(prompt) + len(content)) // 4},
                    })
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                pieces = re.findall(r"\S+\s*|\s+", content) or [""]

                def send(delta: dict[str, Any], finish: str | None = None) -> None:
                    chunk = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                             "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
                    self.wfile.write(b"data: " + json.dumps(chunk, ensure_ascii=False).encode("utf-8") + b"\n\n")
                    self.wfile.flush()

                send({"role": "assistant", "content": ""})
                for i, piece in enumerate(pieces):
                    if reply.kind == "stall" and i == min(3, len(pieces) - 1) and server._closing.wait(reply.delay):
                        return
                    send({"content": piece})
                    if reply.chunk_delay:
                        time.sleep(reply.chunk_delay)
                send({}, "stop")
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        return Handler


def main() -> None:
    ap = argparse.ArgumentParser(description="Máy chủ giả lập tương thích OpenAI (trả lời theo kịch bản) cho kiểm thử.")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8901)
    ap.add_argument("--mode", choices=["quote", "status", "malformed"], default="quote")
    args = ap.parse_args()
    default = {"quote": Reply.quote(), "status": Reply.status(500), "malformed": Reply.malformed()}[args.mode]
    srv = FakeOpenAIServer(args.host, args.port, default)
    print(f"Máy chủ giả lập: {srv.url} (chế độ {args.mode}); Ctrl+C để dừng.", flush=True)
    try:
        srv.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.httpd.server_close()


if __name__ == "__main__":
    main()
