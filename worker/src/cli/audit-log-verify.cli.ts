/**
 * npm run audit-log:verify [-- --db <url>] [--checkpoint <file|url>] [--json]
 * Re-computes the SHA-256 chain of the audit log, names the first broken row, and checks the log
 * against a signed checkpoint (audit-log/checkpoint.ts): the latest one stored in the database, or one
 * saved earlier from GET /.well-known/xinbiao-audit-checkpoint.json (a file, or that URL itself).
 * That is what catches cut-off last rows, an emptied log and an edited-and-recomputed chain.
 * Read-only: it does not migrate or write, so it can check a copy taken from a production database.
 * Exit code 0 intact, 1 broken, 2 usage.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { KeySet } from "@xinbiao/db/model";
import { verifyAuditLogWithCheckpoint } from "../audit-log/audit-log.service.ts";
import { type Checkpoint, fromPublished, type PublishedCheckpoint } from "../audit-log/checkpoint.ts";
import { openCliDb, userPath } from "./cli-db.ts";

async function loadCheckpoint(src: string): Promise<{ checkpoint: Checkpoint; keys?: KeySet }> {
  let text: string;
  let keys: KeySet | undefined;
  if (/^https?:\/\//.test(src)) {
    const res = await fetch(src, { redirect: "error", signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status} from ${src}`);
    text = await res.text();
    // The keys the same service publishes (a key rotated out of the database stays checkable).
    const k = await fetch(new URL("/.well-known/xinbiao-keys.json", src), {
      signal: AbortSignal.timeout(15_000),
    });
    if (k.ok) keys = (await k.json()) as KeySet;
  } else text = readFileSync(userPath(src), "utf8");
  const p = JSON.parse(text) as Partial<PublishedCheckpoint>;
  if (typeof p.treeSize !== "number" || typeof p.headHash !== "string" || typeof p.timestamp !== "string")
    throw new Error("not a checkpoint: treeSize, headHash and timestamp are required");
  return { checkpoint: fromPublished(p as PublishedCheckpoint), ...(keys ? { keys } : {}) };
}

async function main(): Promise<number> {
  let values: { db?: string; json?: boolean; checkpoint?: string };
  try {
    ({ values } = parseArgs({
      options: { db: { type: "string" }, json: { type: "boolean" }, checkpoint: { type: "string" } },
    }));
  } catch (e) {
    console.error(`参数错误 / usage: ${(e as Error).message}`);
    return 2;
  }
  let given: { checkpoint: Checkpoint; keys?: KeySet } | undefined;
  if (values.checkpoint) {
    try {
      given = await loadCheckpoint(values.checkpoint);
    } catch (e) {
      console.error(
        `无法读取检查点 / cannot read the checkpoint ${values.checkpoint}: ${(e as Error).message}`,
      );
      return 2;
    }
  }
  const h = await openCliDb(values.db, { migrate: false });
  try {
    const v = await verifyAuditLogWithCheckpoint(h.db, {
      ...(given ? { given: given.checkpoint } : {}),
      ...(given?.keys ? { extraKeys: given.keys } : {}),
    });
    if (values.json) console.log(JSON.stringify(v));
    const c = v.chain;
    if (!c.ok) {
      const p = c.problem!;
      console.error(`审计日志被篡改 / audit log BROKEN at row ${p.seq}: ${p.zh} / ${p.en}`);
      if ("expected" in p) console.error(`  expected ${p.expected}\n  got      ${p.got}`);
      console.error(
        `  此前 ${c.rows} 行完好 / the ${c.rows} rows before it are intact (last good row ${c.lastSeq})`,
      );
    } else if (!v.ok) {
      const p = v.problem!;
      console.error(`审计日志与检查点不符 / audit log FAILS its checkpoint (${p.code}): ${p.zh} / ${p.en}`);
      if (v.checkpoint)
        console.error(
          `  检查点 checkpoint: ${v.checkpoint.treeSize} rows, head ${v.checkpoint.headHash}, ${v.checkpoint.at}, key ${v.checkpoint.keyId ?? "—"}`,
        );
      console.error(`  日志 log: ${c.rows} rows, last row ${c.lastSeq}, hash ${c.lastHash}`);
    } else if (!values.json)
      console.log(
        `审计日志完整 / audit log intact: ${c.rows} 行 rows, 最后一行 last row ${c.lastSeq}, hash ${c.lastHash}` +
          (v.checkpoint
            ? v.checkpoint.signature
              ? `; 签名检查点一致 / matches the signed checkpoint of ${v.checkpoint.at} (${v.checkpoint.treeSize} rows, key ${v.checkpoint.keyId})${given ? " given" : ""}, ${v.historyChecked} stored checkpoints checked`
              : `; 与库内检查点一致（未签名） / matches the stored, unsigned checkpoint of ${v.checkpoint.at} (${v.checkpoint.treeSize} rows), ${v.historyChecked} stored checkpoints checked`
            : "; 空日志 / empty log"),
      );
    if (v.ok && v.warning) console.error(`注意 / warning: ${v.warning.zh} / ${v.warning.en}`);
    return v.ok ? 0 : 1;
  } finally {
    h.close();
  }
}

process.exitCode = await main();
