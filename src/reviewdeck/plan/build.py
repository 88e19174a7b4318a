"""Turn a validated config and computed metrics into the DeckPlan, slide by slide."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from reviewdeck.config import models as m
from reviewdeck.config.load import LoadedConfig
from reviewdeck.data.sources import Table
from reviewdeck.errors import Diagnostics, ReviewDeckError, TemplateError
from reviewdeck.metrics.engine import MetricEngine
from reviewdeck.metrics.period import Period
from reviewdeck.metrics.values import Series, Value
from reviewdeck.plan.model import (
    CardSpec, ChartSeries, ChartSpec, DeckPlan, SlideSpec, TableSpec,
)
from reviewdeck.text.format import LANGUAGE, format_number, format_value, pct, signed
from reviewdeck.text.templates import TextRenderer

CN_NUM = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 20 -> 二十 (chapter numbers)."""
    if n <= 10:
        return CN_NUM[n]
    tens, ones = divmod(n, 10)
    return (CN_NUM[tens] if tens > 1 else "") + "十" + (CN_NUM[ones] if ones else "")


def chapter_label(n: int, language: str) -> str:
    return f"Chapter {n}" if language == "en" else f"第{chinese_number(n)}章"


def cover_day(setting: dt.date | str, period: Period) -> dt.date:
    """The deck's date: given, today, or (auto) the first weekday after the period ends."""
    if isinstance(setting, dt.date):
        return setting
    if setting == "today":
        return dt.date.today()
    day = period.current.end
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def cover_date(setting: dt.date | str, period: Period, language: str) -> str:
    """The cover date written out (2025年12月1日 / December 1, 2025)."""
    day = cover_day(setting, period)
    return day.strftime("%B %-d, %Y") if language == "en" else f"{day.year}年{day.month}月{day.day}日"


@dataclass
class PeriodView:
    """What templates see as `period`: its label, and its previous / last-year labels."""

    period: Period
    language: str

    @property
    def label(self) -> str:
        return self.period.label(self.language)

    @property
    def previous(self) -> str:
        return self.period.window("previous").label(self.language)

    @property
    def last_year(self) -> str:
        return self.period.window("last_year").label(self.language)

    @property
    def next(self) -> str:
        """The next period's label (下月 / next quarter's targets)."""
        return self.period.window("next").label(self.language)

    @property
    def year(self) -> int:
        return self.period.year

    @property
    def month(self) -> int:
        return self.period.current.start.month

    def __str__(self) -> str:
        return self.label


def display_names(results: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """The results with each series' categories under their display names (华东 -> East China)."""
    if not names:
        return results
    return {key: replace(r, items=[(names.get(c, c), v) for c, v in r.items])
            if isinstance(r, Series) else r for key, r in results.items()}


class Planner:
    """Builds slide specs; collects every template problem before failing."""

    def __init__(self, cfg: LoadedConfig, engine: MetricEngine, tables: dict[str, Table],
                 facts: dict[str, Any], diag: Diagnostics) -> None:
        self.cfg = cfg
        self.deck = cfg.deck
        self.engine = engine
        self.tables = tables
        self.facts = facts
        self.diag = diag
        self.language = self.deck.language
        self.results = display_names(engine.all(), self.deck.display_names)
        variables: dict[str, Any] = dict(self.results)
        variables.update(period=PeriodView(engine.period, self.language), facts=facts,
                         presenter=self.deck.presenter or "", language=self.language)
        self.text = TextRenderer(variables)
        self.problems: list[ReviewDeckError] = []
        self.deck_day = cover_day(self.deck.date, engine.period)
        self._used: list[str] = []

    # ------------------------------------------------------------------ text
    def t(self, value: str | None, path: tuple[Any, ...], extra: dict[str, Any] | None = None) -> str:
        """Render one template field; problems are collected with their config location."""
        try:
            out, used = self.text.render(value, self.cfg.doc.location(path), extra)
        except TemplateError as exc:
            self.problems.append(exc)
            return ""
        for name in used:
            if name not in self._used:
                self._used.append(name)
        return out

    def _notes(self, path: tuple[Any, ...], extra: str | None) -> list[str]:
        """Speaker notes: where each figure on the slide came from, then the user's own notes."""
        lines = []
        loc = self.cfg.doc.location(path)
        for name in self._used:
            result = self.results.get(name)
            if isinstance(result, Value):
                lines.append(f"{result.label or name} = {format_value(result)}  ← {result.source}")
            elif isinstance(result, Series):
                shown = "、".join(f"{v.category} {format_value(v)}" for v in list(result)[:8])
                lines.append(f"{result.label or name}: {shown}  ← {result.source}")
            elif name == "facts" and self.deck.facts:
                lines.append(f"qualitative items ← {self.deck.facts}")
            elif name.startswith("source:") and name[7:] in self.tables:
                lines.append(f"table rows ← {self.tables[name[7:]].describe()}")
        self._used = []
        head = "Figures on this slide:" if self.language == "en" else "本页数据来源："
        out = [head] + [f"• {line}" for line in lines] if lines else []
        if extra:
            out.append(extra)
        out.append(f"[{loc}]")
        return out

    def _facts_items(self, key: str, path: tuple[Any, ...]) -> list[dict[str, Any]]:
        node: Any = self.facts
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                self.problems.append(TemplateError(
                    f"the facts file has no '{key}'", self.cfg.doc.location(path + ("from",))))
                return []
            node = node[part]
        if "facts" not in self._used:
            self._used.append("facts")
        return node if isinstance(node, list) else [node]

    # ------------------------------------------------------------------ slides
    def plan(self) -> DeckPlan:
        d = self.deck
        period = self.engine.period
        slides: list[SlideSpec] = []
        title = self.t(d.title, ("title",))
        subtitle = self.t(d.subtitle, ("subtitle",))
        slides.append(SlideSpec(kind="cover", title=title, subtitle=subtitle,
                                presenter=d.presenter or "",
                                date=cover_date(d.date, period, self.language),
                                origin=str(self.cfg.doc.location(("title",)))))
        chapter_titles = [self.t(ch.title, ("chapters", i, "title"))
                          for i, ch in enumerate(d.chapters)]
        per = 4
        groups = [list(range(i, min(i + per, len(d.chapters))))
                  for i in range(0, len(d.chapters), per)]
        for group in groups:
            rng = f"{group[0] + 1:02d}–{group[-1] + 1:02d}" if len(groups) > 1 else ""
            slides.append(SlideSpec(
                kind="contents", title="CONTENTS", subtitle=rng,
                entries=[{"number": f"{i + 1:02d}", "title": chapter_titles[i]} for i in group]))
        page = 0
        for ci, chapter in enumerate(d.chapters):
            slides.append(SlideSpec(kind="chapter", title=chapter_titles[ci],
                                    number=f"{ci + 1:02d}",
                                    chapter=chapter_label(ci + 1, self.language),
                                    origin=str(self.cfg.doc.location(("chapters", ci)))))
            for si, slide in enumerate(chapter.slides):
                path = ("chapters", ci, "slides", si)
                specs = self._slides(slide, path)
                notes = self._notes(path, self.t(slide.notes, path + ("notes",)) or None)
                for spec in specs:
                    page += 1
                    spec.page = page
                    spec.chapter = chapter_titles[ci]
                    spec.notes = notes
                    spec.origin = str(self.cfg.doc.location(path))
                    slides.append(spec)
        slides.append(SlideSpec(kind="closing", title=self.t(d.closing.title, ("closing", "title")),
                                subtitle=self.t(d.closing.subtitle, ("closing", "subtitle"))))
        if self.problems:
            from reviewdeck.errors import ConfigError

            raise ConfigError(self.problems)
        return DeckPlan(title=title, subtitle=subtitle, period=period.label(self.language),
                        language=self.language, theme=d.theme, layout=d.layout, slides=slides,
                        warnings=list(self.diag.warnings))

    def _slides(self, s: Any, path: tuple[Any, ...]) -> list[SlideSpec]:
        """The slide specs of one configured slide (a long table continues on more slides)."""
        from reviewdeck.plan import extra

        spec = self._slide(s, path)
        if isinstance(s, m.TableSlide):
            return extra.table_slides(self, s, path, spec)
        if isinstance(s, m.TimelineSlide):
            extra.timeline(self, s, path, spec)
        elif isinstance(s, m.FiveWhySlide):
            extra.five_why(self, s, path, spec)
        elif isinstance(s, m.FishboneSlide):
            extra.fishbone(self, s, path, spec)
        return [spec]

    def _slide(self, s: Any, path: tuple[Any, ...]) -> SlideSpec:
        spec = SlideSpec(kind=s.kind, title=self.t(s.title, path + ("title",)),
                         subtitle=self.t(s.subtitle, path + ("subtitle",)))
        if isinstance(s, m.CardsSlide):
            spec.cards = self._cards(s, path, "cards")
        elif isinstance(s, m.PointsSlide):
            spec.points = self._cards(s, path, "points")
        elif isinstance(s, m.ChartSlide):
            spec.chart = self._chart(s.chart, path + ("chart",))
            spec.cards = [self._card(c, path + ("side", i)) for i, c in enumerate(s.side or [])]
            spec.insight = self.t(s.insight, path + ("insight",))
        elif isinstance(s, m.KpiTableSlide):
            spec.table = self._kpi(s, path)
            spec.insight = self.t(s.insight, path + ("insight",))
        elif isinstance(s, m.SwotSlide):
            spec.quadrants = self._swot(s, path)
        elif isinstance(s, m.MatrixSlide):
            spec.table = self._matrix(s, path)
            spec.insight = self.t(s.insight, path + ("insight",))
        return spec

    def _card(self, c: m.Card, path: tuple[Any, ...], extra: dict[str, Any] | None = None,
              insight: str | None = None) -> CardSpec:
        return CardSpec(heading=self.t(c.heading, path + ("heading",), extra),
                        value=self.t(c.value, path + ("value",), extra),
                        body=self.t(c.body, path + ("body",), extra),
                        insight=self.t(c.insight or insight, path + ("insight",), extra))

    def _cards(self, s: Any, path: tuple[Any, ...], key: str) -> list[CardSpec]:
        explicit = getattr(s, key)
        if explicit is not None:
            if key == "points":
                return [CardSpec(heading=self.t(p.heading, path + (key, i, "heading")),
                                 body=self.t(p.body, path + (key, i, "body")))
                        for i, p in enumerate(explicit)]
            return [self._card(c, path + (key, i)) for i, c in enumerate(explicit)]
        out = []
        for item in self._facts_items(s.from_, path):
            if not isinstance(item, dict) or "heading" not in item:
                self.problems.append(TemplateError(
                    f"items under '{s.from_}' in the facts file need 'heading' and 'body'",
                    self.cfg.doc.location(path + ("from",))))
                break
            extra = {"item": item}
            out.append(CardSpec(
                heading=str(item.get("heading", "")),
                body=self.t(str(item.get("body", "")), path + ("from",), extra),
                insight=self.t(item.get("insight") or s.item_insight, path + ("item_insight",),
                               extra)))
        return out

    # ------------------------------------------------------------------ charts / tables
    def _metric(self, name: str, path: tuple[Any, ...]) -> Any:
        if name not in self.results:
            from reviewdeck.config.models import closest

            self.problems.append(TemplateError(
                f"unknown metric '{name}'{closest(name, list(self.results))}",
                self.cfg.doc.location(path)))
            return None
        if name not in self._used:
            self._used.append(name)
        return self.results[name]

    def _chart(self, c: m.ChartConfig, path: tuple[Any, ...]) -> ChartSpec | None:
        """Resolve the chart's metrics and templates; charts.spec arranges the figures."""
        from reviewdeck.charts.spec import ChartDataError, ChartInputs, make_spec

        keyed = ([(c.metric, ("metric",))] if c.metric else
                 [(name, ("series", i)) for i, name in enumerate(c.series or [])])
        mains: list[Series] = []
        for name, key in keyed:
            result = self._metric(name, path + key)
            if result is None:
                return None
            if not isinstance(result, Series):
                self.problems.append(TemplateError(
                    f"a chart needs a series metric (one with 'by:', 'by_month:' or a funnel); "
                    f"'{name}' is a single value", self.cfg.doc.location(path + key)))
                return None
            if not result.categories:
                self.diag.warn(f"chart of '{name}': no data in this period, so the slide shows "
                               "no chart", self.cfg.doc.location(path + key))
                return None
            mains.append(result)
        if c.metric:
            names = [self.t(c.series_name, path + ("series_name",)) or mains[0].label]
        else:
            given = c.series_names or []
            names = [self.t(given[i], path + ("series_names", i)) if i < len(given) else s.label
                     for i, s in enumerate(mains)]

        def extra(key: str, kinds: tuple[type, ...]) -> Any:
            name = getattr(c, key)
            if name is None:
                return None
            result = self._metric(name, path + (key,))
            if result is not None and not isinstance(result, kinds):
                shape = "series" if isinstance(result, Series) else "single-value"
                self.problems.append(TemplateError(
                    f"'{key}' of a {c.type} chart cannot be the {shape} metric '{name}'",
                    self.cfg.doc.location(path + (key,))))
                return None
            return result

        compare, line = extra("compare", (Series,)), extra("line", (Series,))
        target = extra("target", (Series, Value))
        start, end = extra("start", (Value,)), extra("end", (Value,))
        en = self.language == "en"
        inputs = ChartInputs(
            type=c.type, series=mains, names=names, language=self.language,
            title=self.t(c.title, path + ("title",)), note=self.t(c.note, path + ("note",)),
            compare=compare,
            compare_name=(self.t(c.compare_name, path + ("compare_name",))
                          or (compare.label if compare else "")),
            line=line, line_name=line.label if line else "", target=target,
            start=start, end=end, start_label=self.t(c.start_label, path + ("start_label",)),
            end_label=self.t(c.end_label, path + ("end_label",)),
            center=self.t(c.center, path + ("center",)),
            center_caption=self.t(c.center_caption, path + ("center_caption",)),
            benchmark=c.benchmark,
            benchmark_label=(self.t(c.benchmark_label, path + ("benchmark_label",))
                             or ("Benchmark" if en else "行业标杆")),
            benchmark_as=c.benchmark_as, highlight=c.highlight, labels=c.labels, sort=c.sort,
            renderer=c.renderer or self.deck.renderer)
        try:
            return make_spec(inputs)
        except ChartDataError as exc:
            self.problems.append(TemplateError(str(exc), self.cfg.doc.location(path + (exc.key,))))
            return None

    def _kpi(self, s: m.KpiTableSlide, path: tuple[Any, ...]) -> TableSpec:
        from reviewdeck.text.format import points

        en = self.language == "en"
        columns = (["Metric", "Target", "Actual", "Achievement", "Gap", "Comment"] if en else
                   ["指标", "目标值", "实际值", "达成率", "差距", "说明"])
        if s.note_header:
            columns[-1] = self.t(s.note_header, path + ("note_header",))
        grouped = any(row.category for row in s.rows)
        rows, states = [], []
        last_group = None
        for i, row in enumerate(s.rows):
            rp = path + ("rows", i)
            actual = self._metric(row.actual, rp + ("actual",))
            target = self._metric(row.target, rp + ("target",))
            if not isinstance(actual, Value) or not isinstance(target, Value):
                continue
            ach = self.engine.compare(row.actual, row.target)
            good = None
            if actual.value is not None and target.value is not None:
                good = (actual.value <= target.value if actual.direction == "lower"
                        else actual.value >= target.value)
            state = "" if good is None else ("good" if good else "bad")
            gap = ach.extras["gap"]  # two rates differ in points, not in per cent
            rows.append([self.t(row.label, rp + ("label",)), format_value(target),
                         format_value(actual), format_value(ach),
                         points(gap) if gap.unit == "rate" else signed(gap),
                         self.t(row.note, rp + ("note",))])
            states.append(["", "", state, state, state, ""])
            if grouped:  # a category is written once for a run of rows that share it
                group = self.t(row.category, rp + ("category",))
                rows[-1].insert(0, group if group != last_group else "")
                states[-1].insert(0, "")
                last_group = group
        if not grouped:
            return TableSpec(columns=columns, rows=rows, states=states)
        columns.insert(0, "Category" if en else "指标类别")
        return TableSpec(columns=columns, rows=rows, states=states,
                         widths=[1.5, 2.0, 1.4, 1.4, 1.2, 1.5, 3.2])

    def _swot(self, s: m.SwotSlide, path: tuple[Any, ...]) -> dict[str, list[str]]:
        data: dict[str, Any] = {}
        if s.from_:
            items = self._facts_items(s.from_, path)
            data = items[0] if items and isinstance(items[0], dict) else {}
        out = {}
        for key in ("strengths", "weaknesses", "opportunities", "threats"):
            values = getattr(s, key) or data.get(key) or []
            out[key] = [self.t(str(v), path + (key,)) for v in values]
        return out

    def _matrix(self, s: m.MatrixSlide, path: tuple[Any, ...]) -> TableSpec:
        table = self.tables.get(s.source)
        if table is None:
            from reviewdeck.config.models import closest

            self.problems.append(TemplateError(
                f"unknown source '{s.source}'{closest(s.source, list(self.tables))}",
                self.cfg.doc.location(path + ("source",))))
            return TableSpec(columns=[], rows=[])
        frame = table.frame
        missing = [c for c in [s.row, *s.columns.values()] if c not in frame.columns]
        if missing:
            self.problems.append(TemplateError(
                f"{table.origin} has no column '{missing[0]}'",
                self.cfg.doc.location(path + ("columns",))))
            return TableSpec(columns=[], rows=[])
        rows, highlight = [], []
        for i, (_, rec) in enumerate(frame.iterrows()):
            cells = [str(rec[s.row])]
            for col in s.columns.values():
                kind = table.columns_declared.get(col, "text")
                value = rec[col]
                cells.append(format_number(float(value), kind if kind != "number" else "number")
                             if kind in ("rate", "money", "number") else str(value))
            rows.append(cells)
            if s.highlight_row and str(rec[s.row]) == s.highlight_row:
                highlight.append(i)
        self._used.append(f"source:{s.source}")
        return TableSpec(columns=[s.row_header or s.row] + list(s.columns), rows=rows,
                         highlight_rows=highlight)


def build_plan(cfg: LoadedConfig, engine: MetricEngine, tables: dict[str, Table],
               facts: dict[str, Any], diag: Diagnostics) -> DeckPlan:
    token = LANGUAGE.set(cfg.deck.language)
    try:
        return Planner(cfg, engine, tables, facts, diag).plan()
    finally:
        LANGUAGE.reset(token)
