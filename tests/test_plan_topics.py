"""Topic keywords of the plan model (assistant/plan/topics.py)."""

from __future__ import annotations

from assistant.plan.topics import groups_named, topics_named
from assistant.text import fold


def test_topics_named_reads_each_phrase_once_at_its_longest():
    assert topics_named("gian lận bảo hiểm xã hội, bảo hiểm y tế") == ["bảo hiểm"]
    assert topics_named("mảng giáo dục và mảng y tế") == ["giáo dục", "y tế"]


def test_where_the_asker_lives_is_not_housing():
    assert topics_named("Bố tôi bị tai biến, nhà ở Kon Rẫy. Huyện có chính sách gì?") == []
    assert topics_named("nhà mình ở xã Đăk Ruồng, có hỗ trợ nhà ở không") == ["nhà ở"]  # the second "nhà ở" asks
    assert topics_named("Nhà ở Kim Động có chỉ tiêu gì?") == ["nhà ở"]  # a question opening on the field


def test_a_condition_names_the_group_of_people():
    assert [g.key for g in groups_named(fold("cháu nhà tôi bị bại não"))] == ["người khuyết tật"]
    assert [g.key for g in groups_named(fold("con tôi bị tự kỷ"))] == ["người khuyết tật"]


def test_the_main_topic_is_named_by_the_longest_phrase():
    from assistant.plan.topics import main_topic

    assert main_topic("bao nhiêu phần trăm dân số tham gia bảo hiểm y tế") == "bảo hiểm"
    assert main_topic("trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi") == "y tế"
    assert main_topic("ai ký kế hoạch") is None


def test_a_field_named_as_users_type_it():
    from assistant.plan.topics import fields_named

    assert fields_named("có trợ cấp hay chăm sóc sức khỏe gì") == ["y tế", "trợ giúp xã hội"]
    assert "nhà ở" not in fields_named("nhà tôi ở Kim Động")  # one-syllable aliases ("nhà") name no field


def test_words_of_a_field_used_for_something_else_name_no_field():
    from assistant.plan.topics import topic_hits

    # "tuyên truyền, giáo dục nâng cao nhận thức" raises awareness; "bảo mật thông tin" keeps data safe.
    assert "giáo dục" not in topic_hits("tập trung tuyên truyền, giáo dục nâng cao nhận thức về chính sách xã hội")
    assert "thông tin" not in topic_hits("bảo đảm liên thông, an toàn, bảo mật thông tin chung và dữ liệu cá nhân")
    assert topic_hits("phổ cập giáo dục mầm non")["giáo dục"] >= 1
    assert "thông tin" in topic_hits("hệ thống thông tin cơ sở")
