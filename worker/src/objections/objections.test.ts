/**
 * Objections (issue 5 item 4, issue 13 item 3): working-day deadlines from the State Council's
 * arrangement (2026 Spring Festival and National Day) with admin overrides; filing records the request
 * and answers with a reference and a private tracking token, and changes NOTHING public — the record
 * shows `objected` and the entry leaves the escalation list only once a regulator accepts (受理);
 * filings are throttled per entry for everyone; a refused entry takes a new objection only after the
 * cooling period and only with new grounds; decisions close it.
 */
import { readFileSync } from "node:fs";
import { changes, listEntries, objections } from "@xinbiao/db/schema";
import { eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, type Json, jsonInit, keysForRoles } from "../auth/test-keys.ts";
import { databaseDigest } from "../imports/db-dump.ts";
import { runImport } from "../imports/run-import.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { groundsSimilarity, sameGrounds } from "./grounds.ts";
import { REFILE_COOLING_DAYS } from "./objection.service.ts";
import { addWorkingDays, isWorkingDay, PUBLISHED_UNTIL_YEAR, publishedDay } from "./working-days.ts";

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

const record = async (uscc = NANCHANG) =>
  (await (await t.app.request(`/api/v1/merchants/${uscc}`)).json<Json>()).record;
const escalated = async () =>
  (
    await (await t.app.request("/api/v1/regulator/escalations", bearer(keys.regulator))).json<Json>()
  ).entries.map((e: Json) => e.entryId) as number[];
const queue = async () =>
  (await (await t.app.request("/api/v1/regulator/objections", bearer(keys.regulator))).json<Json>())
    .objections;
const file = (body: Record<string, unknown>) =>
  t.app.request(
    "/api/v1/objections",
    jsonInit("POST", null, { uscc: NANCHANG, contact: "13800138000", filedAs: "subject", ...body }),
  );
const decide = (id: number, decision: string, text?: string) =>
  t.app.request(
    `/api/v1/regulator/objections/${id}`,
    jsonInit("POST", keys.regulator, { decision, ...(text ? { text } : {}) }),
  );
const track = (token: string) => t.app.request("/api/v1/objections/track", jsonInit("POST", null, { token }));

describe("working days: the State Council's arrangement (国务院办公厅关于2026年部分节假日安排的通知)", () => {
  it.each([
    ["2026-11-20", 2, "2026-11-24"], // Friday → Tuesday
    ["2026-11-23", 2, "2026-11-25"],
    ["2026-11-23", 10, "2026-12-07"],
    // 春节 2月15日至23日放假调休, 2月14日（周六）上班: Friday 13th + 2 = Saturday 14th, then Tuesday 24th.
    ["2026-02-13", 2, "2026-02-24"],
    ["2026-02-13", 1, "2026-02-14"],
    // 2月28日（周六）上班.
    ["2026-02-26", 2, "2026-02-28"],
    // 国庆节 10月1日至7日放假调休, 9月20日（周日）、10月10日（周六）上班.
    ["2026-09-19", 1, "2026-09-20"],
    ["2026-09-30", 2, "2026-10-09"],
    ["2026-10-08", 2, "2026-10-10"],
    ["2026-09-28", 10, "2026-10-16"],
  ])("%s + %i working days = %s", (from, n, want) => {
    expect(addWorkingDays(from, n)).toBe(want);
  });

  it("names the day and covers the current year", () => {
    expect(publishedDay("2026-02-17")).toEqual({ kind: "holiday", name: "春节" });
    expect(publishedDay("2026-10-10")).toEqual({ kind: "workday", name: "国庆节调休上班" });
    expect(publishedDay("2026-11-20")).toBeNull();
    expect(PUBLISHED_UNTIL_YEAR).toBeGreaterThanOrEqual(2026);
    expect(isWorkingDay("2026-02-14")).toBe(true); // a Saturday
    expect(isWorkingDay("2026-02-16")).toBe(false); // a Monday
  });

  it("the admin holidays table still overrides single days, and filing deadlines follow it", async () => {
    const put = await t.app.request(
      "/api/v1/admin/holidays",
      jsonInit("PUT", keys.admin, {
        days: [{ date: "2026-11-24", kind: "holiday", name: "测试：地方调整" }],
      }),
    );
    expect(put.status).toBe(200);
    const days = (await (await t.app.request("/api/v1/admin/holidays", bearer(keys.admin))).json<Json>())
      .days;
    expect(days).toContainEqual({ date: "2026-11-24", kind: "holiday", name: "测试：地方调整" });
    const listed = await (await t.app.request("/api/v1/admin/holidays", bearer(keys.admin))).json<Json>();
    expect(listed.published.untilYear).toBeGreaterThanOrEqual(2026);
    // Through the filing path: Friday 2026-11-20 + 2 working days skips the overridden Tuesday.
    clock = Date.parse("2026-11-20T02:00:00Z");
    const res = await file({
      entryId: (await t.db.select().from(listEntries).where(eq(listEntries.uscc, NANCHANG)).get())!.id,
      reason: "用于测试节假日覆盖的异议申请内容。",
    });
    expect(res.status).toBe(201);
    expect((await res.json<Json>()).acceptBy).toBe("2026-11-25");
    // Clean up: the override and the test objection go away (the objection by refusal is not wanted
    // here: it would start the cooling period), so delete the row directly.
    expect(
      (await t.app.request("/api/v1/admin/holidays/2026-11-24", bearer(keys.admin, { method: "DELETE" })))
        .status,
    ).toBe(204);
    await t.db.delete(objections);
  });
});

describe("same grounds", () => {
  it("re-spacing, punctuation and a changed character are the same grounds; new facts are not", () => {
    const refused = "我司已于 2026 年 8 月履行全部义务，刷单认定有误。";
    expect(sameGrounds(refused, "我司已于2026年8月履行全部义务刷单认定有误")).toBe(true);
    expect(sameGrounds(refused, "我司已于 2026 年 8 月履行了全部义务，刷单认定有误！")).toBe(true);
    expect(
      sameGrounds(
        refused,
        "补充新证据：平台出具的交易流水说明显示涉案订单均为真实交易，认定对象系同名企业。",
      ),
    ).toBe(false);
    expect(
      sameGrounds(refused, `${refused}另附南昌市东湖区法院执行完毕证明及平台交易流水核查说明两份。`),
    ).toBe(false);
    expect(groundsSimilarity("abc", "abc")).toBe(1);
  });
});

describe("filing, tracking and deciding", () => {
  let entryId = 0;
  let objectionId = 0;
  let token = "";

  it("bad input gets a clear message naming the field, and nothing is written", async () => {
    entryId = (await t.db.select().from(listEntries).where(eq(listEntries.uscc, NANCHANG)).get())!.id;
    const before = await databaseDigest(t.url);
    const reason = "该条目认定有误，请核实。";
    for (const [body, field] of [
      [{ entryId, contact: "not a contact", reason }, "contact"],
      [{ entryId, reason: "太短" }, "reason"],
      [{ entryId, reason, attachmentUrl: "http://x.test/a.pdf" }, "attachmentUrl"],
      [{ entryId, reason, filedAs: "neighbour" }, "filedAs"],
      [{ uscc: "91320506MA2CD8R14Q", entryId, reason }, "entryId"],
    ] as const) {
      const res = await file(body);
      expect(res.status, field).toBeGreaterThanOrEqual(400);
      expect((await res.json<Json>()).error.field).toBe(field);
    }
    expect(await databaseDigest(t.url)).toBe(before);
  });

  it("filing answers with a reference and a private token, and changes nothing public", async () => {
    clock = Date.parse("2026-11-20T02:00:00Z"); // Friday
    expect(await escalated()).toContain(entryId);
    const feedBefore = await t.db.select().from(changes).all();
    const form = await t.app.request(`/objections/new?uscc=${NANCHANG}`);
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain("洪信用〔2026〕17号");
    expect(formHtml).toContain('name="filedAs"');
    const res = await t.app.request("/objections", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        uscc: NANCHANG,
        entryId: String(entryId),
        filedAs: "agent",
        contact: "yanting@example.com",
        reason: "我司已于 2026 年 8 月履行全部义务，刷单认定有误。",
        attachmentUrl: "https://files.example/proof.pdf",
      }),
    });
    expect(res.status).toBe(201);
    const receipt = await res.text();
    expect(receipt).toContain("2026-11-24");
    const o = (await t.db.select().from(objections).where(eq(objections.entryId, entryId)).get())!;
    objectionId = o.id;
    expect(receipt).toContain(`XBO-20261120-${String(o.id).padStart(5, "0")}`);
    token = /xbt_[A-Za-z0-9_-]+/.exec(receipt)![0];
    expect(o).toMatchObject({ status: "submitted", acceptBy: "2026-11-24", filedAs: "agent" });
    // Only the token's hash is stored, nowhere the token itself.
    expect(JSON.stringify(await t.db.select().from(objections).all())).not.toContain(token);
    expect(o.trackingTokenHash).toMatch(/^[0-9a-f]{64}$/);
    // The public record, the change feed and the escalation list are as before.
    const rec = await record();
    expect(rec.lists[0].status).toBe("overdue");
    expect(JSON.stringify(rec)).not.toContain("yanting@example.com");
    expect(await t.db.select().from(changes).all()).toEqual(feedBefore);
    expect(await escalated()).toContain(entryId);
  });

  it("one objection per entry at a time, whoever files it", async () => {
    const dup = await file({ entryId, contact: "0791-88886666", reason: "另一位提出人提交的异议内容。" });
    expect(dup.status).toBe(409);
    expect((await dup.json<Json>()).error.code).toBe("objection_open");
  });

  it("the tracking token shows status and deadlines; anything else is refused", async () => {
    const view = await (await track(token)).json<Json>();
    expect(view).toMatchObject({
      status: "submitted",
      acceptBy: "2026-11-24",
      answerBy: null,
      deadline: { kind: "accept", date: "2026-11-24", overdue: false },
      entry: { documentNo: "洪信用〔2026〕17号" },
    });
    expect(JSON.stringify(view)).not.toContain("yanting@example.com");
    expect((await track(`${token.slice(0, -2)}xx`)).status).toBe(404);
    expect((await track("not-a-token")).status).toBe(404);
    const page = await t.app.request("/objections/track", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }),
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("已提交，待受理");
  });

  it("the queue shows both deadlines and flags it overdue once the acceptance deadline passes", async () => {
    clock = Date.parse("2026-11-24T12:00:00Z");
    expect((await queue())[0]).toMatchObject({
      id: objectionId,
      acceptBy: "2026-11-24",
      answerBy: null,
      filedAs: "agent",
      deadline: "2026-11-24",
      deadlineKind: "accept",
      overdue: false,
    });
    clock = Date.parse("2026-11-25T02:00:00Z");
    expect((await queue())[0]).toMatchObject({ overdue: true });
    const page = await (await t.app.request("/regulator", bearer(keys.regulator))).text();
    expect(page).toContain("已超期");
    expect(page).toContain("受理 accept ≤ 2026-11-24");
    expect((await (await track(token)).json<Json>()).deadline.overdue).toBe(true);
  });

  it("acceptance (受理) is what shows 异议处理中 and takes the entry off the escalation list", async () => {
    const accept = await decide(objectionId, "accept");
    expect(accept.status).toBe(200);
    const body = await accept.json<Json>();
    expect(body.objection).toMatchObject({ status: "accepted", answerBy: "2026-12-09" });
    expect(body.objection.trackingTokenHash).toBeUndefined();
    expect(body.objection.contact).toBeUndefined();
    expect((await record()).lists[0].status).toBe("objected");
    expect(await escalated()).not.toContain(entryId);
    const feed = await t.db.select().from(changes).where(eq(changes.uscc, NANCHANG)).all();
    expect(feed.at(-1)).toMatchObject({ action: "list.objected" });
    expect((await queue())[0]).toMatchObject({ answerBy: "2026-12-09", deadlineKind: "answer" });
    expect(await (await track(token)).json<Json>()).toMatchObject({
      status: "accepted",
      answerBy: "2026-12-09",
    });
    expect((await decide(objectionId, "accept")).status).toBe(409);
  });

  it("rejecting closes it: the entry shows its list status and is escalated again", async () => {
    const reject = await decide(objectionId, "reject", "经核查，认定依据充分。");
    expect(reject.status).toBe(200);
    expect((await record()).lists[0].status).toBe("overdue");
    expect(await escalated()).toContain(entryId);
    expect(await (await track(token)).json<Json>()).toMatchObject({
      status: "rejected",
      decision: "经核查，认定依据充分。",
      refileFrom: "2026-12-25",
    });
  });

  it(`a closed entry takes a new objection only after ${REFILE_COOLING_DAYS} days, and only with new grounds`, async () => {
    const again = await file({ entryId, reason: "我司已于 2026 年 8 月履行全部义务，刷单认定有误。" });
    expect(again.status).toBe(429);
    const err = (await again.json<Json>()).error;
    expect(err).toMatchObject({ code: "objection_cooling", details: { retryFrom: "2026-12-25" } });
    expect(Number(again.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another filer, other words: the throttle is per entry, not per filer.
    const other = await file({
      entryId,
      contact: "someone@example.org",
      reason: "补充新证据：认定对象系同名企业，交易流水另附。",
    });
    expect(other.status).toBe(429);

    clock = Date.parse("2026-12-25T02:00:00Z");
    const same = await file({ entryId, reason: "我司已于2026年8月履行了全部义务，刷单认定有误！" });
    expect(same.status).toBe(409);
    expect((await same.json<Json>()).error).toMatchObject({ code: "same_grounds", field: "reason" });
    const fresh = await file({
      entryId,
      reason: "补充新证据：平台出具的交易流水说明显示涉案订单均为真实交易，认定对象系同名企业。",
    });
    expect(fresh.status).toBe(201);
    const { id, reference, trackingToken } = await fresh.json<Json>();
    expect(reference).toMatch(/^XBO-20261225-\d{5}$/);
    expect(trackingToken).toMatch(/^xbt_/);
    expect((await record()).lists[0].status).toBe("overdue");

    // A refusal (不予受理) changes nothing public and also starts the cooling period.
    const feedBefore = (await t.db.select().from(changes).all()).length;
    const refuse = await t.app.request(
      `/api/v1/regulator/objections/${id}/refuse`,
      jsonInit("POST", keys.regulator, { reason: "材料不全，未提交授权委托书。" }),
    );
    expect(refuse.status).toBe(200);
    expect((await refuse.json<Json>()).objection.status).toBe("refused");
    expect((await t.db.select().from(changes).all()).length).toBe(feedBefore);
    expect((await file({ entryId, reason: "第三次提出的、内容全新的异议理由说明。" })).status).toBe(429);
  });

  it("a stranger's filing refused for lack of standing does not shut the subject out", async () => {
    clock = Date.parse("2027-01-26T02:00:00Z"); // past the cooling of the 2026-12-25 refusal
    const grief = "该名单信息错误，应立即撤销（非本主体提交）。";
    const bogus = await file({ entryId, contact: "troll@example.net", filedAs: "agent", reason: grief });
    expect(bogus.status).toBe(201);
    const { id: bogusId } = await bogus.json<Json>();
    const refused = await t.app.request(
      `/api/v1/regulator/objections/${bogusId}/refuse`,
      jsonInit("POST", keys.regulator, {
        reason: "提出人无授权委托书，非信用主体或其代理人。",
        notEntitled: true,
      }),
    );
    expect((await refused.json<Json>()).objection).toMatchObject({
      status: "refused",
      refusalKind: "not_entitled",
    });
    // No cooling period, and the stranger's words do not count as the subject's refused grounds.
    const own = await file({ entryId, reason: grief });
    expect(own.status).toBe(201);
    const { id: ownId } = await own.json<Json>();
    // Leave the entry free for the next test (the same refusal, for the same reason).
    await t.app.request(
      `/api/v1/regulator/objections/${ownId}/refuse`,
      jsonInit("POST", keys.regulator, { reason: "测试清理。", notEntitled: true }),
    );
  });

  it("an upheld objection removes the entry as a correction", async () => {
    clock = Date.parse("2027-02-01T02:00:00Z");
    const seq = (await t.db.select().from(changes).all()).at(-1)!.seq;
    const res = await file({
      entryId,
      contact: "0791-88886666",
      reason: "经法院生效判决确认，涉案店铺不属于本公司经营，附判决书编号。",
    });
    expect(res.status).toBe(201);
    const { id } = await res.json<Json>();
    // The one-path-per-decision endpoints: 受理, then 异议成立.
    const accepted = await t.app.request(
      `/api/v1/regulator/objections/${id}/accept`,
      bearer(keys.regulator, { method: "POST" }),
    );
    expect(accepted.status).toBe(200);
    const noText = await t.app.request(
      `/api/v1/regulator/objections/${id}/decide`,
      jsonInit("POST", keys.regulator, { outcome: "upheld" }),
    );
    expect((await noText.json<Json>()).error.field).toBe("text");
    const up = await t.app.request(
      `/api/v1/regulator/objections/${id}/decide`,
      jsonInit("POST", keys.regulator, { outcome: "upheld", text: "认定对象错误，予以更正。" }),
    );
    expect(up.status).toBe(200);
    // Not for anyone without the regulator role.
    expect(
      (await t.app.request(`/api/v1/regulator/objections/${id}/accept`, { method: "POST" })).status,
    ).toBe(401);
    expect((await record()).lists).toEqual([]);
    const feed = await t.db.select().from(changes).where(gt(changes.seq, seq)).all();
    expect(feed.map((c) => c.action)).toContain("list.objected");
  });
});
