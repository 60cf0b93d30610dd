"""The grounding guard: markers, dropped citations, uncited claims, numbers written differently."""

from __future__ import annotations

import pytest

from assistant.chunking import Chunk
from assistant.generation import guard
from assistant.generation.base import REFUSAL
from assistant.retrieval import Passage


def _passage(text: str, headings: list[str] | None = None, district: str = "Lạc Dương") -> Passage:
    chunk = Chunk(
        id=f"t-{abs(hash(text))}", doc_id="t", district=district, headings=headings or ["II. MỤC TIÊU"],
        labels=["II"], text=text, start=0, end=len(text),
    )
    return Passage(chunk, 1.0, 1.0, 1.0, rank=1)


@pytest.fixture()
def passages() -> list[Passage]:
    return [
        _passage("Tỷ lệ thất nghiệp chung dưới 05%; tỷ lệ hộ nghèo giảm bình quân 2,1 %/năm; 10.000 lượt người được hỗ trợ."),
        _passage("Phòng Kinh tế - Hạ tầng chủ trì thực hiện nhiệm vụ về nhà ở xã hội.", ["III. NHIỆM VỤ", "3.4. Nhà ở"]),
        _passage("Tuổi thọ trung bình khoảng 74,5 tuổi; 95% người dân tham gia bảo hiểm y tế."),
    ]


def test_grounded_answer_keeps_its_markers(passages: list[Passage]) -> None:
    r = guard.check("Phòng Kinh tế - Hạ tầng chủ trì nhiệm vụ nhà ở xã hội [2].", passages)
    assert r.grounded and not r.refused
    assert r.cited == [2] and r.dropped_markers == [] and r.reasons == []
    assert r.text == "Phòng Kinh tế - Hạ tầng chủ trì nhiệm vụ nhà ở xã hội [2]."


def test_marker_groups_are_split_and_ranges_expanded(passages: list[Passage]) -> None:
    r = guard.check("Tỷ lệ thất nghiệp dưới 5% [1, 3]. Tuổi thọ 74,5 tuổi [1-3].", passages)
    assert r.grounded
    assert r.text == "Tỷ lệ thất nghiệp dưới 5% [1][3]. Tuổi thọ 74,5 tuổi [1][2][3]."
    assert r.cited == [1, 3, 2]


def test_marker_to_missing_passage_is_dropped_and_recorded(passages: list[Passage]) -> None:
    r = guard.check("Phòng Kinh tế - Hạ tầng chủ trì nhiệm vụ nhà ở [2][9].", passages)
    assert r.dropped_markers == [9]
    assert "[9]" not in r.text and r.cited == [2]
    assert r.grounded  # the remaining citation still supports the claim
    assert any("[9]" in reason for reason in r.reasons)


def test_answer_citing_only_a_missing_passage_is_ungrounded(passages: list[Passage]) -> None:
    r = guard.check("Phòng Kinh tế - Hạ tầng chủ trì nhiệm vụ nhà ở [9].", passages)
    assert not r.grounded
    assert r.cited == [] and r.dropped_markers == [9]
    assert "câu trả lời không trích dẫn đoạn nào" in r.reasons


def test_answer_without_citation_is_ungrounded(passages: list[Passage]) -> None:
    r = guard.check("Phòng Kinh tế - Hạ tầng chủ trì nhiệm vụ nhà ở.", passages)
    assert not r.grounded and r.cited == []


@pytest.mark.parametrize("stated", ["5%", "05%", "5 %", "2,1%", "2,1 %", "2.1%", "10.000", "10000", "74,5", "74.5", "95 %"])
def test_numbers_are_compared_normalised(passages: list[Passage], stated: str) -> None:
    r = guard.check(f"Chỉ tiêu nêu mức {stated} [1][3].", passages)
    assert r.grounded, r.reasons
    assert r.unsupported_numbers == []


@pytest.mark.parametrize("stated", ["7%", "2,2%", "21%", "100.000", "74", "10"])
def test_invented_number_is_ungrounded(passages: list[Passage], stated: str) -> None:
    r = guard.check(f"Chỉ tiêu nêu mức {stated} [1][3].", passages)
    assert not r.grounded
    assert r.unsupported_numbers == [stated.rstrip("%").strip()]
    assert any("số liệu" in reason for reason in r.reasons)


def test_number_must_be_in_a_cited_passage_not_just_any(passages: list[Passage]) -> None:
    # 74,5 is in passage 3, but the answer cites only passage 1.
    r = guard.check("Tuổi thọ trung bình khoảng 74,5 tuổi [1].", passages)
    assert not r.grounded and r.unsupported_numbers == ["74,5"]


def test_numbers_in_headings_and_list_enumerators_are_not_invented(passages: list[Passage]) -> None:
    text = "Các nhiệm vụ chính:\n1. Theo mục 3.4, Phòng Kinh tế - Hạ tầng chủ trì nhiệm vụ nhà ở [2].\n2) Tỷ lệ thất nghiệp dưới 5% [1]."
    r = guard.check(text, passages)
    assert r.grounded, r.reasons


def test_claim_after_the_last_citation_is_uncited(passages: list[Passage]) -> None:
    r = guard.check("Phòng Kinh tế - Hạ tầng chủ trì [2]. Ngoài ra Công an huyện phối hợp kiểm tra hằng năm.", passages)
    assert not r.grounded
    assert r.uncited == ["Ngoài ra Công an huyện phối hợp kiểm tra hằng năm"]


def test_uncited_paragraph_is_ungrounded_but_intro_line_is_not(passages: list[Passage]) -> None:
    ok = guard.check("Theo kế hoạch của huyện:\n- Phòng Kinh tế - Hạ tầng chủ trì [2].", passages)
    assert ok.grounded
    bad = guard.check("Phòng Kinh tế - Hạ tầng chủ trì [2].\nHuyện sẽ hoàn thành mọi chỉ tiêu sớm hơn dự kiến.", passages)
    assert not bad.grounded and bad.uncited


def test_refusal_is_grounded_and_canonical(passages: list[Passage]) -> None:
    r = guard.check("Không tìm thấy thông tin này trong các kế hoạch hiện có", passages)
    assert r.refused and r.grounded and r.text == REFUSAL and r.cited == []


def test_empty_answer_is_ungrounded(passages: list[Passage]) -> None:
    r = guard.check("   ", passages)
    assert not r.grounded and "câu trả lời rỗng" in r.reasons


def test_decisions_are_serialisable(passages: list[Passage]) -> None:
    d = guard.check("Đạt 99% [1][7].", passages).as_dict()
    assert d["checked"] is True and d["grounded"] is False
    assert d["dropped_markers"] == [7] and d["unsupported_numbers"] == ["99"]
    assert all(isinstance(r, str) for r in d["reasons"])  # type: ignore[union-attr]


def test_number_forms() -> None:
    assert guard.number_forms("05") == {"5"}
    assert guard.number_forms("2,1") == {"2.1"}
    assert guard.number_forms("2,10") == {"2.1"}
    assert guard.number_forms("10.000") == {"10000"}
    assert guard.number_forms("1,500") == {"1500", "1.5"}
    assert guard.number_forms("1.234.567") == {"1234567"}
    assert guard.number_forms("3.4") == {"3.4"}
    assert guard.number_forms("12.5.2024") == {"12.5.2024"}


def test_real_passage_with_leading_zero_percent(assistant) -> None:
    passages, _ = assistant.retrieve("Tỷ lệ thất nghiệp chung ở Lạc Dương đến năm 2030 là bao nhiêu?")
    n = next(i for i, p in enumerate(passages, start=1) if "05%" in p.chunk.text)
    r = guard.check(f"Tỷ lệ thất nghiệp chung dưới 5 % đến năm 2030 [{n}].", passages)
    assert r.grounded, r.reasons
