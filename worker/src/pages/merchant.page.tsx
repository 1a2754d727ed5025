/**
 * `/m/{uscc}` — the public record (DESIGN §3), the page a badge links to (电子商务法 §15 亮照亮标):
 * license block, permits, verification marks, grade with factors and method, active list entries with
 * rectification deadline (赣信用办〔2018〕26号: 3 months) and objection state (异议处理中), commitments
 * (苏政办规〔2023〕13号 信用承诺公示), last audit, sources, links to the official systems and 12315.
 * Natural persons are already masked in the record (PIPL; SAMR Order 45 §6).
 */
import type { PublicRecord } from "@xinbiao/db/model";
import {
  alertTitle,
  CATEGORY_EN,
  FACT_WORDS,
  headline,
  LICENSE_LOOKS,
  LIST_STATUS_WORDS,
  LIST_WORDS,
  pick,
  sourceText,
  stateText,
} from "../badge/labels.ts";
import { VerdictChip } from "./components.tsx";
import { fmtDate, fmtTime, KIND_WORDS, link, type PageLang, tr } from "./i18n.ts";
import { Layout } from "./layout.tsx";

export interface AuditSummary {
  auditedAt: string;
  outcome: "compliant" | "non_compliant" | "review" | "error";
  platform: string;
  /** Id of the signed evidence manifest the verdict rests on (issue 16). */
  evidenceId?: string | null;
}

const AUDIT_WORDS = {
  compliant: { zh: "亮照合规", en: "display compliant" },
  non_compliant: { zh: "亮照不合规", en: "display not compliant" },
  review: { zh: "待人工复核", en: "awaiting human review" },
  error: { zh: "检查未完成", en: "check not completed" },
};

export function MerchantPage({
  pl,
  demo,
  r,
  audit,
}: {
  pl: PageLang;
  demo: boolean;
  r: PublicRecord;
  audit: AuditSummary | null;
}) {
  const { lang } = pl;
  const t = (zh: string, en: string) => tr(lang, zh, en);
  const brand = r.region.brand;
  // The box's title names the actual reason: 失信 only for a 黑名单 entry (presentation.ts).
  const alertWords = alertTitle(r);
  const badgeSrc = `/badge/${r.uscc}.svg?style=large${lang === "en" ? "&lang=en" : ""}`;
  const cat = (c: string) => (lang === "en" ? (CATEGORY_EN[c] ?? c) : c);
  return (
    <Layout pl={pl} title={r.name} demo={demo} path={`/m/${r.uscc}`} brand={brand}>
      <h1>
        <bdi class="name">{r.name}</bdi>
      </h1>
      <p>
        <VerdictChip tone={r.verdict} record={r} pl={pl} />{" "}
        {/* The state in words, unless the chip already said exactly that (执照已吊销). */}
        {stateText(r, lang) === pick(headline(r).word, lang) ? null : <span>{stateText(r, lang)}</span>}
        <span class="muted"> · {sourceText(brand, lang)}</span>
      </p>
      <p>
        <img
          src={badgeSrc}
          alt={t(`信用标识：${stateText(r, lang)}`, `Credit badge: ${stateText(r, lang)}`)}
        />
      </p>

      {alertWords ? (
        <section class={`alert alert-${r.verdict}`} role="alert" aria-labelledby="alert-h">
          <h2 id="alert-h">{pick(alertWords, lang)}</h2>
          <ul>
            {r.reasons.map((x) => (
              <li>{lang === "en" ? x.en : x.zh}</li>
            ))}
          </ul>
          <p>
            {t("如遇侵权或欺诈，可向 12315 投诉举报：", "To report fraud or infringement, use 12315: ")}
            <a href={r.links.report12315} rel="noopener">
              {t("全国12315平台", "12315 platform")}
            </a>
          </p>
        </section>
      ) : null}

      <section class="card" aria-labelledby="lic-h">
        <h2 id="lic-h">
          {r.kind === "natural_person" ? t("经营者信息", "Operator") : t("营业执照", "Business license")}
        </h2>
        <dl class="facts">
          <dt>{t("名称", "Name")}</dt>
          <dd>
            <bdi class="name">{r.name}</bdi>
          </dd>
          <dt>{t("统一社会信用代码", "Unified social credit code")}</dt>
          <dd>
            <code>{r.uscc}</code>
            {r.pilotCode
              ? t(
                  "（早期试点代码，校验位不符但经登记机关确认）",
                  " (early pilot code: check character differs, confirmed by the registry)",
                )
              : null}
          </dd>
          <dt>{t("主体类型", "Kind")}</dt>
          <dd>{pick(KIND_WORDS[r.kind], lang)}</dd>
          <dt>{t("执照状态", "License status")}</dt>
          <dd>{pick(LICENSE_LOOKS[r.license.status].word, lang)}</dd>
          <dt>{t("登记机关", "Registration authority")}</dt>
          <dd>{r.license.authority}</dd>
          <dt>{t("成立日期", "Registered")}</dt>
          <dd>{fmtDate(r.license.registeredAt)}</dd>
          <dt>
            {r.kind === "natural_person"
              ? t("经营者", "Operator")
              : t("法定代表人/经营者", "Legal representative")}
          </dt>
          <dd>{r.license.legalRepresentative ?? "—"}</dd>
          <dt>{t("住所", "Address")}</dt>
          <dd>{r.license.address ?? "—"}</dd>
          <dt>{t("经营范围", "Business scope")}</dt>
          <dd>{r.license.scope ?? "—"}</dd>
          <dt>{t("所在地区", "Region")}</dt>
          <dd>
            {r.region.division ?? r.region.province} · {lang === "en" ? brand.en : brand.zh}
          </dd>
          {r.license.onlineOnly ? (
            <>
              <dt>{t("经营方式", "Trade")}</dt>
              <dd>{t("仅通过网络经营", "online only")}</dd>
            </>
          ) : null}
        </dl>
        {r.license.exemptionStatement ? (
          <p>
            <strong>{t("免于登记声明：", "Exemption statement: ")}</strong>
            {r.license.exemptionStatement}
          </p>
        ) : null}
      </section>

      <section class="card" aria-labelledby="permit-h">
        <h2 id="permit-h">{t("行政许可", "Permits")}</h2>
        {r.permits.length === 0 ? (
          <p class="muted">{t("无公示的许可证件。", "No permits on record.")}</p>
        ) : (
          <div class="tablewrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("许可证", "Permit")}</th>
                  <th scope="col">{t("编号", "Number")}</th>
                  <th scope="col">{t("发证机关", "Authority")}</th>
                  <th scope="col">{t("有效期", "Valid")}</th>
                </tr>
              </thead>
              <tbody>
                {r.permits.map((p) => (
                  <tr>
                    <td>{p.kind}</td>
                    <td>
                      <code>{p.number}</code>
                    </td>
                    <td>{p.authority}</td>
                    <td>
                      {fmtDate(p.validFrom)} – {p.validTo ? fmtDate(p.validTo) : t("长期", "open-ended")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="card" aria-labelledby="ver-h">
        <h2 id="ver-h">{t("身份核验标识", "Identity verification")}</h2>
        {r.verification.length === 0 ? (
          <p>⚠ {pick(FACT_WORDS.identityNotVerified, lang)}</p>
        ) : (
          <ul>
            {r.verification.map((v) => (
              <li>
                ✓ {pick(FACT_WORDS.verified, lang)} · {v.platform} · {v.method} ·{" "}
                {fmtTime(v.verifiedAt, lang)}
                {v.expiresAt
                  ? t(`，有效至 ${fmtDate(v.expiresAt)}`, `, valid until ${fmtDate(v.expiresAt)}`)
                  : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="card" aria-labelledby="grade-h">
        <h2 id="grade-h">{t("信用等级", "Credit grade")}</h2>
        {r.grade ? (
          <dl class="facts">
            <dt>{t("等级", "Grade")}</dt>
            <dd>
              <strong>{r.grade.level}</strong>
            </dd>
            <dt>{t("来源", "Source")}</dt>
            <dd>
              {r.grade.source === "official"
                ? t("主管部门评定（企业信用风险分类）", "official (enterprise credit risk classification)")
                : t("本站依公开信息计算", "computed by Xinbiao from public facts")}
              {" · "}
              {r.grade.scheme} · {fmtDate(r.grade.asOf)}
            </dd>
            {r.grade.factors.length ? (
              <>
                <dt>{t("依据", "Factors")}</dt>
                <dd>{r.grade.factors.join(t("；", "; "))}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p class="muted">{t("暂无信用等级。", "No grade yet.")}</p>
        )}
        <p>
          <a href={link("/method", pl)}>
            {t("评价方法（已公开、带版本）", "How grades and verdicts are set (published, versioned)")}
          </a>
        </p>
      </section>

      <section class="card" aria-labelledby="list-h">
        <h2 id="list-h">{t("名单信息", "List entries")}</h2>
        {r.lists.length === 0 ? (
          <p class="muted">
            {t("当前无公示中的红名单、黑名单或重点关注名单记录。", "No list entry is publicly shown now.")}
          </p>
        ) : (
          <div class="tablewrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("名单", "List")}</th>
                  <th scope="col">{t("类别", "Category")}</th>
                  <th scope="col">{t("认定部门 / 文号", "Authority / document")}</th>
                  <th scope="col">{t("列入日期", "Listed")}</th>
                  <th scope="col">{t("整改期限", "Rectify by")}</th>
                  <th scope="col">{t("公示截止", "Shown until")}</th>
                  <th scope="col">{t("状态", "Status")}</th>
                </tr>
              </thead>
              <tbody>
                {r.lists.map((e) => (
                  <tr>
                    <td>{pick(LIST_WORDS[e.list], lang)}</td>
                    <td>{cat(e.category)}</td>
                    <td>
                      {e.authority}
                      <br />
                      {e.documentNo}
                    </td>
                    <td>{fmtDate(e.listedAt)}</td>
                    <td>{e.rectifyBy ? fmtDate(e.rectifyBy) : "—"}</td>
                    <td>{e.displayUntil ? fmtDate(e.displayUntil) : "—"}</td>
                    <td>
                      <strong>{pick(LIST_STATUS_WORDS[e.status], lang)}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {r.commitments.length ? (
        <section class="card" aria-labelledby="com-h">
          <h2 id="com-h">{t("信用承诺", "Credit commitments")}</h2>
          {r.commitments.map((c) => (
            <div>
              <h3>{c.title}</h3>
              <p>{c.text}</p>
              <p class="muted">{t(`签署于 ${fmtDate(c.signedAt)}`, `signed ${fmtDate(c.signedAt)}`)}</p>
            </div>
          ))}
        </section>
      ) : null}

      <section class="card" aria-labelledby="audit-h">
        <h2 id="audit-h">{t("亮照检查", "License-display audit")}</h2>
        {audit ? (
          <p>
            {t("最近一次检查：", "Last audit: ")}
            {fmtTime(audit.auditedAt, lang)} · {audit.platform} ·{" "}
            <strong>{pick(AUDIT_WORDS[audit.outcome], lang)}</strong>
            {audit.evidenceId ? (
              <>
                {" "}
                · {t("证据编号", "evidence id")} <code>{audit.evidenceId}</code>
              </>
            ) : null}
          </p>
        ) : (
          <p class="muted">{t("暂无检查记录。", "Not audited yet.")}</p>
        )}
      </section>

      <section class="card" aria-labelledby="src-h">
        <h2 id="src-h">{t("信息来源", "Sources")}</h2>
        <ul>
          {r.sources.map((s) => (
            <li>
              {s.url && /^https?:\/\//.test(s.url) ? (
                <a href={s.url} rel="noopener">
                  {s.title}
                </a>
              ) : (
                s.title
              )}{" "}
              · {s.authority} · {fmtDate(s.publishedAt)}
            </li>
          ))}
        </ul>
        <p class="muted">
          {t("更新时间：", "Updated: ")}
          {fmtTime(r.updatedAt, lang)}
          {" · "}
          {t("数据有效期至：", "Fresh until: ")}
          {fmtTime(r.freshUntil, lang)}
        </p>
      </section>

      <section class="card" aria-labelledby="links-h">
        <h2 id="links-h">{t("核实与举报", "Check and report")}</h2>
        <ul>
          <li>
            <a href={r.links.creditChina} rel="noopener">
              {t("在信用中国查询", "Look up on Credit China")}
            </a>
          </li>
          <li>
            <a href={r.links.gsxt} rel="noopener">
              {t("国家企业信用信息公示系统", "National Enterprise Credit Information Publicity System")}
            </a>
          </li>
          <li>
            <a href={r.links.report12315} rel="noopener">
              {t("向 12315 投诉举报", "Report to 12315")}
            </a>
          </li>
          <li>
            <a href={`/api/v1/merchants/${r.uscc}`}>{t("签名数据（JSON）", "Signed record (JSON)")}</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}
