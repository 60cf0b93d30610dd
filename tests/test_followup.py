from assistant.followup import rewrite_followup

DISTRICTS = ["Kim Động", "Kon Rẫy", "Phụng Hiệp", "Lạc Dương"]
HISTORY = [{"role": "user", "content": "Kim Động có tính chuyển tiền trợ cấp vô tài khoản không?"}]


def test_another_district_reuses_the_previous_question():
    assert rewrite_followup("Còn ở Lạc Dương thì sao?", HISTORY, DISTRICTS) == (
        "Lạc Dương có tính chuyển tiền trợ cấp vô tài khoản không?"
    )


def test_another_topic_keeps_the_previous_district():
    assert rewrite_followup("Còn về y tế thì sao?", HISTORY, DISTRICTS) == "về y tế ở Kim Động?"


def test_a_long_question_ending_the_nao_is_its_own_question():
    # It ends like an elliptic follow-up ("… thế nào?") but names its own subject and plan.
    q = "Mục 3.4 của Kon Rẫy gồm những tiểu mục nào, đánh ký hiệu thế nào?"
    assert rewrite_followup(q, HISTORY, DISTRICTS) == q


def test_no_history_no_rewrite():
    assert rewrite_followup("Còn ở Lạc Dương thì sao?", [], DISTRICTS) == "Còn ở Lạc Dương thì sao?"
