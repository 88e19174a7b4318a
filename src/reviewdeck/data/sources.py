"""Read each named source (CSV, Excel, Parquet, SQL, filtered view) into a checked table."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewdeck.config.models import Source, closest
from reviewdeck.data.filters import describe
from reviewdeck.errors import DataError, Diagnostics, Location

if TYPE_CHECKING:
    import datetime as dt

    import pandas as pd

    from reviewdeck.config.load import LoadedConfig

# pandas is imported by the functions that read rows, not here: a build whose sources are all
# aggregated in place (data/pushdown.py) never loads it (0.6 s and 70 MB)

TOTAL_MARKERS = {"合计", "总计", "小计", "total", "grand total", "sum", "合 计", "總計", "合計"}
MAX_FILE_BYTES = 2 * 1024**3


@dataclass
class Table:
    """A loaded source: its rows, where they came from, and the column that dates them."""

    name: str
    frame: pd.DataFrame
    origin: str
    date_column: str | None = None
    filter_text: str = ""
    first_data_line: int = 2
    columns_declared: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        text = self.origin
        if self.filter_text:
            text += f" where {self.filter_text}"
        return text

    def __len__(self) -> int:
        return len(self.frame)


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when the head decodes as such, else GB18030 (a GBK superset)."""
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut by the 64 KiB boundary
            return "utf-8"
    try:
        head.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(head).best()
        if best is not None:
            return str(best.encoding)
    except ImportError:  # pragma: no cover - charset_normalizer is a dependency
        pass
    raise DataError(f"{path}: cannot tell the text encoding; set 'encoding:' on the source")


def _format(source: Source, path: Path) -> str:
    if source.format:
        return source.format
    suffix = "".join(path.suffixes[-2:]).lower()
    if suffix.endswith((".csv", ".csv.gz", ".txt", ".tsv")):
        return "csv"
    if suffix.endswith((".xlsx", ".xlsm", ".xls")):
        return "excel"
    if suffix.endswith((".parquet", ".pq")):
        return "parquet"
    raise DataError(f"{path}: cannot tell the format from the suffix; set 'format:' on the source")


def _drop_footer(frame: pd.DataFrame, origin: str, diag: Diagnostics) -> pd.DataFrame:
    """Drop blank rows and 合计/Total rows that spreadsheet exports append."""
    if frame.empty:
        return frame
    blank = frame.isna().all(axis=1)
    if blank.any():
        frame = frame[~blank]
    text_cols = [c for c in frame.columns if frame[c].dtype == object or str(frame[c].dtype) == "str"]
    if text_cols and len(frame):
        first = frame[text_cols].apply(lambda s: s.astype("string").str.strip().str.lower())
        is_total = first.isin(TOTAL_MARKERS).any(axis=1)
        if is_total.any():
            diag.warn(f"{origin}: ignored {int(is_total.sum())} total row(s) (合计/Total)")
            frame = frame[~is_total]
    return frame


def _read_file(name: str, source: Source, path: Path, diag: Diagnostics,
               usecols: list[str] | None) -> tuple[pd.DataFrame, int]:
    import pandas as pd

    if not path.exists():
        raise DataError(f"data file not found: {path}", Location(path=f"data.{name}.path"))
    if path.is_dir():
        raise DataError(f"{path} is a directory, expected a data file",
                        Location(path=f"data.{name}.path"))
    size = path.stat().st_size
    if size == 0:
        raise DataError(f"{path}: the file is empty")
    if size > MAX_FILE_BYTES:
        raise DataError(f"{path}: {size / 1024**3:.1f} GiB is beyond what this tool reads")
    fmt = _format(source, path)
    header = source.header_row - 1
    try:
        if fmt == "csv":
            encoding = source.encoding or detect_encoding(path)
            try:
                frame = pd.read_csv(path, encoding=encoding, header=header,
                                    skip_blank_lines=False, low_memory=False)
            except UnicodeDecodeError as exc:
                raise DataError(
                    f"{path}: not readable as {encoding} ({exc.reason}); set 'encoding:' "
                    "on the source (utf-8, gb18030, …)") from None
            except pd.errors.EmptyDataError:
                raise DataError(f"{path}: the file has no header row and no data") from None
            except pd.errors.ParserError as exc:
                line = re.search(r"line (\d+)", str(exc))
                where = f" at line {line.group(1)}" if line else ""
                raise DataError(f"{path}{where}: malformed CSV ({exc})".splitlines()[0]) from None
        elif fmt == "excel":
            try:
                frame = pd.read_excel(path, sheet_name=source.sheet or 0, header=header)
            except ValueError as exc:
                raise DataError(f"{path}: {exc}") from None
        elif fmt == "parquet":
            frame = pd.read_parquet(path, columns=usecols)
        else:
            raise DataError(f"{path}: format '{fmt}' needs 'url:' and 'query:'")
    except DataError:
        raise
    except (OSError, ValueError, ImportError) as exc:
        raise DataError(f"{path}: cannot be read as {fmt}: {exc}") from None
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    unnamed = [c for c in frame.columns if c.startswith("Unnamed:")]
    if unnamed and frame[unnamed].isna().all().all():
        frame = frame.drop(columns=unnamed)
    return frame, source.header_row + 1


_ENV_VAR = re.compile(r"\$\{(\w+)\}")
_PASSWORD = re.compile(r"://[^/@:]*:([^/@]*)@")


def _sql_url(name: str, source: Source, where: Location | None) -> str:
    """The SQLAlchemy URL with ${VAR}s filled in; a password typed into the config is refused."""
    raw = source.url or ""
    typed = _PASSWORD.search(raw)
    if typed and not _ENV_VAR.fullmatch(typed.group(1)):
        raise DataError(
            f"source '{name}': the url holds a password; put the URL (or just the password) "
            "in an environment variable and write url: ${SALES_DB_URL}, so it never sits in "
            "a config file", where)
    missing = [v for v in _ENV_VAR.findall(raw) if not os.environ.get(v)]
    if missing:
        raise DataError(f"source '{name}': environment variable {missing[0]} (used in url:) "
                        "is not set", where)
    url = _ENV_VAR.sub(lambda m: os.environ[m.group(1)], raw)
    if not url:
        raise DataError(f"source '{name}': the SQL URL is empty", where)
    if url.startswith("sqlite"):  # SQLite would make an empty database at a mistyped path
        database = url.partition("://")[2].partition("?")[0][1:]
        if database and database != ":memory:" and not database.startswith("file:") \
                and not Path(database).is_file():
            hint = "" if Path(database).is_absolute() else \
                " (a relative path is from the folder reviewdeck runs in)"
            raise DataError(f"source '{name}': the SQLite database file {database} does not "
                            f"exist{hint}", where)
    return url


def _scrub(text: str, url: str) -> str:
    """A database's error message with every part of the URL (user, password, host, database,
    the URL itself) blanked out, so no credential reaches the terminal or a log."""
    secrets = [url]
    try:
        from sqlalchemy.engine import make_url

        parts: Any = make_url(url)
    except Exception:  # noqa: BLE001 - an unparsable URL has nothing more to hide
        parts = None
    if parts is not None:
        secrets += [str(p) for p in (parts.password, parts.username, parts.host, parts.database)
                    if p]
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= 3:
            text = text.replace(secret, "***")
    return text.splitlines()[0][:200] if text else ""


def _read_sql(name: str, source: Source, start: dt.date, end: dt.date,
              where: Location | None = None) -> pd.DataFrame:
    import pandas as pd

    url = _sql_url(name, source, where)
    try:
        import sqlalchemy
    except ImportError:
        raise DataError("SQL sources need SQLAlchemy: pip install 'sqlalchemy'") from None
    if not source.query and not source.table:
        raise DataError(f"source '{name}': a sql source needs 'query:' or 'table:'", where)
    try:
        engine = sqlalchemy.create_engine(url, poolclass=sqlalchemy.pool.NullPool)
        with engine.connect() as conn:
            if source.table:  # every row of a pushed-down table, for a slide that lists them
                schema, _, table = source.table.rpartition(".")
                return pd.read_sql_table(table, conn, schema=schema or None)
            return pd.read_sql(sqlalchemy.text(source.query), conn,
                               params={"start": _day(start), "end": _day(end)})
    except ImportError as exc:  # the URL's database driver
        raise DataError(f"source '{name}': the database driver for this url is not installed "
                        f"(pip install {exc.name or 'its driver'})", where) from None
    except (sqlalchemy.exc.SQLAlchemyError, pd.errors.DatabaseError) as exc:
        orig = getattr(exc, "orig", None) or exc.__cause__ or exc
        detail = _scrub(str(orig), url)
        raise DataError(f"source '{name}': the SQL query failed: {type(orig).__name__}"
                        + (f": {detail}" if detail else ""), where) from None


def _day(value: Any) -> dt.date:
    """A date from a date, datetime or pandas Timestamp (a query's :start and :end)."""
    import datetime as dt

    return value.date() if isinstance(value, dt.datetime) else value


def load_tables(cfg: "LoadedConfig", diag: Diagnostics, span: tuple[dt.date, dt.date],
                needed: dict[str, set[str]] | None = None) -> dict[str, Table]:
    """Load every source of the config, views after their bases; columns are checked and coerced."""
    tables: dict[str, Table] = {}
    engines = _engines(cfg)
    pending = dict(cfg.deck.data)
    for _ in range(len(pending) + 1):
        progressed = False
        for name, source in list(pending.items()):
            if source.from_ and source.from_ not in tables:
                if source.from_ not in cfg.deck.data:
                    raise DataError(
                        f"source '{name}' is a view of '{source.from_}', which is not defined"
                        f"{closest(source.from_, list(cfg.deck.data))}",
                        cfg.doc.location(("data", name, "from")))
                continue
            tables[name] = _load_any(cfg, name, source, tables, diag, span, needed, engines)
            del pending[name]
            progressed = True
        if not pending:
            break
        if not progressed:
            raise DataError(f"sources {', '.join(pending)} are views of each other in a cycle")
    return tables


def _engines(cfg: "LoadedConfig") -> dict[str, tuple[str, Path | None, str | None]]:
    """Each file or database source's engine (data/pushdown.py's engine_for), path and format;
    a small file joins DuckDB when a bigger one of the build is pushed down there."""
    from reviewdeck.data import pushdown

    slides_read = pushdown.rows_read_by_slides(cfg)
    out: dict[str, tuple[str, Path | None, str | None]] = {}
    for name, source in cfg.deck.data.items():
        if source.from_:
            continue
        path = fmt = None
        if source.path:
            path = cfg.resolve(source.path)
            try:
                fmt = _format(source, path)
            except DataError:
                out[name] = ("pandas", path, None)
                continue
        engine = pushdown.engine_for(source, path, fmt)
        out[name] = ("pandas" if name in slides_read else engine, path, fmt)
    duck = any(e == "duckdb" for e, _, _ in out.values())
    return {n: (("join" if duck else "pandas") if e == "small" else e, p, f)
            for n, (e, p, f) in out.items()}


def _load_any(cfg: "LoadedConfig", name: str, source: Source, tables: dict[str, Any],
              diag: Diagnostics, span: tuple[dt.date, dt.date],
              needed: dict[str, set[str]] | None,
              engines: dict[str, tuple[str, Path | None, str | None]]) -> Any:
    """A Table read with pandas, or a PushedTable aggregated in place (see data/pushdown.py)."""
    from reviewdeck.data import pushdown

    if source.from_:
        base = tables[source.from_]
        if isinstance(base, pushdown.PushedTable) and name not in pushdown.rows_read_by_slides(cfg):
            return _with_rows(pushdown.pushed_view(cfg, name, source, base), cfg, name, source,
                              tables, diag, span, needed)
        return _load_one(cfg, name, source, tables, diag, span, needed)
    engine, path, fmt = engines[name]
    pushed = None
    if engine == "join":  # a small file beside a pushed-down one: DuckDB only if it is plain
        pushed = pushdown.pushed_companion(cfg, name, source, path, fmt)
    elif engine != "pandas":
        pushed = pushdown.pushed_root(cfg, name, source, engine, path, fmt)
    if pushed is not None:
        return _with_rows(pushed, cfg, name, source, tables, diag, span, needed)
    return _load_one(cfg, name, source, tables, diag, span, needed)


def _with_rows(table: Any, cfg: "LoadedConfig", name: str, source: Source,
               tables: dict[str, Any], diag: Diagnostics,
               span: tuple[dt.date, dt.date], needed: dict[str, set[str]] | None) -> Any:
    """Let a pushed table still give its rows to whatever asks (a batch split, say), read
    with pandas only then."""
    table.load_rows = lambda: _load_one(cfg, name, source.model_copy(update={"engine": "pandas"}),
                                        tables, diag, span, needed).frame
    return table


def _load_one(cfg: "LoadedConfig", name: str, source: Source, tables: dict[str, Any],
              diag: Diagnostics, span: tuple[dt.date, dt.date],
              needed: dict[str, set[str]] | None) -> Table:
    import pandas as pd

    from reviewdeck.data.coerce import coerce_column
    from reviewdeck.data.filters import mask

    loc = cfg.doc.location(("data", name))
    if source.from_:
        base = tables[source.from_]
        try:
            rows = mask(base.frame, source.where, f"source '{source.from_}'")
        except DataError as exc:
            raise DataError(exc.message, cfg.doc.location(("data", name, "where"))) from None
        text = "; ".join(t for t in (base.filter_text, describe(source.where)) if t)
        frame = base.frame[rows]
        date_col = source.date_column or base.date_column
        if date_col and date_col != base.date_column:
            where = cfg.doc.location(("data", name, "date_column"))
            if date_col not in frame.columns:
                raise DataError(f"{base.origin}: date column '{date_col}' is missing"
                                f"{closest(date_col, list(frame.columns))}", where)
            converted, bad = coerce_column(frame[date_col], "date")
            if bad is not None:
                raise DataError(f"{base.origin}, column '{date_col}': {str(bad[1])[:40]!r} "
                                "is not a date", where)
            frame = frame.assign(**{date_col: converted})
        if source.first_per:
            if source.first_per not in frame.columns:
                raise DataError(f"{base.origin} has no column '{source.first_per}'"
                                f"{closest(source.first_per, list(frame.columns))}",
                                cfg.doc.location(("data", name, "first_per")))
            if date_col:
                frame = frame.sort_values(date_col, kind="stable", na_position="last")
            frame = frame.drop_duplicates(source.first_per).sort_index()
        return Table(name, frame, base.origin, date_col, text, base.first_data_line,
                     base.columns_declared)
    if source.url:
        frame = _read_sql(name, source, *span, where=cfg.doc.location(("data", name, "url")))
        origin = f"SQL source '{name}'"
        first_line = 1
    else:
        path = cfg.resolve(source.path or "")
        try:
            cols = sorted(needed.get(name, set()) | set(source.columns)) if needed else None
            frame, first_line = _read_file(name, source, path, diag, cols)
        except DataError as exc:
            raise DataError(exc.message, exc.location and loc) from None
        origin = path.name
    frame = _drop_footer(frame, origin, diag)
    if frame.empty:
        raise DataError(f"{origin}: has a header but no data rows", loc)
    for column, kind in source.columns.items():
        if column not in frame.columns:
            raise DataError(
                f"{origin}: column '{column}' is missing"
                f"{closest(column, list(frame.columns))}; the file has: "
                f"{', '.join(map(str, frame.columns[:12]))}",
                cfg.doc.location(("data", name, "columns", column)))
        converted, bad = coerce_column(frame[column], kind)
        if bad is not None:
            pos, value = bad
            line = first_line + int(frame.index[pos])  # the index still counts dropped rows
            raise DataError(
                f"{origin}, row {line}, column '{column}': {str(value)[:40]!r} "
                f"is not a valid {kind}",
                cfg.doc.location(("data", name, "columns", column)))
        frame[column] = converted
    date_col = source.date_column
    if date_col:
        if date_col not in frame.columns:
            raise DataError(
                f"{origin}: date column '{date_col}' is missing"
                f"{closest(date_col, list(frame.columns))}",
                cfg.doc.location(("data", name, "date_column")))
        if not pd.api.types.is_datetime64_any_dtype(frame[date_col]):
            converted, bad = coerce_column(frame[date_col], "date")
            if bad is not None:
                pos, value = bad
                line = first_line + int(frame.index[pos])
                raise DataError(
                    f"{origin}, row {line}, column '{date_col}': "
                    f"{str(value)[:40]!r} is not a date", loc)
            frame[date_col] = converted
    if source.where:
        frame = frame[mask(frame, source.where, origin)]
    return Table(name, frame.reset_index(drop=True), origin, date_col, describe(source.where),
                 first_line, dict(source.columns))
