"""Cross-district comparison on the real plans, with missing cells, and the chat answers built on it."""

from __future__ import annotations

import re

import pytest

from assistant.corpus import Document
from assistant.trainers.chat import make_answerer
from assistant.trainers.compare import NOT_STATED, Row, compare, extremes, superlative_of
from assistant.trainers.data import TrainerData, from_documents


@pytest.fixture(scope="module")
def data(docs: list[Document]) -> TrainerData:
    return from_documents(docs)


def _cells(row: Row) -> dict[str, str]:
    return {c.district: c.display for c in row.cells}


def test_unemployment_with_a_missing_cell(data: TrainerData) -> None:
    cmp = compare("tỷ lệ thất nghiệp", data.targets, data.districts)
    overall = next(r for r in cmp.rows if r.indicator == "tỷ lệ thất nghiệp" and r.scope == "toàn huyện")
    cells = _cells(overall)
    assert cells["Kim Động"] == "dưới 2,1%"
    assert cells["Kon Rẫy"] == "dưới 5%"
    assert cells["Lạc Dương"] == "dưới 05%"
    # Phụng Hiệp sets no unemployment rate: "không nêu", with the indicator it uses instead.
    ph = next(c for c in overall.cells if c.district == "Phụng Hiệp")
    assert not ph.stated and ph.display.startswith(NOT_STATED)
    assert [t.display for t in ph.related] == ["chiếm 2,59%"]
    urban = next(r for r in cmp.rows if r.scope == "thành thị")
    assert _cells(urban)["Kon Rẫy"] == "từ 1,5-2%" and _cells(urban)["Phụng Hiệp"] == NOT_STATED


def test_every_stated_cell_cites_a_span_holding_its_number(data: TrainerData) -> None:
    for query in ("bảo hiểm y tế", "nước sạch", "giường bệnh", "y tế", "giáo dục"):
        cmp = compare(query, data.targets, data.districts)
        assert cmp.rows, query
        for row in cmp.rows:
            for cell in row.cells:
                for t in cell.targets:
                    plan = data.plan(t.district)
                    number = re.search(r"\d[\d.,]*", t.value_text).group(0)  # type: ignore[union-attr]
                    assert number in plan.doc.text[t.start:t.end], (query, t.text)


def test_health_insurance_row(data: TrainerData) -> None:
    cmp = compare("bảo hiểm y tế", data.targets, data.districts)
    assert cmp.rows[0].indicator == "tỷ lệ dân số tham gia bảo hiểm y tế"
    assert _cells(cmp.rows[0]) == {"Kim Động": "98%", "Kon Rẫy": "trên 95%", "Phụng Hiệp": "trên 95%",
                                   "Lạc Dương": "95%"}


def test_housing_superlative_and_missing_plan(data: TrainerData) -> None:
    q = "Về diện tích nhà ở bình quân đầu người, huyện nào đặt chỉ tiêu cao nhất?"
    assert superlative_of(q) == "max"
    cmp = compare(q, data.targets, data.districts, all_scopes=False)
    assert len(cmp.rows) == 1 and cmp.rows[0].scope == "toàn huyện"
    assert _cells(cmp.rows[0])["Lạc Dương"] == NOT_STATED
    assert [c.district for c in extremes(cmp.rows[0], "max")] == ["Kim Động"]
    assert [c.district for c in extremes(cmp.rows[0], "min")] in (["Kon Rẫy", "Phụng Hiệp"], ["Phụng Hiệp", "Kon Rẫy"])


def test_scope_in_the_query_selects_the_row(data: TrainerData) -> None:
    cmp = compare("tỷ lệ hộ gia đình nông thôn được dùng nước sạch", data.targets, data.districts)
    assert [(r.indicator, r.scope) for r in cmp.rows] == [("tỷ lệ hộ gia đình sử dụng nước sạch", "nông thôn")]
    # (Kim Động's 100% of all households holds the countryside's: see the test below)
    assert _cells(cmp.rows[0]) == {"Kim Động": "100% (toàn huyện)", "Kon Rẫy": "95%", "Phụng Hiệp": "95%",
                                   "Lạc Dương": "70 - 80%"}


def test_unknown_indicator_gives_no_rows(data: TrainerData) -> None:
    assert compare("số sân bóng đá mini", data.targets, data.districts).rows == []
    assert compare("", data.targets, data.districts).rows == []


# ------------------------------------------------------------------------------------------- chat


def test_chat_comparison_is_answered_from_the_table_with_citations(assistant) -> None:
    result = assistant.ask("So sánh chỉ tiêu tỷ lệ thất nghiệp giữa các huyện")
    assert result.get("guard", {}).get("source") == "bảng chỉ tiêu"
    assert result["backend"] == "extractive" and not result["refused"] and result["grounded"]
    answer = result["answer"]
    for value in ("dưới 2,1%", "dưới 5%", "dưới 05%", NOT_STATED, "2,59%"):
        assert value in answer
    # The urban figure each plan also sets for the indicator is part of the answer, on its own line.
    assert "khu vực thành thị" in answer and "dưới 06%" in answer and "1,5-2%" in answer
    cites = {c["n"]: c for c in result["citations"]}
    # Each district's number is cited by a passage that holds it.
    for district, value in (("Kim Động", "2,1%"), ("Kon Rẫy", "dưới 5%"), ("Lạc Dương", "05%"), ("Phụng Hiệp", "2,59%")):
        m = re.search(re.escape(value) + r"[^\[]*\[(\d+)\]", answer)
        assert m, value
        cited = cites[int(m.group(1))]
        assert cited["district"] == district and value in cited["text"]


def test_chat_superlative(assistant) -> None:
    result = assistant.ask("Huyện nào đặt mục tiêu tuổi thọ cao nhất?")
    assert result.get("guard", {}).get("source") == "bảng chỉ tiêu"
    first = result["answer"].split(". Chi tiết")[0]
    assert "cao nhất" in first and "Kim Động" in first and "Phụng Hiệp" in first and "75,5 tuổi" in first
    assert "Kon Rẫy" not in first
    assert {c["district"] for c in result["citations"]} == {"Kim Động", "Kon Rẫy", "Phụng Hiệp", "Lạc Dương"}


def test_answerer_appends_passages_and_leaves_other_questions_alone(assistant) -> None:
    answer = make_answerer(assistant.store)
    passages, analysis = assistant.retrieve("Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?")
    before = list(passages)
    assert answer(analysis.text, analysis, passages) is None
    assert passages == before

    passages, analysis = assistant.retrieve("So sánh chỉ tiêu tỷ lệ tham gia bảo hiểm y tế của Lạc Dương và Kim Động")
    n_before = len(passages)
    g = answer(analysis.text, analysis, passages)
    assert g is not None and "98%" in g.text and "95%" in g.text and "Kon Rẫy" not in g.text
    markers = {int(m) for m in re.findall(r"\[(\d+)\]", g.text)}
    assert markers and max(markers) <= len(passages) and set(g.cited) == markers
    assert len(passages) >= n_before
    for n in markers:
        chunk = passages[n - 1].chunk
        assert chunk.id in {c.id for c in assistant.store.chunks}  # an indexed passage, not a made-up one


def test_tables_rebuilt_from_the_index_match_the_corpus(assistant, tmp_path) -> None:
    # With no readable corpus folder, plan texts are put back together from the indexed chunks.
    from assistant.trainers.data import _from_store, from_store

    normal = from_store(assistant.store, assistant.settings.corpus_dir)
    rebuilt = _from_store(assistant.store, tmp_path, None)

    def key(d: TrainerData) -> list[tuple[object, ...]]:
        return sorted((t.doc_id, t.indicator, t.scope, t.value, t.value_start, t.display) for t in d.targets)

    assert key(rebuilt) == key(normal) and len(rebuilt.assignments) == len(normal.assignments)


def test_which_of_two_plans_sets_the_higher_figure(assistant) -> None:
    r = assistant.ask("Kim Động và Kon Rẫy, huyện nào đặt tỷ lệ tham gia BHYT cao hơn?")
    assert r["answer"].startswith("Đặt tỷ lệ dân số tham gia bảo hiểm y tế cao hơn: Kim Động (98%")
    low = assistant.ask("Giữa Lạc Dương và Phụng Hiệp, nơi nào đặt tuổi thọ trung bình thấp hơn?")
    assert low["answer"].startswith("Đặt tuổi thọ trung bình thấp hơn: Lạc Dương")


def test_the_overall_rate_asked_beside_a_scoped_one_keeps_both_rows(data: TrainerData) -> None:
    cmp = compare("tỷ lệ thất nghiệp, xét cả tỷ lệ chung lẫn khu vực thành thị", data.targets, data.districts)
    assert {r.scope for r in cmp.rows} >= {"toàn huyện", "thành thị"}


def test_a_second_indicator_named_whole_is_a_row_too(data: TrainerData) -> None:
    cmp = compare("Số bác sĩ trên 10.000 dân huyện nào cao hơn? Cho biết luôn chỉ tiêu giường bệnh.",
                  data.targets, data.districts)
    assert {r.indicator for r in cmp.rows} == {"số bác sĩ trên 10.000 dân", "số giường bệnh trên 10.000 dân"}


def test_targets_counted_per_ten_thousand_people(assistant) -> None:
    r = assistant.ask("Kim Động đặt mấy chỉ tiêu tính theo đầu 10.000 dân đến năm 2030? Mỗi chỉ tiêu là bao nhiêu?")
    assert "(4 chỉ tiêu)" in r["answer"] and "5,2 bác sĩ" in r["answer"] and "thất nghiệp" not in r["answer"], r["answer"]


def test_a_whole_district_hundred_percent_states_a_scope(data: TrainerData) -> None:
    # Kim Động sets 100% of all households on clean water: the countryside's row holds it, marked as the whole
    # district's; a figure below 100% for the whole district says nothing of one scope.
    cmp = compare("tỷ lệ hộ nông thôn dùng nước sạch", data.targets, data.districts)
    rural = next(r for r in cmp.rows if r.scope == "nông thôn")
    assert _cells(rural)["Kim Động"] == "100% (toàn huyện)", _cells(rural)
    assert [c.district for c in extremes(rural, "min")] == ["Lạc Dương"]
    urban = next(r for r in compare("tỷ lệ thất nghiệp", data.targets, data.districts).rows if r.scope == "thành thị")
    assert all("toàn huyện" not in v for v in _cells(urban).values()), _cells(urban)


def test_both_ends_asked_are_both_said(assistant) -> None:
    r = assistant.ask("Huyện nào đặt tỷ lệ hộ nông thôn có nước sạch cao nhất và huyện nào thấp nhất?")
    assert "cao nhất: Kim Động" in r["answer"] and "thấp nhất: Lạc Dương" in r["answer"], r["answer"]


def test_comparing_n_plans_names_no_indicator(data: TrainerData) -> None:
    # "So 4 huyện thì …": the count of plans and "so" are the request, not the indicator's words.
    cmp = compare("So 4 huyện thì huyện nào có chỉ tiêu thất nghiệp chung thấp nhất?", data.targets, data.districts)
    row = next(r for r in cmp.rows if r.scope == "toàn huyện")
    assert row.indicator == "tỷ lệ thất nghiệp" and [c.district for c in extremes(row, "min")] == ["Kim Động"]
