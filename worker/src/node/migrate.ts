/**
 * `npm run db:migrate`: apply the committed migrations to the libSQL database named by XINBIAO_DB
 * (a local file by default, or a Turso URL with LIBSQL_AUTH_TOKEN). Seeds nothing.
 */
import { openLibsql } from "@xinbiao/db/client";
import { migrateLibsql } from "@xinbiao/db/migrate";
import { DEFAULT_DB_URL } from "./embedded.ts";

const url = process.env.XINBIAO_DB ?? DEFAULT_DB_URL;
const handle = openLibsql({ url, authToken: process.env.LIBSQL_AUTH_TOKEN });
await migrateLibsql(handle.db);
handle.close();
console.log(`migrated ${url.replace(/\?.*$/, "")}`);
