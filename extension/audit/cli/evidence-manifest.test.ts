// @vitest-environment node
/**
 * Evidence that stands up: a manifest signed with the auditor's Ed25519 key verifies; an altered
 * artefact, an altered manifest or another auditor's key is named; the key file is 0600.
 */
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  createAuditorKey,
  evidenceIdOf,
  type Manifest,
  signManifest,
  verifyManifestFile,
} from "./evidence-manifest.ts";
import { parseOcrText } from "./ocr.ts";

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "xinbiao-manifest-"));
  mkdirSync(join(dir, "evidence"));
  writeFileSync(join(dir, "evidence/p.html"), "<html>营业执照</html>");
  const key = createAuditorKey(join(dir, "key.json"), "审计员甲");
  const m: Manifest = {
    tool: "xinbiao-audit",
    toolVersion: "2.0.0",
    runId: "ar_20261122_abcdef",
    pageKey: "0".repeat(24),
    url: "http://shop100002.taobao.com/",
    finalUrl: "http://shop100002.taobao.com/",
    capturedAt: "2026-11-22T04:00:00.000Z",
    auditedAt: "2026-11-22T04:00:01.000Z",
    chromiumVersion: "156.0",
    settings: {
      viewport: { width: 1280, height: 800 },
      timeoutMs: 20000,
      settleMs: 5000,
      retries: 1,
      locale: "zh-CN",
      timeZone: "Asia/Shanghai",
      ocr: "tesseract chi_sim+eng",
    },
    hostRemapping: "MAP *.taobao.com 127.0.0.1:1",
    outcome: "compliant",
    registry: { envelope: null, keySet: null, service: "http://127.0.0.1:8787" },
    authority: "苏州市吴中区市场监督管理局",
    artefacts: [
      {
        kind: "html",
        file: "evidence/p.html",
        sha256: "4d3c1b7bd0a8b6d1d3e1b7f0b0b8f6a3bb5d1a3e0d8f3f2f6d0b5e7e2c9a1f00",
        bytes: 1,
      },
    ],
  };
  return { dir, key, m };
}

describe("evidence manifest", () => {
  it("signed manifests verify; an altered artefact or manifest and a foreign key are named", async () => {
    const { dir, key, m } = setup();
    expect(statSync(join(dir, "key.json")).mode & 0o777).toBe(0o600);
    const { createHash } = await import("node:crypto");
    m.artefacts[0]!.sha256 = createHash("sha256")
      .update(readFileSync(join(dir, "evidence/p.html")))
      .digest("hex");
    const signed = signManifest(m, key);
    const file = join(dir, "evidence/p.manifest.json");
    writeFileSync(file, JSON.stringify(signed));
    const ok = await verifyManifestFile(file, key.publicKeyPem);
    expect(ok).toMatchObject({ ok: true, problems: [], evidenceId: evidenceIdOf(signed) });

    writeFileSync(join(dir, "evidence/p.html"), "<html>已篡改</html>");
    expect((await verifyManifestFile(file)).problems.map((p) => p.en)[0]).toContain("SHA-256 mismatch");

    writeFileSync(
      file,
      JSON.stringify({ ...signed, manifest: { ...signed.manifest, outcome: "non_compliant" } }),
    );
    expect((await verifyManifestFile(file)).problems.map((p) => p.en)).toContain(
      "signature invalid (manifest altered)",
    );

    const other = createAuditorKey(join(dir, "other.json"), "乙");
    writeFileSync(file, JSON.stringify(signed));
    expect(
      (await verifyManifestFile(file, other.publicKeyPem)).problems.some((p) =>
        p.en.includes("not the trusted auditor key"),
      ),
    ).toBe(true);
    expect(() => createAuditorKey(join(dir, "key.json"), "x")).toThrow("not overwritten");
  });

  it("reads code and name from tesseract output; nothing license-like is 'no_text'", () => {
    expect(
      parseOcrText("营 业 执 照\n统一社会信用代码 91320506MA2CD8R14Q\n名 称 苏州澄渚家居用品有限公司\n"),
    ).toMatchObject({
      state: "read",
      uscc: "91320506MA2CD8R14Q",
      name: "苏州澄渚家居用品有限公司",
    });
    expect(parseOcrText("新品上市 限时特价").state).toBe("no_text");
  });
});
