#!/usr/bin/env python3
"""The monthly deck built by reviewdeck against the hand-written script, on the same files.

    python benchmarks/run.py --make-data        # once: 1M and 10M rows, CSV + Parquet
    python benchmarks/run.py [-n 7] [--only csv_1m,parquet_1m]

Each case is a whole process (interpreter start to exit), run n times, interleaved with the
other cases so a busy machine slows them alike; the table gives the median wall time, the median
CPU time (user + system, less sensitive to other load), the peak resident memory of the process
(wait4's ru_maxrss), and each time's ratio to the hand script's. Results: benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"
SHARED = REPO.parent / "shared" / "bench"
PERIOD = "2025-11"


def make_data() -> None:
    DATA.mkdir(exist_ok=True)
    for rows, tag, parquet in ((1_000_000, "1m", True), (10_000_000, "10m", True)):
        if (DATA / f"orders_{tag}.parquet").exists():
            continue
        cmd = [sys.executable, str(SHARED / "make_orders.py"), "--rows", str(rows),
               "--out", str(DATA / f"orders_{tag}.csv"), "--targets",
               str(DATA / f"targets_{tag}.csv")]
        if parquet:
            cmd += ["--parquet", str(DATA / f"orders_{tag}.parquet")]
        subprocess.run(cmd, check=True)


def variant(name: str, orders: str, targets: str, engine: str = "auto") -> Path:
    """monthly_1m.yaml over other files (written beside the data, so paths lose 'data/')."""
    text = (HERE / "monthly_1m.yaml").read_text(encoding="utf-8")
    text = text.replace("path: data/orders_1m.csv", f"path: {orders}")
    text = text.replace("path: data/targets_1m.csv", f"path: {targets}")
    text = text.replace("output: data/", "output: ")
    if engine != "auto":
        text = text.replace(f"path: {orders}\n", f"path: {orders}\n    engine: {engine}\n")
    path = DATA / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def batch_variant(name: str, each: str, values: list[str] | None) -> Path:
    """The 1M-row Parquet config with a batch block: one deck per value of each."""
    base = variant("parquet_1m", "orders_1m.parquet", "targets_1m.csv").read_text(
        encoding="utf-8")
    listed = f"\n  values: [{', '.join(values)}]" if values else ""
    text = base + (f"\nbatch:\n  each: {each}{listed}\n"
                   f"  output: {name}/{{value}}.pptx\n")
    path = DATA / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def first_customers(n: int) -> list[str]:
    """n customer ids of the 1M-row file (the 100-deck batch slices by customer).

    Asked in a child process: a child forked from this one counts this process's memory in
    its peak until it execs, so this script keeps itself small (no DuckDB imported here)."""
    code = ("import duckdb, sys\n"
            "rows = duckdb.sql('SELECT DISTINCT customer_id FROM read_parquet(?) ORDER BY 1 "
            "LIMIT ?', params=[sys.argv[1], int(sys.argv[2])]).fetchall()\n"
            "print('\\n'.join(r[0] for r in rows))")
    out = subprocess.run([sys.executable, "-c", code, str(DATA / "orders_1m.parquet"), str(n)],
                         capture_output=True, text=True, check=True).stdout
    return out.split()


def cases() -> dict[str, list[str]]:
    py = sys.executable
    deck = [py, "-m", "reviewdeck", "-q", "build"]
    return {
        "naive_csv_1m": [py, str(SHARED / "naive_monthly.py"), "--csv",
                         str(DATA / "orders_1m.csv"), "--targets", str(DATA / "targets_1m.csv"),
                         "--month", PERIOD, "--out", str(DATA / "naive_1m.pptx")],
        "csv_1m": deck + [str(HERE / "monthly_1m.yaml"), "-o", str(DATA / "csv_1m.pptx")],
        "csv_1m_pandas": deck + [str(variant("csv_1m_pandas", "orders_1m.csv", "targets_1m.csv",
                                             "pandas")), "-o", str(DATA / "csv_1m_pandas.pptx")],
        "parquet_1m": deck + [str(variant("parquet_1m", "orders_1m.parquet", "targets_1m.csv")),
                              "-o", str(DATA / "parquet_1m.pptx")],
        "parquet_10m": deck + [str(variant("parquet_10m", "orders_10m.parquet",
                                           "targets_10m.csv")),
                               "-o", str(DATA / "parquet_10m.pptx")],
        # one deck per sales rep (40), and 100 decks (one per customer): -q, so no bar
        "batch_rep_40": deck + [str(batch_variant("batch_rep_40", "rep", None))],
        "batch_100": deck + [str(batch_variant("batch_100", "customer_id",
                                               first_customers(100)))],
        "help": [py, "-m", "reviewdeck", "--help"],
    }


def run_once(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS in MiB of one whole process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    # An installed package has its bytecode compiled (pip does it); a machine that sets
    # PYTHONDONTWRITEBYTECODE would instead recompile every reviewdeck module on every run
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=7, help="runs of each case (median reported)")
    ap.add_argument("--only", help="comma-separated case names")
    ap.add_argument("--make-data", action="store_true")
    a = ap.parse_args()
    if a.make_data:
        make_data()
        return
    todo = cases()
    if a.only:
        todo = {k: v for k, v in todo.items() if k in a.only.split(",") or k == "naive_csv_1m"}
    runs: dict[str, list[tuple[float, float, float]]] = {k: [] for k in todo}
    for k, cmd in todo.items():  # warm the page cache and font caches once, untimed
        run_once(cmd)
    for i in range(a.n):
        for k, cmd in todo.items():
            runs[k].append(run_once(cmd))
        print(f"round {i + 1}/{a.n} done", file=sys.stderr)
    base = statistics.median(w for w, _, _ in runs["naive_csv_1m"])
    base_cpu = statistics.median(c for _, c, _ in runs["naive_csv_1m"])
    print(f"{'case':<16}{'wall s':>8}{'× hand':>8}{'cpu s':>8}{'× hand':>8}{'peak MiB':>10}"
          f"{'wall min–max':>16}")
    for k, rs in runs.items():
        wall = statistics.median(r[0] for r in rs)
        cpu = statistics.median(r[1] for r in rs)
        rss = max(r[2] for r in rs)
        lo, hi = min(r[0] for r in rs), max(r[0] for r in rs)
        print(f"{k:<16}{wall:8.2f}{wall / base:8.2f}{cpu:8.2f}{cpu / base_cpu:8.2f}"
              f"{rss:10.0f}{lo:8.2f}–{hi:.2f}")


if __name__ == "__main__":
    main()
