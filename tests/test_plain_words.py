from assistant.plain_words import is_common_talk


def test_everyday_talk_is_common_and_topics_are_not():
    assert all(is_common_talk(w) for w in ["rồi", "cũng", "vô", "thêm", "nhỏ"])
    assert not any(is_common_talk(w) for w in ["buýt", "tivi", "chờn", "xuồng"])


def test_spoken_particles_written_text_seldom_spells_count_as_talk():
    assert all(is_common_talk(w) for w in ["hông", "vầy", "tui"])
    assert is_common_talk("hong", marked=False)


def test_unmarked_words_take_their_commonest_reading():
    assert is_common_talk("roi", marked=False) and not is_common_talk("buyt", marked=False)
