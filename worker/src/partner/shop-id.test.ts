import { describe, expect, it } from "vitest";
import { URLS as ALIBABA_1688 } from "../../../extension/adapters/1688/1688.urls.ts";
import { URLS as JD } from "../../../extension/adapters/jd/jd.urls.ts";
import { URLS as PINDUODUO } from "../../../extension/adapters/pinduoduo/pinduoduo.urls.ts";
import { URLS as TAOBAO } from "../../../extension/adapters/taobao/taobao.urls.ts";
import { URLS as TMALL } from "../../../extension/adapters/tmall/tmall.urls.ts";
import { shopIdProblem } from "./shop-id.ts";

describe("shop id model (issue 14)", () => {
  it("accepts the platforms' own strings: 1688 member ids and non-decimal winport ids", () => {
    for (const id of ["b2b-22089563145738b3d0", "01219r028x733", "3e67986509770", "100001"])
      expect(shopIdProblem("1688", id)).toBeNull();
    expect(shopIdProblem("taobao", "62572383")).toBeNull();
    expect(shopIdProblem("jd", "1000001")).toBeNull();
  });
  it("refuses 1688 spellings no page lookup would hash to, saying how to write them", () => {
    expect(shopIdProblem("1688", "B2B-22089563145738b3d0")).toMatch(/character 1 "B" should be "b"/);
    expect(shopIdProblem("1688", "shop01219r028x733")).toMatch(/write "01219r028x733"/);
    expect(shopIdProblem("1688", "b2b-x1")).toMatch(/member id/);
  });
  it("names the bad character of any id", () => {
    expect(shopIdProblem("jd", "bad id!")).toMatch(/character 4: " "/);
    expect(shopIdProblem("jd", "")).toMatch(/1–64/);
  });
});

describe("identity aliases (issue 14: pages that name no shop id)", () => {
  it("accepts the namespaces the built-in detection rules yield, with their value patterns", () => {
    expect(shopIdProblem("taobao", "seller:2206123")).toBeNull();
    expect(shopIdProblem("taobao", "host:a1b2c3d4e5")).toBeNull();
    expect(shopIdProblem("tmall", "host:nike")).toBeNull();
    expect(shopIdProblem("jd", "vender:1000001")).toBeNull();
    expect(shopIdProblem("jd", "host:honor")).toBeNull();
    expect(shopIdProblem("1688", "host:puchengss")).toBeNull();
  });
  it("refuses a namespace the platform has not, a malformed value, and a second colon — saying which", () => {
    expect(shopIdProblem("jd", "seller:2206123")).toMatch(
      /not an alias namespace of jd; use one of vender:, host:/,
    );
    expect(shopIdProblem("pinduoduo", "host:abc")).toMatch(/pinduoduo has no alias namespaces/);
    expect(shopIdProblem("taobao", "seller:abc")).toMatch(/alias seller:"abc" is malformed/);
    expect(shopIdProblem("tmall", "host:Nike")).toMatch(/malformed/);
    expect(shopIdProblem("taobao", "seller:12:34")).toMatch(/malformed/);
  });
});

describe("every id the extension's URL tables yield is registrable (no shop a visitor can never match)", () => {
  const tables = { taobao: TAOBAO, tmall: TMALL, jd: JD, pinduoduo: PINDUODUO, "1688": ALIBABA_1688 };
  const yielded = Object.entries(tables).flatMap(([platform, t]) =>
    (t.positive as readonly (readonly [string, string | null])[])
      .filter(([, id]) => id !== null)
      .map(([url, id]) => [platform, url, id as string] as const),
  );
  it("covers aliases and plain ids", () => {
    expect(yielded.some(([, , id]) => id.includes(":"))).toBe(true);
    expect(yielded.length).toBeGreaterThan(30);
  });
  it.each(yielded)("%s %s → %s", (platform, _url, id) => {
    expect(shopIdProblem(platform, id)).toBeNull();
  });
});
