"""Portal pages to bring spreadsheets in and take lists out: templates, exports and the two-step import.

An upload is checked first (a dry run) and kept aside under a random token tied to the user's
session; the user confirms and the same file is imported for real — one transaction, all or
nothing (``ocop_portal.importer``). With JavaScript the page shows the upload's progress and then
the rows checked, streamed while the import runs (``static/js/upload-progress.js``, NDJSON lines);
without it the form posts and the result page comes back.
"""

import datetime
import json
import secrets

from django.core.files.storage import default_storage
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evaluations.transfer import KINDS, may_export, may_import
from ocop_portal.importer import (
    MAX_IMPORT_BYTES,
    ImportFileError,
    ImportResult,
    export_response,
    file_format,
    iter_import,
    template_response,
)
from organizations.views_common import staff_required

STASH_DIR = "imports"
STASH_HOURS = 24
SESSION_KEY = "transfer_uploads"
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
    try:
        if token:
            pending = request.session.get(SESSION_KEY, {}).pop(token, None)
            request.session.modified = True
            if pending is None or pending["kind"] != kind.name or not default_storage.exists(pending["path"]):
                raise ImportFileError(_("Tệp đã kiểm tra không còn (quá hạn hoặc đã nhập): hãy tải lên lại."))
        else:
            pending = _stash(request, kind, request.FILES.get("file"))
            token = pending["token"]
    except ImportFileError as exc:
        if streaming:
            return JsonResponse({"error": exc.messages[0]}, status=400)
        return render(request, "transfer/result.html", {"kind": kind, "problem": exc.messages[0]}, status=400)
    dry_run = "token" not in request.POST
    get_token(request)  # the confirm form of the result needs the CSRF token; set it before streaming starts
    steps = _steps(request, kind, pending, token, dry_run)
    if streaming:
        return StreamingHttpResponse(_ndjson(steps), content_type=NDJSON)
    *_progress, last = steps
    return render(request, "transfer/result.html", last["context"])


def _stash(request, kind, upload) -> dict:
    """Keep an upload aside for the confirmation (on the portal's storage, like every other file)."""
    if upload is None:
        raise ImportFileError(_("Hãy chọn một tệp .xlsx hoặc .csv."))
    file_format(upload.name)
    if upload.size > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("Tệp quá lớn (tối đa %(mb)s MB): hãy chia thành nhiều tệp.") % {"mb": MAX_IMPORT_BYTES // 2**20}
        )
    _sweep()
    token = secrets.token_urlsafe(16)
    path = default_storage.save(f"{STASH_DIR}/{token}/{get_valid_filename(upload.name)}", upload)
    pending = {"kind": kind.name, "path": path, "filename": upload.name, "token": token}
    stashed = request.session.get(SESSION_KEY, {})
    stashed = {key: value for key, value in stashed.items() if default_storage.exists(value["path"])}
    request.session[SESSION_KEY] = {**stashed, token: pending}
    return pending


def _sweep() -> None:
    """Forget checked files nobody confirmed within a day."""
    if not default_storage.exists(STASH_DIR):
        return
    limit = timezone.now() - datetime.timedelta(hours=STASH_HOURS)
    folders, _files = default_storage.listdir(STASH_DIR)
    for folder in folders:
        names = default_storage.listdir(f"{STASH_DIR}/{folder}")[1]
        paths = [f"{STASH_DIR}/{folder}/{name}" for name in names]
        if all(default_storage.get_modified_time(path) < limit for path in paths):
            for path in paths:
                default_storage.delete(path)


def _steps(request, kind, pending, token, dry_run):
    """The import's progress as dicts, then its result with the rendered HTML; the stash is dropped when done."""
    keep = False
    try:
        with default_storage.open(pending["path"], "rb") as stream:
            steps = iter_import(kind, stream, user=request.user, filename=pending["filename"], dry_run=dry_run)
            while True:
                try:
                    done, total = next(steps)
                except StopIteration as finished:
                    result: ImportResult = finished.value
                    break
                yield {"done": done, "total": total}
        keep = dry_run and result.ok and bool(result.new or result.updated)
        context = {
            "kind": kind,
            "result": result,
            "filename": pending["filename"],
            "token": token if keep else "",
        }
        html = render_to_string("transfer/_result.html", context, request)
        yield {"result": result.as_dict(), "html": html, "context": context}
    finally:
        if not keep:
            default_storage.delete(pending["path"])


def _ndjson(steps):
    for step in steps:
        step.pop("context", None)
        yield json.dumps(step, ensure_ascii=False) + "\n"
