#!/usr/bin/env python3
"""Generate the sample inputs of the Q3 2025 sales activity review (复盘): raw, seeded records.

    python sample_inputs/activity/generate.py             # write every file beside this script
    python sample_inputs/activity/generate.py --out DIR   # write them into DIR instead
    python sample_inputs/activity/generate.py --check     # recompute the headline figures

A five-rep B2B team (华东销售二部, industrial monitoring equipment) reviews Q3 2025 against
Q2.  For each quarter we fix the totals the review quotes (sales, new customers, returning
buyers, leads and their funnel, the mean lead-to-close cycle), then draw raw orders, leads and
follow-up records that add up to them exactly (see README.md).
"""
import argparse
import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

SEED = 20251024
HERE = Path(__file__).resolve().parent
REPS = ["赵磊", "孙悦", "吴昊", "郑婷", "冯凯"]
INDUSTRIES = ["制造业", "能源电力", "化工", "食品饮料", "物流仓储"]
INDUSTRY_MIX = [0.36, 0.18, 0.18, 0.14, 0.14]
PRODUCTS = {"设备监测终端": 0.38, "工业传感器": 0.27, "智能网关": 0.17, "运维服务": 0.18}
SOURCES = {"展会": 0.30, "官网咨询": 0.25, "电话开发": 0.25, "老客户转介绍": 0.20}
METHODS = ["电话", "上门拜访", "线上会议"]
CITIES = "上海 苏州 无锡 常州 南通 杭州 宁波 嘉兴 绍兴 南京 合肥 芜湖".split()
WORDS = (list("恒瑞华宏鑫晟诚泰科联"), list("达远丰通力源昌盛安捷"))
SUFFIX = {"制造业": ["精密机械有限公司", "装备制造有限公司", "汽车零部件有限公司"],
          "能源电力": ["热电有限公司", "新能源科技有限公司"],
          "化工": ["化工有限公司", "新材料有限公司"],
          "食品饮料": ["食品有限公司", "饮料有限公司"],
          "物流仓储": ["物流有限公司", "供应链管理有限公司"]}

QUARTERS = {"2025Q2": (dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
            "2025Q3": (dt.date(2025, 7, 1), dt.date(2025, 9, 30))}
EXPORTED = dt.date(2025, 9, 30)  # the CRM export: follow-ups after this day are not in the files
# Per quarter: roster of returning customers at the quarter's start; how many of them buy,
# with how many orders and how much (cents); new customers, their orders and sales (cents);
# leads with (线索-only, 商机 not won, 成交) counts, how many are still open at the export,
# and the exact mean lead-to-close days over the leads closed in the quarter.
PLAN = {
    "2025Q2": dict(roster=74, buyers=41, old_orders=165, old_cents=347_374_520,
                   new=14, new_orders=22, new_cents=62_638_000,
                   stages=(26, 16, 14), open=0, cycle=18),
    "2025Q3": dict(roster=80, buyers=52, old_orders=160, old_cents=320_014_860,
                   new=12, new_orders=30, new_cents=60_007_200,
                   stages=(33, 15, 12), open=10, cycle=22),
}
DROPPED_AFTER_Q2 = 8  # dormant accounts taken off the roster at the end of Q2
Q3_NEW_MANUFACTURING = 5  # of the 12 new customers in Q3 (the lesson about 制造业 quotes it)
TARGETS = {  # quarter -> metric -> target (sales in yuan)
    "2025Q2": {"sales": 4_500_000, "new_customers": 18, "repurchase_rate": 0.55,
               "follow_up_days": 15, "leads": 50, "lead_conversion": 0.40},
    "2025Q3": {"sales": 5_000_000, "new_customers": 20, "repurchase_rate": 0.60,
               "follow_up_days": 15, "leads": 40, "lead_conversion": 0.50},
}

FACTS_HEADER = """\
# 华东销售二部 2025年第三季度销售业务复盘：复盘小组整理的定性内容（不来自数据计算）。
# 文中 {{ ... }} 是模板：生成PPT时由指标引擎从原始数据算出的数字替换，例如 {{ conversion }}。
# facts_review / key_points：{heading, body} 列表。
# root_causes：problem（问题描述）/ preliminary（可能原因，初步）/ root_cause（根本原因，深挖后）/ check（验证方法）。
# lessons：type（成功经验 / 失败教训）/ content（具体内容）/ scope（适用场景/可复制点）。
# why：problem / whys（逐层追问的回答）/ root_cause；fishbone：problem / causes（主观 / 客观 / 流程 / 资源）。
# actions：measure / owner / start / due / resources / checkpoint / status（进行中 / 未开始 / 已完成）。
"""
FACTS = {
    "facts_review": [
        {"heading": "关键事件回顾",
         "body": "重点客户苏州某装备企业：7月8日首次接触，7月21日需求调研，8月12日提交方案，"
                 "9月2日因预算超限丢单。"},
        {"heading": "客户拒绝理由",
         "body": "丢单访谈中，最常见的理由是报价高于竞品约10%，其次是交付周期无法满足客户的投产计划。"},
        {"heading": "一线典型问题",
         "body": "销售代表反映：客户提出的定制化监测需求，现有产品功能无法满足，只能临时找产品部评估。"},
    ],
    "root_causes": [
        {"problem": "新客户线索转化率低（{{ conversion }}，目标{{ conversion_target }}）",
         "preliminary": "销售积极性不足",
         "root_cause": "销售代表未掌握SPIN提问技巧，无法挖掘客户深层需求",
         "check": "抽查10条跟进记录，提问技巧合规率仅30%；访谈销售代表，反馈“不知道如何引导客户说出痛点”"},
        {"problem": "老客户客单价下降{{ old_aov_qoq | abs | pct }}",
         "preliminary": "产品竞争力不足",
         "root_cause": "新功能上线延迟，未满足客户定制化需求，增购项目被推迟",
         "check": "对比客户需求文档与产品交付清单，发现3项核心功能尚未实现"},
        {"problem": "跟进周期{{ cycle }}，超目标{{ cycle_ach.gap | abs }}",
         "preliminary": "客户决策慢",
         "root_cause": "跟进前未摸排客户内部决策链，方案在不同决策人之间反复返工",
         "check": "复核本季度丢单记录，多数项目在方案提交后停滞10天以上"},
    ],
    "why": {
        "problem": "新客户开发数量不足（{{ new_customers }}家，目标{{ new_target }}家）",
        "whys": ["线索转化率低：{{ conversion }}，目标{{ conversion_target }}",
                 "需求挖掘阶段没有识别出客户的真实痛点",
                 "销售代表未掌握SPIN提问技巧，对客户行业痛点了解不足",
                 "新人培训只讲产品参数，缺少顾问式销售训练",
                 "培训计划没有按一线能力短板来制定"],
        "root_cause": "能力培养缺少需求挖掘训练和行业痛点知识支持",
    },
    "fishbone": {
        "problem": "新客户开发不足",
        "causes": {"主观": ["需求挖掘能力弱", "谈判中急于让价", "跟进主动性不足"],
                   "客观": ["竞品降价抢单", "制造业客户预算收紧", "定制功能交付延迟"],
                   "流程": ["线索分配无优先级", "跟进节点无标准", "决策链未摸排"],
                   "资源": ["行业案例物料缺失", "培训投入不足", "售前支持排期紧"]},
    },
    "lessons": [
        {"type": "成功经验",
         "content": "老客户“定期回访+增值服务”，{{ period.label }}复购率提升至{{ repurchase_rate }}",
         "scope": "推广至全部VIP客户，纳入客户成功标准动作"},
        {"type": "成功经验",
         "content": "针对制造业客户突出“设备故障率低于行业均值30%”，本季度转化"
                    "{{ new_by_industry['制造业'] | count }}家新客户",
         "scope": "所有工业品销售，强化数据化卖点呈现"},
        {"type": "成功经验",
         "content": "谈判中突出“全生命周期成本优势”，说服3家客户接受高价方案",
         "scope": "提炼为标准化话术，纳入新人培训"},
        {"type": "失败教训",
         "content": "未提前调研客户内部决策流程，导致项目停滞2周",
         "scope": "建立“客户决策链摸排清单”，商机阶段必填"},
        {"type": "失败教训",
         "content": "未提前了解客户预算上限，报价超出预期30%，进入谈判阶段后丢单",
         "scope": "新客户首次报价前，必须摸清预算范围"},
        {"type": "失败教训",
         "content": "竞品突然降价时未及时调整价格策略，丢单2单",
         "scope": "建立竞品动态响应机制，48小时内给出应对方案"},
    ],
    "actions": [
        {"measure": "开展SPIN提问技巧培训", "owner": "周明（销售经理）",
         "start": "2025-10-08", "due": "2025-10-20", "resources": "培训讲师、课件",
         "checkpoint": "培训签到表、测试卷", "status": "进行中"},
        {"measure": "建立竞品降价快速响应机制", "owner": "钱坤（销售总监）",
         "start": "2025-10-09", "due": "2025-10-17", "resources": "竞品情报、定价授权",
         "checkpoint": "响应流程与审批权限表", "status": "已完成"},
        {"measure": "修订《新客户开发SOP》", "owner": "李倩（运营主管）",
         "start": "2025-10-20", "due": "2025-11-01", "resources": "现有SOP、销售反馈",
         "checkpoint": "新SOP文件（V2.0，含决策链摸排）", "status": "进行中"},
        {"measure": "编制《产品行业痛点手册》", "owner": "何静（市场部）",
         "start": "2025-10-27", "due": "2025-11-05", "resources": "产品部支持、客户调研",
         "checkpoint": "手册终稿及5个行业案例", "status": "未开始"},
        {"measure": "每周1次销售案例模拟演练", "owner": "周明（销售经理）",
         "start": "2025-11-03", "due": "2025-12-26", "resources": "案例库、会议室",
         "checkpoint": "演练记录与评分表", "status": "未开始"},
        {"measure": "全部VIP客户推行定期回访", "owner": "陈晨（客户成功主管）",
         "start": "2025-10-13", "due": "2025-12-31", "resources": "回访排期、服务包预算",
         "checkpoint": "月度回访覆盖率报表", "status": "进行中"},
    ],
    "key_points": [
        {"heading": "客观为先，用数据说话",
         "body": "所有结论基于数据、客户反馈和跟进记录，不凭感觉下判断。"},
        {"heading": "聚焦核心，避免发散",
         "body": "优先分析对目标影响最大的新客户开发问题，用20%的时间解决80%的核心问题。"},
        {"heading": "责任到人，闭环管理",
         "body": "每项措施明确责任人、完成时间和检查节点，每周例会检查进度，逾期事项当场说明。"},
        {"heading": "持续迭代，验证效果",
         "body": "下季度复盘先回看本次措施的落地结果，有效的做法固化为标准。"},
    ],
}


# ----------------------------------------------------------------- helpers
def company(rng, industry: str, taken: set) -> str:
    name = ""
    while not name or name in taken:
        name = (rng.choice(CITIES) + rng.choice(WORDS[0]) + rng.choice(WORDS[1])
                + rng.choice(SUFFIX[industry]))
    taken.add(name)
    return str(name)


def split_exact(rng, total: int, n: int, sigma: float, floor: int = 1) -> np.ndarray:
    """n positive integers (each >= floor) with lognormal spread, summing exactly to total."""
    w = rng.lognormal(0.0, sigma, n)
    vals = np.maximum(floor, np.floor(w / w.sum() * total)).astype(np.int64)
    while vals.sum() != total:  # hand out (or take back) the rounding residual
        i = int(rng.integers(n))
        if vals.sum() < total:
            vals[i] += 1
        elif vals[i] > floor:
            vals[i] -= 1
    return vals


def amounts(rng, total_cents: int, n: int) -> np.ndarray:
    """Order amounts in cents (whole yuan except one adjusting order), exact total."""
    yuan = split_exact(rng, total_cents // 100, n, 0.55, floor=2000)
    cents = yuan * 100
    cents[int(np.argmax(cents))] += total_cents - int(cents.sum())
    return cents


def day_in(rng, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=int(rng.integers(0, (hi - lo).days + 1)))


def cycles(rng, n_won: int, n_lost: int, mean: int) -> list[int]:
    """Lead-to-close days: won leads take longer; the mean over all closed leads is exact."""
    won = list(rng.integers(20, 39, n_won))
    lost = list(rng.integers(6, 34, n_lost))
    out = [int(x) for x in won + lost]
    lo = [20] * n_won + [6] * n_lost
    hi = [45] * n_won + [40] * n_lost
    need = mean * len(out) - sum(out)
    while need:
        i = int(rng.integers(len(out)))
        step = 1 if need > 0 else -1
        if lo[i] <= out[i] + step <= hi[i]:
            out[i] += step
            need -= step
    return out


STEPS = {"线索": ["首次接触", "电话回访"], "商机": ["首次接触", "需求调研", "方案提交"],
         "成交": ["首次接触", "需求调研", "方案提交", "商务谈判"]}


def follow_days(rng, stage: str, close: int | None, upto: int) -> list[tuple[int, str]]:
    """(days from lead, step) of a lead's follow-ups before its closing record."""
    steps = STEPS[stage]
    if stage == "线索" and rng.random() < 0.5:
        steps = steps[:1]
    last = (close - 1) if close is not None else upto
    first = int(rng.integers(0, min(3, last) + 1))
    k = min(len(steps), last - first + 1)
    rest = sorted(rng.choice(np.arange(first + 1, last + 1), size=k - 1, replace=False)) \
        if k > 1 else []
    return list(zip([first, *map(int, rest)], steps[:k]))


# ----------------------------------------------------------------- tables
def build(rng) -> dict[str, pd.DataFrame]:
    taken: set = set()
    customers: dict[str, dict] = {}

    def new_customer(industry: str, since: dt.date, rep: str) -> str:
        cid = f"K{len(customers) + 1001}"
        customers[cid] = {"customer_id": cid, "customer_name": company(rng, industry, taken),
                          "industry": industry, "owner": rep, "since": since}
        return cid

    # returning customers on the Q2 roster, first bought between 2021 and Q1 2025
    roster = {}
    q2_roster = []
    for _ in range(PLAN["2025Q2"]["roster"]):
        industry = str(rng.choice(INDUSTRIES, p=INDUSTRY_MIX))
        since = day_in(rng, dt.date(2021, 3, 1), dt.date(2025, 3, 20))
        q2_roster.append(new_customer(industry, since, str(rng.choice(REPS))))
    roster["2025Q2"] = q2_roster

    leads, follows, orders = [], [], []
    for quarter, (start, end) in QUARTERS.items():
        plan = PLAN[quarter]
        n_line, n_opp, n_won = plan["stages"]
        stages = ["成交"] * n_won + ["商机"] * n_opp + ["线索"] * n_line
        n = len(stages)
        open_idx = set(n_won + np.sort(rng.choice(n - n_won, plan["open"], replace=False))) \
            if plan["open"] else set()
        closed = [i for i in range(n) if i not in open_idx]
        cyc = dict(zip(closed, cycles(rng, n_won, len(closed) - n_won, plan["cycle"])))
        if quarter == "2025Q3":
            won_industries = (["制造业"] * Q3_NEW_MANUFACTURING
                              + [str(x) for x in rng.choice(INDUSTRIES[1:],
                                                            n_won - Q3_NEW_MANUFACTURING)])
        else:
            won_industries = [str(x) for x in rng.choice(INDUSTRIES, n_won, p=INDUSTRY_MIX)]
        new_ids = []
        for i, stage in enumerate(stages):
            rep = str(rng.choice(REPS))
            industry = won_industries[i] if i < n_won else str(rng.choice(INDUSTRIES,
                                                                          p=INDUSTRY_MIX))
            if i in open_idx:
                created = day_in(rng, end - dt.timedelta(days=26), end - dt.timedelta(days=4))
                close = None
            else:
                margin = 8 if stage == "成交" else 0  # room for the first order
                created = day_in(rng, start, end - dt.timedelta(days=cyc[i] + margin))
                close = cyc[i]
            lead = {"created_date": created, "rep": rep,
                    "source": str(rng.choice(list(SOURCES), p=list(SOURCES.values()))),
                    "industry": industry, "stage_reached": stage, "customer_id": ""}
            if stage == "成交":
                cid = new_customer(industry, created + dt.timedelta(days=close), rep)
                lead["customer_id"] = cid
                new_ids.append(cid)
            lead["company"] = (customers[lead["customer_id"]]["customer_name"]
                               if lead["customer_id"] else company(rng, industry, taken))
            leads.append(lead)
            upto = (EXPORTED - created).days
            for days, step in follow_days(rng, stage, close, upto):
                follows.append({"lead": len(leads) - 1, "days": days, "step": step,
                                "result": "跟进中"})
            if close is not None:
                follows.append({"lead": len(leads) - 1, "days": close,
                                "step": "签约" if stage == "成交" else "丢单",
                                "result": "成交" if stage == "成交" else "丢单"})

        # orders: returning buyers from the roster, then the quarter's new customers
        buyers = sorted(rng.choice(roster[quarter], plan["buyers"], replace=False))
        per = split_exact(rng, plan["old_orders"] - plan["buyers"], plan["buyers"], 0.8,
                          floor=0) + 1
        cents = amounts(rng, plan["old_cents"], plan["old_orders"])
        k = 0
        for cid, m in zip(buyers, per):
            for _ in range(int(m)):
                orders.append({"order_date": day_in(rng, start, end), "customer_id": cid,
                               "customer_type": "老客户", "cents": int(cents[k])})
                k += 1
        per = split_exact(rng, plan["new_orders"] - plan["new"], plan["new"], 0.6,
                          floor=0) + 1
        cents = amounts(rng, plan["new_cents"], plan["new_orders"])
        k = 0
        for cid, m in zip(new_ids, per):
            first = customers[cid]["since"] + dt.timedelta(days=int(rng.integers(1, 8)))
            for j in range(int(m)):
                day = first if j == 0 else day_in(rng, first, end)
                orders.append({"order_date": day, "customer_id": cid,
                               "customer_type": "新客户", "cents": int(cents[k])})
                k += 1
        if quarter == "2025Q2":  # Q3 roster: Q2 roster minus dormant accounts, plus Q2's new
            idle = [c for c in q2_roster if c not in set(buyers)]
            dropped = set(rng.choice(idle, DROPPED_AFTER_Q2, replace=False))
            roster["2025Q3"] = [c for c in q2_roster if c not in dropped] + new_ids
            assert len(roster["2025Q3"]) == PLAN["2025Q3"]["roster"]

    # ---- frames, in date order with ids numbered per quarter
    lead_df = pd.DataFrame(leads)
    lead_df["order"] = range(len(lead_df))
    lead_df = lead_df.sort_values(["created_date", "order"], kind="stable")
    lead_ids = {}
    for q, (start, end) in QUARTERS.items():
        part = lead_df[(lead_df["created_date"] >= start) & (lead_df["created_date"] <= end)]
        for j, idx in enumerate(part["order"]):
            lead_ids[idx] = f"L{q[2:4]}{q[-1]}{j + 1:03d}"
    lead_df["lead_id"] = lead_df["order"].map(lead_ids)
    leads_out = lead_df[["lead_id", "created_date", "rep", "source", "industry", "company",
                         "stage_reached", "customer_id"]]

    fol = pd.DataFrame(follows)
    fol["lead_id"] = fol["lead"].map(lead_ids)
    created = dict(zip(lead_df["order"], lead_df["created_date"]))
    reps = dict(zip(lead_df["order"], lead_df["rep"]))
    fol["followup_date"] = [created[i] + dt.timedelta(days=d) for i, d in
                            zip(fol["lead"], fol["days"])]
    fol["rep"] = fol["lead"].map(reps)
    fol["method"] = [METHODS[0] if s in ("首次接触", "电话回访", "丢单") else
                     str(rng.choice(METHODS[1:])) for s in fol["step"]]
    fol["seq"] = range(len(fol))
    fol = fol.sort_values(["followup_date", "lead_id", "days", "seq"], kind="stable")
    fol.insert(0, "followup_id", [f"F{i + 1:04d}" for i in range(len(fol))])
    fol = fol.rename(columns={"days": "days_from_lead"})
    follow_out = fol[["followup_id", "lead_id", "followup_date", "days_from_lead", "rep",
                      "method", "step", "result"]]

    od = pd.DataFrame(orders)
    od["seq"] = range(len(od))
    od = od.sort_values(["order_date", "seq"], kind="stable")
    od["order_id"] = [f"SO{d:%y%m}{i + 1:04d}" for i, d in enumerate(od["order_date"])]
    od["rep"] = od["customer_id"].map(lambda c: customers[c]["owner"])
    od["industry"] = od["customer_id"].map(lambda c: customers[c]["industry"])
    od["product_line"] = rng.choice(list(PRODUCTS), len(od), p=list(PRODUCTS.values()))
    od["amount"] = [f"{c // 100}.{c % 100:02d}" for c in od["cents"]]
    orders_out = od[["order_id", "order_date", "customer_id", "customer_type", "rep",
                     "industry", "product_line", "amount"]]

    rows = []
    for q, ids in roster.items():
        for cid in sorted(ids):
            rows.append({"snapshot_date": QUARTERS[q][0], **customers[cid]})
    accounts_out = pd.DataFrame(rows)[["snapshot_date", "customer_id", "customer_name",
                                       "industry", "owner", "since"]]

    targets_out = pd.DataFrame([
        {"quarter_start": QUARTERS[q][0], "quarter": q, "metric": k, "target": str(v)}
        for q, ts in TARGETS.items() for k, v in ts.items()])
    return {"orders": orders_out, "accounts": accounts_out, "leads": leads_out,
            "followups": follow_out, "targets": targets_out}


def facts_yaml() -> str:
    doc = {"period": "2025Q3", **FACTS}  # the quarter this text was written for
    return FACTS_HEADER + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=200)


def generate(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    frames = build(np.random.default_rng(SEED))
    for name, df in frames.items():
        df.to_csv(out / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
    (out / "facts.yaml").write_text(facts_yaml(), encoding="utf-8", newline="\n")
    print("wrote " + ", ".join(f"{len(df)} {name}" for name, df in frames.items()) + f" to {out}")


# ----------------------------------------------------------------- check
def figures(out: Path, quarter: str = "2025Q3") -> dict[str, float]:
    """The review's headline figures for a quarter, recomputed with plain pandas."""
    start, end = (pd.Timestamp(d) for d in QUARTERS[quarter])

    def within(df: pd.DataFrame, col: str) -> pd.DataFrame:
        dates = pd.to_datetime(df[col])
        return df[(dates >= start) & (dates <= end)]

    o = within(pd.read_csv(out / "orders.csv"), "order_date")
    acc = within(pd.read_csv(out / "accounts.csv"), "snapshot_date")
    ld = within(pd.read_csv(out / "leads.csv"), "created_date")
    fu = within(pd.read_csv(out / "followups.csv"), "followup_date")
    tg = within(pd.read_csv(out / "targets.csv"), "quarter_start").set_index("metric")["target"]
    old = o[o["customer_type"] == "老客户"]
    return {
        "sales": o["amount"].sum(), "sales_target": tg["sales"],
        "new_customers": o.loc[o["customer_type"] == "新客户", "customer_id"].nunique(),
        "new_target": int(tg["new_customers"]),
        "repurchase_rate": old["customer_id"].nunique() / len(acc),
        "repurchase_target": tg["repurchase_rate"],
        "cycle": float(fu.loc[fu["result"].isin(["成交", "丢单"]), "days_from_lead"].mean()),
        "cycle_target": int(tg["follow_up_days"]),
        "leads": len(ld), "won": int((ld["stage_reached"] == "成交").sum()),
        "opportunities": int(ld["stage_reached"].isin(["商机", "成交"]).sum()),
        "old_aov": old["amount"].sum() / len(old),
    }


def check(out: Path) -> bool:
    q3, q2 = figures(out), figures(out, "2025Q2")
    rows = [  # (label, value, expected)
        ("sales 万 / target 万 / achievement %",
         (round(q3["sales"] / 1e4), round(q3["sales_target"] / 1e4),
          round(100 * q3["sales"] / q3["sales_target"])), (380, 500, 76)),
        ("new customers / target / %", (q3["new_customers"], q3["new_target"],
                                        round(100 * q3["new_customers"] / q3["new_target"])),
         (12, 20, 60)),
        ("repurchase % / target % / %", (round(100 * q3["repurchase_rate"]),
                                         round(100 * q3["repurchase_target"]),
                                         round(100 * q3["repurchase_rate"]
                                               / q3["repurchase_target"])), (65, 60, 108)),
        ("follow-up cycle days / target", (round(q3["cycle"], 1), q3["cycle_target"]),
         (22.0, 15)),
        ("Q3 leads funnel / conversion %", (q3["leads"], q3["opportunities"], q3["won"],
                                            round(100 * q3["won"] / q3["leads"])),
         (60, 27, 12, 20)),
        ("Q2 sales 万 / new / repurchase % / cycle",
         (round(q2["sales"] / 1e4), q2["new_customers"], round(100 * q2["repurchase_rate"]),
          round(q2["cycle"], 1)), (410, 14, 55, 18.0)),
        ("old-customer AOV Q3 vs Q2 %", round(100 * (q3["old_aov"] / q2["old_aov"] - 1)), -5),
    ]
    ok_all = True
    for label, got, want in rows:
        ok = got == want
        ok_all &= ok
        print(f"{'OK ' if ok else 'BAD'}  {label:<40} {got!s:<28} expected {want}")
    return ok_all


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE, help="output directory (default: here)")
    ap.add_argument("--check", action="store_true", help="print the headline figures from the files")
    args = ap.parse_args(argv)
    if args.check:
        return 0 if check(args.out) else 1
    generate(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
