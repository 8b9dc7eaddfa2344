"""What every portal page shares: the user's role, role guards, pagination and service errors."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404

from organizations import access

PAGE_SIZE = 25


def portal_role(user) -> str:
    """``officer``, ``area_staff``, ``council_member``, ``api_client`` or ``public``.

    Superusers work as provincial officers on the pages.
    """
    if not user.is_authenticated:
        return "public"
    if user.is_superuser:
        return "officer"
    assignment = access.assignment_of(user)
    return assignment.role if assignment else "public"


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


def paginate(request, queryset, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def add_service_error(form, exc: ValidationError):
    """A service's ValidationError shown on the form: per field when it names one, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
