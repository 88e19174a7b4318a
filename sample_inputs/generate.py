#!/usr/bin/env python3
"""Generate the reviewdeck sample inputs: raw, seeded, deterministic sales records.

    python sample_inputs/generate.py             # write every file beside this script
    python sample_inputs/generate.py --out DIR   # write them into DIR instead
    python sample_inputs/generate.py --check     # recompute the headline figures from the files

Five reps sell smart watches and fitness bands; the deck is rep 张伟's personal review of
November 2025.  For every (rep, month) we fix the totals the deck quotes, draw lognormal
order amounts that add up to them, then assign day, region, product line, promotion,
channel and customer so the quoted figures fall out of plain aggregation (see README.md).
"""
import argparse
import bisect
import calendar
import datetime as dt
import itertools
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

SEED = 20251130
HERE = Path(__file__).resolve().parent
PRESENTER = "张伟"
OTHER_REPS = ["王芳", "李娜", "刘洋", "陈静"]
REPS = [PRESENTER, *OTHER_REPS]
MONTHS = ["2024-09", "2024-10", "2024-11"] + [f"2025-{m:02d}" for m in range(1, 12)]
STAGES = ["线索", "初步意向", "深度沟通", "成交"]

# Sales territories (region -> weight).  张伟 covers three regions only: with 华东 at 53% and
# 华南 at 17% the smallest, the other 30% cannot be spread over three regions each > 17%.
TERRITORY = {"张伟": {"华东": 0.52, "华北": 0.29, "华南": 0.19}, "王芳": {"华南": 0.55, "西南": 0.45},
             "李娜": {"华东": 0.60, "华中": 0.40}, "刘洋": {"华北": 0.65, "华中": 0.35},
             "陈静": {"西南": 0.50, "华中": 0.30, "华南": 0.20}}
PRODUCT_MIX = {"智能手表": 0.42, "手环": 0.26, "耳机": 0.19, "配件": 0.13}
# Typical ticket per product line (yuan): large orders lean towards watches.
PRODUCT_TICKET = {"智能手表": 2200, "手环": 450, "耳机": 650, "配件": 180}

# 张伟 per month: sales (yuan), orders, orders >= 5000, new customers, promotion share.
ZW_PLAN = {
    "2024-09": (880_000, 905, 26, 58, 0.18), "2024-10": (960_000, 990, 28, 61, 0.22),
    "2024-11": (1_050_000, 1105, 31, 66, 0.36), "2025-01": (1_020_000, 1040, 29, 55, 0.20),
    "2025-02": (950_000, 985, 27, 48, 0.17), "2025-03": (1_000_000, 1020, 29, 60, 0.19),
    "2025-04": (1_040_000, 1060, 30, 62, 0.18), "2025-05": (1_090_000, 1110, 32, 64, 0.22),
    "2025-06": (1_180_000, 1215, 35, 70, 0.33), "2025-07": (1_050_000, 1070, 30, 63, 0.20),
    "2025-08": (1_080_000, 1100, 31, 66, 0.21), "2025-09": (1_120_000, 1140, 33, 71, 0.22),
    "2025-10": (1_113_000, 1130, 33, 72, 0.25), "2025-11": (1_280_000, 1391, 38, 65, 0.38)}
# Exact region / product-line sums (yuan) for the two months the deck compares.
ZW_MIX = {
    "2025-10": ({"华东": 565_000, "华北": 303_000, "华南": 245_000},
                {"智能手表": 470_000, "手环": 341_000, "耳机": 182_000, "配件": 120_000}),
    "2025-11": ({"华东": 680_000, "华北": 380_000, "华南": 220_000},
                {"智能手表": 580_000, "手环": 300_000, "耳机": 250_000, "配件": 150_000})}
OTHER_BASE = {"王芳": 1_450_000, "李娜": 1_360_000, "刘洋": 1_330_000, "陈静": 1_340_000}
OTHER_NOV = {"王芳": 1_520_000, "李娜": 1_390_000, "刘洋": 1_310_000, "陈静": 1_250_000}
SEASON = {"2024-09": 0.90, "2024-10": 0.93, "2024-11": 1.00, "2025-01": 0.95, "2025-02": 0.86,
          "2025-03": 0.93, "2025-04": 0.95, "2025-05": 1.00, "2025-06": 1.08, "2025-07": 0.97,
          "2025-08": 0.99, "2025-09": 1.02, "2025-10": 1.00}
# Team-level sales targets: Q3 = 19M, Q4 = 22M, 2025 = 80M.
TEAM_TARGETS = {"2024-09": 6_000_000, "2024-10": 6_300_000, "2024-11": 6_900_000,
                "2025-01": 6_600_000, "2025-02": 5_600_000, "2025-03": 6_400_000,
                "2025-04": 6_500_000, "2025-05": 6_800_000, "2025-06": 7_100_000,
                "2025-07": 6_200_000, "2025-08": 6_300_000, "2025-09": 6_500_000,
                "2025-10": 7_000_000, "2025-11": 7_500_000, "2025-12": 7_500_000}
ZW_NOV_TARGETS = {"sales": 1_500_000, "high_value_orders": 45, "new_customers": 80, "leads": 1300}

# 张伟's leads: month -> ({source: (leads, won)}, mean follow-up days, TOP50 leads slower than 72h)
LEAD_PLAN = {
    "2024-11": ({"线上广告": (380, 84), "经销商": (330, 99), "直销": (270, 92)}, 5.6, 14),
    "2025-07": ({"线上广告": (330, 79), "经销商": (310, 96), "直销": (260, 96)}, 4.6, 10),
    "2025-08": ({"线上广告": (345, 80), "经销商": (320, 99), "直销": (285, 103)}, 4.7, 11),
    "2025-09": ({"线上广告": (360, 80), "经销商": (340, 110), "直销": (300, 128)}, 4.9, 12),
    "2025-10": ({"线上广告": (420, 92), "经销商": (390, 125), "直销": (340, 128)}, 5.0, 12),
    "2025-11": ({"线上广告": (435, 78), "经销商": (400, 88), "直销": (365, 110)}, 5.2, 16)}
# November furthest-stage counts per source (线索, 初步意向, 深度沟通, 成交): funnel 1200/540/360/276.
NOV_FUNNEL = {"线上广告": (265, 65, 27, 78), "经销商": (220, 60, 32, 88), "直销": (175, 55, 25, 110)}

CITIES = {"华东": "上海 杭州 南京 苏州 宁波 合肥".split(), "华南": "广州 深圳 东莞 佛山 南宁 海口".split(),
          "华北": "北京 天津 石家庄 太原 唐山".split(), "华中": "武汉 长沙 郑州 南昌 宜昌".split(),
          "西南": "成都 重庆 昆明 贵阳 绵阳".split()}
NAME_PARTS = (list("星瑞恒博华云乐康新同锦嘉"), list("辰达信润联动途跑锐创远禾"),
              "科技有限公司 数码专营店 贸易有限公司 健身俱乐部 电子商行 体育用品店 通讯器材店".split())


def month_days(month: str) -> tuple[list[dt.date], np.ndarray, np.ndarray]:
    """Days of a month, their share of order volume (quieter weekends and holidays,
    Double-11 and 618 peaks) and how strongly an order on that day leans to promotion."""
    y, m = map(int, month.split("-"))
    days = [dt.date(y, m, d) for d in range(1, calendar.monthrange(y, m)[1] + 1)]
    vol, promo = [], []
    for d in days:
        x = 0.72 if d.weekday() >= 5 else 1.0
        if d.month == 11:
            x *= {10: 2.0, 11: 5.0, 12: 1.5}.get(d.day, 1.25 if d.day < 10 else 1.0)
        elif d.month == 6:
            x *= 3.0 if d.day == 18 else (1.2 if d.day < 18 else 1.0)
        elif d.month == 10 and d.day <= 7:  # National Day holiday
            x *= 0.5
        elif dt.date(2025, 1, 28) <= d <= dt.date(2025, 2, 4):  # Spring Festival
            x *= 0.35
        vol.append(x)
        hot = (d.month == 11 and d.day <= 11) or (d.month == 6 and d.day <= 18)
        promo.append(8.0 if (d.month, d.day) == (11, 11) else 4.0 if hot else 1.0)
    return days, np.array(vol) / sum(vol), np.array(promo)


def band_amounts(rng, n, lo, hi, total_cents, median, sigma) -> np.ndarray:
    """n lognormal(median, sigma) amounts inside [lo, hi] yuan summing to exactly total_cents.
    Draws are truncated by rejection, then reshaped with a power transform of their
    position in log space, u -> u**p, with p found by bisection so the mean is right."""
    kept = []
    while sum(map(len, kept)) < n:
        x = rng.lognormal(math.log(median), sigma, 4000)
        kept.append(x[(x >= lo) & (x <= hi)])
    u = (np.log(np.concatenate(kept)[:n]) - math.log(lo)) / math.log(hi / lo)
    lo_p, hi_p = -8.0, 8.0  # bisection on log(p); a larger p gives smaller amounts
    for _ in range(80):
        mid = (lo_p + hi_p) / 2
        too_big = (lo * (hi / lo) ** (u ** math.exp(mid))).mean() > total_cents / n / 100
        lo_p, hi_p = (mid, hi_p) if too_big else (lo_p, mid)
    cents = np.round(lo * (hi / lo) ** (u ** math.exp(lo_p)) * 100).astype(np.int64)
    q, r = divmod(int(total_cents - cents.sum()), n)  # spread the rounding residual (cents)
    return cents + q + (np.arange(n) < r)


def cell_amounts(rng, spec: dict) -> np.ndarray:
    """Order amounts (cents) for one (rep, month): exact total, exact count >= 5000 yuan,
    a fixed share of orders under 1000 yuan carrying a fixed share of sales."""
    n, n_high, total = spec["n"], spec["n_high"], spec["cents"]
    n_low, t_low = round(n * spec["low_cnt"]), round(total * spec["low_sales"])
    t_high = n_high * spec["high_mean"] * 100
    t_mid, n_mid = total - t_low - t_high, n - n_low - n_high
    assert 1150 * 100 < t_mid / n_mid < 2600 * 100, (spec, t_mid / n_mid)
    # Retail orders follow one lognormal (split at 1000 yuan), bulk / enterprise orders a
    # second one.  Band edges keep a margin so the cent-level residual fix cannot push an
    # amount across 1000 or 5000.
    cents = np.concatenate([band_amounts(rng, n_low, 29, 998, t_low, 700, 0.6),
                            band_amounts(rng, n_mid, 1001, 4990, t_mid, 800, 0.75),
                            band_amounts(rng, n_high, 5010, 40000, t_high, 3000, 0.7)])
    return cents[rng.permutation(n)]


def split_cents(rng, total_cents: int, base: dict, conc: float) -> dict:
    """Random (Dirichlet) split of a total around the base weights; exact sum.  A larger
    concentration keeps the split closer to the base proportions."""
    w = np.array(list(base.values()), dtype=float)
    p = rng.dirichlet(conc * w / w.sum())
    vals = np.floor(p * total_cents).astype(np.int64)
    vals[0] += total_cents - vals.sum()
    return dict(zip(base, map(int, vals)))


def allocate(rng, cents: np.ndarray, targets: dict, affinity=None) -> np.ndarray:
    """Give every order one key of `targets` so that per-key amount sums hit the targets.
    Orders go largest first; each draws a key with probability proportional to the key's
    remaining need (times an optional affinity), preferring keys whose need still exceeds
    the order.  The small orders at the end close the gaps: sums end within a few yuan."""
    keys, need = list(targets), [int(v) for v in targets.values()]
    out, u = np.empty(len(cents), dtype=object), rng.random(len(cents))
    for i in np.argsort(-cents, kind="stable"):
        a = int(cents[i])
        fits = max(need) >= a  # some key can still take the whole order
        w = [d if d >= a else 0 for d in need] if fits else [max(d, 0) for d in need]
        if affinity is not None:
            w = [x * affinity(k, a) for x, k in zip(w, keys)]
        cum = list(itertools.accumulate(w))
        j = bisect.bisect_right(cum, u[i] * cum[-1])  # first key whose cumulative weight > draw
        out[i] = keys[j]
        need[j] -= a
    return out


def pick_promo(rng, cents: np.ndarray, weights: np.ndarray, target_cents: int) -> np.ndarray:
    """Flag promotion orders, visiting orders in weighted random order, up to target_cents."""
    flags, cur = np.zeros(len(cents), dtype=np.int64), 0
    for i in np.argsort(rng.exponential(size=len(cents)) / weights, kind="stable"):
        if cur + cents[i] <= target_cents:
            flags[i], cur = 1, cur + int(cents[i])
    return flags


class Customers:
    """Customer master: every customer belongs to one rep and one region."""

    def __init__(self, rng):
        self.rng, self.rows, self.weights, self.pools, self.names = rng, [], [], {}, set()

    def add(self, rep: str, region: str, existing: bool) -> int:
        name = ""
        while not name or name in self.names:  # unique company-style names
            name = "".join(self.rng.choice(p) for p in (CITIES[region], *NAME_PARTS))
        self.names.add(name)
        self.rows.append((f"C{len(self.rows) + 1:05d}", name, rep, region, existing))
        self.weights.append(self.rng.lognormal(0.0, 1.0))  # how often the customer reorders
        self.pools.setdefault((rep, region), []).append(len(self.rows) - 1)
        return len(self.rows) - 1

    def assign(self, rep: str, regions: np.ndarray, n_new: int) -> np.ndarray:
        """Customer index per order: n_new new customers get one order each; the rest are
        drawn from the rep's customers in the order's region (repeat purchases)."""
        ids = np.full(len(regions), -1, dtype=np.int64)
        present = sorted(set(regions))
        counts = np.array([(regions == r).sum() for r in present])
        for r in self.rng.choice(present, size=n_new, p=counts / counts.sum()):
            free = np.flatnonzero((regions == r) & (ids < 0))
            ids[self.rng.choice(free)] = self.add(rep, str(r), existing=False)
        for r in present:
            free = np.flatnonzero((regions == r) & (ids < 0))
            pool = np.array(self.pools[(rep, r)])
            w = np.array(self.weights)[pool]
            ids[free] = pool[self.rng.choice(len(pool), size=len(free), p=w / w.sum())]
        return ids


def build_plan(rng) -> dict:
    """(rep, month) -> totals, counts and mix targets for that cell."""
    plan = {}
    for m in MONTHS:
        t, n, hv, new, promo = ZW_PLAN[m]
        plan[(PRESENTER, m)] = dict(total=t, n=n, n_high=hv, n_new=new, promo=promo,
                                    low_cnt=0.70, low_sales=0.43, high_mean=6400)
        if m in ZW_MIX:
            plan[(PRESENTER, m)].update(low_cnt=0.71, low_sales=0.44, high_mean=6300)
        for rep in OTHER_REPS:
            t = OTHER_BASE[rep] * SEASON.get(m, 1) * (0.97 if m < "2025" else 1.0)
            t = OTHER_NOV[rep] if m == "2025-11" else \
                int(round(min(max(t * rng.normal(1.0, 0.03), 1_120_000), 1_580_000), -3))
            n, hot = round(t / rng.uniform(1000, 1120)), m in ("2025-11", "2024-11", "2025-06")
            plan[(rep, m)] = dict(
                total=t, n=n, n_high=round(n * rng.uniform(0.026, 0.034)), n_new=int(rng.integers(40, 75)),
                promo=rng.uniform(0.32, 0.42) if hot else rng.uniform(0.15, 0.25),
                low_cnt=rng.uniform(0.68, 0.72), low_sales=rng.uniform(0.42, 0.46),
                high_mean=rng.uniform(6000, 7000))
    for (rep, m), spec in plan.items():
        # Jitter the totals so they are not round numbers; the deck's two months (ZW_MIX) get
        # only +-400 yuan (the AOV leaves no more room) and a split within ~0.02% of ZW_MIX.
        tight = rep == PRESENTER and m in ZW_MIX
        jitter, conc = (40_000, 1e7) if tight else (300_000, 300)
        spec["cents"] = spec["total"] * 100 + int(rng.integers(-jitter, jitter + 1))
        bases = ZW_MIX[m] if tight else (TERRITORY[rep], PRODUCT_MIX)
        spec["regions"], spec["products"] = (split_cents(rng, spec["cents"], b, conc) for b in bases)
    return plan


def finish(df: pd.DataFrame, date_col: str, id_fmt) -> pd.DataFrame:
    """Sort by date (random tie-break) and number the rows per month."""
    df = df.sort_values([date_col, "tie"], kind="stable").reset_index(drop=True)
    seq = df.groupby("month").cumcount() + 1
    df.insert(0, "id", [id_fmt(m.replace("-", ""), s) for m, s in zip(df["month"], seq)])
    return df


def make_orders(rng, plan: dict, customers: Customers) -> pd.DataFrame:
    for rep, terr in TERRITORY.items():  # customers who bought before the data window
        for r in rng.choice(list(terr), size=300 if rep == PRESENTER else 250, p=list(terr.values())):
            customers.add(rep, str(r), existing=True)
    frames = []
    for m, (days, vol, promo_w) in ((m, month_days(m)) for m in MONTHS):
        for rep in REPS:
            spec, n = plan[(rep, m)], plan[(rep, m)]["n"]
            cents = cell_amounts(rng, spec)
            # every day gets at least one order, the rest follow the day weights
            day = np.concatenate([rng.permutation(len(days)),
                                  rng.choice(len(days), n - len(days), p=vol)])
            region = allocate(rng, cents, spec["regions"])
            product = allocate(rng, cents, spec["products"], lambda k, a: math.exp(
                -0.5 * (math.log(a / 100 / PRODUCT_TICKET[k]) / 0.8) ** 2))  # ticket-size affinity
            promo = pick_promo(rng, cents, promo_w[day], round(spec["promo"] * spec["cents"]))
            high, r = cents >= 500_000, rng.random(n)
            p_online = np.where(high, 0.05, np.where(promo == 1, 0.60, 0.30))
            p_dealer = np.where(high, 0.35, np.where(promo == 1, 0.25, 0.40))
            channel = np.where(r < p_online, "线上", np.where(r < p_online + p_dealer, "经销商", "直销"))
            frames.append(pd.DataFrame({
                "order_date": [days[d].isoformat() for d in day], "month": m,
                "cust": customers.assign(rep, region, spec["n_new"]), "rep": rep,
                "region": region.astype(str), "product_line": product.astype(str),
                "channel": channel, "cents": cents, "is_promo": promo, "tie": rng.random(n)}))
    df = finish(pd.concat(frames, ignore_index=True), "order_date", lambda m, s: f"SO{m[2:]}{s:05d}")
    df["customer_id"] = [customers.rows[c][0] for c in df["cust"]]
    existing = np.array([customers.rows[c][4] for c in df["cust"]])
    first = df.groupby("cust")["month"].transform("min")
    df["customer_type"] = np.where((df["month"] == first) & ~existing, "新客", "老客")
    df["amount"] = [f"{c // 100}.{c % 100:02d}" for c in df["cents"]]
    return df.rename(columns={"id": "order_id"})[
        ["order_id", "order_date", "customer_id", "customer_type", "rep", "region",
         "product_line", "channel", "amount", "is_promo"]]


def make_leads(rng) -> pd.DataFrame:
    frames, terr = [], TERRITORY[PRESENTER]
    for m, (by_src, fu_mean, n_slow) in LEAD_PLAN.items():
        days, vol, _ = month_days(m)
        src, stage = [], []
        for s, (n, won) in by_src.items():
            deep, init = round(0.30 * won), round(0.70 * won)
            counts = NOV_FUNNEL[s] if m == "2025-11" else (n - init - deep - won, init, deep, won)
            assert sum(counts) == n and counts[-1] == won
            src += [s] * n
            stage += [st for st, c in zip(STAGES, counts) for _ in range(c)]
        n, src, stage = len(src), np.array(src), np.array(stage)
        level = np.array([STAGES.index(s) for s in stage])
        # exactly 50 TOP50 leads, favouring direct / dealer leads that went further
        w = np.select([src == "直销", src == "经销商"], [3.0, 2.0], 1.0) * (1 + level)
        top = np.zeros(n, dtype=bool)
        top[np.argsort(rng.exponential(size=n) / w, kind="stable")[:50]] = True
        resp = np.clip(np.round(rng.lognormal(math.log(9), 1.0, n), 1), 0.2, 240.0)
        top_idx = rng.permutation(np.flatnonzero(top))  # exactly n_slow of them answered > 72h
        slow, fast = top_idx[:n_slow], top_idx[n_slow:]
        resp[slow] = np.maximum(np.round(72.1 + rng.gamma(2.0, 18.0, len(slow)), 1), 72.1)
        resp[fast] = np.clip(np.round(rng.lognormal(math.log(16), 0.8, len(fast)), 1), 0.5, 71.9)
        # follow-up days grow with the stage reached; rescaled to the month's mean, capped
        fu = rng.gamma(3.0, np.array([1.8, 5.5, 9.0, 12.0])[level] / 3.0)
        for _ in range(5):
            fu = np.minimum(fu * fu_mean * n / fu.sum(), 30.0)
        tenths = np.round(fu * 10).astype(np.int64)  # then fix the rounding residual exactly
        diff = round(fu_mean * n * 10) - int(tenths.sum())
        tenths[rng.choice(np.flatnonzero(tenths > 0), abs(diff), replace=False)] += np.sign(diff)
        frames.append(pd.DataFrame({
            "created_date": [days[d].isoformat() for d in rng.choice(len(days), n, p=vol)],
            "month": m, "rep": PRESENTER, "source_channel": src,
            "region": rng.choice(list(terr), n, p=list(terr.values())),
            "priority": np.where(top, "TOP50", "普通"), "stage_reached": stage,
            "first_response_hours": [f"{x:.1f}" for x in resp],
            "follow_up_days": [f"{t // 10}.{t % 10}" for t in tenths], "tie": rng.random(n)}))
    df = finish(pd.concat(frames, ignore_index=True), "created_date", lambda m, s: f"L{m}{s:04d}")
    return df.drop(columns=["month", "tie"]).rename(columns={"id": "lead_id"})


def make_targets(rng, plan: dict, leads: pd.DataFrame) -> pd.DataFrame:
    rows, lead_counts = [], leads["created_date"].str[:7].value_counts()
    for m, spec in ((m, plan[(PRESENTER, m)]) for m in MONTHS):
        tg = ZW_NOV_TARGETS if m == "2025-11" else {
            "sales": int(round(spec["total"] * rng.uniform(1.05, 1.18), -4)),
            "high_value_orders": round(spec["n_high"] * rng.uniform(1.1, 1.25)),
            "new_customers": round(spec["n_new"] * rng.uniform(1.1, 1.3)),
            "leads": int(round(lead_counts.get(m, rng.uniform(850, 1050)) * rng.uniform(1.05, 1.12), -1))}
        rows += [(m, k, PRESENTER, str(v)) for k, v in tg.items()]
    rows += [(m, "sales", "", str(v)) for m, v in TEAM_TARGETS.items()]
    return pd.DataFrame(rows, columns=["month", "metric", "rep", "target"])


COMPETITORS = pd.DataFrame([
    ("X品牌", "0.12", "推出手表加手环会员套餐，年费由600元降至480元，主攻老用户续费。", "中高端", "线上直营为主", "会员订阅捆绑"),
    ("Y品牌", "0.08", "在华南开展买手环送手表活动，当月销量环比增长35%。", "中端性价比", "经销商深度分销", "买赠组合促销"),
    ("Z品牌", "0.03", "新兴品牌，以千元内运动手表切入，靠直播电商快速起量。", "低价入门", "直播电商", "直播带货首发"),
    ("我司", "0.10", "双11前上市新一代智能手表，同时加大经销商备货返利。", "中高端", "线上+经销商+直销", "健康监测算法"),
], columns=["brand", "market_share", "latest_move", "price_position", "channel_model", "innovation"])

QUAL_HEADER = """\
# 张伟 2025年11月月度复盘的定性内容（由销售本人手写，不来自数据计算）。
# 除 swot（字符串列表）和 actions（measure / owner / due / status）外，
# 每一项都是 {heading, body}：heading 为短标题，body 为一到两句说明（不超过70字）。
"""
QUAL = {
    "scenarios": [
        ("华东新品缺货", "智能手表新品首发周华东经销商集中下单，区域仓备货不足，约两成订单延迟发货。"),
        ("华南价格战", "Y品牌在华南主推买手环送手表，我方同价位产品被迫让价，销量与毛利同时承压。"),
        ("大客户定制需求误读", "某企业客户要求定制表盘并对接健康数据平台，初期被当成普通批量采购，方案返工两次。")],
    "cases": [
        ("高意向企业线索三周未跟进", "一家连锁健身企业询价团购手环，线索分配后三周无人联系，客户最终选择了竞品。"),
        ("直播咨询响应延迟", "双11直播期间咨询量激增，首次回复平均超过15分钟，不少下单意向在等待中流失。"),
        ("经销商误读促销政策", "某经销商把满减活动当成可与返利叠加，对外报价过低，事后补差价影响了合作关系。")],
    "diagnosis": [
        ("流程", "线索分配后没有首响和跟进时限，超期也无人提醒，高优先级线索同样会被搁置。"),
        ("工具", "CRM与直播后台数据不互通，咨询记录靠手工转录，跟进状态无法实时查看。"),
        ("技能", "面对定制化需求缺少系统的需求澄清方法，没有统一的确认清单和方案模板。"),
        ("激励", "考核只看成交金额，线索跟进及时率和新客开发没有纳入奖惩。")],
    "strategies": [
        ("产品策略", "以智能手表新品为主力，手环改推组合套装应对价格战，避免单品直接降价。"),
        ("渠道策略", "线上承接大促流量，经销商覆盖下沉市场，直销聚焦企业团购和定制客户。"),
        ("客户分层", "按年采购额和合作潜力把客户分为战略、重点、普通三层，匹配不同的服务资源。")],
    "measures": [
        ("经销商赋能计划", "每月开展新品与促销政策培训，统一报价口径，并按周共享备货预测。"),
        ("渠道冲突解决", "明确线上与经销商的价格底线和区域边界，出现冲突由区域经理48小时内裁定。"),
        ("客户分层管理", "TOP50客户指定专人对接，首次响应不超过24小时，每两周回访一次。")],
    "advantages": [
        ("健康监测精度", "自研心率与血氧算法经第三方对比测试，同价位产品中准确度领先。"),
        ("全渠道服务网络", "线上、经销商、直销三条渠道并行，华东主要城市售后次日上门。")],
    "q4_plan": [
        ("12月冲刺", "抓住年末企业采购和双12，12月销售额冲刺150万，补足全年目标缺口。"),
        ("跨部门协作", "与供应链建立每周备货会，与市场部联合策划华南区域的应对活动。"),
        ("资源需求", "申请华南专项促销预算20万元，并在大促高峰增加1名直播客服。")],
    "swot": {
        "strengths": ["智能手表产品力强", "华东渠道基础扎实", "老客复购稳定"],
        "weaknesses": ["线索跟进不及时", "华南份额偏低", "大客户方案能力不足"],
        "opportunities": ["企业员工健康管理需求上升", "年末礼品采购旺季", "直播电商流量红利"],
        "threats": ["X品牌会员套餐降价", "Y品牌华南买赠冲击", "新兴品牌低价抢量"]},
    "actions": [  # measure, owner, due, status
        ("双11复盘并沉淀大促作业清单", "张伟", "2025-12-05", "已完成"),
        ("建立线索24小时首响与超期提醒机制", "张伟", "2025-12-15", "进行中"),
        ("华南经销商促销政策专项培训", "华南区域经理", "2025-12-20", "进行中"),
        ("打通CRM与直播后台的咨询数据", "信息技术部", "2026-01-31", "未开始")]}


def qualitative_yaml() -> str:
    """Block-style YAML that is easy to edit by hand (dates come out quoted, as strings)."""
    doc = {k: v if k == "swot" else [dict(zip(["heading", "body"], x)) for x in v]
           for k, v in QUAL.items()}
    doc["actions"] = [dict(zip(["measure", "owner", "due", "status"], x)) for x in QUAL["actions"]]
    doc = {"period": "2025-11", **doc}  # the month this text was written for
    return QUAL_HEADER + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=200)


def generate(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    plan, customers = build_plan(rng), Customers(rng)
    orders = make_orders(rng, plan, customers)
    leads = make_leads(rng)
    used = set(orders["customer_id"])
    cust = pd.DataFrame([r[:4] for r in customers.rows if r[0] in used],
                        columns=["customer_id", "customer_name", "rep", "region"])
    for name, df in {"orders": orders, "customers": cust, "leads": leads,
                     "targets": make_targets(rng, plan, leads), "competitors": COMPETITORS}.items():
        df.to_csv(out / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
    (out / "qualitative.yaml").write_text(qualitative_yaml(), encoding="utf-8", newline="\n")
    print(f"wrote {len(orders)} orders, {len(cust)} customers, {len(leads)} leads to {out}")


def check(out: Path) -> bool:
    """Recompute the deck's headline figures from the files with plain pandas."""
    o = pd.read_csv(out / "orders.csv").assign(month=lambda d: d["order_date"].str[:7])
    ld = pd.read_csv(out / "leads.csv").assign(month=lambda d: d["created_date"].str[:7])
    ld["won"] = ld["stage_reached"] == "成交"
    tg = pd.read_csv(out / "targets.csv", dtype={"rep": str}).fillna({"rep": ""})
    zw = o[o["rep"] == PRESENTER]
    nov, oct_, ly = (zw[zw["month"] == m] for m in ("2025-11", "2025-10", "2024-11"))
    s_n, s_o, s_ly = (d["amount"].sum() for d in (nov, oct_, ly))
    by_rep = o[o["month"] == "2025-11"].groupby("rep")["amount"].sum()
    reg, prod = (nov.groupby(c)["amount"].sum() for c in ("region", "product_line"))
    band_o = oct_.loc[oct_["product_line"] == "手环", "amount"].sum()
    small = nov["amount"] < 1000
    ln = ld[ld["month"] == "2025-11"]
    conv = ln.groupby("source_channel")["won"].mean()
    top = ln[ln["priority"] == "TOP50"]
    t_nov = tg[(tg["month"] == "2025-11") & (tg["rep"] == PRESENTER)].set_index("metric")["target"]
    team = tg[tg["rep"] == ""].set_index("month")["target"]
    pct = lambda a, b: round(100 * a / b)  # noqa: E731
    rows = [  # (label, value, expected; a (lo, hi) range for the approximate ones)
        ("sales Nov 万 / vs Oct % / YoY %",
         (round(s_n / 1e4), pct(s_n - s_o, s_o), pct(s_n - s_ly, s_ly)), (128, 15, 22)),
        ("team avg 万 / best rep", (round(by_rep.mean() / 1e4), by_rep.idxmax()), (135, "王芳")),
        ("华东 万 / share %", (round(reg["华东"] / 1e4), pct(reg["华东"], s_n)), (68, 53)),
        ("华南 万 / share %", (round(reg["华南"] / 1e4), pct(reg["华南"], s_n)), (22, 17)),
        ("largest / smallest region", (reg.idxmax(), reg.idxmin()), ("华东", "华南")),
        ("智能手表 万 / share %", (round(prod["智能手表"] / 1e4), pct(prod["智能手表"], s_n)), (58, 45)),
        ("手环 万 / vs Oct %", (round(prod["手环"] / 1e4), pct(prod["手环"] - band_o, band_o)), (30, -12)),
        ("AOV Nov / Oct", (round(s_n / len(nov)), round(s_o / len(oct_))), (920, 985)),
        ("promo share Nov % / Oct %", (pct(nov.loc[nov["is_promo"] == 1, "amount"].sum(), s_n),
                                       pct(oct_.loc[oct_["is_promo"] == 1, "amount"].sum(), s_o)),
         (38, 25)),
        ("orders >= 5000", int((nov["amount"] >= 5000).sum()), 38),
        ("orders < 1000: count %", pct(small.sum(), len(nov)), (67, 73)),
        ("orders < 1000: sales %", pct(nov.loc[small, "amount"].sum(), s_n), (42, 48)),
        ("new customers", nov.loc[nov["customer_type"] == "新客", "customer_id"].nunique(), 65),
        ("targets sales/hv/new/leads", tuple(int(t_nov[k]) for k in ZW_NOV_TARGETS),
         tuple(ZW_NOV_TARGETS.values())),
        ("team target Q3 / Q4 / 2025", tuple(int(team[team.index.str.match(p)].sum()) for p in
                                             ("2025-0[789]", "2025-1[012]", "2025")),
         (19_000_000, 22_000_000, 80_000_000)),
        ("leads funnel", tuple(int((ln["stage_reached"].map(STAGES.index) >= i).sum())
                               for i in range(4)), (1200, 540, 360, 276)),
        ("conversion %", pct(ln["won"].sum(), len(ln)), 23),
        ("conv 线上广告/经销商/直销 %", tuple(round(100 * conv[s]) for s in ("线上广告", "经销商", "直销")),
         (18, 22, 30)),
        ("Oct 线上广告 conv %", round(100 * ld.loc[(ld["month"] == "2025-10")
                                               & (ld["source_channel"] == "线上广告"), "won"].mean()), 22),
        ("Sep-Nov conv %", round(100 * ld.loc[ld["month"] >= "2025-09", "won"].mean()), 28),
        ("follow_up_days mean", round(ln["follow_up_days"].mean(), 1), 5.2),
        ("TOP50 leads / >72h", (len(top), int((top["first_response_hours"] > 72).sum())), (50, 16)),
    ]
    ok_all = True
    for label, got, want in rows:
        ranged = label.endswith("count %") or label.endswith("sales %")
        ok = want[0] <= got <= want[1] if ranged else got == want
        ok_all &= bool(ok)
        print(f"{'OK ' if ok else 'BAD'}  {label:<34} {got!s:<34} expected {want}")
    print(f"张伟 sales: Nov 2025 {s_n:,.2f}, Oct 2025 {s_o:,.2f}, Nov 2024 {s_ly:,.2f}; "
          f"orders Nov {len(nov)}, Oct {len(oct_)}")
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
