"""`assistant add` / `assistant remove` as an official runs them: a Word plan read, written, indexed, asked."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.pipeline import Assistant
from tests.conftest import CORPUS_DIR, REPO_ROOT
from tests.ingest_fixtures import three_plan_corpus, write_docx


@pytest.fixture()
def three_plans(tmp_path, docs, doc_by_district, settings) -> tuple[Path, Path, Path]:
    corpus, index = three_plan_corpus(tmp_path, docs, Path(settings.index_dir))
    docx = write_docx(doc_by_district["Lạc Dương"].text, tmp_path / "KH 149 Lac Duong.docx")
    return corpus, index, docx


def _cli(*argv: str, corpus: Path, index: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSISTANT_CORPUS_DIR": str(corpus), "ASSISTANT_INDEX_DIR": str(index)}
    return subprocess.run([sys.executable, "-m", "assistant", *argv], capture_output=True, text=True, timeout=600,
                          cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL)


def test_add_a_word_plan_then_ask_it_then_remove_it(three_plans) -> None:
    corpus, index, docx = three_plans
    shown = _cli("add", str(docx), corpus=corpus, index=index)
    assert shown.returncode == 0, shown.stderr
    assert "Số hiệu: 149-KH/HU   ← «Số 149 -KH/HU»" in shown.stdout  # what was found, and where
    assert "Chưa ghi" in shown.stdout and not (corpus / "lac-duong-2024.txt").exists()  # no --yes: nothing written

    added = _cli("add", str(docx), "--yes", corpus=corpus, index=index)
    assert added.returncode == 0, added.stderr
    entry = next(e for e in tomllib.loads((corpus / "manifest.toml").read_text())["documents"] if e["id"] == "lac-duong-2024")
    assert (entry["district"], entry["province"], entry["date"]) == ("Lạc Dương", "Lâm Đồng", "2024-04-09")
    assert (corpus / "originals" / "lac-duong-2024.docx").is_file()
    assert "từ 4 văn bản" in added.stdout  # indexed at once (the three others from the embedding cache)

    assistant = Assistant.from_settings(load_settings(corpus_dir=corpus, index_dir=index))
    r = assistant.ask("Kế hoạch của Lạc Dương số mấy, ai ký?")
    assert "149-KH/HU" in r["answer"].replace(" ", "") and r["citations"][0]["doc_id"] == "lac-duong-2024"

    again = _cli("add", str(docx), "--yes", "--no-index", corpus=corpus, index=index)
    assert "Bỏ qua: cùng nội dung với văn bản 'lac-duong-2024'" in again.stdout

    removed = _cli("remove", "lac-duong-2024", "--no-index", corpus=corpus, index=index)
    assert removed.returncode == 0, removed.stderr
    assert (corpus / "removed" / "lac-duong-2024.txt").is_file() and (corpus / "removed" / "lac-duong-2024.docx").is_file()
    assert "lac-duong-2024" not in (corpus / "manifest.toml").read_text()


def test_missing_fields_and_bad_files_leave_the_corpus_as_it_was(three_plans, tmp_path) -> None:
    corpus, index, docx = three_plans
    before = (corpus / "manifest.toml").read_text()
    no_province = tmp_path / "khong-tinh.txt"
    no_province.write_text((CORPUS_DIR / "kon-ray_KH-UBND_2024.txt").read_text().replace("Kon Rẫy", "Sa Thầy"), encoding="utf-8")
    out = _cli("add", str(no_province), "--yes", corpus=corpus, index=index)
    assert out.returncode == 2 and out.stderr.startswith("Lỗi:") and "Tỉnh" in out.stderr and "--set province=" in out.stderr
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a docx")
    out = _cli("add", str(bad), "--yes", corpus=corpus, index=index)
    assert out.returncode == 2 and "không mở được tệp Word" in out.stderr and "Traceback" not in out.stderr
    assert (corpus / "manifest.toml").read_text() == before
    fixed = _cli("add", str(no_province), "--yes", "--no-index", "--set", "province=Kon Tum", corpus=corpus, index=index)
    assert fixed.returncode == 0, fixed.stderr
    assert 'province = "Kon Tum"' in (corpus / "manifest.toml").read_text()
