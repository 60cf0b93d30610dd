"""Shared fixtures: the real corpus and one real index, built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from assistant.config import REPO_ROOT, Settings, load_settings  # noqa: E402
from assistant.corpus import Document, load_corpus  # noqa: E402

CORPUS_DIR = REPO_ROOT / "corpus"
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def docs() -> list[Document]:
    return load_corpus(CORPUS_DIR)


@pytest.fixture(scope="session")
def doc_by_district(docs: list[Document]) -> dict[str, Document]:
    return {d.district: d for d in docs}


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings on the real corpus, with the repo's index folder (built here if missing or stale).

    The repo index is shared with `make run`; builds are atomic, so sharing is safe, and the embedding
    cache makes a rebuild cheap.
    """
    return load_settings(corpus_dir=CORPUS_DIR, index_dir=REPO_ROOT / "index", data_dir=tmp_path_factory.mktemp("var"))


@pytest.fixture(scope="session")
def assistant(settings: Settings):
    from assistant.pipeline import Assistant

    return Assistant.from_settings(settings)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
