CREATE TABLE `audit_checkpoints` (
	`tree_size` integer PRIMARY KEY NOT NULL,
	`head_hash` text NOT NULL,
	`at` text NOT NULL,
	`key_id` text,
	`signature` text
);
--> statement-breakpoint
ALTER TABLE `objections` ADD `tracking_token_hash` text;--> statement-breakpoint
ALTER TABLE `objections` ADD `filed_as` text DEFAULT 'subject' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `objections_tracking_idx` ON `objections` (`tracking_token_hash`);