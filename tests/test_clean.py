"""The cleaner on strings: each repair checked on the smallest text that needs it."""

from __future__ import annotations

import pytest

from indexer.clean import clean_text, drop_repeated_spans, normalize_chars, to_simplified
from indexer.models import Paragraph
from indexer.patterns import find_doc_number, normalize_doc_numbers, query_number


def texts(raw: str) -> list[str]:
    return [p.text for p in clean_text(raw)]


def test_lines_broken_inside_sentences_are_rejoined():
    raw = (
        "兆国同志对本次会议高度重视，对会议的召开作了重要指示。今天，\n\n又在会议上发表了重要讲话。\n\n"
        "市场意识。用中国特色社会主义理论凝\n\n聚职工群众，教育职工克服自卑心理。"
    )
    assert texts(raw) == [
        "兆国同志对本次会议高度重视，对会议的召开作了重要指示。今天，又在会议上发表了重要讲话。",
        "市场意识。用中国特色社会主义理论凝聚职工群众，教育职工克服自卑心理。",
    ]


def test_ocr_scraps_join_but_titles_and_speaker_lines_stay():
    raw = (
        "覆盖的服务职工群众的工作方法。\n\n北京市总工会\n\n先后\n\n出台了\n\n《关于加\n\n强和改进工会工作的意见》。\n\n"
        "——抓规范，为基层履职提供标准。山西省总工会相继出台《乡镇（街道）工会工作规\n\n"
        "以创新思维建设先进职工文化\n\n上海市人大常委会副主任、市总工会主席 洪浩\n\n职工群众满腔热情投身于伟大实践。"
    )
    assert texts(raw) == [
        "覆盖的服务职工群众的工作方法。",
        "北京市总工会先后出台了《关于加强和改进工会工作的意见》。",
        "——抓规范，为基层履职提供标准。山西省总工会相继出台《乡镇（街道）工会工作规",
        "以创新思维建设先进职工文化",
        "上海市人大常委会副主任、市总工会主席 洪浩",
        "职工群众满腔热情投身于伟大实践。",
    ]


def test_short_heading_with_commas_is_not_joined_to_the_text():
    raw = "市委加强改善对工会工作的领导,高度重视、全方位支持工会工作\n\n近年来,阜新市委高度重视和大力支持工会工作。"
    assert texts(raw) == ["市委加强改善对工会工作的领导，高度重视、全方位支持工会工作", "近年来，阜新市委高度重视和大力支持工会工作。"]


def test_hard_wrapped_text_is_unwrapped():
    para = "各级工会要认真贯彻落实全总的部署要求，切实做好困难职工帮扶工作，确保困难职工基本生活。" * 3
    wrapped = "\n".join(para[i:i + 30] for i in range(0, len(para), 30))
    assert texts("关于做好帮扶工作的通知\n\n" + wrapped + "\n\n" + wrapped) == ["关于做好帮扶工作的通知", para, para]


def test_repeated_paragraph_is_dropped():
    a = "工会要更好地履行好法律赋予的职责，必须在整合资源和手段上下功夫，形成农民工维权工作格局。"
    kept = drop_repeated_spans([Paragraph(x, x) for x in ("开头。", a, a, "结尾。")])
    assert [p.text for p in kept] == ["开头。", a, "结尾。"]


def test_page_scanned_twice_starting_mid_paragraph():
    s = "群众满腔热情投身于伟大实践，将其贯穿于工会组建和集体协商等工作中。另一方面，突出工作重点，扩大职工文化的覆盖面。针对场馆设备陈旧等问题，着力推进职工"
    text = "职工" + s + s + "会文体场馆转型发展，努力把场馆建成工人的学校和乐园。"
    kept = drop_repeated_spans([Paragraph(text, text)])
    assert [p.text for p in kept] == ["职工" + s + "会文体场馆转型发展，努力把场馆建成工人的学校和乐园。"]


def test_legitimate_short_repeats_stay():
    text = "同志们：我们要认真学习。同志们：我们要认真落实。"
    assert [p.text for p in drop_repeated_spans([Paragraph(text, text)])] == [text]


@pytest.mark.parametrize(
    "written",
    ["苏发〔2010〕59号", "苏发[2010]59号", "苏发【2010】59号", "苏发（2010）59号", "苏发(2010)59号",
     "苏发 [ 2010 ] 59 号", "苏发〔2010〕第59号", "苏发〔2010〕059号", "苏发［2010］59号"],
)
def test_document_numbers_written_one_way(written):
    assert normalize_doc_numbers(f"根据{written}文件") == "根据苏发〔2010〕59号文件"
    assert find_doc_number(written) == "苏发〔2010〕59号"
    assert query_number(written, 0) == (len(written), "苏发〔2010〕59号", False)


def test_document_number_broken_over_lines():
    assert "苏发〔2010〕59号" in texts("苏发〔2010〕\n59号\n\n中共苏州市委")


def test_document_number_prefix_is_cut_from_running_text():
    assert find_doc_number("根据国办发〔2008〕5号文件精神") == "国办发〔2008〕5号"


def test_look_alikes_of_zero_in_chinese_years():
    assert normalize_chars("二○一○年十一月") == "二〇一〇年十一月"
    assert normalize_chars("二O一O年") == "二〇一〇年"
    assert normalize_chars("二00八年") == "二〇〇八年"
    assert normalize_chars("编号O一二") == "编号O一二"  # not a year: left alone


def test_width_and_punctuation_forms():
    assert normalize_chars("ＩＳＳＡ会议２００４年") == "ISSA会议2004年"
    assert normalize_chars("近年来,辽宁省阜新市工会(市委领导下)") == "近年来，辽宁省阜新市工会（市委领导下）"
    assert normalize_chars("版本 1.5, see (a)") == "版本 1.5, see (a)"


def test_letter_spaced_lines_and_spaces_next_to_digits():
    assert texts("中 共 苏 州 市 委\n\n截至 2003 年 9 月底，累计培训 505 万人次。") == [
        "中共苏州市委", "截至2003年9月底，累计培训505万人次。",
    ]


def test_web_boilerplate_is_stripped_and_upload_date_kept_apart():
    raw = (
        "工會勞保工作講話\n\n時間:2022-02-19 09:48:00\n\n"
        "導語:工會勞保工作講話一文來源于網友上傳,不代表本站觀點,若需要原創文章可咨詢客服老師,歡迎參考。\n\n"
        "工會勞保工作講話\n\n同志們認真學習了大會精神。"
    )
    assert texts(raw) == ["工會勞保工作講話", "同志們認真學習了大會精神。"]


def test_simplified_copy_has_the_same_length():
    for text in ("職工權益維護", "黨的第十七次全國代表大會", "乾隆年間著名的皇后", "發展為先、職工為根"):
        simple = to_simplified(text)
        assert len(simple) == len(text)
    assert to_simplified("職工權益") == "职工权益"


def test_renamed_cities_point_where_they_went():
    from indexer.gazetteer import Gazetteer, Place

    gazetteer = Gazetteer.load()
    assert gazetteer.city_of("襄樊") == "襄阳"
    assert gazetteer.locate("襄樊市总工会") == Place("湖北", "襄阳")
