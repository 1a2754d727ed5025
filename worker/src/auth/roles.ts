/**
 * Roles of API keys (issue 5 item 1). A platform key sees and writes only its own platform's shops.
 */
import { isPlatform, PLATFORMS, type Platform } from "@xinbiao/db/model";

export type Role = `platform:${Platform}` | "regulator" | "auditor" | "admin";
export type RoleKind = "platform" | "regulator" | "auditor" | "admin";

export const ROLE_KINDS: readonly RoleKind[] = ["platform", "regulator", "auditor", "admin"];

/** Requests per minute and key unless the key carries its own limit. */
export const DEFAULT_RATE_LIMITS: Record<RoleKind, number> = {
  platform: 1200,
  regulator: 300,
  auditor: 300,
  admin: 120,
};

export function roleKind(role: Role): RoleKind {
  return role.startsWith("platform:") ? "platform" : (role as RoleKind);
}

export function platformOf(role: Role): Platform | null {
  return role.startsWith("platform:") ? (role.slice("platform:".length) as Platform) : null;
}

export type RoleParse = { ok: true; role: Role } | { ok: false; zh: string; en: string };

export function parseRole(input: string): RoleParse {
  const r = input.trim();
  if (r === "regulator" || r === "auditor" || r === "admin") return { ok: true, role: r };
  if (r.startsWith("platform:")) {
    const p = r.slice("platform:".length);
    if (isPlatform(p)) return { ok: true, role: `platform:${p}` };
    return {
      ok: false,
      zh: `未知平台「${p}」，可选：${PLATFORMS.join("、")}`,
      en: `unknown platform ${JSON.stringify(p)}; one of ${PLATFORMS.join(", ")}`,
    };
  }
  return {
    ok: false,
    zh: `未知角色「${r}」，可选：platform:<平台>、regulator、auditor、admin`,
    en: `unknown role ${JSON.stringify(r)}; one of platform:<id>, regulator, auditor, admin`,
  };
}
