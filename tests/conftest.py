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


def free_port() -> int:
    """A TCP port free on loopback right now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def read_until(conn, needle: bytes) -> bytes:  # type: ignore[no-untyped-def]
    """Read a raw HTTP reply until ``needle`` is in it or the server closes (headers and body may arrive apart)."""
    raw = b""
    while needle not in raw:
        part = conn.recv(4096)
        if not part:
            break
        raw += part
    return raw


def post_chunked_past_limit(host: str, port: int) -> bytes:
    """POST 1.5 MB as Transfer-Encoding: chunked without ever finishing the body; the raw reply."""
    import socket

    with socket.create_connection((host, port), timeout=10) as conn:
        conn.sendall(b"POST /api/ask HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"a" * 65536
        for _ in range(24):
            conn.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
        return read_until(conn, "quá lớn".encode())
