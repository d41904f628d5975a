"""A report's data as CSV (Swedish Excel), XLSX with native charts, and PDF with SVG charts.

No personnummer or name ever appears: a report holds only counts per indicator.
A publication variant shows counts of 1–4 as "<5" (and no share computed from them).
"""

from __future__ import annotations

import copy
import csv
import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from . import charts
from .labels import display_value, grouped, label

MASK = "<5"
HOURS = {"sick_absence_rate"}
GENDERS = (("women", "Kvinnor"), ("men", "Män"), ("total", "Totalt"))


def publication(data: dict) -> dict:
    """A split with a count of 1–4 is shown as "<5", with its value; when one gender is
    hidden, so is the total, which would otherwise reveal it by subtraction."""
    masked = copy.deepcopy(data)
    for indicator in masked["indicators"]:
        if indicator["key"] in HOURS:
            continue  # hours of work, not counts of people
        hidden = [gender for gender, _name in GENDERS if _is_small(indicator[gender])]
        if hidden and "total" not in hidden:
            # Total minus the other gender would give a hidden count away.
            hidden.append("total" if len(hidden) == 1 else "")
        for gender in filter(None, hidden):
            indicator[gender] = {key: MASK for key in ("numerator", "denominator", "value")}
    return masked


def _is_small(split: dict) -> bool:
    return any(1 <= split[key] <= 4 for key in ("numerator", "denominator"))


def _value_cell(value):
    return value if value is None or isinstance(value, str) else round(value, 4)


def to_csv(data: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            "project",
            "period_start",
            "period_end",
            "indicator",
            "label",
            "target",
            "target_comparison",
            "goal_met",
            *(f"{g}_{part}" for g, _n in GENDERS for part in ("numerator", "denominator", "value")),
        ]
    )
    for indicator in data["indicators"]:
        writer.writerow(
            [
                data["project"],
                data["period"]["start"],
                data["period"]["end"],
                indicator["key"],
                label(indicator["key"]),
                "" if indicator["target"] is None else str(indicator["target"]).replace(".", ","),
                indicator.get("target_comparison") or "",
                {True: "ja", False: "nej", None: ""}[indicator.get("goal_met")],
                *(
                    ""
                    if indicator[g][part] is None
                    else str(_value_cell(indicator[g][part])).replace(".", ",")
                    for g, _n in GENDERS
                    for part in ("numerator", "denominator", "value")
                ),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(data: dict, project_name: str) -> bytes:
    """One sheet per group of indicators, each with a women/men bar chart."""
    book = Workbook()
    book.remove(book.active)
    for group_name, indicators in grouped(data["indicators"]):
        sheet = book.create_sheet(title=group_name[:31])
        sheet.append([f"{project_name} {data['period']['start']} – {data['period']['end']}"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([])
        header = [_("Indicator"), _("Goal"), _("Goal met")]
        parts = (_("numerator"), _("denominator"), _("value"))
        for _g, name in GENDERS:
            header += [f"{name} {part}" for part in parts]
        sheet.append(header)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for indicator in indicators:
            row = [
                label(indicator["key"]),
                indicator["target"],
                {True: _("Yes"), False: _("No"), None: "–"}[indicator.get("goal_met")],
            ]
            for gender, _n in GENDERS:
                split = indicator[gender]
                row += [split["numerator"], split["denominator"], _value_cell(split["value"])]
            sheet.append(row)
        sheet.column_dimensions["A"].width = 55
        chart = BarChart()
        chart.type = "bar"
        chart.title = group_name + ": " + _("women and men")
        chart.y_axis.title = _("value")
        first, last = 4, 3 + len(indicators)
        # Columns F (women's value) and I (men's value).
        for column in (6, 9):
            chart.add_data(
                Reference(sheet, min_col=column, min_row=3, max_row=last), titles_from_data=True
            )
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        chart.height, chart.width = 7 + len(indicators), 18
        sheet.add_chart(chart, f"B{last + 3}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_pdf(data: dict, project_name: str, publication_variant: bool) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "reporting/report_pdf.html",
        {
            "data": data,
            "project_name": project_name,
            "groups": display_groups(data),
            "publication": publication_variant,
            "printed_at": timezone.localtime(),
        },
    )
    return HTML(string=html).write_pdf()


def display_groups(data: dict) -> list[dict]:
    """Groups of rows ready for a template: labels, formatted values and the chart."""
    result = []
    for name, indicators in grouped(data["indicators"]):
        rows = []
        for indicator in indicators:
            rows.append(
                {
                    "key": indicator["key"],
                    "label": label(indicator["key"]),
                    "target": display_value(indicator["key"], indicator["target"]),
                    "comparison": indicator.get("target_comparison"),
                    "goal_met": indicator.get("goal_met"),
                    "cells": [
                        {
                            "numerator": indicator[g]["numerator"],
                            "denominator": indicator[g]["denominator"],
                            "value": display_value(indicator["key"], indicator[g]["value"]),
                        }
                        for g, _n in GENDERS
                    ],
                }
            )
        result.append({"name": name, "rows": rows, "chart": charts.bar_chart(name, indicators)})
    return result
