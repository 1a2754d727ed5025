-- Every write to a shop, or to anything a public record is built from, moves the counter of each range
-- bucket that holds one of the merchant's shops, so a kept bucket (range_buckets) built before the write
-- is never served again (worker/src/records/range-buckets.ts). Triggers, not application code: hand
-- edits, CLI imports in another process and D1 consoles bypass any WriteSet.
CREATE TABLE `range_buckets` (
	`prefix` text PRIMARY KEY NOT NULL,
	`v` integer NOT NULL,
	`valid_until` text NOT NULL,
	`etag` text NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `range_versions` (
	`prefix` text PRIMARY KEY NOT NULL,
	`v` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `range_stale_merchants_insert` AFTER INSERT ON `merchants` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (NEW.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_merchants_update` AFTER UPDATE ON `merchants` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (OLD.uscc, NEW.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_merchants_delete` AFTER DELETE ON `merchants` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (OLD.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_permits_insert` AFTER INSERT ON `permits` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (NEW.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_permits_update` AFTER UPDATE ON `permits` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (OLD.uscc, NEW.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_permits_delete` AFTER DELETE ON `permits` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (OLD.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_verifications_insert` AFTER INSERT ON `verifications` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (NEW.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_verifications_update` AFTER UPDATE ON `verifications` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (OLD.uscc, NEW.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_verifications_delete` AFTER DELETE ON `verifications` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (OLD.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_list_entries_insert` AFTER INSERT ON `list_entries` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (NEW.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_list_entries_update` AFTER UPDATE ON `list_entries` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (OLD.uscc, NEW.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_list_entries_delete` AFTER DELETE ON `list_entries` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (OLD.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_objections_insert` AFTER INSERT ON `objections` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (NEW.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_objections_update` AFTER UPDATE ON `objections` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (OLD.uscc, NEW.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_objections_delete` AFTER DELETE ON `objections` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (OLD.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_grades_insert` AFTER INSERT ON `grades` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (NEW.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_grades_update` AFTER UPDATE ON `grades` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (OLD.uscc, NEW.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_grades_delete` AFTER DELETE ON `grades` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (OLD.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_commitments_insert` AFTER INSERT ON `commitments` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (NEW.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_commitments_update` AFTER UPDATE ON `commitments` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (OLD.uscc, NEW.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_commitments_delete` AFTER DELETE ON `commitments` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT prefix, 1 FROM shops WHERE uscc IN (OLD.uscc)
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_shops_insert` AFTER INSERT ON `shops` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT NEW.prefix, 1 WHERE true
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_shops_update` AFTER UPDATE ON `shops` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT DISTINCT value, 1 FROM json_each(json_array(OLD.prefix, NEW.prefix)) WHERE true
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `range_stale_shops_delete` AFTER DELETE ON `shops` BEGIN
  INSERT INTO range_versions (prefix, v) SELECT OLD.prefix, 1 WHERE true
    ON CONFLICT (prefix) DO UPDATE SET v = v + 1;
END;
