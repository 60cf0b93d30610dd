"""Prompt templates: Jinja2 files in ``prompts/`` (``ASSISTANT_PROMPTS_DIR``), rendered to chat messages.

Templates live in files, never in code, so an operator can edit them (they are re-read when changed).
Everything that comes from outside the operator's control — passages, the question, the chat history —
goes through the ``data`` filter, which defuses anything that could close the data section early or
forge a passage tag; the templates keep that data between ``BẮT ĐẦU DỮ LIỆU`` and ``HẾT DỮ LIỆU``.

Example::

    >>> prompts = PromptLibrary(settings.prompts_dir)
    >>> system, user = prompts.answer_messages(question, passages)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from assistant.generation.base import REFUSAL
from assistant.retrieval import Passage
from assistant.text import nfc

DATA_BEGIN = "===== BẮT ĐẦU DỮ LIỆU"
DATA_END = "===== HẾT DỮ LIỆU ====="

# Tags and fences the templates use to delimit data; inside data they are neutralised so that a question
# or a passage cannot end the data section and start speaking as the operator.
_FORGED_TAG = re.compile(r"<\s*(/?)\s*(doan|cau_hoi|lich_su)\b", re.IGNORECASE)
_FORGED_FENCE = re.compile(r"={3,}")

TEMPLATE_NAMES = ("system", "answer", "briefing", "rewrite_system", "rewrite")


class PromptError(RuntimeError):
    """A template is missing or broken; the message names the file and ``ASSISTANT_PROMPTS_DIR``."""


def data_filter(value: object) -> str:
    """Render untrusted text as inert data: NFC, forged tags and section fences defused."""
    text = nfc(str(value))
    text = _FORGED_TAG.sub(lambda m: "‹" + m.group(1) + m.group(2), text)
    return _FORGED_FENCE.sub(lambda m: "═" * len(m.group(0)), text)


@dataclass(frozen=True)
class PromptPassage:
    """What a template sees of a passage: its 1-based number and where it comes from."""

    number: int
    district: str
    breadcrumb: str
    text: str


def prompt_passages(passages: list[Passage], max_chars: int = 1800) -> list[PromptPassage]:
    """Number passages 1..n as the answer must cite them; long texts are cut to bound the prompt."""
    out = []
    for i, p in enumerate(passages, start=1):
        text = p.chunk.text.strip()
        if len(text) > max_chars:
            text = text[:max_chars].rstrip() + " …"
        out.append(PromptPassage(i, p.chunk.district, p.chunk.breadcrumb, text))
    return out


class PromptLibrary:
    """Loads ``<name>.j2`` from a folder and renders it (StrictUndefined: a typo fails loudly)."""

    def __init__(self, prompts_dir: Path | str) -> None:
        self.dir = Path(prompts_dir)
        if not self.dir.is_dir():
            raise PromptError(
                f"Không tìm thấy thư mục lời nhắc {self.dir} (đặt ASSISTANT_PROMPTS_DIR trỏ tới thư mục prompts/)."
            )
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.dir), encoding="utf-8"),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # plain text for a chat model, not HTML
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            auto_reload=True,  # an operator's edit takes effect on the next question
        )
        self.env.filters["data"] = data_filter

    def render(self, name: str, **variables: object) -> str:
        """Render ``<name>.j2``; the result is NFC with collapsed runs of blank lines."""
        variables.setdefault("refusal", REFUSAL)
        try:
            text = self.env.get_template(f"{name}.j2").render(**variables)
        except jinja2.TemplateNotFound:
            raise PromptError(
                f"Thiếu tệp lời nhắc {self.dir / (name + '.j2')} (kiểm tra ASSISTANT_PROMPTS_DIR)."
            ) from None
        except jinja2.TemplateError as e:
            raise PromptError(f"Lỗi trong tệp lời nhắc {name}.j2: {e} (thư mục {self.dir}).") from e
        return re.sub(r"\n{3,}", "\n\n", nfc(text)).strip()

    def check(self) -> None:
        """Fail early (at backend creation) when a template is missing or does not parse."""
        for name in TEMPLATE_NAMES:
            try:
                self.env.get_template(f"{name}.j2")
            except jinja2.TemplateNotFound:
                raise PromptError(
                    f"Thiếu tệp lời nhắc {self.dir / (name + '.j2')} (kiểm tra ASSISTANT_PROMPTS_DIR)."
                ) from None
            except jinja2.TemplateSyntaxError as e:
                raise PromptError(f"Lỗi cú pháp trong {name}.j2 dòng {e.lineno}: {e.message}") from e

    # -- the messages each task sends ---------------------------------------------------------------

    def answer_messages(self, question: str, passages: list[Passage], *, briefing: bool = False) -> tuple[str, str]:
        """(system, user) for answering ``question`` from the numbered ``passages``."""
        user = self.render("briefing" if briefing else "answer", question=question, passages=prompt_passages(passages))
        return self.render("system"), user

    def rewrite_messages(self, question: str, history: list[dict[str, str]]) -> tuple[str, str]:
        """(system, user) for rewriting a follow-up ``question`` into a standalone one."""
        return self.render("rewrite_system"), self.render("rewrite", question=question, history=normalize_history(history))


def normalize_history(history: list[dict[str, str]] | None, max_turns: int = 6, max_chars: int = 600) -> list[dict[str, str]]:
    """History as ``{"role": "user"|"assistant", "content"}`` turns, the latest ``max_turns``, each cut short.

    Accepts chat items (``role``/``content``) and Q&A items (``question``/``answer``).
    """
    turns: list[dict[str, str]] = []
    for item in history or []:
        if "role" in item or "content" in item:
            role = "assistant" if item.get("role") == "assistant" else "user"
            turns.append({"role": role, "content": item.get("content", "")})
        else:
            if item.get("question"):
                turns.append({"role": "user", "content": item["question"]})
            if item.get("answer"):
                turns.append({"role": "assistant", "content": item["answer"]})
    out = []
    for t in turns[-max_turns:]:
        content = nfc(str(t["content"])).strip()
        if len(content) > max_chars:
            content = content[:max_chars].rstrip() + " …"
        if content:
            out.append({"role": t["role"], "content": content})
    return out
