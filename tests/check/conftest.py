"""Decks made by hand with python-pptx, each with one known problem (or none), for the checker."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from tests.images import png_bytes

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = sorted((ROOT / "configs").glob("*.yaml"))


class DeckMaker:
    """A one-slide 16:9 deck to draw on; save() returns the path of the written .pptx."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = Inches(13.333), Inches(7.5)
        self.slide = self.prs.slides.add_slide(self.prs.slide_layouts[6])

    def text(self, left: float, top: float, width: float, height: float, text: str,
             size: float = 18, wrap: bool = True, autofit: Any = MSO_AUTO_SIZE.NONE,
             ea: str | None = "Noto Sans CJK SC", name: str | None = None,
             lang: str | None = None) -> Any:
        box = self.slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width),
                                            Inches(height))
        if name:
            box.name = name
        tf = box.text_frame
        tf.word_wrap = wrap
        tf.auto_size = autofit
        run = tf.paragraphs[0].add_run()
        run.text = text
        run.font.size = Pt(size)
        rpr = run._r.get_or_add_rPr()
        if lang:
            rpr.set("lang", lang)
        if ea:
            from lxml import etree
            from pptx.oxml.ns import qn

            etree.SubElement(rpr, qn("a:ea"), typeface=ea)
        return box

    def table(self, rows: int, cols: int, left: float, top: float, width: float,
              row_h: float, texts: dict[tuple[int, int], str] | None = None,
              size: float = 14, label: str = "r") -> Any:
        """A rows x cols table, each row row_h inches tall; cell (r, c) says '{label}{r}c{c}'
        unless texts gives it other text. Every run is `size` pt in Noto Sans CJK SC."""
        frame = self.slide.shapes.add_table(rows, cols, Inches(left), Inches(top),
                                            Inches(width), Inches(row_h * rows))
        frame.name = "Table"
        table = frame.table
        for r in range(rows):
            table.rows[r].height = Inches(row_h)
            for c in range(cols):
                cell = table.cell(r, c)
                cell.text = (texts or {}).get((r, c), f"{label}{r}c{c}")
                for run in cell.text_frame.paragraphs[0].runs:
                    run.font.size = Pt(size)
                    from lxml import etree
                    from pptx.oxml.ns import qn

                    etree.SubElement(run._r.get_or_add_rPr(), qn("a:ea"),
                                     typeface="Noto Sans CJK SC")
        return frame

    def picture(self, left: float, top: float, width: float, px: tuple[int, int],
                descr: str | None = "A grey square") -> Any:
        pic = self.slide.shapes.add_picture(io.BytesIO(png_bytes(*px)), Inches(left),
                                            Inches(top), width=Inches(width))
        pic._element.nvPicPr.cNvPr.set("descr", descr or "")
        return pic

    def chart(self, left: float = 1, top: float = 1, descr: str | None = "Sales by month") -> Any:
        data = CategoryChartData()
        data.categories = ["Oct", "Nov"]
        data.add_series("Sales", (1.0, 2.0))
        frame = self.slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(left),
                                            Inches(top), Inches(5), Inches(3), data)
        if descr:
            frame._element.nvGraphicFramePr.cNvPr.set("descr", descr)
        return frame

    def save(self, name: str = "deck.pptx",
             edit: Callable[[str, bytes], bytes | None] | None = None) -> Path:
        """Write the deck; edit(part name, bytes) may rewrite (or drop, with None) any part."""
        raw = io.BytesIO()
        self.prs.save(raw)
        path = self.folder / name
        with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, \
                zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.namelist():
                body: bytes | None = src.read(item)
                if item.startswith("ppt/charts/chart"):  # python-pptx's negative axis ids
                    body = re.sub(rb'val="-(\d+)"', lambda m: b'val="%d"' % (
                        int(m.group(1)) & 0x7FFFFFFF), body or b"")
                if edit is not None:
                    body = edit(item, body or b"")
                if body is not None:
                    dst.writestr(item, body)
        return path


@pytest.fixture
def maker(tmp_path: Path) -> DeckMaker:
    return DeckMaker(tmp_path)


@pytest.fixture(scope="session")
def config_decks(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every config in configs/ built once per test run, as the user builds it: name ->
    BuildResult. Shared through the pytest config with tests/test_configs_render.py."""
    store = getattr(request.config, "_reviewdeck_config_decks", None)
    if store is None:
        from reviewdeck.deck import build

        out = tmp_path_factory.mktemp("config_decks")
        store = {config.stem: build(config, output=str(out / f"{config.stem}.pptx"))
                 for config in CONFIGS}
        request.config._reviewdeck_config_decks = store  # type: ignore[attr-defined]
    return store
