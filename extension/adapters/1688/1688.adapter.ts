/**
 * 1688: the built-in rules (`platforms.1688`) applied by the rules engine. Two id spaces: the member
 * id (`b2b-…`: `winport.m.1688.com/page/index.html?memberId=`, `m.1688.com/winport/b2b-….html`,
 * `b2b-{id}.1688.com`, offer pages' inline data) is preferred; the desktop winport id
 * (`shop{id}.1688.com`, often not decimal: `shop01219r028x733`, `shop3e67986509770`) is used when the
 * page names no member id. Vanity winport hosts and offer pages (`detail.1688.com/offer/{id}.html`,
 * `m.1688.com/offer/{id}.html`, `detail.m.1688.com/page/index.html?offerId=`) need the page.
 */
import { builtinAdapter } from "../index.ts";

export const alibaba1688 = builtinAdapter("1688");
