CREATE TABLE `holidays` (
	`date` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `import_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`source_id` text,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`encoding` text NOT NULL,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	`rows` integer NOT NULL,
	`inserted` integer NOT NULL,
	`updated` integer NOT NULL,
	`unchanged` integer NOT NULL,
	`report` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_runs_at_idx` ON `import_runs` (`at`);--> statement-breakpoint
ALTER TABLE `api_keys` ADD `rate_limit_per_minute` integer;--> statement-breakpoint
ALTER TABLE `list_entries` ADD `escalated_at` text;--> statement-breakpoint
ALTER TABLE `list_entries` ADD `expired_at` text;--> statement-breakpoint
ALTER TABLE `partners` ADD `webhook_cursor` integer DEFAULT 0 NOT NULL;