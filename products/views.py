"""Pages for products and registrations: area staff register and follow dossiers, officers review them.

Every write goes through ``products.services``; every read through ``visible_to`` / ``editable_by``
(out of scope = 404). A service's refusal is shown as a message, never a 500.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop_portal import audit
from ocop_portal.audit_views import history_context
from ocop_portal.importer import export_response
from organizations import access
from organizations.models import Producer
from organizations.views_common import (
    EXPORT_FORMATS,
    add_service_error,
    area_choices,
    id_param,
    page_filterset,
    paginate,
    role_required,
    save_through_service,
    staff_required,
)
from products import services
from products.filters import ProductFilterSet, RegistrationFilterSet
from products.forms import PhotoForm, ProductForm, ReasonForm, RegistrationForm, UploadForm
from products.models import DossierDocument, Product, ProductPhoto, Registration
from products.transfer import PRODUCTS, REGISTRATIONS
from products.uploads import dossier_file_response, photo_response

REVIEW_STATUSES = (Registration.Status.SUBMITTED, Registration.Status.RESUBMITTED)


def _service_message(request, exc):
    for message in getattr(exc, "messages", [str(exc)]):
        messages.error(request, message)


# --- Products ------------------------------------------------------------------------------------


@staff_required
def product_list(request):
    filterset = page_filterset(
        ProductFilterSet,
        request,
        Product.objects.editable_by(request.user),
        ("q", "star", "status", "area", "legal_form"),
        areas=area_choices(request.user),
    )
    if request.GET.get("format") in EXPORT_FORMATS:
        return export_response(PRODUCTS, filterset.qs, request.GET["format"])
    queryset = filterset.qs.select_related("producer", "origin_commune__parent", "product_set")
    page = paginate(request, queryset.order_by("name", "id"))
    return render(request, "area/product_list.html", {"filterset": filterset, "page": page})


@staff_required
def product_create(request):
    initial = {}
    producer = Producer.objects.editable_by(request.user).filter(pk=id_param(request, "producer")).first()
    if producer is not None:
        initial = {"producer": producer, "origin_commune": producer.commune_id}
    form = ProductForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        product = save_through_service(form, lambda **fields: services.product_create(user=request.user, **fields))
        if product is not None:
            messages.success(request, _("Đã thêm sản phẩm “%(name)s”.") % {"name": product.name})
            if request.GET.get("flow") == "register":
                return redirect(reverse("registration-create") + f"?product={product.pk}")
            return redirect("area-product-edit", product.pk)
    return render(request, "area/product_form.html", {"form": form})


@staff_required
def product_update(request, pk):
    product = get_object_or_404(Product.objects.editable_by(request.user).select_related("producer"), pk=pk)
    form = ProductForm(request.POST or None, instance=product, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = save_through_service(
            form, lambda **fields: services.product_update(user=request.user, product=product, **fields)
        )
        if saved is not None:
            messages.success(request, _("Đã lưu sản phẩm “%(name)s”.") % {"name": saved.name})
            return redirect("area-product-edit", saved.pk)
    return render(
        request,
        "area/product_form.html",
        {
            "form": form,
            "product": product,
            "photos": product.photos.all(),
            "photo_form": PhotoForm(),
            "registrations": product.registrations.order_by("-year"),
            "deletion_refusal": audit.deletion_refusal(product),
            **history_context(request, product),
        },
    )


@staff_required
@require_POST
def product_archive(request, pk):
    """Archive instead of delete: the product leaves the lists and the catalogue, its history stays."""
    product = get_object_or_404(Product.objects.editable_by(request.user), pk=pk)
    try:
        services.product_archive(user=request.user, product=product, reason=request.POST.get("reason", ""))
    except (ValidationError, PermissionDenied) as exc:
        _service_message(request, exc)
    else:
        messages.success(request, _("Đã lưu trữ sản phẩm “%(name)s”.") % {"name": product.name})
    return redirect("area-product-edit", product.pk)


@staff_required
@require_POST
def product_delete(request, pk):
    """Delete a product entered by mistake; one that history hangs on is refused with the reason."""
    product = get_object_or_404(Product.objects.editable_by(request.user), pk=pk)
    try:
        services.product_delete(user=request.user, product=product)
    except (ValidationError, PermissionDenied) as exc:
        _service_message(request, exc)
        return redirect("area-product-edit", product.pk)
    messages.success(request, _("Đã xóa sản phẩm “%(name)s”.") % {"name": product.name})
    return redirect("area-products")


@staff_required
@require_POST
def product_photo_add(request, pk):
    product = get_object_or_404(Product.objects.editable_by(request.user), pk=pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.product_photo_add(
                user=request.user,
                product=product,
                image=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
            )
            messages.success(request, _("Đã thêm ảnh."))
        except (ValidationError, PermissionDenied) as exc:
            _service_message(request, exc)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("area-product-edit", product.pk)


# --- Registrations: lists and the registration flow ------------------------------------------------


def _registration_rows(queryset):
    """Registrations with what their list rows show, in a fixed number of queries."""
    return queryset.select_related("product__producer", "product__origin_commune__parent").annotate(
        missing=Count("documents", filter=Q(documents__required=True, documents__file="")),
    )


@staff_required
def registration_list(request):
    filterset = page_filterset(
        RegistrationFilterSet,
        request,
        Registration.objects.editable_by(request.user),
        ("q", "year", "status", "evaluation_type", "area"),
        areas=area_choices(request.user),
    )
    if request.GET.get("format") in EXPORT_FORMATS:
        return export_response(REGISTRATIONS, filterset.qs, request.GET["format"])
    page = paginate(request, _registration_rows(filterset.qs).order_by("-year", "product__name", "id"))
    return render(request, "area/registration_list.html", {"filterset": filterset, "page": page})


@role_required("area_staff", "officer")
def register_start(request):
    """Step 1 and 2 of the flow: pick (or create) the producer, then pick (or create) its product."""
    producers = Producer.objects.editable_by(request.user).order_by("name")
    producer = producers.filter(pk=id_param(request, "producer")).first()
    products = None
    if producer is not None:
        products = (
            Product.objects.editable_by(request.user)
            .filter(producer=producer)
            .prefetch_related(Prefetch("registrations", queryset=Registration.objects.order_by("-year")))
            .order_by("name")
        )
    return render(
        request,
        "area/register_start.html",
        {"producers": producers.select_related("commune"), "producer": producer, "products": products},
    )


@staff_required
def registration_create(request):
    """Step 3: the registration itself (year, type); the dossier checklist comes with it."""
    form = RegistrationForm(request.POST or None, user=request.user, initial={"product": id_param(request, "product")})
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(user=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Đã tạo hồ sơ đăng ký. Hãy tải lên các tài liệu của hồ sơ rồi nộp."))
            return redirect("registration-detail", registration.pk)
    return render(request, "area/registration_create.html", {"form": form})


# --- One registration: dossier, uploads, workflow -----------------------------------------------


def _visible_registration(user, pk):
    return get_object_or_404(
        Registration.objects.visible_to(user).select_related(
            "product__producer", "product__origin_commune__parent", "created_by"
        ),
        pk=pk,
    )


@login_required
def registration_detail(request, pk):
    registration = _visible_registration(request.user, pk)
    documents = list(registration.documents.select_related("uploaded_by").order_by("-required", "id"))
    actions = services.registration_allowed_actions(user=request.user, registration=registration)
    can_upload = (
        registration.status in services.EDITABLE_DOSSIER
        and DossierDocument.objects.editable_by(request.user).filter(registration=registration).exists()
        and request.user.has_perm("products.change_dossierdocument")
    )
    return render(
        request,
        "area/registration_detail.html",
        {
            "registration": registration,
            "documents": documents,
            "missing": [d for d in documents if d.required and not d.file],
            "actions": actions,
            "can_upload": can_upload,
            "reason_form": ReasonForm(),
            "transitions": registration.transitions.order_by("at", "id"),
            **history_context(request, registration, *documents),
        },
    )


@login_required
@require_POST
def registration_action(request, pk, action):
    """Submit, withdraw, accept or return: the service decides whether the step is allowed."""
    registration = _visible_registration(request.user, pk)
    steps = {
        "submit": (services.registration_submit, _("Đã nộp hồ sơ.")),
        "accept": (services.registration_accept, _("Đã tiếp nhận hồ sơ.")),
        "return": (services.registration_return, _("Đã trả lại hồ sơ để bổ sung.")),
        "withdraw": (services.registration_withdraw, _("Đã rút hồ sơ.")),
    }
    if action not in steps:
        raise Http404
    service, done = steps[action]
    kwargs = {}
    if action in ("return", "withdraw"):
        kwargs["reason"] = request.POST.get("reason", "")
    try:
        service(user=request.user, registration=registration, **kwargs)
    except (ValidationError, PermissionDenied) as exc:
        _service_message(request, exc)
    else:
        messages.success(request, done)
        if action in ("accept", "return"):  # the officer goes on with the next dossier of the queue
            return redirect("review-queue")
    return redirect("registration-detail", registration.pk)


@login_required
@require_POST
def document_upload(request, pk, document_pk):
    """Attach a file to a checklist item. Answers JSON to the page's XHR upload (with progress)."""
    document = get_object_or_404(
        DossierDocument.objects.visible_to(request.user).filter(registration_id=pk), pk=document_pk
    )
    wants_json = request.headers.get("x-requested-with") == "XMLHttpRequest"
    form = UploadForm(request.POST, request.FILES)
    error = None
    if not form.is_valid():
        error = " ".join(message for errors in form.errors.values() for message in errors)
    else:
        try:
            services.document_attach(user=request.user, document=document, uploaded_file=form.cleaned_data["file"])
        except (ValidationError, PermissionDenied) as exc:
            error = " ".join(getattr(exc, "messages", [str(exc)]))
    if wants_json:
        if error:
            return JsonResponse({"ok": False, "error": error}, status=400)
        return JsonResponse({"ok": True})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Đã tải lên “%(item)s”.") % {"item": document.get_kind_display()})
    return redirect(reverse("registration-detail", args=[pk]) + f"#document-{document.pk}")


def product_photo(request, name):
    """``/media/products/…``: a product photo for whoever may see it — anyone for a published product,
    the area's staff, officers and its council otherwise. Uploads are private (no web server serves
    ``MEDIA_ROOT``), so the ``image.url`` of the admin, the pages and the API all come through here."""
    photos = ProductPhoto.objects.filter(image=f"products/{name}")
    photo = get_object_or_404(access.visible(photos, request.user))
    public = access.visible(photos, AnonymousUser()).exists()
    try:
        return photo_response(photo, public=public)
    except FileNotFoundError:
        raise Http404(_("Không tìm thấy tệp ảnh.")) from None


def dossier_file(request, name):
    """``/media/dossiers/…``: the ``file.url`` of a dossier document (the admin links to it), with the
    scope of :func:`document_download`; nobody signed out sees a dossier, so a probe gets a 404."""
    document = get_object_or_404(DossierDocument.objects.visible_to(request.user), file=f"dossiers/{name}")
    return dossier_file_response(document)


@login_required
def document_download(request, pk, document_pk):
    """A dossier file, for whoever may see the registration (staff, officers, its council)."""
    document = get_object_or_404(
        DossierDocument.objects.visible_to(request.user).filter(registration_id=pk).exclude(file=""),
        pk=document_pk,
    )
    return dossier_file_response(document)


# --- Officers: the review queue ----------------------------------------------------------------


@role_required("officer")
def review_queue(request):
    filterset = page_filterset(
        RegistrationFilterSet,
        request,
        Registration.objects.editable_by(request.user).filter(status__in=REVIEW_STATUSES),
        ("q", "year", "evaluation_type", "area"),
        areas=area_choices(request.user),
    )
    page = paginate(request, _registration_rows(filterset.qs).order_by("submitted_at", "id"))
    return render(
        request, "officer/review_queue.html", {"filterset": filterset, "page": page, "reason_form": ReasonForm()}
    )
