"""Targets: the indicators a question names, matched to the plan model's targets, for one plan or across
plans, or said not set.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache

from assistant.generation.base import REFUSAL, Generation
from assistant.generation.facets.base import (
    GENERIC_TARGET_WORDS,
    HOMOGRAPHS,
    QUANTITY_CUE,
    SCOPES,
    TARGET_ASKED,
    TARGET_CUE,
    Cites,
    FacetBase,
    same_verdict,
    sentences_in,
    source_text,
)
from assistant.lexicon import CONFUSABLE_THINGS, expand_abbreviations
from assistant.plan.extract import RELATED, Target, indicators_named
from assistant.plan.facts import display
from assistant.plan.model import PlanModel
from assistant.plan.topics import topics_of
from assistant.query import (
    ASKS_SAME,
    QueryAnalysis,
)
from assistant.text import (
    STOPWORDS,
    fold,
    syllables,
    words,
)

_COMPARE = re.compile(r"(?<!\w)(so sanh|doi chieu|chenh lech)(?!\w)")
_FIGURE = re.compile(r"(?<![\d-])(?!(?:19|20)\d\d(?!\d))\d+(?:[.,]\d+)?")


# How well something is done, not what: never the name of an indicator ("tiêm chủng đầy đủ").
_QUALIFIER_PAIRS = frozenset(
    "day_du hieu_qua kip_thoi chat_luong toan_dien ben_vung co_ban dong_bo thuong_xuyen on_dinh phu_hop".split()
)


# "tới năm nào thì …", "bao giờ thì …", "khi nào … đạt": the year a thing is to be reached (folded).
_YEAR_WHEN = re.compile(r"(?<!\w)((toi|den|vao|la) nam nao|nam nao (thi|se|moi|phai)|bao gio|khi nao|den chung nao)(?!\w)")
# A day, a deadline or a recurring time asked: a task's date, not a target's horizon.
_DAY_ASKED = re.compile(r"(?<!\w)(ngay nao|truoc ngay|thoi han|han chot|dinh ky|hang nam|bao cao|so ket|tong ket|ban hanh|ky)(?!\w)")
_YEAR_MATCH = 0.5  # a target named by half its weight or more

_JOINED = re.compile(r"(?<!\w)(va|voi|cung|con)(?!\w)|,")


# "… có đặt chỉ tiêu nào tương tự không", "… như Kim Động không": a target like another plan's is asked.
_ALIKE = re.compile(r"(?<!\w)(tuong tu|giong|nhu (huyen|ke hoach|kh|cac huyen|may huyen|ben)|cung loai|nao khac)(?!\w)")
# One plan's figure set against another's ("… so với Kim Động thì thế nào"), not "có … không" asked of each.
_SETS_AGAINST = re.compile(r"(?<!\w)(so voi|so sanh voi|doi chieu voi|chenh lech voi)(?!\w)(?![^?]*(?<!\w)khong\s*\??\s*$)")
_SUPERLATIVE = re.compile(r"(?<!\w)(cao|thap|nhieu|it|lon|nho|tot) (nhat|hon)(?!\w)")


_MORE_CUE = re.compile(
    r"thi sao|(?<!\w)(con|ca|lan)(?!\w)|rieng|tach|tung khu vuc|moi khu vuc"
    # "bình quân bao nhiêu m2, ở nông thôn thì bao nhiêu": the scope belongs to the second ask only.
    r"|(bao nhieu|muc nao|may)(?!\w)[^?]*?(,|;| va ) ?(o |tai |khu vuc )?(thanh thi|do thi|nong thon)[^?]*?(bao nhieu|muc nao|the nao|ra sao)"
)


# Words every target phrase shares: they say "a target", not which one.
_RUN_SCORE = 0.55  # an indicator matched only by a run of its own words (see FacetAnswerer._target_matches)


# The same words with their marks: another word folding to one of them ("tiểu", "cơ", "sở") is not generic.
_GENERIC_MARKED = frozenset(
    "tỷ lệ tỉ chỉ tiêu đạt được năm trên dưới khoảng tối thiểu trở lên số người dân mức phần trăm bao nhiêu "
    "đến huyện kế hoạch của đặt ra là có và".split()
)


def _marked_forms(text: str) -> dict[str, set[str]]:
    """Folded word → the forms with marks it has in the text."""
    out: dict[str, set[str]] = {}
    for w in words(text):
        out.setdefault(fold(w), set()).add(w)
    return out


def _common_runs(asked: Sequence[str], name: Sequence[str]) -> Iterator[tuple[int, int, int]]:
    """(i, j, k): the question's words i…i+k equal the name's words j…j+k (k ≥ 1), for every start pair."""
    where: dict[str, list[int]] = {}
    for j, w in enumerate(name):
        where.setdefault(w, []).append(j)
    for i, w in enumerate(asked):
        for j in where.get(w, ()):  # only the pairs that start alike (every answer checks ~100 names)
            k = 1
            while i + k < len(asked) and j + k < len(name) and asked[i + k] == name[j + k]:
                k += 1
            yield i, j, k


@lru_cache(maxsize=8192)
def _pairs_of_names(*names: str) -> frozenset[str]:
    out: set[str] = set()
    for name in names:
        syl = _name_syllables(name)
        # ("dược sĩ" folds to the stopword "được": a homograph written so is a content word.)
        plain = (STOPWORDS | GENERIC_TARGET_WORDS) - {fold(w) for w in words(name) if w in HOMOGRAPHS}
        out |= {f"{a}_{b}" for a, b in zip(syl, syl[1:], strict=False)
                if not ({a, b} & plain) and not (a.isdigit() or b.isdigit())}
    return frozenset(out)


@lru_cache(maxsize=8192)
def _name_syllables(name: str) -> tuple[str, ...]:
    """Folded syllables of a target's name (the same few hundred names, read for every question)."""
    return tuple(syllables(name))


def _is_content(w: str) -> bool:
    return w not in STOPWORDS and w not in GENERIC_TARGET_WORDS


def _run_positions(asked: Sequence[str], name: Sequence[str]) -> set[int]:
    """Positions of the question inside a run of two or more content words found word for word in a name."""
    out: set[int] = set()
    for i, _, k in _common_runs(asked, name):
        content = [p for p in range(i, i + k) if _is_content(asked[p])]
        if len(content) >= 2:
            out.update(content)
    return out


def _named_run(asked: Sequence[str], name: Sequence[str]) -> set[str]:
    """Content syllables of the longest run of the question found word for word in a name and reaching the
    name's last content word, which tells the indicator apart ("… tham gia bảo hiểm thất nghiệp")."""
    content = [i for i, w in enumerate(name) if _is_content(w)]
    if not content:
        return set()
    best: set[str] = set()
    for i, j, k in _common_runs(asked, name):
        run = {w for w in asked[i:i + k] if _is_content(w)}
        if j <= content[-1] < j + k and len(run) > len(best):
            best = run
    return best


_USE_VERBS = frozenset({"su dung", "tham gia", "tiep can", "thu huong", "duoc huong", "duoc dung"})
_SCOPE_WORDS = frozenset("nong thon thanh thi do thi khu vuc toan huyen".split())


def _object_differs(asked: Sequence[str], name: Sequence[str]) -> bool:
    """The question and the name share a verb ("sử dụng") but not what follows it: "hộ dân sử dụng điện lưới" is
    not "hộ gia đình sử dụng nước sạch" (the two words after the shared run are content words on both sides, and
    neither side's pair appears anywhere in the other)."""
    said, own = set(asked), set(name)

    def thing_word(w: str) -> bool:
        return _is_content(w) and w not in _SCOPE_WORDS  # ("hộ nông thôn" / "hộ gia đình": one thing, two scopes)

    for i, j, k in _common_runs(asked, name):
        # (a shared verb of use or access: "hộ", "lao động" shared are the thing itself, qualified two ways)
        if k < 2 or " ".join(asked[i + k - 2:i + k]) not in _USE_VERBS:
            continue
        theirs, ours = asked[i + k:i + k + 2], name[j + k:j + k + 2]
        if (len(theirs) == 2 == len(ours) and all(map(thing_word, theirs)) and all(map(thing_word, ours))
                and not set(theirs) & own and not set(ours) & said):
            return True
    return False


_CLEARLY_BETTER = 0.25  # another plan's indicator matches the question this much better than any of the plan's own
MAX_NEAR = 3  # a plan's own targets in the field of one it does not set, said with the refusal

COMPANION_GAP = 3  # characters between two targets stated as one clause: ", "

class TargetFacets(FacetBase):
    """Targets asked by their indicators (part of :class:`FacetAnswerer`)."""

    def _forms_of(self, plan: PlanModel) -> list[dict[str, set[str]]]:
        """The marked forms of each target's words, per plan (fixed for the life of the index)."""
        if plan.doc_id not in self._forms:
            self._forms[plan.doc_id] = [_marked_forms(f"{t.phrase} {t.indicator}") for t in plan.targets]
        return self._forms[plan.doc_id]

    def _plan_pairs(self, plan: PlanModel) -> Counter[str]:
        if plan.doc_id not in self._plan_pairs_of:
            self._plan_pairs_of[plan.doc_id] = Counter(b for t in plan.targets for b in self._name_bigrams(t))
        return self._plan_pairs_of[plan.doc_id]

    def _target_matches(
        self, plan: PlanModel, qa: QueryAnalysis, by_pairs: bool = False
    ) -> list[tuple[Target, set[str], float]]:
        """The plan's targets the question names: ≥ 2 of the indicator's words, half its weight or more
        (``by_pairs``: or a two-word name only this indicator of the plan uses)."""
        # Several facets ask the same of one question: computed once per (plan, question) — the biggest part of
        # an answer's time otherwise. Read-only results; the lock keeps the bounded memo consistent across threads.
        key = (plan.doc_id, qa.text, qa.expanded_text, tuple(qa.districts), by_pairs)
        with self._memo_lock:
            hit = self._matches_memo.get(key)
        if hit is not None:
            return hit
        found = self._match_targets(plan, qa, by_pairs)
        with self._memo_lock:
            if len(self._matches_memo) >= 4096:
                self._matches_memo.clear()
            self._matches_memo[key] = found
        return found

    def _name_words(self, name: str) -> tuple[set[str], list[tuple[str, set[str]]], dict[str, float]]:
        """What an indicator's name holds, whatever the question: its own words, its word pairs that hold a generic
        word (each as "a_b" with both words), each own word's weight. Worked out once per name."""
        found = self._name_words_memo.get(name)
        if found is not None:
            return found
        own = set(syllables(name)) - STOPWORDS - GENERIC_TARGET_WORDS
        own |= {fold(w) for w in words(name) if w in HOMOGRAPHS}  # "dược sĩ": not the "được" it folds to
        # "tiểu học", "cơ sở" fold to "tiêu" of "chỉ tiêu", "có", "số": their own words when the question names the
        # pair ("đúng tuổi ở tiểu học, trung học cơ sở").
        marked = [w.lower() for w in words(name)]
        pairs = [p for p in zip(marked, marked[1:], strict=False)
                 if any(fold(w) in GENERIC_TARGET_WORDS and w not in _GENERIC_MARKED for w in p)]
        own |= {fold(w) for p in pairs for w in p if fold(w) in GENERIC_TARGET_WORDS and w not in _GENERIC_MARKED}
        homograph = {fold(w) for w in words(name) if w in HOMOGRAPHS}
        weight = {w: math.log(1 + self._n_targets / (1 + self._target_df.get(f"{w}#" if w in homograph else w, 0)))
                  for w in own}
        found = (own, [(f"{fold(a)}_{fold(b)}", {fold(a), fold(b)}) for a, b in pairs], weight)
        self._name_words_memo[name] = found
        return found

    def _match_targets(
        self, plan: PlanModel, qa: QueryAnalysis, by_pairs: bool
    ) -> list[tuple[Target, set[str], float]]:
        # District names say where, not which indicator: "Kim Động" is not the "động" of "lao động".
        # The words as typed count too: the lexicon's official wording ("học nghề" → "đào tạo nghề") may drop
        # the plan's own word ("phân luồng học nghề").
        unplaced = f"{fold(qa.expanded_text)} | {expand_abbreviations(fold(qa.text))}"
        for place in sorted({fold(d) for d in [*qa.districts, *self.book.districts]}, key=len, reverse=True):
            unplaced = re.sub(rf"(?<!\w){re.escape(place)}(?!\w)", " ", unplaced)
        q = set(syllables(unplaced)) - STOPWORDS - GENERIC_TARGET_WORDS
        # "dược sĩ" folds to the stopword of "được": the pharmacist is a word of its own.
        q |= {"duoc"} if re.search(r"(?<!\w)duoc si(?!\w)", unplaced) and "được sĩ" not in qa.text.lower() else set()
        # Short names are taken as typed (abbreviations spelled out): the lexicon's broader official words
        # ("học nghề" → "đào tạo nghề") would name other indicators.
        typed = syllables(expand_abbreviations(fold(qa.text)))
        q_pairs = {f"{a}_{b}" for a, b in zip(typed, typed[1:], strict=False)} - _QUALIFIER_PAIRS
        asked_seq = syllables(fold(qa.expanded_text))
        unplaced_syl = syllables(unplaced)
        asked_folded_pairs = {f"{a}_{b}" for a, b in zip(unplaced_syl, unplaced_syl[1:], strict=False)}
        matches: list[tuple[Target, set[str], float]] = []
        if by_pairs:
            # Words the fully named indicators already explain ("một phụ nữ" in "tổng tỷ suất sinh … một phụ nữ").
            q_pairs -= {b for t, _, _ in self._target_matches(plan, qa) for b in self._name_bigrams(t)}
        # Where each indicator's name runs word for word through the question: a word there belongs to it
        # ("tiem chung" is "tiêm chủng", not the "chung" of "thất nghiệp chung" typed without marks).
        runs = [set().union(*(_run_positions(asked_seq, _name_syllables(x)) for x in (t.phrase, t.indicator) if x))
                for t in plan.targets]
        # The marked forms of each indicator's words: "chủng" and "chung" fold alike but are other words.
        forms = self._forms_of(plan)
        for ti, t in enumerate(plan.targets):
            taken = {
                w for w in q
                if all(any(i in runs[j] and i not in runs[ti] and not forms[j].get(w, set()) & forms[ti].get(w, set())
                           for j in range(len(runs)) if j != ti)
                       for i, x in enumerate(asked_seq) if x == w)
            }
            # The clause's own words or the indicator's normalised name, whichever the question names better
            # ("tiêm chủng cho trẻ dưới 1 tuổi" ~ "tỷ lệ tiêm chủng mở rộng").
            best: tuple[float, set[str]] | None = None
            for name in dict.fromkeys(x for x in (t.phrase, t.indicator) if x):
                own, pairs, weight = self._name_words(name)
                extra = {w for key, both in pairs if key in asked_folded_pairs for w in both}
                # A two-word name ("thất nghiệp") also sits inside others ("bảo hiểm thất nghiệp"): only the
                # clause's own words count then.
                if len(own) < (2 if name == (t.phrase or t.indicator) else 3):
                    continue
                hit = own & (q | extra) - taken
                # Coverage weighted by how rare each word is among targets: "bảo hiểm y tế" needs "y tế".
                score = sum(weight[w] for w in sorted(hit)) / sum(weight[w] for w in sorted(own))
                run = _named_run(asked_seq, _name_syllables(name))
                if len(run) >= 3 and score < _RUN_SCORE:
                    # "bảo hiểm thất nghiệp" named as the plan writes it: the indicator, however long its name
                    # (a weak match still: it never tells that another plan sets a target this one lacks).
                    score, hit = _RUN_SCORE, hit | run
                if (len(hit) >= 2 and score >= 0.5 and (best is None or score > best[0])
                        and not (score < 1.0 and _object_differs(asked_seq, _name_syllables(name)))):
                    best = (score, hit)
            if best is None:
                # A long indicator named by two or more of its own word pairs no other target of the plan uses
                # ("… lương hưu hay trợ cấp hàng tháng"): named, though most of its words are left out.
                own_pairs = [b for b in self._name_bigrams(t) if b in q_pairs and self._plan_pairs(plan)[b] <= 1]
                if len(own_pairs) >= 2:
                    best = (0.5, {w for b in own_pairs for w in b.split("_")})
            if best is None and by_pairs:
                # "… với lương hưu": a two-word name only this indicator of the plan uses names it alone.
                named = [b for b in self._name_bigrams(t) if b in q_pairs and self._plan_pairs(plan)[b] <= 2]
                if named:
                    best = (0.5, {w for b in named for w in b.split("_")})
            if best is not None:
                matches.append((t, best[1], best[0]))
        return matches

    def _names_other_indicators(self, plan: PlanModel, qa: QueryAnalysis, chosen: list[Target]) -> bool:
        """The question names, by a pair of words the plan writes so ("nước sạch", "lương hưu"), an indicator
        of the plan outside ``chosen``."""
        place = {w for d in [*qa.districts, plan.district] for w in syllables(d)}  # "Lạc Dương" is not "dưỡng"
        typed = [w for w in syllables(fold(qa.expanded_text)) if w not in place]
        asked = {f"{a}_{b}" for a, b in zip(typed, typed[1:], strict=False)}
        covered = {b for t in chosen for b in self._name_bigrams(t)}
        return any(b in asked and b not in covered for t in plan.targets if t not in chosen for b in self._name_bigrams(t))

    @staticmethod
    def _asked_pairs(qa: QueryAnalysis) -> set[str]:
        """Adjacent word pairs of the question, as typed and in the plans' wording."""
        out = set()
        for text in (expand_abbreviations(fold(qa.text)), fold(qa.expanded_text)):
            syl = syllables(text)
            out |= {f"{a}_{b}" for a, b in zip(syl, syl[1:], strict=False)}
        return out

    @staticmethod
    def _name_bigrams(t: Target) -> set[str]:
        """Pairs of content syllables in a target's clause and indicator name."""
        return set(_pairs_of_names(t.phrase or "", t.indicator or ""))

    def _asked_targets(self, plan: PlanModel, qa: QueryAnalysis, by_pairs: bool = False) -> tuple[list[Target], bool]:
        """The plan's targets the question asks for, in text order, and whether a named scope narrowed them."""
        matches = self._target_matches(plan, qa, by_pairs)
        # A target whose matched words all belong to a better match of another indicator answers nothing
        # of its own ("thất nghiệp" inside "bảo hiểm thất nghiệp"); the same indicator per scope stays.
        kept = [(t, hit, score) for t, hit, score in matches
                if not any(hit < other and score < 1.0 and t.indicator != o.indicator for o, other, _ in matches)]
        # One scope named ("ở nông thôn"): of an indicator set per scope, only that scope's figure.
        # "… bao nhiêu, nông thôn thì sao?" names one scope but asks for the whole district too.
        scopes = {name for name, pat in SCOPES.items() if pat.search(qa.folded)}
        narrowed = False
        if len(scopes) == 1 and not _MORE_CUE.search(qa.folded):
            scoped = {t.indicator for t, _, _ in kept if t.scope in scopes}
            narrowed = any(t.indicator in scoped and t.scope not in scopes for t, _, _ in kept)
            kept = [m for m in kept if m[0].indicator not in scoped or m[0].scope in scopes]
        unique = {(t.start, t.end): t for t, _, _ in kept}
        if not scopes:
            # No scope named: an indicator the plan sets per scope ("thất nghiệp chung … khu vực thành thị") is
            # asked whole, though the scoped clause's extra words leave it unmatched by itself.
            asked_ind = {t.indicator for t in unique.values()}
            unique.update({(t.start, t.end): t for t in plan.targets if t.indicator in asked_ind})
        elif len(scopes) >= 2:
            # "thất nghiệp chung, thất nghiệp ở đô thị": the indicator's figure for each scope named.
            asked_ind = {t.indicator for t in unique.values()}
            unique.update({(t.start, t.end): t for t in plan.targets if t.indicator in asked_ind and t.scope in scopes})
        return [unique[k] for k in sorted(unique)], narrowed

    def _cut_in_two(self, plan: PlanModel, t: Target) -> bool:
        """Whether the target's clause lies in two pieces with other text between (Kim Động's shuffled pages)."""
        source = source_text(self.chunks_by_doc.get(plan.doc_id, []), t.start, t.end, footnotes=False)
        return len(display(source)) > len(display(t.text)) + 40

    @staticmethod
    def _with_companions(plan: PlanModel, targets: list[Target]) -> list[Target]:
        """The targets, each followed by the one its clause goes on to right after a comma ("tuổi thọ trung bình …
        khoảng 75,5 tuổi, số năm sống khỏe đạt tối thiểu 68 năm"): the plan states the two as one."""
        out = []
        for t in targets:
            out.append(t)
            nxt = next((x for x in plan.targets if 0 < x.start - t.end <= COMPANION_GAP and x not in targets
                        and not t.text.rstrip().endswith((";", "."))), None)
            if nxt is not None and nxt not in out:
                out.append(nxt)
        return out

    def _clauses(self, plan: PlanModel, targets: list[Target], cites: Cites) -> str:
        doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
        parts = []
        for t in targets:
            clause = display(source_text(doc_chunks, t.start, t.end, footnotes=False)).lstrip("-+• ").rstrip(" .;,")
            marks = cites.mark(plan.doc_id, t.start, t.end)
            if self._cut_in_two(plan, t):
                # A clause the plan's shuffled pages cut in two ("… 30%" / other paragraphs / "học sinh … học nghề"):
                # the clause as the model joined it, citing its two pieces, not what lies between them.
                clause = display(t.text).lstrip("-+• ").rstrip(" .;,")
                first = next((p for p in plan.paragraphs if p.start <= t.start < p.end), None)
                last = next((p for p in plan.paragraphs if p.start < t.end <= p.end), None)
                if first is not None and last is not None and first is not last:
                    marks = cites.mark(plan.doc_id, t.start, first.end) + cites.mark(plan.doc_id, last.start, t.end)
            parts.append(f"{clause[:1].upper()}{clause[1:]}{marks}")
        return "; ".join(parts)

    def _targets(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """Two or more targets asked of one plan ("giường bệnh, bác sĩ và điều dưỡng", or one indicator
        the plan sets for the whole district, for towns and for the countryside): every one."""
        if not TARGET_CUE.search(qa.folded) or qa.briefing or qa.wants_comparison:
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1 or not plans[0].targets:
            return None
        plan = plans[0]
        targets, narrowed = self._asked_targets(plan, qa)
        if (qa.intent == "target" and _JOINED.search(qa.folded)
                and targets and (len(targets) == 1 or self._names_other_indicators(plan, qa, targets))):
            # "bảo hiểm y tế với lương hưu": one indicator named in full, the other by its short name.
            more, narrowed_more = self._asked_targets(plan, qa, by_pairs=True)
            if len(more) > max(1, len(targets)):
                targets, narrowed = more, narrowed_more
        # One target is the sentence answerer's job, except one scope picked out of a sentence giving several
        # and a clause the plan's shuffled pages cut in two (no sentence of the text holds it whole).
        if len(targets) < (1 if narrowed or len(targets) == 1 and self._cut_in_two(plan, targets[0]) else 2):
            return None
        named_by_run = any(score == _RUN_SCORE for t, _, score in self._target_matches(plan, qa) if t in targets)
        if named_by_run and self._names_other_indicators(plan, qa, targets):
            return None  # "nước sạch với thu gom nước thải": a part these targets leave out; the passages answer
        text = f"Chỉ tiêu đến năm 2030 trong kế hoạch của {plan.district}: {self._clauses(plan, targets, cites)}."
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "chỉ tiêu trong mô hình kế hoạch", "targets": len(targets),
                                 "target_ids": [f"{t.doc_id}:{t.start}" for t in targets]}, spans=cites.spans)

    def _target_year(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Huyện hứa tới năm nào thì nhà nào cũng có nước sạch": the year a target of the plan is set for is its
        horizon (every target of the plan model is set for 2030), said with the target, cited."""
        if not _YEAR_WHEN.search(qa.folded) or qa.briefing or qa.wants_comparison or _DAY_ASKED.search(qa.folded):
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1 or not plans[0].targets:
            return None
        plan = plans[0]
        matches = sorted(self._target_matches(plan, qa), key=lambda m: -m[2])
        if not matches or matches[0][2] < _YEAR_MATCH or len(matches) > 1 and matches[1][2] >= matches[0][2]:
            return None  # (no target named, or two named alike: the passages answer)
        t = matches[0][0]
        text = f"Đến năm 2030 (chỉ tiêu của kế hoạch của {plan.district}): {self._clauses(plan, [t], cites)}."
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "chỉ tiêu trong mô hình kế hoạch", "targets": 1,
                                 "target_ids": [f"{t.doc_id}:{t.start}"]}, spans=cites.spans)

    def _targets_across(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """One indicator asked of several plans ("tuổi thọ trung bình của từng huyện"): one line per plan."""
        if not TARGET_CUE.search(qa.folded) or not qa.wants_comparison or _SUPERLATIVE.search(qa.folded):
            return None  # "huyện nào cao nhất" is ranked by the trainers' comparison of the targets table
        plans = [p for p in self._plans_for(qa) if p.targets]
        if len(plans) < 2:
            return None
        asked = [(plan, self._asked_targets(plan, qa)[0]) for plan in plans]
        # An indicator one plan matches only by words that another plan's indicator matches with more ("bác sĩ
        # trên 10.000 dân" against "dược sĩ trên 10.000 dân" asked): not the one asked, in that plan.
        matches = {plan.doc_id: self._target_matches(plan, qa) for plan in plans}
        every = [m for found in matches.values() for m in found]
        gone = {plan.doc_id: [t for t in targets if self._outmatched(t, matches[plan.doc_id], every)] for plan, targets in asked}
        asked = [(plan, [t for t in targets if not self._outmatched(t, matches[plan.doc_id], every)])
                 for plan, targets in asked]
        names = {t.indicator for _, targets in asked for t in targets}
        missing = [plan for plan, targets in asked if not targets]
        if missing and len(missing) < len(plans) and len(qa.districts) >= 2 and _SETS_AGAINST.search(qa.folded):
            # "X của A so với B thì thế nào" where A sets no such target: nothing to compare; say what B sets.
            found = [(plan, targets) for plan, targets in asked if targets]
            said = " ".join(f"Kế hoạch của {plan.district}: {self._clauses(plan, targets, cites)}." for plan, targets in found)
            lacking = ", ".join(plan.district for plan in missing)
            text = (f"{REFUSAL} Kế hoạch của {lacking} không đặt chỉ tiêu «{', '.join(sorted(names))}», "
                    f"nên không so sánh được. {said}")
            return Generation(text, cites.cited, True, self.name, evidence_score=0.0,
                              guard={"refusal": "indicator_not_set"}, spans=cites.spans)
        lines = []
        for plan, targets in asked:
            if targets:
                lines.append(f"- {plan.district}: {self._clauses(plan, self._with_companions(plan, targets), cites)}.")
                continue
            if gone[plan.doc_id] and names:
                # "Phụng Hiệp có đặt chỉ tiêu dược sĩ … như mấy huyện khác không": it sets doctors, not pharmacists.
                lines.append(f"- {plan.district}: không đặt chỉ tiêu «{', '.join(sorted(names))}»; chỉ tiêu gần nhất: "
                             f"{self._clauses(plan, gone[plan.doc_id], cites)}.")
                continue
            # Phụng Hiệp sets "lao động chưa có việc làm ổn định" where its peers set "thất nghiệp": said as that.
            related = [t for t in plan.targets if RELATED.get(t.indicator) in names]
            if not related or _COMPARE.search(qa.folded):
                # ("So sánh … giữa các huyện": the trainers' table sets the plans side by side, "không nêu" included.)
                # A plan may state it in other words than its peers: the passage answerer looks at each plan's text.
                return None
            what = ", ".join(sorted({RELATED[t.indicator] for t in related}))
            lines.append(f"- {plan.district}: không đặt chỉ tiêu «{what}»; chỉ tiêu gần nhất: "
                         f"{self._clauses(plan, related, cites)}.")
        heading = "Chỉ tiêu đến năm 2030 theo từng kế hoạch"
        if ASKS_SAME.search(qa.folded) and all(len(targets) == 1 for _, targets in asked):
            # "… của Kim Động và Phụng Hiệp có giống nhau không": the figures side by side say whether.
            figures = {tuple(re.findall(r"\d+(?:[.,]\d+)?", targets[0].text)) for _, targets in asked}
            heading = f"{same_verdict(len(figures) == 1)} {heading}"
        text = f"{heading}:\n" + "\n".join(lines)
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "chỉ tiêu trong mô hình kế hoạch"}, spans=cites.spans)

    @staticmethod
    def _outmatched(t: Target, own: list[tuple[Target, set[str], float]],
                    every: list[tuple[Target, set[str], float]]) -> bool:
        """Whether every match of ``t`` is a part of another indicator's match in some plan."""
        hits = [(hit, score) for x, hit, score in own if x is t]
        return bool(hits) and all(
            score < 1.0 and any(hit < other and o.indicator != t.indicator for o, other, _ in every) for hit, score in hits)

    def _related_indicator(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """An indicator a plan does not set but states by a related one ("tỷ lệ thất nghiệp" of a plan that counts
        "lao động chưa có việc làm ổn định"): said so, with the related target, cited; not another target sharing a
        word ("bảo hiểm thất nghiệp")."""
        spelled = expand_abbreviations(qa.folded)  # ("PH that nghiep 2030 bn")
        if qa.intent != "target" or qa.briefing or qa.wants_comparison or not TARGET_CUE.search(spelled):
            return None
        plans = self._plans_for(qa)
        named = indicators_named(spelled)
        if len(plans) != 1 or len(named) != 1:
            return None
        plan = plans[0]
        if any(t.indicator == named[0] for t in plan.targets):
            return None
        related = [t for t in plan.targets if RELATED.get(t.indicator) == named[0] and not t.footnote]
        scope = re.search(r"(?<!\w)(thanh thi|do thi|nong thon)(?!\w)", spelled)
        if scope:
            # "… thất nghiệp ở khu vực thành thị" of a plan whose related target counts the whole district: not set.
            want = "nong thon" if scope.group(1) == "nong thon" else "thanh thi"
            related = [t for t in related if fold(t.scope) == want]
        if not related:
            return None
        text = (f"Kế hoạch của {plan.district} không đặt chỉ tiêu «{named[0]}»; chỉ tiêu gần nhất kế hoạch đặt đến "
                f"năm 2030: {self._clauses(plan, related, cites)}.")
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "chỉ tiêu trong mô hình kế hoạch", "targets": len(related)}, spans=cites.spans)

    def _indicator_in_other_words(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """An indicator asked by the name another plan uses ("tổng tỷ suất sinh") of a plan that writes it otherwise
        ("số con bình quân của phụ nữ …"): the plan model normalises both to one indicator, so that target answers."""
        if qa.intent != "target" or qa.briefing or qa.wants_comparison:
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1 or not plans[0].targets or self._target_matches(plans[0], qa):
            return None
        plan = plans[0]
        elsewhere = [(score, t) for other in self.book.plans if other.doc_id != plan.doc_id
                     for t, _, score in self._target_matches(other, qa)]
        if not elsewhere:
            return None
        score, named = max(elsewhere, key=lambda m: m[0])
        own = [t for t in plan.targets if t.indicator == named.indicator and not t.footnote]
        if score < 0.6 or not own:
            return None
        text = f"Chỉ tiêu đến năm 2030 trong kế hoạch của {plan.district}: {self._clauses(plan, own, cites)}."
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "chỉ tiêu trong mô hình kế hoạch", "targets": len(own)}, spans=cites.spans)

    def _other_thing_not_set(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Bao nhiêu % rác thải sinh hoạt được thu gom" of a plan whose targets count only "nước thải": a thing
        that shares words with what the plan sets (see ``CONFUSABLE_THINGS``) is not that thing; refuse, citing
        the targets it could be taken for."""
        if (qa.intent != "target" or not (QUANTITY_CUE.search(qa.folded) or TARGET_ASKED.search(qa.folded))
                or qa.briefing or qa.wants_comparison):
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1 or not plans[0].targets:
            return None
        plan = plans[0]
        for name, asked, other in CONFUSABLE_THINGS:
            if not re.search(asked, qa.folded) or re.search(other, qa.folded):
                continue
            if any(re.search(asked, fold(t.text)) for t in plan.targets):
                return None  # the plan sets it: the matchers find it
            near = [t for t in plan.targets if re.search(other, fold(t.text))]
            if not near:
                return None
            said = "; ".join(f"{display(t.text).strip(' .;')}{cites.mark(plan.doc_id, t.start, t.end)}" for t in near[:3])
            body = (f"{REFUSAL} Kế hoạch của {plan.district} không đặt chỉ tiêu về {name}. "
                    f"Chỉ tiêu gần nhất kế hoạch đặt: {said}.")
            return Generation(body, cites.cited, True, self.name, evidence_score=0.0,
                              guard={"refusal": "indicator_not_set"}, spans=cites.spans)
        return None

    def _indicator_not_set(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """A figure asked of a plan that sets no target for that indicator while another plan does
        ("số năm sống khỏe" asked of Kon Rẫy): refuse, saying so and citing the plan that sets it."""
        if (qa.intent != "target" or not (QUANTITY_CUE.search(qa.folded) or TARGET_ASKED.search(qa.folded))
                or qa.briefing or qa.wants_comparison):
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1 or not plans[0].targets:
            return None
        plan = plans[0]
        own = self._target_matches(plan, qa)
        if own and max(sc for _, _, sc in own) > 1.0 - _CLEARLY_BETTER:
            return None  # (no other plan's match can be clearly better: not worth computing)
        elsewhere = [(score, t, hit) for other in self.book.plans if other.doc_id != plan.doc_id
                     for t, hit, score in self._target_matches(other, qa)]
        if not elsewhere:
            return None
        score, named, hit = max(elsewhere, key=lambda m: m[0])
        if own and not (score >= max(sc for _, _, sc in own) + _CLEARLY_BETTER
                        and named.indicator not in {t.indicator for t in plan.targets}):
            # ("dược sĩ trên 10.000 dân" asked of a plan setting only "bác sĩ trên 10.000 dân": the other plans'
            # indicator, named whole, is the one asked; a plan's own match that is nearly as good answers.)
            return None
        if score < 0.6 or not self._name_bigrams(named) & self._asked_pairs(qa):
            # Scattered words ("trợ cấp … đi làm … tuổi" against "đi học đúng độ tuổi cấp tiểu học") are not the
            # other plan's indicator: saying this plan lacks it needs at least a pair of its words as written.
            return None
        # The plan may still give that figure outside its list of targets: a sentence with a number and
        # every asked word of the indicator means it is not absent.
        for _, _, sentence in sentences_in(self.chunks_by_doc.get(plan.doc_id, []), 0, 10**9):
            if hit <= set(syllables(fold(sentence))) and _FIGURE.search(sentence):
                return None
        body = (f"{REFUSAL} Kế hoạch của {plan.district} không đặt chỉ tiêu về «{named.indicator}». "
                f"Kế hoạch của {named.district} có chỉ tiêu này: {display(named.text).rstrip(' .;')}"
                f"{cites.mark(named.doc_id, named.start, named.end)}.")
        field = set(topics_of(named.text))
        # (By the target's own field: "công trình phụ hợp vệ sinh" at schools is sanitation, not education.)
        near = [t for t in plan.targets if (t.topic in field or field & set(topics_of(t.text))) and not t.footnote]
        # Those counted like the one asked first ("… trên 10.000 dân" beside "dược sĩ trên 10.000 dân").
        near = sorted(near, key=lambda t: t.unit.split("/")[-1] != named.unit.split("/")[-1])[:MAX_NEAR]
        alike = bool(_ALIKE.search(qa.folded))
        if near and alike:
            # What the plan does set in that field ("nước thải" asked of Lạc Dương: its clean-water targets).
            body += (f" Trong lĩnh vực này, kế hoạch của {plan.district} đặt: " + "; ".join(
                f"{display(t.text).strip(' .;')}{cites.mark(plan.doc_id, t.start, t.end)}" for t in near) + ".")
        if alike and TARGET_ASKED.search(qa.folded):
            # "… có đặt chỉ tiêu X như các huyện khác không": "không" is the answer, set against the plan that does.
            return Generation(f"Không. {body.removeprefix(REFUSAL).strip()}", cites.cited, False, self.name,
                              evidence_score=1.0, guard={"source": "chỉ tiêu trong mô hình kế hoạch"}, spans=cites.spans)
        return Generation(body, cites.cited, True, self.name, evidence_score=0.0,
                          guard={"refusal": "indicator_not_set"}, spans=cites.spans)
