/** Child processes for servers and load generators: start, wait until they answer, sample RSS, stop. */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

export interface Child {
  proc: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

export function start(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd: string }): Child {
  let out = "";
  const proc = spawn(cmd, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const keep = (d: Buffer) => {
    out += d;
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  proc.stdout?.on("data", keep);
  proc.stderr?.on("data", keep);
  return {
    proc,
    log: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once("exit", () => resolve());
        // The process group: wrangler starts workerd as a child of its own.
        try {
          process.kill(-proc.pid!, "SIGTERM");
        } catch {
          proc.kill("SIGTERM");
        }
        setTimeout(() => {
          try {
            process.kill(-proc.pid!, "SIGKILL");
          } catch {
            // already gone
          }
        }, 5000).unref();
      }),
  };
}

export async function waitFor(url: string, child: Child, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.proc.exitCode !== null)
      throw new Error(`process exited (${child.proc.exitCode}):\n${child.log()}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${url} within ${ms} ms:\n${child.log().slice(-4000)}`);
}

/** Resident set size of a process and its descendants, in bytes (Linux /proc). */
export function rssTree(pid: number): number {
  let total = 0;
  const seen = new Set<number>();
  const visit = (p: number) => {
    if (seen.has(p)) return;
    seen.add(p);
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      const m = /VmRSS:\s+(\d+) kB/.exec(status);
      if (m) total += Number(m[1]) * 1024;
      const kids = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      for (const k of kids ? kids.split(/\s+/) : []) visit(Number(k));
    } catch {
      // exited meanwhile
    }
  };
  visit(pid);
  return total;
}

/** Sample a process tree's RSS every `everyMs` until stopped; returns max and last. */
export function sampleRss(pid: number, everyMs = 200): () => { maxBytes: number; lastBytes: number } {
  let max = 0;
  let last = 0;
  const t = setInterval(() => {
    last = rssTree(pid);
    if (last > max) max = last;
  }, everyMs);
  return () => {
    clearInterval(t);
    last = rssTree(pid) || last;
    if (last > max) max = last;
    return { maxBytes: max, lastBytes: last };
  };
}
