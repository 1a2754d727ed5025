import { describe, expect, it } from "vitest";
import { toolbarFace } from "./toolbar.ts";

describe("toolbar face", () => {
  it("no badge text off shop pages", () => {
    expect(toolbarFace({ kind: "off" }, "zh")).toMatchObject({ text: "", title: "信标" });
  });
  it("'?' and the words 'not checked' on a shop page that could not be matched", () => {
    const f = toolbarFace({ kind: "unmatched" }, "en");
    expect(f.text).toBe("?");
    expect(f.title).toContain("this page could not be matched to a shop");
    expect(toolbarFace({ kind: "unmatched" }, "zh").title).toContain("无法识别此页面的店铺");
  });
  it("grey for a shop without a record; the verdict's colour, symbol and label otherwise", () => {
    const u = toolbarFace({ kind: "shown", tone: "unknown" }, "zh");
    expect(u.color).toBe("#6e7781");
    expect(u.title).toMatch(/^信标.*未收录$/);
    const d = toolbarFace({ kind: "shown", tone: "danger" }, "zh");
    expect(d).toEqual({ text: "⛔", color: "#cf222e", title: "信标：失信" });
    // Every tone has its own symbol: colour never carries the meaning alone.
    const tones = ["trusted", "normal", "caution", "warning", "danger", "unknown", "error"] as const;
    const texts = tones.map((tone) => toolbarFace({ kind: "shown", tone }, "en").text);
    expect(new Set(texts).size).toBe(tones.length);
  });
});
