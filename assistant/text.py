"""Vietnamese text handling: NFC, diacritic folding, lexical tokens, district detection.

Officials often type without diacritics ("ai chu tri nha o Kon Ray"), so every lexical comparison
runs on *folded* text: NFC, lower-case, combining marks removed, đ→d.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from functools import lru_cache

_WORD = re.compile(r"\w+", re.UNICODE)
_WS = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Unicode NFC (Vietnamese has several encodings of the same letter)."""
    return unicodedata.normalize("NFC", text)


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks; đ/Đ become d/D."""
    decomposed = unicodedata.normalize("NFD", text)
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", base.replace("đ", "d").replace("Đ", "D"))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Folded form for matching: NFC, lower-case, no diacritics; exactly one character per NFC character,
    so a span found in the folded text is the same span in the text. (Cached: answering folds the same target
    names and sentences for every question.)"""
    text = nfc(text)
    folded = strip_diacritics(text).lower()
    if len(folded) == len(text):
        return folded
    # A lone combining mark, or a letter whose lower case is two characters ("İ"): fold one by one.
    return "".join(_fold_char(ch) for ch in text)


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    out = strip_diacritics(ch).lower()
    return out if len(out) == 1 else ch


# A numbered heading alone on its line (no closing stop), the next line opening a sentence with a capital.
_TITLE_LINE = re.compile(r"(?m)^\s*(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s+[^\n]*[^\n.;:,](\n)(?=\s*[A-ZÀ-Ỹ\u0110])")


def title_line_breaks(text: str, headings: Collection[str]) -> list[int]:
    """Offsets of the line breaks that end a section's title standing alone on its line ("5. Xây dựng hệ thống an
    sinh xã hội …" / "Thực hiện …"): only lines that are one of ``headings`` (a hard-wrapped PDF line may end before
    a capital too)."""
    return [m.start(1) for m in _TITLE_LINE.finditer(text) if collapse_ws(m.group(0)).strip() in headings]


def collapse_ws(text: str) -> str:
    """Collapse runs of whitespace (hard-wrapped PDF lines) into single spaces."""
    return _WS.sub(" ", text).strip()


def normalize_for_match(text: str) -> str:
    """NFC + lower-case + whitespace collapse: the form evidence quotes are compared in."""
    return collapse_ws(nfc(text)).lower()


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese mark (so exact-form tokens are informative)."""
    return fold(text) != nfc(text).lower()


def syllables(text: str) -> list[str]:
    """Folded syllables (Vietnamese words are written as space-separated syllables)."""
    return _WORD.findall(fold(text))


def words(text: str) -> list[str]:
    """Lower-case syllables with their diacritics (exact forms: "dược" ≠ "được")."""
    return _WORD.findall(nfc(text).lower())


# Function words that carry no topic; dropped from lexical queries and answer-sentence scoring.
_STOPWORDS_RAW = (
    "của và các những cho với trong theo được là có để về tại từ đến này đó khi thì mà "
    "ai gì nào sao bao nhiêu mấy không hay hoặc ở thế như nêu ra cái việc "
    "huyện kế hoạch nội dung hỏi biết muốn mong mỗi phần trăm nhau so sánh chênh cùng giữa đã sẽ phải cần vẫn đang"
).split()
STOPWORDS_ACCENTED = frozenset(_STOPWORDS_RAW)
STOPWORDS = frozenset(fold(w) for w in _STOPWORDS_RAW)


def lexical_tokens(text: str, *, keep_accents: bool = True) -> list[str]:
    """Tokens for the BM25 index: folded syllables, folded syllable bigrams, and accented syllables.

    Accented forms (prefixed ``~``) separate homographs once folded ("nhà" vs "nhá") when the query
    has diacritics; a query typed without them still matches on the folded tokens.
    """
    raw = _WORD.findall(nfc(text).lower())
    folded = [strip_diacritics(w) for w in raw]
    tokens = list(folded)
    tokens += [f"{a}_{b}" for a, b in zip(folded, folded[1:], strict=False)]
    if keep_accents:
        tokens += [f"~{w}" for w, f in zip(raw, folded, strict=True) if w != f]
    return tokens


def query_tokens(text: str) -> list[str]:
    """Lexical tokens of a question, stop words removed (bigrams keep them for phrase matching)."""
    raw = _WORD.findall(nfc(text).lower())
    folded = [strip_diacritics(w) for w in raw]
    tokens = [f for f in folded if f not in STOPWORDS]
    tokens += [f"{a}_{b}" for a, b in zip(folded, folded[1:], strict=False)]
    if has_diacritics(text):
        tokens += [f"~{w}" for w, f in zip(raw, folded, strict=True) if w != f and f not in STOPWORDS]
    return tokens


def content_syllables(text: str) -> list[str]:
    """Folded syllables without stop words (for overlap scoring)."""
    return [s for s in syllables(text) if s not in STOPWORDS]


def contains_phrase(haystack_folded: str, needle: str) -> bool:
    """Whole-syllable phrase match on folded text."""
    pattern = r"(?<!\w)" + re.escape(fold(needle)) + r"(?!\w)"
    return re.search(pattern, haystack_folded) is not None


def find_names(text: str, names: Iterable[str], aliases: dict[str, list[str]] | None = None) -> list[str]:
    """Names (e.g. districts) mentioned in ``text``, with or without diacritics, in order of mention."""
    folded = fold(text)
    hits: list[tuple[int, str]] = []
    for name in names:
        for form in [name, *(aliases or {}).get(name, [])]:
            m = re.search(r"(?<!\w)" + re.escape(fold(form)) + r"(?!\w)", folded)
            if m:
                hits.append((m.start(), name))
                break
        else:
            if (m := _initials(name).search(nfc(text))) is not None or (m := _opening_initials(name).match(folded)) is not None:
                hits.append((m.start(), name))
    return [name for _, name in sorted(hits)]


# Two letters officials already use for something else ("LĐ" is lao động, "KH" kế hoạch): never a place's initials.
_OFFICE_SHORTHAND = frozenset(
    "lđ tb xh gd đt yt vh tt kt ht tn mt hđ ub ct qđ nq kh bh cb đv mt dt ns hs".split()
)


_FOLDED_SHORTHAND = frozenset(fold(w) for w in _OFFICE_SHORTHAND)


def _initials(name: str) -> re.Pattern[str]:
    """A name by its initials as officials type them: "KĐ", "kđ" (a marked letter tells it apart) or "KR" in
    capitals; never inside a code ("LD-TB&XH")."""
    letters = "".join(w[0] for w in nfc(name).split())
    if len(letters) < 2 or letters.lower() in _OFFICE_SHORTHAND:
        return re.compile(r"(?!)")
    flags = re.IGNORECASE if letters != strip_diacritics(letters) else 0
    return re.compile(r"(?<![\w&/-])" + re.escape(letters.upper()) + r"(?![\w&/-])", flags)


def _opening_initials(name: str) -> re.Pattern[str]:
    """A name's initials in lower case opening a terse message ("kd kinh phi bn"): a chat names its place first.
    Never initials that fold to office shorthand ("ld" is lao động)."""
    letters = fold("".join(w[0] for w in nfc(name).split()))
    if len(letters) < 2 or letters in _FOLDED_SHORTHAND:
        return re.compile(r"(?!)")
    return re.compile(r"\s*" + re.escape(letters) + r"(?=\s+\w)")


_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_WORDED_DATE = re.compile(r"(?<!\d)(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aă]m\s+(\d{4})(?!\d)", re.IGNORECASE)


def dates_in(text: str) -> list[tuple[int, int, int]]:
    """Calendar dates a text writes, as (day, month, year): "05/7/2024", "5-7-2024" and "05 tháng 7 năm 2024" are
    one date."""
    found = [(m.start(), m.groups()) for pat in (_NUMERIC_DATE, _WORDED_DATE) for m in pat.finditer(text)]
    return list(dict.fromkeys((int(d), int(mo), int(y)) for _, (d, mo, y) in sorted(found)))


def shorten(text: str, limit: int) -> str:
    """Text without trailing punctuation, cut at a word boundary past ``limit`` characters (marked "…")."""
    s = text.strip().rstrip(" .;:/")
    return s if len(s) <= limit else s[:limit].rsplit(" ", 1)[0].rstrip(" ,;") + "…"


_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=\w)")


MAX_KEPT_CLAUSES = 2  # clauses past a cut said anyway, per sentence


def _cut_keeping(p: str, share: int, wanted: Callable[[str], float] | None) -> str:
    """One sentence cut to about ``share`` characters at a clause boundary (or a word), then the later clauses
    ``wanted`` says must stay; "…" marks each gap, clauses that follow each other keep their own comma."""
    cut = max(p.rfind(";", 0, share), p.rfind(",", 0, share))
    # A clause ending a few words past the share is said whole ("… hướng tới bảo hiểm y tế toàn dân,"), not cut
    # before its last words.
    ahead = min(i for i in (p.find(";", share), p.find(",", share), len(p)) if i >= 0)
    if cut <= share // 2 and ahead - share <= share // 4:
        if ahead == len(p):
            return p
        cut = ahead
    base = p[:cut].rstrip() if cut > share // 2 else shorten(p, share).removesuffix("…")
    pieces = re.split(r"([;,])", p[len(base):])
    clauses, seps = pieces[0::2], ["", *pieces[1::2]]
    # How much each clause is wanted (a number: dates before things merely specific); a clause the cut fell inside
    # continues the base and is not counted towards the cap.
    worth = [float(wanted(c)) if wanted is not None and c.strip() else 0.0 for c in clauses]
    inside = cut <= share // 2 and bool(worth) and worth[0] > 0
    ranked = sorted((i for i, w in enumerate(worth) if w > 0 and not (inside and i == 0)), key=lambda i: (-worth[i], i))
    chosen = set(ranked[:MAX_KEPT_CLAUSES]) | ({0} if inside else set())
    out, joined = base, True
    for i, (sep, clause) in enumerate(zip(seps, clauses, strict=True)):
        if not clause.strip():
            continue
        if i in chosen:
            out += clause if inside and i == 0 else (f"{sep} " if joined else "… ") + clause.strip()
            joined = True
        else:
            joined = False
    return out.rstrip(" ,;") + ("" if joined else "…")


WHOLE_KEPT_SHARES = 2.0


def shorten_sentences(
    text: str, limit: int, floor: int = 90, keep: re.Pattern[str] | Callable[[str], float] | None = None
) -> str:
    """Text cut to about ``limit`` characters keeping the opening of every sentence, not only the first ones.

    A briefing quoting a long paragraph should show each of its points ("… bảo hiểm xã hội tự nguyện…" in
    the third sentence) rather than the first sentence whole; each sentence gets an equal share (at least
    ``floor`` characters), cut at a clause boundary where one falls in the second half of the share. A clause
    the cut would drop that matches ``keep`` (a deadline, say) is said after the cut.
    """
    s = text.strip().rstrip(" .;:/")
    parts: list[str] = []
    for piece in _SENTENCE_END.split(s):
        # A new sentence opens with a capital ("Thực hiện …"); "; ưu tiên …" goes on the one before.
        if parts and not piece[:1].isupper():
            parts[-1] = f"{parts[-1]} {piece}"
        elif piece.strip():
            parts.append(piece.strip())
    if len(s) <= limit:
        return s
    # Equal shares, the part a short sentence leaves unused going to the longer ones.
    share, rest, longer = limit // len(parts), limit, sorted(len(x) for x in parts)
    for i, n in enumerate(longer):
        if n > rest // (len(longer) - i):
            share = rest // (len(longer) - i)
            break
        rest -= n
    share = max(floor, share)
    # The sentence saying most of what is asked ("… khu vực thường xuyên bị thiên tai, bão lũ") is said whole when
    # it is not much longer than a share: cut at a comma it would lose what it was kept for.
    weigh = (lambda c: float(bool(keep.search(c)))) if isinstance(keep, re.Pattern) else keep
    scores = [weigh(p) for p in parts] if weigh is not None else []
    whole = scores.index(max(scores)) if scores and max(scores) > 0 else -1
    out = []
    for i, p in enumerate(parts):
        p = p.rstrip(" .;")
        if len(p) > share and not (i == whole and len(p) <= WHOLE_KEPT_SHARES * share):
            p = _cut_keeping(p, share, (lambda c: float(bool(keep.search(c)))) if isinstance(keep, re.Pattern) else keep)
        out.append(p)
    # After a cut sentence the next one follows a ";" (". " after "…" reads as a typo).
    return "".join(x + ("" if i == len(out) - 1 else "; " if x.endswith("…") else ". ") for i, x in enumerate(out))


# A clause going on with a list of groups of people after a semicolon, saying nothing of its own ("… nuôi dưỡng người có
# công với cách mạng; trẻ em mồ côi, người cao tuổi cô đơn …").
_LIST_GOES_ON = re.compile(r"(?:trẻ em|người|hộ|đối tượng|gia đình|phụ nữ|học sinh|lao động|đồng bào|thân nhân|thương binh"
                           r"|cựu chiến binh)\b[^;]{0,200}$")
LIST_SENTENCE_CHARS = 400


def goes_on_listing(before: str, clause: str) -> bool:
    """Whether ``clause``, after a semicolon, only goes on with the list of people ``before`` names."""
    clause = clause.strip()
    return (clause[:1].islower() and _LIST_GOES_ON.match(clause) is not None
            and len(before) + len(clause) <= LIST_SENTENCE_CHARS)
