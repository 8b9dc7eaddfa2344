"""Council members' pages: "my sessions" and the score sheet.

The page shows a running total and the star this one sheet would give (static/portal/js/
scoresheet.js, from the same bands and minimums as ``evaluations.rules``); the truth is what
``score_sheet_save`` computes and stores when the member saves.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from evaluations import rules, services
from evaluations.models import CouncilMember, Evaluation, ScoreSheet
from evaluations.selectors import sheet_structure


@login_required
def my_sessions(request):
    memberships = CouncilMember.objects.filter(user=request.user).select_related("council")
    evaluations = (
        Evaluation.objects.filter(council__members__user=request.user)
        .select_related("council", "registration__product__producer", "sheet__version")
        .order_by("status", "-council__year", "registration__product__name", "id")
    )
    own_sheets = {
        sheet.evaluation_id: sheet
        for sheet in ScoreSheet.objects.filter(member__user=request.user, evaluation__in=evaluations)
    }
    rows = [(evaluation, own_sheets.get(evaluation.pk)) for evaluation in evaluations]
    return render(request, "council/my_sessions.html", {"memberships": memberships, "rows": rows})


def _sheet_data(sheet):
    """Parts → sections → criteria with the thresholds the JS checks (same rule as the service)."""
    parts = list(sheet_structure(sheet))
    thresholds = {}
    for part in parts:
        for section in part.sections.all():
            for criterion in section.criteria.all():
                needed = rules.minimum_thresholds((o.points, o.min_star) for o in criterion.options.all())
                if needed:
                    thresholds[criterion.pk] = needed
    return parts, thresholds


def _posted_choices(request, parts):
    choices = {}
    for part in parts:
        for section in part.sections.all():
            for criterion in section.criteria.all():
                value = request.POST.get(f"c{criterion.pk}")
                if value:
                    choices[criterion.pk] = value
    return choices


@login_required
def score_sheet(request, pk):
    evaluation = get_object_or_404(
        Evaluation.objects.visible_to(request.user).select_related(
            "council", "sheet__version", "registration__product__producer"
        ),
        pk=pk,
    )
    member = get_object_or_404(CouncilMember, council=evaluation.council, user=request.user)
    if not member.scores:
        raise PermissionDenied(_("Thư ký hội đồng không chấm điểm."))
    sheet = evaluation.sheet
    legacy = sheet.version.is_legacy
    parts, thresholds = ([], {}) if legacy else _sheet_data(sheet)
    own = ScoreSheet.objects.filter(evaluation=evaluation, member=member).prefetch_related("lines").first()
    errors = []
    if request.method == "POST":
        submit = request.POST.get("action") == "submit"
        kwargs = {
            "disqualifier_ids": request.POST.getlist("disqualifier"),
            "comment": request.POST.get("comment", ""),
            "submit": submit,
        }
        if legacy:
            kwargs["parts"] = tuple(request.POST.get(f"part_{code}", "") or "0" for code in "abc")
        else:
            kwargs["choices"] = _posted_choices(request, parts)
        try:
            saved = services.score_sheet_save(user=request.user, evaluation=evaluation, member=member, **kwargs)
        except (ValidationError, PermissionDenied) as exc:
            errors = getattr(exc, "messages", [str(exc)])
        else:
            text = _("Đã nộp phiếu chấm: %(total)s điểm.") if submit else _("Đã lưu nháp: %(total)s điểm.")
            messages.success(request, text % {"total": saved.total})
            return redirect("score-sheet", evaluation.pk)
    chosen = {str(line.criterion_id): str(line.option_id) for line in own.lines.all()} if own else {}
    if request.method == "POST":
        chosen = {str(k): v for k, v in _posted_choices(request, parts).items()}
    ticked = {str(d) for d in (own.disqualifiers.values_list("pk", flat=True) if own else [])}
    return render(
        request,
        "council/score_sheet.html",
        {
            "evaluation": evaluation,
            "member": member,
            "sheet": sheet,
            "legacy": legacy,
            "parts": parts,
            "own": own,
            "chosen": chosen,
            "ticked": ticked,
            "disqualifiers": sheet.disqualifiers.all(),
            "errors": errors,
            "editable": evaluation.status == Evaluation.Status.OPEN,
            "rules_data": {
                "bands": [[int(floor), star] for floor, star in rules.STAR_BANDS],
                "thresholds": thresholds,
                "parts_max": [sheet.version.part_a_max, sheet.version.part_b_max, sheet.version.part_c_max],
            },
        },
    )
