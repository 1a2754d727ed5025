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
  BAD_BADGE_URL,
  BAD_BADGE_URL_SENTENCE,
  displayText,
  FACT_WORDS,
  headline,
  type IconId,
  type Lang,
  LICENSE_LOOKS,
  PRODUCT,
  pick,
  STATE_LOOKS,
  type StateLook,
  sourceText,
  stateOfRecord,
  stateText,
  TONE_COLORS,
  UNAVAILABLE_SENTENCE,
  UNKNOWN_SENTENCE,
  UNREGISTERED_SENTENCE,
  type Words,
} from "@xinbiao/db/model/presentation";

interface EmbedAnswer {
  state: "ok" | "not_listed" | "unregistered";
  brand: { zh: string; en: string };
  page: string | null;
  envelope?: SignedEnvelope<PublicRecord>;
}

/** How this surface draws the presentation module's icon ids: text glyphs beside the words. */
const ICON: Record<IconId, string> = {
  check: "✓",
  dot: "●",
  exclaim: "!",
  triangle: "⚠",
  cross: "✕",
  void: "⊘",
  question: "?",
  unlink: "⚠",
  clock: "◷",
  invalid: "✕",
};

// Framed in every state and usable down to a 160 px sidebar (issue 19): no fixed minimum wider
// than its container, long words wrap instead of clipping; a state without a link keeps its frame.
const CSS = `:host{all:initial;display:inline-block;vertical-align:middle;max-width:100%}
.b{display:inline-flex;flex-direction:column;box-sizing:border-box;min-width:min(220px,100%);max-width:360px;border:1px solid #c9d1d9;border-radius:8px;overflow:hidden;overflow-wrap:anywhere;text-decoration:none;color:#1f2328;background:#fff;font:14px/1.45 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
a:focus-visible{outline:3px solid #0a5fb4;outline-offset:2px}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:0 8px}
.top,.body,.warn{padding:6px 10px}.top,.warn{color:#fff}.brand,.name,.warn{font-weight:700}
.tone{margin-left:auto}.tone,.facts,.more{font-size:13px}
.body{display:flex;flex-direction:column;gap:2px}
.name{font-size:15px;unicode-bidi:isolate}.facts{color:#57606a}.more{color:#0a5fb4}`;

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

  const draw = (look: StateLook, page: string | null, body: (Node | string)[], warn?: string) => {
    // Only ever link to our own record pages.
    // The frame is the class, not the tag: a state without a record page (信标未收录) is a <span>
    // and keeps its border (issue 19).
    const a = h(page && new URL(page, base).origin === base ? "a" : "span", "b") as HTMLAnchorElement;
    if (page && a.tagName === "A") {
      a.href = page;
      a.target = "_blank";
      a.rel = "noopener";
    }
    // 信标 issues the badge (issue 14); the regional brand appears in the body as the data source.
    const top = h(
      "span",
      "top",
      h("span", "brand", pick(PRODUCT, lang)),
      h("span", "tone", `${ICON[look.icon]} ${pick(look.word, lang)}`),
    );
    const color = TONE_COLORS[look.tone];
    top.style.background = color;
    add(a, [top, h("span", "body", ...body)]);
    if (warn) {
      const bar = h("span", "warn", warn);
      bar.setAttribute("role", "alert");
      bar.style.background = color;
      add(a, [bar]);
    }
    a.setAttribute("data-state", look.tone);
    while (root.firstChild) root.removeChild(root.firstChild);
    add(root, style ? [style, a] : [a]);
  };

  /** A state that is not about a record: its word is in the top bar, its sentence in the body. */
  const drawState = (look: StateLook, sentence: Words, page: string | null) =>
    draw(look, page, [h("span", "facts", pick(sentence, lang))]);

  const path = d.uscc
    ? `merchant/${encodeURIComponent(d.uscc)}`
    : `shop/${encodeURIComponent(d.platform || "")}/${encodeURIComponent(d.shop || "")}`;
  fetch(`${base}/embed/v1/${path}?origin=${encodeURIComponent(location.origin)}`, { credentials: "omit" })
    .then((r) => {
      // A server failure is "unavailable", never "not in Xinbiao".
      if (r.status >= 500) throw r.status;
      return r.json() as Promise<EmbedAnswer>;
    })
    .then((ans) => {
      // 4xx in the one error shape: a malformed code, platform or shop id in the embed's attributes.
      if (!ans.state) return drawState(BAD_BADGE_URL, BAD_BADGE_URL_SENTENCE, null);
      // DESIGN §6: a badge copied to a site the platform did not register says so (misuse recorded).
      if (ans.state === "unregistered")
        return drawState(STATE_LOOKS.unregistered, UNREGISTERED_SENTENCE, ans.page);
      const r = ans.envelope?.record;
      // 信标未收录: our database has no record; it never says 信用中国 has none, never reads as safe.
      if (ans.state !== "ok" || !r) return drawState(STATE_LOOKS.unknown, UNKNOWN_SENTENCE, null);
      const look = headline({ verdict: r.verdict, licenseStatus: r.license.status, lists: r.lists });
      const license = LICENSE_LOOKS[r.license.status];
      const facts = [
        // A revoked/cancelled license is already the headline: said once, not three times.
        ...(look === license ? [] : [pick(license.word, lang)]),
        pick(r.verification.length ? FACT_WORDS.identityVerified : FACT_WORDS.identityNotVerified, lang),
        r.grade
          ? lang === "en"
            ? `grade ${r.grade.level}`
            : `信用等级 ${r.grade.level}`
          : pick(FACT_WORDS.noGrade, lang),
      ];
      const warn =
        r.verdict === "warning" || r.verdict === "danger"
          ? `${ICON[look.icon]} ${r.reasons.map((x) => displayText(lang === "en" ? x.en : x.zh, 40)).join(lang === "en" ? "; " : "；")}`
          : undefined;
      draw(
        look,
        r.links.page,
        [
          h("bdi", "name", displayText(r.name, 40)),
          h("span", "", stateText(stateOfRecord(r), lang)),
          h("span", "facts", facts.join(" · ")),
          h("span", "facts", sourceText(r.region.brand, lang)),
          h("span", "more", lang === "en" ? "View public record ›" : "查看公示信息 ›"),
        ],
        warn,
      );
    })
    .catch(() => drawState(STATE_LOOKS.unavailable, UNAVAILABLE_SENTENCE, null));
})();
