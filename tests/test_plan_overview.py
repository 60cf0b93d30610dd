"""The whole-plan overview read off the real plans: basis, general objective, targets, task groups, division of work."""

from __future__ import annotations

from assistant.chunking import chunk_corpus
from assistant.plan.model import build_plan
from assistant.plan.overview import plan_overview


def _overview(doc):
    return {p.name: p for p in plan_overview(build_plan(doc, chunk_corpus([doc])))}


def test_overview_parts_quote_the_plan_at_their_spans(doc_by_district):
    doc = doc_by_district["Lạc Dương"]
    parts = _overview(doc)
    assert list(parts) == ["Căn cứ", "Mục tiêu chung", "Tầm nhìn đến năm 2045", "Chỉ tiêu đến năm 2030",
                           "Nhiệm vụ, giải pháp", "Tổ chức thực hiện"]
    assert parts["Tầm nhìn đến năm 2045"].quotes[0].text.startswith("Hệ thống chính sách xã hội của huyện")
    assert any("78-CTr/TU" in q.text for q in parts["Căn cứ"].quotes)
    assert parts["Nhiệm vụ, giải pháp"].total == 9
    org = parts["Tổ chức thực hiện"]
    # A numbered item hard-wrapped over two lines is quoted whole, not cut at the line end.
    assert org.quotes[0].text.startswith("Các cấp ủy") and "triển khai quán triệt" in org.quotes[0].text
    assert any(q.text.startswith("Ban Tuyên giáo Huyện ủy chủ trì") for q in org.quotes)
    for part in parts.values():
        for q in part.quotes:
            source = " ".join(doc.text[q.start : q.end].split())
            head = q.text.rstrip("…").split(":")[0][:25]
            assert head.split()[0] in source, (part.name, q.text, source[:80])


def test_overview_names_a_body_and_its_first_duty_and_a_closing_item(doc_by_district):
    kr = _overview(doc_by_district["Kon Rẫy"])["Tổ chức thực hiện"]
    assert kr.quotes[0].text.startswith("Phòng Lao động - TB&XH huyện: Chủ trì theo dõi")
    kd = _overview(doc_by_district["Kim Động"])["Tổ chức thực hiện"]
    # "Giao Ban Tuyên giáo Huyện ủy chủ trì …" closes the part without a number: an item too.
    assert kd.total == 4 and kd.quotes[-1].text.startswith("Giao Ban Tuyên giáo Huyện ủy")


def test_a_few_broad_task_groups_are_listed_with_their_sub_sections(doc_by_district):
    tasks = _overview(doc_by_district["Kim Động"])["Nhiệm vụ, giải pháp"]
    assert tasks.total == 3
    # "3. Chính quyền các cấp … chủ động chỉ đạo …" says what it holds: 3.1 … 3.6.
    assert "3.1 Nâng cao năng lực" in tasks.quotes[2].text and "cung cấp dịch vụ xã hội" in tasks.quotes[2].text
    # A vision written on its heading's line ("2.2. Tầm nhìn đến năm 2045: Tiếp tục …") is quoted from there.
    vision = _overview(doc_by_district["Kon Rẫy"])["Tầm nhìn đến năm 2045"]
    assert vision.quotes[0].text.startswith("Tiếp tục triển khai đồng bộ")
