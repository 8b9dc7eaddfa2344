"""Portal pages to bring spreadsheets in and take lists out: templates, exports and the two-step import.

An upload is checked first (a dry run) and kept aside under a random token tied to the user's
session; the user confirms and the same file is imported for real — one transaction, all or
nothing (``ocop_portal.importer``). With JavaScript the page shows the upload's progress and then
the rows checked, streamed while the import runs (``static/js/upload-progress.js``, NDJSON lines);
without it the form posts and the result page comes back.
"""

import json

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from evaluations.transfer import KINDS, may_export, may_import
from ocop_portal.import_uploads import import_stashed, run_stashed, stash_upload, take_stashed
from ocop_portal.importer import MAX_IMPORT_BYTES, ImportFileError, export_response, template_response
from organizations.views_common import staff_required

NDJSON = "application/x-ndjson"


def _kind(name, user, check):
    kind = KINDS.get(name)
    if kind is None or not check(user, kind):
        raise Http404
    return kind


@staff_required
def transfer_index(request):
    kinds = [
        {"kind": kind, "may_import": may_import(request.user, kind)}
        for kind in KINDS.values()
        if may_export(request.user, kind)
    ]
    return render(request, "transfer/index.html", {"kinds": kinds, "max_mb": MAX_IMPORT_BYTES // 2**20})


@staff_required
def template_download(request, kind):
    return template_response(_kind(kind, request.user, may_import))


@staff_required
def export_download(request, kind):
    """Everything of a kind the user may see, with the import columns (lists export their own filters)."""
    kind = _kind(kind, request.user, may_export)
    day = timezone.localdate().strftime("%Y%m%d")
    fmt = request.GET.get("format", "xlsx")
    return export_response(kind, kind.export_queryset(request.user), fmt, f"{kind.name}-{day}")


@staff_required
@require_POST
def import_upload(request, kind):
    """First post: a file, checked (dry run). Second post: its token, imported for real."""
    kind = _kind(kind, request.user, may_import)
    streaming = NDJSON in request.headers.get("Accept", "")
    token = request.POST.get("token", "")
    dry_run = not token
    try:
        pending = (
            stash_upload(request, kind, request.FILES.get("file")) if dry_run else take_stashed(request, kind, token)
        )
    except ImportFileError as exc:
        if streaming:
            return JsonResponse({"error": exc.messages[0]}, status=400)
        return render(request, "transfer/result.html", {"kind": kind, "problem": exc.messages[0]}, status=400)
    if streaming:
        get_token(request)  # the confirm form of the result needs the CSRF token: set it before streaming starts
        steps = import_stashed(request, kind, pending, dry_run=dry_run)
        response = StreamingHttpResponse(_ndjson(request, kind, pending, steps), content_type=NDJSON)
        response["X-Accel-Buffering"] = "no"  # a proxy must pass each line on at once, or the bar stands still
        response["Cache-Control"] = "no-store"
        return response
    result, keep = run_stashed(request, kind, pending, dry_run=dry_run)
    return render(request, "transfer/result.html", _result_context(kind, pending, result, keep))


def _result_context(kind, pending, result, keep) -> dict:
    return {"kind": kind, "result": result, "filename": pending["filename"], "token": pending["token"] if keep else ""}


def _ndjson(request, kind, pending, steps):
    """One JSON line per batch of rows, then the result with its HTML (the confirm form after a clean check)."""
    while True:
        try:
            done, total = next(steps)
        except StopIteration as finished:
            result, keep = finished.value
            break
        yield json.dumps({"done": done, "total": total}) + "\n"
    html = render_to_string("transfer/_result.html", _result_context(kind, pending, result, keep), request)
    yield json.dumps({"result": result.as_dict(), "html": html}, ensure_ascii=False) + "\n"
