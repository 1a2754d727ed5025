/**
 * Faults (issue 8 item 2), each against a real libSQL file:
 *  - database gone → badges and pages served from last-good say "stale" in what people see, and keep
 *    their CSP/CORS headers; writes answer 503 in the JSON shape;
 *  - database locked by another process → the import answers 503, nothing is written, public reads go on;
 *  - the importing process SIGKILLed at every phase → on restart the import is whole or absent;
 *  - webhook receiver down (connection refused) → retried with backoff, then a visible dead letter;
 *  - the extension's lookup with the service unreachable → cached state labelled stale, an unknown
 *    shop never shown as safe.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { openLibsql } from "@xinbiao/db/client";
import { rangePrefix, shopHash } from "@xinbiao/db/model";
import { auditLog, importRuns, listEntries, merchants, webhookDeliveries } from "@xinbiao/db/schema";
import { anchor } from "@xinbiao/db/seed";
import { count, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type KeyValue, Lookup } from "../../../extension/utils/lookup.ts";
import { badgeView } from "../../../extension/utils/present.ts";
import { verifyAuditLog } from "../audit-log/audit-log.service.ts";
import { bearer, jsonInit, keysForRoles } from "../auth/test-keys.ts";
import { runChild } from "../imports/child-sql.ts";
import { dumpDatabase } from "../imports/db-dump.ts";
import { runImport } from "../imports/run-import.ts";
import { scheduledTick } from "../lifecycle/scheduled-tick.ts";
import { STALE_HEADER } from "../middleware/last-good.ts";
import { REPO_ROOT } from "../node/embedded.ts";
import { openTestApp, TEST_NOW } from "../testing/embedded-app.ts";
import { BASE_BACKOFF_MS, MAX_ATTEMPTS } from "../webhooks/webhook-dispatch.ts";

const LIST_HEADER = "主体名称,统一社会信用代码,名单类型,失信类别,认定部门,文书号,列入日期";

describe("database unavailable", () => {
  it("badges and pages served from last-good say stale where people see it, with their CSP kept", async () => {
    const t = await openTestApp({ demoMerchants: 30 });
    const { uscc } = anchor("blacklisted");
    const paths = {
      badge: `/badge/${uscc}.svg`,
      badgeEn: `/badge/${uscc}.svg?lang=en&style=large`,
      page: `/m/${uscc}`,
    };
    try {
      const fresh: Record<string, Response> = {};
      for (const [k, p] of Object.entries(paths)) {
        fresh[k] = await t.app.request(p);
        expect(fresh[k].status, p).toBe(200);
        expect(fresh[k].headers.get(STALE_HEADER)).toBeNull();
      }
      const freshBadge = await fresh.badge!.text();
      expect(freshBadge).not.toContain("data-stale");
      t.close();

      const badge = await t.app.request(paths.badge);
      expect(badge.status).toBe(200);
      expect(badge.headers.get(STALE_HEADER)).toBe("1");
      expect(badge.headers.get("cache-control")).toBe("no-store");
      // Security headers survive the fallback.
      expect(badge.headers.get("content-security-policy")).toBe(
        fresh.badge!.headers.get("content-security-policy"),
      );
      expect(badge.headers.get("access-control-allow-origin")).toBe("*");
      const svg = await badge.text();
      expect(svg).toContain('data-stale="1"');
      expect(svg).toContain("数据暂未更新，可能已过期");
      expect(svg).toMatch(/aria-label="[^"]*服务暂不可用/);
      expect(svg).toMatch(/<title>[^<]*服务暂不可用[^<]*<\/title>/);
      // The warning is still the warning: everything the fresh badge drew is still drawn.
      expect(svg).toContain("黑名单");
      const h = Number(/height="(\d+)"/.exec(freshBadge)![1]);
      expect(Number(/height="(\d+)"/.exec(svg)![1])).toBeGreaterThan(h);

      const en = await (await t.app.request(paths.badgeEn)).text();
      expect(en).toContain("Not updated: may be out of date");

      const page = await t.app.request(paths.page);
      expect(page.headers.get(STALE_HEADER)).toBe("1");
      expect(page.headers.get("content-security-policy")).toBe(
        fresh.page!.headers.get("content-security-policy"),
      );
      expect(page.headers.get("x-frame-options")).toBe("DENY");
      const html = await page.text();
      expect(html).toMatch(/<body[^>]*><p role="alert" data-stale="1">/);
      expect(html).toContain("服务暂不可用");

      // A write with the database gone: 503 in the JSON shape, never a half answer.
      const write = await t.app.request(
        "/api/v1/regulator/imports/lists?publishedAt=2026-11-01",
        bearer("xbk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", {
          method: "POST",
          headers: { "content-type": "text/csv" },
          body: `${LIST_HEADER}\n`,
        }),
      );
      expect(write.status).toBe(503);
      expect(await write.json()).toMatchObject({ error: { code: "database_unavailable" } });
    } finally {
      t.cleanup();
    }
  });

  it("a database locked by another process: the import answers 503 and writes nothing; reads go on", async () => {
    const t = await openTestApp({ demoMerchants: 30 });
    try {
      const keys = await keysForRoles(t.db, TEST_NOW);
      // Use the key once so its hourly "last used" stamp is not part of what we compare.
      expect((await t.app.request("/api/v1/regulator/escalations", bearer(keys.regulator))).status).toBe(200);
      const before = await dumpDatabase(t.url);

      const locker = runChild<{ locked?: boolean }>(
        t.url,
        {},
        `
const tx = await client.transaction("write");
await tx.execute("UPDATE meta SET value = value WHERE key = 'dataset'");
emit({ locked: true });
await new Promise((r) => setTimeout(r, 9000));
await tx.rollback();
`,
      );
      await locker.ready;
      while (!locker.lines.some((l) => l.locked)) await new Promise((r) => setTimeout(r, 20));

      const { uscc } = anchor("normal");
      const body = `${LIST_HEADER}\n测试主体,${uscc},黑名单,刷单炒信,测试认定部门,锁定〔2026〕1号,2026-11-01\n`;
      const [write, read] = await Promise.all([
        t.app.request(
          "/api/v1/regulator/imports/lists?publishedAt=2026-11-01",
          bearer(keys.regulator, { method: "POST", headers: { "content-type": "text/csv" }, body }),
        ),
        t.app.request(`/api/v1/merchants/${anchor("blacklisted").uscc}`),
      ]);
      expect(read.status).toBe(200);
      expect(read.headers.get(STALE_HEADER)).toBeNull();
      expect(write.status).toBe(503);
      expect(write.headers.get("retry-after")).toBe("30");
      const err = (await write.json()) as { error: { code: string; message: string } };
      expect(err.error.code).toBe("database_unavailable");
      expect(err.error.message).toContain("未做任何更改");
      await locker.done;
      expect(await dumpDatabase(t.url)).toBe(before);
    } finally {
      t.cleanup();
    }
  }, 60_000);
});

interface Step {
  phase: string;
  done?: number;
  total?: number;
}

/** Start the import child; SIGKILL it once `when` matches a progress line (or `afterMs` past it). */
function importAndKill(url: string, csv: string, when: (s: Step) => boolean, afterMs = 0) {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "worker/src/security/import-child.ts", url, csv],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  const seen: Step[] = [];
  return new Promise<{ seen: Step[]; signal: NodeJS.Signals | null }>((resolve) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const s = JSON.parse(line) as Step;
      seen.push(s);
      if (when(s)) setTimeout(() => child.kill("SIGKILL"), afterMs);
    });
    child.on("exit", (_code, signal) => resolve({ seen, signal }));
  });
}

describe("process killed in the middle of an import", () => {
  it("on restart the database holds the import whole or not at all, at every kill point", async () => {
    const t = await openTestApp({ demoMerchants: 120 });
    try {
      const codes = (await t.db.select({ uscc: merchants.uscc }).from(merchants).all()).map((m) => m.uscc);
      const lines = [LIST_HEADER];
      for (const uscc of codes)
        for (let i = 0; i < 30; i++)
          lines.push(
            `终止测试主体,${uscc},黑名单,刷单炒信,测试认定部门,终止〔2026〕${uscc.slice(10, 16)}-${i}号,2026-10-01`,
          );
      const total = lines.length - 1;
      const csv = join(t.dir, "kill.csv");
      writeFileSync(csv, lines.join("\n"));
      t.close();

      const killPoints: [string, (s: Step) => boolean, number][] = [
        ["while validating", (s) => s.phase === "validate" && (s.done ?? 0) >= 1000, 0],
        ["while comparing", (s) => s.phase === "compare" && (s.done ?? 0) >= 1000, 0],
        ["as the write begins", (s) => s.phase === "write" && s.done === 0, 0],
        ["during the write", (s) => s.phase === "write" && s.done === 0, 15],
      ];
      const outcomes: string[] = [];
      for (const [label, when, afterMs] of killPoints) {
        const r = await importAndKill(t.url, csv, when, afterMs);
        // The process really died by SIGKILL (no cleanup ran), unless it beat the signal to the end.
        const finished = r.seen.some((s) => s.phase === "finished");
        if (!finished) expect(r.signal, label).toBe("SIGKILL");
        // "Restart": a fresh connection on the same file, as the next `npm start` would open it.
        const h = openLibsql({ url: t.url });
        try {
          const entries = (
            await h.db
              .select({ n: count() })
              .from(listEntries)
              .where(like(listEntries.documentNo, "终止%"))
              .get()
          )?.n;
          const runs = (await h.db.select({ n: count() }).from(importRuns).get())?.n ?? 0;
          const audits = (
            await h.db
              .select({ n: count() })
              .from(auditLog)
              .where(like(auditLog.action, "import.apply"))
              .get()
          )?.n;
          expect([0, total], `${label}: ${entries} of ${total} rows`).toContain(entries);
          // Whole means whole: rows, the import run and its audit row together.
          expect(runs > 0, label).toBe(entries === total);
          expect(audits, label).toBe(entries === total ? 1 : 0);
          expect((await verifyAuditLog(h.db)).ok, label).toBe(true);
          outcomes.push(`${label}: ${entries === total ? "whole" : "absent"}`);
          if (entries === total) break; // the import landed; later kill points have nothing left to cut
        } finally {
          h.close();
        }
      }
      console.info(`[kill-mid-import] ${outcomes.join("; ")}`);
      // The early kill points can only leave nothing behind.
      expect(outcomes[0]).toMatch(/absent/);
      expect(outcomes[1]).toMatch(/absent/);
      // Run it to the end after the kills: it applies cleanly on the file the kills left behind.
      const last = await importAndKill(t.url, csv, () => false);
      expect(last.seen.at(-1)).toMatchObject({ phase: "finished" });
      const h = openLibsql({ url: t.url });
      try {
        const entries = (
          await h.db
            .select({ n: count() })
            .from(listEntries)
            .where(like(listEntries.documentNo, "终止%"))
            .get()
        )?.n;
        expect(entries).toBe(total);
        expect((await verifyAuditLog(h.db)).ok).toBe(true);
      } finally {
        h.close();
      }
    } finally {
      t.cleanup();
    }
  }, 180_000);
});

describe("webhook receiver down", () => {
  it("connection refused: retried with backoff, then a dead letter the partner and regulator see", async () => {
    let clock = TEST_NOW.getTime();
    // A loopback receiver: the local-development opt-in (net/outbound.ts) is set explicitly.
    const t = await openTestApp({ demoMerchants: 30, now: () => new Date(clock), allowLocalOutbound: true });
    try {
      const keys = await keysForRoles(t.db, TEST_NOW);
      // A port that was just free: nothing listens there any more.
      const probe = createServer();
      await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
      const port = (probe.address() as AddressInfo).port;
      await new Promise((r) => probe.close(r));
      const secret = "whsec_down_receiver_secret_0123456789";
      const set = await t.app.request(
        "/api/v1/partner/webhook",
        jsonInit("PUT", keys["platform:taobao"], { url: `http://127.0.0.1:${port}/hook`, secret }),
      );
      expect(set.status).toBe(200);
      const target = anchor("normal");
      await runImport(
        t.db,
        {
          kind: "lists",
          bytes: new TextEncoder().encode(
            `${LIST_HEADER}\n${target.name},${target.uscc},黑名单,刷单炒信,测试认定部门,宕机〔2026〕1号,2026-11-01\n`,
          ),
          fileName: "down.csv",
          publishedAt: "2026-11-01",
          actor: "test",
        },
        new Date(clock),
      );
      const tick = () => scheduledTick({ db: t.db, now: () => new Date(clock), allowLocalOutbound: true });
      const statuses: string[] = [];
      for (let i = 1; i <= MAX_ATTEMPTS; i++) {
        const r = await tick();
        statuses.push(r.webhooks.dead ? "dead" : r.webhooks.failed ? "failed" : "none");
        clock += BASE_BACKOFF_MS * 2 ** (i - 1);
      }
      expect(statuses).toEqual([...Array(MAX_ATTEMPTS - 1).fill("failed"), "dead"]);
      // Dead stays dead: a later tick does not retry it on its own (the partner may ask to).
      clock += 24 * 3600_000;
      await tick();

      // Every delivery of the listing (one per change it made) ended dead after MAX_ATTEMPTS tries.
      const rows = await t.db.select().from(webhookDeliveries).all();
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r).toMatchObject({
          status: "dead",
          attempts: MAX_ATTEMPTS,
          lastStatus: null,
          nextAttemptAt: null,
        });
        // A generic class only: the socket error would tell a scanner which internal ports are closed.
        expect(r.lastError).toMatch(/^connect failed/);
        expect(r.lastError).not.toMatch(/ECONNREFUSED|fetch failed|\d{4,5}/);
      }
      const list = (await (
        await t.app.request("/api/v1/partner/webhook/deliveries?status=dead", bearer(keys["platform:taobao"]))
      ).json()) as { deliveries: { status: string; lastError: string }[] };
      expect(list.deliveries).toHaveLength(rows.length);
      expect(list.deliveries.every((d) => d.status === "dead")).toBe(true);
      const dashboard = await (await t.app.request("/regulator", bearer(keys.regulator))).text();
      const failedSection = dashboard.slice(dashboard.indexOf('id="webhooks"'));
      expect(failedSection).toContain(">dead<");
      expect(failedSection).toContain("connect failed");
      // The secret is in neither the delivery record, the partner's view nor the dashboard.
      expect(JSON.stringify(rows)).not.toContain(secret);
      expect(JSON.stringify(list)).not.toContain(secret);
      expect(dashboard).not.toContain(secret);
    } finally {
      t.cleanup();
    }
  });
});

class MemoryKv implements KeyValue {
  readonly map = new Map<string, unknown>();
  async get<T>(key: string) {
    return this.map.get(key) as T | undefined;
  }
  async set(key: string, value: unknown) {
    this.map.set(key, structuredClone(value));
  }
  async removePrefix(prefix: string) {
    for (const k of [...this.map.keys()]) if (k.startsWith(prefix)) this.map.delete(k);
  }
}

describe("service unreachable from the extension", () => {
  it("cached state is labelled stale; an unknown shop is never shown as safe", async () => {
    // One clock for the service and the extension: signed buckets expire at Shanghai midnight of the
    // service's day, so the extension must read them on that same day.
    let clock = TEST_NOW.getTime();
    const t = await openTestApp({ demoMerchants: 30, now: () => new Date(clock) });
    try {
      let online = true;
      const requested: string[] = [];
      const kv = new MemoryKv();
      const lookup = new Lookup({
        kv,
        now: () => clock,
        serviceUrl: async () => "https://xinbiao.test",
        // The extension's real fetch path, answered by the app while online, refused once offline.
        fetch: (async (input: RequestInfo | URL) => {
          const url = new URL(String(input));
          requested.push(url.pathname);
          if (!online) throw new TypeError("fetch failed");
          return t.app.request(url.pathname + url.search);
        }) as typeof fetch,
      });
      const black = anchor("blacklisted");
      const blackShop = {
        platform: "taobao" as const,
        shopId: black.shops.find(([p]) => p === "taobao")![1],
      };
      const first = await lookup.lookup(blackShop);
      expect(first).toMatchObject({ state: "found", stale: false, record: { verdict: "danger" } });
      await lookup.refreshPrefixSet(true);

      // Seven hours later the service is unreachable.
      online = false;
      clock += 7 * 3600_000;
      const offline = await lookup.lookup(blackShop);
      expect(offline).toMatchObject({ state: "found", stale: true, record: { verdict: "danger" } });
      const view = badgeView(offline, { lang: "zh", licenseShown: false });
      expect(view.tone).toBe("danger");
      expect(view.notes.join(" ")).toContain("离线缓存，数据可能已过期");

      // A shop in a bucket never fetched: no cached bucket → "error" (offline), never a verdict.
      const unknownShop = { platform: "jd" as const, shopId: "no-such-shop-424242" };
      const prefix = rangePrefix(await shopHash(unknownShop.platform, unknownShop.shopId));
      expect(kv.map.has(`range:${prefix}`)).toBe(false);
      const unknown = await lookup.lookup(unknownShop);
      expect(["error", "unknown", "listed"]).toContain(unknown.state);
      const unknownView = badgeView(unknown, { lang: "zh", licenseShown: false });
      expect(["trusted", "normal"]).not.toContain(unknownView.tone);

      // Nothing but range prefixes, the prefix set and keys went out: never a shop id.
      for (const p of requested) {
        expect(p).toMatch(/^\/api\/v1\/(range\/[0-9a-f]{4}|lists\/prefixes)$|^\/\.well-known\//);
        expect(p).not.toContain(blackShop.shopId);
      }
    } finally {
      t.cleanup();
    }
  });
});
