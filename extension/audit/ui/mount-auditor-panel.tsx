/**
 * Mounts the auditor panel on a shop page (content script, auditor mode on). Own shadow root, so the
 * page's CSS cannot restyle it and its CSS cannot leak. The content script calls this once per page;
 * the returned function unmounts it.
 */
import { render } from "preact";
import { AuditorPanel, PANEL_CSS, type PanelLang } from "./auditor-panel.tsx";
import { clearHighlights, highlight } from "./highlight.ts";
import {
  auditThisPage,
  exportFileName,
  exportJson,
  type PanelAudit,
  type RecordAnswer,
} from "./page-audit.ts";

export const PANEL_TAG = "xinbiao-auditor-panel";

export interface PanelHooks {
  lang: () => PanelLang;
  /** The USCC the extension's lookup found for this shop, if any (once the lookup is done). */
  uscc: () => Promise<string | null> | string | null;
  recordFor: (uscc: string) => Promise<RecordAnswer>;
}

/** Download a JSON string as a file, from the page (no extension permission needed). */
export function download(doc: Document, name: string, json: string): void {
  const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
  const a = doc.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function mountAuditorPanel(doc: Document, win: Window, hooks: PanelHooks): () => void {
  doc.querySelector(PANEL_TAG)?.remove();
  const host = doc.createElement(PANEL_TAG);
  const shadow = host.attachShadow({ mode: "open" });
  const style = doc.createElement("style");
  style.textContent = PANEL_CSS;
  const root = doc.createElement("div");
  shadow.append(style, root);
  doc.body.append(host);

  let result: PanelAudit | null = null;
  let highlighted = false;
  const paint = () =>
    render(
      <AuditorPanel
        lang={hooks.lang()}
        result={result}
        highlighted={highlighted}
        onHighlight={() => {
          highlighted = !highlighted;
          if (highlighted && result) highlight(doc, result.audit.checks);
          else clearHighlights(doc);
          paint();
        }}
        onExport={() => result && download(doc, exportFileName(result), exportJson(result))}
        onRerun={() => void run()}
        onClose={() => unmount()}
      />,
      root,
    );
  async function run() {
    result = null;
    highlighted = false;
    clearHighlights(doc);
    paint();
    const uscc = await hooks.uscc();
    // The panel itself is not part of the page under audit.
    host.hidden = true;
    try {
      result = await auditThisPage(doc, win, uscc, hooks.recordFor);
    } finally {
      host.hidden = false;
    }
    paint();
  }
  function unmount() {
    render(null, root);
    clearHighlights(doc);
    host.remove();
  }
  void run();
  return unmount;
}
