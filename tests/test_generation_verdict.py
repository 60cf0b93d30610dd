"""A stated figure checked against the plan's ("…, có chính xác không?"), on the real corpus."""

from __future__ import annotations

from assistant.generation.verdict import with_verdict
from assistant.query import analyze, without_check_tail

DISTRICTS = ["Kim Động", "Kon Rẫy", "Lạc Dương", "Phụng Hiệp"]


def test_the_check_tail_is_not_part_of_the_question():
    assert without_check_tail("Lạc Dương đặt 100% hộ thành thị dùng nước sạch, có chính xác không?") == (
        "Lạc Dương đặt 100% hộ thành thị dùng nước sạch?")
    # A question of its own, and a guess about a body ("…, đúng không?"), stay as asked.
    assert without_check_tail("Con số này có chính xác không?") == "Con số này có chính xác không?"
    assert without_check_tail("Kon Rẫy giao Phòng Y tế chủ trì, đúng không?").endswith("đúng không?")
    assert analyze("Kim Động đặt 98% dân số có BHYT, có đúng không?", DISTRICTS).checks_claim


def test_a_verdict_only_when_the_figures_said_are_all_found_or_none_is():
    qa = analyze("Kim Động đặt 98% dân số có BHYT, có đúng không?", DISTRICTS)
    assert with_verdict("98% dân số tham gia bảo hiểm y tế [1].", qa).startswith("Đúng.")
    assert with_verdict("95% dân số tham gia bảo hiểm y tế [1].", qa).startswith("Không đúng như vậy.")
    plain = analyze("Kim Động đặt bao nhiêu % dân số có BHYT?", DISTRICTS)
    assert with_verdict("98% dân số tham gia bảo hiểm y tế [1].", plain) == "98% dân số tham gia bảo hiểm y tế [1]."


def test_a_claim_checked_through_the_pipeline(assistant):
    right = assistant.ask("Nghe nói Kim Động đặt mục tiêu 98% dân số tham gia BHYT, có chính xác không?")
    assert right["answer"].startswith("Đúng.") and "98% dân số" in right["answer"]
    wrong = assistant.ask("Kon Rẫy phấn đấu 90% hộ nông thôn dùng nước sạch, có đúng không?")
    assert wrong["answer"].startswith("Không đúng như vậy.") and "95%" in wrong["answer"]


def test_a_guessed_lead_is_asked_plainly_then_checked(assistant):
    from assistant.generation.verdict import lead_guess

    assert lead_guess("Ở Kon Rẫy, phần trợ giúp xã hội có phải BHXH huyện chủ trì không?") == (
        "Ở Kon Rẫy, phần trợ giúp xã hội do ai chủ trì?", "bhxh huyen")
    assert lead_guess("Ai chủ trì mảng nhà ở?") is None
    wrong = assistant.ask("Ở Kon Rẫy, phần trợ giúp xã hội có phải BHXH huyện chủ trì không?")
    assert wrong["answer"].startswith("Không phải.") and "Phòng Lao động - TB&XH chủ trì" in wrong["answer"]
    right = assistant.ask("Kon Rẫy: mảng nhà ở có phải Phòng Kinh tế - Hạ tầng chủ trì không?")
    assert right["answer"].startswith("Đúng.") and right["citations"]


def test_a_body_asked_whether_it_leads_a_task_or_only_takes_part(assistant):
    from assistant.generation.verdict import lead_guess

    assert lead_guess("Phòng Giáo dục Kon Rẫy có chủ trì mảng thị trường lao động không hay chỉ phối hợp?", DISTRICTS) == (
        "Mảng thị trường lao động do ai chủ trì? (Kon Rẫy)", "phong giao duc")
    only_part = assistant.ask("phong giao duc kon ray co chu tri viec phat trien thi truong lao dong ko hay chi phoi hop")
    assert only_part["answer"].startswith("Không phải.") and "Phòng Lao động - TB&XH chủ trì" in only_part["answer"]
    leads = assistant.ask("Phòng Văn hóa - Thông tin Kon Rẫy có chủ trì việc phát triển văn hóa không?")
    assert leads["answer"].startswith("Đúng.")


def test_a_year_the_plan_does_not_set_checked_is_answered_no(assistant):
    r = assistant.ask("Kế hoạch Kim Động đặt chỉ tiêu tới năm 2025 phải không?")
    assert not r["refused"] and r["answer"].startswith("Không.") and "2030" in r["answer"] and r["citations"]
    asked = assistant.ask("Kim Động đặt chỉ tiêu hộ nghèo năm 2025 là bao nhiêu?")
    assert asked["refused"] and "không đặt chỉ tiêu cho năm 2025" in asked["answer"]
