/**
 * Auditor mode in a DOM (happy-dom): the panel lists every check with its status, the evidence is
 * outlined where the capture measured it, and the export is the JSON of the page's result.
 */
import type { PublicRecord, SignedEnvelope } from "@xinbiao/db/model";
import { anchor } from "@xinbiao/db/seed";
import { render } from "preact";
import { describe, expect, it } from "vitest";
import { auditPage } from "../engine/engine.ts";
import type { PageSnapshot } from "../engine/types.ts";
import { AuditorPanel } from "./auditor-panel.tsx";
import { highlight, OVERLAY_ID } from "./highlight.ts";
import { exportFileName, exportJson, type PanelAudit } from "./page-audit.ts";

const NOW = new Date("2026-11-22T04:00:00Z");
const a = anchor("normal");
const snapshot: PageSnapshot = {
  url: "http://shop100002.taobao.com/",
  title: "t",
  capturedAt: NOW.toISOString(),
  viewport: { width: 1280, height: 800 },
  documentHeight: 2000,
  pageKind: "shop",
  platform: "taobao",
  shop: { platform: "taobao", shopId: "100002" },
  uscc: null,
  elements: [
    {
      kind: "uscc",
      selector: "#lic",
      tag: "div",
      text: "统一社会信用代码：91110000600037341L",
      value: "91110000600037341L",
      box: { x: 20, y: 30, width: 320, height: 20 },
      visible: true,
      fontSizePx: 13,
      inFirstViewport: true,
      inHeader: true,
      inFooter: false,
    },
  ],
};
const envelope = {
  record: {
    uscc: a.uscc,
    name: a.name,
    kind: "enterprise",
    license: { status: "active" },
    permits: [],
    lists: [],
  } as unknown as PublicRecord,
  signature: "s",
  keyId: "k",
  issuedAt: NOW.toISOString(),
  expiresAt: NOW.toISOString(),
} satisfies SignedEnvelope;
const result: PanelAudit = {
  audit: auditPage({ snapshot, envelope, recordVerification: { ok: true }, now: NOW }),
  snapshot,
  auditedAt: NOW.toISOString(),
};

describe("auditor panel", () => {
  it("lists every check with pass / fail / n.a.", () => {
    const root = document.createElement("div");
    document.body.append(root);
    render(
      <AuditorPanel
        lang="zh"
        result={result}
        highlighted={false}
        onHighlight={() => {}}
        onExport={() => {}}
        onRerun={() => {}}
        onClose={() => {}}
      />,
      root,
    );
    const items = [...root.querySelectorAll("li.xa-check")];
    expect(items).toHaveLength(result.audit.checks.length);
    const uscc = root.querySelector('[data-check="identity.uscc"]')!;
    expect(uscc.getAttribute("data-status")).toBe("fail");
    expect(uscc.textContent).toContain(`统一社会信用代码不符：页面 91110000600037341L，登记 ${a.uscc}`);
    expect(root.querySelector(".xa-panel")!.getAttribute("data-outcome")).toBe("non_compliant");
    expect(root.textContent).toContain("导出 JSON");
    render(null, root);
  });

  it("outlines the evidence at the measured position", () => {
    const n = highlight(document, result.audit.checks);
    expect(n).toBeGreaterThan(0);
    const host = document.getElementById(OVERLAY_ID)!;
    const box = host.shadowRoot!.querySelector("div") as HTMLDivElement;
    expect(box.style.left).toBe("17px");
    expect(box.style.top).toBe("27px");
    const labels = [...host.shadowRoot!.querySelectorAll("span")].map((x) => x.textContent);
    expect(labels).toContain("✗ identity.uscc");
  });

  it("exports the page's result as JSON", () => {
    const j = JSON.parse(exportJson(result));
    expect(j).toMatchObject({
      tool: "xinbiao-audit",
      source: "extension",
      outcome: "non_compliant",
      shopId: "100002",
    });
    expect(j.checks.find((c: { id: string }) => c.id === "identity.uscc").evidence[0].expected).toBe(a.uscc);
    expect(exportFileName(result)).toBe("xinbiao-audit-taobao-100002-20261122040000.json");
  });
});
