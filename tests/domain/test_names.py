"""Greeting people by name: honorifics, hyphens, compound and accented names."""

from __future__ import annotations

import pytest

from slackbot.domain.names import first_name, formal_name, join_names
from slackbot.domain.notes import NoteContext, render

CASES = [
    ("Dr. Jane Smith", "Jane", "Dr. Smith"),
    ("dr jane smith", "jane", "Dr. smith"),
    ("Jane Smith-Ng", "Jane", "Jane"),
    ("María José García", "María", "María"),
    ("Prof. Li Wei", "Li", "Prof. Wei"),
    ("Professor Ada Lovelace", "Ada", "Prof. Lovelace"),
    ("Ms. Maria Lopez", "Maria", "Ms. Lopez"),
    ("Dr. Sam Okafor, PhD", "Sam", "Dr. Okafor"),
    ("Martin Luther King Jr.", "Martin", "Martin"),
    ("Cher", "Cher", "Cher"),
    ("Dr.", "Dr.", "Dr."),
]


@pytest.mark.parametrize(("name", "first", "formal"), CASES)
def test_first_and_formal_names(name: str, first: str, formal: str) -> None:
    assert first_name(name) == first
    assert formal_name(name) == formal


def test_a_template_greets_as_its_formality_says() -> None:
    context = NoteContext(
        interviewer="Dr. Jane Smith",
        title=None,
        company="Initrode",
        role="Data Engineer",
        topic="lineage",
        interview_day="today",
        my_name="Dana",
    )
    assert render("Hi {first_name},", context) == "Hi Jane,"
    assert render("Dear {formal_name},", context) == "Dear Dr. Smith,"


def test_names_are_joined_as_a_sentence_would() -> None:
    assert join_names([]) == ""
    assert join_names(["Maria Lopez"]) == "Maria Lopez"
    assert join_names(["Maria Lopez", "Sanjay Rao"]) == "Maria Lopez and Sanjay Rao"
    assert join_names(["A", "B", "C"]) == "A, B and C"
