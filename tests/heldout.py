"""Documents the labelling rules were not written against: notices, opinions, measures, decisions,
speeches and reports of other bodies, provinces and years, built as a web page, a typeset PDF
(red-head document layout, centred title, signature on the right) and Word files with styles.
Their texts follow the conventions of the genre (GB/T 9704 layout for official documents)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape


@dataclass
class Heldout:
    name: str
    fmt: str  # html | pdf | docx | txt-gbk
    expected: dict[str, object]
    build: object = field(repr=False, default=None)


GUANGDONG_NOTICE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>广东省总工会关于做好2019年元旦春节期间送温暖活动的通知_通知公告_广东工会网</title>
<link rel="canonical" href="http://www.gdftu.org.cn/tzgg/201812/t20181225_123456.htm">
</head><body>
<div class="top"><a href="/">首页</a> <a href="/gzdt/">工作动态</a> <a href="/tzgg/">通知公告</a> <a href="/wq/">维权服务</a></div>
<div class="position">当前位置：首页 &gt; 通知公告</div>
<div class="main">
<h1>广东省总工会关于做好2019年元旦春节期间送温暖活动的通知</h1>
<div class="info">发布时间：2018-12-25 16:30　来源：广东省总工会　浏览次数：2381</div>
<div class="TRS_Editor">
<p align="center">粤工总〔2018〕45号</p>
<p>各地级以上市总工会，省各产业工会，省直属单位工会：</p>
<p>　　2019年元旦春节即将来临。为深入贯彻落实党的十九大精神和中国工会十七大精神，把党和政府的温暖及时送到困难职工和一线职工心坎上，经研究，决定在全省开展元旦春节期间送温暖活动。现将有关事项通知如下：</p>
<p>　　一、活动时间。2018年12月下旬至2019年2月底。</p>
<p>　　二、慰问对象。重点慰问在档困难职工家庭、因重大疾病或突发事件致困的职工、节日期间坚守岗位的一线职工和农民工。</p>
<p>　　三、工作要求。各级工会要加强组织领导，精心安排部署，确保送温暖资金及时足额发放到困难职工手中，严禁挤占挪用。要结合建档困难职工动态管理，做到应帮尽帮。</p>
<p>　　活动结束后，请于2019年3月10日前将工作总结报送省总工会保障工作部。</p>
<p align="right">广东省总工会</p>
<p align="right">2018年12月20日</p>
</div></div>
<div class="foot">版权所有：广东省总工会　粤ICP备05000000号　地址：广州市越秀区</div>
<div class="share">分享到：微信 微博</div>
</body></html>
"""

CHENGDU_SPEECH_HTML = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>在全市职工劳动竞赛表彰大会上的讲话 - 成都市总工会</title></head><body>
<div id="nav">网站首页 | 工会新闻 | 领导讲话 | 劳动竞赛</div>
<div id="article">
<h2>在全市职工劳动竞赛表彰大会上的讲话</h2>
<p class="author">成都市总工会主席 李晓明</p>
<p class="date">（2011年4月28日）</p>
<p>同志们：</p>
<p>今天，我们在这里隆重召开全市职工劳动竞赛表彰大会，表彰在“十一五”期间劳动竞赛中涌现出的先进集体和先进个人。在此，我代表市总工会，向受到表彰的先进集体和个人表示热烈的祝贺！</p>
<p>一、充分肯定劳动竞赛取得的成绩。过去五年，全市各级工会围绕灾后重建和经济发展大局，广泛开展劳动竞赛和技术创新活动，参赛职工达到一百二十万人次，提出合理化建议三万余条。</p>
<p>二、深入开展“十二五”劳动竞赛。各级工会要把劳动竞赛与职工技能培训结合起来，大力开展职工技能大赛，推动建设一支高素质的职工队伍。</p>
<p>同志们，让我们团结一致，开拓进取，为建设世界现代田园城市作出新的更大贡献！</p>
</div>
<div id="footer">本站发布日期：2011-05-03　责任编辑：王芳</div>
</body></html>
"""

ZHEJIANG_OPINION = {
    "redhead": "浙江省总工会文件",
    "number": "浙工发〔2015〕18号",
    "title": ["浙江省总工会关于进一步加强", "女职工工作的意见"],
    "addressee": "各市总工会，省级产业工会，省直属基层工会：",
    "body": [
        "为贯彻落实全国妇女工作会议精神，切实维护女职工合法权益和特殊利益，促进女职工全面发展，现就进一步加强女职工工作提出如下意见。",
        "一、提高认识，把女职工工作摆上重要位置。女职工是我省职工队伍的重要组成部分。各级工会要把女职工工作纳入工会工作总体布局，与其他工作同部署、同检查、同考核。",
        "二、推动建立女职工权益保护专项集体合同。各级工会要以非公有制企业为重点，推动签订女职工权益保护专项集体合同，把女职工特殊劳动保护、生育保险等内容纳入协商范围，努力实现应签尽签。",
        "三、加强女职工组织建设。凡建立工会的企业，女职工人数在二十五人以上的，应当建立女职工委员会；不足二十五人的，应当配备女职工委员。",
        "四、深入开展女职工建功立业活动。组织女职工参加劳动竞赛和技能培训，选树一批巾帼建功标兵，提高女职工素质。",
    ],
    "signature": "浙江省总工会",
    "date": "二〇一五年三月六日",
}

HENAN_SPEECH = {
    "title": "凝心聚力 真抓实干",
    "title2": "奋力开创全省工会经济工作新局面",
    "subtitle": "——在全省工会经济工作会议上的讲话",
    "byline": "河南省总工会党组书记、常务副主席 刘建华",
    "date": "（2016年2月24日）",
    "body": [
        "同志们：",
        "这次会议的主要任务是，深入贯彻党的十八届五中全会精神，总结去年全省工会经济工作，部署今年任务。下面，我讲三点意见。",
        "一、充分肯定去年工会经济工作取得的成绩",
        "去年以来，全省各级工会经济实体坚持服务职工的方向，经营收入稳步增长，上缴工会经费逐年增加，为工会开展送温暖、金秋助学等帮扶工作提供了有力支撑。",
        "二、准确把握工会经济工作面临的形势",
        "当前，经济发展进入新常态，工会资产管理面临新的要求。我们必须坚持依法依规管理工会资产，确保工会资产保值增值，防止流失。",
        "三、扎实做好今年的各项工作",
        "各级工会要加强对工会经济工作的领导，健全资产监督管理制度，推进工会企事业单位改革，更好地为职工群众服务。",
        "同志们，让我们在省委和全国总工会的领导下，开拓进取，扎实工作，为谱写中原崛起河南振兴富民强省新篇章作出新贡献！",
    ],
}

HEILONGJIANG_MEASURES = {
    "title": "黑龙江省总工会困难职工帮扶资金管理办法",
    "body": [
        "第一条 为加强和规范困难职工帮扶资金管理，提高资金使用效益，根据有关规定，制定本办法。",
        "第二条 本办法所称帮扶资金，是指各级财政拨付和工会经费安排的，用于帮扶困难职工的专项资金。",
        "第三条 帮扶资金主要用于困难职工生活救助、医疗救助、子女助学和就业帮扶。",
        "第四条 帮扶资金实行专款专用，任何单位和个人不得截留、挤占、挪用。",
        "第五条 各级工会帮扶中心应当建立困难职工档案，实行动态管理，做到帮扶对象准确、帮扶标准公开。",
        "第六条 本办法自2009年7月1日起施行。",
    ],
    "signature": "黑龙江省总工会",
    "date": "2009年6月18日",
}

TIANJIN_DECISION = """津党发〔2006〕12号

中共天津市委
关于表彰天津市劳动模范和先进工作者的决定
（2006年4月26日）

各区县委，市委各部委，市级国家机关各党组，各人民团体党组：

近年来，全市广大职工群众认真贯彻党的十六大和十六届三中、四中、五中全会精神，在全面建设小康社会的各项事业中作出了突出贡献，涌现出一大批先进模范人物。为表彰先进，弘扬劳模精神，市委决定，授予王建国等五百名同志天津市劳动模范称号，授予李秀兰等一百名同志天津市先进工作者称号。

希望受到表彰的劳动模范和先进工作者珍惜荣誉，再接再厉，在推动滨海新区开发开放中再立新功。全市广大职工要以劳动模范为榜样，爱岗敬业，争创一流，为把天津建设成为现代化国际港口大都市而努力奋斗。
"""

ACFTU_NOTICE_DOCX = {
    "number": "总工办发〔2020〕8号",
    "title": "中华全国总工会办公厅关于开展2020年全国职工职业技能大赛的通知",
    "addressee": "各省、自治区、直辖市总工会，各全国产业工会，中央和国家机关工会联合会，全总各直属单位：",
    "body": [
        "为深入学习贯彻习近平新时代中国特色社会主义思想，大力弘扬劳模精神、劳动精神、工匠精神，全总决定在全国范围内开展2020年全国职工职业技能大赛。现将有关事项通知如下。",
        "一、大赛内容。大赛设置焊工、电工、钳工等十个工种，分为省级选拔赛和全国决赛两个阶段。",
        "二、组织实施。各省级工会要会同有关部门制定选拔赛方案，做好选手推荐工作。",
        "三、表彰奖励。对决赛各工种前三名的选手，按规定推荐申报全国五一劳动奖章。",
    ],
    "signature": "中华全国总工会办公厅",
    "date": "2020年5月11日",
}

HUNAN_REPORT = {
    "title": "关于我省非公有制企业工资集体协商情况的调研报告",
    "byline": "湖南省总工会研究室",
    "body": [
        "为了解我省非公有制企业工资集体协商开展情况，今年上半年，省总工会研究室组成调研组，深入长沙、株洲、湘潭等六个市州，召开座谈会二十余次，走访企业八十多家，发放问卷两千余份。现将调研情况报告如下。",
        "一、基本情况。截至2012年5月底，全省已建工会的非公有制企业中，开展工资集体协商的企业达到百分之七十一，覆盖职工二百八十万人。多数企业建立了工资正常增长机制，职工工资水平有所提高。",
        "二、存在的问题。一是部分企业协商流于形式，职工方代表不敢谈、不会谈；二是小微企业建制率偏低；三是协商成果落实不到位。",
        "三、对策建议。要推动出台工资集体协商地方性法规，加强协商指导员队伍建设，把行业性、区域性工资集体协商作为小微企业的主要形式，切实提高协商实效。",
    ],
}

KUNSHAN_FEATURE = """让职工在企业发展中共享成果
——江苏省昆山市总工会推进和谐劳动关系建设纪实

昆山是全国经济百强县之首，外资企业集聚，职工人数多、流动性大。近年来，昆山市总工会紧紧围绕构建和谐劳动关系这一主线，创新维权机制，在外资企业中普遍推行工资集体协商，取得了明显成效。

在推进过程中，市总工会注重发挥行业工会的作用，在电子、机械等行业开展行业性工资集体协商，使行业内职工的工资增长有了制度保障。

与此同时，市总工会还建立了劳动争议调解中心，在各区镇设立调解工作站，把劳动关系矛盾化解在基层，促进了企业和谐稳定。
"""


def build_html(text: str, path: Path, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def build_redhead_pdf(doc: dict, path: Path) -> Path:  # type: ignore[type-arg]
    """An official document typeset as printed: red-head issuer line, document number, centred
    title in a larger size, body with indents, signature and date on the right."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    base = ParagraphStyle("b", fontName="STSong-Light", fontSize=12, leading=20, wordWrap="CJK")
    red = ParagraphStyle("r", parent=base, fontSize=24, leading=32, alignment=1, textColor="#cc0000")
    centre = ParagraphStyle("c", parent=base, alignment=1)
    title = ParagraphStyle("t", parent=base, fontSize=18, leading=28, alignment=1)
    body = ParagraphStyle("p", parent=base, firstLineIndent=24)
    right = ParagraphStyle("s", parent=base, alignment=2)
    story = []
    if doc.get("redhead"):
        story += [Paragraph(escape(doc["redhead"]), red), Spacer(1, 12)]
    if doc.get("number"):
        story += [Paragraph(escape(doc["number"]), centre), Spacer(1, 18)]
    for line in doc["title"] if isinstance(doc["title"], list) else [doc["title"]]:
        story.append(Paragraph(escape(line), title))
    story.append(Spacer(1, 12))
    if doc.get("byline"):
        story.append(Paragraph(escape(doc["byline"]), centre))
    if doc.get("addressee"):
        story.append(Paragraph(escape(doc["addressee"]), base))
    story += [Paragraph(escape(p), body) for p in doc["body"]]
    if doc.get("signature"):
        story += [Spacer(1, 24), Paragraph(escape(doc["signature"]), right), Paragraph(escape(doc["date"]), right)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def build_styled_docx(doc: dict, path: Path) -> Path:  # type: ignore[type-arg]
    """A Word file written the way offices write them: the title in the Title style or centred,
    document number and signature aligned, body paragraphs indented."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    if doc.get("number"):
        document.add_paragraph(doc["number"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(doc["title"], style="Title")
    if doc.get("title2"):
        document.add_paragraph(doc["title2"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for key in ("subtitle", "byline", "date"):
        if doc.get(key) and key != "date" or (key == "date" and doc.get("date") and not doc.get("signature")):
            document.add_paragraph(doc[key]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if doc.get("addressee"):
        document.add_paragraph(doc["addressee"])
    for text in doc["body"]:
        para = document.add_paragraph(text)
        para.paragraph_format.first_line_indent = Pt(24)
    if doc.get("signature"):
        document.add_paragraph(doc["signature"]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        document.add_paragraph(doc["date"]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(path))
    return path


# every held-out document: its file name, how it is written, the labels expected of it
HELDOUT: list[tuple[str, Callable[[Path], Path], dict[str, object]]] = [
    ("gd_notice.html", lambda path: build_html(GUANGDONG_NOTICE_HTML, path), {
        "doctype": "通知", "date": "2018-12-20", "year": 2018, "province": "广东", "city": None,
        "issuer": "广东省总工会", "doc_number": "粤工总〔2018〕45号", "title": "广东省总工会关于做好2019年元旦春节期间送温暖活动的通知",
        "topics_include": "送温暖", "url": "http://www.gdftu.org.cn/tzgg/201812/t20181225_123456.htm",
    }),
    ("cd_speech.html", lambda path: build_html(CHENGDU_SPEECH_HTML, path, "gb18030"), {
        "doctype": "讲话", "date": "2011-04-28", "year": 2011, "province": "四川", "city": "成都",
        "speaker": "李晓明", "title": "在全市职工劳动竞赛表彰大会上的讲话", "topics_include": "职工素质与劳动竞赛",
    }),
    ("zj_opinion.pdf", lambda path: build_redhead_pdf(ZHEJIANG_OPINION, path), {
        "doctype": "意见", "date": "2015-03-06", "year": 2015, "province": "浙江", "issuer": "浙江省总工会",
        "doc_number": "浙工发〔2015〕18号", "title": "浙江省总工会关于进一步加强女职工工作的意见",
        "topics_include": "女职工工作",
    }),
    ("hn_speech.docx", lambda path: build_styled_docx(HENAN_SPEECH, path), {
        "doctype": "讲话", "date": "2016-02-24", "year": 2016, "province": "河南", "speaker": "刘建华",
        "title": "凝心聚力 真抓实干", "subtitle_contains": "全省工会经济工作会议",
    }),
    ("hlj_measures.docx", lambda path: build_styled_docx(HEILONGJIANG_MEASURES, path), {
        "doctype": "办法", "date": "2009-06-18", "year": 2009, "province": "黑龙江", "issuer": "黑龙江省总工会",
        "title": "黑龙江省总工会困难职工帮扶资金管理办法", "topics_include": "困难职工帮扶",
    }),
    ("tj_decision.txt", lambda path: _write(path, TIANJIN_DECISION.encode("gbk")), {
        "doctype": "决定", "date": "2006-04-26", "year": 2006, "province": "天津", "issuer": "中共天津市委",
        "doc_number": "津党发〔2006〕12号", "title": "关于表彰天津市劳动模范和先进工作者的决定",
    }),
    ("acftu_notice.docx", lambda path: build_styled_docx(ACFTU_NOTICE_DOCX, path), {
        "doctype": "通知", "date": "2020-05-11", "year": 2020, "province": "全国", "issuer": "中华全国总工会办公厅",
        "doc_number": "总工办发〔2020〕8号", "title": "中华全国总工会办公厅关于开展2020年全国职工职业技能大赛的通知",
    }),
    ("hunan_report.pdf", lambda path: build_redhead_pdf({**HUNAN_REPORT, "title": [HUNAN_REPORT["title"]]}, path), {
        "doctype": "调研报告", "year": 2012, "province": "湖南", "issuer": "湖南省总工会研究室",
        "title": "关于我省非公有制企业工资集体协商情况的调研报告", "topics_include": "工资收入分配",
    }),
    ("ks_feature.txt", lambda path: _write(path, KUNSHAN_FEATURE.encode("utf-16")), {
        "doctype": "纪实", "province": "江苏", "city": "苏州", "title": "让职工在企业发展中共享成果",
        "topics_include": "劳动关系与集体协商",
    }),
]


def build_all(folder: Path) -> list[tuple[Path, dict[str, object]]]:
    """Write every held-out document into `folder`; return (path, expected labels)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [(build(folder / name), expected) for name, build, expected in HELDOUT]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
