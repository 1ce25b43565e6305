"""`python -m slackbot preview` shows the whole conversation with no Slack settings at all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def _preview(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "slackbot", "preview", *args],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_preview_prints_three_weeks_of_messages_in_order(tmp_path: Path) -> None:
    result = _preview(tmp_path)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    steps = [
        "/interview log Initrode",
        "Logged #1",
        "(drops globex-interview.ics",
        "From your invite: *Globex* — Platform Engineer",
        "Logged #2 *Globex*",
        "Thank-you notes for *Initrode*",
        "Maria: their move to event sourcing",
        "Noted for Maria Lopez",
        "┌ Thank-you note",
        "Thank you for talking with me about the Data Engineer role today",
        "Thank-you sent",
        "Still to thank from",
        "┌ Thank-you card",
        "What did you talk about with Sanjay Rao?",
        "Thank you for meeting with me yesterday. Our conversation about how the team plans",
        "Card sent",
        "It's been 7 days since your *Initrode* interview",
        "Write to *Sanjay Rao* (Recruiter), your main contact.",
        "┌ Follow-up note",
        "since we spoke on ",  # the date a week back: the preview starts today
        "Still no word from *Initrode*",
        "┌ Closure note",
        "Thank you again for considering me",
    ]
    missing = [step for step in steps if step not in out]
    assert missing == [], out
    positions = [out.index(step) for step in steps]
    assert positions == sorted(positions), out
    assert "(America/Chicago)" in out
    assert "[Mark sent]" in out
    assert not (tmp_path / "slackbot.db").exists()  # nothing is left behind


def test_preview_json_carries_block_kit(tmp_path: Path) -> None:
    result = _preview(tmp_path, "--json")

    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    prompts = [e for e in entries if e["from"] == "Follow-Up Coach"]
    assert len([e for e in prompts if "Initrode" in e["text"]]) == 4
    assert any("Globex" in e["text"] for e in prompts)
    assert all(e["blocks"] for e in prompts)
