"""Trade-union, labour and social-insurance documents (issue 10 corpus source `union`).

Union material proper is scarce on public GitHub; what could be found and fetched here:

* DiamonWoo/Laosheng.top -- a personal civic-information site ("老生常谈") that keeps plain-text
  exports of national laws from flk.npc.gov.cn under falv/flk.npc/, named "<title>_<YYYYMMDD>.txt".
  We take the labour/union laws (工会法, 劳动法, 劳动合同法 ...) and four NPCSC 决议 approving State
  Council rules on workers' retirement, home leave and cadres' retirement.  Truth: title and 题注
  (read by eye, dates and bodies copied below), file name date cross-checked.
* zuafzu/socialsecuritycardcollection -- an Android app bundling 长春/吉林 and 人社部 social-insurance
  policy documents as Word-exported HTML ("Microsoft Word 15 (filtered)") whose body is the title
  (<h2>) followed by page scans (JPG, not copied).  Truth: the printed <h2> title (and the folder name,
  identical), doc numbers printed in it; issuer only where the title names the issuing body.
* xiahuibin/yh -- an OA system (通达OA clone) with a built-in 法律法规 library of 1990s-2000s labour
  contract forms as JSP pages (law/hyhetong/laodong/laodonght*.jsp), kept as found (.html).
  Truth: title from the library's list page law/hyhetong/laodong.jsp and the page header.
* Terminus2049/Terminus2049.github.io -- 端点星, a Jekyll archive of deleted WeChat/web articles; we
  take the labour ones (佳士工会 union-organising campaign, sanitation workers' strike, 尘肺 workers,
  campus workers' surveys).  Truth: Jekyll front matter (title, date) and, for doctype, the article's
  own title/opening read by eye.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from scripts.real_corpus import git_show, mirror_dir

LAOSHENG = "github:DiamonWoo/Laosheng.top"
SBK = "github:zuafzu/socialsecuritycardcollection"
TONGDA = "github:xiahuibin/yh"
TERMINUS = "github:Terminus2049/Terminus2049.github.io"

FETCH = [LAOSHENG, SBK, TONGDA, TERMINUS]

NPCSC = "全国人民代表大会常务委员会"

# ---------------------------------------------------------------- laws (Laosheng.top, flk.npc export)
# (file stem under falv/flk.npc/, title as printed, doctype, date of the latest 通过/修正/修订 in the 题注)
LAWS = [
    ("中华人民共和国工会法_20211224", "中华人民共和国工会法", "法律", "2021-12-24"),
    ("中华人民共和国劳动法_20181229", "中华人民共和国劳动法", "法律", "2018-12-29"),
    ("中华人民共和国劳动合同法_20121228", "中华人民共和国劳动合同法", "法律", "2012-12-28"),
    ("中华人民共和国劳动争议调解仲裁法_20071229", "中华人民共和国劳动争议调解仲裁法", "法律", "2007-12-29"),
    ("中华人民共和国就业促进法_20150424", "中华人民共和国就业促进法", "法律", "2015-04-24"),
    ("中华人民共和国社会保险法_20181229", "中华人民共和国社会保险法", "法律", "2018-12-29"),
    ("中华人民共和国职业病防治法_20181229", "中华人民共和国职业病防治法", "法律", "2018-12-29"),
    ("中华人民共和国安全生产法_20210610", "中华人民共和国安全生产法", "法律", "2021-06-10"),
    ("中华人民共和国矿山安全法_20090827", "中华人民共和国矿山安全法", "法律", "2009-08-27"),
    ("中华人民共和国职业教育法_20220420", "中华人民共和国职业教育法", "法律", "2022-04-20"),
    ("中华人民共和国妇女权益保障法_20221030", "中华人民共和国妇女权益保障法", "法律", "2022-10-30"),
    ("中华人民共和国残疾人保障法_20181026", "中华人民共和国残疾人保障法", "法律", "2018-10-26"),
    ("全国人民代表大会常务委员会关于批准《国务院关于工人退休、退职的暂行办法》的决议_19780524",
     "全国人民代表大会常务委员会关于批准《国务院关于工人退休、退职的暂行办法》的决议", "决议", "1978-05-24"),
    ("全国人民代表大会常务委员会关于批准《国务院关于安置老弱病残干部的暂行办法》的决议_19780524",
     "全国人民代表大会常务委员会关于批准《国务院关于安置老弱病残干部的暂行办法》的决议", "决议", "1978-05-24"),
    ("第五届全国人民代表大会常务委员会关于批准《国务院关于老干部离职休养的暂行规定》的决议_19800929",
     "第五届全国人民代表大会常务委员会关于批准《国务院关于老干部离职休养的暂行规定》的决议", "决议", "1980-09-29"),
    ("第五届全国人民代表大会常务委员会关于批准《国务院关于职工探亲待遇的规定》的决议_19810306",
     "第五届全国人民代表大会常务委员会关于批准《国务院关于职工探亲待遇的规定》的决议", "决议", "1981-03-06"),
]

# ------------------------------------------------- social-insurance policy pages (Word HTML + scans)
# (path under app/src/main/assets/, title, {other truth fields}); a field absent = not checked.
_GOV = {"level": "规范性文件", "kind_fixture": True}
SBK_DOCS: list[tuple[str, str, dict]] = [
    ("医保/居民医疗保险/长春市人民政府办公厅关于建立失能人员医疗照护保险制度的意见/yb_23.html",
     "长春市人民政府办公厅关于建立失能人员医疗照护保险制度的意见",
     {"doctype": "意见", "issuer": "长春市人民政府办公厅", "province": "吉林", "city": "长春", **_GOV}),
    ("医保/居民医疗保险/关于调整2016年城镇居民基本医疗保险缴费及补助标准的通知/yb_21.html",
     "关于调整2016年城镇居民基本医疗保险缴费及补助标准的通知", {"doctype": "通知"}),
    ("医保/工伤保险/关于进一步做好建筑施工企业农民工参加工伤保险工作的通知/yb_12.html",
     "关于进一步做好建筑施工企业农民工参加工伤保险工作的通知", {"doctype": "通知"}),
    ("医保/工伤保险/吉林省工伤康复管理暂行办法/yb_14.html",
     "吉林省工伤康复管理暂行办法", {"doctype": "办法", "province": "吉林"}),
    ("医保/工伤保险/部分行业企业工伤保险费缴纳办法/yb_11.html",
     "部分行业企业工伤保险费缴纳办法", {"doctype": "办法"}),
    ("医保/工伤保险/长春市人民政府办公厅关于调整全市工伤职工伤残津贴标准和生活护理费标准的通知/yb_16.html",
     "长春市人民政府办公厅关于调整全市工伤职工伤残津贴标准和生活护理费标准的通知",
     {"doctype": "通知", "issuer": "长春市人民政府办公厅", "province": "吉林", "city": "长春", **_GOV}),
    ("医保/工伤保险/长春市基本医疗、工伤、生育保险待遇支付与审批的管理细则/yb_15.html",
     "长春市基本医疗、工伤、生育保险待遇支付与审批的管理细则",
     {"doctype": "细则", "province": "吉林", "city": "长春"}),
    ("医保/生育保险/关于育产期女职工围产保健待遇结算的通知/yb_32.html",
     "关于育产期女职工围产保健待遇结算的通知", {"doctype": "通知"}),
    ("医保/生育保险/长春市人民政府办公厅关于实施《吉林省城镇职工生育保险办法》的通知/yb_33.html",
     "长春市人民政府办公厅关于实施《吉林省城镇职工生育保险办法》的通知",
     {"doctype": "通知", "issuer": "长春市人民政府办公厅", "province": "吉林", "city": "长春", **_GOV}),
    ("医保/生育保险/长春市人民政府办公厅关于调整和增加城镇职工生育保险有关待遇的通知/yb_34.html",
     "长春市人民政府办公厅关于调整和增加城镇职工生育保险有关待遇的通知",
     {"doctype": "通知", "issuer": "长春市人民政府办公厅", "province": "吉林", "city": "长春", **_GOV}),
    ("医保/职工医疗保险/人力资源社会保障部关于完善基本医疗保险定点医药机构协议管理的指导意见/yb_43.html",
     "人力资源社会保障部关于完善基本医疗保险定点医药机构协议管理的指导意见",
     {"doctype": "意见", "issuer": "人力资源社会保障部", "province": "全国", "city": None, **_GOV}),
    ("医保/职工医疗保险/人力资源社会保障部关于进一步加强基本医疗保险医疗服务监管的意见/yb_42.html",
     "人力资源社会保障部关于进一步加强基本医疗保险医疗服务监管的意见",
     {"doctype": "意见", "issuer": "人力资源社会保障部", "province": "全国", "city": None, **_GOV}),
    ("社保/其他/转发人力资源和社会保障部、财政部《关于领取失业保险金人员参加职工基本医疗保险有关问题的通知》的通知/sb_64.html",
     "转发人力资源和社会保障部、财政部《关于领取失业保险金人员参加职工基本医疗保险有关问题的通知》的通知",
     {"doctype": "通知"}),
    ("社保/城乡居民养老保险/吉林省关于建立城乡居民基本养老保险待遇确定和基础养老金正常调整机制的实施意见/sb_22.html",
     "吉林省关于建立城乡居民基本养老保险待遇确定和基础养老金正常调整机制的实施意见",
     {"doctype": "意见", "province": "吉林"}),
    ("社保/城乡居民养老保险/长春市人民政府关于印发长春市统一城乡居民基本养老保险实施方案的通知（长府发[2014]19 号）/sb_23.html",
     "长春市人民政府关于印发长春市统一城乡居民基本养老保险实施方案的通知",
     {"doctype": "通知", "issuer": "长春市人民政府", "doc_number": "长府发〔2014〕19号",
      "province": "吉林", "city": "长春", **_GOV}),
    ("社保/城镇企业职工基本养老保险/人力资源社会保障部办公厅财政部办公厅关于公布2016年职工基本养老保险个人账户记账利率等参数的通知（人社厅发[2017]71号）/sb_32.html",
     "人力资源社会保障部办公厅财政部办公厅关于公布2016年职工基本养老保险个人账户记账利率等参数的通知",
     {"doctype": "通知", "issuer": "人力资源社会保障部办公厅", "doc_number": "人社厅发〔2017〕71号",
      "province": "全国", "city": None, **_GOV}),
    ("社保/失业保险/关于提高失业保险金标准的通知（吉人社办字[2017]21号）/sb_53.html",
     "关于提高失业保险金标准的通知",
     {"doctype": "通知", "doc_number": "吉人社办字〔2017〕21号", "province": "吉林", "kind_fixture": True}),
    ("社保/失业保险/关于提高失业保险金标准的通知（吉人社办字〔2018〕47号）/sb_54.html",
     "关于提高失业保险金标准的通知",
     {"doctype": "通知", "doc_number": "吉人社办字〔2018〕47号", "province": "吉林", "kind_fixture": True}),
    ("社保/机关事业单位养老保险/人力资源社会保障部办公厅关于印发《机关事业单位基本养老保险关系和职业年金转移接续经办规程（暂行）》的通知/sb_41.html",
     "人力资源社会保障部办公厅关于印发《机关事业单位基本养老保险关系和职业年金转移接续经办规程（暂行）》的通知",
     {"doctype": "通知", "issuer": "人力资源社会保障部办公厅", "province": "全国", "city": None, **_GOV}),
    ("社保/机关事业单位养老保险/人社部规[2017]1号 人力资源和社会保障部、财政部关于机关事业单位基本养老保险关系和职业年金转移接续有关问题的通知/sb_43.html",
     "人力资源和社会保障部、财政部关于机关事业单位基本养老保险关系和职业年金转移接续有关问题的通知",
     {"doctype": "通知", "issuer": "人力资源和社会保障部", "doc_number": "人社部规〔2017〕1号",
      "province": "全国", "city": None, **_GOV}),
    ("社保/被征地农民养老保险/长春市人民政府办公厅关于印发长春市统一被征地农民基本养老保险制度实施方案实施细则的通知（2012年11月19日长春市人民政府办公厅 长府办发[2012]44号公布）/sb_11.html",
     "长春市人民政府办公厅关于印发长春市统一被征地农民基本养老保险制度实施方案实施细则的通知",
     {"doctype": "通知", "issuer": "长春市人民政府办公厅", "doc_number": "长府办发〔2012〕44号",
      "province": "吉林", "city": "长春", **_GOV}),
]

# ------------------------------------------------------------ labour contract forms (通达OA law library)
TONGDA_DIR = "yh/WebContent/core/funcs/utilapps/info/law/hyhetong"
# page number -> province/city truth: None = the form names no place (checked by eye); absent = not checked
TONGDA_PAGES = {
    "00": {"province": None, "city": None}, "01": {"province": None, "city": None},
    "02": {}, "04": {}, "05": {}, "06": {}, "09": {},
    "10": {}, "11": {}, "13": {"province": None, "city": None}, "14": {}, "17": {}, "18": {},
    "19": {}, "20": {}, "21": {}, "22": {}, "23": {}, "25": {}, "28": {}, "31": {},
}

# --------------------------------------------------------------------- Terminus2049 (Jekyll archive)
# post stem -> (kind, doctype or "" when not sure, keep front-matter date?)
TERMINUS_POSTS = {
    "2018-03-31-shang-hai-ba-gong": ("other", "", True),
    "2018-04-04-shanghai-ba-gong": ("news", "新闻", True),
    "2018-04-12-shanghai-huanweigong-bagong-ngocn": ("news", "", True),
    "2018-05-02-workers-condition": ("other", "调研报告", False),   # a re-post of a 1 May article
    "2018-05-09-black-lung": ("other", "其他", True),              # workers' 诉求信
    "2018-05-09-hu-nan-chen-fei": ("other", "", True),
    "2018-05-10-pku-laborers-yue-tan": ("other", "", True),
    "2018-05-13-pku-security-company": ("other", "", True),
    "2018-05-16-hou-qing-tou-su": ("other", "调研报告", True),
    "2018-06-03-black-lung-workers": ("other", "纪实", True),
    "2018-06-09-truck-drivers-strike": ("other", "", True),
    "2018-06-13-my-day": ("other", "", True),
    "2018-07-07-Shen-Mengyu": ("other", "", True),
    "2018-07-24-support-workers": ("other", "其他", True),        # 联名信 for the 佳士 union
    "2018-07-29-bei-da-sheng-yuan-gong-ren": ("other", "其他", True),  # 声援书
    "2018-07-29-tang-tang-zheng-zheng": ("other", "", True),
    "2018-07-30-qing-hua-sheng-yuan": ("other", "其他", True),    # 声援书
    "2018-08-06-metoo-female-workers": ("other", "", True),
    "2018-11-06-gong-you": ("other", "", True),
    "2018-12-03-workers-zhuhai-college-jilin-uni": ("other", "调研报告", True),
    "2019-11-04-death-of-a-sanitation-worker-in-guangzhou": ("other", "", True),
    "2020-02-09-workers-documentary": ("other", "纪实", True),
    "2020-02-21-homeless": ("news", "新闻", True),
}


def _write(out: Path, rel: str, data: bytes) -> str:
    path = out / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return rel


def _laws(mirrors: Path, out: Path) -> Iterator[dict]:
    repo = mirror_dir(mirrors, LAOSHENG)
    for stem, title, doctype, date in LAWS:
        src = f"falv/flk.npc/{stem}.txt"
        data = git_show(repo, src)
        text = data.decode("utf-8-sig")
        # guard: the hand-copied truth must still match the file's own 题注 and name
        assert title.replace("《", "").replace("》", "")[:12] in re.sub(r"\s", "", text)[:200].replace("《", "").replace("》", ""), stem
        y, m, d = date.split("-")
        assert f"{int(y)}年{int(m)}月{int(d)}日" in text[:1200], (stem, date)
        assert stem.endswith(date.replace("-", "")), stem
        rel = _write(out, f"laosheng/{stem}.txt", data)
        yield {
            "file": rel, "source": LAOSHENG, "source_path": src,
            "form": "txt", "kind": "law", "articles": 1,
            "title": title, "doctype": doctype, "date": date, "year": int(y),
            "issuer": NPCSC, "doc_number": None, "province": "全国", "city": None,
            "speaker": None, "level": "法律",
            "truth_from": {
                "title": "printed title (first lines of the text)",
                "date": "题注: latest 通过/修正/修订 date (read by eye; matches the _YYYYMMDD file name)",
                "issuer": "题注: body of the latest 通过/修正/修订 (全国人大常委会 session)",
                "doctype": "title ending (…法 / …决议)", "level": "NPC/NPCSC act",
                "doc_number": "no 令号 printed in the flk.npc text", "province": "national law",
            },
            "fixture": True,
        }


def _sbk(mirrors: Path, out: Path) -> Iterator[dict]:
    repo = mirror_dir(mirrors, SBK)
    for path, title, extra in SBK_DOCS:
        src = f"app/src/main/assets/{path}"
        data = git_show(repo, src)
        h2m = re.search(r"<h2[^>]*>(.*?)</h2>", data.decode("utf-8"), re.S)
        assert h2m, path
        printed = re.sub(r"\s", "", re.sub(r"<[^>]+>", "", h2m.group(1))).replace("[", "〔").replace("]", "〕")
        assert re.sub(r"^[^，。]*?号(?=人力)", "", printed).startswith(re.sub(r"\s", "", title)), (path, printed)
        if extra.get("doc_number"):
            assert extra["doc_number"] in printed, (path, printed)
        name = Path(path).name
        rel = _write(out, f"sbk/{name}", data)
        fields = {k: v for k, v in extra.items() if k != "kind_fixture"}
        truth_from = {"title": "printed <h2> title (= the app's folder name), doc-number suffix dropped"}
        for k in fields:
            truth_from[k] = {
                "doctype": "title ending", "issuer": "issuing body named at the head of the printed title",
                "doc_number": "number printed after the title (brackets normalised to 〔〕)",
                "province": "issuing body / doc-number prefix (吉人社, 长府) / national ministry",
                "city": "issuing body (长春市…) or national ministry (none)",
                "level": "notice/opinion of a government body",
            }[k]
        yield {
            "file": rel, "source": SBK, "source_path": src,
            "form": "word-html", "kind": "law" if extra.get("doctype") in ("办法", "细则") else "公文",
            "articles": 1,
            "title": title, "speaker": None,
            **fields,
            "truth_from": truth_from,
            "note": "body is the title plus page scans (JPG, not copied): only the title is text",
            "fixture": bool(extra.get("kind_fixture")),
        }


def _tongda(mirrors: Path, out: Path) -> Iterator[dict]:
    repo = mirror_dir(mirrors, TONGDA)
    index = git_show(repo, f"{TONGDA_DIR}/laodong.jsp").decode("utf-8")
    titles = dict(re.findall(r'<li><a href="laodong/laodonght(\d\d)\.jsp">([^<]+)</a>', index))
    for num, place in TONGDA_PAGES.items():
        src = f"{TONGDA_DIR}/laodong/laodonght{num}.jsp"
        data = git_show(repo, src)
        title = titles[num].strip()
        head = re.search(r'<div align="center">([^<]*)', data.decode("utf-8"))
        assert head, src
        header = head.group(1)
        assert header.replace(" ", "").startswith(title.replace(" ", "")[:6]), (num, title, header)
        rel = _write(out, f"tongda/laodonght{num}.html", data)
        rec = {
            "file": rel, "source": TONGDA, "source_path": src,
            "form": "html", "kind": "other", "articles": 1,
            "title": title, "doctype": "其他", "date": None, "year": None,
            "doc_number": None, "speaker": None, "level": None,
            "truth_from": {
                "title": "the library's own list page law/hyhetong/laodong.jsp (and the page header)",
                "doctype": "a labour-contract form/template, not an official document",
                "date": "a blank form: no date of its own", "doc_number": "a form has no 发文字号",
            },
            "fixture": False,
        }
        if not any(k in title for k in ("甘肃", "深圳", "内蒙古", "上海", "沈阳")) and num not in ("10", "19", "20"):
            rec["issuer"] = None
            rec["truth_from"]["issuer"] = "a generic form names no issuing body"
        for k, v in place.items():
            rec[k] = v
            rec["truth_from"][k] = "the form names no place (read by eye)"
        yield rec


_FM = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def _front_matter(text: str) -> dict[str, str]:
    m = _FM.match(text)
    assert m, "no front matter"
    fm = {}
    for line in m.group(1).splitlines():
        k, sep, v = line.partition(":")
        if sep and k.strip() and not line.startswith((" ", "\t")):
            fm[k.strip()] = v.strip()
    return fm


def _terminus(mirrors: Path, out: Path) -> Iterator[dict]:
    repo = mirror_dir(mirrors, TERMINUS)
    for stem, (kind, doctype, keep_date) in TERMINUS_POSTS.items():
        src = f"_posts/{stem}.md"
        data = git_show(repo, src)
        fm = _front_matter(data.decode("utf-8"))
        title = fm["title"].strip()
        if len(title) >= 2 and title[0] == title[-1] == '"':
            title = title[1:-1].strip()
        date = fm["date"].split()[0]
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", date) and stem.startswith(date), (stem, date)
        rel = _write(out, f"terminus/{stem}.md", data)
        truth_from: dict[str, str] = {
            "title": "Jekyll front matter title (= the archived article's own title)",
            "year": "Jekyll front matter date",
            "doc_number": "an article, not a 公文", "level": "not a law or rule",
        }
        rec: dict[str, object] = {
            "file": rel, "source": TERMINUS, "source_path": src,
            "form": "md", "kind": kind, "articles": 1,
            "title": title, "year": int(date[:4]),
            "doc_number": None, "level": None,
            "truth_from": truth_from,
            "fixture": False,
        }
        if keep_date:
            rec["date"] = date
            truth_from["date"] = "Jekyll front matter date (the archive's date for the article)"
        if doctype:
            rec["doctype"] = doctype
            truth_from["doctype"] = "read by eye: title/opening (调研报告, 纪实, 诉求信/声援书/联名信 → 其他, media report → 新闻)"
        yield rec


def build(mirrors: Path, out: Path) -> Iterator[dict]:
    out.mkdir(parents=True, exist_ok=True)
    yield from _laws(mirrors, out)
    yield from _sbk(mirrors, out)
    yield from _tongda(mirrors, out)
    yield from _terminus(mirrors, out)
