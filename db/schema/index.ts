/**
 * The drizzle schema (sqlite-core), shared by libSQL (file, :memory:, Turso) and D1.
 * Dates are ISO-8601 text: `YYYY-MM-DD` for legal dates, full timestamps for events.
 * Change it here, then `npm run db:generate` and commit the SQL under db/migrations.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const timestamps = {
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
};

/** A publication a fact came from (a list bulletin, a registry extract, a grade release). */
export const sources = sqliteTable("sources", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  authority: text("authority").notNull(),
  publishedAt: text("published_at").notNull(),
  url: text("url"),
  kind: text("kind", { enum: ["registry", "license", "list", "grade", "verification", "demo"] }).notNull(),
  fileSha256: text("file_sha256"),
  importedBy: text("imported_by"),
  importedAt: text("imported_at"),
});

export const merchants = sqliteTable(
  "merchants",
  {
    uscc: text("uscc").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["enterprise", "individual_business", "natural_person", "other"] }).notNull(),
    /** Early pilot code that fails a GB 32100 check yet is real (DESIGN §4). */
    pilotCode: integer("pilot_code", { mode: "boolean" }).notNull().default(false),
    divisionCode: text("division_code").notNull(),
    licenseStatus: text("license_status", {
      enum: ["active", "abnormal", "revoked", "cancelled", "exempt"],
    }).notNull(),
    authority: text("authority").notNull(),
    registeredAt: text("registered_at"),
    /** Stored in full, masked on every output (PIPL; SAMR Order 45 §6). */
    legalRepresentative: text("legal_representative"),
    /** Never leaves the service. */
    legalRepresentativeIdNumber: text("legal_representative_id_number"),
    /** Never leaves the service. */
    contactPhone: text("contact_phone"),
    address: text("address"),
    /** A natural person's home address: only its region is published. */
    addressIsHome: integer("address_is_home", { mode: "boolean" }).notNull().default(false),
    scope: text("scope"),
    onlineOnly: integer("online_only", { mode: "boolean" }).notNull().default(false),
    exemptionStatement: text("exemption_statement"),
    /**
     * Created from a publication (a list, penalty or permit row naming a code not yet in the registry):
     * only name + code + source are known until a registry extract arrives (issue 15).
     */
    fromPublication: integer("from_publication", { mode: "boolean" }).notNull().default(false),
    /** The record is `caution` after this instant (DESIGN §3 freshness bound). */
    freshUntil: text("fresh_until").notNull(),
    sourceId: text("source_id").references(() => sources.id),
    /** Bumped on every change to the merchant or anything hanging off it; caches key on it. */
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [index("merchants_name_idx").on(t.name), index("merchants_division_idx").on(t.divisionCode)],
);

export const permits = sqliteTable(
  "permits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    uscc: text("uscc")
      .notNull()
      .references(() => merchants.uscc),
    kind: text("kind").notNull(),
    number: text("number").notNull(),
    authority: text("authority").notNull(),
    validFrom: text("valid_from").notNull(),
    validTo: text("valid_to"),
    sourceId: text("source_id").references(() => sources.id),
  },
  (t) => [uniqueIndex("permits_number_idx").on(t.uscc, t.kind, t.number)],
);

/** 身份核验标识: a platform's verification of the operator's identity. */
export const verifications = sqliteTable(
  "verifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    uscc: text("uscc")
      .notNull()
      .references(() => merchants.uscc),
    platform: text("platform").notNull(),
    method: text("method").notNull(),
    verifiedAt: text("verified_at").notNull(),
    expiresAt: text("expires_at"),
    sourceId: text("source_id").references(() => sources.id),
  },
  (t) => [uniqueIndex("verifications_uscc_platform_idx").on(t.uscc, t.platform)],
);

export const partners = sqliteTable("partners", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  platform: text("platform").notNull(),
  webhookUrl: text("webhook_url"),
  /** HMAC-SHA256 key for webhook signatures; the partner holds the same secret. */
  webhookSecret: text("webhook_secret"),
  /** Highest `changes.seq` already turned into webhook deliveries for this partner. */
  webhookCursor: integer("webhook_cursor").notNull().default(0),
  ...timestamps,
});

export const shops = sqliteTable(
  "shops",
  {
    platform: text("platform").notNull(),
    shopId: text("shop_id").notNull(),
    uscc: text("uscc")
      .notNull()
      .references(() => merchants.uscc),
    name: text("name"),
    url: text("url"),
    /** JSON array of origins where the platform shows this shop's badge (DESIGN §6). */
    origins: text("origins", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    partnerId: text("partner_id").references(() => partners.id),
    /** SHA-256 hex of `platform:shopId`; `prefix` is its first 4 chars (k-anonymity bucket). */
    hash: text("hash").notNull(),
    prefix: text("prefix").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.platform, t.shopId] }),
    // Covering (prefix, hash, uscc): a range bucket's shops are read from one index leaf instead of
    // ~18 scattered table rows (500 → ~30 µs per bucket at 1.2M shops; bench/history.md item 19).
    index("shops_prefix_idx").on(t.prefix, t.hash, t.uscc),
    index("shops_uscc_idx").on(t.uscc),
  ],
);

export const listEntries = sqliteTable(
  "list_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    uscc: text("uscc")
      .notNull()
      .references(() => merchants.uscc),
    list: text("list", { enum: ["red", "black", "watch"] }).notNull(),
    category: text("category").notNull(),
    authority: text("authority").notNull(),
    documentNo: text("document_no").notNull(),
    listedAt: text("listed_at").notNull(),
    rectifyBy: text("rectify_by"),
    displayUntil: text("display_until"),
    /** 严重违法失信名单 (SAMR): early removal only after one year. */
    severe: integer("severe", { mode: "boolean" }).notNull().default(false),
    /** The publication type the entry came from (经营异常名录, 严重违法失信名单, 失信被执行人 …); null: a plain list. */
    publicationType: text("publication_type"),
    /** Lifecycle status as last written by the scheduled job; the read path recomputes it. */
    status: text("status", { enum: ["active", "rectifying", "overdue", "objected"] })
      .notNull()
      .default("active"),
    rectifiedAt: text("rectified_at"),
    repairedAt: text("repaired_at"),
    repairDocumentNo: text("repair_document_no"),
    removedAt: text("removed_at"),
    removalReason: text("removal_reason"),
    /** When the lifecycle job put an overdue entry on the regulator's escalation list (赣信用办〔2018〕26号 五). */
    escalatedAt: text("escalated_at"),
    /** When the lifecycle job noticed the display period had ended (the entry left public view). */
    expiredAt: text("expired_at"),
    sourceId: text("source_id").references(() => sources.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("list_entries_doc_idx").on(t.uscc, t.list, t.documentNo),
    index("list_entries_uscc_idx").on(t.uscc),
    index("list_entries_list_idx").on(t.list, t.removedAt),
  ],
);

export const grades = sqliteTable(
  "grades",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    uscc: text("uscc")
      .notNull()
      .references(() => merchants.uscc),
    level: text("level", { enum: ["A", "B", "C", "D"] }).notNull(),
    source: text("source", { enum: ["official", "computed"] }).notNull(),
    scheme: text("scheme").notNull(),
    asOf: text("as_of").notNull(),
    factors: text("factors", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    sourceId: text("source_id").references(() => sources.id),
  },
  (t) => [
    uniqueIndex("grades_uscc_scheme_idx").on(t.uscc, t.scheme, t.asOf),
    index("grades_uscc_idx").on(t.uscc),
  ],
);

/** 信用承诺 (苏政办规〔2023〕13号: 在电子商务领域推行信用承诺制度 … 大力推进信用承诺网上公示). */
export const commitments = sqliteTable(
  "commitments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    uscc: text("uscc")
      .notNull()
      .references(() => merchants.uscc),
    title: text("title").notNull(),
    text: text("text").notNull(),
    signedAt: text("signed_at").notNull(),
  },
  // Every record build looks commitments up by uscc: without this index each lookup scanned the whole
  // table (≈118k rows at 1M merchants; bench/results.md "query plans").
  (t) => [index("commitments_uscc_idx").on(t.uscc)],
);

/** 异议: accept within 2 working days, answer within 10 (信用广州 practice). */
export const objections = sqliteTable(
  "objections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entryId: integer("entry_id")
      .notNull()
      .references(() => listEntries.id),
    uscc: text("uscc").notNull(),
    /** Private: never published. */
    contact: text("contact").notNull(),
    reason: text("reason").notNull(),
    attachmentUrl: text("attachment_url"),
    status: text("status", { enum: ["submitted", "accepted", "upheld", "rejected", "refused"] })
      .notNull()
      .default("submitted"),
    filedAt: text("filed_at").notNull(),
    acceptBy: text("accept_by").notNull(),
    answerBy: text("answer_by"),
    acceptedAt: text("accepted_at"),
    answeredAt: text("answered_at"),
    decision: text("decision"),
    /**
     * SHA-256 hex of the private tracking token handed to the filer once (the token itself is never
     * stored); null for objections filed before tracking tokens existed.
     */
    trackingTokenHash: text("tracking_token_hash"),
    /** Who filed: the 信用主体 itself or its agent (SECURITY.md "who may object"). */
    filedAs: text("filed_as", { enum: ["subject", "agent"] })
      .notNull()
      .default("subject"),
    /**
     * Why a refusal (不予受理) was made: `not_entitled` (the filer is neither the subject nor its agent)
     * does not close the entry to the subject's own objection; `no_grounds` starts the cooling period.
     */
    refusalKind: text("refusal_kind", { enum: ["not_entitled", "no_grounds"] }),
  },
  (t) => [
    index("objections_entry_idx").on(t.entryId),
    index("objections_status_idx").on(t.status),
    uniqueIndex("objections_tracking_idx").on(t.trackingTokenHash),
  ],
);

export const apiKeys = sqliteTable("api_keys", {
  id: text("id").primaryKey(),
  /** SHA-256 hex of the secret; the secret itself is shown once and never stored. */
  hash: text("hash").notNull().unique(),
  role: text("role").notNull(),
  label: text("label").notNull(),
  partnerId: text("partner_id").references(() => partners.id),
  createdAt: text("created_at").notNull(),
  revokedAt: text("revoked_at"),
  lastUsedAt: text("last_used_at"),
  /** Requests per minute; null = the role's default. */
  rateLimitPerMinute: integer("rate_limit_per_minute"),
});

/**
 * Working-day calendar for objection deadlines: public holidays (`holiday`) and the weekend days
 * made working days by 调休 (`workday`), as published each year by the 国务院办公厅.
 */
export const holidays = sqliteTable("holidays", {
  date: text("date").primaryKey(),
  kind: text("kind", { enum: ["holiday", "workday"] }).notNull(),
  name: text("name").notNull(),
});

/** Applied imports with their validation reports (the regulator dashboard lists them). */
export const importRuns = sqliteTable(
  "import_runs",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["merchants", "permits", "lists", "grades", "verifications"] }).notNull(),
    sourceId: text("source_id").references(() => sources.id),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    encoding: text("encoding").notNull(),
    actor: text("actor").notNull(),
    at: text("at").notNull(),
    rows: integer("rows").notNull(),
    inserted: integer("inserted").notNull(),
    updated: integer("updated").notNull(),
    unchanged: integer("unchanged").notNull(),
    /** JSON validation report (warnings; an applied import has no errors). */
    report: text("report", { mode: "json" }).$type<unknown>().notNull(),
  },
  (t) => [index("import_runs_at_idx").on(t.at)],
);

/**
 * Regulator-only: the raw text of a published cell whose public value was masked on import because it
 * carried personal data (ID number, phone, bank card: db/model/pii-guard.ts; issue 13 item 1). Never read
 * by public code (records, pages, badges, range buckets, search, feeds are built without this table).
 */
export const restrictedTexts = sqliteTable(
  "restricted_texts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** merchant | list_entry | permit | grade | verification */
    entity: text("entity").notNull(),
    /** The fact's natural key as the import names it (e.g. `uscc|list|文书号`). */
    entityKey: text("entity_key").notNull(),
    uscc: text("uscc").notNull(),
    field: text("field").notNull(),
    rawText: text("raw_text").notNull(),
    sourceId: text("source_id").references(() => sources.id),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [
    index("restricted_texts_entity_idx").on(t.entity, t.entityKey),
    index("restricted_texts_uscc_idx").on(t.uscc),
  ],
);

/** Append-only, hash-chained: each row carries the SHA-256 of the previous one. */
export const auditLog = sqliteTable("audit_log", {
  seq: integer("seq").primaryKey({ autoIncrement: true }),
  at: text("at").notNull(),
  actor: text("actor").notNull(),
  action: text("action").notNull(),
  entity: text("entity").notNull(),
  entityId: text("entity_id").notNull(),
  before: text("before"),
  after: text("after"),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});

/**
 * Signed tree heads of the audit log (like Certificate Transparency's STH, RFC 6962 §3.5): written in
 * the same transaction as every batch of audit rows, kept as history. `treeSize` rows exist and the
 * row with seq = treeSize has hash `headHash`; the Ed25519 signature (service signing key `keyId`)
 * covers the canonical JSON of { log, treeSize, headHash, timestamp }.
 */
export const auditCheckpoints = sqliteTable("audit_checkpoints", {
  treeSize: integer("tree_size").primaryKey(),
  headHash: text("head_hash").notNull(),
  at: text("at").notNull(),
  keyId: text("key_id"),
  signature: text("signature"),
});

/** Change feed for partners: monotonic `seq`, one row per list/grade/license change of a merchant. */
export const changes = sqliteTable(
  "changes",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    uscc: text("uscc").notNull(),
    kind: text("kind", { enum: ["list", "grade", "license"] }).notNull(),
    action: text("action").notNull(),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index("changes_uscc_idx").on(t.uscc)],
);

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    changeSeq: integer("change_seq").notNull(),
    url: text("url").notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed", "dead"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at"),
    lastError: text("last_error"),
    lastStatus: integer("last_status"),
    ...timestamps,
  },
  (t) => [
    index("webhook_deliveries_status_idx").on(t.status, t.nextAttemptAt),
    // One delivery per partner and change, even if two dispatchers run at once.
    uniqueIndex("webhook_deliveries_change_idx").on(t.partnerId, t.changeSeq),
  ],
);

/** Ed25519 signing keys. The embedded default keeps its private key here; on Workers it is a secret. */
export const signingKeys = sqliteTable("signing_keys", {
  kid: text("kid").primaryKey(),
  publicJwk: text("public_jwk").notNull(),
  privateJwk: text("private_jwk"),
  createdAt: text("created_at").notNull(),
  retiredAt: text("retired_at"),
});

/** Embed badges shown on an origin the platform did not register for the shop (DESIGN §6). */
export const badgeMisuse = sqliteTable(
  "badge_misuse",
  {
    platform: text("platform").notNull(),
    shopId: text("shop_id").notNull(),
    origin: text("origin").notNull(),
    count: integer("count").notNull().default(0),
    firstSeen: text("first_seen").notNull(),
    lastSeen: text("last_seen").notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.shopId, t.origin] })],
);

/** Results of license-display audits posted by auditors (电子商务法 §15). */
export const auditResults = sqliteTable(
  "audit_results",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platform: text("platform").notNull(),
    shopId: text("shop_id").notNull(),
    uscc: text("uscc"),
    url: text("url").notNull(),
    /** review: no display check failed but one could not be decided (OCR unavailable, a capture cap). */
    outcome: text("outcome", { enum: ["compliant", "non_compliant", "review", "error"] }).notNull(),
    checks: text("checks", { mode: "json" }).$type<unknown[]>().notNull(),
    evidenceSha256: text("evidence_sha256"),
    auditedAt: text("audited_at").notNull(),
    auditor: text("auditor").notNull(),
    /** Audit run + page key (issue 16): a re-post of the same run replaces its row instead of doubling the statistics. */
    runId: text("run_id"),
    pageKey: text("page_key"),
    /** Id of the signed evidence manifest (the public page shows it with the last audit). */
    evidenceId: text("evidence_id"),
    /** 登记机关 of the merchant at audit time (routing, the monthly report's region). */
    authority: text("authority"),
  },
  (t) => [
    index("audit_results_uscc_idx").on(t.uscc),
    index("audit_results_platform_idx").on(t.platform),
    uniqueIndex("audit_results_run_page_uq").on(t.runId, t.pageKey),
  ],
);

/**
 * Range buckets (DESIGN §6) kept once built: a bucket is ~18 shops of ~18 unrelated merchants, so
 * building one reads and builds ~18 records (bench/history.md item 19). `range_versions` holds a
 * counter per bucket prefix that the triggers of migration 0004 move on every write to a shop of the
 * bucket or to anything its merchants' public records are built from (merchants, permits,
 * verifications, list entries, objections, grades, commitments) — by any writer, hand edits included.
 * A kept bucket is served only while its `v` equals the prefix's counter and `validUntil` (the next
 * Shanghai midnight, or sooner when a verification expires or a record turns stale) is ahead.
 */
export const rangeVersions = sqliteTable("range_versions", {
  prefix: text("prefix").primaryKey(),
  v: integer("v").notNull().default(0),
});

export const rangeBuckets = sqliteTable("range_buckets", {
  prefix: text("prefix").primaryKey(),
  /** The prefix's range_versions.v read before the bucket was built. */
  v: integer("v").notNull(),
  /** ISO instant from which the bucket must be built again. */
  validUntil: text("valid_until").notNull(),
  etag: text("etag").notNull(),
  /** The JSON body, exactly as sent. */
  body: text("body").notNull(),
});

/**
 * Reports of a wrong or missed shop match, sent from the extension's popup by a person who confirmed
 * exactly this content (issue 14): for the team that maintains the detection rules. No shop id, no
 * IP address, no account: the page address only when the person ticked it. Private, never published.
 */
export const matchReports = sqliteTable("match_reports", {
  /** Random reference shown to the person (`mr_…`). */
  id: text("id").primaryKey(),
  receivedAt: text("received_at").notNull(),
  kind: text("kind", { enum: ["missed", "wrong"] }).notNull(),
  platform: text("platform").notNull(),
  rulesVersion: text("rules_version").notNull(),
  extensionVersion: text("extension_version").notNull(),
  pageUrl: text("page_url"),
});

/** Key–value facts about the database (named metaTable: an import named `meta` trips vite on `import.meta`). */
export const metaTable = sqliteTable("meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

export const schema = {
  matchReports,
  sources,
  merchants,
  permits,
  verifications,
  partners,
  shops,
  listEntries,
  grades,
  commitments,
  objections,
  apiKeys,
  auditLog,
  changes,
  webhookDeliveries,
  signingKeys,
  badgeMisuse,
  auditResults,
  holidays,
  importRuns,
  restrictedTexts,
  rangeVersions,
  rangeBuckets,
  metaTable,
};
