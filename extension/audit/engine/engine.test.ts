/**
 * The pure engine over synthetic snapshots (what the browser capture would measure): each check's
 * pass/fail boundary, messages that show both values, and the outcome rule (risk flags do not decide).
 */

import type { PublicRecord, SignedEnvelope } from "@xinbiao/db/model";
import { anchor } from "@xinbiao/db/seed";
import { describe, expect, it } from "vitest";
import { auditPage, isProminent } from "./engine.ts";
import type { PageElement, PageSnapshot } from "./types.ts";

const NOW = new Date("2026-11-22T04:00:00Z");
const SVC = "https://xinbiao.example";

function el(kind: PageElement["kind"], over: Partial<PageElement> = {}): PageElement {
  return {
    kind,
    selector: `#${kind}`,
    tag: "div",
    text: kind,
    box: { x: 10, y: 20, width: 300, height: 20 },
    visible: true,
    fontSizePx: 14,
    inFirstViewport: true,
    inHeader: true,
    inFooter: false,
    ...over,
  };
}

function snap(elements: PageElement[], over: Partial<PageSnapshot> = {}): PageSnapshot {
  return {
    url: "http://shop100002.taobao.com/",
    title: "t",
    capturedAt: NOW.toISOString(),
    viewport: { width: 1280, height: 800 },
    documentHeight: 2000,
    pageKind: "shop",
    platform: "taobao",
    shop: { platform: "taobao", shopId: "100002" },
    uscc: null,
    elements,
    ...over,
  };
}

function env(over: Partial<PublicRecord> = {}): SignedEnvelope {
  const a = anchor("normal");
  const record = {
    uscc: a.uscc,
    name: a.name,
    kind: "enterprise",
    license: { status: "active" },
    permits: [],
    lists: [],
    ...over,
  } as unknown as PublicRecord;
  return { record, signature: "s", keyId: "k", issuedAt: NOW.toISOString(), expiresAt: NOW.toISOString() };
}

const run = (elements: PageElement[], e: SignedEnvelope | null = env(), over: Partial<PageSnapshot> = {}) =>
  auditPage({
    snapshot: snap(elements, over),
    envelope: e,
    recordVerification: e ? { ok: true } : null,
    serviceOrigin: SVC,
    now: NOW,
  });
const status = (r: ReturnType<typeof run>, id: string) => r.checks.find((c) => c.id === id)?.status;

describe("audit engine", () => {
  const a = anchor("normal");

  it("compliant: license block with matching code and name, prominent", () => {
    const r = run([el("uscc", { value: a.uscc }), el("name", { value: a.name }), el("license_block")]);
    expect(r.outcome).toBe("compliant");
    expect(status(r, "identity.uscc")).toBe("pass");
    expect(status(r, "identity.name")).toBe("pass");
  });

  it("prominence comes from layout: below the fold and outside header/footer fails, footer passes, tiny text fails", () => {
    const low = el("uscc", {
      value: a.uscc,
      inFirstViewport: false,
      inHeader: false,
      box: { x: 0, y: 2400, width: 300, height: 20 },
    });
    const r = run([low]);
    expect(status(r, "license.prominent")).toBe("fail");
    expect(r.checks.find((c) => c.id === "license.prominent")!.zh).toContain("y=2400px");
    expect(isProminent({ ...low, inFooter: true })).toBe(true);
    expect(isProminent(el("uscc", { fontSizePx: 6 }))).toBe(false);
  });

  it("a USCC or name mismatch names both values", () => {
    const r = run([el("uscc", { value: "91110000600037341L" }), el("name", { value: "别家公司" })]);
    const u = r.checks.find((c) => c.id === "identity.uscc")!;
    expect(u.zh).toBe(`统一社会信用代码不符：页面 91110000600037341L，登记 ${a.uscc}`);
    expect(u.evidence[0]).toMatchObject({ expected: a.uscc, actual: "91110000600037341L" });
    expect(r.checks.find((c) => c.id === "identity.name")!.en).toContain(`registry has "${a.name}"`);
  });

  it("masked natural-person names match the name shown (张* ~ 张三)", () => {
    const r = run(
      [el("exemption"), el("name", { value: "张三" })],
      env({ name: "张*", kind: "natural_person", license: { status: "exempt" } as PublicRecord["license"] }),
    );
    expect(status(r, "identity.name")).toBe("pass");
    expect(status(r, "exemption.statement")).toBe("pass");
    expect(r.outcome).toBe("compliant");
  });

  it("a revoked license passes only when the page says so", () => {
    const revoked = env({ license: { status: "revoked" } as PublicRecord["license"] });
    expect(
      status(
        run([el("uscc", { value: a.uscc }), el("status_claim", { value: "存续" })], revoked),
        "license.status",
      ),
    ).toBe("fail");
    expect(status(run([el("uscc", { value: a.uscc })], revoked), "license.status")).toBe("fail");
    expect(
      status(
        run([el("uscc", { value: a.uscc }), el("status_claim", { value: "已吊销" })], revoked),
        "license.status",
      ),
    ).toBe("pass");
  });

  it("permits: required while valid, number compared, an expired permit is not required", () => {
    const permit = {
      kind: "食品经营许可证",
      number: "JY1",
      authority: "x",
      validFrom: "2020-01-01",
      validTo: "2030-01-01",
    };
    const base = [el("uscc", { value: a.uscc })];
    expect(status(run(base, env({ permits: [permit] })), "permits.shown")).toBe("fail");
    expect(
      status(
        run([...base, el("permit", { value: "食品经营许可证", extra: "JY1" })], env({ permits: [permit] })),
        "permits.shown",
      ),
    ).toBe("pass");
    expect(
      status(
        run([...base, el("permit", { value: "食品经营许可证", extra: "JY9" })], env({ permits: [permit] })),
        "permits.shown",
      ),
    ).toBe("fail");
    expect(status(run(base, env({ permits: [{ ...permit, validTo: "2025-01-01" }] })), "permits.shown")).toBe(
      "na",
    );
  });

  it("a badge of another shop is no display and fails badge.bound; an unverified own badge fails badge.signature", () => {
    const src = `${SVC}/badge/taobao/100001.svg`;
    const foreign = run([el("xinbiao_badge", { shop: { platform: "taobao", shopId: "100001" }, src })]);
    expect(status(foreign, "license.present")).toBe("fail");
    expect(status(foreign, "badge.bound")).toBe("fail");
    const own = run([
      el("xinbiao_badge", {
        shop: { platform: "taobao", shopId: "100002" },
        src: `${SVC}/badge/taobao/100002.svg`,
      }),
    ]);
    expect(status(own, "license.present")).toBe("pass");
    expect(status(own, "badge.signature")).toBe("fail");
  });

  it("a listed merchant is flagged whatever the display; the flag does not decide the outcome", () => {
    const r = run(
      [el("uscc", { value: a.uscc })],
      env({
        lists: [
          { list: "black", category: "刷单炒信", documentNo: "瑞信用〔2026〕3号" },
        ] as PublicRecord["lists"],
      }),
    );
    expect(r.flags).toEqual(["black"]);
    expect(status(r, "lists.active")).toBe("fail");
    expect(r.outcome).toBe("compliant");
  });

  it("a shop unknown to the registry is reported, and a bad signature is critical", () => {
    expect(run([el("license_block")], null).checks.find((c) => c.id === "registry.record")!.zh).toContain(
      "未在信标登记",
    );
    const bad = auditPage({
      snapshot: snap([el("license_block")]),
      envelope: env(),
      recordVerification: { ok: false, reason: "bad_signature" },
      now: NOW,
    });
    expect(bad.checks.find((c) => c.id === "registry.record")).toMatchObject({
      status: "fail",
      severity: "critical",
    });
  });

  it("platform home pages: 信用中国, provincial site and 公示系统 links", () => {
    const home = { pageKind: "platform_home" as const, shop: null };
    const all = run(
      [
        el("credit_link", {
          value: "www.creditchina.gov.cn",
          href: "https://www.creditchina.gov.cn/",
          inFooter: true,
          inFirstViewport: false,
        }),
        el("credit_link", { value: "credit.jiangsu.gov.cn", href: "https://credit.jiangsu.gov.cn/" }),
        el("credit_link", { value: "www.gsxt.gov.cn", href: "https://www.gsxt.gov.cn/" }),
      ],
      null,
      home,
    );
    expect(all.outcome).toBe("compliant");
    const some = run(
      [el("credit_link", { value: "www.creditchina.gov.cn", href: "https://www.creditchina.gov.cn/" })],
      null,
      home,
    );
    expect(some.checks.filter((c) => c.status === "fail").map((c) => c.id)).toEqual([
      "platform.province_credit",
      "platform.gsxt",
    ]);
  });

  it("a page that is no shop page is an error, not a verdict", () => {
    expect(run([], null, { pageKind: "other", shop: null }).error?.code).toBe("not_a_shop_page");
  });
});

describe("audit engine: evasions and undecidable displays (issue 16)", () => {
  const a = anchor("normal");
  const ids = (r: ReturnType<typeof run>) =>
    r.checks
      .filter((c) => c.status === "fail" && c.kind === "display")
      .map((c) => c.id)
      .sort();

  it("a 营业执照 link to javascript:void(0) or a 404 is no display", () => {
    const js = run([el("license_link", { href: "javascript:void(0)", text: "营业执照" })]);
    expect(ids(js)).toEqual(["license.link_live", "license.present"]);
    expect(js.checks.find((c) => c.id === "license.link_live")!.zh).toContain("脚本伪链接");
    const gone = run([
      el("license_link", {
        href: "http://shop100002.taobao.com/lic.htm",
        linkStatus: { status: 404, contentType: "text/html" },
      }),
    ]);
    expect(ids(gone)).toEqual(["license.link_live", "license.present"]);
    const fine = run([
      el("license_link", {
        href: "http://shop100002.taobao.com/lic.htm",
        linkStatus: { status: 200, contentType: "image/png" },
      }),
    ]);
    expect(fine.outcome).toBe("compliant");
  });

  it("'营业执照信息请联系在线客服索取' withholds the license", () => {
    const r = run([
      el("license_on_request", { text: "营业执照信息请联系在线客服索取" }),
      el("license_block", { text: "营业执照信息请联系在线客服索取" }),
    ]);
    expect(ids(r)).toEqual(["license.on_request", "license.present"]);
  });

  it("a badge from the shop's own origin is a possible forgery, not our badge", () => {
    const r = run(
      [
        el("xinbiao_badge", {
          shop: { platform: "taobao", shopId: "100002" },
          src: "http://shop100002.taobao.com/badge/taobao/100002.svg",
        }),
      ],
      env(),
    );
    expect(ids(r)).toEqual(["badge.forgery", "license.present"]);
    const f = r.checks.find((c) => c.id === "badge.forgery")!;
    expect(f.zh).toContain("http://shop100002.taobao.com");
    expect(f.evidence[0]).toMatchObject({ expected: SVC, actual: "http://shop100002.taobao.com" });
    // badge.signature does not vouch for a look-alike
    expect(status(r, "badge.signature")).toBe("na");
  });

  it("a license photo: OCR read → display and compared; OCR unavailable → needs human review, never absent", () => {
    const read = run([
      el("license_image", { ocr: { state: "read", text: "营业执照", uscc: a.uscc, name: a.name } }),
    ]);
    expect(read.outcome).toBe("compliant");
    expect(status(read, "identity.uscc")).toBe("pass");
    const other = run([
      el("license_image", {
        ocr: { state: "read", text: "营业执照", uscc: "91110000600037341L", name: null },
      }),
    ]);
    expect(ids(other)).toEqual(["identity.uscc"]);
    expect(other.checks.find((c) => c.id === "identity.uscc")!.zh).toContain("图片识别");
    const blind = run([
      el("license_image", { ocr: { state: "unavailable", reason: "tesseract not installed" } }),
    ]);
    expect(status(blind, "license.present")).toBe("review");
    expect(blind.outcome).toBe("review");
  });

  it("low contrast and an occluded or indented text are not prominent; reasons are named", () => {
    const white = run([el("uscc", { value: a.uscc, contrast: 1, inFirstViewport: false, inFooter: true })]);
    expect(ids(white)).toEqual(["license.prominent"]);
    expect(white.checks.find((c) => c.id === "license.prominent")!.zh).toContain("对比度 1.00:1");
    const covered = run([
      el("uscc", { value: a.uscc, visible: false, hiddenReason: "被遮挡（div.mask） / covered by div.mask" }),
    ]);
    expect(covered.checks.find((c) => c.id === "license.prominent")!.en).toContain("covered by div.mask");
  });

  it("a capture cap reached turns an absence into 'needs human review' and is reported", () => {
    const r = run([], env(), {
      caps: [
        {
          name: "text_nodes",
          limit: 200000,
          reached: true,
          zh: "文本节点达到上限 200000",
          en: "text-node cap 200000 reached",
        },
      ],
    });
    expect(status(r, "license.present")).toBe("review");
    expect(status(r, "capture.complete")).toBe("review");
    expect(r.outcome).toBe("review");
  });

  it("the merchant's 登记机关 is carried for routing", () => {
    const r = run(
      [el("uscc", { value: a.uscc })],
      env({ license: { status: "active", authority: "苏州市市场监督管理局" } as PublicRecord["license"] }),
    );
    expect(r.authority).toBe("苏州市市场监督管理局");
  });
});
