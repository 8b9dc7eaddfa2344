"""Storage: uploads that never leave half a file behind, static files that collect without source maps.

Django's ``FileSystemStorage`` writes an upload straight to its final name; if the disk fills up
in the middle, a truncated file stays there under a name that looks valid. Here the content goes
to a hidden temporary file in the same folder first and gets its name (a hard link, which
refuses to replace an existing file, as ``O_EXCL`` does) only once it is complete and on disk;
whatever happens, the temporary file is removed.

A full disk (or quota) becomes ``StorageFull``, a ``ValidationError`` with a Vietnamese message,
so every upload path — dossier files, photos, import files — shows the user what happened instead
of a 500, and the service's transaction rolls back with nothing written.
"""

import errno
import logging
import os
import tempfile

from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _
from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)
FULL_DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT}


class StorageFull(ValidationError):
    """The server has no room for the file: nothing was stored; the administrator must free space."""


def write_chunks(target, content) -> None:
    """Copy ``content`` into the open binary file ``target``, chunk by chunk (text is written as UTF-8)."""
    for chunk in content.chunks():
        target.write(chunk.encode() if isinstance(chunk, str) else chunk)


class AtomicFileSystemStorage(FileSystemStorage):
    def save(self, name, content, max_length=None):
        try:
            return super().save(name, content, max_length=max_length)
        except OSError as exc:
            if exc.errno not in FULL_DISK_ERRORS:
                raise
            logger.error("Storage full while saving %s: %s", name, exc)
            raise StorageFull(
                _(
                    "Máy chủ đã hết dung lượng lưu trữ nên chưa lưu được tệp “%(name)s”; không có gì bị ghi dở. "
                    "Hãy báo quản trị viên giải phóng dung lượng rồi tải lên lại."
                )
                % {"name": os.path.basename(getattr(content, "name", None) or name)},
                code="storage_full",
            ) from exc

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".partial-")
        try:
            with os.fdopen(descriptor, "wb") as target:
                write_chunks(target, content)
                target.flush()
                os.fsync(target.fileno())
            if self.file_permissions_mode is not None:
                os.chmod(temporary, self.file_permissions_mode)
            while True:
                try:
                    os.link(temporary, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            os.unlink(temporary)
        return os.path.relpath(full_path, self.location).replace("\\", "/")


def _without_source_maps(patterns):
    return tuple(
        (extension, tuple(pattern for pattern in group if "sourceMappingURL" not in str(pattern)))
        for extension, group in patterns
    )


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's hashed, compressed static files, without following source-map comments.

    Vendored minified libraries end with ``//# sourceMappingURL=…`` for a ``.map`` that is not
    vendored (Chart.js); Django's post-processing refuses such a missing reference and
    ``collectstatic`` fails, so the production profile would not start. A source map only serves
    a developer's browser tools; without it the comment is left as it is and answers 404.
    """

    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)
