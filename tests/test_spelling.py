"""One-letter typos mended against the plans' own words, and only those."""

import pytest

from assistant.spelling import Speller


@pytest.fixture(scope="module")
def speller(assistant) -> Speller:
    return Speller.from_stats(assistant.store.stats)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("các chỉ tiu giáo dục của Kon Rẫy", "các chỉ tiêu giáo dục của Kon Rẫy"),  # a letter missing
        ("cac chi tiu giao duc", "cac chi tieu giao duc"),  # typed without marks: mended without marks
        ("Kế hoạc của Phụng Hiệp do ai ký?", "Kế hoạch của Phụng Hiệp do ai ký?"),  # "hoạc" is no word, "hoặc" aside
        ("tỷ lệ bảo hiễm y tế", "tỷ lệ bảo hiểm y tế"),  # the wrong mark only
        ("nhiêm vụ của phòng y tế", "nhiệm vụ của phòng y tế"),
    ],
)
def test_a_typo_beside_a_word_the_plans_pair_it_with_is_mended(speller: Speller, typed: str, meant: str) -> None:
    assert speller.correct(typed) == meant


@pytest.mark.parametrize(
    "said",
    [
        "Má tôi già rồi, ở Kim Động được hông?",  # talk the plans never use is not a typo
        "mấy đứa nhỏ con nít đi học",
        "KH của Lạc Dương ko nêu à?",  # shorthand the lexicon reads
        "Ông Phạm Thị Phúc ký ở Đăk Hà",  # names
        "thất nghiệp ở thành thi bao nhiêu",  # "thi" is a word: a wrong mark on a word is left to matching
    ],
)
def test_words_and_names_are_left_as_typed(speller: Speller, said: str) -> None:
    assert speller.correct(said) == said


def test_a_typed_question_is_answered_as_meant(assistant) -> None:
    r = assistant.ask("Tóm tắt giúp mình các chỉ tiu giáo dục đến 2030 trong KH của Kon Rẫy")
    assert not r["refused"] and "Trên 99% trẻ 6 tuổi vào lớp 1" in r["answer"]
