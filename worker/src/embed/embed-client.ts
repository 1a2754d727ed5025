/**
 * The embeddable badge (亮照亮标, 电子商务法 §15: a link badge to the license info), run on partner
 * shop pages as `<script async src="…/embed.js" data-platform="jd" data-shop="1000001"></script>`
 * or with `data-uscc="…"`. Compiled to /embed.js by build-embed.ts (esbuild, IIFE, minified).
 *
 * Rules (DESIGN §6): everything inside one function scope (no globals), a Shadow root per badge,
 * data written only as text nodes (never innerHTML), no eval, styles through a constructed
 * stylesheet so a strict CSP that allows our origin in script-src and connect-src is enough.
 * Each <script> tag renders its own badge, so several badges on one page just work.
 */
import type { PublicRecord, SignedEnvelope } from "@xinbiao/db/model";
import {
  displayText,
  type Lang,
  LICENSE_WORDS,
  NOT_LISTED,
  NOT_REGISTERED,
  pick,
  stateText,
  TONE_COLORS,
  TONE_WORDS,
  type Tone,
} from "../badge/labels.ts";

interface EmbedAnswer {
  state: "ok" | "not_listed" | "unregistered";
  brand: { zh: string; en: string };
  page: string | null;
  envelope?: SignedEnvelope<PublicRecord>;
}

const ICON: Record<Tone, string> = {
  trusted: "✓",
  normal: "✓",
  caution: "!",
  warning: "⚠",
  danger: "✕",
  unknown: "?",
  unregistered: "⚠",
};

const CSS = `:host{all:initial;display:inline-block;vertical-align:middle}
a{display:inline-flex;flex-direction:column;min-width:220px;max-width:360px;border:1px solid #c9d1d9;border-radius:8px;overflow:hidden;text-decoration:none;color:#1f2328;background:#fff;font:14px/1.45 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
a:focus-visible{outline:3px solid #0a5fb4;outline-offset:2px}
.top{display:flex;align-items:center;gap:8px;padding:6px 10px;color:#fff}
.brand{font-weight:700}.tone{margin-left:auto;font-size:13px}
.body{padding:8px 10px;display:flex;flex-direction:column;gap:2px}
.name{font-weight:700;font-size:15px;unicode-bidi:isolate}.facts{color:#57606a;font-size:13px}
.warn{padding:6px 10px;color:#fff;font-weight:700}
.more{color:#0a5fb4;font-size:13px}`;

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script?.src || script.dataset.xinbiaoDone) return;
  script.dataset.xinbiaoDone = "1";
  const d = script.dataset;
  const base = new URL(script.src).origin;
  const lang: Lang = (d.lang || document.documentElement.lang || "").toLowerCase().startsWith("en")
    ? "en"
    : "zh";

  // appendChild/insertBefore only: strings never reach a parser. (Also sidesteps workers-types'
  // Element.append signature, which shadows the DOM one in this repo's typecheck.)
  const add = (parent: Node, kids: (Node | string)[]) => {
    for (const k of kids) parent.appendChild(typeof k === "string" ? document.createTextNode(k) : k);
  };
  const host = document.createElement("span");
  host.className = "xinbiao-badge";
  const target = d.target ? document.querySelector(d.target) : null;
  if (target) target.appendChild(host);
  else script.parentNode?.insertBefore(host, script.nextSibling);
  const root = host.attachShadow({ mode: "open" });
  // A constructed stylesheet needs no 'unsafe-inline' in the page's CSP; <style> is the old-browser path.
  let style: HTMLStyleElement | undefined;
  if ("adoptedStyleSheets" in root) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    style = document.createElement("style");
    style.textContent = CSS;
  }

  /** Elements with text children only: strings become text nodes. */
  const h = (tag: string, cls: string, ...kids: (Node | string)[]) => {
    const e = document.createElement(tag);
    e.className = cls;
    add(e, kids);
    return e;
  };

  const draw = (tone: Tone, brand: string, page: string | null, body: (Node | string)[], warn?: string) => {
    // Only ever link to our own record pages.
    const a = h(page && new URL(page, base).origin === base ? "a" : "span", "") as HTMLAnchorElement;
    if (page && a.tagName === "A") {
      a.href = page;
      a.target = "_blank";
      a.rel = "noopener";
    }
    const top = h(
      "span",
      "top",
      h("span", "brand", displayText(brand, 16)),
      h("span", "tone", `${ICON[tone]} ${pick(TONE_WORDS[tone], lang)}`),
    );
    top.style.background = TONE_COLORS[tone];
    add(a, [top, h("span", "body", ...body)]);
    if (warn) {
      const bar = h("span", "warn", warn);
      bar.setAttribute("role", "alert");
      bar.style.background = TONE_COLORS[tone];
      add(a, [bar]);
    }
    a.setAttribute("data-state", tone);
    while (root.firstChild) root.removeChild(root.firstChild);
    add(root, style ? [style, a] : [a]);
  };

  const path = d.uscc
    ? `merchant/${encodeURIComponent(d.uscc)}`
    : `shop/${encodeURIComponent(d.platform || "")}/${encodeURIComponent(d.shop || "")}`;
  fetch(`${base}/embed/v1/${path}?origin=${encodeURIComponent(location.origin)}`, { credentials: "omit" })
    .then((r) => r.json() as Promise<EmbedAnswer>)
    .then((ans) => {
      const brand = pick(ans.brand, lang);
      if (ans.state === "unregistered") {
        // DESIGN §6: a badge copied to a site the platform did not register says so (misuse recorded).
        draw("unregistered", brand, ans.page, [
          h("span", "name", pick(NOT_REGISTERED, lang)),
          h(
            "span",
            "facts",
            lang === "en" ? "This badge is not bound to this website" : "该信用标识未绑定本网站",
          ),
        ]);
        return;
      }
      const r = ans.envelope?.record;
      if (ans.state !== "ok" || !r) {
        draw("unknown", brand, null, [h("span", "name", pick(NOT_LISTED, lang))]);
        return;
      }
      const t = r.verdict;
      const facts = [
        pick(LICENSE_WORDS[r.license.status], lang),
        r.verification.length
          ? lang === "en"
            ? "identity verified"
            : "已核验身份"
          : lang === "en"
            ? "not verified"
            : "未核验身份",
        r.grade
          ? lang === "en"
            ? `grade ${r.grade.level}`
            : `信用等级 ${r.grade.level}`
          : lang === "en"
            ? "no grade"
            : "暂无等级",
      ];
      const warn =
        t === "warning" || t === "danger"
          ? `${ICON[t]} ${r.reasons.map((x) => displayText(lang === "en" ? x.en : x.zh, 40)).join(lang === "en" ? "; " : "；")}`
          : undefined;
      draw(
        t,
        brand,
        r.links.page,
        [
          h("bdi", "name", displayText(r.name, 40)),
          h("span", "", stateText(r, lang)),
          h("span", "facts", facts.join(" · ")),
          h("span", "more", lang === "en" ? "View public record ›" : "查看公示信息 ›"),
        ],
        warn,
      );
    })
    .catch(() =>
      draw("unknown", lang === "en" ? "Xinbiao" : "信标", null, [
        lang === "en" ? "Badge unavailable" : "信用标识暂不可用",
      ]),
    );
})();
