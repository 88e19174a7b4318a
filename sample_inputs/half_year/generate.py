#!/usr/bin/env python3
"""Generate the half-year sample inputs: raw, seeded, deterministic company records.

    python sample_inputs/half_year/generate.py             # write every file beside this script
    python sample_inputs/half_year/generate.py --out DIR   # write them into DIR instead
    python sample_inputs/half_year/generate.py --check     # recompute the headline figures

A company sells three product lines (A系列 flagship, B系列 customised, C系列 launched in
April 2024) to large, mid-size and small companies and to individuals, in four regions and
through three channels.  The deck is the marketing director's report on H1 2025 (seed 004).
For every half-year we fix the totals the deck quotes, spread them over the cells month x
region x product line x customer size x channel by iterative proportional fitting, draw
lognormal order amounts that add up to each cell, and then assign dates, customers,
campaigns and flags so that the quoted figures fall out of plain aggregation (see README.md).
"""
from __future__ import annotations

import argparse
import calendar
import datetime as dt
import itertools
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

SEED = 20250630
HERE = Path(__file__).resolve().parent
HALVES = ["2023H2", "2024H1", "2024H2", "2025H1"]
REGIONS = ["华东", "华南", "中西部", "华北"]
LINES = ["A系列", "B系列", "C系列"]
SIZES = ["大型", "中型", "小型", "个人"]
CHANNELS = ["线上", "线下", "合作伙伴"]
C_LAUNCH = "2024-04"  # first month of C系列 sales
QUESTIONS = ["综合满意度", "产品质量", "售后服务", "价格"]


def half_months(half: str) -> list[str]:
    year, h = int(half[:4]), int(half[-1])
    return [f"{year}-{m:02d}" for m in range(6 * h - 5, 6 * h + 1)]


MONTHS = [m for h in HALVES for m in half_months(h)]

# Sales per half-year and region, in 万元 (10,000 yuan), and the achievement of each region's
# target.  2025H1: 华东 40% of sales at 128%, 华南 95%, 中西部 +56% on 2024H1, total 112%.
REGION_SALES = {
    "2023H2": {"华东": 4050.37, "华南": 2640.52, "中西部": 1420.18, "华北": 1290.64},
    "2024H1": {"华东": 4480.26, "华南": 2890.71, "中西部": 1776.58, "华北": 1530.33},
    "2024H2": {"华东": 4760.44, "华南": 3010.29, "中西部": 2290.62, "华北": 1700.15},
    "2025H1": {"华东": 5043.27, "华南": 3153.86, "中西部": 2771.58, "华北": 1635.41},
}
REGION_ACH = {
    "2023H2": {"华东": 1.10, "华南": 0.98, "中西部": 1.05, "华北": 0.97},
    "2024H1": {"华东": 1.16, "华南": 0.97, "中西部": 1.10, "华北": 1.00},
    "2024H2": {"华东": 1.18, "华南": 1.02, "中西部": 1.12, "华北": 1.04},
    "2025H1": {"华东": 1.28, "华南": 0.95, "中西部": 1.15, "华北": 1.035},
}
# Growth of the H2 2025 targets over each region's H1 2025 actual, and the product-line tilt
# within a region (normalised so the region total holds).
H2_REGION_GROWTH = {"华东": 1.10, "华南": 1.22, "中西部": 1.30, "华北": 1.12}
H2_LINE_TILT = {"A系列": 1.00, "B系列": 1.08, "C系列": 1.30}
LINE_MIX = {  # share of the company's sales per product line
    "2023H2": {"A系列": 0.61, "B系列": 0.39, "C系列": 0.00},
    "2024H1": {"A系列": 0.53, "B系列": 0.35, "C系列": 0.12},
    "2024H2": {"A系列": 0.50, "B系列": 0.33, "C系列": 0.17},
    "2025H1": {"A系列": 0.48, "B系列": 0.30, "C系列": 0.22},
}
CHANNEL_MIX = {
    "2023H2": {"线上": 0.24, "线下": 0.64, "合作伙伴": 0.12},
    "2024H1": {"线上": 0.27, "线下": 0.60, "合作伙伴": 0.13},
    "2024H2": {"线上": 0.31, "线下": 0.55, "合作伙伴": 0.14},
    "2025H1": {"线上": 0.35, "线下": 0.50, "合作伙伴": 0.15},
}
SIZE_MIX = {
    "2023H2": {"大型": 0.47, "中型": 0.22, "小型": 0.20, "个人": 0.11},
    "2024H1": {"大型": 0.48, "中型": 0.21, "小型": 0.20, "个人": 0.11},
    "2024H2": {"大型": 0.49, "中型": 0.21, "小型": 0.20, "个人": 0.10},
    "2025H1": {"大型": 0.50, "中型": 0.20, "小型": 0.20, "个人": 0.10},
}
SEASON = {1: 0.95, 2: 0.78, 3: 1.00, 4: 1.02, 5: 1.05, 6: 1.20,
          7: 0.92, 8: 0.95, 9: 1.00, 10: 1.00, 11: 1.20, 12: 1.10}
TARGET_SEASON = {1: 0.98, 2: 0.85, 3: 1.00, 4: 1.02, 5: 1.05, 6: 1.10,
                 7: 0.95, 8: 0.96, 9: 1.00, 10: 1.02, 11: 1.12, 12: 1.08}
# Region x product-line tilt (华东 leans to the flagship, 中西部 to the new C系列).
REGION_LINE_TILT = {"华东": (1.25, 0.95, 0.75), "华南": (1.0, 1.05, 0.95),
                    "中西部": (0.85, 1.0, 1.35), "华北": (0.95, 1.1, 0.95)}
# How customers of each size buy: online, offline, partners.
SIZE_CHANNEL = {"大型": (0.12, 0.68, 0.20), "中型": (0.25, 0.55, 0.20),
                "小型": (0.45, 0.40, 0.15), "个人": (0.75, 0.20, 0.05)}
# Typical order amount in yuan, per size and product line.
TICKET = {"大型": (180_000, 120_000, 90_000), "中型": (45_000, 35_000, 30_000),
          "小型": (12_000, 10_000, 9_000), "个人": (3_200, 2_600, 2_200)}
# Customers per region who bought before the data window, per size; chance that an order
# comes from a customer never seen before; how many customers a region has (relative).
EXISTING = {"大型": 22, "中型": 60, "小型": 200, "个人": 500}
P_NEW = {"大型": 0.03, "中型": 0.07, "小型": 0.15, "个人": 0.55}
STICKY_C = {"大型": 0.9, "中型": 0.9, "小型": 0.85, "个人": 0.7}
REGION_WEIGHT = {"华东": 1.4, "华南": 1.0, "中西部": 0.8, "华北": 0.6}
C_REPURCHASE = {"2025H1": 0.70}  # share of C系列 buyers who had bought C系列 before

# Campaigns: name, type, start, end, cost (yuan), ROI, reach, eligible channels/regions/sizes.
CAMPAIGNS = [
    # 2023H2
    ("暑期焕新季", "线上促销", "2023-07-01", "2023-07-31", 601_500, 3.2, 420_000, ["线上"], None),
    ("行业展会参展", "线下展会", "2023-09-10", "2023-09-30", 798_000, 2.8, 86_000, ["线下"], None),
    ("国庆促销", "全渠道促销", "2023-09-20", "2023-10-10", 548_800, 3.6, 380_000, ["线上", "线下"], None),
    ("双11狂欢节", "全渠道促销", "2023-11-01", "2023-11-15", 903_200, 4.5, 960_000, ["线上", "线下"], None),
    ("渠道伙伴年会", "渠道大会", "2023-11-15", "2023-12-31", 596_400, 3.0, 12_000, ["合作伙伴"], None),
    ("华南客户答谢会", "客户活动", "2023-12-05", "2023-12-25", 452_600, 2.6, 9_000, ["线下"], ["华南"]),
    # 2024H1
    ("会员日专场", "会员营销", "2024-01-10", "2024-01-20", 348_900, 3.5, 260_000, ["线上", "线下"], None),
    ("春季新品发布会", "新品发布", "2024-03-01", "2024-03-20", 851_700, 3.9, 540_000, ["线上", "线下"], None),
    ("渠道伙伴大会", "渠道大会", "2024-02-15", "2024-04-15", 649_300, 3.3, 15_000, ["合作伙伴"], None),
    ("五一焕新季", "线上促销", "2024-04-20", "2024-05-10", 502_100, 3.8, 410_000, ["线上"], None),
    ("行业峰会赞助", "行业峰会", "2024-04-10", "2024-05-10", 597_600, 2.9, 32_000, ["线下"], None),
    ("618年中大促", "直播电商", "2024-05-25", "2024-06-20", 748_800, 4.6, 880_000, ["线上"], None),
    # 2024H2
    ("暑期焕新季", "线上促销", "2024-07-01", "2024-07-31", 551_200, 3.7, 450_000, ["线上"], None),
    ("中西部城市巡展", "区域巡展", "2024-08-01", "2024-09-20", 402_400, 3.1, 48_000, ["线下"], ["中西部"]),
    ("行业展会参展", "线下展会", "2024-09-10", "2024-09-30", 748_500, 3.2, 92_000, ["线下"], None),
    ("国庆促销", "全渠道促销", "2024-09-20", "2024-10-10", 497_700, 4.0, 400_000, ["线上", "线下"], None),
    ("双11狂欢节", "全渠道促销", "2024-11-01", "2024-11-15", 951_300, 5.2, 1_120_000, ["线上", "线下"], None),
    ("渠道伙伴年会", "渠道大会", "2024-11-15", "2024-12-31", 549_600, 3.5, 14_000, ["合作伙伴"], None),
    ("年终客户答谢会", "客户活动", "2024-12-05", "2024-12-25", 451_800, 3.0, 11_000, ["线下"], None),
    # 2025H1: 8 campaigns, 520万 in all, ROI 1:4.2 on average, 618 best, 华东巡展 worst
    ("会员日专场", "会员营销", "2025-01-10", "2025-01-20", 349_600, 4.2, 300_000, ["线上", "线下"], None),
    ("春季新品发布会", "新品发布", "2025-02-20", "2025-03-10", 851_200, 4.9, 620_000, ["线上", "线下"], None),
    ("渠道伙伴大会", "渠道大会", "2025-02-15", "2025-04-15", 698_300, 3.9, 18_000, ["合作伙伴"], None),
    ("华东区域巡展", "区域巡展", "2025-03-15", "2025-04-20", 902_400, 2.1, 65_000, ["线下"], ["华东"]),
    ("行业峰会赞助", "行业峰会", "2025-04-10", "2025-05-10", 598_700, 3.4, 36_000, ["线下"], None),
    ("五一焕新季", "线上促销", "2025-04-20", "2025-05-10", 550_900, 4.4, 520_000, ["线上"], None),
    ("跨界联名推广", "跨界联名", "2025-05-10", "2025-05-31", 449_200, 3.9, 680_000, ["线上"], None),
    ("618新品直播周", "直播电商", "2025-05-25", "2025-06-20", 799_500, 6.8, 1_050_000, ["线上"], None),
]

# Customer survey: mean score per question (0-100) and the share of A系列 respondents whose
# overall score is 80 or more; respondents per half-year.
SURVEY = {
    "2023H2": ((81, 85, 79, 78), 0.85, 420),
    "2024H1": ((82, 86, 80, 79), 0.88, 460),
    "2024H2": ((84, 87, 81, 78), 0.90, 500),
    "2025H1": ((85, 88, 82, 79), 0.92, 540),
}
# Key-account contracts due per half-year and how many were renewed (2025H1: 46/50 = 92%).
RENEWALS = {"2023H2": (38, 33), "2024H1": (40, 35), "2024H2": (44, 39), "2025H1": (50, 46)}
# Half-year KPI targets (one row per month, so a mean over any window gives the target).
KPI_TARGETS = {
    "online_share": {"2023H2": 0.24, "2024H1": 0.27, "2024H2": 0.30, "2025H1": 0.33, "2025H2": 0.40},
    "satisfaction": {"2023H2": 80, "2024H1": 82, "2024H2": 83, "2025H1": 84, "2025H2": 87},
    "key_renewal": {"2023H2": 0.85, "2024H1": 0.86, "2024H2": 0.88, "2025H1": 0.90, "2025H2": 0.93},
    "campaign_roi": {h: 3.0 for h in ["2023H2", "2024H1", "2024H2", "2025H1", "2025H2"]},
}
TEAMS = {"华东": 18, "华南": 15, "中西部": 12, "电商": 7}
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐韩冯邓曹彭曾")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰飞鹏宇浩凯琳晨")
CITIES = {"华东": "上海 杭州 南京 苏州 宁波 合肥".split(), "华南": "广州 深圳 东莞 佛山 厦门 南宁".split(),
          "中西部": "成都 重庆 武汉 长沙 西安 郑州".split(), "华北": "北京 天津 济南 青岛 石家庄".split()}


# --------------------------------------------------------------------------- cells


def ipf(seed: np.ndarray, margins: list[tuple[tuple[int, ...], np.ndarray]],
        rounds: int = 500) -> np.ndarray:
    """Iterative proportional fitting: scale seed until its sums over the given axes match."""
    x = seed.astype(float).copy()
    axes_all = tuple(range(x.ndim))
    for _ in range(rounds):
        worst = 0.0
        for keep, target in margins:
            other = tuple(a for a in axes_all if a not in keep)
            cur = x.sum(axis=other)
            with np.errstate(divide="ignore", invalid="ignore"):
                f = np.where(cur > 0, target / cur, 0.0)
            worst = max(worst, float(np.max(np.abs(f[cur > 0] - 1))))
            shape = [x.shape[a] if a in keep else 1 for a in axes_all]
            x *= f.reshape(shape)
        if worst < 1e-12:
            break
    return x


def half_cells(half: str) -> np.ndarray:
    """Yuan per cell [month, region, line, size, channel] of one half-year."""
    months = half_months(half)
    reg = np.array([REGION_SALES[half][r] for r in REGIONS]) * 1e4
    total = reg.sum()
    lines = np.array([LINE_MIX[half][x] for x in LINES]) * total
    # region x line table with the regional tilt, fitted to both margins
    rl_seed = np.array([REGION_LINE_TILT[r] for r in REGIONS]) + 1e-9
    rl = ipf(rl_seed * (lines > 0), [((0,), reg), ((1,), lines)])
    season = np.array([SEASON[int(m[5:])] for m in months])
    launched = np.array([[m >= C_LAUNCH or x != "C系列" for x in LINES] for m in months], float)
    # month x line: C系列 ramps up after its launch
    ramp = np.array([1.0 if m < C_LAUNCH else 1 + 0.25 * (int(m[5:]) % 6) for m in months])
    ml_seed = season[:, None] * launched * np.where(np.array(LINES) == "C系列", ramp[:, None], 1.0)
    seed = (ml_seed[:, None, :, None, None]
            * np.ones((1, len(REGIONS), 1, 1, 1))
            * np.array([SIZE_MIX[half][s] for s in SIZES])[None, None, None, :, None]
            * np.array([SIZE_CHANNEL[s] for s in SIZES])[None, None, None, :, :])
    # C系列 sells more to business customers than to individuals
    seed[:, :, 2, 3, :] *= 0.5
    mr = season[:, None] / season.sum() * reg[None, :]
    chan = np.array([CHANNEL_MIX[half][c] for c in CHANNELS]) * total
    size = np.array([SIZE_MIX[half][s] for s in SIZES]) * total
    return ipf(seed, [((0, 1), mr), ((1, 2), rl), ((3,), size), ((4,), chan)])


def split_cents(rng, total_cents: int, n: int, sigma: float = 0.55) -> np.ndarray:
    """n lognormal amounts in cents, at least 1 yuan each, adding up to exactly total_cents."""
    w = rng.lognormal(0.0, sigma, n)
    cents = np.maximum(np.floor(w / w.sum() * total_cents).astype(np.int64), 100)
    cents[np.argmax(cents)] += total_cents - int(cents.sum())
    return cents


def day_weights(month: str, channel: str, size: str) -> tuple[list[dt.date], np.ndarray]:
    """Days of a month and how likely an order of this channel and size falls on each."""
    y, m = map(int, month.split("-"))
    days = [dt.date(y, m, d) for d in range(1, calendar.monthrange(y, m)[1] + 1)]
    w = []
    for d in days:
        x = (1.05 if size == "个人" else 0.45) if d.weekday() >= 5 else 1.0
        if channel == "线上":
            if m == 6 and d.day <= 18:
                x *= 4.0 if d.day == 18 else 2.0
            if m == 11 and d.day <= 11:
                x *= 6.0 if d.day == 11 else 2.2
        if dt.date(y, 1, 1) == d or (m == 10 and d.day <= 7):
            x *= 0.4
        w.append(x)
    w = np.array(w)
    return days, w / w.sum()


# --------------------------------------------------------------------------- orders


class Customers:
    """Customers belong to one region and one size class; most buy many times."""

    def __init__(self, rng):
        self.rng = rng
        self.region: list[str] = []
        self.size: list[str] = []
        self.existing: list[bool] = []
        self.weight: list[float] = []
        self.known: list[set[str]] = []  # product lines bought before the data window
        self.pools: dict[tuple[str, str], list[int]] = {}
        self._cum: dict[tuple, np.ndarray] = {}
        self.buyers: dict[tuple[str, str, str], list[int]] = {}  # (region, size, line) -> customers

    def add(self, region: str, size: str, existing: bool) -> int:
        self.region.append(region)
        self.size.append(size)
        self.existing.append(existing)
        self.weight.append(float(self.rng.lognormal(0.0, 0.9)))
        known = set()
        if existing:
            known |= {x for x, p in (("A系列", 0.75), ("B系列", 0.5)) if self.rng.random() < p}
        self.known.append(known)
        self.pools.setdefault((region, size), []).append(len(self.region) - 1)
        self._cum.pop((region, size), None)
        return len(self.region) - 1

    def _draw(self, key: tuple, pool: list[int]) -> int:
        if key not in self._cum:
            self._cum[key] = np.cumsum([self.weight[i] for i in pool])
        cum = self._cum[key]
        j = int(np.searchsorted(cum, self.rng.random() * cum[-1], side="right"))
        return pool[min(j, len(cum) - 1)]

    def pick(self, region: str, size: str, line: str) -> int:
        """A customer for the next order: a C系列 order mostly comes from a customer who has
        bought C系列 before (it is reordered like a consumable); otherwise sometimes a new
        customer, else an existing one drawn by how often each reorders."""
        prior = self.buyers.setdefault((region, size, line), [])
        if line == "C系列" and prior and self.rng.random() < STICKY_C[size]:
            c = self._draw((region, size, line), prior)
        elif self.rng.random() < P_NEW[size]:
            c = self.add(region, size, existing=False)
        else:
            c = self._draw((region, size), self.pools[(region, size)])
        if line not in self.known[c] and c not in prior:
            prior.append(c)
            self._cum.pop((region, size, line), None)
        return c


def make_orders(rng) -> tuple[pd.DataFrame, Customers]:
    cust = Customers(rng)
    for r, s in itertools.product(REGIONS, SIZES):
        for _ in range(round(EXISTING[s] * REGION_WEIGHT[r])):
            cust.add(r, s, existing=True)
    rows = []
    for half in HALVES:
        cells = half_cells(half)
        for mi, month in enumerate(half_months(half)):
            for ri, li, si, ci in itertools.product(range(4), range(3), range(4), range(3)):
                yuan = cells[mi, ri, li, si, ci]
                if yuan < 1:
                    continue
                size, channel = SIZES[si], CHANNELS[ci]
                ticket = TICKET[size][li]
                n = max(1, int(round(yuan / ticket)))
                cents = split_cents(rng, int(round(yuan * 100)), n)
                days, p = day_weights(month, channel, size)
                for c, d in zip(cents, rng.choice(len(days), n, p=p)):
                    rows.append((days[d], REGIONS[ri], LINES[li], size, channel, int(c),
                                 float(rng.random())))
    df = pd.DataFrame(rows, columns=["order_date", "region", "product_line", "customer_size",
                                     "channel", "cents", "tie"])
    df = df.sort_values(["order_date", "tie"], kind="stable").reset_index(drop=True)
    df["customer"] = [cust.pick(r, s, x) for r, s, x in
                      zip(df["region"], df["customer_size"], df["product_line"])]
    return df, cust


def flags(df: pd.DataFrame, cust: Customers) -> pd.DataFrame:
    """first_order: a customer's first order ever; repeat: bought this product line before."""
    seen: set[int] = set()
    known = [set(k) for k in cust.known]
    first, repeat = [], []
    for c, line in zip(df["customer"], df["product_line"]):
        first.append(int(c not in seen and not cust.existing[c]))
        seen.add(c)
        repeat.append(int(line in known[c]))
        known[c].add(line)
    return df.assign(first_order=first, repeat=repeat)


def repurchase_rate(df: pd.DataFrame, months: list[str]) -> tuple[float, pd.DataFrame]:
    """Share of a period's C系列 buyers with a C系列 order before (nobody had one before the
    launch, so that is any earlier C系列 order); with those orders and their repeat flags."""
    c = df[df["product_line"] == "C系列"]
    c = c.assign(repeat=c["customer"].duplicated().astype(int))
    sub = c[c["month"].isin(months)]
    return sub.loc[sub["repeat"] == 1, "customer"].nunique() / sub["customer"].nunique(), sub


def tune_repurchase(rng, df: pd.DataFrame, cust: Customers) -> pd.DataFrame:
    """Move C系列 orders of the last half-year between customers of the same region and size
    until the share of C系列 buyers who had bought C系列 before is the quoted one."""
    for half, goal in C_REPURCHASE.items():
        months = half_months(half)
        for _ in range(200):
            rate, sub = repurchase_rate(df, months)
            if abs(rate - goal) < 0.002:
                break
            per = sub.groupby("customer").agg(n=("repeat", "size"), rep=("repeat", "max"))
            buyers, repeaters = len(per), int(per["rep"].sum())
            if rate < goal:  # one-time buyers' orders go to earlier C系列 buyers of their pool
                moves = max(1, int((goal * buyers - repeaters) / (1 + goal) / 2))
                once = per[(per["n"] == 1) & (per["rep"] == 0)].index.to_numpy()
                for c in rng.choice(once, min(moves, len(once)), replace=False):
                    i = sub.index[sub["customer"] == c][0]
                    r, s, day = df.at[i, "region"], df.at[i, "customer_size"], df.at[i, "order_date"]
                    mates = sub.loc[(sub["region"] == r) & (sub["customer_size"] == s)
                                    & (sub["customer"] != c) & (sub["order_date"] < day),
                                    "customer"].unique()
                    if len(mates):
                        df.at[i, "customer"] = int(rng.choice(mates))
            else:  # repeat buyers' last orders go to new customers
                moves = max(1, int((repeaters - goal * buyers) / goal / 2))
                many = per[per["n"] >= 2].index.to_numpy()
                for c in rng.choice(many, min(moves, len(many)), replace=False):
                    i = sub.index[sub["customer"] == c][-1]
                    df.at[i, "customer"] = cust.add(df.at[i, "region"], df.at[i, "customer_size"],
                                                    existing=False)
        else:
            raise RuntimeError(f"could not reach the C系列 repurchase rate for {half}")
    return flags(df, cust)


def attribute_campaigns(rng, df: pd.DataFrame) -> pd.Series:
    """Campaign id per order: each campaign gets eligible orders in its dates until the
    attributed revenue reaches cost x ROI (and exceeds it by at most 0.3%)."""
    out = pd.Series("", index=df.index, dtype=object)
    for k, (name, _t, start, end, cost, roi, _reach, chans, regs) in enumerate(CAMPAIGNS):
        ok = ((df["order_date"] >= dt.date.fromisoformat(start))
              & (df["order_date"] <= dt.date.fromisoformat(end))
              & df["channel"].isin(chans) & (out == ""))
        if regs:
            ok &= df["region"].isin(regs)
        idx = df.index[ok].to_numpy()
        goal, cur = round(cost * roi * 100), 0
        # small orders first in a random order close the gap; large ones only while they fit
        for i in idx[np.argsort(rng.exponential(size=len(idx)) * df.loc[idx, "cents"].to_numpy() ** 0.3,
                                kind="stable")]:
            c = int(df.at[i, "cents"])
            if cur + c <= goal * 1.003:
                out[i] = campaign_id(k)
                cur += c
            if cur >= goal:
                break
        else:
            raise RuntimeError(f"campaign {name} {start}: eligible orders cover only {cur / goal:.1%}")
    return out


def campaign_id(k: int) -> str:
    """MK + two-digit year + number of the campaign within its year (MK2508)."""
    start = CAMPAIGNS[k][2]
    same = [j for j in range(k) if CAMPAIGNS[j][2][:4] == start[:4]]
    return f"MK{start[2:4]}{len(same) + 1:02d}"


CAMPAIGN_NAMES = {campaign_id(k): c[0] for k, c in enumerate(CAMPAIGNS)}


def company_name(rng, region: str, size: str, used: set[str]) -> str:
    parts = (list("华恒瑞博远景泰鼎盛嘉信诚和中元天"), list("科创达通联丰宏润星汇德海安"),
             {"大型": ["集团有限公司", "股份有限公司"], "中型": ["科技有限公司", "实业有限公司"],
              "小型": ["贸易有限公司", "商贸有限公司", "工作室"]}[size])
    while True:
        name = str(rng.choice(CITIES[region])) + "".join(str(rng.choice(p)) for p in parts)
        if name not in used:
            used.add(name)
            return name


# --------------------------------------------------------------------------- other tables


def round_split(total: float, weights: np.ndarray, unit: float) -> np.ndarray:
    """total rounded to unit, split in proportion to weights into multiples of unit that add
    up to it exactly (largest remainders get the leftover units)."""
    n_units = int(round(total / unit))
    raw = weights / weights.sum() * n_units
    out = np.floor(raw).astype(np.int64)
    for i in np.argsort(-(raw - out), kind="stable")[: n_units - int(out.sum())]:
        out[i] += 1
    return out * unit


def make_targets() -> pd.DataFrame:
    """Monthly sales targets per region and product line, and the company's KPI targets.
    Region targets are round to 10万 and split over product lines in multiples of 10万."""
    rows = []
    for half in HALVES + ["2025H2"]:
        months = half_months(half)
        if half == "2025H2":  # H1 2025 actual x growth, tilted to the faster product lines
            act = half_cells("2025H1").sum(axis=(0, 3, 4))
            reg = np.array([act[i].sum() * H2_REGION_GROWTH[r] for i, r in enumerate(REGIONS)])
            mix = act * np.array([H2_LINE_TILT[x] for x in LINES])[None, :]
        else:
            reg = np.array([REGION_SALES[half][r] / REGION_ACH[half][r] for r in REGIONS]) * 1e4
            line = np.array([LINE_MIX[half][x] for x in LINES])
            if line[2] > 0:  # targets expected a little more of the flagship than it sold
                line = line + np.array([0.02, 0.0, -0.02])
            mix = np.tile(line, (len(REGIONS), 1))
        rl = np.array([round_split(reg[i], mix[i], 1e5) for i in range(len(REGIONS))])
        season = np.array([TARGET_SEASON[int(m[5:])] for m in months])
        launched = np.array([[m >= C_LAUNCH or x != "C系列" for x in LINES] for m in months], float)
        for ri, r in enumerate(REGIONS):
            for li, x in enumerate(LINES):
                w = season * launched[:, li]
                if w.sum() == 0 or rl[ri, li] <= 0:
                    continue
                vals = np.round(rl[ri, li] * w / w.sum(), -3)
                vals[-1] += round(rl[ri, li], -3) - vals.sum()
                rows += [(m, "sales", r, x, str(int(v))) for m, v in zip(months, vals) if v > 0]
        for metric, per_half in KPI_TARGETS.items():
            rows += [(m, metric, "", "", f"{per_half[half]:g}") for m in months]
    return pd.DataFrame(rows, columns=["month", "metric", "region", "product_line", "target"])


def exact_scores(rng, n: int, mean: int, sd: float, lo: int = 40, hi: int = 100,
                 fixed: np.ndarray | None = None) -> np.ndarray:
    """n integer scores whose sum is exactly n x mean (fixed scores are kept as they are)."""
    x = np.clip(np.round(rng.normal(mean, sd, n)), lo, hi).astype(int)
    free = np.ones(n, bool)
    if fixed is not None:
        x[: len(fixed)], free[: len(fixed)] = fixed, False
    diff = n * mean - int(x.sum())
    while diff:
        step = 1 if diff > 0 else -1
        cand = np.flatnonzero(free & ((x < hi) if step > 0 else (x > lo)))
        pick = rng.choice(cand, min(abs(diff), len(cand)), replace=False)
        x[pick] += step
        diff -= step * len(pick)
    return x


def make_survey(rng, df: pd.DataFrame) -> pd.DataFrame:
    rows = []
    seq = itertools.count(1)
    for half in HALVES:
        means, a_share, n = SURVEY[half]
        months = half_months(half)
        buyers = df[df["month"].isin(months) & (df["customer_size"] != "个人")]
        pick = buyers.loc[rng.choice(buyers.index, n, replace=False)]
        pick = pick.sort_values("product_line", kind="stable")  # A系列 first
        n_a = int((pick["product_line"] == "A系列").sum())
        high = round(a_share * n_a)
        a_scores = np.concatenate([rng.integers(80, 100, high, endpoint=True),
                                   rng.integers(62, 79, n_a - high, endpoint=True)])
        overall = exact_scores(rng, n, means[0], 9, fixed=a_scores)
        others = [exact_scores(rng, n, mu, 9) for mu in means[1:]]
        first = dt.date(int(half[:4]), int(months[0][5:]), 1)
        span = (dt.date(int(half[:4]) + (half[-1] == "2"), 1 if half[-1] == "2" else 7, 1) - first).days
        dates = sorted(first + dt.timedelta(days=int(d)) for d in rng.integers(0, span, n))
        order = rng.permutation(n)
        for k, j in enumerate(order):
            rec = pick.iloc[j]
            rid = f"S{half[2:4]}{half[-1]}{next(seq):05d}"
            for q, scores in zip(QUESTIONS, [overall, *others]):
                rows.append((rid, dates[k].isoformat(), f"C{int(rec['customer']) + 1:05d}",
                             rec["customer_size"], rec["product_line"], q, int(scores[j])))
    return pd.DataFrame(rows, columns=["response_id", "survey_date", "customer_id", "customer_size",
                                       "product_line", "question", "score"])


def make_renewals(rng, df: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    rows = []
    big = df[df["customer_size"] == "大型"].groupby("customer")["cents"].sum()
    accounts = big.sort_values(ascending=False, kind="stable").index.to_numpy()[:220]
    accounts = rng.permutation(accounts)
    k = 0
    for half in HALVES:
        due, renewed = RENEWALS[half]
        months = half_months(half)
        flags_ = np.array([1] * renewed + [0] * (due - renewed))[rng.permutation(due)]
        for j in range(due):
            c = int(accounts[k % len(accounts)])
            k += 1
            m = months[int(rng.integers(0, 6))]
            day = int(rng.integers(1, calendar.monthrange(int(m[:4]), int(m[5:]))[1] + 1))
            value = int(round(big[c] / 100 * rng.uniform(0.5, 0.9), -3))
            rows.append((f"KA{m[2:4]}{m[5:]}{j + 1:03d}", f"C{c + 1:05d}", names[c],
                         df.loc[df["customer"] == c, "region"].iloc[0],
                         "A级" if value >= 2_000_000 else "B级", f"{m}-{day:02d}",
                         str(value), int(flags_[j])))
    out = pd.DataFrame(rows, columns=["contract_id", "customer_id", "customer_name", "region", "tier",
                                      "contract_end", "annual_value", "renewed"])
    return out.sort_values(["contract_end", "contract_id"], kind="stable").reset_index(drop=True)


def make_team(rng) -> pd.DataFrame:
    roles = {"华东": ["区域经理", "大客户经理", "大客户经理", "大客户经理"] + ["销售代表"] * 12 + ["销售运营"] * 2,
             "华南": ["区域经理", "大客户经理", "大客户经理"] + ["销售代表"] * 10 + ["销售运营"] * 2,
             "中西部": ["区域经理", "大客户经理", "大客户经理"] + ["销售代表"] * 8 + ["销售运营"],
             "电商": ["电商经理", "直播运营", "直播运营", "店铺运营", "店铺运营", "客服主管", "数据分析"]}
    manager_years = {"华东": 10, "华南": 8, "中西部": 7, "电商": 7}  # mean 8
    high_potential = {"华东": 3, "华南": 3, "中西部": 2, "电商": 1}  # 9 of 52
    used, rows, k = set(), [], 0
    for team, n in TEAMS.items():
        hp = set(rng.choice(np.arange(1, n), high_potential[team], replace=False).tolist())
        for j, role in enumerate(roles[team]):
            k += 1
            name = ""
            while not name or name in used:
                name = str(rng.choice(SURNAMES)) + "".join(
                    str(rng.choice(GIVEN)) for _ in range(int(rng.integers(1, 3))))
            used.add(name)
            years = manager_years[team] if j == 0 else int(rng.integers(1, 9))
            hired = dt.date(2025, 6, 30) - dt.timedelta(days=int(rng.integers(120, 365 * min(years, 8) + 121)))
            rows.append((f"E{k:03d}", name, team, role, hired.isoformat(), years, int(j in hp)))
    return pd.DataFrame(rows, columns=["employee_id", "name", "team", "role", "hire_date",
                                       "years_experience", "high_potential"])


def generate(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    df, cust = make_orders(rng)
    df["month"] = [d.strftime("%Y-%m") for d in df["order_date"]]
    df = tune_repurchase(rng, df, cust)
    df["campaign_id"] = attribute_campaigns(rng, df)
    used: set[str] = set()
    names = {c: company_name(rng, cust.region[c], cust.size[c], used)
             for c in sorted(set(df["customer"])) if cust.size[c] != "个人"}
    seq = df.groupby("month").cumcount() + 1
    orders = pd.DataFrame({
        "order_id": [f"SO{m[2:4]}{m[5:]}{s:05d}" for m, s in zip(df["month"], seq)],
        "order_date": [d.isoformat() for d in df["order_date"]],
        "customer_id": [f"C{c + 1:05d}" for c in df["customer"]],
        "customer_size": df["customer_size"], "region": df["region"],
        "product_line": df["product_line"], "channel": df["channel"],
        "amount": [f"{c // 100}.{c % 100:02d}" for c in df["cents"]],
        "campaign_id": df["campaign_id"],
        "campaign": df["campaign_id"].map(lambda k: CAMPAIGN_NAMES.get(k, "")),
        "first_order": df["first_order"],
        "repeat": df["repeat"]})
    camps = pd.DataFrame([(campaign_id(k), name, kind, start, end, str(cost), str(reach), "、".join(ch),
                           "、".join(regs) if regs else "全国")
                          for k, (name, kind, start, end, cost, _roi, reach, ch, regs)
                          in enumerate(CAMPAIGNS)],
                         columns=["campaign_id", "campaign", "campaign_type", "start_date",
                                  "end_date", "cost", "reach", "channels", "regions"])
    tables = {"orders": orders, "targets": make_targets(), "campaigns": camps,
              "survey": make_survey(rng, df), "renewals": make_renewals(rng, df, names),
              "team": make_team(rng)}
    for name, table in tables.items():
        table.to_csv(out / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
    for name, text in (("facts.yaml", facts_yaml(FACTS_ZH, FACTS_HEADER_ZH)),
                       ("facts_en.yaml", facts_yaml(FACTS_EN, FACTS_HEADER_EN))):
        (out / name).write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {len(orders):,} orders, {len(camps)} campaigns, "
          f"{len(tables['survey']) // 4} survey responses to {out}")


# --------------------------------------------------------------------------- facts

FACTS_HEADER_ZH = """\
# 2025年上半年营销工作汇报的定性内容（由营销中心整理，不来自数据计算）。
# 每一项都是 {heading, body}；competitors 另有 insight（我方应对），risks 另有 level（高 / 中 / 低）、
# response 与 owner；actions 为 measure / owner / start / due / status。
"""
FACTS_HEADER_EN = """\
# Qualitative items of the H1 2025 marketing report (written by the marketing office, not
# computed from data). Each item is {heading, body}; competitors also have insight (our
# response), risks level (High / Medium / Low), response and owner; actions have measure /
# owner / start / due / status.
"""
FACTS_ZH: dict = {
    "positioning": {
        "heading": "市场竞争格局下的战略定位",
        "body": "行业加速向高端化、定制化演进，头部企业产品迭代明显加快。公司定位为技术驱动的"
                "解决方案提供商，以线上线下全渠道整合和定制化服务构建差异化优势。"},
    "trends": [
        {"heading": "消费需求升级", "body": "客户对产品品质、个性化配置和服务体验的要求持续提高，"
                                        "行业向高端化、定制化方向发展，产品矩阵需按细分需求优化。"},
        {"heading": "技术驱动转型", "body": "智能客服、大数据选品等数字化工具加速普及，成为提升运营效率"
                                        "和客户粘性的核心手段，也是降本增效的主要抓手。"},
        {"heading": "渠道融合深化", "body": "直播电商、社群营销与传统门店、经销网络相互补充，"
                                        "客户的购买路径和品牌触达方式正在被重构。"},
        {"heading": "绿色消费政策导向", "body": "环保材料和可持续包装同时受到政策与客户认可，提前布局"
                                          "绿色产品与服务，有助于塑造差异化品牌形象。"}],
    "competitors": [
        {"heading": "竞品A：跨界联名", "body": "以限量联名款吸引年轻客群，社交媒体声量快速上升，"
                                           "对我司华东年轻客户形成分流。",
         "insight": "应对：强化技术卖点，择机推出联名限定款。"},
        {"heading": "竞品B：渠道下沉", "body": "在三四线城市密集开设体验店，并上线社区团购小程序，"
                                           "下沉市场份额明显提升。",
         "insight": "应对：中西部加快体验店与社群布局。"},
        {"heading": "竞品C：会员折扣", "body": "推出会员阶梯折扣叠加季度满减，短期拉动客单价，"
                                           "但利润率随之下滑，价格战风险上升。",
         "insight": "应对：以增值服务包替代直接降价。"},
        {"heading": "竞品D：技术壁垒", "body": "发布搭载智能交互系统的新一代产品，并通过专利布局"
                                           "构筑技术壁垒，预订势头强劲。",
         "insight": "应对：加快新品迭代与专利申报。"}],
    "consumers": [
        {"heading": "品质与体验需求升级", "body": "企业客户更看重产品可靠性与全周期服务，个人客户更在意"
                                              "个性化配置，单纯比价的客户比例在下降。"},
        {"heading": "线上决策比重上升", "body": "越来越多的采购从线上内容和直播开始了解产品，"
                                            "线上线下一致的价格与服务成为成交前提。"},
        {"heading": "可持续消费意识增强", "body": "环保材料、以旧换新和延保服务更受关注，"
                                              "绿色方案正在成为大客户招标的加分项。"},
        {"heading": "低线城市潜力释放", "body": "低线城市消费能力稳步提升，对高性价比和本地化服务的需求"
                                            "旺盛，是开拓增量市场的重要突破口。"}],
    "cases": [
        {"heading": "线上线下联动推广", "body": "直播预热与门店体验活动同步开展，线上领券、到店核销，"
                                            "把线上流量转化为门店成交。"},
        {"heading": "社交媒体与传统媒体协同", "body": "KOL内容种草与行业媒体投放同步进行，"
                                                  "品牌声量与新客获取同时提升。"},
        {"heading": "会员体系跨渠道运营", "body": "打通线上线下会员权益与积分，会员在任一渠道消费"
                                              "均可累计，复购频次明显提高。"},
        {"heading": "数据驱动的渠道优化", "body": "按活动和渠道追踪转化效果，每月复盘后把预算"
                                              "向高回报渠道倾斜。"}],
    "roi_actions": [
        {"heading": "小投入、多频次测试", "body": "新活动先做小规模试点，用A/B测试筛选创意方向，"
                                              "验证回报后再放大投入。"},
        {"heading": "低效活动止损机制", "body": "对投入产出比持续低于基准的活动类型暂停投放，"
                                            "启动复盘整改，整改后再恢复。"},
        {"heading": "复制高回报打法", "body": "把直播周“内容种草+限时转化”的组合沉淀为标准流程，"
                                          "推广到区域活动和大促节点。"},
        {"heading": "前置市场调研", "body": "区域活动立项前先做客群与场地评估，"
                                        "避免活动形式与区域客户偏好错配。"}],
    "key_account_practices": [
        {"heading": "分层服务体系", "body": "按贡献度、合作潜力和战略匹配度把客户分为三级，"
                                        "A级客户配置专属客户经理团队，全天候响应。"},
        {"heading": "“1+N”深度服务", "body": "一名主责经理加若干技术与方案专家，"
                                          "每季度与重点客户开展一次战略复盘。"}],
    "satisfaction_actions": [
        {"heading": "服务响应提速", "body": "售后工单实行限时响应与分级处理，重点客户问题由专人跟进到底。"},
        {"heading": "价格价值沟通", "body": "以“价值定价+增值服务”回应价格敏感，用服务包和延保替代直接降价。"},
        {"heading": "反馈闭环", "body": "整合CRM、客服工单和拜访记录，形成收集、分析、改进、验证的管理闭环。"}],
    "talent": [
        {"heading": "关键岗位人才盘点", "body": "完成区域经理、大客户经理等核心岗位的人才画像，"
                                            "建立后备梯队名单。"},
        {"heading": "定制化培养计划", "body": "高潜人才实行“轮岗实践+专项赋能”培养，覆盖销售、市场、"
                                          "售后与大客户谈判。"},
        {"heading": "双通道晋升", "body": "专业序列与管理序列并行，通过内部竞聘选拔区域后备管理者。"},
        {"heading": "激励机制优化", "body": "提成向核心产品和新客户开发倾斜，并把客户留存纳入考核。"}],
    "collaboration": [
        {"heading": "协同流程标准化", "body": "制定跨部门项目协作手册，明确需求提报、资源对接和进度同步"
                                          "各节点的责任与时限。"},
        {"heading": "统一沟通平台", "body": "上线协同管理系统，销售、市场、技术共用数据看板，"
                                        "需求与进度实时共享。"},
        {"heading": "考核激励联动", "body": "跨部门项目实行KPI共担，把销售达成与技术支持响应、"
                                        "活动转化挂钩。"},
        {"heading": "冲突快速响应", "body": "设立跨部门协调机制，资源争夺、流程卡点等问题限时裁定。"}],
    "bottlenecks": [
        {"heading": "数字化工具应用不深", "body": "CRM客户数据录入不完整，漏斗分析功能使用率低，"
                                              "客户画像模糊，影响精准营销。"},
        {"heading": "考核导向偏短期", "body": "考核偏重销售额，客户留存和利润贡献权重不足，"
                                          "部分团队过度追求短期业绩。"}],
    "risks": [
        {"heading": "宏观经济波动", "level": "中", "owner": "战略部",
         "body": "经济增速放缓可能抑制企业采购预算。",
         "response": "按月跟踪宏观指标，滚动调整生产与库存计划"},
        {"heading": "行业竞争加剧", "level": "高", "owner": "营销中心",
         "body": "头部企业以价格战和渠道扩张抢占份额。",
         "response": "强化竞品监测，巩固技术与服务差异化"},
        {"heading": "政策法规变动", "level": "中", "owner": "法务部",
         "body": "环保与贸易政策调整可能抬高合规成本。",
         "response": "建立政策跟踪机制，提前准备合规方案"},
        {"heading": "供应链稳定性", "level": "高", "owner": "供应链部",
         "body": "原材料价格波动和物流中断可能造成缺货。",
         "response": "拓展多元供应商，关键物料设置安全库存"}],
    "strategies": [
        {"heading": "区域市场优先级", "body": "华东深耕存量客户升级，中西部复制试点城市经验，"
                                          "华南依托新签战略伙伴加快放量。"},
        {"heading": "客户分层开发", "body": "高价值客户配置专属服务团队，新客户通过行业垂直渠道定向开发。"},
        {"heading": "渠道融合创新", "body": "深化直播电商与社群营销，线下在低线城市增设体验店，"
                                        "推行“线上引流+线下交付”闭环。"},
        {"heading": "差异化竞争", "body": "以定制化服务和技术升级应对价格战，捆绑销售替代直接降价。"}],
    "actions": [
        {"measure": "华南战略伙伴联合营销", "owner": "华南区域经理", "start": "2025-07-01",
         "due": "2025-09-30", "status": "进行中"},
        {"measure": "中西部试点城市复制推广", "owner": "中西部区域经理", "start": "2025-07-15",
         "due": "2025-10-31", "status": "进行中"},
        {"measure": "双11全渠道大促筹备", "owner": "电商经理", "start": "2025-09-01",
         "due": "2025-11-15", "status": "未开始"},
        {"measure": "CRM数据治理与漏斗看板", "owner": "销售运营", "start": "2025-07-01",
         "due": "2025-08-31", "status": "进行中"},
        {"measure": "考核方案加入留存与利润指标", "owner": "人力资源部", "start": "2025-08-01",
         "due": "2025-09-30", "status": "未开始"},
        {"measure": "年度客户满意度复测", "owner": "客户服务部", "start": "2025-11-01",
         "due": "2025-12-20", "status": "未开始"}],
}
FACTS_EN: dict = {
    "positioning": {
        "heading": "Strategic positioning",
        "body": "The industry is moving up-market and towards customisation, and the leaders iterate "
                "faster. We position ourselves as a technology-led solution provider, set apart by "
                "integrated online and offline channels and customised service."},
    "trends": [
        {"heading": "Rising expectations", "body": "Customers ask more of quality, configuration and "
                                                  "service; the market moves up-market and towards "
                                                  "customisation, and the range must follow."},
        {"heading": "Technology-led change", "body": "AI service desks and data-driven assortment "
                                                    "spread fast; they are now the main levers of "
                                                    "efficiency and customer loyalty."},
        {"heading": "Channels converge", "body": "Live commerce and communities complement stores and "
                                                "distributors, reshaping how customers find and buy "
                                                "products."},
        {"heading": "Green policy", "body": "Sustainable materials and packaging win favour with "
                                           "regulators and buyers alike; moving early builds a "
                                           "distinct brand."}],
    "competitors": [
        {"heading": "Competitor A", "body": "Co-branding: limited editions win young buyers and "
                                            "social buzz, drawing young customers away from us in "
                                            "East China.",
         "insight": "Response: stress our technology; try a limited edition."},
        {"heading": "Competitor B", "body": "Smaller cities: new showrooms and a community "
                                            "group-buying app; its share there is rising.",
         "insight": "Response: more showrooms in the West."},
        {"heading": "Competitor C", "body": "Discounts: tiered member prices plus quarterly deals "
                                            "lift its basket size but erode its margin.",
         "insight": "Response: service packs, not price cuts."},
        {"heading": "Competitor D", "body": "Technology: a new generation with smart interaction, "
                                            "guarded by patents; pre-orders are strong.",
         "insight": "Response: faster releases, more patents."}],
    "consumers": [
        {"heading": "Quality and experience", "body": "Companies value reliability and life-cycle "
                                                     "service, individuals value personal "
                                                     "configuration; fewer buy on price alone."},
        {"heading": "Decisions start online", "body": "More purchases begin with online content and "
                                                     "live streams; the same price and service in "
                                                     "every channel is a must."},
        {"heading": "Sustainability counts", "body": "Green materials, trade-in and extended warranty "
                                                    "draw interest and now score points in large "
                                                    "customers' tenders."},
        {"heading": "Smaller cities grow", "body": "Spending power in smaller cities keeps rising; "
                                                  "value-for-money products with local service open "
                                                  "new demand."}],
    "cases": [
        {"heading": "Online meets offline", "body": "Live-stream previews ran alongside in-store "
                                                   "events: coupons claimed online, redeemed in "
                                                   "store."},
        {"heading": "Social and trade media", "body": "Influencer content and trade-media placements "
                                                     "ran together, lifting both reach and new "
                                                     "customers."},
        {"heading": "One membership", "body": "Benefits and points now work in every channel, and "
                                             "members buy again more often."},
        {"heading": "Data-driven budgets", "body": "Conversion is tracked per campaign and channel; "
                                                  "each month budget moves to the best returns."}],
    "roi_actions": [
        {"heading": "Test small, often", "body": "Pilot new campaigns on a small scale and A/B-test the "
                                                "creative before scaling up."},
        {"heading": "Stop the losers", "body": "Pause campaign types that stay below the benchmark, "
                                              "review them and resume only once fixed."},
        {"heading": "Copy the winners", "body": "Turn the live-stream week's \"seed content, then "
                                               "time-limited offer\" play into a standard for "
                                               "regional events."},
        {"heading": "Research first", "body": "Assess audience and venue before approving a regional "
                                             "event, so its format fits local customers."}],
    "key_account_practices": [
        {"heading": "Tiered service", "body": "Accounts are tiered by contribution, potential and fit; "
                                             "tier-A accounts get a dedicated team on call around "
                                             "the clock."},
        {"heading": "\"1+N\" service", "body": "One account lead plus technical and solution experts; "
                                              "a strategy review with each key account every "
                                              "quarter."}],
    "satisfaction_actions": [
        {"heading": "Faster service", "body": "Service tickets get deadlines and priorities; one "
                                             "owner per key-account issue."},
        {"heading": "Price and value", "body": "Answer price sensitivity with value pricing and "
                                              "service packs instead of discounts."},
        {"heading": "Closed feedback loop", "body": "CRM, service tickets and visit notes feed one "
                                                   "loop: collect, analyse, improve, verify."}],
    "talent": [
        {"heading": "Key-role review", "body": "Profiles for regional and key-account managers are "
                                              "done; a succession list is in place."},
        {"heading": "Tailored development", "body": "High-potential staff rotate through sales, "
                                                   "marketing and service and train in key-account "
                                                   "negotiation."},
        {"heading": "Two career tracks", "body": "Specialist and management tracks run side by side; "
                                                "internal selection finds future regional "
                                                "leaders."},
        {"heading": "Better incentives", "body": "Commission favours core products and new customers; "
                                                "retention now counts in reviews."}],
    "collaboration": [
        {"heading": "Standard process", "body": "A cross-team playbook sets owners and deadlines for "
                                               "requests, resources and progress updates."},
        {"heading": "One platform", "body": "Sales, marketing and engineering share dashboards; "
                                           "requests and progress are visible to all."},
        {"heading": "Shared KPIs", "body": "Joint projects share KPIs that tie sales to technical "
                                          "support response and campaign conversion."},
        {"heading": "Quick escalation", "body": "Conflicts over resources or blocked steps are settled "
                                               "within a set time."}],
    "bottlenecks": [
        {"heading": "Tools underused", "body": "CRM records are incomplete and funnel analysis is "
                                              "rarely used, so customer profiles stay vague."},
        {"heading": "Short-term incentives", "body": "Reviews weigh sales volume; retention and profit "
                                                    "count too little, which rewards short-term "
                                                    "wins."}],
    "risks": [
        {"heading": "Economic slowdown", "level": "Medium", "owner": "Strategy",
         "body": "Slower growth may cut corporate budgets.",
         "response": "Track indicators monthly; adjust production and stock"},
        {"heading": "Fiercer competition", "level": "High", "owner": "Marketing",
         "body": "Leaders fight for share with price and reach.",
         "response": "Watch competitors; sharpen technology and service"},
        {"heading": "Regulatory change", "level": "Medium", "owner": "Legal",
         "body": "New environmental or trade rules may raise costs.",
         "response": "Follow policy; prepare compliance plans early"},
        {"heading": "Supply chain", "level": "High", "owner": "Supply chain",
         "body": "Price swings and logistics breaks may cause shortages.",
         "response": "More suppliers; safety stock for key parts"}],
    "strategies": [
        {"heading": "Regional priorities", "body": "Upgrade existing customers in the East, replicate "
                                                  "pilot cities in the West, ramp up the new "
                                                  "partners in the South."},
        {"heading": "Tiered customers", "body": "Dedicated teams for high-value accounts; new "
                                               "customers through industry channels."},
        {"heading": "Channel innovation", "body": "More live commerce and community selling, showrooms "
                                                 "in smaller cities, \"online lead, offline "
                                                 "delivery\"."},
        {"heading": "Differentiation", "body": "Answer price wars with customisation and technology; "
                                              "bundles instead of price cuts."}],
    "actions": [
        {"measure": "Joint marketing with South partners", "owner": "South China manager",
         "start": "2025-07-01", "due": "2025-09-30", "status": "In progress"},
        {"measure": "Roll out West pilot-city model", "owner": "West manager",
         "start": "2025-07-15", "due": "2025-10-31", "status": "In progress"},
        {"measure": "Prepare Double 11 campaign", "owner": "E-commerce manager",
         "start": "2025-09-01", "due": "2025-11-15", "status": "Not started"},
        {"measure": "CRM data clean-up and funnel board", "owner": "Sales operations",
         "start": "2025-07-01", "due": "2025-08-31", "status": "In progress"},
        {"measure": "Add retention and profit to reviews", "owner": "HR",
         "start": "2025-08-01", "due": "2025-09-30", "status": "Not started"},
        {"measure": "Annual satisfaction re-survey", "owner": "Customer service",
         "start": "2025-11-01", "due": "2025-12-20", "status": "Not started"}],
}


def facts_yaml(doc: dict, header: str) -> str:
    doc = {"period": "2025H1", **doc}  # the half this text was written for
    return header + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=200)


# --------------------------------------------------------------------------- check


def check(out: Path) -> bool:
    """Recompute the report's headline figures from the files with plain pandas."""
    o = pd.read_csv(out / "orders.csv", dtype={"campaign_id": str}).fillna({"campaign_id": ""})
    o["month"] = o["order_date"].str[:7]
    tg = pd.read_csv(out / "targets.csv", dtype={"region": str, "product_line": str})
    cp = pd.read_csv(out / "campaigns.csv")
    sv = pd.read_csv(out / "survey.csv")
    rn = pd.read_csv(out / "renewals.csv")
    tm = pd.read_csv(out / "team.csv")
    h1, ly = o[o["month"].between("2025-01", "2025-06")], o[o["month"].between("2024-01", "2024-06")]
    t1 = tg[tg["month"].between("2025-01", "2025-06") & (tg["metric"] == "sales")]
    s = h1["amount"].sum()
    pct = lambda a, b: round(100 * a / b)  # noqa: E731
    reg, reg_t = h1.groupby("region")["amount"].sum(), t1.groupby("region")["target"].sum()
    reg_ly = ly.groupby("region")["amount"].sum()
    share = lambda d, col: {k: pct(v, d["amount"].sum())  # noqa: E731
                            for k, v in d.groupby(col)["amount"].sum().items()}
    c1 = h1[h1["product_line"] == "C系列"]
    cp1 = cp[cp["start_date"].between("2025-01-01", "2025-06-30")]
    rev = h1[h1["campaign_id"] != ""].groupby("campaign_id")["amount"].sum()
    roi = (rev / cp1.set_index("campaign_id")["cost"]).dropna()
    names = cp1.set_index("campaign_id")["campaign"]
    sv1 = sv[sv["survey_date"].between("2025-01-01", "2025-06-30")]
    sv_ly = sv[sv["survey_date"].between("2024-01-01", "2024-06-30")]
    a = sv1[(sv1["question"] == "综合满意度") & (sv1["product_line"] == "A系列")]
    rn1 = rn[rn["contract_end"].between("2025-01-01", "2025-06-30")]
    rows = [
        ("achievement %", pct(s, t1["target"].sum()), 112),
        ("online share % / H1 2024", (share(h1, "channel")["线上"], share(ly, "channel")["线上"]), (35, 27)),
        ("channels 线上/线下/合作伙伴 %", tuple(share(h1, "channel")[c] for c in CHANNELS), (35, 50, 15)),
        ("华东 share % / achievement %", (pct(reg["华东"], s), pct(reg["华东"], reg_t["华东"])), (40, 128)),
        ("华南 achievement %", pct(reg["华南"], reg_t["华南"]), 95),
        ("中西部 YoY %", pct(reg["中西部"] - reg_ly["中西部"], reg_ly["中西部"]), 56),
        ("regions 华东/华南/中西部/华北 %", tuple(pct(reg[r], s) for r in REGIONS), (40, 25, 22, 13)),
        ("lines A/B/C %", tuple(share(h1, "product_line")[x] for x in LINES), (48, 30, 22)),
        ("C repurchase %", pct(c1.loc[c1["repeat"] == 1, "customer_id"].nunique(),
                               c1["customer_id"].nunique()), 70),
        ("sizes 大/中/小/个人 %", tuple(share(h1, "customer_size")[z] for z in SIZES), (50, 20, 20, 10)),
        ("campaigns / cost 万", (len(cp1), round(cp1["cost"].sum() / 1e4)), (8, 520)),
        ("ROI total / mean", (round(rev.sum() / cp1["cost"].sum(), 1), round(roi.mean(), 1)), (4.2, 4.2)),
        ("ROI best / worst", ((names[roi.idxmax()], round(roi.max(), 1)),
                              (names[roi.idxmin()], round(roi.min(), 1))),
         (("618新品直播周", 6.8), ("华东区域巡展", 2.1))),
        ("survey overall/product/service/price", tuple(
            round(sv1.loc[sv1["question"] == q, "score"].mean(), 1) for q in QUESTIONS), (85, 88, 82, 79)),
        ("overall H1 2024", round(sv_ly.loc[sv_ly["question"] == "综合满意度", "score"].mean(), 1), 82),
        ("A overall >= 80 %", pct((a["score"] >= 80).sum(), len(a)), 92),
        ("key-account renewal %", pct(rn1["renewed"].sum(), len(rn1)), 92),
        ("team", (len(tm), tuple(tm["team"].value_counts()[t] for t in TEAMS)), (52, (18, 15, 12, 7))),
        ("high potential", int(tm["high_potential"].sum()), 9),
    ]
    ok_all = True
    for label, got, want in rows:
        ok = got == want
        ok_all &= bool(ok)
        print(f"{'OK ' if ok else 'BAD'}  {label:<38} {got!s:<40} expected {want}")
    print(f"H1 2025 sales {s:,.2f}; orders {len(h1):,}; all orders {len(o):,}")
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
