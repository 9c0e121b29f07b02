"""Who may use the reception desk, and what the demo logins are."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.conftest import login_with_second_factor
from tests.desk.helpers import (
    CHANGELIST,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


@pytest.mark.parametrize(
    "url",
    ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/", "/admin/auth/group/add/"],
)
def test_reception_cannot_see_or_change_users_or_permissions(reception, url):
    assert reception.get(url).status_code == 403


def test_reception_edits_the_guide_but_cannot_delete_it(receptionist):
    for model in ["page", "section", "faq", "source", "reviewer"]:
        for action in ["view", "add", "change"]:
            assert receptionist.has_perm(f"education.{action}_{model}"), (action, model)
        assert not receptionist.has_perm(f"education.delete_{model}")


def test_reception_reaches_the_guide_and_the_desk_pages(reception):
    for url in [
        "/admin/education/page/",
        "/admin/education/faq/add/",
        CHANGELIST,
        "/admin/bookings/treatment/",
        "/admin/bookings/dermatologist/",
        "/admin/bookings/timeoff/add/",
        "/admin/bookings/clinicclosure/add/",
    ]:
        assert reception.get(url).status_code == 200, url


def test_a_dermatologist_cannot_open_the_admin_at_all(client, okafor):
    okafor.user.groups.add(Group.objects.get(name="Dermatologists"))
    login_with_second_factor(client, okafor.user)

    for url in ["/admin/", CHANGELIST, "/admin/bookings/booking/add/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/admin/login/")

    # Nor by signing in to the admin with their password.
    client.logout()
    response = client.post(
        "/admin/login/", {"username": okafor.user.username, "password": "a-long-test-password"}
    )
    assert response.status_code == 200
    assert "Please enter the correct username and password for a staff account" in (
        response.content.decode()
    )


def test_the_dermatologists_group_grants_nothing_in_the_admin():
    assert not Group.objects.get(name="Dermatologists").permissions.exists()


def test_the_demo_logins_belong_to_their_roles_and_okafor_is_not_staff():
    call_command("demo_data", "--i-know-this-is-not-production", stdout=io.StringIO())
    from django.contrib.auth.models import User

    reception = User.objects.get(username="reception")
    okafor = User.objects.get(username="dr.okafor")
    assert reception.is_staff and list(reception.groups.values_list("name", flat=True)) == [
        "Reception"
    ]
    assert not okafor.is_staff and not okafor.is_superuser
    assert list(okafor.groups.values_list("name", flat=True)) == ["Dermatologists"]
    assert okafor.check_password("kingsway-okafor-demo")
    assert okafor.dermatologist.name == "Dr Amara Okafor"


def test_the_demo_data_says_where_each_login_signs_in():
    out = io.StringIO()
    call_command("demo_data", "--i-know-this-is-not-production", stdout=out)

    lines = out.getvalue().splitlines()
    assert any("reception" in line and line.endswith("/admin/") for line in lines)
    assert any("dr.okafor" in line and line.endswith("/staff/login/") for line in lines)
