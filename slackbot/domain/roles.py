"""Who each interviewer is to the candidate, and whom a follow-up goes to."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from typing import Protocol, TypeVar


class Role(enum.StrEnum):
    RECRUITER = "recruiter"
    HIRING_MANAGER = "hiring-manager"
    INTERVIEWER = "interviewer"


ROLE_LABELS = {
    Role.RECRUITER: "recruiter",
    Role.HIRING_MANAGER: "hiring manager",
    Role.INTERVIEWER: "interviewer",
}

# Titles people in recruiting carry. "TA" and "HR" only as whole words: "Data", "Chrome".
_RECRUITING = re.compile(
    r"recruit|talent|sourc(?:er|ing)|\bta\b|\bhr\b|human resources|people partner|"
    r"people operations|people ops",
    re.IGNORECASE,
)
_HIRING_MANAGER = re.compile(r"hiring manager|\bhm\b", re.IGNORECASE)

# Whom a follow-up goes to first: the recruiter runs the process, then the hiring manager.
CONTACT_ORDER = (Role.RECRUITER, Role.HIRING_MANAGER, Role.INTERVIEWER)


class Person(Protocol):
    @property
    def title(self) -> str | None: ...

    @property
    def role(self) -> str | None: ...


P = TypeVar("P", bound=Person)


def guess_role(title: str | None) -> Role:
    if title and _RECRUITING.search(title):
        return Role.RECRUITER
    if title and _HIRING_MANAGER.search(title):
        return Role.HIRING_MANAGER
    return Role.INTERVIEWER


def role_of(person: Person) -> Role:
    """The role the user chose for this person, else the one their title suggests."""
    if person.role in set(Role):
        return Role(str(person.role))
    return guess_role(person.title)


def main_contact(people: Sequence[P]) -> P | None:
    """The recruiter, else the hiring manager, else the first person listed."""
    for role in CONTACT_ORDER:
        match = next((p for p in people if role_of(p) == role), None)
        if match is not None:
            return match
    return None


def contact_phrase(person: Person) -> str:
    """ "your main contact", with the role when their title doesn't already say it."""
    role = role_of(person)
    label = ROLE_LABELS[role]
    if role == Role.INTERVIEWER or label in (person.title or "").casefold():
        return "your main contact"
    return f"your main contact as the {label}"
