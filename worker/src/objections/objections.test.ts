/**
 * Objections (issue 5 item 4): working-day deadlines with weekends and the holiday table, the public
 * record shows `objected` while one is open, the regulator queue flags overdue ones, decisions close it.
 */
import { readFileSync } from "node:fs";
import { listEntries, objections } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, type Json, jsonInit, keysForRoles } from "../auth/test-keys.ts";
import { databaseDigest } from "../imports/db-dump.ts";
import { runImport } from "../imports/run-import.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { addWorkingDays } from "./working-days.ts";

const fixture = (n: string) =>
  new Uint8Array(readFileSync(new URL(`../../../db/fixtures/${n}`, import.meta.url)));
let t: TestApp;
let keys: Awaited<ReturnType<typeof keysForRoles>>;
let clock = TEST_NOW.getTime();
const NANCHANG = "91360102MA7QX1B308";

beforeAll(async () => {
  t = await openTestApp({ now: () => new Date(clock) });
  keys = await keysForRoles(t.db, TEST_NOW);
  for (const [kind, file] of [
    ["merchants", "merchants-sample.csv"],
    ["lists", "lists-creditchina-sample.utf8.csv"],
  ] as const)
    await runImport(t.db, { kind, bytes: fixture(file), fileName: file, actor: "test" }, TEST_NOW);
});
afterAll(() => t.cleanup());

describe("working days", () => {
  const cal = new Map<string, "holiday" | "workday">([
    ["2026-10-01", "holiday"],
    ["2026-10-02", "holiday"],
    ["2026-10-05", "holiday"],
    ["2026-10-06", "holiday"],
    ["2026-10-07", "holiday"],
    ["2026-10-10", "workday"], // Saturday made a working day (调休)
  ]);
  it.each([
    ["2026-11-20", 2, "2026-11-24"], // Friday → Tuesday
    ["2026-11-23", 2, "2026-11-25"],
    ["2026-09-30", 2, "2026-10-09"], // over the National Day holidays
    ["2026-10-08", 2, "2026-10-10"], // the 调休 Saturday counts
    ["2026-11-23", 10, "2026-12-07"],
  ])("%s + %i working days = %s", (from, n, want) => {
    expect(addWorkingDays(from, n, cal)).toBe(want);
  });
});

describe("filing and deciding", () => {
  let entryId = 0;
  let objectionId = 0;

  it("bad input gets a clear message naming the field, and nothing is written", async () => {
    entryId = (await t.db.select().from(listEntries).where(eq(listEntries.uscc, NANCHANG)).get())!.id;
    const before = await databaseDigest(t.url);
    for (const [body, field] of [
      [{ uscc: NANCHANG, entryId, contact: "not a contact", reason: "该条目认定有误，请核实。" }, "contact"],
      [{ uscc: NANCHANG, entryId, contact: "13800138000", reason: "太短" }, "reason"],
      [
        {
          uscc: NANCHANG,
          entryId,
          contact: "13800138000",
          reason: "该条目认定有误，请核实。",
          attachmentUrl: "http://x.test/a.pdf",
        },
        "attachmentUrl",
      ],
      [
        { uscc: "91320506MA2CD8R14Q", entryId, contact: "13800138000", reason: "该条目认定有误，请核实。" },
        "entryId",
      ],
    ] as const) {
      const res = await t.app.request("/api/v1/objections", jsonInit("POST", null, body));
      expect(res.status, field).toBeGreaterThanOrEqual(400);
      expect((await res.json<Json>()).error.field).toBe(field);
    }
    expect(await databaseDigest(t.url)).toBe(before);
  });

  it("the public form files an objection; the record shows 异议处理中 at once", async () => {
    clock = Date.parse("2026-11-20T02:00:00Z"); // Friday
    const form = await t.app.request(`/objections/new?uscc=${NANCHANG}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("洪信用〔2026〕17号");
    const res = await t.app.request("/objections", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        uscc: NANCHANG,
        entryId: String(entryId),
        contact: "yanting@example.com",
        reason: "我司已于 2026 年 8 月履行全部义务，刷单认定有误。",
        attachmentUrl: "https://files.example/proof.pdf",
      }),
    });
    expect(res.status).toBe(201);
    expect(await res.text()).toContain("2026-11-24");
    const o = (await t.db.select().from(objections).where(eq(objections.entryId, entryId)).get())!;
    objectionId = o.id;
    expect(o).toMatchObject({ status: "submitted", acceptBy: "2026-11-24" });
    const rec = (await (await t.app.request(`/api/v1/merchants/${NANCHANG}`)).json<Json>()).record;
    expect(rec.lists[0].status).toBe("objected");
    expect(JSON.stringify(rec)).not.toContain("yanting@example.com");
    const dup = await t.app.request(
      "/api/v1/objections",
      jsonInit("POST", null, {
        uscc: NANCHANG,
        entryId,
        contact: "13800138000",
        reason: "重复提交的异议申请内容。",
      }),
    );
    expect(dup.status).toBe(409);
  });

  it("the queue flags it overdue once the acceptance deadline passes", async () => {
    const q = async () =>
      (await (await t.app.request("/api/v1/regulator/objections", bearer(keys.regulator))).json<Json>())
        .objections;
    clock = Date.parse("2026-11-24T12:00:00Z");
    expect((await q())[0]).toMatchObject({
      id: objectionId,
      deadline: "2026-11-24",
      deadlineKind: "accept",
      overdue: false,
    });
    clock = Date.parse("2026-11-25T02:00:00Z");
    expect((await q())[0]).toMatchObject({ overdue: true });
    const page = await (await t.app.request("/regulator", bearer(keys.regulator))).text();
    expect(page).toContain("已超期");
  });

  it("accepting sets the answer deadline; rejecting closes it and the entry shows its list status again", async () => {
    const accept = await t.app.request(
      `/api/v1/regulator/objections/${objectionId}`,
      jsonInit("POST", keys.regulator, { decision: "accept" }),
    );
    expect(accept.status).toBe(200);
    expect((await accept.json<Json>()).objection).toMatchObject({
      status: "accepted",
      answerBy: "2026-12-09",
    });
    const wrong = await t.app.request(
      `/api/v1/regulator/objections/${objectionId}`,
      jsonInit("POST", keys.regulator, { decision: "accept" }),
    );
    expect(wrong.status).toBe(409);
    const reject = await t.app.request(
      `/api/v1/regulator/objections/${objectionId}`,
      jsonInit("POST", keys.regulator, { decision: "reject", text: "经核查，认定依据充分。" }),
    );
    expect(reject.status).toBe(200);
    const rec = (await (await t.app.request(`/api/v1/merchants/${NANCHANG}`)).json<Json>()).record;
    expect(rec.lists[0].status).toBe("overdue");
  });

  it("an upheld objection removes the entry as a correction", async () => {
    const res = await t.app.request(
      "/api/v1/objections",
      jsonInit("POST", null, {
        uscc: NANCHANG,
        entryId,
        contact: "0791-88886666",
        reason: "补充新证据：认定对象系同名企业。",
      }),
    );
    expect(res.status).toBe(201);
    const { id } = await res.json<Json>();
    await t.app.request(
      `/api/v1/regulator/objections/${id}`,
      jsonInit("POST", keys.regulator, { decision: "accept" }),
    );
    const up = await t.app.request(
      `/api/v1/regulator/objections/${id}`,
      jsonInit("POST", keys.regulator, { decision: "uphold", text: "认定对象错误，予以更正。" }),
    );
    expect(up.status).toBe(200);
    const rec = (await (await t.app.request(`/api/v1/merchants/${NANCHANG}`)).json<Json>()).record;
    expect(rec.lists).toEqual([]);
  });
});
