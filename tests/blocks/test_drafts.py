"""The draft modal as a plain builder: Slack's limits, and reading it back."""

from __future__ import annotations

import json

from slackbot.blocks import ids
from slackbot.blocks.drafts import build_draft_modal, read_draft_form
from slackbot.domain.drafts import Draft
from slackbot.domain.notes import TOPIC_GAP, TemplateKind
from slackbot.models import Interviewer
from slackbot.sandbox.view_inputs import fill_inputs


def _people(count: int) -> list[Interviewer]:
    return [
        Interviewer(id=n + 1, name=f"Person {n} <!channel>", title="Recruiter", email="a@b.co")
        for n in range(count)
    ]


def _draft(person: Interviewer, kind: TemplateKind, body: str) -> Draft:
    return Draft(
        kind=kind,
        template_name="thank-you",
        to=person,
        subject=None if kind == TemplateKind.CARD else "Thanks",
        body=body,
        uses_topic=True,
        twin=None,
        main_contact=person,
    )


def test_a_follow_up_modal_for_twelve_people_stays_within_slacks_limits() -> None:
    people = _people(12)
    modal = build_draft_modal(
        _draft(people[3], TemplateKind.FOLLOW_UP, "Hi"), people, prompt_id=7, card_hint=False
    )
    assert len(modal["blocks"]) <= 100
    assert len(modal["title"]["text"]) <= 24
    assert len(json.dumps(modal["private_metadata"])) <= 3000
    # Names in mrkdwn are escaped; plain_text (menus, labels) never turns into a mention.
    to_line = modal["blocks"][0]["text"]["text"]
    assert "&lt;!channel&gt;" in to_line
    assert "<!channel>" not in to_line
    pick = next(b for b in modal["blocks"] if b.get("block_id") == ids.DRAFT_WHO)
    to = pick["elements"][0]
    assert to["initial_option"] in to["options"]
    assert to["initial_option"]["value"] == "4"


def test_a_card_has_no_email_link_and_counts_its_words() -> None:
    person = _people(1)[0]
    modal = build_draft_modal(
        _draft(person, TemplateKind.CARD, "word " * 70), [person], prompt_id=1, card_hint=True
    )
    text = json.dumps(modal)
    assert ids.DRAFT_EMAIL not in text
    assert "70 words: a card fits about 60" in text


def test_the_modal_reads_back_its_note_topic_and_version() -> None:
    person = _people(1)[0]
    modal = build_draft_modal(
        _draft(person, TemplateKind.THANK_YOU, f"Hi, about {TOPIC_GAP}"),
        [person],
        prompt_id=1,
        card_hint=False,
        version=3,
    )
    modal["state"] = {"values": fill_inputs(modal, {ids.DRAFT_TOPIC: "lineage"})}
    form = read_draft_form(modal)
    assert form.text == f"Hi, about {TOPIC_GAP}"
    assert form.topic == "lineage"
    assert form.version == 3
    assert read_draft_form({}).text is None
