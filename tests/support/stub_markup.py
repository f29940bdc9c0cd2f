"""Telegram's parse_mode handling (HTML, MarkdownV2, Markdown) for the stand-in; stdlib only."""

from __future__ import annotations

import re
from html import unescape

from tests.support.stub_types import JSON, ApiError, bad_request

_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
_TAG_NAME = re.compile(r"([a-zA-Z][a-zA-Z0-9-]*)")
_ATTR = re.compile(r"([a-zA-Z-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"']+))")
_MDV2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_MDV2_NAMES = {"*": "Bold", "_": "Italic", "__": "Underline", "~": "Strikethrough", "||": "Spoiler"}


def entity_error(detail: str) -> ApiError:
    """A 400 for text Telegram cannot parse."""
    return bad_request(f"can't parse entities: {detail}")


def render(text: str, parse_mode: str | None) -> tuple[str, list[JSON]]:
    """The text the user sees and its entities; raises ApiError like Telegram on bad markup."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return _HtmlParser(text).run()
    if mode == "markdownv2":
        return _parse_markdown_v2(text), []
    if mode == "markdown":
        return _parse_markdown(text), []
    if mode:
        raise bad_request("unsupported parse_mode")
    return text, []


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


class _HtmlParser:
    """Telegram's strict HTML subset: known tags only, closed in order."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.out: list[str] = []
        self.utf16 = 0
        self.stack: list[tuple[str, int, JSON]] = []
        self.entities: list[JSON] = []

    def run(self) -> tuple[str, list[JSON]]:
        while self.pos < len(self.src):
            char = self.src[self.pos]
            if char == "<":
                self._tag()
            elif char == "&":
                self._entity()
            else:
                self._emit(char)
                self.pos += 1
        if self.stack:
            name = self.stack[-1][0]
            raise entity_error(f"Can't find end tag corresponding to start tag {name}")
        return "".join(self.out), self.entities

    def _emit(self, text: str) -> None:
        self.out.append(text)
        self.utf16 += len(text.encode("utf-16-le")) // 2

    def _entity(self) -> None:
        match = _ENTITY.match(self.src, self.pos)
        if match is None:
            self._emit("&")
            self.pos += 1
            return
        self._emit(unescape(match.group(0)))
        self.pos = match.end()

    def _tag(self) -> None:
        """A tag runs from "<" to ">"; its name ends at a space or ">" (as in TDLib)."""
        offset = _byte_offset(self.src, self.pos)
        end = self.src.find(">", self.pos)
        closing = self.src.startswith("</", self.pos)
        name_match = _TAG_NAME.match(self.src, self.pos + 1 + closing)
        name = name_match.group(1).lower() if name_match else ""
        if closing:
            self._close(name, offset, end)
        else:
            self._open(name, offset, end)

    def _open(self, name: str, offset: int, end: int) -> None:
        after = self.pos + 1 + len(name)
        if after >= len(self.src):
            raise entity_error(f"Unclosed start tag at byte offset {offset}")
        if name not in _HTML_TAGS or self.src[after] not in " \t\n>":
            raise entity_error(f'Unsupported start tag "{name}" at byte offset {offset}')
        if end < 0:
            raise entity_error(f"Unclosed start tag at byte offset {offset}")
        inner = self.src[after:end]
        self.pos = end + 1
        attrs = {
            m.group(1).lower(): unescape(m.group(2) or m.group(3) or m.group(4) or "")
            for m in _ATTR.finditer(inner)
        }
        extra: JSON = {}
        if name == "a":
            extra["url"] = attrs.get("href", "")
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise entity_error('Tag "span" must have class "tg-spoiler"')
        self.stack.append((name, self.utf16, extra))

    def _close(self, name: str, offset: int, end: int) -> None:
        if not self.stack:
            raise entity_error(f"Unexpected end tag at byte offset {offset}")
        if end < 0:
            raise entity_error(f"Unclosed end tag at byte offset {offset}")
        self.pos = end + 1
        open_name, start, extra = self.stack.pop()
        if name != open_name:
            raise entity_error(
                f'Unmatched end tag at byte offset {offset}, expected "</{open_name}>", '
                f'found "</{name}>"'
            )
        if self.utf16 > start:
            entity = {"type": _HTML_TAGS[name], "offset": start, "length": self.utf16 - start}
            self.entities.append(entity | extra)


def _parse_markdown_v2(src: str) -> str:
    """Plain text of MarkdownV2; reserved characters must be escaped, markers must close."""
    out: list[str] = []
    stack: list[tuple[str, int]] = []
    i = 0
    while i < len(src):
        char = src[i]
        if char == "\\" and i + 1 < len(src):
            out.append(src[i + 1])
            i += 2
        elif char == "`":
            i = _markdown_code(src, i, out, escapes=True)
        elif char == "]" and stack and stack[-1][0] == "[":
            stack.pop()
            i = _markdown_link_end(src, i)
        else:
            i = _markdown_v2_marker(src, i, stack, out)
    if stack:
        marker, offset = stack[-1]
        name = _MDV2_NAMES.get(marker, "TextUrl")
        raise entity_error(f"Can't find end of {name} entity at byte offset {offset}")
    return "".join(out)


def _markdown_v2_marker(src: str, i: int, stack: list[tuple[str, int]], out: list[str]) -> int:
    char = src[i]
    marker = src[i : i + 2] if src[i : i + 2] in ("__", "||") else char
    if marker in _MDV2_NAMES or marker == "[":
        if stack and stack[-1][0] == marker and marker != "[":
            stack.pop()
        else:
            stack.append((marker, _byte_offset(src, i)))
        return i + len(marker)
    if char == ">" and (i == 0 or src[i - 1] == "\n"):
        return i + 1
    if char in _MDV2_RESERVED:
        raise entity_error(
            f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
        )
    out.append(char)
    return i + 1


def _markdown_code(src: str, i: int, out: list[str], *, escapes: bool) -> int:
    fence = "```" if src.startswith("```", i) else "`"
    j = i + len(fence)
    while j < len(src) and not src.startswith(fence, j):
        j += 2 if escapes and src[j] == "\\" else 1
    if j >= len(src):
        raise entity_error(f"Can't find end of Code entity at byte offset {_byte_offset(src, i)}")
    body = src[i + len(fence) : j]
    out.append(re.sub(r"\\(.)", r"\1", body) if escapes else body)
    return j + len(fence)


def _markdown_link_end(src: str, i: int) -> int:
    if not src.startswith("](", i):
        return i + 1
    close = src.find(")", i + 2)
    if close < 0:
        raise entity_error(f"Can't find end of a URL at byte offset {_byte_offset(src, i)}")
    return close + 1


def _parse_markdown(src: str) -> str:
    """Plain text of legacy Markdown: *, _, ` and [ ] must be closed."""
    out: list[str] = []
    i = 0
    while i < len(src):
        char = src[i]
        if char == "\\" and src[i + 1 : i + 2] in ("_", "*", "`", "["):
            out.append(src[i + 1])
            i += 2
        elif char == "`":
            i = _markdown_code(src, i, out, escapes=False)
        elif char in "*_[":
            i = _markdown_span(src, i, out)
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _markdown_span(src: str, i: int, out: list[str]) -> int:
    closer = "]" if src[i] == "[" else src[i]
    close = src.find(closer, i + 1)
    if close < 0:
        offset = _byte_offset(src, i)
        raise entity_error(f"Can't find end of the entity starting at byte offset {offset}")
    out.append(src[i + 1 : close])
    if closer == "]":
        return _markdown_link_end(src, close)
    return close + 1
