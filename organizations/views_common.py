"""What every portal page shares: the user's role, role guards, pagination and service errors."""

from functools import wraps

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404

from organizations import access
from organizations.models import AdministrativeUnit

PAGE_SIZE = 25
EXPORT_FORMATS = ("xlsx", "csv")  # "export what I see": a list with ?format= answers a file


def portal_role(user) -> str:
    """``officer``, ``area_staff``, ``council_member``, ``api_client`` or ``public``.

    Superusers work as provincial officers on the pages.
    """
    role = access.role_of(user)
    return "officer" if role == access.SUPERUSER else role


def role_required(*roles):
    """Only these roles open the page; anyone else signed in gets a 404 (no existence leak)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if portal_role(request.user) not in roles:
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_required = role_required("officer", "area_staff")
officer_required = role_required("officer")


def paginate(request, queryset, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def add_service_error(form, exc: ValidationError | PermissionDenied):
    """A service's refusal shown on the form: per field when it names one, else on top."""
    if isinstance(exc, PermissionDenied):
        form.add_error(None, str(exc))
    elif hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def id_param(request, name: str) -> int | None:
    """An id from the query string (``?producer=12``), or ``None`` when it is not one: a link edited by
    hand is a page without the preselection, not a 500."""
    value = request.GET.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def save_through_service(form, save):
    """Call the service with the form's fields; its refusal becomes form errors (``None``), not a 500."""
    try:
        return save(**form.service_fields())
    except (ValidationError, PermissionDenied) as exc:
        add_service_error(form, exc)
        return None


def page_filterset(filterset_class, request, queryset, fields, *, areas=None):
    """The shared FilterSet with the fields a page offers, ready to render as a form.

    The FilterSets serve the API too, which takes more parameters (ids, dates, ``ordering``); a page
    shows the ones a person uses. ``areas``, when given, are the units its area list offers.
    """
    filterset = filterset_class(request.GET or None, queryset=queryset)
    for name in [name for name in filterset.filters if name not in fields]:
        del filterset.filters[name]
    form = filterset.form
    for field in form.fields.values():
        choices = getattr(field, "choices", None)
        if isinstance(field, forms.TypedChoiceField) and choices and all(value != "" for value, _label in choices):
            field.choices = [("", "---------"), *choices]
    if areas is not None and "area" in form.fields:
        form.fields["area"].queryset = areas.order_by("path")
        form.fields["area"].label_from_instance = _area_label
    return filterset


def area_choices(user):
    """The districts and communes of the user's own scope, for the area filter of their lists."""
    return AdministrativeUnit.objects.editable_by(user).exclude(level=AdministrativeUnit.Level.PROVINCE)


def _area_label(unit):
    """Communes indented under their district, as the list is ordered by path."""
    return f"— {unit}" if unit.level == AdministrativeUnit.Level.COMMUNE else str(unit)
