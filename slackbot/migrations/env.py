"""Alembic environment: runs against the engine the application hands over."""

from alembic import context

from slackbot.models import Base

engine = context.config.attributes["engine"]
# Tables owned by slack-sdk's installation and state stores (created by migration 0002).
SDK_TABLES = ("slack_bots", "slack_installations", "slack_oauth_states")


def include_object(obj: object, name: str | None, type_: str, *_: object) -> bool:
    return not (type_ == "table" and name in SDK_TABLES)


with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
    )
    context.run_migrations()
