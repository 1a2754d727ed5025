/**
 * The badge beside the shop header and its detail card (Preact): in the popup, and on the page once a
 * person opens the card (loaded on demand, entrypoints/shop-extras.tsx). Text only: every datum is a Preact text node,
 * never HTML, so a merchant name cannot inject markup.
 */
import { LICENSE_LABELS, type SignedEnvelope } from "@xinbiao/db/model";
import { useState } from "preact/hooks";
import type { ShopRef } from "../adapters/types.ts";
import { type Lang, pick, t } from "../utils/i18n.ts";
import type { LookupResult, VerifiedRecord } from "../utils/messages.ts";
import { badgeView, licenseLabel, listLabel } from "../utils/present.ts";
import { creditChinaLink, publicPageLink, report12315Link } from "../utils/report.ts";
import { badgeFace } from "./badge-face.ts";
import { ToneIcon } from "./tone-icon.tsx";

export interface ShopBadgeProps {
  lang: Lang;
  shop: ShopRef | null;
  /** A USCC shown on the page (generic adapter) when no shop id is known. */
  uscc: string | null;
  licenseShown: boolean;
  floating: boolean;
  result: LookupResult | null;
  serviceUrl: string;
  pageUrl: string;
  verify: (uscc: string) => Promise<VerifiedRecord>;
  /** Open with the card shown (the page painted the collapsed badge itself until it was clicked). */
  defaultOpen?: boolean;
}

export function ShopBadge(props: ShopBadgeProps) {
  const { lang } = props;
  const [open, setOpen] = useState(props.defaultOpen ?? false);
  const { view, label, title } = badgeFace(props);
  return (
    <div
      class={`xb-root ${props.floating ? "xb-floating" : "xb-inline"}`}
      lang={lang === "zh" ? "zh-CN" : "en"}
    >
      <button
        type="button"
        class={`xb-badge xb-tone-${view.tone}`}
        aria-expanded={open}
        aria-label={label}
        title={title}
        data-tone={view.tone}
        onClick={() => setOpen(!open)}
      >
        <span class="xb-icon">
          <ToneIcon tone={view.tone} icon={view.iconId} />
        </span>
        <span class="xb-brand">{view.brand}</span>
        {view.parts.map((p) => (
          <span class="xb-part" key={p}>
            {p}
          </span>
        ))}
        {view.notes.length > 0 && <span class="xb-part xb-stale">{view.notes[0]}</span>}
      </button>
      {open && <Card {...props} onClose={() => setOpen(false)} />}
    </div>
  );
}

function Card(props: ShopBadgeProps & { onClose: () => void }) {
  const { lang, result } = props;
  const record = result?.state === "found" ? result.record : null;
  const uscc = record?.uscc ?? props.uscc;
  const [verified, setVerified] = useState<VerifiedRecord | "pending" | null>(null);
  const view = badgeView(result, { lang, licenseShown: props.licenseShown });
  const report = report12315Link({
    merchantName: record?.name ?? null,
    platform: props.shop?.platform ?? null,
    shopId: props.shop?.shopId ?? null,
    pageUrl: props.pageUrl,
  });
  return (
    <section class={`xb-card xb-tone-${view.tone}`} role="dialog" aria-label={t(lang, "details")}>
      <header class="xb-card-head">
        <strong>{record ? record.name : view.parts.join(" · ")}</strong>
        <button type="button" class="xb-close" aria-label={t(lang, "close")} onClick={props.onClose}>
          ×
        </button>
      </header>
      {record ? (
        <dl class="xb-facts">
          <dt>{t(lang, "uscc")}</dt>
          <dd class="xb-mono">{record.uscc}</dd>
          <dt>{t(lang, "license")}</dt>
          <dd>
            {licenseLabel(record, props.licenseShown, lang)}
            {props.licenseShown && record.licenseStatus === "active"
              ? ` (${pick(lang, LICENSE_LABELS.active)})`
              : ""}
          </dd>
          <dt>{t(lang, "verification")}</dt>
          <dd>{record.verified ? t(lang, "verified") : t(lang, "notVerified")}</dd>
          <dt>{t(lang, "grade")}</dt>
          <dd>{record.grade ?? t(lang, "noGrade")}</dd>
          <dt>{t(lang, "listsTitle")}</dt>
          <dd>
            {record.lists.length === 0
              ? t(lang, "noLists")
              : record.lists.map((e) => (
                  <div key={`${e.list}${e.category}`}>
                    {listLabel(e, lang)} · {t(lang, "since", { d: e.listedAt.slice(0, 10) })} ·{" "}
                    {t(lang, "source", { s: e.authority })}
                    {e.status !== "active" ? ` · ${t(lang, `listStatus_${e.status}`)}` : ""}
                  </div>
                ))}
          </dd>
          <dt>{t(lang, "reasons")}</dt>
          <dd>
            {record.reasons.map((r) => (
              <div key={r.code}>{pick(lang, r)}</div>
            ))}
          </dd>
        </dl>
      ) : (
        <p class="xb-hint">
          {props.shop ? t(lang, "notListedHint") : t(lang, "usccOnPageHint", { u: props.uscc ?? "" })}
        </p>
      )}
      {view.notes.map((n) => (
        <p class="xb-stale" key={n}>
          {n}
        </p>
      ))}
      {uscc && (
        <div class="xb-verify">
          <button
            type="button"
            class="xb-action"
            disabled={verified === "pending"}
            onClick={async () => {
              setVerified("pending");
              setVerified(await props.verify(uscc));
            }}
          >
            {verified === "pending" ? t(lang, "verifying") : t(lang, "verifyRecord")}
          </button>
          <small>{t(lang, "verifyPrivacy")}</small>
          {verified && verified !== "pending" && <VerifiedBlock lang={lang} result={verified} />}
        </div>
      )}
      <nav class="xb-links">
        {uscc && (
          <a href={publicPageLink(props.serviceUrl, uscc)} target="_blank" rel="noopener noreferrer">
            {t(lang, "publicPage")}
          </a>
        )}
        {uscc && (
          <a href={creditChinaLink(uscc)} target="_blank" rel="noopener noreferrer">
            {t(lang, "creditChina")}
          </a>
        )}
        <a href={report} target="_blank" rel="noopener noreferrer" class="xb-report">
          {t(lang, "report12315")}
        </a>
      </nav>
    </section>
  );
}

function VerifiedBlock({ lang, result }: { lang: Lang; result: VerifiedRecord }) {
  if (!result.ok) {
    return <p class="xb-sig-bad">{t(lang, "signatureBad", { r: result.reason })}</p>;
  }
  const env: SignedEnvelope = result.envelope;
  const r = env.record;
  return (
    <div class="xb-sig-ok">
      <p>{t(lang, "signatureOk", { k: env.keyId, d: env.issuedAt.slice(0, 10) })}</p>
      <dl class="xb-facts">
        <dt>{t(lang, "operator")}</dt>
        <dd>
          {r.name} · {r.region.province}
          {r.license.legalRepresentative ? ` · ${r.license.legalRepresentative}` : ""}
        </dd>
        <dt>{t(lang, "license")}</dt>
        <dd>
          {pick(lang, LICENSE_LABELS[r.license.status])} · {r.license.authority}
          {r.license.exemptionStatement ? ` · ${r.license.exemptionStatement}` : ""}
        </dd>
        {r.permits.length > 0 && <dt>{t(lang, "permits")}</dt>}
        {r.permits.map((p) => (
          <dd key={p.number}>
            {p.kind} {p.number} ({p.validFrom} – {p.validTo ?? "…"})
          </dd>
        ))}
        {r.verification.length > 0 && <dt>{t(lang, "verification")}</dt>}
        {r.verification.map((v) => (
          <dd key={`${v.platform}${v.verifiedAt}`}>
            {v.platform} · {v.method} · {v.verifiedAt.slice(0, 10)}
          </dd>
        ))}
        {r.sources.length > 0 && <dt>{t(lang, "sources")}</dt>}
        {r.sources.map((s) => (
          <dd key={s.id}>
            {s.title} · {s.authority} · {s.publishedAt.slice(0, 10)}
          </dd>
        ))}
      </dl>
    </div>
  );
}
