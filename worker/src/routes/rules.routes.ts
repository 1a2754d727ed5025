/**
 * GET /api/v1/rules/detection (issue 14): the detection rules — selectors and id locations per
 * platform — as signed data, so a platform redesign is fixed without a store release (as uBlock
 * Origin's filter lists or refined-github's selector fallbacks are). The source is the extension's
 * built-in rules (extension/adapters/rules/builtin.ts, validated by the same parser the extension
 * uses); the extension verifies the signature against the key set, refuses a version older than
 * what it holds, and falls back to its built-in rules.
 *
 * Signed once per rules version and key, and again when a day of the validity has passed — never
 * per request. Public and cacheable (an hour): the rules name no person and no shop.
 */
import type { Signer } from "@xinbiao/db/model";
import { SIGNED_KINDS, type Signed, signData } from "@xinbiao/db/model/signed-data";
import { Hono } from "hono";
import { BUILTIN_RULES } from "../../../extension/adapters/rules/builtin.ts";
import { parseRules, type RulesJson } from "../../../extension/adapters/rules/format.ts";
import type { AppEnv } from "../deps.ts";

/** A signed rules file is good this long: a client that cannot reach the service keeps using it. */
export const RULES_VALID_MS = 30 * 86_400_000;
const RESIGN_AFTER_MS = 86_400_000;

/** Validated at load: the service never signs rules the extension would refuse. */
const PUBLISHED: RulesJson = parseRules(BUILTIN_RULES).json;

const signed = new WeakMap<Signer, { at: number; body: string }>();

export async function signedRules(signer: Signer, now: Date): Promise<string> {
  const hit = signed.get(signer);
  if (hit && now.getTime() - hit.at < RESIGN_AFTER_MS) return hit.body;
  const doc: Signed<RulesJson> = await signData(
    signer,
    SIGNED_KINDS.detectionRules,
    PUBLISHED,
    now.toISOString(),
    new Date(now.getTime() + RULES_VALID_MS).toISOString(),
  );
  const body = JSON.stringify(doc);
  signed.set(signer, { at: now.getTime(), body });
  return body;
}

export const rulesRoutes = new Hono<AppEnv>().get("/detection", async (c) => {
  const body = await signedRules(c.var.deps.signer, c.var.deps.now());
  c.header("Cache-Control", "public, max-age=3600, s-maxage=3600");
  c.header("Content-Type", "application/json; charset=utf-8");
  return c.body(body);
});
