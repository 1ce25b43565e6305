"""Pure parts of drafting: roles and the main contact, likeness, gaps and email links."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from slackbot.domain.drafts import TWIN_RATIO, likeness, mailto_url
from slackbot.domain.notes import BUILTINS, TOPIC_GAP, NoteContext, TemplateKind, gaps_in, render
from slackbot.domain.roles import Role, contact_phrase, guess_role, main_contact, role_of


@dataclass
class Person:
    name: str
    title: str | None = None
    role: str | None = None


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Recruiter", Role.RECRUITER),
        ("Senior Technical Recruiter", Role.RECRUITER),
        ("Talent Acquisition Partner", Role.RECRUITER),
        ("TA Lead", Role.RECRUITER),
        ("Sourcer", Role.RECRUITER),
        ("HR Business Partner", Role.RECRUITER),
        ("People Partner", Role.RECRUITER),
        ("Hiring Manager", Role.HIRING_MANAGER),
        ("Data Engineer", Role.INTERVIEWER),
        ("Chrome Team Lead", Role.INTERVIEWER),
        ("Director", Role.INTERVIEWER),
        (None, Role.INTERVIEWER),
    ],
)
def test_roles_are_guessed_from_titles(title: str | None, role: Role) -> None:
    assert guess_role(title) == role


def test_the_main_contact_is_the_recruiter_else_the_hiring_manager_else_the_first() -> None:
    maria = Person("Maria Lopez", "Director")
    sanjay = Person("Sanjay Rao", "Talent Acquisition Partner")
    lee = Person("Lee Park", "Engineer", role=Role.HIRING_MANAGER.value)
    assert main_contact([maria, lee, sanjay]) is sanjay
    assert main_contact([maria, lee]) is lee
    assert main_contact([maria]) is maria
    assert main_contact([]) is None
    # A role the user chose beats the title's guess.
    sanjay.role = Role.INTERVIEWER.value
    assert role_of(sanjay) == Role.INTERVIEWER
    assert main_contact([maria, lee, sanjay]) is lee


def _context(name: str, topic: str | None) -> NoteContext:
    return NoteContext(
        interviewer=name,
        title=None,
        company="Initrode",
        role="Data Engineer",
        topic=topic,
        interview_day="today",
        my_name="Dana",
    )


def _thank_you(name: str, topic: str | None) -> str:
    return render(BUILTINS[TemplateKind.THANK_YOU], _context(name, topic))


def test_the_same_template_for_two_people_reads_as_twins() -> None:
    maria = _thank_you("Maria Lopez", "the data mesh rollout")
    sanjay = _thank_you("Sanjay Rao", "the on-call rotation")
    assert likeness(maria, sanjay) >= TWIN_RATIO


def test_notes_written_for_each_person_are_not_twins() -> None:
    maria = _thank_you("Maria Lopez", "the data mesh rollout")
    own = (
        "Hi Sanjay,\n\nThanks for walking me through the hiring timeline and the team's "
        "on-call rotation. Knowing the team shares the pager fairly matters to me.\n\nDana"
    )
    assert likeness(maria, own) < TWIN_RATIO
    assert likeness(maria, maria) == 1.0


def test_a_missing_topic_is_a_gap_and_a_known_one_is_not() -> None:
    assert gaps_in(_thank_you("Maria Lopez", None)) == [TOPIC_GAP]
    assert gaps_in(_thank_you("Maria Lopez", "lineage")) == []


def test_old_templates_saying_on_interview_day_still_read_well() -> None:
    context = _context("Maria", None)
    assert render("Thanks for talking on {interview_day}.", context) == "Thanks for talking today."


def test_mailto_carries_subject_and_the_whole_body() -> None:
    url = mailto_url("sanjay@initrode.example", "Thank you", "Hi & bye\n")
    assert url == "mailto:sanjay@initrode.example?subject=Thank%20you&body=Hi%20%26%20bye%0A"


def test_the_main_contact_is_named_with_a_role_only_when_the_title_hides_it() -> None:
    assert contact_phrase(Person("Sanjay Rao", "Recruiter")) == "your main contact"
    assert (
        contact_phrase(Person("Priya Shah", "Talent Acquisition Partner"))
        == "your main contact as the recruiter"
    )
    assert contact_phrase(Person("Maria Lopez", "Director")) == "your main contact"
    assert (
        contact_phrase(Person("Lee Park", "Engineer", role=Role.HIRING_MANAGER.value))
        == "your main contact as the hiring manager"
    )
