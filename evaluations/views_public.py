"""Public pages (no sign-in): home, catalogue of recognised products, product, producer, certificate.

A product is in the catalogue while it is *recognised*: an active certificate, a current star of
3 or more and a star still valid today. Its page stays reachable once it has ever been certified,
so a QR code printed on old packaging still answers — and says truthfully that it expired.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from evaluations.models import Certificate
from evaluations.views_common import paginate
from organizations.models import AdministrativeUnit, Producer
from products.filters import ProductFilterSet
from products.models import Branch, Product, ProductGroup, ProductPhoto

CATALOGUE_PAGE_SIZE = 24


def recognised_products(today=None):
    today = today or timezone.localdate()
    return Product.objects.filter(
        current_star__gte=3,
        star_valid_until__gte=today,
        is_archived=False,
        certificates__status=Certificate.Status.ACTIVE,
    )


def _with_card_data(queryset):
    """What a product card shows, in a fixed number of queries whatever the page size."""
    return queryset.select_related("producer", "origin_commune__parent", "product_set").prefetch_related(
        Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id"), to_attr="photo_list")
    )


def _public_products(user):
    """Products whose page anyone may open: certified once, or visible to the signed-in user."""
    certified = Product.objects.filter(Exists(Certificate.objects.filter(product=OuterRef("pk"))))
    if user.is_authenticated:
        return certified | Product.objects.visible_to(user)
    return certified


def home(request):
    recognised = recognised_products()
    by_star = recognised.aggregate(
        total=Count("id"),
        three=Count("id", filter=Q(current_star=3)),
        four=Count("id", filter=Q(current_star=4)),
        five=Count("id", filter=Q(current_star=5)),
        producers=Count("producer", distinct=True),
    )
    latest = _with_card_data(recognised.order_by("-star_valid_until", "name"))[:8]
    return render(request, "public/home.html", {"figures": by_star, "latest": latest})


def _catalogue_choices(filterset, recognised):
    """Offer only the branches, groups and places that hold recognised products."""
    form = filterset.form
    form.fields["branch"].queryset = (
        Branch.objects.filter(Q(groups__sets__products__in=recognised) | Q(products_2018__in=recognised))
        .select_related("scheme")
        .distinct()
        .order_by("scheme__valid_from", "code")
    )
    form.fields["group"].queryset = ProductGroup.objects.filter(sets__products__in=recognised).distinct()
    communes = AdministrativeUnit.objects.filter(products__in=recognised)
    form.fields["area"].queryset = AdministrativeUnit.objects.filter(
        Q(pk__in=communes) | Q(pk__in=communes.filter(parent__level="district").values("parent"))
    ).order_by("path")
    form.fields["area"].label_from_instance = lambda unit: (
        f"— {unit}" if unit.level == AdministrativeUnit.Level.COMMUNE else str(unit)
    )


def catalogue(request):
    recognised = recognised_products()
    filterset = ProductFilterSet(request.GET or None, queryset=recognised)
    for name in ("producer", "status"):
        del filterset.filters[name]
    _catalogue_choices(filterset, recognised)
    products = filterset.qs if filterset.is_bound else recognised
    products = _with_card_data(products.order_by("-current_star", "name", "id"))
    page = paginate(request, products, CATALOGUE_PAGE_SIZE)
    return render(request, "public/catalogue.html", {"filterset": filterset, "page": page})


def product_detail(request, pk):
    product = get_object_or_404(
        _public_products(request.user).select_related(
            "producer__commune__parent", "origin_commune__parent", "product_set__group__branch", "group_2018"
        ),
        pk=pk,
    )
    certificates = list(product.certificates.select_related("authority").order_by("-issued_on", "-id"))
    current = next((c for c in certificates if c.status == Certificate.Status.ACTIVE), None)
    return render(
        request,
        "public/product_detail.html",
        {
            "product": product,
            "photos": product.photos.order_by("position", "id"),
            "certificates": certificates,
            "current_certificate": current,
            "recognised": recognised_products().filter(pk=product.pk).exists(),
            "certifications": [Product.Certification(code).label for code in product.certifications],
        },
    )


def producer_detail(request, pk):
    products = _public_products(request.user)
    producers = Producer.objects.filter(Exists(products.filter(producer=OuterRef("pk"))))
    if request.user.is_authenticated:
        producers = producers | Producer.objects.visible_to(request.user)
    producer = get_object_or_404(producers.select_related("commune__parent"), pk=pk)
    listed = _with_card_data(products.filter(producer=producer).order_by("-current_star", "name"))
    return render(request, "public/producer_detail.html", {"producer": producer, "products": listed})


def certificate_print(request, pk):
    """The printable certificate with the QR code of the product's public page."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("product__producer", "product__origin_commune__parent", "authority"),
        pk=pk,
    )
    return render(request, "public/certificate.html", {"certificate": certificate, "product": certificate.product})
