"""Reads on products and registrations that are more than a filter: scoped lists, dossier state, counts."""

from django.db.models import Count

from products.models import DossierDocument, Product, Registration


def product_list(*, user):
    """Products the user sees, with the producer, set and commune a list row shows (no N+1)."""
    return Product.objects.visible_to(user).select_related("producer", "product_set", "origin_commune__parent")


def registration_list(*, user, year: int | None = None, status: str | None = None):
    """Registrations the user sees, optionally of one year and status, ready for a list."""
    queryset = Registration.objects.visible_to(user).select_related(
        "product__producer", "product__origin_commune__parent"
    )
    if year is not None:
        queryset = queryset.filter(year=year)
    if status is not None:
        queryset = queryset.filter(status=status)
    return queryset


def dossier_missing(registration: Registration) -> list[DossierDocument]:
    """The required checklist items that still have no file (what blocks submitting)."""
    return list(DossierDocument.objects.filter(registration=registration, required=True, file=""))


def registration_counts(*, user, year: int) -> dict[str, int]:
    """How many registrations of the year the user sees are in each status (every status present)."""
    counts = dict(
        Registration.objects.visible_to(user)
        .filter(year=year)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in Registration.Status.values}
