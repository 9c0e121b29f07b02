from django.urls import path

from bookings import views

app_name = "bookings"

urlpatterns = [
    path("", views.start, name="start"),
    path("confirmation/", views.confirmation, name="confirmation"),
    path("<slug:treatment_slug>/", views.slots, name="slots"),
    path("<slug:treatment_slug>/details/", views.details, name="details"),
]
