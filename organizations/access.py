"""Who may see and change what: the one place that decides (see ../shared/design.md, "Access")."""

from organizations.models import StaffAssignment


def assignment_of(user):
    if not user or not user.is_authenticated:
        return None
    cached = getattr(user, "_ocop_assignment", False)
    if cached is False:
        cached = StaffAssignment.objects.filter(user=user, is_active=True).select_related("unit", "view_unit").first()
        user._ocop_assignment = cached
    return cached


def visible(queryset, user):
    if user.is_superuser:
        return queryset
    assignment = assignment_of(user)
    if assignment is None:
        return queryset.none()
    unit = assignment.view_unit or assignment.unit
    return queryset.in_areas([unit.path])


def editable(queryset, user):
    if user.is_superuser:
        return queryset
    assignment = assignment_of(user)
    if assignment is None:
        return queryset.none()
    return queryset.in_areas([assignment.unit.path])
