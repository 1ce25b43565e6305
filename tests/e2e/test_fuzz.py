"""Thousands of malformed and mutated payloads of every kind: never a 500, never a traceback.

A seeded generator (so a failure can be replayed) takes one real payload of each kind the app
accepts, breaks it in one to three ways — a key dropped, a value of another type, a list
where an object was, junk text, truncated or flipped bytes, the wrong content type — signs most
of them as Slack would, and sends them all at the running app.
"""

from __future__ import annotations

import copy
import json
import logging
import random
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlencode

import pytest

from slackbot.blocks import ids
from slackbot.domain.interviews import Owner
from tests.conftest import Bot
from tests.e2e.helpers import LOG_TEXT, command_fields

SEED = 1515
PAYLOADS = 2_400
DANA = "U0DANA001"
FORM = "application/x-www-form-urlencoded"
JSON_TYPE = "application/json"
JUNK: list[Any] = [
    None,
    0,
    -1,
    10**30,
    True,
    "",
    "x",
    "<!channel>",
    "\x00\ud7ff\u202e",
    "9" * 5000,
    [],
    [1, "a"],
    {},
    {"id": None},
    1.5,
]


ACTION_IDS = [
    getattr(ids, name)
    for name in dir(ids)
    if name.isupper() and not name.startswith(("F_", "SETTINGS_", "TPL_F_"))
]
VALUES = ["1:1", "1:offer", "1", '{"i":1,"r":"sent all"}', "thank-you", "x", ""]
CALLBACKS = [ids.LOG_MODAL, ids.SETTINGS_MODAL, ids.TEMPLATE_MODAL, ids.DRAFT_MODAL]


def _varied(rng: random.Random, bot: Bot, kind: str, payload: Any) -> Any:
    """The seed with another button or modal of the app's, still well formed."""
    payload = copy.deepcopy(payload)
    if kind in ("block_actions", "home_click"):
        payload["actions"][0]["action_id"] = rng.choice(ACTION_IDS)
        payload["actions"][0]["value"] = rng.choice(VALUES)
    elif kind == "view_submission":
        view = {**payload["view"], "callback_id": rng.choice(CALLBACKS)}
        view["private_metadata"] = json.dumps({"interview_id": rng.choice([None, 1, "x"])})
        # Sealed as the bot seals what it opens, so listeners see it; mutations may break it.
        seal = bot.runtime.services.view_seal
        payload["view"] = seal.seal(view, Owner(bot.fake.team_id, DANA))
    return payload


def _user(bot: Bot) -> dict[str, Any]:
    return {"id": DANA, "team_id": bot.fake.team_id, "username": "dana"}


def _interaction(bot: Bot, kind: str, **fields: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "user": _user(bot),
        "team": {"id": bot.fake.team_id, "domain": "sandbox"},
        "api_app_id": "A0APP0001",
        "trigger_id": "1.2.3",
        **fields,
    }


def _seeds(bot: Bot) -> dict[str, tuple[str, Any]]:
    """One well-formed payload of each kind: (encoding, payload)."""
    dm = bot.fake.dm_channel(DANA)
    message = {
        "ts": "1764687600.000100",
        "channel": dm,
        "text": "hi",
        "blocks": [{"type": "section", "block_id": "s", "text": {"type": "mrkdwn", "text": "x"}}],
    }
    view = {
        "id": "V0FUZZ",
        "type": "modal",
        "hash": "1.abc",
        "callback_id": ids.LOG_MODAL,
        "private_metadata": "",
        "blocks": [{"type": "input", "block_id": "company", "element": {}}],
        "state": {"values": {"company": {"company": {"type": "plain_text_input", "value": "A"}}}},
    }
    click = {"action_id": ids.MARK_SENT, "block_id": "b", "type": "button", "value": "1:1"}
    return {
        "command": ("form", command_fields(bot.fake, DANA, LOG_TEXT)),
        "block_actions": (
            "payload",
            _interaction(
                bot,
                "block_actions",
                actions=[click],
                container={"type": "message", "message_ts": message["ts"], "channel_id": dm},
                channel={"id": dm},
                message=message,
                response_url=bot.fake.response_url(),
            ),
        ),
        "home_click": (
            "payload",
            _interaction(
                bot,
                "block_actions",
                actions=[{**click, "action_id": ids.HOME_SNOOZE}],
                view={"id": "V0HOME", "type": "home", "blocks": []},
                container={"type": "view", "view_id": "V0HOME"},
            ),
        ),
        "view_submission": ("payload", _interaction(bot, "view_submission", view=view)),
        "view_closed": ("payload", _interaction(bot, "view_closed", view=view)),
        "block_suggestion": (
            "payload",
            _interaction(bot, "block_suggestion", action_id="tz", block_id="tz", value="Chi"),
        ),
        "message_action": (
            "payload",
            _interaction(
                bot,
                "message_action",
                callback_id=ids.TEMPLATE_SHORTCUT,
                message=message,
                channel={"id": "C0JOBS001"},
                response_url=bot.fake.response_url(),
            ),
        ),
        "dm_event": (
            "json",
            {
                "type": "event_callback",
                "team_id": bot.fake.team_id,
                "api_app_id": "A0APP0001",
                "event_id": "Ev0FUZZ",
                "event": {
                    "type": "message",
                    "channel": dm,
                    "channel_type": "im",
                    "user": DANA,
                    "text": "sent all",
                    "ts": "1764687600.000200",
                },
            },
        ),
        "home_event": (
            "json",
            {
                "type": "event_callback",
                "team_id": bot.fake.team_id,
                "event_id": "Ev0HOME",
                "event": {"type": "app_home_opened", "user": DANA, "tab": "home"},
            },
        ),
        "url_verification": ("json", {"type": "url_verification", "challenge": "c"}),
    }


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _mutate(rng: random.Random, payload: Any) -> Any:
    payload = json.loads(json.dumps(payload))
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(_paths(payload))
        if not path:
            payload = rng.choice([[payload], _junk(rng), payload])
            continue
        parent = payload
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        roll = rng.random()
        if roll < 0.35 and isinstance(parent, dict):
            del parent[key]
        elif roll < 0.5:
            parent[key] = [parent[key]]
        else:
            parent[key] = _junk(rng)
    return payload


def _junk(rng: random.Random) -> Any:
    return copy.deepcopy(rng.choice(JUNK))


def _encode(rng: random.Random, encoding: str, payload: Any) -> tuple[bytes, str]:
    if encoding == "form" and isinstance(payload, dict):
        fields = {k: v if isinstance(v, str) else json.dumps(v) for k, v in payload.items()}
        body, content_type = urlencode(fields).encode(), FORM
    elif encoding == "payload":
        body, content_type = urlencode({"payload": json.dumps(payload)}).encode(), FORM
    else:
        body, content_type = json.dumps(payload).encode(), JSON_TYPE
    roll = rng.random()
    if roll < 0.06:
        body = body[: rng.randint(0, len(body))]
    elif roll < 0.1 and body:
        flipped = bytearray(body)
        flipped[rng.randrange(len(flipped))] ^= 0xFF
        body = bytes(flipped)
    elif roll < 0.13:
        content_type = JSON_TYPE if content_type == FORM else FORM
    return body, content_type


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_thousands_of_broken_payloads_never_get_a_500_or_a_traceback(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    rng = random.Random(SEED)
    seeds = _seeds(bot)
    cases = []
    for _ in range(PAYLOADS):
        kind = rng.choice(sorted(seeds))
        encoding, payload = seeds[kind]
        payload = _varied(rng, bot, kind, payload)
        body, content_type = _encode(rng, encoding, _mutate(rng, payload))
        unsigned = rng.random() < 0.05
        cases.append((kind, body, content_type, "v0=" + "0" * 64 if unsigned else None))

    def send(case: tuple[str, bytes, str, str | None]) -> tuple[str, int]:
        kind, body, content_type, signature = case
        return kind, bot.slack.post(body, content_type, signature=signature).status

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(send, cases))

    statuses = Counter(status for _, status in answers)
    kinds = Counter(kind for kind, _ in answers)
    print(f"\n{len(answers)} payloads: by kind {dict(kinds)}; by status {dict(statuses)}")
    assert len(answers) >= 2_000
    assert 500 not in statuses
    assert set(kinds) == set(seeds)
    crashes = [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    assert crashes == [], crashes[0].getMessage() if crashes else ""
    assert "/interview log" in bot.slack.command(DANA, "help").text
