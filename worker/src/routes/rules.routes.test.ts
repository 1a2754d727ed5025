/**
 * GET /api/v1/rules/detection (issue 14): the built-in rules, signed with the service key, verify with
 * the published key set, parse with the extension's own parser, and an edited copy does not verify.
 */
import type { KeySet } from "@xinbiao/db/model";
import { SIGNED_KINDS, verifyData } from "@xinbiao/db/model/signed-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_RULES } from "../../../extension/adapters/rules/builtin.ts";
import { parseRules } from "../../../extension/adapters/rules/format.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";

let t: TestApp;
let keys: KeySet;
beforeAll(async () => {
  t = await openTestApp();
  keys = (await (await t.app.request("/.well-known/xinbiao-keys.json")).json()) as KeySet;
});
afterAll(() => t.cleanup());

describe("GET /api/v1/rules/detection", () => {
  it("publishes the built-in rules, signed, versioned, cacheable", async () => {
    const res = await t.app.request("/api/v1/rules/detection");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("public");
    const doc = (await res.json()) as { version: string; sig: unknown };
    expect(doc.version).toBe(BUILTIN_RULES.version);
    expect(await verifyData(doc, SIGNED_KINDS.detectionRules, keys, TEST_NOW)).toMatchObject({ ok: true });
    const { sig: _sig, ...rules } = doc;
    expect(parseRules(rules).version).toBe(BUILTIN_RULES.version);
  });

  it("an edited selector or a signature of another kind does not verify", async () => {
    const doc = (await (await t.app.request("/api/v1/rules/detection")).json()) as {
      platforms: { taobao: { anchors: string[] } };
    };
    const edited = structuredClone(doc);
    edited.platforms.taobao.anchors = ["body"];
    expect(await verifyData(edited, SIGNED_KINDS.detectionRules, keys, TEST_NOW)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(await verifyData(doc, SIGNED_KINDS.rangeBucket, keys, TEST_NOW)).toEqual({
      ok: false,
      reason: "wrong_kind",
    });
  });

  it("is signed once, not per request", async () => {
    const a = await (await t.app.request("/api/v1/rules/detection")).text();
    const b = await (await t.app.request("/api/v1/rules/detection")).text();
    expect(b).toBe(a);
  });
});
