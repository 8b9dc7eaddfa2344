"""Criteria sheets as versioned data: read the sources, validate every sheet, write them idempotently.

Sources (copied into ``criteria_data/`` so a clean clone needs nothing beside it):

- ``26-2026.json``: the 26 sheets of 26/2026/QĐ-TTg Annex II; four are marked incomplete there.
- ``148-2023/*.csv``: a third party's transcription of the 148/QĐ-TTg sheets, with known errors.
- OCOP-BK-2018 and 1048-2019 exist only as the legacy part-totals sheet of ocop.md §12.7.

A sheet the source marks incomplete (or a 148 CSV with a known problem) is loaded as a draft that
lists its problems and cannot be used until an officer corrects it; any other sheet that fails the
checks stops the whole load with a message naming the sheet, section, criterion and numbers. A
version that an evaluation already uses is never changed.
"""

import csv
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from django.db import connection, transaction
from django.utils.translation import gettext as _

from evaluations.models import (
    CriteriaSheet,
    CriteriaVersion,
    Criterion,
    CriterionOption,
    Disqualifier,
    Evaluation,
    SheetPart,
    SheetSection,
)
from products.models import ProductSet

DATA_DIR = Path(__file__).resolve().parent / "criteria_data"
CLASSIFICATION_SCHEME = "148-2023"
# 148 CSVs whose transcription errors are documented (criteria_data README, "Known problems"):
# they load as drafts with the problems the checks find, instead of stopping the load.
KNOWN_PROBLEM_148_SETS = frozenset({7, 11, 12, 13, 17, 18, 26})
PART_NAMES = {
    "A": "Sản phẩm và sức mạnh của cộng đồng",
    "B": "Khả năng tiếp thị",
    "C": "Chất lượng sản phẩm",
}


class CriteriaError(Exception):
    """A sheet that cannot be loaded as it is; ``problems`` lists every reason."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class OptionData:
    text: str
    points: int | None
    min_star: int | None = None
    case_label: str = ""


@dataclass
class CriterionData:
    code: str
    name: str
    max_points: int | None
    note: str = ""
    group_code: str = ""
    options: list[OptionData] = field(default_factory=list)
    heading_star: int | None = None  # 148 CSVs: a mark printed on the criterion heading itself


@dataclass
class SectionData:
    number: str
    name: str
    max_points: int | None
    criteria: list[CriterionData] = field(default_factory=list)
    groups: dict[str, int] = field(default_factory=dict)


@dataclass
class PartData:
    code: str
    name: str
    max_points: int | None
    sections: list[SectionData] = field(default_factory=list)


@dataclass
class SheetData:
    set_number: int | None
    name: str
    parts: list[PartData]
    disqualifiers: list[str] = field(default_factory=list)
    star_legend: str = ""
    source_problems: list[str] = field(default_factory=list)
    draft_allowed: bool = False

    def digest(self) -> str:
        """Fingerprint of the source content (problems are derived from it, in the active language)."""
        content = {key: value for key, value in asdict(self).items() if key != "source_problems"}
        return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass
class VersionData:
    code: str
    name: str
    legal_act: str
    effective_from: date
    part_maxima: tuple[int, int, int]
    is_legacy: bool
    sheets: list[SheetData]


# --- Checks --------------------------------------------------------------------------------


def complete_binary_criteria(sheet: SheetData) -> None:
    """A criterion printed without options (2.4 bilingual label) is scored all or nothing.

    The option texts are data, like the rest of the sheet: plain Vietnamese, never translated at
    load time (a translated text would change the sheet's digest with the active language).
    """
    for part in sheet.parts:
        for section in part.sections:
            for criterion in section.criteria:
                if not criterion.options and criterion.max_points is not None:
                    criterion.options = [
                        OptionData(text="Không đáp ứng", points=0),
                        OptionData(text="Đáp ứng", points=criterion.max_points),
                    ]


def check_sheet(sheet: SheetData, part_maxima: tuple[int, int, int], *, legacy: bool = False) -> list[str]:
    """Every reason the sheet cannot be scored on, each naming where and which numbers disagree."""
    name = sheet.name
    problems = []
    expected = dict(zip("ABC", part_maxima, strict=True))
    codes = [part.code for part in sheet.parts]
    if codes != ["A", "B", "C"]:
        problems.append(
            _("Phiếu «%(sheet)s»: các phần là %(codes)s, phải là A, B, C.") % {"sheet": name, "codes": codes}
        )
    total = 0
    for part in sheet.parts:
        context = {"sheet": name, "part": part.code}
        if part.max_points != expected.get(part.code):
            problems.append(
                _("Phiếu «%(sheet)s», phần %(part)s: điểm tối đa %(printed)s, bộ tiêu chí quy định %(expected)s.")
                % {**context, "printed": part.max_points, "expected": expected.get(part.code)}
            )
        total += part.max_points or 0
        if legacy:
            continue
        section_sum = 0
        for section in part.sections:
            problems += _check_section(section, {**context, "section": section.number})
            section_sum += section.max_points or 0
        if section_sum != part.max_points:
            problems.append(
                _("Phiếu «%(sheet)s», phần %(part)s: các nhóm cộng lại %(sum)s điểm, phần ghi %(printed)s điểm.")
                % {**context, "sum": section_sum, "printed": part.max_points}
            )
    if total != 100:
        problems.append(
            _("Phiếu «%(sheet)s»: tổng điểm tối đa %(total)s, phải là 100.") % {"sheet": name, "total": total}
        )
    return problems


def _check_section(section: SectionData, context: dict) -> list[str]:
    problems = []
    if not section.criteria:
        problems.append(_("Phiếu «%(sheet)s», nhóm %(section)s: không có tiêu chí.") % context)
    criteria_sum = 0
    for criterion in section.criteria:
        where = {**context, "criterion": criterion.code}
        points = [option.points for option in criterion.options]
        for option in criterion.options:
            if option.points is None:
                problems.append(
                    _(
                        "Phiếu «%(sheet)s», nhóm %(section)s, tiêu chí %(criterion)s: "
                        "phương án «%(option)s» chưa có điểm."
                    )
                    % {**where, "option": option.text[:60]}
                )
        if not points:
            problems.append(
                _("Phiếu «%(sheet)s», nhóm %(section)s, tiêu chí %(criterion)s: không có phương án chấm.") % where
            )
        elif None not in points and max(points) != criterion.max_points:
            problems.append(
                _(
                    "Phiếu «%(sheet)s», nhóm %(section)s, tiêu chí %(criterion)s: điểm tối đa %(printed)s "
                    "nhưng phương án cao nhất được %(best)s điểm."
                )
                % {**where, "printed": criterion.max_points, "best": max(points)}
            )
        criteria_sum += criterion.max_points or 0
    for group, group_max in section.groups.items():
        group_sum = sum(c.max_points or 0 for c in section.criteria if c.group_code == group)
        if group_sum != group_max:
            problems.append(
                _(
                    "Phiếu «%(sheet)s», nhóm %(section)s, tiêu chí %(group)s: "
                    "các tiêu chí con cộng lại %(sum)s, ghi %(printed)s."
                )
                % {**context, "group": group, "sum": group_sum, "printed": group_max}
            )
    if criteria_sum != section.max_points:
        problems.append(
            _("Phiếu «%(sheet)s», nhóm %(section)s: các tiêu chí cộng lại %(sum)s điểm, nhóm ghi %(printed)s điểm.")
            % {**context, "sum": criteria_sum, "printed": section.max_points}
        )
    return problems


# --- Sources -------------------------------------------------------------------------------


def legacy_sheet(name: str, part_maxima: tuple[int, int, int]) -> SheetData:
    parts = [PartData(code, PART_NAMES[code], maximum) for code, maximum in zip("ABC", part_maxima, strict=True)]
    return SheetData(set_number=None, name=name, parts=parts)


def read_26_2026(path: Path = DATA_DIR / "26-2026.json") -> list[SheetData]:
    sheets = []
    for raw in json.loads(path.read_text(encoding="utf-8")):
        parts = []
        for raw_part in raw["parts"]:
            sections = []
            for raw_section in raw_part["sections"]:
                criteria = [
                    CriterionData(
                        code=c["code"],
                        name=c["name_vi"],
                        max_points=c["max_points"],
                        note=c.get("note_vi") or "",
                        group_code=c.get("group") or "",
                        options=[
                            OptionData(o["text_vi"], o["points"], o.get("min_star"), o.get("case_vi") or "")
                            for o in c["options"]
                        ],
                    )
                    for c in raw_section["criteria"]
                ]
                groups = {g["code"]: g["max_points"] for g in raw_section.get("groups") or []}
                sections.append(
                    SectionData(
                        raw_section["number"], raw_section["name_vi"], raw_section["max_points"], criteria, groups
                    )
                )
            parts.append(PartData(raw_part["code"], raw_part["name_vi"], raw_part["max_points"], sections))
        sheets.append(
            SheetData(
                set_number=raw["set_number"],
                name=raw["name_vi"],
                parts=parts,
                disqualifiers=list(raw["disqualifiers"]),
                star_legend=raw.get("star_legend_vi") or "",
                source_problems=list(raw.get("problems") or []),
                draft_allowed=not raw["complete"],
            )
        )
    return sheets


_PART = re.compile(r"Phần\s*([ABC])", re.IGNORECASE)
_SECTION = re.compile(r"^\s*(\d+)\s*\.?\s*(.*)$", re.S)
_CRITERION = re.compile(r"^\s*([a-zđ]{1,2})\s*\)\s*(.*)$", re.S)
_STARS = re.compile(r"\s*\*+\s*$")


def _points(value: str, where: str, problems: list[str]) -> int | None:
    value = value.strip()
    if value.isdigit():
        return int(value)
    problems.append(_("%(where)s: điểm «%(value)s» không phải là số.") % {"where": where, "value": value})
    return None


def read_148_csv(path: Path) -> SheetData:
    """One transcribed 148 sheet (levels 0 part, 1 section, 2 criterion, 3 option)."""
    set_number = int(re.match(r"OCOP - (\d+)\.", path.name).group(1))
    title = path.stem.split(". ", 1)[1].replace("Bộ sản phẩm_ ", "").replace("Bộ sản phẩm; ", "")
    name = f"Bộ sản phẩm: {title}"
    problems: list[str] = []
    parts: list[PartData] = []
    section = criterion = None
    section_note = ""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text, level, stars = row["title"].strip(), row["level"].strip(), row["stars"].strip()
            star = int(stars) if stars.isdigit() else None
            where = f"{name}, «{text[:40]}»"
            if level == "0":
                match = _PART.search(text)
                heading = re.sub(r"\(\s*\d+\s*Điểm\s*\)", "", text.split("\n", 1)[-1], flags=re.I)
                heading = re.sub(r"^Phần\s*[ABC]\s*[:.]?\s*", "", heading.strip(), flags=re.I)
                parts.append(
                    PartData(match.group(1) if match else "?", heading.strip(), _points(row["score"], where, problems))
                )
                section = criterion = None
            elif level == "1":
                match = _SECTION.match(text)
                section = SectionData(match.group(1), match.group(2).strip(), _points(row["score"], where, problems))
                parts[-1].sections.append(section)
                criterion = None
                section_note = row["description"].strip()
            elif level == "2":
                first, _sep, rest = text.partition("\n")
                match = _CRITERION.match(first)
                letter = match.group(1) if match else str(len(section.criteria) + 1)
                label = match.group(2).strip() if match else first.lstrip("- ").strip()
                note = "\n".join(filter(None, [rest.strip(), row["description"].strip(), section_note]))
                section_note = ""
                repeats_section = not label or label.upper() == section.name.upper()
                if repeats_section and not row["score"].strip():  # "a)" alone: the section is scored directly
                    criterion = CriterionData(section.number, section.name, section.max_points, note)
                else:
                    criterion = CriterionData(
                        f"{section.number}.{letter}",
                        _STARS.sub("", label),
                        _points(row["score"], where, problems),
                        note,
                        heading_star=star,
                    )
                section.criteria.append(criterion)
            elif level == "3":
                if criterion is None:  # options right under a section: the section is scored directly
                    criterion = CriterionData(section.number, section.name, section.max_points, section_note)
                    section_note = ""
                    section.criteria.append(criterion)
                option_text = _STARS.sub("", text.lstrip("□").strip())
                criterion.options.append(OptionData(option_text, _points(row["score"], where, problems), star))
    for part in parts:
        for sec in part.sections:
            for crit in sec.criteria:
                _apply_heading_star(crit)
    return SheetData(
        set_number=set_number,
        name=name,
        parts=parts,
        source_problems=problems,
        draft_allowed=set_number in KNOWN_PROBLEM_148_SETS,
    )


def _apply_heading_star(criterion: CriterionData) -> None:
    """A mark on a criterion heading means its least option (README of criteria_data), not its maximum."""
    star = criterion.heading_star
    if not star or not criterion.options:
        return
    scored = [option for option in criterion.options if option.points]
    if scored and not any(option.min_star for option in criterion.options):
        min(scored, key=lambda option: option.points).min_star = star


def read_148_2023(folder: Path = DATA_DIR / "148-2023") -> list[SheetData]:
    return sorted((read_148_csv(path) for path in folder.glob("*.csv")), key=lambda sheet: sheet.set_number)


def versions() -> list[VersionData]:
    """The four rule books, oldest first (ocop.md §11, §12.7)."""
    return [
        VersionData(
            "OCOP-BK-2018",
            "Bộ tiêu chí tạm thời OCOP-BK 2018–2020 (Bắc Kạn)",
            "1627/QĐ-UBND ngày 27/9/2018",
            date(2018, 9, 27),
            (35, 25, 40),
            True,
            [legacy_sheet("Phiếu tổng điểm phần OCOP-BK 2018 (A ≤ 35, B ≤ 25, C ≤ 40)", (35, 25, 40))],
        ),
        VersionData(
            "1048-2019",
            "Bộ tiêu chí OCOP theo Quyết định 1048/QĐ-TTg",
            "1048/QĐ-TTg ngày 21/8/2019; 781/QĐ-TTg ngày 08/6/2020",
            date(2019, 8, 21),
            (35, 25, 40),
            True,
            [legacy_sheet("Phiếu tổng điểm phần 1048 (A ≤ 35, B ≤ 25, C ≤ 40)", (35, 25, 40))],
        ),
        VersionData(
            "148-2023",
            "Bộ tiêu chí OCOP theo Quyết định 148/QĐ-TTg",
            "148/QĐ-TTg ngày 24/02/2023",
            date(2023, 2, 24),
            (40, 25, 35),
            False,
            read_148_2023(),
        ),
        VersionData(
            "26-2026",
            "Bộ tiêu chí OCOP theo Quyết định 26/2026/QĐ-TTg",
            "26/2026/QĐ-TTg ngày 22/5/2026",
            date(2026, 5, 22),
            (40, 25, 35),
            False,
            read_26_2026(),
        ),
    ]


# --- Writing -------------------------------------------------------------------------------


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    drafts: list[str] = field(default_factory=list)


def version_in_use(version: CriteriaVersion) -> bool:
    return Evaluation.objects.filter(sheet__version=version).exists()


@transaction.atomic
def load_versions(data: list[VersionData]) -> LoadReport:
    """Write every version; all or nothing. Raises :class:`CriteriaError` listing what is broken."""
    broken, checked = [], []
    for version in data:
        for sheet in version.sheets:
            if not version.is_legacy:
                complete_binary_criteria(sheet)
            problems = sheet.source_problems + check_sheet(sheet, version.part_maxima, legacy=version.is_legacy)
            if problems and not sheet.draft_allowed:
                broken += problems
            checked.append((version, sheet, problems))
    if broken:
        raise CriteriaError(broken)
    report = LoadReport()
    product_sets = _product_sets(data)
    versions_by_code = {version.code: _write_version(version) for version in data}
    for version, sheet, problems in checked:
        db_version = versions_by_code[version.code]
        product_set = product_sets.get(sheet.set_number)
        outcome = _write_sheet(db_version, product_set, sheet, problems)
        setattr(report, outcome, getattr(report, outcome) + 1)
        if problems:
            report.drafts.append(f"{version.code} / {sheet.name}")
    if report.created or report.updated:
        _analyze()
    return report


def _analyze() -> None:
    """Refresh the planner's statistics of the tables just filled.

    Right after a first load the planner still believes them empty and joins them with nested
    loops over every row; the first scoring form or finalisation would then take minutes.
    """
    tables = [model._meta.db_table for model in (CriteriaSheet, SheetPart, SheetSection, Criterion, CriterionOption)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))


def _product_sets(data: list[VersionData]) -> dict[int, ProductSet]:
    numbers = {sheet.set_number for version in data for sheet in version.sheets if sheet.set_number}
    found = {
        product_set.number: product_set
        for product_set in ProductSet.objects.filter(
            group__branch__scheme__code=CLASSIFICATION_SCHEME, number__in=numbers
        )
    }
    missing = sorted(numbers - set(found))
    if missing:
        raise CriteriaError(
            [
                _("Chưa có bộ sản phẩm số %(numbers)s của hệ thống phân loại %(scheme)s: hãy chạy «manage.py migrate».")
                % {"numbers": ", ".join(map(str, missing)), "scheme": CLASSIFICATION_SCHEME}
            ]
        )
    return found


def _write_version(data: VersionData) -> CriteriaVersion:
    fields = {
        "name": data.name,
        "legal_act": data.legal_act,
        "effective_from": data.effective_from,
        "part_a_max": data.part_maxima[0],
        "part_b_max": data.part_maxima[1],
        "part_c_max": data.part_maxima[2],
        "is_legacy": data.is_legacy,
    }
    version, created = CriteriaVersion.objects.get_or_create(code=data.code, defaults=fields)
    changed = [name for name, value in fields.items() if getattr(version, name) != value]
    if not created and changed:
        _refuse_if_in_use(version, ", ".join(changed))
        for name in changed:
            setattr(version, name, fields[name])
        version.full_clean()
        version.save()
    return version


def _refuse_if_in_use(version: CriteriaVersion, what: str) -> None:
    if version_in_use(version):
        raise CriteriaError(
            [
                _("Bộ tiêu chí %(version)s đã được dùng để chấm điểm nên không thể thay đổi (%(what)s).")
                % {"version": version.code, "what": what}
            ]
        )


def _write_sheet(version: CriteriaVersion, product_set, data: SheetData, problems: list[str]) -> str:
    digest = data.digest()
    sheet = CriteriaSheet.objects.filter(version=version, product_set=product_set).first()
    if sheet is not None and sheet.source_digest == digest:
        return "unchanged"  # also keeps an officer's corrections of a draft
    if sheet is not None and _stored_content(sheet) == _source_content(data):
        sheet.source_digest = digest  # same sheet, fingerprinted differently (an older loader)
        sheet.save(update_fields=["source_digest"])
        return "unchanged"
    outcome = "created" if sheet is None else "updated"
    if sheet is None:
        sheet = CriteriaSheet(version=version, product_set=product_set)
    else:
        _refuse_if_in_use(version, data.name)
        sheet.parts.all().delete()
        sheet.disqualifiers.all().delete()
    sheet.name = data.name[:255]
    sheet.star_legend = data.star_legend
    sheet.status = CriteriaSheet.Status.DRAFT if problems else CriteriaSheet.Status.READY
    sheet.problems = problems
    sheet.source_digest = digest
    sheet.full_clean()
    sheet.save()
    Disqualifier.objects.bulk_create(
        Disqualifier(sheet=sheet, text=text, position=position) for position, text in enumerate(data.disqualifiers)
    )
    _write_structure(sheet, data)
    return outcome


def _source_content(data: SheetData) -> tuple:
    """What a stored sheet holds of its source, in the form :func:`_stored_content` reads it back."""
    return (
        data.name[:255],
        data.star_legend,
        tuple(data.disqualifiers),
        tuple(
            (
                part.code,
                part.name[:255],
                part.max_points or 0,
                tuple(
                    (
                        section.number,
                        section.name[:255],
                        section.max_points or 0,
                        tuple(
                            (
                                c.code,
                                c.name[:500],
                                c.max_points or 0,
                                c.note,
                                c.group_code,
                                tuple((o.text, o.points, o.min_star, o.case_label[:255]) for o in c.options),
                            )
                            for c in section.criteria
                        ),
                    )
                    for section in part.sections
                ),
            )
            for part in data.parts
        ),
    )


def _stored_content(sheet: CriteriaSheet) -> tuple:
    parts = SheetPart.objects.filter(sheet=sheet).prefetch_related("sections__criteria__options")
    return (
        sheet.name,
        sheet.star_legend,
        tuple(sheet.disqualifiers.values_list("text", flat=True)),
        tuple(
            (
                part.code,
                part.name,
                part.max_points,
                tuple(
                    (
                        section.number,
                        section.name,
                        section.max_points,
                        tuple(
                            (
                                c.code,
                                c.name,
                                c.max_points,
                                c.note,
                                c.group_code,
                                tuple((o.text, o.points, o.min_star, o.case_label) for o in c.options.all()),
                            )
                            for c in section.criteria.all()
                        ),
                    )
                    for section in part.sections.all()
                ),
            )
            for part in parts
        ),
    )


def _write_structure(sheet: CriteriaSheet, data: SheetData) -> None:
    parts = SheetPart.objects.bulk_create(
        SheetPart(sheet=sheet, code=part.code, name=part.name[:255], max_points=part.max_points or 0)
        for part in data.parts
    )
    sections, section_data = [], []
    for part, part_data in zip(parts, data.parts, strict=True):
        for position, section in enumerate(part_data.sections):
            sections.append(
                SheetSection(
                    part=part,
                    number=section.number,
                    name=section.name[:255],
                    max_points=section.max_points or 0,
                    position=position,
                )
            )
            section_data.append(section)
    SheetSection.objects.bulk_create(sections)
    criteria, criterion_data = [], []
    for section, section_source in zip(sections, section_data, strict=True):
        for position, criterion in enumerate(section_source.criteria):
            criteria.append(
                Criterion(
                    section=section,
                    code=criterion.code,
                    name=criterion.name[:500],
                    max_points=criterion.max_points or 0,
                    note=criterion.note,
                    group_code=criterion.group_code,
                    position=position,
                )
            )
            criterion_data.append(criterion)
    Criterion.objects.bulk_create(criteria)
    CriterionOption.objects.bulk_create(
        CriterionOption(
            criterion=criterion,
            text=option.text,
            points=option.points,
            min_star=option.min_star,
            case_label=option.case_label[:255],
            position=position,
        )
        for criterion, source in zip(criteria, criterion_data, strict=True)
        for position, option in enumerate(source.options)
    )


def sheet_problems(sheet: CriteriaSheet) -> list[str]:
    """Run the checks on a sheet as it is stored (after an officer's corrections)."""
    version = sheet.version
    parts = []
    for part in sheet.parts.prefetch_related("sections__criteria__options"):
        sections = []
        for section in part.sections.all():
            criteria = [
                CriterionData(
                    c.code,
                    c.name,
                    c.max_points,
                    group_code=c.group_code,
                    options=[OptionData(o.text, o.points, o.min_star) for o in c.options.all()],
                )
                for c in section.criteria.all()
            ]
            sections.append(SectionData(section.number, section.name, section.max_points, criteria))
        parts.append(PartData(part.code, part.name, part.max_points, sections))
    data = SheetData(set_number=None, name=sheet.name, parts=parts)
    maxima = (version.part_a_max, version.part_b_max, version.part_c_max)
    return check_sheet(data, maxima, legacy=version.is_legacy)
