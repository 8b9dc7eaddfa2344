"""The API documentation pages: Swagger UI and ReDoc from ``static/vendor/``, started by static scripts.

Nothing comes from a CDN and nothing runs inline, so the pages work offline and under the
portal's CSP (``script-src 'self'``). ReDoc styles itself with styled-components, which fills an
empty ``<style>`` element through the CSSOM and adds one fixed stylesheet (perfect-scrollbar): the
ReDoc page allows exactly those two inline styles by their hashes, and nothing else.
"""

from django.conf import settings
from django.urls import reverse
from django.views.generic import TemplateView
from rest_framework import exceptions
from rest_framework.views import APIView

REDOC_STYLE_HASHES = (
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",  # the empty <style> filled through the CSSOM
    "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",  # perfect-scrollbar's rules in redoc 2.5.4
)


class ApiDocsView(TemplateView):
    style_hashes: tuple[str, ...] = ()

    def get_context_data(self, **kwargs):
        return super().get_context_data(schema_url=reverse("api-schema"), **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.style_hashes:
            policy = dict(settings.SECURE_CSP)
            policy["style-src"] = [*policy.get("style-src", []), *self.style_hashes]
            response._csp_config = policy  # what django.views.decorators.csp.csp_override sets
        return response


class ApiNotFoundView(APIView):
    """Every address under ``/api/v1/`` that names no resource: 404 in the one error format."""

    schema = None  # not an operation of the API
    authentication_classes = []
    permission_classes = []

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound()
