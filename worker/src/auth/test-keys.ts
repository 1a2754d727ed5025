/** Test support: one key per role (plus a revoked one), created the way the CLI creates them. */
import type { Db } from "@xinbiao/db/client";
import { createApiKey, revokeApiKey } from "./api-keys.ts";
import type { Role } from "./roles.ts";

export type KeyName = "platform:jd" | "platform:taobao" | "regulator" | "auditor" | "admin" | "revoked";

export async function keysForRoles(db: Db, now: Date): Promise<Record<KeyName, string>> {
  const out = {} as Record<KeyName, string>;
  for (const role of ["platform:jd", "platform:taobao", "regulator", "auditor", "admin"] as Role[]) {
    out[role as KeyName] = (await createApiKey(db, { role, label: `test ${role}` }, "test:setup", now)).key;
  }
  const revoked = await createApiKey(db, { role: "admin", label: "revoked admin" }, "test:setup", now);
  await revokeApiKey(db, revoked.id, "test:setup", now);
  out.revoked = revoked.key;
  return out;
}

export function bearer(key: string | null, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  if (key) headers.set("authorization", `Bearer ${key}`);
  return { ...init, headers };
}

export function jsonInit(method: string, key: string | null, body: unknown): RequestInit {
  return bearer(key, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** Response bodies in tests are asserted field by field. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Json = any;
