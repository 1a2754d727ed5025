/**
 * One escaping element builder for the HTML report: text and attribute values are always escaped,
 * so a shop name or URL from an audited page can never become markup (the report is opened by
 * auditors and regulators; audited pages are untrusted input).
 */
export type Child = string | number | Raw | null | undefined | false | Child[];

export class Raw {
  constructor(readonly html: string) {}
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

function render(c: Child): string {
  if (c === null || c === undefined || c === false) return "";
  if (c instanceof Raw) return c.html;
  if (Array.isArray(c)) return c.map(render).join("");
  return escapeHtml(String(c));
}

const VOID = new Set(["img", "meta", "br", "hr", "link", "input"]);

export function h(
  tag: string,
  attrs: Record<string, string | number | boolean | null | undefined> = {},
  ...children: Child[]
): Raw {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeHtml(String(v))}"`))
    .join("");
  return new Raw(VOID.has(tag) ? `<${tag}${a}>` : `<${tag}${a}>${render(children)}</${tag}>`);
}

export function html(...children: Child[]): string {
  return render(children);
}

/** JSON inside <script type="application/json">: `<` escaped so no `</script>` can close it early. */
export function jsonScript(id: string, data: unknown): Raw {
  return new Raw(
    `<script type="application/json" id="${escapeHtml(id)}">${JSON.stringify(data).replace(/</g, "\\u003c")}</script>`,
  );
}

/** Only relative paths into the report's own folder and http(s) URLs become links/images. */
export function safeHref(u: string | null | undefined): string | null {
  if (!u) return null;
  if (/^https?:\/\//i.test(u)) return u;
  if (/^evidence\/[\w.-]+$/.test(u)) return u;
  return null;
}
