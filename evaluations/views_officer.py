"""Officers' pages: councils and their evaluation sessions, results, certificates (issue, revoke).

The evaluation page is also the council's: its members see the sheets' progress and the chair
finalises there. Every step calls ``evaluations.services``; what a user may do next comes from
``evaluation_allowed_actions`` / ``certificate_allowed_actions``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evaluations import services
from evaluations.filters import CertificateFilterSet
from evaluations.forms import CertificateIssueForm, CertificateRevokeForm, FinalizeForm, OpenEvaluationForm
from evaluations.models import Certificate, Council, Evaluation, ScoreSheet
from organizations import access
from organizations.views_common import add_service_error, area_choices, officer_required, page_filterset, paginate


def _errors_to_messages(request, exc):
    for message in getattr(exc, "messages", [str(exc)]):
        messages.error(request, message)


@officer_required
def council_list(request):
    councils = (
        Council.objects.visible_to(request.user)
        .select_related("unit", "authority")
        .annotate(
            member_count=Count("members", distinct=True),
            open_count=Count("evaluations", filter=Q(evaluations__status=Evaluation.Status.OPEN), distinct=True),
        )
        .order_by("-year", "level", "round")
    )
    return render(request, "officer/council_list.html", {"page": paginate(request, councils)})


@officer_required
def council_detail(request, pk):
    council = get_object_or_404(Council.objects.visible_to(request.user).select_related("unit", "authority"), pk=pk)
    form = OpenEvaluationForm(request.POST or None, user=request.user, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.evaluation_open(
                user=request.user, registration=form.cleaned_data["registration"], council=council
            )
        except (ValidationError, PermissionDenied) as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("Đã mở phiên đánh giá cho “%(product)s”.") % {"product": evaluation.registration.product}
            )
            return redirect("council-detail", council.pk)
    evaluations = (
        council.evaluations.select_related("registration__product__producer", "sheet")
        .annotate(submitted=Count("score_sheets", filter=Q(score_sheets__status=ScoreSheet.Status.SUBMITTED)))
        .order_by("status", "registration__product__name")
    )
    return render(
        request,
        "officer/council_detail.html",
        {
            "council": council,
            "members": council.members.select_related("user"),
            "evaluations": evaluations,
            "form": form,
        },
    )


def _evaluation(user, pk):
    return get_object_or_404(
        Evaluation.objects.visible_to(user).select_related(
            "council__authority", "sheet__version", "registration__product__producer", "finalised_by"
        ),
        pk=pk,
    )


@login_required
def evaluation_detail(request, pk):
    evaluation = _evaluation(request.user, pk)
    actions = services.evaluation_allowed_actions(user=request.user, evaluation=evaluation)
    members = list(evaluation.council.members.order_by("role", "full_name"))
    sheets = {
        sheet.member_id: sheet
        for sheet in access.visible(ScoreSheet.objects.filter(evaluation=evaluation), request.user)
    }
    return render(
        request,
        "officer/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "actions": actions,
            "rows": [(member, sheets.get(member.pk)) for member in members],
            "finalize_form": FinalizeForm(),
            "issue_form": CertificateIssueForm(),
            "certificate": Certificate.objects.filter(evaluation=evaluation).first(),
        },
    )


@login_required
@require_POST
def evaluation_finalize(request, pk):
    evaluation = _evaluation(request.user, pk)
    form = FinalizeForm(request.POST)
    form.is_valid()
    try:
        done = services.evaluation_finalize(
            user=request.user,
            evaluation=evaluation,
            spread_override_reason=form.cleaned_data.get("spread_override_reason", ""),
        )
    except (ValidationError, PermissionDenied) as exc:
        _errors_to_messages(request, exc)
    else:
        messages.success(
            request,
            _("Đã hoàn tất: điểm trung bình %(score)s, kết quả: %(outcome)s.")
            % {"score": done.average_score, "outcome": done.get_outcome_display()},
        )
    return redirect("evaluation-detail", evaluation.pk)


@officer_required
@require_POST
def certificate_issue(request, pk):
    evaluation = _evaluation(request.user, pk)
    form = CertificateIssueForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect("evaluation-detail", evaluation.pk)
    try:
        certificate = services.certificate_issue(user=request.user, evaluation=evaluation, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as exc:
        _errors_to_messages(request, exc)
        return redirect("evaluation-detail", evaluation.pk)
    messages.success(request, _("Đã cấp giấy chứng nhận số %(number)s.") % {"number": certificate.number})
    return redirect("certificate-print", certificate.pk)


@officer_required
def certificate_list(request):
    filterset = page_filterset(
        CertificateFilterSet,
        request,
        Certificate.objects.visible_to(request.user),
        ("q", "status", "star", "area"),
        areas=area_choices(request.user),
    )
    queryset = filterset.qs.select_related("product__producer", "authority").order_by("-issued_on", "number")
    return render(
        request, "officer/certificate_list.html", {"filterset": filterset, "page": paginate(request, queryset)}
    )


@officer_required
def certificate_revoke(request, pk):
    certificate = get_object_or_404(
        Certificate.objects.visible_to(request.user).select_related("product__producer"), pk=pk
    )
    form = CertificateRevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_revoke(user=request.user, certificate=certificate, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Đã thu hồi giấy chứng nhận %(number)s.") % {"number": certificate.number})
            return redirect("certificate-print", certificate.pk)
    return render(
        request,
        "officer/certificate_revoke.html",
        {
            "certificate": certificate,
            "form": form,
            "actions": services.certificate_allowed_actions(user=request.user, certificate=certificate),
        },
    )
