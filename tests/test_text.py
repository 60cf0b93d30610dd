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
