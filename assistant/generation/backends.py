"""Backend registry: maps a backend name (``ASSISTANT_BACKEND``, ``--backend``) to a generator.

Built in:

- ``extractive`` — quotes the passages; offline, deterministic; the default and every LLM backend's fallback.
- ``openai`` — any OpenAI-compatible chat completions server (OpenAI, vLLM, Ollama, llama.cpp server, …)
  through ``langchain_openai.ChatOpenAI``. Settings: ``ASSISTANT_OPENAI_BASE_URL`` (else
  ``OPENAI_BASE_URL``), ``ASSISTANT_OPENAI_API_KEY`` (else ``OPENAI_API_KEY``; a local server needs none),
  ``ASSISTANT_OPENAI_MODEL``, ``ASSISTANT_LLM_TIMEOUT_S`` (bounds each whole call, streaming included),
  ``ASSISTANT_LLM_MAX_TOKENS`` (answer length, default 800).
- ``llamacpp`` — a local GGUF file (``ASSISTANT_GGUF_PATH``) through llama-cpp-python
  (``pip install '.[llamacpp]'``), wrapped as a LangChain chat model (:mod:`assistant.generation.llamacpp`).

Plugging in another LangChain chat model takes a factory ``(settings, extractive) -> Generator``;
:class:`~assistant.generation.llm.ChatModelGenerator` adds prompts, deadlines, the guard and the fallback::

    from assistant.generation.backends import register_backend
    from assistant.generation.llm import ChatModelGenerator

    def make_claude(settings, extractive):
        from langchain_anthropic import ChatAnthropic
        model = ChatAnthropic(model="claude-…", timeout=settings.llm_timeout_s, max_retries=1)
        return ChatModelGenerator("claude", model, settings, extractive,
                                  hints={"auth": "ANTHROPIC_API_KEY"})

    register_backend("claude", make_claude)   # then: assistant ask --backend claude "…"

For the CLI and the server to see it without code changes, a package can declare the same factory as
an entry point in its ``pyproject.toml``::

    [project.entry-points."assistant.backends"]
    claude = "my_package.backends:make_claude"

Creation failures (missing GGUF, missing package, bad URL) raise :class:`BackendError` naming the setting;
with ``ASSISTANT_LLM_FALLBACK=true`` (default) the backend is replaced by one that answers extractively
and says why in ``fallback_reason`` — a misconfigured office still gets answers.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from importlib.metadata import entry_points
from typing import Any

from assistant.config import Settings
from assistant.generation.base import Generation, Generator
from assistant.generation.errors import BackendError
from assistant.query import QueryAnalysis
from assistant.retrieval import Passage

__all__ = ["BackendError", "KNOWN_BACKENDS", "make_backend", "register_backend", "available_backends"]

log = logging.getLogger(__name__)

BackendFactory = Callable[[Settings, Generator], Generator]

# Bounded answers and few retries: a slow or failing server must not hold a question for long.
MAX_RETRIES = 1


# Sent when no key is configured: local OpenAI-compatible servers ignore it, the client requires one.
LOCAL_DUMMY_KEY = "khong-can-khoa"

_REGISTRY: dict[str, BackendFactory] = {}


def register_backend(name: str, factory: BackendFactory) -> None:
    """Make ``factory(settings, extractive)`` available as backend ``name`` (case-insensitive)."""
    key = name.strip().lower()
    if not key:
        raise ValueError("backend name must not be empty")
    _REGISTRY[key] = factory


def _entry_point_factories() -> dict[str, BackendFactory]:
    found: dict[str, BackendFactory] = {}
    for ep in entry_points(group="assistant.backends"):
        try:
            found[ep.name.strip().lower()] = ep.load()
        except Exception as e:  # noqa: BLE001 - a broken plugin must not break the built-in backends
            log.warning("backend plugin %s could not be loaded: %s", ep.name, e)
    return found


def available_backends() -> list[str]:
    """Names accepted by ``--backend`` / ``ASSISTANT_BACKEND``."""
    return list(dict.fromkeys([*_REGISTRY, *_entry_point_factories()]))


def _env(*names: str) -> str | None:
    for n in names:
        v = os.environ.get(n)
        if v and v.strip():
            return v.strip()
    return None


# -- openai --------------------------------------------------------------------------------------------


def openai_connection(settings: Settings) -> tuple[str | None, str | None]:
    """(base URL, API key) with the documented fallbacks to ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY``."""
    base_url = settings.openai_base_url or _env("OPENAI_BASE_URL")
    api_key = settings.openai_api_key or _env("OPENAI_API_KEY")
    return (base_url.strip() if base_url else None), (api_key.strip() if api_key else None)


def cuttable_http_client() -> Any:
    """The OpenAI SDK's own HTTP client (its timeouts and redirects) whose sockets a cancelled or overdue
    call can cut (:mod:`assistant.generation.cancel`).

    It keeps no idle connections: the hook sees a socket when it is opened, so each call opens its own. A
    TCP connect costs well under a millisecond on a LAN against model calls of seconds."""
    import importlib

    import openai

    from assistant.generation.cancel import watch_sockets

    # openai>=3 runs on httpx2, older versions on httpx: Limits must come from the library the client is.
    library = importlib.import_module(openai.DefaultHttpxClient.__mro__[1].__module__.split(".")[0])
    return openai.DefaultHttpxClient(
        limits=library.Limits(max_connections=100, max_keepalive_connections=0),
        event_hooks={"request": [watch_sockets], "response": []},
    )


def make_openai(settings: Settings, extractive: Generator) -> Generator:
    """``ChatOpenAI`` over the chat completions API of any OpenAI-compatible server."""
    from langchain_openai import ChatOpenAI

    from assistant.generation.llm import ChatModelGenerator

    base_url, api_key = openai_connection(settings)
    if base_url and not base_url.lower().startswith(("http://", "https://")):
        raise BackendError(
            f"Backend 'openai': địa chỉ máy chủ không hợp lệ {base_url!r} "
            "(ASSISTANT_OPENAI_BASE_URL phải có dạng http://máy-chủ:cổng/v1).",
            backend="openai", kind="config",
        )
    if not api_key:
        if not base_url:
            raise BackendError(
                "Backend 'openai' chưa được cấu hình: đặt ASSISTANT_OPENAI_BASE_URL (máy chủ tương thích OpenAI "
                "như vLLM, Ollama, llama.cpp server) hoặc ASSISTANT_OPENAI_API_KEY (dịch vụ OpenAI).",
                backend="openai", kind="config",
            )
        api_key = LOCAL_DUMMY_KEY
    where = base_url or "dịch vụ OpenAI"
    model = ChatOpenAI(
        model=settings.openai_model,
        base_url=base_url,
        api_key=api_key,
        timeout=settings.llm_timeout_s,
        max_retries=MAX_RETRIES,
        max_tokens=settings.llm_max_tokens,
        temperature=0,
        # Chat completions is what every compatible server speaks; never switch to the Responses API.
        use_responses_api=False,
        # Usage chunks in streams are an OpenAI extension some compatible servers reject.
        stream_usage=False,
        http_client=cuttable_http_client(),
    )
    hints = {
        "connection": f"ASSISTANT_OPENAI_BASE_URL (hiện là {where}) và máy chủ mô hình có đang chạy không",
        "timeout": f"ASSISTANT_LLM_TIMEOUT_S (hiện {settings.llm_timeout_s:g} giây) hoặc tải của máy chủ {where}",
        "auth": "ASSISTANT_OPENAI_API_KEY",
        "not_found": f"ASSISTANT_OPENAI_MODEL (hiện là {settings.openai_model!r}) và ASSISTANT_OPENAI_BASE_URL (thường kết thúc bằng /v1)",
        "http_4xx": f"ASSISTANT_OPENAI_MODEL (hiện là {settings.openai_model!r}) và ASSISTANT_OPENAI_BASE_URL",
        "http_5xx": f"nhật ký của máy chủ mô hình tại ASSISTANT_OPENAI_BASE_URL ({where})",
        "malformed": f"ASSISTANT_OPENAI_BASE_URL ({where}) phải trỏ tới máy chủ tương thích OpenAI, thường kết thúc bằng /v1",
        "error": "ASSISTANT_OPENAI_BASE_URL, ASSISTANT_OPENAI_MODEL",
    }
    return ChatModelGenerator("openai", model, settings, extractive, hints=hints)


# -- llamacpp ------------------------------------------------------------------------------------------


def make_llamacpp(settings: Settings, extractive: Generator) -> Generator:
    """A local GGUF model through llama-cpp-python (optional extra ``llamacpp``)."""
    from assistant.generation.llamacpp import load_chat_model
    from assistant.generation.llm import ChatModelGenerator

    model = load_chat_model(settings.gguf_path, timeout_s=settings.llm_timeout_s, max_tokens=settings.llm_max_tokens)
    hints = {
        "timeout": f"ASSISTANT_LLM_TIMEOUT_S (hiện {settings.llm_timeout_s:g} giây) hoặc dùng mô hình GGUF nhỏ hơn",
        "error": f"ASSISTANT_GGUF_PATH (hiện là {settings.gguf_path})",
        "malformed": f"ASSISTANT_GGUF_PATH (hiện là {settings.gguf_path}): tệp GGUF có mẫu hội thoại (chat template) không",
    }
    return ChatModelGenerator("llamacpp", model, settings, extractive, hints=hints)


register_backend("openai", make_openai)
register_backend("llamacpp", make_llamacpp)

KNOWN_BACKENDS = ("extractive", "openai", "llamacpp")


# -- unavailable backend: answers extractively and says why ----------------------------------------------


class UnavailableBackend:
    """Stands in for a backend that could not be created, when ``ASSISTANT_LLM_FALLBACK`` is on."""

    def __init__(self, name: str, error: BackendError, extractive: Generator) -> None:
        self.name = name
        self.error = error
        self.extractive = extractive

    def _note(self, g: Generation) -> Generation:
        guard = {"checked": False, "error": self.error.kind, "answered_by": "extractive"}
        reason = str(self.error).rstrip(".") + ". Hiển thị câu trả lời trích nguyên văn từ kế hoạch."
        return replace(g, backend=self.name, fallback_reason=reason, guard=guard)

    def generate(
        self,
        question: str,
        passages: list[Passage],
        analysis: QueryAnalysis,
        history: list[dict[str, str]] | None = None,
    ) -> Generation:
        return self._note(self.extractive.generate(question, passages, analysis, history))

    def stream(
        self,
        question: str,
        passages: list[Passage],
        analysis: QueryAnalysis,
        history: list[dict[str, str]] | None = None,
    ) -> Iterator[str | Generation]:
        for piece in self.extractive.stream(question, passages, analysis, history):
            yield self._note(piece) if isinstance(piece, Generation) else piece


def make_backend(name: str, settings: Settings, extractive: Generator) -> Generator:
    """Create the generator for ``name``.

    Unknown names raise :class:`BackendError`. A known backend that cannot be created raises too, unless
    ``settings.llm_fallback`` is on: then it answers extractively with the reason in ``fallback_reason``.
    """
    key = name.strip().lower()
    if key == "extractive":
        return extractive
    factory = _REGISTRY.get(key) or _entry_point_factories().get(key)
    if factory is None:
        names = ", ".join(["extractive", *available_backends()])
        raise BackendError(
            f"Không có backend '{name}'. Các backend: {names} (ASSISTANT_BACKEND / --backend).",
            backend=name, kind="unknown",
        )
    try:
        return factory(settings, extractive)
    except BackendError as e:
        if not settings.llm_fallback:
            raise
        log.warning("%s", e)
        return UnavailableBackend(key, e, extractive)
    except Exception as e:  # noqa: BLE001 - e.g. a template error: still a clear message, never a crash
        err = BackendError(f"Không tạo được backend '{key}': {e}", backend=key, kind="config")
        if not settings.llm_fallback:
            raise err from e
        log.warning("%s", err)
        return UnavailableBackend(key, err, extractive)
