"""Decoding bytes of unknown encoding: UTF-8 (with or without BOM), UTF-16, GB18030/GBK, Big5."""

from __future__ import annotations

import codecs

import charset_normalizer

from ..models import RefusedFile

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Encodings Chinese archives actually come in, tried when UTF-8 fails.
_CHINESE_CANDIDATES = ("gb18030", "big5")
# Decoding is accepted with at most this share of undecodable bytes (damaged or truncated files).
_MAX_ERROR_SHARE = 0.002
# High bytes of UTF-16 code units of CJK text (and of NUL, CJK punctuation, full-width forms).
_CJK_HIGH_BYTES = bytes([*range(0x4E, 0xA0), 0x00, 0x30, 0xFF])


def sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: one byte of each pair is NUL for ASCII text, rarely zero otherwise.

    For CJK text the high bytes are 0x4E-0x9F: a byte position that is mostly in that range
    while the other varies is a strong sign too.
    """
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    n = min(len(even), len(odd))
    even_nul = even[:n].count(0) / n
    odd_nul = odd[:n].count(0) / n
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"

    def cjk_high(bs: bytes) -> float:
        return (n - len(bs[:n].translate(None, _CJK_HIGH_BYTES))) / n

    if cjk_high(odd) > 0.9 and cjk_high(even) < 0.6:
        candidate = "utf-16-le"
    elif cjk_high(even) > 0.9 and cjk_high(odd) < 0.6:
        candidate = "utf-16-be"
    else:
        return None
    try:  # (a file cut short may end in half a character)
        data[:len(data) - len(data) % 2].decode(candidate)
    except UnicodeDecodeError:
        return None
    return candidate


def looks_binary(data: bytes) -> bool:
    """Control bytes that no text file holds (after UTF-16 was ruled out)."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(4, len(sample) // 200)


_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])


def _decode_tolerant(data: bytes, encoding: str) -> str | None:
    """Decode with a few bad bytes allowed (a damaged or truncated file), else None."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        pass
    except LookupError:
        return None
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(3, int(len(text) * _MAX_ERROR_SHARE)):
        return text
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise RefusedFile saying why the bytes are not text."""
    if not data.strip(b" \t\r\n\x00"):
        raise RefusedFile("文件为空")
    marked = _decode_marked(data)
    if marked:
        return marked
    if looks_binary(data):
        raise RefusedFile("二进制文件，不是文本")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_chinese(data) or _decode_other(data)


def _decode_marked(data: bytes) -> tuple[str, str] | None:
    """Text that says its encoding: a byte order mark, or UTF-16's pattern of zero bytes."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = _decode_tolerant(data[len(bom):], name.replace("-sig", ""))
            if text is None:
                raise RefusedFile(f"文件以 {name} 标记开头，但内容无法按该编码解码")
            return text, name
    utf16 = sniff_utf16(data)
    if utf16:
        text = _decode_tolerant(data, utf16)  # (a truncated file may end in half a character)
        if text is None:
            raise RefusedFile(f"文件看似 {utf16.upper()} 编码，但内容无法按该编码解码")
        return text, utf16
    return None


def _decode_chinese(data: bytes) -> tuple[str, str] | None:
    """The one Chinese encoding that decodes the bytes, the likeliest one, or one that decodes
    them but for a few damaged bytes (a truncated file may end in half a character)."""
    strict = [enc for enc in _CHINESE_CANDIDATES if _decode_strict(data, enc)]
    if len(strict) == 1:
        return data.decode(strict[0]), strict[0]
    guess = charset_normalizer.from_bytes(data, cp_isolation=list(_CHINESE_CANDIDATES) + ["utf_8"]).best()
    if guess is not None:
        text = _decode_tolerant(data, guess.encoding)
        if text is not None:
            return text, _canonical(guess.encoding)
    for enc in ("utf-8", *_CHINESE_CANDIDATES):
        text = _decode_tolerant(data, enc)
        if text is not None:
            return text, enc
    return None


def _decode_other(data: bytes) -> tuple[str, str]:
    """Text in another encoding, when it reads as Chinese; else the reason it is refused."""
    guess = charset_normalizer.from_bytes(data).best()
    if guess is not None and guess.encoding not in ("ascii",):
        text = _decode_tolerant(data, guess.encoding)
        if text is not None and _plausible(text):
            return text, _canonical(guess.encoding)
        if text is not None:
            language = f"（{guess.language}）" if guess.language and guess.language != "Unknown" else ""
            raise RefusedFile(f"不是中文文本：看来是 {guess.encoding.upper().replace('_', '-')} 编码的文字{language}，"
                              "中文资料常用的编码（UTF-8、UTF-16、GB18030、Big5）都解不通")
    raise RefusedFile("无法识别文本编码（试过 UTF-8、UTF-16、GB18030、Big5，也不像其他常见编码）")


def _decode_strict(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _canonical(name: str) -> str:
    return {"utf_8": "utf-8", "big5hkscs": "big5", "cp950": "big5", "gbk": "gb18030", "gb2312": "gb18030"}.get(
        name, name.replace("_", "-")
    )


def _plausible(text: str) -> bool:
    """Text a Chinese archive could hold: printable, and either Chinese or plain ASCII (not the
    accented Latin letters that bytes of another encoding turn into)."""
    sample = [ch for ch in text[:20000] if not ch.isspace()]
    if not sample:
        return False
    if sum(1 for ch in sample if ch.isprintable()) / len(sample) < 0.97:
        return False
    cjk = sum(1 for ch in sample if "\u3400" <= ch <= "\u9fff")
    ascii_ = sum(1 for ch in sample if ch.isascii())
    return cjk / len(sample) > 0.1 or ascii_ / len(sample) > 0.95
