"""Speeches and work reports (corpus helper `speeches`, issue 10).

Government work reports delivered at people's congresses, party-congress reports and leaders' speeches,
in the forms they were found: a Word bundle of provincial reports, crawled GB18030 text of a district's
reports, Wikisource exports saved as Markdown and 共产党员网 (12371.cn) pages saved by a browser.

Sources (all read from fetched git mirrors, nothing from the live web):

* alexzhu0/government_report_rag (MIT) -- `docs/31省区市政府工作报告.zip`: the 2025 government work
  reports of all 31 provinces as .docx, each compiled from a newspaper or government site (first
  paragraph "2025年X省政府工作报告", then "来源：X日报", the date line "——2025年1月N日在X省第…届人民代表大会
  第…次会议上" and the speaker line "省长 X" / "自治区主席 X", or the date and speaker run together in
  one line).  The .docx files are copied out of the zip unchanged.  Truth: title = the first paragraph;
  date and speaker read by eye from the date and speaker lines (copied into PROVINCIAL_2025 below and
  checked against the text when building); province = the congress named in the date line.
* derek-s/Python-GovWorkReportAnalyze (no licence stated) -- `reportData/2012..2019.txt`: the government
  work reports of 海拉尔区 (a district of 呼伦贝尔市, 内蒙古) as crawled GB18030 text with CRLF line ends,
  copied unchanged.  Truth from the printed head: title line "政 府 工 作 报 告" (2017 prints none), the date
  line "——YYYY年M月D日在海拉尔区第…届人民代表大会第…次会议上" and the speaker line "海拉尔区人民政府区长　X".
* aldohemsn/chinese-political-corpora (no licence stated; text from zh.wikisource) --
  `government_work_reports.jsonl` (State Council reports) and `cpc_congress_reports.jsonl` (CPC national
  congress reports).  One record per document is written out as Markdown the way a person would save a
  Wikisource page (the record's text unchanged, a source line at the end).  Only records that print their
  own head (title, "——YYYY年M月D日在…会议上" or "（YYYY年M月D日）", speaker) are used; truth from that head.
* mpr1255/death_penalty_xi_era_replication (MIT) -- `data/leader_collected_works/sorted/xi_jinping_3/`:
  12371.cn (共产党员网) article pages of speeches (2017-2019) saved with all their furniture (menus, 收听本文,
  分享/收藏/打印, 微信扫一扫).  Truth from the speech's printed head, read by eye and copied into
  PAGES_12371: the title line(s) (a main title with a "——在…上的讲话" subtitle where printed), the date line
  "（YYYY年M月D日[，地点]）" and the speaker line "习近平" / "中华人民共和国主席 习近平"; province 全国 only for
  meetings of national bodies held in Beijing (left unchecked for 座谈会 held in the provinces and for
  international events).

Conventions: government work reports -> doctype 报告, fixture true (official documents of state organs);
party-congress reports -> 报告, fixture false; speeches -> 讲话, fixture false.  issuer, doc_number and
level are null for all of them.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from scripts.real_corpus import git_show, mirror_dir

RAG = "github:alexzhu0/government_report_rag"
HLR = "github:derek-s/Python-GovWorkReportAnalyze"
WS = "github:aldohemsn/chinese-political-corpora"
XI = "github:mpr1255/death_penalty_xi_era_replication"

FETCH = [RAG, HLR, WS, XI]

_EMPTY = {"issuer": None, "doc_number": None, "level": None}
_EMPTY_TF = {"issuer": "讲话、报告无发文机关", "doc_number": "讲话、报告无文号", "level": "讲话、报告无效力级别"}


def record(file: str, source: str, source_path: str, form: str, kind: str, fixture: bool,
           fields: dict, truth_from: dict, url: str | None = None, speech: bool = True) -> dict:
    """One truth record; speeches and reports get the empty issuer, doc_number and level."""
    rec: dict = {"file": file, "source": source, "source_path": source_path}
    if url:
        rec["url"] = url
    rec.update({"form": form, "kind": kind, "articles": 1})
    rec.update(fields)
    if speech:
        rec.update(_EMPTY)
        truth_from = {**truth_from, **_EMPTY_TF}
    rec["truth_from"] = truth_from
    rec["fixture"] = fixture
    return rec


def write(out: Path, rel: str, data: bytes | str) -> None:
    p = out / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def cn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def squash(s: str) -> str:
    return re.sub(r"[\s\u3000\u200b]+", "", s)


# --------------------------------------------------------- A. provincial reports 2025 (Word bundle)

ZIP_PATH = "docs/31省区市政府工作报告.zip"
# file stem (without 2025年 and 政府工作报告.docx) -> (province, full name in the date line, date, speaker)
PROVINCIAL_2025 = {
    "上海市": ("上海", "上海市", "2025-01-15", "龚正"),
    "云南省": ("云南", "云南省", "2025-01-18", "王予波"),
    "内蒙古自治区": ("内蒙古", "内蒙古自治区", "2025-01-14", "王莉霞"),
    "北京市": ("北京", "北京市", "2025-01-14", "殷勇"),
    "吉林省": ("吉林", "吉林省", "2025-01-14", "胡玉亭"),
    "四川省": ("四川", "四川省", "2025-01-20", "施小琳"),
    "天津市": ("天津", "天津市", "2025-01-14", "张工"),
    "宁夏": ("宁夏", "宁夏回族自治区", "2025-01-19", "张雨浦"),
    "安徽省": ("安徽", "安徽省", "2025-01-20", "王清宪"),
    "山东省": ("山东", "山东省", "2025-01-20", "周乃翔"),
    "山西省": ("山西", "山西省", "2025-01-17", "金湘军"),
    "广东省": ("广东", "广东省", "2025-01-15", "王伟中"),
    "广西": ("广西", "广西壮族自治区", "2025-01-13", "蓝天立"),
    "新疆": ("新疆", "新疆维吾尔自治区", "2025-01-19", "艾尔肯·吐尼亚孜"),
    "江苏省": ("江苏", "江苏省", "2025-01-19", "许昆林"),
    "江西省": ("江西", "江西省", "2025-01-17", "叶建春"),
    "河北省": ("河北", "河北省", "2025-01-13", "王正谱"),
    "河南省": ("河南", "河南省", "2025-01-18", "王凯"),
    "浙江省": ("浙江", "浙江省", "2025-01-14", "刘捷"),
    "海南省": ("海南", "海南省", "2025-01-14", "刘小明"),
    "湖北省": ("湖北", "湖北省", "2025-01-16", "李殿勋"),
    "湖南省": ("湖南", "湖南省", "2025-01-14", "毛伟明"),
    "甘肃省": ("甘肃", "甘肃省", "2025-01-20", "任振鹤"),
    "福建省": ("福建", "福建省", "2025-01-13", "赵龙"),
    "西藏": ("西藏", "西藏自治区", "2025-01-19", "嘎玛泽登"),
    "贵州省": ("贵州", "贵州省", "2025-01-19", "李炳军"),
    "辽宁省": ("辽宁", "辽宁省", "2025-01-16", "李乐成"),
    "重庆市": ("重庆", "重庆市", "2025-01-19", "胡衡华"),
    "陕西省": ("陕西", "陕西省", "2025-01-16", "赵刚"),
    "青海省": ("青海", "青海省", "2025-01-19", "罗东川"),
    "黑龙江省": ("黑龙江", "黑龙江省", "2025-01-13", "梁惠玲"),
}


def docx_paragraphs(data: bytes) -> list[str]:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
        t = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
        if t.strip():
            paras.append(html.unescape(t.strip()))
    return paras


def build_provincial(mirrors: Path, out: Path) -> Iterator[dict]:
    repo = mirror_dir(mirrors, RAG)
    bundle = zipfile.ZipFile(io.BytesIO(git_show(repo, ZIP_PATH)))
    names = {}
    for info in bundle.infolist():
        name = info.filename
        if not (info.flag_bits & 0x800):  # names stored without the UTF-8 flag come back as cp437
            raw_name = name.encode("cp437")
            try:
                name = raw_name.decode("utf-8")
            except UnicodeDecodeError:
                name = raw_name.decode("gbk")  # the bundle was zipped on a Chinese Windows
        names[name] = info
    for stem, (province, full, date, speaker) in PROVINCIAL_2025.items():
        name = f"2025年{stem}政府工作报告.docx"
        data = bundle.read(names[name])
        paras = docx_paragraphs(data)
        title = paras[0]
        assert title == f"2025年{stem}政府工作报告", (name, title)
        head = squash(" ".join(paras[1:5]))
        date_line = next(p for p in paras[1:5] if cn_date(date) in squash(p))
        assert squash(full) in squash(date_line) and "人民代表大会" in date_line, (name, date_line)
        assert squash(speaker) in head, (name, speaker)
        rel = f"provincial2025/{name}"
        write(out, rel, data)
        municipality = province in ("北京", "天津", "上海", "重庆")
        yield record(
            rel, RAG, f"{ZIP_PATH}#{name}", "docx", "speech", True,
            {
                "title": title,
                "doctype": "报告",
                "date": date,
                "year": 2025,
                "province": province,
                "city": None,
                "speaker": speaker,
            },
            {
                "title": "文档首段标题（汇编者所拟，含年份与省名）",
                "doctype": "政府工作报告",
                "date": "题注“YYYY年M月D日在…人民代表大会第…次会议上”",
                "year": "题注日期",
                "province": f"题注中的{full}人民代表大会",
                "city": "直辖市（省级）政府报告" if municipality else "省级政府报告",
                "speaker": "题注下或题注中的“省长/主席 X”",
            },
        )


# ------------------------------------------------- B. 海拉尔区 (呼伦贝尔, 内蒙古) reports, crawled text

# year -> (title printed?, date, speaker)
HAILAR = {
    2012: (True, "2012-02-29", "张天喜"),
    2013: (True, "2013-02-28", "杜联合"),
    2014: (True, "2014-02-19", "杜联合"),
    2015: (True, "2015-02-05", "杜联合"),
    2016: (True, "2016-02-19", "杜联合"),
    2017: (False, "2017-02-11", "杨国宏"),
    2018: (True, "2018-03-07", "杨国宏"),
    2019: (True, "2019-03-04", "萨国文"),
}


def build_hailar(mirrors: Path, out: Path) -> Iterator[dict]:
    repo = mirror_dir(mirrors, HLR)
    for year, (titled, date, speaker) in HAILAR.items():
        path = f"reportData/{year}.txt"
        raw = git_show(repo, path)
        text = raw.decode("gb18030")
        lines = [ln.strip(" \u3000\r") for ln in text.splitlines() if ln.strip(" \u3000\r")]
        assert (squash(lines[0]) == "政府工作报告") == titled, (year, lines[0])
        head = lines[1:3] if titled else lines[0:2]
        assert cn_date(date) in head[0] and "海拉尔区第" in head[0] and "人民代表大会" in head[0], head
        assert re.search(r"海拉尔区人民政府(代)?区长\s*" + speaker + "$", head[1]), head
        rel = f"hailar/海拉尔区政府工作报告_{year}.txt"
        write(out, rel, raw)
        fields: dict = {}
        tf: dict = {}
        if titled:
            fields["title"] = "政府工作报告"
            tf["title"] = "首行“政 府 工 作 报 告”"
        fields.update({
            "doctype": "报告",
            "date": date,
            "year": year,
            "province": "内蒙古",
            "city": "呼伦贝尔",
            "speaker": speaker,
        })
        tf.update({
            "doctype": "政府工作报告",
            "date": "题注“——YYYY年M月D日在海拉尔区第…届人民代表大会第…次会议上”",
            "year": "题注日期",
            "province": "海拉尔区属内蒙古呼伦贝尔市",
            "city": "海拉尔区属呼伦贝尔市",
            "speaker": "题注下“海拉尔区人民政府（代）区长 X”",
        })
        yield record(rel, HLR, path, "txt", "speech", True, fields, tf)


# ------------------------------------------------ C. Wikisource exports (State Council, CPC congress)

# year -> (title printed cleanly?, date, speaker)
NATIONAL = {
    "2017": (False, "2017-03-05", "李克强"),  # title printed broken over two lines: "政府工作报\n告"
    "2021": (False, "2021-03-05", "李克强"),  # likewise
    "2022": (True, "2022-03-05", "李克强"),
    "2023": (True, "2023-03-05", "李克强"),
    "2024": (True, "2024-03-05", "李强"),
}
# NPC sessions whose resolution on the government work report prints its 通过 date -> that date
RESOLUTIONS = {
    "第十三届全国人民代表大会第三次会议": "2020-05-28",
    "第十三届全国人民代表大会第四次会议": "2021-03-11",
    "第十三届全国人民代表大会第五次会议": "2022-03-11",
    "第十四届全国人民代表大会第一次会议": "2023-03-13",
}
CPC_20 = "高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗"


def wikisource_md(rec: dict) -> str:
    return rec["content"].rstrip() + f"\n\n---\n\n来源：[{rec['title']}]({rec['url']})（维基文库）\n"


def build_wikisource(mirrors: Path, out: Path) -> Iterator[dict]:
    repo = mirror_dir(mirrors, WS)
    path = "government_work_reports.jsonl"
    rows = [json.loads(ln) for ln in git_show(repo, path).decode("utf-8").splitlines() if ln.strip()]
    for year, (titled, date, speaker) in NATIONAL.items():
        rec = next(r for r in rows if str(r.get("year")) == year)
        head = squash(rec["content"][:200])
        assert ("——" + cn_date(date) + "在第") in head, (year, head[:80])
        assert ("国务院总理" + speaker) in head, (year, head[:80])
        first = next(ln for ln in rec["content"].splitlines() if ln.strip(" \u3000\u200b"))
        assert (first.strip(" \u3000\u200b") == "政府工作报告") == titled, (year, first)
        rel = f"wikisource/国务院政府工作报告_{year}.md"
        write(out, rel, wikisource_md(rec))
        fields: dict = {}
        tf: dict = {}
        if titled:
            fields["title"] = "政府工作报告"
            tf["title"] = "正文首行标题"
        fields.update({
            "doctype": "报告",
            "date": date,
            "year": int(year),
            "province": "全国",
            "city": None,
            "speaker": speaker,
        })
        tf.update({
            "doctype": "政府工作报告",
            "date": "题注“——YYYY年M月D日在第…届全国人民代表大会第…次会议上”",
            "year": "题注日期",
            "province": "全国人民代表大会会议",
            "city": "全国人大会议",
            "speaker": "题注下“国务院总理 X”",
        })
        yield record(rel, WS, f"{path}#year={year}", "md", "speech", True, fields, tf, url=rec["url"])

    # the NPC's resolutions approving those reports, printed with their 题注 "（YYYY年M月D日…通过）"
    for session, date in RESOLUTIONS.items():
        title = f"{session}关于政府工作报告的决议"
        rec = next(r for r in rows if r["title"] == title)
        lines = [ln.strip(" \u3000\u200b") for ln in rec["content"].splitlines() if ln.strip(" \u3000\u200b")]
        assert lines[0] == title and lines[1] == f"（{cn_date(date)}{session}通过）", lines[:2]
        rel = f"wikisource/{title}.md"
        write(out, rel, wikisource_md(rec))
        yield record(
            rel, WS, f"{path}#title={title}", "md", "公文", True,
            {
                "title": title,
                "doctype": "决议",
                "date": date,
                "year": int(date[:4]),
                "issuer": "全国人民代表大会",
                "doc_number": None,
                "province": "全国",
                "city": None,
                "speaker": None,
            },
            {
                "title": "正文首行标题",
                "doctype": "标题结尾“决议”",
                "date": "题注“（YYYY年M月D日第…次会议通过）”",
                "year": "题注日期",
                "issuer": "题注：全国人民代表大会会议通过",
                "doc_number": "决议无文号",
                "province": "全国人民代表大会",
                "city": "全国人大",
                "speaker": "决议无讲话人",
            },
            url=rec["url"],
            speech=False,
        )

    path = "cpc_congress_reports.jsonl"
    rows = [json.loads(ln) for ln in git_show(repo, path).decode("utf-8").splitlines() if ln.strip()]
    rec = next(r for r in rows if r.get("congress") == 20)
    head = squash(rec["content"][:300])
    assert head.startswith(squash(CPC_20) + "——在中国共产党第二十次全国代表大会上的报告（2022年10月16日）习近平"), head
    rel = "wikisource/中国共产党第二十次全国代表大会报告.md"
    write(out, rel, wikisource_md(rec))
    yield record(
        rel, WS, f"{path}#congress=20", "md", "speech", False,
        {
            "title": CPC_20,
            "doctype": "报告",
            "date": "2022-10-16",
            "year": 2022,
            "province": "全国",
            "city": None,
            "speaker": "习近平",
        },
        {
            "title": "正文开头两行主标题",
            "doctype": "副题“——在…代表大会上的报告”",
            "date": "副题下“（2022年10月16日）”",
            "year": "题注日期",
            "province": "党的全国代表大会",
            "city": "全国性会议",
            "speaker": "日期下署名“习　近　平”",
        },
        url=rec["url"],
    )


# ---------------------------------------------------------------- D. 12371.cn speech pages (HTML)

XI_DIR = "data/leader_collected_works/sorted/xi_jinping_3"
# article id -> (title as printed, date, province or "" when left unchecked, doctype)
PAGES_12371 = {
    "ARTI1509103656574313": ("决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利", "2017-10-18", "全国", "报告"),
    "ARTI1512139412962194": ("携手建设更加美好的世界", "2017-12-01", "", "讲话"),
    "ARTI1514699033042788": ("习近平在党的十九届一中全会上的讲话", "2017-10-25", "全国", "讲话"),
    "ARTI1519900076480925": ("在纪念周恩来同志诞辰120周年座谈会上的讲话", "2018-03-01", "全国", "讲话"),
    "ARTI1521552183462830": ("在第十三届全国人民代表大会第一次会议上的讲话", "2018-03-20", "全国", "讲话"),
    "ARTI1523341014638798": ("开放共创繁荣 创新引领未来", "2018-04-10", "", "讲话"),
    "ARTI1523660364597311": ("在庆祝海南建省办经济特区30周年大会上的讲话", "2018-04-13", "", "讲话"),
    "ARTI1525424759799964": ("在纪念马克思诞辰200周年大会上的讲话", "2018-05-04", "全国", "讲话"),
    "ARTI1527511342851253": ("在中国科学院第十九次院士大会、中国工程院第十四次院士大会上的讲话", "2018-05-28", "全国", "讲话"),
    "ARTI1536016033479580": ("携手共命运 同心促发展", "2018-09-03", "", "讲话"),
    "ARTI1541079015074692": ("在民营企业座谈会上的讲话", "2018-11-01", "全国", "讲话"),
    "ARTI1541394181986723": ("共建创新包容的开放型世界经济", "2018-11-05", "", "讲话"),
    "ARTI1545134556106946": ("在庆祝改革开放40周年大会上的讲话", "2018-12-18", "全国", "讲话"),
    "ARTI1546409795677626": ("为实现民族伟大复兴 推进祖国和平统一而共同奋斗", "2019-01-02", "全国", "讲话"),
    "ARTI1549189074484666": ("在2019年春节团拜会上的讲话", "2019-02-03", "全国", "讲话"),
    "ARTI1553641483170791": ("为建设更加美好的地球家园贡献智慧和力量", "2019-03-26", "", "讲话"),
    "ARTI1556627564195443": ("在纪念五四运动100周年大会上的讲话", "2019-04-30", "全国", "讲话"),
    "ARTI1557901445315542": ("深化文明交流互鉴 共建亚洲命运共同体", "2019-05-15", "", "讲话"),
    "ARTI1561887112428887": ("在“不忘初心、牢记使命”主题教育工作会议上的讲话", "2019-05-31", "全国", "讲话"),
    "ARTI1565861322111297": ("在解决“两不愁三保障”突出问题座谈会上的讲话", "2019-04-16", "", "讲话"),
    "ARTI1568980572864614": ("在中央政协工作会议暨庆祝中国人民政治协商会议成立70周年大会上的讲话", "2019-09-20", "全国", "讲话"),
    "ARTI1569571232500146": ("在全国民族团结进步表彰大会上的讲话", "2019-09-27", "全国", "讲话"),
    "ARTI1569922838605900": ("在庆祝中华人民共和国成立70周年大会上的讲话", "2019-10-01", "全国", "讲话"),
    "ARTI1571124221263166": ("在黄河流域生态保护和高质量发展座谈会上的讲话", "2019-09-18", "", "讲话"),
    "ARTI1588231315940547": ("在打好精准脱贫攻坚战座谈会上的讲话", "2018-02-12", "", "讲话"),
}


def page_lines(page: str) -> list[str]:
    body = re.sub(r"<script.*?</script>|<style.*?</style>|<!--.*?-->", "", page, flags=re.S | re.I)
    body = html.unescape(re.sub(r"<[^>]+>", "\n", body))
    return [ln.strip().replace("\u3000", " ") for ln in body.splitlines() if ln.strip()]


def build_12371(mirrors: Path, out: Path) -> Iterator[dict]:
    repo = mirror_dir(mirrors, XI)
    for art, (title, date, province, doctype) in PAGES_12371.items():
        path = f"{XI_DIR}/{art}.shtml"
        raw = git_show(repo, path)
        lines = page_lines(raw.decode("utf-8"))
        i = next(k for k, ln in enumerate(lines) if re.fullmatch(r"（" + cn_date(date) + r"(，[^）]{1,8})?）", ln))
        above = squash("".join(lines[max(0, i - 3) : i]))
        assert squash(title) in above, (art, above[-80:])
        speaker_line = lines[i + 1]
        speaker_printed = re.fullmatch(r"(?:中华人民共和国主席|中共中央总书记、国家主席)?\s*习近平", speaker_line)
        assert speaker_printed or title.startswith("习近平"), (art, speaker_line)
        rel = f"12371/{art}.html"
        write(out, rel, raw)
        fields: dict = {
            "title": title,
            "doctype": doctype,
            "date": date,
            "year": int(date[:4]),
        }
        tf: dict = {
            "title": "正文上方的标题行（主标题；副题“——在…上的讲话/报告”不计）",
            "doctype": "副题“…上的报告”" if doctype == "报告" else "标题或副题“…上的讲话/主旨演讲/开幕辞”",
            "date": "标题下日期行“（YYYY年M月D日）”",
            "year": "日期行",
        }
        if province:
            fields["province"] = province
            fields["city"] = None
            tf["province"] = "中央/全国性会议（在北京举行）"
            tf["city"] = "全国性会议"
        fields["speaker"] = "习近平"
        tf["speaker"] = ("日期行下署名行“" + speaker_line + "”") if speaker_printed else "标题“习近平在…上的讲话”"
        yield record(rel, XI, path, "html", "speech", False, fields, tf)


# ------------------------------------------------------------------------------------------- build


def build(mirrors: Path, out: Path) -> Iterator[dict]:
    out.mkdir(parents=True, exist_ok=True)
    yield from build_provincial(mirrors, out)
    yield from build_hailar(mirrors, out)
    yield from build_wikisource(mirrors, out)
    yield from build_12371(mirrors, out)
