/** One audited page as the CLI stores it (results.jsonl, report.json): the engine's answer plus evidence. */
import type { PageAudit } from "../engine/types.ts";

export interface PageEvidence {
  /** Screenshot path relative to the output directory. */
  screenshot: string | null;
  /** The HTML snapshot (page.content() after load) and its SHA-256, so the evidence can be re-checked. */
  htmlFile: string | null;
  htmlSha256: string | null;
  capturedAt: string;
  httpStatus: number | null;
}

export interface PageResult extends PageAudit {
  /** Position in the URL list (0-based). */
  index: number;
  requestedUrl: string;
  auditedAt: string;
  attempts: number;
  ms: number;
  evidence: PageEvidence;
}
