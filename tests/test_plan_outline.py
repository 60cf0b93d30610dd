"""Section outline and reporting duties of the real plans; the plan model's save/load round trip."""

from __future__ import annotations

from assistant.chunking import chunk_corpus
from assistant.plan.model import PlanBook, build_plan_book
from assistant.plan.outline import build_outline, find_duties


def test_outline_has_full_titles_children_and_points(docs, doc_by_district):
    chunks = chunk_corpus(docs)
    kr = doc_by_district["Kon Rẫy"]
    outline = build_outline(kr, chunks)
    sec = next(s for s in outline if s.label == "3.4")
    kids = [outline[i] for i in sec.children]
    assert [k.label for k in kids] == ["a", "b", "c", "d", "đ", "e"]
    assert kids[4].full_title == "Về nhà ở"
    assert sec.full_title.startswith("Nâng cao phúc lợi xã hội toàn dân") and not sec.full_title.endswith("…")
    assert kr.text[sec.start : sec.heading_end].lstrip().startswith("3.4.")
    # A section without sub-sections lists its bullet points; each point's span starts with its dash.
    targets = next(s for s in outline if s.label == "2.1")
    assert len(targets.points) >= 5 and all(kr.text[a:b].lstrip().startswith("-") for a, b in targets.points)


def test_reporting_duties_have_recipient_channel_and_deadline(doc_by_district):
    kr = doc_by_district["Kon Rẫy"]
    duties = find_duties(kr)
    yearly = next(d for d in duties if "05 tháng 12" in d.text)
    assert yearly.to == "UBND huyện" and yearly.via == "Phòng Lao động - TB&XH"
    assert "trước ngày 05 tháng 12" in kr.text[yearly.start : yearly.end].replace("**", "")
    # A report owed on an occasion, not a date.
    snag = next(d for d in duties if "vướng mắc" in d.text)
    assert snag.to.startswith("Phòng Lao động") and snag.deadline == "nếu có vướng mắc phát sinh"


def test_plan_book_round_trip(tmp_path, docs):
    chunks = chunk_corpus(docs)
    book = build_plan_book(docs, chunks)
    book.save(tmp_path)
    back = PlanBook.load(tmp_path)
    assert [p.doc_id for p in back.plans] == [d.id for d in docs]
    for a, b in zip(book.plans, back.plans, strict=True):
        assert a.to_dict() == b.to_dict()
        assert len(a.targets) > 10 and a.targets == b.targets and a.assignments == b.assignments


def test_outline_of_a_plan_with_moved_pages_follows_its_numbering(docs, doc_by_district):
    from assistant.plan.model import build_plan

    kd = doc_by_district["Kim Động"]
    plan = build_plan(kd, chunk_corpus([kd]))
    tasks = next(s for s in plan.outline if s.label == "III")
    kids = [plan.outline[i] for i in tasks.children]
    assert [k.label for k in kids] == ["1", "2", "3"]
    assert [plan.outline[i].label for i in kids[2].children] == ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6"]
    assert kd.text[tasks.start : tasks.heading_end].lstrip("#* ").startswith("III. NHIỆM VỤ")
    # A position inside III's "1." is in that item, though "3." (spread over the text) spans it too.
    assert plan.section_at(kids[0].heading_end + 5) is kids[0]
    assert [a.label for a in plan.ancestors(plan.sections_labelled("3.4")[0])] == ["III", "3"]


def test_an_unnumbered_part_starts_at_its_own_bullet(doc_by_district):
    # "- Về giáo dục: …" right under "### 3.5 …": the part is headed by its bullet's opening words, not by its
    # parent's heading, and its heading line is its own first point.
    doc = doc_by_district["Kim Động"]
    outline = build_outline(doc, chunk_corpus([doc]))
    parent = next(s for s in outline if s.label == "3.5")
    kids = [outline[i] for i in parent.children]
    assert [k.full_title for k in kids[:2]] == ["Về giáo dục", "Về y tế"]
    for k in kids:
        assert k.start >= parent.heading_end
        assert doc.text[k.start : k.heading_end].lstrip("-* ").startswith(k.full_title)


def test_an_unnumbered_parts_text_starts_after_its_title_on_the_same_line(doc_by_district):
    # Lạc Dương hard-wraps "- Về giáo dục: Tập trung đầu tư, … vùng sâu, vùng\nxa …": the part's text is all of it.
    doc = doc_by_district["Lạc Dương"]
    outline = build_outline(doc, chunk_corpus([doc]))
    edu = next(s for s in outline if s.full_title == "Về giáo dục")
    assert doc.text[edu.heading_end :].startswith("Tập trung đầu tư")


def test_a_paragraph_cut_by_a_page_break_is_not_a_point_of_its_own(docs, doc_by_district):
    kr = doc_by_district["Kon Rẫy"]
    outline = build_outline(kr, chunk_corpus(docs))
    goal = next(s for s in outline if s.full_title.startswith("Mục tiêu tổng quát"))
    # "… tiếp cận các" / (page break) / "dịch vụ xã hội cơ bản. …": one paragraph, not a point opening in lower case.
    assert not any(kr.text[a:b].lstrip()[:1].islower() for a, b in goal.points)
