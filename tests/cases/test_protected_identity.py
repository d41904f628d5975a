"""A person with skyddad identitet is named only to the assigned case worker and administrators."""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory, SickLeaveCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def protected_case(team_a, caseworker):
    person = PersonFactory(
        first_name="Hemlig",
        last_name="Hansson",
        personnummer="198501012382",
        protected_identity=True,
    )
    return SickLeaveCaseFactory(person=person, team=team_a, case_worker=caseworker)


def search(client, term):
    return client.post(reverse("cases:case_list"), {"q": term}, follow=True).content.decode()


def test_the_assigned_case_worker_finds_and_sees_the_person(client_for, caseworker, protected_case):
    client = client_for(caseworker)
    assert "Hemlig Hansson" in search(client, "Hansson")
    assert "Hemlig Hansson" in search(client, "19850101-2382")
    assert "Hemlig Hansson" in client.get(protected_case.get_absolute_url()).content.decode()


def test_a_colleague_sees_only_skyddad_identitet(client_for, colleague, protected_case):
    client = client_for(colleague)
    listing = client.get(reverse("cases:case_list")).content.decode()
    assert "Skyddad identitet" in listing
    assert "Hansson" not in listing
    assert "19850101-2382" not in listing
    page = client.get(protected_case.get_absolute_url()).content.decode()
    assert "Skyddad identitet" in page
    assert "Hansson" not in page
    assert "2382" not in page


def test_a_colleague_cannot_find_the_person_by_name_or_number(
    client_for, colleague, protected_case
):
    client = client_for(colleague)
    assert "Inget sjukfall matchar" in search(client, "Hansson")
    assert "Inget sjukfall matchar" in search(client, "198501012382")


def test_the_export_masks_the_person_for_a_colleague(
    client_for, colleague, caseworker, protected_case
):
    masked = client_for(colleague).get(reverse("cases:case_export")).content.decode("utf-8-sig")
    assert "Skyddad identitet" in masked
    assert "Hansson" not in masked
    assert "2382" not in masked
    full = client_for(caseworker).get(reverse("cases:case_export")).content.decode("utf-8-sig")
    assert "Hansson" in full


def test_administrators_see_the_person(client_for, administrator, protected_case):
    client = client_for(administrator)
    assert "Hemlig Hansson" in search(client, "Hemlig")
    assert "Hemlig Hansson" in client.get(protected_case.get_absolute_url()).content.decode()


def test_a_protected_persons_other_case_in_another_team_stays_masked(
    client_for, outsider, protected_case, team_b
):
    # The same person on sick leave again, now in team B, not assigned to the outsider.
    other = SickLeaveCaseFactory(person=protected_case.person, team=team_b, case_start="2026-09-01")
    page = client_for(outsider).get(other.get_absolute_url()).content.decode()
    assert "Skyddad identitet" in page
    assert "Hansson" not in page


def test_the_person_is_never_named_in_the_page_title(client_for, colleague, protected_case):
    page = client_for(colleague).get(protected_case.get_absolute_url()).content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert "Hansson" not in title
