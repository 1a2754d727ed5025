/**
 * The record builder guards every free-text field itself (issue 13 item 1, defence in depth): even
 * when personal data sits in the database as written — rows from before the import-time masking, a
 * writer that bypasses the import, a restored backup — no built record, compact record or range
 * bucket carries it. Every text column a record is built from is filled directly with SQL here.
 */
import { flattenForScan } from "@xinbiao/db/model/pii-guard.arbitraries";
import { merchants } from "@xinbiao/db/schema";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestApp, TEST_BASE_URL, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { buildRecords, compactRecord } from "./build-records.ts";

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp({ demoMerchants: 40 });
}, 120_000);
afterAll(() => t.cleanup());

/** One value per kind; 32010219900307123 + its GB 11643 check character 9. */
const ID = "320102199003071239";
const MOBILE = "18612345678";
const LANDLINE = "02588881234";
const CARD = "6222021001123459"; // Luhn-valid (checked below)
const TEXT = `身份证${ID}，手机186-1234-5678，电话(025)8888-1234，卡号6222 0210 0112 3459`;

/** Paths of every string in `v` that still shows one of the numbers. */
function leaks(v: unknown, path = "$"): string[] {
  if (typeof v === "string") {
    const flat = flattenForScan(v);
    return [ID, MOBILE, LANDLINE, CARD].some((d) => flat.includes(d)) ? [`${path}: ${v}`] : [];
  }
  if (Array.isArray(v)) return v.flatMap((x, i) => leaks(x, `${path}[${i}]`));
  if (v && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => leaks(x, `${path}.${k}`));
  return [];
}

describe("buildRecords and personal data stored as written", () => {
  it("masks it in every free-text field of every record", async () => {
    const { luhnValid } = await import("@xinbiao/db/model");
    expect(luhnValid(CARD)).toBe(true);
    const x = (col: string) => sql.raw(`${col} = ${col} || '${TEXT}'`);
    await t.db.run(
      sql`UPDATE merchants SET ${x("name")}, ${x("authority")}, ${x("address")}, ${x("scope")},
        legal_representative = coalesce(legal_representative, '') || ${TEXT},
        exemption_statement = coalesce(exemption_statement, '') || ${TEXT}`,
    );
    await t.db.run(sql`UPDATE permits SET ${x("kind")}, ${x("number")}, ${x("authority")}`);
    await t.db.run(sql`UPDATE list_entries SET ${x("category")}, ${x("authority")}, ${x("document_no")}`);
    await t.db.run(sql`UPDATE grades SET ${x("scheme")}, factors = json_array(${TEXT}, ${TEXT})`);
    await t.db.run(sql`UPDATE verifications SET ${x("method")}`);
    await t.db.run(sql`UPDATE commitments SET ${x("title")}, ${x("text")}`);
    await t.db.run(
      sql`UPDATE sources SET ${x("title")}, ${x("authority")}, url = coalesce(url, 'https://credit.example/') || ${`?q=${MOBILE}`}`,
    );
    const usccs = (await t.db.select({ uscc: merchants.uscc }).from(merchants).all()).map((m) => m.uscc);
    const built = await buildRecords(t.db, usccs, { baseUrl: TEST_BASE_URL, now: TEST_NOW });
    expect(built.size).toBe(usccs.length);

    const records = [...built.values()].map((b) => b.record);
    // The text really is there (masked): every kind of field carried it.
    const all = JSON.stringify(records);
    expect(all).toContain("186****5678");
    expect(all).toContain("025-****34");
    expect(all).toContain(`****${CARD.slice(-4)}`);
    expect(
      records.some((r) => r.lists.length > 0 && r.permits.length > 0 && r.grade && r.commitments.length > 0),
    ).toBe(true);
    expect(leaks(records)).toEqual([]);
    expect(leaks(records.map(compactRecord))).toEqual([]);
  });

  it("serves none of it through the record API, the page or the badge", async () => {
    const usccs = (await t.db.select({ uscc: merchants.uscc }).from(merchants).limit(10).all()).map(
      (m) => m.uscc,
    );
    for (const u of usccs) {
      for (const path of [`/api/v1/merchants/${u}`, `/m/${u}`, `/badge/${u}.svg?style=large`]) {
        const body = await (await t.app.request(path)).text();
        expect(leaks(body).map((l) => `${path} ${l.slice(0, 120)}`)).toEqual([]);
      }
    }
  });
});
