"""Follow-Up Coach: a Slack bot that coaches job seekers through the follow-up after interviews."""

__version__ = "0.1.0"
