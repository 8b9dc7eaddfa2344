"""Load Vietnam's administrative units of both eras, and the 2025 successions, from ``vietnam-provinces``.

The package (pinned in pyproject.toml) carries the official lists: the three-level list in force
until 30/6/2025 (``vietnam_provinces.legacy``: 63 provinces, 696 districts, 10,051 communes) and the
two-level list from 1/7/2025 (34 provinces, 3,321 communes), plus the conversion tables of the
reorganisation (old commune → new commune(s), old province → new province(s)).

Loading is a diff against what the database holds, written with ``bulk_create``/``bulk_update`` one
level at a time (a level's parents get their ids before it): the whole country is a handful of
queries, and a second run finds nothing to change. Units are never deleted here: records hang on
them (``on_delete=PROTECT``), and a unit that leaves the official list keeps its history.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from vietnam_provinces import Province, Ward, legacy

from organizations.models import AdministrativeUnit, UnitSuccession

OLD_VALID_TO = datetime.date(2025, 6, 30)
NEW_VALID_FROM = datetime.date(2025, 7, 1)
REFORM_DATE = NEW_VALID_FROM

PROVINCE_ACT = "Nghị quyết 202/2025/QH15 ngày 12/6/2025"
# The package names no resolution; each new province's communes were set by its own resolution of the
# National Assembly Standing Committee. Those confirmed (ocop.md §8.2) are named; the rest say what they are.
COMMUNE_ACTS = {"19": "Nghị quyết 1683/NQ-UBTVQH15"}
COMMUNE_ACT_DEFAULT = "Nghị quyết của UBTVQH về sắp xếp đơn vị hành chính cấp xã năm 2025"

UNIT_TYPES = {
    "tỉnh": AdministrativeUnit.UnitType.PROVINCE,
    "thành phố trung ương": AdministrativeUnit.UnitType.CENTRAL_CITY,
    "thành phố": AdministrativeUnit.UnitType.CITY,
    "huyện": AdministrativeUnit.UnitType.DISTRICT,
    "thị xã": AdministrativeUnit.UnitType.TOWN,
    "quận": AdministrativeUnit.UnitType.URBAN_DISTRICT,
    "xã": AdministrativeUnit.UnitType.COMMUNE,
    "phường": AdministrativeUnit.UnitType.WARD,
    "thị trấn": AdministrativeUnit.UnitType.TOWNSHIP,
    "đặc khu": AdministrativeUnit.UnitType.SPECIAL_ZONE,
}
CODE_WIDTH = {
    AdministrativeUnit.Level.PROVINCE: 2,
    AdministrativeUnit.Level.DISTRICT: 3,
    AdministrativeUnit.Level.COMMUNE: 5,
}
UPDATED_FIELDS = ["name", "level", "unit_type", "parent", "path", "valid_from", "valid_to"]
Old, New = AdministrativeUnit.Era.OLD, AdministrativeUnit.Era.NEW


@dataclass(frozen=True)
class OfficialUnit:
    era: str
    level: str
    code: str
    name: str
    unit_type: str
    parent_code: str | None

    @property
    def valid_from(self):
        return NEW_VALID_FROM if self.era == New else None

    @property
    def valid_to(self):
        return OLD_VALID_TO if self.era == Old else None


@dataclass
class LoadReport:
    """What a run did, per kind of row: ``created``, ``updated``, ``unchanged`` (and ``skipped`` successions)."""

    units: Counter = field(default_factory=Counter)
    successions: Counter = field(default_factory=Counter)
    official: Counter = field(default_factory=Counter)  # (era, level) → units in the official list


def _code(level, value) -> str:
    return f"{int(value):0{CODE_WIDTH[level]}d}"


def _plain_name(full_name: str, division_type: str) -> str:
    """ "Huyện Na Rì" → "Na Rì": the type is stored in ``unit_type`` and shown by ``__str__``."""
    prefix = "thành phố" if division_type == "thành phố trung ương" else division_type
    if full_name.lower().startswith(prefix + " "):
        return full_name[len(prefix) + 1 :]
    return full_name


def _official(era, level, code, item, parent_code=None) -> OfficialUnit:
    division_type = str(item.division_type)
    return OfficialUnit(
        era=era,
        level=level,
        code=_code(level, code),
        name=_plain_name(item.name, division_type),
        unit_type=UNIT_TYPES[division_type],
        parent_code=parent_code,
    )


def provinces_for(code: str) -> tuple[set[str], set[str]]:
    """The old and new provinces that ``--province CODE`` loads: the province(s) with that code in
    either era, plus their counterparts across the 2025 reform (06 → old 06 and new 19)."""
    number = int(code)
    sources = _province_sources()
    old, new = set(), set()
    for new_code, old_codes in sources.items():
        if number == new_code:
            new.add(new_code)
            old.update(old_codes)
        if number in old_codes:
            old.add(number)
            new.add(new_code)
    if not old and not new:
        raise ValueError(code)
    return {_code("province", n) for n in old}, {_code("province", n) for n in new}


def _province_sources() -> dict[int, list[int]]:
    """New province code → the old province codes it was formed from (NQ 202/2025/QH15)."""
    return {
        province.code.value: [source.code.value for source in province.get_legacy_sources()]
        for province in Province.iter_all()
    }


def official_units(old_provinces: set[str] | None = None, new_provinces: set[str] | None = None):
    """The official units, parents before children; ``None`` means the whole country of that era."""
    units = []
    districts = {}
    for province in legacy.Province.iter_all():
        code = _code("province", province.code.value)
        if old_provinces is None or code in old_provinces:
            units.append(_official(Old, "province", province.code.value, province))
    for district in legacy.District.iter_all():
        province_code = _code("province", district.province_code.value)
        if old_provinces is None or province_code in old_provinces:
            unit = _official(Old, "district", district.code.value, district, province_code)
            districts[district.code.value] = unit
            units.append(unit)
    for commune in legacy.Ward.iter_all():
        district = districts.get(commune.district_code.value)
        if district is not None:
            units.append(_official(Old, "commune", commune.code.value, commune, district.code))
    for province in Province.iter_all():
        code = _code("province", province.code.value)
        if new_provinces is None or code in new_provinces:
            units.append(_official(New, "province", province.code.value, province))
    for commune in Ward.iter_all():
        province_code = _code("province", commune.province_code.value)
        if new_provinces is None or province_code in new_provinces:
            units.append(_official(New, "commune", commune.code.value, commune, province_code))
    return units


def official_successions():
    """(level, old code, new code, legal act) for provinces and communes, effective 1/7/2025."""
    for new_code, old_codes in _province_sources().items():
        for old_code in old_codes:
            yield "province", _code("province", old_code), _code("province", new_code), PROVINCE_ACT
    for ward in Ward.iter_all():
        act = COMMUNE_ACTS.get(_code("province", ward.province_code.value), COMMUNE_ACT_DEFAULT)
        for source in ward.get_legacy_sources():
            yield "commune", _code("commune", source.code.value), _code("commune", ward.code.value), act


def _state(unit):
    return (unit.name, unit.level, unit.unit_type, unit.parent_id, unit.path, unit.valid_from, unit.valid_to)


def _existing_units(old_provinces, new_provinces):
    queryset = AdministrativeUnit.objects.all()
    if old_provinces is not None or new_provinces is not None:
        prefixes = [f"{Old}/{code}/" for code in old_provinces or ()] + [
            f"{New}/{code}/" for code in new_provinces or ()
        ]
        condition = Q(pk__in=[])
        for prefix in prefixes:
            condition |= Q(path__startswith=prefix)
        queryset = queryset.filter(condition)
    return {(unit.era, unit.code): unit for unit in queryset}


@transaction.atomic
def load_units(*, old_provinces: set[str] | None = None, new_provinces: set[str] | None = None) -> LoadReport:
    """Bring the database in line with the package for the given provinces (default: all of them)."""
    if (old_provinces is None) != (new_provinces is None):
        raise ValueError("give both province sets or neither")
    report = LoadReport()
    existing = _existing_units(old_provinces, new_provinces)
    official = official_units(old_provinces, new_provinces)
    report.official.update((item.era, item.level) for item in official)
    for level in ("province", "district", "commune"):
        to_create, to_update = [], []
        for item in official:
            if item.level != level:
                continue
            parent = existing[item.era, item.parent_code] if item.parent_code else None
            unit = existing.get((item.era, item.code))
            values = {
                "name": item.name,
                "level": item.level,
                "unit_type": item.unit_type,
                "parent": parent,
                "valid_from": item.valid_from,
                "valid_to": item.valid_to,
            }
            if unit is None:
                unit = AdministrativeUnit(era=item.era, code=item.code, **values)
                unit.path = unit.build_path()
                existing[item.era, item.code] = unit
                to_create.append(unit)
                continue
            before = _state(unit)
            for name, value in values.items():
                setattr(unit, name, value)
            unit.path = unit.build_path()
            if _state(unit) != before:
                to_update.append(unit)
            else:
                report.units["unchanged"] += 1
        AdministrativeUnit.objects.bulk_create(to_create, batch_size=2000)
        AdministrativeUnit.objects.bulk_update(to_update, UPDATED_FIELDS, batch_size=2000)
        report.units["created"] += len(to_create)
        report.units["updated"] += len(to_update)
    _load_successions(existing, report)
    return report


def _load_successions(units, report):
    """Successions between units that are both in the database; the rest wait for their province."""
    ids = {(unit.level, unit.era, unit.code): unit.pk for unit in units.values()}
    wanted = {}
    for level, old_code, new_code, act in official_successions():
        predecessor = ids.get((level, Old, old_code))
        if predecessor is None:
            continue
        successor = ids.get((level, New, new_code))
        if successor is None:
            report.successions["skipped"] += 1
            continue
        wanted[predecessor, successor] = act
    current = {
        (row.predecessor_id, row.successor_id): row
        for row in UnitSuccession.objects.filter(predecessor_id__in={pair[0] for pair in wanted})
    }
    to_create, to_update = [], []
    for (predecessor, successor), act in wanted.items():
        row = current.get((predecessor, successor))
        if row is None:
            to_create.append(
                UnitSuccession(
                    predecessor_id=predecessor, successor_id=successor, legal_act=act, effective_on=REFORM_DATE
                )
            )
        elif (row.legal_act, row.effective_on) != (act, REFORM_DATE):
            row.legal_act, row.effective_on = act, REFORM_DATE
            to_update.append(row)
        else:
            report.successions["unchanged"] += 1
    UnitSuccession.objects.bulk_create(to_create, batch_size=2000)
    UnitSuccession.objects.bulk_update(to_update, ["legal_act", "effective_on"], batch_size=2000)
    report.successions["created"] += len(to_create)
    report.successions["updated"] += len(to_update)
