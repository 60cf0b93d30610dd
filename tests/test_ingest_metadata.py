"""Manifest fields read from the plans' own text, each with its source line; nothing guessed."""

from __future__ import annotations

import tomllib

from assistant.ingest.metadata import detect_metadata, manifest_entry, signer_title
from tests.conftest import REPO_ROOT

FIELDS = ("district", "province", "issuing_body", "number", "date", "year", "status", "signer", "signer_title", "title",
          "implements")
# Fields the manifest holds that the plan's text does not print: given by the operator when the plan was added
# (`assistant add --set province=…`), never detected. Everything else must be detected exactly as the manifest has it.
FROM_OPERATOR = {("kon-ray-2024", "province"), ("kon-ray-2024", "year")}


def test_detection_equals_the_manifest_field_for_field(docs) -> None:
    import json

    manifest = {e["id"]: e for e in tomllib.loads((REPO_ROOT / "corpus" / "manifest.toml").read_text())["documents"]}
    for doc in docs:
        found = detect_metadata(doc.text, doc.file)
        entry = manifest[doc.id]
        for key in FIELDS:
            value = found[key].value
            expected = entry.get(key, "")
            if key == "implements":
                value = json.loads(value) if value else []
            if (doc.id, key) in FROM_OPERATOR:
                assert value == "" and expected, (doc.id, key)  # not in the text: empty, never guessed
                continue
            assert value == (expected if key == "implements" else str(expected)), (doc.id, key, value, expected)
            if value:
                assert found[key].line, (doc.id, key)  # every value shows where it was read


def test_what_the_text_does_not_say_stays_empty(doc_by_district) -> None:
    kon_ray = detect_metadata(doc_by_district["Kon Rẫy"].text)
    assert kon_ray["province"].value == ""  # "Kon Tum" is nowhere in the plan's text
    assert kon_ray["date"].value == "" and kon_ray["date"].blank_in_text  # "ngày tháng năm" left blank
    assert kon_ray["number"].value == "/KH-UBND" and kon_ray["number"].blank_in_text
    draft = detect_metadata(doc_by_district["Phụng Hiệp"].text)
    assert draft["status"].value == "draft" and draft["signer"].value == ""


def test_signature_titles_and_manifest_entry() -> None:
    assert signer_title("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH") == "Phó Chủ tịch (KT. Chủ tịch, TM. Ủy ban nhân dân)"
    entry = manifest_entry("x-2024", "x-2024.txt", {"district": "Lạc Dương", "year": "2024", "title": 'Kế hoạch "A"',
                                                    "implements": '["Nghị quyết số 42-NQ/TW"]', "signer": ""})
    table = tomllib.loads(entry)["documents"][0]
    assert table == {"id": "x-2024", "file": "x-2024.txt", "district": "Lạc Dương", "year": 2024,
                     "title": 'Kế hoạch "A"', "implements": ["Nghị quyết số 42-NQ/TW"]}
