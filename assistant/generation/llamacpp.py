"""A local GGUF model (llama-cpp-python, optional extra ``llamacpp``) as a LangChain chat model.

A thin :class:`~langchain_core.language_models.BaseChatModel` over ``llama_cpp.Llama.create_chat_completion``
(the GGUF's own chat template formats the messages). It is used instead of langchain-community's
``ChatLlamaCpp`` to avoid that package's large dependency tree, and because generation here always runs
token by token so a deadline can stop it (a local model cannot be interrupted otherwise).

Example::

    >>> model = load_chat_model(Path("model.gguf"), timeout_s=30, max_tokens=512)
    >>> model.invoke("Xin chào").text
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, PrivateAttr

from assistant.generation.errors import BackendError

_ROLES = {"system": "system", "human": "user", "ai": "assistant", "tool": "tool"}

# When a GGUF carries no chat template, llama-cpp-python falls back to the llama-2 format, which
# garbles other families' turns; these families have a known format instead.
_FORMAT_BY_ARCH = {"gemma": "gemma", "qwen": "chatml"}


class LlamaCppChatModel(BaseChatModel):
    """Chat completions from a loaded ``llama_cpp.Llama``; every call bounded by ``timeout_s``."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model_path: str
    max_tokens: int = 512
    temperature: float = 0.0
    timeout_s: float = 30.0
    _llama: Any = PrivateAttr(default=None)
    # One generation at a time: a Llama context is not thread-safe.
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def __init__(self, llama: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._llama = llama

    @property
    def _llm_type(self) -> str:
        return "llamacpp-chat"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "max_tokens": self.max_tokens, "temperature": self.temperature}

    @staticmethod
    def _to_dicts(messages: list[BaseMessage]) -> list[dict[str, str]]:
        return [{"role": _ROLES.get(m.type, "user"), "content": str(m.text)} for m in messages]

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        deadline = time.monotonic() + self.timeout_s
        if not self._lock.acquire(timeout=self.timeout_s):
            raise TimeoutError(f"mô hình GGUF đang bận quá {self.timeout_s:g} giây")
        try:
            chunks = self._llama.create_chat_completion(
                messages=self._to_dicts(messages),
                max_tokens=kwargs.get("max_tokens", self.max_tokens),
                temperature=kwargs.get("temperature", self.temperature),
                stop=stop or [],
                stream=True,
            )
            try:
                for chunk in chunks:
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"mô hình GGUF chưa xong sau {self.timeout_s:g} giây")
                    delta = chunk["choices"][0].get("delta") or {}
                    piece = delta.get("content") or ""
                    if not piece:
                        continue
                    out = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                    if run_manager:
                        run_manager.on_llm_new_token(piece, chunk=out)
                    yield out
            finally:
                close = getattr(chunks, "close", None)
                if callable(close):
                    close()  # stops token generation when the caller stops early
        finally:
            self._lock.release()

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        # Built from the stream so that the deadline is checked between tokens.
        text = "".join(str(c.message.text) for c in self._stream(messages, stop, run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])


def load_chat_model(
    gguf_path: Path | str | None,
    *,
    timeout_s: float = 30.0,
    max_tokens: int = 512,
    n_ctx: int = 8192,
) -> LlamaCppChatModel:
    """Load a GGUF file; :class:`BackendError` naming ``ASSISTANT_GGUF_PATH`` when it cannot be used."""
    if not gguf_path:
        raise BackendError(
            "Backend 'llamacpp' chưa được cấu hình: đặt ASSISTANT_GGUF_PATH là đường dẫn tới tệp mô hình .gguf.",
            backend="llamacpp", kind="config",
        )
    path = Path(gguf_path).expanduser()
    if not path.is_file():
        raise BackendError(
            f"Backend 'llamacpp': không tìm thấy tệp mô hình {path} (kiểm tra ASSISTANT_GGUF_PATH).",
            backend="llamacpp", kind="config",
        )
    try:
        from llama_cpp import Llama
    except ImportError:
        raise BackendError(
            "Backend 'llamacpp' cần gói llama-cpp-python: cài bằng `pip install '.[llamacpp]'` "
            "(biên dịch từ mã nguồn, khoảng 6 phút), hoặc dùng ASSISTANT_BACKEND=openai với một máy chủ mô hình.",
            backend="llamacpp", kind="config",
        ) from None
    try:
        llama = Llama(
            model_path=str(path),
            n_ctx=n_ctx,
            n_threads=max(1, os.cpu_count() or 1),
            verbose=False,
        )
    except Exception as e:  # noqa: BLE001 - llama.cpp reports a bad file as ValueError/RuntimeError
        raise BackendError(
            f"Backend 'llamacpp': không nạp được mô hình {path}: {e} (kiểm tra ASSISTANT_GGUF_PATH trỏ tới tệp .gguf hợp lệ).",
            backend="llamacpp", kind="config",
        ) from e
    metadata = getattr(llama, "metadata", None) or {}
    if "tokenizer.chat_template" not in metadata:
        arch = str(metadata.get("general.architecture", ""))
        fmt = next((f for prefix, f in _FORMAT_BY_ARCH.items() if arch.startswith(prefix)), None)
        if fmt:
            llama.chat_format = fmt
    return LlamaCppChatModel(llama, model_path=str(path), max_tokens=max_tokens, timeout_s=timeout_s)
