"""The committed sample inputs must produce the figures quoted in 张伟's November 2025 review.

Everything here is recomputed with plain pandas straight from the files in sample_inputs/,
independently of the generator and of the reviewdeck engine.
"""
import calendar
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

SAMPLE = Path(__file__).resolve().parents[2] / "sample_inputs"
DATA_FILES = ["orders.csv", "customers.csv", "leads.csv", "targets.csv", "competitors.csv",
              "qualitative.yaml"]
ZW = "张伟"
ORDER_MONTHS = ["2024-09", "2024-10", "2024-11"] + [f"2025-{m:02d}" for m in range(1, 12)]
STAGES = ["线索", "初步意向", "深度沟通", "成交"]


def pct(a, b):
    return round(100 * a / b)


@pytest.fixture(scope="module")
def orders():
    df = pd.read_csv(SAMPLE / "orders.csv", dtype={"amount": str})
    df["amount_text"] = df["amount"]
    df["amount"] = df["amount"].astype(float)
    df["month"] = df["order_date"].str[:7]
    return df


@pytest.fixture(scope="module")
def zw(orders):
    return orders[orders["rep"] == ZW]


@pytest.fixture(scope="module")
def nov(zw):
    return zw[zw["month"] == "2025-11"]


@pytest.fixture(scope="module")
def oct_(zw):
    return zw[zw["month"] == "2025-10"]


@pytest.fixture(scope="module")
def leads():
    df = pd.read_csv(SAMPLE / "leads.csv")
    df["month"] = df["created_date"].str[:7]
    df["won"] = df["stage_reached"] == "成交"
    return df


@pytest.fixture(scope="module")
def targets():
    return pd.read_csv(SAMPLE / "targets.csv", keep_default_na=False)


def test_files_exist_utf8_without_bom_with_exact_columns():
    expected = {
        "orders.csv": "order_id,order_date,customer_id,customer_type,rep,region,product_line,"
                      "channel,amount,is_promo",
        "leads.csv": "lead_id,created_date,rep,source_channel,region,priority,stage_reached,"
                     "first_response_hours,follow_up_days",
        "targets.csv": "month,metric,rep,target",
        "competitors.csv": "brand,market_share,latest_move,price_position,channel_model,innovation",
        "customers.csv": "customer_id,customer_name,rep,region",
    }
    for name, header in expected.items():
        raw = (SAMPLE / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), name
        assert b"\r\n" not in raw, name
        assert raw.decode("utf-8").split("\n", 1)[0] == header, name
    assert (SAMPLE / "orders.csv").stat().st_size < 10 * 1024 * 1024


def test_orders_are_raw_records_with_valid_values(orders):
    assert orders["order_id"].is_unique
    assert orders["order_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert orders["amount_text"].str.fullmatch(r"\d+\.\d{2}").all()
    assert (orders["amount"] > 0).all()
    assert set(orders["is_promo"]) == {0, 1}
    assert set(orders["customer_type"]) == {"新客", "老客"}
    assert set(orders["region"]) == {"华东", "华南", "华北", "华中", "西南"}
    assert set(orders["product_line"]) == {"智能手表", "手环", "耳机", "配件"}
    assert set(orders["channel"]) == {"线上", "经销商", "直销"}
    reps = set(orders["rep"])
    assert len(reps) == 5 and ZW in reps
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", r) for r in reps)
    # every day of every covered month has orders, and nothing outside them
    assert sorted(orders["month"].unique()) == ORDER_MONTHS
    for m in ORDER_MONTHS:
        y, mm = map(int, m.split("-"))
        days = orders.loc[orders["month"] == m, "order_date"].nunique()
        assert days == calendar.monthrange(y, mm)[1], m


def test_calendar_shape_weekends_and_double_11(orders):
    daily = orders.groupby("order_date").size()
    non_nov = ~daily.index.str.contains("-11-")
    weekend = daily.index.map(lambda d: dt.date.fromisoformat(d).weekday() >= 5).to_numpy(bool)
    assert daily[non_nov & weekend].mean() < daily[non_nov & ~weekend].mean()
    nov_daily = daily[daily.index.str.startswith("2025-11")]
    assert nov_daily.idxmax() == "2025-11-11"
    assert nov_daily.max() > 2.5 * nov_daily.median()


def test_sales_headline(zw, nov, oct_):
    s_nov, s_oct = nov["amount"].sum(), oct_["amount"].sum()
    assert 1_275_000 <= s_nov < 1_285_000 and round(s_nov / 1e4) == 128
    assert abs(s_oct - 1_113_000) < 5_000
    assert pct(s_nov - s_oct, s_oct) == 15
    s_ly = zw.loc[zw["month"] == "2024-11", "amount"].sum()
    assert round(s_ly / 1e4) == 105 and pct(s_nov - s_ly, s_ly) == 22
    monthly = (zw.groupby("month")["amount"].sum() / 1e4).round()  # in 万
    for m, s in monthly.items():
        if m < "2025":
            assert 85 <= s <= 110, m
        elif m != "2025-11":
            assert 95 <= s <= 125, m


def test_team_average_and_ranking(orders):
    month = orders[orders["month"] == "2025-11"]
    by_rep = month.groupby("rep")["amount"].sum()
    assert len(by_rep) == 5
    assert round(by_rep.sum() / 5 / 1e4) == 135
    assert by_rep.idxmax() != ZW
    others = orders[orders["rep"] != ZW].groupby(["rep", "month"])["amount"].sum()
    assert (others / 1e4).round().between(110, 160).all()


def test_regions(nov):
    s = nov["amount"].sum()
    reg = nov.groupby("region")["amount"].sum()
    assert round(reg["华东"] / 1e4) == 68 and pct(reg["华东"], s) == 53
    assert round(reg["华南"] / 1e4) == 22 and pct(reg["华南"], s) == 17
    assert reg.idxmax() == "华东" and reg.idxmin() == "华南"


def test_product_lines(nov, oct_):
    s = nov["amount"].sum()
    prod = nov.groupby("product_line")["amount"].sum()
    assert round(prod["智能手表"] / 1e4) == 58 and pct(prod["智能手表"], s) == 45
    assert prod.idxmax() == "智能手表"
    band_oct = oct_.loc[oct_["product_line"] == "手环", "amount"].sum()
    assert round(prod["手环"] / 1e4) == 30
    assert pct(prod["手环"] - band_oct, band_oct) == -12


def test_average_order_value(nov, oct_):
    assert round(nov["amount"].sum() / len(nov)) == 920
    assert round(oct_["amount"].sum() / len(oct_)) == 985


def test_promotion_share(nov, oct_):
    assert pct(nov.loc[nov["is_promo"] == 1, "amount"].sum(), nov["amount"].sum()) == 38
    assert pct(oct_.loc[oct_["is_promo"] == 1, "amount"].sum(), oct_["amount"].sum()) == 25


def test_order_size_bands(nov):
    assert (nov["amount"] >= 5000).sum() == 38
    small = nov["amount"] < 1000
    assert abs(100 * small.mean() - 70) <= 3
    assert abs(100 * nov.loc[small, "amount"].sum() / nov["amount"].sum() - 45) <= 3


def test_new_customers_and_customer_type_history(orders, nov):
    assert nov.loc[nov["customer_type"] == "新客", "customer_id"].nunique() == 65
    first = orders.groupby("customer_id")["month"].transform("min")
    is_new = orders["customer_type"] == "新客"
    # 新客 only in the month of the customer's first order ...
    assert not (is_new & (orders["month"] != first)).any()
    # ... and then for all of that month's orders (pre-window customers are 老客 throughout)
    first_month = orders[orders["month"] == first]
    assert (first_month.groupby("customer_id")["customer_type"].nunique() == 1).all()
    # each customer belongs to one rep and one region; most customers buy more than once
    assert (orders.groupby("customer_id")[["rep", "region"]].nunique() == 1).all().all()
    assert (orders.groupby("customer_id").size() > 1).mean() > 0.5


def test_customers_file(orders):
    cust = pd.read_csv(SAMPLE / "customers.csv")
    assert cust["customer_id"].is_unique and cust["customer_name"].is_unique
    assert set(cust["customer_id"]) == set(orders["customer_id"])
    merged = orders[["customer_id", "rep", "region"]].drop_duplicates().merge(
        cust, on="customer_id", suffixes=("", "_master"))
    assert (merged["rep"] == merged["rep_master"]).all()
    assert (merged["region"] == merged["region_master"]).all()


def test_presenter_targets(targets):
    zw = targets[targets["rep"] == ZW]
    assert set(zw["month"]) == set(ORDER_MONTHS)
    assert (zw.groupby("month")["metric"].apply(frozenset) ==
            frozenset({"sales", "high_value_orders", "new_customers", "leads"})).all()
    nov = zw[zw["month"] == "2025-11"].set_index("metric")["target"]
    assert nov.to_dict() == {"sales": 1_500_000, "high_value_orders": 45,
                             "new_customers": 80, "leads": 1300}


def test_team_targets(targets):
    team = targets[targets["rep"] == ""]
    assert set(team["metric"]) == {"sales"}
    team = team.set_index("month")["target"]
    assert set(team.index) == {"2024-09", "2024-10", "2024-11"} | {
        f"2025-{m:02d}" for m in range(1, 13)}
    assert team[["2025-07", "2025-08", "2025-09"]].sum() == 19_000_000
    assert team[["2025-10", "2025-11", "2025-12"]].sum() == 22_000_000
    assert team[team.index.str.startswith("2025")].sum() == 80_000_000


def test_leads_scope_and_values(leads):
    assert (leads["rep"] == ZW).all() and leads["lead_id"].is_unique
    assert sorted(leads["month"].unique()) == ["2024-11", "2025-07", "2025-08", "2025-09",
                                               "2025-10", "2025-11"]
    assert set(leads["source_channel"]) == {"线上广告", "经销商", "直销"}
    assert set(leads["priority"]) == {"TOP50", "普通"}
    assert set(leads["stage_reached"]) == set(STAGES)
    assert (leads["first_response_hours"] >= 0).all() and (leads["follow_up_days"] >= 0).all()
    for col in ("first_response_hours", "follow_up_days"):
        assert (leads[col] * 10).round(6).mod(1).eq(0).all(), col  # one decimal


def test_leads_funnel_and_conversion(leads):
    nov = leads[leads["month"] == "2025-11"]
    level = nov["stage_reached"].map(STAGES.index)
    assert [int((level >= i).sum()) for i in range(4)] == [1200, 540, 360, 276]
    assert pct(nov["won"].sum(), len(nov)) == 23
    sep_nov = leads[leads["month"].isin(["2025-09", "2025-10", "2025-11"])]
    assert pct(sep_nov["won"].sum(), len(sep_nov)) == 28


def test_leads_by_source_channel(leads):
    nov = leads[leads["month"] == "2025-11"]
    by = nov.groupby("source_channel")["won"].agg(["size", "sum"])
    assert by.loc["线上广告"].tolist() == [435, 78]
    assert by.loc["经销商"].tolist() == [400, 88]
    assert by.loc["直销"].tolist() == [365, 110]
    assert [pct(by.loc[s, "sum"], by.loc[s, "size"]) for s in ("线上广告", "经销商", "直销")] == [
        18, 22, 30]
    oct_online = leads[(leads["month"] == "2025-10") & (leads["source_channel"] == "线上广告")]
    assert pct(oct_online["won"].sum(), len(oct_online)) == 22


def test_follow_up_and_top50_response(leads):
    nov = leads[leads["month"] == "2025-11"]
    assert round(nov["follow_up_days"].mean(), 1) == 5.2
    top = nov[nov["priority"] == "TOP50"]
    assert len(top) == 50
    slow = (top["first_response_hours"] > 72).sum()
    assert slow == 16 and pct(slow, len(top)) == 32


def test_competitors():
    comp = pd.read_csv(SAMPLE / "competitors.csv").set_index("brand")
    assert comp["market_share"].to_dict() == {"X品牌": 0.12, "Y品牌": 0.08, "Z品牌": 0.03,
                                              "我司": 0.10}
    assert "480" in comp.loc["X品牌", "latest_move"] and "600" in comp.loc["X品牌", "latest_move"]
    assert "35%" in comp.loc["Y品牌", "latest_move"] and "华南" in comp.loc["Y品牌", "latest_move"]
    assert "新兴" in comp.loc["Z品牌", "latest_move"]
    assert comp["innovation"].str.len().between(4, 8).all()
    assert comp.notna().all().all()


def test_qualitative_yaml():
    text = (SAMPLE / "qualitative.yaml").read_text(encoding="utf-8")
    assert text.startswith("#")
    q = yaml.safe_load(text)
    counts = {"scenarios": 3, "cases": 3, "diagnosis": 4, "strategies": 3, "measures": 3,
              "advantages": 2, "q4_plan": 3}
    for key, n in counts.items():
        assert len(q[key]) == n, key
        for item in q[key]:
            assert set(item) == {"heading", "body"}, key
            assert 0 < len(item["body"]) <= 70, (key, item)
    assert [i["heading"] for i in q["diagnosis"]] == ["流程", "工具", "技能", "激励"]
    assert [i["heading"] for i in q["strategies"]] == ["产品策略", "渠道策略", "客户分层"]
    assert [i["heading"] for i in q["measures"]] == ["经销商赋能计划", "渠道冲突解决", "客户分层管理"]
    assert [i["heading"] for i in q["q4_plan"]] == ["12月冲刺", "跨部门协作", "资源需求"]
    assert set(q["swot"]) == {"strengths", "weaknesses", "opportunities", "threats"}
    for bullets in q["swot"].values():
        assert len(bullets) == 3 and all(isinstance(b, str) and len(b) <= 24 for b in bullets)
    assert len(q["actions"]) == 4
    for a in q["actions"]:
        assert set(a) == {"measure", "owner", "due", "status"}
        assert re.fullmatch(r"2025-12-\d{2}|2026-01-\d{2}", a["due"])
        assert a["status"] in {"进行中", "未开始", "已完成"}


def test_generator_reproduces_committed_files(tmp_path):
    subprocess.run([sys.executable, str(SAMPLE / "generate.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(DATA_FILES)
    for name in DATA_FILES:
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name
