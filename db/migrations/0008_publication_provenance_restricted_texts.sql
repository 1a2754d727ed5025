CREATE TABLE `restricted_texts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`entity_key` text NOT NULL,
	`uscc` text NOT NULL,
	`field` text NOT NULL,
	`raw_text` text NOT NULL,
	`source_id` text,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `restricted_texts_entity_idx` ON `restricted_texts` (`entity`,`entity_key`);--> statement-breakpoint
CREATE INDEX `restricted_texts_uscc_idx` ON `restricted_texts` (`uscc`);--> statement-breakpoint
ALTER TABLE `list_entries` ADD `publication_type` text;--> statement-breakpoint
ALTER TABLE `merchants` ADD `from_publication` integer DEFAULT false NOT NULL;