from __future__ import annotations

import json

from slackbot.config import Settings
from slackbot.domain.interviews import Owner
from slackbot.view_seal import ViewSeal, sealed_metadata

DANA = Owner("T1", "U1")
VIEW = {"type": "modal", "private_metadata": json.dumps({"interview_id": 3})}


def test_a_sealed_view_opens_for_its_owner_only() -> None:
    seal = ViewSeal(b"k" * 32)
    sealed = seal.seal(VIEW, DANA)

    assert seal.opened_for(sealed, DANA)
    assert not seal.opened_for(sealed, Owner("T1", "U2"))
    assert not seal.opened_for(sealed, Owner("T2", "U1"))
    assert not ViewSeal(b"x" * 32).opened_for(sealed, DANA)
    assert not seal.opened_for(VIEW, DANA)
    assert not seal.opened_for({**sealed, "private_metadata": "x.y"}, DANA)
    assert sealed_metadata(sealed) == {"interview_id": 3}


def test_every_process_with_the_same_secrets_derives_the_same_key() -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret"}
    first, second = (ViewSeal.for_settings(Settings.from_env(env)) for _ in range(2))

    assert second.opened_for(first.seal(VIEW, DANA), DANA)
    assert "s3cret" not in first.seal(VIEW, DANA)["private_metadata"]
