/**
 * Build public records (DESIGN §3) from the database, many merchants at a time with one query per
 * table, so a range bucket of twenty shops costs the same handful of queries as one record.
 * Only public fields leave here; natural persons are masked (PIPL; SAMR Order 45 §6).
 */
import type { Db } from "@xinbiao/db/client";
import {
  type CompactRecord,
  type GradeLevel,
  isPubliclyShown,
  maskHomeAddress,
  maskPersonName,
  type PublicRecord,
  regionOf,
  scrubPersonalData,
  shanghaiDate,
  statusOf,
  verdictOf,
} from "@xinbiao/db/model";
import { type RecordReader, recordReader } from "./record-reader.ts";
import type { SourceRowForRecord } from "./record-rows.ts";

export interface RecordLinks {
  /** Absolute base URL of the public site, e.g. https://xinbiao.example or http://127.0.0.1:8787 */
  baseUrl: string;
}

/** A built record plus the merchant's version, which caches key on. */
export interface BuiltRecord {
  record: PublicRecord;
  version: number;
  /**
   * Every timestamp the build compared with "now" (`s < now`: freshness bound, verification expiry).
   * With the Shanghai day (list display and rectification turn over at midnight, 赣信用办〔2018〕26号),
   * these are all the clock can change in a record: a cache may reuse it while each comparison still
   * gives the same answer (record-cache.ts).
   */
  timeMarks: string[];
}

/**
 * Region and source objects are the same for thousands of records: cached records share one frozen
 * copy each (issue 7: the record cache must fit the 256 MB memory goal). Keyed by their content.
 */
const regions = new Map<string, PublicRecord["region"]>();
function publicRegion(divisionCode: string, r: ReturnType<typeof regionOf>): PublicRecord["region"] {
  let out = regions.get(divisionCode);
  if (!out || out.code !== r.code || out.division !== r.division) {
    out = Object.freeze({ code: r.code, province: r.province, division: r.division, brand: r.brand });
    if (regions.size > 10_000) regions.clear();
    regions.set(divisionCode, out);
  }
  return out;
}
const sourceObjects = new Map<string, PublicRecord["sources"][number]>();
function publicSource(s: SourceRowForRecord): PublicRecord["sources"][number] {
  const key = JSON.stringify([s.id, s.title, s.authority, s.publishedAt, s.url]);
  let out = sourceObjects.get(key);
  if (!out) {
    out = Object.freeze({
      id: s.id,
      title: s.title,
      authority: s.authority,
      publishedAt: s.publishedAt,
      url: s.url,
    });
    if (sourceObjects.size > 10_000) sourceObjects.clear();
    sourceObjects.set(key, out);
  }
  return out;
}

/** Links a consumer needs next to every record: our page, official lookups, and 12315 to report. */
export function recordLinks(baseUrl: string, uscc: string, name: string) {
  return {
    page: `${baseUrl}/m/${uscc}`,
    creditChina: `https://www.creditchina.gov.cn/xinyongxinxi/index.html?keyword=${encodeURIComponent(uscc)}`,
    gsxt: "https://www.gsxt.gov.cn/index.html",
    report12315: `https://www.12315.cn/?keyword=${encodeURIComponent(name)}`,
  };
}

export async function buildRecords(
  db: Db,
  usccs: string[],
  opts: RecordLinks & { now?: Date; reader?: RecordReader },
): Promise<Map<string, BuiltRecord>> {
  const ids = [...new Set(usccs)];
  const out = new Map<string, BuiltRecord>();
  if (ids.length === 0) return out;
  const now = opts.now ?? new Date();
  const nowIso = now.toISOString();
  const today = shanghaiDate(now);
  const reader = opts.reader ?? recordReader(db);

  const bundles = await reader.bundles(ids);
  if (bundles.length === 0) return out;

  const sourceIds = new Set<string>();
  for (const b of bundles) {
    if (b.merchant.sourceId) sourceIds.add(b.merchant.sourceId);
    for (const r of [...b.permits, ...b.entries, ...b.grades]) if (r.sourceId) sourceIds.add(r.sourceId);
  }
  const sourceById = new Map((await reader.sources([...sourceIds])).map((s) => [s.id, s]));

  for (const { merchant: m, permits, verifications, entries, grades, commitments } of bundles) {
    const shownEntries = entries.filter((e) => isPubliclyShown(e, today));
    const natural = m.kind === "natural_person";
    const region = regionOf(m.divisionCode);
    const verification = verifications
      .filter((v) => !v.expiresAt || v.expiresAt >= nowIso)
      .map((v) => ({
        platform: v.platform,
        method: v.method,
        verifiedAt: v.verifiedAt,
        expiresAt: v.expiresAt,
      }))
      .sort((a, b) => a.platform.localeCompare(b.platform));
    const lists = shownEntries
      .map((e) => ({
        list: e.list,
        category: e.category,
        authority: e.authority,
        documentNo: e.documentNo,
        listedAt: e.listedAt,
        rectifyBy: e.list === "red" ? null : e.rectifyBy,
        displayUntil: e.displayUntil,
        status: statusOf(e, today),
      }))
      .sort((a, b) =>
        a.listedAt === b.listedAt
          ? a.documentNo.localeCompare(b.documentNo)
          : a.listedAt < b.listedAt
            ? 1
            : -1,
      );
    // An authority's grade (市场监管 企业信用风险分类) wins over a computed one; newest first.
    const gradeRow = [...grades].sort((a, b) =>
      a.source !== b.source ? (a.source === "official" ? -1 : 1) : a.asOf < b.asOf ? 1 : -1,
    )[0];
    const grade = gradeRow
      ? {
          level: gradeRow.level as GradeLevel,
          source: gradeRow.source,
          scheme: gradeRow.scheme,
          asOf: gradeRow.asOf,
          factors: gradeRow.factors,
        }
      : null;
    const { verdict, reasons } = verdictOf({
      licenseStatus: m.licenseStatus,
      lists,
      grade: grade?.level ?? null,
      verified: verification.length > 0,
      updatedAt: m.updatedAt,
      freshUntil: m.freshUntil,
      now: nowIso,
    });
    const used = new Set<string>();
    for (const r of [m, ...permits, ...shownEntries, ...(gradeRow ? [gradeRow] : [])]) {
      if (r.sourceId) used.add(r.sourceId);
    }
    const record: PublicRecord = {
      uscc: m.uscc,
      name: natural ? maskPersonName(m.name) : m.name,
      kind: m.kind,
      pilotCode: m.pilotCode,
      region: publicRegion(m.divisionCode, region),
      license: {
        status: m.licenseStatus,
        authority: m.authority,
        registeredAt: m.registeredAt,
        legalRepresentative: m.legalRepresentative ? maskPersonName(m.legalRepresentative) : null,
        address: m.address
          ? m.addressIsHome || natural
            ? maskHomeAddress(m.address)
            : scrubPersonalData(m.address)
          : null,
        scope: m.scope ? scrubPersonalData(m.scope) : null,
        onlineOnly: m.onlineOnly,
        exemptionStatement: m.exemptionStatement,
      },
      permits: permits
        .map((p) => ({
          kind: p.kind,
          number: p.number,
          authority: p.authority,
          validFrom: p.validFrom,
          validTo: p.validTo,
        }))
        .sort((a, b) => a.number.localeCompare(b.number)),
      verification,
      grade,
      lists,
      commitments: commitments.map((c) => ({
        title: c.title,
        signedAt: c.signedAt,
        text: c.text,
      })),
      verdict,
      reasons,
      links: recordLinks(opts.baseUrl, m.uscc, natural ? maskPersonName(m.name) : m.name),
      updatedAt: m.updatedAt,
      freshUntil: m.freshUntil,
      sources: [...used]
        .map((id) => sourceById.get(id))
        .filter((s) => s !== undefined)
        .map(publicSource)
        .sort((a, b) => a.id.localeCompare(b.id)),
    };
    const timeMarks = [m.freshUntil];
    for (const v of verifications) if (v.expiresAt) timeMarks.push(v.expiresAt);
    out.set(m.uscc, { record, version: m.version, timeMarks });
  }
  return out;
}

export function compactRecord(r: PublicRecord): CompactRecord {
  return {
    uscc: r.uscc,
    name: r.name,
    verdict: r.verdict,
    brand: { id: r.region.brand.id, zh: r.region.brand.zh, en: r.region.brand.en },
    licenseStatus: r.license.status,
    verified: r.verification.length > 0,
    grade: r.grade?.level ?? null,
    lists: r.lists.map((e) => ({
      list: e.list,
      category: e.category,
      status: e.status,
      listedAt: e.listedAt,
      authority: e.authority,
    })),
    reasons: r.reasons,
    updatedAt: r.updatedAt,
  };
}
