"""Word and PDF copies of the plans, made in the tests (never by hand): python-docx with real heading
styles and list paragraphs, and a PDF typeset from the same lines with a Vietnamese-capable font."""

from __future__ import annotations

import re
from pathlib import Path

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def write_docx(text: str, out: Path) -> Path:
    from docx import Document

    doc = Document()
    for line in text.split("\n"):
        s = line.strip()
        if re.match(r"^[IVX]+\.\s", s):
            doc.add_paragraph(line, style="Heading 1")
        elif re.match(r"^\d+(\.\d+)*\.\s", s):
            doc.add_paragraph(line, style="Heading 2")
        elif s.startswith("- "):
            doc.add_paragraph(s[2:], style="List Bullet")  # Word draws the bullet itself
        else:
            doc.add_paragraph(line)
    doc.save(str(out))
    return out


_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_SUP = re.compile(r"<sup>(\d+)</sup>")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_MD_EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)")


def printed_lines(text: str) -> list[tuple[str, bool]]:
    """The plan as it is printed on paper: markdown markers gone, headings (``#`` lines) in bold. (line, bold)."""
    out = []
    for line in text.split("\n"):
        heading = bool(_MD_HEADING.match(line))
        line = _SUP.sub(lambda m: m.group(1).translate(_SUPERSCRIPT), _MD_HEADING.sub("", line))
        out.append((" ".join(_MD_EMPHASIS.sub("", line).split()), heading))
    return out


def printed_text(text: str) -> str:
    """The text a perfect reader of the printed plan would get (see :func:`printed_lines`)."""
    return "\n".join(line for line, _ in printed_lines(text))


def write_pdf(text: str, out: Path, *, printed: bool = False) -> Path:
    """A PDF typeset from the lines of ``text``; ``printed``: as the plan is printed (no markdown markers, headings
    in bold), which is what a scanner sees; else the lines as they are."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.add_font("DejaVu", "B", str(DEJAVU_BOLD))
    lines = printed_lines(text) if printed else [(line.strip(), False) for line in text.split("\n")]
    for line, bold in lines:
        pdf.set_font("DejaVu", "B" if bold else "", size=11)
        if line.strip():
            pdf.multi_cell(0, 6, line.strip(), new_x="LMARGIN", new_y="NEXT")  # wrapped at the margin
        else:
            pdf.ln(3)
    pdf.output(str(out))
    return out


def write_scan(text_pdf: Path, out: Path, dpi: int = 150) -> Path:
    """A scanned copy: each page of ``text_pdf`` rendered to a grey image (poppler) and bound into a PDF
    that has no text layer, as a scanner makes it."""
    import subprocess
    import tempfile

    from fpdf import FPDF

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(text_pdf), f"{tmp}/p"], check=True, timeout=300)
        pdf = FPDF(format="A4")
        for image in sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
            pdf.add_page()
            pdf.image(str(image), x=0, y=0, w=210, h=297)
        pdf.output(str(out))
    return out


def three_plan_corpus(root: Path, docs: list, repo_index: Path) -> tuple[Path, Path]:
    """A corpus of three plans (Lạc Dương left out, to be added as a file) under ``root`` and an index folder whose
    embedding cache already holds the repo index's vectors, so indexing embeds only what is added."""
    import shutil
    import sqlite3

    from tests.conftest import CORPUS_DIR

    corpus, index = root / "corpus", root / "index"
    corpus.mkdir(parents=True)
    manifest = (CORPUS_DIR / "manifest.toml").read_text(encoding="utf-8")
    tables = re.split(r"(?m)^(?=\[\[documents\]\])", manifest)
    corpus.joinpath("manifest.toml").write_text("".join(t for t in tables if "lac-duong-2024" not in t), encoding="utf-8")
    for doc in docs:
        if doc.district != "Lạc Dương":
            shutil.copy(CORPUS_DIR / doc.file, corpus / doc.file)
    (index / "cache").mkdir(parents=True)
    with sqlite3.connect(repo_index / "cache" / "embeddings.sqlite") as src, \
            sqlite3.connect(index / "cache" / "embeddings.sqlite") as dst:
        src.backup(dst)
    return corpus, index
