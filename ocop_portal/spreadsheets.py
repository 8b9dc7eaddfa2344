"""Writing tables to .xlsx and .csv the same way everywhere: reports, list exports, templates.

Why one small writer: every export must look the same to an officer (Vietnamese headings,
dates as dd/mm/yyyy) and must be safe to open (a cell typed as ``=HYPERLINK(...)`` by a
producer must not become a formula on an officer's computer). Rows may be any iterable,
including a generator over a queryset's ``iterator()``: the workbook is written in openpyxl's
write-only mode and the CSV line by line, so a large export never sits whole in memory.

A sheet is ``(title, headers, rows)``; a row is a sequence of plain values (``str``, numbers,
``Decimal``, ``date``, ``datetime``, ``bool``, ``None`` or a lazy translation).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Iterator, Sequence

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"
XLSX_DATE_FORMAT = "DD/MM/YYYY"
XLSX_DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
# A spreadsheet program treats a cell starting with one of these as a formula (OWASP "CSV injection");
# tab and carriage return are on the list because some programs strip them before parsing.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_MAX = 31  # an Excel limit
SHEET_TITLE_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})

Sheet = tuple[str, Sequence[str], Iterable[Sequence[object]]]


def neutralise(value: str) -> str:
    """Prefix a text that a spreadsheet would run as a formula with an apostrophe."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _local(value: datetime.datetime) -> datetime.datetime:
    """Spreadsheets know no time zones: show aware datetimes in the portal's zone, naive."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def _text(value: object) -> object:
    """Values as a CSV cell: dates dd/mm/yyyy, yes/no in words, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime.datetime):
        return _local(value).strftime(DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, str | Promise):
        return neutralise(str(value))
    return value


def iter_csv(headers: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool = True) -> Iterator[str]:
    """The CSV text line by line, for a ``StreamingHttpResponse``.

    The UTF-8 byte-order mark makes Excel read Vietnamese diacritics correctly when the file is
    opened by double-click; other programs ignore it.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_text(v) for v in values])
        return buffer.getvalue()

    yield ("\ufeff" if bom else "") + line([str(h) for h in headers])
    for row in rows:
        yield line(row)


def write_csv(stream, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a CSV to a text stream (a file opened with ``newline=""``, an ``HttpResponse``) or a binary one."""
    if isinstance(stream, io.RawIOBase | io.BufferedIOBase):
        for chunk in iter_csv(headers, rows):
            stream.write(chunk.encode("utf-8"))
        return
    for chunk in iter_csv(headers, rows):
        stream.write(chunk)


def _sheet_titles(titles: Iterable[str]) -> list[str]:
    """Titles Excel accepts: no ``[]:*?/\\``, at most 31 characters, unique."""
    seen: set[str] = set()
    result = []
    for title in titles:
        base = str(title).translate(SHEET_TITLE_FORBIDDEN).strip() or _("Trang")
        base = base[:SHEET_TITLE_MAX]
        candidate, n = base, 2
        while candidate.lower() in seen:
            suffix = f" ({n})"
            candidate = base[: SHEET_TITLE_MAX - len(suffix)] + suffix
            n += 1
        seen.add(candidate.lower())
        result.append(candidate)
    return result


def _xlsx_cell(sheet, value: object) -> object:
    if value is None:
        return None
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=_local(value))
        cell.number_format = XLSX_DATETIME_FORMAT
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_DATE_FORMAT
        return cell
    if isinstance(value, str | Promise):
        return neutralise(str(value))
    return value


def write_xlsx(stream, sheets: Iterable[Sheet]) -> None:
    """Write a workbook with one sheet per ``(title, headers, rows)``: bold frozen headings, sized columns."""
    workbook = Workbook(write_only=True)
    sheets = list(sheets)
    titles = _sheet_titles(title for title, _headers, _rows in sheets)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for title, (_title, headers, rows) in zip(titles, sheets, strict=True):
        sheet = workbook.create_sheet(title)
        sheet.freeze_panes = "A2"
        for index, header in enumerate(headers, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(max(len(str(header)) + 4, 12), 60)
        heading = []
        for header in headers:
            cell = WriteOnlyCell(sheet, value=neutralise(str(header)))
            cell.font = bold
            cell.alignment = wrap
            heading.append(cell)
        sheet.append(heading)
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    if not sheets:
        workbook.create_sheet(_("Trang"))
    workbook.save(stream)
