"""Government documents as published or crawled: gov.cn policy-library pages, provincial and city notices,
government work reports, statistical communiqués and news broadcasts (corpus helper `govpages`, issue 10).

Sources (all read from fetched git mirrors, nothing from the live web):

* iss-research-team/Industry_map -- `代码/data/政策文本/*.txt`: www.gov.cn 国务院文件 pages crawled to text with
  their furniture (breadcrumb, 收藏留言, 扫一扫) and the policy library's metadata table (索引号, 主题分类,
  发文机关, 成文日期, 标题, 发文字号, 发布日期). Truth comes from that table. Also `policy-text/policy6-9.txt`
  (State Council documents copied with their printed header and 落款), `policy.txt` (a 2022 Henan work
  report, no title or date printed) and two newspaper reports (`policy1/2.txt`, bylines "（记者 …）"; the
  paper is not named in the files, so only doctype 新闻 and the empty labels are given).
* gerry0208/spider_project -- CSV exports of Hebei government sites (省政府规章 with their 题注, 省政府办公厅
  files, 科技厅's national and provincial policy files, 工信厅/教育厅/人社厅 files, 人社厅's annual
  information-disclosure reports, two 科学技术部令). One record per document is written out as a .txt the way
  a person would save it (title, then the text). Truth from the CSV's 标题, the 题注 (rules: the latest
  公布/修正/修订 date; 令号 only when the rule was published once), and the document's own 发文字号 (printed at
  the head of 内容) and 落款 (organ and 成文日期 at the very end of 内容). The issuer is the first organ named
  at the head of the title; a 成文日期 is given only when the 落款 at the end names that organ.
* ljtyduyu/Government_Report_Mining -- national 政府工作报告 crawled from www.gov.cn (GB18030 text with the
  page furniture; `data/Reports_links.csv` gives each year's address). Truth from the date line
  "——YYYY年M月D日在第…会议上" and the speaker line "国务院总理 X" where printed.
* SimonXinw/job -- browser-saved pages of Jiangxi government sites: 国民经济和社会发展统计公报 of
  江西省, 宜春市 and 万载县. Truth from `<meta name="ArticleTitle">` and the 公报's printed head (issuing
  bureau and date under the title).
* magictomagic/policy_crawler_v1 -- `unit_test/raw_content/lishui_detail.html`, a Lishui city government
  notice page with its 信息公开 table (文号, 成文日期) and 落款.
* DuckBurnIncense/xin-wen-lian-bo (MIT) -- daily transcripts of CCTV《新闻联播》 as Markdown; each file
  holds one broadcast's news items (articles = the items under 详细新闻), date from the file name.
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import re
from collections.abc import Iterator
from pathlib import Path

from scripts.real_corpus import git_files, git_show, mirror_dir

FETCH = [
    "github:iss-research-team/Industry_map",
    "github:gerry0208/spider_project",
    "github:ljtyduyu/Government_Report_Mining",
    "github:SimonXinw/job",
    "github:magictomagic/policy_crawler_v1",
    "github:DuckBurnIncense/xin-wen-lian-bo",
]

csv.field_size_limit(1 << 30)

# ---------------------------------------------------------------------------------------------- helpers

_CN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def iso(y: str | int, m: str | int, d: str | int | None = None) -> str:
    return f"{int(y):04d}-{int(m):02d}" + (f"-{int(d):02d}" if d is not None else "")


def cn_date(text: str) -> str | None:
    m = _CN_DATE.search(text)
    return iso(*m.groups()) if m else None


def norm_docnum(s: str) -> str:
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"[\[［【﹝(（]\s*(\d{4})\s*[\]］】﹞)）]", r"〔\1〕", s)
    return s


# title endings -> doctype (longest first; a title is checked with 试行/暂行/摘要 suffixes removed)
_ENDINGS = [
    ("实施细则", "细则"),
    ("细则", "细则"),
    ("复函", "函"),
    ("通知", "通知"),
    ("意见", "意见"),
    ("决定", "决定"),
    ("批复", "批复"),
    ("函", "函"),
    ("公告", "公告"),
    ("通告", "通告"),
    ("通报", "通报"),
    ("请示", "请示"),
    ("办法", "办法"),
    ("规定", "规定"),
    ("条例", "条例"),
    ("规则", "规则"),
    ("章程", "章程"),
    ("纪要", "纪要"),
    ("决议", "决议"),
    ("公报", "公报"),
    ("议案", "议案"),
    ("报告", "报告"),
]


def doctype_of(title: str) -> str | None:
    """The doctype a title's ending names, or None when the ending names none or is ambiguous
    (a 批转/转发 whose title does not end with 通知 carries the forwarded document's ending)."""
    t = re.sub(r"[（(](试行|暂行|摘要|草案)[)）]\s*$", "", title.strip())
    t = re.sub(r"\s+", "", t)
    for ending, doctype in _ENDINGS:
        if t.endswith(ending):
            if doctype != "通知" and re.search(r"批转|转发", t):
                return None
            return doctype
    return None


_ORGAN_END = re.compile(r"(部|厅|办公厅|办公室|人民政府|政府|局|总局|委员会|委|院|署|总署|行|会)$")


_FIRST_ORGAN = re.compile(r"^(.+?(?:办公厅|办公室|部|委员会|委|总局|局|厅|署))")


def issuer_from_title(title: str) -> str | None:
    """The first issuing organ named at the head of a 公文 title ("财政部、科技部关于…" -> 财政部,
    "人力资源社会保障部办公厅国家发展改革委办公厅…关于" -> 人力资源社会保障部办公厅)."""
    head = re.split(r"关于|印发|转发|批转", title, maxsplit=1)[0]
    if head == title:
        return None
    first = re.split(r"[、，,\s　]|等", head.strip())[0]
    m = _FIRST_ORGAN.match(first)
    if m and m.group(1) != first:
        organ = m.group(1)
        rest = first[len(organ) :]
        for tail in ("员会", "办公厅", "办公室"):
            if rest.startswith(tail):
                organ += tail
                break
        first = organ
    return first if first and _ORGAN_END.search(first) else None


def province_of(issuer: str) -> str | None:
    for p in ("河北", "江西", "浙江", "河南"):
        if issuer.startswith(p):
            return p
    return None


def record(
    file: str,
    source: str,
    source_path: str,
    form: str,
    kind: str,
    fixture: bool,
    fields: dict,
    truth_from: dict,
    articles: int = 1,
    url: str | None = None,
) -> dict:
    rec: dict = {"file": file, "source": source, "source_path": source_path}
    if url:
        rec["url"] = url
    rec.update({"form": form, "kind": kind, "articles": articles})
    rec.update(fields)
    rec["truth_from"] = truth_from
    rec["fixture"] = fixture
    return rec


def must(pattern: str, text: str) -> str:
    """Group 1 of a pattern that the source is known to print (fails loudly if it no longer does)."""
    m = re.search(pattern, text)
    if not m:
        raise ValueError(f"not found: {pattern}")
    return m.group(1)


def list_files(repo: Path) -> list[str]:
    """git_files, with git's C-quoted non-ASCII names ("\\344\\273…") turned back into text."""
    names = []
    for name in git_files(repo):
        if len(name) > 1 and name.startswith('"') and name.endswith('"'):
            name = codecs.escape_decode(name[1:-1].encode("utf-8", "surrogateescape"))[0].decode("utf-8")
        names.append(name)
    return names


def write(out: Path, rel: str, data: bytes | str) -> None:
    p = out / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


# ------------------------------------------------------------------- A. gov.cn pages (Industry_map)

IM = "github:iss-research-team/Industry_map"
_TABLE = {
    "index": re.compile(r"索\s*引\s*号：\t([^\t\n]*)"),
    "issuer": re.compile(r"发文机关：\t([^\t\n]*)"),
    "written": re.compile(r"成文日期：\t([^\t\n]*)"),
    "title": re.compile(r"标\s*题：\t([^\t\n]*)"),
    "docnum": re.compile(r"发文字号：\t([^\t\n]*)"),
    "published": re.compile(r"发布日期：\t([^\t\n]*)"),
}
_NORMATIVE = {"通知", "意见", "决定"}


def gov_table(text: str) -> dict[str, str]:
    head = text[:2000]
    return {k: (m.group(1).strip() if (m := rx.search(head)) else "") for k, rx in _TABLE.items()}


def build_govcn(mirrors: Path, out: Path) -> Iterator[dict]:
    repo = mirror_dir(mirrors, IM)
    paths = sorted(
        (p for p in list_files(repo) if p.startswith("代码/data/政策文本/") and p.endswith(".txt")),
        key=lambda p: int(re.sub(r"\D", "", p.rsplit("/", 1)[1]) or 0),
    )
    for path in paths:
        raw = git_show(repo, path)
        text = raw.decode("utf-8")
        t = gov_table(text)
        if not t["title"] or not t["index"]:
            continue
        n = path.rsplit("/", 1)[1].removesuffix(".txt")
        rel = f"govcn/政策文本_{n}.txt"
        write(out, rel, raw)
        title = t["title"]
        fields: dict = {"title": title}
        tf: dict = {"title": "gov.cn 元数据表 标题"}
        doctype = doctype_of(title)
        if doctype:
            fields["doctype"] = doctype
            tf["doctype"] = "标题结尾"
        if t["written"]:
            fields["date"] = cn_date(t["written"])
            fields["year"] = int(fields["date"][:4])
            tf["date"] = tf["year"] = "gov.cn 元数据表 成文日期"
        fields["issuer"] = re.split(r"[、\s　]", t["issuer"])[0]
        tf["issuer"] = "gov.cn 元数据表 发文机关（首个）"
        if t["docnum"]:
            fields["doc_number"] = norm_docnum(t["docnum"])
            tf["doc_number"] = "gov.cn 元数据表 发文字号"
        fields.update({"province": "全国", "city": None, "speaker": None})
        tf.update({"province": "发文机关为国务院", "city": "国务院文件", "speaker": "公文无讲话人"})
        if doctype in _NORMATIVE and "表彰" not in title:
            fields["level"] = "规范性文件"
            tf["level"] = "国务院通知/意见/决定"
        yield record(rel, IM, path, "txt", "公文", True, fields, tf, url=None)


# State Council documents copied with their printed head and 落款 (checked by eye)
IM_POLICY = {
    "代码/data/policy-text/policy6.txt": (
        "国务院办公厅关于进一步优化地方政务服务便民热线的指导意见",
        "国办发〔2020〕53号",
        "国务院办公厅",
        "2020-12-28",
    ),
    "代码/data/policy-text/policy7.txt": (
        "国务院关于积极推进“互联网+”行动的指导意见",
        "国发〔2015〕40号",
        "国务院",
        "2015-07-01",
    ),
    "代码/data/policy-text/policy8.txt": (
        "国务院关于深化制造业与互联网融合发展的指导意见",
        "国发〔2016〕28号",
        "国务院",
        "2016-05-13",
    ),
    "代码/data/policy-text/policy9.txt": (
        "国务院办公厅关于加强互联网领域侵权假冒行为治理的意见",
        "国办发〔2015〕77号",
        "国务院办公厅",
        "2015-10-26",
    ),
}


def build_im_other(mirrors: Path, out: Path) -> Iterator[dict]:
    repo = mirror_dir(mirrors, IM)
    for path, (title, num, issuer, date) in IM_POLICY.items():
        raw = git_show(repo, path)
        text = raw.decode("utf-8")
        # the facts must be printed in the file as given (title split over lines, so compare without space)
        flat = re.sub(r"\s+", "", text)
        assert title in flat and num.replace(" ", "") in flat and issuer in flat, path
        y, m, d = date.split("-")
        assert re.search(rf"{y}年0?{int(m)}月0?{int(d)}日", flat), path
        rel = f"govcn/{path.rsplit('/', 1)[1]}"
        write(out, rel, raw)
        fields = {
            "title": title,
            "doctype": doctype_of(title),
            "date": date,
            "year": int(y),
            "issuer": issuer,
            "doc_number": num,
            "province": "全国",
            "city": None,
            "speaker": None,
            "level": "规范性文件",
        }
        tf = {
            "title": "文件标题（印在首行）",
            "doctype": "标题结尾",
            "date": "落款成文日期",
            "year": "落款成文日期",
            "issuer": "落款",
            "doc_number": "标题下发文字号",
            "province": "国务院",
            "city": "国务院",
            "speaker": "公文无讲话人",
            "level": "国务院意见",
        }
        yield record(rel, IM, path, "txt", "公文", True, fields, tf)

    # a provincial government work report (Henan, 2022), text only: "我代表省人民政府，向大会报告工作",
    # "一、2021年工作回顾", "二、2022年工作总体要求", "现代化河南建设", "寄予河南…嘱托"
    path = "代码/data/policy.txt"
    raw = git_show(repo, path)
    text = raw.decode("utf-8")
    assert "我代表省人民政府，向大会报告工作" in text and "一、2021年工作回顾" in text and "寄予河南" in text
    rel = "reports/henan_2022_work_report.txt"
    write(out, rel, raw)
    yield record(
        rel,
        IM,
        path,
        "txt",
        "speech",
        True,
        {
            "doctype": "报告",
            "year": 2022,
            "province": "河南",
            "city": None,
            "doc_number": None,
            "level": None,
        },
        {
            "doctype": "开头“我代表省人民政府，向大会报告工作”（政府工作报告）",
            "year": "正文“一、2021年工作回顾”“二、2022年工作总体要求”",
            "province": "正文“现代化河南建设”“寄予河南…嘱托”",
            "city": "省政府报告",
            "doc_number": "工作报告无文号",
            "level": "工作报告非规范性文件",
        },
    )

    # two People's Daily economic reports (bylines "（记者 刘志强）", "（记者 陆娅楠）")
    for path, byline in (
        ("代码/data/policy-text/policy1.txt", "（记者 刘志强）"),
        ("代码/data/policy-text/policy2.txt", "（记者 陆娅楠）"),
    ):
        raw = git_show(repo, path)
        assert byline in raw.decode("utf-8")
        rel = f"news/{path.rsplit('/', 1)[1]}"
        write(out, rel, raw)
        yield record(
            rel,
            IM,
            path,
            "txt",
            "news",
            False,
            {"doctype": "新闻", "issuer": None, "doc_number": None, "speaker": None, "level": None},
            {
                "doctype": f"记者署名 {byline}，新闻报道",
                "issuer": "新闻无发文机关",
                "doc_number": "新闻无文号",
                "speaker": "新闻非讲话",
                "level": "新闻无效力级别",
            },
        )


# ------------------------------------------------------------------------- B. Hebei CSV exports

SP = "github:gerry0208/spider_project"
HB = "河北政府网站/"
_TAIL_FURNITURE = re.compile(
    r"(更多信息请关注官方微信“河北人社”|报告下载：|（此件主动公开）|附件下载：.*)\s*$"
)


def read_csv(repo: Path, path: str) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(git_show(repo, path).decode("utf-8"))))
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def clean(s: str) -> str:
    return s.replace("\xa0", " ").strip()


def signature(content: str) -> tuple[str, str] | None:
    """The 落款 at the very end of a document's text: (block before the date, ISO date)."""
    c = clean(content)
    for _ in range(3):
        c = _TAIL_FURNITURE.sub("", c).strip()
    m = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日$", c)
    if not m:
        return None
    before = c[: m.start()]
    block = re.split(r"[。；：！」”）)]", before)[-1]
    return re.sub(r"[\s　]+", "", block)[-60:], iso(*m.groups())


def head_docnum(content: str, title: str) -> str | None:
    """A 发文字号 printed at the head of the text (after the repeated title, if any)."""
    c = re.sub(r"[\s　]+", "", clean(content))
    t = re.sub(r"[\s　]+", "", title)
    if c.startswith(t):
        c = c[len(t) :]
    m = re.match(r"([\u4e00-\u9fa5]{1,10}[〔\[［【﹝(（]\d{4}[〕\]］】﹞)）]\d{1,4}号)", c)
    return norm_docnum(m.group(1)) if m else None


def hebei_record(
    rel: str,
    path: str,
    row_no: int,
    title: str,
    content: str,
    province_default: str | None,
    level: str | None,
) -> tuple[dict, dict] | None:
    fields: dict = {"title": title}
    tf: dict = {"title": f"CSV 标题（第{row_no}行）"}
    doctype = doctype_of(title)
    if doctype:
        fields["doctype"] = doctype
        tf["doctype"] = "标题结尾"
    issuer = issuer_from_title(title)
    sig = signature(content)
    if issuer:
        fields["issuer"] = issuer
        tf["issuer"] = "标题中的发文机关（首个）" + ("，与落款一致" if sig and issuer in sig[0] else "")
    if sig and issuer and issuer + "办公厅" in sig[0] and not issuer.endswith("办公厅"):
        sig = None  # 落款 names the office (办公厅), not the organ in the title: leave the date unchecked
    if sig and (not issuer or issuer in sig[0]):
        fields["date"] = sig[1]
        fields["year"] = int(sig[1][:4])
        tf["date"] = tf["year"] = "落款成文日期（内容末尾）"
    num = head_docnum(content, title)
    if num:
        fields["doc_number"] = num
        tf["doc_number"] = "正文开头发文字号"
    prov = province_of(issuer) if issuer else None
    if issuer and not prov:
        prov = "全国"
    prov = prov or province_default
    if prov:
        fields["province"] = prov
        tf["province"] = "发文机关"
    fields["city"] = None
    tf["city"] = "省级或中央机关"
    fields["speaker"] = None
    tf["speaker"] = "公文无讲话人"
    if level and doctype in _NORMATIVE:
        fields["level"] = level
        tf["level"] = "机关通知/意见"
    return fields, tf


def _hebei_rules(repo: Path, out: Path) -> Iterator[dict]:
    # B1. 省政府规章 with their 题注: rules (地方政府规章)
    path = HB + "3人民政府-政府信息公开/人民政府_政府规章.csv"
    rows = read_csv(repo, path)
    single = re.compile(r"^[(（](\d{4})年(\d{1,2})月(\d{1,2})日(河北省人民政府令〔\d{4}〕第\d+号)公布[)）]$")
    ling = re.compile(
        r"(\d{4})年(\d{1,2})月(\d{1,2})日河北省人民政府令〔\d{4}〕第\d+号(?:公布|(?:第[一二三四五六七八九十]次)?(?:修正|修订))"
    )
    picked_single = picked_rev = 0
    for i, row in enumerate(rows, start=2):
        title, note, content = clean(row["标题"]), clean(row["摘要"]), clean(row["内容"])
        if len(content) < 800 or not doctype_of(title):
            continue
        m = single.match(note)
        dates = ling.findall(note)
        if m and picked_single < 9 and i % 3 == 0:
            picked_single += 1
            date, num = iso(*m.groups()[:3]), m.group(4)
        elif (
            not m
            and len(dates) >= 2
            and note.count("河北省人民政府令") == len(dates)
            and picked_rev < 7
            and i % 2 == 0
        ):
            picked_rev += 1
            date, num = max(iso(*d) for d in dates), None
        else:
            continue
        rel = f"hebei/rules/{i:03d}_{title}.txt"
        write(out, rel, f"{title}\n\n{note}\n\n{content}\n")
        fields = {
            "title": title,
            "doctype": doctype_of(title),
            "date": date,
            "year": int(date[:4]),
            "issuer": "河北省人民政府",
            "province": "河北",
            "city": None,
            "speaker": None,
            "level": "地方政府规章",
        }
        tf = {
            "title": "CSV 标题",
            "doctype": "标题结尾",
            "date": "题注中最后的公布/修正/修订日期",
            "year": "题注",
            "issuer": "题注：河北省人民政府令公布",
            "province": "河北省人民政府",
            "city": "省政府规章",
            "speaker": "规章无讲话人",
            "level": "省人民政府令公布的规章",
        }
        if num:
            fields["doc_number"] = num
            tf["doc_number"] = "题注令号"
        yield record(rel, SP, f"{path}#row{i}", "txt", "law", True, fields, tf)


def build_hebei(mirrors: Path, out: Path) -> Iterator[dict]:
    repo = mirror_dir(mirrors, SP)

    yield from _hebei_rules(repo, out)

    # B2. 公文 from the 科技厅/工信厅/教育厅/人社厅 files: national and provincial
    groups = [
        (HB + "5科学技术厅-政府信息公开/国家政策文件.csv", "全国", 9),
        (HB + "5科学技术厅-政府信息公开/省政府政策文件.csv", "河北", 8),
        (HB + "5科学技术厅-政府信息公开/科技厅政策文件_科技政策.csv", "河北", 4),
        (HB + "6工业和信息化厅-政府信息公开/产业政策.csv", None, 3),
        (HB + "6工业和信息化厅-政府信息公开/中小企业、民营经济发展政策.csv", None, 2),
        (HB + "7教育厅-政府信息公开/政策文件.csv", None, 3),
        (HB + "7教育厅-政府信息公开/教育领域信息公开_师资建设.csv", None, 3),
        (HB + "3人民政府-政府信息公开/人民政府_省政府办公厅文件.csv", "河北", 6),
        (
            HB + "2人力资源和社会保障厅-政府信息公开/人力资源和社会保障厅_政策法规+政府信息公开年报.csv",
            None,
            5,
        ),
    ]
    seen: set[str] = set()
    for path, prov, cap in groups:
        rows = read_csv(repo, path)
        n = 0
        for i, row in enumerate(rows, start=2):
            if n >= cap:
                break
            title = clean(row.get("标题", ""))
            content = row.get("内容", "")
            if title in seen or len(clean(content)) < 300 or not doctype_of(title):
                continue
            if "年度报告" in title or "答记者问" in title or title.startswith(("《", "关于")):
                continue
            got = hebei_record("", path, i, title, content, prov, "规范性文件")
            if not got:
                continue
            fields, tf = got
            # keep documents whose issuer and 成文日期 are both printed (from title and 落款)
            if "issuer" not in fields or "date" not in fields:
                continue
            seen.add(title)
            n += 1
            sub = path.split("/")[1].split("-")[0]
            rel = f"hebei/{sub}/{i:03d}_{title[:60]}.txt"
            body = clean(content)
            write(out, rel, f"{title}\n\n{body}\n")
            url = clean(row.get("访问地址", ""))
            yield record(
                rel,
                SP,
                f"{path}#row{i}",
                "txt",
                "公文",
                True,
                fields,
                tf,
                url=url if url.startswith("http") else None,
            )

    # B3. annual government-information-disclosure reports (报告) with their 落款
    path = HB + "2人力资源和社会保障厅-政府信息公开/人力资源和社会保障厅_政策法规+政府信息公开年报.csv"
    for i, row in enumerate(read_csv(repo, path), start=2):
        title = clean(row["标题"])
        m = re.match(r"(河北省人力资源和社会保障厅)(20(?:18|19|20))年政府信息公开工作年度报告$", title)
        sig = signature(row["内容"])
        if not m or not sig or not sig[0].endswith(m.group(1)):
            continue
        rel = f"hebei/年报/{i:03d}_{title}.txt"
        write(out, rel, f"{title}\n\n{clean(row['内容'])}\n")
        fields = {
            "title": title,
            "doctype": "报告",
            "date": sig[1],
            "year": int(sig[1][:4]),
            "issuer": m.group(1),
            "doc_number": None,
            "province": "河北",
            "city": None,
            "speaker": None,
        }
        tf = {
            "title": "CSV 标题",
            "doctype": "标题结尾",
            "date": "落款日期",
            "year": "落款日期",
            "issuer": "落款与标题",
            "doc_number": "年度报告无文号",
            "province": "发文机关",
            "city": "省级机关",
            "speaker": "公文无讲话人",
        }
        yield record(rel, SP, f"{path}#row{i}", "txt", "公文", True, fields, tf)

    # B4. two 部令 rules printed with their 令 preamble (checked by eye)
    path = HB + "5科学技术厅-政府信息公开/国家政策文件.csv"
    for i, row in enumerate(read_csv(repo, path), start=2):
        m = re.match(r"(科学技术部令第(\d+)号)\s*(.+)$", clean(row["标题"]))
        if not m:
            continue
        content = clean(row["内容"])
        pre = re.search(r"已经(\d{4})年(\d{1,2})月(\d{1,2})日[^。]{0,30}审议通过，现予公布", content[:400])
        sign = re.search(r"部长\s*[\u4e00-\u9fa5]{2,3}\s*(\d{4})年(\d{1,2})月(\d{1,2})日", content[:600])
        if not pre or not sign:
            continue
        title = m.group(3).strip()
        date = max(iso(*pre.groups()), iso(*sign.groups()))
        rel = f"hebei/部令/{i:03d}_{title}.txt"
        write(out, rel, f"{clean(row['标题'])}\n\n{content}\n")
        fields = {
            "title": title,
            "doctype": doctype_of(title),
            "date": date,
            "year": int(date[:4]),
            "issuer": "科学技术部",
            "doc_number": m.group(1),
            "province": "全国",
            "city": None,
            "speaker": None,
            "level": "部门规章",
        }
        tf = {
            "title": "令后所附规章名称",
            "doctype": "标题结尾",
            "date": "令文：审议通过/公布（部长签署）日期中最后者",
            "year": "令文",
            "issuer": "科学技术部令",
            "doc_number": "令号",
            "province": "国务院部门",
            "city": "国务院部门",
            "speaker": "规章无讲话人",
            "level": "部令公布的规章",
        }
        yield record(rel, SP, f"{path}#row{i}", "txt", "law", True, fields, tf)


# --------------------------------------------------------------- C. national government work reports

GR = "github:ljtyduyu/Government_Report_Mining"
REPORT_YEARS = (1957, 1959, 1975, 1978, 1985, 1994, 1999, 2003, 2007, 2011, 2013, 2015, 2018)


def build_reports(mirrors: Path, out: Path) -> Iterator[dict]:
    repo = mirror_dir(mirrors, GR)
    links = dict(csv.reader(io.StringIO(git_show(repo, "data/Reports_links.csv").decode("utf-8"))))
    for year in REPORT_YEARS:
        path = f"data/Corpus/{year}.txt"
        raw = git_show(repo, path)
        text = raw.decode("gb18030").replace("\r", "").replace("\xa0", " ").replace("<U+00A0>", " ")
        m = re.search(r"——\s*(\d{4})年(\d{1,2})月(\d{1,2})日在(第[^\n]{3,40}?会议)上", text)
        if not m:
            continue
        date = iso(*m.groups()[:3])
        after = text[m.end() : m.end() + 200]
        sp = re.match(r"\s*国务院总理\s*([\u4e00-\u9fa5]{2,3})", after)
        above = [ln.strip() for ln in text[: m.start()].splitlines() if ln.strip()][-3:]
        tline = next((ln for ln in reversed(above) if "政府工作报告" in ln and len(ln) <= 20), None)
        rel = f"reports/national_{year}_政府工作报告.txt"
        write(out, rel, raw)
        if not tline:
            continue
        fields: dict = {
            "title": tline,
            "doctype": "报告",
            "date": date,
            "year": int(date[:4]),
            "issuer": None,
            "doc_number": None,
            "province": "全国",
            "city": None,
            "level": None,
        }
        tf: dict = {
            "title": "题注上方的报告标题行",
            "doctype": "政府工作报告",
            "date": f"题注“——…在{m.group(4)}上”",
            "year": "题注日期",
            "issuer": "惯例：报告无发文机关",
            "doc_number": "工作报告无文号",
            "province": "国务院报告",
            "city": "全国人大会议",
            "level": "工作报告非规范性文件",
        }
        if sp:
            fields["speaker"] = sp.group(1)
            tf["speaker"] = "题注下“国务院总理 …”"
        yield record(rel, GR, path, "txt", "speech", True, fields, tf, url=links.get(str(year)))


# ------------------------------------------------------------------- D. Jiangxi statistical communiqués

SX = "github:SimonXinw/job"
SX_PAGES = {
    # path: (issuer printed under the title, date printed under the title, city)
    "统计局/江西省/2022/江西省2022年国民经济和社会发展统计公报 _ 中国宜春.html": (
        "江西省统计局",
        "2023-03-28",
        None,
    ),
    "统计局/宜春市/2022/宜春市2022年国民经济和社会发展统计公报 _ 中国宜春.html": (
        "宜春市统计局",
        "2023-04-12",
        "宜春",
    ),
    "统计局/万载县/2022/万载县2022年国民经济和社会发展统计公报 _ 万载县人民政府.html": (
        "万载县统计局",
        "2023-05",
        "宜春",
    ),
    "统计局/2015/万载县2015年国民经济和社会发展统计公报.html": (None, None, "宜春"),
}


def page_text(page: str) -> str:
    t = re.sub(r"<script.*?</script>|<style.*?</style>", "", page, flags=re.S | re.I)
    t = re.sub(r"<br\s*/?>|</p>|</div>|</tr>|</h\d>|</td>", "\n", t, flags=re.I)
    return html.unescape(re.sub(r"<[^>]+>", "", t))


def build_communiques(mirrors: Path, out: Path) -> Iterator[dict]:
    repo = mirror_dir(mirrors, SX)
    for path, (issuer, date, city) in SX_PAGES.items():
        raw = git_show(repo, path)
        page = raw.decode("utf-8")
        title = must(r'<meta name="ArticleTitle" content="([^"]+)"', page).strip()
        text = page_text(page)
        if issuer and date:
            assert re.search(rf"{issuer}\s+国家统计局", text), path
            y, m, *d = date.split("-")
            assert re.search(rf"{y}年{int(m)}月" + (f"{int(d[0])}日" if d else ""), text), path
        rel = f"jiangxi/{path.rsplit('/', 1)[1].split(' _ ')[0].removesuffix('.html')}.html"
        write(out, rel, raw)
        fields: dict = {"title": title, "doctype": "公报"}
        tf: dict = {"title": '<meta name="ArticleTitle">', "doctype": "标题结尾"}
        if issuer and date:
            fields.update({"issuer": issuer, "date": date, "year": int(date[:4])})
            tf.update(
                {"issuer": "公报标题下署名（首个）", "date": "公报标题下日期", "year": "公报标题下日期"}
            )
        fields.update({"doc_number": None, "province": "江西", "city": city, "speaker": None})
        tf.update(
            {
                "doc_number": "统计公报无文号",
                "province": "标题地名（江西省/宜春市/万载县）",
                "city": "宜春市或其所辖万载县" if city else "省级公报",
                "speaker": "公报无讲话人",
            }
        )
        yield record(rel, SX, path, "html", "公文", True, fields, tf)


# -------------------------------------------------------------------------- E. Lishui city notice page

PC = "github:magictomagic/policy_crawler_v1"


def build_lishui(mirrors: Path, out: Path) -> Iterator[dict]:
    repo = mirror_dir(mirrors, PC)
    path = "unit_test/raw_content/lishui_detail.html"
    raw = git_show(repo, path)
    page = raw.decode("utf-8")
    title = must(r'<meta name="ArticleTitle" content="([^"]+)"', page)
    url = must(r'<meta name="url" content="([^"]+)"', page)
    num = must(r"文号</td>\s*<td[^>]*>([^<]+)</td>", page).strip()
    written = must(r"成文日期</td>\s*<td[^>]*>([^<]+)</td>", page).strip()
    text = page_text(page)
    assert re.search(r"丽水市人民政府\s*\n\s*2023年10月16日", text) and written == "2023-10-16"
    rel = "lishui/丽政发〔2023〕30号.html"
    write(out, rel, raw)
    yield record(
        rel,
        PC,
        path,
        "html",
        "公文",
        True,
        {
            "title": title,
            "doctype": doctype_of(title),
            "date": written,
            "year": 2023,
            "issuer": "丽水市人民政府",
            "doc_number": norm_docnum(num),
            "province": "浙江",
            "city": "丽水",
            "speaker": None,
            "level": "规范性文件",
        },
        {
            "title": '<meta name="ArticleTitle">',
            "doctype": "标题结尾",
            "date": "信息公开表 成文日期（与落款一致）",
            "year": "成文日期",
            "issuer": "落款",
            "doc_number": "信息公开表 文号",
            "province": "丽水市（浙江）",
            "city": "丽水市人民政府",
            "speaker": "公文无讲话人",
            "level": "市政府通知",
        },
        url=url,
    )


# ------------------------------------------------------------------------------ F. 新闻联播 transcripts

XW = "github:DuckBurnIncense/xin-wen-lian-bo"
XW_DAYS = (
    "20221001",
    "20230301",
    "20230501",
    "20231130",
    "20240305",
    "20240701",
    "20250115",
    "20250501",
    "20251020",
    "20221215",
)


def build_xwlb(mirrors: Path, out: Path) -> Iterator[dict]:
    repo = mirror_dir(mirrors, XW)
    have = set(git_files(repo))
    for day in XW_DAYS:
        path = f"news/{day}.md"
        if path not in have:
            continue
        raw = git_show(repo, path)
        text = raw.decode("utf-8")
        if f"({day})" not in text.splitlines()[0]:
            continue
        detail = text.split("## 详细新闻", 1)[-1]
        items = len(re.findall(r"^### ", detail, re.M))
        if items < 2:
            continue
        rel = f"news/新闻联播_{day}.md"
        write(out, rel, raw)
        date = iso(day[:4], day[4:6], day[6:])
        yield record(
            rel,
            XW,
            path,
            "md",
            "news",
            False,
            {
                "doctype": "新闻",
                "date": date,
                "year": int(day[:4]),
                "issuer": None,
                "doc_number": None,
                "speaker": None,
                "level": None,
            },
            {
                "doctype": "电视新闻稿",
                "date": "文件名与标题“《新闻联播》 (YYYYMMDD)”",
                "year": "播出日期",
                "issuer": "新闻无发文机关",
                "doc_number": "新闻无文号",
                "speaker": "新闻非讲话",
                "level": "新闻无效力级别",
            },
            articles=items,
        )


# ------------------------------------------------------------------------------------------- build


def build(mirrors: Path, out: Path) -> Iterator[dict]:
    out.mkdir(parents=True, exist_ok=True)
    yield from build_govcn(mirrors, out)
    yield from build_im_other(mirrors, out)
    yield from build_hebei(mirrors, out)
    yield from build_reports(mirrors, out)
    yield from build_communiques(mirrors, out)
    yield from build_lishui(mirrors, out)
    yield from build_xwlb(mirrors, out)
