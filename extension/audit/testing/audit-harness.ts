/**
 * Test harness of the audit CLI: the real service (`npx tsx worker/src/node.ts` on a temp libSQL file,
 * as `npm start` runs it), an auditor key made with the real `npm run keys` CLI, the fixture shops on
 * loopback, and the CLI itself run as a child process.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const ROOT = resolve(fileURLToPath(import.meta.url), "../../../..");
const run = promisify(execFile);

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

export interface Service {
  url: string;
  db: string;
  stop(): void;
}

export async function startService(): Promise<Service> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "xinbiao-audit-svc-"));
  const db = `file:${join(dir, "xinbiao.db")}`;
  const child: ChildProcess = spawn("npx", ["tsx", "worker/src/node.ts"], {
    cwd: ROOT,
    // A configured database gets demo data only when asked (worker/src/node/start-policy.ts).
    env: { ...process.env, PORT: String(port), XINBIAO_DB: db, XINBIAO_SEED_DEMO: "1", XINBIAO_QUIET: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group: npx → tsx → node stop together
  });
  let out = "";
  child.stdout!.on("data", (d) => {
    out += String(d);
  });
  child.stderr!.on("data", (d) => {
    out += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited early:\n${out}`);
    try {
      if ((await fetch(`${url}/.well-known/xinbiao-keys.json`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`service did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    db,
    stop() {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
    },
  };
}

/** An auditor API key, made by the real key CLI against the service's database file. */
export async function auditorKey(db: string): Promise<string> {
  const { stdout } = await run(
    "npx",
    ["tsx", "worker/src/cli/keys.cli.ts", "create", "--role", "auditor", "--label", "审计测试"],
    {
      cwd: ROOT,
      env: { ...process.env, XINBIAO_DB: db },
    },
  );
  const key = /xbk_[0-9a-f]{16}_[A-Za-z0-9_-]{32}/.exec(stdout)?.[0];
  if (!key) throw new Error(`no key in keys CLI output:\n${stdout}`);
  return key;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((ok) => {
    const child = spawn("npx", ["tsx", "extension/audit/cli/audit.cli.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += String(d);
    });
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    child.on("close", (code) => ok({ code: code ?? -1, stdout, stderr }));
  });
}
