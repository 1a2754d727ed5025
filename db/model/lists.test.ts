import { describe, expect, it } from "vitest";
import { addMonths, isPubliclyShown, type ListEntryFacts, shanghaiDate, statusOf } from "./lists.ts";

const entry: ListEntryFacts = {
  list: "black",
  listedAt: "2026-08-01",
  rectifyBy: null,
  displayUntil: "2029-08-01",
  removedAt: null,
  repairedAt: null,
  rectifiedAt: null,
  objectionOpen: false,
};

describe("list lifecycle (赣信用办〔2018〕26号: 3 个月整改)", () => {
  it("adds months clamped to the month's end", () => {
    expect(addMonths("2026-08-01", 3)).toBe("2026-11-01");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addMonths("2027-11-30", 3)).toBe("2028-02-29");
  });
  it("is active within three months, overdue after", () => {
    expect(statusOf(entry, "2026-11-01")).toBe("active");
    expect(statusOf(entry, "2026-11-02")).toBe("overdue");
  });
  it("shows objected while an objection is open", () => {
    expect(statusOf({ ...entry, objectionOpen: true }, "2026-12-01")).toBe("objected");
  });
  it("red-list entries never go overdue", () => {
    expect(statusOf({ ...entry, list: "red" }, "2028-01-01")).toBe("active");
  });
  it("hides entries past their display period, repaired or removed", () => {
    expect(isPubliclyShown(entry, "2027-01-01")).toBe(true);
    expect(isPubliclyShown(entry, "2029-08-01")).toBe(true);
    expect(isPubliclyShown(entry, "2029-08-02")).toBe(false);
    expect(isPubliclyShown({ ...entry, repairedAt: "2026-10-01" }, "2026-10-01")).toBe(false);
    expect(isPubliclyShown({ ...entry, removedAt: "2026-10-01T08:00:00Z" }, "2026-10-02")).toBe(false);
    expect(isPubliclyShown(entry, "2026-07-31")).toBe(false);
  });
  it("counts days in Asia/Shanghai", () => {
    expect(shanghaiDate(new Date("2026-11-21T16:00:00Z"))).toBe("2026-11-22");
    expect(shanghaiDate(new Date("2026-11-21T15:59:59Z"))).toBe("2026-11-21");
  });
});
