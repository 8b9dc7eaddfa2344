"""Request plumbing shared by every interface."""

import logging

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from ocop_portal import fallback

logger = logging.getLogger(__name__)


class PortalLocaleMiddleware(LocaleMiddleware):
    """Vietnamese first.

    Pages speak the language the user picked with the switcher (a cookie) and otherwise
    Vietnamese, whatever the browser prefers: officers share computers set up in English. The
    API is for other systems and follows their ``Accept-Language``.
    """

    def process_request(self, request):
        if request.path.startswith("/api/"):
            return super().process_request(request)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if not language or not translation.check_for_language(language):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class DatabaseUnavailableMiddleware:
    """A view that loses the database answers 503 with ``Retry-After`` instead of a 500 (see
    ``ocop_portal.fallback``); the API's uncaught exceptions reach here too, DRF re-raises them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if fallback.is_database_unavailable(exception):
            logger.warning("Database unavailable during %s %s: %s", request.method, request.path, exception)
            return fallback.database_unavailable(request)
        return None


class RequestSizeLimitMiddleware:
    """Refuse a request body over ``OCOP_MAX_REQUEST_BYTES`` before reading it: 413.

    Django caps form fields (``DATA_UPLOAD_MAX_MEMORY_SIZE``) but streams uploaded files to
    temporary files without a limit, so a multi-gigabyte upload would fill the disk before any
    check on the file ran. The largest legitimate upload (a 20 MB dossier file or import file) fits
    well under the default of 25 MB. A reverse proxy should refuse earlier still
    (``client_max_body_size``); this guard holds when gunicorn is reached directly.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.OCOP_MAX_REQUEST_BYTES:
            return fallback.request_too_large(request, settings.OCOP_MAX_REQUEST_BYTES)
        return self.get_response(request)
