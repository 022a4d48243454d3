"""Raw HTML pages exactly as news, government and party sites served them (corpus helper `rawhtml`, issue 10).

Every file is copied byte for byte out of a fetched git mirror: the whole page with its navigation, 来源：/
时间：/责任编辑 lines, 【字号】/打印/关闭/分享 furniture, related-article lists and footers, in the encoding the
repository holds it (mostly UTF-8; one GB18030 page; several people.com.cn / youth.cn pages were re-saved as
UTF-8 but still declare charset=gb2312 in their <meta>, which is how the repositories hold them).

Public material on GitHub that keeps raw pages is scarce and the code index does not cover .html files, so the
pages come from the test fixtures and benchmark sets of web-content extractors:

* GeneralNewsExtractor/GeneralNewsExtractor (GPL-3.0) -- `tests/<site>/N.html`, `visiable_test/...`: pages of
  网易, 新浪, 凤凰, 澎湃, 人民网, 新华网, 观察者, 长江网, 和讯, 证券时报, 中山网, 当代商报, 头条, 腾讯, 中国载人航天,
  the Shanxi provincial government portal (山西要闻, with ArticleTitle/PubDate/ContentSource <meta>), the Zhejiang
  发改委 site (信息来源：省发改委), a www.gov.cn 国务院公报 page (an NPCSC 决议 with its 题注) and a university
  纪检 site's copy of the 监察法 (whose page 发布时间 is not the law's date).
* opendatalab/magic-html (Apache-2.0) -- `benchmark/data/article/htmls/<sha256>.html` with the address of each
  page in `benchmark/data/article/base.json`: 新华网, 人民网, 光明网, 中国青年网, 中国网, 新浪, 财经网, 中国科普网
  (kepu.gov.cn) and two Yahoo Hong Kong pages in traditional characters (Reuters and AFP copy).
* Gerapy/GerapyAutoExtractor (Apache-2.0) -- `samples/detail/*.html`: 中国网 (求是网 copy), 凤凰网, 网易.
* mozilla/readability (Apache-2.0) -- `test/test-pages/{gmw,youth,qq}/source.html`.
* AndyTheFactory/newspaper4k (MIT) -- `tests/data/html/chinese_article*.html`: BBC中文网, 中国日报网, 新华网.
* goose3/goose3 (Apache-2.0) -- `tests/data/schema/test_schema_list.html`: a 中央社 (CNA, Taiwan) page in
  traditional characters.
* adbar/trafilatura (Apache-2.0) -- `tests/eval/*`: 新华网河北频道 (GB18030, via archive.org), 半月谈, 新华网.
* uestcmee/my_thesis (no licence stated; a thesis project on central-bank communication) --
  `01_央行新闻pbc_crawler/大事记htmls/YYYY年中国货币政策大事记.html`: www.pbc.gov.cn pages saved by a browser
  (货币政策司 > 货币政策执行报告 > 货币政策大事记), with 字号 大 中 小, "文章来源：货币政策司", the posting time,
  打印本页 / 关闭窗口 and the site footer.  A 大事记 is a chronicle, neither a 公文 nor a news report, so only
  the labels the page settles are given: title (the printed heading), no 文号, 全国 (a national body), no
  city, speaker or 效力级别.  doctype, date (the page shows only its posting time) and issuer (货币政策司 of the
  中国人民银行) are left unchecked.

Truth: read by eye from each page and written into the tables below; build() checks that every title is
printed in the page body and that the date is printed on the page, so a changed file fails loudly.
* News reports (doctype 新闻): title = the headline as printed (the <h1>, or the heading line above the
  time/来源 line where the page has no <h1>); date = the page's own publication time (时间：/发布日期：/发稿时间：
  or the time printed under the headline), which for a news report IS its date; issuer, doc_number, speaker
  and level are empty for news.  Province/city are not given (a report's subject region is not a label the
  source states).
* The 国务院公报 page: title from the printed three-line heading, date from the 题注 "（2007年6月29日第十届全国人民
  代表大会常务委员会第二十八次会议通过）" (not the page's firstpublishedtime 2007-08-20), issuer the NPCSC.
* The 监察法 page: title and the sentence "2018年3月20日，第十三届全国人大一次会议表决通过了《中华人民共和国监察法》"
  printed above the articles (the page's 发布时间 2018-05-17 is the posting date, not the law's).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

from scripts.real_corpus import git_show, mirror_dir

GNE = "github:GeneralNewsExtractor/GeneralNewsExtractor"
MAGIC = "github:opendatalab/magic-html"
GERAPY = "github:Gerapy/GerapyAutoExtractor"
READABILITY = "github:mozilla/readability"
NP4K = "github:AndyTheFactory/newspaper4k"
GOOSE = "github:goose3/goose3"
TRAF = "github:adbar/trafilatura"
PBC = "github:uestcmee/my_thesis"

FETCH = [GNE, MAGIC, GERAPY, READABILITY, NP4K, GOOSE, TRAF, PBC]

# ------------------------------------------------------------------------------------------------ news pages
# (repo, path in the repo, file name under out/, headline as printed, publication date, where the date is printed)
# magic-html paths are given by the first 12 hex digits of the sha256 file name.
NEWS: list[tuple[str, str, str, str, str, str]] = [
    # GeneralNewsExtractor test pages
    (GNE, "tests/163/1.html", "gne/163_1.html",
     '多地项目连环爆雷 狂奔的龙湖集团"暗伤"曝露？', "2019-09-07", "标题下时间“2019-09-07 13:43:45　来源:”"),
    (GNE, "tests/163/3.html", "gne/163_3.html",
     '奖金711万元！"中国诺贝尔奖"首位获奖女性啥来头?', "2019-09-08", "标题下时间“2019-09-08 00:20:15　来源:”"),
    (GNE, "tests/163/6.html", "gne/163_6.html",
     '男孩因不想上补习班 写"救命啊"纸团抛出引来警察', "2019-09-09", "标题下时间“2019-09-09 16:19:28　来源:”"),
    (GNE, "tests/163/7.html", "gne/163_7.html",
     "亚马逊海外购“限时快闪店”登陆拼多多", "2019-11-25", "标题下时间“2019-11-25 11:01:53　来源:”"),
    (GNE, "tests/163/8.html", "gne/163_8.html",
     "国务院联防联控机制:湖北和武汉要严格管控防输出", "2020-02-29", "标题下时间“2020-02-29 18:34:31　来源:”"),
    (GNE, "tests/cjddsb/1.html", "gne/cjddsb_1.html",
     "常德市金融系统积极开展“金融知识普及月 金融知识进万家”活动", "2019-09-23",
     "“来源：当代商报 时间：2019-09-23 14:34:05”"),
    (GNE, "tests/cjn/1.html", "gne/cjn_1.html",
     "外媒眼中的武汉长假：蓬勃发展，欢声笑语", "2020-10-04", "标题下“2020-10-04 20:30 来源: 长江网”"),
    (GNE, "tests/gzggw/1.html", "gne/zjdpc_1.html",
     "1-10月德清县固定资产投资结构趋稳趋优", "2016-11-22", "“发布日期：2016-11-22 … 信息来源：省发改委”"),
    (GNE, "tests/hexun/1.html", "gne/hexun_1.html",
     "交通运输部：着力打造京津冀区域综合立体交通网络", "2019-09-26", "标题下时间“2019-09-26 10:56:28”"),
    (GNE, "tests/ifeng/1.html", "gne/ifeng_1.html",
     "女童眼睛被塞几十片纸，“无法用科学解释”", "2019-11-25", "标题下时间“2019年11月25日 16:04:30”"),
    (GNE, "tests/ifeng/2.html", "gne/ifeng_2.html",
     "他放弃百万年薪来到这里 唯一的要求竟是……", "2019-09-09", "标题下时间“2019年09月09日 18:13:22”"),
    (GNE, "tests/ifeng/3.html", "gne/ifeng_3.html",
     "疫情防控常态化下，长春市的新经济之路", "2020-09-11", "标题下时间“2020年09月11日 18:05”"),
    (GNE, "tests/people/1.html", "gne/people_1.html",
     "女儿出嫁，郑板桥画了几笔兰花当嫁妆", "2019-06-15", "标题下“2019年06月15日08:18  来源：”"),
    (GNE, "tests/shanxi/1.html", "gne/shanxigov_1.html",
     "山西品牌丝路行（南美站）正式启动", "2019-09-18", "“时间：2019-09-18 06:23 来源：山西日报”；<meta name=\"PubDate\">"),
    (GNE, "tests/sina/1.html", "gne/sina_1.html",
     "中国人习以为常的地方 为何老外却说“了不得”？", "2019-11-25", "标题下时间“2019年11月25日 18:57”"),
    (GNE, "tests/sina/2.html", "gne/sina_2.html",
     '60万"12306账号"外泄? 中铁总辟谣称消息不实', "2018-12-28", "标题下时间“2018年12月28日 19:55”"),
    (GNE, "tests/sina/5.html", "gne/sina_5.html",
     "陈同佳刑满出狱 向潘晓颖家人鞠躬致歉", "2019-10-23", "标题下时间“2019年10月23日 09:05”"),
    (GNE, "tests/sina/sina.html", "gne/sina_6.html",
     "最强“中国芯”本月商用 华为抢跑5G芯片大战", "2019-09-07", "标题下时间“2019年09月07日 04:04”"),
    (GNE, "tests/stcn/1.html", "gne/stcn_1.html",
     "午间公告：天奇股份中标广汽丰田项目；运达股份中标7亿元项目", "2019-09-26",
     "标题下“2019-09-26 12:11 来源：证券时报网 作者：李在山”"),
    (GNE, "tests/thepaper/1.html", "gne/thepaper_1.html",
     "共享充电宝涨价告别1元时代：是“收割韭菜”还是回归理性", "2019-09-24", "标题下时间“2019-09-24 09:10”"),
    (GNE, "tests/thepaper/3.html", "gne/thepaper_3.html",
     "新年伊始，习近平的重要文章谈了啥？", "2020-01-03", "标题下时间“2020-01-03 18:13”"),
    (GNE, "tests/thepaper/5.html", "gne/thepaper_5.html",
     "柳叶刀：味觉嗅觉丧失是新冠感染最强预测指标，优于发烧咳嗽", "2020-06-06", "标题下“2020-06-06 10:08 来源：澎湃新闻”"),
    (GNE, "tests/xinhuanet/1.html", "gne/xinhuanet_1.html",
     "法国全国大罢工再次严重影响交通", "2019-12-10", "标题下“2019-12-10 07:57:40 来源：新华网”"),
    (GNE, "tests/zsnews/1.html", "gne/zsnews_1.html",
     "顺德区大良街道党工委委员潘卓辉一行到众创金融街开展调研工作", "2019-03-06", "“发布日期：2019-03-06 责任编辑：龙慧”"),
    (GNE, "tests/guancha/2.html", "gne/guancha_2.html",
     "我国集成电路进口突破3000亿美元！魏少军：产业结构扭曲，没将产品作为中心", "2019-09-07",
     "标题下“2019-09-07 15:10:53 来源：EETOP”"),
    (GNE, "tests/guancha/3.html", "gne/guancha_3.html",
     "苹果回应“违反中国劳动法”：大多数指控错误", "2019-09-09", "标题下“2019-09-09 19:32:27 来源：中新网”"),
    (GNE, "tests/qq/2.html", "gne/qq_2.html",
     "棱镜|数据业大整顿：爬虫与现金贷共生共荣，用户信息几元不等", "2019-09-23", "标题下时间“2019-09-23 07:48”"),
    (GNE, "tests/toutiao/5.html", "gne/toutiao_5.html",
     "顺丰小哥汪勇连升3级，国家授予特别奖：时代永远在奖励解决问题的摆渡人", "2020-03-09", "标题下时间“2020-03-09 18:14:21”"),
    (GNE, "visiable_test/cmse/1.html", "gne/cmse_2.html",
     "载人航天工程全线备战空间站建造任务", "2021-01-05", "“发布日期: 2021-01-05 信息来源: 中国空间技术研究院…”"),
    (GNE, "visiable_test/163/1.html", "gne/163_10.html",
     "广西省发生了一起事件，位置在来宾市，画面曝光", "2021-02-18", "标题下时间“2021-02-18 07:02:10　来源:”"),
    # magic-html benchmark pages
    (MAGIC, "4e55eac42f97", "magic/kepu_20231201.html",
     "习近平主持召开深入推进长三角一体化发展座谈会", "2023-12-01", "标题下“来源：新华社 … 2023-12-01 14:43”"),
    (MAGIC, "42076fe0b7e3", "magic/sina_20160525.html",
     "人民币中间价创逾五年新低 做市商称符合预期", "2016-05-25", "标题下时间“2016年05月25日10:10”"),
    (MAGIC, "14b709df543c", "magic/newscn_20240509.html",
     "李强在新疆调研时强调 彰显特色优势 提高开放水平 在高质量发展中增进民生福祉促进长治久安", "2024-05-09",
     "标题下“2024-05-09 22:27:02 来源：新华网”；<meta name=\"publishdate\">"),
    (MAGIC, "090704b0cb2e", "magic/henewscn_20240515.html",
     "新华视界｜河北遵化：数字农机服务助力农业生产", "2024-05-15", "标题下时间“2024-05-15 08:58:52”"),
    (MAGIC, "1e20e0271231", "magic/people_20240510.html",
     "在新时代中部地区崛起中争先出彩（推动高质量发展·权威发布）", "2024-05-10",
     "标题下“2024年05月10日06:58 | 来源：”及“《 人民日报 》（ 2024年05月10日 04 版）”"),
    (MAGIC, "45fcfa7d6741", "magic/people_20240517.html",
     "关注青少年心理健康“心成长”服务项目启动", "2024-05-17", "标题下“2024年05月17日08:59  来源：”"),
    (MAGIC, "665b6857803a", "magic/sina_20240510.html",
     "城市有轨电车之困：一边争相上马，一边接连叫停", "2024-05-10", "标题下时间“2024年05月10日 00:26”"),
    (MAGIC, "1b929fec5b59", "magic/sina_20240516.html",
     "被控受贿超5.26亿 山东省青岛市政协原主席汲斌昌受审", "2024-05-16", "标题下时间“2024年05月16日 17:02”"),
    (MAGIC, "2681eeacec6a", "magic/yahoohk_20240522.html",
     "日本企業5月信心保持穩定 但日圓疲弱推高成本損害利潤", "2024-05-22",
     "標題下 <time datetime=\"2024-05-22T00:21:04.000Z\">2024年5月22日週三 上午8:21</time>（香港時間）"),
    (MAGIC, "b5b26f9fb331", "magic/yahoohk_20240520.html",
     "義大利公開賽 茲韋列夫封王", "2024-05-20", "標題下 <time>2024年5月20日週一 下午2:05</time>"),
    (MAGIC, "a28ede747c82", "magic/gmw_20240513.html",
     "维护全人类共同利益需联手抵制保护主义", "2024-05-13", "标题下时间“2024-05-13 08:49”"),
    (MAGIC, "acce09a6bb58", "magic/gmw_20240520.html",
     "中国“太空养鱼”项目进展顺利 “鱼航员”状态良好", "2024-05-20",
     "标题下时间“2024-05-20 03:15”及“《光明日报》（2024年05月20日 03版）”"),
    (MAGIC, "9c642bd57e7c", "magic/youth_20240513.html",
     "我国首届养老专业本科生迎来毕业季 “银发浪潮”到来，年轻人可大展拳脚", "2024-05-13", "“发稿时间：2024-05-13 06:03:00”"),
    (MAGIC, "39dd62c5ba88", "magic/youth_20240520.html",
     "以战时内阁审查重启停火谈判提案", "2024-05-20", "“发稿时间：2024-05-20 13:15:00”"),
    (MAGIC, "5da9b27b0b9b", "magic/chinacomcn_20240513.html",
     "呼和浩特：对生育二孩、三孩的呼市户籍家庭发放一次性育儿津贴5000元", "2024-05-13", "标题下“2024-05-13 13:48 来源：中国网”"),
    (MAGIC, "7f67d45fb12c", "magic/chinacomcn_20240520.html",
     "北京：古北水镇“光之城”文旅融合系列IP推出", "2024-05-20", "标题下“2024-05-20 09:37 来源：中国网”"),
    (MAGIC, "6558a82cd7af", "magic/caijing_20240520.html",
     "5月LPR按兵不动：1年期为3.45%，5年期以上为3.95%", "2024-05-20", "标题下时间“2024-05-20 09:47:48”"),
    # Gerapy samples
    (GERAPY, "samples/detail/china_news1.html", "gerapy/chinanews_20200704.html",
     "【中国稳健前行】坚定实施扩大内需战略", "2020-07-04", "“2020年07月04日 12:10　来源：求是网”"),
    (GERAPY, "samples/detail/ifeng_news1.html", "gerapy/ifeng_20190220.html",
     "故宫，你低调点！故宫：不，实力已不允许我继续低调", "2019-02-20", "标题下时间“2019年02月20日 02:26:00”"),
    (GERAPY, "samples/detail/netease_news1.html", "gerapy/163_20200704.html",
     "美国新冠肺炎确诊病例超278万例 死亡129227例", "2020-07-04", "标题下时间“2020-07-04 01:55:04　来源:”"),
    # Mozilla Readability test pages
    (READABILITY, "test/test-pages/gmw/source.html", "readability/gmw_20170310.html",
     "宇航员在太空中喝酒会怎么样？后果很严重", "2017-03-10", "标题下时间“2017-03-10 09:58”"),
    (READABILITY, "test/test-pages/youth/source.html", "readability/youth_20170310.html",
     "海外留学生看两会：出国前后关注点大不同", "2017-03-10", "“发稿时间：2017-03-10 08:42:00”"),
    (READABILITY, "test/test-pages/qq/source.html", "readability/qq_20161014.html",
     "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶", "2016-10-14", "标题下时间“2016年10月14日07:17”"),
    # newspaper4k test pages
    (NP4K, "tests/data/html/chinese_article.html", "newspaper4k/bbc_20121210.html",
     "港特首梁振英就住宅违建事件道歉", "2012-12-10", "标题下“2012年12月10日, 格林尼治标准时间10:41”"),
    (NP4K, "tests/data/html/chinese_article_001.html", "newspaper4k/chinadaily_20231117.html",
     "外国专家：中美合作共赢符合国际社会利益", "2023-11-17", "标题下时间“2023-11-17 15:13”"),
    (NP4K, "tests/data/html/chinese_article_002.html", "newspaper4k/xinhuanet_20231117.html",
     "短缺药品保供稳价 全力保障临床用药需求", "2023-11-17", "标题下时间“2023-11-17 20:52:15”"),
    # goose3: 中央社 page in traditional characters
    (GOOSE, "tests/data/schema/test_schema_list.html", "goose3/cna_20230221.html",
     "鄭文燦：多元方案解決蛋荒 預估3月初緩解", "2023-02-21", "標題下時間“2023/2/21 21:20”"),
    # trafilatura evaluation pages
    (TRAF, "tests/eval/archive.org.he.xinhuanet.com.25340717.html", "trafilatura/hexinhuanet_20120604.html",
     "话剧《约定无期限》河北各市巡演结束", "2012-06-04", "标题下时间“2012-06-04 09:20:26”（GB18030 页面）"),
    (TRAF, "tests/eval/banyuetan.org.1000200033136171577956287380194268_1.html", "trafilatura/banyuetan_20200102.html",
     "益阳：“数字”是优长", "2020-01-02", "标题下“2020-01-02 17:11 来源：半月谈网”"),
    (TRAF, "tests/eval/xinhuanet.com.c_1125597921.html", "trafilatura/xinhuanet_20200219.html",
     "武汉的声音：有英勇的你，才有英雄的城！", "2020-02-19", "标题下时间“2020-02-19 20:29:58”"),
]

# Traditional-character pages (Hong Kong Yahoo, Taiwan CNA)
TRADITIONAL = {"magic/yahoohk_20240522.html", "magic/yahoohk_20240520.html", "goose3/cna_20230221.html"}

# --------------------------------------------------------------------------------------------- helpers


def decode(raw: bytes) -> str:
    m = re.search(rb"charset\s*=\s*[\"']?([\w-]+)", raw[:4000], re.I)
    encodings = ([m.group(1).decode("ascii").lower()] if m else []) + ["utf-8", "gb18030"]
    for enc in encodings:
        try:
            return raw.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", "replace")


def body_text(page: str) -> str:
    """The page's visible text after <head>, without spaces, for checking that a title is printed."""
    body = re.split(r"</head\s*>", page, maxsplit=1, flags=re.I)[-1]
    body = re.sub(r"<script.*?</script>|<style.*?</style>", "", body, flags=re.S | re.I)
    text = html.unescape(re.sub(r"<[^>]+>", "", body))
    return re.sub(r"[\s\u3000\xa0]+", "", text)


def has_date(page: str, date: str) -> bool:
    y, m, d = (int(x) for x in date.split("-"))
    rx = rf"{y}\s*[-年/.]\s*0?{m}\s*[-月/.]\s*0?{d}(?!\d)"
    return re.search(rx, page) is not None


def page_url(page: str) -> str | None:
    for rx in (r'<meta[^>]+property="og:url"[^>]+content="(https?://[^"]+)"',
               r'<link[^>]+rel="canonical"[^>]+href="(https?://[^"]+)"',
               r'<meta[^>]+name="url"[^>]+content="(https?://[^"]+)"'):
        m = re.search(rx, page, re.I)
        if m:
            return m.group(1)
    return None


def write(out: Path, rel: str, data: bytes) -> None:
    p = out / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)


class Repos:
    def __init__(self, mirrors: Path):
        self.mirrors = mirrors
        self.dirs: dict[str, Path] = {}
        self.magic_urls: dict[str, str] | None = None
        self.magic_files: list[str] | None = None

    def dir(self, repo: str) -> Path:
        if repo not in self.dirs:
            self.dirs[repo] = mirror_dir(self.mirrors, repo)
        return self.dirs[repo]

    def magic(self, prefix: str) -> tuple[str, str]:
        """(path, url) of the magic-html benchmark page whose sha256 name starts with prefix."""
        repo = self.dir(MAGIC)
        if self.magic_urls is None:
            base = json.loads(git_show(repo, "benchmark/data/article/base.json"))
            self.magic_urls = {k: v.get("url", "") for k, v in base.items()}
        [key] = [k for k in self.magic_urls if k.startswith(prefix)]
        return f"benchmark/data/article/htmls/{key}.html", self.magic_urls[key]


def record(rel: str, repo: str, path: str, url: str | None, kind: str, fixture: bool,
           fields: dict, truth_from: dict) -> dict:
    rec: dict = {"file": rel, "source": repo, "source_path": path}
    if url:
        rec["url"] = url
    rec.update({"form": "html", "kind": kind, "articles": 1})
    rec.update(fields)
    rec["truth_from"] = truth_from
    rec["fixture"] = fixture
    return rec


# ------------------------------------------------------------------------------------------------- build


def build_news(repos: Repos, out: Path) -> Iterator[dict]:
    seen: set[str] = set()
    for repo, path, rel, title, date, date_where in NEWS:
        url = None
        if repo == MAGIC:
            path, url = repos.magic(path)
        raw = git_show(repos.dir(repo), path)
        page = decode(raw)
        flat = body_text(page)
        assert re.sub(r"\s+", "", title) in flat, (path, title)
        assert has_date(page, date) or repo == MAGIC and "yahoohk" in rel and date[:7] in page, (path, date)
        assert rel not in seen
        seen.add(rel)
        url = url or page_url(page)
        write(out, rel, raw)
        fields = {
            "title": title,
            "doctype": "新闻",
            "date": date,
            "year": int(date[:4]),
            "issuer": None,
            "doc_number": None,
            "speaker": None,
            "level": None,
        }
        tf = {
            "title": "页面所印标题（<h1>或时间/来源行上方的标题行），读页面核对",
            "doctype": "新闻报道页面（来源/时间/责任编辑等新闻栏目格式）",
            "date": f"新闻的发布时间：{date_where}",
            "year": "发布时间",
            "issuer": "新闻无发文机关",
            "doc_number": "新闻无文号",
            "speaker": "新闻非讲话",
            "level": "新闻无效力级别",
        }
        if rel in TRADITIONAL:
            tf["title"] += "（繁体字页面）"
        yield record(rel, repo, path, url, "news", False, fields, tf)


NPCSC = "全国人民代表大会常务委员会"


def build_official(repos: Repos, out: Path) -> Iterator[dict]:
    # www.gov.cn 国务院公报 page: an NPCSC 决议 with its 题注
    path = "tests/other/1.html"
    raw = git_show(repos.dir(GNE), path)
    page = decode(raw)
    flat = body_text(page)
    title = "全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007年末国债余额限额的决议"
    assert title in flat, path
    assert "（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）" in flat, path
    rel = "gne/govcn_gongbao_2007_23.html"
    write(out, rel, raw)
    yield record(rel, GNE, path, page_url(page), "law", True, {
        "title": title,
        "doctype": "决议",
        "date": "2007-06-29",
        "year": 2007,
        "issuer": NPCSC,
        "doc_number": None,
        "province": "全国",
        "city": None,
        "speaker": None,
    }, {
        "title": "正文上方三行印刷标题（与<title>一致，去掉“__2007年第23号国务院公报_中国政府网”）",
        "doctype": "标题结尾“决议”",
        "date": "题注“（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）”；"
                "页面 firstpublishedtime 2007-08-20 是公报刊登日期，不用",
        "year": "题注日期",
        "issuer": "标题与题注：全国人大常委会",
        "doc_number": "页面未印文号",
        "province": "全国人大常委会",
        "city": "全国性机关",
        "speaker": "决议无讲话人",
    })

    # a university 纪检 site's copy of the 监察法
    path = "tests/sxmu/1.html"
    raw = git_show(repos.dir(GNE), path)
    page = decode(raw)
    flat = body_text(page)
    assert "中华人民共和国监察法" in flat and "发布时间:2018-05-17" in flat, path
    assert "2018年3月20日，第十三届全国人大一次会议表决通过了《中华人民共和国监察法》" in flat, path
    assert "第六十九条本法自公布之日起施行" in flat, path
    rel = "gne/sxmu_jianchafa.html"
    write(out, rel, raw)
    yield record(rel, GNE, path, page_url(page), "law", True, {
        "title": "中华人民共和国监察法",
        "doctype": "法律",
        "date": "2018-03-20",
        "year": 2018,
        "issuer": "全国人民代表大会",
        "doc_number": None,
        "province": "全国",
        "city": None,
        "speaker": None,
        "level": "法律",
    }, {
        "title": "正文标题",
        "doctype": "标题“…法”",
        "date": "正文前说明“2018年3月20日，第十三届全国人大一次会议表决通过了《中华人民共和国监察法》”；"
                "页面“发布时间: 2018-05-17”是转载日期，不用",
        "year": "通过日期",
        "issuer": "说明中的通过机关：第十三届全国人大一次会议",
        "doc_number": "页面未印主席令号",
        "province": "全国人大制定的法律",
        "city": "全国性法律",
        "speaker": "法律无讲话人",
        "level": "全国人大通过的法律",
    })


# www.pbc.gov.cn 货币政策大事记 pages: (year, posting time printed after "文章来源：货币政策司")
PBC_PAGES = {
    2003: "2004-03-25 10:56:00",
    2007: "2008-02-27 11:00:00",
    2011: "2012-02-28 11:29:15",
    2015: "2016-02-23 17:49:54",
    2019: "2020-02-19 20:28:58",
}


def build_pbc(repos: Repos, out: Path) -> Iterator[dict]:
    repo = repos.dir(PBC)
    for year, posted in PBC_PAGES.items():
        title = f"{year}年中国货币政策大事记"
        path = f"01_央行新闻pbc_crawler/大事记htmls/{title}.html"
        raw = git_show(repo, path)
        page = decode(raw)
        flat = body_text(page)
        assert f"高级搜索{title}字号大中小文章来源：货币政策司{posted.replace(' ', '')}打印本页关闭窗口" in flat, path
        rel = f"pbc/{title}.html"
        write(out, rel, raw)
        yield record(rel, PBC, path, page_url(page), "other", True, {
            "title": title,
            "doc_number": None,
            "province": "全国",
            "city": None,
            "speaker": None,
            "level": None,
        }, {
            "title": "正文上方标题（与<title>一致）",
            "doc_number": "大事记无文号",
            "province": "中国人民银行（全国性机关）",
            "city": "全国性机关",
            "speaker": "大事记无讲话人",
            "level": "大事记非规范性文件",
            "unchecked": f"doctype（大事记）、date（页面只印发布时间 {posted}）、issuer（文章来源：货币政策司）不给",
        })


def build(mirrors: Path, out: Path) -> Iterator[dict]:
    out.mkdir(parents=True, exist_ok=True)
    repos = Repos(mirrors)
    yield from build_official(repos, out)
    yield from build_pbc(repos, out)
    yield from build_news(repos, out)
