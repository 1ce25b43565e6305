"""A local stand-in for Slack: a Web API server and senders of signed Slack requests.

Used by the tests and by `python -m slackbot preview`; it never talks to the internet.
"""

from slackbot.sandbox.fake_slack import FakeSlack, RecordedCall
from slackbot.sandbox.sender import SentRequest, SlackSender

__all__ = ["FakeSlack", "RecordedCall", "SentRequest", "SlackSender"]
