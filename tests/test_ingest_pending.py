"""Uploads waiting for review are kept on disk: read back after a restart, damaged records set aside."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.ingest.add import commit, prepare
from assistant.ingest.pending import PendingUploads
from tests.ingest_fixtures import three_plan_corpus, write_docx


@pytest.fixture
def place(tmp_path, docs, settings) -> tuple[Path, object, Path]:
    """A three-plan corpus, the Lạc Dương plan to upload, and the uploads folder."""
    corpus, _ = three_plan_corpus(tmp_path, docs, Path(settings.index_dir))
    return corpus, next(d for d in docs if d.district == "Lạc Dương"), tmp_path / "uploads"


def _upload(folder: Path, corpus: Path, doc, name: str) -> tuple[str, object]:
    folder.mkdir(parents=True, exist_ok=True)
    source = write_docx(doc.text, folder / name)
    return name.split("_", 1)[0], prepare(source, corpus)


def test_a_pending_upload_read_back_after_a_restart_is_committed_as_read(place) -> None:
    corpus, lac_duong, folder = place
    before = PendingUploads(folder)
    upload_id, plan = _upload(folder, corpus, lac_duong, "a1b2c3_lac-duong.docx")
    plan.fields["signer"] = "Người sửa tay"  # a correction made before the restart
    before.put(upload_id, plan)

    again = PendingUploads(folder)  # a new process
    [(got_id, got)] = again.items()
    assert got_id == upload_id and got.extracted == plan.extracted and got.fields == plan.fields
    assert got.detected == plan.detected and got.doc_id == plan.doc_id
    taken = again.take(upload_id)
    assert taken is not None and len(again) == 0 and not (folder / f"{upload_id}.json").exists()
    text_file = commit(taken, corpus)
    assert text_file.read_text(encoding="utf-8") == plan.extracted.text
    assert 'signer = "Người sửa tay"' in (corpus / "manifest.toml").read_text(encoding="utf-8")


def test_damaged_records_are_set_aside_and_unfinished_files_removed(place) -> None:
    corpus, lac_duong, folder = place
    before = PendingUploads(folder)
    upload_id, plan = _upload(folder, corpus, lac_duong, "ffff01_lac-duong.docx")
    before.put(upload_id, plan)
    shutil.copy(folder / f"{upload_id}.json", folder / "eeee02.json")
    (folder / "eeee02.json").write_text('{"format": 1, "source": "x"', encoding="utf-8")  # cut short
    (folder / "dddd03_nua-chung.pdf").write_bytes(b"%PDF")  # a file the service never finished reading
    pending = PendingUploads(folder)
    assert [i for i, _ in pending.items()] == [upload_id]
    assert (folder / "eeee02.json.bad").exists()  # kept for the operator, not deleted
    assert not (folder / "dddd03_nua-chung.pdf").exists()


def test_the_oldest_upload_goes_past_the_limit(place) -> None:
    corpus, lac_duong, folder = place
    pending = PendingUploads(folder, limit=2)
    for n in range(3):
        upload_id, plan = _upload(folder, corpus, lac_duong, f"0000{n}_lac-duong.docx")
        pending.put(upload_id, plan)
    assert [i for i, _ in pending.items()] == ["00001", "00002"]
    assert not (folder / "00000_lac-duong.docx").exists() and not (folder / "00000.json").exists()
    assert [i for i, _ in PendingUploads(folder, limit=2).items()] == ["00001", "00002"]
