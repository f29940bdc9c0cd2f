"""A drawn dashboard keeps its rendered figures section per link to every row: rendered once
per link, at most SECTION_VARIANTS links kept (the URL's query is the viewer's to vary)."""

from __future__ import annotations

from markupsafe import Markup

from admin.presentation.dashboard_shown import SECTION_VARIANTS, ShownDashboard


class Renders:
    def __init__(self) -> None:
        self.done: list[str | None] = []

    def of(self, url: str | None) -> object:
        def render() -> Markup:
            self.done.append(url)
            return Markup("<section>{}</section>").format(url or "every row")

        return render


def test_each_link_is_rendered_once() -> None:
    shown, renders = ShownDashboard({}, [], {}), Renders()

    first = shown.section("/dashboard?rows=all", renders.of("/dashboard?rows=all"))
    again = shown.section("/dashboard?rows=all", renders.of("/dashboard?rows=all"))
    every = shown.section(None, renders.of(None))

    assert first is again and renders.done == ["/dashboard?rows=all", None]
    assert "every row" in every and "/dashboard?rows=all" in first


def test_only_a_few_links_are_kept() -> None:
    shown, renders = ShownDashboard({}, [], {}), Renders()
    urls = [f"/dashboard?x={n}&rows=all" for n in range(SECTION_VARIANTS + 1)]
    for url in urls:
        shown.section(url, renders.of(url))

    shown.section(urls[-1], renders.of(urls[-1]))
    shown.section(urls[0], renders.of(urls[0]))  # the oldest went first

    assert len(shown.sections) == SECTION_VARIANTS
    assert renders.done == [*urls, urls[0]]
