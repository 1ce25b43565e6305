"""What Slack listeners share: the acting user, one wrapper per kind of request, and the Slack
calls several of them make (modals, the Home tab, re-rendering prompts, late replies).

Listener modules build on this package and never on each other.
"""
