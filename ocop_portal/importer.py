"""Spreadsheet import and export: one engine for every kind of record.

Provinces keep years of OCOP records in Excel. Each *kind* (producers, products, registrations,
recognitions) declares its columns once, in ``<app>/transfer.py``; the same columns make the
downloadable template, the export and the import, so an exported file can be edited and imported
back. An import reads the file as a stream (openpyxl read-only, CSV line by line), maps the
Vietnamese headings, checks every row and writes through the apps' services inside **one**
transaction. A dry run and a real run execute the same code — services, constraints and scope
checks included — and the dry run rolls back at the end, so "check first" can never disagree
with "commit". Any row error rolls the whole file back. Rows are matched on natural keys, so
importing the same file twice finds every row unchanged.

This module sits under the apps and knows none of them (see ../shared/design.md).
"""

from __future__ import annotations

import csv
import datetime
import decimal
import enum
import io
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from xml.etree.ElementTree import ParseError

import pghistory
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import DatabaseError, DataError, IntegrityError, transaction
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ocop_portal import spreadsheets
from ocop_portal.audit import SOURCE_IMPORT

BATCH_SIZE = 500
MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_REPORTED_ERRORS = 1000
CSV_SAMPLE_CHARS = 64 * 1024
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMATS = ("xlsx", "csv")
# A row-number column ("STT") is in almost every provincial sheet; it carries no data.
IGNORED_HEADINGS = {"stt", "tt", "so thu tu"}
# What openpyxl raises on a damaged or disguised workbook, while opening it or reading its rows.
CORRUPT_WORKBOOK_ERRORS = (
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    OSError,
    EOFError,
    ParseError,
)
_DATE_TEXT = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_THOUSANDS = re.compile(r"^\d{1,3}([.,]\d{3})+$")


def fold(value: object) -> str:
    """Text for comparing what people type: no diacritics, ``đ`` → ``d``, case and spacing ignored.

    "Xã Côn Minh", "xa con minh" and "XÃ  CÔN MINH" fold to the same string. It matches the SQL
    function ``ocop_search_text()`` (organizations migration 0002) apart from the spacing.
    """
    text = force_str(value).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def same_name(value: str) -> str:
    """A name as a key: case and spacing ignored, diacritics kept ("Hà" and "Hạ" are two names)."""
    return " ".join(value.split()).casefold()


def lowered(value: str) -> str:
    """A name as SQL ``Lower()`` writes it, to fetch a batch's candidates (``same_name`` then decides)."""
    return " ".join(value.split()).lower()


def in_languages(text) -> set[str]:
    """A lazy translation folded in every language of the portal (headings, choice labels).

    A file exported by a user who reads the portal in English comes back with English headings
    and labels, whoever imports it.
    """
    forms = {fold(text)}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            forms.add(fold(text))
    return forms


def cell_text(raw: object) -> str:
    """A cell as trimmed text; undoes the apostrophe that exports put before formula-like text."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    if text.startswith("'") and text[1:2] and text[1] in "=+-@":
        text = text[1:]
    return text


# --- Converters: a cell ↔ a value --------------------------------------------------------------


class Converter:
    """Turns a cell into a value (``parse``, raising a Vietnamese ``ValidationError``) and back."""

    hint = ""

    def parse(self, raw: object) -> object:
        return cell_text(raw)

    def format(self, value: object) -> object:
        return value

    def describe(self) -> str:
        return str(self.hint)


class Text(Converter):
    def __init__(self, max_length: int | None = None, hint=""):
        self.max_length = max_length
        self.hint = hint

    def parse(self, raw):
        text = cell_text(raw)
        if self.max_length and len(text) > self.max_length:
            raise ValidationError(_("Dài quá %(max)s ký tự.") % {"max": self.max_length})
        return text


class Integer(Converter):
    hint = gettext_lazy("Số nguyên không âm, ví dụ 25.")

    def parse(self, raw):
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            if float(raw).is_integer() and raw >= 0:
                return int(raw)
            raise ValidationError(_("Phải là số nguyên không âm."))
        text = cell_text(raw).replace(" ", "")
        if not text:
            return None
        if _THOUSANDS.match(text):
            text = re.sub(r"[.,]", "", text)
        if not text.isdigit():
            raise ValidationError(_("Phải là số nguyên không âm."))
        return int(text)


class Number(Converter):
    hint = gettext_lazy("Số, dấu phẩy hoặc dấu chấm thập phân, ví dụ 12,5.")

    def parse(self, raw):
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return decimal.Decimal(str(raw))
        text = cell_text(raw).replace(" ", "")
        if not text:
            return None
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            value = decimal.Decimal(text)
        except decimal.InvalidOperation:
            raise ValidationError(_("Phải là một số, ví dụ 12,5.")) from None
        if not value.is_finite():
            raise ValidationError(_("Phải là một số, ví dụ 12,5."))
        return value


class Date(Converter):
    hint = gettext_lazy("Ngày theo dạng dd/mm/yyyy, ví dụ 15/03/2019.")

    def parse(self, raw):
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        text = cell_text(raw)
        if not text:
            return None
        match = _DATE_TEXT.match(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError:
                raise ValidationError(_("Ngày %(value)s không có thật.") % {"value": text}) from None
        raise ValidationError(_("Ngày “%(value)s” không đúng dạng dd/mm/yyyy (ví dụ 15/03/2019).") % {"value": text})


class Boolean(Converter):
    hint = gettext_lazy("“Có” hoặc “Không” (để trống là Không).")
    TRUE = {"co", "x", "yes", "true", "1", "dung"}
    FALSE = {"", "khong", "no", "false", "0", "sai"}

    def parse(self, raw):
        if isinstance(raw, bool):
            return raw
        text = fold(cell_text(raw))
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValidationError(_("Ghi “Có” hoặc “Không”."))


class Choice(Converter):
    """One of a model field's choices, written as its Vietnamese label (the code is accepted too)."""

    def __init__(self, choices):
        self.choices = list(choices.choices if hasattr(choices, "choices") else choices)
        self._lookups: dict[str, dict[str, str]] = {}

    def _lookup(self) -> dict[str, str]:
        """Folded label or code → value; built once per language (it is read for every cell)."""
        language = translation.get_language() or ""
        if language not in self._lookups:
            lookup = {}
            for value, label in self.choices:
                lookup[fold(value)] = value
                for form in in_languages(label):
                    lookup[form] = value
            self._lookups[language] = lookup
        return self._lookups[language]

    def parse(self, raw):
        text = cell_text(raw)
        if not text:
            return ""
        try:
            return self._lookup()[fold(text)]
        except KeyError:
            raise ValidationError(
                _("“%(value)s” không có trong danh sách: %(allowed)s.") % {"value": text, "allowed": self.describe()}
            ) from None

    def format(self, value):
        return next((label for code, label in self.choices if code == value), value or None)

    def describe(self):
        return "; ".join(str(label) for _code, label in self.choices)


class MultiChoice(Choice):
    """Several choices in one cell, separated by commas or semicolons."""

    def parse(self, raw):
        text = cell_text(raw)
        lookup = self._lookup()
        values = []
        for part in filter(None, (p.strip() for p in re.split(r"[,;]", text))):
            try:
                value = lookup[fold(part)]
            except KeyError:
                raise ValidationError(
                    _("“%(value)s” không có trong danh sách: %(allowed)s.")
                    % {"value": part, "allowed": self.describe()}
                ) from None
            if value not in values:
                values.append(value)
        return values

    def format(self, value):
        return ", ".join(str(Choice.format(self, v)) for v in value or ())


# --- Columns and kinds ------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Column:
    """One column of a kind: its heading, how a cell is read, and what an export writes in it.

    ``key`` names the value in a parsed row: the model field when there is one, so that a service's
    error on that field is reported in this column. ``value`` reads the export value from a record
    (default: the attribute ``key``). An export-only column (``importable=False``: the current star,
    computed and never typed) is written by exports and ignored on import.
    """

    key: str
    heading: object
    converter: Converter = field(default_factory=Text)
    value: Callable[[object], object] | None = None
    required: bool = False
    importable: bool = True
    help: object = ""
    example: str = ""

    def export_value(self, record) -> object:
        raw = self.value(record) if self.value else getattr(record, self.key)
        return self.converter.format(raw)

    def template_heading(self) -> str:
        return f"{self.heading} *" if self.required else str(self.heading)


class Outcome(enum.Enum):
    CREATED = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class ImportContext:
    """What one import run knows: the user and look-up caches shared by its rows.

    ``user`` is None for a management command run without ``--user`` (whoever runs it holds the
    server, as for the services): it sees and changes everything.
    """

    def __init__(self, user):
        self.user = user
        self.caches: dict[str, dict] = {}

    def visible(self, queryset):
        return queryset if self.user is None else queryset.visible_to(self.user)

    def editable(self, queryset):
        return queryset if self.user is None else queryset.editable_by(self.user)

    def cached(self, name: str, key, load: Callable[[], object]):
        """``load()`` once per (name, key) in this run: communes, producers, product sets...

        A ``ValidationError`` that ``load`` raises ("no such commune") is remembered as well and
        raised again for every row that names the same thing.
        """
        cache = self.caches.setdefault(name, {})
        if key not in cache:
            try:
                cache[key] = load()
            except ValidationError as exc:
                cache[key] = exc
        return self.remembered(name, key)

    def remembered(self, name: str, key):
        """What a look-up (or a batch's ``warm``) found for ``key``; its error is raised."""
        found = self.caches[name][key]
        if isinstance(found, ValidationError):
            raise found
        return found


class Kind:
    """A kind of record that can be imported and exported; subclasses live in ``<app>/transfer.py``.

    A subclass sets ``name``, ``title``, ``model`` and ``columns``; ``resolve`` turns references
    (a commune's name, a producer's tax code) into objects; ``natural_key`` tells rows of one file
    apart; ``match_keys``, ``record_keys`` and ``candidates`` find the records rows update, a batch
    at a time; ``create`` and ``update`` call the app's services.
    """

    name = ""
    title = ""
    model = None
    columns: tuple[Column, ...] = ()
    select_related: tuple[str, ...] = ()
    key_columns: tuple[str, ...] = ()
    instructions: tuple = ()

    # --- export
    def export_queryset(self, user=None):
        """Everything the user may see (everything for a command run without a user)."""
        return ImportContext(user).visible(self.model._default_manager.select_related(*self.select_related))

    def headings(self) -> list[str]:
        return [str(column.heading) for column in self.columns]

    def export_rows(self, queryset) -> Iterator[list]:
        """The rows of a queryset (any list's, filtered): what the columns read is fetched with it."""
        for record in queryset.select_related(*self.select_related).iterator(chunk_size=2000):
            yield [column.export_value(record) for column in self.columns]

    # --- import
    def begin(self, user) -> ImportContext:
        return ImportContext(user)

    def warm(self, rows: list[dict], ctx: ImportContext) -> None:
        """Look up a batch's references at once (into ``ctx`` caches) before ``resolve`` reads them."""

    def resolve(self, values: dict, ctx: ImportContext) -> dict:
        return values

    def natural_key(self, values: dict) -> tuple:
        raise NotImplementedError

    def match_keys(self, values: dict) -> list[tuple]:
        """The keys by which a row may match a record, in order of preference (tax code, then name)."""
        raise NotImplementedError

    def record_keys(self, record) -> list[tuple]:
        """The keys a record answers to; a row matches the record of its first key found."""
        raise NotImplementedError

    def new_record_keys(self, values: dict) -> list[tuple]:
        """The keys the record a new row creates will answer to (its ``record_keys``)."""
        return self.record_keys(self.model(**self.writable(values)))

    def candidates(self, rows: list[dict]):
        """One unscoped queryset holding (at least) every record a batch of rows may match."""
        raise NotImplementedError

    def changes(self, instance, values: dict) -> dict:
        """The fields whose value in the row differs from the record (foreign keys by id)."""
        changed = {}
        for key, value in self.writable(values).items():
            field_obj = instance._meta.get_field(key)
            current = getattr(instance, field_obj.attname)
            new = value.pk if field_obj.is_relation and value is not None else value
            if isinstance(current, list) and isinstance(new, list):
                equal = sorted(current) == sorted(new)
            else:
                equal = current == new or (current in (None, "") and new in (None, ""))
            if not equal:
                changed[key] = value
        return changed

    def writable(self, values: dict) -> dict:
        """Values that go to the service: importable model fields only."""
        names = {f.name for f in self.model._meta.concrete_fields}
        return {k: v for k, v in values.items() if k in names}

    def create(self, values: dict, ctx: ImportContext):
        raise NotImplementedError

    # A kind whose app has a service creating many records at once sets this and ``create_many``.
    creates_many = False

    def create_many(self, rows: list[dict], ctx: ImportContext) -> list:
        """The records of many new rows in one go, all or nothing (``<entity>s_create_many``)."""
        raise NotImplementedError

    def update(self, instance, changes: dict, ctx: ImportContext):
        raise NotImplementedError

    def column(self, key: str) -> Column | None:
        for column in self.columns:
            if column.key == key:
                return column
        return None

    def column_label(self, key: str) -> str:
        """The heading a row error names: the key's column, else the model field's name."""
        if not key:
            return ""
        column = self.column(key)
        if column is not None:
            return str(column.heading)
        try:
            return str(self.model._meta.get_field(key).verbose_name)
        except FieldDoesNotExist:
            return key


# --- Reading a file ------------------------------------------------------------------------------


class ImportFileError(ValidationError):
    """The file as a whole cannot be imported: its type, its content or its headings."""


@dataclass
class Table:
    headings: list[str]
    rows: Iterator[tuple[int, Sequence[object]]]  # (line number as the user sees it, cells)
    estimated_rows: int | None
    close: Callable[[], None] = lambda: None


def file_format(name: str) -> str:
    extension = os.path.splitext(name or "")[1].lower().lstrip(".")
    if extension in FORMATS:
        return extension
    if extension == "xls":
        raise ImportFileError(_("Tệp .xls (Excel 97–2003) không được hỗ trợ: hãy lưu lại dưới dạng .xlsx hoặc .csv."))
    raise ImportFileError(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."))


def open_table(stream, name: str, sheet_title: str = "") -> Table:
    """Open an uploaded file as a table; ``ImportFileError`` when it is not one we can read."""
    fmt = file_format(name)
    size = getattr(stream, "size", None)
    if size is None and stream.seekable():
        size = stream.seek(0, io.SEEK_END)
    if size is not None and size > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("Tệp quá lớn (tối đa %(mb)s MB): hãy chia thành nhiều tệp.") % {"mb": MAX_IMPORT_BYTES // 2**20}
        )
    stream.seek(0)
    return _open_xlsx(stream, sheet_title) if fmt == "xlsx" else _open_csv(stream, size)


def _corrupt() -> ImportFileError:
    return ImportFileError(_("Tệp Excel bị hỏng hoặc không phải tệp .xlsx thật; hãy mở bằng Excel và lưu lại."))


def _open_xlsx(stream, sheet_title: str) -> Table:
    if stream.read(4) != b"PK\x03\x04":
        raise _corrupt()
    stream.seek(0)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
        sheet = _data_sheet(workbook, sheet_title)
        rows = sheet.iter_rows(min_row=1, values_only=True)
        headings = next(rows, None)
    except CORRUPT_WORKBOOK_ERRORS:
        raise _corrupt() from None
    if headings is None:
        workbook.close()
        raise ImportFileError(_("Trang tính trống: dòng đầu tiên phải là tiêu đề các cột."))

    def data_rows():
        try:
            yield from enumerate(rows, start=2)
        except CORRUPT_WORKBOOK_ERRORS:
            raise _corrupt() from None

    estimated = sheet.max_row - 1 if sheet.max_row else None
    return Table([cell_text(h) for h in headings], data_rows(), estimated, workbook.close)


def _data_sheet(workbook, sheet_title: str):
    """The sheet named like the kind (templates also hold an instructions sheet), else the first."""
    wanted = fold(sheet_title[: spreadsheets.SHEET_TITLE_MAX])
    for sheet in workbook.worksheets:
        if wanted and fold(sheet.title) == wanted:
            return sheet
    return workbook.worksheets[0]


def _open_csv(stream, size: int | None) -> Table:
    text = io.TextIOWrapper(io.BufferedReader(_Readable(stream)), encoding="utf-8-sig", newline="")
    try:
        sample = text.read(CSV_SAMPLE_CHARS)
    except UnicodeDecodeError:
        raise ImportFileError(_("Tệp CSV phải được lưu với bảng mã UTF-8 (Excel: “CSV UTF-8”).")) from None
    if "\x00" in sample:
        raise ImportFileError(_("Tệp không phải là tệp CSV dạng văn bản."))
    lines = sample.count("\n")
    if len(sample) < CSV_SAMPLE_CHARS:
        estimated = max(lines - 1, 0)
    else:  # a long file: as many rows as its size holds lines like the first ones (for the progress bar)
        estimated = round(size * lines / len(sample.encode())) - 1 if size and lines else None
    text.seek(0)
    reader = csv.reader(text, delimiter=_delimiter(sample))
    try:
        headings = next(reader, None)
    except (csv.Error, UnicodeDecodeError):
        raise ImportFileError(_("Tệp CSV không đọc được: hãy lưu lại dưới dạng “CSV UTF-8”.")) from None
    if headings is None:
        raise ImportFileError(_("Tệp trống: dòng đầu tiên phải là tiêu đề các cột."))

    def data_rows():
        try:
            yield from enumerate(reader, start=2)
        except UnicodeDecodeError:
            raise ImportFileError(_("Tệp CSV phải được lưu với bảng mã UTF-8 (Excel: “CSV UTF-8”).")) from None
        except csv.Error as exc:
            raise ImportFileError(_("Tệp CSV lỗi cấu trúc ở dòng %(line)s.") % {"line": reader.line_num}) from exc

    return Table([cell_text(h) for h in headings], data_rows(), estimated)


class _Readable(io.RawIOBase):
    """Lets ``TextIOWrapper`` decode any binary file-like object (Django uploads, storage files)."""

    def __init__(self, stream):
        self.stream = stream

    def readable(self):
        return True

    def seekable(self):
        return True

    def seek(self, offset, whence=io.SEEK_SET):
        return self.stream.seek(offset, whence)

    def tell(self):
        return self.stream.tell()

    def readinto(self, buffer):
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self):
        """The caller owns the stream."""


def _delimiter(sample: str) -> str:
    """Comma, semicolon (Excel with Vietnamese regional settings) or tab."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        return max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","


def map_headings(kind: Kind, headings: Sequence[str]) -> dict[int, Column]:
    """Cell position → column. Missing required, unknown or repeated headings stop the import.

    Headings are compared without diacritics, case or a trailing ``*`` (the template's mark of a
    required column), in Vietnamese and in the user's language. An unknown heading is an error,
    not skipped: a renamed column must not silently lose its data.
    """
    known: dict[str, Column] = {}
    for column in kind.columns:
        for form in in_languages(column.heading):
            known[form] = column
    mapping: dict[int, Column] = {}
    seen: dict[str, str] = {}
    unknown, repeated = [], []
    for position, heading in enumerate(headings):
        folded = fold(heading.rstrip("* ").strip())
        if not folded or folded in IGNORED_HEADINGS:
            continue
        column = known.get(folded)
        if column is None:
            unknown.append(heading)
        elif column.key in seen:
            repeated.append(heading)
        else:
            seen[column.key] = heading
            if column.importable:
                mapping[position] = column
    problems = []
    missing = [str(c.heading) for c in kind.columns if c.required and c.key not in seen]
    if missing:
        problems.append(_("Thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)})
    if unknown:
        problems.append(
            _("Cột không có trong mẫu: %(columns)s. Các cột hợp lệ: %(expected)s.")
            % {"columns": ", ".join(f"“{h}”" for h in unknown), "expected": ", ".join(kind.headings())}
        )
    if repeated:
        problems.append(_("Cột bị lặp: %(columns)s.") % {"columns": ", ".join(f"“{h}”" for h in repeated)})
    if problems:
        raise ImportFileError(problems)
    return mapping


# --- Running an import ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            return _("Dòng %(line)s, cột %(column)s: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("Dòng %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportResult:
    """What an import found (dry run) or did (commit): counts and errors, line by line."""

    kind: str
    dry_run: bool
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    error_rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.error_rows and not self.file_errors

    @property
    def rows(self) -> int:
        return self.new + self.updated + self.unchanged + self.error_rows

    @property
    def errors_not_shown(self) -> int:
        return max(self.error_rows - len({e.line for e in self.errors}), 0)

    def add(self, line: int, exc: ValidationError | PermissionDenied, kind: Kind) -> None:
        self.error_rows += 1
        for column_key, message in _messages(exc):
            if len(self.errors) >= MAX_REPORTED_ERRORS:
                return
            self.errors.append(RowError(line, kind.column_label(column_key), message))

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "dry_run": self.dry_run,
            "committed": self.committed,
            "rows": self.rows,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.error_rows,
            "file_errors": list(self.file_errors),
            "row_errors": [
                {"line": e.line, "column": e.column, "message": e.message, "text": str(e)} for e in self.errors
            ],
        }


def _messages(exc) -> Iterator[tuple[str, str]]:
    if isinstance(exc, PermissionDenied):
        yield "", str(exc) or _("Bạn không có quyền thực hiện thao tác này.")
    elif hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            for message in ValidationError(errors).messages:
                yield ("" if key == "__all__" else key), message
    else:
        for message in exc.messages:
            yield "", message


def run_import(
    kind: Kind,
    stream,
    *,
    user,
    filename: str,
    dry_run: bool = True,
    progress: Callable[[int, int | None], None] | None = None,
) -> ImportResult:
    """Import a file of one kind; with ``dry_run`` (the default) nothing is kept.

    ``progress(done, total)`` is called after each batch of rows (``total`` is an estimate, or
    None when the file does not say). Bad files come back as ``file_errors``, bad rows as
    ``errors``; neither raises.
    """
    steps = iter_import(kind, stream, user=user, filename=filename, dry_run=dry_run)
    while True:
        try:
            done, total = next(steps)
        except StopIteration as finished:
            return finished.value
        if progress:
            progress(done, total)


def iter_import(
    kind: Kind, stream, *, user, filename: str, dry_run: bool = True
) -> Generator[tuple[int, int | None], None, ImportResult]:
    """``run_import`` one batch at a time: yields (rows read, estimated total), returns the result.

    A page streams these steps to its progress bar. The transaction stays open between steps and
    rolls back if the consumer stops early (the browser went away): nothing half-written.
    """
    result = ImportResult(kind=kind.name, dry_run=dry_run)
    try:
        table = open_table(stream, filename, str(kind.title))
    except ImportFileError as exc:
        result.file_errors = exc.messages
        return result
    audit = {"source": SOURCE_IMPORT, "import_kind": kind.name, "import_file": filename[:200]}
    if user is not None:
        audit.update(user=user.pk, username=user.get_username())
    try:
        mapping = map_headings(kind, table.headings)
        with pghistory.context(**audit), transaction.atomic():
            yield from _import_rows(kind, table, mapping, user, result)
            result.errors.sort(key=lambda error: error.line)
            result.committed = result.ok and not dry_run
            if not result.committed:
                transaction.set_rollback(True)
    except ImportFileError as exc:
        result.file_errors = exc.messages
        result.committed = False
    finally:
        table.close()
    return result


PENDING = object()  # ``RecordIndex.find``: the row's record is among the batch's creations not yet written


class RecordIndex:
    """The existing records a batch of rows may update, found with one or two queries per batch.

    Records in the user's edit scope are indexed by their keys; the keys that match only records
    outside it are remembered, so such a row is an error rather than a duplicate. The keys of new
    rows waiting to be created together are held until they are written.
    """

    def __init__(self, kind: Kind, rows: list[dict], ctx: ImportContext):
        self.kind = kind
        self.found: dict[tuple, object] = {}
        self.outside: set[tuple] = set()
        self.held: set[tuple] = set()
        wanted = {key for values in rows for key in kind.match_keys(values)}
        if not wanted:
            return
        candidates = kind.candidates(rows)
        scoped = ctx.editable(candidates)
        for record in scoped:
            self.remember(record)
        missing = wanted - self.found.keys()
        if missing and scoped is not candidates:  # the same queryset back: the user may change everything
            for record in candidates.exclude(pk__in=[r.pk for r in self.found.values()]):
                self.outside.update(set(kind.record_keys(record)) & missing)

    def remember(self, record) -> None:
        for key in self.kind.record_keys(record):
            self.found.setdefault(key, record)

    def hold(self, values: dict) -> None:
        """A new row's record will answer to these keys once written (``create_many``)."""
        self.held.update(self.kind.new_record_keys(values))

    def find(self, values: dict):
        """The record a row updates, None for a new one, ``PENDING`` for one held for creation."""
        for key in self.kind.match_keys(values):
            if key in self.found:
                return self.found[key]
            if key in self.outside:
                raise ValidationError(
                    {self.kind.key_columns[0]: _("Bản ghi này thuộc địa bàn ngoài phạm vi bạn được phép nhập liệu.")}
                )
            if key in self.held:
                return PENDING
        return None


def _import_rows(kind, table, mapping, user, result) -> Iterator[tuple[int, int | None]]:
    """Rows in batches: read and resolve a batch, find its existing records at once, then write it (``_write_rows``)."""
    ctx = kind.begin(user)
    seen: dict[tuple, int] = {}
    done = 0
    rows = iter(table.rows)
    while batch := list(islice(rows, BATCH_SIZE)):
        parsed = []
        for line, cells in batch:
            if all(cell_text(cell) == "" for cell in cells):
                continue
            try:
                parsed.append((line, _parse_row(mapping, cells)))
            except ValidationError as exc:
                result.add(line, exc, kind)
        kind.warm([values for _line, values in parsed], ctx)
        prepared = []
        for line, values in parsed:
            try:
                prepared.append((line, _resolve_row(kind, ctx, line, values, seen)))
            except (ValidationError, PermissionDenied) as exc:
                result.add(line, exc, kind)
        index = RecordIndex(kind, [values for _line, values in prepared], ctx)
        _write_rows(kind, ctx, index, prepared, result)
        done += len(batch)
        yield done, table.estimated_rows


def _parse_row(mapping: dict[int, Column], cells) -> dict:
    """The row's cells as values; every cell's problem at once."""
    values, problems = {}, {}
    for position, column in mapping.items():
        raw = cells[position] if position < len(cells) else None
        try:
            value = column.converter.parse(raw)
        except ValidationError as exc:
            problems[column.key] = exc.messages
            continue
        if column.required and value in (None, "", []):
            problems[column.key] = [_("Không được để trống.")]
        values[column.key] = value
    if problems:
        raise ValidationError(problems)
    return values


def _resolve_row(kind: Kind, ctx: ImportContext, line: int, values: dict, seen: dict) -> dict:
    """The row's references resolved; a row repeating an earlier row's key is an error."""
    values = kind.resolve(values, ctx)
    key = kind.natural_key(values)
    if key in seen:
        raise ValidationError(
            {kind.key_columns[0]: _("Trùng với dòng %(line)s của tệp (cùng khóa nhận diện).") % {"line": seen[key]}}
        )
    seen[key] = line
    return values


def _write_rows(kind: Kind, ctx: ImportContext, index: RecordIndex, rows: list[tuple[int, dict]], result) -> None:
    """Write a batch's rows in order; new rows of a kind that ``creates_many`` are created together.

    Row by row, the services cost a dozen or more statements each (validation queries, scope checks,
    the insert); together, a few for the batch. A row that matches a record still waiting to be
    created has the waiting rows written first, so rows see each other as they did one by one.
    """
    waiting: list[tuple[int, dict]] = []
    for line, values in rows:
        try:
            record = index.find(values)
            if record is PENDING:
                _create_together(kind, ctx, index, waiting, result)
                waiting = []
                index.held.clear()
                record = index.find(values)
            if record is None and kind.creates_many:
                index.hold(values)
                waiting.append((line, values))
                continue
            outcome = _write_row(kind, ctx, index, values, record)
        except (ValidationError, PermissionDenied) as exc:
            result.add(line, exc, kind)
        else:
            setattr(result, outcome.value, getattr(result, outcome.value) + 1)
    _create_together(kind, ctx, index, waiting, result)
    index.held.clear()


def _create_together(kind: Kind, ctx: ImportContext, index: RecordIndex, rows: list[tuple[int, dict]], result) -> None:
    """Create new rows with ``kind.create_many`` (its own savepoint: all of them or none).

    When that fails, each half is tried again, down to single rows that go through the one-row
    service (``kind.create``): a bad row gets exactly the messages it gets on its own, and the good
    rows around it are still written together.
    """
    if not rows:
        return
    try:
        with transaction.atomic():
            records = kind.create_many([values for _line, values in rows], ctx)
    except (ValidationError, PermissionDenied, IntegrityError, DataError):  # a row's problem: find the row
        if len(rows) > 1:
            middle = len(rows) // 2
            _create_together(kind, ctx, index, rows[:middle], result)
            _create_together(kind, ctx, index, rows[middle:], result)
            return
        _create_one_by_one(kind, ctx, index, rows, result)
    except DatabaseError:  # not the rows' (a lost connection...): each row reports it, as one by one
        _create_one_by_one(kind, ctx, index, rows, result)
    else:
        for record in records:
            index.remember(record)
        result.new += len(records)


def _create_one_by_one(kind: Kind, ctx: ImportContext, index: RecordIndex, rows: list[tuple[int, dict]], result):
    for line, values in rows:
        try:
            _write_row(kind, ctx, index, values, None)
        except (ValidationError, PermissionDenied) as exc:
            result.add(line, exc, kind)
        else:
            result.new += 1


def _write_row(kind: Kind, ctx: ImportContext, index: RecordIndex, values: dict, record) -> Outcome:
    """Create (``record`` None), update or leave the row's record through the kind's one-row service."""
    try:
        if record is None:
            index.remember(kind.create(values, ctx))
            return Outcome.CREATED
        changes = kind.changes(record, values)
        if not changes:
            return Outcome.UNCHANGED
        index.remember(kind.update(record, changes, ctx))
        return Outcome.UPDATED
    except IntegrityError as exc:
        constraint = getattr(getattr(exc.__cause__, "diag", None), "constraint_name", "") or ""
        raise ValidationError(
            _("Dữ liệu trái với ràng buộc của cơ sở dữ liệu (%(constraint)s).") % {"constraint": constraint}
        ) from exc
    except DatabaseError as exc:
        raise ValidationError(_("Không ghi được dòng này vào cơ sở dữ liệu.")) from exc


# --- Templates and exports -----------------------------------------------------------------------


def template_sheets(kind: Kind) -> list[spreadsheets.Sheet]:
    """The blank data sheet (headings only; ``*`` marks a required column) and the instructions."""
    importable = [c for c in kind.columns if c.importable]
    rows: list[list[object]] = []
    for column in importable:
        how = " ".join(filter(None, [str(column.help), column.converter.describe()]))
        rows.append([str(column.heading), _("Có") if column.required else _("Không"), how, column.example])
    rows.append([])
    rows.extend([str(line)] for line in GENERAL_INSTRUCTIONS)
    rows.extend([str(line)] for line in kind.instructions)
    return [
        (str(kind.title), [c.template_heading() for c in importable], []),
        (_("Hướng dẫn"), [_("Cột"), _("Bắt buộc"), _("Cách ghi"), _("Ví dụ")], rows),
    ]


GENERAL_INSTRUCTIONS = (
    gettext_lazy(
        "Nhập dữ liệu vào trang đầu, mỗi dòng một bản ghi, giữ nguyên dòng tiêu đề; cột có dấu * là bắt buộc."
    ),
    gettext_lazy("Ngày ghi theo dạng dd/mm/yyyy. Tệp CSV phải lưu với bảng mã UTF-8."),
    gettext_lazy(
        "Cổng luôn kiểm tra trước (chạy thử) và báo số bản ghi mới, cập nhật, không đổi và các lỗi theo dòng; "
        "chỉ khi không còn lỗi mới ghi, và ghi tất cả hoặc không ghi gì."
    ),
    gettext_lazy("Nhập lại cùng một tệp không tạo bản ghi trùng: các dòng đã có được nhận ra và giữ nguyên."),
    gettext_lazy(
        "Tệp xuất từ cổng có cùng các cột: có thể sửa rồi nhập lại. Cột chỉ để xem (hạng sao...) được bỏ qua."
    ),
)


def write_template(kind: Kind, stream) -> None:
    spreadsheets.write_xlsx(stream, template_sheets(kind))


def write_export(kind: Kind, queryset, stream, fmt: str) -> None:
    """Write the rows of ``queryset`` (already filtered and scoped) with the kind's columns."""
    if fmt == "csv":
        spreadsheets.write_csv(stream, kind.headings(), kind.export_rows(queryset))
    else:
        spreadsheets.write_xlsx(stream, [(str(kind.title), kind.headings(), kind.export_rows(queryset))])


def export_response(kind: Kind, queryset, fmt: str = "xlsx", filename: str = ""):
    """An HTTP download of a filtered list: what the user sees, as .xlsx or .csv.

    ``queryset`` is the list's queryset after its FilterSet (and so after ``visible_to``). CSV
    streams line by line; a workbook is built in write-only mode in a spooled temporary file (a
    zip cannot be streamed before it is finished) and then sent.
    """
    if fmt not in FORMATS:
        fmt = "xlsx"
    filename = f"{filename or kind.name}.{fmt}"
    if fmt == "csv":
        chunks = (chunk.encode("utf-8") for chunk in spreadsheets.iter_csv(kind.headings(), kind.export_rows(queryset)))
        response = StreamingHttpResponse(chunks, content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    buffer = tempfile.SpooledTemporaryFile(max_size=8 * 2**20)  # noqa: SIM115 - FileResponse closes it
    write_export(kind, queryset, buffer, "xlsx")
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


def template_response(kind: Kind):
    buffer = io.BytesIO()
    write_template(kind, buffer)
    buffer.seek(0)
    return FileResponse(
        buffer, as_attachment=True, filename=f"mau-nhap-{kind.name}.xlsx", content_type=XLSX_CONTENT_TYPE
    )


def kind_choices(kinds: Iterable[Kind]) -> list[tuple[str, str]]:
    return [(kind.name, str(kind.title)) for kind in kinds]
