/**
 * The auditor-mode panel (issue 6 item 4): every check with pass / fail / not applicable, its message
 * and evidence count; buttons to highlight the evidence on the page, export the result as JSON and
 * run again. Text only (Preact escapes), zh first with English beside it.
 */
import { checkLabel, OUTCOME_LABELS } from "../engine/check-labels.ts";
import type { Check } from "../engine/types.ts";
import type { PanelAudit } from "./page-audit.ts";

export type PanelLang = "zh" | "en";

const W = {
  title: { zh: "亮照检查 · 审计模式", en: "License-display audit" },
  running: { zh: "正在检查…", en: "checking…" },
  highlight: { zh: "高亮证据", en: "highlight evidence" },
  unhighlight: { zh: "取消高亮", en: "clear highlights" },
  export: { zh: "导出 JSON", en: "export JSON" },
  rerun: { zh: "重新检查", en: "check again" },
  close: { zh: "关闭", en: "close" },
  evidence: { zh: "处证据", en: "evidence" },
  black: { zh: "黑名单", en: "blacklist" },
  watch: { zh: "重点关注", en: "watch list" },
  law: {
    zh: "依据《电子商务法》第十五条、《市场主体登记管理条例》第三十六条",
    en: "E-Commerce Law §15; Market Entity Registration Regulation §36",
  },
};

const MARK: Record<Check["status"], string> = { pass: "✓", fail: "✗", na: "—", review: "?" };

export interface AuditorPanelProps {
  lang: PanelLang;
  result: PanelAudit | null;
  highlighted: boolean;
  onHighlight(): void;
  onExport(): void;
  onRerun(): void;
  onClose(): void;
}

export function AuditorPanel(p: AuditorPanelProps) {
  const w = (k: keyof typeof W) => W[k][p.lang];
  const other = p.lang === "zh" ? "en" : "zh";
  const a = p.result?.audit;
  return (
    <section class="xa-panel" role="dialog" aria-label={w("title")} data-outcome={a?.outcome ?? "running"}>
      <header class="xa-head">
        <strong>{w("title")}</strong>
        <button type="button" class="xa-x" aria-label={w("close")} onClick={p.onClose}>
          ×
        </button>
      </header>
      {!a ? (
        <p class="xa-muted">{w("running")}</p>
      ) : (
        <>
          <p class="xa-summary">
            <span class={`xa-chip xa-${a.outcome}`}>
              {OUTCOME_LABELS[a.outcome][p.lang]}
              <span class="xa-en"> {OUTCOME_LABELS[a.outcome][other]}</span>
            </span>
            {a.flags.map((f) => (
              <span class="xa-chip xa-flag" key={f}>
                {w(f)}
              </span>
            ))}
          </p>
          {a.merchantName ? (
            <p class="xa-muted">
              {a.merchantName} · {a.uscc}
            </p>
          ) : null}
          {a.error ? <p class="xa-error">{p.lang === "zh" ? a.error.zh : a.error.en}</p> : null}
          <ol class="xa-checks">
            {a.checks.map((c) => (
              <li class={`xa-check xa-${c.status}`} data-check={c.id} data-status={c.status} key={c.id}>
                <span class="xa-mark" aria-hidden="true">
                  {MARK[c.status]}
                </span>
                <div>
                  <b>{checkLabel(c.id)[p.lang]}</b> <code>{c.id}</code>
                  <div>{p.lang === "zh" ? c.zh : c.en}</div>
                  {c.evidence.length ? (
                    <div class="xa-muted">
                      {c.evidence.length} {w("evidence")}
                    </div>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
          <div class="xa-actions">
            <button type="button" onClick={p.onHighlight} aria-pressed={p.highlighted}>
              {p.highlighted ? w("unhighlight") : w("highlight")}
            </button>
            <button type="button" onClick={p.onExport}>
              {w("export")}
            </button>
            <button type="button" onClick={p.onRerun}>
              {w("rerun")}
            </button>
          </div>
          <p class="xa-law">{w("law")}</p>
        </>
      )}
    </section>
  );
}

export const PANEL_CSS = `
:host{all:initial}
.xa-panel{position:fixed;right:16px;bottom:16px;width:380px;max-height:75vh;overflow:auto;z-index:2147483647;background:#fff;color:#1f2328;
  font:13px/1.5 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;border:1px solid #d0d7de;border-radius:10px;box-shadow:0 8px 24px #0003;padding:12px 14px}
.xa-head{display:flex;justify-content:space-between;align-items:center;margin-bottom:6px}.xa-head strong{font-size:15px}
.xa-x{border:0;background:none;font-size:20px;cursor:pointer;color:#57606a}
.xa-chip{display:inline-block;border-radius:10px;padding:1px 9px;font-weight:600;margin-right:6px}
.xa-compliant{background:#dafbe1;color:#116329}.xa-non_compliant{background:#ffebe9;color:#a40e26}.xa-error,.xa-running{background:#eaeef2;color:#57606a}
.xa-flag{background:#3d0a0a;color:#fff}.xa-en{font-weight:normal;opacity:.8}
.xa-muted{color:#57606a;font-size:12px;margin:2px 0}.xa-error{color:#a40e26}
.xa-checks{list-style:none;margin:8px 0;padding:0}.xa-check{display:flex;gap:8px;padding:6px 0;border-top:1px solid #eaeef2}
.xa-mark{font-weight:700;width:16px;flex:none;text-align:center}.xa-check.xa-pass .xa-mark{color:#1a7f37}.xa-check.xa-fail .xa-mark{color:#cf222e}.xa-check.xa-na{opacity:.6}
.xa-check code{font-size:11px;color:#57606a}
.xa-actions{display:flex;gap:8px;flex-wrap:wrap}.xa-actions button{border:1px solid #d0d7de;background:#f6f8fa;border-radius:6px;padding:4px 10px;cursor:pointer;font:inherit}
.xa-law{color:#57606a;font-size:11px;margin:8px 0 0}
`;
