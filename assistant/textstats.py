"""Term statistics and folded texts of the indexed chunks, derived once at index time.

The answerers need, for every chunk, its folded text (abbreviations spelled out) and, over the corpus,
how many chunks hold each syllable, word and syllable pair, which years each plan names and which pairs
each district's plans use. Computing them at start-up grows with the corpus (≈0.4 s for 4 plans, tens
of seconds for a province), so the index build writes them to ``textstats.json`` and start-up loads it.

The file records a fingerprint of the code that folds and tokenises; when that code changed since the
build, the statistics are recomputed from the chunks at load (same result, slower start) rather than
trusted.

Example::

    >>> stats = TextStats.from_chunks(chunks)
    >>> stats.save(build_dir)
    >>> TextStats.load(build_dir, chunks).term_df["chu"]
    412
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from assistant.chunking import Chunk
from assistant.lexicon import expand_body_names
from assistant.text import STOPWORDS, fold, syllables, words

log = logging.getLogger(__name__)

STATS_FILE = "textstats.json"
STATS_FORMAT = 1
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
# A briefing cutting a paragraph short keeps its dates, its figures and numbers ("2,59%", "trẻ từ 3 đến 5 tuổi",
# "Nghị quyết số 05-NQ/TU") and whom a body answers to ("chịu trách nhiệm toàn diện trước Ủy ban nhân dân huyện").
_DATED_OR_FIGURE = re.compile(r"(?<!\w)(ngày|tháng|quý|năm) \d|(?<!\w)(hằng|hàng) (năm|quý|tháng)(?!\w)|\d|chịu trách nhiệm")
SPECIFIC_PAIR_CHUNKS = 1  # a syllable pair this few passages hold names a specific thing
KEPT_CLAUSE_SYLLABLES = 20  # a clause kept past a cut is short
MIN_KEPT_CLAUSE_SYLLABLES = 3  # … and says a thing of its own
COMMON_SYLLABLE_SHARE = 0.3  # a syllable in this share of passages is no content word
# A pair of content syllables this share of passages (and never fewer than 2) use names one thing ("du học sinh",
# "doanh nghiệp xã hội"); a share, not a count, so the notion holds as an office adds plans.
RARE_PAIR_SHARE = 0.03
MIN_RARE_PAIR_CHUNKS = 2


def _code_version() -> str:
    """Hash of the code the statistics depend on (folding, tokenising, the lexicon, this module)."""
    here = Path(__file__).parent
    h = hashlib.sha1()
    for name in ("text.py", "lexicon.py", "textstats.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:12]


STATS_VERSION = _code_version()


def expand_abbrev(folded: str) -> str:
    """Folded text with "ubnd"/"hdnd" and offices' short names spelled out as the plans write them."""
    return expand_body_names(folded.replace("ubnd", "uy ban nhan dan").replace("hdnd", "hoi dong nhan dan"))


def bigrams(syl: list[str]) -> set[str]:
    """Adjacent pairs of a token list, joined with "_"."""
    return {f"{a}_{b}" for a, b in zip(syl, syl[1:], strict=False)}


@dataclass
class TextStats:
    """Corpus statistics over indexed chunks; see the module docstring."""

    folded: dict[str, str]  # chunk id → folded text, abbreviations spelled out
    term_df: Counter[str]  # chunks holding each folded syllable or exact word (of the index text)
    bigram_df: Counter[str]  # chunks holding each syllable pair ("a_b"; "~a_b" for exact words)
    syllable_df: Counter[str]  # chunks holding each folded syllable of the chunk text alone
    doc_years: dict[str, set[str]]  # doc id → years named anywhere in it
    doc_horizons: dict[str, set[str]]  # doc id → years named in its headings ("đến năm 2030")
    districts: list[str]
    # pair → bit i set when district i uses it: one small int per pair instead of a set per district.
    district_pairs: dict[str, int] = field(default_factory=dict)
    n_chunks: int = 0

    @classmethod
    def from_chunks(cls, chunks: list[Chunk]) -> TextStats:
        """Compute every statistic from the chunks (index time)."""
        folded = {c.id: expand_abbrev(fold(c.text)) for c in chunks}
        term_df: Counter[str] = Counter()
        bigram_df: Counter[str] = Counter()
        syllable_df: Counter[str] = Counter()
        doc_years: dict[str, set[str]] = {}
        doc_horizons: dict[str, set[str]] = {}
        districts = list(dict.fromkeys(c.district for c in chunks))
        bit = {d: 1 << i for i, d in enumerate(districts)}
        pairs: dict[str, int] = {}
        for c in chunks:
            text = c.index_text()
            term_df.update(set(syllables(text)) | set(words(text)))
            syllable_df.update(set(syllables(c.text)))
            doc_years.setdefault(c.doc_id, set()).update(_YEAR.findall(c.text))
            doc_horizons.setdefault(c.doc_id, set()).update(_YEAR.findall(" ".join(c.headings)))
            own = bigrams(syllables(text)) | {f"~{b}" for b in bigrams(words(text))}
            bigram_df.update(own)
            for b in own:
                pairs[b] = pairs.get(b, 0) | bit[c.district]
        return cls(folded, term_df, bigram_df, syllable_df, doc_years, doc_horizons, districts, pairs, len(chunks))

    def district_uses(self, pair: str, district: str) -> bool:
        """Whether any chunk of the district holds the pair."""
        try:
            i = self.districts.index(district)
        except ValueError:
            return False
        return bool(self.district_pairs.get(pair, 0) >> i & 1)

    def worth_keeping(self, clause: str) -> float:
        """How much a clause a cut would drop is worth saying anyway: a date, a figure or whom a body answers to
        (2), a thing few passages name ("hạn chế hưởng bảo hiểm xã hội một lần", "trường học số") (1), the plans'
        stock phrases (0)."""
        if _DATED_OR_FIGURE.search(clause):
            return 2.0
        syl = syllables(clause)
        # (Not a word or two of a list: "… đặc biệt khó khăn… biên giới…" says nothing by itself.)
        content = sum(w not in STOPWORDS for w in syl)
        return float(MIN_KEPT_CLAUSE_SYLLABLES <= content <= KEPT_CLAUSE_SYLLABLES and any(
            0 < self.bigram_df.get(f"{a}_{b}", 0) <= SPECIFIC_PAIR_CHUNKS and self.plain_word(a) and self.plain_word(b)
            for a, b in zip(syl, syl[1:], strict=False)))

    def rare_pairs(self, syl: list[str], plain: frozenset[str] | set[str] = STOPWORDS,
                   share: float = RARE_PAIR_SHARE) -> set[str]:
        """Adjacent pairs ("a_b") of folded syllables, neither plain nor a number, that few passages use: at most
        ``share`` of them, and at least MIN_RARE_PAIR_CHUNKS."""
        cap = max(MIN_RARE_PAIR_CHUNKS, int(share * self.n_chunks))
        return {
            f"{a}_{b}" for a, b in zip(syl, syl[1:], strict=False)
            if a not in plain and b not in plain and not (a.isdigit() or b.isdigit())
            and 0 < self.bigram_df.get(f"{a}_{b}", 0) <= cap
        }

    def plain_word(self, w: str) -> bool:
        """A content syllable: not a stopword, nor one most passages use ("của", "các")."""
        return w not in STOPWORDS and self.syllable_df.get(w, 0) < COMMON_SYLLABLE_SHARE * max(1, self.n_chunks)

    def save(self, folder: Path) -> Path:
        path = Path(folder) / STATS_FILE
        data = {
            "format": STATS_FORMAT, "version": STATS_VERSION, "n_chunks": self.n_chunks,
            "districts": self.districts, "folded": self.folded,
            "term_df": self.term_df, "bigram_df": self.bigram_df, "syllable_df": self.syllable_df,
            "doc_years": {k: sorted(v) for k, v in self.doc_years.items()},
            "doc_horizons": {k: sorted(v) for k, v in self.doc_horizons.items()},
            # Hex keeps the bit masks short for hundreds of districts.
            "district_pairs": {k: format(v, "x") for k, v in self.district_pairs.items()},
        }
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        return path

    @classmethod
    def load(cls, folder: Path, chunks: list[Chunk]) -> TextStats:
        """The statistics written with the build; recomputed from ``chunks`` when missing, unreadable, written
        by other code or for other chunks."""
        path = Path(folder) / STATS_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            why = _mismatch(data, chunks)
            if not why:
                return cls(
                    folded=data["folded"], term_df=Counter(data["term_df"]), bigram_df=Counter(data["bigram_df"]),
                    syllable_df=Counter(data["syllable_df"]),
                    doc_years={k: set(v) for k, v in data["doc_years"].items()},
                    doc_horizons={k: set(v) for k, v in data["doc_horizons"].items()},
                    districts=list(data["districts"]),
                    district_pairs={k: int(v, 16) for k, v in data["district_pairs"].items()},
                    n_chunks=int(data["n_chunks"]),
                )
        except FileNotFoundError:
            why = "chưa có"
        except (OSError, ValueError, KeyError, TypeError) as e:
            why = f"không đọc được ({type(e).__name__})"
        log.info("%s: %s; tính lại từ các đoạn (chạy `assistant index --force` để lưu sẵn).", path, why)
        return cls.from_chunks(chunks)


def stored_version(folder: Path) -> str | None:
    """Version of the code that wrote ``textstats.json`` (None when missing or unreadable)."""
    try:
        return json.loads((Path(folder) / STATS_FILE).read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None


def _mismatch(data: dict[str, object], chunks: list[Chunk]) -> str:
    if data.get("format") != STATS_FORMAT:
        return f"định dạng {data.get('format')} ≠ {STATS_FORMAT}"
    if data.get("version") != STATS_VERSION:
        return "mã tách từ đã thay đổi"
    folded = data.get("folded")
    if not isinstance(folded, dict) or data.get("n_chunks") != len(chunks) or any(c.id not in folded for c in chunks):
        return "không khớp các đoạn của chỉ mục"
    return ""
