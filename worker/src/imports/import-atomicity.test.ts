/**
 * Issue 5 item 7: reads during an import never see part of it. A separate process reads the list
 * entries and change rows of the import (in one read transaction) as fast as it can while this
 * process commits a 3 000-row publication; every observation is all-or-nothing.
 */
import { shanghaiDate } from "@xinbiao/db/model";
import { merchants } from "@xinbiao/db/schema";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { runChild } from "./child-sql.ts";
import { runImport } from "./run-import.ts";

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(() => t.cleanup());

const PER_MERCHANT = 10;

it("a concurrent reader sees none or all of an import, never a part", async () => {
  const codes = (await t.db.select({ uscc: merchants.uscc }).from(merchants).limit(120).all()).map(
    (m) => m.uscc,
  );
  const lines = ["主体名称,统一社会信用代码,名单类型,失信类别,认定部门,文书号,列入日期"];
  for (const uscc of codes)
    for (let i = 0; i < PER_MERCHANT; i++)
      lines.push(
        `并发测试主体,${uscc},黑名单,刷单炒信,测试认定部门,并发〔2026〕${uscc.slice(10, 16)}-${i}号,2026-10-01`,
      );
  const total = codes.length * PER_MERCHANT;

  const reader = runChild<{ t: number; entries: number; changes: number }>(
    t.url,
    { total },
    `
const until = Date.now() + 150000; // generous: the machine may be busy
for (;;) {
  const [e, c] = await client.batch([
    "SELECT count(*) AS n FROM list_entries WHERE document_no LIKE '并发%'",
    "SELECT count(*) AS n FROM changes WHERE json_extract(detail, '$.documentNo') LIKE '并发%'",
  ], "read");
  const o = { t: Date.now(), entries: Number(e.rows[0].n), changes: Number(c.rows[0].n) };
  emit(o);
  if (o.entries === args.total || Date.now() > until) break;
}
`,
  );
  await reader.ready;
  let commitStart = 0;
  let commitEnd = 0;
  const report = await runImport(
    t.db,
    {
      kind: "lists",
      bytes: new TextEncoder().encode(lines.join("\n")),
      fileName: "concurrent.csv",
      publishedAt: "2026-11-20",
      actor: "test",
      onProgress: (phase, done) => {
        if (phase === "write" && done === 0) commitStart = Date.now();
        if (phase === "write" && done === 1) commitEnd = Date.now();
      },
    },
    TEST_NOW,
  );
  expect(report).toMatchObject({ status: "applied", inserted: total });
  expect(shanghaiDate(TEST_NOW) >= "2026-10-01").toBe(true);
  const seen = await reader.done;
  const partial = seen.filter(
    (o) => !((o.entries === 0 && o.changes === 0) || (o.entries === total && o.changes === total)),
  );
  expect(partial).toEqual([]);
  expect(seen.at(-1)).toMatchObject({ entries: total, changes: total });
  // The reader really ran while the transaction was being written.
  const during = seen.filter((o) => o.t >= commitStart && o.t <= commitEnd);
  expect(during.length).toBeGreaterThan(0);
  expect(seen.filter((o) => o.entries === 0).length).toBeGreaterThan(0);
}, 200_000);
