"""Property-based tests (hypothesis): arbitrary Unicode into the question analyser, the chunker and the
manifest loader. They must answer or refuse with their own error, never crash, and keep their invariants."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.chunking import _NOISE as NOISE_LINE
from assistant.chunking import chunk_document
from assistant.corpus import CorpusError, Document, load_corpus
from assistant.lexicon import rewrite
from assistant.query import analyze
from assistant.text import fold, nfc
from tests.conftest import CORPUS_DIR

DISTRICTS = ["Kim Động", "Kon Rẫy", "Phụng Hiệp", "Lạc Dương"]
# Plan-like lines mixed with anything: headings, bullets, markdown, Vietnamese with combining marks, emoji.
PIECES = st.sampled_from([
    "I. MỤC ĐÍCH", "2.1. Chỉ tiêu", "a) Về y tế", "đ) Về nhà ở", "## Mục tiêu", "**Nhiệm vụ**", "- Tăng cường",
    "* Thực hiện: Phòng Lao động - TB&XH chủ trì", "98% dân số tham gia bảo hiểm y tế.", "\n", "\n\n", " ",
    "e\u0301", "🙂", "\u200b", "\t", "Số: /KH-UBND",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=60).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(max_size=500))
def test_the_analyser_takes_any_text(question: str) -> None:
    qa = analyze(question, DISTRICTS, {"Kim Động": ["Hưng Yên"]})
    assert set(qa.districts) <= set(DISTRICTS)
    assert qa.intent in {"general", "assignment", "target", "meta", "section"}
    assert qa.folded == fold(qa.text) and qa.folded.isascii() or not qa.folded.isascii()
    # Folding keeps one character per NFC character, so spans found in the folded text carry over.
    assert len(fold(nfc(question).strip())) == len(nfc(question).strip())
    assert isinstance(rewrite(question), str)


@FAST
@given(TEXT, st.integers(min_value=200, max_value=3000))
def test_chunks_are_exact_slices_in_order(text: str, max_chars: int) -> None:
    doc = Document(id="x", file="x.txt", district="Kon Rẫy", province="Kon Tum", issuing_body="UBND",
                   title="Kế hoạch", status="final", text=text)
    chunks = chunk_document(doc, max_chars=max_chars)
    last = 0
    for c in chunks:
        assert 0 <= c.start < c.end <= len(text)
        assert c.text == text[c.start : c.end]  # citations point into the source text exactly
        assert c.start >= last  # no chunk starts before the previous one ends
        last = c.end
    # Nothing is left out but whitespace and noise lines (page numbers, "---", "Trang 2"): the chunker's own rule.
    inside = [False] * len(text)
    for c in chunks:
        inside[c.start : c.end] = [True] * (c.end - c.start)
    pos = 0
    for line in text.splitlines(keepends=True):  # lines as the chunker reads them
        outside = "".join(ch for i, ch in enumerate(line, pos) if not inside[i])
        assert not outside.strip() or NOISE_LINE.match(line), (line, outside)
        pos += len(line)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=300), TEXT, st.binary(max_size=200).map(lambda b: b.decode("latin-1"))))
def test_any_manifest_loads_or_says_why(tmp_path_factory, body: str) -> None:
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.rmtree(corpus)
    shutil.copytree(CORPUS_DIR, corpus)
    (corpus / "manifest.toml").write_text(body, encoding="utf-8")
    try:
        docs = load_corpus(corpus)
    except CorpusError as e:
        assert str(e)
    else:
        assert docs and all(d.text for d in docs)
