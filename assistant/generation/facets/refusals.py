"""Refusals that say why: a district left out by the filter or not in the corpus, a sum of money or contact
details no plan gives, a year, a current level or a scope the plan does not set.
"""

from __future__ import annotations

import re

from assistant.chunking import Chunk
from assistant.generation.base import REFUSAL, Generation
from assistant.generation.facets.base import (
    GENERIC_TARGET_WORDS,
    QUANTITY_CUE,
    SCOPES,
    TARGET_ASKED,
    TARGET_CUE,
    Cites,
    section_label,
    sentences_in,
    source_text,
)
from assistant.generation.facets.sections import SectionFacets
from assistant.generation.facets.targets import TargetFacets
from assistant.lexicon import everyday_spans, expand_abbreviations, rewrite
from assistant.places import district_named
from assistant.plain_words import is_common_talk, word_frequency
from assistant.plan.extract import Target
from assistant.plan.facts import display
from assistant.plan.model import PlanModel
from assistant.plan.outline import Section
from assistant.query import (
    NAMES_PART,
    YEAR_ASKED,
    YEAR_IN,
    QueryAnalysis,
    asks_cited_document_date,
    points_back,
)
from assistant.text import (
    STOPWORDS,
    collapse_ws,
    fold,
    nfc,
    shorten,
    syllables,
)

_PLACE = re.compile(r"(?:huyện|Huyện|HUYỆN|huyen|Huyen)\s+(\w+(?:\s+\w+){0,3})")


_YEAR = re.compile(r"(?<!\d)(20[2-6]\d)(?!\d)")


# A sum of money asked for, and one written in a plan ("2,5 tỷ đồng").
_MONEY_ASKED = re.compile(r"bao nhieu tien|so tien|kinh phi (la )?(bao nhieu|may)|bao nhieu (ty|trieu|nghin)|(?<!cong )(ty|trieu) dong")


_MONEY_FIGURE = re.compile(r"\d[\d.,]*\s*(?:tỷ|triệu|nghìn|ngàn)?\s*(?:đồng|VNĐ|VND)\b")

# The share of a cost that is paid for someone ("ngân sách hỗ trợ bao nhiêu % mức đóng"): a support rate, not a
# target, and stated only where the plan prints one ("hỗ trợ 30% mức đóng").
_SHARE_PAID_ASKED = re.compile(r"(ho tro|chi tra|tra giup|bu) (bao nhieu|may) (%|phan tram)"
                               r"|(bao nhieu|may) (%|phan tram) (muc dong|chi phi|hoc phi|kinh phi|tien dong)")
_SHARE_PAID = re.compile(r"(?i)hỗ trợ[^.;]{0,40}\d+(?:[.,]\d+)?\s*%\s*(?:mức đóng|chi phí|học phí|kinh phí)")


# Contact details asked ("số điện thoại", "sđt", "email", "địa chỉ liên hệ", "hotline"): no plan prints them.
_CONTACT_ASKED = re.compile(r"(?<!\w)(so dien thoai|dien thoai|sdt|hotline|duong day nong|email|e-mail|thu dien tu|dia chi lien he"
                            r"|so zalo|zalo|website|trang web)(?!\w)")


_CONTACT_GIVEN = re.compile(r"(?i)điện thoại|\bemail\b|e-mail|\bĐT\s*:|@\w")


_CONTACT_NAMES = {"so dien thoai": "số điện thoại", "dien thoai": "số điện thoại", "sdt": "số điện thoại",
                  "hotline": "đường dây nóng", "duong day nong": "đường dây nóng", "email": "thư điện tử (email)",
                  "e-mail": "thư điện tử (email)", "thu dien tu": "thư điện tử (email)", "dia chi lien he": "địa chỉ liên hệ",
                  "so zalo": "số Zalo", "zalo": "số Zalo", "website": "trang web", "trang web": "trang web"}


# Today's level asked ("hiện nay … là bao nhiêu"), not what the plan sets for it ("hiện nay kế hoạch đặt mục tiêu …").
_NOW_ASKED = re.compile(r"(?<!\w)(hien nay|hien tai|hien gio|bay gio|thuc trang|hien dang o muc)(?!\w)")


_PLAN_SETS = re.compile(r"muc tieu|chi tieu|phan dau|dat ra|de ra|(?<!\w)dat (muc tieu|chi tieu)|ke hoach (dat|giao|neu)|den nam")


# A present level stated in a plan: "hiện nay", "hiện tại", "năm 2023" near a figure.
_NOW_FIGURE = re.compile(r"(?i)(hiện nay|hiện tại|năm 202[0-3]|đến nay)[^.]{0,80}\d+(?:[.,]\d+)?\s*%")


_FUNDING = re.compile(r"ngan sach|kinh phi|nguon luc|nguon von")


def _years_with_figures(plan: PlanModel, chunks: list[Chunk]) -> set[str]:
    """Years the plan sets figures for: in a sentence with a number and unit, or its targets' horizon (2030)."""
    years: set[str] = set()
    for sentence in re.split(r"(?<=[.;:])\s+", "\n".join(c.text for c in chunks)):
        if re.search(r"\d+(?:[.,]\d+)?\s*%|\d+\s*(?:tuổi|giường|bác sĩ|m2|m²)", sentence):
            years.update(_YEAR.findall(sentence))
    for t in plan.targets:
        years.add("2030")
        years.update(_YEAR.findall(t.breadcrumb))
    return years


# "(có phần nào) nói về X không", "có nhắc đến X không": X is what the plan is asked to mention.
_MENTION_OF = re.compile(
    r"(?:(?<!\w)(?:noi|nhac|de cap|viet|ban)(?: gi| chut gi| gi do)? (?:ve|den|toi)"
    # "… có được miễn học phí không", "có chính sách gì cho nạn nhân chất độc da cam không": a benefit asked.
    r"|(?<!\w)co (?:duoc|ho tro|tinh|chinh sach(?: gi)?(?: rieng)?(?: cho)?))"
    r" (?P<x>[^?]{3,80}?)"
    r"\s*(?:,\s*)?(?:hay )?(?:khong|ko|k|chua)\s*(?:a|ha|vay|nhi)?\s*\??\s*$"
)
_WORD = re.compile(r"[^\W\d_]+")
# Words that join a thing's words, not name it (with their marks: "số" in "mã số" names).
_FUNCTION_WORDS = frozenset("của và các những cho với trong theo được là có để về tại từ đến này đó khi thì mà ở hay "
                            "hoặc không việc cái một nào gì".split())
# "có nội dung nào về X không", "có phần nào nói về X không": whether a plan has X.
_CONTENT_ABOUT = re.compile(
    r"(?<!\w)co (?:noi dung|phan|muc|y|cho|doan|cau)(?: nao| gi)?(?: (?:noi|nhac|de cap|viet|ban))? (?:ve|den|toi)"
    r" (?P<x>[^?]{3,80}?)\s*(?:,\s*)?(?:hay )?(?:khong|ko|k|chua)\s*(?:a|ha|vay|nhi)?\s*\??\s*$"
)
# A statement put as a yes/no check: "… đúng không?", "… phải không?", "có phải … không".
_YES_NO_CHECK = re.compile(r"(?<!\w)(dung|phai) (khong|ko|k|ha|a)\s*\??\s*$|^co phai(?!\w)|(?<!\w)co dung (la|khong)(?!\w)")
_FIGURE_CLAUSE = re.compile(r"(?<!\w)(?:chi tieu|ty le|muc tieu|phan tram|bao nhieu)(?!\w)(?P<x>[^?,;]*)")
# "chia làm những mục nào", "có bao nhiêu nhóm": the plan's parts are counted, not a target.
_PARTS_ASKED = re.compile(r"(?<!\w)(muc|nhom|phan|y|diem|noi dung|tieu muc)( nho| lon| con)? (nao|chinh)(?!\w)"
                          r"|(bao nhieu|may|nhung|cac) (muc|nhom|phan|y|diem|noi dung|tieu muc)(?!\w)"
                          # "gửi báo cáo cho bao nhiêu nơi": bodies, documents or tasks counted in the text.
                          r"|(bao nhieu|may) (noi|co quan|don vi|phong|ban|lan|van ban|ke hoach|nhiem vu|viec|linh vuc)(?!\w)")
# "Huyện nào đặt …", "Có kế hoạch nào …": every plan is asked.
_WHICH_PLAN = re.compile(r"(?<!\w)(huyen|ke hoach|kh|dia phuong|noi) nao(?!\w)")
# "có (đặt) chỉ tiêu … không": whether a target is set at all.
# Words that ask for the figure, not name the thing.
_ASKING_WORDS = frozenset("chi tieu muc tieu ty le ti phan tram bao nhieu may khong ko chua a ha nao gi con so cu the dat ra de neu "
                          "phan dau den nam bn".split())
# Any figure but a year or a document's number ("2,1 con", "88%", "30 m²").
_FIGURE_IN = re.compile(r"(?<![\d/-])(?!(?:19|20)\d\d(?!\d))\d+(?:[.,]\d+)?(?![\d/-])")
# "so với huyện X", "X cao hơn hay thấp hơn": a comparison, one side of which may be a district the corpus lacks.
_COMPARED_WITH = re.compile(r"(?<!\w)(so voi|so sanh|(cao|thap|nhieu|it) hon|khac|giong|bang)(?!\w)")
# "ý b)", "điểm g": a point of a section named by its label.
_POINT_WORD = re.compile(r"(?<!\w)(y|diem|khoan)(?!\w)")
_FIGURE_ASKED = re.compile(r"(?<!\w)(phan tram|bao nhieu|may)(?!\w)")
# Where the name of a thing asked by its figure ends: "… điện lưới quốc gia | là bao nhiêu".
_THING_END = re.compile(r"(?i)\s(?:là|đạt|được|ở|của|trong|tại|đến|vào|năm|bao nhiêu|bao|chiếm|khoảng|thế nào|phải|cần|sẽ|hiện|theo)(?!\w)|[,;?]")
# "có nhắc/đề cập/nêu … không": whether the plan names something.
_MENTION_ASKED = re.compile(r"(?<!\w)(nhac|de cap|neu|co noi|dan chieu|trich dan)(?!\w)[^?]*(?<!\w)(khong|chua|ko|k)\s*\??\s*$")
# A document named by its kind and number ("Chương trình mục tiêu quốc gia 1719", "Quyết định số 1719/QĐ-TTg",
# "Nghị quyết 68"); a year ("năm 2030") is no number of a document.
_KINDS = r"(?:chuong trinh|ke hoach|nghi quyet|quyet dinh|de an|chi thi|ket luan|nghi dinh|thong tu)"
_NUMBERED_DOCUMENT = re.compile(
    r"(?P<kind>chuong trinh|ke hoach|nghi quyet|quyet dinh|de an|chi thi|ket luan|nghi dinh|thong tu)"
    # (another kind inside starts the document named: "kế hoạch … có nhắc nghị quyết 15" names the resolution)
    r"(?P<name>(?:\s+(?!so\b)(?!" + _KINDS + r"\b)[^\W\d]+){0,6}?)\s+(?:so\s+)?(?P<num>(?!(?:19|20)\d\d\b)\d{2,4})(?![\d,.])"
)


# Words asking a document's date ("nghị quyết này ban hành ngày nào"), no words of its title (folded).
_DATE_ASKING = frozenset("ban hanh ngay thang nam nay do ay ra ky khi luc".split())
# The task named after the lead asked: "(phòng nào) chủ trì (công tác) phòng chống bạo lực gia đình" (folded).
_TASK_AFTER_LEAD = re.compile(r"(?<!\w)(?:chu tri|phu trach|lo|dam nhiem)(?: (?:cong tac|viec|nhiem vu|mang|khau|chuyen))? "
                              r"(?P<x>[^?,;]{6,80}?)\s*(?:theo (?:kh|ke hoach)[^?]*)?(?:[?,;]|$)")
# Words of talk about a task ("mảng", "khâu"), naming none.
_TASK_TALK = frozenset("mang khau vu chuyen viec phan".split())
_OTHERWISE_MIN = 3  # words of a thing, besides an absent one, that must be said together for it to be there
_OTHERWISE_SHARE = 0.8
_DESCRIBED = 8  # words after a document's number read as its description


def _unwritten(text: str, vocabulary: frozenset[str] | set[str], skip: list[tuple[int, int]],
               offset: int = 0) -> list[re.Match[str]]:
    """Words of ``text`` that everyday Vietnamese uses and the plans (``vocabulary``) never write, outside the
    ``skip`` spans (the lexicon's everyday phrases; offsets into the question, ``text`` starting at ``offset``).
    Function words are the commonest words, so they never count ("bạo" is not "bao")."""
    return [w for w in _WORD.finditer(text)
            if not any(a <= offset + w.start() < b for a, b in skip)
            and not is_common_talk(w.group(0).lower()) and word_frequency(w.group(0).lower()) > 0
            and w.group(0).lower() not in vocabulary]

def _thing_named(qa: QueryAnalysis, m: re.Match[str]) -> str | None:
    """The thing a question's match names (its group "x", as typed), or None when it points back at the story told
    before ("… cho hết bọn trẻ tầm tuổi này đi học": that story says what is meant)."""
    thing = nfc(qa.text)[m.start("x"):m.end("x")].strip(" ,.")
    return None if points_back(thing) else thing


class RefusalFacets(SectionFacets, TargetFacets):
    """Refusals that say why, each with the nearest facts the plan does give (part of :class:`FacetAnswerer`)."""

    def _set_years(self, plan: PlanModel) -> set[str]:
        if plan.doc_id not in self._set_years_of:
            self._set_years_of[plan.doc_id] = _years_with_figures(plan, self.chunks_by_doc.get(plan.doc_id, []))
        return self._set_years_of[plan.doc_id]

    def _filtered_out(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        if not qa.excluded:
            return None
        asked, chosen = ", ".join(qa.excluded), ", ".join(qa.districts)
        text = (f"{REFUSAL} Câu hỏi nói về {asked} nhưng bộ lọc đang chọn huyện {chosen}, nên kế hoạch của {asked} "
                f"không được tìm. Hãy chọn “Tất cả” (hoặc huyện {asked}) rồi hỏi lại.")
        return Generation(text, [], True, self.name, evidence_score=0.0, guard={"refusal": "district_filtered_out"})

    def _unknown_district(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        said = qa.text
        if len(qa.districts) == 1 and _COMPARED_WITH.search(qa.folded) and (
                place := district_named(qa.folded, self._district_folds, said=qa.text)) is not None:
            # "So với huyện Khoái Châu thì chỉ tiêu BHYT 98% của Kim Động cao hơn hay thấp hơn": the other side of
            # the comparison is not in the corpus; what the plan that is says is given, cited.
            plan = self._plans_for(qa)[0]
            matches = sorted(self._target_matches(plan, qa), key=lambda m: -m[2])
            own = ""
            if matches:
                t = matches[0][0]
                own = f" Kế hoạch của {plan.district} đặt: {display(t.text).rstrip(' .;')}{cites.mark(plan.doc_id, t.start, t.end)}."
            where = f"{place.name} ({place.province})" if place.province else place.name
            plans = "; ".join(f"{p.district} ({p.province})" for p in self.book.plans)
            text = (f"{REFUSAL} Kho văn bản không có kế hoạch của huyện {where} nên không so sánh được; "
                    f"các kế hoạch hiện có là của: {plans}.{own}")
            return Generation(text, cites.cited, True, self.name, evidence_score=0.0, spans=cites.spans,
                              guard={"refusal": "district_not_in_corpus"})
        if any(fold(d) in qa.folded for d in qa.districts):
            # A district of the corpus is named (a province alone does not count): it is asked about unless only
            # a clause before the question names it ("Kon Rẫy giao … rồi; vậy huyện Đăk Hà giao … cho phòng nào?").
            clauses = [c for c in re.split(r"[.;!?]+\s*", qa.text) if len(c.split()) >= 3]
            if len(clauses) < 2 or any(fold(d) in fold(clauses[-1]) for d in qa.districts):
                return None
            said = clauses[-1]
        named = []
        for m in _PLACE.finditer(said):
            # A place name is the capitalised words after "huyện" ("huyện Ân Thi đặt …" → "Ân Thi").
            words = []
            given = m.group(1).split()
            # "Huyện ủy Đức Trọng", "Huyện Đoàn X": the body of a district; its name follows.
            if given and fold(given[0]) in ("uy", "doan", "doi"):
                given = given[1:]
            for w in given:
                if not w[0].isupper():
                    break
                words.append(w)
            if words:
                named.append(" ".join(words))
        unknown = [n for n in named if fold(n) not in self._district_folds and fold(n) not in self._provinces]
        if not unknown:
            # Typed in lower case or without diacritics ("huyen dak ha"): the country's list of districts tells.
            place = district_named(fold(said), self._district_folds, self._plans_write, said=said)
            if place is None:
                return None
            unknown = [f"{place.name} ({place.province})" if place.province else place.name]
        plans = "; ".join(f"{p.district} ({p.province})" for p in self.book.plans)
        text = (f"{REFUSAL} Kho văn bản không có kế hoạch của huyện {unknown[0]}; "
                f"các kế hoạch hiện có là của: {plans}.")
        return Generation(text, [], True, self.name, evidence_score=0.0, fallback_reason=None,
                          guard={"refusal": "district_not_in_corpus"})

    def _section_not_in_plan(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Ý g) của mục 3.4 nói gì" of a plan with no section labelled g): refused, saying what the section the
        question also names holds (or how the plan's top parts run)."""
        if not qa.section_refs or qa.wants_comparison or not NAMES_PART.search(qa.folded) and not _POINT_WORD.search(qa.folded):
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        refs = [r.lower() for r in qa.section_refs]
        # (A lone letter counts only written as a point's label, "g)", "điểm g": "phần y tế" names a field.)
        missing = [r for r in refs if not plan.sections_labelled(r) and (len(r) > 1 or not r.isalpha() or re.search(
            rf"(?<!\w)(?:y|diem|khoan) {r}(?!\w)|(?<!\w){r}\)", qa.folded))]
        if not missing or not plan.outline:
            return None
        found = [x for r in refs if r not in missing for x in plan.sections_labelled(r)]
        within = max(found, key=lambda x: x.level) if found else None
        items = [plan.outline[i] for i in within.children] if within is not None else [x for x in plan.outline if x.level == 1]
        dotted = next((m for m in missing if "." in m), None)
        if within is None and dotted:
            # "mục 3.9" of a plan whose 3 ends at 3.5: the numbered sections beside the one asked.
            prefix = dotted.rsplit(".", 1)[0] + "."
            beside = [x for x in plan.outline if x.label.startswith(prefix) and x.label.count(".") == dotted.count(".")]
            items = beside or items
        def said(label: str) -> str:
            if re.fullmatch(r"[ivx]+", label) and (len(label) > 1 or re.search(r"(?<!\w)phan(?!\w)", qa.folded)):
                return f"phần {label.upper()}"
            return f"ý {label})" if label.isalpha() else f"mục {label}"

        named = ", ".join(said(m) for m in missing)
        if within is not None:
            mark = cites.mark(plan.doc_id, within.start, max(within.heading_end, within.start + 1))
            where = f" trong mục {section_label(within.label)} {display(within.full_title).rstrip(' .:;')}{mark}"
        else:
            where = ""
        listed = "; ".join(f"{section_label(x.label)} {display(x.full_title).rstrip(' .:;')}".strip() for x in items if x.label)
        heading = "Mục này gồm" if within is not None else "Các phần của kế hoạch" if items[0].level == 1 else "Các mục kế hoạch có"
        if within is None and listed:
            heading += cites.mark(plan.doc_id, items[0].start, max(items[0].heading_end, items[0].start + 1))
        holds = f" {heading}: {listed}." if listed else ""
        text = f"{REFUSAL} Kế hoạch của {plan.district} không có {named}{where}.{holds}"
        return Generation(text, cites.cited, True, self.name, evidence_score=0.0,
                          guard={"refusal": "section_not_in_plan"}, spans=cites.spans)

    def _money_not_given(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Tỉnh hỗ trợ mỗi huyện bao nhiêu tiền": plans that state no sum of money say so, quoting what
        they do say about funding."""
        share = bool(_SHARE_PAID_ASKED.search(qa.folded))
        if not (share or _MONEY_ASKED.search(qa.folded)):
            return None
        plans = self._plans_for(qa)
        texts = {p.doc_id: " ".join(c.text for c in self.chunks_by_doc.get(p.doc_id, [])) for p in plans}
        if not plans or any((_SHARE_PAID if share else _MONEY_FIGURE).search(t) for t in texts.values()):
            return None  # a plan that gives amounts is answered from its passages
        # The nearest statement on funding in the retrieved passages, quoted and cited; for a support rate, the
        # plan's sentence on support from the budget that shares most words with the question.
        near = ""
        if share:
            asked = set(syllables(fold(qa.expanded_text))) - STOPWORDS
            support = [(len(asked & set(syllables(fold(sent)))), c, start, end, sent)
                       for p in plans for c in self.chunks_by_doc.get(p.doc_id, [])
                       for start, end, sent in sentences_in([c], c.start, c.end)
                       if "ho tro" in fold(sent) and _FUNDING.search(fold(sent))]
            if support:
                _, c, start, end, sent = max(support, key=lambda x: x[0])
                near = f" Về hỗ trợ, kế hoạch của {c.district} viết: {display(sent).lstrip('-+• ').rstrip(' .;')}{cites.mark(c.doc_id, start, end)}."
        for p in cites.passages[:5] if not near else []:
            for start, end, sent in sentences_in([p.chunk], p.chunk.start, p.chunk.end):
                if _FUNDING.search(fold(sent)):
                    near = f" Về nguồn lực, kế hoạch của {p.chunk.district} viết: {display(sent).lstrip('-+• ').rstrip(' .;')}{cites.mark(p.chunk.doc_id, start, end)}."
                    break
            if near:
                break
        names = ", ".join(p.district for p in plans)
        what = "mức hỗ trợ cụ thể (bao nhiêu phần trăm)" if share else "số tiền cụ thể"
        text = f"{REFUSAL} Kế hoạch của {names} không nêu {what}.{near}"
        return Generation(text, cites.cited, True, self.name, evidence_score=0.0,
                          guard={"refusal": "figure_not_given"}, spans=cites.spans)

    def _document_named(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Lạc Dương có nhắc Chương trình mục tiêu quốc gia 1719 không": a document named by its number that the
        plan's text never writes is not cited there; say so, and what the plan does cite of that kind."""
        m = _NUMBERED_DOCUMENT.search(fold(qa.text))  # (folding keeps offsets: the name is cut from the text)
        if m is None or qa.wants_comparison:
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        number = m.group("num")
        chunks = self.chunks_by_doc.get(plan.doc_id, [])
        written = rf"(?<!\d){re.escape(number)}(?!\d)"
        described = [w for w in _WORD.findall(nfc(qa.text)[m.end():].lower())
                     if fold(w) not in STOPWORDS and not re.fullmatch(r"(?:nao|gi|ai|khong|ko)", fold(w))
                     and fold(w) not in _DATE_ASKING and fold(w) not in m.group("kind").split()][:_DESCRIBED]
        if self._said_otherwise([plan], described, kind=m.group("kind")):
            return None  # "Đề án 06 (dữ liệu dân cư, định danh …)": the plan names it by its title, not its number
        if any(re.search(written, c.text) for c in chunks):
            mention = bool(_MENTION_ASKED.search(fold(qa.text)))
            if not mention and not asks_cited_document_date(qa.folded):
                return None
            # "Kon Rẫy có nhắc Nghị quyết 68 không": yes, where the plan writes it; "Nghị quyết 15 mà kế hoạch nhắc
            # ban hành ngày nào": that sentence gives its date (wherever it is, not only in the passages retrieved).
            for c in chunks:
                for start, end, sent in sentences_in([c], c.start, c.end):
                    if re.search(written, sent) and m.group("kind") in fold(sent):
                        yes = "Có. " if mention else ""
                        text = f"{yes}{display(sent).lstrip('-+• ').rstrip(' .;')}{cites.mark(plan.doc_id, start, end)}."
                        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                                          guard={"source": "văn bản được dẫn trong kế hoạch"}, spans=cites.spans)
            return None
        name = collapse_ws(nfc(qa.text)[m.start():m.end()]).strip(" ,.?")
        kind = m.group("kind")
        # What the plan does cite of that kind ("chương trình mục tiêu quốc gia …"), the nearest retrieved line.
        words = [w for w in syllables(f"{kind} {m.group('name')}") if w not in STOPWORDS][:5]
        near = ""
        for p in cites.passages[:5]:
            if p.chunk.doc_id != plan.doc_id:
                continue
            for start, end, sent in sentences_in([p.chunk], p.chunk.start, p.chunk.end):
                said = fold(sent)
                if kind in said and sum(w in said.split() for w in words) >= min(3, len(words)):
                    near = (f" Kế hoạch chỉ viết: {display(sent).lstrip('-+• ').rstrip(' .;')}"
                            f"{cites.mark(plan.doc_id, start, end)}.")
                    break
            if near:
                break
        text = f"{REFUSAL} Kế hoạch của {plan.district} không nhắc đến «{name}».{near}"
        return Generation(text, cites.cited, True, self.name, evidence_score=0.0,
                          guard={"refusal": "document_not_cited"}, spans=cites.spans)

    def _concept_not_mentioned(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Kế hoạch có nói về phòng, chống bạo lực gia đình không": a thing asked about by a word of everyday
        Vietnamese that the plans asked never write is not there; say so (no nearby sentence stands in for it)."""
        m = _MENTION_OF.search(fold(qa.text))
        if m is None or qa.checks_claim:
            return None
        plans = self._plans_for(qa)
        thing = _thing_named(qa, m)
        if not plans or thing is None:
            return None
        folded = fold(qa.text)
        everyday = everyday_spans(folded)  # (household words the lexicon reads are said in the plans' terms)
        vocabulary = set().union(*(self._vocabulary(p.doc_id) for p in plans))
        absent = [w.group(0) for w in _unwritten(thing.lower(), vocabulary, everyday, offset=m.start("x"))]
        if not absent or not qa.has_diacritics:
            return None
        if self._said_otherwise(plans, [w.group(0) for w in _WORD.finditer(thing.lower())
                                        if w.group(0) not in absent and fold(w.group(0)) not in STOPWORDS]):
            return None  # "dẹp hết mấy căn nhà tạm bợ, dột nát": "xóa bỏ … nhà tạm, nhà dột nát" says it otherwise
        names = ", ".join(p.district for p in plans)
        who = f"Kế hoạch của {names}" if len(plans) == 1 else f"Không kế hoạch nào trong các kế hoạch hiện có ({names})"
        verb = "không nhắc đến" if len(plans) == 1 else "nhắc đến"
        text = f"{REFUSAL} {who} {verb} «{thing}»."
        return Generation(text, [], True, self.name, evidence_score=0.0, guard={"refusal": "concept_not_mentioned",
                                                                                "absent": absent})

    def _task_not_mentioned(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Phòng nào chủ trì công tác phòng chống bạo lực gia đình": a task named, after the lead asked, by a word
        of everyday Vietnamese the plans never write is no task of theirs; say so (the nearest lead line, of
        another task, would stand in for it)."""
        m = _TASK_AFTER_LEAD.search(fold(qa.text))
        if m is None or qa.intent != "assignment" or not qa.has_diacritics or qa.checks_claim or qa.briefing:
            return None
        plans = self._plans_for(qa)
        thing = _thing_named(qa, m)
        if not plans or thing is None:
            return None
        everyday = everyday_spans(fold(thing))
        vocabulary = self._corpus_vocabulary()
        said = [fold(w) for w in _WORD.findall(thing.lower())]

        def typo(w: str) -> bool:
            # "nhà ở xã hôi": with the word beside it, a pair the plans write once its marks are dropped.
            i = said.index(fold(w))
            return any(self._pair_df.get(f"{a}_{b}") for a, b in ((said[i - 1] if i else "", said[i]),
                                                                   (said[i], said[i + 1] if i + 1 < len(said) else "")))

        absent = [w.group(0) for w in _unwritten(thing.lower(), vocabulary, everyday)
                  if fold(w.group(0)) not in _TASK_TALK and not typo(w.group(0))]
        if not absent:
            return None
        if self._said_otherwise(plans, [w.group(0) for w in _WORD.finditer(thing.lower())
                                        if w.group(0) not in absent and fold(w.group(0)) not in STOPWORDS]):
            return None
        names = ", ".join(p.district for p in plans)
        who = f"Kế hoạch của {names}" if len(plans) == 1 else f"Các kế hoạch hiện có ({names})"
        text = f"{REFUSAL} {who} không nhắc đến «{shorten(thing, 80)}», nên không giao cơ quan nào chủ trì việc này."
        return Generation(text, [], True, self.name, evidence_score=0.0,
                          guard={"refusal": "concept_not_mentioned", "absent": absent})

    def _thing_only_elsewhere(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"KH Lạc Dương có nội dung nào về người lao động đi làm việc ở nước ngoài không": a thing named by words
        other plans write side by side ("nước ngoài") and the asked plan never does is not in that plan; say so and
        name the plans that have it (the nearest sentence of the asked plan, on labour, would stand in for it)."""
        m = _MENTION_OF.search(fold(qa.text)) or _CONTENT_ABOUT.search(fold(qa.text))
        if m is None or qa.checks_claim or not qa.has_diacritics or qa.wants_comparison:
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        thing = _thing_named(qa, m)
        if thing is None:
            return None  # (the story told before says what "này", "như vậy" stand for)
        everyday = everyday_spans(fold(thing))
        marked = [(w.start(), w.group(0).lower()) for w in _WORD.finditer(thing)
                  if not any(a <= w.start() < b for a, b in everyday)]
        others = [d for d in self.book.districts if d != plan.district]
        for (i, a), (j, b) in zip(marked, marked[1:], strict=False):
            if a in _FUNCTION_WORDS or b in _FUNCTION_WORDS or j != i + len(a) + 1:
                continue
            pair = f"~{a}_{b}"
            if self._stats.district_uses(pair, plan.district) or self._stats.district_uses(f"{fold(a)}_{fold(b)}", plan.district):
                continue
            having = [d for d in others if self._stats.district_uses(pair, d)]
            if not having:
                continue
            # (in the plans' words: "đông y … tây y" is "y dược cổ truyền … y học hiện đại")
            rest = [w for w in dict.fromkeys(_WORD.findall(rewrite(thing).lower())) if w not in (a, b) and fold(w) not in STOPWORDS]
            if self._said_otherwise([plan], rest):
                continue  # "đông y … kết hợp với tây y": the plan says it without that pair
            text = (f"{REFUSAL} Kế hoạch của {plan.district} không nhắc đến «{shorten(thing, 80)}»; "
                    f"kế hoạch của {', '.join(having)} có nhắc.")
            return Generation(text, [], True, self.name, evidence_score=0.0,
                              guard={"refusal": "concept_not_mentioned", "absent": [f"{a} {b}"]})
        return None

    def _target_thing_unknown(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Tỷ lệ hộ dân dùng điện lưới quốc gia là bao nhiêu": a figure asked of a thing named by a word no plan
        writes, and no target of the plan named, is a figure the plan does not set (a nearby target of another
        thing, "nước sạch", would stand in for it)."""
        if qa.intent != "target" or not QUANTITY_CUE.search(qa.folded) or qa.briefing or qa.wants_comparison:
            return None
        if not qa.has_diacritics or qa.checks_claim:
            return None
        plans = self._plans_for(qa)
        if not plans or any(self._target_matches(p, qa) for p in plans):
            return None
        text = nfc(qa.text)
        # (the words asking the figure, "phần trăm", are not the thing: plans write "%")
        everyday = everyday_spans(fold(text)) + [m.span() for m in _FIGURE_ASKED.finditer(fold(text))]
        corpus = self._corpus_vocabulary()
        places = {w for d in self.book.districts for w in fold(d).split()}
        unknown = [w for w in _unwritten(text, corpus, everyday)
                   if w.group(0)[:1].islower() and fold(w.group(0)) not in places]
        if not unknown:
            # Or three words in a row no plan writes side by side ("điện lưới quốc gia"), each of them plain
            # (every word of it a plan's, "mạng lưới", "chuẩn quốc gia"): a thing of its own.
            # (looked for in the clause naming the figure: "… có bao nhiêu nhóm? Kể tên giúp mình" asks no thing there)
            cue = _FIGURE_CLAUSE.search(fold(text))
            lo, hi = (cue.start("x"), cue.end("x")) if cue else (0, 0)
            said = [w for w in _WORD.finditer(text) if lo <= w.start() < hi
                    and not any(a <= w.start() < b for a, b in everyday)]
            for x, y, z in zip(said, said[1:], said[2:], strict=False):
                folded = [fold(w.group(0)) for w in (x, y, z)]
                if (all(f not in STOPWORDS and f not in GENERIC_TARGET_WORDS and f not in places for f in folded)
                        and all(w.group(0)[:1].islower() for w in (x, y, z))
                        and y.start() - x.end() == 1 == z.start() - y.end()
                        and not self._pair_df.get(f"{folded[0]}_{folded[1]}") and not self._pair_df.get(f"{folded[1]}_{folded[2]}")):
                    unknown = [x]
                    break
            else:
                return None
        # The thing as asked: from the unknown word up to the words that ask the figure.
        rest = text[unknown[0].start():]
        stop = _THING_END.search(rest)
        thing = rest[: stop.start() if stop else len(rest)].strip(" ,.?")
        names = ", ".join(p.district for p in plans)
        who = f"Kế hoạch của {names}" if len(plans) == 1 else f"Các kế hoạch hiện có ({names})"
        body = f"{REFUSAL} {who} không đặt chỉ tiêu nào về «{shorten(thing, 60)}»."
        return Generation(body, cites.cited, True, self.name, evidence_score=0.0,
                          guard={"refusal": "indicator_not_set", "absent": [w.group(0) for w in unknown]},
                          spans=cites.spans)

    def _target_set_nowhere(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Kon Rẫy có chỉ tiêu tỷ lệ người khuyết tật có việc làm không": a target asked of a thing the plans
        write about but no plan counts (no target of any plan named, no sentence of the plan with a figure and the
        thing's words): refused, quoting the plan's nearest sentence on it."""
        # ("Huyện nào đặt chỉ tiêu …", "Có huyện nào …": asked of every plan at once.)
        which = not qa.districts and bool(_WHICH_PLAN.search(qa.folded))
        if qa.intent != "target" or qa.briefing or qa.wants_comparison and not which or qa.checks_claim or qa.section_refs:
            return None
        if not (QUANTITY_CUE.search(qa.folded) or TARGET_ASKED.search(qa.folded) or which and "chi tieu" in qa.folded):
            return None
        if _PARTS_ASKED.search(qa.folded):
            return None
        plans = self._plans_for(qa)
        if not (len(plans) == 1 or which) or any(self._target_matches(p, qa) for p in self.book.plans):
            return None
        places = {w for d in [*self.book.districts, *qa.aliases] for w in fold(d).split()}
        asked = [w for w in dict.fromkeys(syllables(fold(qa.expanded_text)))
                 if w not in STOPWORDS and w not in GENERIC_TARGET_WORDS and w not in places and w not in _ASKING_WORDS]
        if len(asked) < 3:
            return None
        need = max(3, round(0.6 * len(asked)))
        year_asked = bool(YEAR_ASKED.search(qa.folded))

        def figure(sent: str) -> bool:
            return bool(_FIGURE_IN.search(sent) or year_asked and YEAR_IN.search(sent))

        scored = []
        for c in (c for plan in plans for c in self.chunks_by_doc.get(plan.doc_id, [])):
            for start, end, sent in sentences_in([c], c.start, c.end):
                have = len(set(asked) & set(syllables(fold(sent))))
                if have >= need and figure(sent):
                    return None  # the plan gives a figure for it in its text
                scored.append((have, start, end, sent, c))
        if not scored:
            return None
        have, start, end, sent, near = max(scored, key=lambda x: x[0])
        if have < 2 or figure(sent):
            # Nothing of it in the plan (the unknown-thing and not-mentioned refusals speak to that), or its nearest
            # sentence gives a figure ("tiêm phòng đủ mũi" is the plan's "tiêm chủng đầy đủ"): not refused here.
            return None
        m = _FIGURE_CLAUSE.search(fold(qa.text))
        thing = qa.text[m.start("x"):m.end("x")].strip(" ,.?") if m else ""
        thing = re.sub(r"(?i)\s+(không|ko|chưa|à|hả|nào|gì)$", "", thing).strip()
        about = f"về «{shorten(thing, 60)}»" if len(thing.split()) >= 2 else "cho nội dung này"
        who = (f"Kế hoạch của {plans[0].district} không đặt" if len(plans) == 1
               else f"Không kế hoạch nào ({', '.join(p.district for p in plans)}) đặt")
        where = "kế hoạch" if len(plans) == 1 else f"kế hoạch của {near.district}"
        body = (f"{REFUSAL} {who} chỉ tiêu (con số) {about}. "
                f"Câu gần nhất {where} viết: {display(sent).lstrip('-+• ').rstrip(' .;')}{cites.mark(near.doc_id, start, end)}.")
        return Generation(body, cites.cited, True, self.name, evidence_score=0.0,
                          guard={"refusal": "indicator_not_set"}, spans=cites.spans)

    def _said_otherwise(self, plans: list[PlanModel], words: list[str], kind: str = "") -> bool:
        """Whether one sentence of the plans holds most of ``words`` (the thing's other words, as typed) and ``kind``
        (folded), so that the thing is there under another name or number."""
        wanted = set(words)
        if len(wanted) < _OTHERWISE_MIN:
            return False
        for plan in plans:
            for c in self.chunks_by_doc.get(plan.doc_id, []):
                for _, _, sent in sentences_in([c], c.start, c.end):
                    if kind and kind not in fold(sent):
                        continue
                    have = {w.lower() for w in _WORD.findall(nfc(sent))}
                    if len(wanted & have) >= _OTHERWISE_SHARE * len(wanted):
                        return True
        return False

    def _corpus_vocabulary(self) -> frozenset[str]:
        """The lower-case words any plan writes, with their marks (worked out once)."""
        if self._corpus_words is None:
            self._corpus_words = frozenset().union(*(self._vocabulary(p.doc_id) for p in self.book.plans))
        return self._corpus_words

    def _vocabulary(self, doc_id: str) -> frozenset[str]:
        """The lower-case words a plan writes, with their marks."""
        found = self._vocabularies.get(doc_id)
        if found is None:
            found = frozenset(w.lower() for c in self.chunks_by_doc.get(doc_id, []) for w in _WORD.findall(nfc(c.text)))
            self._vocabularies[doc_id] = found
        return found

    def _contact_not_given(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Cho xin số điện thoại Phòng LĐ-TB&XH": a plan that prints no telephone, e-mail or address says so (plans
        name bodies, not how to reach them)."""
        m = _CONTACT_ASKED.search(qa.folded)
        if m is None:
            return None
        plans = self._plans_for(qa)
        if not plans or any(_CONTACT_GIVEN.search(c.text) for p in plans for c in self.chunks_by_doc.get(p.doc_id, [])):
            return None  # a plan that prints contact details is answered from its passages
        names = ", ".join(p.district for p in plans)
        text = (f"{REFUSAL} Kế hoạch của {names} không ghi {_CONTACT_NAMES.get(m.group(1), 'thông tin liên hệ')} của cơ quan, "
                "đơn vị nào; kế hoạch chỉ nêu tên cơ quan và việc được giao.")
        return Generation(text, [], True, self.name, evidence_score=0.0, guard={"refusal": "contact_not_given"})

    @staticmethod
    def _vision_of(plan: PlanModel, years: set[str]) -> Section | None:
        """The section whose title names one of ``years`` ("Tầm nhìn đến năm 2045"), if one does."""
        return next((x for x in plan.outline if set(_YEAR.findall(x.full_title)) & years), None)

    def _year_vision(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Tầm nhìn đến 2045 đặt mục tiêu gì": a year the plan sets no figure for but gives a section of its own
        (its vision) is answered with that section; a figure asked for that year is still refused."""
        years = set(_YEAR.findall(qa.text))
        if not years or qa.intent in ("meta", "assignment") or qa.section_refs:
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        sec = self._vision_of(plan, years)
        # "… đến năm 2030, tầm nhìn 2045" names both: the question is about the targets the plan sets.
        if sec is None or years & self._set_years(plan):
            return None
        if QUANTITY_CUE.search(qa.folded):
            # "HDI đạt mức nào so với cả nước" is what the vision says; "tỷ lệ hộ nghèo năm 2045 bao nhiêu" is not.
            said = set(syllables(source_text(self.chunks_by_doc.get(plan.doc_id, []), sec.heading_end, sec.end)))
            place = {w for d in [*qa.districts, plan.district] for w in syllables(d)}
            asked = set(syllables(qa.expanded_text)) - STOPWORDS - GENERIC_TARGET_WORDS - place - set(syllables(sec.full_title))
            if len(asked & said) < 2:
                return None
            matches = self._target_matches(plan, qa)
            if matches:
                # "tuổi thọ bình quân năm 2045": an indicator the plan sets for 2030 that its vision never names is a
                # figure not set for that year (the vision's "mức trung bình khá" shares words, not the indicator).
                best = max(matches, key=lambda m: m[2])[0]
                vision = fold(source_text(self.chunks_by_doc.get(plan.doc_id, []), sec.heading_end, sec.end))
                if fold(best.indicator) not in vision:
                    return None
        return self._list_section(plan, sec, cites, qa)

    def _year_not_set(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        years = set(_YEAR.findall(qa.text))
        if not years or not TARGET_CUE.search(qa.folded) or qa.intent in ("meta", "section"):
            return None
        plans = self._plans_for(qa)
        if not plans or not all(p.targets for p in plans) or (len(plans) > 1 and len(qa.districts) < 2):
            return None
        missing = sorted(years - set().union(*(self._set_years(p) for p in plans)))
        if not missing or any(years & self._set_years(p) for p in plans):
            return None
        # District names say where, not which indicator: "Kim Động" is not the "động" of "lao động".
        # The words as typed count too: the lexicon's official wording ("học nghề" → "đào tạo nghề") may drop
        # the plan's own word ("phân luồng học nghề").
        unplaced = f"{fold(qa.expanded_text)} | {expand_abbreviations(fold(qa.text))}"
        for place in sorted({fold(d) for d in [*qa.districts, *self.book.districts]}, key=len, reverse=True):
            unplaced = re.sub(rf"(?<!\w){re.escape(place)}(?!\w)", " ", unplaced)
        q = set(syllables(unplaced)) - STOPWORDS - GENERIC_TARGET_WORDS
        # "dược sĩ" folds to the stopword of "được": the pharmacist is a word of its own.
        q |= {"duoc"} if re.search(r"(?<!\w)duoc si(?!\w)", unplaced) and "được sĩ" not in qa.text.lower() else set()

        def nearest_of(plan: PlanModel) -> tuple[Target, int]:
            overlap = {id(t): len(q & (set(syllables(f"{t.indicator} {t.phrase}")) - GENERIC_TARGET_WORDS))
                       for t in plan.targets}
            best = max(plan.targets, key=lambda t: overlap[id(t)])
            return best, overlap[id(best)]

        if len(plans) > 1:
            # "Mục tiêu năm 2025 về BHYT của Kim Động và Phụng Hiệp có giống nhau không": no plan asked sets that
            # year; what each sets for 2030 is said, cited.
            lines = []
            for plan in plans:
                t, hit = nearest_of(plan)
                if hit:
                    lines.append(f"- {plan.district}: {display(t.text).rstrip(' .')}{cites.mark(plan.doc_id, t.start, t.end)}.")
            body = (f"{REFUSAL} Kế hoạch của {', '.join(p.district for p in plans)} không đặt chỉ tiêu cho năm "
                    f"{', '.join(missing)}; các chỉ tiêu đặt đến năm 2030" + (":\n" + "\n".join(lines) if lines else "."))
            return Generation(body, cites.cited, True, self.name, evidence_score=0.0,
                              guard={"refusal": "year_not_set"}, spans=cites.spans)
        plan = plans[0]
        nearest, hit = nearest_of(plan)
        # "Các chỉ tiêu … là đến năm 2025 đúng không?": a year checked is answered "Không", with the year the plan sets.
        checked = bool(_YES_NO_CHECK.search(qa.folded))
        opening = "Không." if checked else REFUSAL
        body = (f"{opening} Kế hoạch của {plan.district} không đặt chỉ tiêu cho năm {', '.join(missing)}; "
                "các chỉ tiêu của kế hoạch là đến năm 2030")
        heading = plan.section_at(plan.targets[0].start)
        if checked and heading is not None and "2030" in heading.full_title:
            body += f" (mục {display(heading.full_title).rstrip(' .:')}{cites.mark(plan.doc_id, heading.start, heading.heading_end)})"
        if hit:
            body += f", ví dụ: {display(nearest.text).rstrip(' .')}{cites.mark(plan.doc_id, nearest.start, nearest.end)}"
        body += "."
        vision = self._vision_of(plan, set(missing))
        if vision is not None and vision.end > vision.start:
            # The plan's vision for that year gives a direction, no figure: said, so the asker sees what there is.
            said, span = self._own_text(plan, vision)
            body += (f" Phần {vision.full_title.rstrip(' .:')} chỉ nêu định hướng: "
                     f"{shorten(said.strip(' .'), 300)}{cites.mark(plan.doc_id, *span)}.")
        if checked:
            return Generation(body, cites.cited, False, self.name, evidence_score=1.0,
                              guard={"source": "chỉ tiêu trong mô hình kế hoạch", "checked": "year_not_set"}, spans=cites.spans)
        return Generation(body, cites.cited, True, self.name, evidence_score=0.0,
                          guard={"refusal": "year_not_set"}, spans=cites.spans)

    def _current_not_given(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Hiện nay tỷ lệ hộ nghèo đa chiều là bao nhiêu": a plan sets targets, it does not report today's level.
        Refused, quoting the targets the plan does set for that indicator."""
        if (not _NOW_ASKED.search(qa.folded) or not (QUANTITY_CUE.search(qa.folded) or qa.wants_comparison)
                or _PLAN_SETS.search(qa.folded) or _YEAR.search(qa.folded)):
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1 and not (qa.wants_comparison and len(plans) >= 2 and len(qa.districts) in (0, len(plans))):
            return None  # ("hiện nay huyện nào … cao hơn" of two plans named: neither says today's level)
        lines = []
        for plan in plans:
            text = " ".join(c.text for c in self.chunks_by_doc.get(plan.doc_id, []))
            if _NOW_FIGURE.search(text):
                return None  # a plan that states a present level answers from its passages
            targets, _ = self._asked_targets(plan, qa)
            if targets:
                said = "; ".join(f"{display(t.text).rstrip(' .;')}{cites.mark(plan.doc_id, t.start, t.end)}" for t in targets[:3])
                lines.append(f"Kế hoạch của {plan.district} không nêu số liệu hiện nay; kế hoạch chỉ đặt mục tiêu: {said}.")
            else:
                # (No target of the plan's matched the thing asked: nothing to quote beside.)
                lines.append(f"Kế hoạch của {plan.district} không nêu số liệu hiện nay (kế hoạch đặt mục tiêu đến năm "
                             "2030, không báo cáo mức hiện tại).")
        body = (f"{REFUSAL} {lines[0]}" if len(lines) == 1
                else f"{REFUSAL} Không so sánh được:\n" + "\n".join(f"- {ln}" for ln in lines))
        return Generation(body, cites.cited, True, self.name, evidence_score=0.0,
                          guard={"refusal": "figure_not_given"}, spans=cites.spans)

    def _scope_not_set(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Diện tích nhà ở bình quân ở nông thôn Phụng Hiệp bao nhiêu": the plan sets the indicator for the whole
        district only, while another plan sets it for that area. Refused, quoting what the plan does set (a 100%
        rate for all households holds for every area, so it answers)."""
        if qa.intent != "target" or qa.briefing or qa.wants_comparison or not TARGET_CUE.search(qa.folded):
            return None
        scopes = sorted(name for name, pat in SCOPES.items() if pat.search(qa.folded) and name != "toàn huyện")
        plans = self._plans_for(qa)
        # ("…, còn nông thôn thì sao" asks the whole district too; "riêng cho đô thị và nông thôn" only the areas.)
        if not scopes or len(plans) != 1 or re.search(r"thi sao|(?<!\w)(con|ca|lan)(?!\w)", qa.folded):
            return None
        plan = plans[0]
        matches = self._target_matches(plan, qa)
        if not matches:
            return None
        t = max(matches, key=lambda m: m[2])[0]
        same = [x for x in plan.targets if x.indicator == t.indicator]
        if (any(x.scope == scope or SCOPES[scope].search(fold(x.text)) for x in same for scope in scopes)
                or t.unit == "%" and t.value >= 100):
            return None
        elsewhere = [x for p in self.book.plans if p is not plan for x in p.targets
                     if x.indicator == t.indicator and x.scope in scopes]
        # The plan splits the indicator by area itself ("chung dưới 2,1%, đô thị dưới 2%"), not for the one asked.
        split_here = any(x.scope not in ("toàn huyện", *scopes) for x in same)
        if not elsewhere and not split_here:
            return None
        areas = " và ".join(scopes)
        said = [x for x in same if split_here] or [t]  # the general figure and the areas it does set
        text = (f"{REFUSAL} Kế hoạch của {plan.district} không đặt riêng chỉ tiêu này cho khu vực {areas}; kế hoạch chỉ "
                f"nêu{'' if split_here else ' mức chung'}: " + "; ".join(f"{display(x.text).rstrip(' .;')}{cites.mark(plan.doc_id, x.start, x.end)}"
                                    for x in said) + ".")
        return Generation(text, cites.cited, True, self.name, evidence_score=0.0,
                          guard={"refusal": "scope_not_set"}, spans=cites.spans)
