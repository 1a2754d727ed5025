/**
 * 月报 as a page (the dashboard's /regulator/monthly and the CLI's HTML/PDF): totals, three charts —
 * compliance by platform, list entries added/removed by platform, rectifications due/overdue/done by
 * platform — drawn as SVG through the one escaping builder (badge/svg.ts), and the table per platform
 * and region. zh-CN first with English beside; the month is a Beijing-time calendar month.
 */
import { raw } from "hono/html";
import { el, type SvgNode } from "../badge/svg.ts";
import { platformZh } from "./monthly-report.csv.ts";
import type { MonthlyReport, MonthlyRow } from "./monthly-report.ts";

const CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.55 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f8fa}
header{background:#0b3d91;color:#fff;padding:16px 28px}header h1{margin:0;font-size:21px}header p{margin:4px 0 0;opacity:.85;font-size:13px}
main{max-width:1280px;margin:0 auto;padding:16px 28px 40px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:6px 0 16px}
.card{background:#fff;border:1px solid #d1d9e0;border-radius:8px;padding:10px 14px}.card b{display:block;font-size:24px}.card>span{font-size:12px;color:#59636e}
.charts{display:flex;flex-wrap:wrap;gap:14px}.chart{background:#fff;border:1px solid #d1d9e0;border-radius:8px;padding:10px 12px}
.chart h2{font-size:14px;margin:0 0 6px}.en{color:#59636e;font-size:12px;font-weight:normal}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d1d9e0;margin-top:16px;font-size:12.5px}
th,td{border-bottom:1px solid #eef1f4;padding:6px 8px;text-align:right;vertical-align:top}th{background:#eef1f5;font-weight:600}
td.l,th.l{text-align:left}tr.total td{font-weight:700;background:#fbfcfd;border-top:2px solid #d1d9e0}
.bad{color:#b42318}.note{color:#59636e;font-size:12px;margin-top:10px}
nav a{color:#0b3d91;margin-right:14px}
@media print{body{background:#fff}.chart,.card{break-inside:avoid}header{-webkit-print-color-adjust:exact;print-color-adjust:exact}tr{break-inside:avoid}}
`;

const pct = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);

/** Rows summed per platform (the charts are per platform; the table is per platform and region). */
function byPlatform(rows: MonthlyRow[]): MonthlyRow[] {
  const m = new Map<string, MonthlyRow>();
  for (const r of rows) {
    const cur = m.get(r.platform);
    if (!cur) {
      m.set(r.platform, { ...r, region: "" });
      continue;
    }
    for (const k of Object.keys(r) as (keyof MonthlyRow)[])
      if (typeof r[k] === "number" && k !== "complianceRate") (cur[k] as number) += r[k] as number;
  }
  return [...m.values()].map((r) => ({
    ...r,
    complianceRate: r.shopsAudited ? r.compliant / r.shopsAudited : null,
  }));
}

/** Grouped bar chart: one group per label, one bar per series; y from 0 to the largest value (or 100% for rates). */
export function barChart(
  title: string,
  labels: string[],
  series: { name: string; color: string; values: (number | null)[] }[],
  opts: { percent?: boolean; width?: number; height?: number } = {},
): SvgNode {
  const W = opts.width ?? 400;
  const H = opts.height ?? 240;
  const left = 44;
  const bottom = 34;
  const top = 26;
  const plotW = W - left - 10;
  const plotH = H - top - bottom;
  // Counts get whole-number ticks: the axis top is the next multiple of 4.
  const max = opts.percent
    ? 1
    : Math.ceil(Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0))) / 4) * 4;
  const groupW = plotW / Math.max(1, labels.length);
  const barW = Math.max(4, Math.min(28, (groupW - 10) / Math.max(1, series.length)));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const children: (SvgNode | null)[] = [];
  for (const t of ticks) {
    children.push(el("line", { x1: left, x2: W - 10, y1: y(t), y2: y(t), stroke: "#e5e7eb" }));
    children.push(
      el(
        "text",
        { x: left - 6, y: y(t) + 4, "text-anchor": "end", "font-size": 10, fill: "#59636e" },
        opts.percent ? `${Math.round(t * 100)}%` : String(Math.round(t * 10) / 10),
      ),
    );
  }
  labels.forEach((label, i) => {
    const gx = left + i * groupW + (groupW - barW * series.length) / 2;
    series.forEach((s, j) => {
      const v = s.values[i];
      if (v === null || v === undefined) return;
      children.push(
        el(
          "rect",
          {
            x: gx + j * barW,
            y: y(v),
            width: barW - 2,
            height: Math.max(0, top + plotH - y(v)),
            fill: s.color,
          },
          el("title", {}, `${label} ${s.name}: ${opts.percent ? pct(v) : v}`),
        ),
      );
    });
    children.push(
      el(
        "text",
        { x: left + i * groupW + groupW / 2, y: H - bottom + 14, "text-anchor": "middle", "font-size": 11 },
        label,
      ),
    );
  });
  series.forEach((s, j) => {
    children.push(el("rect", { x: left + j * 120, y: 6, width: 10, height: 10, fill: s.color }));
    children.push(el("text", { x: left + j * 120 + 14, y: 15, "font-size": 11 }, s.name));
  });
  return el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width: W,
      height: H,
      viewBox: `0 0 ${W} ${H}`,
      role: "img",
      "aria-label": title,
      "font-family": "Noto Sans CJK SC, sans-serif",
    },
    ...children,
  );
}

export function monthlyCharts(r: MonthlyReport): { id: string; zh: string; en: string; svg: SvgNode }[] {
  const ps = byPlatform(r.rows);
  const labels = ps.map((p) => platformZh(p.platform));
  return [
    {
      id: "chart-compliance",
      zh: "各平台亮照合规率",
      en: "license-display compliance by platform",
      svg: barChart(
        "合规率",
        labels,
        [{ name: "合规率 compliance", color: "#2da44e", values: ps.map((p) => p.complianceRate) }],
        { percent: true },
      ),
    },
    {
      id: "chart-lists",
      zh: "名单新增与移出",
      en: "list entries added / removed",
      svg: barChart("名单", labels, [
        { name: "新增 added", color: "#cf222e", values: ps.map((p) => p.listAdded) },
        { name: "移出 removed", color: "#8c959f", values: ps.map((p) => p.listRemoved) },
      ]),
    },
    {
      id: "chart-rectify",
      zh: "整改：到期、逾期、完成",
      en: "rectifications due / overdue / done",
      svg: barChart("整改", labels, [
        { name: "到期 due", color: "#0969da", values: ps.map((p) => p.rectificationsDue) },
        { name: "逾期 overdue", color: "#b42318", values: ps.map((p) => p.rectificationsOverdue) },
        { name: "完成 done", color: "#1a7f37", values: ps.map((p) => p.rectificationsDone) },
      ]),
    },
  ];
}

function shanghai(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

export function MonthlyReportPage(props: { r: MonthlyReport; nav?: boolean }) {
  const { r } = props;
  const t = r.total;
  const cells = (x: MonthlyRow) => (
    <>
      <td>{x.shopsAudited}</td>
      <td>{x.compliant}</td>
      <td>{x.nonCompliant}</td>
      <td>{x.review}</td>
      <td>{x.error}</td>
      <td>{pct(x.complianceRate)}</td>
      <td>{x.listAdded}</td>
      <td>{x.listRemoved}</td>
      <td>{x.rectificationsDue}</td>
      <td class={x.rectificationsOverdue ? "bad" : ""}>{x.rectificationsOverdue}</td>
      <td>{x.rectificationsDone}</td>
      <td>{x.objections}</td>
      <td class={x.escalations ? "bad" : ""}>{x.escalations}</td>
    </>
  );
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`信标 电子商务信用监管月报 ${r.month} / monthly report`}</title>
        <style>{CSS}</style>
      </head>
      <body data-charts="ready">
        <header>
          <h1>
            电子商务信用监管月报 {r.month}{" "}
            <span class="en" style="color:#fff">
              Monthly report
            </span>
          </h1>
          <p>
            统计期间 {r.month}（北京时间 {shanghai(r.from)} 至 {shanghai(r.to)}） · 生成于{" "}
            {shanghai(r.generatedAt)} · 依据 赣信用办〔2018〕26号（按月报送）、《电子商务法》第十五条
          </p>
        </header>
        <main>
          {props.nav ? (
            <nav>
              <a href="/regulator">← 看板 dashboard</a>
              <a href={`/regulator/monthly.csv?month=${r.month}`}>CSV</a>
            </nav>
          ) : null}
          <div class="cards">
            <div class="card">
              <b>{t.shopsAudited}</b>
              <span>检查店铺 · shops audited</span>
            </div>
            <div class="card">
              <b>{pct(t.complianceRate)}</b>
              <span>
                合规率（含未完成 {t.error}、待复核 {t.review}） · compliance
              </span>
            </div>
            <div class="card">
              <b>
                +{t.listAdded} / −{t.listRemoved}
              </b>
              <span>名单新增/移出 · list added/removed</span>
            </div>
            <div class="card">
              <b>
                {t.rectificationsDue} /{" "}
                <span class={t.rectificationsOverdue ? "bad" : ""}>{t.rectificationsOverdue}</span> /{" "}
                {t.rectificationsDone}
              </b>
              <span>整改 到期/逾期/完成 · due/overdue/done</span>
            </div>
            <div class="card">
              <b>{t.objections}</b>
              <span>异议 · objections</span>
            </div>
            <div class="card">
              <b class={t.escalations ? "bad" : ""}>{t.escalations}</b>
              <span>升级处理 · escalations</span>
            </div>
          </div>
          <div class="charts">
            {monthlyCharts(r).map((c) => (
              <div class="chart" id={c.id}>
                <h2>
                  {c.zh} <span class="en">{c.en}</span>
                </h2>
                {raw(c.svg.markup)}
              </div>
            ))}
          </div>
          <table>
            <thead>
              <tr>
                <th class="l">平台 platform</th>
                <th class="l">地区 region</th>
                <th>检查店铺 audited</th>
                <th>合规</th>
                <th>不合规</th>
                <th>待复核</th>
                <th>未完成</th>
                <th>合规率</th>
                <th>名单新增</th>
                <th>名单移出</th>
                <th>整改到期</th>
                <th>逾期</th>
                <th>整改完成</th>
                <th>异议</th>
                <th>升级</th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((x) => (
                <tr>
                  <td class="l">{platformZh(x.platform)}</td>
                  <td class="l">{x.region}</td>
                  {cells(x)}
                </tr>
              ))}
              <tr class="total">
                <td class="l">合计 total</td>
                <td class="l" />
                {cells(t)}
              </tr>
            </tbody>
          </table>
          <p class="note">
            名单、整改、异议按主体开店的平台分别计入（一个主体在多个平台开店时各平台各计一次；无店铺记入“—”），合计行每条只计一次。合规率以本月检查的全部店铺为分母，未完成与待人工复核的店铺不计为合规。
            <br />
            List, rectification and objection figures count once per platform the merchant has shops on; the
            total counts each once. The compliance rate's denominator is every shop audited this month.
          </p>
        </main>
      </body>
    </html>
  );
}

export function renderMonthlyReport(r: MonthlyReport, nav = false): string {
  return `<!DOCTYPE html>${(<MonthlyReportPage r={r} nav={nav} />).toString()}`;
}
