"""`python -m slackbot try`: a newcomer types to the bot with no Slack at all."""

from __future__ import annotations

import subprocess
import sys

from tests.e2e.test_first_start import bare_environment

SESSION = """\
/interview log Initrode | Data Engineer | today 2pm | Maria Lopez (Director), Sanjay Rao
next
Maria: their move to event sourcing
press 2
wait 1d
/interview log
set Company = Globex
submit
quit
"""


def test_a_typed_session_shows_what_the_bot_says() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "slackbot", "try"],
        input=SESSION,
        capture_output=True,
        text=True,
        timeout=120,
        env=bare_environment(),
    )
    out = result.stdout

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in out + result.stderr
    assert "Logged #1 *Initrode* — Data Engineer" in out
    assert "Thank-you notes for *Initrode*" in out
    assert "[2 Mark sent]" in out
    assert "Noted for Maria Lopez: their move to event sourcing" in out
    assert ":white_check_mark: Thank-you sent" in out
    # The next morning's nudge names only Sanjay, at 9:00 on the simulated clock.
    nudge = out.split("Still to thank from")[1]
    assert "Sanjay Rao" in nudge.split("Reply here")[0]
    assert "Maria Lopez" not in nudge.split("Reply here")[0]
    assert "9:00 AM · Follow-Up Coach\n   :hourglass_flowing_sand: Still to thank" in out
    # The form comes back with what is still missing.
    assert "── form: Log an interview" in out
    assert "The form stays open:" in out
    assert "Add at least one interviewer" in out
