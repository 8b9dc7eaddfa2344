"""Request plumbing shared by every interface."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
