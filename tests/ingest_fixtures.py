"""Word and PDF copies of the plans, made in the tests (never by hand): python-docx with real heading
styles and list paragraphs, and a PDF typeset from the same lines with a Vietnamese-capable font."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from PIL import ImageDraw

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


def write_scan(text_pdf: Path, out: Path, dpi: int = 150, *, crooked: bool = False, seed: int = 7) -> Path:
    """A scanned copy: each page of ``text_pdf`` rendered to a grey image (poppler) and bound into a PDF
    that has no text layer, as a scanner makes it. ``crooked``: as a paper copy is scanned in an office — in
    colour, each page lying up to 2.5° crooked on the glass, grain over the whole page, and the red seal of the
    issuing body stamped over the signature on the last page."""
    import subprocess
    import tempfile

    from fpdf import FPDF
    from PIL import Image, ImageChops, ImageDraw

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        colour = [] if crooked else ["-gray"]
        subprocess.run(["pdftoppm", "-r", str(dpi), *colour, "-png", str(text_pdf), f"{tmp}/p"], check=True, timeout=300)
        images = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        pdf = FPDF(format="A4")
        for n, image in enumerate(images):
            if crooked:
                page = Image.open(image).convert("RGB")
                if n == len(images) - 1:
                    # Seal ink is translucent: stamped over the signature, the black letters under it stay black.
                    seal = Image.new("RGB", page.size, (255, 255, 255))
                    _stamp_seal(ImageDraw.Draw(seal), page.size, dpi, rng)
                    page = ImageChops.multiply(page, seal)
                page = page.rotate(rng.uniform(-2.5, 2.5), resample=Image.BICUBIC, fillcolor=(255, 255, 255))
                grain = np.random.default_rng(seed + n).normal(0, 14, (page.size[1], page.size[0], 1))
                page = Image.fromarray(np.clip(np.asarray(page, dtype=np.float32) + grain, 0, 255).astype(np.uint8))
                image = Path(tmp) / f"c-{n}.jpg"
                page.save(image, quality=85)
            pdf.add_page()
            pdf.image(str(image), x=0, y=0, w=210, h=297)
        pdf.output(str(out))
    return out


def _stamp_seal(draw: ImageDraw.ImageDraw, size: tuple[int, int], dpi: int, rng: random.Random) -> None:
    """A round red seal (two rings and a star) over the right-hand signature block, as the paper copy has it."""
    w, h = size
    r = int(dpi * 0.8)  # a 4 cm seal
    cx, cy = int(w * 0.68), int(h * rng.uniform(0.25, 0.6))
    red = (205, 30, 40)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=max(3, dpi // 40))
    draw.ellipse([cx - r * 0.7, cy - r * 0.7, cx + r * 0.7, cy + r * 0.7], outline=red, width=max(2, dpi // 80))
    star = [(cx + r * 0.3 * (1 if k % 2 == 0 else 0.45) * np.cos(np.pi / 2 + k * np.pi / 5),
             cy - r * 0.3 * (1 if k % 2 == 0 else 0.45) * np.sin(np.pi / 2 + k * np.pi / 5)) for k in range(10)]
    draw.polygon(star, fill=red)


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
