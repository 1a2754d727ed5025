/**
 * npm run audit-log:verify [-- --db <url>]
 * Re-computes the SHA-256 chain of the audit log and names the first broken row. Read-only: it does
 * not migrate or write, so it can check a copy taken from a production database.
 * Exit code 0 intact, 1 broken, 2 usage.
 */
import { parseArgs } from "node:util";
import { verifyAuditLog } from "../audit-log/audit-log.service.ts";
import { openCliDb } from "./cli-db.ts";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { db: { type: "string" }, json: { type: "boolean" } } });
  const h = await openCliDb(values.db, { migrate: false });
  try {
    const v = await verifyAuditLog(h.db);
    if (values.json) console.log(JSON.stringify(v));
    else if (v.ok)
      console.log(
        `审计日志完整 / audit log intact: ${v.rows} 行 rows, 最后一行 last row ${v.lastSeq}, hash ${v.lastHash}`,
      );
    else {
      const p = v.problem!;
      console.error(`审计日志被篡改 / audit log BROKEN at row ${p.seq}: ${p.zh} / ${p.en}`);
      if ("expected" in p) console.error(`  expected ${p.expected}\n  got      ${p.got}`);
      console.error(
        `  此前 ${v.rows} 行完好 / the ${v.rows} rows before it are intact (last good row ${v.lastSeq})`,
      );
    }
    return v.ok ? 0 : 1;
  } finally {
    h.close();
  }
}

process.exitCode = await main();
