/**
 * 严重违法失信名单 (市场监管总局《市场监督管理严重违法失信名单管理办法》): listed for 3 years by default;
 * a party may ask for early removal only once it has been listed for at least one year (DESIGN §4).
 * Credit repair of such an entry is an early removal too and follows the same rule.
 */
import { addMonths } from "@xinbiao/db/model";

export type EarlyRemovalCheck = { ok: true } | { ok: false; earliest: string; zh: string; en: string };

export function checkEarlyRemoval(
  entry: { severe: boolean; listedAt: string },
  date: string,
): EarlyRemovalCheck {
  if (!entry.severe) return { ok: true };
  const earliest = addMonths(entry.listedAt, 12);
  if (date >= earliest) return { ok: true };
  return {
    ok: false,
    earliest,
    zh: `严重违法失信名单列入满一年后方可申请提前移出或信用修复：该条目列入日期 ${entry.listedAt}，最早可于 ${earliest} 办理`,
    en: `an entry on the serious-violation list (严重违法失信名单) may be removed or repaired early only after one year: listed ${entry.listedAt}, earliest ${earliest}`,
  };
}
