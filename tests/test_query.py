import pytest

from assistant.query import ASKS_DOCUMENTS, LOCATE, analyze, question_parts, without_lead_frame
from assistant.text import fold

DISTRICTS = ["Kim Động", "Kon Rẫy", "Phụng Hiệp", "Lạc Dương"]
ALIASES = {"Kim Động": ["Hưng Yên"], "Kon Rẫy": ["Kon Tum"], "Phụng Hiệp": ["Hậu Giang"], "Lạc Dương": ["Lâm Đồng"]}


def qa(text: str):
    return analyze(text, DISTRICTS, ALIASES)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?", "assignment"),
        ("ai chu tri nha o kon ray", "assignment"),
        ("Kim Động đặt chỉ tiêu tỷ lệ thất nghiệp đến 2030 là bao nhiêu?", "target"),
        ("Ai ký kế hoạch của Kim Động?", "meta"),
        ("Kế hoạch Lạc Dương ban hành ngày nào?", "meta"),
        ("Mục 3.4 của kế hoạch Kon Rẫy nói về gì?", "section"),
        ("Tiểu mục 2.2 trong kế hoạch của Lạc Dương trình bày điều gì?", "section"),
        ("Kế hoạch Phụng Hiệp cam kết gì với người khuyết tật?", "target"),
    ],
)
def test_intent(question, intent):
    assert qa(question).intent == intent


def test_districts_with_and_without_diacritics_and_provinces():
    assert qa("ai chu tri nha o o kon ray").districts == ["Kon Rẫy"]
    assert qa("Kế hoạch của tỉnh Hậu Giang").districts == ["Phụng Hiệp"]
    assert qa("So sánh Lạc Dương và Kim Động").districts == ["Lạc Dương", "Kim Động"]


def test_section_refs():
    assert qa("Nhiệm vụ số 5 trong phần III kế hoạch Kon Rẫy nói về điều gì?").section_refs == ["5", "iii"]
    assert qa("mục 3.4 kon ray").section_refs == ["3.4"]
    assert qa("tỷ lệ 2,1% ở Kim Động").section_refs == []


def test_meta_fields():
    assert qa("Kế hoạch của Kim Động mang số hiệu gì và ký ngày nào?").meta_fields == ["number", "date"]
    assert qa("Kế hoạch của Phụng Hiệp căn cứ vào chương trình nào?").meta_fields == ["basis"]
    assert qa("Văn bản của Phụng Hiệp là bản chính thức hay dự thảo?").meta_fields == ["status"]
    # "ký ngày bao nhiêu" asks a date, not a figure.
    signed = qa("KH của UBND huyện Kon Rẫy số mấy, ký ngày bao nhiêu vậy?")
    assert signed.intent == "meta" and signed.meta_fields == ["number", "date"]
    assert qa("KH Kim Động triển khai theo nghị quyết nào của Trung ương?").meta_fields == ["basis"]
    # A task's programme, or the programmes continued on one subject, are cited in the body, not the header.
    assert qa("Hỗ trợ nhà ở cho hộ nghèo ở Kim Động thực hiện theo chương trình nào?").meta_fields == []
    body = qa("Về BHXH, Kon Rẫy tiếp tục thực hiện chương trình nào của Huyện ủy (số, ngày)?")
    assert body.asks_document_in_body and body.meta_fields == [] and body.intent != "meta"


@pytest.mark.parametrize(
    ("question", "comparison"),
    [
        ("So sánh chỉ tiêu tỷ lệ thất nghiệp giữa các huyện", True),
        ("Tỷ lệ tham gia bảo hiểm y tế được đặt ra thế nào ở bốn huyện?", True),
        ("Huyện nào đặt mục tiêu tuổi thọ cao nhất?", True),
        ("Chỉ tiêu bảo hiểm y tế của Lạc Dương và Kim Động", True),
        ("UBND huyện Lạc Dương được giao những việc gì khi triển khai kế hoạch này?", False),
        ("Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?", False),
    ],
)
def test_comparison_questions(question, comparison):
    assert qa(question).wants_comparison is comparison


def test_briefing_flag():
    assert qa("Tóm tắt các nhiệm vụ về y tế của Lạc Dương").briefing
    assert not qa("Ai chủ trì nhiệm vụ y tế ở Lạc Dương?").briefing
    # "theo dõi, tổng hợp" is a duty asked about, not a request to summarise.
    assert not qa("Ở Kon Rẫy đơn vị nào đầu mối theo dõi, tổng hợp?").briefing
    assert qa("Tổng hợp các chỉ tiêu y tế của Kon Rẫy").briefing


def test_question_parts_split_only_where_each_side_asks():
    from assistant.query import question_parts

    districts = ["Kim Động", "Kon Rẫy", "Phụng Hiệp", "Lạc Dương"]
    parts = question_parts("Lạc Dương: cơ quan nào chủ trì tổ chức học tập, quán triệt KH; còn ai phải định kỳ sơ kết, "
                           "tổng kết, báo cáo Huyện ủy?", districts)
    assert parts == ["Lạc Dương: cơ quan nào chủ trì tổ chức học tập, quán triệt KH?",
                     "ai phải định kỳ sơ kết, tổng kết, báo cáo Huyện ủy (Lạc Dương)?"]
    for whole in ("Tỷ lệ tham gia BHXH và BHTN của Kim Động?", "Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?"):
        assert question_parts(whole, districts) == [whole]


def test_a_question_of_two_questions_typed_without_diacritics_is_split_too():
    districts = ["Kim Động", "Kon Rẫy", "Phụng Hiệp", "Lạc Dương"]
    parts = question_parts(
        "ubnd cac xa o kon ray phai ban hanh kh trien khai truoc ngay nao, con bao cao hang nam thi gui truoc ngay may",
        districts,
    )
    assert parts == ["ubnd cac xa o kon ray phai ban hanh kh trien khai truoc ngay nao?",
                     "bao cao hang nam thi gui truoc ngay may (kon ray)?"]
    # the district added in the question's spelling: the part still reads as typed without diacritics
    assert not analyze(parts[1], districts).has_diacritics
    # "con" is also "con em" (children): without a comma before it, no break.
    assert question_parts("phung hiep co ho tro con em di du hoc khong", districts) == [
        "phung hiep co ho tro con em di du hoc khong"]


def test_a_lettered_point_after_a_section_number_is_a_reference_too():
    assert qa("Trong mục 3.3 a) về BHXH, KH Kon Rẫy nhắc những văn bản nào?").section_refs == ["3.3", "a"]
    assert qa("Mục 2.1. b) của Lạc Dương nói gì?").section_refs[-1] == "b"


def test_comma_after_a_question_word_starts_another_question():
    parts = question_parts(
        "UBND các xã ở Kon Rẫy phải ban hành KH trước ngày nào, báo cáo hằng năm gửi huyện trước ngày mấy?", ["Kon Rẫy"]
    )
    assert parts == [
        "UBND các xã ở Kon Rẫy phải ban hành KH trước ngày nào?", "báo cáo hằng năm gửi huyện trước ngày mấy (Kon Rẫy)?"
    ]
    # "hạn trước ngày mấy" alone says nothing of what: it continues the question before it.
    one = "kon ray bao cao hang nam cua xa gui ubnd huyen qua phong nao, han truoc ngay may"
    assert question_parts(one, ["Kon Rẫy"]) == [one]


def test_this_section_in_a_later_part_is_the_section_named_first():
    parts = question_parts("Mục 5 của KH Kon Rẫy có nói gì về doanh nghiệp xã hội không? Ai chủ trì mục này?", ["Kon Rẫy"])
    assert parts[1] == "Ai chủ trì Mục 5 (Kon Rẫy)?"


def test_a_piece_that_asks_nothing_is_context_of_the_next_question():
    parts = question_parts(
        "Trong KH Kon Rẫy, ai chủ trì phát triển nhà ở xã hội, còn việc theo dõi thực hiện kế hoạch thì phòng nào lo?",
        ["Kon Rẫy"],
    )
    assert parts == ["Trong KH Kon Rẫy, ai chủ trì phát triển nhà ở xã hội?",
                     "việc theo dõi thực hiện kế hoạch thì phòng nào lo (Kon Rẫy)?"]


def test_two_quantities_joined_by_a_comma_are_two_questions_but_a_follow_up_is_not():
    parts = question_parts("kim dong tuoi tho trung binh bao nhieu, so giuong benh tren van dan la may", ["Kim Động"])
    assert parts == ["kim dong tuoi tho trung binh bao nhieu?", "so giuong benh tren van dan la may (kim dong)?"]
    one = "KH Kim Động do đồng chí nào ký, chức vụ đầy đủ là gì?"
    assert question_parts(one, ["Kim Động"]) == [one]


def test_why_a_trainer_asks_is_not_part_of_what_is_asked():
    a = qa("Tóm tắt các nhiệm vụ về giảm nghèo trong KH Kim Động để em trình bày lại cho cán bộ các xã")
    assert a.briefing and "các xã" not in a.text and "giảm nghèo" in a.text
    b = qa("Cho buổi tập huấn về y tế, tóm tắt chỉ tiêu trong KH Lạc Dương")
    assert "tập huấn" not in b.text and b.text.startswith("y tế")
    # Not a briefing: nothing is dropped.
    assert qa("Ai chủ trì việc tập huấn cho cán bộ các xã ở Kon Rẫy?").text.endswith("Kon Rẫy?")


def test_one_district_and_the_others_asks_every_plan():
    assert qa("Tuổi thọ trung bình Kim Động đặt bao nhiêu, các huyện khác thì sao?").districts == []
    assert qa("Lạc Dương so với huyện khác đặt chỉ tiêu nước sạch thế nào?").wants_comparison
    assert qa("Tuổi thọ trung bình Kim Động đặt bao nhiêu?").districts == ["Kim Động"]


def test_who_looks_after_asks_for_a_lead():
    assert qa("Bên Phụng Hiệp ai lo việc giảm nghèo?").intent == "assignment"


def test_a_document_asked_is_not_a_lead_and_its_number_is_not_the_plans():
    # "văn bản nào" is a document, "văn phòng nào" an office: neither is "ban nào"/"phòng nào" (which body leads).
    assert qa("Kế hoạch Phụng Hiệp về văn hóa theo văn bản nào của huyện?").intent != "assignment"
    cited = qa("Trong mục giáo dục, KH Phụng Hiệp thực hiện chương trình của Huyện ủy số mấy?")
    assert cited.asks_cited_number and "number" not in cited.meta_fields
    own = qa("Kế hoạch Phụng Hiệp số mấy, ngày nào?")
    assert not own.asks_cited_number and "number" in own.meta_fields
    # "NQ 42" is named by its number already: the number asked is the plan's.
    assert not qa("KH thực hiện NQ 42 của Kim Động số mấy, ai ký?").asks_cited_number


def test_each_of_what_the_part_before_names_is_not_a_question_of_its_own():
    one = "Kim Động có mấy việc về nhà ở; mỗi việc ai chủ trì?"
    assert question_parts(one, ["Kim Động"]) == [one]


def test_whether_the_plans_agree_is_a_comparison_not_a_question_about_a_document():
    a = qa("Chỉ tiêu tuổi thọ trong 4 KH có giống nhau ko? KH nào khác?")
    assert a.wants_comparison and a.intent != "meta"
    assert not qa("Mục 2 kế hoạch Lạc Dương gồm những gì?").wants_comparison
    assert not qa("Mục II.2 kế hoạch Lạc Dương gồm những gì?").wants_comparison


def test_the_askers_self_introduction_is_set_aside():
    from assistant.query import without_asker

    districts = ["Kim Động", "Kon Rẫy", "Lạc Dương", "Phụng Hiệp"]
    assert without_asker("Mình làm ở Phòng Dân tộc, tóm lược giúp các nội dung trong KH Lạc Dương về đồng bào DTTS.",
                         districts).startswith("Tóm lược giúp")
    # A district said only in the introduction stays with the question.
    assert without_asker("Tôi là cán bộ xã ở Kim Động, chỉ tiêu nước sạch là bao nhiêu?", districts) == \
        "Chỉ tiêu nước sạch là bao nhiêu? (Kim Động)"
    assert without_asker("Phòng Lao động Kon Rẫy làm gì?", districts) == "Phòng Lao động Kon Rẫy làm gì?"
    # The asker's own group of people is who the question is for: kept, like the district.
    assert without_asker("Mình là người khuyết tật ở Kon Rẫy, muốn vay vốn thì kế hoạch có nói gì không?", districts) == \
        "Muốn vay vốn thì kế hoạch có nói gì không? (người khuyết tật, Kon Rẫy)"
    # The asker's own body, asked about by its kind alone ("phòng phải làm gì"), is the body asked about; a body
    # named only as where the asker works is not.
    assert without_asker("Tôi công tác ở Phòng LĐ-TB&XH Kon Rẫy, phòng phải làm gì trong phần tổ chức thực hiện?",
                         districts) == "Phòng LĐ-TB&XH Kon Rẫy phải làm gì trong phần tổ chức thực hiện? (Kon Rẫy)"
    assert without_asker("Mình làm ở Phòng Dân tộc, đơn vị mình được giao gì ở Lạc Dương?", districts) == \
        "Phòng Dân tộc được giao gì ở Lạc Dương?"
    assert without_asker("Mình là cán bộ UBND xã ở Kon Rẫy, xã phải làm gì theo kế hoạch?", districts) == \
        "UBND xã phải làm gì theo kế hoạch? (Kon Rẫy)"
    assert "Phòng Dân tộc" not in without_asker("Mình làm ở Phòng Dân tộc, Phòng Y tế Lạc Dương làm gì?", districts)


def test_a_yes_no_question_is_a_part_but_a_part_pointing_back_is_not():
    from assistant.query import question_parts

    districts = ["Kim Động", "Kon Rẫy"]
    parts = question_parts("Nhà tạm ở Kim Động thì kế hoạch có tính xóa hết không? Mỗi người được bao nhiêu mét vuông nhà?",
                           districts)
    assert len(parts) == 2 and parts[1].endswith("(Kim Động)?")
    one = "Kon Rẫy có trả trợ cấp qua tài khoản ngân hàng không? Phòng nào lo vụ này?"
    assert question_parts(one, districts) == [one]



def test_a_deadline_cue_typed_as_another_word_is_not_one():
    assert not qa("Kế hoạch nào có hẳn một phần về người cao tuổi?").asks_deadline
    assert qa("Xã có hạn nộp báo cáo không?").asks_deadline
    assert qa("xa co han nop bao cao khong?").asks_deadline  # typed without marks: cannot tell, counts


def test_what_the_asker_is_in_charge_of_is_an_introduction():
    q = qa("Tôi phụ trách buổi tập huấn cho các trạm y tế xã ở Phụng Hiệp. Tóm tắt giúp những điểm chính về y tế.")
    assert q.intent != "assignment" and q.districts == ["Phụng Hiệp"]


def test_sentences_telling_the_askers_situation_are_not_searched():
    from assistant.query import asked_text

    told = "Chi hội mình sắp họp mặt các cụ trong xóm. Kế hoạch Kim Động đặt chỉ tiêu gì cho người cao tuổi?"
    assert asked_text(told) == "Kế hoạch Kim Động đặt chỉ tiêu gì cho người cao tuổi?"
    # The question points back at the situation ("như vầy"): the situation is what is asked about.
    pointed = "Nhà em ở gần sông, năm nào cũng ngập. Huyện có hỗ trợ làm nhà cho những nhà như vầy không?"
    assert asked_text(pointed) == pointed


def test_one_question_asked_of_two_parts_named_alike_is_two_questions():
    parts = question_parts("Trong mảng y tế và mảng nhà ở, Kon Rẫy giao phòng nào chủ trì?", DISTRICTS)
    assert parts == ["Trong mảng y tế, Kon Rẫy giao phòng nào chủ trì?", "Trong mảng nhà ở, Kon Rẫy giao phòng nào chủ trì?"]
    assert len(question_parts("trong phan y te va phan nha o, kon ray giao phong nao chu tri", DISTRICTS)) == 2


def test_besides_one_plan_asks_the_others():
    qa = analyze("Ngoài Lạc Dương ra, những huyện nào đặt chỉ tiêu bác sĩ?", DISTRICTS)
    assert sorted(qa.districts) == sorted(["Kim Động", "Kon Rẫy", "Phụng Hiệp"])
    assert analyze("Ngoài Lạc Dương còn có gì về bác sĩ?", DISTRICTS).districts == ["Lạc Dương"]


def test_a_code_for_people_is_not_the_plans_number():
    assert "number" not in analyze("Kim Động áp dụng mã số gì cho người dân?", DISTRICTS).meta_fields
    assert not analyze("Lạc Dương nói gì về các bộ phận nào của huyện?", DISTRICTS).locate


def test_the_askers_own_case_asked_keeps_the_situation():
    from assistant.query import asked_text

    told = "Ông tôi là thương binh, sống ở Kim Động. Nhà tôi có được hỗ trợ sửa nhà không?"
    assert asked_text(told) == told


def test_the_localities_inside_one_plan_are_not_a_comparison():
    assert not analyze("Kim Động giao ai kiểm tra việc triển khai ở các địa phương?", DISTRICTS).wants_comparison
    assert analyze("Các huyện giao ai kiểm tra việc triển khai?", DISTRICTS).wants_comparison


def test_two_questions_joined_by_and_each_with_its_subject():
    parts = question_parts("Lạc Dương ưu tiên những đối tượng nào khi hỗ trợ học nghề và tổ chức phiên giao dịch việc làm theo hướng gì?",
                           DISTRICTS)
    assert len(parts) == 2 and parts[1].startswith("tổ chức phiên giao dịch việc làm")
    # "y tế và nhà ở": a list inside one question, not two questions.
    assert len(question_parts("Kon Rẫy giao phòng nào chủ trì y tế và nhà ở?", DISTRICTS)) == 1


def test_a_later_part_asking_only_who_carries_what_the_first_names():
    parts = question_parts("Việc tuyên truyền kế hoạch ở Kon Rẫy gồm những gì, và theo hướng dẫn của cơ quan nào?", DISTRICTS)
    assert len(parts) == 2 and "tuyên truyền" in parts[1]


def test_the_askers_district_survives_a_purpose_clause():
    # "… ở Kon Rẫy, cần …, để nói cho hội viên": the district named in the self-introduction is still asked.
    a = qa("Mình là cán bộ Mặt trận ở Kon Rẫy, cần tóm tắt mục 3.2 để nói cho hội viên nghe.")
    assert a.districts == ["Kon Rẫy"] and "3.2" in a.section_refs


def test_how_the_answer_is_laid_out_is_not_asked():
    from assistant.query import without_format

    assert without_format("Tỷ lệ hộ nghèo của các huyện? ghi mỗi huyện một dòng nhé") == "Tỷ lệ hộ nghèo của các huyện?"
    assert without_format("kon ray giao ai lo nha o, tra loi ngan gon thoi") == "kon ray giao ai lo nha o?"
    assert without_format("Mỗi huyện một dòng") == "Mỗi huyện một dòng"  # nothing asked besides: kept
    assert qa("Chỉ tiêu BHYT từng huyện bao nhiêu? liệt kê mỗi huyện 1 dòng").briefing is False


def test_a_district_outside_the_corpus_named_in_the_self_introduction_is_kept():
    a = qa("Mình ở huyện Bảo Lâm, Lâm Đồng. Chỉ tiêu hộ nghèo của huyện mình là bao nhiêu?")
    assert "Bảo Lâm" in a.text


def test_working_for_a_goal_is_not_a_target_asked():
    assert qa("Kon Rẫy hỗ trợ gì cho hợp tác xã hoạt động vì mục tiêu xã hội?").intent != "target"
    assert qa("Mục tiêu tổng quát của Kon Rẫy là gì?").intent == "target"


def test_a_movement_named_by_its_name_asked_is_not_who_leads():
    assert qa("Kon Rẫy phối hợp với Mặt trận đẩy mạnh cuộc vận động tên gì?").intent != "assignment"


def test_a_scene_the_question_points_back_at_is_kept():
    from assistant.query import asked_text

    q = "Cháu tôi bị tự kỷ, ở xã chưa có chỗ nhận giữ. Huyện có tính mở thêm chỗ chăm sóc cho trẻ như cháu không?"
    assert asked_text(q) == q  # "như cháu": the scene is what is asked about
    told = "Xã em sắp tổ chức tư vấn việc làm. Kim Động đặt chỉ tiêu thất nghiệp bao nhiêu?"
    assert asked_text(told) == "Kim Động đặt chỉ tiêu thất nghiệp bao nhiêu?"


def test_the_older_i_spelling_reads_as_the_plans_y():
    from assistant.query import y_spelling

    assert y_spelling("Ai đặt bút kí KH?") == "Ai đặt bút ký KH?" and y_spelling("Quí III") == "Quý III"
    assert "signer" in qa("Ai kí kế hoạch của Kim Động?").meta_fields
    assert "signer" in qa("ai ki ke hoach kim dong").meta_fields


def test_a_situation_told_is_the_task_when_the_question_names_no_topic():
    from assistant.query import asked_text

    q = "Xã em đang tu bổ nghĩa trang liệt sĩ. Theo KH thì đơn vị nào phụ trách, phối hợp với ai?"
    assert asked_text(q) == q  # the asking sentence names no task: the situation is what is asked about
    told = "Xã em sắp tổ chức tư vấn việc làm. Kim Động đặt chỉ tiêu thất nghiệp bao nhiêu?"
    assert asked_text(told) == "Kim Động đặt chỉ tiêu thất nghiệp bao nhiêu?"


def test_what_a_yes_no_question_asks():
    from assistant.query import yes_no_predicate

    q = "Người già ở xã xa có được khám bệnh miễn phí không?"
    start, end = yes_no_predicate(q)
    assert q[start:end] == "khám bệnh miễn phí"
    assert yes_no_predicate("Ai chủ trì việc này?") is None
    assert yes_no_predicate("Ra trường có được ưu tiên gì không?") is None  # what is asked, not whether
    assert yes_no_predicate("Nhà bia xuống cấp. KH có nói sửa sang các công trình này không?") is None  # points back
    unmarked = "nguoi gia o xa xa co duoc kham benh mien phi khong"
    start, end = yes_no_predicate(unmarked)
    assert unmarked[start:end] == "kham benh mien phi"


def test_hang_thang_is_read_in_the_plans_spelling():
    from assistant.query import y_spelling

    assert y_spelling("trợ cấp hằng tháng") == "trợ cấp hàng tháng"
    assert y_spelling("Hằng năm báo cáo") == "Hàng năm báo cáo"
    assert y_spelling("chị Hằng ở xã") == "chị Hằng ở xã"  # a name stays


def test_without_lead_frame_keeps_the_task_words():
    rest = without_lead_frame("Tìm kiếm hài cốt liệt sĩ do cơ quan nào chủ trì, phối hợp với những đơn vị nào?")
    assert "hài cốt liệt sĩ" in rest and "chủ trì" not in rest and "đơn vị" not in rest
    assert without_lead_frame("Ai chủ trì?") == "Ai chủ trì?"  # nothing else to match on: kept whole


def test_letters_listed_to_count_points_are_not_section_references():
    assert analyze("Mục 3.3 KH Kon Rẫy chia mấy điểm a, b, c, mỗi điểm nói về gì?", ["Kon Rẫy"]).section_refs == ["3.3"]
    assert analyze("Mục 3.3 điểm a KH Kon Rẫy nói về gì?", ["Kon Rẫy"]).section_refs == ["3.3", "a"]


def test_a_part_named_nha_o_keeps_its_last_word():
    parts = question_parts("Phụng Hiệp: phần nhà ở và phần y tế ở kế hoạch có những chỉ tiêu nào?", DISTRICTS)
    assert parts[0].startswith("Phụng Hiệp: phần nhà ở ở kế hoạch") and "phần y tế" in parts[1]
    parts = question_parts("Kim Động: mảng giáo dục và mảng nhà ở do ai chủ trì", DISTRICTS)
    assert parts[1] == "Kim Động: mảng nhà ở do ai chủ trì?"


def test_a_programme_named_first_and_by_its_kind_after_is_the_same_programme():
    parts = question_parts("Chiến lược phát triển nhà ở quốc gia được Kim Động nhắc ở đâu? Chiến lược đó có tầm nhìn "
                           "tới năm nào?", DISTRICTS)
    assert parts[1].startswith("Chiến lược phát triển nhà ở quốc gia có tầm nhìn")
    # A kind word that names something else ("chương trình" of another part) is left as written.
    parts = question_parts("Đề án nào được nhắc ở mục y tế của Lạc Dương? Chương trình mục tiêu quốc gia có hạn "
                           "tới năm nào?", DISTRICTS)
    assert parts[1].startswith("Chương trình mục tiêu quốc gia")


def test_where_a_thing_is_mentioned_by_field_is_a_locate_question():
    assert analyze("Chương trình mục tiêu quốc gia giảm nghèo được nhắc tới ở lĩnh vực nào của KH Kim Động?", DISTRICTS).locate
    assert not analyze("Phòng Y tế Kon Rẫy chủ trì ở lĩnh vực nào?", DISTRICTS).locate


def test_the_plans_header_then_a_figure_of_its_body_are_two_questions():
    parts = question_parts("KH của Lạc Dương số mấy, ai ký, và chỉ tiêu tuổi thọ trung bình là bao nhiêu?", DISTRICTS)
    assert parts == ["KH của Lạc Dương số mấy, ai ký?", "chỉ tiêu tuổi thọ trung bình là bao nhiêu (Lạc Dương)?"]
    # The number said, not asked ("cùng số kế hoạch 149"), is no header question.
    assert len(question_parts("Kim Động số mấy, ngày nào?", DISTRICTS)) == 1


def test_which_side_does_what_asked_twice_is_two_questions():
    parts = question_parts("Ở Kim Động, bên nào lo tuyên truyền, bên nào lo giám sát?", DISTRICTS)
    assert len(parts) == 2 and parts[1].startswith("bên nào lo giám sát")


def test_a_district_kept_after_the_question_is_no_part_of_its_own():
    parts = question_parts("Kế hoạch có nói gì về nước sạch không, và phòng nào chủ trì? (Kon Rẫy)", DISTRICTS)
    assert parts == ["Kế hoạch có nói gì về nước sạch không, và phòng nào chủ trì? (Kon Rẫy)"]


def test_what_the_asker_read_in_the_plan_is_not_the_askers_situation():
    from assistant.query import scene_clauses

    _, scene = scene_clauses("Tôi thấy kế hoạch có nhắc đến doanh nghiệp xã hội. Cụ thể là chính sách gì?", sentences_only=True)
    assert scene == []


def test_a_deadline_asked_after_a_lead_is_asked_of_the_same_task():
    from assistant.query import question_parts

    districts = ["Kim Động", "Kon Rẫy", "Lạc Dương", "Phụng Hiệp"]
    assert question_parts("Ở Kon Rẫy phòng nào chủ trì nhiệm vụ nhà ở, hạn hoàn thành là khi nào?", districts) == [
        "Ở Kon Rẫy phòng nào chủ trì nhiệm vụ nhà ở?", "Ở Kon Rẫy nhiệm vụ nhà ở: hạn hoàn thành là khi nào?"]
    # A deadline asked alone, or a lead asked alone, is one question.
    assert len(question_parts("Ở Kon Rẫy nhiệm vụ nhà ở hạn hoàn thành là khi nào?", districts)) == 1


def test_a_section_named_inside_its_part_is_read_part_first():
    a = qa("Kể hết các tiểu mục trong mục 3 phần III của kế hoạch Kim Động")
    assert a.section_refs == ["iii", "3"] and a.intent == "section"
    assert qa("kể tên các tiểu mục của mục 2 thuộc phần III kế hoạch Lạc Dương").intent == "section"


def test_a_told_sentence_with_a_negation_is_the_askers_situation():
    from assistant.query import asked_text, scene_clauses

    q = ("Cháu tôi học giỏi mà nhà không đủ tiền. Tôi thấy kế hoạch Phụng Hiệp có nhắc đến du học sinh. "
         "Cụ thể là chính sách gì?")
    clauses, scene = scene_clauses(q)
    assert scene == [clauses[0]]
    assert asked_text(q).startswith("Tôi thấy kế hoạch")
    # A question that ends in "không" still asks.
    assert scene_clauses("Nhà tôi nghèo. Tôi có được hỗ trợ không.")[1] == []




def test_a_plain_plea_for_help_asks_about_the_situation_told():
    from assistant.query import scene_clauses

    # The asking sentence names no topic of its own ("hỗ trợ gì"): the situation told is what is asked about.
    assert scene_clauses("Em bị khuyết tật, muốn đi học nghề mà không có tiền. Huyện có hỗ trợ gì không ạ?")[1] == []


def test_the_everyday_verb_after_the_body_asked_is_part_of_the_asking():
    # "phòng nào lo", "đơn vị nào làm": what is left is the task, not the verb.
    assert without_lead_frame("Ở Kon Rẫy nhà ở thì phòng nào lo?").split() == ["Ở", "Kon", "Rẫy", "nhà", "ở", "thì", "?"]
    assert "làm" not in without_lead_frame("Việc giảm nghèo ở Lạc Dương đơn vị nào làm?").split()


def test_a_place_in_the_plan_asked_with_words_between():
    for q in ("Bên Kim Động, phần nào trong kế hoạch nói về bảo hiểm y tế?", "Kế hoạch Phụng Hiệp nói về nước sạch ở đâu?",
              "chỗ nào trong KH Lạc Dương đề cập người có công?"):
        assert analyze(q, DISTRICTS).locate, q
    assert not analyze("Người nghèo ở Kon Rẫy được khám bệnh ở đâu?", DISTRICTS).locate  # a place in the world


def test_who_leads_after_a_figure_is_a_part_about_the_figure_s_field():
    from assistant.query import question_parts, split_question

    plans = ["Kim Động", "Kon Rẫy", "Phụng Hiệp", "Lạc Dương"]
    parts = question_parts("Tỷ lệ hộ nghèo ở Kon Rẫy giảm bao nhiêu mỗi năm? Ai chịu trách nhiệm?", plans)
    assert parts == ["Tỷ lệ hộ nghèo ở Kon Rẫy giảm bao nhiêu mỗi năm?", "Ai chịu trách nhiệm (lĩnh vực giảm nghèo) (Kon Rẫy)?"]
    split = split_question("Tỷ lệ hộ nghèo ở Kon Rẫy giảm bao nhiêu mỗi năm? Ai chịu trách nhiệm?", plans)
    assert [p.figure_field for p in split] == ["", "giảm nghèo"]
    parts = question_parts("Phòng Lao động - TB&XH phải gửi báo cáo cho những cơ quan nào, và tham mưu UBND huyện việc gì?", plans)
    assert parts[1].startswith("Phòng Lao động - TB&XH tham mưu UBND huyện việc gì"), parts


def test_two_plans_joined_by_and_are_one_question():
    # "… của Kim Động và Phụng Hiệp khác nhau thế nào": the names are joined, the question is one comparison.
    for q in ("Diện tích nhà ở bình quân của Kim Động và Phụng Hiệp đến 2030 khác nhau ra sao?",
              "ty le ho ngheo Kon Ray va Lac Duong phan dau giam bao nhieu co giong nhau khong"):
        assert question_parts(q, DISTRICTS) == [q]


def test_documents_asked_with_their_number_and_date_are_not_a_header_question():
    q = "Về y tế và giáo dục, KH Phụng Hiệp thực hiện theo nghị quyết, chương trình nào? Cho xin số hiệu, ngày tháng."
    a = analyze(q, DISTRICTS)
    assert a.asks_cited_number and "number" not in a.meta_fields and "date" not in a.meta_fields
    parts = question_parts(q, DISTRICTS)
    assert len(parts) == 2 and "y tế" in parts[0] and "giáo dục" in parts[1], parts


def test_a_body_asked_politely_is_not_a_guess():
    # "ạ" folds to the "à" that closes a guess ("… thì Ban X chủ trì à?"); "phòng nào" asks, it tells nothing.
    assert not analyze("Kon Rẫy giao phòng nào chủ trì giảm nghèo ạ?", districts=DISTRICTS).checks_a_guess
    assert analyze("Kon Rẫy thì Phòng Nội vụ chủ trì giảm nghèo à?", districts=DISTRICTS).checks_a_guess


def test_where_to_look_is_a_place_asked():
    assert LOCATE.search(fold("Muốn xem chuyện nhà ở xã hội thì mở mục nào?"))
    assert LOCATE.search(fold("đọc ở phần nào thì thấy nói về nước sạch"))


def test_a_plan_asked_by_its_shorthand_beside_another_document_is_cited_in_the_body():
    qa = analyze("Về giảm nghèo, Kon Rẫy tiếp tục thực hiện chương trình của Huyện ủy và KH nào?", districts=DISTRICTS)
    assert qa.asks_document_in_body
    assert ASKS_DOCUMENTS.search(fold("thực hiện chương trình của Huyện ủy và KH nào của UBND"))


def test_a_purpose_lead_before_a_colon_is_dropped_keeping_its_district():
    qa = analyze("Chuẩn bị nói chuyện quán triệt ở Kon Rẫy: kế hoạch có mấy phần?", DISTRICTS)
    assert qa.districts == ["Kon Rẫy"] and not fold(qa.text).startswith("chuan bi"), qa.text
    # A lead naming what to summarise is the question itself.
    qa = analyze("Tóm tắt giúp mình phần Tổ chức thực hiện KH Kon Rẫy: ai làm gì?", DISTRICTS)
    assert "Tổ chức thực hiện" in qa.text


def test_the_plan_requiring_something_is_no_part_title():
    qa = analyze("Kế hoạch Kim Động yêu cầu kiện toàn những ban nào?", DISTRICTS)
    assert "yêu cầu" not in qa.text and "kiện toàn" in qa.text
    assert "Yêu cầu" in analyze("Yêu cầu của kế hoạch Lạc Dương gồm những gì?", DISTRICTS).text


def test_letters_listed_are_no_section_refs():
    qa = analyze("Mục 3.3 Kon Rẫy gồm những nội dung a), b), c) nào?", DISTRICTS)
    assert qa.section_refs == ["3.3"], qa.section_refs


def test_the_asker_s_own_case():
    assert analyze("Con tôi bị khuyết tật ở Kim Động, có được hỗ trợ gì không?", DISTRICTS).own_case
    assert not analyze("Kim Động có chính sách gì cho trẻ em khuyết tật?", DISTRICTS).own_case


def test_a_trainer_s_purpose_with_several_kinds_asked_is_a_briefing():
    # No summary verb: a trainer's purpose ("tập huấn", "slide") and two or more of targets, tasks, leads asked.
    assert analyze("Mình làm slide tập huấn cho cán bộ Kim Động: con số về giáo dục đến 2030 và ai chủ trì?",
                   DISTRICTS).briefing
    assert analyze("Tuần sau quán triệt ở Lạc Dương, các chỉ tiêu y tế và việc chính cần làm?", DISTRICTS).briefing
    # One kind asked, or no trainer's purpose: a plain question.
    assert not analyze("Chuẩn bị tập huấn: ai chủ trì mảng y tế ở Kon Rẫy?", DISTRICTS).briefing
    assert not analyze("Kon Rẫy đặt chỉ tiêu y tế nào và ai chủ trì?", DISTRICTS).briefing


def test_the_date_of_a_document_the_plan_cites_is_no_header_date():
    for q in ("Quyết định 12 mà kế hoạch Kim Động nhắc tới ra ngày nào?",
              "Kế hoạch Kon Rẫy dẫn Chỉ thị 37. Chỉ thị ấy ký khi nào?"):
        qa = analyze(q, DISTRICTS)
        assert qa.intent != "meta" and not qa.meta_fields, (q, qa.intent, qa.meta_fields)
    assert "date" in analyze("Kế hoạch 149 của Lạc Dương ban hành ngày nào?", DISTRICTS).meta_fields


def test_a_piece_naming_nothing_of_its_own_goes_on_the_question_before_it():
    # "gửi qua ai" alone says nothing: it joins the report asked before it, the other two parts stay apart.
    q = "Ở Lạc Dương các xã phải xây dựng kế hoạch trước ngày nào, báo cáo định kỳ hạn cuối ngày mấy, gửi qua ai?"
    parts = question_parts(q, DISTRICTS)
    assert len(parts) == 2 and "gửi qua ai" in parts[1] and "trước ngày nào" in parts[0], parts
    folded = question_parts(fold(q), DISTRICTS)
    assert len(folded) == 2 and "gui qua ai" in folded[1], folded


def test_a_cited_document_asked_by_its_kind_then_its_date_is_no_header_date():
    qa = analyze("Phụng Hiệp phát triển thị trường lao động căn cứ vào nghị quyết nào, ký ngày nào vậy?", DISTRICTS)
    assert qa.intent != "meta" and not qa.meta_fields, (qa.intent, qa.meta_fields)
    # What the plan itself implements, asked with its date, is the plan's own reference, not a cited one.
    from assistant.query import asks_cited_document_date
    assert not asks_cited_document_date(fold("KH Lạc Dương thực hiện nghị quyết nào, ban hành ngày nào?"))
    # The plan's own date, asked without a cited kind, stays the header.
    assert "date" in analyze("Kế hoạch của Phụng Hiệp ban hành ngày nào?", DISTRICTS).meta_fields


def test_two_kinds_of_document_listed_with_a_comma_ask_cited_documents():
    assert ASKS_DOCUMENTS.search(fold("Về giảm nghèo có thực hiện tiếp nghị quyết, kế hoạch cũ nào không?"))
    assert ASKS_DOCUMENTS.search(fold("mảng BHXH còn chương trình, đề án nào"))


def test_a_story_holds_the_topic_when_the_asking_sentence_names_only_a_time():
    from assistant.query import asked_text

    q = "Cháu tôi sắp đi xuất khẩu lao động sang Hàn. Huyện có hỗ trợ gì không, thời gian nào?"
    assert "xuất khẩu lao động" in asked_text(q)
    # A topic in the asking sentence: the story is left out of the search.
    q2 = "Cháu tôi học lớp 5. Huyện có hỗ trợ gì về học bổng không?"
    assert "lớp 5" not in asked_text(q2)


def test_a_section_asked_what_it_says_in_detail_is_a_section_question():
    assert analyze("Mục 5 KH Kim Động nói cụ thể gì?", DISTRICTS).intent == "section"
    assert analyze("phần 3 ke hoach Lac Duong ghi chi tiet nhung gi", DISTRICTS).intent == "section"


def test_a_number_and_date_asked_after_a_cited_programme_are_that_programme_s():
    q = "KH Lạc Dương có nhắc chương trình nào của tỉnh về giảm nghèo không? Số, ngày, thực hiện nghị quyết nào?"
    assert len(question_parts(q, DISTRICTS)) == 1
