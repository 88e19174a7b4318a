"""Where pushed-down queries run: DuckDB over a CSV or Parquet file, or a database table.

A relation knows its columns and their kinds, names itself in SQL, and runs a sqlglot tree with
bound parameters, returning the (few) rows of aggregates as plain Python values: a build that
pushes its work down never needs pandas.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlglot import exp

from reviewdeck.data.sqlexpr import BOOL, DATE, NUMBER, OTHER, TEXT, Binds, ident, render
from reviewdeck.errors import DataError, Location

Fetched = tuple[list[str], list[tuple[Any, ...]]]  # column names, rows

_DUCK_KINDS = {
    "BIGINT": NUMBER, "INTEGER": NUMBER, "SMALLINT": NUMBER, "TINYINT": NUMBER,
    "HUGEINT": NUMBER, "UBIGINT": NUMBER, "UINTEGER": NUMBER, "USMALLINT": NUMBER,
    "UTINYINT": NUMBER, "DOUBLE": NUMBER, "FLOAT": NUMBER, "REAL": NUMBER, "VARCHAR": TEXT,
    "DATE": DATE, "TIMESTAMP": DATE, "TIMESTAMP WITH TIME ZONE": DATE, "TIMESTAMP_NS": DATE,
    "TIMESTAMP_MS": DATE, "TIMESTAMP_S": DATE, "BOOLEAN": BOOL,
}
_CONNECTION: Any = None
# The date spellings data/coerce.py's parse_date reads (2025-11, 2025/11/3, 2025年11月, a time
# after the date), for DuckDB's regexp_extract: year, month, day groups
_TEXT_DATE = r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(?:(\d{1,2})\s*日?)?)?\s*(?:[ T].*)?$"


def duck_kind(type_name: str) -> str:
    name = str(type_name).upper()
    if name.startswith("DECIMAL"):
        return NUMBER
    return _DUCK_KINDS.get(name, OTHER)


def _duck() -> Any:
    """One in-process DuckDB for the whole build (its threads default to the machine's cores);
    never used by two threads at once (data/prefetch.py)."""
    global _CONNECTION
    from reviewdeck.data import prefetch

    prefetch.wait()
    if _CONNECTION is None:
        import duckdb

        _CONNECTION = duckdb.connect()
    return _CONNECTION


class DuckFile:
    """A CSV or Parquet file seen through DuckDB.

    Parquet is queried in place (only the columns and row groups a query needs are read). A CSV
    is parsed once into an in-memory table, since every further query would parse it again.
    """

    dialect = "duckdb"
    style = "qmark"
    _count = 0

    def __init__(self, path: Path, fmt: str, header_row: int = 1) -> None:
        con = _duck()
        DuckFile._count += 1
        self.view = f"_reviewdeck_{DuckFile._count}"
        self.origin = path.name
        if fmt == "parquet":
            rel = con.read_parquet(str(path), file_row_number=True)
            rel.create_view(self.view)
            self.rowpos: exp.Expr | None = exp.Column(this=ident("file_row_number"))
            self.raw: str | None = None
        else:
            rel = con.read_csv(str(path), header=True, skiprows=header_row - 1)
            self.raw = self.view + "_csv"
            rel.create_view(self.raw)
            self.rowpos = exp.Column(this=exp.var("rowid"))
        described = con.execute(exp.Describe(this=exp.Table(
            this=ident(self.raw or self.view))).sql(dialect="duckdb")).fetchall()
        self.kinds = {str(row[0]): duck_kind(row[1]) for row in described
                      if row[0] != "file_row_number"}
        self.wanted: set[str] = set()  # columns the planned queries read (data/pushdown.py)
        self._loaded: set[str] | None = None
        self.converted: dict[str, exp.Expr] = {}  # text dates, read as dates (parse_text_dates)

    def parse_text_dates(self, columns: list[str | None]) -> None:
        """Date columns DuckDB's sniffer left as text (2025-11, 2025/11/3, 2025年11月) become
        dates as the pandas path reads them, when every value of the column is one; a column
        with any other value stays text (and the source goes to pandas, which names the row)."""
        if self.raw is None:
            return
        for col in dict.fromkeys(c for c in columns if c):
            if self.kinds.get(col) != TEXT:
                continue
            text = exp.Column(this=ident(col))
            date = _date_from_text(text)
            bad = exp.select(exp.alias_(exp.Count(this=exp.Star()), "n")).from_(
                exp.Table(this=ident(self.raw))).where(exp.and_(
                    exp.Not(this=exp.Is(this=text, expression=exp.Null())),
                    exp.NEQ(this=exp.Trim(this=text), expression=exp.Literal.string("")),
                    exp.Is(this=date, expression=exp.Null())))
            if _duck().execute(bad.sql(dialect="duckdb")).fetchall()[0][0] == 0:
                self.converted[col] = date
                self.kinds[col] = DATE

    def table(self, columns: set[str] | frozenset[str] = frozenset()) -> exp.Expr:
        """The table to query; a CSV is parsed once into memory, only the wanted columns."""
        if self.raw is not None:
            need = (self.wanted | set(columns)) & set(self.kinds)
            if self._loaded is None or not need <= self._loaded:
                keep = sorted(need | (self._loaded or set())) or [next(iter(self.kinds))]
                create = exp.Create(
                    this=exp.Table(this=ident(self.view)), kind="TABLE", replace=True,
                    properties=exp.Properties(expressions=[exp.TemporaryProperty()]),
                    expression=exp.select(*[
                        exp.alias_(self.converted[c], c, quoted=True) if c in self.converted
                        else exp.Column(this=ident(c)) for c in keep]).from_(
                        exp.Table(this=ident(self.raw))))
                _duck().execute(create.sql(dialect="duckdb"))
                self._loaded = set(keep)
        return exp.Table(this=ident(self.view))

    def fetch(self, tree: exp.Expr, binds: Binds) -> Fetched:
        sql, params = render(tree, binds, self.dialect, self.style)
        cursor = _duck().execute(sql, params)
        return [str(d[0]) for d in cursor.description], cursor.fetchall()


def _date_from_text(text: exp.Expr) -> exp.Expr:
    """A date from text in one of parse_date's spellings; NULL when it is not one."""
    def part(group: int, default: str | None = None) -> exp.Expr:
        found: exp.Expr = exp.Anonymous(this="regexp_extract", expressions=[
            text, exp.Literal.string(_TEXT_DATE), exp.Literal.number(group)])
        if default is not None:
            found = exp.Coalesce(this=exp.Nullif(this=found, expression=exp.Literal.string("")),
                                 expressions=[exp.Literal.string(default)])
        return exp.TryCast(this=found, to=exp.DataType.build("INT"))

    return exp.Anonymous(this="try", expressions=[exp.Anonymous(
        this="make_date", expressions=[part(1), part(2), part(3, "1")])])


class Warehouse:
    """A table in a database reached through SQLAlchemy; the URL never appears in a message."""

    def __init__(self, name: str, url: str, table: str, where: Location | None) -> None:
        try:
            import sqlalchemy
        except ImportError:
            raise DataError("SQL sources need SQLAlchemy: pip install 'reviewdeck[sql]'",
                            where) from None
        self.name = name
        self.url = url
        self.where = where
        self.origin = f"SQL table '{table}'"
        schema, _, self.table_name = table.rpartition(".")
        self.schema: str | None = schema or None
        try:
            self.engine = sqlalchemy.create_engine(url, poolclass=sqlalchemy.pool.NullPool)
            self.dialect = _sqlglot_dialect(self.engine.dialect.name)
            self.style = str(self.engine.dialect.paramstyle)
            columns = sqlalchemy.inspect(self.engine).get_columns(self.table_name,
                                                                  schema=self.schema)
        except ImportError as exc:
            raise DataError(f"source '{name}': the database driver for this url is not "
                            f"installed (pip install {exc.name or 'its driver'})", where) from None
        except sqlalchemy.exc.NoSuchTableError:
            raise DataError(f"source '{name}': the database has no table '{table}'",
                            where) from None
        except sqlalchemy.exc.SQLAlchemyError as exc:
            raise self._failed(exc) from None
        if not columns:
            raise DataError(f"source '{name}': the database has no table '{table}'", where)
        self.kinds = {str(c["name"]): _sql_kind(c["type"]) for c in columns}
        self.rowpos = None

    def _failed(self, exc: BaseException) -> DataError:
        from reviewdeck.data.sources import _scrub

        orig = getattr(exc, "orig", None) or exc
        detail = _scrub(str(orig), self.url)
        return DataError(f"source '{self.name}': the SQL query failed: {type(orig).__name__}"
                         + (f": {detail}" if detail else ""), self.where)

    def table(self, columns: set[str] | frozenset[str] = frozenset()) -> exp.Expr:
        return exp.Table(this=ident(self.table_name),
                         db=ident(self.schema) if self.schema else None)

    def fetch(self, tree: exp.Expr, binds: Binds) -> Fetched:
        import sqlalchemy

        from reviewdeck.data import prefetch

        prefetch.wait()

        if self.dialect == "sqlite":  # dates stored as ISO text compare as text
            for key, value in binds.values.items():
                if isinstance(value, dt.date):
                    binds.values[key] = value.isoformat(sep=" ") if isinstance(
                        value, dt.datetime) else value.isoformat()
        sql, params = render(tree, binds, self.dialect, self.style)
        try:
            with self.engine.connect() as conn:
                result = conn.exec_driver_sql(sql, params if isinstance(params, dict) else tuple(params))
                return [str(k) for k in result.keys()], [tuple(r) for r in result.fetchall()]
        except sqlalchemy.exc.SQLAlchemyError as exc:
            raise self._failed(exc) from None


def _sqlglot_dialect(name: str) -> str:
    return {"postgresql": "postgres", "mssql": "tsql", "sqlite": "sqlite"}.get(name, name)


def _sql_kind(sqltype: Any) -> str:
    try:
        python = sqltype.python_type
    except (NotImplementedError, AttributeError):
        return OTHER
    if python is bool:
        return BOOL
    if python in (int, float) or python.__name__ == "Decimal":
        return NUMBER
    if python in (dt.date, dt.datetime):
        return DATE
    if python is str:
        return TEXT
    return OTHER
