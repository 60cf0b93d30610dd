"""Does a corpus received as Word files, or as scans, answer like the .txt corpus?

Each plan is written as a DOCX (python-docx, heading styles and list paragraphs) and as a scanned PDF (the
DOCX's text typeset to PDF, pages rendered to images by poppler, read back by Tesseract), extracted with
`assistant.ingest`, indexed into its own folder and evaluated on the development set. Reported: character
error rate of each extracted text against the plan's, and recall@5 / accuracy of each corpus next to the
.txt corpus. Forms: ``docx``, ``scan`` (grey, straight pages) and ``office`` (colour, pages up to 2.5° crooked, grain,
the red seal over the signature). Run: ``.venv/bin/python bench/ingest_eval.py`` (≈25 min: OCR of 4 plans twice, 4 index
builds).
"""

from __future__ import annotations

import difflib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import load_settings  # noqa: E402
from assistant.corpus import load_corpus  # noqa: E402
from assistant.evaluation.questions import load_questions  # noqa: E402
from assistant.evaluation.runner import run_eval  # noqa: E402
from assistant.ingest.formats import extract_text  # noqa: E402
from assistant.pipeline import Assistant  # noqa: E402
from tests.ingest_fixtures import printed_text, write_docx, write_pdf, write_scan  # noqa: E402


def cer(got: str, want: str) -> float:
    a, b = " ".join(got.split()), " ".join(want.split())
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in ops if op != "equal") / len(b)


def evaluate(corpus: Path, index: Path) -> dict[str, float]:
    settings = load_settings(corpus_dir=corpus, index_dir=index)
    assistant = Assistant.from_settings(settings)
    # Not strict: an evidence quote that OCR misread one letter of is a warning, not a stop.
    questions = load_questions(ROOT / "eval" / "questions.jsonl", load_corpus(corpus), strict=False, warnings=[])
    m = run_eval(assistant, questions, progress=False)
    return {"recall_at_5": m["retrieval"]["recall_at_5"], "accuracy": m["answer"]["accuracy"]}


def main() -> None:
    import argparse

    p = argparse.ArgumentParser()
    # "office": the scan as an office makes it of the signed paper copy (colour, crooked pages, grain, red seal).
    p.add_argument("--forms", nargs="+", default=["docx", "scan", "office"], choices=["docx", "scan", "office"])
    p.add_argument("--keep", type=Path, default=None, help="folder to keep the extracted texts in")
    args = p.parse_args()
    keep = args.keep
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    docs = load_corpus(ROOT / "corpus")
    report: dict[str, object] = {"txt": evaluate(ROOT / "corpus", ROOT / "index")}
    with tempfile.TemporaryDirectory(prefix="ingest-eval-") as tmp:
        root = Path(tmp)
        for form in args.forms:
            corpus = root / form / "corpus"
            corpus.mkdir(parents=True)
            shutil.copy(ROOT / "corpus" / "manifest.toml", corpus / "manifest.toml")
            errors, seconds = {}, 0.0
            for doc in docs:
                made = write_docx(doc.text, root / f"{doc.id}.docx")
                reference = doc.text
                if form in ("scan", "office"):
                    # A scan is of the printed plan: no markdown markers on paper, headings in bold.
                    made = write_scan(write_pdf(doc.text, root / f"{doc.id}.pdf", printed=True), root / f"{doc.id}-{form}.pdf",
                                      crooked=form == "office")
                    reference = printed_text(doc.text)
                t0 = time.perf_counter()
                text = extract_text(made).text
                seconds += time.perf_counter() - t0
                (corpus / doc.file).write_text(text, encoding="utf-8")
                if keep is not None:
                    (keep / f"{form}-{doc.file}").write_text(text, encoding="utf-8")
                errors[doc.id] = round(cer(text, reference), 5)
            index = root / form / "index"
            (index / "cache").mkdir(parents=True)
            shutil.copy(ROOT / "index" / "cache" / "embeddings.sqlite", index / "cache" / "embeddings.sqlite")
            report[form] = {**evaluate(corpus, index), "cer": errors, "extract_s": round(seconds, 1)}
    previous = json.loads((ROOT / "bench" / "out" / "ingest_eval.json").read_text(encoding="utf-8")) \
        if (ROOT / "bench" / "out" / "ingest_eval.json").exists() else {}
    report = {**previous, **report}
    for form in args.forms:
        row = report[form]
        assert isinstance(row, dict)
        row["delta_recall_at_5"] = round(row["recall_at_5"] - report["txt"]["recall_at_5"], 4)  # type: ignore[index]
        row["delta_accuracy"] = round(row["accuracy"] - report["txt"]["accuracy"], 4)  # type: ignore[index]
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "ingest_eval.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
