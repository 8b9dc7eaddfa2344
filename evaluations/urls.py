"""Portal pages of the evaluations app: the public catalogue, dashboard, councils, certificates, plans."""

from django.urls import path

from evaluations import views_dashboard, views_public

urlpatterns = [
    path("", views_public.home, name="home"),
    path("catalogue/", views_public.catalogue, name="catalogue"),
    path("products/<int:pk>/", views_public.product_detail, name="product-detail"),
    path("producers/<int:pk>/", views_public.producer_detail, name="producer-detail"),
    path("certificates/<int:pk>/", views_public.certificate_print, name="certificate-print"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
]
