"""Table rows grow with their text instead of shrinking it, stay above the insight bar, and a
column keeps one alignment from top to bottom."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.util import Emu

from reviewdeck.deck import build

LONG = "抽查10条跟进记录，提问技巧合规率仅30%；访谈销售代表，反馈不知道如何引导客户说出痛点"

FACTS = f"""\
short:
  - {{problem: 线索少, cause: 投放少, note: 短}}
  - {{problem: 转化低, cause: 技巧弱, note: 一二三四五六七八九十一二三}}
long:
  - {{problem: 新客户线索转化率低, cause: 销售积极性不足, note: "{LONG}"}}
  - {{problem: 客单价下降, cause: 产品竞争力不足, note: 短}}
many:
""" + "".join(f"  - {{problem: 问题{i}, cause: 原因{i}, note: \"{LONG}\"}}\n" for i in range(7))

CONFIG = """\
title: 表格
period: 2025-11
date: 2025-12-01
facts: facts.yaml
data:
  orders: {path: orders.csv, date_column: order_date, columns: {amount: money}}
chapters:
  - title: 表格
    slides:
""" + "".join(f"""\
      - kind: table
        title: {key}
        from: {key}
        columns:
          - {{header: 问题, field: problem}}
          - {{header: 初步原因, field: cause}}
          - {{header: 说明, field: note, width: 1.5}}
        insight: 表格下方的结论。
""" for key in ("short", "long", "many"))

ORDERS = "order_date,amount\n2025-11-03,100\n"


def _tables(tmp_path: Path, write_config) -> dict[str, object]:
    cfg = write_config(tmp_path, CONFIG, {"facts.yaml": FACTS, "orders.csv": ORDERS})
    out = tmp_path / "t.pptx"
    build(cfg, output=str(out))
    prs = Presentation(str(out))
    tables = {}
    for slide in prs.slides:
        title = next((s.text_frame.text for s in slide.shapes
                      if s.has_text_frame and s.text_frame.text.split("：")[0]
                      in ("short", "long", "many")), None)
        shape = next((s for s in slide.shapes if s.has_table), None)
        if title and shape is not None:
            insight = next(s for s in slide.shapes if s.has_text_frame
                           and s.text_frame.text == "表格下方的结论。")
            tables[title.split("：")[0]] = (shape, insight)
    return tables


def test_rows_grow_with_their_text_and_stay_above_the_insight(tmp_path, write_config):
    tables = _tables(tmp_path, write_config)
    short, _ = tables["short"]
    long_, insight = tables["long"]
    short_rows = [r.height for r in short.table.rows]
    long_rows = [r.height for r in long_.table.rows]
    assert short_rows[1] == short_rows[2]  # one line each: the same height
    assert long_rows[1] > long_rows[2] > Emu(0)  # the wrapped row is taller
    assert long_.top + sum(long_rows) <= insight.top
    # the long text keeps its full size: it is not shrunk into a fixed row
    cell = long_.table.cell(1, 2)
    sizes = {r.font.size.pt for p in cell.text_frame.paragraphs for r in p.runs}
    assert sizes == {13.0}
    assert cell.text_frame.text == LONG


def test_a_table_that_needs_more_room_than_the_slide_has_still_fits(tmp_path, write_config):
    shape, insight = _tables(tmp_path, write_config)["many"]
    assert shape.top + sum(r.height for r in shape.table.rows) <= insight.top + Emu(10)


def test_a_column_keeps_one_alignment(tmp_path, write_config):
    shape, _ = _tables(tmp_path, write_config)["short"]
    aligns = [shape.table.cell(i, 2).text_frame.paragraphs[0].alignment for i in (1, 2)]
    assert aligns[0] == aligns[1]
