"""The API documentation pages: Swagger UI and ReDoc from ``static/vendor/``, started by static scripts.

Nothing comes from a CDN and nothing runs inline, so the pages work offline and under the
portal's CSP (``script-src 'self'``).
"""

from django.urls import reverse
from django.views.generic import TemplateView


class ApiDocsView(TemplateView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(schema_url=reverse("api-schema"), **kwargs)
