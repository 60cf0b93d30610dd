"""Document facts read from the plans' own text, on the real corpus."""

from __future__ import annotations

import re

from assistant.plan.facts import BLANK, read_facts


def _source(doc, fact):
    return doc.text[fact.start : fact.end]


def test_number_and_date_as_written_with_their_lines(doc_by_district):
    kd = doc_by_district["Kim Động"]
    f = read_facts(kd)
    assert f.number.value == "149-KH/HU" and not f.number.blank and "149-KH/HU" in _source(kd, f.number)
    assert f.date.value == "12/04/2024" and "ngày 12 tháng 4 năm 2024" in _source(kd, f.date)
    ld = read_facts(doc_by_district["Lạc Dương"])
    assert ld.number.value == "149 -KH/HU"  # quoted as the plan writes it, space included


def test_blank_fields_are_recorded_blank_never_guessed(doc_by_district):
    kr = read_facts(doc_by_district["Kon Rẫy"])
    assert kr.number.blank and kr.number.shown == BLANK and kr.number.line == "Số: /KH-UBND"
    assert kr.date.blank and kr.date.line == "Kon Rẫy, ngày tháng năm"
    ph = read_facts(doc_by_district["Phụng Hiệp"])
    assert ph.number.blank and ph.date.blank and ph.status.value == "dự thảo"
    assert ph.signer is None and ph.recipients == []  # the draft has no signature block


def test_signer_title_and_recipients_with_purpose(doc_by_district, docs):
    kr_doc = doc_by_district["Kon Rẫy"]
    kr = read_facts(kr_doc)
    assert kr.signer.value == "Đinh Thị Hồng Thu" and "PHÓ CHỦ TỊCH" in kr.signer_title.value
    purposes = {r.name: r.purpose for r in kr.recipients}
    assert purposes["Sở Lao động - TB&XH"] == "báo cáo" and purposes["Ủy ban MTTQ Việt Nam"] == "phối hợp"
    assert all(r.name.split()[0] in kr_doc.text[r.start : r.end] for r in kr.recipients)
    ld = read_facts(doc_by_district["Lạc Dương"])
    assert ld.signer is None and "PHÓ BÍ THƯ" in ld.signer_title.value  # the plan prints no name
    assert any("Phạm Thị Phúc" in r.name and r.purpose == "báo cáo" for r in ld.recipients)
    # The signer read from the text agrees with the manifest wherever the manifest has one.
    for d in docs:
        f = read_facts(d)
        assert (f.signer.value if f.signer else None) == d.signer, d.district


def test_implemented_documents_and_issuer(doc_by_district):
    kr = read_facts(doc_by_district["Kon Rẫy"])
    refs = [x.value for x in kr.implements]
    assert [re.split(r",? ngày", r)[0] for r in refs] == [
        "Kế hoạch số 193-KH/HU", "Chương trình số 81-CTr/TU", "Nghị quyết số 42-NQ/TW"]
    assert kr.issuer.value == "Ủy ban nhân dân huyện"
    ph = read_facts(doc_by_district["Phụng Hiệp"])
    assert any("225-CTr/TU" in x.value for x in ph.implements) and ph.issuer.value == "Ban Thường vụ Huyện ủy"
