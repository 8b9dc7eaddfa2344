"""Public pages (no sign-in): home, catalogue of recognised products, product, producer, certificate.

The catalogue is ``organizations.access.published_products()``: an active certificate, a current
star of 3 or more, still valid today. The other pages show what ``visible_to(user)`` allows: the
public sees published products, staff also those of their area.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from evaluations.models import Certificate
from organizations import access
from organizations.models import AdministrativeUnit, Producer
from organizations.views_common import page_filterset, paginate
from products.filters import ProductFilterSet
from products.models import Branch, Product, ProductGroup, ProductPhoto

CATALOGUE_PAGE_SIZE = 24
CATALOGUE_FILTERS = ("q", "star", "branch", "group", "area", "legal_form")


def _with_card_data(queryset):
    """What a product card shows, in a fixed number of queries whatever the page size."""
    return queryset.select_related("producer", "origin_commune__parent", "product_set").prefetch_related(
        Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id"), to_attr="photo_list")
    )


def home(request):
    recognised = access.published_products()
    by_star = recognised.aggregate(
        total=Count("id"),
        three=Count("id", filter=Q(current_star=3)),
        four=Count("id", filter=Q(current_star=4)),
        five=Count("id", filter=Q(current_star=5)),
        producers=Count("producer", distinct=True),
    )
    latest = _with_card_data(recognised.order_by("-star_valid_until", "name"))[:8]
    return render(request, "public/home.html", {"figures": by_star, "latest": latest})


def catalogue(request):
    recognised = access.published_products()
    filterset = page_filterset(ProductFilterSet, request, recognised, CATALOGUE_FILTERS)
    form = filterset.form
    # The groups and branches that hold a recognised product: one EXISTS per group (it stops at the
    # first product found in the group's sets), not a join of every recognised product made distinct
    # (seconds at national scale); the branches are those groups' and the 2018 groups in use.
    groups = list(
        ProductGroup.objects.filter(Exists(recognised.filter(product_set__group=OuterRef("pk")))).values_list(
            "pk", "branch"
        )
    )
    form.fields["group"].queryset = ProductGroup.objects.filter(pk__in=[group for group, _branch in groups])
    form.fields["branch"].queryset = Branch.objects.filter(
        Q(pk__in={branch for _group, branch in groups}) | Exists(recognised.filter(group_2018=OuterRef("pk")))
    ).order_by("scheme__valid_from", "code")
    _offer_provinces(form["area"])
    page = paginate(request, _with_card_data(filterset.qs.order_by("-current_star", "name", "id")), CATALOGUE_PAGE_SIZE)
    return render(request, "public/catalogue.html", {"filterset": filterset, "page": page})


def _offer_provinces(area):
    """The area list offers the current provinces (34), not every commune and district.

    A ``<select>`` of every district and commune holding a recognised product had thousands of
    options, each labelled through ``gettext``, built on every request (seconds at national scale,
    bench/README.md). The filter still takes any unit code (``?area=066`` from a link, a district
    or commune), of either era: such a value is one more option, so the form shows what is filtered.
    """
    provinces = AdministrativeUnit.objects.filter(
        era=AdministrativeUnit.Era.NEW, level=AdministrativeUnit.Level.PROVINCE
    ).order_by("code")
    options = {unit.code: str(unit) for unit in provinces}
    chosen = str(area.value() or "").strip()
    if chosen and chosen not in options and not area.errors:  # a refused value (a NUL, too long) is not looked up
        unit = AdministrativeUnit.objects.filter(code=chosen).order_by("era", "path").first()  # "new" before "old"
        if unit is not None:
            options[chosen] = str(unit)
    area.field.widget.choices = [("", "---------"), *options.items()]


def product_detail(request, pk):
    product = get_object_or_404(
        Product.objects.visible_to(request.user).select_related(
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
            "recognised": access.published_products().filter(pk=product.pk).exists(),
            "certifications": [Product.Certification(code).label for code in product.certifications],
        },
    )


def producer_detail(request, pk):
    producer = get_object_or_404(Producer.objects.visible_to(request.user).select_related("commune__parent"), pk=pk)
    products = Product.objects.visible_to(request.user).filter(producer=producer)
    listed = _with_card_data(products.order_by("-current_star", "name"))
    return render(request, "public/producer_detail.html", {"producer": producer, "products": listed})


def certificate_print(request, pk):
    """The printable certificate with the QR code of the product's public page."""
    certificate = get_object_or_404(
        Certificate.objects.visible_to(request.user).select_related(
            "product__producer", "product__origin_commune__parent", "authority"
        ),
        pk=pk,
    )
    return render(request, "public/certificate.html", {"certificate": certificate, "product": certificate.product})
