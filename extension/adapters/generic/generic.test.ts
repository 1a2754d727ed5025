import { describe, expect, it } from "vitest";
import { readFixtures, toDocument } from "../fixtures.ts";
import { detectShop } from "../index.ts";
import { hasEvidence, pageEvidence } from "./generic.adapter.ts";

describe("generic adapter", () => {
  const fixtures = readFixtures("generic");

  it("finds the USCC of a license block and the 亮照 link", () => {
    const f = fixtures.find((x) => x.file === "license-block.html")!;
    const e = pageEvidence(toDocument(f.html));
    expect(e.uscc).toBe(f.meta.uscc);
    expect(e.licenseLink).toContain("zzlz.gsxt.gov.cn");
    expect(e.badgeShop).toBeNull();
  });

  it("ignores an 18-character code that fails the GB 32100 check", () => {
    const e = pageEvidence(toDocument("<p>统一社会信用代码：91320214745555318X</p>"));
    expect(e.uscc).toBeNull();
    expect(hasEvidence(e)).toBe(false);
  });

  it("reads the shop a Xinbiao embed script or badge image is bound to", () => {
    const script = pageEvidence(
      toDocument(
        '<script async src="https://x.example/embed.js" data-platform="jd" data-shop="1000001"></script>',
      ),
    );
    expect(script.badgeShop).toEqual({ platform: "jd", shopId: "1000001" });
    const img = pageEvidence(
      toDocument('<a href="/m/x"><img src="https://x.example/badge/pinduoduo/100004.svg"></a>'),
    );
    expect(img.badgeShop).toEqual({ platform: "pinduoduo", shopId: "100004" });
    const bogus = pageEvidence(toDocument('<script data-platform="ebay" data-shop="1"></script>'));
    expect(bogus.badgeShop).toBeNull();
  });

  it("flags a page badge bound to another shop than the page", () => {
    const f = fixtures.find((x) => x.file === "embed-badge.html")!;
    const d = detectShop(new URL(f.meta.url), toDocument(f.html));
    expect(d?.shop).toEqual({ platform: "taobao", shopId: f.meta.shopId });
    const [platform, shopId] = f.meta.badgeShop!.split(":");
    expect(d?.badgeMismatch).toEqual({ platform, shopId });
  });

  it("does not flag a badge bound to the page's own shop", () => {
    const html =
      '<meta name="microscope-data" content="shopId=100001;"><h1 class="shop-name">店</h1><script src="/embed.js" data-platform="taobao" data-shop="100001"></script>';
    const d = detectShop(new URL("https://shop100001.taobao.com/"), toDocument(html));
    expect(d?.badgeMismatch).toBeNull();
  });

  it("leaves non-shop pages alone unless the all-sites mode is on", () => {
    const f = fixtures.find((x) => x.file === "license-block.html")!;
    const doc = toDocument(f.html);
    expect(detectShop(new URL(f.meta.url), doc)).toBeNull();
    const d = detectShop(new URL(f.meta.url), doc, true);
    expect(d?.via).toBe("generic");
    expect(d?.uscc).toBe(f.meta.uscc);
    expect(
      detectShop(
        new URL("https://www.taobao.com/"),
        toDocument("<p>统一社会信用代码：91320214745555318W</p>"),
      ),
    ).toBeNull();
  });
});

describe("generic adapter: string shop ids", () => {
  it("reads a 1688 member id from an embed badge, and refuses a non-decimal id on other platforms", () => {
    const ok = pageEvidence(
      toDocument(
        '<script src="https://x.example/embed.js" data-platform="1688" data-shop="b2b-22108725372987d9fa"></script>',
      ),
    );
    expect(ok.badgeShop).toEqual({ platform: "1688", shopId: "b2b-22108725372987d9fa" });
    const img = pageEvidence(toDocument('<img src="https://x.example/badge/1688/b2b-2546450021uezz8.svg">'));
    expect(img.badgeShop).toEqual({ platform: "1688", shopId: "b2b-2546450021uezz8" });
    const bad = pageEvidence(
      toDocument('<script src="/embed.js" data-platform="jd" data-shop="b2b-1234567"></script>'),
    );
    expect(bad.badgeShop).toBeNull();
  });
});
