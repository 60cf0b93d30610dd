"""A story told before a question: which of its sentences are asked alone when the whole is refused."""

from assistant.query import analyze
from assistant.stories import is_story, story_retries, told_phrases

DISTRICTS = ["Kim Động", "Kon Rẫy", "Phụng Hiệp", "Lạc Dương"]


def test_one_sentence_is_no_story():
    assert not is_story(analyze("Kim Động đặt tỷ lệ hộ nghèo đến 2030 là bao nhiêu?", districts=DISTRICTS))
    assert is_story(analyze("Mẹ tôi 78 tuổi ở Kim Động. Kế hoạch có trợ cấp gì không?", districts=DISTRICTS))
    # "Kế hoạch nào …, và …": its first clause is asked of every plan.
    assert is_story(analyze("Kế hoạch nào đặt chỉ tiêu nhà ở xã hội, và mỗi nơi bao nhiêu?", districts=DISTRICTS))


def test_the_pointer_stands_for_what_the_story_says_in_the_plans_words(assistant):
    gen = assistant.generator(None)
    qa = analyze("Mẹ tôi năm nay 78 tuổi, sống một mình ở Kon Rẫy. Kế hoạch có trợ cấp gì cho người như mẹ tôi không?",
                 districts=DISTRICTS)
    story = story_retries(qa, gen)
    assert len(story.tries) == 1 and "người cao tuổi" in story.tries[0] and "cô đơn" in story.tries[0], story.tries
    assert "Kon Rẫy" in story.tries[0]  # the district the story named goes with the sentence asked alone
    assert story.worth_asking(story.tries[0], gen)
    assert "cô đơn" in told_phrases("Mẹ tôi sống một mình", ["Kon Rẫy"], gen)
    assert "cô đơn" not in told_phrases("Mẹ tôi sống một mình", ["Kim Động"], gen)  # a word that plan never writes


def test_a_last_sentence_naming_a_plan_group_is_asked_without_the_story_s_words(assistant):
    gen = assistant.generator(None)
    qa = analyze("Ba tôi là thương binh ở Phụng Hiệp. Con của người có công như tôi được ưu tiên gì?", districts=DISTRICTS)
    story = story_retries(qa, gen)
    assert story.tries and "thương binh" not in story.tries[0] and "người có công" in story.tries[0], story.tries
    assert story.worth_asking(story.tries[0], gen)


def test_a_bare_number_and_date_is_not_asked_alone(assistant):
    gen = assistant.generator(None)
    qa = analyze("Về nhà ở, Kim Động thực hiện chương trình nào? Số, ngày thế nào?", districts=DISTRICTS)
    story = story_retries(qa, gen)
    assert not any(story.worth_asking(t, gen) for t in story.tries if t.startswith("Số, ngày"))
