"""Pure Block Kit builders: functions that return message and view dicts, no Slack I/O."""
