import { describe, expect, it } from "vitest";
import type { Detection } from "../../adapters/index.ts";
import type { LookupResult } from "../../utils/messages.ts";
import { badgeView } from "../../utils/present.ts";
import { watchedHeader } from "./header-watch.ts";
import { type Effect, INITIAL, type PageState, type Scan, step, toneOf } from "./machine.ts";

const noEvidence = { badgeShop: null, uscc: null, licenseLink: null };
const header = document.createElement("div");
const otherHeader = document.createElement("div");

function det(
  shopId: string | null,
  anchor: Element | null = header,
  extra: Partial<Detection> = {},
): Detection {
  return {
    via: "taobao",
    shop: shopId ? { platform: "taobao", shopId } : null,
    uscc: null,
    anchor,
    evidence: noEvidence,
    badgeMismatch: null,
    ...extra,
  } as Detection;
}
const scan = (detection: Detection | null, s: Partial<Scan> = {}): Scan => ({
  shopPage: true,
  detection,
  uiConnected: true,
  ...s,
});
const types = (effects: Effect[]) => effects.map((e) => e.type);

const unknown: LookupResult = { state: "unknown", fetchedAt: 1, stale: false, dismissedToday: false };
const black: LookupResult = { state: "listed", list: "black", dismissedToday: false };

/** Run events from the initial state, returning the last state and every step's effects. */
function run(...events: Parameters<typeof step>[1][]): { state: PageState; effects: Effect[][] } {
  let state = INITIAL;
  const effects: Effect[][] = [];
  for (const e of events) {
    const r = step(state, e);
    state = r.state;
    effects.push(r.effects);
  }
  return { state, effects };
}

describe("content script state machine", () => {
  it("a shop page: ask, mount beside the header, say 'checking', then paint the answer", () => {
    const { state, effects } = run(
      { type: "scan", scan: scan(det("100002")) },
      { type: "answer", key: "taobao:100002", result: unknown, final: true },
    );
    expect(effects[0]).toEqual([
      { type: "ask", shop: { platform: "taobao", shopId: "100002" } },
      { type: "mount", anchor: header },
      { type: "coverage", coverage: { kind: "checking" } },
    ]);
    expect(effects[1]).toEqual([
      { type: "paint" },
      { type: "coverage", coverage: { kind: "shown", tone: "unknown" } },
    ]);
    expect(state.result).toBe(unknown);
  });

  it("an answer already known at scan time is in the first paint: no 'checking' state", () => {
    const { state, effects } = run({ type: "scan", scan: scan(det("1")), known: () => black });
    expect(state.result).toBe(black);
    expect(effects[0]?.at(-1)).toEqual({ type: "coverage", coverage: { kind: "shown", tone: "danger" } });
    // The lookup then confirms the same object: no second paint (issue 7).
    const again = step(state, { type: "answer", key: "taobao:1", result: black, final: true });
    expect(again.effects).toEqual([]);
  });

  it("a re-scan of the same shop with the same header does nothing", () => {
    const { state } = run({ type: "scan", scan: scan(det("1")) });
    expect(step(state, { type: "scan", scan: scan(det("1")) }).effects).toEqual([]);
  });

  it("a header re-rendered in place with another seller gets the new shop's verdict", () => {
    const { state, effects } = run(
      { type: "scan", scan: scan(det("1")) },
      { type: "answer", key: "taobao:1", result: unknown, final: true },
      { type: "scan", scan: scan(det("2")) },
      // The old shop's late answer must not paint over the new one.
      { type: "answer", key: "taobao:1", result: unknown, final: true },
      { type: "answer", key: "taobao:2", result: black, final: true },
    );
    expect(types(effects[2]!)).toEqual(["unmount", "ask", "mount", "coverage"]);
    expect(effects[3]).toEqual([]);
    expect(state.result).toBe(black);
    expect(state.coverage).toEqual({ kind: "shown", tone: "danger" });
  });

  it("our badge thrown away by a re-render, or a new header element: remount, no second lookup", () => {
    const { state } = run({ type: "scan", scan: scan(det("1")) });
    const lost = step(state, { type: "scan", scan: scan(det("1"), { uiConnected: false }) });
    expect(lost.effects).toEqual([{ type: "unmount" }, { type: "mount", anchor: header }]);
    const moved = step(state, { type: "scan", scan: scan(det("1", otherHeader)) });
    expect(moved.effects).toEqual([{ type: "unmount" }, { type: "mount", anchor: otherHeader }]);
    expect(moved.state.mountedAt).toBe(otherHeader);
  });

  it("a floating badge moves beside the header once it appears", () => {
    const { state } = run({ type: "scan", scan: scan(det("1", null)) });
    expect(state.mountedAt).toBeNull();
    expect(step(state, { type: "scan", scan: scan(det("1", header)) }).effects).toEqual([
      { type: "unmount" },
      { type: "mount", anchor: header },
    ]);
  });

  it("a shop or item page whose shop cannot be told is 'unmatched' (toolbar '?'), a home page is 'off'", () => {
    const unmatched = run({ type: "scan", scan: scan(null) });
    expect(unmatched.effects[0]).toEqual([{ type: "coverage", coverage: { kind: "unmatched" } }]);
    const home = run({ type: "scan", scan: scan(null, { shopPage: false }) });
    expect(home.effects[0]).toEqual([]);
    expect(home.state.coverage).toEqual({ kind: "off" });
  });

  it("an SPA move from a shop to a page without one unmounts everything and says so", () => {
    const { state, effects } = run(
      { type: "scan", scan: scan(det("1")) },
      { type: "scan", scan: scan(null, { shopPage: false }) },
    );
    expect(effects[1]).toEqual([{ type: "unmount" }, { type: "coverage", coverage: { kind: "off" } }]);
    expect(state.key).toBeNull();
  });

  it("a peek fills the gap but never replaces the lookup's answer; no answer at all says 'error'", () => {
    const found: LookupResult = { ...unknown, fetchedAt: 2 };
    const a = run(
      { type: "scan", scan: scan(det("1")) },
      { type: "answer", key: "taobao:1", result: black, final: false },
      { type: "answer", key: "taobao:1", result: found, final: true },
      { type: "answer", key: "taobao:1", result: black, final: false },
    );
    expect(types(a.effects[1]!)).toEqual(["paint", "coverage"]);
    expect(a.effects[3]).toEqual([]);
    expect(a.state.result).toBe(found);
    const b = run(
      { type: "scan", scan: scan(det("1")) },
      { type: "answer", key: "taobao:1", result: null, final: true },
    );
    expect(b.state.result).toEqual({ state: "error", dismissedToday: false });
    expect(b.state.coverage).toEqual({ kind: "shown", tone: "error" });
  });

  it("a license link appearing late repaints (已亮照) without a new lookup", () => {
    const { state } = run({ type: "scan", scan: scan(det("1")) });
    const withLink = det("1", header, {
      evidence: { ...noEvidence, licenseLink: "https://zzlz.gsxt.gov.cn/x" },
    });
    expect(step(state, { type: "scan", scan: scan(withLink) }).effects).toEqual([{ type: "paint" }]);
  });

  it("a mismatched embed badge is a new state of the same page; dismissing repaints", () => {
    const { state } = run(
      { type: "scan", scan: scan(det("1")) },
      { type: "answer", key: "taobao:1", result: black, final: true },
    );
    const mismatch = det("1", header, { badgeMismatch: { platform: "taobao", shopId: "9" } });
    expect(types(step(state, { type: "scan", scan: scan(mismatch) }).effects)).toContain("mount");
    const d = step(state, { type: "dismissed", key: "taobao:1" });
    expect(d.effects).toEqual([{ type: "paint" }]);
    expect(d.state.result?.dismissedToday).toBe(true);
  });

  it("a USCC on the page without a shop id: a badge, no lookup", () => {
    const { effects } = run({ type: "scan", scan: scan(det(null, null, { uscc: "91360100MA35GXXX0X" })) });
    expect(types(effects[0]!)).toEqual(["mount", "coverage"]);
  });

  it("toneOf agrees with the badge's own view for every state", () => {
    const record = {
      verdict: "caution",
      licenseStatus: "active",
      verified: true,
      grade: null,
    } as unknown as Extract<LookupResult, { state: "found" }>["record"];
    const results: (LookupResult | null)[] = [
      null,
      unknown,
      black,
      { state: "listed", list: "watch", dismissedToday: false },
      { state: "error", dismissedToday: false },
      {
        state: "found",
        record: { ...record, lists: [], reasons: [], brand: { id: "x", zh: "x", en: "x" } },
        fetchedAt: 1,
        stale: false,
        dismissedToday: false,
      },
    ];
    for (const r of results) expect(toneOf(r)).toBe(badgeView(r, { lang: "zh", licenseShown: false }).tone);
  });
});

describe("watched header", () => {
  it("climbs from the shop name to a small header, not to a page section", () => {
    document.body.innerHTML = `<main><section id="sec">${"<p>x</p>".repeat(200)}<div id="head"><div id="info"><a id="name" href="//shop1.taobao.com">店</a></div><span>关注</span></div></section></main>`;
    const name = document.getElementById("name")!;
    const head = watchedHeader(name);
    expect(head.id).toBe("head");
  });
});
