from django.urls import path

from education import views

app_name = "education"

urlpatterns = [
    path("", views.hub, name="hub"),
    path("faqs/", views.faqs, name="faqs"),
    path("sources/", views.sources, name="sources"),
    path("treatments/<slug:slug>/", views.treatment_detail, name="treatment"),
    path("<slug:slug>/", views.page_detail, name="page"),
]
