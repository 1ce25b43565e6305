"""Command line: `python -m slackbot [serve|db upgrade|check|preview]`."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType

from dotenv import find_dotenv, load_dotenv

from slackbot.config import ConfigError, Settings, configure_logging

EXIT_CONFIG = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    # .env is looked up from the working directory; real environment variables win over it.
    load_dotenv(find_dotenv(usecwd=True), override=False)
    try:
        return int(args.run(args))
    except ConfigError as error:
        print(f"slackbot: {error} — see .env.example for every setting", file=sys.stderr)
        return EXIT_CONFIG


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="slackbot", description="Follow-Up Coach for Slack")
    parser.set_defaults(run=serve)
    commands = parser.add_subparsers(title="commands")
    commands.add_parser("serve", help="serve Slack (the default)").set_defaults(run=serve)
    db = commands.add_parser("db", help="database commands")
    db_commands = db.add_subparsers(title="database commands", required=True)
    db_commands.add_parser("upgrade", help="apply migrations").set_defaults(run=db_upgrade)
    commands.add_parser("check", help="verify settings, database and Slack").set_defaults(
        run=run_check
    )
    preview = commands.add_parser("preview", help="see the product without Slack")
    preview.add_argument("--json", action="store_true", help="print the raw Block Kit")
    preview.set_defaults(run=run_preview)
    return parser


def serve(_args: argparse.Namespace) -> int:
    from slackbot.runtime import Runtime

    settings = Settings.from_env(os.environ)
    configure_logging(settings.log_level)
    runtime = Runtime(settings)

    def stop(signum: int, _frame: FrameType | None) -> None:
        runtime.stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    runtime.run_forever()
    return 0


def run_check(_args: argparse.Namespace) -> int:
    from slackbot.check import main as check

    return check(os.environ)


def run_preview(args: argparse.Namespace) -> int:
    from slackbot.preview import main as preview

    return preview(as_json=args.json)


def db_upgrade(_args: argparse.Namespace) -> int:
    from slackbot.db import make_engine, upgrade

    settings = Settings.from_env(os.environ, require_slack=False)
    configure_logging(settings.log_level)
    engine = make_engine(settings.database_url)
    upgrade(engine)
    print(f"database is up to date ({engine.url.render_as_string(hide_password=True)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
