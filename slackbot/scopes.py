"""The bot scopes the app needs; manifest.yml lists the same ones (a test keeps them equal)."""

BOT_SCOPES: tuple[str, ...] = (
    "commands",
    "chat:write",
    "im:history",
    "im:write",
    "users:read",
    "files:write",
    "files:read",
)
