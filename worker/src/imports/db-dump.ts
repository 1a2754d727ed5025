/**
 * A full, ordered dump of a libSQL/SQLite database file through its own connection: schema plus every
 * row of every table. Tests compare dumps before and after an operation to prove it wrote nothing
 * ("byte-for-byte unchanged"): with WAL the main file alone would not show uncheckpointed writes.
 */
import { createClient } from "@libsql/client";
import { sha256Hex } from "@xinbiao/db/model";

export async function dumpDatabase(url: string): Promise<string> {
  const client = createClient({ url });
  try {
    const tables = await client.execute(
      "SELECT name, sql FROM sqlite_master WHERE type IN ('table','index') ORDER BY type, name",
    );
    const parts: string[] = [JSON.stringify(tables.rows)];
    for (const t of tables.rows) {
      if (!String(t.sql ?? "").startsWith("CREATE TABLE") || String(t.name).startsWith("sqlite_")) continue;
      const rows = await client.execute(`SELECT * FROM "${String(t.name)}" ORDER BY rowid`);
      parts.push(
        `${String(t.name)}:${JSON.stringify(rows.rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v))}`,
      );
    }
    return parts.join("\n");
  } finally {
    client.close();
  }
}

export async function databaseDigest(url: string): Promise<string> {
  return sha256Hex(await dumpDatabase(url));
}
