"""Portal pages for producers (area staff and officers)."""

from django.urls import path

from organizations import views

urlpatterns = [
    path("area/producers/", views.producer_list, name="area-producers"),
    path("area/producers/new/", views.producer_create, name="area-producer-create"),
    path("area/producers/<int:pk>/edit/", views.producer_update, name="area-producer-edit"),
]
