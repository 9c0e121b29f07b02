import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.urls import reverse


@pytest.mark.django_db
def test_the_home_page_leads_to_the_guide_and_to_booking(client):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en-GB">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert 'href="/milia/"' in html
    assert 'href="/book/"' in html
    assert reverse("privacy") in html
    assert "020 7946 0123" in html


def test_bootstrap_is_served_from_our_own_static_files(client):
    response = client.get(reverse("home"))

    html = response.content.decode()
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in html
    assert "cdn" not in html.lower()


def test_pages_carry_no_executable_inline_script(client):
    html = client.get(reverse("home")).content.decode()

    assert "<script>" not in html
    assert "<script " not in html.replace('<script type="application/ld+json">', "")


@pytest.mark.django_db
def test_healthz_is_ok_while_the_database_answers(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="points PostgreSQL at a dead port")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_healthz_says_503_when_the_database_does_not_answer(client):
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        response = client.get(reverse("healthz"))
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port

    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_an_unknown_page_gets_a_plain_404(client, settings):
    settings.DEBUG = False

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_every_page_leads_patients_who_lost_their_link_to_the_lost_link_page(client):
    html = client.get(reverse("home")).content.decode()

    assert f'href="{reverse("bookings:lost_link")}"' in html


def test_every_page_names_an_icon_and_favicon_ico_answers(client):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html

    answer = client.get("/favicon.ico")

    assert (answer.status_code, answer.url) == (302, "/static/favicon.ico")
    with open(finders.find("favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file
