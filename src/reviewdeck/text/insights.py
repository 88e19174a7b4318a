"""Auto-insight sentences built from metrics: best and worst category, biggest gap, biggest mover."""

from __future__ import annotations

from typing import Any

from reviewdeck.metrics.values import Series, Value
from reviewdeck.text.format import LANGUAGE, format_value, pct, signed_pct


def _en() -> bool:
    return LANGUAGE.get() == "en"


def best_worst(series: Series, share: Series | None = None) -> str:
    """'华东最高（68万元，占比53%），华南最低（22万元，占比17%）' from a series and its shares."""
    if not isinstance(series, Series) or not len(series):
        return ""
    top, bottom = series.top, series.bottom

    def part(v: Value) -> str:
        text = format_value(v)
        if share is not None:
            s = share[v.category or ""]
            text += f", {pct(s)} share" if _en() else f"，占比{pct(s)}"
        return text

    if _en():
        return (f"{top.category} leads ({part(top)}); {bottom.category} trails "
                f"({part(bottom)})")
    return f"{top.category}最高（{part(top)}），{bottom.category}最低（{part(bottom)}）"


def biggest_gap(*achievements: Value) -> str:
    """Name the metric furthest below its target, with its rate and gap."""
    scored = [a for a in achievements if isinstance(a, Value) and "gap_rate" in a.extras
              and a.extras["gap_rate"].value is not None]
    if not scored:
        return ""
    worst = min(scored, key=lambda a: a.extras["gap_rate"].value or 0.0)
    gap = worst.extras["gap"]
    rate = worst.extras["gap_rate"]
    name = worst.label or worst.name
    if _en():
        return f"The widest gap is {name}: {signed_pct(rate)} vs target ({format_value(gap)})."
    return f"差距最大的是{name}：较目标{signed_pct(rate)}（{format_value(gap)}）。"


def biggest_mover(changes: Series) -> str:
    """The category whose change is largest in size, e.g. '手环下降12%'."""
    if not isinstance(changes, Series):
        return ""
    present = [(c, v) for c, v in changes.items if v is not None]
    if not present:
        return ""
    cat, v = max(present, key=lambda cv: abs(cv[1]))
    if _en():
        return f"{cat} moved most ({signed_pct(v)})"
    return f"{cat}变化最大（{signed_pct(v)}）"


def items_text(series: Series, sep: str | None = None) -> str:
    """'线上 18%、经销商 22%、直销 30%' for a short series."""
    if not isinstance(series, Series):
        return ""
    sep = sep or (", " if _en() else "、")
    return sep.join(f"{v.category} {format_value(v)}" for v in series)


GLOBALS: dict[str, Any] = {
    "best_worst": best_worst, "biggest_gap": biggest_gap, "biggest_mover": biggest_mover,
    "items_text": items_text,
}
