/**
 * Prints the gzipped sizes of /embed.js and of typical badges, against their budgets (embed ≤ 4 KB,
 * badge ≤ 1 KB gzipped). Exits 1 when over budget. `npm run size`
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { anchor } from "@xinbiao/db/seed";
import { createApp } from "../worker/src/app.ts";
import { EMBED_JS } from "../worker/src/embed/embed.generated.ts";
import { openEmbedded } from "../worker/src/node/embedded.ts";

const dir = mkdtempSync(join(tmpdir(), "xinbiao-size-"));
const embedded = await openEmbedded({ url: `file:${join(dir, "size.db")}`, demoMerchants: 20 });
const app = createApp(embedded.deps);

const rows: { what: string; raw: number; gzip: number; budget: number }[] = [
  {
    what: "embed.js",
    raw: Buffer.byteLength(EMBED_JS),
    gzip: gzipSync(EMBED_JS, { level: 9 }).length,
    budget: 4096,
  },
];
const badges: [string, string][] = [
  ["badge flat, zh (typical: 红名单 · A级 · 已核验)", `/badge/${anchor("trusted").uscc}.svg`],
  ["badge large, zh", `/badge/${anchor("trusted").uscc}.svg?style=large`],
  ["badge flat, en, longest state (overdue)", `/badge/${anchor("overdue").uscc}.svg?lang=en`],
  ["badge by shop, danger", "/badge/jd/1000003.svg"],
];
for (const [what, url] of badges) {
  const body = await (await app.request(url)).text();
  rows.push({ what, raw: Buffer.byteLength(body), gzip: gzipSync(body, { level: 9 }).length, budget: 1024 });
}
embedded.close();
rmSync(dir, { recursive: true, force: true });

let over = false;
console.log("资源 / asset".padEnd(48), "raw B".padStart(7), "gzip B".padStart(7), "budget".padStart(7));
for (const r of rows) {
  const ok = r.gzip <= r.budget;
  over ||= !ok;
  console.log(
    r.what.padEnd(48),
    String(r.raw).padStart(7),
    String(r.gzip).padStart(7),
    String(r.budget).padStart(7),
    ok ? "✓" : "✗ over budget",
  );
}
process.exit(over ? 1 : 0);
