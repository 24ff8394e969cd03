"""Bytes to text for plain-text sources, refusing binary files."""

from __future__ import annotations

import codecs

from powtrace.domain.errors import ValidationError

# Control characters that never occur in text (tab, newlines and form feed are allowed).
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    """True when the first 8 KiB hold NUL bytes or many control characters."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    return sum(b in _CONTROL for b in head) > 0.01 * len(head)


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1251 Cyrillic."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if looks_binary(data):
        raise ValidationError(f"{name}: this is a binary file, not text, HTML or a PDF")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Older Russian and Ukrainian sites and files use Windows-1251; it decodes any byte, so only
    # accept it when most high bytes fall on Cyrillic letters (0xC0–0xFF and ё/Ё, і/І, ї/Ї, є/Є).
    high = [b for b in data if b >= 0x80]
    letters = sum(b >= 0xC0 or b in (0xA8, 0xB8, 0xB2, 0xB3, 0xAF, 0xBF, 0xAA, 0xBA) for b in high)
    if high and letters >= 0.8 * len(high):
        return data.decode("cp1251")
    raise ValidationError(f"{name}: the text is neither UTF-8 nor Windows-1251; save it as UTF-8")


def normalise(text: str) -> str:
    """Unify line endings and strip trailing spaces, keeping paragraphs apart."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out = "\n".join(lines).strip("\n")
    while "\n\n\n" in out:
        out = out.replace("\n\n\n", "\n\n")
    return out
