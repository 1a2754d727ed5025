/** The shared body of the three platform-home link checks (each its own file in checks/). */
import { type CheckAnswer, type CheckContext, evidenceOf, fail, pass } from "./check-def.ts";
import { deadLinkReason } from "./displays.ts";
import { isProminent, notProminentReason } from "./prominence.ts";

export function platformLink(ctx: CheckContext, host: RegExp, zh: string, en: string): CheckAnswer {
  const hits = ctx.of("credit_link").filter((e) => host.test(e.value ?? "") && !deadLinkReason(e));
  const shown = hits.filter(isProminent);
  if (shown.length)
    return pass(
      `首页有${zh}查询链接`,
      `home page links to ${en}`,
      shown.slice(0, 2).map((e) => evidenceOf(e)),
    );
  if (hits.length) {
    const w = notProminentReason(hits[0]!);
    return fail(
      `${zh}链接不显著（${w.zh}）`,
      `${en} link not prominent (${w.en})`,
      hits.map((e) => evidenceOf(e)),
    );
  }
  return fail(`首页缺少${zh}查询链接`, `home page has no link to ${en}`);
}
