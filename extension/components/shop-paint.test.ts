import type { CompactRecord } from "@xinbiao/db/model";
import { describe, expect, it } from "vitest";
import type { LookupResult } from "../utils/messages.ts";
import { badgeFace } from "./badge-face.ts";
import { mountShadowUi } from "./shadow-ui.ts";
import { hasBanner, paintBadge, paintBanner } from "./shop-paint.ts";

const HOSTILE = '<img src=x onerror="window.__xss=1">\u202Eevil';

const record = (over: Partial<CompactRecord> = {}): CompactRecord => ({
  uscc: "91320214745555318W",
  name: HOSTILE,
  verdict: "danger",
  brand: { id: "jiangxi", zh: "信用江西", en: "Credit Jiangxi" },
  grade: null,
  licenseStatus: "active",
  verified: false,
  lists: [
    { list: "black", category: "刷单炒信", listedAt: "2024-01-02", authority: HOSTILE, status: "active" },
  ],
  reasons: [{ code: "blacklisted", zh: "黑名单", en: "blacklisted" }],
  updatedAt: "2024-01-02T00:00:00Z",
  ...over,
});

function shadowRoot() {
  document.body.innerHTML = '<div class="shop-name">某店</div>';
  const anchor = document.querySelector(".shop-name")!;
  return mountShadowUi(document, "xinbiao-shop-badge", ":host{all:initial}", anchor, "after");
}

describe("shadow UI", () => {
  it("goes after its anchor in an open shadow root, with its CSS, and keeps keys inside", () => {
    const ui = shadowRoot();
    expect(document.querySelector(".shop-name")!.nextElementSibling).toBe(ui.host);
    expect(ui.host.shadowRoot!.querySelector("style")!.textContent).toBe(":host{all:initial}");
    let pageSaw = 0;
    document.addEventListener("keydown", () => pageSaw++);
    ui.root.append(document.createElement("input"));
    ui.root.querySelector("input")!.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true }));
    expect(pageSaw).toBe(0);
    ui.remove();
    expect(document.querySelector("xinbiao-shop-badge")).toBeNull();
  });
});

describe("DOM painter", () => {
  const found = (r: CompactRecord): LookupResult => ({
    state: "found",
    record: r,
    fetchedAt: 0,
    stale: false,
    dismissedToday: false,
  });

  it("paints the badge the Preact badge would: tone, words, icon; clicking opens", () => {
    const ui = shadowRoot();
    let opened = 0;
    const props = {
      lang: "zh" as const,
      shop: { platform: "taobao" as const, shopId: "100003" },
      uscc: null,
      licenseShown: false,
      floating: false,
      result: found(record()),
    };
    paintBadge(ui.root, { lang: "zh", face: badgeFace(props), floating: false, onOpen: () => opened++ });
    const button = ui.root.querySelector<HTMLButtonElement>(".xb-badge")!;
    expect(button.dataset.tone).toBe("danger");
    expect(button.textContent).toContain("信用江西");
    expect(button.textContent).toContain("黑名单 · 刷单炒信");
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(ui.root.querySelector("svg path")).not.toBeNull();
    button.click();
    expect(opened).toBe(1);
    // Repainting replaces, never adds.
    paintBadge(ui.root, {
      lang: "en",
      face: badgeFace({ ...props, lang: "en" }),
      floating: true,
      onOpen: () => {},
    });
    expect(ui.root.querySelectorAll(".xb-badge").length).toBe(1);
    expect(ui.root.querySelector(".xb-floating")).not.toBeNull();
  });

  it("paints the banner with hostile data as text only, and nothing when there is no warning", () => {
    const ui = shadowRoot();
    let dismissed = 0;
    const p = {
      lang: "zh" as const,
      result: found(record()),
      badgeMismatch: null,
      onDismiss: () => dismissed++,
    };
    expect(hasBanner(p)).toBe(true);
    paintBanner(ui.root, p);
    const banner = ui.root.querySelector<HTMLElement>(".xb-banner")!;
    expect(banner.dataset.tone).toBe("danger");
    expect(banner.textContent).toContain(HOSTILE);
    expect(ui.root.querySelector("img")).toBeNull();
    ui.root.querySelector<HTMLButtonElement>(".xb-dismiss")!.click();
    expect(dismissed).toBe(1);

    const calm = { ...p, result: found(record({ verdict: "normal", lists: [], reasons: [] })) };
    expect(hasBanner(calm)).toBe(false);
    paintBanner(ui.root, calm);
    expect(ui.root.childElementCount).toBe(0);

    const mismatch = { ...calm, badgeMismatch: { platform: "taobao" as const, shopId: "100001" } };
    expect(hasBanner(mismatch)).toBe(true);
    paintBanner(ui.root, mismatch);
    expect(ui.root.querySelector<HTMLElement>(".xb-mismatch")!.dataset.tone).toBe("mismatch");
    expect(ui.root.textContent).toContain("100001");
  });
});
