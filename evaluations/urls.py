"""Portal pages of the evaluations app: public catalogue, dashboard, councils, scoring, certificates."""

from django.urls import path

from evaluations import views_council, views_dashboard, views_officer, views_public, views_reports

urlpatterns = [
    path("", views_public.home, name="home"),
    path("catalogue/", views_public.catalogue, name="catalogue"),
    path("products/<int:pk>/", views_public.product_detail, name="product-detail"),
    path("producers/<int:pk>/", views_public.producer_detail, name="producer-detail"),
    path("certificates/<int:pk>/", views_public.certificate_print, name="certificate-print"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("my/sessions/", views_council.my_sessions, name="my-sessions"),
    path("evaluations/<int:pk>/score/", views_council.score_sheet, name="score-sheet"),
    path("evaluations/<int:pk>/", views_officer.evaluation_detail, name="evaluation-detail"),
    path("evaluations/<int:pk>/finalize/", views_officer.evaluation_finalize, name="evaluation-finalize"),
    path("evaluations/<int:pk>/certificate/", views_officer.certificate_issue, name="certificate-issue"),
    path("officer/councils/", views_officer.council_list, name="councils"),
    path("officer/councils/<int:pk>/", views_officer.council_detail, name="council-detail"),
    path("officer/certificates/", views_officer.certificate_list, name="certificates"),
    path("officer/certificates/<int:pk>/revoke/", views_officer.certificate_revoke, name="certificate-revoke"),
    path("officer/plans/", views_reports.plan_list, name="plans"),
    path("officer/plans/<int:pk>/", views_reports.plan_detail, name="plan-detail"),
    path("officer/summary/", views_reports.year_summary, name="year-summary"),
]
