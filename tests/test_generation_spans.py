"""Sentence-level citation spans: quotes found back in the source despite markup and line breaks."""

from __future__ import annotations

from assistant.chunking import chunk_document
from assistant.generation.spans import answer_spans, locate, locate_broken
from assistant.pipeline import tidy_answer


def test_locate_through_markdown_and_wrapped_lines(doc_by_district):
    kr = doc_by_district["Kon Rẫy"]
    chunk = next(c for c in chunk_document(kr) if "Về nhà ở" in c.text)
    span = locate(chunk, "Thực hiện: Phòng Kinh tế - Hạ tầng chủ trì, phối hợp các phòng, ban chuyên môn thuộc huyện")
    assert span is not None
    assert kr.text[span[0] : span[1]].startswith("Thực hiện") and "Phòng Kinh tế - Hạ tầng" in kr.text[span[0] : span[1]]
    ld = doc_by_district["Lạc Dương"]
    wrapped = next(c for c in chunk_document(ld) if "\n" in c.text.strip() and len(c.text) > 400)
    words = " ".join(wrapped.text.split()[5:25])
    s, e = locate(wrapped, words)
    assert " ".join(ld.text[s:e].split()) == words
    assert locate(wrapped, "câu này không có trong kế hoạch") is None


def test_answer_spans_per_marker(doc_by_district):
    kr = doc_by_district["Kon Rẫy"]
    chunks = chunk_document(kr)
    house = next(c for c in chunks if "Về nhà ở" in c.text)
    answer = "Phòng Kinh tế - Hạ tầng chủ trì, phối hợp các phòng, ban chuyên môn thuộc huyện [1]."
    spans = answer_spans(answer, {1: house})
    assert list(spans) == [1] and "Phòng Kinh tế" in kr.text[spans[1][0][0] : spans[1][0][1]]


def test_tidy_answer_drops_markup_and_capitalises_after_a_citation():
    assert tidy_answer("**Về nhà ở**: thực hiện [1]. phòng chủ trì [2] [2].") == "Về nhà ở: thực hiện [1]. Phòng chủ trì [2]."
    assert tidy_answer("a) Về y tế; b) Về nhà ở [1]. c) Về thông tin [2].") == "a) Về y tế; b) Về nhà ở [1]. c) Về thông tin [2]."


def test_a_sentence_broken_by_a_footnote_is_found_in_its_pieces(doc_by_district):
    kr = doc_by_district["Kon Rẫy"]
    chunk = next(c for c in chunk_document(kr) if "¹ Trong đó" in c.text and "thu gom" in c.text)
    quote = "10% điểm dân cư nông thôn tập trung có hệ thống thu gom nước thải sinh hoạt, 5% nước thải sinh hoạt được xử lý"
    assert locate(chunk, quote) is None  # the footnote sits inside the sentence
    pieces = locate_broken(chunk, quote)
    assert [kr.text[s:e] for s, e in pieces] == [
        "10% điểm dân cư nông thôn tập trung có hệ thống thu gom", "nước thải sinh hoạt, 5% nước thải sinh hoạt được xử lý"]
    assert locate_broken(chunk, "một câu không hề có trong kế hoạch này") == []
    spans = answer_spans(f"{quote} [1].", {1: chunk})
    assert spans[1] == pieces
