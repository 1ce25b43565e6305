"""Company and role from an invite's title, else the company from the organiser's address. Pure.

Recruiters title invites in a handful of shapes: "Initech - Data Engineer - Onsite",
"Interview: Dana Whitfield <> Initech (Data Engineer)", "Data Engineer interview at Initech".
The title is cut at its separators; each piece is a person (dropped), the kind of meeting
(dropped), a role (it names a job), or else the company.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make a piece of a title a job title.
_ROLE_WORDS = _words(
    "engineer engineering developer designer manager analyst scientist architect lead "
    "director sre devops administrator admin consultant specialist intern associate "
    "coordinator officer writer researcher accountant programmer strategist producer "
    "marketer representative rep recruiter partner head vp president counsel editor "
    "technician nurse teacher tester qa owner principal staff"
)
# Phrases that say what kind of meeting it is, not who with or for what job.
_MEETING_PHRASES = (
    "hiring manager",
    "system design",
    "take home",
    "take-home",
    "meet and greet",
    "next steps",
    "coffee chat",
    "phone screen",
    "final round",
    "first round",
    "second round",
    "third round",
    "on-site",
    "on site",
)
_MEETING_WORDS = _words(
    "interview interviews interviewing screen screening round onsite loop panel chat call "
    "meeting sync conversation intro introduction technical final coding debrief discussion "
    "video zoom teams meet phone virtual invitation invite and with for at the a an "
    "recruiter hr behavioral behavioural culture fit pairing session 1st 2nd 3rd 30 45 60 "
    "min mins minute minutes w/ updated canceled cancelled"
)
_SEPARATORS = re.compile(
    r"\s+[-–—|/x]\s+|\s*[|:()\[\]<>«»]+\s*|\s+<>\s+|,\s+|\s+[–—]\s*|\s*[–—]\s+"
)
_AT_COMPANY = re.compile(
    r"^(?:.*?\b(?:for|interview)\s+)?(?P<role>.+?)\s+(?:interview\s+|role\s+|position\s+)?"
    r"(?:at|@)\s+(?P<company>[^|(\-–—:]+)",
    re.IGNORECASE,
)
_WITH_COMPANY = re.compile(
    r"\bwith\s+(?P<company>[^|()\[\]:\-–—]+?)(?:\s+for\s+(?:the\s+)?(?P<role>.+?)(?:\s+role|\s+position)?)?$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z0-9&'.+#]+")
_PREFIXES = re.compile(
    r"^(?:updated invitation|invitation|updated|canceled|cancelled)\s*:\s*", re.IGNORECASE
)
# Google's invitation emails end the subject with " @ Wed Dec 9, 2026 10am - 11am (CST) (…)".
_DATE_SUFFIX = re.compile(r"\s+@\s+(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b.*$", re.I)
# Address domains that say nothing about the employer.
FREE_MAIL = _words(
    "gmail.com googlemail.com outlook.com hotmail.com live.com msn.com yahoo.com icloud.com "
    "me.com mac.com aol.com proton.me protonmail.com gmx.com gmx.de fastmail.com hey.com "
    "zoho.com yandex.com mail.com"
)
# Scheduling and recruiting tools that send invites on an employer's behalf.
_TOOL_DOMAINS = _words(
    "greenhouse.io lever.co calendly.com goodtime.io ashbyhq.com gem.com workday.com "
    "myworkday.com smartrecruiters.com icims.com jobvite.com modernloop.io paradox.ai "
    "google.com calendar.google.com zoom.us microsoft.com"
)
_SECOND_LEVEL = _words("co com org net ac gov edu")


@dataclass(frozen=True)
class TitleGuess:
    company: str | None
    role: str | None


def read_title(title: str, *, people: Iterable[str] = ()) -> TitleGuess:
    """The company and role a title names; `people` are names to ignore (attendees, the user)."""
    title = _DATE_SUFFIX.sub("", _PREFIXES.sub("", " ".join(title.split())))
    names = {_key(n) for n in people if n} | {_key(w) for n in people if n for w in n.split()}
    shaped = _shaped(title, names)
    if shaped is not None:
        return shaped
    company = role = None
    for piece in _pieces(title):
        kind, text = _classify(piece, names)
        if kind == "role" and role is None:
            role = text
        elif kind == "company" and company is None:
            company = text
    return TitleGuess(company=company, role=role)


def company_from_email(email: str | None) -> str | None:
    """`maria@initech.example` → "Initech"; None for free-mail and scheduling-tool addresses."""
    if not email or "@" not in email:
        return None
    domain = email.rsplit("@", 1)[1].strip().lower()
    if domain in FREE_MAIL or any(domain == d or domain.endswith("." + d) for d in _TOOL_DOMAINS):
        return None
    labels = [label for label in domain.split(".") if label]
    while len(labels) > 2 and labels[-2] in _SECOND_LEVEL:
        labels = labels[:-1]
    if len(labels) < 2:
        return None
    name = labels[-2]
    return name.replace("-", " ").title() if len(name) > 3 else name.upper()


def _shaped(title: str, names: set[str]) -> TitleGuess | None:
    """Titles written as a sentence: "Data Engineer interview at Initech", "Chat with Globex"."""
    for pattern in (_AT_COMPANY, _WITH_COMPANY):
        match = pattern.search(title)
        if not match:
            continue
        company = _clean(match.group("company"))
        if not company or _key(company) in names or _is_meeting(company):
            continue
        role_text = match.group("role")
        role = None
        if role_text:
            kind, text = _classify(role_text, names)
            role = text if kind == "role" else None
        if role is None:
            role = next(
                (t for k, t in (_classify(p, names) for p in _pieces(title)) if k == "role"), None
            )
        return TitleGuess(company=company, role=role)
    return None


def _pieces(title: str) -> list[str]:
    return [p for p in (_clean(p) for p in _SEPARATORS.split(title)) if p]


def _classify(piece: str, names: set[str]) -> tuple[str, str]:
    """("person" | "meeting" | "role" | "company", the piece without meeting words)."""
    if _key(piece) in names:
        return "person", piece
    core = _without_meeting_words(piece)
    if not core or all(_key(w) in names for w in core.split()):
        return ("meeting" if not core else "person"), piece
    if any(w.lower().strip(".") in _ROLE_WORDS for w in core.split()):
        return "role", core
    return "company", core


def _is_meeting(text: str) -> bool:
    return not _without_meeting_words(text)


def _without_meeting_words(piece: str) -> str:
    text = piece
    for phrase in _MEETING_PHRASES:
        text = re.sub(rf"\b{re.escape(phrase)}\b", " ", text, flags=re.IGNORECASE)
    words = [
        w
        for w in text.split()
        if w.lower().strip(".,!#") not in _MEETING_WORDS and not w.strip("#.").isdigit()
    ]
    # "Data Engineer Interview" keeps "Data Engineer"; leading or trailing junk goes.
    return _clean(" ".join(words))


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" -–—|:,./()[]").strip()


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))
