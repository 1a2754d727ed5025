/**
 * Registry-wide checks: every platform folder is complete (adapter, test, URL table, fixtures), and
 * every adapter sees every other adapter's URLs as negatives (refined-github's URL matrix).
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PLATFORMS } from "@xinbiao/db/model";
import { describe, expect, it } from "vitest";
import { CONTENT_MATCHES } from "../utils/hosts.ts";
import { URLS as u1688 } from "./1688/1688.urls.ts";
import { ADAPTERS_DIR, readFixtures } from "./fixtures.ts";
import { ADAPTERS, adapterFor, DEFAULT_RULES } from "./index.ts";
import { URLS as uJd } from "./jd/jd.urls.ts";
import { URLS as uPdd } from "./pinduoduo/pinduoduo.urls.ts";
import { URLS as uTaobao } from "./taobao/taobao.urls.ts";
import { URLS as uTmall } from "./tmall/tmall.urls.ts";

const TABLES: Record<string, { positive: readonly (readonly [string, string | null])[] }> = {
  taobao: uTaobao,
  tmall: uTmall,
  jd: uJd,
  pinduoduo: uPdd,
  "1688": u1688,
};

describe("adapter registry", () => {
  it("has one adapter per platform of the model, in a folder of its own", () => {
    expect(ADAPTERS.map((a) => a.id).sort()).toEqual([...PLATFORMS].sort());
  });

  // rules/ holds the detection-rules format, engine and built-in rules, not a platform.
  const folders = readdirSync(ADAPTERS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "rules")
    .map((d) => d.name);

  it.each(folders.map((f) => [f]))("folder %s has an adapter, a test and fixture pages", (folder) => {
    expect(existsSync(join(ADAPTERS_DIR, folder, `${folder}.adapter.ts`))).toBe(true);
    expect(existsSync(join(ADAPTERS_DIR, folder, `${folder}.test.ts`))).toBe(true);
    const fixtures = readFixtures(folder);
    expect(fixtures.length, `${folder} has no fixtures/*.html`).toBeGreaterThan(0);
  });

  it("every platform adapter has a fixture with its header and one exercising the fallback or an item page", () => {
    for (const a of ADAPTERS) {
      const fixtures = readFixtures(a.id);
      expect(
        fixtures.some((f) => f.meta.anchor),
        `${a.id}: a fixture with the shop header`,
      ).toBe(true);
      expect(fixtures.length, `${a.id}: at least two fixture pages`).toBeGreaterThanOrEqual(2);
    }
  });

  describe("URL matrix: every adapter rejects every other adapter's URLs", () => {
    for (const a of ADAPTERS) {
      for (const [owner, table] of Object.entries(TABLES)) {
        if (owner === a.id) continue;
        it(`${a.id} rejects ${owner}'s URLs`, () => {
          for (const [u] of table.positive) {
            const url = new URL(u);
            expect(a.matches(url), `${a.id}.matches(${u})`).toBe(false);
            expect(a.detect(url), `${a.id}.detect(${u})`).toBe(false);
          }
        });
      }
    }
  });

  it("routes each URL to its own adapter", () => {
    for (const [owner, table] of Object.entries(TABLES)) {
      for (const [u] of table.positive) expect(adapterFor(new URL(u))?.id).toBe(owner);
    }
    expect(adapterFor(new URL("https://example.com/"))).toBeNull();
    expect(adapterFor(new URL("file:///shop100001.taobao.com/"))).toBeNull();
  });

  it("the content script is injected on every domain the built-in rules handle", () => {
    const hosts = CONTENT_MATCHES.map((m) => /^\*:\/\/\*\.([^/]+)\/\*$/.exec(m)?.[1]);
    for (const p of DEFAULT_RULES.platforms) {
      for (const d of p.domains) expect(hosts, `${p.id}: ${d} is missing from CONTENT_MATCHES`).toContain(d);
    }
  });

  it("builds demo shop URLs that its own adapter recognises with the same id", () => {
    for (const a of ADAPTERS) {
      const u = new URL(a.shopUrl!("100009"));
      expect(a.detect(u)).toBe(true);
      expect(a.shopKey(u, new DOMParser().parseFromString("", "text/html"))).toBe("100009");
    }
  });
});
