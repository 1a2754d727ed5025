/**
 * The Workers entry under workerd (`wrangler dev`, local D1 migrated with the committed SQL and filled
 * with the same generated dataset) serves the same record as the Node entry over libSQL.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSigningKey, publicJwk, type SignedEnvelope, verifyEnvelope } from "@xinbiao/db/model";
import { SIGNED_KINDS, verifyData } from "@xinbiao/db/model/signed-data";
import { anchor, datasetToSql, generateDataset, hashShop, loadDataset } from "@xinbiao/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { openEmbedded, REPO_ROOT } from "./node/embedded.ts";

const WRANGLER = join(REPO_ROOT, "node_modules", ".bin", "wrangler");
const BASE = "https://xinbiao.test";
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

async function waitFor(url: string, proc: ChildProcess, log: () => string, ms = 90_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`wrangler dev exited (${proc.exitCode}):\n${log()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer ${url} within ${ms} ms:\n${log()}`);
}

describe("Workers entry under workerd", () => {
  let dir: string;
  let proc: ChildProcess | undefined;
  let port: number;
  let output = "";
  let node: Awaited<ReturnType<typeof openEmbedded>>;
  let nodeApp: ReturnType<typeof createApp>;
  let keyId: string;
  let keys: { keys: ReturnType<typeof publicJwk>[] };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "xinbiao-workerd-"));
    const state = join(dir, "state");
    // One dataset, one key, one clock basis: both runtimes must produce the same record.
    const now = new Date();
    const ds = generateDataset({ merchants: 80, now });
    const key = await generateSigningKey();
    keyId = key.kid;
    keys = { keys: [publicJwk(key)] };

    const seedFile = join(dir, "seed.sql");
    writeFileSync(seedFile, datasetToSql(ds));
    const opts = { cwd: REPO_ROOT, env, stdio: "pipe" as const };
    execFileSync(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], opts);
    execFileSync(
      WRANGLER,
      ["d1", "execute", "DB", "--local", "--persist-to", state, "--file", seedFile],
      opts,
    );

    port = await freePort();
    proc = spawn(
      WRANGLER,
      [
        "dev",
        "--local",
        "--ip",
        "127.0.0.1",
        "--port",
        String(port),
        "--persist-to",
        state,
        "--show-interactive-dev-session=false",
        "--test-scheduled",
        "--var",
        `SIGNING_KEY:${JSON.stringify(key)}`,
        "--var",
        `PUBLIC_BASE_URL:${BASE}`,
      ],
      { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    proc.stdout?.on("data", (d) => {
      output += d;
    });
    proc.stderr?.on("data", (d) => {
      output += d;
    });
    await waitFor(`http://127.0.0.1:${port}/healthz`, proc, () => output);

    node = await openEmbedded({ url: `file:${join(dir, "node.db")}`, seed: false, publicBaseUrl: BASE });
    await loadDataset(node.db, ds);
    // Sign with the same key on the Node side so the two envelopes differ only in their timestamps.
    const { createSigner } = await import("@xinbiao/db/model");
    nodeApp = createApp({ ...node.deps, signer: await createSigner(key), keySet: async () => keys });
  }, 180_000);

  afterAll(() => {
    proc?.kill("SIGTERM");
    node?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const fromWorkerd = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);

  it.each(["trusted", "blacklisted", "natural_person", "overdue", "expired_entry"])(
    "serves the same %s record as the Node entry, signed and verifiable",
    async (key) => {
      const path = `/api/v1/merchants/${anchor(key).uscc}`;
      const w = (await (await fromWorkerd(path)).json()) as SignedEnvelope;
      const n = (await (await nodeApp.request(path)).json()) as SignedEnvelope;
      expect(w.record).toEqual(n.record);
      expect(w.keyId).toBe(keyId);
      expect(await verifyEnvelope(w, keys)).toEqual({ ok: true });
    },
  );

  it("serves the same range bucket and the published key set", async () => {
    const prefix = hashShop("taobao", "100003").slice(0, 4);
    const w = (await (await fromWorkerd(`/api/v1/range/${prefix}`)).json()) as Record<string, unknown>;
    const n = (await (await nodeApp.request(`/api/v1/range/${prefix}`)).json()) as Record<string, unknown>;
    // Each runtime signs its own bucket (its own issuedAt): both signatures verify with the published
    // key set, and what they sign is the same.
    for (const b of [w, n])
      expect((await verifyData(b, SIGNED_KINDS.rangeBucket, keys, new Date())).ok).toBe(true);
    const { sig: ws, ...wData } = w as { sig: { kind: string; keyId: string } };
    const { sig: ns, ...nData } = n as { sig: { kind: string; keyId: string } };
    expect(wData).toEqual(nData);
    expect([ws.kind, ws.keyId]).toEqual([ns.kind, ns.keyId]);
    const published = (await (await fromWorkerd("/.well-known/xinbiao-keys.json")).json()) as typeof keys;
    expect(published.keys.map((k) => k.kid)).toContain(keyId);
  });

  it.each([
    "/embed.js",
    `/badge/${anchor("blacklisted").uscc}.svg?style=large`,
    "/badge/jd/1000001.svg?lang=en",
    `/m/${anchor("trusted").uscc}`,
    "/method",
    "/embed/v1/shop/jd/1000001?origin=https%3A%2F%2Fcopycat.example",
  ])("serves %s byte for byte as the Node entry does", async (path) => {
    const w = await fromWorkerd(path);
    const n = await nodeApp.request(path);
    expect(w.status).toBe(n.status);
    expect(w.headers.get("content-type")).toBe(n.headers.get("content-type"));
    const [wb, nb] = [await w.text(), await n.text()];
    if (path.startsWith("/embed/v1/")) {
      // the envelope's timestamps and signature differ per signing; everything else must not
      const strip = (t: string) =>
        JSON.stringify({ ...JSON.parse(t), issuedAt: 0, expiresAt: 0, signature: 0 });
      expect(strip(wb)).toBe(strip(nb));
    } else {
      expect(wb).toBe(nb);
    }
  });

  it("runs the cron trigger (lifecycle + webhooks) against D1", async () => {
    const before = output.length;
    const res = await fromWorkerd("/__scheduled?cron=*/5+*+*+*+*");
    expect(res.status).toBe(200);
    // the handler logs its report; wait for it rather than for a fixed time
    const until = Date.now() + 20_000;
    while (!output.slice(before).includes("scheduled tick") && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const log = output.slice(before);
    expect(log).toContain("[xinbiao] scheduled tick");
    expect(log).toMatch(/"overdue":\d+/);
  });

  it("answers errors in the same JSON shape", async () => {
    const res = await fromWorkerd("/api/v1/merchants/91320214745555318X");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_uscc", field: "uscc" } });
  });
});
