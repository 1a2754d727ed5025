/**
 * The rows a public record is built from, read with ONE statement per batch of merchants: the merchant
 * row with its permits, verifications, list entries (each with "has an open objection"), grades and
 * commitments folded into JSON arrays by SQLite itself (json_group_array). One statement instead of
 * seven means one prepare, one round trip on D1/Turso, and one consistent snapshot of every table.
 * The merchant codes are bound as one JSON array (`json_each(?)`): one prepared statement serves any
 * batch size, and D1's 100-parameter limit never applies.
 */
import type {
  commitments,
  grades,
  listEntries,
  merchants,
  permits,
  sources,
  verifications,
} from "@xinbiao/db/schema";

// The row shapes are the schema's own (drizzle's inferred select types), narrowed to what a record reads.
type Row<T extends { $inferSelect: unknown }> = T["$inferSelect"];

export type MerchantRowForRecord = Pick<
  Row<typeof merchants>,
  | "uscc"
  | "name"
  | "kind"
  | "pilotCode"
  | "divisionCode"
  | "licenseStatus"
  | "authority"
  | "registeredAt"
  | "legalRepresentative"
  | "address"
  | "addressIsHome"
  | "scope"
  | "onlineOnly"
  | "exemptionStatement"
  | "freshUntil"
  | "sourceId"
  | "version"
  | "updatedAt"
>;
export type PermitRowForRecord = Pick<
  Row<typeof permits>,
  "kind" | "number" | "authority" | "validFrom" | "validTo" | "sourceId"
>;
export type VerificationRowForRecord = Pick<
  Row<typeof verifications>,
  "platform" | "method" | "verifiedAt" | "expiresAt"
>;
export type EntryRowForRecord = Pick<
  Row<typeof listEntries>,
  | "id"
  | "list"
  | "category"
  | "authority"
  | "documentNo"
  | "listedAt"
  | "rectifyBy"
  | "displayUntil"
  | "rectifiedAt"
  | "repairedAt"
  | "removedAt"
  | "sourceId"
> & {
  /** A regulator accepted (受理) an objection and has not answered it yet (异议处理中); filing alone does not count. */
  objectionOpen: boolean;
};
export type GradeRowForRecord = Pick<
  Row<typeof grades>,
  "level" | "source" | "scheme" | "asOf" | "factors" | "sourceId"
>;
export type CommitmentRowForRecord = Pick<Row<typeof commitments>, "title" | "signedAt" | "text">;
export type SourceRowForRecord = Pick<
  Row<typeof sources>,
  "id" | "title" | "authority" | "publishedAt" | "url"
>;

/** Everything one record is built from. */
export interface MerchantBundle {
  merchant: MerchantRowForRecord;
  permits: PermitRowForRecord[];
  verifications: VerificationRowForRecord[];
  entries: EntryRowForRecord[];
  grades: GradeRowForRecord[];
  commitments: CommitmentRowForRecord[];
}

/**
 * One row per merchant whose code is in the JSON array bound to `?`. Child rows come ordered by id,
 * so equal sort keys keep insertion order as the per-table queries did. Each subquery is a SEARCH on
 * the table's uscc index (bench/results.md lists the plans).
 */
export const BUNDLE_SQL = `SELECT m.uscc, m.name, m.kind, m.pilot_code, m.division_code, m.license_status, m.authority,
  m.registered_at, m.legal_representative, m.address, m.address_is_home, m.scope, m.online_only,
  m.exemption_statement, m.fresh_until, m.source_id, m.version, m.updated_at,
  (SELECT json_group_array(json_array(kind, number, authority, valid_from, valid_to, source_id))
     FROM (SELECT * FROM permits WHERE uscc = m.uscc ORDER BY id)) AS permits,
  (SELECT json_group_array(json_array(platform, method, verified_at, expires_at))
     FROM (SELECT * FROM verifications WHERE uscc = m.uscc ORDER BY id)) AS verifications,
  (SELECT json_group_array(json_array(id, list, category, authority, document_no, listed_at, rectify_by,
          display_until, rectified_at, repaired_at, removed_at, source_id,
          EXISTS (SELECT 1 FROM objections o WHERE o.entry_id = e.id AND o.status = 'accepted')))
     FROM (SELECT * FROM list_entries WHERE uscc = m.uscc ORDER BY id) AS e) AS entries,
  (SELECT json_group_array(json_array(level, source, scheme, as_of, json(factors), source_id))
     FROM (SELECT * FROM grades WHERE uscc = m.uscc ORDER BY id)) AS grades,
  (SELECT json_group_array(json_array(title, signed_at, text))
     FROM (SELECT * FROM commitments WHERE uscc = m.uscc ORDER BY id)) AS commitments
FROM merchants m
WHERE m.uscc IN (SELECT value FROM json_each(?))`;

export const SOURCES_SQL =
  "SELECT id, title, authority, published_at, url FROM sources WHERE id IN (SELECT value FROM json_each(?))";

export const BUCKET_SQL = "SELECT hash, uscc FROM shops WHERE prefix = ? ORDER BY hash";

/** A row of BUNDLE_SQL as the drivers return it (column name → value). */
export type BundleRow = Record<string, unknown>;

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const bool = (v: unknown): boolean => v === 1 || v === 1n || v === true || v === "1";
const arr = (v: unknown): unknown[][] => (typeof v === "string" ? (JSON.parse(v) as unknown[][]) : []);

export function decodeBundle(r: BundleRow): MerchantBundle {
  return {
    merchant: {
      uscc: str(r.uscc),
      name: str(r.name),
      kind: str(r.kind) as MerchantRowForRecord["kind"],
      pilotCode: bool(r.pilot_code),
      divisionCode: str(r.division_code),
      licenseStatus: str(r.license_status) as MerchantRowForRecord["licenseStatus"],
      authority: str(r.authority),
      registeredAt: strOrNull(r.registered_at),
      legalRepresentative: strOrNull(r.legal_representative),
      address: strOrNull(r.address),
      addressIsHome: bool(r.address_is_home),
      scope: strOrNull(r.scope),
      onlineOnly: bool(r.online_only),
      exemptionStatement: strOrNull(r.exemption_statement),
      freshUntil: str(r.fresh_until),
      sourceId: strOrNull(r.source_id),
      version: Number(r.version),
      updatedAt: str(r.updated_at),
    },
    permits: arr(r.permits).map((p) => ({
      kind: str(p[0]),
      number: str(p[1]),
      authority: str(p[2]),
      validFrom: str(p[3]),
      validTo: strOrNull(p[4]),
      sourceId: strOrNull(p[5]),
    })),
    verifications: arr(r.verifications).map((v) => ({
      platform: str(v[0]),
      method: str(v[1]),
      verifiedAt: str(v[2]),
      expiresAt: strOrNull(v[3]),
    })),
    entries: arr(r.entries).map((e) => ({
      id: Number(e[0]),
      list: str(e[1]) as EntryRowForRecord["list"],
      category: str(e[2]),
      authority: str(e[3]),
      documentNo: str(e[4]),
      listedAt: str(e[5]),
      rectifyBy: strOrNull(e[6]),
      displayUntil: strOrNull(e[7]),
      rectifiedAt: strOrNull(e[8]),
      repairedAt: strOrNull(e[9]),
      removedAt: strOrNull(e[10]),
      sourceId: strOrNull(e[11]),
      objectionOpen: bool(e[12]),
    })),
    grades: arr(r.grades).map((g) => ({
      level: str(g[0]) as GradeRowForRecord["level"],
      source: str(g[1]) as GradeRowForRecord["source"],
      scheme: str(g[2]),
      asOf: str(g[3]),
      factors: Array.isArray(g[4]) ? (g[4] as unknown[]).map(str) : [],
      sourceId: strOrNull(g[5]),
    })),
    commitments: arr(r.commitments).map((c) => ({
      title: str(c[0]),
      signedAt: str(c[1]),
      text: str(c[2]),
    })),
  };
}

export function decodeSource(r: BundleRow): SourceRowForRecord {
  return {
    id: str(r.id),
    title: str(r.title),
    authority: str(r.authority),
    publishedAt: str(r.published_at),
    url: strOrNull(r.url),
  };
}

/**
 * A kept range bucket (range-buckets.ts), only while it is still good: built at the prefix's current
 * counter (moved by the triggers of migration 0004 on any write that touches the bucket) and before
 * its `valid_until`. One statement, so the counter and the bucket come from one snapshot.
 */
export const KEPT_BUCKET_SQL = `SELECT b.body, b.etag FROM range_buckets b
WHERE b.prefix = ? AND b.valid_until > ?
  AND b.v = coalesce((SELECT v FROM range_versions WHERE prefix = b.prefix), 0)`;

/** The same, the body as its UTF-8 bytes (no decoding to a JS string and encoding back to send it). */
export const KEPT_BUCKET_BYTES_SQL = KEPT_BUCKET_SQL.replace("b.body,", "CAST(b.body AS BLOB) AS body,");

export const RANGE_VERSION_SQL = "SELECT coalesce((SELECT v FROM range_versions WHERE prefix = ?), 0) AS v";

/** Keep a built bucket; a build that started from an older counter never replaces a newer one. */
export const KEEP_BUCKET_SQL = `INSERT INTO range_buckets (prefix, v, valid_until, etag, body) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (prefix) DO UPDATE SET v = excluded.v, valid_until = excluded.valid_until, etag = excluded.etag,
  body = excluded.body
WHERE excluded.v >= range_buckets.v`;

/** A range bucket as kept: the JSON body exactly as sent (text or its UTF-8 bytes), with its ETag. */
export interface KeptBucket {
  body: string | Uint8Array;
  etag: string;
}

export interface BucketToKeep {
  body: string;
  etag: string;
  prefix: string;
  /** The prefix's counter read before the bucket was built. */
  v: number;
  /** ISO instant from which the bucket must be built again. */
  validUntil: string;
}
