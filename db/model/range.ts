/**
 * Contracts of the privacy-preserving lookups (DESIGN §6), shared by the worker and the extension.
 *
 * GET /api/v1/range/{prefix}  → RangeBucket: every shop whose SHA-256(`platform:shopId`) starts with
 *                               `prefix` (4 hex), with a compact record. The client matches locally.
 * GET /api/v1/lists/prefixes  → PrefixSet: the first 8 hex chars of every shop hash whose merchant has
 *                               a publicly shown 黑名单 / 重点关注 entry, for instant, offline warnings.
 */
import type { GradeLevel, ListKind, ListStatus, Verdict } from "./record.ts";

export interface CompactRecord {
  uscc: string;
  name: string;
  verdict: Verdict;
  brand: { id: string; zh: string; en: string };
  licenseStatus: "active" | "abnormal" | "revoked" | "cancelled" | "exempt";
  verified: boolean;
  grade: GradeLevel | null;
  lists: { list: ListKind; category: string; status: ListStatus; listedAt: string; authority: string }[];
  reasons: { code: string; zh: string; en: string }[];
  updatedAt: string;
}

export interface RangeShop {
  /** Full SHA-256 hex of `platform:shopId`; the shop id itself is not in the bucket. */
  hash: string;
  record: CompactRecord;
}

export interface RangeBucket {
  prefix: string;
  /** The newest `updatedAt` among the bucket's records (stable for unchanged data, so ETags hold). */
  generatedAt: string;
  shops: RangeShop[];
}

export const PREFIX_SET_LENGTH = 8;

export interface PrefixSet {
  version: string;
  prefixLength: number;
  generatedAt: string;
  black: string[];
  watch: string[];
}
