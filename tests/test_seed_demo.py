import pytest
from django.core.management import call_command

from accounts.models import User
from cases.models import CaseEvent, Person, SickLeaveCase

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_a_user_per_role_and_people_of_both_genders(capsys):
    call_command("seed_demo")
    output = capsys.readouterr().out
    for username in ("handlaggare", "forummedlem", "coach", "projektledare", "admin"):
        assert username in output
        assert User.objects.get(username=username).check_password("demo-losenord-2026")
    assert Person.objects.filter(gender="woman").exists()
    assert Person.objects.filter(gender="man").exists()
    assert SickLeaveCase.objects.values("diagnoses").distinct().count() > 5
    assert CaseEvent.objects.filter(kind="created").count() == SickLeaveCase.objects.count()
    # A forum with a held meeting whose recommendation waits to be followed up.
    from forums.models import ForumMeeting, Recommendation

    assert ForumMeeting.objects.filter(state="held").exists()
    assert Recommendation.objects.filter(responsible__username="handlaggare").exists()


def test_running_seed_demo_twice_changes_nothing():
    call_command("seed_demo")
    counts = (
        User.objects.count(),
        Person.objects.count(),
        SickLeaveCase.objects.count(),
        CaseEvent.objects.count(),
    )
    call_command("seed_demo")
    assert counts == (
        User.objects.count(),
        Person.objects.count(),
        SickLeaveCase.objects.count(),
        CaseEvent.objects.count(),
    )
