import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from cases.models import AccessLogEntry
from tests.factories import PersonFactory, SickLeaveCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(team_a, caseworker):
    person = PersonFactory(personnummer="198501012382", first_name="Astrid")
    return SickLeaveCaseFactory(person=person, team=team_a, case_worker=caseworker)


def test_viewing_a_case_writes_one_access_log_row(client_for, caseworker, case):
    client_for(caseworker).get(case.get_absolute_url(), REMOTE_ADDR="10.1.2.3")

    entry = AccessLogEntry.objects.get()
    assert entry.user == caseworker
    assert entry.action == AccessLogEntry.Action.VIEW
    assert entry.case == case
    assert entry.person_id == case.person_id
    assert entry.ip_address == "10.1.2.3"


def test_a_refused_view_writes_no_row(client_for, outsider, case):
    client_for(outsider).get(case.get_absolute_url())
    assert not AccessLogEntry.objects.exists()


def test_the_log_page_finds_the_view_by_person(client_for, caseworker, administrator, case):
    client_for(caseworker).get(case.get_absolute_url())
    client = client_for(administrator)

    response = client.post(
        reverse("cases:access_log"), {"personnummer": "850101-2382"}, follow=True
    )

    content = response.content.decode()
    assert "1 post" in content
    assert "Anna Lindqvist" in content
    assert "Sjukfallets sida" in content
    # The personnummer was posted; the page it lands on has no number in its URL.
    assert "2382" not in response.redirect_chain[-1][0]


def test_the_log_page_finds_views_by_user_and_period(client_for, caseworker, administrator, case):
    client_for(caseworker).get(case.get_absolute_url())
    client = client_for(administrator)
    today = AccessLogEntry.objects.get().at.date().isoformat()

    response = client.post(
        reverse("cases:access_log"),
        {"user": caseworker.pk, "date_from": today, "date_to": today},
        follow=True,
    )
    assert "1 post" in response.content.decode()

    response = client.post(
        reverse("cases:access_log"),
        {"user": caseworker.pk, "date_from": "2001-01-01", "date_to": "2001-12-31"},
        follow=True,
    )
    assert "0 poster" in response.content.decode()


def test_the_log_search_needs_a_person_or_a_user(client_for, administrator):
    response = client_for(administrator).post(reverse("cases:access_log"), {})
    assert "Sök på en person eller en användare." in response.content.decode()


def test_the_database_refuses_to_change_a_log_row(caseworker, case):
    entry = AccessLogEntry.objects.create(user=caseworker, action="view", what="x", case=case)
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).update(what="tampered")
    entry.refresh_from_db()
    assert entry.what == "x"


def test_the_admin_cannot_add_change_or_delete_log_rows(
    client_for, administrator, caseworker, case
):
    entry = AccessLogEntry.objects.create(user=caseworker, action="view", what="x", case=case)
    client = client_for(administrator)
    assert client.get(reverse("admin:cases_accesslogentry_changelist")).status_code == 200
    assert client.get(reverse("admin:cases_accesslogentry_add")).status_code == 403
    response = client.post(
        reverse("admin:cases_accesslogentry_change", args=[entry.pk]), {"what": "changed"}
    )
    assert response.status_code == 403
    assert (
        client.post(
            reverse("admin:cases_accesslogentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    entry.refresh_from_db()
    assert entry.what == "x"
