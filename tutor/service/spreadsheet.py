"""Cells for spreadsheets: the CSV formula guard, and .xlsx workbooks for people to open.

CSV is for machines: values are written unchanged (ISO 8601 dates, ids as they are), except
that text a spreadsheet would *run as a formula* gets a leading single quote. That is text
beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, unless it is a plain
number such as ``-42`` or ``+1.5``: a spreadsheet reads that as the number it is, runs
nothing, and a guard there would change the value (``'-42`` no longer matches the roster).
Numbers are never touched.

A spreadsheet still guesses the types of CSV cells as it opens them (LibreOffice Calc keeps
ISO timestamps as text and drops the zeros of an id like ``007123``), so what people open is
the .xlsx: every cell has its type written down. Dates are real date cells (UTC), ids, names
and every other text are text cells (never numbers, never formulas: text that looks like one
is stored as text), numbers are numbers; the header row is frozen and columns are sized to
their contents.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Any, BinaryIO, Iterable, Sequence

# The characters a spreadsheet takes as the start of a formula.
_FORMULA_FIRST = frozenset(("=", "+", "-", "@", "\t", "\r"))
# Text a spreadsheet reads as a plain number (so runs nothing), sign and all.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def runs_as_formula(text: str) -> bool:
    """True for text a spreadsheet would run as a formula when it opens a CSV."""
    return text[:1] in _FORMULA_FIRST and _PLAIN_NUMBER.fullmatch(text) is None


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run: formula-like text gets a leading quote; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and runs_as_formula(value):
        return "'" + value
    return value


def safe_row(values) -> list:
    """`safe_cell` of each value (text, the common case, is checked inline: exports write millions)."""
    return [
        ("'" + v if v[:1] in _FORMULA_FIRST and runs_as_formula(v) else v) if type(v) is str else safe_cell(v)  # noqa: E721
        for v in values
    ]


# .xlsx ------------------------------------------------------------------------------------------
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
_MAX_WIDTH = 60


def as_datetime(text: str | None) -> datetime | None:
    """'2026-09-01T08:00:00.123456Z' -> a naive datetime in UTC (xlsx cells have no time zone)."""
    if not text:
        return None
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def as_date(text: str | None) -> date | None:
    """'2026-09-01' (or the date part of a timestamp) -> a date."""
    return date.fromisoformat(text[:10]) if text else None


def write_xlsx(target: str | BinaryIO, sheet: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *,
               datetimes: Iterable[str] = (), dates: Iterable[str] = (), texts: Iterable[str] = (),
               percents: Iterable[str] = ()) -> int:
    """Write one sheet: a bold, frozen header of `columns`, then `rows` (values in column order).

    Values in `datetimes` columns are ISO timestamps and become date-time cells, in `dates`
    ISO dates and become date cells, `percents` numbers shown as percentages; `texts` columns are text cells formatted as text (ids keep
    their zeros even when edited). Any other value keeps its Python type: str is text, int and
    float are numbers, None an empty cell. No cell is ever a formula or an
    error value. Returns the number of rows written.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    rows = list(rows)
    kind = ({c: "datetime" for c in datetimes} | {c: "date" for c in dates} | {c: "text" for c in texts}
            | {c: "percent" for c in percents})
    kinds = [kind.get(c) for c in columns]
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])
    ws.freeze_panes = "A2"
    widths = [len(c) for c in columns]
    for row in rows:
        for i, value in enumerate(row):
            if value is not None:
                widths[i] = max(widths[i], 19 if kinds[i] == "datetime" else len(str(value)))
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = min(_MAX_WIDTH, width + 2)

    bold = Font(bold=True)

    def header(name: str):
        cell = WriteOnlyCell(ws, value=name)
        cell.data_type = "s"
        cell.font = bold
        return cell

    def text(value: str, formatted: bool):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"  # openpyxl would take "=..." for a formula and "#N/A" for an error
        if formatted:
            cell.number_format = TEXT_FORMAT
        return cell

    def typed(value: Any, how: str | None):
        if value is None or value == "":
            return None
        if how == "datetime":
            cell = WriteOnlyCell(ws, value=as_datetime(value))
            cell.number_format = DATETIME_FORMAT
            return cell
        if how == "date":
            cell = WriteOnlyCell(ws, value=as_date(value))
            cell.number_format = DATE_FORMAT
            return cell
        if how == "percent" and isinstance(value, (int, float)):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = "0%"
            return cell
        if how == "text" or isinstance(value, str):
            return text(str(value), how == "text")
        return value

    ws.append([header(c) for c in columns])
    for row in rows:
        ws.append([typed(value, kinds[i]) for i, value in enumerate(row)])
    book.save(target)
    return len(rows)


# The status report (`tutor report --format xlsx`) ----------------------------------------------
REPORT_COLUMNS = ("employee_id", "name", "email", "school", "role", "district", "status", "overdue",
                  "hire_date", "due_date", "valid_until", "last_score", "last_attempt", "signed", "left")


def status_report_xlsx(rows: Iterable[Any], target: str | BinaryIO) -> int:
    """The status report's rows (`tutor.service.reports.StatusRow`) as an .xlsx for HR.

    Dates (valid until, last attempt, signed, left) are date cells, ids and names text, the
    score a number shown as a percentage, overdue 1 or 0 as in the CSV (LibreOffice saves a TRUE/FALSE
    cell back as a formula). Returns the number of people.
    """
    values = [
        (r.employee_id, r.name, r.email, r.school, r.role, r.district, r.status, int(r.overdue),
         r.hire_date or None, r.due_date or None, r.valid_until or None, r.last_score, r.last_attempt or None,
         r.signed or None, r.left or None)
        for r in rows
    ]
    return write_xlsx(target, "Status", REPORT_COLUMNS, values,
                      dates=("hire_date", "due_date", "valid_until", "last_attempt", "signed", "left"),
                      percents=("last_score",),
                      texts=("employee_id", "name", "email", "school", "role", "district", "status"))
