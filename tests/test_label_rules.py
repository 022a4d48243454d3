"""Each labelling rule on the smallest text that needs it, written as real documents print it.

The cases follow conventions seen in the development corpus (docs/labels.md): a crawled page that
lost its line breaks, a rule's 发布 line, a signature glued to the last sentence, bodies signing a
line each, a post glued to the speaker's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import articles_of

CASES: list[tuple[str, str, dict[str, object]]] = [
    (
        "crawled_one_line",
        "关于印发《企业职工带薪年休假实施办法》的通知\n"
        "　　各省、自治区、直辖市人力资源社会保障厅（局）：　　现将《企业职工带薪年休假实施办法》印发给你们，"
        "请结合本地实际，认真贯彻执行。执行中遇到的问题，请及时报告我部。　　附件：企业职工带薪年休假实施办法"
        "　　人力资源社会保障部　　2008年9月18日\n",
        {"date": "2008-09-18", "issuer": "人力资源社会保障部", "doctype": "通知"},
    ),
    (
        "issued_line_under_title",
        "工资支付暂行规定\n劳动部一九九四年十二月六日发布\n"
        "第一条　为维护劳动者通过劳动获得劳动报酬的权利，规范用人单位的工资支付行为，制定本规定。\n"
        "第二条　本规定适用于在中华人民共和国境内的企业和与之形成劳动关系的劳动者。\n",
        {"date": "1994-12-06", "issuer": "劳动部", "title": "工资支付暂行规定"},
    ),
    (
        "date_and_body_under_title",
        "违反《劳动法》有关劳动合同规定的赔偿办法\n1995年5月10日，劳动部\n"
        "第一条　根据《中华人民共和国劳动法》的有关规定，制定本办法。\n"
        "第二条　用人单位有下列情形之一，对劳动者造成损害的，应赔偿劳动者损失。\n",
        {"date": "1995-05-10", "issuer": "劳动部"},
    ),
    (
        "signature_glued_without_stop",
        "关于进一步做好稳就业工作的通知\n各市人力资源和社会保障局：\n"
        "为深入贯彻落实党中央、国务院决策部署，现就进一步做好稳就业工作通知如下。各地要认真组织实施，"
        "确保各项政策落地见效。请各地于每月底前报送工作进展情况。河北省人力资源和社会保障厅2021年1月27日\n",
        {"date": "2021-01-27", "issuer": "河北省人力资源和社会保障厅", "province": "河北"},
    ),
    (
        "bodies_signing_a_line_each",
        "关于做好2023年度科研项目结题工作的通知\n各有关单位：\n为做好结题工作，现将有关事项通知如下。"
        "请各单位认真组织，按时完成。\n财政部\n科技部\n教育部\n2023年12月28日\n",
        {"date": "2023-12-28", "issuer": "财政部"},
    ),
    (
        "site_invitation_glued_to_the_end",
        "关于做好2024年元旦春节期间根治欠薪工作的通知\n各市人力资源和社会保障局：\n现就有关事项通知如下。"
        "请认真贯彻落实。\n河北省人力资源和社会保障厅\n2023年11月30日更多信息请关注官方微信“河北人社”\n",
        {"date": "2023-11-30", "issuer": "河北省人力资源和社会保障厅"},
    ),
    (
        "post_glued_to_speaker",
        "在全省工会工作会议上的讲话\n部长王志刚\n（2023年3月2日）\n同志们：\n"
        "今天我们召开全省工会工作会议，主要任务是总结过去一年的工作，部署今年的任务。\n",
        {"speaker": "王志刚", "date": "2023-03-02", "doctype": "讲话"},
    ),
    (
        "document_number_run_into_the_addressees",
        "国务院关于大力推进大众创业万众创新若干政策措施的意见\n"
        "国发〔2015〕32号各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
        "推进大众创业、万众创新，是发展的动力之源，也是富民之道、公平之计、强国之策，现提出以下意见。\n"
        "各地区、各部门要进一步统一思想认识，高度重视、认真落实本意见的各项要求。\n国务院\n2015年6月11日\n",
        {"doc_number": "国发〔2015〕32号", "date": "2015-06-11", "issuer": "国务院"},
    ),
    (
        "ministry_number_says_national",
        "关于《企业职工带薪年休假实施办法》有关问题的复函\n人社厅函〔2009〕149号\n上海市人力资源和社会保障局：\n"
        "你局《关于〈企业职工带薪年休假实施办法〉若干问题的请示》收悉。经研究，现函复如下。\n"
        "职工连续工作满12个月以上，既包括职工在同一用人单位连续工作满12个月以上的情形。\n二〇〇九年四月十五日\n",
        {"province": "全国", "date": "2009-04-15", "doc_number": "人社厅函〔2009〕149号"},
    ),
    (
        "speech_at_a_national_meeting",
        "在全国民族团结进步表彰大会上的讲话\n习近平\n（2019年9月27日）\n同志们，朋友们：\n"
        "在中华人民共和国成立70周年前夕，我们隆重召开全国民族团结进步表彰大会。\n",
        {"province": "全国", "speaker": "习近平"},
    ),
    (
        "speaker_post_in_the_report_lead",
        "在民营企业座谈会上的讲话\n习近平\n（2018年11月1日）\n"
        "11月1日，中共中央总书记、国家主席、中央军委主席习近平在北京人民大会堂主持召开民营企业座谈会并发表重要讲话。\n"
        "大家好！今天，我们召开这个座谈会，主要是听听大家对经济发展形势和民营经济发展的意见和建议。\n",
        {"province": "全国", "speaker": "习近平", "date": "2018-11-01"},
    ),
    (
        "contract_title_over_its_first_field",
        "停薪留职合同\n订立合同双方：\n甲方：_______________（单位）\n乙方：___________，性别______\n"
        "根据国家有关文件精神，为合理安排企业过剩人员，准许部分职工停薪留职，特订立本合同，以便共同遵守。\n",
        {"title": "停薪留职合同"},
    ),
    (
        "news_note_of_the_original_headline",
        "<html><body><h1>国务院联防联控机制：湖北和武汉要严格管控防输出（原标题：国务院联防联控机制印发通知 "
        "进一步指导各地落实分区分级差异化防控策略）</h1>"
        "<p>新华社北京2月25日电 国务院应对新型冠状病毒感染肺炎疫情联防联控机制25日印发指导意见。</p></body></html>",
        {"title": "国务院联防联控机制：湖北和武汉要严格管控防输出", "doctype": "新闻"},
    ),
    (
        "title_with_its_date_issuer_and_number_in_brackets",
        "<html><body><h1>长春市人民政府办公厅关于印发长春市统一被征地农民基本养老保险制度实施方案实施细则的通知"
        "（2012年11月19日长春市人民政府办公厅 长府办发〔2012〕58号）</h1><p>各县（市）、区人民政府：</p>"
        "<p>现将《实施细则》印发给你们，请认真贯彻执行。</p></body></html>",
        {"title": "长春市人民政府办公厅关于印发长春市统一被征地农民基本养老保险制度实施方案实施细则的通知"},
    ),
    (
        "report_of_a_speech_is_news",
        "全国人大常委会党组举行会议 学习贯彻习近平总书记在党的二十届二中全会上的重要讲话\n"
        "中共全国人大常委会党组1日举行会议，传达学习习近平总书记在党的二十届二中全会上的重要讲话和全会精神。\n",
        {"doctype": "新闻"},
    ),
    (
        "work_report_read_to_the_congress",
        "海拉尔区政府工作报告_2017\n各位代表：\n"
        "现在，我代表区人民政府，向大会报告工作，请予审议，并请区政协委员和其他列席人员提出意见。\n"
        "一、2016年工作回顾\n过去的一年，我们坚持稳中求进工作总基调，经济社会发展取得新成效。\n",
        {"doctype": "报告"},
    ),
    (
        "order_signed_by_a_letter_spaced_post",
        "企业国有资产监督管理暂行条例\n中华人民共和国国务院令 第378号\n"
        "《企业国有资产监督管理暂行条例》已经2003年5月13日国务院第8次常务会议讨论通过，现予公布，自公布之日起施行。\n"
        "总 理 温家宝\n二〇〇三年五月二十七日\n第一章 总则\n"
        + "".join(f"第{n}条 国有及国有控股企业的国有资产的监督管理，适用本条例的第{n}项规定。\n" for n in "二三四五六七八九十")
        + "第十一条 本条例自公布之日起施行。\n",
        {"date": "2003-05-27", "doc_number": "国务院令第378号"},
    ),
    (
        "caption_broken_over_three_lines",
        "广东省工会劳动法律监督条例\n（2000年11月24日广东省第九届人民代表大会常务\n"
        "委员会第二十一次会议通过2000年12月13日公布\n2001年1月1日起施行）\n"
        "第一条 为规范工会监督用人单位遵守劳动法律、法规，维护劳动者的合法权益，制定本条例。\n"
        "第二条 本省行政区域内的工会进行劳动法律监督，适用本条例。\n",
        {"date": "2000-12-13", "issuer": "广东省人民代表大会常务委员会", "province": "广东"},
    ),
    (
        "page_lead_above_the_report",
        "3月5日，第十二届全国人民代表大会第三次会议在北京人民大会堂开幕。国务院总理李克强作政府工作报告。\n\n"
        "政府工作报告\n——2015年3月5日在第十二届全国人民代表大会第三次会议上\n国务院总理 李克强\n各位代表：\n"
        "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协各位委员提出意见。\n",
        {"title": "政府工作报告", "date": "2015-03-05", "doctype": "报告", "province": "全国"},
    ),
    (
        "short_name_of_a_body_in_the_signature",
        "关于进一步加强工资集体协商工作的通知\n各省、自治区、直辖市总工会：\n"
        "为推动工资集体协商工作深入开展，现就有关事项通知如下。请认真贯彻执行。\n全国总工会\n2009年7月21日\n",
        {"issuer": "中华全国总工会", "province": "全国"},
    ),
    (
        "title_about_the_whole_country",
        "2003年中国货币政策大事记\n1月，中国人民银行发布有关通知，进一步规范货币市场。\n"
        "4月，银行业监管职能分离，货币政策操作更加注重稳健。\n",
        {"province": "全国"},
    ),
    (
        "rule_made_by_several_ministries",
        "超龄劳动者基本权益保障暂行规定\n\n（2025年10月24日经人力资源社会保障部部务会议、2026年4月8日经国家医保局局务会议"
        "审议通过 2026年5月10日人力资源社会保障部、国家卫生健康委、应急管理部、税务总局、国家医保局令第56号公布 "
        "自2026年7月1日起施行）\n\n第一条  为了保障超过法定退休年龄的劳动者的合法权益，制定本规定。\n\n"
        "第二条  中华人民共和国境内的用人单位招用超龄劳动者，适用本规定。\n",
        {"issuer": "人力资源社会保障部", "date": "2026-05-10",
         "doc_number": "人力资源社会保障部、国家卫生健康委、应急管理部、税务总局、国家医保局令第56号"},
    ),
    (
        "order_names_the_rule_it_publishes",
        "中华人民共和国国务院令\n第 619  号\n"
        "《女职工劳动保护特别规定》已经2012年4月18日国务院第200次常务会议通过，现予公布，自公布之日起施行。\n"
        "总 理 温家宝 \n二○一二年四月二十八日 \n女职工劳动保护特别规定\n"
        + "".join(f"第{n}条  用人单位应当加强女职工劳动保护，采取措施改善女职工劳动安全卫生条件（第{n}项）。\n"
                  for n in "一二三四五六七八九十"),
        {"title": "女职工劳动保护特别规定", "doctype": "规定", "doc_number": "国务院令第619号", "issuer": "国务院",
         "date": "2012-04-28"},
    ),
    (
        "report_without_date_or_speaker",
        "2016年国务院政府工作报告\n\n各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n"
        "一、2015年工作回顾\n过去一年，我国发展面临多重困难和严峻挑战。到2020年，要实现全面建成小康社会。\n",
        {"year": 2016, "province": "全国", "doctype": "报告"},
    ),
    (
        "space_an_encoding_lost",
        "政府工作报告\n——2015年3月5日在第十二届全国人民代表大会第三次会议上\n国务院总理?李克强\n各位代表：?\n"
        "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协各位委员提出意见。\n",
        {"speaker": "李克强", "date": "2015-03-05", "title": "政府工作报告"},
    ),
    (
        "site_footer_after_the_rule",
        "中华人民共和国人力资源和社会保障部令\n第 1 号\n"
        "《企业职工带薪年休假实施办法》已于2008年7月17日经人力资源和社会保障部第6次部务会议通过，现予公布，自公布之日起施行。\n"
        "部 长 尹蔚民\n二〇〇八年九月十八日\n企业职工带薪年休假实施办法\n"
        + "".join(f"第{n}条 为了实施《职工带薪年休假条例》，制定本实施办法（第{n}项）。\n" for n in "一二三四五六七八")
        + "主办单位：国务院办公厅 运行维护单位：中国政府网运行中心\n网站标识码bm01000001\n"
        "京ICP备05070218号 京公网安备11010202000001号\n中华人民共和国人力资源和社会保障部令（第1号）\n企业职工带薪年休假实施办法\n",
        {"title": "企业职工带薪年休假实施办法", "doc_number": "人力资源和社会保障部令第1号", "date": "2008-09-18"},
    ),
    (
        "city_number_that_starts_like_a_ministry",
        "关于做好2024年防汛工作的通知\n商政发〔2024〕3号\n各县（市、区）人民政府：\n现就做好防汛工作通知如下，请认真贯彻执行。\n",
        {"doc_number": "商政发〔2024〕3号", "province": None},
    ),
    (
        "form_fields_are_not_the_title",
        "劳动合同书\n鉴证编号：＿＿＿＿＿＿\n签订日期：＿＿＿＿＿＿\n"
        "甲方（用人单位）名称：＿＿＿＿＿＿＿＿\n乙方（劳动者）姓名：＿＿＿＿＿＿\n"
        "根据《中华人民共和国劳动合同法》，甲乙双方经平等自愿、协商一致签订本合同。\n",
        {"title": "劳动合同书", "date": None},
    ),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_rule(name: str, text: str, expected: dict[str, object], tmp_path: Path) -> None:
    path = tmp_path / (f"{name}.html" if text.startswith("<html>") else f"{name}.txt")
    path.write_text(text, encoding="utf-8")
    (article,) = articles_of(path)
    for key, want in expected.items():
        assert getattr(article, key) == want, (key, getattr(article, key), article.provenance.get(key))


def test_reports_of_a_dated_news_issue(tmp_path: Path) -> None:
    """A broadcast's day in the file's first heading dates its reports; HTML written inline in
    Markdown leaves its words, not its tags; a report has no speaker; 查看原文 is the site's."""
    path = tmp_path / "新闻联播_20230301.md"
    path.write_text(
        "# 《新闻联播》 (20230301)\n\n## 新闻摘要\n\n本期节目主要内容：\n\n1.李克强会见白俄罗斯总统；\n\n"
        "2.汪洋主持召开全国政协主席会议；\n\n## 详细新闻\n\n### 李克强会见白俄罗斯总统\n\n"
        "<p><strong>央视网消息</strong>（新闻联播）：国务院总理李克强1日在京会见白俄罗斯总统卢卡申科。</p>\n\n"
        "<p>李克强表示，中白关系建立在相互尊重、相互信任基础上，互利合作不断取得新成果。</p>\n\n查看原文\n\n"
        "### 汪洋主持召开全国政协主席会议\n\n"
        "<p><strong>央视网消息</strong>（新闻联播）：全国政协主席汪洋1日在京主持召开全国政协主席会议。</p>\n\n"
        "<p>会议审议通过了有关事项，会议强调要认真做好各项准备工作。</p>\n\n查看原文\n",
        encoding="utf-8",
    )
    articles = articles_of(path)
    titles = [a.title for a in articles]
    assert titles[-2:] == ["李克强会见白俄罗斯总统", "汪洋主持召开全国政协主席会议"], titles
    for article in articles:
        assert article.date == "2023-03-01", (article.title, article.date, article.provenance.get("date"))
        assert article.doctype == "新闻" and article.speaker is None, (article.title, article.doctype, article.speaker)
        assert "<p>" not in article.text and "查看原文" not in article.text


def test_printed_title_under_a_page_headline(tmp_path: Path) -> None:
    """A site prints its headline, its name and a player above the speech's own header: the
    speech's printed title is the title."""
    path = tmp_path / "ARTI1523341014638798.html"
    body = "".join(f"<p>{line}</p>" for line in [
        "共产党员网", "00:00/00:00", "开放共创繁荣 创新引领未来", "——在博鳌亚洲论坛2018年年会开幕式上的主旨演讲",
        "（2018年4月10日，海南博鳌）", "中华人民共和国主席 习近平",
        "尊敬的各位元首，政府首脑，国际组织负责人，女士们，先生们，朋友们：",
        "仲春时节的海南，山青海碧，日暖风轻。在这个美好的季节里，各国嘉宾汇聚一堂，出席博鳌亚洲论坛2018年年会。" * 3,
        "首先，我谨代表中国政府和中国人民，并以我个人名义，对各位嘉宾的到来表示诚挚的欢迎！" * 3,
    ])
    path.write_text(
        "<html><head><title>习近平在博鳌亚洲论坛2018年年会开幕式上的主旨演讲</title></head><body>"
        f"<h1>习近平在博鳌亚洲论坛2018年年会开幕式上的主旨演讲</h1><div class='content'>{body}</div></body></html>",
        encoding="utf-8",
    )
    (article,) = articles_of(path)
    assert article.title == "开放共创繁荣 创新引领未来", (article.title, article.provenance.get("title"))
    assert article.date == "2018-04-10" and article.speaker == "习近平"


def test_page_widgets_run_into_the_headline(tmp_path: Path) -> None:
    """A page's font-size buttons (小中大) run into its headline: the page's <title> is the title."""
    path = tmp_path / "xinhuanet_20231117.html"
    text = "".join(f"<p>{line}</p>" for line in [
        "国家卫生健康委等部门近日联合印发通知，要求做好短缺药品保供稳价工作，全力保障临床用药需求。" * 2,
        "通知要求，各地要加强短缺药品监测预警，完善分级应对机制，确保群众用药安全。" * 2,
        "通知强调，要压实各方责任，加强部门协同，形成工作合力。" * 2,
    ])
    path.write_text(
        "<html><head><title>短缺药品保供稳价 全力保障临床用药需求-新华网</title></head><body>"
        "<div class='header'><span class='h-title'>短缺药品保供稳价 全力保障临床用药需求</span><span>小中大</span></div>"
        f"<div class='main'>{text}</div>"
        "</body></html>", encoding="utf-8",
    )
    (article,) = articles_of(path)
    assert article.title == "短缺药品保供稳价 全力保障临床用药需求", (article.title, article.provenance.get("title"))


def test_news_issue_with_no_such_day(tmp_path: Path) -> None:
    """A heading's digits that are no day (20230231) date nothing."""
    path = tmp_path / "新闻联播_20230231.md"
    path.write_text(
        "# 《新闻联播》 (20230231)\n\n### 李克强会见白俄罗斯总统\n\n"
        "央视网消息（新闻联播）：国务院总理李克强在京会见白俄罗斯总统卢卡申科。双方就深化合作交换了意见。\n",
        encoding="utf-8",
    )
    articles = articles_of(path)
    assert articles and all(article.date is None for article in articles)


def test_markdown_soft_breaks_join_a_sentence(tmp_path: Path) -> None:
    """Lines of one Markdown paragraph are one paragraph, as the rendered file shows them: a
    sentence cut at links does not become headings and a new article."""
    path = tmp_path / "国务院政府工作报告_2017.md"
    path.write_text(
        "政府工作报\n告\n\n——2017年3月5日在第十二届全国人民代表大会第五次会议上\n\n国务院总理\n　李克强\n\n各位代表：\n\n"
        "现在，我代表国务院，向大会报告政府工作，请予审议。\n\n一、2016年工作回顾\n\n"
        "过去一年，我国发展面临诸多挑战。在以习近平同志为核心的党中央坚强领导下，\n党的十八届六中全会\n正式明确\n习近平\n"
        "总书记的核心地位，体现了党和人民的根本利益。\n\n——经济运行缓中趋稳、稳中向好。\n",
        encoding="utf-8",
    )
    (article,) = articles_of(path)
    assert article.title == "政府工作报告" and article.speaker == "李克强" and article.date == "2017-03-05"
    assert "党的十八届六中全会正式明确习近平总书记的核心地位" in article.text


def test_markdown_caption_stays_under_its_title(tmp_path: Path) -> None:
    """A law exported to Markdown with its title and 题注 on consecutive lines: the 题注 is not run
    into the title."""
    path = tmp_path / "江苏省工资支付条例.md"
    path.write_text(
        "# 江苏省工资支付条例\n\n\n江苏省工资支付条例\n（2004年10月22日江苏省第十届人民代表大会常务委员会第十二次会议通过"
        "  根据2021年9月29日江苏省第十三届人民代表大会常务委员会第二十五次会议《关于修改〈江苏省河道管理条例〉等二十九件"
        "地方性法规的决定》第二次修正）\n\n第一章  总则\n\n第一条  为了规范工资支付行为，维护劳动者获得工资报酬的权利，"
        "制定本条例。\n\n第二条  本条例适用于本省行政区域内的企业和与之形成劳动关系的劳动者。\n",
        encoding="utf-8",
    )
    (article,) = articles_of(path)
    assert (article.title, article.date, article.issuer) == ("江苏省工资支付条例", "2021-09-29", "江苏省人民代表大会常务委员会")


def test_crawled_markdown_of_a_notice_that_issues_measures(tmp_path: Path) -> None:
    """A crawler's Markdown: its own fields (发布日期, 发布机构: the site, 原文链接, 检索时间) above
    the notice, 政策全文 above the printed title, the covering notice signed by several bodies a
    line each above the measures it issues. The notice's 落款 dates it and names the issuer, not
    the site that published it."""
    path = tmp_path / "sh_notice.md"
    measures = "\n\n".join(f"（{n}）加强科技创新平台建设，推动关键共性技术协同攻关，完善成果转化机制。" for n in "一二三四五六七八")
    path.write_text(
        "# 关于支持科创走廊策源地建设的若干措施\n\n**发布日期**: 2025-12-26\n**发布机构**: 上海市科学技术委员会\n"
        "**原文链接**: [http://stcsm.sh.gov.cn/zwgk/b07ea0aad6.html](http://stcsm.sh.gov.cn/zwgk/b07ea0aad6.html)\n"
        "**检索时间**: 2026-02-03 13:11:03\n\n---\n\n## 政策全文\n\n上海市人民政府办公厅关于印发\n"
        "《关于支持科创走廊策源地建设的若干措施》的通知\n\n沪府办规〔2025〕15号\n\n相关区人民政府，市政府有关委、办、局：\n\n"
        "  《关于支持科创走廊策源地建设的若干措施》已经市政府同意，现印发给你们，请认真按照执行。\n\n"
        "上海市人民政府办公厅\n上海市科学技术委员会\n2025年12月2日\n\n**关于支持科创走廊策源地建设的若干措施**\n\n"
        f"{measures}\n\n本措施自2026年1月1日起实施，有效期至2030年12月31日。\n\n**更新时间**: 2026-01-26 11:25:38\n",
        encoding="utf-8",
    )
    (article,) = articles_of(path)
    assert article.title == "上海市人民政府办公厅关于印发《关于支持科创走廊策源地建设的若干措施》的通知", article.title
    assert (article.date, article.issuer, article.doc_number) == ("2025-12-02", "上海市人民政府办公厅", "沪府办规〔2025〕15号")
    assert "原文链接" not in article.text and "检索时间" not in article.text


def test_party_and_state_issuing_together(tmp_path: Path) -> None:
    """中共中央 国务院 over the title: the first body issues it, and 国务院 is nobody's name."""
    path = tmp_path / "yijian.txt"
    path.write_text(
        "中共中央 国务院关于全面推进乡村振兴加快农业农村现代化的意见\n（2021年1月4日）\n"
        "党的十九届五中全会审议通过的建议，对新发展阶段优先发展农业农村、全面推进乡村振兴作出总体部署。\n"
        "一、总体要求\n坚持农业农村优先发展，全面推进乡村振兴。\n",
        encoding="utf-8",
    )
    (article,) = articles_of(path)
    assert (article.issuer, article.speaker, article.province) == ("中共中央", None, "全国"), article.provenance
