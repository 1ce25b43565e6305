"""Domain logic: pure, typed, and free of Slack libraries."""
