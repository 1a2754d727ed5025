/** The options-page switch of auditor mode (issue 6 item 4): off by default; on, shop pages get the audit panel. */
export function AuditorModeOption(p: { lang: "zh" | "en"; checked: boolean; onChange(on: boolean): void }) {
  return (
    <div class="field">
      <label>
        <input
          type="checkbox"
          id="auditor-mode"
          checked={p.checked}
          onChange={(e) => p.onChange((e.target as HTMLInputElement).checked)}
        />{" "}
        {p.lang === "zh"
          ? "审计模式：在店铺页显示亮照检查面板"
          : "Auditor mode: show the license-display audit panel on shop pages"}
      </label>
      <small class="muted">
        {p.lang === "zh"
          ? "逐项列出检查结果、高亮证据元素，并可导出 JSON（电子商务法第十五条）。"
          : "Lists every check, highlights the evidence and exports the result as JSON (E-Commerce Law §15)."}
      </small>
    </div>
  );
}
