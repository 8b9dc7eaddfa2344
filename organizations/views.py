"""Pages of district and commune staff (and officers) for the producers of their area."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ocop_portal.importer import export_response
from organizations import services
from organizations.filters import ProducerFilterSet
from organizations.forms import ProducerForm
from organizations.models import Producer
from organizations.transfer import PRODUCERS
from organizations.views_common import (
    EXPORT_FORMATS,
    area_choices,
    page_filterset,
    paginate,
    save_through_service,
    staff_required,
)


@staff_required
def producer_list(request):
    filterset = page_filterset(
        ProducerFilterSet,
        request,
        Producer.objects.editable_by(request.user),
        ("q", "legal_form", "status", "area"),
        areas=area_choices(request.user),
    )
    if request.GET.get("format") in EXPORT_FORMATS:
        return export_response(PRODUCERS, filterset.qs, request.GET["format"])
    page = paginate(request, filterset.qs.select_related("commune__parent").order_by("name", "id"))
    return render(request, "area/producer_list.html", {"filterset": filterset, "page": page})


@staff_required
def producer_create(request):
    form = ProducerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        producer = save_through_service(form, lambda **fields: services.producer_create(user=request.user, **fields))
        if producer is not None:
            messages.success(request, _("Đã thêm chủ thể “%(name)s”.") % {"name": producer.name})
            if request.GET.get("flow") == "register":  # the registration flow goes on with this producer
                return redirect(reverse("register-start") + f"?producer={producer.pk}")
            return redirect("area-producers")
    return render(request, "area/producer_form.html", {"form": form})


@staff_required
def producer_update(request, pk):
    producer = get_object_or_404(Producer.objects.editable_by(request.user), pk=pk)
    form = ProducerForm(request.POST or None, instance=producer, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = save_through_service(
            request,
            form,
            lambda **fields: services.producer_update(user=request.user, producer=producer, **fields),
        )
        if saved is not None:
            messages.success(request, _("Đã lưu chủ thể “%(name)s”.") % {"name": saved.name})
            return redirect("area-producers")
    return render(request, "area/producer_form.html", {"form": form, "producer": producer})
