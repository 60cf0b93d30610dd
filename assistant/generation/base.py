"""The generator seam: question + retrieved passages → answer text citing passages as [n]."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from assistant.query import QueryAnalysis
from assistant.retrieval import Passage

REFUSAL = "Không tìm thấy thông tin này trong các kế hoạch hiện có."


@dataclass
class Generation:
    """A generator's output. ``cited`` holds 1-based passage numbers, as in the [n] markers."""

    text: str
    cited: list[int]
    refused: bool
    backend: str
    grounded: bool = True
    evidence_score: float = 0.0
    fallback_reason: str | None = None
    guard: dict[str, object] = field(default_factory=dict)
    # Passage number → source spans of the sentences the answer used (highlighted inside the passage).
    spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


@runtime_checkable
class Generator(Protocol):
    """Anything that answers from numbered passages. Implementations: extractive, LLM backends."""

    name: str

    def generate(
        self,
        question: str,
        passages: list[Passage],
        analysis: QueryAnalysis,
        history: list[dict[str, str]] | None = None,
    ) -> Generation: ...

    def stream(
        self,
        question: str,
        passages: list[Passage],
        analysis: QueryAnalysis,
        history: list[dict[str, str]] | None = None,
    ) -> Iterator[str | Generation]:
        """Yield text pieces as they come, then the final :class:`Generation`."""
        ...


def refusal(backend: str, score: float = 0.0, reason: str | None = None) -> Generation:
    return Generation(REFUSAL, [], True, backend, grounded=True, evidence_score=score, fallback_reason=reason)
