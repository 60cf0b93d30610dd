"""Grounded, cited answers from any LangChain chat model (``BaseChatModel``).

:class:`ChatModelGenerator` renders the prompts of ``prompts/`` (system rules + numbered passages in a
delimited data section), calls the chat model with a wall-clock deadline on every call, runs the
grounding guard (:mod:`assistant.generation.guard`) on the complete answer, and falls back to the
extractive answer — with a visible Vietnamese note in ``fallback_reason`` — when the model fails
(unreachable, timeout, HTTP error, malformed response) or its answer is not grounded.

Any LangChain chat model works; the backends ``openai`` and ``llamacpp`` are two instances::

    >>> from langchain_openai import ChatOpenAI
    >>> gen = ChatModelGenerator("openai", ChatOpenAI(base_url=..., api_key=..., model=...), settings, extractive)
    >>> g = gen.generate(question, passages, analysis)
    >>> g.text, g.cited, g.grounded, g.fallback_reason, g.guard

See :mod:`assistant.generation.backends` to register another model as a named backend.
"""

from __future__ import annotations

import contextvars
import json
import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from assistant.config import Settings
from assistant.generation import guard
from assistant.generation.base import REFUSAL, Generation, Generator, refusal
from assistant.generation.cancel import CALL_SOCKETS, CANCEL_POLL_S, CANCELLED, CallSockets, LLMCancelled
from assistant.generation.errors import BackendError
from assistant.generation.prompts import DATA_BEGIN, DATA_END, PromptError, PromptLibrary
from assistant.query import QueryAnalysis
from assistant.retrieval import Passage
from assistant.text import STOPWORDS_ACCENTED, fold, nfc, words

log = logging.getLogger(__name__)

T = TypeVar("T")

# Which setting an operator should look at for each kind of failure (overridden per backend).
DEFAULT_HINTS: dict[str, str] = {
    "connection": "địa chỉ máy chủ mô hình",
    "timeout": "ASSISTANT_LLM_TIMEOUT_S",
    "auth": "khóa API",
    "not_found": "tên mô hình",
    "http_4xx": "tên mô hình và tham số",
    "http_5xx": "nhật ký của máy chủ mô hình",
    "malformed": "địa chỉ máy chủ (phải là máy chủ tương thích OpenAI)",
    "error": "cấu hình backend",
}


class LLMTimeout(TimeoutError):
    """The model did not finish within the deadline."""


# -- calls with a wall-clock deadline -----------------------------------------------------------------


def call_with_deadline(fn: Callable[[], T], timeout_s: float, what: str = "LLM") -> T:
    """Run ``fn`` in a daemon thread; raise :class:`LLMTimeout` if it has not returned in ``timeout_s``.

    Client-side timeouts (httpx) bound each read, not the whole call (a server can trickle bytes); this
    bounds the whole call. An abandoned call ends on its own client timeout, in the background.
    """
    box: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)

    def work() -> None:
        try:
            box.put((True, fn()))
        except BaseException as e:  # noqa: BLE001 - handed to the caller's thread
            box.put((False, e))

    held = _start_watched(work, f"{what}-call")
    try:
        ok, value = box.get(timeout=timeout_s)
    except queue.Empty:
        held.shut()  # the server stops working for an answer nobody waits for
        raise LLMTimeout(f"{what}: quá {timeout_s:g} giây") from None
    if ok:
        return value
    raise value


def stream_with_deadline(make_iter: Callable[[], Iterable[T]], timeout_s: float, what: str = "LLM") -> Iterator[T]:
    """Yield the items of ``make_iter()`` as they arrive; raise :class:`LLMTimeout` once ``timeout_s``
    have passed since the start, even if the producer is blocked waiting for the next item; raise
    :class:`LLMCancelled` within ``CANCEL_POLL_S`` once the :data:`CANCELLED` event of the caller is set."""
    box: queue.Queue[tuple[str, Any]] = queue.Queue()
    stop = threading.Event()

    def work() -> None:
        it = iter(make_iter())
        try:
            for item in it:
                if stop.is_set():
                    break
                box.put(("item", item))
            box.put(("end", None))
        except BaseException as e:  # noqa: BLE001 - handed to the consumer's thread
            box.put(("error", e))
        finally:
            close = getattr(it, "close", None)
            if callable(close):
                try:
                    close()  # releases the HTTP response / the local model
                except Exception:  # noqa: BLE001
                    log.debug("closing the model stream failed", exc_info=True)

    cancel = CANCELLED.get()
    held = _start_watched(work, f"{what}-stream")
    finished = False
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            if cancel is not None and cancel.is_set():
                raise LLMCancelled(f"{what}: người dùng đã dừng")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LLMTimeout(f"{what}: quá {timeout_s:g} giây")
            try:
                kind, value = box.get(timeout=min(remaining, CANCEL_POLL_S) if cancel is not None else remaining)
            except queue.Empty:
                continue  # the deadline and the cancellation are checked again
            if kind == "item":
                yield value
            elif kind == "end":
                finished = True
                return
            else:
                finished = True
                raise value
    finally:
        stop.set()
        if not finished:
            held.shut()  # cancelled, overdue or abandoned: the blocked read ends, the server sees the hang-up


def _start_watched(work: Callable[[], None], name: str) -> CallSockets:
    """Start ``work`` in a daemon thread that sees the caller's contextvars plus a fresh :class:`CallSockets`
    (filled by :func:`assistant.generation.cancel.watch_sockets` as the call connects)."""
    held = CallSockets()
    ctx = contextvars.copy_context()
    ctx.run(CALL_SOCKETS.set, held)
    threading.Thread(target=ctx.run, args=(work,), name=name, daemon=True).start()
    return held


# -- failures ----------------------------------------------------------------------------------------


def _status_code(exc: BaseException) -> int | None:
    code = getattr(exc, "status_code", None)
    if code is None:
        code = getattr(getattr(exc, "response", None), "status_code", None)
    return code if isinstance(code, int) else None


def classify_failure(exc: BaseException) -> str:
    """Kind of failure, independent of the provider: LangChain's model errors first, then the SDKs'."""
    from langchain_core import exceptions as lc

    try:
        import openai
    except ImportError:  # pragma: no cover - langchain-openai is a dependency
        openai = None  # type: ignore[assignment]
    import httpx

    chain: list[BaseException] = []
    e: BaseException | None = exc
    while e is not None and e not in chain:
        chain.append(e)
        e = e.__cause__ or e.__context__
    for err in chain:
        if isinstance(err, LLMTimeout | TimeoutError | lc.ModelTimeoutError | httpx.TimeoutException):
            return "timeout"
        if openai is not None and isinstance(err, openai.APITimeoutError):
            return "timeout"
        if isinstance(err, lc.ModelAuthenticationError | lc.ModelPermissionDeniedError):
            return "auth"
        if isinstance(err, lc.ModelNotFoundError):
            return "not_found"
        if openai is not None and isinstance(err, openai.APIResponseValidationError):
            return "malformed"
        code = _status_code(err)
        if code is not None and code >= 400:
            if code in (401, 403):
                return "auth"
            if code == 404:
                return "not_found"
            return "http_5xx" if code >= 500 else "http_4xx"
        if isinstance(err, lc.ModelConnectionError | httpx.ConnectError | ConnectionError):
            return "connection"
        if openai is not None and isinstance(err, openai.APIConnectionError):
            return "connection"
        if isinstance(err, json.JSONDecodeError | KeyError | IndexError | TypeError | AttributeError | ValueError):
            return "malformed"
    return "error"


_KIND_TEXT = {
    "connection": "không kết nối được tới máy chủ mô hình",
    "timeout": "không trả lời kịp trong {timeout:g} giây",
    "auth": "bị từ chối xác thực",
    "not_found": "không tìm thấy mô hình hoặc địa chỉ",
    "http_4xx": "máy chủ từ chối yêu cầu (HTTP {code})",
    "http_5xx": "máy chủ mô hình gặp lỗi (HTTP {code})",
    "malformed": "máy chủ trả về dữ liệu không đúng định dạng",
    "error": "gặp lỗi",
}


def explain_failure(exc: BaseException, backend: str, hints: Mapping[str, str], timeout_s: float) -> BackendError:
    """A :class:`BackendError` naming the backend, what went wrong and the setting to fix."""
    if isinstance(exc, BackendError):
        return exc
    kind = classify_failure(exc)
    code = next((c for c in (_status_code(exc), _status_code(exc.__cause__ or exc)) if c), "?")
    what = _KIND_TEXT[kind].format(timeout=timeout_s, code=code)
    detail = " ".join(str(exc).split())[:200] or type(exc).__name__
    hint = hints.get(kind) or DEFAULT_HINTS.get(kind) or DEFAULT_HINTS["error"]
    return BackendError(
        f"Backend '{backend}' {what} ({detail}). Kiểm tra: {hint}.", backend=backend, kind=kind
    )


# -- the generator -------------------------------------------------------------------------------------


_REWRITE_PREFIX = re.compile(r"^\s*(?:[-*>#\s]*)(?:câu hỏi(?: độc lập| viết lại)?\s*:\s*)?", re.IGNORECASE)


def _clean_rewrite(text: str, question: str, history: list[dict[str, str]], prompt: str) -> str:
    """The standalone question from a rewrite reply: first non-empty line, no prefix, no quotes.

    Raises ValueError for replies that cannot be a rewrite: empty, a refusal, too long, an echo of the
    prompt's instructions (what a base model does), or sharing no word with the conversation.
    """
    line = next((ln for ln in nfc(text).splitlines() if ln.strip()), "")
    line = _REWRITE_PREFIX.sub("", line).strip().strip("\"'“”«»`*").strip()
    if not line or guard.is_refusal(line):
        raise ValueError("mô hình không trả về câu hỏi viết lại")
    if len(line) > max(300, 3 * len(question)) or re.search(r"\[\d+\]", line):
        raise ValueError("câu hỏi viết lại không hợp lệ")
    instructions = prompt.split(DATA_BEGIN)[0] + prompt.split(DATA_END)[-1]
    if len(line) > 20 and fold(line) in fold(instructions):
        raise ValueError("mô hình lặp lại lời nhắc thay vì viết lại câu hỏi")
    said = question + " " + " ".join(str(t.get("content") or t.get("question") or "") for t in history)
    if not (set(words(line)) - STOPWORDS_ACCENTED) & set(words(said)):
        raise ValueError("câu hỏi viết lại không liên quan tới hội thoại")
    return line


class ChatModelGenerator:
    """A :class:`~assistant.generation.base.Generator` over a LangChain chat model, with the guard.

    ``hints`` maps a failure kind (``connection``, ``timeout``, ``auth``, ``not_found``, ``http_4xx``,
    ``http_5xx``, ``malformed``, ``error``) to the setting an operator should fix; error messages
    quote it.
    """

    def __init__(
        self,
        name: str,
        model: BaseChatModel,
        settings: Settings,
        extractive: Generator,
        *,
        prompts: PromptLibrary | None = None,
        hints: Mapping[str, str] | None = None,
        timeout_s: float | None = None,
        fallback: bool | None = None,
    ) -> None:
        self.name = name
        self.model = model
        self.settings = settings
        self.extractive = extractive
        self.prompts = prompts or PromptLibrary(settings.prompts_dir)
        self.prompts.check()
        self.hints = {**DEFAULT_HINTS, **(hints or {})}
        self.timeout_s = float(timeout_s if timeout_s is not None else settings.llm_timeout_s)
        self.fallback = settings.llm_fallback if fallback is None else fallback

    # -- model calls ------------------------------------------------------------------------------------

    @staticmethod
    def _messages(system: str, user: str) -> list[BaseMessage]:
        return [SystemMessage(content=system), HumanMessage(content=user)]

    def _invoke(self, messages: list[BaseMessage]) -> str:
        """The model's reply text; :class:`BackendError` on any failure (deadline included)."""
        try:
            msg = call_with_deadline(lambda: self.model.invoke(messages), self.timeout_s, self.name)
            text = msg.text
        except Exception as e:  # noqa: BLE001 - every failure becomes one clear BackendError
            raise explain_failure(e, self.name, self.hints, self.timeout_s) from e
        if not isinstance(text, str):
            raise BackendError(f"Backend '{self.name}' trả về nội dung không phải văn bản.", backend=self.name, kind="malformed")
        return nfc(str(text))

    def _stream_text(self, messages: list[BaseMessage]) -> Iterator[str]:
        """Text pieces as the model produces them; :class:`BackendError` on any failure (:class:`LLMCancelled`
        passes through: nobody is waiting for a fallback answer)."""
        try:
            for chunk in stream_with_deadline(lambda: self.model.stream(messages), self.timeout_s, self.name):
                piece = chunk.text
                if piece:
                    yield str(piece)
        except LLMCancelled:
            raise
        except Exception as e:  # noqa: BLE001 - every failure becomes one clear BackendError
            raise explain_failure(e, self.name, self.hints, self.timeout_s) from e

    def _answer_messages(self, question: str, passages: list[Passage], analysis: QueryAnalysis | None) -> list[BaseMessage]:
        """The answer prompt; a template an operator broke after start-up becomes a BackendError."""
        briefing = bool(getattr(analysis, "briefing", False))
        try:
            system, user = self.prompts.answer_messages(question, passages, briefing=briefing)
        except PromptError as e:
            raise BackendError(f"Backend '{self.name}': {e}", backend=self.name, kind="config") from e
        return self._messages(system, user)

    # -- Generator protocol -----------------------------------------------------------------------------

    def generate(
        self,
        question: str,
        passages: list[Passage],
        analysis: QueryAnalysis,
        history: list[dict[str, str]] | None = None,
    ) -> Generation:
        """Answer from ``passages`` (history is used by :meth:`rewrite_question`, before retrieval)."""
        if not passages:
            return refusal(self.name)  # nothing to ground an answer on: no model call
        try:
            text = self._invoke(self._answer_messages(question, passages, analysis))
        except BackendError as e:
            return self._on_failure(e, question, passages, analysis, history)
        return self._judge(text, question, passages, analysis, history)

    def stream(
        self,
        question: str,
        passages: list[Passage],
        analysis: QueryAnalysis,
        history: list[dict[str, str]] | None = None,
    ) -> Iterator[str | Generation]:
        """Yield the model's text pieces as they arrive, then exactly one final :class:`Generation`.

        Contract for callers (the web UI over SSE): the pieces are the model's raw, *unchecked* text,
        shown provisionally. The guard runs on the complete text at the end; the final Generation is
        authoritative and its ``text`` must replace what was streamed. When the guard rejects the
        answer, or the model fails mid-stream, the final Generation is the extractive fallback with
        ``fallback_reason`` set (and no further pieces are yielded).
        """
        if not passages:
            g = refusal(self.name)
            yield g.text
            yield g
            return
        pieces: list[str] = []
        try:
            for piece in self._stream_text(self._answer_messages(question, passages, analysis)):
                pieces.append(piece)
                yield piece
        except BackendError as e:
            yield self._on_failure(e, question, passages, analysis, history)
            return
        yield self._judge("".join(pieces), question, passages, analysis, history)

    def rewrite_question(self, question: str, history: list[dict[str, str]]) -> str:
        """A standalone version of a follow-up ``question`` via the rewrite prompt.

        Raises (BackendError, ValueError) on failure, so the pipeline falls back to the rule-based rewrite.
        """
        system, user = self.prompts.rewrite_messages(question, history)
        reply = self._invoke(self._messages(system, user))
        return _clean_rewrite(reply, question, history, system + "\n" + user)

    # -- guard and fallback -----------------------------------------------------------------------------

    def _judge(
        self,
        text: str,
        question: str,
        passages: list[Passage],
        analysis: QueryAnalysis,
        history: list[dict[str, str]] | None,
    ) -> Generation:
        verdict = guard.check(text, passages)
        report = {**verdict.as_dict(), "answered_by": self.name}
        if verdict.grounded:
            return Generation(verdict.text, sorted(verdict.cited), verdict.refused, self.name, grounded=True, guard=report)
        why = "; ".join(verdict.reasons) or "không có căn cứ"
        log.info("guard rejected the %s answer: %s", self.name, why)
        note = f"Câu trả lời của mô hình ({self.name}) không được hiển thị vì {why}"
        return self._fallback(note, report, question, passages, analysis, history)

    def _on_failure(
        self,
        err: BackendError,
        question: str,
        passages: list[Passage],
        analysis: QueryAnalysis,
        history: list[dict[str, str]] | None,
    ) -> Generation:
        log.warning("%s", err)
        if not self.fallback:
            raise err
        report: dict[str, object] = {"checked": False, "error": err.kind, "answered_by": "extractive"}
        return self._fallback(str(err), report, question, passages, analysis, history)

    def _fallback(
        self,
        note: str,
        report: dict[str, object],
        question: str,
        passages: list[Passage],
        analysis: QueryAnalysis,
        history: list[dict[str, str]] | None,
    ) -> Generation:
        if not self.fallback:
            # Never show an unchecked claim: without the extractive fallback, say nothing instead.
            report = {**report, "answered_by": None}
            return Generation(
                REFUSAL, [], True, self.name, grounded=True, guard=report,
                fallback_reason=note.rstrip(".") + " (ASSISTANT_LLM_FALLBACK=false: không dùng câu trả lời trích xuất).",
            )
        g = self.extractive.generate(question, passages, analysis, history)
        report = {**report, "answered_by": "extractive"}
        return replace(
            g,
            backend=self.name,
            guard=report,
            fallback_reason=note.rstrip(".") + ". Hiển thị câu trả lời trích nguyên văn từ kế hoạch.",
        )
