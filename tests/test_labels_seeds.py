"""What the pipeline must make of the five seed texts (issue 2's must-show list)."""

from __future__ import annotations

from indexer import Article
from indexer.clean import to_simplified

from .conftest import articles_of


def by_speaker(articles: list[Article]) -> dict[str | None, Article]:
    return {a.speaker: a for a in articles}


def test_000_book_gives_the_speech_of_zhang_junjiu_and_no_table_of_contents(seed_articles):
    articles = seed_articles["000"]
    speech = by_speaker(articles)["张俊九"]
    assert speech.title == "求真务实 锐意进取 努力推动工会促进再就业工作的深入发展"
    assert speech.subtitle == "在全国工会促进再就业工作现场经验交流会议上的讲话"
    assert (speech.date, speech.year, speech.doctype, speech.province) == ("2004-03-01", 2004, "讲话", "全国")
    assert speech.paragraphs[0] == "同志们："
    # printed pages from the table of contents: the next piece starts on page 20
    assert speech.source.pages == (3, 19) and speech.source.page_basis == "目录"
    assert speech.source.book is not None and speech.source.book.title == "工会保障工作资料选编"
    assert speech.source.book.publisher == "中国工人出版社" and speech.source.book.year == 2008
    assert speech.source.sections == ("指导性文件篇", "一、全总领导讲话")
    # no article is made of the table of contents, the cover or the CIP block
    for article in articles:
        text = article.text
        assert "(20)" not in text and "张鸣起" not in text and "ISBN" not in text and "定价" not in text
        assert article.title not in ("目录", "目 录")
    assert [a.doctype for a in articles] == ["其他", "讲话"]  # the preface, then the speech


def test_000_preface_is_dated_by_its_signature(seed_articles):
    preface = seed_articles["000"][0]
    assert preface.title == "《工会保障工作资料选编》前言"
    assert preface.date == "2008-09-27" and preface.provenance["date"] == "落款"
    assert preface.issuer == "中华全国总工会保障工作部"


def test_001_web_speech_without_boilerplate_and_not_dated_by_upload(seed_articles):
    (speech,) = seed_articles["001"]
    assert speech.doctype == "讲话"
    assert speech.year == 2007 and speech.year != 2022 and speech.date is None
    assert speech.provenance["year"].startswith("推断")
    assert speech.province == "全国"
    text = speech.text
    for boilerplate in ("網友上傳", "本站觀點", "2022-02-19", "時間:", "導語"):
        assert boilerplate not in text
    assert "\ue004" not in text  # scraping debris
    assert speech.traditional and "勞動合同法" in text  # shown in the original characters
    assert "劳动合同法" in to_simplified(text)  # analysed in simplified ones


def test_002_gives_eight_speeches_with_speaker_and_province(seed_articles):
    speeches = seed_articles["002"]
    assert [(a.speaker, a.province) for a in speeches] == [
        ("赵国强", "辽宁"), ("梁伟", "北京"), ("黄业斌", "广东"), ("田喜荣", "山西"),
        ("洪浩", "上海"), ("张岱梨", "湖北"), ("李登攀", "四川"), ("邢春宁", "江苏"),
    ]
    assert {a.doctype for a in speeches} == {"讲话"}
    assert all(a.source.collection and "全总十六届二次执委会议" in a.source.collection for a in speeches)
    # the titles are the speeches' own, not the collection's
    assert speeches[4].title == "以创新思维建设先进职工文化"
    assert speeches[4].speaker_title == "上海市人大常委会副主任、市总工会主席"
    # the meeting (全总十六届二次执委会议) dates them all
    assert {a.year for a in speeches} == {2014}


def test_002_ocr_damage_is_repaired(seed_articles):
    speeches = {a.speaker: a for a in seed_articles["002"]}
    beijing = speeches["梁伟"].text
    assert "北京市总工会先后出台了《关于加强和改进工会工作的意见》" in beijing  # lines broken by OCR rejoined
    shanghai = speeches["洪浩"]
    # a page scanned twice: the repeat (starting mid-paragraph) is gone, the text reads on
    assert shanghai.text.count("另一方面，突出工作重点") == 1
    assert "着力推进职工会文体场馆转型发展" in shanghai.text
    sichuan = speeches["李登攀"]
    assert sichuan.text.count("工会要更好地履行好法律赋予的职责") == 1


def test_003_gives_two_reports(seed_articles):
    fuxin, nantong = seed_articles["003"]
    assert fuxin.title == "服务转型 推进维权"
    assert (fuxin.province, fuxin.city, fuxin.doctype) == ("辽宁", "阜新", "纪实")
    assert nantong.title == "确立桥港时代思维 凝聚全市职工力量"
    assert (nantong.province, nantong.city, nantong.speaker) == ("江苏", "南通", "陆玉明")
    assert nantong.doctype == "经验材料"
    # the in-text headings of the first report stay in it
    assert "市委加强改善对工会工作的领导" in fuxin.text


def test_004_opinion_of_suzhou_party_committee(seed_articles):
    (opinion,) = seed_articles["004"]
    assert opinion.title == "关于进一步加强和改进新形势下工会工作的意见"
    assert opinion.doctype == "意见"
    assert opinion.issuer == "中共苏州市委"
    assert opinion.doc_number == "苏发〔2010〕59号"
    assert (opinion.date, opinion.year) == ("2010-11-17", 2010)
    assert (opinion.province, opinion.city) == ("江苏", "苏州")


def test_every_label_says_where_it_came_from(seed_articles):
    for articles in seed_articles.values():
        for article in articles:
            for field in ("title", "doctype", "date", "year", "province", "city", "speaker", "issuer", "doc_number"):
                if getattr(article, field):
                    assert article.provenance.get(field), (article.title, field)


def test_topics_come_from_the_taxonomy(seed_articles):
    (opinion,) = seed_articles["004"]
    speech = seed_articles["000"][1]
    assert speech.topics[0] == "就业再就业"
    assert "工会组织建设" in opinion.topics
    sichuan = [a for a in seed_articles["002"] if a.speaker == "李登攀"][0]
    assert {"农民工权益", "法律维权"} <= set(sichuan.topics)
    assert len(speech.keywords) == 8 and "再就业" in speech.keywords


def test_province_from_the_abbreviation_of_the_document_number(tmp_path):
    """A notice that names no place but its number: 苏工发 is Jiangsu's (苏)."""
    path = tmp_path / "notice.txt"
    path.write_text("关于开展职工读书活动的通知\n\n苏工发〔2012〕5号\n\n各有关单位：\n\n为丰富职工精神文化生活，现就开展职工读书活动"
                    "有关事项通知如下。\n\n一、各单位要高度重视，精心组织，确保活动取得实效。\n\n2012年3月5日\n", encoding="utf-8")
    (notice,) = articles_of(path)
    assert (notice.doc_number, notice.province) == ("苏工发〔2012〕5号", "江苏")
    assert notice.provenance["province"] == "文号“苏工发〔2012〕5号”的代字"
