"""A build's planned aggregate queries, run in a background thread.

Once data/pushdown.py has planned what every pushed-down source must answer, the queries are
known; DuckDB (or the database) works outside Python's lock, so while they run the main thread
can do the Python work that does not need their answers (importing the renderers). On a
two-core machine this hides most of the query time.

Purely an optimisation: every query is the one a metric would run when it first asks, with the
same caching, so the figures and the number of queries are unchanged. A query that fails here
is forgotten and runs again when a metric asks, raising its error there, with the metric named.
Nothing touches the database connection while the thread runs: every entry point waits for it
(relations._duck() and the Warehouse call wait()).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

_thread: threading.Thread | None = None


def start(jobs: list[Callable[[], Any]]) -> None:
    """Run jobs one after another in a background thread (after any earlier batch)."""
    global _thread
    wait()
    if not jobs:
        return

    def run() -> None:
        for job in jobs:
            try:
                job()
            except Exception:  # noqa: BLE001, S112 - the metric that needs it runs it again
                continue

    _thread = threading.Thread(target=run, name="reviewdeck-queries", daemon=True)
    _thread.start()


def running() -> bool:
    return _thread is not None and _thread.is_alive()


def wait() -> None:
    """Block until the background queries are done (a no-op inside that thread itself)."""
    global _thread
    thread = _thread
    if thread is None or thread is threading.current_thread():
        return
    thread.join()
    _thread = None
