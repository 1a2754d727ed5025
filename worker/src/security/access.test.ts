/**
 * Keys and access (issue 8 item 4). The role matrix, key hashing and rate limits are proven in
 * auth/role-matrix.test.ts; here:
 *  - lock-out after repeated bad keys, per client address, even for the right key while locked;
 *  - constant-time digest comparison agrees with equality on every input;
 *  - no secret or key in any log: the real `npm start` process is driven over HTTP through a session
 *    with keys (header, X-Api-Key, dashboard login), a webhook secret, imports, bad keys and lock-out;
 *    its stdout/stderr are scanned, as are in-process error logs of a database failure;
 *  - CORS and CSP header values, exactly.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { openLibsql } from "@xinbiao/db/client";
import { sha256Hex } from "@xinbiao/db/model";
import { signingKeys } from "@xinbiao/db/schema";
import { anchor } from "@xinbiao/db/seed";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiKey, sameDigest } from "../auth/api-keys.ts";
import { bearer, keysForRoles } from "../auth/test-keys.ts";
import { DEFAULT_HTML_CSP } from "../middleware/html-defaults.ts";
import { LOCK_MS, MAX_FAILURES } from "../middleware/key-lockout.ts";
import { REPO_ROOT } from "../node/embedded.ts";
import { openTestApp, TEST_NOW } from "../testing/embedded-app.ts";

const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";
const WRONG = "xbk_0123456789abcdef_WRONGWRONGWRONGWRONGWRONGWRONGWR";

/** An in-process request that arrives from `ip`, as @hono/node-server hands it over. */
const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("lock-out after repeated bad keys", () => {
  it(`locks a client out after ${MAX_FAILURES} bad keys, for ${LOCK_MS / 60_000} min, even with the right key`, async () => {
    let clock = TEST_NOW.getTime();
    const t = await openTestApp({ demoMerchants: 20, now: () => new Date(clock) });
    try {
      const keys = await keysForRoles(t.db, TEST_NOW);
      const call = (ip: string, key: string) =>
        t.app.request("/api/v1/regulator/escalations", bearer(key), from(ip));
      const attacker = "203.0.113.7";
      for (let i = 0; i < MAX_FAILURES; i++) {
        const r = await call(attacker, i % 2 ? WRONG : keys.revoked);
        expect(r.status, `attempt ${i + 1}`).toBe(401);
      }
      // Locked: the right key is refused without being checked, so a lucky guess is not confirmed.
      const locked = await call(attacker, keys.regulator);
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get("retry-after"))).toBe(LOCK_MS / 1000);
      const body = (await locked.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("locked_out");
      expect(body.error.message).toContain("已暂时锁定");
      expect(body.error.message).toContain("locked for 15 min");
      // The dashboard login form is locked too.
      const login = await t.app.request(
        "/regulator/login",
        { method: "POST", body: new URLSearchParams({ key: keys.regulator }) },
        from(attacker),
      );
      expect(login.status).toBe(429);
      // Other clients are not affected; public reads from the locked client are not affected.
      expect((await call("198.51.100.20", keys.regulator)).status).toBe(200);
      const pub = await t.app.request(`/api/v1/merchants/${anchor("normal").uscc}`, {}, from(attacker));
      expect(pub.status).toBe(200);
      // After the lock the right key works again.
      clock += LOCK_MS + 1000;
      expect((await call(attacker, keys.regulator)).status).toBe(200);
    } finally {
      t.cleanup();
    }
  });

  it("failures spread over more than the window do not lock; a missing key never counts", async () => {
    let clock = TEST_NOW.getTime();
    const t = await openTestApp({ demoMerchants: 20, now: () => new Date(clock) });
    try {
      const keys = await keysForRoles(t.db, TEST_NOW);
      const ip = "203.0.113.8";
      for (let i = 0; i < MAX_FAILURES * 2; i++) {
        const r = await t.app.request("/api/v1/regulator/escalations", bearer(WRONG), from(ip));
        expect(r.status).toBe(401);
        clock += 2 * 60_000; // one every two minutes: never 10 inside 15 minutes
      }
      for (let i = 0; i < MAX_FAILURES * 2; i++) {
        const r = await t.app.request("/api/v1/regulator/escalations", {}, from(ip));
        expect(r.status).toBe(401);
      }
      expect(
        (await t.app.request("/api/v1/regulator/escalations", bearer(keys.regulator), from(ip))).status,
      ).toBe(200);
    } finally {
      t.cleanup();
    }
  });
});

describe("constant-time key comparison", () => {
  it("sameDigest agrees with equality for every pair, including a difference in the last character", () => {
    const hex = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 64, maxLength: 64 });
    fc.assert(
      fc.property(hex, hex, fc.nat(63), (a, b, i) => {
        expect(sameDigest(a, b)).toBe(a === b);
        expect(sameDigest(a, a)).toBe(true);
        const flipped = a.slice(0, i) + (a[i] === "0" ? "1" : "0") + a.slice(i + 1);
        expect(sameDigest(a, flipped)).toBe(false);
      }),
      { numRuns: 500 },
    );
    expect(sameDigest("ab", "abc")).toBe(false);
  });
});

interface Server {
  base: string;
  out: string[];
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startService(dbUrl: string): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/src/node.ts"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      XINBIAO_DB: dbUrl,
      XINBIAO_QUIET: "",
      // The test's webhook receiver is on loopback: the local-development opt-in (net/outbound.ts).
      XINBIAO_DEV_ALLOW_LOCAL_OUTBOUND: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (l) => out.push(l));
  const base = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (l) => {
      out.push(l);
      const m = /URL:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(l);
      if (m) resolve(m[1]!);
    });
    child.on("exit", (code) => reject(new Error(`service exited ${code}: ${out.join("\n")}`)));
  });
  return {
    base,
    out,
    child,
    stop: () =>
      new Promise<void>((r) => {
        child.once("exit", () => r());
        child.kill("SIGTERM");
      }),
  };
}

describe("no secret or key in any log", () => {
  it("the running service's stdout/stderr hold no key, key hash, webhook or signing secret", async () => {
    const t = await openTestApp({ demoMerchants: 20 });
    t.close();
    const receiver = createServer((_req, res) => res.writeHead(500).end("receiver broken"));
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const svc = await startService(t.url);
    try {
      const h = openLibsql({ url: t.url });
      const created = await Promise.all(
        (["platform:taobao", "regulator", "admin", "auditor"] as const).map((role) =>
          createApiKey(h.db, { role, label: `log test ${role}` }, "test", new Date()),
        ),
      );
      const [partner, regulator, admin] = created.map((k) => k.key) as [string, string, string];
      const webhookSecret = "whsec_log_scan_secret_do_not_log_0123";
      const get = (path: string, init: RequestInit = {}) => fetch(`${svc.base}${path}`, init);
      const json = (method: string, key: string, body: unknown) => ({
        method,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });

      expect(
        (await get("/api/v1/partner/webhook", json("PUT", partner, { url: hook, secret: webhookSecret })))
          .status,
      ).toBe(200);
      const { uscc, name } = anchor("normal");
      const csv = `主体名称,统一社会信用代码,名单类型,失信类别,认定部门,文书号,列入日期\n${name},${uscc},黑名单,刷单炒信,测试认定部门,日志〔2026〕1号,2026-11-01\n坏行,BAD,黑名单,刷单炒信,测试认定部门,日志〔2026〕2号,2026-11-01\n`;
      const imp = (body: string) =>
        get("/api/v1/regulator/imports/lists?publishedAt=2026-11-01", {
          method: "POST",
          headers: { "x-api-key": regulator, "content-type": "text/csv" },
          body,
        });
      expect((await imp(csv)).status).toBe(422);
      expect((await imp(csv.split("\n").slice(0, 2).join("\n"))).status).toBe(200);
      // The tick delivers the webhook to a receiver that fails: its error is recorded, not the secret.
      expect(
        (
          await get("/api/v1/regulator/lifecycle/run", {
            method: "POST",
            headers: { authorization: `Bearer ${admin}` },
          })
        ).status,
      ).toBe(200);
      const login = await get("/regulator/login", {
        method: "POST",
        body: new URLSearchParams({ key: regulator }),
        redirect: "manual",
      });
      expect(login.status).toBe(303);
      const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
      expect((await get("/regulator", { headers: { cookie } })).status).toBe(200);
      expect(
        (await get("/api/v1/partner/webhook/deliveries", { headers: { authorization: `Bearer ${partner}` } }))
          .status,
      ).toBe(200);
      // A natural person searched by ID number: the query string never reaches the log.
      await get("/api/v1/search?q=320583199001011234");
      // Bad keys until lock-out, over a real socket from 127.0.0.1.
      for (let i = 0; i < MAX_FAILURES; i++)
        expect(
          (
            await get("/api/v1/regulator/escalations", {
              headers: { authorization: `Bearer ${regulator.slice(0, -4)}AAAA` },
            })
          ).status,
        ).toBe(401);
      expect(
        (await get("/api/v1/regulator/escalations", { headers: { authorization: `Bearer ${regulator}` } }))
          .status,
      ).toBe(429);

      const signing = (await h.db.select().from(signingKeys).all()).map((k) => k.privateJwk).filter(Boolean);
      h.close();
      await svc.stop();
      const log = svc.out.join("\n");
      // The log is real: it has the request lines it should have.
      expect(log).toContain("POST /api/v1/regulator/imports/lists 422");
      expect(log).toContain("GET /api/v1/regulator/escalations 429");
      const secrets: string[] = [webhookSecret, "320583199001011234"];
      for (const k of created)
        secrets.push(k.key, k.key.slice("xbk_0123456789abcdef_".length), await sha256Hex(k.key));
      secrets.push(`${regulator.slice(0, -4)}AAAA`);
      for (const jwk of signing) secrets.push((JSON.parse(jwk!) as { d: string }).d);
      for (const s of secrets) expect(log, `log contains a secret (${s.slice(0, 8)}…)`).not.toContain(s);
      expect(log).not.toMatch(/xbk_[0-9a-f]{16}_[A-Za-z0-9_-]{8,}/);
      expect(log).not.toMatch(/whsec_/);
    } finally {
      await new Promise((r) => receiver.close(r));
      if (svc.child.exitCode === null) await svc.stop();
      t.cleanup();
    }
  }, 120_000);

  it("error logs of a failing database name codes only, never the key or the query", async () => {
    const t = await openTestApp({ demoMerchants: 20 });
    const logged: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((a) => (a instanceof Error ? `${a.stack}` : String(a))).join(" "));
      });
    try {
      const keys = await keysForRoles(t.db, TEST_NOW);
      t.close();
      await t.app.request("/api/v1/regulator/escalations", bearer(keys.regulator));
      await t.app.request("/api/v1/search?q=320583199001011234");
      await t.app.request(`/api/v1/merchants/${anchor("normal").uscc}`, {
        headers: { "x-api-key": keys.admin },
      });
      expect(logged.join("\n")).toContain("database unavailable");
      const all = logged.join("\n") + JSON.stringify(t.requests);
      for (const k of Object.values(keys)) {
        expect(all).not.toContain(k);
        expect(all).not.toContain(await sha256Hex(k));
      }
      expect(all).not.toContain("320583199001011234");
    } finally {
      t.cleanup();
    }
  });
});

describe("CORS and CSP, exactly", () => {
  it("public reads are open to every origin for GET only; keyed and HTML areas are not", async () => {
    const t = await openTestApp({ demoMerchants: 20 });
    try {
      const { uscc } = anchor("trusted");
      const evil = "https://evil.example";
      const get = await t.app.request(`/api/v1/merchants/${uscc}`, { headers: { origin: evil } });
      expect(get.headers.get("access-control-allow-origin")).toBe("*");
      expect(get.headers.get("access-control-allow-credentials")).toBeNull();
      const pre = await t.app.request(`/api/v1/merchants/${uscc}`, {
        method: "OPTIONS",
        headers: { origin: evil, "access-control-request-method": "GET" },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers.get("access-control-allow-origin")).toBe("*");
      expect(pre.headers.get("access-control-allow-methods")).toBe("GET,HEAD,OPTIONS");
      expect(pre.headers.get("access-control-max-age")).toBe("86400");
      // A cross-origin write is never allowed by preflight: a web page cannot drive the partner API.
      const put = await t.app.request("/api/v1/partner/shops", {
        method: "OPTIONS",
        headers: { origin: evil, "access-control-request-method": "PUT" },
      });
      expect(put.headers.get("access-control-allow-methods")).toBe("GET,HEAD,OPTIONS");
      expect(put.headers.get("access-control-allow-methods")).not.toContain("PUT");
      const keys = await t.app.request("/.well-known/xinbiao-keys.json", { headers: { origin: evil } });
      expect(keys.headers.get("access-control-allow-origin")).toBe("*");
      // HTML pages and the dashboard are same-origin only.
      for (const p of [`/m/${uscc}`, "/regulator/login", "/"]) {
        const r = await t.app.request(p, { headers: { origin: evil } });
        expect(r.headers.get("access-control-allow-origin"), p).toBeNull();
      }
    } finally {
      t.cleanup();
    }
  });

  it("every HTML and SVG answer carries its exact CSP, framing denied", async () => {
    const t = await openTestApp({ demoMerchants: 20 });
    try {
      const { uscc } = anchor("trusted");
      const cases: [string, string][] = [
        ["/", PAGE_CSP],
        [`/m/${uscc}`, PAGE_CSP],
        [`/m/${uscc}?lang=en`, PAGE_CSP],
        ["/definitely-not-here", PAGE_CSP],
        ["/regulator/login", DEFAULT_HTML_CSP],
        ["/regulator", DEFAULT_HTML_CSP],
        [`/objections/new?uscc=${uscc}`, DEFAULT_HTML_CSP],
      ];
      for (const [path, csp] of cases) {
        const r = await t.app.request(path, { headers: { accept: "text/html" } });
        expect(r.headers.get("content-type"), path).toContain("text/html");
        expect(r.headers.get("content-security-policy"), path).toBe(csp);
        expect(r.headers.get("x-frame-options"), path).toBe("DENY");
        expect(r.headers.get("x-content-type-options"), path).toBe("nosniff");
      }
      const badge = await t.app.request(`/badge/${uscc}.svg`);
      expect(badge.headers.get("content-security-policy")).toBe(SVG_CSP);
      expect(badge.headers.get("x-content-type-options")).toBe("nosniff");
      expect(DEFAULT_HTML_CSP).toBe(
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      );
    } finally {
      t.cleanup();
    }
  });
});
