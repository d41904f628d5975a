"""Women/men bar charts as SVG, for the report page and the PDF (no JavaScript needed)."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .labels import NOT_SHARES, label

WIDTH, BAR, GAP, LEFT, TOP = 720, 14, 14, 330, 30


def bar_chart(title: str, indicators: list[dict]) -> SafeString:
    """Horizontal bars: one pair (women, men) per share indicator, with the target marked.

    Values are percentages; the chart has a text alternative in <title> and <desc>, and
    the same figures are in the table beside it.
    """
    shares = [i for i in indicators if i["key"] not in NOT_SHARES]
    if not shares:
        return SafeString("")
    scale = (WIDTH - LEFT - 60) / 100
    row_height = 2 * BAR + GAP
    height = TOP + len(shares) * row_height + 20
    rows = []
    for index, indicator in enumerate(shares):
        y = TOP + index * row_height
        women, men = indicator["women"]["value"], indicator["men"]["value"]
        rows.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>',
                LEFT - 8,
                y + BAR + 4,
                _short(label(indicator["key"])),
            )
        )
        for offset, value, css, who in (
            (0, women, "chart-bar-women", _("women")),
            (BAR, men, "chart-bar-men", _("men")),
        ):
            if isinstance(value, (int, float)):
                width = value * 100 * scale
                rows.append(
                    format_html(
                        '<rect class="{}" fill="{}" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>'
                        '<text class="chart-label" x="{}" y="{}">{}</text>',
                        css,
                        "#8a3b8f" if css.endswith("women") else "#1d6a96",
                        LEFT,
                        y + offset,
                        f"{width:.1f}",
                        BAR - 2,
                        who,
                        _fmt(value),
                        f"{LEFT + width + 4:.1f}",
                        y + offset + BAR - 4,
                        f"{value * 100:.0f} %",
                    )
                )
        if indicator.get("target") is not None:
            x = f"{LEFT + indicator['target'] * 100 * scale:.1f}"
            rows.append(
                format_html(
                    '<line class="chart-target" stroke="#000" stroke-dasharray="4 3" x1="{}" x2="{}" y1="{}" y2="{}"/>',
                    x,
                    x,
                    y - 2,
                    y + 2 * BAR,
                )
            )
    description = "; ".join(
        f"{label(i['key'])}: {_('women')} {_fmt(i['women']['value'])}, {_('men')} {_fmt(i['men']['value'])}"
        for i in shares
    )
    legend = format_html(
        '<rect fill="#8a3b8f" x="{}" y="6" width="12" height="12"/><text class="chart-label" x="{}" y="16">{}</text>'
        '<rect fill="#1d6a96" x="{}" y="6" width="12" height="12"/><text class="chart-label" x="{}" y="16">{}</text>'
        '<line stroke="#000" stroke-dasharray="4 3" x1="{}" x2="{}" y1="6" y2="18"/><text class="chart-label" x="{}" y="16">{}</text>',
        LEFT,
        LEFT + 16,
        _("Women"),
        LEFT + 90,
        LEFT + 106,
        _("Men"),
        LEFT + 170,
        LEFT + 170,
        LEFT + 176,
        _("Goal"),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {} {}" width="100%" '
        'aria-labelledby="{id}-title {id}-desc" class="report-chart"><title id="{id}-title">{}</title>'
        '<desc id="{id}-desc">{}</desc>{}{}</svg>',
        WIDTH,
        height,
        title,
        description,
        legend,
        format_html_join("", "{}", ((row,) for row in rows)),
        id=f"chart-{slugify(title)}",
    )


def _short(text: str, length: int = 52) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _fmt(value) -> str:
    return "–" if not isinstance(value, (int, float)) else f"{value * 100:.1f} %"
