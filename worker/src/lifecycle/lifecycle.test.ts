/**
 * Lifecycle (issue 5 item 4) on a controllable clock (`deps.now`): rectifyBy = listed + 3 months
 * (赣信用办〔2018〕26号), overdue the day after → escalation list and change feed; displayUntil expiry
 * removes an entry from public view; repair and removal vanish publicly but stay in the audit log;
 * early removal of a 严重违法失信 entry is refused with an explanation.
 */
import { readFileSync } from "node:fs";
import { auditLog, listEntries } from "@xinbiao/db/schema";
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, type Json, jsonInit, keysForRoles } from "../auth/test-keys.ts";
import { runImport } from "../imports/run-import.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";

const fixture = (n: string) =>
  new Uint8Array(readFileSync(new URL(`../../../db/fixtures/${n}`, import.meta.url)));
let t: TestApp;
let keys: Awaited<ReturnType<typeof keysForRoles>>;
let clock = TEST_NOW.getTime();
const at = (iso: string) => {
  clock = Date.parse(iso);
};
const KUNSHAN = "91320583MA7QX2C48D"; // 重点关注, listed 2026-09-03 → rectify by 2026-12-03
const WUXI = "91320214MA7QX5F7XT"; // 严重违法失信, listed 2026-05-10

beforeAll(async () => {
  t = await openTestApp({ now: () => new Date(clock) });
  keys = await keysForRoles(t.db, TEST_NOW);
  for (const [kind, file] of [
    ["merchants", "merchants-sample.csv"],
    ["lists", "lists-creditchina-sample.gb18030.csv"],
  ] as const)
    expect(
      (await runImport(t.db, { kind, bytes: fixture(file), fileName: file, actor: "test" }, TEST_NOW)).status,
    ).toBe("applied");
});
afterAll(() => t.cleanup());

const run = async () =>
  (
    await t.app.request("/api/v1/regulator/lifecycle/run", bearer(keys.regulator, { method: "POST" }))
  ).json<Json>();
const record = async (uscc: string) =>
  (await (await t.app.request(`/api/v1/merchants/${uscc}`)).json<Json>()).record;
const entryOf = (uscc: string) => t.db.select().from(listEntries).where(eq(listEntries.uscc, uscc)).get();
const escalated = async () =>
  (
    (await (await t.app.request("/api/v1/regulator/escalations", bearer(keys.regulator))).json<Json>())
      .entries as {
      uscc: string;
    }[]
  ).map((e) => e.uscc);

describe("rectification deadline", () => {
  it("is active on the last day and overdue the next (Asia/Shanghai), then escalated and announced", async () => {
    expect((await entryOf(KUNSHAN))!.rectifyBy).toBe("2026-12-03");
    at("2026-12-03T15:59:00Z"); // 23:59 in Shanghai on the deadline
    await run();
    expect((await record(KUNSHAN)).lists[0].status).toBe("active");
    expect(await escalated()).not.toContain(KUNSHAN);
    at("2026-12-03T16:01:00Z"); // 00:01 on 12-04 in Shanghai
    expect((await record(KUNSHAN)).lists[0].status).toBe("overdue"); // read time is right before the job runs
    expect((await record(KUNSHAN)).verdict).toBe("warning");
    const r = await run();
    expect(r.lifecycle.statusChanged.overdue).toBeGreaterThanOrEqual(1);
    expect((await entryOf(KUNSHAN))!).toMatchObject({
      status: "overdue",
      escalatedAt: "2026-12-03T16:01:00.000Z",
    });
    expect(await escalated()).toContain(KUNSHAN);
    const again = await run();
    expect(again.lifecycle.statusChanged.overdue ?? 0).toBe(0); // idempotent
  });

  it("rectification moves it off the escalation list", async () => {
    const e = (await entryOf(KUNSHAN))!;
    const res = await t.app.request(
      `/api/v1/regulator/entries/${e.id}`,
      jsonInit("POST", keys.regulator, { action: "rectified", date: "2026-12-04" }),
    );
    expect(res.status).toBe(200);
    expect((await record(KUNSHAN)).lists[0].status).toBe("rectifying");
    expect(await escalated()).not.toContain(KUNSHAN);
  });
});

describe("display period", () => {
  it("past displayUntil the entry vanishes from every public surface", async () => {
    at("2027-09-02T12:00:00Z");
    expect((await record(KUNSHAN)).lists).toHaveLength(1);
    at("2027-09-03T12:00:00Z");
    expect((await record(KUNSHAN)).lists).toHaveLength(0);
    const r = await run();
    expect(r.lifecycle.expired).toBeGreaterThanOrEqual(1);
    expect((await entryOf(KUNSHAN))!.expiredAt).not.toBeNull();
    at(TEST_NOW.toISOString());
  });
});

describe("repair and removal", () => {
  it("early removal of a 严重违法失信 entry is refused with the reason and earliest date", async () => {
    at("2026-12-01T04:00:00Z");
    const e = (await entryOf(WUXI))!;
    expect(e.severe).toBe(true);
    const res = await t.app.request(
      `/api/v1/regulator/entries/${e.id}`,
      jsonInit("POST", keys.regulator, { action: "remove", reason: "主动申请" }),
    );
    expect(res.status).toBe(409);
    const body = await res.json<Json>();
    expect(body.error.code).toBe("early_removal_refused");
    expect(body.error.message).toContain("最早可于 2027-05-10 办理");
    expect(body.error.details).toEqual({ earliest: "2027-05-10" });
    const repair = await t.app.request(
      `/api/v1/regulator/entries/${e.id}`,
      jsonInit("POST", keys.regulator, { action: "repair", documentNo: "锡信修〔2026〕1号" }),
    );
    expect(repair.status).toBe(409);
    expect((await record(WUXI)).lists).toHaveLength(1);
  });

  it("after one year the same removal is accepted; the entry vanishes publicly but stays in the audit log", async () => {
    at("2027-05-11T04:00:00Z");
    const e = (await entryOf(WUXI))!;
    const res = await t.app.request(
      `/api/v1/regulator/entries/${e.id}`,
      jsonInit("POST", keys.regulator, { action: "remove", reason: "满一年提前移出" }),
    );
    expect(res.status).toBe(200);
    expect((await record(WUXI)).lists).toEqual([]);
    const trail = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(e.id)))
      .all();
    expect(trail.map((r) => r.action)).toContain("list_entry.remove");
    expect(JSON.parse(trail.find((r) => r.action === "list_entry.remove")!.after!)).toMatchObject({
      removalReason: "满一年提前移出",
    });
    at(TEST_NOW.toISOString());
  });

  it("credit repair needs a document number and removes the entry from view", async () => {
    const e = (await t.db
      .select()
      .from(listEntries)
      .where(like(listEntries.documentNo, "瑞信用〔2026〕9号"))
      .get())!;
    const missing = await t.app.request(
      `/api/v1/regulator/entries/${e.id}`,
      jsonInit("POST", keys.regulator, { action: "repair" }),
    );
    expect(missing.status).toBe(400);
    const ok = await t.app.request(
      `/api/v1/regulator/entries/${e.id}`,
      jsonInit("POST", keys.regulator, { action: "repair", documentNo: "瑞信修〔2026〕2号" }),
    );
    expect(ok.status).toBe(200);
    expect((await record(e.uscc)).lists).toEqual([]);
    expect((await entryOf(e.uscc))!.repairDocumentNo).toBe("瑞信修〔2026〕2号");
    const feed = await (
      await t.app.request("/api/v1/regulator/escalations", bearer(keys.regulator))
    ).json<Json>();
    expect(feed.entries.map((x: { uscc: string }) => x.uscc)).not.toContain(e.uscc);
  });
});
