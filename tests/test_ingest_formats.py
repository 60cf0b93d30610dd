"""Plans received as Word or PDF: the extracted text is the plan's text and parses into the same sections."""

from __future__ import annotations

import dataclasses
import zipfile

import pytest

from assistant.chunking import chunk_corpus
from assistant.ingest.formats import IngestError, extract_text
from tests.ingest_fixtures import write_docx, write_pdf


def _flat(text: str) -> str:
    return " ".join(text.split())


def _labels(doc) -> list[tuple[str, ...]]:
    return sorted({tuple(c.labels) for c in chunk_corpus([doc])})


@pytest.mark.parametrize("maker", [write_docx, write_pdf], ids=["docx", "pdf"])
def test_every_plan_comes_back_whole_with_its_sections(docs, tmp_path, maker) -> None:
    for doc in docs:
        path = maker(doc.text, tmp_path / f"{doc.id}.{maker.__name__[6:]}")
        got = extract_text(path)
        assert _flat(got.text) == _flat(doc.text), doc.id
        # Headings stay on their own lines: the section parser finds the same outline.
        assert _labels(dataclasses.replace(doc, text=got.text)) == _labels(doc), doc.id


def test_bad_files_are_refused_with_what_to_do(tmp_path, docs) -> None:
    cases = {
        "ke-hoach.doc": (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "chưa hỗ trợ"),
        "hong.docx": (b"PK\x03\x04 not really a zip", "không mở được tệp Word"),
        "hong.pdf": (b"%PDF-1.7\n garbage", "PDF bị hỏng"),
        "trong.txt": (b"   \n\n", "không có chữ"),
        "latin1.txt": ("Kế hoạch".encode("cp1258", errors="replace") + b"\xff\xfe", "UTF-8"),
    }
    for name, (data, expected) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(IngestError, match=expected):
            extract_text(path)
    big = write_docx(docs[0].text, tmp_path / "lon.docx")
    with pytest.raises(IngestError, match="vượt giới hạn"):
        extract_text(big, max_bytes=1000)
    assert zipfile.is_zipfile(big)


def test_a_scan_without_text_layer_says_ocr_is_needed(tmp_path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50)  # a drawing, no text: what a scanned page looks like to a text reader
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(IngestError, match="OCR"):
        extract_text(tmp_path / "scan.pdf")
