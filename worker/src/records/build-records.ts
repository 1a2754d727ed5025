/**
 * Build public records (DESIGN §3) from the database, many merchants at a time with one query per
 * table, so a range bucket of twenty shops costs the same handful of queries as one record.
 * Only public fields leave here; natural persons are masked (PIPL; SAMR Order 45 §6), and every
 * free-text string passes the public-output guard (db/model/pii-guard.ts, issue 13 item 1): an ID
 * number, phone or card number typed into a list reason, an address, a scope, a permit or grade field
 * is masked here, once per build (the record cache keeps the built bytes), before the record is signed.
 * Not guarded: the USCC itself, enum values, dates, and links (built from guarded values).
 */
import type { Db } from "@xinbiao/db/client";
import {
  type CompactRecord,
  type GradeLevel,
  guardPublicText,
  isPubliclyShown,
  maskHomeAddress,
  maskPersonName,
  type PublicRecord,
  regionOf,
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
      title: g(s.title),
      authority: g(s.authority),
      publishedAt: s.publishedAt,
      url: s.url === null ? null : g(s.url),
    });
    if (sourceObjects.size > 10_000) sourceObjects.clear();
    sourceObjects.set(key, out);
  }
  return out;
}

/** The public-output guard; short name, used on every free-text field below. */
const g = guardPublicText;
const gOrNull = (v: string | null): string | null => (v === null ? null : guardPublicText(v));

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
        platform: g(v.platform),
        method: g(v.method),
        verifiedAt: v.verifiedAt,
        expiresAt: v.expiresAt,
      }))
      .sort((a, b) => a.platform.localeCompare(b.platform));
    const lists = shownEntries
      .map((e) => ({
        list: e.list,
        category: g(e.category),
        authority: g(e.authority),
        documentNo: g(e.documentNo),
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
          scheme: g(gradeRow.scheme),
          asOf: gradeRow.asOf,
          factors: gradeRow.factors.map(g),
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
    // Guarded before the links are made from it (the 12315 link carries the name, URL-encoded).
    const name = g(natural ? maskPersonName(m.name) : m.name);
    const record: PublicRecord = {
      uscc: m.uscc,
      name,
      kind: m.kind,
      pilotCode: m.pilotCode,
      region: publicRegion(m.divisionCode, region),
      license: {
        status: m.licenseStatus,
        authority: g(m.authority),
        registeredAt: m.registeredAt,
        legalRepresentative: m.legalRepresentative ? g(maskPersonName(m.legalRepresentative)) : null,
        address: m.address ? g(m.addressIsHome || natural ? maskHomeAddress(m.address) : m.address) : null,
        scope: gOrNull(m.scope),
        onlineOnly: m.onlineOnly,
        exemptionStatement: gOrNull(m.exemptionStatement),
      },
      permits: permits
        .map((p) => ({
          kind: g(p.kind),
          number: g(p.number),
          authority: g(p.authority),
          validFrom: p.validFrom,
          validTo: p.validTo,
        }))
        .sort((a, b) => a.number.localeCompare(b.number)),
      verification,
      grade,
      lists,
      commitments: commitments.map((c) => ({
        title: g(c.title),
        signedAt: c.signedAt,
        text: g(c.text),
      })),
      verdict,
      // Built from the guarded list categories; guarded again in case a reason ever quotes raw text.
      reasons: reasons.map((r) => ({ ...r, zh: g(r.zh), en: g(r.en) })),
      links: recordLinks(opts.baseUrl, m.uscc, name),
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
