"""A local stand-in for Slack: a Web API server and senders of signed Slack requests.

Used by the tests and by `python -m slackbot preview`; it never talks to the internet.
"""

from slackbot.sandbox.answers import SentRequest
from slackbot.sandbox.fake_slack import FakeSlack
from slackbot.sandbox.sender import SlackSender
from slackbot.sandbox.web_api_state import RecordedCall

__all__ = ["FakeSlack", "RecordedCall", "SentRequest", "SlackSender"]
