from django.urls import path

import bookings.converters  # noqa: F401  (registers <token:…>)
from bookings.public import booking_views as views
from bookings.public import (
    manage_views,
    offer_views,
    safety_views,
    text_views,
    waitlist_views,
)

app_name = "bookings"

urlpatterns = [
    path("book/", views.start, name="start"),
    path("book/confirmation/", views.confirmation, name="confirmation"),
    path("book/<slug:treatment_slug>/", views.slots, name="slots"),
    path("book/<slug:treatment_slug>/details/", views.details, name="details"),
    path("book/<slug:treatment_slug>/waiting-list/", waitlist_views.join, name="waitlist-join"),
    path("waiting-list/offer/<token:token>/", offer_views.offer, name="waitlist-offer"),
    path("waiting-list/<token:token>/", offer_views.entry_page, name="waitlist-entry"),
    path("waiting-list/<token:token>/leave/", offer_views.leave, name="waitlist-leave"),
    path("manage/", manage_views.lost_link, name="lost_link"),
    path("manage/<token:token>/", manage_views.manage, name="manage"),
    path("manage/<token:token>/cancel/", manage_views.cancel, name="cancel"),
    path("manage/<token:token>/calendar.ics", manage_views.calendar, name="calendar"),
    path("manage/<token:token>/safety/", safety_views.safety_recheck, name="safety_recheck"),
    path("manage/<token:token>/move/", manage_views.move, name="move"),
    path("manage/<token:token>/move/confirm/", manage_views.move_confirm, name="move_confirm"),
    path("manage/<token:token>/texts/", text_views.texts_choose, name="texts_choose"),
    path(
        "manage/<token:token>/waiting-list/",
        waitlist_views.join_earlier,
        name="waitlist-join-earlier",
    ),
    path("texts/twilio/", text_views.twilio_inbound, name="twilio_inbound"),
]
