"""Term statistics written at index time and loaded, not recomputed, at start-up (issue 11 point 5)."""

import dataclasses
import json
import logging
from collections import Counter

from assistant.store import load_index
from assistant.text import syllables
from assistant.textstats import STATS_FILE, TextStats
from assistant.trainers.data import from_documents, from_store


def _same(a: TextStats, b: TextStats) -> None:
    assert a.folded == b.folded
    assert a.term_df == b.term_df and a.bigram_df == b.bigram_df and a.syllable_df == b.syllable_df
    assert a.doc_years == b.doc_years and a.doc_horizons == b.doc_horizons
    assert a.districts == b.districts and a.district_pairs == b.district_pairs and a.n_chunks == b.n_chunks


def test_the_build_writes_the_statistics_and_start_up_loads_them_unchanged(assistant, caplog):
    store = assistant.store
    assert (store.path / STATS_FILE).exists()
    assert STATS_FILE in store.manifest.checksums  # covered by the integrity check like every other file
    with caplog.at_level(logging.INFO, logger="assistant.textstats"):
        loaded = TextStats.load(store.path, store.chunks)
    assert not [r for r in caplog.records if "tính lại" in r.getMessage()]  # read, not recomputed
    _same(loaded, TextStats.from_chunks(store.chunks))
    # The answerers read the loaded statistics.
    assert assistant.generators["extractive"].stats is store.stats


def test_district_pairs_tell_the_districts_apart(assistant):
    stats = assistant.store.stats
    kon_ray = next(c for c in assistant.store.chunks if c.district == "Kon Rẫy" and "chủ trì" in c.text)
    assert stats.district_uses("chu_tri", "Kon Rẫy") and stats.district_uses("chu_tri", "Kim Động")
    assert not stats.district_uses("chu_tri", "Huyện không có")
    pair = next(p for p in sorted(stats.district_pairs) if stats.district_uses(p, "Kon Rẫy")
                and not stats.district_uses(p, "Kim Động") and p.startswith("kon_"))
    assert pair == "kon_ray" and "Kon Rẫy" in kon_ray.district


def test_rare_pairs_are_phrases_few_passages_use_and_the_cap_grows_with_the_index(assistant):
    stats = assistant.store.stats
    asked = syllables("Kế hoạch có nhắc đến du học sinh không, còn chính sách xã hội thì sao?")
    rare = stats.rare_pairs(asked)
    assert "du_hoc" in rare and "hoc_sinh" not in rare  # "học sinh" is in many passages
    assert "chinh_sach" not in rare and "sach_xa" not in rare  # the plans' stock phrases
    # A province with 100× the passages: a pair 10 of them use still names one thing.
    bigger = dataclasses.replace(stats, n_chunks=stats.n_chunks * 100,
                                 bigram_df=Counter({"du_hoc": 10, **{k: v * 100 for k, v in stats.bigram_df.items()
                                                                     if k != "du_hoc"}}))
    assert "du_hoc" in bigger.rare_pairs(asked)


def test_statistics_of_other_code_or_other_chunks_are_recomputed(assistant, tmp_path, caplog):
    store = assistant.store
    data = json.loads((store.path / STATS_FILE).read_text(encoding="utf-8"))
    data["version"] = "older-code"
    data["term_df"] = {"chu": 1}
    (tmp_path / STATS_FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="assistant.textstats"):
        stale = TextStats.load(tmp_path, store.chunks)
    assert any("mã tách từ đã thay đổi" in r.getMessage() for r in caplog.records)
    assert stale.term_df["chu"] > 1
    # Fewer chunks than the statistics were written for: recomputed for these chunks.
    fewer = TextStats.load(store.path, store.chunks[:10])
    assert fewer.n_chunks == 10 and set(fewer.folded) == {c.id for c in store.chunks[:10]}
    # Garbage and a missing file: recomputed, no crash.
    (tmp_path / STATS_FILE).write_text("{not json", encoding="utf-8")
    assert TextStats.load(tmp_path, store.chunks[:3]).n_chunks == 3
    assert TextStats.load(tmp_path / "missing", store.chunks[:3]).n_chunks == 3


def test_trainers_read_the_stored_paragraphs(assistant, docs, settings):
    stored = from_store(load_index(settings.index_dir), settings.corpus_dir, book=assistant.plans)
    fresh = from_documents(docs, list(assistant.store.chunks))
    for a, b in zip(stored.plans, fresh.plans, strict=True):
        assert [(p.start, p.end, p.flat, p.heading, p.role) for p in a.paragraphs] == [
            (p.start, p.end, p.flat, p.heading, p.role) for p in b.paragraphs
        ]
    model = assistant.plans.plan(stored.plans[0].doc.id)
    assert model is not None and model.paragraphs  # written into plan.json at index time
