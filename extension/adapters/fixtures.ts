/**
 * Reading saved fixture pages (tests only). Each fixture's first line is a metadata comment:
 *   <!-- xinbiao-fixture {"url": …, "shopId": …|null, "anchor": true|false, "shape"?: …,
 *        "source"?: …, "uscc"?: …, "badgeShop"?: …} -->
 * which says where the page lives, what an adapter must read from it (shopId null: the page must be
 * reported "not checked"; `{namespace}:…`: an identity alias, rules/builtin.ts), which URL shape it is, and the public source its markup follows.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface FixtureMeta {
  url: string;
  /** null: the page must not yield a shop (reported "not checked"). */
  shopId?: string | null;
  /** The page rule (URL shape) the fixture exercises, e.g. "item-desktop". */
  shape?: string;
  /** The design version the markup follows, e.g. "2024 ShopHeaderNew". */
  design?: string;
  /** Where the markup's structure comes from: repository + path / file id, or page URL. */
  source?: string;
  /** Why a "not checked" fixture has no identity at all (shown in the README coverage table). */
  why?: string;
  /** The status the rules engine must report, when not "found". */
  status?: "no_id" | "ambiguous";
  uscc?: string;
  badgeShop?: string;
  anchor: boolean;
}

export interface Fixture {
  file: string;
  path: string;
  html: string;
  meta: FixtureMeta;
}

// fileURLToPath, not `new URL(".", …)`: the DOM environment replaces the global URL class.
export const ADAPTERS_DIR = dirname(fileURLToPath(import.meta.url));

export function readFixtures(folder: string): Fixture[] {
  const dir = join(ADAPTERS_DIR, folder, "fixtures");
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".html"));
  } catch {
    return [];
  }
  return files.sort().map((file) => {
    const path = join(dir, file);
    const html = readFileSync(path, "utf8");
    const m = /^<!-- xinbiao-fixture (\{.*\}) -->/.exec(html);
    if (!m) throw new Error(`${folder}/fixtures/${file}: missing the xinbiao-fixture metadata comment`);
    return { file, path, html, meta: JSON.parse(m[1]!) as FixtureMeta };
  });
}

/** Parse a fixture into a fresh Document (happy-dom in unit tests). */
export function toDocument(html: string): Document {
  return new DOMParser().parseFromString(html, "text/html");
}
