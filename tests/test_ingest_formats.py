"""Plans received as Word or PDF: the extracted text is the plan's text and parses into the same sections."""

from __future__ import annotations

import dataclasses
import zipfile

import pytest

from assistant.chunking import chunk_corpus
from assistant.ingest.formats import IngestError, extract_text
from tests.ingest_fixtures import printed_text, write_docx, write_pdf, write_scan


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


def test_a_scan_without_ocr_installed_says_what_to_install(tmp_path, monkeypatch) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50)  # a drawing, no text: what a scanned page looks like to a text reader
    pdf.output(str(tmp_path / "scan.pdf"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract, no pdftoppm on this PATH
    with pytest.raises(IngestError, match="tesseract-ocr-vie"):
        extract_text(tmp_path / "scan.pdf")


def _cer(got: str, want: str) -> float:
    import difflib

    a, b = _flat(got), _flat(want)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in ops if op != "equal") / len(b)


def test_a_scanned_plan_is_read_by_ocr_with_its_headings(doc_by_district, tmp_path) -> None:
    doc = doc_by_district["Lạc Dương"]
    scan = write_scan(write_pdf(doc.text, tmp_path / "ld.pdf"), tmp_path / "ld-scan.pdf")
    got = extract_text(scan)
    assert got.kind == "ocr" and got.pages == 9
    assert _cer(got.text, doc.text) <= 0.02
    assert _labels(dataclasses.replace(doc, text=got.text)) == _labels(doc)  # every heading label recovered


def test_an_office_scan_crooked_and_sealed_is_read_straight(doc_by_district, tmp_path) -> None:
    # The paper copy as offices scan it: in colour, pages 1–2.5° crooked, grain, the red seal over the signature.
    # Before pages were straightened Tesseract read such a scan of Lạc Dương with 18 % character errors.
    doc = doc_by_district["Kim Động"]
    lines = doc.text.split("\n")
    text = "\n".join(lines[:40] + lines[-12:])  # the header, parts I–II and the signature block: two pages
    scan = write_scan(write_pdf(text, tmp_path / "kd.pdf", printed=True), tmp_path / "kd-scan.pdf", crooked=True)
    got = extract_text(scan)
    assert got.kind == "ocr" and got.pages == 2
    assert _cer(got.text, printed_text(text)) <= 0.02
    part = dataclasses.replace(doc, text=printed_text(text))
    assert _labels(dataclasses.replace(doc, text=got.text)) == _labels(part)


def test_a_crooked_page_is_turned_straight_and_red_ink_whitened(tmp_path) -> None:
    import numpy as np
    from PIL import Image, ImageDraw

    from assistant.ingest.formats import straighten_page

    page = Image.new("RGB", (1200, 1600), "white")
    draw = ImageDraw.Draw(page)
    for y in range(100, 1500, 40):  # lines of "text": dark bars with gaps, as words on a line are
        for x in range(100, 600, 120):
            draw.rectangle([x, y, x + 90, y + 14], fill=(20, 20, 20))
    draw.ellipse([780, 1100, 1080, 1400], outline=(210, 30, 40), width=12)  # the seal, right of the "text"
    page.rotate(-1.8, resample=Image.BICUBIC, fillcolor="white").save(tmp_path / "crooked.png")
    angle = straighten_page(tmp_path / "crooked.png", tmp_path / "straight.png")
    assert abs(angle - 1.8) <= 0.15
    out = np.asarray(Image.open(tmp_path / "straight.png"))
    assert out.ndim == 2  # grey, as Tesseract reads it
    # No seal left: where it was (turning the page moves it by some 30 px) nothing darker than its pale rim.
    assert out[1050:1450, 740:1150].min() > 150
    # A straight page stays as it is.
    page.save(tmp_path / "straight-in.png")
    assert straighten_page(tmp_path / "straight-in.png", tmp_path / "same.png") == 0.0


def test_a_scan_too_poor_to_read_is_refused(tmp_path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for i in range(40):  # scribbles where text should be
        pdf.line(10 + i * 4, 20, 14 + i * 4, 280 - i * 3)
    pdf.output(str(tmp_path / "text.pdf"))
    noise = write_scan(tmp_path / "text.pdf", tmp_path / "mo.pdf", dpi=40)
    with pytest.raises(IngestError, match="quá mờ|không có chữ"):
        extract_text(noise)


def test_ocr_misreadings_of_plans_are_put_right_and_nothing_else() -> None:
    from assistant.ingest.formats import fix_ocr_misreads

    read = "lV. TỔ CHỨC THỰC HIỆN\n5, Xây dựng hệ thống an sinh xã hội\n- đạt khoảng 30,0m? sàn/người!; 100% hộ"
    assert fix_ocr_misreads(read) == "IV. TỔ CHỨC THỰC HIỆN\n5. Xây dựng hệ thống an sinh xã hội\n- đạt khoảng 30,0m² sàn/người; 100% hộ"
    # Numbers, ordinary commas, Arabic list items and lower-case words stay as read.
    kept = "1. Mục đích\n11. Tổ chức\n2,1 con, trên 5, Không\nÔng l. An\nl. mục tiêu"
    assert fix_ocr_misreads(kept) == kept


def test_a_sentence_cut_by_a_page_break_is_joined_again() -> None:
    from assistant.ingest.formats import join_page_breaks

    read = "- Từng bước đề xuất hoàn thiện hệ thống\n\ncơ sở dữ liệu quốc gia.\n\nThực hiện: Phòng Văn hóa - Thông tin chủ trì."
    assert join_page_breaks(read) == (
        "- Từng bước đề xuất hoàn thiện hệ thống cơ sở dữ liệu quốc gia.\n\nThực hiện: Phòng Văn hóa - Thông tin chủ trì."
    )
    kept = "Câu đã xong.\n\nmột đoạn mới viết thường\n- mục\n- mục khác"
    assert join_page_breaks(kept) == kept
