"""Answers composed from the plan model, through the real pipeline on the real index."""

from __future__ import annotations

import re

from assistant.corpus import load_corpus
from assistant.generation.base import REFUSAL


def _spans_text(assistant, result):
    docs = {d.id: d for d in load_corpus(assistant.settings.corpus_dir)}
    return [docs[c["doc_id"]].text[s["start"] : s["end"]] for c in result["citations"] for s in c["spans"]]


def test_number_date_and_signer_in_one_answer(assistant):
    r = assistant.ask("KH của Kim Động số mấy, ban hành ngày nào và ai ký?")
    assert not r["refused"]
    for part in ("149-KH/HU", "ngày 12 tháng 4 năm 2024", "Nguyễn Chi Hội", "PHÓ BÍ THƯ THƯỜNG TRỰC"):
        assert part in r["answer"], r["answer"]
    quoted = " ".join(_spans_text(assistant, r))
    assert "149-KH/HU" in quoted and "Nguyễn Chi Hội" in quoted  # every fact highlighted at its line


def test_blank_fields_are_said_blank(assistant):
    r = assistant.ask("Kế hoạch Kon Rẫy số mấy, ngày nào?")
    assert r["refused"] and r["answer"].startswith(REFUSAL)
    assert "(chưa ghi)" in r["answer"] and "Số: /KH-UBND" in r["answer"]
    assert r["citations"] and r["citations"][0]["breadcrumb"] == "Kon Rẫy › Phần mở đầu"
    # "ký ngày bao nhiêu" in chat wording asks the same blank date, not a figure.
    chat = assistant.ask("KH của UBND huyện Kon Rẫy số mấy, ký ngày bao nhiêu vậy ạ?")
    assert chat["refused"] and "ngày ban hành: (chưa ghi)" in chat["answer"] and "%" not in chat["answer"]


def test_recipients_list_and_one_line_per_plan(assistant):
    r = assistant.ask("nơi nhận của kế hoạch Lạc Dương gồm những ai?")
    assert "Đồng chí Phạm Thị Phúc" in r["answer"] and "Trang Thông tin điện tử huyện" in r["answer"]
    cross = assistant.ask("Mỗi kế hoạch thực hiện văn bản cấp trên nào?")
    lines = cross["answer"].splitlines()
    assert len(lines) == 4 and "253-KH/TU" in lines[0] and "78-CTr/TU" in lines[3]
    assert len(cross["citations"]) == 4


def test_earliest_plan(assistant):
    r = assistant.ask("Kế hoạch nào ban hành sớm nhất?")
    assert r["answer"].splitlines()[0].startswith("- Ban hành sớm nhất") and "Lạc Dương (09/04/2024)" in r["answer"]


def test_section_lists_every_item_by_number_or_by_title(assistant):
    r = assistant.ask("Mục 3.4 của Kon Rẫy gồm những nội dung nào?")
    for item in ("Về giáo dục", "Về y tế", "Về phát triển văn hóa", "Về thông tin", "Về nhà ở", "Về nước sạch"):
        assert item in r["answer"]
    assert "gồm 6 nội dung" in r["answer"]
    by_title = assistant.ask("Phần tầm nhìn đến năm 2045 của Lạc Dương viết gì?")
    assert by_title["answer"].startswith("Mục 2.2. Tầm nhìn đến năm 2045")
    assert "phát triển toàn diện, bền vững" in by_title["answer"]


def test_section_listing_quotes_each_point_whole_and_who_carries_it_out(assistant):
    r = assistant.ask("Mục 5 KH Kon Rẫy về bố trí ngân sách và huy động nguồn lực gồm những giải pháp nào?")
    assert "hợp tác công - tư" in r["answer"]  # the second sentence of point (1), not only its first
    who = assistant.ask("Mục 6 KH Kon Rẫy về phối hợp với Mặt trận, đoàn thể gồm những việc gì, ai thực hiện?")
    assert "Làm thay đổi nếp nghĩ" in who["answer"]
    assert who["answer"].count("Thực hiện: Các phòng, ban chuyên môn thuộc huyện") == 1
    # A long title named whole is a section even without "mục/phần".
    vision = assistant.ask("Tầm nhìn đến 2045 trong KH Kim Động viết gì?")
    assert vision["answer"].startswith("Mục 3. Tầm nhìn đến năm 2045") and "an sinh và phúc lợi xã hội" in vision["answer"]


def test_several_targets_in_one_question(assistant):
    r = assistant.ask("Kim Động: chỉ tiêu số giường bệnh, bác sĩ, dược sĩ và điều dưỡng trên 10.000 dân đến 2030?")
    for part in ("20,8 giường bệnh viện", "5,2 bác sĩ", "2,3 dược sĩ", "11,6 điều dưỡng viên"):
        assert part in r["answer"]


def test_one_indicator_set_per_scope_gives_every_scope_unless_one_is_named(assistant):
    r = assistant.ask("Diện tích nhà ở bình quân của Kon Rẫy đến 2030 là bao nhiêu, đô thị và nông thôn?")
    for part in ("30,0m²", "32,0m²", "27,8m²"):
        assert part in r["answer"], r["answer"]
    rural = assistant.ask("Diện tích nhà ở bình quân ở nông thôn của Kon Rẫy đến 2030 là bao nhiêu?")
    assert "27,8m²" in rural["answer"] and "32,0m²" not in rural["answer"]


def test_indicator_set_by_another_plan_only_is_refused_with_that_plan_cited(assistant):
    r = assistant.ask("Kon Rẫy đặt mục tiêu số năm sống khỏe của người dân là bao nhiêu?")
    assert r["refused"] and r["guard"] == {"refusal": "indicator_not_set"}
    assert "không đặt chỉ tiêu về «số năm sống khỏe»" in r["answer"] and "Kim Động" in r["answer"]
    assert r["citations"][0]["doc_id"].startswith("kim-dong")
    assert "68 năm" in " ".join(_spans_text(assistant, r))
    # The same indicator asked of a plan that sets it is answered.
    assert not assistant.ask("Kim Động đặt mục tiêu số năm sống khỏe là bao nhiêu?")["refused"]


def test_deadline_questions_get_a_task_date_or_a_reason(assistant):
    set_ = assistant.ask("han chot cac xa thi tran o kon ray ban hanh ke hoach trien khai la ngay nao")
    assert not set_["refused"] and "15 tháng 8 năm 2024" in set_["answer"]
    # A date of a document the plan cites is not a deadline; a duty "định kỳ" has no date.
    none = assistant.ask("Lạc Dương yêu cầu các xã, thị trấn phải ban hành kế hoạch thực hiện trước ngày nào?")
    assert none["refused"] and "78-CTr/TU" not in none["answer"]
    duty = assistant.ask("UBND các xã ở Kim Động phải gửi báo cáo kết quả thực hiện trước ngày nào hằng năm?")
    assert duty["refused"] and "không nêu hạn nộp báo cáo" in duty["answer"] and duty["citations"]


def test_plans_found_by_their_number_and_recipients_asked_in_plain_words(assistant):
    r = assistant.ask("Số 149-KH/HU là KH của huyện nào vậy?")
    assert "Kim Động" in r["answer"] and "Lạc Dương" in r["answer"] and "09 tháng 4 năm 2024" in r["answer"]
    sent = assistant.ask("KH Kon Rẫy gửi ai để báo cáo, gửi ai để phối hợp?")
    assert "nơi nhận để báo cáo: Sở Lao động - TB&XH" in sent["answer"] and "nơi nhận để phối hợp: Ủy ban MTTQ Việt Nam" in sent["answer"]
    # A report sent somewhere is a reporting duty, not the plan's list of recipients.
    duty = assistant.ask("Phòng LĐ-TB&XH Kon Rẫy định kỳ tổng hợp báo cáo kết quả thực hiện KH gửi những nơi nào?")
    assert "nơi nhận" not in duty["answer"] and "Sở Lao động - Thương binh và Xã hội" in duty["answer"]


def test_one_indicator_across_plans_is_one_line_per_plan(assistant):
    r = assistant.ask("So sánh chỉ tiêu tuổi thọ trung bình đến 2030 của các huyện")
    lines = r["answer"].splitlines()
    assert lines[0] == "Chỉ tiêu đến năm 2030 theo từng kế hoạch:" and len(lines) == 5
    assert "Kim Động" in lines[1] and "75,5 tuổi" in lines[1] and "Kon Rẫy" in lines[2] and "70 tuổi" in lines[2]
    assert len(r["citations"]) == 4


def test_a_task_without_a_named_lead_is_refused_saying_so(assistant):
    r = assistant.ask("Ở Phụng Hiệp phòng nào chủ trì việc phát triển nhà ở xã hội vậy?")
    assert r["refused"] and r["guard"] == {"refusal": "lead_not_named"}
    assert "không giao cơ quan chủ trì" in r["answer"] and "nhà ở xã hội" in r["answer"] and r["citations"]
    named = assistant.ask("Ở Kon Rẫy phòng nào chủ trì nhiệm vụ nhà ở?")
    assert not named["refused"] and "Phòng Kinh tế - Hạ tầng" in named["answer"]


def test_reporting_duty(assistant):
    r = assistant.ask("UBND các xã ở Kon Rẫy gửi báo cáo hằng năm về đâu, trước ngày nào?")
    assert "trước ngày 05 tháng 12" in r["answer"] and "Phòng Lao động - TB&XH" in r["answer"]


def test_refusals_say_why(assistant):
    other = assistant.ask("Huyện Ân Thi đặt chỉ tiêu bảo hiểm y tế bao nhiêu?")
    assert other["refused"] and "Ân Thi" in other["answer"] and "Kim Động (Hưng Yên)" in other["answer"]
    province = assistant.ask("Huyện Đăk Hà tỉnh Kon Tum giao phòng nào chủ trì nhà ở xã hội?")
    assert province["refused"], "a province in the corpus does not make its other districts' plans"
    # The same kind typed in lower case without diacritics: the country's list of districts recognises it.
    plain = assistant.ask("ben huyen don duong lam dong ai chu tri viec giam ngheo")
    assert plain["refused"] and "Đơn Dương (Lâm Đồng)" in plain["answer"] and "Lạc Dương (Lâm Đồng)" in plain["answer"]
    year = assistant.ask("Chỉ tiêu tỷ lệ tham gia bảo hiểm y tế năm 2025 của Lạc Dương là bao nhiêu?")
    assert year["refused"] and "2025" in year["answer"] and "2030" in year["answer"] and year["citations"]
    figure = assistant.ask("Kon Rẫy đặt mức giảm tỷ lệ hộ nghèo mỗi năm là bao nhiêu phần trăm?")
    assert figure["refused"] and "hộ nghèo" in figure["answer"]
    unnamed = assistant.ask("Họ tên đồng chí Phó Bí thư ký kế hoạch của Lạc Dương là gì?")
    assert unnamed["refused"] and "không ghi họ tên" in unnamed["answer"]


def test_district_chosen_in_the_page_scopes_the_question(assistant):
    r = assistant.ask("Kế hoạch số mấy, ai ký?", district="Kon Rẫy")
    assert "Đinh Thị Hồng Thu" in r["answer"] and "Nguyễn Chi Hội" not in r["answer"]


def test_question_about_something_inside_a_named_section(assistant):
    r = assistant.ask("Mục 5 của KH Kon Rẫy có nói gì về doanh nghiệp xã hội?")
    assert r["answer"].startswith("Mục 5.") and "Khuyến khích việc thành lập các doanh nghiệp xã hội" in r["answer"]
    deadlines = assistant.ask("Phần tổ chức thực hiện của KH Kon Rẫy giao UBND các xã, thị trấn những hạn chót nào?")
    assert "trước ngày 15 tháng 8 năm 2024" in deadlines["answer"] and "trước ngày 05 tháng 12" in deadlines["answer"]
    # Asking for the structure still lists the sub-sections.
    listing = assistant.ask("Tiểu mục 3.4 trong KH Kon Rẫy chia thành những lĩnh vực nào?")
    assert "gồm 6 nội dung" in listing["answer"]


def test_a_question_of_two_questions_gets_both_answers(assistant):
    r = assistant.ask("Lạc Dương: cơ quan nào chủ trì tổ chức học tập, quán triệt KH; còn ai phải định kỳ sơ kết, "
                      "tổng kết, báo cáo Huyện ủy?")
    assert "Ban Tuyên giáo Huyện ủy chủ trì" in r["answer"] and "Ủy ban nhân dân huyện" in r["answer"]
    assert len(r["citations"]) == 2 and all(c["district"] == "Lạc Dương" for c in r["citations"])
    streamed = list(assistant.ask_stream("Lạc Dương: cơ quan nào chủ trì tổ chức học tập, quán triệt KH; còn ai phải "
                                         "định kỳ sơ kết, tổng kết, báo cáo Huyện ủy?"))
    assert streamed[-1]["answer"] == r["answer"]


def test_refusal_names_the_unnamed_body_and_bodies_are_not_districts(assistant):
    r = assistant.ask("Phòng Tư pháp Kim Động chủ trì nhiệm vụ nào về nhà ở?")
    assert r["refused"] and "không nêu tên «Phòng Tư pháp»" in r["answer"]
    own = assistant.ask("Huyện Ủy Lạc Dương ban hành kế hoạch ngày nào?")
    assert not own["refused"] and "09 tháng 4 năm 2024" in own["answer"]


def test_summary_of_a_part_named_by_number_lists_its_sections(assistant):
    r = assistant.ask("Tóm tắt phần IV của kế hoạch Lạc Dương")
    assert not r["refused"]
    assert r["answer"].startswith("Mục IV. TỔ CHỨC THỰC HIỆN") and "gồm 5 nội dung" in r["answer"], r["answer"]
    assert "Ban Tuyên giáo Huyện ủy" in r["answer"]


def test_roman_dot_number_reference_is_the_numbered_section_inside(assistant):
    r = assistant.ask("Mục II.2 kế hoạch Lạc Dương gồm những gì?")
    assert r["answer"].startswith("Mục 2. Chỉ tiêu cụ thể"), r["answer"]
    assert "2.1. Một số chỉ tiêu chủ yếu đến năm 2030" in r["answer"]


def test_summary_of_parts_named_by_title(assistant):
    r = assistant.ask("tom giup muc tieu chung cua ke hoach Lac Duong")
    assert r["answer"].startswith("Mục 1. Mục tiêu chung"), r["answer"]
    assert "bền vững, tiến bộ và công bằng" in r["answer"]
    both = assistant.ask("Tóm tắt mục tiêu tổng quát và tầm nhìn 2045 của dự thảo Phụng Hiệp")
    assert "Mục 1. Mục tiêu tổng quát" in both["answer"] and "Mục 3. Tầm nhìn đến năm 2045" in both["answer"], both["answer"]
    # A field named by its title stays with the briefing (targets and tasks), not the outline.
    field = assistant.ask("Tóm tắt chỉ tiêu và nhiệm vụ về giáo dục của Kim Động")
    assert "70% học sinh tốt nghiệp THCS" in field["answer"], field["answer"]


def test_plain_ngay_nao_next_to_a_number_asks_the_issue_date(assistant):
    r = assistant.ask("Kế hoạch Lạc Dương số mấy, ngày nào, cơ quan nào ban hành?")
    for part in ("149 -KH/HU", "09 tháng 4 năm 2024", "Huyện ủy Lạc Dương"):
        assert part in r["answer"], r["answer"]
    # A deadline is not the issue date.
    d = assistant.ask("UBND các xã ở Kon Rẫy phải ban hành KH triển khai trước ngày nào?")
    assert "15 tháng 8 năm 2024" in d["answer"], d["answer"]


def test_body_short_name_and_its_tasks_by_section(assistant):
    r = assistant.ask("Phòng LĐTBXH Kon Rẫy được giao những việc gì?")
    assert not r["refused"]
    lines = r["answer"].splitlines()
    assert lines[0].startswith("Phòng Lao động - TB&XH được giao 10 việc"), lines[0]
    # Each "Thực hiện: … chủ trì" line is named by the block of tasks it ends, with its partners.
    assert any("3.1. Thực hiện chính sách ưu đãi người có công với cách mạng" in ln and "BCH Quân sự huyện" in ln for ln in lines)
    assert all(re.search(r"\[\d+\]$", ln) for ln in lines[1:]), lines
    scoped = assistant.ask("Phòng LĐTBXH Kon Rẫy có trách nhiệm gì trong phần tổ chức thực hiện?")
    # Named part: the body's own section there, both its points (the report's recipients and the plan it follows).
    assert "có 2 ý" in scoped["answer"] and "theo dõi, hướng dẫn, đôn đốc" in scoped["answer"], scoped["answer"]
    assert "Sở Lao động - Thương binh và Xã hội" in scoped["answer"] and "193-KH/HU" in scoped["answer"]


def test_field_question_is_not_the_part_with_a_generic_title(assistant):
    # "mục tiêu … về nước sạch" names a field; the part titled "Mục tiêu" is not what is asked.
    r = assistant.ask("Tóm tắt mục tiêu và giải pháp về nước sạch, vệ sinh môi trường của Kon Rẫy")
    assert not r["answer"].startswith("Mục II"), r["answer"]
    assert "nước sạch" in r["answer"]


def test_two_indicators_one_named_by_its_short_name(assistant):
    r = assistant.ask("Kon Rẫy đặt chỉ tiêu BHYT và lương hưu đến 2030 ra sao?")
    assert "Trên 95% dân số tham gia bảo hiểm y tế" in r["answer"], r["answer"]
    assert "50% số người hết tuổi lao động được hưởng lương hưu" in r["answer"]
    three = assistant.ask("kim dong chi tieu nuoc sach voi thu gom, xu ly nuoc thai sinh hoat the nao")
    for part in ("100% số hộ gia đình", "Trên 50%", "Trên 30%"):
        assert part in three["answer"], three["answer"]
    # "đầy đủ" says how well, not which indicator: no vaccination figure in a broadcasting answer.
    tv = assistant.ask("Kon Rẫy có mục tiêu cho bà con vùng sâu xem tivi, nghe đài đầy đủ và chỉ tiêu đó là bao nhiêu?")
    assert "tiêm chủng" not in tv["answer"], tv["answer"]


def test_block_named_by_its_title_is_led_by_its_closing_line(assistant):
    r = assistant.ask("Ở Kon Rẫy, phòng nào chủ trì thực hiện chính sách ưu đãi người có công?")
    assert r["answer"].startswith("3.1. Thực hiện chính sách ưu đãi người có công với cách mạng"), r["answer"]
    assert "Phòng Lao động - TB&XH chủ trì, phối hợp với BCH Quân sự huyện" in r["answer"]
    # A title shared only by a syllable ("già hóa" / "văn hóa") is not named.
    other = assistant.ask("Chính sách dân số, thích ứng già hóa dân số ở Kon Rẫy do cơ quan nào chủ trì?")
    assert "Văn phòng HĐND&UBND huyện (lĩnh vực Y tế) chủ trì" in other["answer"], other["answer"]


def test_a_support_rate_never_stated_is_refused_with_the_plans_support_sentence(assistant):
    r = assistant.ask("Dự thảo Phụng Hiệp: nhà nước hỗ trợ mấy phần trăm mức đóng bảo hiểm xã hội tự nguyện?")
    assert r["refused"] and "không nêu mức hỗ trợ cụ thể" in r["answer"]
    assert "hỗ trợ một phần từ ngân sách nhà nước" in r["answer"] and r["citations"][0]["spans"]
    # A participation rate is a target, not a support rate: answered.
    assert not assistant.ask("Phụng Hiệp đặt bao nhiêu phần trăm lao động tham gia bảo hiểm xã hội?")["refused"]


def test_sum_of_money_never_stated_is_refused_with_what_the_plan_says(assistant):
    r = assistant.ask("Huyện Lạc Dương dành bao nhiêu tiền cho chính sách người có công?")
    assert r["refused"] and r["answer"].startswith(REFUSAL)
    assert "không nêu số tiền cụ thể" in r["answer"]
    every = assistant.ask("Tỉnh cấp cho mỗi huyện bao nhiêu tiền để làm các kế hoạch này?")
    assert every["refused"] and "Kim Động, Kon Rẫy, Phụng Hiệp, Lạc Dương" in every["answer"], every["answer"]


def test_documents_of_the_province_each_plan_implements(assistant):
    r = assistant.ask("Kế hoạch của từng huyện triển khai văn bản cấp tỉnh nào?")
    for number in ("253-KH/TU", "81-CTr/TU", "225-CTr/TU", "78-CTr/TU"):
        assert number in r["answer"], r["answer"]


def test_role_of_a_body_in_blocks_and_in_the_implementation_part(assistant):
    r = assistant.ask("Vai trò của Phòng LĐ-TB&XH Kon Rẫy: chủ trì những mảng nào, và phần tổ chức thực hiện giao gì?")
    assert "3.1. Thực hiện chính sách ưu đãi người có công với cách mạng" in r["answer"], r["answer"]
    assert "theo dõi, hướng dẫn, đôn đốc" in r["answer"]


def test_insurance_question_is_not_also_a_health_question(assistant):
    r = assistant.ask("Ở Kon Rẫy, đơn vị nào chủ trì xử lý gian lận bảo hiểm xã hội, bảo hiểm y tế, phối hợp với ai?")
    assert "Bảo hiểm xã hội huyện chủ trì" in r["answer"], r["answer"]
    assert "Trung tâm Y tế huyện chủ trì" not in r["answer"]


def test_briefing_on_several_fields_gives_each_field_its_share(assistant):
    r = assistant.ask("Tóm tắt các chỉ tiêu 2030 của Kim Động về lao động, y tế, nhà ở để đưa lên slide")
    assert "dưới 2,1%" in r["answer"] and "75,5 tuổi" in r["answer"]
    assert "31,7m² sàn/người" in r["answer"], r["answer"]  # housing is not crowded out by the health targets


def test_who_leads_a_task_in_every_plan_one_line_each(assistant):
    r = assistant.ask("Từng huyện giao ai chủ trì tuyên truyền, quán triệt Nghị quyết 42?")
    lines = r["answer"].splitlines()
    assert [ln.split(":")[0] for ln in lines] == ["- Kim Động", "- Kon Rẫy", "- Phụng Hiệp", "- Lạc Dương"], lines
    assert "Ban Tuyên giáo Huyện ủy" in lines[0] and "Ban Tuyên giáo Huyện ủy" in lines[3]
    assert all(re.search(r"\[\d+\]\.$", ln) for ln in lines)


def test_recipients_asked_in_plain_words(assistant):
    r = assistant.ask("Kế hoạch của Lạc Dương có gửi lên tỉnh không, gửi ai?")
    assert "nơi nhận" in r["answer"] and "Đồng chí Phạm Thị Phúc" in r["answer"]


def test_last_and_first_section_of_a_part_named_by_its_title(assistant):
    last = assistant.ask("Trong KH Lạc Dương, mục cuối cùng của phần nhiệm vụ và giải pháp là gì?")
    assert last["answer"].startswith("Mục cuối cùng của phần III."), last["answer"]
    assert "Phần này có" in last["answer"] and last["citations"]
    first = assistant.ask("Mục đầu tiên trong phần tổ chức thực hiện của Kim Động nói về gì?")
    assert first["answer"].startswith("Mục đầu tiên của phần IV. TỔ CHỨC THỰC HIỆN"), first["answer"]


def test_number_of_a_document_cited_under_a_topic(assistant):
    r = assistant.ask("Về văn hóa thì KH Phụng Hiệp dẫn chương trình số mấy?")
    assert not r["refused"] and "201-CTr/HU" in r["answer"], r["answer"]


def test_items_of_a_section_asked_by_the_word_of_its_title(assistant):
    r = assistant.ask("Mục đích (I.1) của KH Kim Động nêu những mục đích gì?")
    assert "có 3 ý" in r["answer"] or r["answer"].count(";") >= 2, r["answer"]
    assert "Cụ thể hóa các quan điểm" in r["answer"] and "thiết thực, hiệu quả" in r["answer"]


def test_who_does_what_in_a_part_named_by_its_title(assistant):
    r = assistant.ask("Phần tổ chức thực hiện của Kim Động giao việc cho những ai, mỗi bên làm gì?")
    assert "Mặt trận Tổ quốc" in r["answer"] and r["answer"].count("[") >= 2, r["answer"]


def test_milestones_given_to_a_body_in_a_section_skip_dates_of_cited_documents(assistant):
    r = assistant.ask("Phần IV KH Kon Rẫy đặt ra cho các xã, thị trấn những mốc thời gian nào?")
    assert "15 tháng 8 năm 2024" in r["answer"] and "05 tháng 12" in r["answer"], r["answer"]
    assert "05 tháng 7 năm 2024" not in r["answer"]  # the date of Kế hoạch 193-KH/HU, not a deadline


def test_an_indicator_named_as_the_plan_writes_it_is_not_a_shorter_one(assistant):
    r = assistant.ask("kim dong bh that nghiep dat chi tieu bao nhieu, con tiem chung mo rong")
    assert "45%" in r["answer"] and "bảo hiểm thất nghiệp" in r["answer"], r["answer"]
    assert "2,1%" not in r["answer"]  # "thất nghiệp chung" is another indicator


def test_a_target_sentence_broken_by_a_footnote_is_quoted_without_it(assistant):
    r = assistant.ask("Chỉ tiêu về nước thải sinh hoạt của Kon Rẫy đến 2030?")
    assert "10%" in r["answer"] and "5% nước thải" in r["answer"], r["answer"]
    assert "Trong đó, diện tích nhà ở" not in r["answer"]


def test_number_and_date_of_a_cited_document_far_from_its_kind(assistant):
    r = assistant.ask("Phụng Hiệp có nhắc tới nghị quyết nào của tỉnh về phát triển nguồn nhân lực không, số mấy ngày nào?")
    assert not r["refused"] and "05-NQ/TU" in r["answer"] and "01/6/2022" in r["answer"], r["answer"]


def test_recipients_named_in_person(assistant):
    r = assistant.ask("Kế hoạch Lạc Dương có gửi đích danh đồng chí nào ở tỉnh không?")
    assert "Phạm Thị Phúc" in r["answer"], r["answer"]


def test_a_section_by_number_and_part_with_plain_what_is_it_about(assistant):
    r = assistant.ask("Trong KH Kon Rẫy, mục 6 phần III là về cái gì?")
    assert r["answer"].startswith("6. Phối hợp với Mặt trận Tổ quốc"), r["answer"]


def test_of_sections_sharing_a_number_the_one_whose_title_is_given(assistant):
    r = assistant.ask("Tóm tắt mục 4 (thị trường lao động) trong kế hoạch Lạc Dương giúp mình")
    assert "thị trường lao động" in r["answer"].split("[")[0], r["answer"]
    assert "Tầm nhìn" not in r["answer"].split("[")[0]


def test_recipients_asked_by_the_mark_of_their_purpose(assistant):
    r = assistant.ask("Nơi nhận nào của KH Kon Rẫy được ghi p/h?")
    assert "Ủy ban MTTQ Việt Nam" in r["answer"], r["answer"]
    assert "Sở Lao động" not in r["answer"] and "Thường trực Huyện ủy" not in r["answer"]


def test_every_task_on_a_subject_with_its_own_lead(assistant):
    r = assistant.ask("Ở Kon Rẫy những việc về chuyển đổi số thì từng việc do phòng nào chủ trì?")
    assert "Phòng Lao động - TB&XH chủ trì" in r["answer"], r["answer"]
    assert "Phòng Văn hóa - Thông tin chủ trì" in r["answer"], r["answer"]
    assert r["answer"].count("chuyển đổi số") >= 2  # each task quoted by its own line


def test_what_a_section_is_about_does_not_repeat_its_heading(assistant):
    r = assistant.ask("Mục 3.2 của kế hoạch Kim Động nói về chuyện gì?")
    assert r["answer"].startswith("Mục 3.2. Thực hiện nghiêm túc"), r["answer"]  # and then its points
    assert r["answer"].count("Thực hiện nghiêm túc, đầy đủ, kịp thời") == 1, r["answer"]


def test_a_target_cut_in_two_by_shuffled_pages_is_quoted_whole_without_what_lies_between(assistant):
    r = assistant.ask("Kim Động đặt bao nhiêu phần trăm học sinh xong cấp 2 được phân luồng học nghề?")
    assert "30% học sinh tốt nghiệp THCS được phân luồng học nghề" in r["answer"], r["answer"]
    assert "giám sát" not in r["answer"]


def test_a_part_of_sentence_items_is_listed_with_its_closing_paragraph(assistant):
    r = assistant.ask("Phần tổ chức thực hiện của kế hoạch Kim Động gồm những gì?")
    assert "gồm 3 nội dung" in r["answer"], r["answer"]
    assert "Giao Ban Tuyên giáo Huyện ủy chủ trì" in r["answer"]  # the unnumbered paragraph closing part IV


def test_how_many_a_part_holds_and_one_of_them(assistant):
    r = assistant.ask("Phần III kế hoạch Lạc Dương chia thành bao nhiêu mục, còn mục 6 gồm những lĩnh vực nào?")
    assert re.search(r"9 (mục|nội dung)", r["answer"]) and "Về nhà ở" in r["answer"], r["answer"]


def test_a_part_named_without_its_filler_words(assistant):
    r = assistant.ask("Phần nhiệm vụ giải pháp trong dự thảo Phụng Hiệp có mấy mục?")
    assert "gồm 9 nội dung" in r["answer"], r["answer"]


def test_who_put_their_name_to_the_plan(assistant):
    r = assistant.ask("Kế hoạch Lạc Dương ai đứng tên ký?")
    assert "người ký" in r["answer"] and not r["refused"], r["answer"]


def test_a_long_title_named_by_a_run_of_its_words(assistant):
    r = assistant.ask("Phần nói về tranh thủ nguồn lực, kinh nghiệm quốc tế của dự thảo Phụng Hiệp ghi gì?")
    assert "quốc tế" in r["answer"].split("[")[0] and "nguồn viện trợ" in r["answer"], r["answer"]


def test_scopes_compared_inside_one_plan(assistant):
    r = assistant.ask("Kon Rẫy đặt diện tích nhà ở bình quân đến 2030 bao nhiêu, đô thị với nông thôn chênh nhau thế nào?")
    assert "30,0m²" in r["answer"] and "32,0m²" in r["answer"] and "27,8m²" in r["answer"], r["answer"]
    assert "Kim Động" not in r["answer"]


def test_point_dd_is_not_point_d(assistant):
    r = assistant.ask("Kon Rẫy mục 3.4 điểm đ) là lĩnh vực gì, ai chủ trì?")
    assert "Về nhà ở" in r["answer"] and "Phòng Kinh tế - Hạ tầng" in r["answer"], r["answer"]


def test_a_point_that_speaks_on_its_heading_line(assistant):
    r = assistant.ask("Mục 3.4 d) của kế hoạch Kon Rẫy gồm những ý gì?")
    assert "quyền tiếp cận thông tin" in r["answer"], r["answer"]


def test_who_reports_is_the_heading_above_the_duty(assistant):
    r = assistant.ask("Các xã ở Kon Rẫy nộp báo cáo hằng năm cho ai, qua đâu, trước ngày nào?")
    assert r["answer"].startswith("Ủy ban nhân dân các xã, thị trấn:") and "05 tháng 12" in r["answer"], r["answer"]


def test_duties_of_a_body_with_its_own_section_are_that_section(assistant):
    """A body the plan gives a section of its own ("3. Ủy ban nhân dân các xã, thị trấn") without leading any
    task: its duties are that section's points, deadlines and reporting included."""
    r = assistant.ask("UBND các xã, thị trấn ở Kon Rẫy phải làm những việc gì?")
    assert "15 tháng 8 năm 2024" in r["answer"] and "trước ngày 05 tháng 12" in r["answer"]
    # A body that leads tasks keeps the list of what it leads (test_body_short_name_and_its_tasks_by_section).
    leads = assistant.ask("Phòng Lao động - TB&XH Kon Rẫy được giao những việc gì?")
    assert "được giao 10 việc trong kế hoạch" in leads["answer"]


def test_an_indicator_named_by_its_own_word_pairs(assistant):
    """Most words of a long indicator left out, two of its own pairs named ("lương hưu", "hàng tháng"), and the
    retirement age in plain words: the plan's own target, not "not set"."""
    r = assistant.ask("Ở Phụng Hiệp, người hết tuổi lao động có lương hưu hàng tháng chiếm bao nhiêu phần trăm?")
    assert not r["refused"] and "60%" in r["answer"] and "sau độ tuổi nghỉ hưu" in r["answer"]


def test_scattered_words_do_not_make_another_plans_indicator(assistant):
    """Saying a plan lacks a target another plan sets needs a pair of that indicator's words as written."""
    r = assistant.ask("Người già hết tuổi đi làm ở Kim Động thì bao nhiêu % được trợ cấp hàng tháng?")
    assert "đi học đúng độ tuổi" not in r["answer"]


def test_an_indicator_set_per_scope_is_answered_whole(assistant):
    r = assistant.ask("Kon Rẫy đặt tỷ lệ thất nghiệp bao nhiêu đến 2030?")
    assert "dưới 5%" in r["answer"] and "1,5-2%" in r["answer"]
    rural = assistant.ask("Tỷ lệ thất nghiệp ở khu vực thành thị của Kon Rẫy đến 2030 là bao nhiêu?")
    assert "1,5-2%" in rural["answer"] and "dưới 5%" not in rural["answer"]


def test_the_plan_issuer_named_for_context_is_not_the_body_asked_about(assistant):
    r = assistant.ask("Theo kế hoạch của UBND huyện Kon Rẫy, việc áp dụng mã số an sinh xã hội cho người dân do phòng nào chủ trì?")
    # Two task blocks apply the number (one led by LĐ-TB&XH, one by VH-TT); neither is the plan's issuer.
    assert "Phòng Lao động - TB&XH chủ trì" in r["answer"] and "Ủy ban nhân dân huyện chủ trì" not in r["answer"]


def test_programmes_cited_on_one_subject(assistant):
    r = assistant.ask("Về BHXH, Kon Rẫy tiếp tục thực hiện chương trình nào của Huyện ủy và kế hoạch nào của UBND huyện?")
    assert "111-Ctr/HU" in r["answer"] and "39/KH-UBND" in r["answer"]
    basis = assistant.ask("KH Lạc Dương thực hiện theo chương trình hành động nào của Tỉnh ủy?")
    assert "78-CTr/TU" in basis["answer"]


def test_the_asker_introducing_themselves_is_not_the_body_asked_about(assistant):
    """"Mình ở Phòng Nội vụ, …", "Phòng X Kim Động cần biết: …": the body there is who asks."""
    r = assistant.ask("Phòng Tư pháp Kim Động cần biết: tỷ lệ thất nghiệp chung đến 2030 là bao nhiêu?")
    assert not r["refused"] and "2,1%" in r["answer"]


def test_what_a_plan_holds_for_a_group_of_people(assistant):
    r = assistant.ask("Tóm tắt giúp các nội dung trong KH Kon Rẫy liên quan tới người khuyết tật")
    lines = r["answer"].splitlines()
    assert lines[0].startswith("Nội dung liên quan đến người khuyết tật trong kế hoạch của Kon Rẫy")
    items = [ln for ln in lines if ln.startswith("- ")]
    assert items and all("khuyết tật" in ln for ln in items), lines
    assert all(re.search(r"\[\d+\][;.]$", ln) for ln in items)
    # One thing of a kind asked for the group is not a summary of everything for it.
    one = assistant.ask("Kon Rẫy nhắc tới cuộc vận động nào cho đồng bào dân tộc thiểu số?")
    assert "Làm thay đổi nếp nghĩ" in one["answer"] and not one["answer"].startswith("Nội dung")


def test_dated_deadlines_across_plans(assistant):
    r = assistant.ask("Những kế hoạch nào có hạn chót ghi rõ ngày tháng?")
    assert "Kon Rẫy" in r["answer"] and "15 tháng 8 năm 2024" in r["answer"] and "05 tháng 12" in r["answer"]
    assert "không đặt hạn bằng ngày cụ thể" in r["answer"] and "Kim Động" in r["answer"]


def test_a_bodys_role_where_it_leads_and_where_it_helps(assistant):
    r = assistant.ask("Vai trò của Phòng Nội vụ Kon Rẫy trong kế hoạch này là gì, chủ trì hay phối hợp?")
    assert "Phòng Nội vụ không chủ trì việc nào" in r["answer"] and "Phối hợp (2 việc)" in r["answer"]
    typed = assistant.ask("phong tai nguyen moi truong kon ray chu tri nhung mang nao")
    assert "nước sạch" in typed["answer"]


def test_a_district_youth_union_never_named_leads_nothing(assistant):
    r = assistant.ask("Huyện đoàn Lạc Dương chủ trì việc gì?")
    assert r["refused"] and "Huyện đoàn" in r["answer"]


def test_a_section_found_by_a_quoted_piece_of_its_title(assistant):
    r = assistant.ask('Ở Kon Rẫy, mục có tên chứa "cung cấp dịch vụ xã hội" là mục số mấy, gồm những gì?')
    assert r["answer"].startswith("Mục 4. Đổi mới, nâng cao chất lượng, hiệu quả cung cấp dịch vụ xã hội"), r["answer"][:200]
    assert "số hiệu" not in r["answer"]  # "mục số mấy" is a section's label, not the plan's number


def test_the_parts_of_a_plan(assistant):
    r = assistant.ask("KH Kon Rẫy gồm mấy phần, phần nhiệm vụ có bao nhiêu mục?")
    assert r["answer"].startswith("Kế hoạch của Kon Rẫy gồm 4 phần: I. MỤC ĐÍCH, YÊU CẦU")
    assert "IV. TỔ CHỨC THỰC HIỆN" in r["answer"] and "gồm 6 nội dung" in r["answer"]
    # "bao nhiêu phần trăm" is a figure, not the plan's parts.
    figure = assistant.ask("Kim Động có bao nhiêu phần trăm dân số tham gia bảo hiểm y tế đến 2030?")
    assert "98%" in figure["answer"] and "gồm 4 phần" not in figure["answer"]


def test_field_targets_asked_in_a_few_lines_are_targets_not_the_fields_section(assistant):
    r = assistant.ask("Viết giúp tôi vài ý ngắn về chỉ tiêu nhà ở của Kim Động đến 2030.")
    assert "31,7" in r["answer"] and not r["answer"].startswith("Mục")


def test_deadlines_and_reporting_of_one_plan_listed(assistant):
    r = assistant.ask("Liệt kê các mốc thời hạn và đầu mối báo cáo trong kế hoạch Kon Rẫy")
    assert r["answer"].startswith("Các hạn ghi rõ ngày trong kế hoạch của Kon Rẫy")
    assert "15 tháng 8 năm 2024" in r["answer"] and "Sở Lao động - Thương binh và Xã hội" in r["answer"]


def test_pharmacists_are_not_the_word_they_fold_to(assistant):
    r = assistant.ask("Kim Động đặt bao nhiêu bác sĩ và dược sĩ trên 1 vạn dân?")
    assert "5,2 bác sĩ" in r["answer"] and "2,3 dược sĩ" in r["answer"]


def test_a_field_named_as_such_gets_its_lead_line(assistant):
    r = assistant.ask("kon ray ai lo mang nha o vay")
    assert "Phòng Kinh tế - Hạ tầng chủ trì" in r["answer"]


def test_duties_compared_say_whose_they_are(assistant):
    r = assistant.ask("Đầu mối tổng hợp báo cáo ở Kon Rẫy và ở Kim Động khác nhau ra sao?")
    line = next(ln for ln in r["answer"].splitlines() if ln.startswith("- Kon Rẫy"))
    assert "Phòng Lao động - TB&XH" in line



def test_recipients_asked_by_purpose_in_words(assistant):
    r = assistant.ask("Kế hoạch Kon Rẫy gửi những nơi nào để phối hợp, gửi nơi nào để báo cáo?")
    assert "nơi nhận để phối hợp: Ủy ban MTTQ Việt Nam" in r["answer"]
    # each line as the plan writes it, with its mark
    assert "nơi nhận để báo cáo: Sở Lao động - TB&XH (b/c), Thường trực Huyện ủy (b/c)" in r["answer"]
    # "… để báo cáo giao ban" is the asker's purpose, not a Nơi nhận question.
    assert "nơi nhận" not in assistant.ask("Liệt kê chỉ tiêu y tế của Lạc Dương để báo cáo giao ban.")["answer"]


def test_a_word_folding_to_a_cue_is_not_the_cue(assistant):
    # "có hẳn một mục" folds to "co han": not a deadline question.
    r = assistant.ask("Kế hoạch nào có hẳn một mục riêng về hợp tác quốc tế trong chính sách xã hội?")
    assert "Đẩy mạnh hợp tác" in r["answer"] and "hạn" not in r["answer"].split(":")[0]


def test_a_body_named_by_the_head_of_its_section_title(assistant):
    # The section is "Ủy ban nhân dân các xã, thị trấn"; officials say "UBND xã".
    r = assistant.ask("Ở Kon Rẫy UBND xã được giao những nhiệm vụ gì?")
    assert "15 tháng 8 năm 2024" in r["answer"] and "05 tháng 12" in r["answer"]


def test_where_a_topic_sits_in_the_outline(assistant):
    r = assistant.ask("Kim Động viết về nước sạch ở chỗ nào, thuộc mục lớn nào?")
    assert "3.5" in r["answer"] and "nằm ở" in r["answer"]


def test_which_plans_mention_something_and_where(assistant):
    r = assistant.ask("Những kế hoạch nào có nhắc đến người di cư, nhắc ở mục nào?")
    lines = r["answer"].splitlines()
    assert any(ln.startswith("- Kim Động: không nhắc đến") for ln in lines)
    phung = next(ln for ln in lines if ln.startswith("- Phụng Hiệp"))
    assert "người di cư" in phung and "(mục 5." in phung and "[" in phung


def test_a_recipient_named_with_what_it_is_sent_for(assistant):
    r = assistant.ask("Kế hoạch Kon Rẫy gửi Trang TTĐT huyện để làm gì?")
    assert "Trang TTĐT huyện để đăng tin" in r["answer"]


def test_a_group_of_tasks_named_by_its_topic(assistant):
    # Kon Rẫy's section 5 is titled "Kết hợp … đa dạng hóa các nguồn lực xã hội …"; asked as "về nguồn lực tài chính".
    r = assistant.ask("Ở Kon Rẫy, nhóm nhiệm vụ về nguồn lực tài chính có những nội dung nào?")
    assert r["answer"].startswith("Mục 5.") and "doanh nghiệp xã hội" in r["answer"]


def test_distinguish_is_not_a_part_of_the_plan(assistant):
    # "phân biệt" folds to "phan biet": not "phần …".
    r = assistant.ask("Hai kế hoạch số 149-KH/HU thuộc huyện nào, phân biệt bằng ngày ban hành thế nào?")
    assert "12 tháng 4 năm 2024" in r["answer"] and "09 tháng 4 năm 2024" in r["answer"]


def test_reports_typed_as_bc(assistant):
    r = assistant.ask("bc dinh ky cua UBND cac xa o kon ray nop qua phong nao, truoc ngay may")
    assert "05 tháng 12" in r["answer"] and "Phòng Lao động - TB&XH" in r["answer"]


def test_a_duty_says_whose_it_is_from_its_items_opening(assistant):
    # Kim Động IV.1: "UBND huyện, Đảng ủy các xã, thị trấn chỉ đạo …. Định kỳ sơ kết, tổng kết, báo cáo …".
    r = assistant.ask("Kim Động yêu cầu định kỳ sơ kết, báo cáo về đâu, ai phải báo cáo?")
    assert "UBND huyện, Đảng ủy các xã, thị trấn: Định kỳ sơ kết" in r["answer"]


def test_labels_of_subsections_are_not_the_plans_number(assistant):
    r = assistant.ask("Mục 3.4 của Kon Rẫy gồm những tiểu mục nào, đánh ký hiệu thế nào?")
    assert "đ) Về nhà ở" in r["answer"] and "số hiệu" not in r["answer"]


def test_a_section_summarised_by_its_title(assistant):
    r = assistant.ask("Tóm tắt ngắn mục an sinh xã hội trong kế hoạch Lạc Dương giúp tôi.")
    assert r["answer"].startswith("Mục 5. Xây dựng hệ thống an sinh xã hội")


def test_how_many_groups_a_part_divides_its_duties_into(assistant):
    r = assistant.ask("Phần tổ chức thực hiện của Kon Rẫy chia việc cho mấy nhóm, mỗi nhóm được giao gì?")
    assert "3 nội dung" in r["answer"] and "Ủy ban nhân dân các xã, thị trấn" in r["answer"]


def test_recipients_asked_as_where_the_plan_was_sent(assistant):
    r = assistant.ask("Kế hoạch Lạc Dương phát hành tới những nơi nào?")
    assert "nơi nhận" in r["answer"] and "Thường trực Tỉnh ủy" in r["answer"]


def test_a_district_outside_the_corpus_asked_after_one_inside_it(assistant):
    r = assistant.ask("Lạc Dương đặt chỉ tiêu nước sạch rồi; vậy huyện Đức Trọng đặt chỉ tiêu nước sạch là bao nhiêu?")
    assert r["refused"] and r["guard"]["refusal"] == "district_not_in_corpus" and "Đức Trọng" in r["answer"]
    # Both named in the asking clause: the corpus's district is answered.
    assert not assistant.ask("Lạc Dương đặt chỉ tiêu nước sạch nông thôn bao nhiêu?")["refused"]


def test_an_area_the_plan_sets_no_figure_for(assistant):
    # Phụng Hiệp sets housing floor area for the whole district only; Kim Động and Kon Rẫy set it per area.
    r = assistant.ask("Ở Phụng Hiệp, diện tích nhà ở bình quân khu vực thành thị phấn đấu bao nhiêu m2/người?")
    assert r["refused"] and r["guard"]["refusal"] == "scope_not_set"
    assert "chỉ nêu mức chung" in r["answer"] and "30m2" in r["answer"] and r["citations"]
    # A rate of every household (Kim Động: 100% of households) holds for the countryside too.
    r = assistant.ask("Kim Động đặt tỷ lệ hộ ở nông thôn dùng nước sạch bao nhiêu?")
    assert not r["refused"] and "100%" in r["answer"]


def test_levels_named_after_one_shared_indicator_name(assistant):
    # "tiểu học", "cơ sở" fold to the "tiêu" of "chỉ tiêu" and to "có"/"số": each level is its own indicator.
    r = assistant.ask("Phụng Hiệp đặt tỷ lệ đi học đúng độ tuổi ở tiểu học và trung học cơ sở là bao nhiêu?")
    assert "98%" in r["answer"] and "95%" in r["answer"] and "75%" not in r["answer"]


def test_a_recipient_typed_as_a_short_name(assistant):
    r = assistant.ask("KH của Lạc Dương có gửi Sở LĐTBXH không?")
    assert "Sở Lao động, TB&XH để báo cáo" in r["answer"] and not r["refused"]


def test_which_plans_mention_a_body_written_two_ways(assistant):
    r = assistant.ask("Kế hoạch nào có nhắc đến Sở Lao động - Thương binh và Xã hội?")
    lines = r["answer"].splitlines()
    assert "Sở Lao động, TB&XH" in next(ln for ln in lines if ln.startswith("- Lạc Dương"))
    assert "Sở Lao động - Thương binh và Xã hội" in next(ln for ln in lines if ln.startswith("- Kon Rẫy"))


def test_what_a_field_says_and_who_leads_it(assistant):
    r = assistant.ask("Mảng nhà ở của Kon Rẫy ghi những gì, phòng nào chủ trì?")
    said, lead = r["answer"].split("Thực hiện:", 1)
    assert "nhà ở xã hội" in said and "Phòng Kinh tế - Hạ tầng" in lead


def test_parts_of_a_section_each_with_its_lead(assistant):
    r = assistant.ask("Mục 3.4 của Kon Rẫy có những lĩnh vực nào, mỗi lĩnh vực do phòng nào chủ trì?")
    assert "đ) Về nhà ở — Phòng Kinh tế - Hạ tầng chủ trì" in r["answer"]
    assert "a) Về giáo dục" in r["answer"] and "Phòng Giáo dục và Đào tạo chủ trì" in r["answer"]


def test_a_recipient_named_before_what_it_is_sent_for(assistant):
    r = assistant.ask("Trang TTĐT huyện thì Kon Rẫy gửi để làm gì?")
    assert "Trang TTĐT huyện để đăng tin" in r["answer"]


def test_a_number_two_plans_bear_with_one_guessed(assistant):
    r = assistant.ask("Kế hoạch số 149-KH/HU là của huyện nào, có phải Lạc Dương không?")
    assert "Kim Động" in r["answer"] and "Lạc Dương" in r["answer"] and "09 tháng 4 năm 2024" in r["answer"]


def test_two_areas_the_plan_does_not_split(assistant):
    r = assistant.ask("Phụng Hiệp có đặt riêng diện tích nhà ở cho thành thị và nông thôn không, mỗi khu vực bao nhiêu?")
    assert r["refused"] and r["guard"]["refusal"] == "scope_not_set" and "30m2" in r["answer"]


def test_whole_plan_summary_cites_every_line(assistant):
    r = assistant.ask("Tóm tắt ngắn kế hoạch Lạc Dương")
    assert not r["refused"]
    lines = r["answer"].splitlines()
    parts = [ln for ln in lines if ln.startswith("- ")]
    assert lines[0] == "Tóm tắt kế hoạch của Lạc Dương:" and len(parts) == 6  # basis, goal, vision 2045, targets, tasks, who does what
    groups = [ln for ln in lines if re.match(r"  \d\. ", ln)]
    assert len(groups) == 9  # one task group a line
    assert all(re.search(r"\[\d+\]", ln) for ln in lines[1:] if not ln.endswith(":"))  # every line but a list's head
    assert "78-CTr/TU" in lines[1] and "(9 nhóm)" in r["answer"] and "Ban Tuyên giáo Huyện ủy" in r["answer"]
    # The parts a trainer lists after the request do not split it into separate questions.
    listed = assistant.ask("cần bản tóm tắt kế hoạch Phụng Hiệp: căn cứ, mục tiêu chung, các nhóm nhiệm vụ và ai làm gì")
    assert listed["answer"].startswith("Tóm tắt kế hoạch của Phụng Hiệp:") and "225-CTr/TU" in listed["answer"]
    # A topic named is the topic's summary, not the whole plan's.
    topic = assistant.ask("Tóm tắt kế hoạch Kon Rẫy về y tế")
    assert not topic["answer"].startswith("Tóm tắt kế hoạch của")


def test_plan_parts_listed_when_asked_which_parts(assistant):
    r = assistant.ask("Kế hoạch Kim Động gồm những phần nào?")
    assert not r["refused"] and "gồm 4 phần" in r["answer"] and "TỔ CHỨC THỰC HIỆN" in r["answer"]


def test_a_date_given_by_the_asker_is_checked(assistant):
    wrong = assistant.ask("KH Lạc Dương ban hành ngày 11/3/2024 đúng không?")
    assert wrong["answer"].startswith("Không đúng") and "09 tháng 4 năm 2024" in wrong["answer"]
    assert "78-CTr/TU" in wrong["answer"]  # the date is the programme's the plan implements
    right = assistant.ask("Kế hoạch Kim Động ban hành ngày 12-4-2024 phải không?")
    assert right["answer"].startswith("Đúng")
    blank = assistant.ask("Kế hoạch của UBND huyện Kon Rẫy ban hành ngày 05/7/2024, đúng không?")
    assert blank["answer"].startswith("Không đúng") and "193-KH/HU" in blank["answer"] and not blank["refused"]


def test_a_part_with_its_text_on_the_heading_line(assistant):
    r = assistant.ask("Phần yêu cầu trong kế hoạch Kon Rẫy nói gì")
    assert "bám sát nội dung Nghị quyết số 68/NQ-CP" in r["answer"]
    # "yêu cầu" as a verb is not the part "Yêu cầu".
    funds = assistant.ask("Liệt kê các quỹ mà kế hoạch Kim Động yêu cầu quản lý, sử dụng công khai, minh bạch.")
    assert "Quỹ Bảo trợ trẻ em" in funds["answer"] and not funds["answer"].startswith("Mục")


def test_a_part_named_before_the_plan_is_not_the_whole_plan(assistant):
    part = assistant.ask("Phần nói về nguồn lực trong kế hoạch Kon Rẫy có những ý chính gì?")
    assert part["answer"].startswith("Mục 5.") and "Tóm tắt kế hoạch" not in part["answer"]
    parts = assistant.ask("Tóm tắt kế hoạch Phụng Hiệp: gồm mấy phần lớn?")
    assert "gồm 4 phần" in parts["answer"]


def test_a_district_only_the_askers_introduction_names_is_refused_with_the_plans_held(assistant):
    r = assistant.ask("Mình ở huyện Bảo Lâm, Lâm Đồng. Chỉ tiêu hộ nghèo của huyện mình là bao nhiêu?")
    assert r["refused"] and "Bảo Lâm" in r["answer"] and "Lạc Dương (Lâm Đồng)" in r["answer"]


def test_one_recipient_checked_is_answered_yes_with_its_purpose(assistant):
    r = assistant.ask("Kế hoạch Lạc Dương có gửi Sở Lao động không?")
    assert "có, gửi Sở Lao động, TB&XH để báo cáo" in r["answer"] and "Thường trực Tỉnh ủy" not in r["answer"]
    web = assistant.ask("Lạc Dương có gửi kế hoạch cho Trang thông tin điện tử huyện không?")
    assert "có, gửi Trang Thông tin điện tử huyện" in web["answer"]


def test_contact_details_no_plan_prints_are_refused_saying_so(assistant):
    r = assistant.ask("Cho mình xin số điện thoại của Phòng Kinh tế - Hạ tầng Kon Rẫy")
    assert r["refused"] and "không ghi số điện thoại" in r["answer"]
    mail = assistant.ask("email ban tuyen giao huyen uy lac duong la gi")
    assert mail["refused"] and "email" in mail["answer"]


def test_one_indicator_written_in_other_words_is_the_plans_target(assistant):
    # Kon Rẫy writes "số con bình quân của phụ nữ …" for what Kim Động calls "tổng tỷ suất sinh".
    r = assistant.ask("Tổng tỷ suất sinh của Kon Rẫy đến 2030 là mấy con?")
    assert not r["refused"] and "2,1 con/người" in r["answer"]
    both = assistant.ask("So sánh tỷ suất sinh giữa Kim Động và Kon Rẫy")
    assert "2,1 con/một phụ nữ" in both["answer"] and "2,1 con/người" in both["answer"]


def test_a_year_the_plan_gives_a_vision_for_is_answered_from_it_and_its_figures_still_refused(assistant):
    vision = assistant.ask("Tầm nhìn đến 2045 của Phụng Hiệp đặt ra mục tiêu gì về chỉ số phát triển con người?")
    assert not vision["refused"] and "HDI" in vision["answer"] and "Đồng bằng sông Cửu Long" in vision["answer"]
    figure = assistant.ask("Kon Rẫy đặt tỷ lệ hộ nghèo năm 2045 là bao nhiêu?")
    assert figure["refused"] and "không đặt chỉ tiêu cho năm 2045" in figure["answer"]
    assert "chỉ nêu định hướng" in figure["answer"]  # what the plan does say about 2045, cited
    assert any("Tầm nhìn đến năm 2045" in c["breadcrumb"] for c in figure["citations"])


def test_a_section_number_inside_a_part_named_by_its_title(assistant):
    r = assistant.ask("Mục 1 phần nhiệm vụ của KH Phụng Hiệp nêu những gì?")
    assert r["answer"].startswith("Mục 1. Nâng cao nhận thức về vị trí, vai trò của chính sách xã hội")
    assert "Yêu nước, Đoàn kết" in r["answer"]


def test_briefing_of_a_part_says_what_each_body_does_and_its_deadlines(assistant):
    r = assistant.ask("Tóm tắt phần IV Tổ chức thực hiện của KH Kon Rẫy để phổ biến cho các xã, có các mốc thời gian")
    a = r["answer"]
    assert not r["refused"]
    for said in ("Phòng Lao động - TB&XH huyện", "Sở Lao động - Thương binh và Xã hội",
                 "Căn cứ chức năng, nhiệm vụ", "15 tháng 8 năm 2024", "trước ngày 05 tháng 12"):
        assert said in a, said
    assert len(r["citations"]) >= 3  # each body's passage


def test_bodies_to_be_strengthened_are_asked_as_things_not_as_a_lead(assistant):
    r = assistant.ask("KH Kim Động đề ra việc kiện toàn những ban nào?")
    assert not r["refused"] and "Ban Công tác Người cao tuổi" in r["answer"]


def test_which_plan_a_government_body_issued(assistant):
    r = assistant.ask("Kế hoạch nào trong 4 huyện do cơ quan chính quyền ban hành chứ không phải cấp ủy?")
    assert "Kon Rẫy: do Ủy ban nhân dân huyện ban hành" in r["answer"]
    assert "Kim Động: do Ban Thường vụ Huyện ủy ban hành" in r["answer"]


def test_whether_a_blank_number_is_filled_in_is_answered_not_refused(assistant):
    r = assistant.ask("Kế hoạch Kon Rẫy đã ghi số hiệu chưa hay bỏ trống?")
    assert not r["refused"] and "chưa có" in r["answer"] and "Số: /KH-UBND" in r["answer"]
    draft = assistant.ask("KH Phụng Hiệp là bản chính thức chưa, có số chưa?")
    assert not draft["refused"] and "dự thảo" in draft["answer"] and "-KH/HU" in draft["answer"]


def test_the_date_asked_after_the_document_implemented_is_that_documents(assistant):
    r = assistant.ask("Lạc Dương làm kế hoạch này theo chương trình nào của Tỉnh ủy, ký ngày nào?")
    assert "78-CTr/TU" in r["answer"] and "11/3/2024" in r["answer"]
    assert "09 tháng 4" not in r["answer"]  # not the plan's own date
    task = assistant.ask("Việc hỗ trợ nhà ở cho người nghèo ở Kim Động làm theo chương trình nào?")
    assert "Chương trình mục tiêu quốc gia giảm nghèo bền vững" in task["answer"]  # a task's document, in the body


def test_a_figure_for_the_district_and_a_second_for_one_area(assistant):
    r = assistant.ask("Nhà ở bình quân đầu người toàn huyện Kon Rẫy mấy m2 sàn, tại đô thị là bao nhiêu?")
    assert "30,0m²" in r["answer"] and "32,0m²" in r["answer"]
    one = assistant.ask("Kon Rẫy phấn đấu diện tích nhà ở nông thôn bao nhiêu m2 sàn/người?")
    assert "27,8m²" in one["answer"] and "30,0m²" not in one["answer"]


def test_today_level_asked_is_refused_quoting_what_the_plan_sets(assistant):
    r = assistant.ask("Bây giờ Phụng Hiệp có bao nhiêu phần trăm hộ nghèo đa chiều?")
    assert r["refused"] and r["guard"]["refusal"] == "figure_not_given"
    assert "1%/năm" in r["answer"] and r["citations"]
    sets = assistant.ask("Phụng Hiệp đặt mục tiêu giảm tỷ lệ hộ nghèo đa chiều bao nhiêu mỗi năm?")
    assert not sets["refused"] and "1%/năm" in sets["answer"]


def test_two_sections_named_by_title_are_both_listed(assistant):
    r = assistant.ask("Nêu các ý chính về nhà ở và nước sạch, vệ sinh môi trường của Kon Rẫy")
    assert "Về nhà ở" in r["answer"] and "Về nước sạch, vệ sinh môi trường" in r["answer"]
    assert "Phòng Kinh tế - Hạ tầng" in r["answer"] and len(r["citations"]) >= 2


def test_a_body_with_a_few_task_blocks_gets_what_each_says_and_its_lead_line(assistant):
    r = assistant.ask("Phòng Kinh tế - Hạ tầng Kon Rẫy được giao làm gì?")
    assert "nhà ở xã hội" in r["answer"] and "Phòng Kinh tế - Hạ tầng chủ trì" in r["answer"]
    assert "\n- " not in r["answer"].split("\n- ", 1)[1].split("Thực hiện:")[0]  # bullets read as prose
    # a lead asked is answered by the lead's line, not by what the block says
    lead = assistant.ask("Ở Kon Rẫy, đơn vị nào chủ trì các việc về bảo hiểm xã hội và bảo hiểm y tế?")
    assert "Bảo hiểm xã hội huyện" in lead["answer"] and "111-Ctr/HU" not in lead["answer"]


def test_party_and_front_bodies_by_their_short_names(assistant):
    r = assistant.ask("Kim Động giao Ban Tuyên giáo HU những việc gì?")
    assert r["answer"].startswith("Ban Tuyên giáo Huyện ủy được giao 2 việc")
    both = assistant.ask("Lạc Dương: Ban Tuyên giáo HU và MTTQ huyện mỗi bên được giao làm gì?")
    assert "Ban Tuyên giáo Huyện ủy chủ trì" in both["answer"] and "Mặt trận Tổ quốc Việt Nam và các đoàn thể" in both["answer"]


def test_the_number_date_and_term_of_the_document_implemented(assistant):
    r = assistant.ask("UBND Kon Rẫy làm KH này để triển khai KH số mấy của Huyện ủy, ngày nào, khóa mấy?")
    assert "193-KH/HU" in r["answer"] and "05 tháng 7 năm 2024" in r["answer"] and "khóa XIX" in r["answer"]
    assert "(chưa ghi)" not in r["answer"]  # the plan's own blank number and date are not what is asked
    signer = assistant.ask("Ai đặt bút kí KH bên Kon Rẫy thế?")
    assert "Đinh Thị Hồng Thu" in signer["answer"]


def test_the_date_of_a_document_the_plan_implements_named_by_its_number(assistant):
    r = assistant.ask("Kim Động làm theo KH 253 của Tỉnh ủy; cái KH 253 ấy ký ngày nào?")
    assert "28/12/2023" in r["answer"] and "12 tháng 4" not in r["answer"]
    own = assistant.ask("Kim Động thực hiện KH 253 của tỉnh; còn KH của huyện ban hành ngày nào?")
    assert "12 tháng 4 năm 2024" in own["answer"]


def test_a_numbered_section_naming_bodies_in_its_title_lists_its_items(assistant):
    r = assistant.ask("Mục 9 phần III KH Lạc Dương (vai trò của Đảng, cơ quan dân cử, Mặt trận) gồm những ý gì?")
    assert r["answer"].startswith("Mục 9.") and "Hội đồng nhân dân các cấp" in r["answer"]


def test_how_many_groups_of_tasks_is_the_tasks_part_counted(assistant):
    r = assistant.ask("Phụng Hiệp có mấy nhóm nhiệm vụ?")
    assert r["answer"].startswith("Mục III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU") and "gồm 9 nội dung" in r["answer"]
    # a group of tasks on a topic is not the whole part
    assert not assistant.ask("Những nhiệm vụ về y tế của Phụng Hiệp là gì?")["answer"].startswith("Mục III.")


def test_the_plans_title_and_its_last_part(assistant):
    r = assistant.ask("Tên đầy đủ của kế hoạch Kon Rẫy là gì?")
    assert "trích yếu" in r["answer"] and "193-KH/HU" in r["answer"] and r["citations"]
    last = assistant.ask("Phần cuối cùng của KH Kon Rẫy là phần gì?")
    assert "IV. TỔ CHỨC THỰC HIỆN" in last["answer"] and "4 phần" in last["answer"]
    item = assistant.ask("Mục cuối cùng trong phần nhiệm vụ của Kon Rẫy là gì?")
    assert "6. Phối hợp với Mặt trận Tổ quốc Việt Nam" in item["answer"]


def test_which_plan_was_signed_last(assistant):
    r = assistant.ask("Bốn kế hoạch, cái nào ký sau cùng?")
    assert r["answer"].startswith("- Ban hành muộn nhất") and "Kim Động (12/04/2024)" in r["answer"]


def test_a_part_summarised_by_its_first_words(assistant):
    r = assistant.ask("Tóm tắt phần mục tiêu của KH Phụng Hiệp")
    assert r["answer"].startswith("Mục II. MỤC TIÊU, CHỈ TIÊU") and "Tầm nhìn đến năm 2045" in r["answer"]


def test_a_plan_named_by_the_resolution_it_implements_gives_its_own_number_and_date(assistant):
    r = assistant.ask("Kế hoạch của Lạc Dương thực hiện NQ 42 số bao nhiêu, ban hành hôm nào?")
    assert "149 -KH/HU" in r["answer"] and "09 tháng 4 năm 2024" in r["answer"]
    assert "24/11/2023" not in r["answer"]  # not the resolution's date


def test_recipients_sent_for_report_are_the_lines_marked_so(assistant):
    r = assistant.ask("Văn bản của Kon Rẫy gửi báo cáo lên những cơ quan nào?")
    assert "Sở Lao động - TB&XH" in r["answer"] and "Thường trực Huyện ủy" in r["answer"]
    assert r["guard"].get("facets") == ["recipients"]
    # Communes sending their reports is a duty in the body, not the plan's Nơi nhận.
    duty = assistant.ask("Các xã phải gửi báo cáo cho ai ở Kon Rẫy?")
    assert "recipients" not in (duty.get("guard") or {}).get("facets", []) and "trước ngày 05 tháng 12" in duty["answer"]


def test_an_unnumbered_part_asked_by_its_title_is_given_whole(assistant):
    r = assistant.ask("Lạc Dương đề ra những gì về nhà ở trong phần phúc lợi xã hội?")
    assert r["answer"].startswith("Về nhà ở:") and "Mục Về" not in r["answer"]
    y = assistant.ask("Kim Động nêu những gì về y tế ở mục phúc lợi xã hội?")
    assert "khám sức khỏe định kỳ" in y["answer"] and "hồ sơ sức khỏe điện tử" in y["answer"]


def test_a_title_saying_no_one_left_behind_asks_no_lead(assistant):
    # "không để ai …" is the title's words, not "ai" asking who.
    r = assistant.ask("Tóm tắt nhóm giải pháp an sinh xã hội (không để ai bị bỏ lại phía sau) của Phụng Hiệp")
    assert r["answer"].startswith("Mục 5.") and "giảm nghèo bền vững" in r["answer"]


def test_a_numbered_part_named_by_its_topic_after_muc_is_summarised_whole(assistant):
    # "mục chính sách người có công": 3.2 of Kim Động ("… chính sách ưu đãi người có công với cách mạng").
    r = assistant.ask("Tóm tắt giúp mục chính sách người có công của Kim Động")
    assert r["answer"].startswith("Mục 3.2.") and r["guard"]["source"] == "mục lục kế hoạch"
    assert "Đền ơn" in r["answer"]


def test_one_point_of_a_section_asked_by_its_number(assistant):
    r = assistant.ask("Ý 4 trong mục 3.3 của Kim Động nói gì?")
    assert r["answer"].startswith("Ý thứ 4 (trong 4 ý) của mục 3.3.")
    assert "hỗ trợ vốn vay tạo việc làm" in r["answer"] and "chính sách dân số" not in r["answer"]
    words = assistant.ask("gạch đầu dòng thứ hai trong mục 3.3 Kim Động")
    assert words["answer"].startswith("Ý thứ 2 (trong 4 ý)")


def test_a_briefing_of_a_numbered_section_lists_every_point(assistant):
    # "mục 5 (…)" makes the question a section one; a summary of it still lists its points.
    r = assistant.ask("Tóm tắt giúp mục 5 (an sinh xã hội) của KH Lạc Dương để nói ở hội nghị")
    assert r["answer"].startswith("Mục 5.") and "có 4 ý" in r["answer"] and "trẻ tự kỷ" in r["answer"]


def test_how_many_bullets_and_who_leads_a_section(assistant):
    r = assistant.ask("Mục 5 phần nhiệm vụ giải pháp KH Kon Rẫy có mấy gạch đầu dòng, ai chủ trì?")
    assert "có 3 ý" in r["answer"] and "doanh nghiệp xã hội" in r["answer"] and "Phòng Lao động - TB&XH" in r["answer"]


def test_one_line_per_group_lists_the_groups_titles(assistant):
    r = assistant.ask("Phần nhiệm vụ, giải pháp của Phụng Hiệp có mấy nhóm? tóm tắt mỗi nhóm 1 dòng giúp mình")
    assert "gồm 9 nội dung" in r["answer"] and "có 2 ý" not in r["answer"]
    assert "kinh nghiệm quốc tế" in r["answer"]


def test_a_part_named_in_everyday_words(assistant):
    # "gia đình chính sách" is the plans' "người có công"; the part is found by it.
    r = assistant.ask("Trong KH Kim Động, phần nói về gia đình chính sách là mục mấy, nói gì?")
    assert r["answer"].startswith("Mục 3.2.")


def test_a_part_named_by_a_task_word_is_listed_not_its_lead(assistant):
    # "phối hợp" in the part's title is not a question about who coordinates.
    r = assistant.ask("Phần nói về phối hợp với Mặt trận và các đoàn thể trong KH Lạc Dương gồm những nội dung nào?")
    assert r["guard"]["source"] == "mục lục kế hoạch" and r["answer"].startswith("Mục ")


def test_every_recipient_with_its_mark_when_each_is_asked(assistant):
    r = assistant.ask("KH Kon Rẫy gửi những cơ quan nào, mỗi nơi để làm gì?")
    for said in ("Sở Lao động - TB&XH (báo cáo)", "Ủy ban MTTQ Việt Nam (phối hợp)", "Trang TTĐT huyện"):
        assert said in r["answer"], said


def test_several_tasks_on_one_topic_each_with_its_lead(assistant):
    r = assistant.ask("KH Kon Rẫy giao cho ai việc áp dụng mã số an sinh xã hội?")
    assert "Phòng Lao động - TB&XH chủ trì" in r["answer"] and "Phòng Văn hóa - Thông tin chủ trì" in r["answer"]


def test_the_author_named_in_a_recipients_question_is_not_a_recipient_asked_about(assistant):
    # "của Ban Thường vụ Huyện ủy" says who wrote the plan; the whole Nơi nhận is asked.
    r = assistant.ask("Văn bản của Ban Thường vụ Huyện ủy Kim Động được gửi đến đâu?")
    for said in ("Ban thường vụ Tỉnh ủy", "Thường trực HĐND, UBND huyện", "Lưu VPHU"):
        assert said in r["answer"], said


def test_documents_a_point_cites_are_all_given(assistant):
    # The second document follows the first after ";" in one bullet; both are what "những văn bản nào" asks.
    r = assistant.ask("Trong mục 3.3 KH Kon Rẫy, các văn bản nào được yêu cầu tiếp tục triển khai?")
    assert "111-Ctr/HU" in r["answer"] and "39/KH-UBND" in r["answer"]


def test_the_org_part_with_its_bodies_listed_is_summarised_body_by_body(assistant):
    r = assistant.ask("Tóm lược phần tổ chức thực hiện của Kon Rẫy: Phòng LĐ-TB&XH, các phòng chuyên môn, UBND các xã mỗi bên làm gì?")
    for said in ("1. Phòng Lao động - TB&XH huyện", "2. Các phòng, ban chuyên môn", "3. Ủy ban nhân dân các xã",
                 "chịu trách nhiệm toàn diện"):
        assert said in r["answer"], said


def test_two_bodies_named_each_get_their_own_section(assistant):
    r = assistant.ask("Phòng LĐ-TB&XH và UBND các xã ở Kon Rẫy có nhiệm vụ gì trong tổ chức thực hiện?")
    assert "Mục 1. Phòng Lao động - TB&XH huyện" in r["answer"] and "Mục 3. Ủy ban nhân dân các xã" in r["answer"]


def test_a_briefing_of_a_part_named_by_its_field_adds_the_fields_targets(assistant):
    r = assistant.ask("Tóm tắt giúp tôi mục chính sách người có công trong kế hoạch Phụng Hiệp để phổ biến")
    assert "Chỉ tiêu đến năm 2030" in r["answer"] and "100% người có công" in r["answer"]


def test_what_a_section_is_about_lists_every_point(assistant):
    r = assistant.ask("Mục 3.6 KH Kim Động nói về cái gì vậy?")
    assert "có 3 ý" in r["answer"] and "không dùng tiền mặt" in r["answer"]


def test_a_long_listing_keeps_the_specific_clause_of_a_cut_sentence(assistant):
    # A point too long to quote whole keeps its rare content ("hưởng bảo hiểm xã hội một lần"), not only its opening.
    r = assistant.ask("KH Phụng Hiệp mục 5 về an sinh xã hội gồm những ý nào?")
    assert "có 4 ý" in r["answer"] and "bảo hiểm xã hội một lần" in r["answer"]


def test_an_area_the_plan_does_not_split_out_is_refused_with_the_areas_it_sets(assistant):
    r = assistant.ask("Kim Động đặt mục tiêu tỷ lệ thất nghiệp ở vùng nông thôn là bao nhiêu đến 2030?")
    assert r["refused"] and r["guard"] == {"refusal": "scope_not_set"}
    assert "dưới 2,1%" in r["answer"] and "đô thị dưới 2%" in r["answer"]


def test_who_must_do_what_in_the_org_part_lists_every_body(assistant):
    r = assistant.ask("Phần tổ chức thực hiện KH Kim Động: đơn vị nào phải làm gì, báo cáo ai?")
    for said in ("UBND huyện, Đảng ủy các xã", "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội huyện",
                 "qua Ban Tuyên giáo Huyện ủy"):
        assert said in r["answer"], said


def test_a_part_briefed_with_each_of_its_points_lead(assistant):
    r = assistant.ask("Tóm tắt phần thị trường lao động, nguồn nhân lực của KH Kon Rẫy, ai chủ trì từng phần?")
    assert r["guard"]["source"] == "mục lục kế hoạch"
    for said in ("a) Nâng cao chất lượng nguồn nhân lực", "Văn phòng HĐND&UBND huyện (lĩnh vực Y tế) chủ trì",
                 "Chỉ thị số 37-CT/TW"):
        assert said in r["answer"], said


def test_a_part_of_two_items_asked_what_it_holds_says_each(assistant):
    r = assistant.ask("Mục I (mục đích, yêu cầu) trong KH Phụng Hiệp gồm những ý nào?")
    assert "1. Mục đích" in r["answer"] and "Nâng cao nhận thức" in r["answer"] and "rút kinh nghiệm" in r["answer"]


def test_a_part_pointed_back_to_is_the_one_part_of_the_field_described(assistant):
    r = assistant.ask("Kế hoạch Phụng Hiệp tính làm gì cho chuyện tìm việc làm, học nghề cho người lao động? Tóm tắt phần đó giúp tôi.")
    assert r["answer"].startswith("Mục 4.") and "du học sinh" in r["answer"]


def test_a_bodys_tasks_include_those_it_is_the_subject_of(assistant):
    # Lạc Dương's III.9 opens "Ủy ban Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội thường xuyên …"
    # with no "chủ trì": still the Front's tasks, whole bullet; a Nơi nhận line is not one.
    r = assistant.ask("Ở Lạc Dương, Mặt trận Tổ quốc được kế hoạch giao những nhiệm vụ gì?")
    assert "giám sát và phản biện xã hội" in r["answer"] and "Nơi nhận" not in " ".join(
        c["breadcrumb"] for c in r["citations"])


def test_a_party_committee_of_a_district_not_in_the_corpus_is_refused_whole(assistant):
    # The province's programme is the one Lạc Dương implements; the district named is another one of Lâm Đồng.
    r = assistant.ask("Ban Thường vụ Huyện ủy Bảo Lâm triển khai Chương trình 78-CTr/TU ra sao, ai lo phần tuyên truyền?")
    assert r["refused"] and "huyện Bảo Lâm" in r["answer"] and not r["citations"]
    # A part naming the corpus's district is still answered; the other part names the missing district.
    both = assistant.ask("Kon Rẫy giao ai lo về nhà ở; còn huyện Đắk Hà thì giao ai?")
    assert "Phòng Kinh tế - Hạ tầng" in both["answer"] and "huyện Đắk Hà" in both["answer"]


def test_the_body_that_hands_out_tasks_is_not_the_body_asked_about(assistant):
    r = assistant.ask("Ban Thường vụ Huyện ủy giao phòng nào chủ trì về nhà ở ở Kon Rẫy?")
    assert not r["refused"] and "Phòng Kinh tế - Hạ tầng" in r["answer"]
    bare = assistant.ask("kon ray giao cho ai lo nha o")  # the field's name alone is the field
    assert "Phòng Kinh tế - Hạ tầng" in bare["answer"]


def test_number_and_date_asked_together_and_a_draft_says_both_blank(assistant):
    r = assistant.ask("Cho xin số và ngày của kế hoạch Lạc Dương")
    assert "149 -KH/HU" in r["answer"] and "09 tháng 4 năm 2024" in r["answer"]
    draft = assistant.ask("KH Phụng Hiệp có số và ngày chưa?")
    assert "«Số -KH/HU»" in draft["answer"] and "năm 2024" in draft["answer"]


def test_two_documents_with_one_number_are_told_apart_by_their_headers(assistant):
    r = assistant.ask("Hai văn bản mang cùng số 149 thì khác nhau chỗ nào?")
    lines = r["answer"].splitlines()
    assert len(lines) == 2 and lines[0].startswith("- Kim Động") and lines[1].startswith("- Lạc Dương")
    assert "12 tháng 4 năm 2024" in lines[0] and "253-KH/TU" in lines[0]
    assert "09 tháng 4 năm 2024" in lines[1] and "78-CTr/TU" in lines[1]


def test_a_briefing_of_a_hard_wrapped_part_joins_its_lines(assistant):
    r = assistant.ask("Tóm tắt giúp phần nâng cao phúc lợi xã hội toàn dân trong KH Lạc Dương")
    assert "vùng sâu, vùng xa của huyện" in r["answer"]
    # No line break read as a sentence's end: no lower-case word after a full stop ("[à-ỹ]" would take in "Đ").
    assert not any(m.group(1).islower() for m in re.finditer(r"\. (\w)", r["answer"])), r["answer"]
    assert "hướng tới bảo hiểm y tế toàn dân" in r["answer"]  # a clause a few words past the cut is said whole


def test_a_body_named_only_in_sentences_gets_those_sentences(assistant):
    # Kim Động never gives HĐND a "chủ trì" line; it names it in the sentence that directs it.
    r = assistant.ask("Hội đồng nhân dân huyện Kim Động có nhiệm vụ gì trong kế hoạch này?")
    assert not r["refused"] and "giám sát của cộng đồng" in r["answer"]
    # Lạc Dương: "Hội đồng nhân dân các cấp …" and the numbered item "4. Thường trực HĐND huyện hàng năm …".
    ld = assistant.ask("HĐND ở Lạc Dương phải làm những việc gì?")
    assert "đề nghị sửa đổi, bổ sung" in ld["answer"] and "hàng năm đưa vào chương trình giám" in ld["answer"]


def test_a_body_s_tasks_include_where_it_acts_and_the_reports_it_receives(assistant):
    mt = assistant.ask("Ở Phụng Hiệp, Mặt trận Tổ quốc và các đoàn thể có trách nhiệm gì?")
    assert "vận động người dân tham gia bảo hiểm xã hội tự nguyện" in mt["answer"]
    assert "bảo hiểm xã hội một lần" in mt["answer"]  # the sentence is read on to its end
    bt = assistant.ask("Ban Tuyên giáo Huyện ủy Kim Động phải làm những việc gì?")
    assert "Đầu mối nhận báo cáo" in bt["answer"] and "qua Ban Tuyên giáo Huyện ủy" in bt["answer"]
    vp = assistant.ask("Ở Kon Rẫy, Văn phòng HĐND&UBND huyện chủ trì hoặc phối hợp những việc nào?")
    assert "chính sách dân số" in vp["answer"] and "Bảo hiểm xã hội huyện" in vp["answer"]


def test_a_whole_draft_plan_summary_and_a_field_briefing_with_its_tasks(assistant):
    r = assistant.ask("Cho mình các điểm chính của toàn bộ dự thảo kế hoạch Phụng Hiệp")
    assert r["answer"].startswith("Tóm tắt kế hoạch của Phụng Hiệp") and "Tầm nhìn đến năm 2045" in r["answer"]
    vh = assistant.ask("Tóm tắt phần văn hóa, thông tin trong kế hoạch Phụng Hiệp, kể cả chỉ tiêu")
    assert "Ít nhất 80%" in vh["answer"] and "Chương trình số 201-CTr/HU" in vh["answer"]
    ns = assistant.ask("Tóm tắt về nhà ở ở Kim Động: chỉ tiêu và những việc phải làm")
    assert "31,7" in ns["answer"] and "nhà ở xã hội" in ns["answer"]


def test_each_item_of_the_organisation_part_and_whom_it_names(assistant):
    r = assistant.ask("Phần tổ chức thực hiện của KH Phụng Hiệp có mấy ý, mỗi ý giao cho ai?")
    assert r["answer"].startswith("Mục IV. TỔ CHỨC THỰC HIỆN [1] gồm 4 nội dung")  # the title, not its run-on item
    for body in ("Các cơ quan tham mưu, giúp việc Huyện ủy", "Hội đồng nhân dân, Ủy ban nhân dân huyện",
                 "Mặt trận Tổ quốc và các đoàn thể", "Ban Tuyên giáo Huyện ủy chủ trì"):
        assert body in r["answer"]


def test_a_section_named_by_topic_then_asked_how_many_items_and_each_lead(assistant):
    r = assistant.ask("Phần về an sinh xã hội không để ai bị bỏ lại phía sau của Kon Rẫy là mục mấy, gồm mấy nội dung, "
                      "ai chủ trì từng nội dung?")
    assert r["answer"].startswith("Mục 3.3.") and "gồm 3 nội dung" in r["answer"]
    assert "Bảo hiểm xã hội huyện chủ trì" in r["answer"] and r["answer"].count("Phòng Lao động - TB&XH chủ trì") == 2


def test_reports_sent_asked_with_the_header_are_the_recipients_for_reporting(assistant):
    r = assistant.ask("KH Lạc Dương ban hành ngày nào và gửi báo cáo cho những nơi nào?")
    assert "09 tháng 4 năm 2024" in r["answer"] and "Đồng chí Phạm Thị Phúc" in r["answer"]


def test_a_field_named_by_its_everyday_words_is_the_field_s_lead_line(assistant):
    r = assistant.ask("Bên Kon Rẫy, chuyện khám chữa bệnh cho người dân thì KH giao ai lo?")
    assert not r["refused"]
    assert "Trung tâm Y tế huyện" in r["answer"] and "Bảo hiểm xã hội huyện" not in r["answer"], r["answer"]


def test_a_briefing_of_one_field_inside_a_numbered_section_is_that_field_only(assistant):
    r = assistant.ask("Tóm tắt giúp nội dung lĩnh vực y tế ở mục 6 kế hoạch Lạc Dương")
    assert "hồ sơ sức khoẻ điện tử" in r["answer"] and "y tế học đường" in r["answer"], r["answer"]
    assert "phổ cập giáo dục" not in r["answer"]
    assert [c["breadcrumb"].split(" › ")[-1] for c in r["citations"]] == ["Về y tế"]


def test_two_bodies_asked_together_are_answered_each_in_turn(assistant):
    r = assistant.ask("Ở Kon Rẫy, Phòng Nội vụ và BCH Quân sự huyện giữ vai trò gì?")
    assert not r["refused"]
    lines = r["answer"].splitlines()
    assert lines[0].startswith("Phòng Nội vụ") and any(ln.startswith("BCH Quân sự huyện") for ln in lines), r["answer"]
    assert "3.1. Thực hiện chính sách ưu đãi người có công" in r["answer"]


def test_what_a_body_leads_and_where_it_coordinates_is_one_question(assistant):
    r = assistant.ask("Kon Rẫy: Phòng Giáo dục và Đào tạo chủ trì gì, còn được giao phối hợp trong những việc nào?")
    assert "parts" not in (r.get("guard") or {}), r.get("guard")
    assert "Phòng Giáo dục và Đào tạo chủ trì 1 việc" in r["answer"], r["answer"][:300]
    # each coordinated task's "Thực hiện:" line as written, the body spelled there as the plan spells it
    assert "Phòng Giáo dục - Đào tạo" in r["answer"] and "phối hợp với Phòng Giáo dục và Đào tạo" in r["answer"]


def test_one_indicator_asked_for_two_scopes_gives_both_figures(assistant):
    r = assistant.ask("Kim Động đặt tỷ lệ thất nghiệp chung và thất nghiệp khu vực đô thị đến 2030 bao nhiêu?")
    assert "dưới 2,1%" in r["answer"] and "đô thị dưới 2%" in r["answer"], r["answer"]


def test_what_the_plan_does_for_a_field_and_who_leads_keeps_the_clauses_asked_about(assistant):
    r = assistant.ask("Kon Rẫy tính sao với nhà ở cho hộ nghèo ở nông thôn, phòng nào lo?")
    assert "Phòng Kinh tế - Hạ tầng chủ trì" in r["answer"]
    assert "hộ nghèo khu vực nông thôn cải thiện nhà ở" in r["answer"], r["answer"]


def test_the_social_insurance_agency_is_not_the_social_insurance_policy(assistant):
    r = assistant.ask("Bảo hiểm xã hội huyện bên Lạc Dương được giao chủ trì những nhiệm vụ nào theo kế hoạch?")
    assert r["refused"] and "«Bảo hiểm xã hội huyện»" in r["answer"], r["answer"]
    kon_ray = assistant.ask("Bảo hiểm xã hội huyện Kon Rẫy được giao chủ trì những nhiệm vụ nào?")
    assert not kon_ray["refused"] and "Bảo hiểm xã hội huyện chủ trì" in kon_ray["answer"]


def test_a_briefing_of_one_topic_inside_a_section_of_paragraphs_gives_that_topic_s_points(assistant):
    r = assistant.ask("Gạch đầu dòng nội dung giảm nghèo ở mục 5 của Phụng Hiệp")
    assert "các ý về giảm nghèo (1 trong 4 ý)" in r["answer"], r["answer"][:300]
    assert "giảm nghèo bền vững theo hướng đa chiều" in r["answer"] and "bảo hiểm xã hội bắt buộc" not in r["answer"]


def test_a_numbered_point_briefed_with_its_lead_line(assistant):
    r = assistant.ask("Tóm tắt điểm b mục 3.4 kế hoạch Kon Rẫy, ghi rõ đơn vị chủ trì")
    assert r["answer"].startswith("Mục b) Về y tế"), r["answer"][:100]
    assert "y tế dự phòng" in r["answer"] and "Trung tâm Y tế huyện chủ trì" in r["answer"]


def test_a_party_committee_s_board_given_tasks_is_asked_about_not_taken_for_the_plan_s_issuer(assistant):
    r = assistant.ask("Ban Tuyên giáo Huyện ủy bên Kim Động được giao chủ trì những gì?")
    assert r["answer"].startswith("Ban Tuyên giáo Huyện ủy được giao 2 việc"), r["answer"][:200]
    assert "định hướng công tác tuyên truyền" in r["answer"] and "quán triệt sâu rộng" in r["answer"]


def test_a_body_that_only_coordinates_asked_what_it_is_given_lists_where_it_coordinates(assistant):
    r = assistant.ask("Kon Rẫy giao cho Phòng Nội vụ những việc gì?")
    assert r["answer"].startswith("Phòng Nội vụ không chủ trì việc nào"), r["answer"][:200]
    assert "Phối hợp (2 việc)" in r["answer"]


def test_household_refuse_asked_of_a_plan_counting_only_wastewater_is_refused_with_the_nearest_targets(assistant):
    r = assistant.ask("Phụng Hiệp phấn đấu đến 2030 bao nhiêu phần trăm rác thải được thu gom?")
    assert r["refused"] and "không đặt chỉ tiêu về rác thải" in r["answer"], r["answer"]
    assert "nước thải" in r["answer"] and r["citations"]
    water = assistant.ask("Phụng Hiệp phấn đấu đến 2030 bao nhiêu phần trăm nước thải sinh hoạt được xử lý?")
    assert not water["refused"]


def test_one_indicator_across_plans_names_the_related_target_of_a_plan_that_sets_another(assistant):
    r = assistant.ask("Tỷ lệ thất nghiệp đến 2030 của các huyện đặt ra thế nào?")
    line = next(ln for ln in r["answer"].splitlines() if ln.startswith("- Phụng Hiệp"))
    assert "không đặt chỉ tiêu «tỷ lệ thất nghiệp»" in line and "2,59%" in line, r["answer"]
    assert "bảo hiểm thất nghiệp" not in line


def test_a_numbered_point_asked_what_it_is_about_and_who_does_it(assistant):
    r = assistant.ask("diem b muc 3.4 KH Kon Rẫy nói về gì, ai làm?")
    assert r["answer"].startswith("Mục b) Về y tế"), r["answer"][:100]
    assert "Trung tâm Y tế huyện chủ trì" in r["answer"] and "y tế dự phòng" in r["answer"]


def test_a_group_s_tasks_inside_one_section_each_with_the_lead_of_its_block(assistant):
    r = assistant.ask("Gạch đầu dòng các nhiệm vụ trong mục 3.4 của Kon Rẫy có đề cập đến người khuyết tật, kèm phòng chủ trì")
    assert (r.get("guard") or {}).get("groups") == ["người khuyết tật"], r.get("guard")
    assert "giáo dục hòa nhập cộng đồng cho người khuyết tật" in r["answer"]
    assert "(Phòng Giáo dục và Đào tạo chủ trì" in r["answer"]
    # only section 3.4: the disabled people's targets and tasks elsewhere in the plan are left out
    assert "Chỉ tiêu" not in r["answer"]


def test_a_body_that_only_coordinates_is_told_what_the_tasks_are(assistant):
    r = assistant.ask("BCH Quân sự huyện Kon Rẫy tham gia những việc nào?")
    assert "quy tập hài cốt liệt sĩ" in r["answer"] and "Phòng Lao động - TB&XH chủ trì" in r["answer"], r["answer"]


def test_what_a_plan_has_specially_for_a_group_is_the_group_s_briefing_not_a_section_titled_with_it(assistant):
    r = assistant.ask("Tóm tắt giúp: kế hoạch Kon Rẫy có những chính sách gì riêng cho đồng bào dân tộc thiểu số?")
    assert (r.get("guard") or {}).get("groups") == ["đồng bào dân tộc thiểu số"], r["answer"][:200]
    assert "phát thanh, truyền hình" in r["answer"] and "Làm thay đổi nếp nghĩ" in r["answer"]


def test_a_thing_the_plan_sets_only_as_a_target_is_answered_with_its_field_s_lead(assistant):
    r = assistant.ask("Bên Kon Rẫy ai chủ trì việc tiêm chủng cho trẻ?")
    assert not r["refused"] and r["answer"].startswith("Kế hoạch không giao riêng việc «tiêm chủng»"), r["answer"]
    assert "Trung tâm Y tế huyện chủ trì" in r["answer"]
    # a plan with no lead for the field still says no body is named
    assert assistant.ask("Kim Động giao ai chủ trì việc tiêm chủng?")["refused"]


def test_documents_a_field_s_section_cites_are_read_from_that_section(assistant):
    r = assistant.ask("Phần về bảo hiểm xã hội trong KH Kon Rẫy yêu cầu tiếp tục thực hiện văn bản nào?")
    assert "111-Ctr/HU" in r["answer"] and "39/KH-UBND" in r["answer"], r["answer"][:300]
    g = assistant.ask("Mục giáo dục trong KH Phụng Hiệp yêu cầu thực hiện chương trình nào?")
    assert g["answer"].startswith("Về giáo dục:") and "202-CTr/HU" in g["answer"], g["answer"][:200]


def test_a_passage_named_by_its_field_after_doan_is_that_field_s_part(assistant):
    r = assistant.ask("Ở dự thảo Phụng Hiệp, đoạn về nhà ở có những nội dung gì?")
    assert r["answer"].startswith("Về nhà ở:") and "nhà ở xã hội" in r["answer"], r["answer"][:300]


def test_two_fields_asked_each_get_their_lead_or_say_the_plan_names_none(assistant):
    # The second field's title is a phrase of its own: both fields still answered.
    r = assistant.ask("Kon Rẫy: lĩnh vực y tế phòng nào chủ trì? Còn phần nước sạch, vệ sinh môi trường?")
    assert "Trung tâm Y tế huyện" in r["answer"] and "Phòng Tài Nguyên và Môi trường" in r["answer"]
    # A plan without lead lines for its fields refuses, naming each field item and citing it.
    r = assistant.ask("Bên Phụng Hiệp, mảng giáo dục và mảng nhà ở thì cơ quan nào chủ trì?")
    assert r["refused"] and "không giao cơ quan chủ trì" in r["answer"]
    assert "«Về giáo dục»" in r["answer"] and "«Về nhà ở»" in r["answer"] and len(r["citations"]) == 3
    # … and who the plan gives the direction of its tasks (its "Tổ chức thực hiện" item for the People's Committee).
    assert "Hội đồng nhân dân, Ủy ban nhân dân huyện chỉ đạo" in r["answer"]
    # One field asked of such a plan: the same, not another task's lead.
    r = assistant.ask("Lạc Dương giao ai chủ trì lĩnh vực văn hóa?")
    assert r["refused"] and "không giao cơ quan chủ trì" in r["answer"] and "Ban Tuyên giáo" not in r["answer"]


def test_a_section_without_a_lead_line_names_who_its_heading_or_the_plan_gives_it_to(assistant):
    # Kim Động's 3.x sit under "3. Chính quyền các cấp, Đảng ủy các xã, thị trấn chủ động chỉ đạo … sau:".
    r = assistant.ask("Mục 3.3 của KH Kim Động có những ý nào, ai chịu trách nhiệm chỉ đạo?")
    assert "Chính quyền các cấp, Đảng ủy các xã, thị trấn chủ động chỉ đạo" in r["answer"]
    # Lạc Dương's sections have no heading of that kind: its "Tổ chức thực hiện" item for the People's Committee.
    r = assistant.ask("Mục 5 phần nhiệm vụ KH Lạc Dương gồm những ý gì, giao ai thực hiện?")
    assert "Ủy ban nhân dân huyện chỉ đạo triển khai" in r["answer"]


def test_what_a_plan_has_for_a_group_and_who_directs_it(assistant):
    r = assistant.ask("Tổng hợp những việc kế hoạch Phụng Hiệp dành cho trẻ em và giao ai chỉ đạo thực hiện.")
    assert "trẻ em" in r["answer"] and "Ủy ban nhân dân huyện chỉ đạo" in r["answer"]


def test_every_place_a_body_is_named_when_its_mentions_are_asked(assistant):
    r = assistant.ask("Vai trò của Mặt trận Tổ quốc trong KH Kim Động: liệt kê các chỗ kế hoạch nhắc đến Mặt trận.")
    assert "Các chỗ khác kế hoạch nhắc đến" in r["answer"] and "Vì người nghèo" in r["answer"]
    # "MTTQ" written short in a lead is that body too.
    assert "Cấp ủy, chính quyền, MTTQ" in r["answer"]


def test_a_part_named_by_its_words_asked_by_number_is_listed_with_its_label(assistant):
    # "… đánh số mấy": the part's number, not the plan's; a part of prose (no bullet points) is a part too.
    r = assistant.ask("Lạc Dương có mục nào về tranh thủ kinh nghiệm quốc tế không, mục đó số mấy, viết gì?")
    assert r["answer"].startswith("Mục 8.") and "nguồn tài trợ" in r["answer"]
    r = assistant.ask("Trong kế hoạch Kon Rẫy, phần về cung cấp dịch vụ xã hội đánh số mấy, gồm những ý nào?")
    assert r["answer"].startswith("Mục 4.") and "có 3 ý" in r["answer"]
    # The plan's own number asked beside a part is still the plan's.
    assert "149-KH/HU" in assistant.ask("KH Kim Động số mấy, phần mục tiêu có mấy chỉ tiêu?")["answer"]


def test_whom_a_body_reports_to(assistant):
    r = assistant.ask("lac duong: ubnd huyen bao cao ket qua cho ai?")
    assert r["answer"].startswith("Ủy ban nhân dân huyện:") and "báo cáo Huyện ủy" in r["answer"]


def test_where_a_body_leads_and_where_it_only_coordinates(assistant):
    r = assistant.ask("Phòng Giáo dục và Đào tạo Kon Rẫy có mặt ở những nhiệm vụ nào? Chỗ nào chủ trì, chỗ nào phối hợp?")
    assert "chủ trì" in r["answer"].split("\n")[0] and "Phối hợp (" in r["answer"]


def test_a_passage_named_by_its_subject_and_asked_by_number_is_listed(assistant):
    r = assistant.ask("Đoạn về an sinh xã hội trong KH Lạc Dương là mục mấy?")
    assert r["answer"].startswith("Mục 5.") and "có 4 ý" in r["answer"]
    # "giai đoạn" is not a passage of the plan.
    assert not assistant.ask("Giai đoạn nào Kon Rẫy đề xuất chương trình văn hóa?")["answer"].startswith("Mục ")


def test_a_part_asked_by_number_comes_before_the_bodies_its_title_names(assistant):
    r = assistant.ask("Phần phát huy vai trò của cơ quan dân cử, Mặt trận trong KH Phụng Hiệp đánh số mấy, Mặt trận được giao gì?")
    assert r["answer"].startswith("Mục 9.")


def test_the_organisation_part_asked_who_does_what_says_each_bodys_duty(assistant):
    r = assistant.ask("Nhờ tóm phần tổ chức thực hiện trong KH Kon Rẫy, ai làm gì?")
    assert r["answer"].startswith("Mục IV. TỔ CHỨC THỰC HIỆN") and "gồm 3 nội dung" in r["answer"]
    # Each body with what it does, not its name alone; no "no lead for this part" note after a part of leads.
    assert "Phòng Lao động - TB&XH huyện [1]: Chủ trì theo dõi" in r["answer"]
    assert "không ghi cơ quan chủ trì riêng" not in r["answer"]


def test_the_task_groups_summarised_are_listed(assistant):
    r = assistant.ask("Tóm tắt giúp các nhóm giải pháp, nhiệm vụ chính trong kế hoạch Phụng Hiệp")
    assert r["answer"].startswith("Mục II.") or r["answer"].startswith("Mục III."), r["answer"][:80]
    assert re.search(r"gồm \d+ nội dung", r["answer"])


def test_which_body_issued_each_plan(assistant):
    r = assistant.ask("Mấy kế hoạch này do UBND hay do cấp ủy nào ban hành?")
    lines = r["answer"].splitlines()
    assert len(lines) == 4 and any(ln.startswith("- Kon Rẫy") and "Ủy ban nhân dân huyện" in ln for ln in lines)
    assert any(ln.startswith("- Kim Động") and "Ban Thường vụ Huyện ủy" in ln for ln in lines)


def test_every_fund_document_and_lead_a_plan_names_is_listed(assistant):
    funds = assistant.ask("Liệt kê tất cả các quỹ mà KH Kim Động có nhắc đến")
    assert funds["answer"].startswith("Kế hoạch của Kim Động nhắc đến 3 quỹ")
    assert "Quỹ Bảo trợ trẻ em" in funds["answer"] and "Quỹ Vì Người nghèo" in funds["answer"]
    docs = assistant.ask("KH Phụng Hiệp viện dẫn những văn bản nào? Kể hết giúp mình")
    for ref in ("05-NQ/TU", "201-CTr/HU", "Đề án Hậu Giang xanh"):
        assert ref in docs["answer"]
    # "Ngoài …": the documents named in the question are left out.
    other = assistant.ask("Ngoài Nghị quyết 05, KH Phụng Hiệp còn nhắc những nghị quyết nào? Kể hết")
    assert "05-NQ/TU" not in other["answer"] and "16-NQ/TU" in other["answer"]
    leads = assistant.ask("Liệt kê tất cả các phòng, đơn vị được giao chủ trì trong kế hoạch Kon Rẫy")
    assert "Phòng Tài Nguyên và Môi trường" in leads["answer"] and "Bảo hiểm xã hội huyện" in leads["answer"]
    assert leads["answer"].count("Phòng Lao động - TB&XH") == 1  # "… huyện" in one line is the same body
    none = assistant.ask("Kể hết các quỹ trong kế hoạch Lạc Dương")
    assert none["refused"] and "không nhắc đến quỹ nào" in none["answer"]


def test_a_body_named_informally_or_without_its_level_gets_its_duties(assistant):
    # "ban dân vận bên huyện ủy" is the Party committee's board; "bên quân sự huyện" its military command.
    r = assistant.ask("cái ban tuyên giáo của huyện ủy Kim Động phải làm những việc gì?")
    assert r["answer"].startswith("Ban Tuyên giáo Huyện ủy được giao") and "Đầu mối nhận báo cáo" in r["answer"]
    mil = assistant.ask("Phía quân sự huyện Kon Rẫy tham gia mảng nào?")
    assert mil["answer"].startswith("BCH Quân sự huyện") and "người có công" in mil["answer"]
    # "hội đồng nhân dân" asked names "Hội đồng nhân dân các cấp" and its standing body.
    council = assistant.ask("Hội đồng nhân dân Lạc Dương có vai trò gì trong kế hoạch?")
    assert "tăng cường giám sát" in council["answer"] and "Thường trực Hội đồng nhân dân huyện" in council["answer"]
    # Not the communes' committee for the district's.
    assert not assistant.ask("UBND các xã ở Kon Rẫy phải làm gì?")["answer"].startswith("Ủy ban nhân dân huyện")


def test_a_part_named_by_everyday_words_is_found_by_its_subject(assistant):
    # "tiền ở đâu ra" is the plan's "bố trí ngân sách … huy động … nguồn lực"; "là phần nào" asks its number.
    r = assistant.ask("Ở KH Kon Rẫy, đoạn nói về tiền ở đâu ra để thực hiện chính sách xã hội là phần nào, ai lo?")
    assert r["answer"].startswith("Mục 5. Kết hợp việc bố trí ngân sách nhà nước")
    assert "Phòng Lao động - TB&XH" in r["answer"]


def test_what_policies_a_group_gets_is_its_briefing(assistant):
    r = assistant.ask("Người khuyết tật ở Lạc Dương được những chính sách gì?")
    assert r["answer"].startswith("Nội dung liên quan đến người khuyết tật trong kế hoạch của Lạc Dương")
    assert "việc làm cho người khuyết tật" in r["answer"] and "trẻ tự kỷ" in r["answer"]


def test_counting_parts_and_bodies_of_a_part(assistant):
    # "mấy tiểu mục" of the group named after "mấy nhóm": both counts, each with its items.
    r = assistant.ask("Phần III KH Kon Rẫy gồm mấy nhóm, nhóm 3 có bao nhiêu tiểu mục?")
    assert "gồm 6 nội dung" in r["answer"] and "3.4. Nâng cao phúc lợi xã hội" in r["answer"]
    # "giao nhiệm vụ cho mấy đầu mối": the part's items, each naming its body.
    heads = assistant.ask("Phần tổ chức thực hiện của KH Lạc Dương giao việc cho bao nhiêu đầu mối?")
    assert heads["answer"].startswith("Mục IV. TỔ CHỨC THỰC HIỆN") and "Ban Tuyên giáo Huyện ủy" in heads["answer"]


def test_a_short_part_asked_what_it_requires_is_given_whole(assistant):
    r = assistant.ask("Phần yêu cầu trong KH Kim Động đòi hỏi việc triển khai ra sao?")
    assert r["answer"].startswith("Mục 2. Yêu cầu") and "kế hoạch, đề án, chương trình" in r["answer"]


def test_the_plans_date_and_the_programme_it_carries_out(assistant):
    r = assistant.ask("KH Lạc Dương ký ngày nào, còn chương trình của Tỉnh ủy mà nó thực hiện thì ngày nào?")
    assert "09 tháng 4 năm 2024" in r["answer"] and "78-CTr/TU ngày 11/3/2024" in r["answer"]


def test_a_movement_named_in_a_part_is_not_an_inventory_of_the_plan(assistant):
    # ("dân tộc" is not "dẫn"; a part named is that part's text.)
    r = assistant.ask("Trong phần phối hợp với Mặt trận, KH Kon Rẫy nhắc cuộc vận động nào cho đồng bào dân tộc thiểu số?")
    assert not r["refused"] and "Làm thay đổi nếp nghĩ" in r["answer"]
    listed = assistant.ask("Liệt kê các cuộc vận động mà KH Kon Rẫy nhắc đến")
    assert listed["answer"].startswith("Kế hoạch của Kon Rẫy nhắc đến 1 phong trào, cuộc vận động")
    assert "của đồng bào dân tộc thiểu số" in listed["answer"]  # a quoted name is kept whole


def test_a_plans_purpose_requirements_and_general_goal_are_given_whole(assistant):
    # Purpose asked in everyday words: every point of "1. Mục đích", not the sentence nearest the question.
    why = assistant.ask("Huyện ủy Kim Động ban hành kế hoạch này để làm gì?")
    assert not why["refused"] and "có 3 ý" in why["answer"]
    assert "đồng bộ từ huyện đến cơ sở" in why["answer"] and "phân công trách nhiệm cụ thể" in why["answer"]
    # A plan that does not split its first part (Lạc Dương) gives the part whole.
    whole = assistant.ask("kế hoạch lạc dương nhằm mục đích gì")
    assert "I. MỤC ĐÍCH, YÊU CẦU" in whole["answer"] and "có 4 ý" in whole["answer"]
    asks = assistant.ask("Kế hoạch Phụng Hiệp đặt ra những yêu cầu gì?")
    assert "2. Yêu cầu" in asks["answer"] and "rút kinh nghiệm" in asks["answer"]
    # The general goal, its paragraph cut by a page break read as one text.
    goal = assistant.ask("Mục tiêu chung trong kế hoạch Kon Rẫy là gì?")
    assert "Tiếp tục đổi mới" in goal["answer"] and "Phát triển thị trường lao động linh hoạt" in goal["answer"]
    assert "Nội dung: dịch vụ" not in goal["answer"]


def test_requirements_of_one_body_are_not_the_plans_requirements_part(assistant):
    r = assistant.ask("Kế hoạch Kim Động yêu cầu gì đối với Hội Nông dân huyện?")
    assert "2. Yêu cầu" not in r["answer"]
    fund = assistant.ask("Quỹ Bảo trợ trẻ em ở Kim Động lập ra để làm gì?")
    assert "Mục đích" not in fund["answer"]


def test_a_target_one_named_plan_does_not_set_cannot_be_compared(assistant):
    r = assistant.ask("Chỉ tiêu dược sĩ trên 10.000 dân: Kim Động so với Phụng Hiệp thì sao?")
    assert r["refused"] and r["answer"].startswith(REFUSAL)
    assert "Phụng Hiệp không đặt chỉ tiêu" in r["answer"] and "2,3 dược sĩ" in r["answer"]
    assert "10 bác sĩ" not in r["answer"]  # the doctors' figure is not the pharmacists'
    # Both plans set it: compared, not refused.
    both = assistant.ask("Số bác sĩ trên 10.000 dân của Phụng Hiệp so với Kim Động?")
    assert not both["refused"] and "5,2 bác sĩ" in both["answer"] and "10 bác sĩ" in both["answer"]


def test_a_report_owed_when_a_snag_arises_and_who_closes_the_part(assistant):
    r = assistant.ask("Kon Rẫy: khi triển khai mà gặp vướng mắc thì phải báo cáo cho ai?")
    assert not r["refused"] and "Phòng Lao động - TB&XH để tổng hợp" in r["answer"]
    # The closing paragraph speaks to every body, not to the communes whose bullets come before it.
    assert not r["answer"].startswith("Ủy ban nhân dân các xã")


def test_a_block_named_by_its_opening_words_gives_each_of_its_lead_lines(assistant):
    r = assistant.ask("Ở Kon Rẫy việc tuyên truyền, quán triệt chủ trương của Đảng giao cho ai thực hiện?")
    assert not r["refused"] and r["answer"].startswith("1. Tổ chức tuyên truyền, quán triệt")
    assert "theo hướng dẫn của Ban Tuyên giáo Huyện ủy" in r["answer"]
    assert "theo chức năng, nhiệm vụ triển khai thực hiện" in r["answer"]


def test_a_document_named_by_a_number_the_plan_never_writes_is_not_cited(assistant):
    r = assistant.ask("Kế hoạch Kim Động có nhắc tới Quyết định 1719 của Thủ tướng không?")
    assert r["refused"] and "không nhắc đến «Quyết định 1719" in r["answer"]
    # A number the plan does write is answered from it.
    cited = assistant.ask("Kon Rẫy có nhắc Nghị quyết 68 của Chính phủ không?")
    assert not cited["refused"] and cited["answer"].startswith("Có.") and "68/NQ-CP" in cited["answer"]
    province = assistant.ask("Kim Động có đề cập Kế hoạch 253 không?")
    assert not province["refused"] and "253-KH/TU ngày 28/12/2023" in province["answer"]


def test_the_date_of_a_cited_document_named_with_its_own_issuer(assistant):
    r = assistant.ask("Kế hoạch Phụng Hiệp thực hiện Chương trình 225 của Tỉnh ủy, chương trình đó ban hành ngày nào?")
    assert "12/01/2024" in r["answer"]
    r2 = assistant.ask("Phụng Hiệp thực hiện chương trình 225 của tỉnh ủy ban hành ngày nào?")
    assert "12/01/2024" in r2["answer"] and not r2["refused"]


def test_a_thing_no_plan_writes_is_said_not_mentioned(assistant):
    r = assistant.ask("Các kế hoạch có nhắc đến phòng chống bạo lực gia đình không?")
    assert r["refused"] and "Không kế hoạch nào" in r["answer"] and "bạo lực gia đình" in r["answer"]
    one = assistant.ask("Kế hoạch Kon Rẫy có đề cập đến người nghiện ma túy không?")
    assert one["refused"] and "Kon Rẫy không nhắc đến «người nghiện ma túy»" in one["answer"]
    # Everyday words for what a plan does write are not absent things.
    there = assistant.ask("Kế hoạch Lạc Dương có nói về trẻ bị tự kỷ không?")
    assert not there["refused"] and "tự kỷ" in there["answer"]
    loans = assistant.ask("Kế hoạch Kon Rẫy có nói về chuyện cho bà con vay vốn làm ăn không?")
    assert not loans["refused"] and "vốn vay" in loans["answer"]
    # A benefit asked "có được … không" that no plan names.
    fees = assistant.ask("Ở Kim Động học sinh nghèo có được miễn học phí không?")
    assert fees["refused"] and "không nhắc đến «miễn học phí»" in fees["answer"]
    # Talk about advising people is no absent thing.
    advice = assistant.ask("Phụng Hiệp có nói gì về việc khuyên người lao động không rút bảo hiểm xã hội một lần không?")
    assert not advice["refused"] and "một lần" in advice["answer"]


def test_a_question_quoting_a_body_sentence_is_answered_by_it_not_the_header(assistant):
    r = assistant.ask("Kon Rẫy ghi việc cụ thể hóa phải bám sát nội dung những văn bản nào?")
    assert "68/NQ-CP" in r["answer"]  # the requirement's own list, not only the documents the header implements
    header = assistant.ask("Kế hoạch Kon Rẫy cụ thể hóa những văn bản nào?")
    assert "193-KH/HU" in header["answer"] and header["citations"][0]["breadcrumb"] == "Kon Rẫy › Phần mở đầu"


def test_the_part_right_after_or_before_another(assistant):
    after = assistant.ask("Kế hoạch Kon Rẫy: mục tiếp theo sau mục 3.1 là mục nào?")
    assert "là 3.2." in after["answer"] and after["citations"]
    before = assistant.ask("Trong kế hoạch Kim Động, mục đứng trước mục 3.3 là gì?")
    assert "là 3.2." in before["answer"] and "người có công" in before["answer"]
    # Named by its title, and asked who leads the part found: its lead line with it.
    led = assistant.ask("Kon Rẫy, ngay sau phần 'Về giáo dục' là phần gì, ai chủ trì phần đó?")
    assert "b) Về y tế" in led["answer"] and "Trung tâm Y tế huyện" in led["answer"]


def test_the_first_and_last_items_of_a_part_and_the_plans_closing_paragraph(assistant):
    ends = assistant.ask("Phần nhiệm vụ, giải pháp của Lạc Dương bắt đầu bằng mục nào, kết thúc bằng mục nào?")
    assert "mục mở đầu là: 1." in ends["answer"] and "mục cuối cùng là: 9." in ends["answer"]
    last = assistant.ask("Ý cuối cùng của mục 6 trong kế hoạch Kon Rẫy là gì?")
    assert "phản biện xã hội" in last["answer"]
    closing = assistant.ask("Đoạn cuối cùng của kế hoạch Kon Rẫy viết gì?")
    assert "vướng mắc phát sinh" in closing["answer"] and "Nơi nhận:" not in closing["answer"]


def test_quoting_requests_answer_with_the_plans_sentence(assistant):
    name = assistant.ask("Trích nguyên văn tên phong trào chung tay vì người nghèo trong kế hoạch Kim Động.")
    assert "không để ai bị bỏ lại phía sau" in name["answer"] and "người ký" not in name["answer"]
    said = assistant.ask("Kế hoạch Kim Động ghi nguyên văn thế nào về mã số an sinh xã hội?")
    assert not said["refused"] and "áp dụng mã số an sinh xã hội" in said["answer"]


def test_an_indicator_a_plan_does_not_set_names_what_it_sets_in_that_field(assistant):
    r = assistant.ask("Lạc Dương có chỉ tiêu tương tự về tỷ lệ nước thải sinh hoạt được xử lý không, bao nhiêu %?")
    assert r["refused"] and "không đặt chỉ tiêu" in r["answer"]
    assert "Trong lĩnh vực này, kế hoạch của Lạc Dương đặt:" in r["answer"] and "70 - 80%" in r["answer"]
    assert ". [" not in r["answer"]
    # Asked plainly, the refusal names the plan that sets it, and nothing else.
    plain = assistant.ask("Lạc Dương phấn đấu bao nhiêu % nước thải sinh hoạt được xử lý?")
    assert plain["refused"] and "Trong lĩnh vực này" not in plain["answer"]
    # Asked against the other plans: "Không", the plan that sets it, and what this plan sets counted alike.
    across = assistant.ask("Phụng Hiệp có đặt chỉ tiêu dược sĩ trên 10.000 dân như các huyện khác không?")
    assert not across["refused"] and across["answer"].startswith("Không.")
    assert "không đặt chỉ tiêu về «số dược sĩ trên 10.000 dân»" in across["answer"] and "10 bác sĩ" in across["answer"]


def test_a_thing_or_document_said_in_the_plans_other_words_is_not_absent(assistant):
    # "dẹp" is not the plan's word, but "nhà tạm, nhà dột nát … hộ nghèo" are, together in one sentence.
    r = assistant.ask("Kim Động có tính dẹp hết mấy căn nhà tạm bợ, dột nát của hộ nghèo không?")
    assert not r["refused"] and "nhà tạm, nhà dột nát" in r["answer"]
    # A project known by its number, described in the plan's words, is the one the plan names by its title.
    d = assistant.ask("Ở Kon Rẫy, Đề án 06 về dữ liệu dân cư, định danh và xác thực điện tử do phòng nào chủ trì?")
    assert not d["refused"] and "Phòng Văn hóa - Thông tin" in d["answer"]
    # How a title ends names a section; it asks for no last item.
    t = assistant.ask('Mục có tiêu đề kết thúc bằng "không ai bị bỏ lại phía sau" trong KH Kim Động là mục mấy?')
    assert "3.4" in t["answer"] and "ý cuối cùng" not in t["answer"]


def test_which_plans_give_a_subject_a_part_of_its_own(assistant):
    r = assistant.ask("Kế hoạch nào không có mục riêng về hợp tác quốc tế?")
    assert r["answer"].startswith("Không có mục riêng về «hợp tác quốc tế»: Kim Động, Kon Rẫy.")
    assert "- Phụng Hiệp: có, mục 8." in r["answer"] and len(r["citations"]) == 2
    housing = assistant.ask("Kế hoạch nào có mục riêng về nhà ở?")
    assert "Kon Rẫy: có, mục đ) Về nhà ở" in housing["answer"]


def test_a_figure_of_a_thing_no_plan_writes_is_not_answered_by_a_nearby_target(assistant):
    r = assistant.ask("Ở Kon Rẫy tỷ lệ hộ gia đình dùng điện lưới quốc gia phải đạt bao nhiêu?")
    assert r["refused"] and "không đặt chỉ tiêu nào về «điện lưới quốc gia»" in r["answer"]
    cable = assistant.ask("Kim Động đặt chỉ tiêu bao nhiêu % hộ gia đình lắp internet cáp quang?")
    assert cable["refused"] and "nước sạch" not in cable["answer"]
    # The same words about a thing the plan sets are its target.
    water = assistant.ask("Ở Kon Rẫy tỷ lệ hộ gia đình nông thôn dùng nước sạch phải đạt bao nhiêu?")
    assert not water["refused"] and "95%" in water["answer"]


def test_a_thing_only_other_plans_write_is_said_not_in_the_asked_plan(assistant):
    r = assistant.ask("Kế hoạch Lạc Dương có nội dung nào về nghĩa trang liệt sĩ không?")
    assert r["refused"] and "Lạc Dương không nhắc đến «nghĩa trang liệt sĩ»" in r["answer"]
    assert "Phụng Hiệp" in r["answer"]  # the plans that do are named
    # Said in the plan's own words ("y học cổ truyền với y học hiện đại"), it is there.
    said = assistant.ask("Dự thảo Phụng Hiệp có nội dung nào về phát triển đông y kết hợp với tây y không?")
    assert not said["refused"] and "y học cổ truyền" in said["answer"]


def test_the_reports_one_body_owes_and_a_time_asked_of_a_task(assistant):
    r = assistant.ask("Kon Rẫy: các xã, thị trấn báo cáo hằng năm gửi ai, hạn khi nào?")
    assert "trước ngày 05 tháng 12" in r["answer"] and "Sở Lao động" not in r["answer"]
    # "khi nào" of a task is not the plan's own date.
    when = assistant.ask("Khi nào Phụng Hiệp sơ kết giữa kỳ Nghị quyết 42?")
    assert when["refused"] and "ngày tháng năm" not in when["answer"]
    issued = assistant.ask("Kế hoạch Kim Động ban hành khi nào?")
    assert "12 tháng 4 năm 2024" in issued["answer"]


def test_what_a_plan_has_for_people_with_merit_gathers_targets_and_tasks(assistant):
    r = assistant.ask("Kon Rẫy có nói gì về người có công không?")
    assert r["answer"].startswith("Nội dung liên quan đến người có công trong kế hoạch của Kon Rẫy")
    assert "100% người có công" in r["answer"] and "Nhiệm vụ, giải pháp" in r["answer"]


def test_a_short_paragraph_answers_whole_to_an_open_question(assistant):
    r = assistant.ask("Kế hoạch Kim Động viết gì về an toàn của trẻ em trên mạng?")
    assert "môi trường mạng" in r["answer"] and "phổ cập dịch vụ viễn thông" in r["answer"]


def test_a_programme_named_with_muc_tieu_is_not_a_target_asked(assistant):
    r = assistant.ask("Kon Rẫy nhắc tới Chương trình mục tiêu quốc gia về phát triển văn hoá cho giai đoạn nào?")
    assert "2025 - 2035" in r["answer"]


def test_an_office_named_by_the_start_of_its_name(assistant):
    for q in ("Phòng Giáo dục Kon Rẫy chủ trì những việc gì?", "phong giao duc kon ray chu tri nhung viec gi"):
        r = assistant.ask(q)
        assert r["answer"].startswith("Phòng Giáo dục và Đào tạo được giao") and "Về giáo dục" in r["answer"], r["answer"]
    culture = assistant.ask("phòng văn hóa kon rẫy được giao chủ trì việc gì")
    assert culture["answer"].startswith("Phòng Văn hóa - Thông tin được giao") and "Về phát triển văn hóa" in culture["answer"]
    # A guess about who leads a task is not a question about the guessed office's own tasks.
    guess = assistant.ask("co phai kon ray giao phong giao duc chu tri viec giam ngheo ben vung ko")
    assert "Phòng Lao động - TB&XH chủ trì" in guess["answer"]


def test_a_target_no_plan_counts_is_refused_with_the_nearest_sentence(assistant):
    r = assistant.ask("Kon Rẫy có đặt chỉ tiêu tỷ lệ người khuyết tật có việc làm không?")
    assert r["refused"] and "không đặt chỉ tiêu" in r["answer"] and "người khuyết tật" in r["answer"]
    assert r["citations"] and r["citations"][0]["spans"]
    # The plan's own figure in other words is answered, not refused; so is a count of the plan's parts.
    shots = assistant.ask("Kon Rẫy đặt mục tiêu bao nhiêu % trẻ dưới 1 tuổi được tiêm phòng đủ mũi?")
    assert not shots["refused"] and "97%" in shots["answer"]
    assert not assistant.ask("Phần nhiệm vụ và giải pháp của Phụng Hiệp có bao nhiêu nhóm?")["refused"]
    every = assistant.ask("Huyện nào đặt chỉ tiêu tỷ lệ người khuyết tật có việc làm?")
    assert every["refused"] and "Không kế hoạch nào (Kim Động, Kon Rẫy, Phụng Hiệp, Lạc Dương) đặt chỉ tiêu" in every["answer"]


def test_a_field_asked_with_an_everyday_verb_gets_its_own_lead_line(assistant):
    # "phòng nào lo": the field's "Thực hiện:" line, not a line after another task that mentions the field.
    r = assistant.ask("Bên Kon Rẫy, mảng giáo dục phòng nào chủ trì? còn nhà ở thì phòng nào lo?")
    assert "Phòng Giáo dục và Đào tạo" in r["answer"] and "Phòng Kinh tế - Hạ tầng" in r["answer"], r["answer"]
    assert "Phòng Lao động - TB&XH" not in r["answer"]


def test_two_opening_parts_named_by_title_are_both_given(assistant):
    for q in ("Mục tiêu tổng quát và tầm nhìn 2045 của Kim Động là gì?",
              "Cho mình xem mục tiêu tổng quát đến 2030 và tầm nhìn 2045 trong kế hoạch Phụng Hiệp nói gì?"):
        r = assistant.ask(q)
        assert "Mục tiêu tổng quát đến năm 2030" in r["answer"] and "Tầm nhìn đến năm 2045" in r["answer"], r["answer"]


def test_a_year_asked_of_a_cited_programme_is_answered_by_its_years(assistant):
    # "tầm nhìn đến năm bao nhiêu" of a scheme the plan cites: the years in its name answer, no target is asked.
    r = assistant.ask("Đề án dữ liệu dân cư, định danh điện tử Kon Rẫy nhắc tới có tầm nhìn đến năm bao nhiêu?")
    assert not r["refused"] and "tầm nhìn đến năm 2030" in r["answer"], r["answer"]
    r = assistant.ask("Chiến lược phát triển nhà ở quốc gia mà Lạc Dương nhắc tới giai đoạn nào, tầm nhìn năm bao nhiêu?")
    assert not r["refused"] and "2021 - 2030" in r["answer"], r["answer"]


def test_a_section_label_the_plan_lacks_is_refused_with_what_the_section_holds(assistant):
    r = assistant.ask("Điểm g) của mục 3.4 kế hoạch Kon Rẫy nói về lĩnh vực gì?")
    assert r["refused"] and "không có ý g)" in r["answer"] and "e) Về nước sạch, vệ sinh môi trường" in r["answer"], r["answer"]
    r = assistant.ask("Mục 3.9 của kế hoạch Kon Rẫy nói gì?")
    assert r["refused"] and "không có mục 3.9" in r["answer"] and "3.4. Nâng cao phúc lợi xã hội" in r["answer"]
    assert r["citations"]
    # A field named after "phần" is no label: "phần y tế" is answered.
    assert not assistant.ask("Phần y tế trong kế hoạch Kim Động nêu những nhiệm vụ gì?")["refused"]


def test_the_numbered_section_of_a_part_asked_as_its_nth_point(assistant):
    r = assistant.ask("ý 2 trong phần IV tổ chức thực hiện của Lạc Dương giao cho ai?")
    assert "Ban Tuyên giáo Huyện ủy chủ trì" in r["answer"], r["answer"]


def test_a_lettered_point_asked_by_its_label_gives_its_title_and_lead(assistant):
    r = assistant.ask("ý đ) thuộc mục 3.4 phần III kế hoạch Kon Rẫy nói về gì, ai chủ trì?")
    assert "Về nhà ở" in r["answer"] and "Phòng Kinh tế - Hạ tầng" in r["answer"], r["answer"]


def test_which_plans_write_a_quoted_phrase_each_line_per_plan(assistant):
    # Lạc Dương prints "giũ vai trò chủ đạo" (a typo): found all the same, folded.
    r = assistant.ask('Kế hoạch nào ghi nguồn lực nhà nước "giữ vai trò chủ đạo"?')
    lines = r["answer"].splitlines()
    assert any(ln.startswith("- Lạc Dương:") and "giũ vai trò chủ đạo" in ln for ln in lines), r["answer"]
    assert "- Kon Rẫy: không nhắc đến." in lines


def test_whether_the_plan_does_a_thing_and_who_leads_it(assistant):
    r = assistant.ask("Kon Rẫy có tính chuyện nhà ở xã hội cho công nhân không, phòng nào lo?")
    assert "nhà lưu trú, ký túc xá cho công nhân" in r["answer"] and "Phòng Kinh tế - Hạ tầng" in r["answer"], r["answer"]


def test_a_child_with_a_condition_gets_what_the_plan_has_for_that_group(assistant):
    r = assistant.ask("Con tôi bị tự kỷ, nhà ở Lạc Dương. Kế hoạch của huyện có gì cho trẻ như con tôi không?")
    assert "trẻ tự kỷ" in r["answer"] and "giáo dục hoà nhập cộng đồng" in r["answer"], r["answer"]
    # Whether the plan mentions the condition is asked of the condition as the plan names it, not the whole group.
    named = assistant.ask("Kế hoạch Lạc Dương có đề cập đến trẻ tự kỷ không?")
    assert "trẻ tự kỷ" in named["answer"] and "giáo dục hoà nhập" not in named["answer"], named["answer"]


def test_a_comparison_with_a_district_the_corpus_lacks_is_refused_with_the_known_side(assistant):
    r = assistant.ask("So với huyện Đắk Hà thì chỉ tiêu tuổi thọ của Kon Rẫy cao hơn hay thấp hơn?")
    assert r["refused"] and "Đắk Hà" in r["answer"] and "khoảng 70 tuổi" in r["answer"] and r["citations"], r["answer"]


def test_a_target_another_plan_sets_asked_whether_set(assistant):
    r = assistant.ask("Kon Rẫy có đặt chỉ tiêu số năm sống khỏe không?")
    assert r["refused"] and "không đặt chỉ tiêu về «số năm sống khỏe»" in r["answer"], r["answer"]
    # Asked against the other plans, "không" is the answer, with what the plan sets in that field.
    r = assistant.ask("Lạc Dương có đặt chỉ tiêu về thu gom nước thải sinh hoạt như các huyện khác không?")
    assert not r["refused"] and r["answer"].startswith("Không.") and "70 - 80%" in r["answer"], r["answer"]


def test_chat_shorthand_for_how_much(assistant):
    r = assistant.ask("kon ray dat so nam song khoe bn nam")
    assert r["refused"] and "số năm sống khỏe" in r["answer"], r["answer"]


def test_how_many_tasks_a_body_leads_is_counted_and_listed(assistant):
    r = assistant.ask("Phòng Văn hóa - Thông tin Kon Rẫy được giao chủ trì bao nhiêu việc? Liệt kê giúp.")
    assert "Phòng Văn hóa - Thông tin được giao 3 việc" in r["answer"], r["answer"]


def test_every_lead_body_of_a_plan_listed(assistant):
    r = assistant.ask("Kế hoạch Kon Rẫy giao những cơ quan nào làm chủ trì?")
    for body in ("Phòng Kinh tế - Hạ tầng", "Bảo hiểm xã hội huyện", "Phòng Tài Nguyên và Môi trường"):
        assert body in r["answer"], r["answer"]


def test_whom_the_organising_part_gives_duties(assistant):
    r = assistant.ask("Mục Tổ chức thực hiện của kế hoạch Kim Động giao trách nhiệm cho những ai?")
    assert "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội huyện" in r["answer"] and "Ban Tuyên giáo" in r["answer"]


def test_fields_left_out_of_a_section_listing(assistant):
    r = assistant.ask("Ngoài mảng nhà ở ra, mục 3.4 của Kon Rẫy còn những lĩnh vực nào?")
    assert "(ngoài nhà ở) gồm 5 nội dung" in r["answer"] and "Về nhà ở" not in r["answer"], r["answer"]


def test_the_documents_a_plan_implements_are_quoted_as_written(assistant):
    r = assistant.ask("Kế hoạch của UBND huyện Kon Rẫy được ban hành để triển khai những văn bản cấp trên nào?")
    assert "Chương trình số 81-CTr/TU, ngày 15-4-2024" in r["answer"] and "do Ủy ban" not in r["answer"], r["answer"]


def test_task_groups_without_a_lead_of_their_own(assistant):
    r = assistant.ask("Kon Rẫy có nhóm nhiệm vụ nào không giao cơ quan chủ trì cụ thể không?")
    lines = r["answer"].splitlines()
    assert len(lines) == 3 and lines[1].startswith("- 1. Tổ chức tuyên truyền") and lines[2].startswith("- 6. Phối hợp"), r["answer"]
    # A plan naming no lead for any group says so, with whom its organising part gives the tasks.
    r = assistant.ask("Kim Động có nhiệm vụ nào chưa giao ai chủ trì không?")
    assert "không ghi cơ quan chủ trì riêng" in r["answer"] and "UBND huyện, Đảng ủy các xã" in r["answer"], r["answer"]


def test_a_figure_then_who_leads_its_field(assistant):
    # The who-part names no field of its own ("mảng này", nothing at all): the field of the figure asked before it.
    r = assistant.ask("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi ở Kon Rẫy đến 2030 là bao nhiêu, "
                      "phòng nào phụ trách mảng này?")
    assert "dưới 25%" in r["answer"] and "Trung tâm Y tế huyện" in r["answer"] and not r["refused"], r["answer"]
    r = assistant.ask("kon ray ty le tham gia bhyt 2030 bn %, co quan nao chu tri?")
    assert "95%" in r["answer"] and "Bảo hiểm xã hội huyện chủ trì" in r["answer"], r["answer"]
    # A figure the plan does not set (or a district the corpus lacks): refused whole, not a lead for nothing.
    r = assistant.ask("Kon Rẫy đặt mục tiêu giảm tỷ lệ hộ nghèo bao nhiêu phần trăm mỗi năm, phòng nào chịu trách nhiệm?")
    assert r["refused"] and "không đặt chỉ tiêu" in r["answer"], r["answer"]
    r = assistant.ask("Huyện Đăk Hà (Kon Tum) đặt tỷ lệ tham gia BHYT đến 2030 là bao nhiêu, cơ quan nào chịu trách nhiệm?")
    assert r["refused"] and "Đăk Hà" in r["answer"], r["answer"]


def test_the_same_body_does_the_second_duty_asked(assistant):
    r = assistant.ask("Ở Kon Rẫy Phòng Lao động - TB&XH gửi báo cáo cho những cơ quan nào, và tham mưu UBND huyện việc gì?")
    assert "Thường trực Huyện ủy" in r["answer"] and "sơ kết, tổng kết" in r["answer"], r["answer"]


def test_whether_two_plans_agree_is_said_with_both_figures(assistant):
    r = assistant.ask("Chỉ tiêu tuổi thọ trung bình đến 2030 của Kim Động và Phụng Hiệp có giống nhau không?")
    assert r["answer"].startswith("Giống nhau") and r["answer"].count("75,5 tuổi") == 2, r["answer"]
    r = assistant.ask("Tỷ lệ tham gia BHYT của Kim Động và Kon Rẫy có bằng nhau không?")
    assert r["answer"].startswith("Khác nhau") and "98%" in r["answer"] and "95%" in r["answer"], r["answer"]
    r = assistant.ask("Kế hoạch của Kim Động và Lạc Dương có ban hành cùng ngày không?")
    assert r["answer"].startswith("Khác nhau") and "12 tháng 4 năm 2024" in r["answer"], r["answer"]
    assert "09 tháng 4 năm 2024" in r["answer"] and not r["refused"]


def test_a_year_no_plan_asked_sets_is_refused_across_plans(assistant):
    r = assistant.ask("Mục tiêu năm 2025 về tỷ lệ tham gia bảo hiểm y tế của Kim Động và Phụng Hiệp có giống nhau không?")
    assert r["refused"] and "không đặt chỉ tiêu cho năm 2025" in r["answer"], r["answer"]
    assert "98% dân số tham gia bảo hiểm y tế" in r["answer"] and len(r["citations"]) == 2


def test_an_indicator_a_plan_states_by_a_related_one(assistant):
    r = assistant.ask("PH that nghiep 2030 bn")
    assert "2,59%" in r["answer"] and "không đặt chỉ tiêu «tỷ lệ thất nghiệp»" in r["answer"], r["answer"]
    assert "bảo hiểm thất nghiệp" not in r["answer"]
    # A scope the related target does not count (the whole district only) is not set.
    r = assistant.ask("Phụng Hiệp đặt tỷ lệ thất nghiệp ở khu vực thành thị đến 2030 là bao nhiêu?")
    assert r["refused"] and "2,59%" not in r["answer"], r["answer"]
    # A plan that sets the indicator itself answers with it.
    r = assistant.ask("Kim Động tỷ lệ thất nghiệp bao nhiêu")
    assert "dưới 2,1%" in r["answer"] and "không đặt" not in r["answer"], r["answer"]


def test_terse_chat_opening_on_a_district_the_corpus_lacks(assistant):
    r = assistant.ask("ngoc hoi bhyt 2030 bn %")
    assert r["refused"] and "Ngọc Hồi (Kon Tum)" in r["answer"], r["answer"]


def test_every_sentence_giving_the_oversight_duties_asked(assistant):
    r = assistant.ask("Ở Kim Động ai có trách nhiệm đôn đốc, kiểm tra, giám sát việc triển khai kế hoạch?")
    lines = r["answer"].splitlines()
    assert len(lines) == 3 and "Ủy viên Ban thường vụ Huyện ủy" in lines[1], r["answer"]
    assert lines[2].startswith("- Giao Ban Tuyên giáo Huyện ủy chủ trì") and len(r["spans"] if "spans" in r else r["citations"]) >= 1


def test_where_a_plan_was_issued_and_how_many_recipients(assistant):
    r = assistant.ask("Kế hoạch Kim Động ban hành ở đâu?")
    assert "tại Kim Động, ngày 12 tháng 4 năm 2024" in r["answer"] and not r["refused"], r["answer"]
    r = assistant.ask("KH Kim Động gửi mấy nơi nhận?")
    assert "(6 nơi, không kể bản lưu)" in r["answer"] and "Ban thường vụ Tỉnh ủy" in r["answer"], r["answer"]


def test_one_oversight_sentence_is_said_with_the_body_its_item_names(assistant):
    r = assistant.ask("Kon Rẫy ai hướng dẫn, đôn đốc các đơn vị triển khai?")
    assert r["answer"].startswith("Kế hoạch của Kon Rẫy: Phòng Lao động - TB&XH huyện: Chủ trì theo dõi"), r["answer"]
    # A hard-wrapped "giám \nsát" is the same duty.
    r = assistant.ask("Ở Lạc Dương ai kiểm tra, giám sát việc thực hiện kế hoạch?")
    assert "Thường trực Hội đồng nhân dân huyện" in r["answer"] and "Mặt trận Tổ quốc" in r["answer"], r["answer"]


def test_who_leads_a_figure_s_field_in_a_plan_that_names_no_lead_per_field(assistant):
    r = assistant.ask("Phụng Hiệp phấn đấu bao nhiêu % người lao động trong độ tuổi tham gia bảo hiểm xã hội, "
                      "cơ quan nào chịu trách nhiệm?")
    assert "khoảng 49%" in r["answer"] and "không giao cơ quan chủ trì riêng cho lĩnh vực bảo hiểm" in r["answer"]
    assert "Phần tổ chức thực hiện giao:" in r["answer"] and not r["refused"], r["answer"]
    # A field with no item of its own in a plan that has lead lines: the task block that talks of it.
    r = assistant.ask("Kon Rẫy muốn giữ tỷ lệ tăng dân số tự nhiên ở mức nào, đơn vị nào chủ trì thực hiện?")
    assert "dưới 1,2%" in r["answer"] and "Văn phòng HĐND&UBND huyện (lĩnh vực Y tế) chủ trì" in r["answer"], r["answer"]


def test_each_sub_item_of_a_numbered_section_with_its_lead(assistant):
    # "mỗi tiểu mục … ai chủ trì": the section's own items, each with its lead; its parent is not counted.
    r = assistant.ask("Mục 3.4 trong KH Kon Rẫy có bao nhiêu tiểu mục, mỗi tiểu mục do phòng nào chủ trì?")
    assert "gồm 6 nội dung" in r["answer"] and "có 4 mục" not in r["answer"], r["answer"]
    for lead in ("Phòng Giáo dục và Đào tạo", "Phòng Kinh tế - Hạ tầng", "Phòng Tài Nguyên và Môi trường"):
        assert lead in r["answer"], r["answer"]


def test_number_with_date_asked_as_one_phrase(assistant):
    r = assistant.ask("Cho mình hỏi KH của Kim Động: số với ngày ban hành là gì?")
    assert "149-KH/HU" in r["answer"] and "12 tháng 4 năm 2024" in r["answer"], r["answer"]
    r = assistant.ask("KH Lạc Dương ban hành sớm hơn mấy ngày so với ngày ban hành KH Kim Động?")
    assert "149-KH/HU" not in r["answer"], r["answer"]  # "so với ngày": comparing dates, no number asked


def test_header_fields_compared_in_everyday_words(assistant):
    r = assistant.ask("Hai KH của Lạc Dương và Kim Động có trùng số với nhau không?")
    assert r["answer"].startswith("Giống nhau") and "149-KH/HU" in r["answer"], r["answer"]
    r = assistant.ask("KH Kim Động và KH Kon Rẫy có do cùng một cấp ban hành không?")
    assert "Ban Thường vụ Huyện ủy" in r["answer"] and "Ủy ban nhân dân huyện" in r["answer"], r["answer"]
    r = assistant.ask("Giữa KH Kim Động và KH Lạc Dương, bản nào ký trước?")
    assert "Lạc Dương (09/04/2024)" in r["answer"] and not r["refused"], r["answer"]
    # A blank date orders nothing: refused, with the dates as written.
    r = assistant.ask("Giữa KH Lạc Dương và KH Kon Rẫy, bản nào ký trước?")
    assert r["refused"] and "chưa ghi ngày" in r["answer"] and "09 tháng 4 năm 2024" in r["answer"], r["answer"]


def test_the_signer_s_name_when_only_the_title_is_written(assistant):
    r = assistant.ask("Người ký KH 149 của Lạc Dương tên đầy đủ là gì?")
    assert r["refused"] and "PHÓ BÍ THƯ" in r["answer"], r["answer"]
    r = assistant.ask("Ai ký KH của Lạc Dương?")
    assert not r["refused"] and "PHÓ BÍ THƯ" in r["answer"], r["answer"]


def test_today_s_level_of_a_thing_the_plan_sets_no_target_for(assistant):
    r = assistant.ask("Hiện nay tỷ lệ hộ nghèo ở Lạc Dương là bao nhiêu?")
    assert r["refused"] and "không nêu số liệu hiện nay" in r["answer"], r["answer"]


def test_the_plan_s_own_name_names_no_section(assistant):
    r = assistant.ask("Kế hoạch thực hiện Nghị quyết 42 của Kim Động có quỹ riêng hỗ trợ bệnh nhân ung thư không?")
    assert r["refused"], r["answer"]


def test_a_target_compared_with_the_one_its_clause_goes_on_to(assistant):
    # "tuổi thọ trung bình … khoảng 75,5 tuổi, số năm sống khỏe đạt tối thiểu 68 năm": stated as one.
    r = assistant.ask("Mục tiêu tuổi thọ trung bình của Lạc Dương với Kim Động có như nhau không?")
    assert r["answer"].startswith("Khác nhau"), r["answer"]
    assert "75,5 tuổi" in r["answer"] and "74,5 tuổi" in r["answer"] and "68 năm" in r["answer"], r["answer"]


def test_documents_a_top_part_cites_are_listed_from_that_part(assistant):
    r = assistant.ask("Liệt kê giúp các nghị quyết, chương trình mà phần nhiệm vụ trong kế hoạch Kon Rẫy dẫn ra")
    assert r["answer"].startswith("Kế hoạch của Kon Rẫy dẫn 4 văn bản trong phần III."), r["answer"]
    assert "111-Ctr/HU" in r["answer"] and "Nghị quyết 28-NQ/TW" in r["answer"]
    assert "193-KH/HU" not in r["answer"]  # a plan (Kế hoạch), not one of the kinds asked


def test_a_trainers_topic_briefing_says_who_leads(assistant):
    r = assistant.ask("Tóm tắt những điểm chính về y tế trong kế hoạch Kon Rẫy")
    assert "Nhiệm vụ chủ yếu về y tế" in r["answer"] and "Đơn vị chủ trì:" in r["answer"], r["answer"]
    assert "Trung tâm Y tế huyện chủ trì" in r["answer"].split("Đơn vị chủ trì:")[1]


def test_a_part_named_by_its_title_is_briefed_with_its_fields_targets(assistant):
    r = assistant.ask("Nêu các ý chính về nước sạch, vệ sinh môi trường trong kế hoạch Kim Động")
    assert "thu gom nước thải sinh hoạt tập trung" in r["answer"], r["answer"]
    assert "Chỉ tiêu đến năm 2030:" in r["answer"] and "trên 30% nước thải sinh hoạt được xử lý" in r["answer"]


def test_a_briefing_of_the_organisation_part_is_not_one_reporting_duty(assistant):
    r = assistant.ask("Tóm tắt giúp phần tổ chức thực hiện kế hoạch Lạc Dương: ai làm gì, báo cáo lên đâu?")
    for body in ("Ban Tuyên giáo Huyện ủy", "Mặt trận Tổ quốc", "Thường trực Hội đồng nhân dân huyện", "báo cáo Huyện ủy"):
        assert body in r["answer"], r["answer"]


def test_a_guess_about_a_district_not_in_the_corpus_is_refused_saying_so(assistant):
    for q in ("Có phải huyện Khoái Châu giao Phòng Lao động chủ trì giảm nghèo không?",
              "Cho hỏi huyện Ngọc Hồi tỉnh Kon Tum giao phòng nào chủ trì việc làm ạ?"):
        r = assistant.ask(q)
        assert r["refused"] and "Kho văn bản không có kế hoạch của huyện" in r["answer"], r["answer"]


def test_a_part_whose_title_reads_like_a_task_is_briefed_item_by_item(assistant):
    # "phần phối hợp với Mặt trận …" reads like an assignment; no lead is asked, the part's items are.
    r = assistant.ask("Tóm tắt giúp mình phần phối hợp với Mặt trận Tổ quốc, các đoàn thể trong kế hoạch của UBND huyện Kon Rẫy")
    assert r["answer"].startswith("Mục 6.") and "có 3 ý" in r["answer"], r["answer"]
    assert "phản biện xã hội" in r["answer"]


def test_things_listed_for_a_group_are_each_briefed_in_their_field(assistant):
    # "trợ cấp" names the social-assistance field as users type it; "chăm sóc sức khỏe" names health.
    r = assistant.ask("Phụng Hiệp có trợ cấp hay chăm sóc sức khỏe gì cho người cao tuổi không?")
    assert r["answer"].startswith("Nội dung về trợ giúp xã hội, y tế liên quan đến người cao tuổi"), r["answer"]
    assert "được hưởng trợ cấp xã hội" in r["answer"] and "bệnh mạn tính" in r["answer"]


def test_a_group_briefing_asks_in_the_fields_of_the_question_not_of_the_story(assistant):
    # "bác sĩ", "bệnh viện" are the story's; the question asks what the plan has for such children, in any field.
    r = assistant.ask("Cháu tôi được bác sĩ chẩn đoán tự kỷ, phải đi bệnh viện tỉnh khám hoài. "
                      "Kế hoạch Lạc Dương có hỗ trợ hay chăm sóc gì cho những trẻ như vậy không?")
    assert not r["answer"].startswith("Nội dung về y tế") and "trẻ tự kỷ" in r["answer"], r["answer"]
    # A fund's name ("Quỹ Bảo trợ trẻ em") names no field to narrow the briefing to.
    r = assistant.ask("Kế hoạch của Kim Động có nhắc gì đến Quỹ Bảo trợ trẻ em không?")
    assert "Quỹ Bảo trợ trẻ em" in r["answer"], r["answer"]


def test_the_province_of_a_plan_is_answered_and_cited_where_the_text_names_it(assistant):
    r = assistant.ask("Kế hoạch Kim Động thuộc tỉnh nào, ai ký?")
    assert "thuộc tỉnh Hưng Yên [" in r["answer"] and "Nguyễn Chi Hội" in r["answer"], r["answer"]
    # Kon Rẫy's text never prints its province: said from the corpus record, and said so.
    r = assistant.ask("Huyện Kon Rẫy ở tỉnh nào vậy?")
    assert "Kon Tum" in r["answer"] and "văn bản không ghi tên tỉnh" in r["answer"], r["answer"]


def test_town_set_against_countryside_asks_both_scopes(assistant):
    r = assistant.ask("Nhà ở bình quân đầu người Kim Động đến 2030: thị trấn so với nông thôn thế nào?")
    for figure in ("34,0", "28,9"):
        assert figure in r["answer"], r["answer"]
    # "các xã, thị trấn" names communes, no scope: the lead is asked, not a figure.
    r = assistant.ask("Ở Kon Rẫy, UBND các xã, thị trấn được giao những việc gì về nhà ở?")
    assert "nông thôn" not in r["answer"][:40]


def test_two_parts_named_by_title_one_with_its_horizon(assistant):
    r = assistant.ask("Tóm giúp phần mục đích, yêu cầu và tầm nhìn đến 2045 trong KH Lạc Dương")
    assert "MỤC ĐÍCH, YÊU CẦU" in r["answer"] and "Tầm nhìn" in r["answer"], r["answer"]


def test_a_recipient_s_purpose_asked_with_muc_dich(assistant):
    r = assistant.ask("KH của Kon Rẫy gửi Ủy ban MTTQ Việt Nam với mục đích gì?")
    assert "để phối hợp" in r["answer"], r["answer"]


def test_letters_listed_in_a_question_count_the_points_asked(assistant):
    r = assistant.ask("Phần 3.3 của Kon Rẫy có các nội dung a), b), c) là gì?")
    for item in ("a) Phát triển hệ thống bảo hiểm xã hội", "b) Rà soát", "c) Tập trung"):
        assert item in r["answer"], r["answer"]


def test_two_bodies_given_tasks_with_giao_twice(assistant):
    r = assistant.ask("KH Lạc Dương giao Ban Tuyên giáo Huyện ủy và giao Mặt trận Tổ quốc những việc gì?")
    assert r["answer"].startswith("Ban Tuyên giáo Huyện ủy được giao"), r["answer"]
    assert "Mặt trận Tổ quốc Việt Nam được giao" in r["answer"]


def test_an_asker_s_own_case_narrows_the_group_s_content_to_what_is_asked(assistant):
    # A child of a war invalid asks about study and jobs: the clauses on those, not all twelve tasks for the group.
    r = assistant.ask("Tôi là con liệt sĩ ở Phụng Hiệp, sắp ra trường. Kế hoạch có gì cho con người có công "
                      "lúc đi học và khi tốt nghiệp không?")
    assert "ưu đãi trong giáo dục và đào tạo" in r["answer"] and "sau khi tốt nghiệp" in r["answer"], r["answer"]
    assert "Chi trả đúng" not in r["answer"] and r["answer"].count("\n- ") <= 4
    # Asked for the whole group (no case of one's own), the group's content stays whole.
    r = assistant.ask("Kế hoạch Phụng Hiệp có những gì cho người có công với cách mạng?")
    assert r["answer"].count("\n- ") >= 6, r["answer"]


def test_a_figure_asked_for_the_vision_year_that_the_vision_never_names_is_refused(assistant):
    # The 2045 vision shares words with the question ("trung bình") but sets no life expectancy: the 2030 figure.
    r = assistant.ask("Đến năm 2045 tuổi thọ trung bình người dân Phụng Hiệp đạt bao nhiêu?")
    assert r["refused"] and "75,5 tuổi" in r["answer"], r["answer"]
    # What the vision does say (HDI) is still answered from it.
    r = assistant.ask("Tầm nhìn 2045 của Phụng Hiệp muốn chỉ số HDI ra sao?")
    assert not r["refused"] and "HDI" in r["answer"], r["answer"]


def test_a_person_asked_by_post_is_the_signer_or_not_named(assistant):
    r = assistant.ask("Chủ tịch UBND huyện Kon Rẫy tên là gì?")
    assert r["refused"] and "không nêu họ tên người giữ chức «chủ tịch»" in r["answer"], r["answer"]
    assert "Đinh Thị Hồng Thu" in r["answer"] and r["citations"]  # who did sign, cited
    r = assistant.ask("Ai là phó bí thư thường trực Huyện ủy Kim Động?")
    assert not r["refused"] and "Nguyễn Chi Hội" in r["answer"], r["answer"]


def test_which_plan_lacks_a_header_or_footer_part(assistant):
    r = assistant.ask("Kế hoạch nào chưa có phần nơi nhận?")
    assert r["answer"].startswith("Không có «nơi nhận»: Phụng Hiệp."), r["answer"]
    r = assistant.ask("Những văn bản nào không ghi số hiệu?")
    assert "Kon Rẫy: để trống" in r["answer"] and "Kim Động: có [" in r["answer"], r["answer"]


def test_which_part_speaks_of_a_body_names_the_part_not_the_body_s_tasks(assistant):
    r = assistant.ask("Ở Phụng Hiệp, mục nào nói về vai trò của Mặt trận Tổ quốc, trong đó giao những gì?")
    assert "9. Tăng cường sự lãnh đạo của Đảng" in r["answer"] and "được giao" not in r["answer"][:60], r["answer"]


def test_a_cited_document_s_date_comes_from_the_sentence_citing_it(assistant):
    # The resolution is cited in a task on culture, far from the passages the question retrieves.
    r = assistant.ask("Kế hoạch Phụng Hiệp có nhắc Nghị quyết 15 của tỉnh, nghị quyết này ban hành ngày nào?")
    assert not r["refused"] and "Nghị quyết số 15-NQ/TU ngày 13/7/2023" in r["answer"], r["answer"]
    r = assistant.ask("Chỉ thị 37 mà kế hoạch Kon Rẫy nhắc tới ban hành ngày nào?")
    assert not r["refused"] and "03 tháng 9 năm 2019" in r["answer"], r["answer"]


def test_the_year_a_target_is_reached_is_the_plan_s_horizon(assistant):
    # Kim Động's pages are shuffled: its targets sit under another heading; the plan model knows them.
    r = assistant.ask("Tới năm nào thì Kim Động phấn đấu mọi hộ đều dùng nước sạch?")
    assert not r["refused"] and "Đến năm 2030" in r["answer"] and "100% số hộ gia đình" in r["answer"], r["answer"]
    # A report's time is a task's date, not a target's year.
    r = assistant.ask("Khi nào UBND các xã ở Kim Động phải báo cáo kết quả?")
    assert "Đến năm 2030" not in r["answer"], r["answer"]


def test_a_task_named_by_a_word_no_plan_writes_has_no_lead(assistant):
    r = assistant.ask("Ở Lạc Dương, phòng nào phụ trách việc phòng chống đuối nước cho trẻ em?")
    assert r["refused"] and "không nhắc đến «phòng chống đuối nước cho trẻ em»" in r["answer"], r["answer"]
    # A typo ("xã hôi") is no unknown word: the plan's "nhà ở xã hội" is found.
    r = assistant.ask("Ở Kon Rẫy ai lo phần nhà ở xã hôi cho công nhân?")
    assert "không nhắc đến" not in r["answer"] and "Phòng Kinh tế - Hạ tầng" in r["answer"], r["answer"]


def test_a_plan_reporting_upward_is_answered_by_its_recipients_marked_for_report(assistant):
    r = assistant.ask("Kế hoạch Lạc Dương báo cáo lên những đâu?")
    assert "nơi nhận để báo cáo" in r["answer"] and "Thường trực Tỉnh ủy" in r["answer"], r["answer"]
    # A plan with no line marked for report says so, and lists its recipients.
    r = assistant.ask("Kế hoạch của Huyện ủy Kim Động phải báo cáo cho những cơ quan nào?")
    assert "không dòng nào ghi để báo cáo" in r["answer"] and "Ban thường vụ Tỉnh ủy" in r["answer"], r["answer"]
    # The communes' reporting duty is no recipient list.
    r = assistant.ask("KH Kon Rẫy các xã báo cáo về đâu?")
    assert "nơi nhận" not in r["answer"] and "Phòng Lao động - TB&XH" in r["answer"], r["answer"]


def test_a_cited_document_asked_by_its_kind_is_answered_with_its_date(assistant):
    r = assistant.ask("Về bảo hiểm xã hội Kon Rẫy tiếp tục theo chương trình nào, ban hành ngày nào?")
    assert not r["refused"] and "Chương trình số 111-Ctr/HU ngày 28/01/2019" in r["answer"], r["answer"]
    assert "(chưa ghi)" not in r["answer"], r["answer"]  # not the plan's own blank date


def test_a_part_pointing_back_at_a_district_not_in_the_corpus_is_refused_with_it(assistant):
    # "của họ" is the district named first, not in the corpus (its province's plan is another district's).
    r = assistant.ask("Huyện Văn Giang của Hưng Yên có kế hoạch thực hiện NQ 42 chưa? Tỷ lệ hộ nghèo của họ đến 2030 là bao nhiêu?")
    assert r["refused"] and "huyện Văn Giang" in r["answer"] and "%" not in r["answer"], r["answer"]
