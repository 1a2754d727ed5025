import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { anchor, hashShop } from "@xinbiao/db/seed";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.ts";
import { isDatabaseFailure } from "../lib/db-failure.ts";
import { openEmbedded } from "../node/embedded.ts";
import { openTestApp } from "../testing/embedded-app.ts";
import { STALE_HEADER } from "./last-good.ts";

describe("database faults on public reads", () => {
  it("serves the last known good record marked stale when the database goes away", async () => {
    const t = await openTestApp();
    try {
      const path = `/api/v1/merchants/${anchor("blacklisted").uscc}`;
      const fresh = await t.app.request(path);
      expect(fresh.status).toBe(200);
      const freshBody = await fresh.json();
      expect(fresh.headers.get(STALE_HEADER)).toBeNull();
      const range = `/api/v1/range/${hashShop("jd", "1000003").slice(0, 4)}`;
      expect((await t.app.request(range)).status).toBe(200);

      t.close(); // the database is gone from under the running app

      const stale = await t.app.request(path);
      expect(stale.status).toBe(200);
      expect(stale.headers.get(STALE_HEADER)).toBe("1");
      expect(stale.headers.get("cache-control")).toBe("no-store");
      const body = (await stale.json()) as { stale: boolean; record: { verdict: string } };
      expect(body.stale).toBe(true);
      // the warning stays a warning: same signed record as before
      expect(body.record).toEqual((freshBody as { record: unknown }).record);
      expect(body.record.verdict).toBe("danger");

      const bucket = await t.app.request(range);
      expect(bucket.headers.get(STALE_HEADER)).toBe("1");

      // never seen before → 503 in the JSON error shape, never an empty "safe" answer
      const unseen = await t.app.request(`/api/v1/merchants/${anchor("normal").uscc}`);
      expect(unseen.status).toBe(503);
      expect(unseen.headers.get("retry-after")).toBe("30");
      expect(await unseen.json()).toMatchObject({ error: { code: "database_unavailable" } });
    } finally {
      t.cleanup();
    }
  });

  it("answers 503 with the JSON shape on a corrupt database file", async () => {
    const t = await openTestApp();
    const file = join(t.dir, "corrupt.db");
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    try {
      await expect(openEmbedded({ url: `file:${file}` })).rejects.toSatisfy(isDatabaseFailure);
      // an app whose database turns corrupt under it: reads of unseen paths answer 503
      const e = await openEmbedded({ url: `file:${join(t.dir, "ok.db")}`, demoMerchants: 20 });
      const app = createApp(e.deps);
      e.close();
      const res = await app.request("/api/v1/search?q=abc");
      expect(res.status).toBe(503);
      expect((await res.json()) as object).toMatchObject({ error: { code: "database_unavailable" } });
    } finally {
      t.cleanup();
    }
  });
});

describe("last-good keeps public answers only", () => {
  it("never replays a keyed or signed-in request, nor a no-store answer", async () => {
    const t = await openTestApp();
    try {
      const path = `/api/v1/merchants/${anchor("trusted").uscc}`;
      // a keyed GET of a public record: answered, but not kept
      expect(
        (await t.app.request(path, { headers: { Authorization: "Bearer xbk_x_y" } })).status,
      ).toBeLessThan(500);
      // embed data for an unregistered origin is no-store: not kept either
      const embed = "/embed/v1/shop/jd/1000001?origin=https%3A%2F%2Fcopycat.example";
      expect((await t.app.request(embed)).headers.get("cache-control")).toContain("no-store");
      t.close();
      expect((await t.app.request(path)).status).toBe(503);
      expect((await t.app.request(embed)).status).toBe(503);
    } finally {
      t.cleanup();
    }
  });
});
