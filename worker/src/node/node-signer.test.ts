import {
  createSigner,
  generateSigningKey,
  publicJwk,
  signedPayload,
  verifyEnvelope,
} from "@xinbiao/db/model";
import { describe, expect, it } from "vitest";
import { createNodeSigner } from "./node-signer.ts";

describe("node:crypto signer", () => {
  it("signs byte for byte as the WebCrypto signer, and the envelope verifies", async () => {
    const key = await generateSigningKey();
    const web = await createSigner(key);
    const node = createNodeSigner(key);
    expect(node.keyId).toBe(web.keyId);
    const payloads = [
      signedPayload({
        record: { uscc: "91320214MA1XB7Q031", name: "无锡禾沐岫电子商务有限公司", lists: [], n: 1.5 },
        issuedAt: "2026-11-22T04:00:00.000Z",
        expiresAt: "2026-11-23T04:00:00.000Z",
      }),
      { z: "\u202e gnp.exe", a: [null, true, "𠮷"] },
    ];
    for (const p of payloads) expect(await node.sign(p)).toBe(await web.sign(p));

    const record = { uscc: "91320214MA1XB7Q031", name: "测试" };
    const issuedAt = "2026-11-22T04:00:00.000Z";
    const expiresAt = "2026-11-23T04:00:00.000Z";
    const signature = await node.sign(signedPayload({ record, issuedAt, expiresAt }));
    const keySet = { keys: [publicJwk(key)] };
    const env = { record, signature, keyId: key.kid, issuedAt, expiresAt };
    const ok = await verifyEnvelope(env, keySet, new Date("2026-11-22T05:00:00.000Z"));
    expect(ok).toMatchObject({ ok: true });
    const tampered = await verifyEnvelope(
      { ...env, record: { ...record, name: "改" } },
      keySet,
      new Date("2026-11-22T05:00:00.000Z"),
    );
    expect(tampered).not.toMatchObject({ ok: true });
  });
});
