"""A template as the user writes it: its name, kind and body, checked; names kept unique."""

from __future__ import annotations

from dataclasses import dataclass

from slackbot.domain.notes import TemplateKind, check_body
from slackbot.domain.user_input import InputError, clean_line

MAX_NAME = 80
NAME_EXAMPLE = "Short and sincere"
# Names are typed back after `/interview template edit`, so people wrap them in quotes.
_QUOTES = "\"'`“”‘’"


def normalise_name(text: str) -> str:
    """A template name as typed: one line, whitespace runs collapsed, surrounding quotes gone."""
    cleaned = clean_line(text)
    if len(cleaned) >= 2 and cleaned[0] in _QUOTES and cleaned[-1] in _QUOTES:
        cleaned = " ".join(cleaned[1:-1].split())
    return cleaned


def name_key(name: str) -> str:
    """What two names must share to count as the same name (case-insensitive)."""
    return normalise_name(name).casefold()


def builtin_named(name: str) -> TemplateKind | None:
    """The built-in template called `name`, if it is one (`thank-you`, `closure`, …)."""
    key = name_key(name)
    return next((kind for kind in TemplateKind if kind.value == key), None)


def check_name(text: str) -> str:
    """A usable template name: present, not too long, not a built-in's name."""
    name = normalise_name(text)
    if not name:
        raise InputError("The template needs a name.", example=NAME_EXAMPLE)
    if len(name) > MAX_NAME:
        raise InputError(
            f"The name is {len(name)} characters; the most is {MAX_NAME}.", example=NAME_EXAMPLE
        )
    if builtin_named(name) is not None:
        raise InputError(
            f"“{name}” is the name of a built-in template; pick another name.",
            example=NAME_EXAMPLE,
        )
    return name


def check_kind(value: str | None) -> TemplateKind:
    if value in set(TemplateKind):
        return TemplateKind(value)
    raise InputError("Pick what kind of note this is.", example="thank-you")


@dataclass(frozen=True, kw_only=True)
class TemplateInput:
    name: str
    kind: TemplateKind
    body: str


class TemplateFormErrors(Exception):
    """The template form's bad fields, keyed `name`, `kind` and `body`, each with its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


def read_template_form(*, name: str | None, kind: str | None, body: str | None) -> TemplateInput:
    """The template the form describes, or TemplateFormErrors naming every bad field."""
    errors: dict[str, str] = {}
    checked: dict[str, object] = {}
    checks = (
        ("name", lambda: check_name(name or "")),
        ("kind", lambda: check_kind(kind)),
        ("body", lambda: check_body(body or "")),
    )
    for field, check in checks:
        try:
            checked[field] = check()
        except InputError as error:
            errors[field] = f"{error.problem} For example: {error.example}"
    if errors:
        raise TemplateFormErrors(errors)
    return TemplateInput(
        name=str(checked["name"]),
        kind=TemplateKind(str(checked["kind"])),
        body=str(checked["body"]),
    )


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name (2)`, `name (3)`, … — the first whose key is not in `taken`."""
    if name_key(name) not in taken and builtin_named(name) is None:
        return name
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = name[: MAX_NAME - len(suffix)].rstrip() + suffix
        if name_key(candidate) not in taken:
            return candidate
        number += 1
