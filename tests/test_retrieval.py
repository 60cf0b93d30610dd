import pytest

from assistant.retrieval import PlanRetriever, UnknownDistrictError

# (question, district, a phrase the right passage holds): one kind of question per line, per district.
KNOWN = [
    ("Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?", "Kon Rẫy", "Phòng Kinh tế - Hạ tầng chủ trì"),
    ("Kim Động đặt chỉ tiêu tỷ lệ thất nghiệp đến 2030 là bao nhiêu?", "Kim Động", "thất nghiệp chung dưới 2,1%"),
    ("Lạc Dương đặt mục tiêu bao nhiêu người dân tham gia bảo hiểm y tế?", "Lạc Dương", "95% người dân tham gia bảo hiểm y tế"),
    ("Phụng Hiệp giao cơ quan nào chủ trì quán triệt nghị quyết?", "Phụng Hiệp", "Ban Tuyên giáo Huyện ủy chủ trì"),
    ("Kế hoạch của Lạc Dương ban hành ngày nào?", "Lạc Dương", "ngày 09 tháng 4 năm 2024"),
    ("Mục 3.4 kế hoạch Kon Rẫy nói về gì?", "Kon Rẫy", "3.4. Nâng cao phúc lợi xã hội"),
]


@pytest.mark.parametrize(("question", "district", "phrase"), KNOWN)
def test_known_questions_find_their_passage(assistant, question, district, phrase):
    passages, analysis = assistant.retrieve(question, top_k=5)
    assert analysis.districts == [district]
    assert all(p.chunk.district == district for p in passages)
    texts = [" ".join(p.chunk.text.split()) for p in passages[:3]]
    assert any(phrase in t for t in texts), [p.chunk.breadcrumb for p in passages]


def test_question_without_diacritics(assistant):
    passages, analysis = assistant.retrieve("ai chu tri nhiem vu nha o o kon ray", top_k=5)
    assert analysis.districts == ["Kon Rẫy"] and not analysis.has_diacritics
    assert passages[0].chunk.headings[-1] == "đ) Về nhà ở"


def test_district_filter_overrides_detection(assistant):
    passages, _ = assistant.retrieve("Ai chủ trì nhiệm vụ nhà ở?", district="kim dong", top_k=5)
    assert {p.chunk.district for p in passages} == {"Kim Động"}


def test_without_district_all_plans_compete(assistant):
    passages, analysis = assistant.retrieve("Chỉ tiêu tuổi thọ trung bình đến năm 2030", top_k=10)
    assert analysis.districts == []
    assert len({p.chunk.district for p in passages}) >= 3


def test_unknown_district_is_rejected(assistant):
    with pytest.raises(UnknownDistrictError, match="Các huyện hiện có"):
        assistant.retrieve("Ai chủ trì nhà ở?", district="Hà Nội")


def test_langchain_retriever_adapter(assistant):
    retriever = PlanRetriever(hybrid=assistant.retriever, top_k=3)
    docs = retriever.invoke("ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy")
    assert len(docs) == 3
    assert docs[0].metadata["district"] == "Kon Rẫy"
    assert "Phòng Kinh tế - Hạ tầng" in docs[0].page_content


def test_work_per_question_is_bounded(assistant, monkeypatch):
    """A 2,000-character question (emoji, combining marks) embeds at most MAX_EMBED_CHARS characters."""
    from assistant.retrieval import MAX_EMBED_CHARS

    seen: list[int] = []
    inner = assistant.retriever.embedder.embed_query
    monkeypatch.setattr(assistant.retriever.embedder, "embed_query", lambda t: seen.append(len(t)) or inner(t))
    long_q = "Ai chủ trì nhà ở ở Kon Rẫy? " + "😀\u0301" * 900
    passages, _ = assistant.retrieve(long_q[:1990])
    assert seen and max(seen) <= MAX_EMBED_CHARS and passages


def test_a_doer_line_without_chu_tri_is_an_assignment_passage(assistant):
    # Kon Rẫy III.1 closes with "Thực hiện: Các phòng, ban …; UBND các xã … theo hướng dẫn của Ban Tuyên giáo Huyện ủy".
    passages, qa = assistant.retrieve("Việc quán triệt kế hoạch ở Kon Rẫy do ai hướng dẫn?")
    assert qa.intent == "assignment"
    assert any("theo hướng dẫn của Ban Tuyên giáo Huyện ủy" in p.chunk.text for p in passages[:3])


def test_a_deadline_asked_finds_the_dated_task(assistant):
    passages, qa = assistant.retrieve("han chot cac xa o kon ray xay dung ke hoach trien khai la ngay nao")
    assert qa.asks_deadline and "15 tháng 8 năm 2024" in passages[0].chunk.text


def test_the_plans_term_for_an_everyday_phrase_finds_its_passage(assistant):
    # "dãy số riêng cho mỗi người" is the plans' "mã số an sinh xã hội"; few other words are shared.
    ps, _ = assistant.retrieve("Kim Động có định cấp cho mỗi người dân một dãy số riêng không?")
    assert any("mã số an sinh xã hội" in p.chunk.text for p in ps[:3])


def test_a_phrase_few_passages_use_finds_them_among_many_other_words(assistant):
    # "du học sinh" is written in one passage of one plan; the rest of the question is about the plan in general.
    ps, _ = assistant.retrieve("Tôi thấy kế hoạch Phụng Hiệp có nhắc đến du học sinh. Cụ thể là chính sách gì, nhằm mục đích gì?")
    assert any("du học sinh" in p.chunk.text for p in ps[:2])


def test_a_district_name_is_no_rare_phrase(assistant):
    # "Phụng Hiệp" is printed in few passages of its plan; it says where, not what is asked.
    ps, _ = assistant.retrieve("Phổ cập mầm non thì Phụng Hiệp tính cho trẻ mấy tuổi, có khác mấy huyện kia ko?")
    best = next(p for p in ps if p.chunk.district == "Phụng Hiệp")
    assert "mầm non" in best.chunk.text
