/**
 * Test support: run a small libSQL script in a separate Node process, so reads and writes really
 * overlap with this process's transactions (a libSQL file connection blocks its own event loop while
 * it writes, so in-process "concurrency" would prove nothing). The child prints one JSON line per
 * observation; `done` resolves with all of them once it exits.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface Child<T> {
  lines: T[];
  ready: Promise<void>;
  done: Promise<T[]>;
}

/** `body` runs as an async ES module with `client` (a libSQL client on `url`), `args` and `emit(obj)`. */
export function runChild<T>(url: string, args: unknown, body: string): Child<T> {
  const script = `
import { createClient } from "@libsql/client";
const client = createClient({ url: ${JSON.stringify(url)} });
await client.execute("PRAGMA busy_timeout = 10000");
const args = ${JSON.stringify(args)};
const emit = (o) => process.stdout.write(JSON.stringify(o) + "\\n");
emit({ ready: true, t: Date.now() });
${body}
client.close();
`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: T[] = [];
  let buf = "";
  let err = "";
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => {
    markReady = r;
  });
  child.stdout.on("data", (d: Buffer) => {
    buf += d.toString();
    let i = buf.indexOf("\n");
    while (i >= 0) {
      const line = JSON.parse(buf.slice(0, i)) as T & { ready?: boolean };
      if (line.ready) markReady();
      else lines.push(line);
      buf = buf.slice(i + 1);
      i = buf.indexOf("\n");
    }
  });
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const done = new Promise<T[]>((resolve, reject) => {
    child.on("exit", (code) =>
      code === 0 ? resolve(lines) : reject(new Error(`child exited ${code}: ${err}`)),
    );
  });
  return { lines, ready, done };
}
