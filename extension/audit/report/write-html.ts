/**
 * report.html: a self-contained page (open it from disk, mail it): totals, three charts drawn by
 * Chart.js (inlined, no network) — compliance rate by platform, failures by check, change against an
 * earlier report — and one row per page with its screenshot thumbnail, outcome, failed checks and
 * evidence hash. zh-CN first with English beside it; times in Asia/Shanghai.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { checkLabel, ERROR_LABELS, OUTCOME_LABELS } from "../engine/check-labels.ts";
import { h, html, jsonScript, Raw, safeHref } from "./html-builder.ts";
import { platformLabel, type Report } from "./report-model.ts";
import { shanghaiTime } from "./time.ts";

const require = createRequire(import.meta.url);
let chartJs: string | null = null;
function chartSource(): string {
  // The UMD build is not in the package's exports map: find it beside the CommonJS entry.
  chartJs ??= readFileSync(join(dirname(require.resolve("chart.js")), "chart.umd.min.js"), "utf8");
  return chartJs;
}

const pct = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);

const CSS = `
body{margin:0;font:14px/1.55 "Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
header.top{background:#0b3d91;color:#fff;padding:18px 28px}header.top h1{margin:0;font-size:22px}header.top p{margin:4px 0 0;opacity:.85}
main{padding:20px 28px;max-width:1400px}
.cards{display:flex;gap:14px;flex-wrap:wrap;margin-bottom:18px}.card{background:#fff;border-radius:8px;padding:12px 18px;box-shadow:0 1px 3px #0002;min-width:150px}
.card b{display:block;font-size:26px}.card span{color:#57606a;font-size:12px}
.charts{display:flex;gap:16px;flex-wrap:wrap}.chart{background:#fff;border-radius:8px;padding:12px;box-shadow:0 1px 3px #0002}
.chart h2{font-size:15px;margin:0 0 8px}
table{border-collapse:collapse;width:100%;background:#fff;margin-top:18px;box-shadow:0 1px 3px #0002}
th,td{border-bottom:1px solid #e5e7eb;padding:8px;vertical-align:top;text-align:left;font-size:13px}th{background:#eef1f5}
td.thumb img{width:160px;height:100px;object-fit:cover;object-position:top;border:1px solid #d0d7de;border-radius:4px}
.chip{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12px;font-weight:600;white-space:nowrap}
.compliant{background:#dafbe1;color:#116329}.non_compliant{background:#ffebe9;color:#a40e26}.error{background:#eaeef2;color:#57606a}.review{background:#fff8c5;color:#7d4e00}
h2.grp{font-size:18px;margin:26px 0 6px;border-left:5px solid #0b3d91;padding-left:8px;break-after:avoid;page-break-after:avoid}h3.auth{font-size:15px;margin:14px 0 0;color:#24292f;break-after:avoid;page-break-after:avoid}
tr{break-inside:avoid;page-break-inside:avoid}
section.notice{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:14px 22px;margin:14px 0;max-width:900px;break-inside:avoid;page-break-inside:avoid}
section.notice h3{margin:0 0 6px;font-size:17px;text-align:center}section.notice .sign{text-align:right}
.input{background:#fff8c5;border-radius:6px;padding:8px 14px;margin:10px 0;font-size:13px}
@media print{body{background:#fff}.chart,.card,table{box-shadow:none}td.thumb img{width:110px;height:70px}header.top{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
.flag{background:#3d0a0a;color:#fff}
.en{color:#57606a;font-size:12px}.url{word-break:break-all;max-width:320px}.mono{font-family:monospace;font-size:11px;color:#57606a}
ul.fails{margin:0;padding-left:18px}
`;

function summaryCards(r: Report): Raw {
  const t = r.totals;
  const card = (v: string | number, zh: string, en: string, cls = "") =>
    h("div", { class: `card ${cls}` }, h("b", {}, v), h("span", {}, `${zh} · ${en}`));
  return h(
    "div",
    { class: "cards" },
    card(t.pages, "页面", "pages"),
    card(pct(t.rate), "合规率（全部页面为分母）", "compliance rate, all pages"),
    card(pct(t.decidedRate), `有结论页面合规率（不含 ${t.error + t.review} 页）`, `rate among decided pages`),
    card(t.compliant, "合规", "compliant"),
    card(t.non_compliant, "不合规", "non-compliant"),
    card(t.review, "需人工复核", "needs human review", "review"),
    card(t.error, "未完成（超时/404/非网页）", "not audited", "error"),
    card(t.flagged, "黑名单/重点关注", "listed merchants"),
    card(r.run.pagesPerMinute ? r.run.pagesPerMinute.toFixed(1) : "—", "页/分钟", "pages per minute"),
  );
}

/** 整改通知 (draft) for a non-compliant shop: what was found, the rule, the evidence id, where it goes. */
function notice(r: Report["results"][number], runId: string | undefined): Raw {
  const fails = r.checks.filter((c) => c.status === "fail" && c.kind === "display");
  const date = shanghaiTime(r.auditedAt).slice(0, 10);
  return h(
    "section",
    { class: "notice", id: `notice-${r.index + 1}` },
    h("h3", {}, "整改通知书（草稿） ", h("span", { class: "en" }, "Rectification notice (draft)")),
    h(
      "p",
      { class: "mono" },
      `编号 No. ${runId ?? "—"}-${String(r.index + 1).padStart(4, "0")} · 证据编号 evidence ${r.evidence.evidenceId ?? "—"}`,
    ),
    h("p", {}, `${r.merchantName ?? "经营者"}（统一社会信用代码：${r.uscc ?? "未知"}）：`),
    h(
      "p",
      {},
      `${date}，对你单位在${r.platform ? platformLabel(r.platform).zh : "电子商务平台"}开设的网店首页（${r.requestedUrl}）进行检查，发现以下问题：`,
    ),
    h(
      "ol",
      {},
      fails.map((c) => h("li", {}, c.zh, c.rule ? h("span", { class: "en" }, `（依据 ${c.rule}）`) : null)),
    ),
    h(
      "p",
      {},
      "根据《中华人民共和国电子商务法》第十五条、《市场主体登记管理条例》第三十六条，电子商务经营者应当在其首页显著位置持续公示营业执照信息或者其电子链接标识。请于收到本通知之日起十五个工作日内整改，并将整改情况书面报告。逾期不改正的，依照《市场主体登记管理条例》第七十六条处理。对检查结论有异议的，可凭上述证据编号提出。",
    ),
    h(
      "p",
      { class: "en" },
      "Under E-Commerce Law §15 and Market Entity Registration Regulation §36 the license information or its electronic link badge must be shown prominently and continuously on the shop's main page. Please rectify within 15 working days and report in writing; Regulation §76 applies otherwise. Objections may cite the evidence id above.",
    ),
    h("p", { class: "sign" }, `${r.authority ?? "（登记机关）"}`, h("br"), "年　月　日（拟）"),
  );
}

function row(r: Report["results"][number]): Raw {
  const shot = safeHref(r.evidence.screenshot);
  const link = safeHref(r.requestedUrl);
  const fails = r.checks.filter((c) => c.status === "fail" || c.status === "review");
  return h(
    "tr",
    { "data-outcome": r.outcome },
    h("td", {}, r.index + 1),
    h(
      "td",
      { class: "thumb" },
      shot
        ? h("a", { href: shot }, h("img", { src: shot, alt: `截图 ${r.index + 1}`, loading: "lazy" }))
        : h("span", { class: "en" }, "无截图 / no screenshot"),
    ),
    h(
      "td",
      { class: "url" },
      link ? h("a", { href: link, rel: "noreferrer" }, r.requestedUrl) : r.requestedUrl,
      h("div", { class: "en" }, [r.platform ?? "", r.shopId ?? ""].filter(Boolean).join(" · ")),
    ),
    h("td", {}, r.merchantName ?? "—", h("div", { class: "mono" }, r.uscc ?? "")),
    h(
      "td",
      {},
      h(
        "span",
        { class: `chip ${r.outcome}` },
        `${OUTCOME_LABELS[r.outcome].zh} ${OUTCOME_LABELS[r.outcome].en}`,
      ),
      r.flags.length
        ? [
            " ",
            h(
              "span",
              { class: "chip flag" },
              r.flags.map((f) => (f === "black" ? "黑名单" : "重点关注")).join("、"),
            ),
          ]
        : null,
    ),
    h(
      "td",
      {},
      r.error
        ? h(
            "div",
            {},
            `${ERROR_LABELS[r.error.code].zh}：${r.error.zh}`,
            h("div", { class: "en" }, r.error.en),
          )
        : fails.length
          ? h(
              "ul",
              { class: "fails" },
              fails.map((c) =>
                h("li", {}, h("b", {}, checkLabel(c.id).zh), "：", c.zh, h("div", { class: "en" }, c.en)),
              ),
            )
          : h("span", { class: "en" }, "全部通过 / all checks passed"),
    ),
    h(
      "td",
      {},
      h("div", {}, shanghaiTime(r.auditedAt)),
      h(
        "div",
        { class: "mono", title: r.evidence.htmlSha256 ?? "" },
        r.evidence.evidenceId ? `证据 ${r.evidence.evidenceId}` : "",
        h("br"),
        r.evidence.htmlSha256 ? `HTML SHA-256 ${r.evidence.htmlSha256.slice(0, 16)}…` : "",
        h("br"),
        r.evidence.manifest ? (r.evidence.signed ? "清单已签名 signed" : "清单未签名 unsigned") : "",
      ),
      (r.evidence.fullPage ?? []).slice(0, 1).map((f) => {
        const href = safeHref(f);
        return href ? h("a", { href }, "整页截图 full page") : null;
      }),
    ),
  );
}

/** Drawn in the browser from the embedded JSON; sizes fixed and animation off so prints and screenshots are stable. */
const CHART_SCRIPT = `
const R = JSON.parse(document.getElementById("report-data").textContent);
Chart.defaults.font.family = '"Noto Sans CJK SC","Noto Sans SC",sans-serif';
Chart.defaults.animation = false;
const pctAxis = { min: 0, max: 100, ticks: { callback: (v) => v + "%" } };
new Chart(document.getElementById("chart-platform"), {
  type: "bar",
  data: { labels: R.byPlatform.map((p) => p.zh), datasets: [
    { label: "合规率 compliance %", data: R.byPlatform.map((p) => p.rate === null ? null : Math.round(p.rate * 1000) / 10), backgroundColor: "#2da44e" } ] },
  options: { responsive: false, scales: { y: pctAxis }, plugins: { legend: { display: true } } },
});
new Chart(document.getElementById("chart-checks"), {
  type: "bar",
  data: { labels: R.failuresByCheck.map((c) => c.zh), datasets: [
    { label: "未通过页数 failing pages", data: R.failuresByCheck.map((c) => c.count), backgroundColor: "#cf222e" } ] },
  options: { indexAxis: "y", responsive: false, scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { autoSkip: false } } } },
});
const cmp = document.getElementById("chart-compare");
if (cmp && R.comparison) new Chart(cmp, {
  type: "bar",
  data: { labels: R.comparison.byPlatform.map((p) => p.zh), datasets: [
    { label: "上次 before %", data: R.comparison.byPlatform.map((p) => p.before === null ? null : Math.round(p.before * 1000) / 10), backgroundColor: "#8c959f" },
    { label: "本次 now %", data: R.comparison.byPlatform.map((p) => p.after === null ? null : Math.round(p.after * 1000) / 10), backgroundColor: "#0969da" } ] },
  options: { responsive: false, scales: { y: pctAxis } },
});
document.documentElement.dataset.charts = "ready";
`;

export function reportHtml(r: Report): string {
  const label = (p: string) => r.byPlatform.find((x) => x.platform === p)?.zh ?? p;
  const chartData = {
    byPlatform: r.byPlatform.map((p) => ({ zh: p.zh, rate: p.rate })),
    failuresByCheck: r.failuresByCheck.map((c) => ({ zh: `${c.zh} ${c.id}`, count: c.count })),
    comparison: r.comparison
      ? {
          byPlatform: r.comparison.byPlatform.map((p) => ({
            zh: label(p.platform),
            before: p.before,
            after: p.after,
          })),
        }
      : null,
  };
  const chart = (id: string, zh: string, en: string, w = 440, hgt = 280) =>
    h(
      "div",
      { class: "chart" },
      h("h2", {}, zh, " ", h("span", { class: "en" }, en)),
      h("canvas", { id, width: w, height: hgt, role: "img", "aria-label": `${zh} ${en}` }),
    );
  return `<!DOCTYPE html>${html(
    h(
      "html",
      { lang: "zh-CN" },
      h(
        "head",
        {},
        h("meta", { charset: "utf-8" }),
        h("meta", { name: "viewport", content: "width=device-width,initial-scale=1" }),
        h("title", {}, `信标亮照检查报告 · Xinbiao license-display audit · ${shanghaiTime(r.generatedAt)}`),
        h("style", {}, new Raw(CSS)),
      ),
      h(
        "body",
        {},
        h(
          "header",
          { class: "top" },
          h(
            "h1",
            {},
            "信标 · 亮照合规检查报告 ",
            h("span", { style: "font-weight:normal;font-size:15px" }, "License-display audit report"),
          ),
          h(
            "p",
            {},
            `生成于 ${shanghaiTime(r.generatedAt)}（北京时间） · 批次 ${r.runId ?? "—"} · 登记数据来源 ${r.service} · ${r.signedBy ? `证据清单由审计员密钥 ${r.signedBy.keyId}（${r.signedBy.label}）签名` : "证据清单未签名"} · 依据《电子商务法》第十五条、《市场主体登记管理条例》第三十六条`,
          ),
        ),
        h(
          "main",
          {},
          summaryCards(r),
          h(
            "div",
            { class: "charts" },
            chart("chart-platform", "各平台合规率", "compliance rate by platform"),
            chart(
              "chart-checks",
              "各项检查未通过数",
              "failures by check",
              560,
              Math.max(280, 60 + 24 * r.failuresByCheck.length),
            ),
            r.comparison
              ? chart(
                  "chart-compare",
                  `与上次报告对比（${shanghaiTime(r.comparison.earlierGeneratedAt)}）`,
                  "change against the earlier report",
                )
              : null,
          ),
          r.comparison?.changed.length
            ? h(
                "p",
                {},
                `结果有变化的页面 ${r.comparison.changed.length} 个 / pages whose outcome changed: `,
                r.comparison.changed
                  .slice(0, 50)
                  .map((c) => h("span", { class: "mono" }, ` ${c.url}: ${c.before} → ${c.after};`)),
              )
            : null,
          r.input && (r.input.invalid.length || r.input.duplicates.length)
            ? h(
                "div",
                { class: "input" },
                `网址列表 ${r.input.list}：${r.input.urls} 个网址；跳过无效行 ${r.input.invalid.length} 个，重复 ${r.input.duplicates.length} 个 / skipped ${r.input.invalid.length} invalid and ${r.input.duplicates.length} duplicate lines: `,
                [
                  ...r.input.invalid.map((p) => `第 ${p.line} 行 ${p.zh}`),
                  ...r.input.duplicates.map((d) => `第 ${d.line} 行重复第 ${d.firstLine} 行`),
                ]
                  .slice(0, 20)
                  .join("；"),
              )
            : null,
          (
            r.groups ?? [
              {
                platform: "all",
                zh: "全部",
                authorities: [{ authority: "—", results: r.results.map((_, i) => i) }],
              },
            ]
          ).map((g) =>
            h(
              "section",
              { class: "group", "data-platform": g.platform },
              h("h2", { class: "grp" }, `${g.zh} `, h("span", { class: "en" }, g.platform)),
              g.authorities.map((a) =>
                h(
                  "div",
                  { class: "authority" },
                  h("h3", { class: "auth" }, `登记机关 ${a.authority}（${a.results.length} 页）`),
                  h(
                    "table",
                    {},
                    h(
                      "thead",
                      {},
                      h(
                        "tr",
                        {},
                        [
                          "#",
                          "截图 screenshot",
                          "网址 URL",
                          "经营者 merchant",
                          "结果 outcome",
                          "未通过/待复核的检查 failed or undecided checks",
                          "时间与证据 time & evidence",
                        ].map((t) => h("th", {}, t)),
                      ),
                    ),
                    h(
                      "tbody",
                      {},
                      a.results.map((i) => row(r.results[i]!)),
                    ),
                  ),
                ),
              ),
            ),
          ),
          h(
            "h2",
            { class: "grp", id: "notices" },
            "整改通知（草稿） ",
            h("span", { class: "en" }, "rectification notices (drafts)"),
          ),
          r.results.filter((x) => x.outcome === "non_compliant" && x.shopId).map((x) => notice(x, r.runId)),
        ),
        jsonScript("report-data", chartData),
        h("script", {}, new Raw(chartSource().replace(/<\/script/gi, "<\\/script"))),
        h("script", {}, new Raw(CHART_SCRIPT)),
      ),
    ),
  )}`;
}
