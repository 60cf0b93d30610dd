"""Pydantic request/response models of the API; validation messages are Vietnamese (shown to users)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.text import nfc

# Hard caps that hold whatever the settings say: a request body can never be unbounded.
# The configurable question limit (settings.max_question_chars) is checked in the endpoint.
HARD_MAX_QUESTION = 100_000
MAX_ANSWER_CHARS = 50_000
MAX_COMMENT_CHARS = 2_000
MAX_HISTORY_TURNS = 20
DOC_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,99}$"


class HistoryTurn(BaseModel):
    """One earlier turn of the conversation (the page sends the previous questions and answers)."""

    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"] = Field(description="'user' (câu hỏi) hoặc 'assistant' (câu trả lời)")
    content: str = Field(max_length=MAX_ANSWER_CHARS, description="Nội dung lượt hỏi/đáp")

    @field_validator("content")
    @classmethod
    def _nfc(cls, v: str) -> str:
        return nfc(v)

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


class AskRequest(BaseModel):
    """A question, optionally restricted to one district, with the chat history for follow-ups."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"question": "Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?", "district": "Tất cả"}]
        },
    )

    question: str = Field(max_length=HARD_MAX_QUESTION, description="Câu hỏi (tiếng Việt)")
    district: str | None = Field(None, max_length=100, description="Huyện cần tìm; bỏ trống hoặc 'Tất cả' = mọi huyện")
    history: list[HistoryTurn] = Field(
        default_factory=list, max_length=MAX_HISTORY_TURNS, description="Các lượt hỏi/đáp trước (câu hỏi tiếp nối)"
    )
    backend: str | None = Field(None, max_length=40, pattern=r"^[A-Za-z0-9_.:-]*$", description="Backend trả lời")
    top_k: int | None = Field(None, ge=1, le=50, description="Số đoạn truy xuất (1–50)")
    doc_id: str | None = Field(None, max_length=100, pattern=r"^[A-Za-z0-9_.-]+$", description="Chỉ tìm trong văn bản này")

    @field_validator("question")
    @classmethod
    def _question_nfc(cls, v: str) -> str:
        return nfc(v)

    def history_dicts(self) -> list[dict[str, str]] | None:
        return [t.as_dict() for t in self.history] or None


class Span(BaseModel):
    """Source offsets of a sentence the answer used, inside its cited passage."""

    start: int
    end: int


class Citation(BaseModel):
    """A cited passage: ``text == document.text[start:end]`` of the plan ``doc_id``."""

    n: int
    doc_id: str
    district: str
    breadcrumb: str
    text: str
    start: int
    end: int
    spans: list[Span] = Field(default_factory=list, description="Câu được dùng để trả lời (vị trí ký tự trong văn bản)")
    plan_title: str | None = None
    plan_number: str | None = None
    plan_status: str | None = None
    url: str = Field(description="Trang văn bản đầy đủ với đoạn trích được tô sáng")


class AskResponse(BaseModel):
    """A cited answer (``refused`` when the plans do not contain it)."""

    answer: str
    refused: bool
    grounded: bool
    citations: list[Citation]
    backend: str
    timings_ms: dict[str, float]
    evidence_score: float | None = None
    fallback_reason: str | None = None
    guard: dict[str, Any] | None = None


class DocumentInfo(BaseModel):
    """A plan of the corpus with its manifest metadata."""

    id: str
    file: str
    district: str
    province: str
    issuing_body: str
    number: str | None = None
    date: str | None = None
    year: int | None = None
    title: str
    status: str
    signer: str | None = None
    signer_title: str | None = None
    implements: list[str] = Field(default_factory=list)
    chars: int
    url: str


class Excerpt(BaseModel):
    """A span of a plan with some context either side (for the chat page's passage panel)."""

    document: DocumentInfo
    start: int
    end: int
    before: str
    passage: str
    after: str


class FeedbackRequest(BaseModel):
    """👍/👎 on an answer, with an optional comment."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=HARD_MAX_QUESTION)
    answer: str = Field(max_length=MAX_ANSWER_CHARS)
    helpful: bool
    comment: str | None = Field(None, max_length=MAX_COMMENT_CHARS)
    district: str | None = Field(None, max_length=100)
    backend: str | None = Field(None, max_length=40)
    citations: list[str] = Field(default_factory=list, max_length=50, description="doc_id:start-end của các trích dẫn")

    @field_validator("question", "answer", "comment")
    @classmethod
    def _nfc(cls, v: str | None) -> str | None:
        return nfc(v) if v is not None else None

    @field_validator("question")
    @classmethod
    def _asked(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("Câu hỏi của phản hồi không được để trống.")
        return v

    @field_validator("citations")
    @classmethod
    def _short(cls, v: list[str]) -> list[str]:
        if any(len(c) > 200 for c in v):
            raise ValueError("Mỗi trích dẫn tối đa 200 ký tự.")
        return v


class FeedbackSaved(BaseModel):
    id: int
    message: str = "Đã ghi nhận phản hồi. Cảm ơn bạn!"


class ErrorResponse(BaseModel):
    """Every API error: a Vietnamese message for the user (never a stack trace)."""

    detail: str
    code: str | None = None
    errors: list[dict[str, Any]] | None = None


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    index: dict[str, Any]
    backend: dict[str, Any]
    disk: dict[str, Any] = Field(default_factory=dict)
    answer_cache: dict[str, int] = Field(default_factory=dict)
