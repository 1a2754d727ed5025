/** One audited page as the CLI stores it (results.jsonl, report.json): the engine's answer plus evidence. */
import type { PageAudit } from "../engine/types.ts";

export interface PageEvidence {
  /** First-screen screenshot (PNG) path relative to the output directory. */
  screenshot: string | null;
  /** Full-page screenshot, or its tiles top to bottom (JPEG). */
  fullPage?: string[];
  /** Every artefact with its SHA-256 (also in the signed manifest). */
  artefacts?: { kind: string; file: string; sha256: string; bytes: number }[];
  /** Signed manifest path (evidence/<stem>.manifest.json), its evidence id, and whether it is signed. */
  manifest?: string | null;
  evidenceId?: string | null;
  signed?: boolean;
  finalUrl?: string | null;
  /** The HTML snapshot (page.content() after load) and its SHA-256, so the evidence can be re-checked. */
  htmlFile: string | null;
  htmlSha256: string | null;
  capturedAt: string;
  httpStatus: number | null;
}

export interface PageResult extends PageAudit {
  /** Run id + page key: what makes posting idempotent. */
  runId?: string;
  pageKey?: string;
  /** Position in the URL list (0-based). */
  index: number;
  requestedUrl: string;
  auditedAt: string;
  attempts: number;
  ms: number;
  evidence: PageEvidence;
}
