"""Chat summaries of one district's targets and assignments, answered from the extracted tables."""

from __future__ import annotations

import re
from typing import Any

import pytest

from assistant.text import collapse_ws, fold, nfc
from assistant.trainers.summary import question_topics

_MARK = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"(?<![\d\[])\d+(?:[.,]\d+)*(?![\d\]])")


def _items(result: dict[str, Any]) -> list[tuple[str, str]]:
    """(item text, cited passage text) for every "- …" line of a table answer."""
    by_n = {c["n"]: collapse_ws(c["text"]) for c in result["citations"]}
    out = []
    for line in result["answer"].splitlines():
        if not line.startswith("- "):
            continue
        marks = _MARK.findall(line)
        assert len(marks) == 1, line
        out.append((_MARK.sub("", line), by_n[int(marks[0])]))
    return out


def _every_line_cited(result: dict[str, Any]) -> None:
    lines = [ln for ln in result["answer"].splitlines() if ln.strip()]
    assert lines and all(_MARK.search(ln) for ln in lines), result["answer"]
    assert result["answer"] == nfc(result["answer"])
    assert not result["refused"] and result["grounded"]


@pytest.mark.parametrize(
    ("question", "district", "numbers"),
    [
        ("Tóm tắt các chỉ tiêu y tế đến năm 2030 của Kim Động để trình bày ở hội nghị quán triệt.", "Kim Động",
         ["75,5 tuổi", "68 năm", "20,8 giường bệnh viện", "98%", "99%", "dưới 15%"]),
        ("Tóm lược các chỉ tiêu lao động, việc làm và bảo hiểm của Lạc Dương đến 2030.", "Lạc Dương",
         ["dưới 05%", "dưới 06%", "22 - 25%", "26%", "17%", "35%"]),
        ("tom tat cac chi tieu nha o cua kim dong", "Kim Động", ["31,7m² sàn/người", "34,0m² sàn/người"]),
    ],
)
def test_target_summary_quotes_each_number_from_its_cited_passage(
    assistant: Any, question: str, district: str, numbers: list[str]
) -> None:
    r = assistant.ask(question)
    assert r["guard"]["source"] == "bảng chỉ tiêu"
    _every_line_cited(r)
    for n in numbers:
        assert n in r["answer"], (n, r["answer"])
    items = _items(r)
    assert 2 <= len(items) <= 13
    for text, passage in items:
        for number in _NUMBER.findall(text):
            assert number in passage, (number, text)
    assert {c["district"] for c in r["citations"]} == {district}


def test_target_summary_keeps_to_the_named_topic(assistant: Any) -> None:
    r = assistant.ask("Liệt kê các chỉ tiêu giáo dục đến năm 2030 của Phụng Hiệp.")
    assert r["guard"]["source"] == "bảng chỉ tiêu"
    assert all(s in r["answer"] for s in ("98%", "tối thiểu đạt 95%", "tối thiểu đạt 75%", "mức độ 2"))
    assert "75,5 tuổi" not in r["answer"] and "giường bệnh" not in r["answer"]


def test_assignment_summary_of_a_section_cites_each_lead_agency(assistant: Any) -> None:
    r = assistant.ask("Soạn giúp bản tóm tắt phân công chủ trì các lĩnh vực phúc lợi xã hội (mục 3.4) "
                      "trong kế hoạch Kon Rẫy để phổ biến cho các phòng, ban.")
    assert r["guard"]["source"] == "bảng phân công"
    _every_line_cited(r)
    leads = ["Phòng Giáo dục và Đào tạo", "Trung tâm Y tế huyện", "Phòng Văn hóa - Thông tin",
             "Phòng Kinh tế - Hạ tầng", "Phòng Tài Nguyên và Môi trường"]
    items = _items(r)
    for lead in leads:
        lines = [(t, p) for t, p in items if lead in t]
        assert lines, (lead, r["answer"])
        assert all(lead in p for _, p in lines), lead
    assert all("3.4." in c["breadcrumb"] for c in r["citations"])
    assert len({c["n"] for c in r["citations"]}) >= 5


@pytest.mark.parametrize(
    ("question", "bodies"),
    [
        ("Tóm tắt trách nhiệm của các tổ chức trong phần tổ chức thực hiện kế hoạch Kim Động.",
         ["UBND huyện", "Mặt trận Tổ quốc", "Ban Tuyên giáo Huyện ủy"]),
        ("Tóm tắt phần tổ chức thực hiện của kế hoạch Kon Rẫy.",
         ["Phòng Lao động - TB&XH huyện", "Các phòng, ban chuyên môn thuộc Ủy ban nhân dân huyện",
          "Ủy ban nhân dân các xã, thị trấn"]),
    ],
)
def test_assignment_summary_of_the_organisation_part(assistant: Any, question: str, bodies: list[str]) -> None:
    r = assistant.ask(question)
    assert r["guard"]["source"] == "bảng phân công"
    _every_line_cited(r)
    for body in bodies:  # named exactly as the plan writes them, each in its own cited passage
        assert any(body in t and body in p for t, p in _items(r)), body
    assert all("TỔ CHỨC THỰC HIỆN" in c["breadcrumb"] for c in r["citations"])


def test_organisation_summary_keeps_each_bodys_deadlines(assistant: Any) -> None:
    # The communes' item is long; its deadlines come last and are what a trainer passes on.
    r = assistant.ask("Tóm tắt phần tổ chức thực hiện của kế hoạch Kon Rẫy.")
    communes = next(t for t, _ in _items(r) if "Ủy ban nhân dân các xã, thị trấn:" in t)
    assert "trước ngày 15 tháng 8 năm 2024" in communes and "trước ngày 05 tháng 12" in communes
    assert "( qua" not in communes


def test_assignment_summary_by_topic(assistant: Any) -> None:
    r = assistant.ask("Tóm tắt phân công chủ trì các nhiệm vụ về nhà ở trong kế hoạch Kon Rẫy.")
    assert r["guard"]["source"] == "bảng phân công"
    assert "Phòng Kinh tế - Hạ tầng" in r["answer"]
    assert all("nhà ở" in c["breadcrumb"] for c in r["citations"])


@pytest.mark.parametrize(
    "question",
    [
        "Tuổi thọ trung bình mà Kim Động đặt ra đến năm 2030 là bao nhiêu?",  # not a summary
        "Tóm tắt phân công chủ trì các nhiệm vụ về y tế trong kế hoạch Lạc Dương.",  # no such rows
    ],
)
def test_other_questions_go_to_the_generator(assistant: Any, question: str) -> None:
    r = assistant.ask(question)
    assert "source" not in r.get("guard", {}), r["answer"]


def test_question_topics() -> None:
    assert question_topics(fold("các chỉ tiêu lao động, việc làm và bảo hiểm")) == ["lao động – việc làm", "bảo hiểm"]
    # "bảo hiểm y tế" is insurance, not also health; agency names name no topic.
    assert question_topics(fold("bảo hiểm xã hội, bảo hiểm thất nghiệp và bảo hiểm y tế")) == ["bảo hiểm"]
    assert question_topics(fold("trách nhiệm của Phòng Lao động - TB&XH")) == []
    assert question_topics(fold("Phòng Giáo dục và Đào tạo chủ trì nhiệm vụ về y tế")) == ["y tế"]


def test_comparison_reads_abbreviations_as_the_plans_write_them(assistant: Any) -> None:
    r = assistant.ask("Huyện nào đặt tỉ lệ tham gia BHYT đến 2030 thấp nhất?")
    assert r["answer"].startswith("Đặt tỷ lệ dân số tham gia bảo hiểm y tế thấp nhất"), r["answer"]
    assert "Kim Động: 98%" in r["answer"]


def test_one_plan_and_the_others_answers_every_plan(assistant: Any) -> None:
    r = assistant.ask("Tuổi thọ trung bình Lạc Dương đặt bao nhiêu, có khác các huyện còn lại không?")
    assert {c["district"] for c in r["citations"]} == {"Kim Động", "Kon Rẫy", "Lạc Dương", "Phụng Hiệp"}, r["answer"]


def test_a_summary_of_the_tasks_on_a_topic_covers_every_paragraph_of_it(assistant: Any) -> None:
    # Only tasks asked ("các việc"), no "chỉ tiêu": still the structured topic summary, every task paragraph in it.
    r = assistant.ask("Tóm lược giúp các việc Kim Động đặt ra cho người có công, để mình nói ở hội nghị.")
    assert "\nNhiệm vụ chủ yếu về người có công:" in r["answer"], r["answer"]
    # the topic's only target opens it: what the tasks are for
    assert r["answer"].startswith("Chỉ tiêu đến năm 2030 về người có công") and "trung bình khá" in r["answer"]
    assert r["answer"].count("\n- ") >= 2 and r["citations"]
    # the last sentence of each paragraph is said too, not only its opening sentence
    assert "giải quyết tồn đọng" in r["answer"] and "mộ liệt sĩ" in r["answer"]


def test_goals_and_measures_of_a_topic_bring_its_targets(assistant: Any) -> None:
    r = assistant.ask("Tóm tắt mục tiêu, giải pháp về nhà ở của Kim Động cho buổi tập huấn.")
    assert r["answer"].startswith("Chỉ tiêu đến năm 2030 về nhà ở"), r["answer"]
    assert "Nhiệm vụ chủ yếu về nhà ở" in r["answer"]


def test_main_points_of_a_topic_are_its_targets_and_tasks(assistant: Any) -> None:
    r = assistant.ask("Cho em xin những điểm chính về bảo hiểm trong kế hoạch Lạc Dương.")
    assert r["answer"].startswith("Chỉ tiêu đến năm 2030 về bảo hiểm"), r["answer"]
    assert "Nhiệm vụ chủ yếu về bảo hiểm" in r["answer"]


def test_a_long_target_clause_keeps_what_its_figure_counts(assistant: Any) -> None:
    r = assistant.ask("So sánh chỉ tiêu đồng bào dân tộc thiểu số được nghe, xem phát thanh truyền hình giữa các huyện.")
    assert "80% các xã, thị trấn có đồng bào dân tộc thiểu số" in r["answer"], r["answer"]


def test_indicators_named_in_a_target_list_request_are_always_listed(assistant: Any) -> None:
    r = assistant.ask("Liệt kê các chỉ tiêu y tế 2030 của Kim Động, nhất là tiêm chủng và suy dinh dưỡng")
    assert "99%" in r["answer"] and "dưới 15%" in r["answer"]
    head = r["answer"].split("Kế hoạch còn nêu")[0]
    assert "tiêm chủng" in head and "suy dinh dưỡng" in head  # in the list, not only in "còn nêu …"


def test_abbreviated_topics_are_read(assistant: Any) -> None:
    r = assistant.ask("Liệt kê giúp chỉ tiêu việc làm và BHXH đến 2030 của Lạc Dương")
    assert "26%" in r["answer"] and "35%" in r["answer"]  # 35%: pensions, the insurance topic


def test_a_briefing_says_the_goals_the_target_section_sets_without_a_figure(assistant: Any) -> None:
    r = assistant.ask("Tóm tắt chỉ tiêu và giải pháp về nhà ở của Phụng Hiệp")
    assert "30m2" in r["answer"] and "nhà tạm, nhà dột nát" in r["answer"]
    health = assistant.ask("Tóm tắt chỉ tiêu và nhiệm vụ về y tế của Lạc Dương")
    goals = health["answer"].split("Mục tiêu không định lượng:")[1].split("\n")[0]
    assert "loại trừ sốt rét" in goals and not re.search(r"\d", goals.split("[")[0])  # no target line broken up


def test_every_target_of_a_plan_when_no_field_is_named(assistant: Any) -> None:
    r = assistant.ask("Lạc Dương đặt những chỉ tiêu gì đến năm 2030?")
    assert r["guard"]["source"] == "bảng chỉ tiêu"
    _every_line_cited(r)
    lines = [ln for ln in r["answer"].splitlines() if ln.startswith("- ")]
    assert len(lines) >= 20 and "(nhóm y tế)" in r["answer"] and "(nhóm giáo dục)" in r["answer"]


def test_several_fields_asked_each_get_room(assistant: Any) -> None:
    r = assistant.ask("Tóm tắt các chỉ tiêu lao động, y tế, nhà ở của Kim Động")
    assert "98% dân số tham gia bảo hiểm y tế" in r["answer"] and "31,7m²" in r["answer"]


def test_organisation_summary_keeps_a_reporting_duty_cut_short(assistant: Any) -> None:
    r = assistant.ask("Tóm tắt phần tổ chức thực hiện của dự thảo Phụng Hiệp")
    propaganda = next(t for t, _ in _items(r) if "Ban Tuyên giáo Huyện ủy chủ trì" in t)
    assert "sơ kết, tổng kết Nghị quyết 42-NQ/TW" in propaganda


def test_a_task_the_text_breaks_across_a_page_is_briefed_as_one_line(assistant: Any) -> None:
    # Kon Rẫy's text breaks "… xây dựng trường học đạt" / "chuẩn quốc gia các cấp học" with a blank line.
    r = assistant.ask("Tóm tắt nhiệm vụ và chỉ tiêu về giáo dục của Kon Rẫy, ai chủ trì?")
    assert "trường học đạt chuẩn quốc gia" in r["answer"], r["answer"]
    assert not re.search(r"\n- Chuẩn quốc gia", r["answer"])


def test_a_trainer_s_field_asked_in_parts_is_briefed_whole(assistant: Any) -> None:
    # "…: đạt những gì? làm gì? ai chủ trì?" with a trainer's purpose: one briefing, not three part answers.
    r = assistant.ask("Soạn bài giảng về nhà ở cho cán bộ Kim Động. Đến 2030 đạt những gì? Phải làm gì? Ai chủ trì?")
    assert r["answer"].startswith("Chỉ tiêu đến năm 2030 về nhà ở"), r["answer"]
    assert "31,7m²" in r["answer"] and "Nhiệm vụ chủ yếu về nhà ở" in r["answer"], r["answer"]
