/** The tests every platform adapter gets (tests only): its URL table and its saved fixtures. */
import { describe, expect, it } from "vitest";
import { readFixtures, toDocument } from "./fixtures.ts";
import { classifyPage } from "./index.ts";
import type { Adapter } from "./types.ts";

export interface UrlTable {
  positive: readonly (readonly [string, string | null])[];
  negative: readonly string[];
}

export function adapterSuite(adapter: Adapter, urls: UrlTable): void {
  const empty = () => toDocument("<!doctype html><html><body></body></html>");

  describe(`${adapter.id} URL table`, () => {
    it.each(urls.positive.map(([u, id]) => [u, id]))("detects %s (id from URL: %s)", (u, id) => {
      const url = new URL(u as string);
      expect(adapter.matches(url)).toBe(true);
      expect(adapter.detect(url)).toBe(true);
      // On an empty page only the URL can give the id: exactly the ones the table promises.
      expect(adapter.shopKey(url, empty())).toBe(id);
    });
    it.each(urls.negative.map((u) => [u]))("ignores %s", (u) => {
      expect(adapter.detect(new URL(u))).toBe(false);
    });
  });

  describe(`${adapter.id} fixtures`, () => {
    const fixtures = readFixtures(adapter.id);
    it("has saved fixture pages", () => {
      expect(fixtures.length).toBeGreaterThan(0);
    });
    for (const f of fixtures) {
      const what = f.meta.shopId
        ? `detects the shop ${f.meta.shopId}`
        : `reports "not checked" (${f.meta.status ?? "no_id"})`;
      it(`${f.file}: ${what} and ${f.meta.anchor ? "finds" : "lacks"} the header`, () => {
        const url = new URL(f.meta.url);
        const doc = toDocument(f.html);
        expect(adapter.detect(url)).toBe(true);
        expect(adapter.shopKey(url, doc)).toBe(f.meta.shopId ?? null);
        const v = classifyPage(url, doc);
        expect(v.status).toBe(f.meta.shopId ? "found" : (f.meta.status ?? "no_id"));
        if (f.meta.shape) expect(v.page).toBe(f.meta.shape);
        const anchor = adapter.anchor(doc);
        expect(anchor !== null).toBe(f.meta.anchor);
        // The anchor is the shop header's name: it must contain visible text, not a layout box.
        if (anchor) expect(anchor.textContent?.trim().length).toBeGreaterThan(0);
      });
    }
  });
}
