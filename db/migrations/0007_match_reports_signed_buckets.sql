CREATE TABLE `match_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`received_at` text NOT NULL,
	`kind` text NOT NULL,
	`platform` text NOT NULL,
	`rules_version` text NOT NULL,
	`extension_version` text NOT NULL,
	`page_url` text
);
--> statement-breakpoint
-- Hand-written (issue 14): range buckets are now sent signed (worker/src/records/signed-range.ts).
-- Buckets kept before this migration carry no signature, and the extension rejects an unsigned
-- bucket: drop them so every bucket is built, signed and kept again on its next request.
DELETE FROM `range_buckets`;
