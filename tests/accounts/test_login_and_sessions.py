from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_anonymous_request_is_redirected_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_login_page_is_in_swedish(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "sv"
    content = response.content.decode()
    assert "Logga in" in content
    assert 'lang="sv"' in content


def test_login_with_the_right_password_reaches_the_start_page(client, caseworker):
    response = client.post(
        reverse("login"), {"username": "anna", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert "Välkommen, Anna Lindqvist" in response.content.decode()


def test_five_wrong_passwords_lock_the_login_with_a_clear_message(client, caseworker):
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "anna", "password": "wrong"})
    assert response.status_code == 429
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    # Even the right password is refused while the lock lasts.
    response = client.post(reverse("login"), {"username": "anna", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_do_not_lock(client, caseworker):
    for _ in range(4):
        client.post(reverse("login"), {"username": "anna", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "anna", "password": PASSWORD})
    assert response.status_code == 302


def test_the_lock_ends_after_the_cooloff(client, caseworker):
    with time_machine.travel("2026-11-23 10:00 +0100", tick=False) as traveller:
        for _ in range(5):
            client.post(reverse("login"), {"username": "anna", "password": "wrong"})
        traveller.shift(timedelta(minutes=16))
        response = client.post(reverse("login"), {"username": "anna", "password": PASSWORD})
    assert response.status_code == 302


def test_an_idle_session_ends_after_30_minutes(client, caseworker):
    with time_machine.travel("2026-11-23 10:00 +0100", tick=False) as traveller:
        client.force_login(caseworker)
        assert client.get("/").status_code == 200
        traveller.shift(timedelta(minutes=29))
        # Activity moves the expiry forward...
        assert client.get("/").status_code == 200
        traveller.shift(timedelta(minutes=29))
        assert client.get("/").status_code == 200
        # ...but 31 idle minutes end the session.
        traveller.shift(timedelta(minutes=31))
        response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_logout_is_a_post_and_ends_the_session(client, caseworker):
    client.force_login(caseworker)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_password_change_page_is_in_swedish(client_for, caseworker):
    response = client_for(caseworker).get(reverse("password_change"))
    assert response.status_code == 200
    assert "Byt lösenord" in response.content.decode()


def test_every_page_sends_a_content_security_policy_without_inline_scripts(client):
    response = client.get(reverse("login"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_an_english_browser_still_gets_swedish(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Logga in" in response.content.decode()


def test_english_is_available_when_chosen(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    response = client.get(reverse("login"))
    assert response.headers["Content-Language"] == "en"
    assert "Log in" in response.content.decode()
