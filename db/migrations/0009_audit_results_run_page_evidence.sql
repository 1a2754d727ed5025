ALTER TABLE `audit_results` ADD `run_id` text;--> statement-breakpoint
ALTER TABLE `audit_results` ADD `page_key` text;--> statement-breakpoint
ALTER TABLE `audit_results` ADD `evidence_id` text;--> statement-breakpoint
ALTER TABLE `audit_results` ADD `authority` text;--> statement-breakpoint
CREATE UNIQUE INDEX `audit_results_run_page_uq` ON `audit_results` (`run_id`,`page_key`);