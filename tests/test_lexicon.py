"""Everyday wording and shorthand read in the plans' terms, and what it does to real answers."""

from __future__ import annotations

from assistant.lexicon import expand_abbreviations, official_terms, rewrite
from assistant.text import fold


def test_rewrite_keeps_the_rest_of_the_question():
    assert rewrite("Ông bà lớn tuổi nhà nghèo ở Kim Động có được trợ cấp không?").endswith("ở Kim Động có được trợ cấp không?")
    assert "hộ nghèo" in rewrite("nhà nghèo") and "người cao tuổi" in rewrite("ông bà")
    assert rewrite("ty le tham gia bhyt cua kim dong") == "ty le tham gia bảo hiểm y tế cua kim dong"
    assert rewrite("Kế hoạch của Kon Rẫy") == "Kế hoạch của Kon Rẫy"  # nothing everyday: unchanged
    assert expand_abbreviations("kh cua ubnd") == "ke hoach cua uy ban nhan dan"
    assert official_terms(fold("xem tivi, nghe đài")) == ["phát thanh, truyền hình"]


def test_a_question_already_in_the_plans_wording_keeps_its_words():
    q = "Tỷ lệ trẻ dưới 5 tuổi suy dinh dưỡng thể thấp còi là bao nhiêu?"
    assert rewrite(q) == q
    assert rewrite("Tỷ lệ trẻ thấp còi là bao nhiêu?") == "Tỷ lệ trẻ suy dinh dưỡng là bao nhiêu?"


def test_household_words_reach_the_plans_sentence(assistant):
    r = assistant.ask("Ông bà lớn tuổi thuộc nhà nghèo ở Kim Động có được nhận trợ cấp không?")
    assert not r["refused"] and "người cao tuổi" in r["answer"].lower() and "hộ nghèo" in r["answer"]
    tv = assistant.ask("bà con vùng sâu vùng xa ở Kon Rẫy có được xem tivi nghe đài không")
    assert not tv["refused"] and "phát thanh" in tv["answer"]


def test_office_short_names_read_as_the_plans_write_them():
    from assistant.lexicon import expand_body_names

    full = "phong lao dong - thuong binh va xa hoi"
    for typed in ("Phòng LĐ-TB&XH", "Phòng LĐTBXH", "phòng Lao động - TB&XH", "Phòng Lao động - Thương binh và Xã hội"):
        assert expand_body_names(fold(typed)) == full, typed
    assert expand_body_names(fold("Phòng GD&ĐT")) == expand_body_names(fold("Phòng Giáo dục - Đào tạo"))
    assert expand_body_names(fold("Ban Tuyên giáo")) == "ban tuyen giao"  # nothing to spell out
    # The office's "P" joined to its initials, as typed in chat.
    assert expand_body_names("pgd&dt kon ray chu tri gi") == "phong giao duc va dao tao kon ray chu tri gi"
    assert expand_body_names(fold("P.LĐTBXH")) == full


def test_household_words_for_health_work_and_literacy():
    assert rewrite("lac duong bao nhieu thay thuoc") == "lac duong bao nhieu bác sĩ"
    assert rewrite("Kon Rẫy muốn có bao nhiêu y tá") == "Kon Rẫy muốn có bao nhiêu điều dưỡng viên"
    assert "thất nghiệp" in rewrite("số người không kiếm được việc làm")
    assert "xóa mù chữ" in rewrite("người dân biết đọc biết viết")
    assert rewrite("trẻ tự kỷ") == "trẻ tự kỷ"  # already the plans' word


def test_household_words_for_sanitation_immunisation_and_health_cards():
    assert "nhà tiêu" in rewrite("Nhà nào cũng có nhà vệ sinh không?") and "hộ gia đình" in rewrite("nhà dân có cầu tiêu")
    assert "tiêm chủng mở rộng" in rewrite("tỷ lệ chích ngừa theo chương trình nhà nước")
    assert "tiêm chủng" in rewrite("chích ngừa cho con nít")
    # The longest phrase wins where two start together: the health card, not "đi khám".
    assert rewrite("có thẻ bảo hiểm đi khám bệnh") == "tham gia bảo hiểm y tế"


def test_health_card_in_plain_words_answers_the_insurance_target(assistant):
    r = assistant.ask("Kon Rẫy phấn đấu bao nhiêu phần trăm người dân có thẻ bảo hiểm đi khám chữa bệnh?")
    assert not r["refused"] and "95%" in r["answer"] and "bảo hiểm y tế" in r["answer"]


def test_a_visit_to_the_commune_clinic_is_primary_care(assistant):
    said = rewrite("ra trạm xá khám bệnh thông thường")
    assert "chăm sóc sức khỏe ban đầu" in said and "trạm y tế" in said
    # a plan paying for primary care "tại cơ sở y tế" answers, though it never says "trạm y tế"
    r = assistant.ask("Ở Kim Động đi trạm xá khám bệnh thông thường thì bảo hiểm có trả tiền không?")
    assert not r["refused"] and "chăm sóc sức khỏe ban đầu" in r["answer"]


def test_people_judging_officials_is_the_plans_satisfaction_and_trust(assistant):
    assert "sự hài lòng và tín nhiệm của Nhân dân" in rewrite("dân chấm điểm cán bộ")
    r = assistant.ask("Ở Lạc Dương, người dân có được chấm điểm cán bộ làm chính sách không?")
    assert not r["refused"] and "sự hài lòng và tín nhiệm" in r["answer"]


def test_calling_on_people_and_giving_to_a_fund_in_plain_words():
    assert "huy động" in rewrite("Huyện có kêu gọi doanh nghiệp không?")
    assert "đóng góp vào Quỹ" in rewrite("người dân góp tiền vào quỹ nào")
    assert "hỗ trợ" in rewrite("có giúp đỡ người nghèo không")


def test_a_call_on_organisations_in_plain_words_reaches_the_plans_sentence(assistant):
    r = assistant.ask("Kon Rẫy có kêu gọi các tổ chức, cá nhân góp sức cho chính sách xã hội không?")
    assert not r["refused"] and "huy động sự đóng góp của các tổ chức, cá nhân" in r["answer"]


def test_school_levels_retirement_and_floor_area_in_plain_words():
    assert "tốt nghiệp THCS" in official_terms(fold("học sinh học hết lớp 9"))
    assert "tốt nghiệp THCS" in official_terms(fold("lop 9 ra truong"))
    assert "tốt nghiệp THPT" in official_terms(fold("xong cấp 3"))
    assert "sau độ tuổi nghỉ hưu" in official_terms(fold("người đã hết tuổi hưu"))
    assert any("m² sàn/người" in t for t in official_terms(fold("mỗi người được ở bao nhiêu mét vuông nhà")))
    # The plans' own "mở rộng" (tiêm chủng mở rộng) is not a question about floor area.
    assert not any("m² sàn" in t for t in official_terms(fold("tiêm chủng mở rộng đạt bao nhiêu")))


def test_floor_area_in_plain_words_answers_the_housing_target(assistant):
    r = assistant.ask("Kon Rẫy tính tới 2030 bình quân mỗi người ở rộng bao nhiêu mét vuông?")
    assert "30,0m²" in r["answer"], r["answer"]


def test_a_health_insurance_card_is_taking_part_in_health_insurance():
    assert "tham gia bảo hiểm y tế" in official_terms(fold("bao nhiêu người dân có thẻ BHYT"))


def test_martyrs_are_the_plans_own_word():
    assert "liệt sĩ" in rewrite("nhà bia liệt sĩ xuống cấp")


def test_plain_words_for_illness_housing_repairs_and_communes() -> None:
    assert "bệnh mãn tính" in rewrite("ông bà bị huyết áp, tiểu đường")
    assert "cải thiện nhà ở" in rewrite("muốn sửa sang nhà cửa") and "hộ nghèo" in rewrite("nhà nghèo")
    assert "các xã, thị trấn" in rewrite("hạn chót cho cấp xã")



def test_household_words_for_housing_and_area():
    assert "nhà tạm, nhà dột nát" in official_terms(fold("nhà lá mưa là dột"))
    assert "diện tích nhà ở bình quân m² sàn/người" in official_terms(fold("mỗi người ở rộng cỡ mấy thước"))
    assert "nhà tạm, nhà dột nát" not in official_terms(fold("cấm đốt rác"))


def test_shorthand_inside_a_document_number_is_part_of_its_name():
    assert rewrite("Kế hoạch 149-KH/HU và 39/KH-UBND") == "Kế hoạch 149-KH/HU và 39/KH-UBND"
    assert rewrite("KH này") == "kế hoạch này"
    assert "báo cáo" in rewrite("bc hằng năm") and "chủ trì" in rewrite("phòng nào ctri")


def test_english_words_of_office_talk():
    assert "chủ trì" in rewrite("vụ y tế ai lead") and "kế hoạch" in rewrite("trong plan Kim Động")
    assert expand_abbreviations(fold("target nha o cua kon ray")) == "chi tieu nha o cua kon ray"


def test_proposing_changes_to_the_rules_in_plain_words():
    assert "đề xuất" in official_terms(fold("ai kiến nghị sửa luật"))
    assert "văn bản quy phạm pháp luật" in official_terms(fold("rà soát văn bản pháp quy"))


def test_ages_in_years_and_living_like_the_neighbours():
    assert "trẻ em dưới 36 tháng tuổi" in official_terms(fold("đứa cháu chưa đầy 3 tuổi"))
    assert "người cao tuổi" in official_terms(fold("tôi ngoài sáu mươi"))
    assert "mức sống của cộng đồng dân cư" in official_terms(fold("sống không thua kém bà con xung quanh"))


def test_mending_a_memorial_and_where_the_money_comes_from(assistant):
    assert official_terms(fold("sửa sang đài liệt sĩ, tiền lấy ở đâu")) == ["tu bổ, tôn tạo", "nguồn vốn"]
    r = assistant.ask("Lạc Dương có tính sửa sang đài liệt sĩ không, tiền lấy ở đâu?")
    assert not r["refused"] and "ngân sách" in r["answer"] and "Đài tưởng niệm liệt sĩ" in r["answer"]


def test_household_words_for_population_food_heritage_and_care(assistant):
    assert "tỷ số giới tính khi sinh" in rewrite("nhà nào cũng thích đẻ con trai")
    assert "an toàn thực phẩm" in rewrite("thực phẩm bẩn") and "di sản văn hóa" in rewrite("giữ gìn đình chùa")
    assert "trẻ em mồ côi" in rewrite("đứa nhỏ không còn cha mẹ")
    r = assistant.ask("Lạc Dương có quan tâm người bị bệnh tâm thần không?")
    assert not r["refused"] and "sức khoẻ tâm thần" in r["answer"]


def test_fixed_term_work_abroad_is_not_a_deadline(assistant):
    assert "hoàn thành trước ngày" not in rewrite("đi làm thuê có thời hạn ở nước ngoài")
    assert "hoàn thành trước ngày" in rewrite("thời hạn nộp báo cáo")
    r = assistant.ask("Con tôi ở Kim Động đi làm ở nước ngoài có thời hạn, về nước thì huyện có tính gì không?")
    assert not r["refused"] and "nước ngoài theo hợp đồng" in r["answer"]


def test_credit_in_either_plans_wording_and_the_internet(assistant):
    # Kim Động writes "hỗ trợ vốn vay", the other plans "tín dụng chính sách xã hội": both answer "vay vốn"
    r = assistant.ask("Kim Động có giúp người nghèo vay vốn làm ăn không?")
    assert not r["refused"] and "vốn vay" in r["answer"]
    k = assistant.ask("Kon Rẫy có cho người nghèo vay tiền làm ăn không?")
    assert not k["refused"] and "tín dụng chính sách xã hội" in k["answer"]
    net = assistant.ask("Phụng Hiệp có tính chuyện cho dân vùng xa xem được internet không?")
    assert not net["refused"] and "internet" in net["answer"]


def test_children_counted_by_age_are_children_not_pupils(assistant):
    assert "học sinh" in rewrite("tụi nhỏ học hết cấp 2")
    said = rewrite("mấy đứa nhỏ đủ 6 tuổi vào lớp 1")
    assert "học sinh" not in said and "trẻ em" in said
    r = assistant.ask("Ở Kim Động mấy đứa nhỏ 6 tuổi có được vào lớp 1 hết không?")
    assert "100% trẻ em 6 tuổi vào lớp 1" in r["answer"] and "lớp 10" not in r["answer"]


def test_a_raised_allowance_is_the_plans_nang_muc(assistant):
    assert "nâng mức" in official_terms(fold("có được tăng phụ cấp không"))
    r = assistant.ask("Kon Rẫy: người có công có được tăng phụ cấp không?")
    assert not r["refused"] and "nâng mức chuẩn trợ cấp" in r["answer"]


def test_chat_shorthand_is_read():
    from assistant.lexicon import expand_abbreviations

    assert expand_abbreviations("co ghi so vs ngay ko") == "co ghi so va ngay khong"
    assert expand_abbreviations("chi tieu bn %, dc j") == "chi tieu bao nhieu %, duoc gi"


def test_steering_pupils_to_a_trade_is_the_plans_phan_luong():
    said = rewrite("con học hết cấp 2 có được hướng cho đi học nghề không")
    assert "phân luồng học sinh, định hướng nghề nghiệp" in said and "tốt nghiệp THCS" in said
    assert "định hướng nghề nghiệp" in rewrite("trường có hướng nghiệp cho các cháu không")


def test_housing_for_workers_keeps_the_workers():
    said = rewrite("nhà ở cho công nhân")
    assert "nhà ở xã hội" in said and "công nhân" in said


def test_how_often_is_the_plans_periodic_words():
    assert "định kỳ, hàng năm" in rewrite("UBND xã phải báo cáo bao lâu một lần?")
    assert "định kỳ, hàng năm" in rewrite("giám sát với tần suất nào")


def test_countryside_and_town_as_people_name_them(assistant):
    assert "nông thôn" in rewrite("bà con dưới quê") and "thành thị" in rewrite("người trên phố")
    assert "sử dụng nước sạch" in rewrite("có được xài nước sạch không")
    r = assistant.ask("Bà con dưới quê ở Kim Động có được xài nước sạch không, chỉ tiêu thế nào?")
    assert not r["refused"] and "nước sạch" in r["answer"] and "%" in r["answer"]


def test_loudspeakers_are_the_grassroots_information_system():
    assert "hệ thống thông tin cơ sở" in rewrite("có làm hệ thống loa ở thôn không")
    assert "phát thanh, truyền hình" in rewrite("nghe loa phường")


def test_asking_for_the_plans_own_words_is_dropped():
    assert rewrite("Kế hoạch viết nguyên văn thế nào về mã số an sinh xã hội?") == "Kế hoạch viết thế nào về mã số an sinh xã hội?"
    assert rewrite("Trích đúng tên phong trào") == "tên phong trào"


def test_a_household_latrine_as_people_name_it():
    said = rewrite("bao nhiêu phần trăm nhà có nhà vệ sinh")
    assert "hộ gia đình" in said and "nhà tiêu hợp vệ sinh" in said
    assert "hộ gia đình" not in rewrite("nhà có người già")  # "nhà" alone is a home, not a counted household


def test_drains_and_workers_papers_as_villagers_say_them():
    said = rewrite("làm đường ống gom nước cống cho mấy xóm")
    assert "hệ thống thu gom nước thải" in said and "điểm dân cư" in said
    assert "điểm dân cư" not in rewrite("các cụ trong xóm")
    assert "nước thải sinh hoạt" in rewrite("nước cống có được xử lý không")
    assert "bằng cấp, chứng chỉ" in rewrite("người đi làm có giấy chứng nhận tay nghề")


def test_a_child_of_a_fallen_soldier_at_school():
    said = rewrite("con của thương binh, liệt sĩ đi học")
    assert "con của người có công" in said and "giáo dục và đào tạo" in said
    assert "giáo dục và đào tạo" not in rewrite("trẻ đi học đúng độ tuổi")


def test_memorials_and_money_asked_in_other_plans_words():
    # The works honouring fallen soldiers asked of a plan naming memorials: both names searched; the plans' own
    # words kept, and a cemetery is no memorial.
    assert "đài tưởng niệm liệt sĩ" in rewrite("Kinh phí tu bổ các công trình ghi công liệt sĩ ở Lạc Dương lấy từ nguồn nào?")
    assert "nguồn vốn" in rewrite("Kinh phí tu bổ các công trình ghi công liệt sĩ ở Lạc Dương lấy từ nguồn nào?")
    assert "đài tưởng niệm" not in rewrite("Lạc Dương có nội dung nào về nghĩa trang liệt sĩ không?")
    said = "Câu về tu bổ đài tưởng niệm liệt sĩ viết thế nào?"
    assert rewrite(said) == said


def test_household_words_for_people_living_alone_and_staffing_ratios():
    from assistant.lexicon import rewrite

    said = rewrite("ông bà già neo đơn, người tàn tật không nơi nương tựa")
    assert "cô đơn" in said and "người khuyết tật" in said and "người người" not in said
    assert rewrite("lac duong bs/10k dan 2030?").startswith("lac duong bác sĩ/10.000")
    assert "bs" in rewrite("bs thêm nội dung nào")  # not a ratio: left as typed


def test_si_and_sy_are_one_word():
    from assistant.lexicon import rewrite

    assert rewrite("bac sy tren 10k dan") == "bác sĩ tren 10.000 dan"


def test_moving_out_for_a_project_in_the_plans_words(assistant):
    assert "di dời, tái định cư" in rewrite("Nhà tôi bị giải tỏa mặt bằng làm đường")
    r = assistant.ask("Nhà tôi ở Lạc Dương bị giải tỏa mặt bằng làm đường, con trai muốn học nghề thì có được hỗ trợ gì không?")
    assert not r["refused"] and "di dời, tái định cư" in r["answer"] and "học nghề" in r["answer"], r["answer"]


def test_everyday_words_of_hardship_in_the_plans_terms():
    said = {
        "mái nhà bị dột, tường bị nứt": "nhà tạm, nhà dột nát",
        "con tôi sang Hàn Quốc làm việc": "đi làm việc ở nước ngoài theo hợp đồng",
        "năm nào cũng sạt lở, ngập lụt": "thiên tai, bão lũ",
        "chú tôi mất một tay": "người khuyết tật",
        "tôi muốn tự mua bảo hiểm": "bảo hiểm xã hội tự nguyện",
        "công ty nợ đóng bảo hiểm": "vi phạm pháp luật về bảo hiểm xã hội",
        "khi ra trường có được ưu tiên": "sau khi tốt nghiệp",
        "có tính thay đổi không": "đổi mới",
        "cháu hay bị bạn bắt nạt": "hòa nhập cộng đồng",
        "ông tôi xem tv cả ngày": "phát thanh, truyền hình",
    }
    for everyday, official in said.items():
        assert official in official_terms(fold(everyday)), everyday
    # How an allowance is paid is "chi trả"; receiving it is the allowance itself.
    assert "chi trả trợ cấp" in official_terms(fold("cách phát tiền hàng tháng"))
    assert "chi trả trợ cấp" not in official_terms(fold("bà có được nhận tiền trợ cấp không"))
    # Words folding to the same letters are not the everyday word: an exam ("kỳ thi"), buying insurance.
    assert "hòa nhập cộng đồng" not in official_terms(fold("con tôi sắp vào kỳ thi tốt nghiệp"))
    assert "thiên tai, bão lũ" not in official_terms(fold("tôi muốn mua bảo hiểm cho mẹ"))


def test_a_name_s_word_opens_no_everyday_phrase():
    # "Kim Động báo cáo" folds to "… dong bao cao": no "đồng bào" in it; at a sentence's start the phrase is read.
    assert "đồng bào" not in rewrite("Khi nào thì Kim Động báo cáo kết quả?")
    assert "đồng bào dân tộc thiểu số" in rewrite("Đồng bào ở Kon Rẫy được hỗ trợ gì?")


def test_a_relative_s_old_age_and_a_category_in_household_words():
    assert "người cao tuổi" in rewrite("Bà nội em năm nay 82 tuổi, nhà thuộc diện cận nghèo")
    assert "diện" not in rewrite("nhà thuộc diện cận nghèo")
    assert "người cao tuổi" not in rewrite("Tuổi thọ trung bình 70 tuổi của Kon Rẫy")
    assert "hưởng trợ cấp" in rewrite("có được nhận trợ cấp không")


def test_the_birth_rate_in_everyday_words_is_the_plans_fertility_rate():
    assert "tổng tỷ suất sinh" in rewrite("Lạc Dương đặt mức sinh bao nhiêu?")
    assert "tổng tỷ suất sinh" in rewrite("mỗi phụ nữ sinh mấy con là đạt chỉ tiêu?")
    # The plans' own "mức sinh thay thế" stays as written.
    assert "tổng tỷ suất sinh" not in rewrite("duy trì mức sinh thay thế thế nào?")


def test_a_doctor_of_one_s_own_is_the_family_doctor_model():
    assert "mô hình bác sĩ gia đình" in rewrite("Có bác sĩ riêng cho từng gia đình không?")
    assert "mô hình bác sĩ gia đình" in rewrite("nhà tôi muốn có bác sĩ quen theo dõi")
