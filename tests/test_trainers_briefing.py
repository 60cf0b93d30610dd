"""Briefing outlines for every district: every line cited, sources point at the plan's own words, the
DOCX opens and holds the numbers; and the brief/compare/export commands."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import docx
import pytest

from assistant.cli import main
from assistant.corpus import Document, load_corpus
from assistant.plan.extract import clean
from assistant.plan.topics import UnknownTopicError, topic_keys
from assistant.trainers.briefing import Briefing, build_briefing
from assistant.trainers.data import TrainerData, UnknownDistrictError, from_documents
from tests.conftest import CORPUS_DIR

DISTRICTS = [d.district for d in load_corpus(CORPUS_DIR)]
SECTIONS = ["I. Mục đích, yêu cầu", "II. Chỉ tiêu đến năm 2030", "III. Nhiệm vụ, giải pháp chủ yếu",
            "IV. Tổ chức thực hiện", "V. So sánh với các huyện khác"]


@pytest.fixture(scope="module")
def data(docs: list[Document]) -> TrainerData:
    return from_documents(docs)


def _check_cited(b: Briefing, data: TrainerData) -> None:
    md = b.to_markdown()
    body, _, sources = md.partition("## Nguồn trích dẫn")
    assert sources, "no sources list"
    n_sources = len(b.sources)
    for line in body.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        marks = [int(n) for n in re.findall(r"\[(\d+)\]", line)]
        assert marks, f"line without a source: {line}"
        assert all(1 <= n <= n_sources for n in marks), line
    for s in b.sources:
        doc = data.plan(s.district).doc
        assert 0 <= s.start < s.end <= len(doc.text)
        assert s.quote == clean(doc.text[s.start:s.end])
        assert f"[{s.n}]" in body  # no source listed without being cited


@pytest.mark.parametrize("district", DISTRICTS)
def test_briefing_for_each_district_renders_with_sources(data: TrainerData, district: str) -> None:
    for topic in topic_keys():
        b = build_briefing(data, district, topic)
        assert b.district == district and b.topic == topic
        md = b.to_markdown()
        for title in SECTIONS:
            assert f"## {title}" in md
        _check_cited(b, data)


@pytest.mark.parametrize("district", DISTRICTS)
def test_target_lines_cite_the_clause_holding_the_number(data: TrainerData, district: str) -> None:
    b = build_briefing(data, district, "y tế")
    targets = next(s for s in b.sections if s.title.startswith("II."))
    by_n = {s.n: s for s in b.sources}
    mine = [t for t in data.plan(district).targets if "y tế" in t.topics]
    assert len(targets.lines) == len(mine) > 0
    for line, t in zip(targets.lines, mine, strict=True):
        assert t.display in line.text
        number = re.search(r"\d[\d.,]*", t.value_text).group(0)  # type: ignore[union-attr]
        assert number in by_n[line.cites[0]].quote


def test_kon_ray_tasks_name_their_lead(data: TrainerData) -> None:
    b = build_briefing(data, "kon ray", "nha o")  # names without diacritics
    tasks = next(s for s in b.sections if s.title.startswith("III."))
    assert any("phát triển nhà ở xã hội" in line.text for line in tasks.lines)
    lead = [line for line in tasks.lines if line.text.startswith("Chủ trì:")]
    assert lead and "Phòng Kinh tế - Hạ tầng" in lead[0].text
    src = next(s for s in b.sources if s.n == lead[0].cites[0])
    assert "Phòng Kinh tế - Hạ tầng chủ trì" in src.quote


def test_missing_targets_are_said_and_cited(data: TrainerData) -> None:
    # Lạc Dương sets no housing-area target: the outline says so and cites the target section.
    b = build_briefing(data, "Lạc Dương", "nhà ở")
    targets = next(s for s in b.sections if s.title.startswith("II."))
    assert len(targets.lines) == 1 and "không nêu" in targets.lines[0].text
    src = next(s for s in b.sources if s.n == targets.lines[0].cites[0])
    assert "chỉ tiêu chủ yếu đến năm 2030" in src.quote


def test_docx_opens_and_contains_the_numbers(data: TrainerData) -> None:
    b = build_briefing(data, "Lạc Dương", "y tế")
    d = docx.Document(io.BytesIO(b.to_docx()))
    text = "\n".join(p.text for p in d.paragraphs)
    for number in ("74,5 tuổi", "14-16 giường bệnh", "9-10 bác sĩ", "01 dược sĩ", "95%", "dưới 15%"):
        assert number in text
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert any(h.startswith("II. Chỉ tiêu") for h in headings) and "Nguồn trích dẫn" in headings
    assert d.core_properties.title == b.title
    assert sum(1 for p in d.paragraphs if re.match(r"\[\d+\] ", p.text)) == len(b.sources)


def test_unknown_district_or_topic(data: TrainerData) -> None:
    with pytest.raises(UnknownDistrictError, match="Các huyện hiện có"):
        build_briefing(data, "Hà Nội", "y tế")
    with pytest.raises(UnknownTopicError, match="Các chủ đề"):
        build_briefing(data, "Kon Rẫy", "thể thao")


# ---------------------------------------------------------------------------------------- commands


def test_brief_command_writes_docx_and_md(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "de-cuong.docx"
    assert main(["brief", "--district", "Lạc Dương", "--topic", "y tế", "--format", "docx", "--out", str(out)]) == 0
    assert "74,5 tuổi" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert main(["brief", "--district", "Kim Động", "--topic", "bảo hiểm"]) == 0
    md = capsys.readouterr().out
    assert "98%" in md and "## Nguồn trích dẫn" in md
    assert main(["brief", "--district", "Hà Nội", "--topic", "y tế"]) == 2
    assert "Không có huyện" in capsys.readouterr().err


def test_compare_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "tỷ lệ thất nghiệp"]) == 0
    out = capsys.readouterr().out
    assert "Phụng Hiệp: không nêu" in out and "dưới 05%" in out and "Nguồn:" in out
    assert main(["compare", "bảo hiểm y tế", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert rows[0]["cells"][0]["display"] == "98%"


def test_export_command(tmp_path: Path, data: TrainerData, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "chi-tieu.csv"
    assert main(["export", "targets", "--format", "csv", "--out", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Vietnamese text as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(data.targets) and rows[0]["Huyện"]
    assert {r["Như văn bản ghi"] for r in rows if r["Huyện"] == "Lạc Dương"} >= {"dưới 05%", "đạt 22 - 25%"}
    capsys.readouterr()
    assert main(["export", "assignments", "--format", "json", "--district", "Kon Rẫy"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert items and all(i["district"] == "Kon Rẫy" for i in items)
    assert sum(i["kind"] == "thực hiện" for i in items) == 20


def test_a_topics_tasks_say_every_sentence_of_each_paragraph(assistant) -> None:
    r = assistant.ask("tóm tắt nhiệm vụ về y tế của Kon Rẫy")
    # "bác sĩ gia đình" opens the second sentence of the paragraph on the health system.
    assert "bác sĩ gia đình" in r["answer"] and "y tế dự phòng" in r["answer"]
    assert "Trung tâm Y tế huyện" not in r["answer"]  # no lead asked
    assert r["answer"].startswith("Nhiệm vụ chủ yếu về y tế")  # tasks asked: nine health targets are not listed
    led = assistant.ask("Soạn giúp các nhiệm vụ về y tế của Kon Rẫy, kèm đơn vị chủ trì")
    assert "bác sĩ gia đình" in led["answer"] and "Trung tâm Y tế huyện" in led["answer"]


def test_a_field_named_only_by_a_place_a_target_counts_is_not_that_field(data: TrainerData) -> None:
    from assistant.trainers.summary import select_targets

    # "100% hộ gia đình, trường học, trạm y tế có công trình vệ sinh" is sanitation, no education target;
    # health insurance is still health's related target.
    plan = data.plan("Kim Động")
    education = [t.text for t in select_targets(plan, ["giáo dục"])]
    assert not any("công trình" in t for t in education), education
    assert any("bảo hiểm y tế" in t.text for t in select_targets(plan, ["y tế"]))


def test_a_briefing_of_a_plan_without_field_leads_says_who_directs(assistant) -> None:
    # Outline for a talk ("dàn ý", "báo cáo viên") with targets, tasks and who leads asked: a briefing; a Huyện ủy
    # plan gives no lead per field, so the part of its organisation giving the direction is said.
    for q in ("Tôi ở Đoàn thanh niên Phụng Hiệp, cần dàn ý mảng giáo dục trong dự thảo: chỉ tiêu 2030, việc cần làm, "
              "ai phụ trách.",
              "Mình làm báo cáo viên, cần mảng y tế của KH Lạc Dương: chỉ tiêu chính, nhiệm vụ và ai chỉ đạo."):
        r = assistant.ask(q)
        assert not r["refused"] and "Chỉ tiêu đến năm 2030" in r["answer"], r["answer"]
        assert "không giao cơ quan chủ trì riêng" in r["answer"] and "Ủy ban nhân dân huyện" in r["answer"], r["answer"]
    # A plan with a lead line per field names it.
    r = assistant.ask("Chuẩn bị quán triệt ở Kon Rẫy mảng y tế: chỉ tiêu, nhiệm vụ và ai chủ trì?")
    assert "Trung tâm Y tế huyện chủ trì" in r["answer"] and "không giao cơ quan chủ trì riêng" not in r["answer"], r["answer"]


def test_social_security_named_with_ve_covers_insurance_assistance_and_poverty(assistant) -> None:
    r = assistant.ask("Soạn bài quán triệt về an sinh xã hội của Kon Rẫy: chỉ tiêu 2030 và nhiệm vụ chính.")
    assert "bảo hiểm, trợ giúp xã hội, giảm nghèo" in r["answer"] and "hộ nghèo" in r["answer"], r["answer"]
