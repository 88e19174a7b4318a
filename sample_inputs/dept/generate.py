#!/usr/bin/env python3
"""Generate the department sample inputs: raw, seeded, deterministic records of the sales team.

    python sample_inputs/dept/generate.py             # write every file beside this script
    python sample_inputs/dept/generate.py --out DIR   # write them into DIR instead
    python sample_inputs/dept/generate.py --check     # recompute the headline figures from the files

The team's orders, customers and 张伟's leads live one folder up (../orders.csv and friends);
this script reads them and adds what the sales meeting deck and the department's monthly summary
need: planned targets by month, region, team, rep and product line (2025 and the 2026 plan),
the department's CRM leads, contract renewals, warehouse shipments with unit costs, customer
feedback, marketing spend, and the monthly meeting's agenda, attendees, resource requests and
risk register.  Everything is a raw record; every figure a deck quotes is an aggregate of them.
"""
import argparse
import calendar
import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

SEED = 20251201
HERE = Path(__file__).resolve().parent
BASE = HERE.parent
REPS = ["张伟", "王芳", "李娜", "刘洋", "陈静"]
TEAM = {"张伟": "大客户组", "刘洋": "大客户组", "王芳": "渠道组", "李娜": "渠道组", "陈静": "渠道组"}
PRODUCTS = ["智能手表", "手环", "耳机", "配件"]
ORDER_MONTHS = ["2024-09", "2024-10", "2024-11"] + [f"2025-{m:02d}" for m in range(1, 12)]
MONTHS_2025 = [f"2025-{m:02d}" for m in range(1, 13)]
MONTHS_2026 = [f"2026-{m:02d}" for m in range(1, 13)]
LEAD_MONTHS = ["2025-09", "2025-10", "2025-11"]
INDUSTRIES = ["零售业", "制造业", "服务业", "批发贸易"]
SIZES = ["大型", "中型", "小型"]
SUB_CHANNELS = ["电商平台", "私域社群", "线下展会", "地推", "经销商"]
CHANNEL_OF = {"电商平台": "线上", "私域社群": "线上", "经销商": "经销商", "线下展会": "直销", "地推": "直销"}
STAGES = ["线索", "初步意向", "深度沟通", "成交"]


def quarter(month: str) -> str:
    return f"Q{(int(month[5:7]) - 1) // 3 + 1}"


def days_of(month: str) -> list[dt.date]:
    y, m = map(int, month.split("-"))
    return [dt.date(y, m, d) for d in range(1, calendar.monthrange(y, m)[1] + 1)]


def day_weights(month: str) -> np.ndarray:
    """Quieter weekends, busier first eleven days of November (Double 11) and of June (618)."""
    w = []
    for d in days_of(month):
        x = 0.6 if d.weekday() >= 5 else 1.0
        if (d.month == 11 and d.day <= 11) or (d.month == 6 and d.day <= 18):
            x *= 1.5
        w.append(x)
    return np.array(w) / sum(w)


def round_to(values: dict, total: int, step: int) -> dict:
    """Split an exact total over keys in proportion to values, in multiples of step; the
    rounding remainder goes to the largest key."""
    keys = list(values)
    raw = np.array([values[k] for k in keys], dtype=float)
    out = (np.round(raw / raw.sum() * total / step) * step).astype(np.int64)
    out[int(np.argmax(raw))] += total - int(out.sum())
    return dict(zip(keys, map(int, out)))


def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


# ------------------------------------------------------------------------------ inputs
def load_base() -> dict:
    orders = pd.read_csv(BASE / "orders.csv", dtype={"amount": str})
    orders["cents"] = [int(a.replace(".", "")) for a in orders["amount"]]
    orders["month"] = orders["order_date"].str[:7]
    customers = pd.read_csv(BASE / "customers.csv")
    leads = pd.read_csv(BASE / "leads.csv", dtype={"follow_up_days": str})
    targets = pd.read_csv(BASE / "targets.csv", dtype=str, keep_default_na=False)
    return {"orders": orders, "customers": customers, "leads": leads, "targets": targets}


def profiles(rng, customers: pd.DataFrame) -> pd.DataFrame:
    """Industry follows the kind of business in the name; size is drawn per industry."""
    suffix_industry = {"科技有限公司": "制造业", "贸易有限公司": "批发贸易", "健身俱乐部": "服务业"}
    size_p = {"制造业": [0.25, 0.45, 0.30], "批发贸易": [0.18, 0.42, 0.40],
              "服务业": [0.08, 0.37, 0.55], "零售业": [0.04, 0.26, 0.70]}
    rows = []
    for cid, name, rep, region in customers[["customer_id", "customer_name", "rep", "region"]].itertuples(index=False):
        industry = next((v for k, v in suffix_industry.items() if name.endswith(k)), "零售业")
        rows.append((cid, rep, region, industry, SIZES[rng.choice(3, p=size_p[industry])]))
    return pd.DataFrame(rows, columns=["customer_id", "rep", "region", "industry", "size"]).set_index("customer_id")


# ------------------------------------------------------------------------------ targets
# November 2025 by product line (yuan): the team target of 7,500,000 from ../targets.csv.
PRODUCT_TARGETS = {"2025-11": {"智能手表": 2_700_000, "手环": 2_200_000, "耳机": 1_550_000, "配件": 1_050_000}}
ZW_DEC_TARGET = 1_500_000
# 2026 plan: 96,000,000 (+20% on 2025's 80,000,000); Q1 21.0M, Q2 23.5M, Q3 23.0M, Q4 28.5M.
TEAM_2026 = [7_400_000, 6_200_000, 7_400_000, 7_600_000, 7_800_000, 8_100_000,
             7_600_000, 7_600_000, 7_800_000, 8_600_000, 10_200_000, 9_700_000]
REP_SHARE_2026 = {"王芳": 0.215, "李娜": 0.205, "张伟": 0.200, "刘洋": 0.195, "陈静": 0.185}
MIX_2026 = {"智能手表": 0.40, "手环": 0.24, "耳机": 0.21, "配件": 0.15}
NEW_TARGETS_NOV = {"张伟": 80, "王芳": 82, "李娜": 66, "刘洋": 75, "陈静": 57}
NEW_2026 = {"张伟": 78, "王芳": 80, "李娜": 66, "刘洋": 70, "陈静": 62}
NEW_SEASON_2026 = [0.95, 0.8, 1.0, 1.0, 1.0, 1.1, 0.95, 1.0, 1.0, 1.05, 1.25, 1.15]
CHURN_TARGET = {"2025": 0.08, "2026": 0.07}


def fill_matrix(rep_tot: dict, prod_tot: dict, seed: np.ndarray, step: int) -> np.ndarray:
    """Rep x product amounts with exact row and column totals (multiples of step): iterative
    proportional fitting from seed, then rounding that keeps both margins exact."""
    r = np.array(list(rep_tot.values()), dtype=float)
    c = np.array(list(prod_tot.values()), dtype=float)
    m = seed.astype(float) + 1e-9
    for _ in range(200):
        m *= (r / m.sum(axis=1))[:, None]
        m *= (c / m.sum(axis=0))[None, :]
    out = (np.round(m / step) * step).astype(np.int64)
    out[:-1, -1] = r[:-1].astype(np.int64) - out[:-1, :-1].sum(axis=1)
    out[-1, :] = c.astype(np.int64) - out[:-1, :].sum(axis=0)
    assert (out > 0).all() and (out.sum(axis=1) == r).all() and (out.sum(axis=0) == c).all()
    return out


def make_targets(rng, base: dict, territory: dict) -> pd.DataFrame:
    orders, bt = base["orders"], base["targets"]
    team = {r.month: int(r.target) for r in bt[(bt["rep"] == "") & (bt["metric"] == "sales")].itertuples()}
    zw = {(r.month, r.metric): int(r.target) for r in bt[bt["rep"] == "张伟"].itertuples()}
    sales = orders.groupby(["month", "rep", "product_line"])["cents"].sum() / 100
    new = orders[orders["customer_type"] == "新客"].groupby(["month", "rep"])["customer_id"].nunique()
    rows = []

    def region_rows(month, rep, product, amount):
        for region, v in round_to(territory[rep], amount, 1000).items():
            rows.append((month, "sales", region, TEAM[rep], rep, product, quarter(month), v))

    for month in MONTHS_2025 + MONTHS_2026:
        src = month if month in ORDER_MONTHS else "2025-11"  # Dec 2025 is planned like Nov
        if month in MONTHS_2025:
            total = team[month]
            zw_t = zw.get((month, "sales"), ZW_DEC_TARGET)
            others = {r: float(sales[(src, r)].sum()) * rng.uniform(0.93, 1.08) for r in REPS[1:]}
            rep_tot = {"张伟": zw_t, **round_to(others, total - zw_t, 1000)}
            if month in PRODUCT_TARGETS:
                prod_tot = PRODUCT_TARGETS[month]
            else:
                mix = {p: float(sales[src].xs(p, level="product_line").sum()) * rng.normal(1, 0.04)
                       for p in PRODUCTS}
                prod_tot = round_to(mix, total, 10_000)
            seed = np.array([[sales.get((src, r, p), 1.0) for p in PRODUCTS] for r in REPS])
        else:
            total = TEAM_2026[int(month[5:]) - 1]
            rep_tot = round_to({r: REP_SHARE_2026[r] for r in REPS}, total, 1000)
            prod_tot = round_to(MIX_2026, total, 10_000)
            seed = np.outer([REP_SHARE_2026[r] for r in REPS], [MIX_2026[p] for p in PRODUCTS])
        grid = fill_matrix(rep_tot, prod_tot, seed, 1000)
        for i, rep in enumerate(REPS):
            for j, product in enumerate(PRODUCTS):
                region_rows(month, rep, product, int(grid[i, j]))
        for rep in REPS:
            if month in MONTHS_2026:
                n = round(NEW_2026[rep] * NEW_SEASON_2026[int(month[5:]) - 1])
            elif month == "2025-11":
                n = NEW_TARGETS_NOV[rep]
            elif rep == "张伟" and (month, "new_customers") in zw:
                n = zw[(month, "new_customers")]
            else:
                n = round(int(new.get((src, rep), 60)) * rng.uniform(1.12, 1.32))
            rows.append((month, "new_customers", "", TEAM[rep], rep, "", quarter(month), n))
        rows.append((month, "churn_rate", "", "", "", "", quarter(month), CHURN_TARGET[month[:4]]))
    df = pd.DataFrame(rows, columns=["month", "metric", "region", "team", "rep", "product_line",
                                     "quarter", "target"])
    df["target"] = [f"{v:.2f}" if isinstance(v, float) else str(int(v)) for v in df["target"]]
    return df


# ------------------------------------------------------------------------------ leads
# Per month for the four other reps: conversion by industry and the industry mix of the deals
# won with existing customers.  November: manufacturing converts better, services sign less.
IND_CONV = {"2025-09": {"零售业": 0.29, "制造业": 0.26, "服务业": 0.31, "批发贸易": 0.30},
            "2025-10": {"零售业": 0.29, "制造业": 0.25, "服务业": 0.31, "批发贸易": 0.30},
            "2025-11": {"零售业": 0.26, "制造业": 0.32, "服务业": 0.25, "批发贸易": 0.27}}
IND_EXISTING = {"2025-09": {"零售业": 0.50, "制造业": 0.14, "服务业": 0.21, "批发贸易": 0.15},
                "2025-10": {"零售业": 0.50, "制造业": 0.14, "服务业": 0.21, "批发贸易": 0.15},
                "2025-11": {"零售业": 0.52, "制造业": 0.16, "服务业": 0.16, "批发贸易": 0.16}}
WON_PER_REP = {"2025-09": (265, 300), "2025-10": (270, 305), "2025-11": (250, 285)}
# source channel of won deals with new customers / existing customers / leads not won
CH_NEW = {"2025-09": [0.30, 0.13, 0.21, 0.12, 0.24], "2025-10": [0.30, 0.14, 0.20, 0.12, 0.24],
          "2025-11": [0.31, 0.22, 0.12, 0.11, 0.24]}
CH_EXISTING = {"2025-09": [0.26, 0.14, 0.14, 0.10, 0.36], "2025-10": [0.26, 0.15, 0.14, 0.10, 0.35],
               "2025-11": [0.25, 0.22, 0.12, 0.09, 0.32]}
CH_LOST = [0.36, 0.09, 0.14, 0.12, 0.29]
CYCLE_MEAN = {"2025-09": 9.4, "2025-10": 9.7, "2025-11": 13.1}
LOST_REASONS = {"价格超预算": 0.35, "选择竞品": 0.30, "需求延期": 0.20, "响应不及时": 0.15}
COLLAB_LOSSES = {"2025-09": 1, "2025-10": 1, "2025-11": 3}  # big deals lost to 内部协作延误
ZW_CHANNEL = {"线上广告": (["电商平台", "私域社群"], [0.72, 0.28]), "经销商": (["经销商"], [1.0]),
              "直销": (["线下展会", "地推"], [0.55, 0.45])}


def make_leads(rng, base: dict, prof: pd.DataFrame, territory: dict) -> pd.DataFrame:
    orders = base["orders"]
    first = orders.groupby("customer_id")["month"].min()
    frames = []
    for month in LEAD_MONTHS:
        mo = orders[orders["month"] == month]
        days, w = days_of(month), day_weights(month)
        new_ids = mo.loc[mo["customer_type"] == "新客"].groupby("rep")["customer_id"].unique()
        old_ids = mo.loc[mo["customer_type"] == "老客"].groupby("rep")["customer_id"].unique()
        rows = []
        # --- 张伟: his own lead list (../leads.csv), with marketing's finer source channel
        zl = base["leads"][base["leads"]["created_date"].str[:7] == month].reset_index(drop=True)
        won = np.flatnonzero(zl["stage_reached"] == "成交")
        cust = np.full(len(zl), "", dtype=object)
        for region in sorted(zl["region"].unique()):
            news = sorted(c for c in new_ids["张伟"] if prof.at[c, "region"] == region)
            pool = [i for i in won if zl.at[i, "region"] == region]
            take = rng.choice(pool, size=len(news), replace=False)
            cust[take] = news
            olds = sorted(c for c in old_ids["张伟"] if prof.at[c, "region"] == region)
            rest = [i for i in pool if not cust[i]]
            cust[rest] = rng.choice(olds, size=len(rest), replace=len(rest) > len(olds))
        for i, r in zl.iterrows():
            subs, p = ZW_CHANNEL[r["source_channel"]]
            c = cust[i]
            ind = prof.at[c, "industry"] if c else INDUSTRIES[rng.choice(4, p=[0.52, 0.14, 0.20, 0.14])]
            size = prof.at[c, "size"] if c else SIZES[rng.choice(3, p=[0.12, 0.33, 0.55])]
            rows.append(dict(lead_id=r["lead_id"], created_date=r["created_date"], rep="张伟",
                             region=r["region"], industry=ind, customer_size=size,
                             source_channel=subs[rng.choice(len(subs), p=p)],
                             stage_reached=r["stage_reached"], customer_id=c,
                             customer_type=("新客" if first[c] == month and c in set(new_ids["张伟"])
                                            else "老客") if c else "",
                             cycle_days=r["follow_up_days"] if c else "", tie=rng.random()))
        # --- the other four reps
        others = []
        for rep in REPS[1:]:
            n_won = int(rng.integers(*WON_PER_REP[month]))
            news = sorted(new_ids[rep])
            olds = sorted(old_ids[rep])
            ind_w = IND_EXISTING[month]
            n_old = n_won - len(news)
            by_ind = {k: [] for k in INDUSTRIES}
            for c in news:
                by_ind[prof.at[c, "industry"]].append((c, "新客"))
            for k, cnt in round_to(ind_w, n_old, 1).items():
                pool = [c for c in olds if prof.at[c, "industry"] == k]
                picks = rng.choice(pool, size=cnt, replace=cnt > len(pool))
                by_ind[k] += [(c, "老客") for c in sorted(picks)]
            for k in INDUSTRIES:
                won_k = by_ind[k]
                n_lost = round(len(won_k) / IND_CONV[month][k]) - len(won_k)
                for c, ctype in won_k:
                    ch = CH_NEW[month] if ctype == "新客" else CH_EXISTING[month]
                    cyc = max(1.0, round(rng.gamma(4.0, CYCLE_MEAN[month] / 4.0), 1))
                    others.append(dict(rep=rep, region=prof.at[c, "region"], industry=k,
                                       customer_size=prof.at[c, "size"],
                                       source_channel=SUB_CHANNELS[rng.choice(5, p=ch)],
                                       stage_reached="成交", customer_id=c, customer_type=ctype,
                                       cycle_days=f"{cyc:.1f}"))
                regions, rw = list(territory[rep]), list(territory[rep].values())
                for _ in range(n_lost):
                    others.append(dict(rep=rep, region=regions[rng.choice(len(regions), p=rw)],
                                       industry=k, customer_size=SIZES[rng.choice(3, p=[0.12, 0.33, 0.55])],
                                       source_channel=SUB_CHANNELS[rng.choice(5, p=CH_LOST)],
                                       stage_reached=STAGES[rng.choice(3, p=[0.55, 0.28, 0.17])],
                                       customer_id="", customer_type="", cycle_days=""))
        for o in others:
            o["created_date"] = days[rng.choice(len(days), p=w)].isoformat()
            o["tie"] = rng.random()
        others.sort(key=lambda o: (o["created_date"], o["tie"]))
        start = int(zl["lead_id"].str[-4:].astype(int).max())
        for k, o in enumerate(others, start=start + 1):
            o["lead_id"] = f"L{month.replace('-', '')}{k:04d}"
        rows += others
        df = pd.DataFrame(rows)
        # why leads that went far were lost; a few big deals lost to slow internal hand-offs
        reasons, rp = list(LOST_REASONS), list(LOST_REASONS.values())
        deep = np.flatnonzero(df["stage_reached"].isin(["深度沟通", "初步意向"]).to_numpy())
        lost = np.full(len(df), "", dtype=object)
        for i in deep:
            if rng.random() < (0.65 if df.at[i, "stage_reached"] == "深度沟通" else 0.15):
                lost[i] = reasons[rng.choice(len(reasons), p=rp)]
        big = [i for i in deep if df.at[i, "stage_reached"] == "深度沟通" and df.at[i, "rep"] != "张伟"
               and df.at[i, "customer_size"] == "大型"]
        lost[rng.choice(big, size=COLLAB_LOSSES[month], replace=False)] = "内部协作延误"
        df["lost_reason"] = lost
        frames.append(df)
    df = pd.concat(frames, ignore_index=True).sort_values(["created_date", "lead_id"], kind="stable")
    return df[["lead_id", "created_date", "rep", "region", "industry", "customer_size",
               "source_channel", "stage_reached", "customer_id", "customer_type", "cycle_days",
               "lost_reason"]].reset_index(drop=True)


# ------------------------------------------------------------------------------ renewals
CHURN_RATE = {"2025-01": 0.085, "2025-02": 0.09, "2025-03": 0.078, "2025-04": 0.072,
              "2025-05": 0.08, "2025-06": 0.075, "2025-07": 0.083, "2025-08": 0.079,
              "2025-09": 0.077, "2025-10": 0.081, "2025-11": 0.115}
CHURN_REASONS = {"价格因素": 0.30, "服务响应慢": 0.25, "竞品替代": 0.20, "预算收缩": 0.15, "需求变化": 0.10}
CHURN_REASONS_NOV = {"价格因素": 0.38, "竞品替代": 0.30, "服务响应慢": 0.20, "预算收缩": 0.12}
CONTRACT_MEDIAN = {"大型": 180_000, "中型": 50_000, "小型": 12_000}


def make_renewals(rng, base: dict, prof: pd.DataFrame) -> pd.DataFrame:
    orders = base["orders"]
    first = orders.groupby("customer_id")["month"].min()
    used: set[str] = set()
    rows = []
    for month in MONTHS_2025[:11]:
        days = days_of(month)
        due = []
        for rep in REPS:
            pool = sorted(c for c in prof.index[prof["rep"] == rep]
                          if c in first.index and first[c] < month and c not in used)
            due += list(rng.choice(pool, size=int(rng.integers(22, 31)), replace=False))
        used.update(due)
        n_churn = round(CHURN_RATE[month] * len(due))
        nov = month == "2025-11"
        weight = np.array([{"大型": 0.3 if nov else 0.6, "中型": 1.0, "小型": 1.3 if nov else 1.1}[
            prof.at[c, "size"]] for c in due])
        churned = set(rng.choice(len(due), size=n_churn, replace=False, p=weight / weight.sum()))
        reasons = CHURN_REASONS_NOV if nov else CHURN_REASONS
        for i, c in enumerate(due):
            size = prof.at[c, "size"]
            value = int(round(rng.lognormal(np.log(CONTRACT_MEDIAN[size]), 0.35), -2))
            out = "流失" if i in churned else "续约"
            reason = list(reasons)[rng.choice(len(reasons), p=list(reasons.values()))] if out == "流失" else ""
            rows.append(dict(due_date=days[rng.integers(len(days))].isoformat(), customer_id=c,
                             rep=prof.at[c, "rep"], region=prof.at[c, "region"],
                             industry=prof.at[c, "industry"], customer_size=size,
                             contract_value=value, outcome=out, churn_reason=reason,
                             tie=rng.random()))
    df = pd.DataFrame(rows).sort_values(["due_date", "tie"], kind="stable").reset_index(drop=True)
    seq = df.groupby(df["due_date"].str[:7]).cumcount() + 1
    df.insert(0, "renewal_id", [f"R{d[:7].replace('-', '')}{s:03d}" for d, s in zip(df["due_date"], seq)])
    return df.drop(columns="tie")


# ------------------------------------------------------------------------------ shipments
PRICE = {"智能手表": 1199, "手环": 269, "耳机": 399, "配件": 89}  # average realised price per unit
SKUS = {"智能手表": {"S3 Pro": (0.35, 820), "S3": (0.45, 640), "S3 Lite": (0.20, 420)},
        "手环": {"B7": (0.60, 160), "B7 NFC": (0.40, 190)},
        "耳机": {"E5 降噪": (0.45, 290), "E3": (0.55, 200)},
        "配件": {"表带": (0.55, 35), "充电座": (0.45, 50)}}
# price and unit-cost factors: promotions lower the realised price; chip costs push earbuds up
PRICE_FACTOR = {("2025-11", "耳机"): 0.95, "2025-11": 0.94, "2025-06": 0.95, "2024-11": 0.96}
COST_FACTOR = {("2025-10", "耳机"): 1.03, ("2025-11", "耳机"): 1.08}


def make_shipments(rng, base: dict) -> pd.DataFrame:
    orders = base["orders"]
    rows = []
    for month in ORDER_MONTHS:
        days = days_of(month)
        mo = orders[orders["month"] == month]
        year_f = 1.02 if month < "2025" else 1.0
        for product in PRODUCTS:
            po = mo[mo["product_line"] == product]
            pf = PRICE_FACTOR.get((month, product), PRICE_FACTOR.get(month, 1.0)) * year_f
            units = round(po["cents"].sum() / 100 / (PRICE[product] * pf))
            daily = po.groupby("order_date")["cents"].sum().reindex([d.isoformat() for d in days], fill_value=0)
            share = {k: v[0] * rng.normal(1, 0.05) for k, v in SKUS[product].items()}
            for sku, n in round_to(share, units, 1).items():
                cost = round(SKUS[product][sku][1] * COST_FACTOR.get((month, product), 1.0)
                             * rng.normal(1, 0.01), 2)
                per_day = rng.multinomial(n, daily.to_numpy() / daily.sum())
                for d, u in zip(days, per_day):
                    if u:
                        cents = round(cost * 100) * int(u)
                        rows.append((d.isoformat(), product, sku, int(u), f"{cost:.2f}", money(cents)))
    df = pd.DataFrame(rows, columns=["ship_date", "product_line", "sku", "units", "unit_cost", "cost"])
    return df.sort_values(["ship_date", "product_line", "sku"], kind="stable").reset_index(drop=True)


# ------------------------------------------------------------------------------ feedback
TOPICS = ["整体满意", "佩戴舒适", "功能迭代慢", "续航不足", "价格偏高", "售后响应慢", "物流延迟"]
TOPIC_BASE = [0.58, 0.27, 0.04, 0.04, 0.03, 0.03, 0.01]
# November: earbud buyers complain about slow feature updates, band buyers about price
TOPIC_NOV = {"耳机": [14, 6, 8, 2, 1, 1, 0], "手环": [26, 11, 1, 2, 7, 1, 1]}


def make_feedback(rng, base: dict) -> pd.DataFrame:
    orders = base["orders"]
    rows = []
    for month in MONTHS_2025[:11]:
        days, w = days_of(month), day_weights(month)
        mo = orders[orders["month"] == month]
        n = int(rng.integers(170, 201))
        counts = round_to(mo["product_line"].value_counts().to_dict(), n, 1)
        for product in PRODUCTS:
            if month == "2025-11" and product in TOPIC_NOV:
                topics = [t for t, k in zip(TOPICS, TOPIC_NOV[product]) for _ in range(k)]
            else:
                mix = dict(zip(TOPICS, np.array(TOPIC_BASE) * rng.uniform(0.8, 1.2, len(TOPICS))))
                topics = [t for t, k in round_to(mix, counts[product], 1).items() for _ in range(k)]
            buyers = sorted(mo.loc[mo["product_line"] == product, "customer_id"].unique())
            for t in topics:
                positive = t in ("整体满意", "佩戴舒适")
                score = int(rng.choice([4, 5], p=[0.45, 0.55]) if positive
                            else rng.choice([1, 2, 3], p=[0.2, 0.45, 0.35]))
                rows.append(dict(feedback_date=days[rng.choice(len(days), p=w)].isoformat(),
                                 customer_id=buyers[rng.integers(len(buyers))],
                                 product_line=product, score=score, topic=t, tie=rng.random()))
    df = pd.DataFrame(rows).sort_values(["feedback_date", "tie"], kind="stable").reset_index(drop=True)
    seq = df.groupby(df["feedback_date"].str[:7]).cumcount() + 1
    df.insert(0, "feedback_id", [f"F{d[:7].replace('-', '')}{s:03d}" for d, s in zip(df["feedback_date"], seq)])
    return df.drop(columns="tie")


# ------------------------------------------------------------------------------ marketing spend
SPEND_ITEMS = {"电商平台": ["天猫直通车", "京东快车", "抖音信息流"], "私域社群": ["企业微信社群运营", "会员积分兑换"],
               "经销商": ["经销商返利", "门店陈列支持"], "线下展会": ["行业展会展位", "展会物料与差旅"],
               "地推": ["地推人员补贴", "地推物料"]}
SPEND_BASE = {"电商平台": 300_000, "私域社群": 60_000, "经销商": 270_000, "线下展会": 110_000, "地推": 60_000}
SPEND_MONTH = {"2025-11": {"电商平台": 400_000, "私域社群": 90_000, "经销商": 270_000, "线下展会": 150_000, "地推": 60_000},
               "2025-10": SPEND_BASE}


def make_spend(rng) -> pd.DataFrame:
    rows = []
    for month in MONTHS_2025[:11]:
        days = days_of(month)
        budget = SPEND_MONTH.get(month) or {k: int(round(v * rng.normal(1, 0.08), -3))
                                            for k, v in SPEND_BASE.items()}
        if month == "2025-06":
            budget = {**budget, "电商平台": 380_000}
        for sub, items in SPEND_ITEMS.items():
            split = round_to(dict(zip(items, rng.dirichlet([8.0] * len(items)))), budget[sub], 100)
            for item in items:
                rows.append((days[rng.integers(len(days))].isoformat(), CHANNEL_OF[sub], sub, item,
                             f"{split[item]}.00", rng.random()))
    df = pd.DataFrame(rows, columns=["spend_date", "channel", "sub_channel", "item", "cost", "tie"])
    df = df.sort_values(["spend_date", "tie"], kind="stable").reset_index(drop=True)
    seq = df.groupby(df["spend_date"].str[:7]).cumcount() + 1
    df.insert(0, "spend_id", [f"M{d[:7].replace('-', '')}{s:02d}" for d, s in zip(df["spend_date"], seq)])
    return df.drop(columns="tie")


# ------------------------------------------------------------------------------ meeting records
DIRECTOR, OPS, MKT, PM, FIN, CS, HR = "周建国", "孙悦", "何静", "郑凯", "吴敏", "钱丽", "林晓"
# the November meeting: core topics 16/12/20/20/12 minutes = 20/15/25/25/15% of 80 minutes
AGENDA_NOV = [
    ("开场", "开场致辞：本月业绩与会议目标", DIRECTOR, 4, "开场"),
    ("开场", "团队破冰：产品知识快问快答", HR, 4, "开场"),
    ("开场", "议程与规则说明", OPS, 2, "开场"),
    ("业绩复盘", "整体业绩与目标对比", OPS, 8, "核心议题"),
    ("业绩复盘", "区域与产品线表现", "张伟", 8, "核心议题"),
    ("过渡", "小结与衔接", OPS, 2, "过渡"),
    ("市场动态", "市场趋势与客户反馈", MKT, 6, "核心议题"),
    ("市场动态", "主要竞品动态", MKT, 6, "核心议题"),
    ("过渡", "小结与衔接", OPS, 2, "过渡"),
    ("策略调整", "客户分层与精准营销", "张伟", 7, "核心议题"),
    ("策略调整", "产品组合与定价", PM, 7, "核心议题"),
    ("策略调整", "渠道协同与新兴渠道", "王芳", 6, "核心议题"),
    ("过渡", "小结与衔接", OPS, 2, "过渡"),
    ("目标分解", "2026年目标与SMART原则", DIRECTOR, 8, "核心议题"),
    ("目标分解", "区域、团队与个人分解", OPS, 12, "核心议题"),
    ("过渡", "小结与衔接", OPS, 2, "过渡"),
    ("行动计划", "行动计划与责任人", OPS, 7, "核心议题"),
    ("行动计划", "激励机制说明", HR, 5, "核心议题"),
    ("缓冲", "机动讨论时间", DIRECTOR, 10, "缓冲"),
    ("总结", "会议总结与决议确认", DIRECTOR, 5, "总结"),
]
CORE = ["业绩复盘", "市场动态", "策略调整", "目标分解", "行动计划"]


def make_agenda(rng) -> pd.DataFrame:
    rows = []
    for month in MONTHS_2025[:11]:
        if month == "2025-11":
            items = AGENDA_NOV
        else:  # other months: the same outline with core topics of 10-20 minutes
            items = []
            for sec, item, owner, minutes, kind in AGENDA_NOV:
                if kind == "核心议题":
                    minutes = int(rng.integers(4, 11))
                elif kind == "缓冲":
                    minutes = int(rng.integers(8, 13))
                items.append((sec, item.replace("2026年目标", "下月目标"), owner, minutes, kind))
        for seq, (sec, item, owner, minutes, kind) in enumerate(items, start=1):
            rows.append((month, seq, sec, item, owner, minutes, kind))
    return pd.DataFrame(rows, columns=["month", "seq", "section", "item", "owner", "minutes", "item_type"])


ATTENDEES = [  # name, department, role, group
    (DIRECTOR, "销售部", "销售总监", "核心管理"), (OPS, "销售部", "销售运营经理（主持）", "核心管理"),
    ("张伟", "销售部", "大客户组组长", "销售团队"), ("刘洋", "销售部", "大客户经理", "销售团队"),
    ("王芳", "销售部", "渠道组组长", "销售团队"), ("李娜", "销售部", "渠道经理", "销售团队"),
    ("陈静", "销售部", "渠道经理", "销售团队"), (MKT, "市场部", "市场经理", "相关部门"),
    (PM, "产品部", "产品经理", "相关部门"), (FIN, "财务部", "财务BP", "相关部门"),
    (CS, "客服部", "客服主管", "相关部门"), (HR, "人力资源部", "HRBP（记录）", "会议支持"),
]
GUESTS = [("陆海涛", "华东重点客户", "采购总监", "特邀嘉宾"), ("韩雪", "行业协会", "行业分析师", "特邀嘉宾")]


def make_attendees(rng) -> pd.DataFrame:
    rows = []
    for month in MONTHS_2025[:11]:
        people = list(ATTENDEES) + (GUESTS if month == "2025-11" else
                                    [GUESTS[int(rng.integers(2))]] if rng.random() < 0.5 else [])
        for name, dept, role, group in people:
            if month == "2025-11":
                ok = name != "韩雪"
            else:
                ok = rng.random() > 0.06
            rows.append((month, name, dept, role, group, "已确认" if ok else "待确认"))
    return pd.DataFrame(rows, columns=["month", "name", "department", "role", "attendee_group", "rsvp"])


# requests made at each meeting for the month after it (month = the month they are for)
RESOURCE_POOL = [
    ("培训", "“客户谈判技巧”专项培训", 12_000, "张伟"), ("培训", "“行业政策解读”专项培训", 8_000, "王芳"),
    ("预算", "新渠道拓展：行业垂直平台投放", 225_000, DIRECTOR), ("工具", "CRM新增“客户健康度预警”功能", 60_000, OPS),
    ("人力", "大促期间增配1名直播客服", 15_000, "王芳"), ("预算", "华南专项促销", 200_000, "陈静"),
    ("工具", "销售数据看板升级", 30_000, OPS), ("培训", "新品卖点与演示培训", 6_000, PM),
]


def make_resources(rng) -> pd.DataFrame:
    rows = []
    for month in [f"2025-{m:02d}" for m in range(2, 13)]:
        picks = [0, 1, 2, 3] if month == "2025-12" else sorted(rng.choice(len(RESOURCE_POOL), 3, replace=False))
        for k in picks:
            kind, item, amount, who = RESOURCE_POOL[k]
            if month != "2025-12":
                amount = int(round(amount * rng.uniform(0.7, 1.2), -3))
            status = "待审批" if month == "2025-12" else ("已批准" if rng.random() < 0.8 else "已驳回")
            rows.append((month, kind, item, amount, who, status))
    return pd.DataFrame(rows, columns=["month", "request_type", "item", "amount", "requester", "status"])


RISK_POOL = [
    ("竞品推出低价策略，影响客户签约决策", "市场竞争", "高", "高", "优化价值对比话术，突出长期收益与服务保障", "张伟"),
    ("旺季物流与供应链可能延迟", "交付", "中", "高", "与3家供应商签订优先供货协议，向客户同步备货进度", "王芳"),
    ("中小客户续约流失继续上升", "客户", "高", "中", "到期前60天启动续约回访，价格敏感客户给出组合方案", "李娜"),
    ("服务业客户预算收缩", "客户", "中", "中", "推出分期与租赁方案，降低一次性采购门槛", "刘洋"),
    ("核心芯片涨价压缩耳机毛利", "成本", "中", "中", "与采购部锁定季度价格，调整耳机促销力度", PM),
    ("大促后退货率上升", "交付", "低", "中", "加强发货前质检与售前说明", CS),
]


def make_risks(rng) -> pd.DataFrame:
    rows = []
    for month in [f"2025-{m:02d}" for m in range(2, 13)]:
        picks = [0, 1, 2, 3] if month == "2025-12" else sorted(rng.choice(len(RISK_POOL), 3, replace=False))
        for k in picks:
            rows.append((month, *RISK_POOL[k]))
    return pd.DataFrame(rows, columns=["month", "risk", "category", "likelihood", "impact", "response", "owner"])


# ------------------------------------------------------------------------------ hand-written notes
MEETING_NOTES = """\
# 2025年11月销售会议（暨2026年目标部署会）的定性内容：由会议组织者手写，不来自数据计算。
# 除 actions（measure / owner / start / due / status）外，每一项都是 {heading, body}。
"""
MEETING = {
    "materials": [
        ("场地与布局", "大会议室课桌式布局，可容纳20人；远程参会人员使用视频会议接入。"),
        ("设备测试", "会前1小时测试投影、麦克风与视频会议网络，备用笔记本一台。"),
        ("辅助物料", "白板、便签与计时器；新品样机与演示视频用于产品组合议题。"),
    ],
    "digital": [
        ("CRM系统推广", "线索分配、跟进提醒与商机阶段全部在CRM内完成，替代手工表格。"),
        ("应用场景", "目标自动分解到人、每日业绩看板、线索超时预警与客户健康度评分。"),
        ("推广节奏", "12月完成管理层与组长培训，2026年1月全员上线并纳入考核。"),
        ("效果评估", "每月对比线索转化率与成交周期，评估工具对业绩的实际贡献。"),
    ],
    "incentives": [
        ("达成奖金", "月度达成率100%以上部分按超额销售额的3%计提奖金，120%以上按5%。"),
        ("新客户开发奖", "每签约1家新客户奖励300元，头部客户（大型企业）奖励1000元。"),
        ("季度之星", "每季度评选销售之星与最佳协作奖，在全员会上表彰并优先参加外部培训。"),
        ("过程考核", "线索24小时首响率与续约回访完成率纳入月度考核，占绩效的20%。"),
    ],
    "actions": [
        ("华南经销商促销政策专项培训", "王芳", "2025-12-01", "2025-12-12", "进行中"),
        ("线索24小时首响与超时预警上线", OPS, "2025-11-20", "2025-11-28", "进行中"),
        ("到期客户续约回访（60天前启动）", "李娜", "2025-12-01", "2025-12-31", "未开始"),
        ("大型企业客户专属顾问配置", "张伟", "2025-11-25", "2025-12-10", "已完成"),
        ("2026年目标分解表确认签字", OPS, "2025-12-01", "2025-12-15", "进行中"),
        ("耳机促销深度与毛利评估", PM, "2025-12-02", "2025-12-19", "未开始"),
        ("CRM全员培训与上线", OPS, "2025-12-15", "2026-01-20", "未开始"),
    ],
}

SUMMARY_NOTES = """\
# 销售部2025年11月月度总结的定性内容：由部门负责人手写，不来自数据计算。
# why 是5-Why分析（problem / whys / root_cause），bones 是鱼骨图（problem / causes），
# strategies 是 {heading, body}，actions 是 measure / owner / start / due / status。
"""
SUMMARY = {
    "why": {
        "problem": "中小客户续约流失率高于目标",
        "whys": ["到期客户续约回访不及时", "回访靠客户经理个人记忆安排", "CRM没有到期提醒与回访任务",
                 "续约不在考核指标内", "管理重心放在新签而非留存"],
        "root_cause": "续约缺少系统提醒与过程考核",
    },
    "bones": {
        "problem": "续约率低于目标",
        "causes": {
            "主观": ["重新签轻留存", "价格异议应对不足"],
            "客观": ["竞品低价替代", "服务业预算收缩"],
            "流程": ["到期无提醒", "售后与销售交接脱节"],
            "资源": ["客服人手紧张", "缺少续约优惠方案"],
        },
    },
    "strategies": [
        ("针对客户留存", "建立“24小时响应+72小时回访”服务SOP，高价值客户配备专属客户经理。"),
        ("针对新客户开发", "联合市场部开展行业精准获客计划，选3个高潜力行业设计定制化内容触达。"),
        ("针对团队协作", "建立跨部门周例会制度，明确线索交接、方案支持各环节的责任人和时间节点。"),
    ],
    "actions": [
        ("优化客户价值评分模型，明确三类客户服务标准", "李娜", "2025-12-01", "2025-12-03", "已完成"),
        ("Top Sales经验萃取会，整理3套高转化话术", "王芳", "2025-12-01", "2025-12-05", "进行中"),
        ("业绩仪表盘每日更新，异动4小时内预警", "孙悦", "2025-12-01", "2025-12-10", "进行中"),
        ("到期前60天续约回访机制上线", "张伟", "2025-12-02", "2025-12-20", "未开始"),
        ("制造业定制化方案复制到服务业客户", "刘洋", "2025-12-05", "2025-12-26", "未开始"),
        ("跨部门周例会制度落地", "周建国", "2025-11-24", "2025-11-28", "进行中"),
    ],
}


def notes_yaml(header: str, doc: dict) -> str:
    out: dict = {"period": "2025-11"}  # the month these notes were written for
    for key, value in doc.items():
        if key == "actions":
            out[key] = [dict(zip(["measure", "owner", "start", "due", "status"], x)) for x in value]
        elif isinstance(value, list):
            out[key] = [dict(zip(["heading", "body"], x)) for x in value]
        else:
            out[key] = value
    return header + yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=200)


# ------------------------------------------------------------------------------ main
def territory_of(orders: pd.DataFrame) -> dict:
    """Each rep's share of 2025 sales by region, to two decimals (the planning weights)."""
    s = orders[orders["month"] >= "2025"].groupby(["rep", "region"])["cents"].sum()
    out = {}
    for rep in REPS:
        w = s[rep] / s[rep].sum()
        out[rep] = {r: round(float(v), 2) for r, v in w.sort_values(ascending=False, kind="stable").items()}
    return out


def generate(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    base = load_base()

    def rng(k: int) -> np.random.Generator:  # one stream per table: tuning one leaves the rest
        return np.random.default_rng([SEED, k])

    prof = profiles(rng(0), base["customers"])
    territory = territory_of(base["orders"])
    tables = {
        "targets": make_targets(rng(1), base, territory),
        "leads": make_leads(rng(2), base, prof, territory),
        "renewals": make_renewals(rng(3), base, prof),
        "shipments": make_shipments(rng(4), base),
        "feedback": make_feedback(rng(5), base),
        "marketing_spend": make_spend(rng(6)),
        "agenda": make_agenda(rng(7)),
        "attendees": make_attendees(rng(8)),
        "resources": make_resources(rng(9)),
        "risks": make_risks(rng(10)),
    }
    for name, df in tables.items():
        df.to_csv(out / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
    (out / "meeting_notes.yaml").write_text(notes_yaml(MEETING_NOTES, MEETING), encoding="utf-8", newline="\n")
    (out / "summary_notes.yaml").write_text(notes_yaml(SUMMARY_NOTES, SUMMARY), encoding="utf-8", newline="\n")
    print("wrote " + ", ".join(f"{n} {len(d)}" for n, d in tables.items()) + f" to {out}")


def check(out: Path) -> bool:
    """Recompute the headline figures the two decks quote, with plain pandas."""
    base = load_base()
    o = base["orders"].assign(amount=lambda d: d["cents"] / 100)
    read = lambda name: pd.read_csv(out / f"{name}.csv", keep_default_na=False)
    tg, ld, rn, sh, fb, sp, ag, rs = (read(n) for n in ("targets", "leads", "renewals", "shipments",
                                                         "feedback", "marketing_spend", "agenda", "resources"))
    for df, col in ((ld, "created_date"), (rn, "due_date"), (sh, "ship_date"), (fb, "feedback_date"),
                    (sp, "spend_date")):
        df["m"] = df[col].str[:7]
    sales_t = tg[tg["metric"] == "sales"].assign(target=lambda d: d["target"].astype(float))
    bt = base["targets"]
    team = bt[(bt["rep"] == "") & (bt["metric"] == "sales")].set_index("month")["target"].astype(float)
    zw = bt[(bt["rep"] == "张伟") & (bt["metric"] == "sales")].set_index("month")["target"].astype(float)
    by_month = sales_t.groupby("month")["target"].sum()
    zw_plan = sales_t[sales_t["rep"] == "张伟"].groupby("month")["target"].sum()
    nov = o[o["month"] == "2025-11"]
    t_nov = sales_t[sales_t["month"] == "2025-11"]
    prod_ach = nov.groupby("product_line")["amount"].sum() / t_nov.groupby("product_line")["target"].sum()
    plan26 = sales_t[sales_t["month"].str[:4] == "2026"]
    won = ld["stage_reached"] == "成交"
    conv = ld.assign(won=won).groupby("m")["won"].mean()
    cyc = pd.to_numeric(ld.loc[won, "cycle_days"]).groupby(ld.loc[won, "m"]).mean()
    new_leads = ld[ld["customer_type"] == "新客"].groupby(["m", "rep"]).size()
    new_orders = o[(o["customer_type"] == "新客") & (o["month"] >= "2025-09")].groupby(["month", "rep"])["customer_id"].nunique()
    ind = ld.assign(won=won).groupby(["m", "industry"])["won"].agg(["mean", "sum"])
    churn = (rn["outcome"] == "流失").groupby(rn["m"]).mean()
    smb = rn[rn["customer_size"] != "大型"]
    smb_churn = (smb["outcome"] == "流失").groupby(smb["m"]).mean()
    units = sh.groupby(["m", "product_line"])["units"].sum()
    cost = sh.groupby(["m", "product_line"])["cost"].sum()
    gm = lambda m: 1 - cost[m]["耳机"] / o[(o["month"] == m) & (o["product_line"] == "耳机")]["amount"].sum()
    buds_fb = fb[(fb["m"] == "2025-11") & (fb["product_line"] == "耳机")]
    src = ld[won].groupby(["m", "source_channel"]).size()
    src_share = lambda m: src[m]["私域社群"] / src[m].sum()
    cac = lambda m: (sp[(sp["m"] == m) & (sp["sub_channel"] == "线下展会")]["cost"].sum()
                     / len(ld[(ld["m"] == m) & (ld["customer_type"] == "新客") & (ld["source_channel"] == "线下展会")]))
    core = ag[(ag["month"] == "2025-11") & (ag["item_type"] == "核心议题")].groupby("section", sort=False)["minutes"].sum()
    dec = rs[rs["month"] == "2025-12"]
    zl = base["leads"][base["leads"]["created_date"] >= "2025-09"].set_index("lead_id")
    mine = ld[ld["rep"] == "张伟"].set_index("lead_id")
    cols = ["created_date", "region", "stage_reached"]
    pct = lambda x: round(100 * x)
    rows = [  # (label, value, expected)
        ("2025 team targets = ../targets.csv", all(by_month[m] == team[m] for m in MONTHS_2025), True),
        ("张伟 targets = ../targets.csv", all(zw_plan[m] == zw[m] for m in zw.index if m in zw_plan.index), True),
        ("Nov sales / target 万 / %", (round(float(nov["amount"].sum()) / 1e4, 1), float(by_month["2025-11"]) / 1e4,
                                      pct(nov["amount"].sum() / by_month["2025-11"])), (675.3, 750.0, 90)),
        ("Nov product ach 手表/手环/耳机/配件 %", tuple(pct(prod_ach[p]) for p in PRODUCTS), (106, 78, 83, 84)),
        ("2026 plan 万 / Q1..Q4", tuple(float(x) / 1e4 for x in [plan26["target"].sum(), *plan26.groupby(
            "quarter")["target"].sum()]), (9600.0, 2100.0, 2350.0, 2300.0, 2850.0)),
        ("张伟's leads = ../leads.csv", mine[cols].sort_index().equals(zl[cols].sort_index()), True),
        ("new-customer leads = new customers", new_leads.sort_index().tolist() == new_orders.sort_index().tolist(), True),
        ("conversion Oct / Nov %", (pct(conv["2025-10"]), pct(conv["2025-11"])), (29, 26)),
        ("cycle days Oct / Nov", (round(float(cyc["2025-10"]), 1), round(float(cyc["2025-11"]), 1)), (9.4, 12.6)),
        ("制造业 conversion Oct / Nov %", (pct(ind.loc[("2025-10", "制造业"), "mean"]),
                                          pct(ind.loc[("2025-11", "制造业"), "mean"])), (27, 31)),
        ("服务业 won Oct / Nov", (int(ind.loc[("2025-10", "服务业"), "sum"]), int(ind.loc[("2025-11", "服务业"), "sum"])),
         (284, 210)),
        ("churn Oct / Nov %, SMB Nov %", (pct(churn["2025-10"]), pct(churn["2025-11"]), pct(smb_churn["2025-11"])),
         (8, 12, 13)),
        ("耳机 units YoY %", pct(units["2025-11"]["耳机"] / units["2024-11"]["耳机"] - 1), 15),
        ("耳机 gross margin Oct / Nov %", (pct(gm("2025-10")), pct(gm("2025-11"))), (39, 32)),
        ("耳机 功能迭代慢 share %", pct((buds_fb["topic"] == "功能迭代慢").mean()), 25),
        ("私域社群 share of won Oct / Nov %", (pct(src_share("2025-10")), pct(src_share("2025-11"))), (14, 20)),
        ("线下展会 CAC Oct -> Nov %", pct(cac("2025-11") / cac("2025-10") - 1), 36),
        ("big deals lost to 内部协作延误 Nov", int(((ld["m"] == "2025-11") & (ld["lost_reason"] == "内部协作延误")).sum()), 3),
        ("agenda Nov core split %", tuple(pct(float(x)) for x in core / core.sum()), (20, 15, 25, 25, 15)),
        ("agenda Nov total minutes", int(ag[ag["month"] == "2025-11"]["minutes"].sum()), 113),
        ("Dec budget / Dec target %", pct(dec[dec["request_type"] == "预算"]["amount"].sum() / by_month["2025-12"]), 3),
    ]
    ok_all = True
    for label, got, want in rows:
        ok = got == want
        ok_all &= bool(ok)
        print(f"{'OK ' if ok else 'BAD'}  {label:<40} {got!s:<34} expected {want}")
    return ok_all


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE, help="output directory (default: here)")
    ap.add_argument("--check", action="store_true", help="print the headline figures from the files")
    args = ap.parse_args(argv)
    if args.check:
        return 0 if check(args.out) else 1
    return generate(args.out) or 0


if __name__ == "__main__":
    sys.exit(main())
