"""Company and role from the titles recruiters and scheduling tools give interview invites."""

from __future__ import annotations

import pytest

from slackbot.domain.invite_titles import company_from_email, read_title

PEOPLE = ("Dana Whitfield", "Maria Lopez", "Sanjay Rao")

TITLES = [
    ("Initech - Senior Data Engineer - Onsite Interview", "Initech", "Senior Data Engineer"),
    ("Interview: Dana Whitfield <> Globex (Platform Engineer)", "Globex", "Platform Engineer"),
    ("Phone Screen - Hooli - Product Designer", "Hooli", "Product Designer"),
    ("Dana Whitfield / Umbrella Corp: Technical Interview", "Umbrella Corp", None),
    ("Hooli | Senior Product Manager | Final Round", "Hooli", "Senior Product Manager"),
    ("Initrode: Hiring Manager Chat (Data Engineer)", "Initrode", "Data Engineer"),
    ("Recruiter screen: Acme Corp, Software Engineer II", "Acme Corp", "Software Engineer II"),
    ("Interview with Stark Industries", "Stark Industries", None),
    ("Onsite interview with Cyberdyne for Staff SRE", "Cyberdyne", "Staff SRE"),
    ("Data Engineer interview at Initrode", "Initrode", "Data Engineer"),
    (
        "Interview for Senior Data Analyst at Vandelay Industries",
        "Vandelay Industries",
        "Senior Data Analyst",
    ),
    ("[Soylent] Backend Engineer — System Design", "Soylent", "Backend Engineer"),
    ("Coffee chat with Wayne Enterprises", "Wayne Enterprises", None),
    ("Wonka Industries x Dana Whitfield - Product Manager", "Wonka Industries", "Product Manager"),
    ("Final round: Tyrell Corp", "Tyrell Corp", None),
    ("Initech | Dana Whitfield | Hiring Manager Interview", "Initech", None),
    ("Technical Interview - Machine Learning Engineer", None, "Machine Learning Engineer"),
    ("Massive Dynamic: Onsite Loop", "Massive Dynamic", None),
    ("Dana Whitfield and Maria Lopez", None, None),
    (
        "Updated invitation: Pied Piper - Frontend Developer (Round 2) @ Wed Dec 9",
        "Pied Piper",
        "Frontend Developer",
    ),
    ("Interview with Maria Lopez (Sterling Cooper)", "Sterling Cooper", None),
    (
        "Globex – Site Reliability Engineer – 45 min video call",
        "Globex",
        "Site Reliability Engineer",
    ),
]


@pytest.mark.parametrize(("title", "company", "role"), TITLES)
def test_title_gives_company_and_role(title: str, company: str | None, role: str | None) -> None:
    guess = read_title(title, people=PEOPLE)

    assert (guess.company, guess.role) == (company, role)


@pytest.mark.parametrize(
    ("email", "company"),
    [
        ("maria.lopez@initech.example", "Initech"),
        ("sanjay@talent.globex.com", "Globex"),
        ("recruiting@pied-piper.co.uk", "Pied Piper"),
        ("hr@ibm.com", "IBM"),
        ("dana.whitfield@gmail.com", None),
        ("no-reply@greenhouse.io", None),
        ("calendar-notification@google.com", None),
        ("not-an-address", None),
    ],
)
def test_company_from_the_organisers_address(email: str, company: str | None) -> None:
    assert company_from_email(email) == company
