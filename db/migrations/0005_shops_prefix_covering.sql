DROP INDEX `shops_prefix_idx`;--> statement-breakpoint
CREATE INDEX `shops_prefix_idx` ON `shops` (`prefix`,`hash`,`uscc`);