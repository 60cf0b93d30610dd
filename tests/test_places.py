"""The country's districts: a district the corpus lacks is told from ordinary words, however it is typed."""

from assistant.places import district_named, districts, provinces
from assistant.text import fold

CORPUS = {"kim dong", "kon ray", "lac duong", "phung hiep"}


def test_every_district_and_province_is_known() -> None:
    assert len(districts()) > 650 and len(provinces()) == 63
    assert districts()["kon ray"].province == "Kon Tum"


def test_a_district_is_named_after_huyen_or_ben_in_any_spelling() -> None:
    assert district_named(fold("huyen tu mo rong co ke hoach khong"), CORPUS).name == "Tu Mơ Rông"
    assert district_named(fold("Bên Văn Giang giao ai chủ trì?"), CORPUS).name == "Văn Giang"
    assert district_named(fold("thị xã Ngã Bảy đặt chỉ tiêu gì"), CORPUS).province == "Hậu Giang"


def test_corpus_districts_provinces_and_ordinary_words_are_not_other_districts() -> None:
    assert district_named(fold("huyện Kon Rẫy giao ai chủ trì nhà ở"), CORPUS) is None
    assert district_named(fold("ở Lâm Đồng có kế hoạch nào"), CORPUS) is None  # a province, not a district
    assert district_named(fold("người ở vùng cao của huyện được hỗ trợ gì"), CORPUS) is None
    assert district_named(fold("tỷ lệ hộ nghèo ở nông thôn"), CORPUS) is None


def test_a_district_followed_by_its_province_needs_no_huyen() -> None:
    assert district_named(fold("van giang hung yen chi tieu ho ngheo"), CORPUS).name == "Văn Giang"
    assert district_named(fold("Đắk Hà, Kon Tum giao ai lo nhà ở"), CORPUS).name == "Đắk Hà"
    # The corpus's own district with its province is not another district.
    assert district_named(fold("kim dong hung yen co chi tieu gi"), CORPUS) is None


def test_a_district_named_by_its_party_committee_or_youth_union() -> None:
    assert district_named(fold("huyen uy bao loc giao ai lam gi"), CORPUS).name == "Bảo Lộc"
    assert district_named(fold("Huyện đoàn Đắk Glei phối hợp việc gì"), CORPUS).name == "Đắk Glei"
    assert district_named(fold("Huyện ủy Kim Động giao ai chủ trì"), CORPUS) is None


def test_terse_chat_names_its_place_first_without_huyen() -> None:
    def plans_write(name: str) -> bool:
        return name in {"van ban", "thong nhat", "kim dong"}

    assert district_named(fold("ngoc hoi bhyt 2030 bn %"), CORPUS, plans_write).name == "Ngọc Hồi"
    assert district_named(fold("Long Mỹ có chỉ tiêu hộ nghèo không"), CORPUS, plans_write).province == "Hậu Giang"
    # Words the plans themselves open with, and the corpus's own districts, are not another district.
    assert district_named(fold("văn bản nào quy định việc này"), CORPUS, plans_write) is None
    assert district_named(fold("kim dong bhyt 2030"), CORPUS, plans_write) is None
    # Without the plans' vocabulary to tell ordinary words apart, only "huyện …" or the province names a place.
    assert district_named(fold("ngoc hoi bhyt 2030 bn %"), CORPUS) is None


def test_a_name_typed_with_its_marks_is_that_place_only():
    # "của văn bản đó" folds to "cua van ban": typed with marks it is a document, not the district Văn Bàn (Lào Cai).
    said = "Cho tôi số hiệu và ngày của văn bản đó."
    assert district_named(fold(said), {"lac duong"}, said=said) is None
    said = "Huyện Văn Bàn có kế hoạch thực hiện NQ 42 không?"
    assert district_named(fold(said), {"lac duong"}, said=said).name == "Văn Bàn"
    # Typed without marks the folded name is all there is.
    assert district_named("huyen van ban co ke hoach khong", {"lac duong"}, said="huyen van ban co ke hoach khong").name == "Văn Bàn"
