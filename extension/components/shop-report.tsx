/**
 * "报告识别错误或遗漏 / report a wrong or missed match" in the popup (issue 14). Nothing is sent until the
 * person presses send; what will be sent is shown, verbatim, above the button, with the privacy note.
 * The page address is off by default and is added to the preview only when ticked.
 */
import type { Platform } from "@xinbiao/db/model";
import { useState } from "preact/hooks";
import type { Lang } from "../utils/i18n.ts";
import { buildMatchReport } from "../utils/match-report.ts";
import type { MatchReport, MatchReportAnswer } from "../utils/messages.ts";

const R = {
  open: { zh: "报告识别错误或遗漏", en: "report a wrong or missed match" },
  kindMissed: {
    zh: "这是店铺或商品页面，但没有识别出店铺",
    en: "this is a shop or item page, but no shop was found",
  },
  kindWrong: { zh: "识别出的店铺不对", en: "the shop found is the wrong one" },
  includeUrl: { zh: "同时发送此页面地址", en: "also send this page's address" },
  preview: { zh: "将发送以下内容（仅此而已）：", en: "exactly this will be sent, nothing else:" },
  privacy: {
    zh: "隐私说明：报告只含上面显示的内容，发送给信标服务，供团队修正识别规则。不含店铺编号、浏览记录、账号或设备信息；页面地址只在勾选后发送，且已去掉跟踪参数。",
    en: "Privacy: the report holds only what is shown above and goes to the Xinbiao service so the team can fix the detection rules. No shop id, browsing history, account or device data; the page address only if ticked, with tracking parameters removed.",
  },
  send: { zh: "发送报告", en: "send report" },
  cancel: { zh: "取消", en: "cancel" },
  sending: { zh: "正在发送…", en: "sending…" },
  sent: { zh: "已发送，谢谢！编号：{id}", en: "sent, thank you! reference: {id}" },
  failed: { zh: "发送失败：{m}", en: "could not send: {m}" },
};
const r = (lang: Lang, k: keyof typeof R, vars: Record<string, string> = {}) =>
  R[k][lang].replace(/\{(\w+)\}/g, (_, v: string) => vars[v] ?? "");

export interface ShopReportProps {
  lang: Lang;
  platform: Platform;
  /** "wrong" when a shop was matched, "missed" when none was. */
  kind: MatchReport["kind"];
  pageUrl: string;
  rulesVersion: string;
  extensionVersion: string;
  /** Sends the confirmed report (through the background, to the service). */
  send: (report: MatchReport) => Promise<MatchReportAnswer>;
}

export function ShopReport(p: ShopReportProps) {
  const [open, setOpen] = useState(false);
  const [includeUrl, setIncludeUrl] = useState(false);
  const [status, setStatus] = useState<"idle" | "sending" | MatchReportAnswer>("idle");
  if (!open) {
    return (
      <button type="button" class="link report-open" onClick={() => setOpen(true)}>
        {r(p.lang, "open")}
      </button>
    );
  }
  const report = buildMatchReport({
    kind: p.kind,
    platform: p.platform,
    rulesVersion: p.rulesVersion,
    extensionVersion: p.extensionVersion,
    pageUrl: includeUrl ? p.pageUrl : null,
  });
  if (typeof status === "object" && status.ok) {
    return (
      <p class="report-sent" role="status">
        {r(p.lang, "sent", { id: status.id })}
      </p>
    );
  }
  return (
    <form
      class="report"
      aria-label={r(p.lang, "open")}
      onSubmit={async (e) => {
        e.preventDefault();
        setStatus("sending");
        // The object sent is the one previewed: built from the same state, not rebuilt elsewhere.
        setStatus(await p.send(report));
      }}
    >
      <p>{r(p.lang, p.kind === "missed" ? "kindMissed" : "kindWrong")}</p>
      <label>
        <input
          type="checkbox"
          name="include-url"
          checked={includeUrl}
          onChange={(e) => setIncludeUrl((e.target as HTMLInputElement).checked)}
        />{" "}
        {r(p.lang, "includeUrl")}
      </label>
      <p class="muted">{r(p.lang, "preview")}</p>
      <pre class="report-preview" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        {JSON.stringify(report, null, 2)}
      </pre>
      <small class="muted report-privacy">{r(p.lang, "privacy")}</small>
      {typeof status === "object" && !status.ok && (
        <p class="error" role="alert">
          {r(p.lang, "failed", { m: status.message })}
        </p>
      )}
      <div class="report-actions">
        <button type="submit" disabled={status === "sending"}>
          {status === "sending" ? r(p.lang, "sending") : r(p.lang, "send")}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {r(p.lang, "cancel")}
        </button>
      </div>
    </form>
  );
}
