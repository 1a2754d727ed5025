/**
 * The public objection form (异议申请): merchant, entry, contact, reason, attachment link. Plain HTML
 * form (works without JavaScript), server-rendered with hono/jsx.
 */
import { LIST_LABELS, type ListKind } from "@xinbiao/db/model";

const CSS = `body{margin:0;font:15px/1.6 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:#1f2328;background:#f6f8fa}
main{max-width:640px;margin:32px auto;background:#fff;border:1px solid #d1d9e0;border-radius:8px;padding:24px}
h1{font-size:20px;margin:0 0 4px}label{display:block;font-weight:600;margin:14px 0 4px}
input,select,textarea{width:100%;box-sizing:border-box;font:inherit;padding:8px;border:1px solid #d1d9e0;border-radius:6px}
textarea{min-height:120px}button{margin-top:18px;background:#0b3d91;color:#fff;border:0;border-radius:6px;padding:9px 18px;font:inherit;cursor:pointer}
.muted{color:#59636e;font-size:13px}.error{background:#fff5f4;border:1px solid #f4c7c3;color:#b42318;padding:8px 12px;border-radius:6px}
.ok{background:#f0fbf3;border:1px solid #b7e2c3;color:#1a7f37;padding:8px 12px;border-radius:6px}`;

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
  values?: { entryId?: string; contact?: string; reason?: string; attachmentUrl?: string };
}) {
  const v = p.values ?? {};
  return (
    <Page title="提出异议 / File an objection">
      <h1>对名单信息提出异议 / Object to a list entry</h1>
      <p class="muted">
        监管部门在 2 个工作日内决定是否受理，受理后 10
        个工作日内答复；处理期间公示信息标注「异议处理中」。联系方式仅供监管部门联系，不会公开。
        <br />A regulator decides within 2 working days whether to accept, and answers within 10 working days
        after that; meanwhile the entry shows “objection under review”. Your contact details are never
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

export function renderObjectionFiled(p: { id: number; acceptBy: string; uscc: string }) {
  return (
    <Page title="异议已提交 / Objection filed">
      <h1>异议已提交 / Objection filed</h1>
      <p class="ok">
        受理编号 / reference：<b>{p.id}</b>。监管部门将于 {p.acceptBy} 前决定是否受理。
        <br />A regulator will decide on acceptance by {p.acceptBy}.
      </p>
      <p>
        <a href={`/m/${p.uscc}`}>返回主体信息 / back to the record</a>
      </p>
    </Page>
  );
}
