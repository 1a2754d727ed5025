/**
 * The ground-truth fixture set (issue 16 "Proof"): shop and platform-home pages with known answers, by
 * category — compliant placements, evasions, images, iframes, shadow DOM, forgeries, non-HTML answers.
 * Each page is what a real shop does, reduced to what the audit must see.
 *
 * Sources for the placements (cited per case in `source`):
 *   [LAW15]  电子商务法 §15: "在其首页显著位置，持续公示营业执照信息、与其经营业务有关的行政许可信息、
 *            属于依照本法第十条规定的不需要办理市场主体登记情形等信息，或者上述信息的链接标识".
 *   [REG36]  市场主体登记管理条例 §36: 电子商务经营者 "应当在其首页显著位置持续公示营业执照信息或者其电子链接标识".
 *   [TAOBAO] "什么是工商亮照" (Taobao seller help, mirrored at http://deerpark1movers.com/ws/201410/c_10136.html):
 *            企业卖家"将自己企业的营业执照信息公示在自己店铺中"; 网络商品交易及有关服务行为管理暂行办法 asks for
 *            "网站主页面或者从事经营活动的网页醒目位置公开营业执照登载的信息或者其营业执照的电子链接标识" —
 *            the text block in the shop header, the 亮照 link, and the license photo are the three forms shops use.
 *   [ZZLZ]   全国市场主体亮照系统 zzlz.gsxt.gov.cn: the official electronic link badge (电子营业执照亮照).
 *   [GAN26]  赣信用办〔2018〕26号: platform home pages link to 信用中国, the provincial credit site and 公示系统.
 * Evasions are the ones issue 16 observed in the field (white on white, overlay, text-indent, a mid-page
 * "floor-footer", javascript: links, "请联系在线客服索取").
 */
import { EXEMPTION_STATEMENT } from "@xinbiao/db/model";
import { type Anchor, anchor } from "@xinbiao/db/seed";
import { esc } from "../fixtures/fixture-shops.ts";

export type Category =
  | "placement"
  | "content"
  | "evasion"
  | "image"
  | "iframe"
  | "shadow"
  | "forgery"
  | "non_html"
  | "platform_home";

export interface Resource {
  type: string;
  body: string | { licenseImage: Anchor | { uscc: string; name: string; authority: string } };
  status?: number;
}

export interface TruthCase {
  id: string;
  category: Category;
  zh: string;
  source: string;
  url: string;
  /** The page (or, for non-HTML, the answer). `svc` is the Xinbiao service base URL. */
  page(svc: string): Resource;
  /** Other paths this case serves on its host (license pages, images, iframes, forged badges). */
  resources?: Record<string, Resource>;
  expect: { outcome: "compliant" | "non_compliant" | "review" | "error"; failing: string[]; error?: string };
}

const trusted = anchor("trusted");
const normal = anchor("normal");
const revoked = anchor("revoked");
const person = anchor("natural_person");
const black = anchor("blacklisted");

const CSS = `body{margin:0;font:14px/1.6 "Noto Sans CJK SC",sans-serif;color:#222;background:#fff}
.hd{padding:12px 24px;border-bottom:3px solid #ff5000;display:flex;gap:24px;align-items:center;flex-wrap:wrap;position:relative}
.hd h1{font-size:22px;margin:0}.lic{font-size:13px;color:#444;border:1px solid #ddd;padding:6px 10px;border-radius:4px}
.grid{display:grid;grid-template-columns:repeat(4,1fr);gap:16px;padding:24px}.item{height:240px;background:#f5f5f5;border-radius:6px}
.bottom-bar{padding:16px 24px;border-top:1px solid #ddd;background:#fafafa;font-size:13px}`;

/** The block shops put in the header or footer: heading, 企业名称, 统一社会信用代码, 登记机关 [TAOBAO]. */
function block(
  m: Anchor | { name: string; uscc: string; authority: string },
  style = "",
  extra = "",
): string {
  return `<div class="lic" style="${esc(style)}"><strong>营业执照信息</strong><div>企业名称：${esc(m.name)}</div><div>统一社会信用代码：${esc(m.uscc)}</div><div>登记机关：${esc(m.authority)}</div>${extra}</div>`;
}

const grid = (n = 12) =>
  `<main class="grid">${Array.from({ length: n }, (_, i) => `<div class="item">商品 ${i + 1} · ¥${(i + 1) * 19}.00</div>`).join("")}</main>`;

function page(
  title: string,
  o: { header?: string; middle?: string; footer?: string; head?: string; tail?: string; gridN?: number },
): Resource {
  return {
    type: "text/html; charset=utf-8",
    body: `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style>${o.head ?? ""}</head><body>
<div class="hd"><h1>${esc(title)}</h1>${o.header ?? ""}</div>
${grid(o.gridN)}${o.middle ?? ""}${o.middle ? grid(8) : ""}
<div class="bottom-bar">${o.footer ?? ""}<p>客服热线 400-000-0000 · 关于本店 · 退换货说明</p></div>${o.tail ?? ""}
</body></html>`,
  };
}

const html = (body: string): Resource => ({ type: "text/html; charset=utf-8", body });
const green = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40"><rect width="160" height="40" rx="6" fill="#1a7f37"/><text x="12" y="26" fill="#fff" font-size="16">信标 ✓ 可信</text></svg>`;
const svgRes: Resource = { type: "image/svg+xml", body: green };
const LICENSE_PAGE = (m: Anchor) =>
  html(`<!DOCTYPE html><meta charset="utf-8"><title>营业执照</title>${block(m)}`);
const shop = (host: string, id: string) => `http://${host}/gt/${id}.htm`;
const tb = (shopId: string, id: string) => shop(`shop${shopId}.taobao.com`, id);

export const TRUTH_CASES: TruthCase[] = [
  // ── Compliant placements ────────────────────────────────────────────────────────────────────
  {
    id: "placement_header_text",
    category: "placement",
    zh: "页头文字亮照（含食品经营许可证）",
    source: "[TAOBAO] [LAW15]",
    url: tb("100001", "placement_header_text"),
    page: () =>
      page("禾沐岫旗舰店", {
        header: block(
          trusted,
          "",
          `<div>${esc(trusted.permits![0]!.kind)}：${esc(trusted.permits![0]!.number)}</div>`,
        ),
      }),
    expect: { outcome: "compliant", failing: [] },
  },
  {
    id: "placement_footer_text",
    category: "placement",
    zh: "页脚文字亮照（页脚类名不含 footer，按版面识别）",
    source: "[TAOBAO] [REG36]",
    url: "http://shop100002.tmall.com/gt/placement_footer_text.htm",
    page: () => page("澄渚家居专营店", { footer: block(normal) }),
    expect: { outcome: "compliant", failing: [] },
  },
  {
    id: "placement_grey_footer",
    category: "placement",
    zh: "页脚浅灰文字（#999 于白底，2.85:1，实际店铺常见）",
    source: "[TAOBAO]",
    url: tb("100002", "placement_grey_footer"),
    page: () => page("澄渚家居专营店", { footer: block(normal, "color:#999;border-color:#eee") }),
    expect: { outcome: "compliant", failing: [] },
  },
  {
    id: "placement_official_link",
    category: "placement",
    zh: "链接到全国市场主体亮照系统",
    source: "[ZZLZ] [LAW15]",
    url: "http://shop100002.1688.com/gt/placement_official_link.htm",
    page: () =>
      page("澄渚家居批发", {
        header: `<a href="https://zzlz.gsxt.gov.cn/businessShow/${esc(normal.uscc)}">营业执照信息（亮照系统）</a>`,
      }),
    expect: { outcome: "compliant", failing: [] },
  },
  {
    id: "placement_license_link",
    category: "placement",
    zh: "页脚“营业执照”链接到本店执照页",
    source: "[LAW15]（链接标识）",
    url: tb("100002", "placement_license_link"),
    page: () => page("澄渚家居专营店", { footer: `<a href="/gt/license.htm">营业执照</a>` }),
    resources: { "/gt/license.htm": LICENSE_PAGE(normal) },
    expect: { outcome: "compliant", failing: [] },
  },
  {
    id: "placement_genuine_badge",
    category: "placement",
    zh: "信标服务签发的本店标识",
    source: "[LAW15]（链接标识）; DESIGN §6",
    url: tb("100002", "placement_genuine_badge"),
    page: (svc) =>
      page("澄渚家居专营店", {
        header: `<a href="${esc(svc)}/m/${esc(normal.uscc)}"><img alt="信标" height="40" src="${esc(svc)}/badge/taobao/100002.svg"></a>`,
      }),
    expect: { outcome: "compliant", failing: [] },
  },
  {
    id: "placement_late_render",
    category: "placement",
    zh: "执照信息在加载后由脚本渲染",
    source: "[TAOBAO]（装修模块异步加载）",
    url: tb("100002", "placement_late_render"),
    page: () =>
      page("澄渚家居专营店", {
        footer: `<div id="slot"></div>`,
        tail: `<script>setTimeout(function(){document.getElementById("slot").innerHTML=${JSON.stringify(block(normal)).replace(/</g, "\\u003c")};},400)</script>`,
      }),
    expect: { outcome: "compliant", failing: [] },
  },
  {
    id: "placement_huge_page",
    category: "placement",
    zh: "超长页面：页脚执照位于 25,000 个文本节点之后",
    source: "issue 16（20,000 节点上限漏判）",
    url: tb("100002", "placement_huge_page"),
    page: () =>
      page("澄渚家居专营店", {
        middle: `<div style="font-size:2px;line-height:2px;color:#eee">${Array.from({ length: 25_000 }, (_, i) => `<i>${i}</i>`).join("")}</div>`,
        footer: block(normal),
      }),
    expect: { outcome: "compliant", failing: [] },
  },
  {
    id: "placement_nat_person",
    category: "placement",
    zh: "自然人：姓名紧接免登记声明",
    source: "[LAW15]；电子商务法 §10",
    url: tb("100008", "placement_nat_person"),
    page: () =>
      page("小张手作", {
        header: `<div class="lic">经营者：${esc(person.name)}${esc(EXEMPTION_STATEMENT)}</div>`,
      }),
    expect: { outcome: "compliant", failing: [] },
  },
  {
    id: "placement_shop_name_label",
    category: "placement",
    zh: "“店铺名称”不当作经营者名称",
    source: "issue 16",
    url: tb("100002", "placement_shop_name_label"),
    page: () =>
      page("澄渚家居专营店", {
        header: `<div>店铺名称：澄渚家居专营店</div><div>商品名称：不锈钢锅</div>${block(normal)}`,
      }),
    expect: { outcome: "compliant", failing: [] },
  },
  // ── Content ─────────────────────────────────────────────────────────────────────────────────
  {
    id: "missing",
    category: "content",
    zh: "未亮照",
    source: "[LAW15]",
    url: "http://mall.jd.com/index-1000002.html?gt=missing",
    page: () => page("澄渚家居京东店", {}),
    expect: { outcome: "non_compliant", failing: ["license.present"] },
  },
  {
    id: "uscc_mismatch",
    category: "content",
    zh: "统一社会信用代码与登记不符",
    source: "[LAW15]",
    url: tb("100002", "uscc_mismatch"),
    page: () => page("澄渚家居专营店", { header: block({ ...normal, uscc: "91110000600037341L" }) }),
    expect: { outcome: "non_compliant", failing: ["identity.uscc"] },
  },
  {
    id: "name_mismatch",
    category: "content",
    zh: "企业名称与登记不符",
    source: "[LAW15]",
    url: tb("100002", "name_mismatch"),
    page: () => page("澄渚家居专营店", { header: block({ ...normal, name: "苏州别家家居有限公司" }) }),
    expect: { outcome: "non_compliant", failing: ["identity.name"] },
  },
  {
    id: "revoked_shown_valid",
    category: "content",
    zh: "执照已吊销仍标“存续”",
    source: "市场主体登记管理条例 §36",
    url: tb("100006", "revoked_shown_valid"),
    page: () => page("砚溪食品", { header: block(revoked, "", "<div>登记状态：存续</div>") }),
    expect: { outcome: "non_compliant", failing: ["license.status"] },
  },
  {
    id: "food_no_permit",
    category: "content",
    zh: "食品店未展示食品经营许可证",
    source: "[LAW15]；食品安全法 §35",
    url: "http://mall.jd.com/index-1000001.html?gt=food_no_permit",
    page: () => page("禾沐岫京东自营", { header: block(trusted) }),
    expect: { outcome: "non_compliant", failing: ["permits.shown"] },
  },
  {
    id: "nat_person_no_statement",
    category: "content",
    zh: "自然人未展示免登记声明",
    source: "电子商务法 §10、§15",
    url: "http://mobile.yangkeduo.com/mall_page.html?mall_id=100008&gt=nat_person_no_statement",
    page: () => page("小张手作", {}),
    expect: { outcome: "non_compliant", failing: ["exemption.statement", "license.present"] },
  },
  // ── Evasions ────────────────────────────────────────────────────────────────────────────────
  ...(
    [
      [
        "evasion_white_on_white",
        "页脚白底白字",
        { footer: block(normal, "color:#fff;border-color:#fafafa;background:#fafafa") },
      ],
      [
        "evasion_low_contrast_grey",
        "白底 #ddd 淡灰字（1.36:1）",
        { footer: block(normal, "color:#ddd;border-color:#fafafa;background:#fff") },
      ],
      [
        "evasion_overlay",
        "页头执照被不透明浮层遮住（pointer-events:none）",
        {
          header: `${block(normal)}<div style="position:absolute;inset:0;background:#fff;pointer-events:none;z-index:5"></div>`,
        },
      ],
      [
        "evasion_text_indent",
        "text-indent:-9999px 隐藏文字",
        { header: block(normal, "text-indent:-9999px;overflow:hidden;white-space:nowrap;width:200px") },
      ],
      [
        "evasion_offscreen",
        "绝对定位到页面之外",
        { header: block(normal, "position:absolute;left:-5000px;top:0") },
      ],
      [
        "evasion_clip_rect",
        "clip: rect(0 0 0 0) 裁掉",
        {
          header: block(normal, "position:absolute;clip:rect(0 0 0 0);width:1px;height:1px;overflow:hidden"),
        },
      ],
      ["tiny_text", "6px 极小字", { header: block(normal, "font-size:6px") }],
      [
        "hidden_details",
        "藏在未展开的 <details> 中",
        { header: `<details><summary>店铺资质</summary>${block(normal)}</details>` },
      ],
      [
        "hidden_collapsed",
        "折叠面板（高度 0）",
        { header: `<div style="height:0;overflow:hidden">${block(normal)}</div>` },
      ],
      [
        "evasion_floor_footer",
        "页面中部的 div.floor-footer 并非页脚",
        { middle: `<div class="floor-footer" style="padding:8px 24px">${block(normal)}</div>` },
      ],
    ] as const
  ).map(
    ([id, zh, slots]): TruthCase => ({
      id,
      category: "evasion",
      zh,
      source: "issue 16（现场观察到的规避）",
      url: tb("100002", id),
      page: () => page("澄渚家居专营店", slots),
      expect: { outcome: "non_compliant", failing: ["license.prominent"] },
    }),
  ),
  {
    id: "evasion_javascript_link",
    category: "evasion",
    zh: "“营业执照”链接为 javascript:void(0)",
    source: "issue 16",
    url: tb("100002", "evasion_javascript_link"),
    page: () => page("澄渚家居专营店", { footer: `<a href="javascript:void(0)">营业执照</a>` }),
    expect: { outcome: "non_compliant", failing: ["license.link_live", "license.present"] },
  },
  {
    id: "evasion_dead_link",
    category: "evasion",
    zh: "“营业执照”链接指向 404",
    source: "issue 16",
    url: tb("100002", "evasion_dead_link"),
    page: () => page("澄渚家居专营店", { footer: `<a href="/gt/missing-license.htm">营业执照</a>` }),
    expect: { outcome: "non_compliant", failing: ["license.link_live", "license.present"] },
  },
  {
    id: "evasion_ask_service",
    category: "evasion",
    zh: "“营业执照信息请联系在线客服索取”",
    source: "issue 16",
    url: tb("100002", "evasion_ask_service"),
    page: () => page("澄渚家居专营店", { header: `<div class="lic">营业执照信息请联系在线客服索取</div>` }),
    expect: { outcome: "non_compliant", failing: ["license.on_request", "license.present"] },
  },
  {
    id: "evasion_ask_service_footer",
    category: "evasion",
    zh: "页脚“如需查看资质请咨询客服”",
    source: "issue 16",
    url: tb("100002", "evasion_ask_service_footer"),
    page: () => page("澄渚家居专营店", { footer: `<p>如需查看营业执照等资质，请咨询在线客服</p>` }),
    expect: { outcome: "non_compliant", failing: ["license.on_request", "license.present"] },
  },
  // ── Images ──────────────────────────────────────────────────────────────────────────────────
  {
    id: "image_license_photo",
    category: "image",
    zh: "页脚营业执照照片（OCR 识别代码）",
    source: "[TAOBAO]（执照图片）",
    url: tb("100002", "image_license_photo"),
    page: () => page("澄渚家居专营店", { footer: `<img alt="营业执照" width="480" src="/gt/img/yyzz.png">` }),
    resources: { "/gt/img/yyzz.png": { type: "image/png", body: { licenseImage: normal } } },
    expect: { outcome: "compliant", failing: [] },
  },
  {
    id: "image_other_company",
    category: "image",
    zh: "执照照片是另一家公司的",
    source: "issue 16",
    url: tb("100002", "image_other_company"),
    page: () =>
      page("澄渚家居专营店", { footer: `<img alt="营业执照" width="480" src="/gt/img/zhizhao-other.png">` }),
    resources: {
      "/gt/img/zhizhao-other.png": {
        type: "image/png",
        body: {
          licenseImage: {
            uscc: "91110000600037341L",
            name: "北京别家贸易有限公司",
            authority: "北京市朝阳区市场监督管理局",
          },
        },
      },
    },
    expect: { outcome: "non_compliant", failing: ["identity.uscc", "identity.name"] },
  },
  {
    id: "image_unreadable",
    category: "image",
    zh: "执照图片无法获取：需人工复核，不判“未亮照”",
    source: "issue 16",
    url: tb("100002", "image_unreadable"),
    page: () =>
      page("澄渚家居专营店", {
        footer: `<img alt="营业执照" width="480" height="300" src="/gt/img/gone.png">`,
      }),
    expect: { outcome: "review", failing: [] },
  },
  // ── Frames ──────────────────────────────────────────────────────────────────────────────────
  {
    id: "iframe_same_origin",
    category: "iframe",
    zh: "执照在同源 iframe 中",
    source: "[TAOBAO]（装修模块以 iframe 嵌入）",
    url: tb("100002", "iframe_same_origin"),
    page: () =>
      page("澄渚家居专营店", {
        footer: `<iframe src="/gt/license-frame.htm" style="border:0;width:600px;height:130px"></iframe>`,
      }),
    resources: { "/gt/license-frame.htm": LICENSE_PAGE(normal) },
    expect: { outcome: "compliant", failing: [] },
  },
  {
    id: "iframe_cross_origin",
    category: "iframe",
    zh: "执照只在跨域 iframe 中：无法读取，需人工复核",
    source: "issue 16",
    url: tb("100002", "iframe_cross_origin"),
    page: () =>
      page("澄渚家居专营店", {
        footer: `<iframe src="http://static.tmall.com/gt/license-frame.htm" style="border:0;width:600px;height:130px"></iframe>`,
      }),
    resources: { "/gt/license-frame.htm": LICENSE_PAGE(normal) },
    expect: { outcome: "review", failing: [] },
  },
  // ── Shadow DOM ──────────────────────────────────────────────────────────────────────────────
  {
    id: "shadow_open",
    category: "shadow",
    zh: "执照在自定义元素的开放影子根中",
    source: "[TAOBAO]（店铺装修组件）",
    url: tb("100002", "shadow_open"),
    page: () =>
      page("澄渚家居专营店", {
        header: `<shop-license></shop-license>`,
        tail: `<script>customElements.define("shop-license",class extends HTMLElement{connectedCallback(){this.attachShadow({mode:"open"}).innerHTML=${JSON.stringify(block(normal)).replace(/</g, "\\u003c")};}});</script>`,
      }),
    expect: { outcome: "compliant", failing: [] },
  },
  {
    id: "shadow_hidden",
    category: "shadow",
    zh: "影子根中的执照被 display:none 隐藏",
    source: "issue 16",
    url: tb("100002", "shadow_hidden"),
    page: () =>
      page("澄渚家居专营店", {
        header: `<shop-license></shop-license>`,
        tail: `<script>customElements.define("shop-license",class extends HTMLElement{connectedCallback(){this.attachShadow({mode:"open"}).innerHTML=${JSON.stringify(`<div style="display:none">${block(normal)}</div>`).replace(/</g, "\\u003c")};}});</script>`,
      }),
    expect: { outcome: "non_compliant", failing: ["license.prominent"] },
  },
  // ── Forgeries ───────────────────────────────────────────────────────────────────────────────
  {
    id: "forgery_own_origin_svg",
    category: "forgery",
    zh: "店铺自己域名下的 /badge/taobao/100002.svg",
    source: "issue 16",
    url: tb("100002", "forgery_own_origin_svg"),
    page: () =>
      page("澄渚家居专营店", { header: `<img alt="信标" height="40" src="/badge/taobao/100002.svg">` }),
    resources: { "/badge/taobao/100002.svg": svgRes },
    expect: { outcome: "non_compliant", failing: ["badge.forgery", "license.present"] },
  },
  {
    id: "forgery_blacklisted_green",
    category: "forgery",
    zh: "黑名单店铺自制绿色信标（另有亮照）",
    source: "issue 16",
    url: tb("100003", "forgery_blacklisted_green"),
    page: () =>
      page("栖榉数码", {
        header: `${block(black)}<img alt="信标 可信" height="40" src="/badge/taobao/100003.svg">`,
      }),
    resources: { "/badge/taobao/100003.svg": { type: "image/svg+xml", body: green } },
    expect: { outcome: "non_compliant", failing: ["badge.forgery"] },
  },
  {
    id: "forgery_inline_svg",
    category: "forgery",
    zh: "内嵌 SVG 写着“信标 ✓ 可信”",
    source: "issue 16",
    url: tb("100002", "forgery_inline_svg"),
    page: () => page("澄渚家居专营店", { header: `${block(normal)}${green}` }),
    expect: { outcome: "non_compliant", failing: ["badge.forgery"] },
  },
  {
    id: "forgery_copied_svg",
    category: "forgery",
    zh: "复制其他店铺的真实信标",
    source: "DESIGN §6",
    url: tb("100002", "forgery_copied_svg"),
    page: (svc) =>
      page("澄渚家居专营店", {
        header: `<img alt="信标" height="40" src="${esc(svc)}/badge/taobao/100001.svg">`,
      }),
    expect: { outcome: "non_compliant", failing: ["badge.bound", "license.present"] },
  },
  // ── Non-HTML ────────────────────────────────────────────────────────────────────────────────
  {
    id: "nonhtml_pdf",
    category: "non_html",
    zh: "网址返回 PDF",
    source: "issue 16",
    url: tb("100002", "nonhtml_pdf"),
    page: () => ({ type: "application/pdf", body: "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" }),
    expect: { outcome: "error", failing: [], error: "non_html_pdf" },
  },
  {
    id: "nonhtml_png",
    category: "non_html",
    zh: "网址返回 PNG 图片",
    source: "issue 16",
    url: tb("100002", "nonhtml_png"),
    page: () => ({ type: "image/png", body: { licenseImage: normal } }),
    expect: { outcome: "error", failing: [], error: "non_html_image" },
  },
  // ── Platform home pages ─────────────────────────────────────────────────────────────────────
  {
    id: "home_redirector",
    category: "platform_home",
    zh: "平台首页：三个链接都经平台跳转器",
    source: "[GAN26]",
    url: "http://www.jd.com/",
    page: () =>
      page("购物平台首页", {
        footer: [
          "https://www.creditchina.gov.cn/",
          "https://credit.jiangxi.gov.cn/",
          "https://www.gsxt.gov.cn/",
        ]
          .map(
            (u, i) =>
              `<a href="/redirect?url=${encodeURIComponent(u)}">${["信用中国", "信用江西", "国家企业信用信息公示系统"][i]}</a>`,
          )
          .join(" · "),
      }),
    expect: { outcome: "compliant", failing: [] },
  },
  {
    id: "home_creditchina_only",
    category: "platform_home",
    zh: "平台首页：只有信用中国",
    source: "[GAN26]",
    url: "http://www.taobao.com/",
    page: () => page("购物平台首页", { footer: `<a href="https://www.creditchina.gov.cn/">信用中国</a>` }),
    expect: { outcome: "non_compliant", failing: ["platform.gsxt", "platform.province_credit"] },
  },
  {
    id: "home_no_links",
    category: "platform_home",
    zh: "平台首页：没有信用查询链接",
    source: "[GAN26]",
    url: "http://www.tmall.com/",
    page: () => page("购物平台首页", { footer: "营业执照 · 增值电信业务经营许可证" }),
    expect: {
      outcome: "non_compliant",
      failing: ["platform.creditchina", "platform.gsxt", "platform.province_credit"],
    },
  },
];

/** A 营业执照 as a picture (rendered by Chromium, then served as PNG): what shops upload. */
export function licenseImageHtml(m: { uscc: string; name: string; authority: string }): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0;background:#fff}
.l{width:900px;padding:40px 60px;border:10px double #b8860b;font:30px/1.9 "Noto Sans CJK SC",sans-serif;color:#111}
h1{text-align:center;font-size:56px;letter-spacing:18px;margin:0 0 20px}</style></head><body><div class="l">
<h1>营业执照</h1><div>统一社会信用代码：${esc(m.uscc)}</div><div>名称：${esc(m.name)}</div><div>类型：有限责任公司</div><div>登记机关：${esc(m.authority)}</div></div></body></html>`;
}
