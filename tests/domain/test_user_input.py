"""The text cleaning every reader of typed values shares."""

from __future__ import annotations

import sys
import unicodedata

from slackbot.domain.user_input import clean_line, drop_controls


def test_every_control_character_but_whitespace_is_dropped_and_nothing_else() -> None:
    everything = "".join(
        chr(code) for code in range(sys.maxunicode + 1) if code < 0xD800 or code > 0xDFFF
    )
    kept = "".join(c for c in everything if c.isspace() or unicodedata.category(c) != "Cc")
    assert drop_controls(everything) == kept


def test_a_line_keeps_its_words_and_loses_nul_bell_and_runs_of_space() -> None:
    assert clean_line("  Maria\x00 Lopez\x07\t\n (Director)\x85 ") == "Maria Lopez (Director)"
