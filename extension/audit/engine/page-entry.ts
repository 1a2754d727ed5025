/**
 * Entry of the in-page bundle the CLI injects into each audited page (esbuild, IIFE): the same
 * capture code the extension's content script runs, with the platform adapters.
 */
import { capturePage } from "./capture.ts";

(globalThis as unknown as { XinbiaoAudit: unknown }).XinbiaoAudit = { capturePage };
