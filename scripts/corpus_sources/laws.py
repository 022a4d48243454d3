"""Laws, regulations, rules and judicial interpretations (issue 10 corpus, module `laws`).

Sources (all public GitHub repositories, read from the `fetch` mirrors):

* DiamonWoo/Laosheng.top -- a personal site; `falv/flk.npc/*.txt` are national laws saved from
  flk.npc.gov.cn as plain text, named `<title>_<YYYYMMDD>.txt` (the date of the latest 通过/修正/
  修订); `falv/duben/` holds Markdown reading copies and two PDFs made from flk texts.
* zitzhen/Chinese-law -- national laws, each folder with a PDF, a DOCX (an altChunk DOCX whose body
  is an embedded MHT/HTML part, the way flk.npc.gov.cn downloads are made) and a README.md.
* wagepolicies/wagepolicies.github.io -- 薪酬政策汇编, a Jekyll site of published HTML pages
  (site header and 颁布日期/执行日期 furniture) of wage and labour laws, rules and notices.
* g0v/laweasyread-data -- `rawdata/lawstat` (Big5) and `rawdata/utf8_lawstat` (UTF-8): HTTrack
  copies of 立法院法律系統 pages (Taiwan), one page per law version, with the legislative history
  in 民國 dates above the articles.
* dev-chenxing/labor-laws -- MDX pages of labour documents (a few with reader annotations).
* goodwhz/lawhelper -- a legal-help app whose `law/` folder holds PDFs downloaded from
  flk.npc.gov.cn (`<title>_<YYYYMMDD>.pdf`, the date being flk's 公布 date, sometimes empty):
  provincial and municipal 工会劳动法律监督条例, 劳动合同条例, 女职工劳动保护条例, dispute and
  labour-inspection regulations, and a few State Council regulations.

Truth: for flk texts and the zitzhen files from the document's own 题注 (parsed by `law_tizhu`,
checked by eye on every file used, and for flk texts against the date in the file name); for the
Taiwan pages from the history table printed on the page (latest 三讀/公布 date, not 施行); for the
wagepolicies and dev-chenxing pages from the printed header, 令/签发 lines and signature dates,
read by eye and written into the tables below.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from scripts.real_corpus import git_files, git_show, mirror_dir

FETCH = [
    "github:DiamonWoo/Laosheng.top",
    "github:zitzhen/Chinese-law",
    "github:wagepolicies/wagepolicies.github.io",
    "github:g0v/laweasyread-data",
    "github:dev-chenxing/labor-laws",
    "github:goodwhz/lawhelper",
]

NPC = "全国人民代表大会"
NPCSC = "全国人民代表大会常务委员会"

# ---------------------------------------------------------------------------------------------
# 题注 parser for PRC laws (used for flk texts, checked against file names and by eye)

_FW = str.maketrans("０１２３４５６７８９（）", "0123456789()")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def law_tizhu(text: str, title: str) -> dict[str, object] | None:
    """Latest 通过/公布/修正/修订 date in the 题注 after `title`, and the body named after it."""
    t = text.translate(_FW)
    i = t.find(title)
    rest = t[max(i, 0) + len(title) if i >= 0 else 0:][:3000]
    m = re.match(r"\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)", rest)
    if m:
        block = m.group(1)
    else:
        m = re.match(r"(.*?)(?:目\s*录|第一章|第一条|第一编)", rest, re.S)
        block = m.group(1) if m else ""
    block = re.sub(r"\s+", "", block)
    best: tuple[tuple[int, int, int], int] | None = None
    for d in _DATE.finditer(block):
        after = block[d.end():d.end() + 4]
        if after.startswith(("起施行", "施行")):
            continue
        key = (int(d.group(1)), int(d.group(2)), int(d.group(3)))
        if best is None or key > best[0]:
            best = (key, d.end())
    if best is None:
        return None
    (y, mo, da), end = best
    after = block[end:end + 30]
    issuer = None
    if re.match(r"第[一二三四五六七八九十]+届全国人民代表大会常务委员会", after):
        issuer = NPCSC
    elif re.match(r"第[一二三四五六七八九十]+届全国人民代表大会", after):
        issuer = NPC
    return {"date": f"{y:04d}-{mo:02d}-{da:02d}", "year": y, "issuer": issuer}


def _record(file: str, source: str, source_path: str, form: str, kind: str, truth: dict[str, object],
            truth_from: dict[str, str], fixture: bool = True, url: str | None = None) -> dict[str, object]:
    rec: dict[str, object] = {"file": file, "source": source, "source_path": source_path}
    if url:
        rec["url"] = url
    rec.update({"form": form, "kind": kind, "articles": 1})
    rec.update(truth)
    rec["truth_from"] = truth_from
    rec["fixture"] = fixture
    return rec


def _write(out: Path, rel: str, data: bytes) -> None:
    path = out / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _law_doctype(title: str) -> str:
    for end, doctype in (("条例", "条例"), ("條例", "条例"), ("规定", "规定"), ("办法", "办法"),
                         ("辦法", "办法"), ("细则", "细则"), ("規則", "规则"), ("决定", "决定"),
                         ("决议", "决议")):
        if title.endswith(end):
            return doctype
    return "法律"


# ---------------------------------------------------------------------------------------------
# DiamonWoo/Laosheng.top

DIAMON_FLK = [
    # labour, trade unions, employment, safety, social insurance, women
    "中华人民共和国工会法_20211224", "中华人民共和国劳动法_20181229", "中华人民共和国劳动合同法_20121228",
    "中华人民共和国劳动争议调解仲裁法_20071229", "中华人民共和国就业促进法_20150424",
    "中华人民共和国安全生产法_20210610", "中华人民共和国社会保险法_20181229",
    "中华人民共和国职业病防治法_20181229", "中华人民共和国妇女权益保障法_20221030",
    "中华人民共和国矿山安全法_20090827", "中华人民共和国职业教育法_20220420",
    "中华人民共和国残疾人保障法_20181026", "中华人民共和国老年人权益保障法_20181229",
    "中华人民共和国特种设备安全法_20130629", "中华人民共和国军人保险法_20120427",
    # other laws, for variety
    "中华人民共和国仲裁法_20250912", "中华人民共和国个人所得税法_20180831", "中华人民共和国公司法_20231229",
    "中华人民共和国会计法_20240628", "中华人民共和国人民调解法_20100828",
    "中华人民共和国人民警察警衔条例_20090827", "中华人民共和国传染病防治法_20250430",
    "中华人民共和国体育法_20220624", "中华人民共和国企业破产法_20060827", "中华人民共和国统计法_20240913",
    "中华人民共和国慈善法_20231229", "中华人民共和国民营经济促进法_20250430", "中华人民共和国监察法_20241225",
    "中华人民共和国外交特权与豁免条例_19860905",
]

# Files whose 题注 the parser cannot reach (title printed over several lines), read by eye.
DIAMON_HAND = {
    "falv/flk.npc/第五届全国人民代表大会常务委员会关于批准《国务院关于职工探亲待遇的规定》的决议_19810306.txt": (
        "txt", "第五届全国人民代表大会常务委员会关于批准《国务院关于职工探亲待遇的规定》的决议", "决议",
        "1981-03-06", NPCSC),
    "falv/flk.npc/全国人民代表大会常务委员会关于批准《国务院关于工人退休、退职的暂行办法》的决议_19780524.txt": (
        "txt", "全国人民代表大会常务委员会关于批准《国务院关于工人退休、退职的暂行办法》的决议", "决议",
        "1978-05-24", NPCSC),
    "falv/2018《宪法》.pdf": ("pdf", "中华人民共和国宪法", "法律", "2018-03-11", NPC),
    "falv/duben/2020-xingfa.pdf": ("pdf", "中华人民共和国刑法", "法律", "2020-12-26", NPCSC),
    "falv/duben/2021-噪声污染防治法.md": ("md", "中华人民共和国噪声污染防治法", "法律", "2021-12-24", NPCSC),
    "falv/duben/2012-治安管理处罚法.md": ("md", "中华人民共和国治安管理处罚法", "法律", "2012-10-26", NPCSC),
    "falv/duben/2013-传染病防治法.md": ("md", "中华人民共和国传染病防治法", "法律", "2013-06-29", NPCSC),
    "falv/duben/2018-jianchafa.txt.md": ("md", "中华人民共和国监察法", "法律", "2018-03-20", NPC),
}


def _diamon(mirrors: Path, out: Path) -> Iterator[dict[str, object]]:
    source = "github:DiamonWoo/Laosheng.top"
    repo = mirror_dir(mirrors, source)
    for stem in DIAMON_FLK:
        path = f"falv/flk.npc/{stem}.txt"
        data = git_show(repo, path)
        title, stamp = stem.rsplit("_", 1)
        text = data.decode("utf-8-sig")
        assert title in text, path
        got = law_tizhu(text, title)
        assert got is not None and got["date"] == f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:]}", (path, got)
        assert got["issuer"], path
        rel = f"diamonwoo/{stem}.txt"
        _write(out, rel, data)
        doctype = _law_doctype(title)
        truth = {"title": title, "doctype": doctype, "date": got["date"], "year": got["year"],
                 "issuer": got["issuer"], "doc_number": None, "province": "全国", "city": None,
                 "speaker": None, "level": "法律"}
        yield _record(rel, source, path, "txt", "law", truth, {
            "title": "file name and heading", "doctype": "title ending (法/条例)",
            "date": "题注 (latest 通过/修正/修订), agrees with the date in the file name",
            "year": "date", "issuer": "题注 (body of the latest 通过/修正/修订)",
            "doc_number": "题注 prints no 令号", "province": "national body", "level": "NPC/NPCSC law"})
    for path, (form, title, doctype, date, issuer) in DIAMON_HAND.items():
        data = git_show(repo, path)
        name = path.rsplit("/", 1)[1]
        rel = f"diamonwoo/{name}"
        _write(out, rel, data)
        truth: dict[str, object] = {"title": title, "doctype": doctype, "date": date, "year": int(date[:4]),
                                    "issuer": issuer, "doc_number": None, "province": "全国", "city": None,
                                    "speaker": None}
        if doctype == "法律" and title != "中华人民共和国宪法":
            truth["level"] = "法律"
        yield _record(rel, source, path, form, "law", truth, {
            "title": "heading", "doctype": "title", "date": "题注 read by eye (latest 通过/修正/修订)",
            "year": "date", "issuer": "题注", "doc_number": "none printed", "province": "national body",
            "level": "NPC/NPCSC law (omitted for the Constitution and NPCSC 决议)"})


# ---------------------------------------------------------------------------------------------
# zitzhen/Chinese-law: (law folder, form) -> (date, issuer, doc_number as printed in the 题注)

ZITZHEN = {
    ("中华人民共和国劳动合同法", "pdf"): ("2012-12-28", NPCSC, "主席令第73号"),
    ("中华人民共和国劳动法", "pdf"): ("1994-07-05", NPCSC, "中华人民共和国主席令第二十八号"),
    ("中华人民共和国社会保险法", "pdf"): ("2018-12-29", NPCSC, None),
    ("中华人民共和国妇女权益保障法", "pdf"): ("2022-10-30", NPCSC, None),
    ("中华人民共和国消费者权益保护法", "pdf"): ("2013-10-25", NPCSC, None),
    ("中华人民共和国未成年人保护法", "pdf"): ("2020-10-17", NPCSC, None),
    ("中华人民共和国行政处罚法", "pdf"): ("2021-01-22", NPCSC, None),
    ("中华人民共和国国旗法", "pdf"): ("2020-10-17", NPCSC, None),
    ("中华人民共和国公务员法", "docx"): ("2018-12-29", NPCSC, None),
    ("中华人民共和国公司法", "docx"): ("2023-12-29", NPCSC, None),
    ("中华人民共和国反垄断法", "docx"): ("2007-08-30", NPCSC, None),
    ("中华人民共和国国家安全法", "docx"): ("2015-07-01", NPCSC, None),
    ("中华人民共和国立法法", "docx"): ("2023-03-13", NPC, None),
    ("中华人民共和国行政许可法", "docx"): ("2003-08-27", NPCSC, None),
    ("中华人民共和国税收征收管理法", "docx"): ("2001-04-28", NPCSC, None),
    ("中华人民共和国反洗钱法", "docx"): ("2024-11-08", NPCSC, None),
    ("中华人民共和国行政复议法", "docx"): ("2023-09-01", NPCSC, None),
    ("中华人民共和国专利法", "md"): ("2008-12-27", NPCSC, None),
    ("中华人民共和国民事诉讼法", "md"): ("2021-12-24", NPCSC, None),
    ("中华人民共和国法律援助法", "md"): ("2021-08-20", NPCSC, None),
    ("中华人民共和国商标法", "md"): ("2019-04-23", NPCSC, None),
}


def _zitzhen(mirrors: Path, out: Path) -> Iterator[dict[str, object]]:
    source = "github:zitzhen/Chinese-law"
    repo = mirror_dir(mirrors, source)
    for (law, form), (date, issuer, number) in ZITZHEN.items():
        path = f"law/{law}/README.md" if form == "md" else f"law/{law}/{law}.{form}"
        data = git_show(repo, path)
        rel = f"zitzhen/{law}.{form}"
        _write(out, rel, data)
        truth = {"title": law, "doctype": "法律", "date": date, "year": int(date[:4]), "issuer": issuer,
                 "doc_number": number, "province": "全国", "city": None, "speaker": None, "level": "法律"}
        yield _record(rel, source, path, form, "law", truth, {
            "title": "heading of the document (and folder name)", "doctype": "title ending 法",
            "date": "题注 of this file (latest 通过/修正/修订); the repository's information.json is not "
                    "always for the same version, so it was not used",
            "year": "date", "issuer": "题注", "doc_number": "题注 (主席令 as printed) or none printed",
            "province": "national body", "level": "NPC/NPCSC law"})


# ---------------------------------------------------------------------------------------------
# wagepolicies/wagepolicies.github.io: directory -> truth read by eye from the page

_MOHRSS = "人力资源和社会保障部"
_MOLSS = "劳动和社会保障部"
_SASAC = "国务院国有资产监督管理委员会"

WAGE = {
    # laws, regulations, rules, judicial interpretation
    "1981_guiding_tanqin": ("law", "国务院关于职工探亲待遇的规定", "规定", "1981-03-14", "国务院", "国发〔1981〕36号", "行政法规"),
    "1990_guiding_wage_range": ("law", "关于工资总额组成的规定", "规定", "1990-01-01", "国家统计局", "国家统计局令第一号", ...),
    "1992_tiaoli_qiye_zhuanji": ("law", "全民所有制工业企业转换经营机制条例", "条例", "1992-07-23", "国务院", "国务院令第103号", "行政法规"),
    "1993_law_gongsifa": ("law", "中华人民共和国公司法", "法律", "1993-12-29", NPCSC, None, "法律"),
    "1994_banfa_worktime_shenpi": ("law", "关于企业实行不定时工作制和综合计算工时工作制的审批办法", "办法", "1994-12-14", "劳动部", "劳部发〔1994〕503号", "规范性文件"),
    "1994_guiding_wage_pay": ("law", "工资支付暂行规定", "规定", "1994-12-06", "劳动部", None, "规范性文件"),
    "1994_law_labor": ("law", "中华人民共和国劳动法", "法律", "1994-07-05", NPCSC, "中华人民共和国主席令第28号", "法律"),
    "1995_banfa_worktime": ("law", "劳动部贯彻《国务院关于职工工作时间的规定》的实施办法", "办法", ..., "劳动部", None, "规范性文件"),
    "1995_guiding_wage_pay": ("law", "对《工资支付暂行规定》有关问题的补充规定", "规定", "1995-05-12", "劳动部", "劳部发〔1995〕226号", "规范性文件"),
    "1997_guiding_foreign_empl_wage": ("law", "对外经济合作企业外派人员工资管理办法的补充规定", "规定", "1997-01-16", "财政部", None, ...),
    "2003_tiaoli_national_assets_admin": ("law", "企业国有资产监督管理暂行条例", "条例", "2003-05-27", "国务院", "中华人民共和国国务院令第378号", "行政法规"),
    "2003_tiaoli_tech_bound": ("law", "国家科学技术奖励条例", "条例", "2003-12-20", "国务院", ..., "行政法规"),
    "2004_guiding_lowest_wage": ("law", "最低工资规定", "规定", "2004-01-20", _MOLSS, "中华人民共和国劳动和社会保障部令第21号", "部门规章"),
    "2005_law_gongshifa": ("law", "中华人民共和国公司法", "法律", "2005-10-27", NPCSC, None, "法律"),
    "2007_law_company_tax": ("law", "中华人民共和国企业所得税法", "法律", "2007-03-16", NPC, "中华人民共和国主席令第63号", "法律"),
    "2007_law_jiuye": ("law", "中华人民共和国就业促进法", "法律", "2007-08-30", NPCSC, "中华人民共和国主席令第七十号", "法律"),
    "2007_law_labor_contract": ("law", "中华人民共和国劳动合同法", "法律", "2007-06-29", NPCSC, "中华人民共和国主席令第六十五号", "法律"),
    "2007_law_personal_tax": ("law", "中华人民共和国个人所得税法", "法律", "2007-06-29", NPCSC, None, "法律"),
    "2007_ling_513_holiady": ("law", "全国年节及纪念日放假办法", "办法", "2007-12-14", "国务院", "中华人民共和国国务院令第513号", "行政法规"),
    "2007_ling_budget_finance": ("law", "中央企业财务预算管理暂行办法", "办法", "2007-05-25", _SASAC, "国务院国有资产监督管理委员会令第18号", "部门规章"),
    "2007_tiaoli_company_tax": ("law", "中华人民共和国企业所得税法实施条例", "条例", "2007-12-06", "国务院", "中华人民共和国国务院令第512号", "行政法规"),
    "2007_tiaoli_nianxiujia": ("law", "职工带薪年休假条例", "条例", "2007-12-14", "国务院", "中华人民共和国国务院令第514号", "行政法规"),
    "2008_nianxiujia_shishibanfa": ("law", "企业职工带薪年休假实施办法", "办法", "2008-09-18", _MOHRSS, "中华人民共和国人力资源和社会保障部令第1号", "部门规章"),
    "2008_tiaoli_labor_contract": ("law", "中华人民共和国劳动合同法实施条例", "条例", "2008-09-18", "国务院", "中华人民共和国国务院令第535号", "行政法规"),
    "2009_law_stat": ("law", "中华人民共和国统计法", "法律", "2009-06-27", NPCSC, "中华人民共和国主席令第十五号", "法律"),
    "2010_banfa_wages_budget": ("law", "中央企业工资总额预算管理暂行办法", "办法", ..., _SASAC, "国资发分配〔2010〕72号", "规范性文件"),
    "2011_law_xingfa8": ("law", "中华人民共和国刑法修正案（八）", "法律", "2011-02-25", NPCSC, "中华人民共和国主席令第四十一号", "法律"),
    "2011_ling_foreign_assets_admin": ("law", "中央企业境外国有资产监督管理暂行办法", "办法", "2011-06-14", _SASAC, "国务院国有资产监督管理委员会令第26号", "部门规章"),
    "2012_guiding_nvzhigong": ("law", "女职工劳动保护特别规定", "规定", "2012-04-28", "国务院", "中华人民共和国国务院令第619号", "行政法规"),
    "2012_ling_modify_labor_contact": ("law", "关于修改《中华人民共和国劳动合同法》的决定", "决定", "2012-12-28", NPCSC, "中华人民共和国主席令第七十三号", "法律"),
    "2013_jieshi_no_pay": ("law", "最高人民法院关于审理拒不支付劳动报酬刑事案件适用法律若干问题的解释", "司法解释", "2013-01-16", "最高人民法院", "法释〔2013〕3号", "司法解释"),
    # notices, opinions and letters (公文) on wages, working time and collective bargaining
    "1985_tongzhi_guowuyuan_wage_reform": ("公文", "国务院关于国营企业工资改革问题的通知", "通知", "1985-01-05", "国务院", "国发〔1985〕2号", "规范性文件"),
    "2003_yijian_not_whole_day_labor": ("公文", "劳动保障部关于非全日制用工若干问题的意见", "意见", "2003-05-30", _MOLSS, "劳社部发〔2003〕12号", "规范性文件"),
    "2004_banfa_jianshe_nongmingong": ("公文", "关于印发《建设领域农民工工资支付管理暂行办法》的通知", "通知", "2004-09-10", _MOLSS, "劳社部发〔2004〕22号", "规范性文件"),
    "2007_tongzhi_lowest_wage": ("公文", "关于进一步健全最低工资制度的通知", "通知", "2007-06-12", _MOLSS, "劳社部函〔2007〕20号", "规范性文件"),
    "2008_gongzuoshijian_gongzizhesuan": ("公文", "关于职工全年月平均工作时间和工资折算问题的通知", "通知", "2008-01-03", _MOLSS, "劳社部发〔2008〕3号", "规范性文件"),
    "2009_han_nianxiujia": ("公文", "关于《企业职工带薪年休假实施办法》有关问题的复函", "函", "2009-04-15", ..., "人社厅函〔2009〕149号", ...),
    "2010_tongzhi_laowu_worktime": ("公文", "关于服务外包企业实行特殊工时制度有关问题的通知", "通知", "2010-08-06", _MOHRSS, "人社部发〔2010〕56号", "规范性文件"),
    "1996_fuhan_temp_worker": ("公文", "劳动部办公厅对《关于临时工等问题的请示》的复函", "函", "1996-11-07", "劳动部办公厅", "劳办发〔1996〕238号", ...),
    "2012_banfa_fanshujiangwen": ("公文", "关于印发防暑降温措施管理办法的通知", "通知", "2012-06-29", "国家安全生产监督管理总局", "安监总安健〔2012〕89号", "规范性文件"),
    "beijing/2013_tongzhi_lowest_wage": ("公文", "关于调整北京市2013年最低工资标准的通知", "通知", "2012-12-28", "北京市人力资源和社会保障局", None, "规范性文件"),
    # an ACFTU opinion (not a state organ, so not a fixture); the page prints no date of its own
    "2009_yijian_wage_xieshang": ("公文", "全国总工会关于开展行业性工资集体协商工作的指导意见", "意见", ..., "中华全国总工会", None, ...),
}


def _wage(mirrors: Path, out: Path) -> Iterator[dict[str, object]]:
    source = "github:wagepolicies/wagepolicies.github.io"
    repo = mirror_dir(mirrors, source)
    for d, (kind, title, doctype, date, issuer, number, level) in WAGE.items():
        path = f"wage_policies/{d}/index.html"
        data = git_show(repo, path)
        assert title.replace("（", "").replace("）", "")[:8] in data.decode("utf-8").replace("（", "").replace("）", ""), path
        rel = f"wagepolicies/{d.replace('/', '_')}.html"
        _write(out, rel, data)
        beijing = d.startswith("beijing/")
        truth: dict[str, object] = {"title": title, "doctype": doctype}
        tf = {"title": "page <h1>", "doctype": "title (ending / 通知 that 印发 a 办法 stays 通知)"}
        if date is not ...:
            truth["date"], truth["year"] = date, int(date[:4])
            tf["date"] = ("题注/令 or 签发 date, or the signature date under the text (成文日期), read by eye; "
                          "the site's own 颁布日期 line is not used")
            tf["year"] = "date"
        elif d == "2009_yijian_wage_xieshang":
            truth["date"], truth["year"] = None, None
            tf["date"] = "the text prints no date of its own (the page's 颁布日期 is the site's)"
        if issuer is not ...:
            truth["issuer"] = issuer
            tf["issuer"] = "令/题注/signature (first named body)"
        if number is not ...:
            truth["doc_number"] = number
            tf["doc_number"] = "printed under the title or in the 令; null when none is printed"
        truth.update({"province": "北京" if beijing else "全国", "speaker": None})
        tf["province"] = "issuing body"
        if not beijing:
            truth["city"] = None
        if level is not ...:
            truth["level"] = level
            tf["level"] = "kind of instrument (NPC law, 国务院令, 部令, 法释, 部门发文)"
        fixture = d != "2009_yijian_wage_xieshang"
        yield _record(rel, source, path, "html", kind, truth, tf, fixture=fixture)


# ---------------------------------------------------------------------------------------------
# g0v/laweasyread-data: Taiwan 立法院法律系統 pages (traditional characters, 民國 dates)

TW_UTF8 = ["01132", "01139", "01141", "01142", "01143", "01148", "03614", "03615", "03616", "03623",
           "03624", "03626", "03631", "01036", "01010", "01773", "01946", "01128", "01180", "03401",
           "01189", "01253", "01199", "04612"]
TW_BIG5 = ["01140", "01144", "01146", "01147", "01811", "04654"]

_TW_HIST = re.compile(r"<font size=2>中華民國 (\d+) 年 (\d+) 月 (\d+) 日([^<]*)</font>")


def _tw_version_key(name: str) -> tuple[int, str]:
    stem = name.rsplit("/", 1)[1][:-5]
    rest = stem[5:]
    return int(rest[:-6]), rest[-6:-2]


def _taiwan(mirrors: Path, out: Path) -> Iterator[dict[str, object]]:
    source = "github:g0v/laweasyread-data"
    repo = mirror_dir(mirrors, source)
    files = git_files(repo)
    for code in TW_UTF8 + TW_BIG5:
        big5 = code in TW_BIG5
        base = f"rawdata/{'lawstat' if big5 else 'utf8_lawstat'}/version2/{code}/"
        versions = [f for f in files if f.startswith(base) and f.endswith(".html") and not f.endswith("index.html")]
        path = max(versions, key=_tw_version_key)
        data = git_show(repo, path)
        text = data.decode("big5hkscs" if big5 else "utf-8", "replace")
        m = re.search(r"SIZE=5>([^<(]+)\(" + code + r"\)", text)
        assert m, path
        title = m.group(1)
        hist = [((int(y) + 1911, int(mo), int(da)), what) for y, mo, da, what in _TW_HIST.findall(text)]
        assert hist and not any("廢止" in a for a in re.findall(r"<td valign=top><font size=2>([^<]*)", text)), path
        y, mo, da = max(k for k, what in hist if "施行" not in what)
        url = f"http://lis.ly.gov.tw/lghtml/lawstat/version2/{code}/{path.rsplit('/', 1)[1][:-1]}"
        rel = f"taiwan/{code}_{title}{'_big5' if big5 else ''}.html"
        _write(out, rel, data)
        truth = {"title": title, "doctype": _law_doctype(title), "date": f"{y:04d}-{mo:02d}-{da:02d}", "year": y,
                 "doc_number": None, "province": "台湾", "city": None, "speaker": None}
        yield _record(rel, source, path, "html", "law", truth, {
            "title": "page heading (法編號 dropped)", "doctype": "title ending (法/條例)",
            "date": "history table on the page: latest 民國 三讀 or 公布 date (施行 dates skipped), converted",
            "year": "date", "doc_number": "none printed", "province": "Taiwan statute"}, url=url)


# ---------------------------------------------------------------------------------------------
# dev-chenxing/labor-laws (MDX pages; annotated ones are not fixtures)

CHENXING = {
    "广东省劳动人事争议处理办法.mdx": (
        "law", "办法", "2025-01-09", "广东省人民政府", "广东省人民政府令第316号", "广东", "地方政府规章", True),
    "广州市人力资源和社会保障局关于我市劳动保障监察综合行政执法管辖有关问题的通知.mdx": (
        "公文", "通知", "2024-09-30", "广州市人力资源和社会保障局", "穗人社函〔2024〕341号", "广东", "规范性文件", True),
    "国务院关于渐进式延迟法定退休年龄的办法.mdx": (
        "law", "办法", None, ..., None, "全国", ..., True),
    "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）.mdx": (
        "law", "司法解释", "2020-12-25", "最高人民法院", None, "全国", "司法解释", False),
    "劳动保障部关于确立劳动关系有关事项的通知.mdx": (
        "公文", "通知", "2005-05-25", _MOLSS, "劳社部发〔2005〕12号", "全国", "规范性文件", False),
}


def _chenxing(mirrors: Path, out: Path) -> Iterator[dict[str, object]]:
    source = "github:dev-chenxing/labor-laws"
    repo = mirror_dir(mirrors, source)
    for name, (kind, doctype, date, issuer, number, province, level, fixture) in CHENXING.items():
        data = git_show(repo, name)
        title = name[:-4]
        rel = f"chenxing/{title}.md"
        _write(out, rel, data)
        truth: dict[str, object] = {"title": title, "doctype": doctype, "date": date,
                                    "year": int(date[:4]) if date else None,
                                    "doc_number": number, "province": province, "speaker": None}
        if issuer is not ...:
            truth["issuer"] = issuer
        if province == "全国":
            truth["city"] = None
        elif "广州" in title:
            truth["city"] = "广州"
        else:
            truth["city"] = None
        if level is not ...:
            truth["level"] = level
        if title == "劳动保障部关于确立劳动关系有关事项的通知":
            truth["title"] = "关于确立劳动关系有关事项的通知"  # the page's own heading
        yield _record(rel, source, name, "md", kind, truth, {
            "title": "heading", "doctype": "title ending", "date": "题注 (latest 公布/修改; 通过 for the 解释) or "
            "signature date; none printed for the 延迟退休 办法", "year": "date", "issuer": "题注/令/signature",
            "doc_number": "令号 or 文号 as printed, null when none", "province": "issuing body",
            "city": "issuing body", "level": "kind of instrument"}, fixture=fixture)


# ---------------------------------------------------------------------------------------------
# goodwhz/lawhelper: flk.npc.gov.cn PDFs. Truth read by eye from each PDF's 题注 (the date in the
# file name is flk's 公布 date and is not always printed in the 题注, so it is not used).
# file stem -> (date, issuer, province, city, doctype, level, doc_number)

_PC = "人民代表大会常务委员会"
LAWHELPER_LOCAL = {
    # 工会劳动法律监督条例 (provincial)
    "云南省工会劳动法律监督条例_20160331": ("2016-03-31", "云南省" + _PC, "云南", None),
    "内蒙古自治区工会劳动法律监督条例_20210330": ("2021-03-30", "内蒙古自治区" + _PC, "内蒙古", None),
    "天津市工会劳动法律监督条例_20201201": ("2020-12-01", "天津市" + _PC, "天津", ...),
    "安徽省工会劳动法律监督条例_20191223": ("2019-12-21", "安徽省" + _PC, "安徽", None),
    "山东省工会劳动法律监督条例_20210729": ("2021-07-29", "山东省" + _PC, "山东", None),
    "广东省工会劳动法律监督条例_20001213": ("2000-12-13", "广东省" + _PC, "广东", None),
    "江苏省工会劳动法律监督条例_20200731": ("2020-07-31", "江苏省" + _PC, "江苏", None),
    "江西省工会劳动法律监督条例_20170525": ("2017-05-25", "江西省" + _PC, "江西", None),
    "河北省工会劳动法律监督条例_20180727": ("2018-07-27", "河北省" + _PC, "河北", None),
    "浙江省工会劳动法律监督条例_20160929": ("2016-09-29", "浙江省" + _PC, "浙江", None),
    "湖北省工会劳动法律监督条例_20240926": ("2024-09-26", "湖北省" + _PC, "湖北", None),
    "湖南省工会劳动法律监督条例_20220926": ("2022-09-26", "湖南省" + _PC, "湖南", None),
    "福建省工会劳动法律监督条例_20170725": ("2017-07-21", "福建省" + _PC, "福建", None),
    "陕西省工会劳动法律监督条例_20240927": ("2024-09-27", "陕西省" + _PC, "陕西", None),
    # 工会劳动法律监督条例 (cities; date = the province's 批准 or the 公告 公布 date)
    "南昌市工会劳动法律监督条例_": ("2008-11-28", "南昌市" + _PC, "江西", "南昌"),
    "合肥市工会劳动法律监督条例_": ("2010-12-18", "合肥市" + _PC, "安徽", "合肥"),
    "宁波市工会劳动保障法律监督条例_20061211": ("2006-12-11", "宁波市" + _PC, "浙江", "宁波"),
    "徐州市工会劳动法律监督条例_20220120": ("2022-01-14", "徐州市" + _PC, "江苏", "徐州"),
    "无锡市工会劳动法律监督条例_20061001": ("2006-09-27", "无锡市" + _PC, "江苏", "无锡"),
    "昆明市工会劳动法律监督条例_": ("2004-03-26", "昆明市" + _PC, "云南", "昆明"),
    "杭州市工会劳动法律监督条例_20061228": ("2006-12-28", "杭州市" + _PC, "浙江", "杭州"),
    "沈阳市工会劳动法律监督条例_20051027": ("2005-09-23", "沈阳市" + _PC, "辽宁", "沈阳"),
    # women workers
    "山西省女职工劳动保护条例_20150730": ("2015-07-30", "山西省" + _PC, "山西", None),
    "福建省女职工劳动保护条例_20200320": ("2020-03-20", "福建省" + _PC, "福建", None),
    "黑龙江省女职工劳动保护条例_20210823": ("2021-08-20", "黑龙江省" + _PC, "黑龙江", None),
    # labour contracts
    "上海市劳动合同条例_20011115": ("2001-11-15", "上海市" + _PC, "上海", ...),
    "江苏省劳动合同条例_20130115": ("2013-01-15", "江苏省" + _PC, "江苏", None),
    "山东省劳动合同条例_20130801": ("2013-08-01", "山东省" + _PC, "山东", None),
    "吉林省劳动合同条例_20241127": ("2024-11-27", "吉林省" + _PC, "吉林", None),
    "宁夏回族自治区劳动合同条例+_20050325": ("2005-03-25", "宁夏回族自治区" + _PC, "宁夏", None),
    # labour disputes
    "山东省劳动人事争议调解仲裁条例_20170728": ("2017-07-28", "山东省" + _PC, "山东", None),
    "浙江省劳动人事争议调解仲裁条例_20200924": ("2020-09-24", "浙江省" + _PC, "浙江", None),
    "广西壮族自治区劳动人事争议调解仲裁条例+_20231124": ("2023-11-24", "广西壮族自治区" + _PC, "广西", None),
    "沈阳市劳动争议调解条例_20161212": ("2016-11-11", "沈阳市" + _PC, "辽宁", "沈阳"),
    # wages, labour relations, inspection, protection
    "包头市劳动者工资保障条例_": ("2004-11-26", "包头市" + _PC, "内蒙古", "包头"),
    "深圳经济特区和谐劳动关系促进条例_20190426": ("2019-04-24", "深圳市" + _PC, "广东", "深圳"),
    "广州市劳动关系三方协商规定_20151223": ("2015-12-03", "广州市" + _PC, "广东", "广州"),
    "哈尔滨市寒冷季节室外劳动保护规定_20210825": ("2021-08-20", "哈尔滨市" + _PC, "黑龙江", "哈尔滨"),
    "厦门经济特区劳动管理规定_20100729": ("2010-07-29", "厦门市" + _PC, "福建", "厦门"),
    "常州市劳动教育促进条例_20230808": ("2023-07-27", "常州市" + _PC, "江苏", "常州"),
    "新疆维吾尔自治区职工劳动权益保障条例_": ("2014-05-21", "新疆维吾尔自治区" + _PC, "新疆", None),
    "辽宁省职工劳动权益保障条例_20190927": ("2019-09-27", "辽宁省" + _PC, "辽宁", None),
    "重庆市劳动保障监察条例_20220928": ("2022-09-28", "重庆市" + _PC, "重庆", ...),
    "海南省劳动保障监察若干规定_20230416": ("2023-04-16", "海南省" + _PC, "海南", None),
    "湖南省劳动保障监察条例_20220526": ("2022-05-26", "湖南省" + _PC, "湖南", None),
}
# State Council regulations: stem -> (date, issuer, doc_number as printed in the 题注)
LAWHELPER_NATIONAL = {
    "国家行政法规/工伤保险条例_20101220": ("2010-12-20", "国务院", ...),
    "国家行政法规/劳动保障监察条例_20041101": ("2004-11-01", "国务院", "中华人民共和国国务院令第423号"),
    "国家行政法规/使用有毒物品作业场所劳动保护条例_20241206": ("2024-12-06", "国务院", ...),
    "国家行政法规/劳动就业服务企业管理规定_19901122": ("1990-11-22", "国务院", "中华人民共和国国务院令第66号"),
    "国家行政法规/工人考核条例_19900711": ("1990-07-12", ..., "劳动部令第1号"),
    "国家行政法规/女职工劳动保护特别规定_20120428": ("2012-04-28", "国务院", "中华人民共和国国务院令第619号"),
    "国家法律/中华人民共和国劳动合同法实施条例_20080918": ("2008-09-18", "国务院", "中华人民共和国国务院令第535号"),
}


def _lawhelper(mirrors: Path, out: Path) -> Iterator[dict[str, object]]:
    source = "github:goodwhz/lawhelper"
    repo = mirror_dir(mirrors, source)
    for stem, (date, issuer, province, city) in LAWHELPER_LOCAL.items():
        path = f"law/地方性法规/{stem}.pdf"
        data = git_show(repo, path)
        title = stem.rsplit("_", 1)[0].rstrip("+")
        rel = f"lawhelper/{title}.pdf"
        _write(out, rel, data)
        truth: dict[str, object] = {"title": title, "doctype": _law_doctype(title), "date": date,
                                    "year": int(date[:4]), "issuer": issuer, "province": province,
                                    "speaker": None, "level": "地方性法规"}
        if city is not ...:
            truth["city"] = city
        if "公告" not in _LAWHELPER_GONGGAO.get(stem, ""):
            truth["doc_number"] = None
        yield _record(rel, source, path, "pdf", "law", truth, {
            "title": "PDF heading (file name agrees)", "doctype": "title ending (条例/规定)",
            "date": "题注 read by eye: latest 通过/修正/修订/批准/公布 date (not 施行)", "year": "date",
            "issuer": "题注: the 人大常委会 of the latest 通过/修正/修订 (not the approving province)",
            "province": "issuing body (the approving province for a city)", "city": "issuing body",
            "doc_number": "none printed (omitted where the 题注 names a 公告 number)",
            "level": "人大常委会 regulation (repository folder 地方性法规)"})
    for stem, (date, issuer, number) in LAWHELPER_NATIONAL.items():
        path = f"law/{stem}.pdf"
        data = git_show(repo, path)
        title = stem.rsplit("/", 1)[1].rsplit("_", 1)[0]
        rel = f"lawhelper/{title}.pdf"
        _write(out, rel, data)
        truth = {"title": title, "doctype": _law_doctype(title), "date": date, "year": int(date[:4]),
                 "province": "全国", "city": None, "speaker": None, "level": "行政法规"}
        if issuer is not ...:
            truth["issuer"] = issuer
        if number is not ...:
            truth["doc_number"] = number
        yield _record(rel, source, path, "pdf", "law", truth, {
            "title": "PDF heading", "doctype": "title ending", "date": "题注 (latest 通过/公布/修订, not 施行)",
            "year": "date", "issuer": "题注 (国务院 令/决定)", "province": "national body",
            "doc_number": "令号 printed in the 题注 (omitted when the printed 令 is not the latest version's)",
            "level": "repository folder 国家行政法规"})


# 题注 that name a 人大常委会 公告 number (doc_number left unchecked for these)
_LAWHELPER_GONGGAO = {
    "宁波市工会劳动保障法律监督条例_20061211": "宁波市第十二届人民代表大会常务委员会公告第44号",
    "杭州市工会劳动法律监督条例_20061228": "杭州市第十届人民代表大会常务委员会公告第61号",
}


def build(mirrors: Path, out: Path) -> Iterator[dict[str, object]]:
    out.mkdir(parents=True, exist_ok=True)
    for part in (_diamon, _zitzhen, _wage, _taiwan, _chenxing, _lawhelper):
        for rec in part(mirrors, out):
            assert all(v is not ... for v in rec.values()), rec["file"]
            yield rec
