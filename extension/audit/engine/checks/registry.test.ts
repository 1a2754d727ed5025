/** The check registry is complete: every checks/*.check.ts is registered once, each cites its rule. */
import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CHECKS } from "./registry.ts";

const dir = import.meta.dirname ?? dirname(fileURLToPath(import.meta.url));

describe("check registry", () => {
  it("registers every *.check.ts file exactly once (adding a check is one file + its line)", async () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".check.ts"));
    const ids: string[] = [];
    for (const f of files) {
      const mod = (await import(`./${f}`)) as { default: { id: string } };
      ids.push(mod.default.id);
      expect(CHECKS, `${f} is not in registry.ts`).toContain(mod.default);
    }
    expect(CHECKS.length).toBe(files.length);
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
    expect(ids.sort()).toEqual(CHECKS.map((c) => c.id).sort());
  });

  it("each check names its rule, label, severity and the page kinds it applies to", () => {
    for (const c of CHECKS) {
      expect(c.rule, c.id).toMatch(/§|〔|条例|DESIGN|issue/);
      expect(c.label.zh && c.label.en, c.id).toBeTruthy();
      expect(c.appliesTo.length, c.id).toBeGreaterThan(0);
    }
  });
});
