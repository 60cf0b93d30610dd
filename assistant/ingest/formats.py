"""Text of a plan as offices receive it: UTF-8 text, Word (.docx) or PDF with a text layer.

The text extracted here becomes the document's canonical text (what citations point into), so it keeps
the plan's own line structure: one paragraph per line, headings as their own lines, list items that
Word numbers itself written with a "- " marker, table rows as cells joined by " | ". PDF lines
hard-wrapped by the layout are rejoined where the next line continues the sentence.

Example::

    >>> extracted = extract_text(Path("ke-hoach.docx"))
    >>> extracted.kind, extracted.text[:40]
    ('docx', 'HUYỆN ỦY KIM ĐỘNG\\n...')
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from assistant.text import nfc

SUPPORTED = {".txt": "text", ".md": "text", ".docx": "docx", ".pdf": "pdf", ".png": "image", ".jpg": "image",
             ".jpeg": "image", ".tif": "image", ".tiff": "image"}
OCR_DPI = 250
MAX_SKEW = 5.0  # degrees a page may lie crooked on the scanner glass and still be straightened
MIN_OCR_CONFIDENCE = 60.0  # tesseract's mean word confidence below which a scan is refused as unreadable
DEFAULT_MAX_BYTES = 30 * 1024 * 1024


class IngestError(ValueError):
    """A file that cannot become a plan's text; the message says why and what to do (Vietnamese)."""


@dataclass(frozen=True)
class ExtractedText:
    text: str  # NFC, "\n" line ends, ends with one newline
    kind: str  # "text" | "docx" | "pdf"
    pages: int | None = None


def extract_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ExtractedText:
    """The plan's text from ``path``, or :class:`IngestError` (unsupported type, too large, damaged,
    encrypted, no text layer)."""
    path = Path(path)
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        raise IngestError(f"{path.name}: định dạng {path.suffix or '(không có đuôi)'} chưa hỗ trợ; "
                          f"hãy gửi tệp {', '.join(sorted(SUPPORTED))}.")
    try:
        size = path.stat().st_size
    except OSError as e:
        raise IngestError(f"{path.name}: không đọc được tệp ({e.strerror}).") from None
    if size > max_bytes:
        raise IngestError(f"{path.name}: tệp {size / 1048576:.1f} MB vượt giới hạn {max_bytes / 1048576:.0f} MB "
                          "(ASSISTANT_MAX_UPLOAD_MB); hãy tách hoặc nén tệp.")
    if kind == "text":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise IngestError(f"{path.name}: không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8.") from None
        return ExtractedText(_tidy(text), kind)
    if kind == "docx":
        return ExtractedText(_tidy(_docx_text(path)), kind)
    if kind == "image":
        return ExtractedText(_tidy(rejoin_wrapped(fix_ocr_misreads(ocr_images([path], path.name)))), "ocr", 1)
    text, pages = _pdf_text(path)
    if text is None:  # no text layer: a scan
        text = rejoin_wrapped(fix_ocr_misreads(ocr_pdf(path)))
        return ExtractedText(_tidy(text), "ocr", pages)
    return ExtractedText(_tidy(text), kind, pages)


def _tidy(text: str) -> str:
    lines = [ln.rstrip() for ln in nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out = "\n".join(lines).strip("\n")
    if not out.strip():
        raise IngestError("Tệp không có chữ nào đọc được; nếu là bản quét, cần nhận dạng chữ (OCR).")
    return out + "\n"


# -- Word ------------------------------------------------------------------------------------------------

def _docx_text(path: Path) -> str:
    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(path):
        # An encrypted .docx is an OLE container, not a zip; so is a renamed .doc.
        raise IngestError(f"{path.name}: không mở được tệp Word (có mật khẩu, hỏng, hoặc là .doc cũ); "
                          "hãy bỏ mật khẩu hoặc lưu lại dưới dạng .docx.")
    try:
        doc = open_docx(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as e:
        raise IngestError(f"{path.name}: tệp Word bị hỏng ({type(e).__name__}); hãy lưu lại từ Word.") from None
    lines: list[str] = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_paragraph_line(child))
        elif tag == "tbl":
            for row in child.iter(child.tag.replace("tbl", "tr")):
                cells = ["".join(t.text or "" for t in cell.iter(child.tag.replace("tbl", "t"))).strip()
                         for cell in row.iter(child.tag.replace("tbl", "tc"))]
                lines.append(" | ".join(c for c in cells if c))
    return "\n".join(lines)


def _paragraph_line(p: object) -> str:
    from docx.oxml.ns import qn

    text = "".join(t.text or "" for t in p.iter(qn("w:t")))  # type: ignore[attr-defined]
    ppr = p.find(qn("w:pPr"))  # type: ignore[attr-defined]
    numbered = ppr is not None and ppr.find(qn("w:numPr")) is not None
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    style_name = style.get(qn("w:val")) if style is not None else ""
    # Word draws the bullet of a list paragraph itself: write it, so the item stays an item in the text.
    if (numbered or style_name.startswith("ListBullet")) and text.strip() and not re.match(r"^\s*[-+•]", text):
        return f"- {text}"
    return text


# -- PDF -------------------------------------------------------------------------------------------------

_STARTS_ITEM = re.compile(r"^\s*(?:[-+•]|#{1,6}\s|\*\*|[IVX]+\.|\d+(?:\.\d+)*\.?\s|[a-zđ]\)\s|Số\b|Nơi nhận|KẾ HOẠCH\b)")


def _pdf_text(path: Path) -> tuple[str | None, int]:
    """The text layer with wrapped lines rejoined, or None when the PDF has none (a scan)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise IngestError(f"{path.name}: tệp PDF có mật khẩu; hãy gửi bản không khóa.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as e:
        raise IngestError(f"{path.name}: tệp PDF bị hỏng ({type(e).__name__}); hãy xuất lại từ Word.") from None
    if not "".join(pages).strip():
        return None, len(pages)
    return rejoin_wrapped("\n".join(pages)), len(pages)


# -- scans: Tesseract's Vietnamese model on pages rendered by poppler -------------------------------------

def _ocr_tools() -> tuple[str, str]:
    tesseract, pdftoppm = shutil.which("tesseract"), shutil.which("pdftoppm")
    if not tesseract or not pdftoppm:
        raise IngestError("Tệp là bản quét (không có lớp chữ) nhưng máy chưa cài nhận dạng chữ; "
                          "hãy cài tesseract-ocr, tesseract-ocr-vie và poppler-utils (make setup-system) "
                          "hoặc gửi bản Word/PDF có chữ.")
    langs = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, timeout=60).stdout.split()
    if "vie" not in langs:
        raise IngestError("Chưa cài mô hình tiếng Việt của Tesseract: hãy cài tesseract-ocr-vie.")
    return tesseract, pdftoppm


def ocr_pdf(path: Path) -> str:
    """The text of a scanned PDF: each page rendered to a grey image, then read by Tesseract (vie)."""
    _, pdftoppm = _ocr_tools()
    with tempfile.TemporaryDirectory(prefix="assistant-ocr-") as tmp:
        try:
            # In colour: the red of a seal is told apart from the black of the text (see straighten_page).
            subprocess.run([pdftoppm, "-r", str(OCR_DPI), "-png", str(path), f"{tmp}/p"], check=True,
                           capture_output=True, timeout=600)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
            raise IngestError(f"{path.name}: không dựng được trang PDF để nhận dạng ({type(e).__name__}).") from None
        pages = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return ocr_images(pages, path.name)


def ocr_images(images: list[Path], name: str) -> str:
    """Tesseract's reading of ``images`` (in order); refused when its mean word confidence is too low."""
    tesseract, _ = _ocr_tools()
    lines: list[str] = []
    confidences: list[float] = []
    for image in images:
        with tempfile.TemporaryDirectory(prefix="assistant-page-") as tmp:
            page = Path(tmp) / "page.png"
            try:
                straighten_page(image, page)
            except OSError as e:
                raise IngestError(f"{name}: không đọc được ảnh trang ({e}); hãy gửi ảnh PNG, JPEG hoặc TIFF.") from None
            try:
                tsv = subprocess.run([tesseract, str(page), "-", "-l", "vie", "--psm", "4", "tsv"], check=True,
                                     capture_output=True, text=True, timeout=600).stdout
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
                raise IngestError(f"{name}: nhận dạng chữ thất bại ({type(e).__name__}).") from None
        page_lines, page_conf = _tsv_lines(tsv)
        lines += [*page_lines, ""]
        confidences += page_conf
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    if mean < MIN_OCR_CONFIDENCE:
        raise IngestError(f"{name}: bản quét quá mờ để đọc (độ tin cậy {mean:.0f}/100); "
                          "hãy quét lại rõ hơn (300 dpi, thẳng trang) hoặc gửi bản Word/PDF có chữ.")
    return "\n".join(lines)


def straighten_page(image: Path, out: Path) -> float:
    """``image`` as Tesseract reads it best, written to ``out`` (grey PNG): the red of seals and red ink whitened
    (a seal over the signer's name otherwise reads as noise) and the page turned straight. Returns the angle
    turned, in degrees. Tesseract cuts the lines of a page lying 1–2° crooked into pieces and reads them out of
    order (character error 0.29 on such a scan of a plan, against 0.01 straight)."""
    import numpy as np
    from PIL import Image

    with Image.open(image) as src:
        src.load()
        rgb = np.asarray(src.convert("RGB"), dtype=np.int16)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    grey = (0.299 * r + 0.587 * g + 0.114 * b).astype(np.uint8)
    grey[(r - np.maximum(g, b)) > 60] = 255  # red: the seal, a red signature, a red "MẬT" stamp
    page = Image.fromarray(grey)
    angle = skew_angle(page)
    if abs(angle) >= 0.1:
        page = page.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    page.save(out)
    return angle


def skew_angle(page: object, limit: float = MAX_SKEW) -> float:
    """The turn (degrees, counter-clockwise) that makes the text lines of ``page`` (a PIL image) level: the one
    whose rows of ink are sharpest (largest sum of squared differences between neighbouring row sums), searched
    on a reduced copy every 0.5° and then every 0.05°."""
    import numpy as np
    from PIL import Image

    small = page.convert("L")  # type: ignore[attr-defined]
    small.thumbnail((800, 1100))
    ink = Image.fromarray(((np.asarray(small) < 140) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.BILINEAR, fillcolor=0), dtype=np.float32).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    coarse = max(np.arange(-limit, limit + 1e-9, 0.5), key=sharpness)
    return round(float(max(np.arange(coarse - 0.5, coarse + 0.5 + 1e-9, 0.05), key=sharpness)), 2)


def _tsv_lines(tsv: str) -> tuple[list[str], list[float]]:
    """Lines (with a blank line between blocks) and word confidences from Tesseract's TSV output."""
    lines: list[str] = []
    conf: list[float] = []
    current: tuple[str, ...] | None = None
    words: list[str] = []
    last_block = None
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        key = (cols[1], cols[2], cols[3], cols[4])  # page, block, paragraph, line
        if key != current:
            if words:
                lines.append(" ".join(words))
            if last_block is not None and key[:3] != last_block:
                lines.append("")  # a new paragraph
            current, last_block, words = key, key[:3], []
        words.append(cols[11])
        conf.append(float(cols[10]))
    if words:
        lines.append(" ".join(words))
    return lines, conf


# Misreadings Tesseract makes in plans, each fixed only where the plan's form leaves one reading:
# a numbered heading's dot read as a comma ("5, Xây dựng …"), I read as l or 1 in a Roman numeral ("lV. TỔ CHỨC"),
# the square of "m² sàn" read as "?" or a quote, a footnote mark after a word read as "!" ("sàn/người!;").
_OCR_FIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\s*\d{1,2}(?:\.\d{1,2})*)\s*,\s+(?=[A-ZÀ-ỸĐ])", re.M), r"\1. "),
    (re.compile(r"^(\s*)([IVXl]*l[IVXl]*)\.(?=\s+(\w+))", re.M), None),  # see _roman
    (re.compile(r"(\d\s?m)[?'\"](?=\s*sàn)"), r"\1²"),
    (re.compile(r"(?<=[^\W\d_])!(?=[;,.]|\s*$)", re.M), ""),
)


def _roman(m: re.Match[str]) -> str:
    # Only before a title in capitals ("lV. TỔ CHỨC THỰC HIỆN"), as the plans write their Roman parts.
    if len(m.group(2)) > 4 or not m.group(3).isupper():
        return m.group(0)
    return f"{m.group(1)}{m.group(2).replace('l', 'I')}."


def fix_ocr_misreads(text: str) -> str:
    """OCR text with the misreadings in :data:`_OCR_FIXES` put right (nothing else touched)."""
    for pattern, repl in _OCR_FIXES:
        text = pattern.sub(_roman if repl is None else repl, text)
    return join_page_breaks(text)


def join_page_breaks(text: str) -> str:
    """A sentence a page break cut ("… đề xuất hoàn thiện hệ thống" / page / "cơ sở dữ liệu …") joined again: a
    paragraph that opens in lower case continues the one before when that one ends without a full stop."""
    out: list[str] = []
    for line in text.split("\n"):
        s = line.strip()
        if s and s[0].isalpha() and s[0].islower():
            k = len(out)
            while k > 0 and not out[k - 1].strip():
                k -= 1
            if k < len(out) and k > 0 and not out[k - 1].rstrip().endswith((".", ";", ":", "!", "?", "…")):
                del out[k:]
                out[-1] = f"{out[-1].rstrip()} {s}"
                continue
        out.append(line)
    return "\n".join(out)


def rejoin_wrapped(text: str) -> str:
    """Lines a PDF layout broke inside a paragraph joined again. A line was wrapped when it runs (nearly) to
    the right margin, i.e. is about as long as the longest lines, does not end a sentence before a capital,
    and the next line does not open an item, a heading or a header line; a short line ends its paragraph."""
    lines = [raw.strip() for raw in text.split("\n")]
    lengths = sorted(len(ln) for ln in lines if ln)
    full = 0.8 * lengths[int(0.95 * (len(lengths) - 1))] if lengths else 0
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        # A full line ending a sentence, followed by a capital, most likely ended its paragraph too.
        ends = prev.endswith((".", ":", ";", "!", "?", "…")) and line[:1].isupper()
        if prev and line and len(prev) >= full and not ends and not _STARTS_ITEM.match(line) and not prev.isupper():
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return "\n".join(out)
