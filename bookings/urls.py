from django.urls import path

from bookings import manage_views, views

app_name = "bookings"

urlpatterns = [
    path("book/", views.start, name="start"),
    path("book/confirmation/", views.confirmation, name="confirmation"),
    path("book/<slug:treatment_slug>/", views.slots, name="slots"),
    path("book/<slug:treatment_slug>/details/", views.details, name="details"),
    path("manage/", manage_views.lost_link, name="lost_link"),
    path("manage/<str:token>/", manage_views.manage, name="manage"),
    path("manage/<str:token>/cancel/", manage_views.cancel, name="cancel"),
    path("manage/<str:token>/move/", manage_views.move, name="move"),
    path("manage/<str:token>/move/confirm/", manage_views.move_confirm, name="move_confirm"),
]
