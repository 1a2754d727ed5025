// @vitest-environment node
/**
 * The ground-truth set through the real audit (Chromium, OCR with tesseract chi_sim, the real service):
 * every category's pages get the right outcome, and each check that should fail does so with
 * precision and recall 1.0 within the category (issue 16 "Proof"). `npm run audit:truth` prints the same table.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyManifestFile } from "../cli/evidence-manifest.ts";
import { tesseractEngine } from "../cli/ocr.ts";
import { CHECKS } from "../engine/checks/registry.ts";
import { type Service, startService } from "../testing/audit-harness.ts";
import { TRUTH_CASES } from "./cases.ts";
import { formatTruth, runTruth, type TruthReport } from "./truth.ts";

let svc: Service;
let t: TruthReport;
let out: string;

beforeAll(async () => {
  svc = await startService();
  out = mkdtempSync(join(tmpdir(), "xinbiao-truth-"));
  t = await runTruth({
    service: svc.url,
    outDir: out,
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    ocr: await tesseractEngine(),
  });
  console.log(formatTruth(t));
});
afterAll(() => svc?.stop());

describe("ground truth (issue 16)", () => {
  it("covers every category the issue names, and every check's fixtures exist", () => {
    const cats = new Set(TRUTH_CASES.map((c) => c.category));
    for (const c of [
      "placement",
      "evasion",
      "image",
      "iframe",
      "shadow",
      "forgery",
      "non_html",
      "platform_home",
    ])
      expect(cats.has(c as never), c).toBe(true);
    const ids = new Set(TRUTH_CASES.map((c) => c.id));
    for (const check of CHECKS)
      for (const f of check.fixtures) expect(ids.has(f), `${check.id} cites fixture ${f}`).toBe(true);
  });

  for (const category of [...new Set(TRUTH_CASES.map((c) => c.category))]) {
    it(`${category}: every page's outcome right; precision and recall 1.0 per check`, () => {
      const c = t.categories.find((x) => x.category === category)!;
      expect(c.wrong, JSON.stringify(c.wrong, null, 1)).toEqual([]);
      expect(c.outcomeRight).toBe(c.cases);
      for (const k of c.checks) {
        expect(k.precision ?? 1, `${category} ${k.id} precision`).toBe(1);
        expect(k.recall ?? 1, `${category} ${k.id} recall`).toBe(1);
      }
    });
  }

  it("OCR read the license photo's code (tesseract chi_sim), not just its alt text", () => {
    const r = t.results.find((x) => x.requestedUrl.includes("image_license_photo"))!;
    expect(r.checks.find((c) => c.id === "identity.uscc")!.status).toBe("pass");
  });

  it("every page has signed-manifest evidence whose hashes verify (unsigned here: no key given)", async () => {
    const r = t.results.find((x) => x.requestedUrl.includes("placement_footer_text"))!;
    expect(r.evidence.fullPage?.length).toBeGreaterThan(0);
    expect(r.evidence.screenshot).toMatch(/first-screen\.png$/);
    const v = await verifyManifestFile(join(out, r.evidence.manifest!));
    expect(v.problems.map((p) => p.en)).toEqual(["manifest is not signed"]);
    expect(v.manifest!.authority).toBe("苏州市吴中区市场监督管理局");
    expect(v.manifest!.registry.envelope?.record.uscc).toBe(r.uscc);
  });
});
