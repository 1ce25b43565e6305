"""People's names as a note greets them: "Hi Jane," or, more formally, "Dear Dr. Smith,"."""

from __future__ import annotations

# Compared without dots and case: "Dr.", "dr" and "DR" are one honorific.
HONORIFICS = {
    "dr": "Dr.",
    "doctor": "Dr.",
    "prof": "Prof.",
    "professor": "Prof.",
    "mr": "Mr.",
    "mrs": "Mrs.",
    "ms": "Ms.",
    "mx": "Mx.",
    "miss": "Miss",
    "sir": "Sir",
    "dame": "Dame",
}
# Letters after a name that are not part of the surname.
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "esq", "cpa"}


def _key(word: str) -> str:
    return word.replace(".", "").strip(",").casefold()


def _parts(name: str) -> tuple[str | None, list[str]]:
    """The honorific (normalised) and the remaining words of the name, suffixes dropped."""
    words = name.replace(",", " ").split()
    honorific = None
    while words and _key(words[0]) in HONORIFICS:
        honorific = honorific or HONORIFICS[_key(words.pop(0))]
    while len(words) > 1 and _key(words[-1]) in SUFFIXES:
        words.pop()
    return honorific, words


def first_name(name: str) -> str:
    """The given name, honorifics skipped: "Dr. Jane Smith" → "Jane"."""
    honorific, words = _parts(name)
    if words:
        return words[0]
    return honorific or name.strip()


def formal_name(name: str) -> str:
    """ "Dr. Smith" when the name carries an honorific, else the given name ("Jane")."""
    honorific, words = _parts(name)
    if honorific and words:
        return f"{honorific} {words[-1]}"
    return first_name(name)


def join_names(names: list[str]) -> str:
    """ "Maria", "Maria and Sanjay", "Maria, Sanjay and Lee"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
