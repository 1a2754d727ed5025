import { describe, expect, it } from "vitest";
import { displaySafe, stripUnsafeControls } from "./text.ts";

describe("display-safe text", () => {
  it("removes bidi overrides, isolates, marks and control characters", () => {
    expect(stripUnsafeControls("\u202Egnp.exe\u202C")).toBe("gnp.exe");
    expect(stripUnsafeControls("a\u2066b\u2069\u200Fc\u0000d\u001Fe\u0085f")).toBe("abcdef");
    expect(stripUnsafeControls("行\t1\n2")).toBe("行\t1\n2");
  });
  it("cleans every string in a nested value and leaves the rest alone", () => {
    const v = { a: ["x\u202E", 1, null, { b: "\u2067y" }], c: true };
    expect(displaySafe(v)).toEqual({ a: ["x", 1, null, { b: "y" }], c: true });
  });
});
