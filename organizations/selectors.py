"""Reads on administrative units and producers that are more than a filter."""

from django.conf import settings
from django.db.models import Q

from organizations.models import AdministrativeUnit, Producer, UnitSuccession

Era, Level = AdministrativeUnit.Era, AdministrativeUnit.Level


def home_areas(province_code: str | None = None) -> list[AdministrativeUnit]:
    """The areas a province's lists are filtered by: its old districts, then the new province(s).

    ``province_code`` (default ``settings.OCOP_PROVINCE_CODE``) may be the old or the new code:
    06 gives Bắc Kạn's 8 districts and the new Thái Nguyên; 19 gives new Thái Nguyên and the
    districts of the old provinces merged into it. Four queries, whatever the size of the province.
    """
    code = province_code or settings.OCOP_PROVINCE_CODE
    provinces = AdministrativeUnit.objects.filter(level=Level.PROVINCE, code=code)
    linked = UnitSuccession.objects.filter(
        Q(predecessor__in=provinces, successor__level=Level.PROVINCE)
        | Q(successor__in=provinces, predecessor__level=Level.PROVINCE)
    ).values_list("predecessor__path", "successor__path")
    paths = {path for pair in linked for path in pair} | set(provinces.values_list("path", flat=True))
    old = sorted(path for path in paths if path.startswith(f"{Era.OLD}/"))
    new = sorted(path for path in paths if path.startswith(f"{Era.NEW}/"))
    condition = Q(pk__in=[])
    for path in old:
        condition |= Q(level=Level.DISTRICT, path__startswith=path)
    districts = AdministrativeUnit.objects.filter(condition).order_by("path")
    return [*districts, *AdministrativeUnit.objects.filter(path__in=new).order_by("path")]


def unit_successors(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The new-era units a unit became on 1/7/2025; a district, whose level ended, through its communes."""
    if unit.era == Era.NEW:
        return [unit]
    predecessors = [unit] if unit.level != Level.DISTRICT else AdministrativeUnit.objects.filter(parent=unit)
    return list(
        AdministrativeUnit.objects.filter(predecessions__predecessor__in=predecessors)
        .select_related("parent")
        .distinct()
        .order_by("path")
    )


def producer_list(*, user):
    """Producers the user sees, with what a list row shows (commune and its parent) in one query."""
    return Producer.objects.visible_to(user).select_related("commune__parent")
