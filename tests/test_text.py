from assistant.text import (
    find_names,
    fold,
    has_diacritics,
    lexical_tokens,
    nfc,
    query_tokens,
    strip_diacritics,
)


def test_fold_removes_marks_and_d_bar():
    assert fold("Kon Rẫy") == "kon ray"
    assert fold("ĐỒNG ĐẲNG") == "dong dang"
    assert strip_diacritics("Phòng Kinh tế - Hạ tầng") == "Phong Kinh te - Ha tang"


def test_nfc_unifies_decomposed_input():
    decomposed = "Kon Ra\u0306\u0303y"  # ẵ typed as base + combining marks
    assert nfc(decomposed) == nfc("Kon Rẵy")
    assert fold(decomposed) == "kon ray"


def test_has_diacritics():
    assert has_diacritics("nhà ở")
    assert not has_diacritics("nha o kon ray")


def test_query_tokens_match_index_tokens_without_diacritics():
    doc = set(lexical_tokens("Phòng Kinh tế - Hạ tầng chủ trì nhiệm vụ nhà ở"))
    q = query_tokens("ai chu tri nha o")
    assert "chu_tri" in q and "chu_tri" in doc
    assert "nha" in doc and "~nhà" in doc
    # A query without diacritics carries no exact-form tokens, so it loses nothing against accented text.
    assert not any(t.startswith("~") for t in q)


def test_find_names_with_and_without_diacritics_and_aliases():
    names = ["Kim Động", "Kon Rẫy", "Lạc Dương"]
    assert find_names("ai chu tri nha o o kon ray", names) == ["Kon Rẫy"]
    assert find_names("So sánh Lạc Dương và Kim Động", names) == ["Lạc Dương", "Kim Động"]
    assert find_names("kế hoạch của tỉnh Lâm Đồng", names, {"Lạc Dương": ["Lâm Đồng"]}) == ["Lạc Dương"]
    assert find_names("không nêu huyện nào", names) == []


def test_shorten_cuts_at_a_word_and_drops_trailing_punctuation():
    from assistant.text import shorten

    assert shorten("Giao Ban Tuyên giáo chủ trì./", 100) == "Giao Ban Tuyên giáo chủ trì"
    assert shorten("một hai ba bốn năm", 9) == "một hai…"


def test_shorten_sentences_keeps_the_opening_of_every_sentence_and_its_deadline():
    import re

    from assistant.text import shorten_sentences

    text = ("Thực hiện đa dạng hóa hình thức thông tin, tuyên truyền, phổ biến các chủ trương của Đảng về bảo hiểm. "
            "Thực hiện tốt chính sách bảo hiểm xã hội tự nguyện; có chính sách hỗ trợ một phần từ ngân sách. "
            "Xây dựng kế hoạch triển khai, xác định rõ các mục tiêu, nhiệm vụ, tiến độ thực hiện, hoàn thành trước ngày 15 tháng 8 năm 2024.")
    short = shorten_sentences(text, 200, floor=60, keep=re.compile(r"ngày \d"))
    assert len(short) < len(text)
    assert short.startswith("Thực hiện đa dạng hóa") and "bảo hiểm xã hội tự nguyện" in short
    assert "Xây dựng kế hoạch" in short and "hoàn thành trước ngày 15 tháng 8 năm 2024" in short
    assert shorten_sentences("Một câu ngắn.", 200) == "Một câu ngắn"


def test_shorten_sentences_keeps_the_clauses_asked_for_in_their_order():
    from assistant.text import shorten_sentences

    text = ("Một vế mở đầu khá dài để bị cắt đi, vế thứ hai chẳng có gì, vế thứ ba có ngày 15 tháng 8 năm 2024, "
            "vế thứ tư cũng không. Câu sau ngắn.")
    out = shorten_sentences(text, 60, floor=30, keep=lambda c: 2.0 if "ngày" in c else 0.0)
    assert "ngày 15 tháng 8 năm 2024" in out and "vế thứ hai" not in out and "…" in out
    assert out.index("Một vế") < out.index("ngày 15") < out.index("Câu sau")


def test_a_clause_ending_just_past_the_cut_is_said_whole():
    from assistant.text import shorten_sentences

    text = ("Thực hiện tốt công tác chăm sóc sức khoẻ cho mọi người dân hướng tới bảo hiểm y tế toàn dân. "
            "Chú trọng phát triển mạng lưới y tế cơ sở, y tế dự phòng, chăm sóc sức khoẻ tâm thần cho người dân.")
    out = shorten_sentences(text, 170, floor=80)
    assert "bảo hiểm y tế toàn dân" in out and "toàn…" not in out
    assert out.startswith("Thực hiện tốt") and "Chú trọng phát triển" in out


def test_a_district_by_its_initials():
    names = ["Kim Động", "Kon Rẫy", "Phụng Hiệp", "Lạc Dương"]
    assert find_names("kđ muc tieu giuong benh la bn", names) == ["Kim Động"]
    assert find_names("So sánh KR với PH", names) == ["Kon Rẫy", "Phụng Hiệp"]
    # Lower-case initials without a marked letter, or a body's code, name no place.
    assert find_names("phòng ld-tb&xh, ph học sinh", names) == []
    assert find_names("Phòng LD-TB&XH chủ trì", names) == []


def test_lower_case_initials_opening_a_terse_message_name_the_district():
    from assistant.text import find_names

    plans = ["Kim Động", "Kon Rẫy", "Phụng Hiệp", "Lạc Dương"]
    assert find_names("kd kinh phi thuc hien kh bn ty", plans) == ["Kim Động"]
    assert find_names("kr bhyt bn", plans) == ["Kon Rẫy"]
    # "ld" is lao động's shorthand; initials inside a message are ordinary letters.
    assert find_names("ld nong thon qua dao tao bn %", plans) == []
    assert find_names("nhà ở kd", plans) == []


def test_the_sentence_kept_for_what_is_asked_is_said_whole():
    from assistant.text import shorten_sentences

    text = ("Phát triển đa dạng các loại hình nhà ở xã hội cho công nhân, người lao động. "
            "Có chính sách về đất đai, vốn, tín dụng hỗ trợ hộ nghèo cải thiện nhà ở và nâng cao điều kiện an toàn về chỗ ở "
            "cho người dân sinh sống tại khu vực thường xuyên bị thiên tai, bão lũ gây ra. "
            "Đẩy mạnh xã hội hóa trong phát triển nhà ở, thu hút các doanh nghiệp đầu tư xây dựng các dự án nhà ở.")

    def keep(clause: str) -> float:
        return float("thiên tai" in clause)

    short = shorten_sentences(text, 300, keep=keep)
    assert "thường xuyên bị thiên tai, bão lũ gây ra" in short, short
    assert "thiên tai, bão lũ" not in shorten_sentences(text, 300), "without a clause to keep, each sentence is cut"


def test_a_title_alone_on_its_line_ends_there_only_when_it_is_a_heading():
    from assistant.text import title_line_breaks

    text = "5. Xây dựng hệ thống an sinh xã hội\nThực hiện đa dạng hóa hình thức thông tin."
    assert title_line_breaks(text, {"5. Xây dựng hệ thống an sinh xã hội"}) == [text.index("\n")]
    # A hard-wrapped line that happens to end before a capital is not a title.
    assert title_line_breaks(text, {"III. NHIỆM VỤ VÀ GIẢI PHÁP"}) == []
