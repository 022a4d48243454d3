"""Text patterns shared by the cleaner, the splitter and the labeller: what a heading, a subtitle,
a byline (speaker or author line), a document number or a sentence end looks like."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import NATIONAL_ORG, Gazetteer

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK}]")
NOT_CJK_RE = re.compile(f"[^{CJK}]+")
WORD_CHAR_RE = re.compile(r"[^\W_]")  # a letter, digit or character of any script
SENTENCE_END = "。！？!?…"
CLOSING_QUOTES = "”’」』"
INNER_PUNCT = re.compile(r"[，。；！？,;!?]")

# 一、 （一） 1． 第一章 第三条 …: headings inside an article
NUMBERED_HEADING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[章节条部分篇编]|[一二三四五六七八九十]+\s*[、.．]|"
    r"[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[、.．](?!\d)|[①-⑳])"
)
# A book's part headings: 指导性文件篇, 经验交流篇, 第一部分, 一、全总领导讲话 (short)
SECTION_HEADING = re.compile(r"^(?:.{2,12}篇|第[一二三四五六七八九十]+(?:部分|编|篇|章)\s*.{0,14}|[一二三四五六七八九十]+、\s*\S.{0,10})$")
SUBTITLE = re.compile(r"^\s*(?:——|－－|--|—|－|-\s)\s*(?P<text>\S.*)$")
_FULL_DATE = r"(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日"
# lines under a title that give who issued the text and when (header lines, not headings):
# 1994年12月6日，劳动部 / 劳动部一九九四年十二月十四日发布
DATE_AND_BODY = re.compile(rf"^(?P<date>{_FULL_DATE})\s*[，,、]\s*(?P<org>[\u4e00-\u9fff、]{{2,40}})$")
ISSUED_LINE = re.compile(
    r"^(?P<org>[\u4e00-\u9fff、]{2,40}?(?:部|委员会|委|局|署|总局|人民政府|办公厅|办公室|国务院|总工会))"
    rf"(?P<date>{_FULL_DATE})(?:发布|公布|颁布|印发)$"
)
# 2025年1月20日在四川省第十四届人民代表大会第四次会议上: a speech's date and meeting, without the dash
DATED_MEETING = re.compile(r"^[（(]?\s*(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年.{1,12}日\s*在.{2,80}(?:会议|大会|会|典礼|仪式|论坛)上")
# Words a subtitle or title ends with when it is complete.
COMPLETE_SUBTITLE = re.compile(
    r"(?:讲话|发言|发言摘要|讲话摘要|致辞|报告|工作报告|纪实|侧记|综述|纪要|调查|调研|思考|探索|实践|分析|研究|体会|做法|经验|启示|对策|建议|札记|摘要)\s*$"
)
STRUCTURAL_WORDS = {
    "目录", "目次", "前言", "序言", "序", "后记", "编后记", "编者按", "出版说明", "编辑说明", "说明", "附件",
    "附录", "编者", "同志们", "参考文献",
}
DOC_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fffA-Za-z]{1,12}?)\s*[〔\[【（(［﹝{｛]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]】）)］﹞}｝]\s*"
    r"第?\s*(?P<num>\d{1,5})\s*号"
)
# Words before a document number in running text that are not part of its prefix.
_DOC_NUMBER_LEAD = re.compile(r"^.*?(?:根据|按照|依据|依照|参照|印发|转发|见|和|及|与|以|据|的|《[^》]*》|[（(])")
# 令 numbers: 中华人民共和国主席令第二十四号, 国务院令第535号, 河北省人民政府令〔2021〕第1号
_ORDER_BODY = r"[\u4e00-\u9fff]{2,24}?(?:人民政府|部|委员会|委|总局|局|署|银行|法院|检察院)"
ORDER = re.compile(
    rf"(?P<org>(?:中华人民共和国)?(?:主席|国务院|(?:{_ORDER_BODY}、){{0,8}}{_ORDER_BODY}))令"
    r"\s*[（(]?\s*(?:(?:[〔\[(（]\s*(?P<year>(?:19|20)\d{2})\s*[〕\])）])\s*第?|第)\s*(?P<num>[\d一二三四五六七八九十百零〇]+)\s*号\s*[）)]?"
)
REDHEAD = re.compile(r"^(?P<org>.{2,40}?)\s*文\s*件$")  # 中华全国总工会文件

# The most common Chinese surnames (single and double), enough to tell a name line from a phrase.
SURNAMES_DOUBLE = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯", "宇文", "长孙", "端木")
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向"
    "汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚"
    "岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟"
    "邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井"
    "祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆"
    "茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由洪赖凤贲贝习寿虎"
    "鄂庹励竺钮矫逄郄贠员郇拓雒税达才邴郤荀桓糜蓟扶堵宰郦璩濮通郏别充宦鱼慎庾终暨步弘广禄东殳沃蔚越夔厍融訾"
    "空毋乜养须巢蒯后红益仉督缑有琴赏墨谯笪年爱能苍双莘贡韶咸籍怀从"
)
NAME = rf"(?:{'|'.join(SURNAMES_DOUBLE)}|[{''.join(sorted(SURNAMES))}])[{CJK}]{{1,2}}"
NAME_LINE = re.compile(rf"^(?:{'|'.join(SURNAMES_DOUBLE)}|[{''.join(sorted(SURNAMES))}])[{CJK}](?:\s?[{CJK}])?$")
# Titles and organisations that come before a speaker's or author's name.
TITLE_WORDS = re.compile(
    r"(?:主席|书记|主任|部长|厅长|局长|市长|省长|区长|县长|州长|总理|委员|常委|会长|理事长|秘书长|总经理|董事长|院长|校长|处长|"
    r"科长|司长|组长|巡视员|调研员|干部|教授|研究员|记者|总工会|工会|委员会|政府|人大|政协|党委|党组|大学|学院|研究所|"
    r"研究院|课题组|公司|集团|协会|工作部|保障部|办公室|办公厅)"
)
ORG_ENDINGS = re.compile(
    r"(?:总工会|工会|工作部|保障部|保障工作部|委员会|课题组|研究室|研究会|办公厅|办公室|部|厅|局|委|市委|省委|党委|党组|国务院|法院|检察院|"
    r"政府|人民政府|协会|联合会|公司|集团|大学|学院|研究所|研究院|党校|中心|联合课题组)$"
)
SIGNATURE_WORDS = {"编者", "本书编者", "编委会", "本书编委会", "编写组", "本书编写组", "编辑部", "本刊编辑部"}
AUTHOR_MARK = re.compile(r"^(?:作者|撰稿|执笔|文|供稿|整理)\s*[：:／/]\s*(?P<rest>.+)$|^[□■●◎○]\s*(?P<rest2>.+)$")


_FORWARDS = re.compile(r"转发|印发|批转|关于")
POSTS = _POSTS = "主席|副主席|书记|副书记|主任|部长|厅长|局长|市长|省长|区长|县长|州长|盟长|旗长|总理|副总理|会长|理事长|秘书长|院长|检察长"
# 艾尔肯·吐尼亚孜: names of the minorities, written with a middle dot
DOTTED_NAME = rf"[{CJK}]{{1,8}}[·•・][{CJK}]{{1,10}}(?:[·•・][{CJK}]{{1,10}})?"
_REPORT_VERB = re.compile(r"(?:代表[\u4e00-\u9fff]{2,12})?(?:向大会)?作(?:政府|法院|检察院|常委会)?工作报告$|作报告$")


@dataclass(frozen=True)
class Byline:
    """A speaker's or author's line: 中共辽宁省委常委、省总工会主席 赵国强 / 张俊九 / 江苏省总工会."""

    name: str | None
    title: str | None  # the person's posts, or the organisation
    org_only: bool = False


# a law's 题注: （2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过 …）, or without brackets
CAPTION = re.compile(
    r"^[（(【\[]?\s*(?:(?:19|20)\d{2}\s*年|[〇零一二三四五六七八九]{4}年|(?:中[华華])?民[国國]\s*\d{1,3}\s*年|根据).{0,600}?"
    r"(?:通过|公布|修正|修订|批准|施行|发布|颁布|印发|修改|制定|三读|增订|增訂|删除|刪除)"
)


def is_caption(text: str) -> bool:
    """A law's 题注 line (dates and what bodies did then), not a sentence of the text."""
    line = text.strip()
    if len(line) > 800 or not CAPTION.match(line):
        return False
    return line[0] in "（(【[" or (not line.endswith("。") and len(line) <= 300)


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def has_sentence_punct(text: str) -> bool:
    return bool(INNER_PUNCT.search(text))


def is_name(text: str) -> bool:
    """A person's name (not a body that starts with a surname's character: 国务院)."""
    text = text.strip()
    return bool(NAME_LINE.match(text) or re.fullmatch(DOTTED_NAME, text)) and not NATIONAL_ORG.fullmatch(compact(text))


_LOST_SPACE = re.compile(rf"({_POSTS})[?？]")


def parse_byline(text: str, gazetteer: Gazetteer) -> Byline | None:
    """A line that says who spoke or wrote, or None. Never a sentence, never a long line."""
    line = _REPORT_VERB.sub("", text.strip())  # 省长王凯作政府工作报告: the speaker line of a work report
    line = _LOST_SPACE.sub(r"\1 ", line)  # 国务院总理?李克强: a space an encoding lost
    if not line or len(line) > 60 or has_sentence_punct(line.replace("、", "")) or line.endswith(("：", ":")):
        return None
    if _FORWARDS.search(line):  # 国务院办公厅转发国家计委、机电部: the first line of a title
        return None
    marked = AUTHOR_MARK.match(line)
    if marked:
        line = (marked["rest"] or marked["rest2"] or "").strip()
    if is_name(line):  # a name alone: not a word that happens to start with a surname (党政, 路演)
        from .segment import get_segmenter

        name = compact(line)
        return Byline(name, None) if "·" in name or get_segmenter().is_person_name(name) else None
    # posts, then the name after a space: 中共辽宁省委常委、省总工会主席 赵国强 / 上海市总工会 陈国华
    parts = line.rsplit(maxsplit=1)
    if len(parts) == 2:
        head, tail = parts
        # a two-character name printed with a space to align it: 董 力
        if len(tail) == 1 and " " in head:
            head2, _, first = head.rpartition(" ")
            if is_name(first + tail) and (not head2 or TITLE_WORDS.search(head2)):
                return Byline(first + tail, head2.strip() or None)
        if is_name(tail) and (TITLE_WORDS.search(head) or gazetteer.is_place_start(head)):
            return Byline(tail, head.strip())
        # after a post, any name: 自治区主席 艾尔肯·吐尼亚孜, 西藏自治区代理主席 嘎玛泽登
        if re.search(f"(?:{_POSTS})$", head) and re.fullmatch(rf"[{CJK}]{{2,6}}|{DOTTED_NAME}", tail):
            return Byline(tail, head.strip())
    # posts glued to the name: 江苏省总工会主席邢春宁
    glued = re.match(rf"^(?P<title>.{{0,40}}(?:{_POSTS}))(?P<name>{NAME}|{DOTTED_NAME})$", compact(line))
    if glued and TITLE_WORDS.search(glued["title"]):
        return Byline(glued["name"], glued["title"])
    # an organisation alone: 江苏省总工会 / 中共苏州市委 / 全总保障工作部 / 全国总工会“…”课题组
    plain = compact(line)
    if plain in SIGNATURE_WORDS:
        return Byline(None, plain, org_only=True)
    bare = re.sub(r"^(?:中共|中国共产党)", "", plain)
    if ORG_ENDINGS.search(plain) and (gazetteer.is_place_start(bare) or NATIONAL_ORG.match(plain)):
        return Byline(None, plain, org_only=True)
    return None


def normalize_doc_number(prefix: str, year: str | int, number: str | int) -> str:
    return f"{prefix}〔{int(year)}〕{int(number)}号"


def _may_hold_doc_number(text: str) -> bool:
    return "号" in text and any(b in text for b in "〔[【（(［﹝{｛")


def normalize_doc_numbers(text: str) -> str:
    """Write every document number one way: 苏发 [2010] 59 号 -> 苏发〔2010〕59号."""
    if not _may_hold_doc_number(text):
        return text
    return DOC_NUMBER.sub(
        lambda m: m.group(0) if m["prefix"].endswith("令") else normalize_doc_number(m["prefix"], m["year"], m["num"]), text
    )


def order_number(match: re.Match[str]) -> str:
    """A 令 number as it is cited: 国务院令第535号, 人力资源和社会保障部令第1号 (the state's name left out),
    but 中华人民共和国主席令第二十四号."""
    year = f"〔{match['year']}〕" if match["year"] else ""
    org = match["org"] if "主席" in match["org"] else match["org"].removeprefix("中华人民共和国")
    return f"{org}令{year}第{match['num']}号"


def find_order_number(text: str) -> str | None:
    """The 令 number a line holds: 中华人民共和国国务院令 第512号 -> 国务院令第512号."""
    if "令" not in text:
        return None
    match = ORDER.search(compact(text))
    return order_number(match) if match else None


def find_doc_number(text: str) -> str | None:
    """The document number a line holds, its prefix cut from the words before it."""
    order = find_order_number(text)
    if order or not _may_hold_doc_number(text):
        return order
    match = DOC_NUMBER.search(text)
    if not match:
        return None
    prefix = _DOC_NUMBER_LEAD.sub("", match["prefix"]) or match["prefix"]
    return normalize_doc_number(prefix, match["year"], match["num"])


def is_doc_number_line(text: str) -> bool:
    """A line that is a document number, perhaps with 签发人 and the like: a header line."""
    if len(text) > 60:
        return False
    if "令" in text:
        flat = compact(text)
        order = ORDER.search(flat)
        if order:
            rest = flat[:order.start()] + flat[order.end():]
            return len(rest) <= 4 and not has_sentence_punct(rest)
    if not _may_hold_doc_number(text):
        return False
    match = DOC_NUMBER.search(text)
    if not match:
        return False
    rest = (text[: match.start()] + text[match.end():]).strip()
    return len(rest) <= 12 and not has_sentence_punct(rest)


_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


def chinese_number(text: str) -> int | None:
    """一 .. 九千九百九十九 (as printed in 令 numbers: 第二十四号), or Arabic digits."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGIT:
            current = _CN_DIGIT[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (current or 1) * unit
            current = 0
        else:
            return None
    return total + current


# 国令 is how 国务院令 is cited
_ORDER_ALIASES = {"国": "国务院", "国务院": "国务院", "主席": "主席"}


def number_keys(number: str | None) -> list[str]:
    """The keys a document number is found by, whatever way it is typed: 苏发〔2010〕59号 ->
    [苏发〔2010〕59号]; 中华人民共和国国务院令第512号 -> [国务院令第512号]; 中华人民共和国主席令第二十四号 ->
    [主席令第24号]; 河北省人民政府令〔2021〕第1号 -> [河北省人民政府令〔2021〕第1号, 河北省人民政府令第1号]."""
    if not number:
        return []
    flat = compact(number)
    order = ORDER.search(flat)
    if order:
        value = chinese_number(order["num"])
        if value is None:
            return []
        org = order["org"].removeprefix("中华人民共和国")
        org = _ORDER_ALIASES.get(org, org)
        keys = [f"{org}令第{value}号"]
        if order["year"]:
            keys.insert(0, f"{org}令〔{order['year']}〕第{value}号")
        return keys
    match = DOC_NUMBER.search(flat)
    return [normalize_doc_number(match["prefix"], match["year"], match["num"])] if match else [flat]


# a document or 令 number as people type it in the search box: any brackets, 年 for brackets,
# with or without 号 and 第, Chinese numerals in 令 numbers; a bracketed year alone is a prefix
QUERY_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fffA-Za-z]{1,12}?)\s*(?:[〔\[【（(［﹝{｛]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]】）)］﹞}｝]\s*"
    r"(?:第?\s*(?P<num>\d{1,5})\s*号?)?|(?P<year2>(?:19|20)\d{2})\s*年\s*第?\s*(?P<num2>\d{1,5})\s*号)"
)
QUERY_ORDER = re.compile(r"(?P<org>(?:中华人民共和国)?[\u4e00-\u9fff]{1,24}?)令\s*(?:[〔\[(（]\s*(?P<year>(?:19|20)\d{2})\s*[〕\])）]\s*)?"
                         r"(?:第\s*(?P<num>[\d一二三四五六七八九十百零〇]+)\s*号?|(?P<num2>\d+)\s*号)")


def query_number(text: str, start: int = 0) -> tuple[int, str, bool] | None:
    """A document or 令 number typed at `start`: (where it ends, its key or key prefix, whether it
    is a prefix). None when there is none there."""
    order = QUERY_ORDER.match(text, start)
    if order:
        value = chinese_number(order["num"] or order["num2"])
        if value is not None:
            org = order["org"].removeprefix("中华人民共和国")
            org = _ORDER_ALIASES.get(org, org)
            year = f"〔{order['year']}〕" if order["year"] else ""
            return order.end(), f"{org}令{year}第{value}号", False
    number = QUERY_NUMBER.match(text, start)
    if number:
        year, num = number["year"] or number["year2"], number["num"] or number["num2"]
        if num:
            return number.end(), normalize_doc_number(number["prefix"], year, num), False
        return number.end(), f"{number['prefix']}〔{year}〕", True
    return None


def query_doc_number(text: str) -> str | None:
    """A query that is a document number however typed: 国发(2018)5号, 国发[2018] 5 号, 国发2018-5."""
    line = compact(text)
    match = DOC_NUMBER.fullmatch(line)
    if match:
        return normalize_doc_number(match["prefix"], match["year"], match["num"])
    return None
