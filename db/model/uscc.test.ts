import { describe, expect, it } from "vitest";
import { buildUscc, normalizeUscc, USCC_ALPHABET, validateUscc, validateUsccForImport } from "./uscc.ts";

const VALID = ["91110000600037341L", "91320214745555318W"];

describe("validateUscc (GB 32100-2015)", () => {
  it.each(VALID)("accepts the published example %s", (code) => {
    const r = validateUscc(code);
    expect(r.ok).toBe(true);
  });

  it("splits a valid code into its parts", () => {
    const r = validateUscc("91320214745555318W");
    expect(r).toMatchObject({ kindCode: "91", divisionCode: "320214", organizationCode: "745555318" });
  });

  it.each(VALID)("rejects every single-character change of %s", (code) => {
    let changes = 0;
    for (let i = 0; i < 18; i++) {
      for (const ch of USCC_ALPHABET) {
        if (ch === code[i]) continue;
        const mutated = code.slice(0, i) + ch + code.slice(i + 1);
        const r = validateUscc(mutated);
        expect(r.ok, `${mutated} (position ${i + 1} → ${ch}) must fail`).toBe(false);
        changes++;
      }
    }
    expect(changes).toBe(18 * 30);
  });

  it.each(["I", "O", "S", "V", "Z"])("names the excluded letter %s and its position", (letter) => {
    const r = validateUscc(`91320214745${letter}55318W`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toMatchObject({ code: "bad_char", position: 12, char: letter });
    expect(r.problem.zh).toContain("第 12 位");
    expect(r.problem.en).toContain("never uses I, O, S, V, Z");
  });

  it("reports the length when it is wrong", () => {
    const r = validateUscc("9132021474555531");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ code: "length", length: 16 });
  });

  it("says which check character was expected", () => {
    const r = validateUscc("91320214745555318X");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toMatchObject({ code: "check_digit", expected: "W", got: "X" });
      expect(r.problem.zh).toBe("第 18 位校验码应为「W」，实际为「X」");
    }
  });

  it("checks the embedded organization code (GB 11714) at position 17", () => {
    // Change position 17 and recompute position 18 so only the org-code check can catch it.
    const first16 = "9132021474555531";
    const bad17 = `${first16}9`;
    const r = validateUscc(`${bad17}0`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ code: "org_check", expected: "8", got: "9" });
  });

  it("accepts lower-case, spaced and full-width input as people type it", () => {
    expect(normalizeUscc(" 91320214 7455 5531 8w ")).toBe("91320214745555318W");
    expect(validateUscc("９１３２０２１４７４５５５５３１８ｗ").ok).toBe(true);
    expect(validateUscc("91320214745555318w").ok).toBe(true);
  });

  it("rejects an empty code", () => {
    const r = validateUscc("   ");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.code).toBe("empty");
  });

  it("builds valid codes", () => {
    expect(validateUscc(buildUscc("92", "360481", "MA3EF9T2")).ok).toBe(true);
  });
});

describe("validateUsccForImport (pilot tolerance)", () => {
  it("accepts a check-character failure with a warning only when tolerated", () => {
    expect(validateUsccForImport("91320214745555318X", false).ok).toBe(false);
    const r = validateUsccForImport("91320214745555318X", true);
    expect(r).toMatchObject({ ok: true, pilot: true, warning: { code: "check_digit" } });
  });

  it("never tolerates a bad character or length", () => {
    expect(validateUsccForImport("9132021474555531", true).ok).toBe(false);
    expect(validateUsccForImport("9132021474555531OW", true).ok).toBe(false);
  });
});
