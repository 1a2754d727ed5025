/**
 * Test support for the kill-mid-import fault test: a separate process that imports a list file into
 * a libSQL file exactly as `npm run import` does (runImport over the embedded database), printing each
 * progress step as a JSON line so the parent knows when to SIGKILL it.
 * Usage: node --import tsx worker/src/security/import-child.ts <file: url> <csv path>
 */
import { readFileSync } from "node:fs";
import { openLibsql } from "@xinbiao/db/client";
import { runImport } from "../imports/run-import.ts";

const [url, path] = process.argv.slice(2);
const handle = openLibsql({ url: url! });
await handle.client.execute("PRAGMA journal_mode = WAL");
await handle.client.execute("PRAGMA busy_timeout = 5000");
const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
say({ phase: "ready" });
const report = await runImport(
  handle.db,
  {
    kind: "lists",
    bytes: readFileSync(path!),
    fileName: "kill-test.csv",
    publishedAt: "2026-11-20",
    actor: "test:kill",
    onProgress: (phase, done, total) => {
      // Every step of validate/compare would flood the pipe; the parent needs the phase changes.
      if (done === 0 || done === total || done % 1000 === 0) say({ phase, done, total });
    },
  },
  new Date("2026-11-22T04:00:00.000Z"),
);
say({ phase: "finished", status: report.status, inserted: report.inserted });
handle.close();
