"""Building SVG markup safely: every attribute value and every text is escaped."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

Child = str | Markup


def number(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zeros: 12, 12.5, -3."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def element(tag: str, children: Iterable[Child] = (), /, **attributes: object) -> Markup:
    """`<tag a="…">children</tag>`; `class_` becomes `class`, `_` in names becomes `-`.

    Attributes whose value is None are left out. A plain str child is escaped; Markup is
    trusted (it came from this module).
    """
    pieces = [f"<{tag}"]
    for name, value in attributes.items():
        if value is None:
            continue
        shown = number(value) if isinstance(value, float) else str(value)
        pieces.append(f' {name.rstrip("_").replace("_", "-")}="{escape(shown)}"')
    inner = "".join(child if isinstance(child, Markup) else escape(child) for child in children)
    pieces.append(f">{inner}</{tag}>" if inner else "/>")
    return Markup("".join(pieces))  # noqa: S704 - every value and text above is escaped


def text(x: float, y: float, content: str, /, **attributes: object) -> Markup:
    return element("text", [content], x=float(x), y=float(y), **attributes)


def svg_document(
    width: float, height: float, title: str, description: str, chart_id: str,
    children: Iterable[Child], /, css_class: str = "chart",
) -> Markup:  # fmt: skip
    """An inline SVG image with a title and a description for screen readers."""
    labels = f"{chart_id}-title {chart_id}-desc"
    return element(
        "svg",
        [
            element("title", [title], id=f"{chart_id}-title"),
            element("desc", [description], id=f"{chart_id}-desc"),
            *children,
        ],
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {number(width)} {number(height)}",
        role="img",
        aria_labelledby=labels,
        id=chart_id,
        class_=css_class,
    )
