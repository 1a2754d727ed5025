/**
 * The one escaping element builder for SVG (DESIGN §2: "SVG built through one escaping element
 * builder, never string concatenation of user text"). Every text child and every attribute value is
 * escaped here; element and attribute names are checked against a strict pattern, so data can never
 * become markup. Characters that XML 1.0 forbids are dropped (they would make the image unparseable).
 */

const NAME = /^[a-zA-Z][a-zA-Z0-9:-]*$/;
// XML 1.0 Char production excludes C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Markup produced by `el`; the only way to put markup inside another element. */
export class SvgNode {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type SvgChild = SvgNode | string | number | null | undefined | false;
export type SvgAttrs = Record<string, string | number | null | undefined | false>;

export function escapeXml(text: string): string {
  return text.replace(XML_INVALID, "").replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

function checkName(kind: string, name: string): string {
  if (!NAME.test(name)) throw new Error(`invalid SVG ${kind} name: ${JSON.stringify(name)}`);
  return name;
}

/** Build an element: `el("text", { x: 4 }, "信用江苏")`. Null/undefined/false attributes are left out. */
export function el(name: string, attrs: SvgAttrs = {}, ...children: SvgChild[]): SvgNode {
  let out = `<${checkName("element", name)}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    out += ` ${checkName("attribute", k)}="${escapeXml(String(v))}"`;
  }
  const inner = children
    .filter((c): c is SvgNode | string | number => c !== null && c !== undefined && c !== false)
    .map((c) => (c instanceof SvgNode ? c.markup : escapeXml(String(c))))
    .join("");
  return new SvgNode(inner ? `${out}>${inner}</${name}>` : `${out}/>`);
}
