import re
import shutil
from pathlib import Path

import pytest

from assistant.corpus import CorpusError, corpus_hash, load_corpus
from tests.conftest import CORPUS_DIR


def test_manifest_lists_four_plans(docs):
    assert [d.district for d in docs] == ["Kim Động", "Kon Rẫy", "Phụng Hiệp", "Lạc Dương"]
    by = {d.district: d for d in docs}
    assert by["Kim Động"].number == "149-KH/HU" and by["Lạc Dương"].number == "149-KH/HU"
    assert by["Kim Động"].date.isoformat() == "2024-04-12"
    assert by["Kon Rẫy"].date is None  # the plan leaves its date blank
    assert by["Phụng Hiệp"].is_draft


def test_corpus_text_is_the_seed_text_unmodified(docs):
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/seeds not beside the checkout")
    seed_texts = {p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")}
    for d in docs:
        assert (CORPUS_DIR / d.file).read_text(encoding="utf-8") in seed_texts


def _copy_corpus(tmp_path: Path) -> Path:
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, dst)
    return dst


def test_unlisted_file_is_an_error(tmp_path):
    corpus = _copy_corpus(tmp_path)
    (corpus / "extra.txt").write_text("Kế hoạch mới", encoding="utf-8")
    with pytest.raises(CorpusError, match="extra.txt"):
        load_corpus(corpus)


def test_manifest_entry_without_file_is_an_error(tmp_path):
    corpus = _copy_corpus(tmp_path)
    (corpus / "kon-ray_KH-UBND_2024.txt").unlink()
    with pytest.raises(CorpusError, match="kon-ray-2024"):
        load_corpus(corpus)


def test_non_utf8_file_is_an_error(tmp_path):
    corpus = _copy_corpus(tmp_path)
    (corpus / "kon-ray_KH-UBND_2024.txt").write_bytes("Kế hoạch".encode("utf-16"))
    with pytest.raises(CorpusError, match="UTF-8"):
        load_corpus(corpus)


def test_duplicate_id_and_missing_field(tmp_path):
    corpus = _copy_corpus(tmp_path)
    manifest = corpus / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('id = "kon-ray-2024"', 'id = "kim-dong-2024"'), encoding="utf-8")
    with pytest.raises(CorpusError, match="trùng"):
        load_corpus(corpus)
    manifest.write_text(text.replace('district = "Kon Rẫy"\n', ""), encoding="utf-8")
    with pytest.raises(CorpusError, match="district"):
        load_corpus(corpus)


def test_corpus_hash_changes_with_text(tmp_path, docs):
    corpus = _copy_corpus(tmp_path)
    before = corpus_hash(load_corpus(corpus))
    assert before == corpus_hash(docs)
    p = corpus / "phung-hiep_KH-HU_2024_du-thao.txt"
    p.write_text(p.read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8")
    assert corpus_hash(load_corpus(corpus)) != before


def test_manifest_shapes_that_would_load_wrong_are_errors(tmp_path):
    corpus = _copy_corpus(tmp_path)
    manifest = corpus / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    cases = {
        # `documents` as one table instead of a list of tables
        "bảng [[documents]]": "documents = \"x\"\n",
        # a string would become a tuple of its characters
        "implements phải là danh sách": text.replace("implements = [", 'implements = "x"\nignored = [', 1),
        # an id that would reach URLs and HTML as is
        "chỉ được gồm": text.replace('id = "kon-ray-2024"', 'id = "../x <script>"', 1),
        "phải là chuỗi": text.replace('district = "Kon Rẫy"', "district = 5", 1),
    }
    for message, body in cases.items():
        manifest.write_text(body, encoding="utf-8")
        with pytest.raises(CorpusError, match=re.escape(message)):
            load_corpus(corpus)


def test_a_link_out_of_the_corpus_folder_is_refused(tmp_path):
    corpus = _copy_corpus(tmp_path)
    outside = tmp_path / "secret.txt"
    outside.write_text("mật khẩu", encoding="utf-8")
    target = corpus / "kon-ray_KH-UBND_2024.txt"
    target.unlink()
    target.symlink_to(outside)
    with pytest.raises(CorpusError, match="liên kết tới tệp ngoài"):
        load_corpus(corpus)
