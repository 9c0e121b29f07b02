"""Messages: the storage is made only for requests that use it, and nothing waiting is lost."""

import secrets

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.utils.functional import empty

from clinic.web.middleware import MessageMiddleware, messages_waiting


def _request(rf, cookies):
    request = rf.get("/milia/what-are-milia/")
    request.COOKIES.update(cookies)
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    MessageMiddleware(lambda r: HttpResponse()).process_request(request)
    return request


def _respond(request):
    return MessageMiddleware(lambda r: HttpResponse()).process_response(request, HttpResponse())


def test_a_request_with_no_cookie_has_nothing_waiting_and_never_makes_the_storage(rf):
    request = _request(rf, {})

    assert not messages_waiting(request)
    response = _respond(request)

    assert request._messages._wrapped is empty
    assert "messages" not in response.cookies


@pytest.mark.django_db
def test_messages_too_long_for_their_cookie_are_still_waiting_from_the_session(rf):
    request = _request(rf, {})
    # More than a cookie holds, even compressed: the rest goes to the session.
    long = [secrets.token_hex(1500), secrets.token_hex(1500)]
    for text in long:
        messages.info(request, text)
    response = SessionMiddleware(lambda r: HttpResponse()).process_response(
        request, _respond(request)
    )
    cookies = {name: morsel.value for name, morsel in response.cookies.items()}
    assert settings.SESSION_COOKIE_NAME in cookies

    later = _request(rf, cookies)

    assert messages_waiting(later)
    assert [m.message for m in messages.get_messages(later)] == long


def test_a_message_held_in_its_cookie_is_still_waiting(rf):
    request = _request(rf, {})
    messages.info(request, "Booked.")
    cookie = _respond(request).cookies["messages"].value

    later = _request(rf, {"messages": cookie})

    assert messages_waiting(later)
    assert [m.message for m in messages.get_messages(later)] == ["Booked."]
