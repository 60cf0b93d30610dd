import re

import pytest

from assistant.chunking import chunk_document, detect_heading
from assistant.text import collapse_ws


@pytest.fixture(scope="module")
def chunks_by_district(docs):
    return {d.district: chunk_document(d) for d in docs}


def test_detect_heading_levels():
    assert detect_heading("III. NHIỆM VỤ, GIẢI PHÁP; PHÂN CÔNG THỰC HIỆN").level == 1
    assert detect_heading("3.4. Nâng cao phúc lợi xã hội toàn dân").label == "3.4"
    assert detect_heading("đ) *Về nhà ở*: Thực hiện hiệu quả").title == "đ) Về nhà ở"
    assert detect_heading("### ***3.2 Thực hiện nghiêm túc***").label == "3.2"
    assert detect_heading("- Về y tế: Phát triển").title == "Về y tế"
    # Body text that starts with a number is not a heading.
    assert detect_heading("10.000 dân; 95% người dân tham gia bảo hiểm y tế") is None
    assert detect_heading("05%, tỷ lệ thất nghiệp khu vực thành thị") is None


def test_spans_point_at_source_text(docs, chunks_by_district):
    for d in docs:
        for c in chunks_by_district[d.district]:
            assert d.text[c.start : c.end] == c.text
            assert c.text.strip() == c.text


def test_kon_ray_housing_chunk_keeps_its_assignment_line(chunks_by_district):
    housing = [c for c in chunks_by_district["Kon Rẫy"] if c.headings[-1] == "đ) Về nhà ở"]
    assert len(housing) == 1
    c = housing[0]
    assert c.breadcrumb.startswith("Kon Rẫy › III. NHIỆM VỤ, GIẢI PHÁP; PHÂN CÔNG THỰC HIỆN › 3.")
    assert " › 3.4. Nâng cao phúc lợi xã hội" in c.breadcrumb
    assert c.labels == ["III", "3", "3.4", "đ"]
    assert "Phòng Kinh tế - Hạ tầng chủ trì" in c.text


def test_every_kon_ray_assignment_line_shares_a_chunk_with_its_task(docs, chunks_by_district):
    text = next(d.text for d in docs if d.district == "Kon Rẫy")
    lines = [m.start() for m in re.finditer(r"(?m)^\*+\s*Thực hiện:", text)]
    assert len(lines) >= 15
    for pos in lines:
        holder = [c for c in chunks_by_district["Kon Rẫy"] if c.start <= pos < c.end]
        assert len(holder) == 1
        # The chunk starts before the line: the task text is in it too.
        assert holder[0].start < pos


def test_markdown_headings_of_kim_dong(chunks_by_district):
    crumbs = {c.breadcrumb for c in chunks_by_district["Kim Động"]}
    assert "Kim Động › II. MỤC TIÊU › 2. Các chỉ tiêu chủ yếu đến năm 2030" in crumbs
    assert "Kim Động › IV. TỔ CHỨC THỰC HIỆN › 3. Các đồng chí Ủy viên Ban thường vụ Huyện ủy, Ủy viên Ban chấp hành Đảng bộ huyện phụ…" in crumbs
    assert all("**" not in c.breadcrumb and "#" not in c.breadcrumb for c in chunks_by_district["Kim Động"])


def test_topic_bullets_of_phung_hiep_are_subsections(chunks_by_district):
    topics = {c.headings[-1] for c in chunks_by_district["Phụng Hiệp"] if c.labels[:2] == ["III", "6"]}
    assert {"Về giáo dục", "Về y tế", "Về nhà ở", "Về thông tin"} <= topics


def test_lac_duong_hard_wrapped_lines_are_joined(chunks_by_district):
    chunks = chunks_by_district["Lạc Dương"]
    titles = {c.headings[-1] for c in chunks}
    # A heading wrapped over two lines is read whole.
    assert any(t.startswith("4. Phát triển thị trường lao động") and "tạo việc làm" in t for t in titles)
    target = next(c for c in chunks if "2.1" in c.labels)
    assert "Tỷ lệ thất nghiệp chung dưới 05%" in collapse_ws(target.text)
    # No chunk starts in the middle of a wrapped sentence (i.e. with a lower-case continuation).
    starts = [c.text[0] for c in chunks if c.kind == "section"]
    assert all(not ch.islower() for ch in starts)


def test_size_bound_and_breadcrumb_on_every_piece(chunks_by_district):
    for district, chunks in chunks_by_district.items():
        for c in chunks:
            assert len(c.text) <= 1100 * 1.6 + 200, (district, c.breadcrumb, len(c.text))
            assert c.breadcrumb.startswith(district + " › ")
        pieces = [c for c in chunks if c.piece > 0]
        assert pieces, district  # long sections were split …
        for p in pieces:  # … and each piece keeps its section's breadcrumb
            assert any(o.piece == 0 and o.headings == p.headings for o in chunks)


def test_metadata_is_indexed_with_preamble_and_signature(chunks_by_district):
    kim = chunks_by_district["Kim Động"]
    pre = next(c for c in kim if c.kind == "preamble")
    sig = next(c for c in kim if c.kind == "signature")
    for c in (pre, sig):
        assert "149-KH/HU" in c.index_text() and "Nguyễn Chi Hội" in c.index_text()
    assert "Nguyễn Chi Hội" in sig.text  # the signer is in the cited text, not only the metadata
    assert "Huyện Kim Động" in kim[3].index_text()


def test_chunk_ids_are_stable(docs):
    d = docs[1]
    assert [c.id for c in chunk_document(d)] == [c.id for c in chunk_document(d)]


def test_sections_the_pdf_moved_are_put_back_under_their_part(doc_by_district):
    # Kim Động's pages are out of order: III's "2." and "3." (with 3.1) sit inside II, and 3.2–3.6 follow III's "1.".
    chunks = chunk_document(doc_by_district["Kim Động"])
    moved = next(c for c in chunks if "Nâng cao nhận thức về vị trí" in c.headings[-1])
    assert moved.headings[0].startswith("III.") and moved.labels == ["III", "2"]
    social = next(c for c in chunks if c.labels[-1] == "3.4")
    assert social.labels == ["III", "3", "3.4"] and social.headings[1].startswith("3. Chính quyền các cấp")
    vision = next(c for c in chunks if "Tầm nhìn" in c.headings[-1])
    assert vision.labels == ["II", "3"]  # II's own "3." stays in II
    # Spans are untouched: each chunk is still the text at its offsets.
    text = doc_by_district["Kim Động"].text
    assert all(text[c.start : c.end] == c.text for c in chunks)


def test_plans_numbered_in_order_keep_their_paths(doc_by_district):
    for district in ("Kon Rẫy", "Phụng Hiệp", "Lạc Dương"):
        doc = doc_by_district[district]
        parts = [m.start() for m in re.finditer(r"(?m)^[#* ]*[IVX]+\.\s", doc.text)]
        for c in chunk_document(doc):
            if c.kind == "section" and re.fullmatch(r"[IVX]+", c.labels[0]):
                # Every section sits under the last part heading before it in the text.
                before = [p for p in parts if p <= c.start]
                assert doc.text[before[-1] :].lstrip("#* ").startswith(c.labels[0] + "."), (district, c.breadcrumb)
    kr = chunk_document(doc_by_district["Kon Rẫy"])
    assert next(c for c in kr if c.labels[-1:] == ["đ"]).labels == ["III", "3", "3.4", "đ"]
