"""Uploads checked by a dry run and waiting for the user to confirm them (portal page and admin).

The file is kept on the portal's storage (app servers keep no state), under a random token
remembered in the user's session: only the person who checked a file can confirm it, and only
that file. It is dropped once imported, or when the check found nothing to write; files nobody
confirmed are swept after a day.
"""

import datetime
import secrets
from collections.abc import Generator

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from ocop_portal.importer import MAX_IMPORT_BYTES, ImportFileError, ImportResult, Kind, file_format, iter_import
from ocop_portal.storage import StorageFull

STASH_DIR = "imports"
STASH_HOURS = 24
SESSION_KEY = "import_uploads"


def stash_upload(request, kind: Kind, upload) -> dict:
    """Keep an upload aside and return its record (``token``, ``path``, ``filename``, ``kind``)."""
    if upload is None:
        raise ImportFileError(_("Hãy chọn một tệp .xlsx hoặc .csv."))
    file_format(upload.name)
    if upload.size > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("Tệp quá lớn (tối đa %(mb)s MB): hãy chia thành nhiều tệp.") % {"mb": MAX_IMPORT_BYTES // 2**20}
        )
    sweep()
    token = secrets.token_urlsafe(16)
    try:
        path = default_storage.save(f"{STASH_DIR}/{token}-{get_valid_filename(upload.name)}", upload)
    except StorageFull as exc:
        raise ImportFileError(exc.messages) from exc
    pending = {"kind": kind.name, "path": path, "filename": upload.name, "token": token}
    kept = {key: value for key, value in request.session.get(SESSION_KEY, {}).items() if _exists(value)}
    request.session[SESSION_KEY] = {**kept, token: pending}
    return pending


def take_stashed(request, kind: Kind, token: str) -> dict:
    """The checked upload a confirmation names; it can be confirmed once."""
    pending = request.session.get(SESSION_KEY, {}).pop(token, None)
    request.session.modified = True
    if pending is None or pending["kind"] != kind.name or not _exists(pending):
        raise ImportFileError(_("Tệp đã kiểm tra không còn (quá hạn hoặc đã nhập): hãy tải lên lại."))
    return pending


def import_stashed(
    request, kind: Kind, pending: dict, *, dry_run: bool
) -> Generator[tuple[int, int | None], None, tuple[ImportResult, bool]]:
    """Run the import on a kept upload, step by step; returns the result and whether it stays for a confirmation.

    A checked file stays only when it is clean and would change something; an imported one goes.
    """
    keep = False
    try:
        with default_storage.open(pending["path"], "rb") as stream:
            result = yield from iter_import(
                kind, stream, user=request.user, filename=pending["filename"], dry_run=dry_run
            )
        keep = dry_run and result.ok and bool(result.new or result.updated)
        return result, keep
    finally:
        if not keep:
            default_storage.delete(pending["path"])


def run_stashed(request, kind: Kind, pending: dict, *, dry_run: bool) -> tuple[ImportResult, bool]:
    """``import_stashed`` to the end, for a page that answers when the import is done."""
    steps = import_stashed(request, kind, pending, dry_run=dry_run)
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            return finished.value


def sweep() -> None:
    """Forget checked files nobody confirmed within a day."""
    if not default_storage.exists(STASH_DIR):
        return
    limit = timezone.now() - datetime.timedelta(hours=STASH_HOURS)
    for name in default_storage.listdir(STASH_DIR)[1]:
        path = f"{STASH_DIR}/{name}"
        if default_storage.get_modified_time(path) < limit:
            default_storage.delete(path)


def _exists(pending: dict) -> bool:
    return default_storage.exists(pending["path"])
