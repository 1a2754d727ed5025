/**
 * The public objection pages (异议申请): the form (who files, merchant, entry, contact, reason,
 * attachment link), the receipt with the reference and the private tracking token, and the tracking
 * page. Plain HTML forms (work without JavaScript), server-rendered with hono/jsx.
 */
import { LIST_LABELS, type ListKind } from "@xinbiao/db/model";
import type { TrackingView } from "./objection.service.ts";

const CSS = `body{margin:0;font:15px/1.6 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:#1f2328;background:#f6f8fa}
main{max-width:640px;margin:32px auto;background:#fff;border:1px solid #d1d9e0;border-radius:8px;padding:24px}
h1{font-size:20px;margin:0 0 4px}label{display:block;font-weight:600;margin:14px 0 4px}
input,select,textarea{width:100%;box-sizing:border-box;font:inherit;padding:8px;border:1px solid #d1d9e0;border-radius:6px}
textarea{min-height:120px}button{margin-top:18px;background:#0b3d91;color:#fff;border:0;border-radius:6px;padding:9px 18px;font:inherit;cursor:pointer}
.muted{color:#59636e;font-size:13px}.error{background:#fff5f4;border:1px solid #f4c7c3;color:#b42318;padding:8px 12px;border-radius:6px}
.ok{background:#f0fbf3;border:1px solid #b7e2c3;color:#1a7f37;padding:8px 12px;border-radius:6px}
.radio{display:flex;gap:8px;align-items:center;font-weight:400;margin:6px 0}.radio input{width:auto}
code.token{display:block;word-break:break-all;background:#f6f8fa;border:1px solid #d1d9e0;border-radius:6px;padding:8px;font-size:14px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{color:#59636e}dd{margin:0}`;

export interface FormEntry {
  id: number;
  list: ListKind;
  category: string;
  documentNo: string;
  listedAt: string;
}

function Page(props: { title: string; children: unknown }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <style>{CSS}</style>
      </head>
      <body>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

export function renderObjectionForm(p: {
  uscc: string;
  name: string | null;
  entries: FormEntry[];
  error?: string | undefined;
  values?: { entryId?: string; contact?: string; reason?: string; attachmentUrl?: string; filedAs?: string };
}) {
  const v = p.values ?? {};
  return (
    <Page title="提出异议 / File an objection">
      <h1>对名单信息提出异议 / Object to a list entry</h1>
      <p class="muted">
        异议由信用主体本人或其代理人提出。监管部门在 2 个工作日内决定是否受理，受理后 10
        个工作日内答复；受理后公示信息标注「异议处理中」，提交本身不改变公示信息。联系方式仅供监管部门联系，不会公开。
        <br />
        The merchant (信用主体) itself or its agent may object. A regulator decides within 2 working days
        whether to accept, and answers within 10 working days after that; once accepted the entry shows
        “objection under review” — filing alone changes nothing public. Your contact details are never
        published.
      </p>
      {p.error ? <p class="error">{p.error}</p> : null}
      {p.entries.length === 0 ? (
        <p class="error">该主体目前没有公示中的名单信息 / this merchant has no publicly shown list entry</p>
      ) : (
        <form method="post" action="/objections">
          <label for="merchant">主体 / Merchant</label>
          <input id="merchant" type="text" value={`${p.name ?? ""} ${p.uscc}`} disabled />
          <input type="hidden" name="uscc" value={p.uscc} />
          <fieldset style="border:0;padding:0;margin:14px 0 0">
            <legend style="font-weight:600">提出人 / Filed by</legend>
            <label class="radio">
              <input type="radio" name="filedAs" value="subject" required checked={v.filedAs === "subject"} />
              信用主体本人（经营者） / the merchant itself
            </label>
            <label class="radio">
              <input type="radio" name="filedAs" value="agent" checked={v.filedAs === "agent"} />
              受托代理人（受理时须提交授权委托书） / its authorised agent (a power of attorney is checked on
              acceptance)
            </label>
          </fieldset>
          <label for="entryId">异议条目 / Entry</label>
          <select id="entryId" name="entryId" required>
            {p.entries.map((e) => (
              <option value={String(e.id)} selected={v.entryId === String(e.id)}>
                {LIST_LABELS[e.list].zh} · {e.category} · {e.documentNo} · {e.listedAt}
              </option>
            ))}
          </select>
          <label for="contact">联系方式（手机、座机或邮箱） / Contact (phone or e-mail)</label>
          <input id="contact" name="contact" type="text" required maxlength={100} value={v.contact ?? ""} />
          <label for="reason">异议理由（10–2000 字） / Reason (10–2000 characters)</label>
          <textarea id="reason" name="reason" required minlength={10} maxlength={2000}>
            {v.reason ?? ""}
          </textarea>
          <label for="attachmentUrl">
            证明材料链接（可选，https） / Link to supporting documents (optional, https)
          </label>
          <input
            id="attachmentUrl"
            name="attachmentUrl"
            type="url"
            maxlength={2000}
            value={v.attachmentUrl ?? ""}
          />
          <button type="submit">提交异议 / Submit</button>
        </form>
      )}
    </Page>
  );
}

export function renderObjectionFiled(p: {
  reference: string;
  trackingToken: string;
  acceptBy: string;
  answerWorkingDays: number;
  uscc: string;
}) {
  return (
    <Page title="异议已提交 / Objection filed">
      <h1>异议已提交 / Objection filed</h1>
      <p class="ok">
        受理编号 / reference：<b>{p.reference}</b>。监管部门将于 {p.acceptBy} 前决定是否受理，受理后{" "}
        {p.answerWorkingDays} 个工作日内答复。在受理之前，公示信息不变。
        <br />A regulator will decide on acceptance by {p.acceptBy} and answer within {p.answerWorkingDays}{" "}
        working days of acceptance. Until it is accepted the public record does not change.
      </p>
      <p>
        <b>查询码 / tracking token</b>（只显示这一次，请保存；凭它查询处理进度，勿告诉他人） / shown only once
        — keep it to follow your objection, and do not share it:
      </p>
      <code class="token">{p.trackingToken}</code>
      <p>
        <a href="/objections/track">查询处理进度 / track this objection</a> ·{" "}
        <a href={`/m/${p.uscc}`}>返回主体信息 / back to the record</a>
      </p>
    </Page>
  );
}

/** An instant as Beijing time (Asia/Shanghai, UTC+8 all year), e.g. "2026-11-22 12:00". */
function beijing(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

const STATUS_WORDS: Record<TrackingView["status"], string> = {
  submitted: "已提交，待受理 / filed, awaiting acceptance",
  accepted: "已受理，处理中 / accepted, under review",
  upheld: "异议成立，已更正 / upheld, the record was corrected",
  rejected: "异议不成立 / rejected",
  refused: "不予受理 / not accepted",
};

export function renderTracking(p: { view?: TrackingView; error?: string }) {
  const v = p.view;
  return (
    <Page title="异议处理进度 / Objection status">
      <h1>异议处理进度 / Objection status</h1>
      {p.error ? <p class="error">{p.error}</p> : null}
      {v ? (
        <dl>
          <dt>受理编号 / reference</dt>
          <dd>{v.reference}</dd>
          <dt>状态 / status</dt>
          <dd>{STATUS_WORDS[v.status]}</dd>
          {v.entry ? (
            <>
              <dt>名单条目 / entry</dt>
              <dd>
                {v.entry.category} · {v.entry.documentNo} · {v.entry.listedAt}
              </dd>
            </>
          ) : null}
          <dt>提交时间 / filed</dt>
          <dd>{beijing(v.filedAt)}（北京时间 / Beijing time）</dd>
          <dt>受理期限 / accept by</dt>
          <dd>{v.acceptBy}</dd>
          <dt>答复期限 / answer by</dt>
          <dd>{v.answerBy ?? "受理后 10 个工作日 / 10 working days after acceptance"}</dd>
          {v.deadline?.overdue ? (
            <>
              <dt>超期 / overdue</dt>
              <dd class="error">
                已超过{v.deadline.kind === "accept" ? "受理" : "答复"}期限 {v.deadline.date} / past the{" "}
                {v.deadline.kind} deadline {v.deadline.date}
              </dd>
            </>
          ) : null}
          {v.decision ? (
            <>
              <dt>监管部门意见 / regulator's answer</dt>
              <dd>{v.decision}</dd>
            </>
          ) : null}
          {v.refileFrom ? (
            <>
              <dt>再次提出 / filing again</dt>
              <dd>
                {v.refileFrom} 起可凭新的事实或理由再次提出 / from {v.refileFrom}, with new facts or grounds
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <form method="post" action="/objections/track">
        <label for="token">查询码 / tracking token</label>
        <input id="token" name="token" type="password" required maxlength={100} autocomplete="off" />
        <button type="submit">查询 / Look up</button>
      </form>
    </Page>
  );
}
