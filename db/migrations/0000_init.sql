CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`role` text NOT NULL,
	`label` text NOT NULL,
	`partner_id` text,
	`created_at` text NOT NULL,
	`revoked_at` text,
	`last_used_at` text,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_unique` ON `api_keys` (`hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`shop_id` text NOT NULL,
	`uscc` text,
	`url` text NOT NULL,
	`outcome` text NOT NULL,
	`checks` text NOT NULL,
	`evidence_sha256` text,
	`audited_at` text NOT NULL,
	`auditor` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_results_uscc_idx` ON `audit_results` (`uscc`);--> statement-breakpoint
CREATE INDEX `audit_results_platform_idx` ON `audit_results` (`platform`);--> statement-breakpoint
CREATE TABLE `badge_misuse` (
	`platform` text NOT NULL,
	`shop_id` text NOT NULL,
	`origin` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`first_seen` text NOT NULL,
	`last_seen` text NOT NULL,
	PRIMARY KEY(`platform`, `shop_id`, `origin`)
);
--> statement-breakpoint
CREATE TABLE `changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`uscc` text NOT NULL,
	`kind` text NOT NULL,
	`action` text NOT NULL,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `changes_uscc_idx` ON `changes` (`uscc`);--> statement-breakpoint
CREATE TABLE `commitments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uscc` text NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`signed_at` text NOT NULL,
	FOREIGN KEY (`uscc`) REFERENCES `merchants`(`uscc`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `grades` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uscc` text NOT NULL,
	`level` text NOT NULL,
	`source` text NOT NULL,
	`scheme` text NOT NULL,
	`as_of` text NOT NULL,
	`factors` text DEFAULT '[]' NOT NULL,
	`source_id` text,
	FOREIGN KEY (`uscc`) REFERENCES `merchants`(`uscc`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grades_uscc_scheme_idx` ON `grades` (`uscc`,`scheme`,`as_of`);--> statement-breakpoint
CREATE INDEX `grades_uscc_idx` ON `grades` (`uscc`);--> statement-breakpoint
CREATE TABLE `list_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uscc` text NOT NULL,
	`list` text NOT NULL,
	`category` text NOT NULL,
	`authority` text NOT NULL,
	`document_no` text NOT NULL,
	`listed_at` text NOT NULL,
	`rectify_by` text,
	`display_until` text,
	`severe` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`rectified_at` text,
	`repaired_at` text,
	`repair_document_no` text,
	`removed_at` text,
	`removal_reason` text,
	`source_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`uscc`) REFERENCES `merchants`(`uscc`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `list_entries_doc_idx` ON `list_entries` (`uscc`,`list`,`document_no`);--> statement-breakpoint
CREATE INDEX `list_entries_uscc_idx` ON `list_entries` (`uscc`);--> statement-breakpoint
CREATE INDEX `list_entries_list_idx` ON `list_entries` (`list`,`removed_at`);--> statement-breakpoint
CREATE TABLE `merchants` (
	`uscc` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`pilot_code` integer DEFAULT false NOT NULL,
	`division_code` text NOT NULL,
	`license_status` text NOT NULL,
	`authority` text NOT NULL,
	`registered_at` text,
	`legal_representative` text,
	`legal_representative_id_number` text,
	`contact_phone` text,
	`address` text,
	`address_is_home` integer DEFAULT false NOT NULL,
	`scope` text,
	`online_only` integer DEFAULT false NOT NULL,
	`exemption_statement` text,
	`fresh_until` text NOT NULL,
	`source_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `merchants_name_idx` ON `merchants` (`name`);--> statement-breakpoint
CREATE INDEX `merchants_division_idx` ON `merchants` (`division_code`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `objections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`uscc` text NOT NULL,
	`contact` text NOT NULL,
	`reason` text NOT NULL,
	`attachment_url` text,
	`status` text DEFAULT 'submitted' NOT NULL,
	`filed_at` text NOT NULL,
	`accept_by` text NOT NULL,
	`answer_by` text,
	`accepted_at` text,
	`answered_at` text,
	`decision` text,
	FOREIGN KEY (`entry_id`) REFERENCES `list_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `objections_entry_idx` ON `objections` (`entry_id`);--> statement-breakpoint
CREATE INDEX `objections_status_idx` ON `objections` (`status`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`platform` text NOT NULL,
	`webhook_url` text,
	`webhook_secret` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `permits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uscc` text NOT NULL,
	`kind` text NOT NULL,
	`number` text NOT NULL,
	`authority` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`source_id` text,
	FOREIGN KEY (`uscc`) REFERENCES `merchants`(`uscc`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `permits_number_idx` ON `permits` (`uscc`,`kind`,`number`);--> statement-breakpoint
CREATE TABLE `shops` (
	`platform` text NOT NULL,
	`shop_id` text NOT NULL,
	`uscc` text NOT NULL,
	`name` text,
	`url` text,
	`origins` text DEFAULT '[]' NOT NULL,
	`partner_id` text,
	`hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`platform`, `shop_id`),
	FOREIGN KEY (`uscc`) REFERENCES `merchants`(`uscc`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shops_prefix_idx` ON `shops` (`prefix`);--> statement-breakpoint
CREATE INDEX `shops_uscc_idx` ON `shops` (`uscc`);--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`kid` text PRIMARY KEY NOT NULL,
	`public_jwk` text NOT NULL,
	`private_jwk` text,
	`created_at` text NOT NULL,
	`retired_at` text
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`authority` text NOT NULL,
	`published_at` text NOT NULL,
	`url` text,
	`kind` text NOT NULL,
	`file_sha256` text,
	`imported_by` text,
	`imported_at` text
);
--> statement-breakpoint
CREATE TABLE `verifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uscc` text NOT NULL,
	`platform` text NOT NULL,
	`method` text NOT NULL,
	`verified_at` text NOT NULL,
	`expires_at` text,
	`source_id` text,
	FOREIGN KEY (`uscc`) REFERENCES `merchants`(`uscc`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `verifications_uscc_platform_idx` ON `verifications` (`uscc`,`platform`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` text NOT NULL,
	`change_seq` integer NOT NULL,
	`url` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_error` text,
	`last_status` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_status_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`);