/** report.csv: BOM first, RFC 4180 quoting, formula cells neutralised (CSV injection). */
import { describe, expect, it } from "vitest";
import type { PageResult } from "../cli/result-types.ts";
import { buildReport } from "./report-model.ts";
import { BOM, reportCsv } from "./write-csv.ts";

const result = (over: Partial<PageResult>): PageResult => ({
  url: "http://shop1.taobao.com/",
  requestedUrl: "http://shop1.taobao.com/",
  pageKind: "shop",
  platform: "taobao",
  shopId: "100001",
  uscc: "91320214MA1XB7Q031",
  merchantName: "无锡禾沐岫电子商务有限公司",
  outcome: "compliant",
  flags: [],
  checks: [],
  index: 0,
  auditedAt: "2026-11-22T04:00:00.000Z",
  attempts: 1,
  ms: 10,
  evidence: {
    screenshot: "evidence/00001-a.jpg",
    htmlFile: "evidence/00001-a.html",
    htmlSha256: "a".repeat(64),
    capturedAt: "2026-11-22T04:00:00.000Z",
    httpStatus: 200,
  },
  ...over,
});

describe("report.csv", () => {
  const report = buildReport(
    [
      result({}),
      result({
        index: 1,
        merchantName: '=HYPERLINK("http://evil","点我")',
        requestedUrl: "http://shop2.taobao.com/",
        shopId: "-2+3",
      }),
      result({
        index: 2,
        merchantName: "@SUM(A1)",
        requestedUrl: "http://shop3.taobao.com/",
        outcome: "non_compliant",
      }),
    ],
    {
      generatedAt: "2026-11-22T04:00:00.000Z",
      service: "http://127.0.0.1:8787",
      run: { audited: 3, skipped: 0, ms: 1, pagesPerMinute: 1 },
    },
  );
  const csv = reportCsv(report);

  it("starts with a UTF-8 BOM and keeps Chinese as is", () => {
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toContain("无锡禾沐岫电子商务有限公司");
    expect(csv).toContain("2026-11-22 12:00:00");
  });

  it("neutralises cells that start with = + - @", () => {
    const lines = csv.slice(1).split("\r\n");
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"",""点我"")"`);
    expect(lines[2]).toContain(",'-2+3,");
    expect(lines[3]).toContain(",'@SUM(A1),");
    for (const line of lines) expect(line).not.toMatch(/(^|,)[=+@-]/);
  });

  it("computes the compliance rate without counting errors", () => {
    expect(report.totals).toMatchObject({ pages: 3, compliant: 2, non_compliant: 1, rate: 2 / 3 });
  });
});
