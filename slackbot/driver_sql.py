"""Statements run on the database driver's own cursor, for what requests wait on most: the
log's write, a user's settings and the listings' reads.

`/interview log` answers only once its five statements are committed. Through SQLAlchemy's
Session and Connection each statement, the BEGIN and the COMMIT pay for execution machinery
that costs more than the database's own work. Here a Core statement (built from the models'
tables, so the schema stays in one place) is compiled once per dialect, its parameters go
through the columns' own bind processing, so rows are stored exactly as SQLAlchemy stores
them, and a driver's error is raised as SQLAlchemy's. The transaction keeps
`db.transaction`'s rules: one SQLite writer of this process at a time, a bounded wait.

Pays, paced at 64/s (bench/request_cost, thread CPU): one log 1.3 ms, 2.1 ms through the
Session (0.4 and 0.6 ms back to back); `/interview list` of 25 interviews 1.6-1.8 ms, 2.2-2.6
through the Session; a user's settings 0.5 ms, 1.4 through the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Dialect, Engine, PoolProxiedConnection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement

from slackbot.db import (
    SQLITE_BUSY_TIMEOUT_MS,
    SessionFactory,
    begin_sqlite,
    busy_ms,
    locked_means_busy,
    retried,
    write_slot,
)

T = TypeVar("T")
Processor = Callable[[Any], Any]


@dataclass(frozen=True)
class _Param:
    name: str
    process: Processor | None
    required: bool  # else it has a value of its own (a literal in the statement)
    value: Any


@dataclass(frozen=True)
class _Compiled:
    sql: str
    order: tuple[str, ...] | None  # parameter names in order, for a positional paramstyle
    params: tuple[_Param, ...]
    # For a SELECT: each column's name and how its values are read back (as SQLAlchemy does).
    columns: tuple[tuple[str, Processor | None], ...]
    # (position, processing) of the columns whose values need any.
    reads: tuple[tuple[int, Processor], ...]

    def bound(self, given: Mapping[str, Any]) -> Any:
        values = {}
        for param in self.params:
            if param.name in given:
                value = given[param.name]
            elif param.required:
                raise KeyError(f"no value for the parameter {param.name!r}")
            else:
                value = param.value
            values[param.name] = value if param.process is None else param.process(value)
        return values if self.order is None else tuple(values[name] for name in self.order)


class Prepared:
    """A Core statement, compiled once per dialect with each parameter's bind processing.

    `keys` names the columns an INSERT sets (the others take their defaults).
    """

    def __init__(self, statement: ClauseElement, keys: Sequence[str] | None = None) -> None:
        self._statement = statement
        self._keys = list(keys) if keys is not None else None
        self._compiled: dict[tuple[str, str], _Compiled] = {}

    def compiled(self, dialect: Dialect) -> _Compiled:
        key = (dialect.name, dialect.paramstyle)
        found = self._compiled.get(key)
        if found is None:
            found = self._compiled[key] = _compile(self._statement, self._keys, dialect)
        return found


def _compile(statement: ClauseElement, keys: list[str] | None, dialect: Dialect) -> _Compiled:
    compiled = statement.compile(dialect=dialect, column_keys=keys)
    binds = compiled.binds  # type: ignore[attr-defined]
    positional = compiled.positiontup if compiled.positional else None  # type: ignore[attr-defined]
    columns = tuple(
        (column.key, column.type.dialect_impl(dialect).result_processor(dialect, None))
        for column in getattr(statement, "selected_columns", ())
    )
    return _Compiled(
        sql=compiled.string,
        order=None if positional is None else tuple(positional),
        params=tuple(
            _Param(
                name,
                bind.type.dialect_impl(dialect).bind_processor(dialect),
                required=bind.required,
                value=None if bind.required else bind.effective_value,
            )
            for name, bind in binds.items()
        ),
        columns=columns,
        reads=tuple((at, read) for at, (_, read) in enumerate(columns) if read is not None),
    )


@dataclass(frozen=True)
class Driver:
    """A pooled DBAPI connection inside a transaction, and the dialect it speaks."""

    connection: PoolProxiedConnection
    dialect: Dialect

    def rows(self, statement: Prepared, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Run `statement` with `params`; the rows it returns (none for a plain write)."""
        compiled = statement.compiled(self.dialect)
        args = compiled.bound(params)
        cursor = self.connection.cursor()
        try:
            cursor.execute(compiled.sql, args)
            return list(cursor.fetchall()) if cursor.description else []
        except self.dialect.loaded_dbapi.Error as error:
            raise DBAPIError.instance(
                compiled.sql, args, error, self.dialect.loaded_dbapi.Error, dialect=self.dialect
            ) from error
        finally:
            cursor.close()

    def values(self, statement: Prepared, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """A SELECT's rows, values read back as SQLAlchemy reads them, in the columns' order."""
        rows = self.rows(statement, params)
        reads = statement.compiled(self.dialect).reads
        if not reads:
            return rows
        read_back = []
        for row in rows:
            values = list(row)
            for at, read in reads:
                values[at] = read(values[at])
            read_back.append(tuple(values))
        return read_back

    def records(self, statement: Prepared, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """A SELECT's rows, each by column name, values read back as SQLAlchemy reads them."""
        names = [name for name, _ in statement.compiled(self.dialect).columns]
        return [dict(zip(names, row, strict=True)) for row in self.values(statement, params)]


def driver_of(on: Session | Driver) -> Driver:
    """The driver to run on: a session's is under its connection, in its transaction, with the
    rows it holds flushed first."""
    if isinstance(on, Driver):
        return on
    on.flush()
    connection = on.connection()
    return Driver(connection.connection, connection.dialect)


@contextmanager
def driver_transaction(sessions: SessionFactory) -> Iterator[Driver]:
    """One write on the driver: commit on success, roll back on any error."""
    engine = _engine(sessions)
    dialect = engine.dialect
    with write_slot(sessions) as deadline:
        connection = engine.raw_connection()
        try:
            if dialect.name == "sqlite":
                with locked_means_busy(deadline):
                    begin_sqlite(connection, busy_ms(deadline), write=True)
            yield Driver(connection, dialect)
            try:
                connection.commit()
            except dialect.loaded_dbapi.Error as error:
                raise DBAPIError.instance(
                    "COMMIT", None, error, dialect.loaded_dbapi.Error, dialect=dialect
                ) from error
        except BaseException:
            # A connection that cannot even roll back is dropped by the pool when it returns.
            with suppress(Exception):
                connection.rollback()
            raise
        finally:
            connection.close()


@contextmanager
def driver_reading(sessions: SessionFactory, *, several: bool = False) -> Iterator[Driver]:
    """Reads on the driver, rolled back as the connection goes back to the pool.

    `several` selects read in one transaction, as a Session's reads are. PostgreSQL's driver
    begins one by itself; SQLite's is told to (see db.begin_sqlite), which a single select
    does not need: it cost a settings read 0.06 ms paced (6 rounds, 0.58 vs 0.53 ms).
    """
    engine = _engine(sessions)
    connection = engine.raw_connection()
    try:
        if several and engine.dialect.name == "sqlite":
            begin_sqlite(connection, SQLITE_BUSY_TIMEOUT_MS, write=False)
        yield Driver(connection, engine.dialect)
    finally:
        connection.close()


def retrying_on_driver(
    sessions: SessionFactory, work: Callable[[Driver], T], *, attempts: int = 3
) -> T:
    """`db.retrying` on the driver: again when a concurrent writer took the same unique value."""
    return retried(lambda: driver_transaction(sessions), work, attempts=attempts)


def _engine(sessions: SessionFactory) -> Engine:
    engine = sessions.kw["bind"]
    assert isinstance(engine, Engine)
    return engine
