/**
 * How a badge and a page say "stale" when last-good.ts serves them from memory because the database
 * failed (issue 8 item 2). JSON gets `stale: true`; a badge seen on a shop page has no headers for a
 * shopper to read, so the SVG itself grows a strip "数据暂未更新 / not updated" and its accessible
 * name says so; an HTML page gets a banner at the top of its body. Old warnings stay warnings: the
 * marker only adds, it never changes what the badge or page says.
 * Only our own SVG and HTML pass through here, and the inserted text is constant (escaped with the
 * badge's element builder all the same).
 */
import { el } from "../badge/svg.ts";
import { textWidth } from "../badge/text-width.ts";

const STALE_ZH = "数据暂未更新，可能已过期";
const STALE_EN = "Not updated: may be out of date";
const STALE_TITLE_ZH = "（服务暂不可用，显示的是上次成功获取的数据）";
const STALE_TITLE_EN = " (service unavailable; showing the last data fetched)";

export function markSvgStale(svg: string): string {
  const root = /^<svg\b[^>]*>/.exec(svg);
  if (!root) return svg;
  const tag = root[0];
  const w = Number(/\bwidth="([\d.]+)"/.exec(tag)?.[1]);
  const h = Number(/\bheight="([\d.]+)"/.exec(tag)?.[1]);
  if (!Number.isFinite(w) || !Number.isFinite(h)) return svg;
  const en = /\blang="en"/.test(tag);
  const text = en ? STALE_EN : STALE_ZH;
  const font = h >= 30 ? 12 : 10;
  const strip = font + 6;
  const width = Math.max(w, Math.ceil(textWidth(text, font) + 10));
  const height = h + strip;
  const newTag = tag
    .replace(/\bwidth="[\d.]+"/, `width="${width}"`)
    .replace(/\bheight="[\d.]+"/, `height="${height}"`)
    .replace(/\bviewBox="[^"]*"/, `viewBox="0 0 ${width} ${height}"`)
    .replace(
      /\baria-label="([^"]*)"/,
      (_, label: string) => `aria-label="${label}${en ? STALE_TITLE_EN : STALE_TITLE_ZH}"`,
    );
  const band = el(
    "g",
    { "data-stale": "1" },
    el("rect", { y: h, width, height: strip, fill: "#fff4ce", stroke: "#b7791f", "stroke-width": 1 }),
    el(
      "text",
      {
        x: 5,
        y: h + strip - 5,
        fill: "#6b4500",
        "font-size": font,
        "font-family": "Verdana,DejaVu Sans,Noto Sans CJK SC,PingFang SC,Microsoft YaHei,sans-serif",
      },
      text,
    ),
  );
  return (
    newTag +
    svg
      .slice(tag.length)
      .replace("</title>", `${en ? STALE_TITLE_EN : STALE_TITLE_ZH}</title>`)
      .replace(/<\/svg>\s*$/, `${band}</svg>`)
  );
}

export function markHtmlStale(html: string): string {
  const body = /<body\b[^>]*>/.exec(html);
  if (!body) return html;
  const at = body.index + body[0].length;
  // No inline style: the page's CSP (style-src 'self') would refuse it, and must stay that strict.
  const banner =
    '<p role="alert" data-stale="1"><strong>' +
    "服务暂不可用：以下是上次成功获取的数据，可能已过期。 / Service unavailable: this is the last data fetched and may be out of date." +
    "</strong></p>";
  return html.slice(0, at) + banner + html.slice(at);
}
