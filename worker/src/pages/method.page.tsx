/**
 * `/method` — the published, versioned method behind grades and verdicts (DESIGN §3, §4), generated
 * from the same rule tables the code runs (COMPUTED_RULES), so the page cannot drift from the code.
 */
import { COMPUTED_RULES, COMPUTED_SCHEME, OFFICIAL_SCHEME, RECTIFY_MONTHS } from "@xinbiao/db/model";
import { LICENSE_LOOKS, pick, TONE_WORDS } from "../badge/labels.ts";
import { VerdictChip } from "./components.tsx";
import { type PageLang, tr } from "./i18n.ts";
import { Layout } from "./layout.tsx";

export const VERDICT_METHOD_VERSION = "verdict-v1 (2026-11)";

export function MethodPage({ pl, demo }: { pl: PageLang; demo: boolean }) {
  const { lang } = pl;
  const t = (zh: string, en: string) => tr(lang, zh, en);
  const verdicts = [
    ["danger", "列入黑名单（公示中）", "an active blacklist entry"],
    [
      "danger",
      "营业执照被吊销或注销（同为红色警示，但这是登记状态，不称“失信”）",
      "the license revoked or cancelled (red as well, but a registration state, never called dishonest)",
    ],
    [
      "warning",
      "列入重点关注名单、经营异常名录，或限期整改逾期",
      "an active watch-list entry, abnormal operation, or a rectification overdue",
    ],
    [
      "caution",
      "信用等级 C/D、未完成身份核验，或数据超过更新期限",
      "grade C/D, identity not verified, or data past its freshness bound",
    ],
    ["trusted", "列入红名单，且信用等级 A，且已核验", "red-listed and grade A and verified"],
    ["normal", "其他情形", "everything else"],
  ] as const;
  return (
    <Layout pl={pl} title={t("评价方法", "Method")} demo={demo} path="/method">
      <h1>{t("评价方法", "How grades and verdicts are set")}</h1>
      <p class="muted">
        {t("版本：", "Version: ")}
        <code>{VERDICT_METHOD_VERSION}</code> · <code>{COMPUTED_SCHEME}</code>
      </p>

      <section class="card" aria-labelledby="v-h">
        <h2 id="v-h">
          {t("结论（从重到轻，先符合者为准）", "Verdict (most serious first; the first match decides)")}
        </h2>
        <ol>
          {verdicts.map(([tone, zh, en], i) => (
            <li>
              {/* The license row shows the license's own word (presentation.ts), not 失信. */}
              <VerdictChip tone={tone} look={i === 1 ? LICENSE_LOOKS.revoked : undefined} pl={pl} />{" "}
              {t(zh, en)}
            </li>
          ))}
        </ol>
        <p>
          {t(
            `未收录的主体或店铺显示“${TONE_WORDS.unknown.zh}”，不视为可信。`,
            `A merchant or shop we do not have is shown as "${pick(TONE_WORDS.unknown, "en")}", never as safe.`,
          )}
        </p>
      </section>

      <section class="card" aria-labelledby="g-h">
        <h2 id="g-h">{t("信用等级", "Credit grade")}</h2>
        <p>
          {t(
            `主管部门发布的“${OFFICIAL_SCHEME}”等级（A 低风险、B 一般风险、C 较高风险、D 高风险）优先采用；没有时，本站依公开信息按下表计算，并标注“计算”。`,
            `A grade published by the market regulator (${OFFICIAL_SCHEME}: A low, B medium, C elevated, D high risk) always wins; otherwise Xinbiao computes one from public facts with the rules below and marks it "computed".`,
          )}
        </p>
        <ol>
          {COMPUTED_RULES.map((r) => (
            <li>
              <strong>{r.level}</strong> — {r.factor}
            </li>
          ))}
        </ol>
      </section>

      <section class="card" aria-labelledby="l-h">
        <h2 id="l-h">{t("名单与公示期", "Lists and display periods")}</h2>
        <ul>
          <li>
            {t(
              `黑名单、重点关注名单主体应在列入后 ${RECTIFY_MONTHS} 个月内整改到位，逾期显示“整改逾期”（赣信用办〔2018〕26号）。`,
              `Blacklisted and watch-listed parties must rectify within ${RECTIFY_MONTHS} months; past that the entry shows "rectification overdue" (赣信用办〔2018〕26号).`,
            )}
          </li>
          <li>
            {t(
              "超过公示期、已信用修复或已移出的记录，从所有公开页面、标识和接口中消失。",
              "Past its display period, once repaired or removed, an entry disappears from every public page, badge and API.",
            )}
          </li>
          <li>
            {t(
              "异议提出后 2 个工作日内受理、10 个工作日内答复；处理期间显示“异议处理中”。",
              'Objections are accepted within 2 working days and answered within 10; meanwhile the entry shows "objection pending".',
            )}
          </li>
          <li>
            {t(
              "自然人经营者的姓名脱敏显示，身份证号、电话和住址从不公开（个人信息保护法）。",
              "Natural persons' names are masked; ID numbers, phones and home addresses are never published (PIPL).",
            )}
          </li>
        </ul>
      </section>
    </Layout>
  );
}
