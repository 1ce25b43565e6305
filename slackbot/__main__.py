"""Command line: `python -m slackbot [serve|try|preview|check|db upgrade]`."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Mapping, Sequence
from importlib.metadata import version
from types import FrameType

from dotenv import find_dotenv, load_dotenv

from slackbot.config import ConfigError, Settings, configure_logging
from slackbot.startup import EXIT_CONFIG, StartError


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    env = load_environment()
    try:
        return int(args.run(args, env))
    except ConfigError as error:
        print(f"slackbot: {error} — see .env.example for every setting", file=sys.stderr)
        return EXIT_CONFIG
    except StartError as error:
        print(f"slackbot: {error}", file=sys.stderr)
        return error.status


def load_environment() -> Mapping[str, str]:
    """The settings: real environment variables over a `.env` in the working directory.

    Bolt reads some SLACK_* variables itself, and treats an empty one (a `NAME=` line in
    `.env`) as set: `SLACK_CLIENT_ID=` alone turns on its OAuth flow. Empty ones are dropped,
    so what Bolt can see agrees with the settings, which count empty as unset.
    """
    load_dotenv(find_dotenv(usecwd=True), override=False)
    for name in [n for n, v in os.environ.items() if n.startswith("SLACK_") and not v.strip()]:
        del os.environ[name]
    return dict(os.environ)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="slackbot", description="Follow-Up Coach for Slack")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('slackbot')}")
    parser.set_defaults(run=serve)
    commands = parser.add_subparsers(title="commands")
    commands.add_parser("serve", help="serve Slack (the default)").set_defaults(run=serve)
    commands.add_parser(
        "try", help="type commands and replies against a local stand-in for Slack"
    ).set_defaults(run=run_try)
    preview = commands.add_parser("preview", help="see three weeks of messages without Slack")
    preview.add_argument("--json", action="store_true", help="print the raw Block Kit")
    preview.set_defaults(run=run_preview)
    commands.add_parser("check", help="verify settings, database and Slack").set_defaults(
        run=run_check
    )
    db = commands.add_parser("db", help="database commands")
    db_commands = db.add_subparsers(title="database commands", required=True)
    db_commands.add_parser("upgrade", help="apply migrations").set_defaults(run=db_upgrade)
    return parser


def serve(_args: argparse.Namespace, env: Mapping[str, str]) -> int:
    from slackbot.runtime import Runtime

    settings = Settings.from_env(env)
    configure_logging(settings.log_level)
    runtime = Runtime(settings)

    def stop(signum: int, _frame: FrameType | None) -> None:
        runtime.stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    runtime.run_forever()
    return 0


def run_try(_args: argparse.Namespace, _env: Mapping[str, str]) -> int:
    from slackbot.try_it import main as try_it

    return try_it()


def run_check(_args: argparse.Namespace, env: Mapping[str, str]) -> int:
    from slackbot.check import main as check

    return check(env)


def run_preview(args: argparse.Namespace, _env: Mapping[str, str]) -> int:
    from slackbot.preview import main as preview

    return preview(as_json=args.json)


def db_upgrade(_args: argparse.Namespace, env: Mapping[str, str]) -> int:
    from sqlalchemy.exc import DBAPIError

    from slackbot.db import upgrade
    from slackbot.startup import database_failure, open_database

    settings = Settings.from_env(env, require_slack=False)
    configure_logging(settings.log_level)
    engine = open_database(settings.database_url)
    try:
        upgrade(engine)
    except (DBAPIError, OSError) as error:
        raise database_failure(engine, error) from None
    finally:
        engine.dispose()
    print(f"database is up to date ({engine.url.render_as_string(hide_password=True)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
