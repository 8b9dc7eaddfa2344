"""``/api/v1/``: the router of every app's resources, the schema and its documentation pages.

Imported only by ``ocop_portal/urls.py``: the apps import the plumbing (``ocop_portal.api.*``),
never this module, so the dependency stays one-way.
"""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from evaluations.api import (
    CertificateViewSet,
    CouncilViewSet,
    EvaluationViewSet,
    SupportActivityViewSet,
    TargetViewSet,
    YearlyPlanViewSet,
    YearSummaryView,
)
from evaluations.api_transfer import ImportView
from ocop_portal.api.docs import REDOC_STYLE_HASHES, ApiDocsView, ApiNotFoundView
from organizations.api import AdministrativeUnitViewSet, CommendationViewSet, ProducerViewSet
from products.api import ProductSetViewSet, ProductViewSet, RegistrationViewSet

router = DefaultRouter()
router.register("admin-units", AdministrativeUnitViewSet)
router.register("producers", ProducerViewSet)
router.register("product-sets", ProductSetViewSet)
router.register("products", ProductViewSet)
router.register("registrations", RegistrationViewSet)
router.register("councils", CouncilViewSet)
router.register("evaluations", EvaluationViewSet)
router.register("certificates", CertificateViewSet)
router.register("commendations", CommendationViewSet)
router.register("plans", YearlyPlanViewSet)
router.register("targets", TargetViewSet)
router.register("support-activities", SupportActivityViewSet)

urlpatterns = [
    path("", include(router.urls)),
    path("reports/summary/", YearSummaryView.as_view(), name="api-year-summary"),
    path("audit/", include("ocop_portal.api.audit")),
    path("imports/<slug:kind>/", ImportView.as_view(), name="api-import"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", ApiDocsView.as_view(template_name="api/swagger_ui.html"), name="api-docs"),
    path(
        "redoc/",
        ApiDocsView.as_view(template_name="api/redoc.html", style_hashes=REDOC_STYLE_HASHES),
        name="api-redoc",
    ),
    # Last: any other address under /api/v1/ answers 404 in the API's error format, not an HTML page
    # (addresses without the final slash are first redirected to it by APPEND_SLASH).
    re_path(r"^[\s\S]*/$", ApiNotFoundView.as_view()),
]
