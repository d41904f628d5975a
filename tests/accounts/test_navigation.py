"""Each role sees its own entries in the navigation bar, and is refused other roles' pages."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def menu(client) -> str:
    content = client.get("/").content.decode()
    return content.split('aria-label="Huvudmeny"')[1].split("</nav>")[0]


def test_case_worker_sees_case_entries_only(client_for, caseworker):
    nav = menu(client_for(caseworker))
    assert ">Sjukfall<" in nav and ">Import<" in nav
    assert ">Rapporter<" not in nav and ">Åtkomstlogg<" not in nav and ">Projekt<" not in nav
    assert "Administration" not in nav


def test_project_lead_sees_projects_and_no_cases(client_for, project_lead):
    nav = menu(client_for(project_lead))
    assert ">Projekt<" in nav
    assert ">Sjukfall<" not in nav and ">Import<" not in nav and ">Åtkomstlogg<" not in nav


def test_administrator_sees_every_entry_and_the_admin(client_for, administrator):
    nav = menu(client_for(administrator))
    for entry in (">Sjukfall<", ">Import<", ">Projekt<", ">Åtkomstlogg<", "Administration"):
        assert entry in nav


@pytest.mark.parametrize("persona", ["forum_member", "coach"])
def test_forum_members_and_coaches_see_no_case_worker_entries(request, client_for, persona):
    nav = menu(client_for(request.getfixturevalue(persona)))
    assert ">Sjukfall<" not in nav and ">Projekt<" not in nav and ">Åtkomstlogg<" not in nav


@pytest.mark.parametrize(
    ("persona", "url_name"),
    [
        ("caseworker", "cases:project_list"),
        ("caseworker", "cases:access_log"),
        ("project_lead", "cases:case_list"),
        ("project_lead", "cases:import"),
        ("forum_member", "cases:case_list"),
        ("coach", "cases:project_list"),
    ],
)
def test_a_role_gets_403_on_another_roles_page(request, client_for, persona, url_name):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse(url_name)).status_code == 403


def test_the_django_admin_is_for_administrators(client_for, caseworker, administrator):
    assert client_for(caseworker).get("/admin/").status_code == 302  # to the admin login
    assert client_for(administrator).get("/admin/").status_code == 200
    assert client_for(administrator).get("/admin/cases/project/").status_code == 200
