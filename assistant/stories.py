"""A story told before a question, and what of it to ask when the whole is refused.

"Mẹ tôi năm nay 78 tuổi, sống một mình … Kế hoạch có trợ cấp gì cho người như mẹ tôi không?": the story spreads its
words over everything the asker said, so the whole may find no sentence of the plans. The last sentence(s) are then
asked alone, the pointer ("như mẹ tôi") standing for what the story says of the asker in the plans' words ("người
cao tuổi", "cô đơn"); a first sentence asking "kế hoạch nào …" is asked of every plan.

    >>> if is_story(analysis):
    ...     story = story_retries(analysis, generator)
    >>> story.tries                      # the questions to ask, in order; the first answered is the answer
    >>> story.worth_asking(story.tries[0], generator)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.generation.extractive import ExtractiveGenerator
from assistant.lexicon import everyday_pairs
from assistant.plan.topics import groups_named
from assistant.query import QueryAnalysis, only_number_and_date, points_back, unpointed, without_plan_name
from assistant.text import STOPWORDS, fold, has_diacritics, syllables
from assistant.textstats import MIN_RARE_PAIR_CHUNKS, RARE_PAIR_SHARE

SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=\S)")
# "Kế hoạch nào …", "những huyện nào …": every plan is asked (folded).
WHICH_PLANS = re.compile(r"(?<!\w)(ke hoach|kh|huyen|noi) nao(?!\w)|(?<!\w)(nhung|cac) (ke hoach|kh|huyen)(?!\w)")
FIRST_CLAUSE = re.compile(r",\s+(?:và|còn|rồi)\s+|;\s+", re.IGNORECASE)
# A sentence asked alone names its topic: this many syllables or syllable pairs found in at most this share of
# passages ("Cụ thể là chính sách gì, nhằm mục đích gì?" names none).
MIN_ASKED_WORDS = 2
SPECIFIC_SHARE = 0.1
# "… như tôi", "như em", "như nhà mình": the asker likened to the group named just before.
_AS_ME = re.compile(r"(?<!\w)nhu (toi|em|minh|tui|chung toi|nha toi|nha minh|gia dinh toi)(?!\w)")
# Words that point back at the story itself ("chuyện này", "như vầy", "trường hợp đó").
_POINTER = re.compile(r"(?<!\w)(chuyen|viec|vu|truong hop|cai|nhu) (nay|do|ay|vay|vay|the)(?!\w)")

_TOLD_PHRASES_MAX = 3
_TOLD_WORD_SHARE = 0.2
_OLD_AGE = re.compile(r"(?<![\d,.])(?:[6-9]\d|1[01]\d) tuoi(?!\w)")  # "mẹ em năm nay 78 tuổi"; folded


def specific_terms(text: str, gen: ExtractiveGenerator) -> set[str]:
    """Words of ``text`` that name a topic: used by the plans, by few of their passages ("nước ngoài", "du học
    sinh"); or pairs of words that do ("chương trình mục tiêu quốc gia": "trình mục", "tiêu quốc")."""
    cap = SPECIFIC_SHARE * gen.n_docs
    syl = syllables(text)
    return {w for w in syl if w not in STOPWORDS and 0 < gen.doc_freq.get(w, 0) <= cap} | {
        f"{a}_{b}" for a, b in zip(syl, syl[1:], strict=False)
        if a not in STOPWORDS and b not in STOPWORDS and 0 < gen.bigram_df.get(f"{a}_{b}", 0) <= cap}


def told_phrases(story: str, districts: list[str], gen: ExtractiveGenerator) -> list[str]:
    """Phrases of a story told before a question that few passages use and the asked plans write ("tự kỷ" of
    "Con tôi được chẩn đoán tự kỷ"), as the story spells them; at most _TOLD_PHRASES_MAX, in order."""
    stats = gen.stats
    plans = districts or stats.districts
    cap = max(MIN_RARE_PAIR_CHUNKS, int(RARE_PAIR_SHARE * stats.n_chunks))
    folded = fold(story)  # one character per character: spans of the folded story are spans of the story
    tokens = [(m.group(0).lower(), m.span()) for m in re.finditer(r"\w+", folded)]
    spans: list[tuple[int, int]] = []
    places = {w for d in stats.districts for w in syllables(d)}
    for (a, (start, a_end)), (b, (b_start, end)) in zip(tokens, tokens[1:], strict=False):
        pair = f"{a}_{b}"
        if folded[a_end:b_start].strip() or {a, b} & places:
            continue  # words side by side only ("Kim Động, mổ" is no phrase), and no place
        if a.isdigit() or b.isdigit() or not 0 < stats.bigram_df.get(pair, 0) <= cap:
            continue
        # ("tự kỷ": one of the two may be a function word, when the other is a word few passages use.)
        if {a, b} & STOPWORDS and not all(w in STOPWORDS or stats.syllable_df.get(w, 0) <= _TOLD_WORD_SHARE * stats.n_chunks
                                          for w in (a, b)) or {a, b} <= STOPWORDS:
            continue
        if any(stats.district_uses(pair, d) for d in plans):
            if spans and start < spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    said = [story[a:b] for a, b in spans]
    # What the story says in everyday words ("sống một mình", "78 tuổi"), in the plans' words ("cô đơn", "người cao
    # tuổi"), when an asked plan writes them.
    # (Not a phrase said in the plans' own words: "nhà ở Kim Động" is where one lives, not housing.)
    officials = [alt for said_as, official in everyday_pairs(folded) if said_as != fold(official)
                 for alt in official.split(", ")]
    if _OLD_AGE.search(folded):
        officials.append("người cao tuổi")
    for official in officials:
        pairs = [f"{a}_{b}" for a, b in zip(syllables(official), syllables(official)[1:], strict=False)]
        if pairs and any(all(stats.district_uses(p, d) for p in pairs) for d in plans):
            said.append(official)
    firsts: dict[str, str] = {}
    for x in said:
        firsts.setdefault(fold(x), x)  # one per folded spelling ("bệnh mãn tính", "bệnh mạn tính")
    return list(firsts.values())[:_TOLD_PHRASES_MAX]


def names_its_group(asked: str, gen: ExtractiveGenerator) -> bool:
    """"người thất nghiệp như tôi": the question compares the asker to a group it names by a rare word, and
    points back at nothing else ("… chuyện này", "như vầy")."""
    folded = fold(asked)
    m = _AS_ME.search(folded)
    if m is None or points_back(unpointed(asked)) or _POINTER.search(folded):
        return False
    return bool(specific_terms(" ".join(syllables(folded[: m.start()])[-4:]), gen))


@dataclass
class StoryRetries:
    """What to ask, in order, when a question told as a story is refused whole."""

    tries: list[str] = field(default_factory=list)
    told: set[str] = field(default_factory=set)  # named by the story's own phrases: specific enough as they are
    of_every_plan: tuple[str, ...] = ()  # the first sentence (or clause) asking "kế hoạch nào …"

    def worth_asking(self, asked: str, gen: ExtractiveGenerator) -> bool:
        """A try names a topic by words few passages use, or by the story's own phrases; a bare "số, ngày" asks
        of the document the sentence before names, not alone."""
        specific = len(specific_terms(asked, gen)) >= MIN_ASKED_WORDS or asked in self.told
        return specific and not only_number_and_date(asked)


def _sentences(analysis: QueryAnalysis) -> tuple[list[str], bool, str]:
    """The question's sentences, whether the first asks which plans, and that sentence's first clause if so."""
    sentences = [x for x in SENTENCE_BREAK.split(analysis.text) if x.strip()]
    which = WHICH_PLANS.search(fold(sentences[0])) is not None if sentences else False
    first = FIRST_CLAUSE.split(sentences[0])[0] if which else ""
    return sentences, which, first


def is_story(analysis: QueryAnalysis) -> bool:
    """Whether the question has more than one sentence (or a first clause asking which plans) to ask alone."""
    sentences, _, first = _sentences(analysis)
    return len(sentences) >= 2 or bool(first and first != sentences[0])


def story_retries(analysis: QueryAnalysis, gen: ExtractiveGenerator) -> StoryRetries:
    """The sentences of ``analysis`` to ask alone, in order (none when it is no story: see :func:`is_story`)."""
    if not is_story(analysis):
        return StoryRetries()
    sentences, which, first = _sentences(analysis)
    out = StoryRetries(of_every_plan=(sentences[0], first))
    for k in range(1, len(sentences)):
        asked = " ".join(sentences[-k:])
        if points_back(FIRST_CLAUSE.split(asked)[0]):
            # "… cho mấy đứa nhỏ như cháu không?": the story is what is asked about ("…, và cơ quan nào lo việc
            # này" points at the sentence's own first clause). The last sentence is asked without its pointing
            # words only when they compare the asker to a group it names by a word few passages use ("người thất
            # nghiệp như tôi được hỗ trợ gì"; not "mấy đứa nhỏ như cháu", nor "chuyện này").
            # ("Con của người có công như tôi có được ưu tiên gì": a group of the plans' own, named whole.)
            if k == 1 and (names_its_group(asked, gen) or groups_named(fold(unpointed(asked)))):
                own_words = unpointed(asked)
                lost = [d for d in analysis.districts if fold(d) not in fold(own_words)]
                out.tries.append(f"{own_words.rstrip(' ?')} ({', '.join(lost)})?" if lost else own_words)
                if groups_named(fold(own_words)):
                    out.told.add(out.tries[-1])  # the plans' own name of a group is specific enough
            elif k == 1 and (told := told_phrases(" ".join(sentences[:-1]), analysis.districts, gen)):
                # "Con tôi … được chẩn đoán tự kỷ, … Kế hoạch có tính gì cho những trẻ như cháu không?": what the
                # story says of the asker in the plan's words ("tự kỷ") is what the pointer stands for; the
                # rest of the story ("chẩn đoán", "không có chỗ can thiệp") is the asker's, not the plan's.
                lost = [d for d in analysis.districts if fold(d) not in fold(asked)]
                own_words = without_plan_name(unpointed(asked)).rstrip(" ?")
                if not has_diacritics(asked):
                    told = [fold(t) for t in told]  # ("người cao tuổi" in a question typed without marks)
                out.tries.append(f"{own_words} ({', '.join(told + lost)})?")
                out.told.add(out.tries[-1])
            break
        lost = [d for d in analysis.districts if fold(d) not in fold(asked)]
        out.tries.append(f"{asked.rstrip(' ?')} ({', '.join(lost)})?" if lost else asked)
    if which:
        # "Những kế hoạch nào có chỉ tiêu X? Mỗi nơi bao nhiêu, Lạc Dương có đặt không?": the first sentence asks
        # of every plan; the district a later one names is one of them, not the only plan asked ("Huyện nào nhắc
        # đến X, và mốc thời gian mỗi nơi ghi là gì": its first clause).
        out.tries += list(dict.fromkeys(x for x in (sentences[0], first) if x and x != analysis.text))
    return out
