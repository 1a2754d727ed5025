/**
 * The regulator dashboard (issue 5 item 6), server-rendered with hono/jsx (text is escaped by JSX).
 * zh-CN first with English beside; times shown in Asia/Shanghai.
 */
import { LIST_LABELS } from "@xinbiao/db/model";
import type { DashboardData } from "./dashboard-data.ts";

const CSS = `
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bad:#b42318;--warn:#9a6700;--ok:#1a7f37;--bg:#f6f8fa}
*{box-sizing:border-box}body{margin:0;font:14px/1.55 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:var(--ink);background:var(--bg)}
header{background:#0b3d91;color:#fff;padding:14px 24px;display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}
header h1{font-size:20px;margin:0}header .sub{opacity:.85}header form{margin-left:auto}
header button{background:transparent;color:#fff;border:1px solid #fff8;border-radius:6px;padding:3px 10px;cursor:pointer}
main{max-width:1200px;margin:0 auto;padding:16px 24px 48px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px;margin:8px 0 20px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card b{display:block;font-size:26px}.card.bad b{color:var(--bad)}.card.warn b{color:var(--warn)}
section{background:#fff;border:1px solid var(--line);border-radius:8px;margin:0 0 18px;overflow:hidden}
section h2{font-size:16px;margin:0;padding:10px 14px;border-bottom:1px solid var(--line);background:#fbfcfd}
section h2 small{color:var(--muted);font-weight:normal;margin-left:8px}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:7px 12px;border-bottom:1px solid #eef1f4;vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600;background:#fbfcfd}tr:last-child td{border-bottom:0}
.empty{padding:14px;color:var(--muted)}.tag{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;border:1px solid}
.tag.bad{color:var(--bad);border-color:#f4c7c3;background:#fff5f4}.tag.warn{color:var(--warn);border-color:#eed9a6;background:#fff8e6}.tag.ok{color:var(--ok);border-color:#b7e2c3;background:#f0fbf3}
.mono{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}.muted{color:var(--muted)}
.demo{background:#fff8e6;border-bottom:1px solid #eed9a6;padding:6px 24px;color:#7a5200}
form.login{max-width:420px;margin:64px auto;background:#fff;border:1px solid var(--line);border-radius:8px;padding:24px}
form.login input{width:100%;padding:8px;font:inherit;border:1px solid var(--line);border-radius:6px;margin:8px 0 12px}
form.login button{background:#0b3d91;color:#fff;border:0;border-radius:6px;padding:8px 16px;font:inherit;cursor:pointer}
.error{color:var(--bad);margin:0 0 8px}
`;

function shanghai(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

function Layout(props: { title: string; children: unknown; demo?: boolean; who?: string }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{props.title}</title>
        <style>{CSS}</style>
      </head>
      <body>
        <header>
          <h1>信标 · 监管看板</h1>
          <span class="sub">Xinbiao regulator dashboard</span>
          {props.who ? (
            <form method="post" action="/regulator/logout">
              <span class="sub">{props.who} </span>
              <button type="submit">退出 / Log out</button>
            </form>
          ) : null}
        </header>
        {props.demo ? (
          <div class="demo">演示数据 / demo data — 名称均为虚构 / all names are fictitious</div>
        ) : null}
        {props.children}
      </body>
    </html>
  );
}

export function renderLogin(props: { error?: string }) {
  return (
    <Layout title="登录 · 信标监管看板">
      <form class="login" method="post" action="/regulator/login">
        <h2>监管人员登录 / Regulator sign-in</h2>
        {props.error ? <p class="error">{props.error}</p> : null}
        <label for="key">API 密钥（regulator 角色） / API key (regulator role)</label>
        <input id="key" name="key" type="password" autocomplete="off" placeholder="xbk_…" required />
        <button type="submit">登录 / Sign in</button>
      </form>
    </Layout>
  );
}

export function renderDashboard(d: DashboardData, opts: { demo: boolean; who: string }) {
  const overdueObjections = d.objections.filter((o) => o.overdue).length;
  return (
    <Layout title="信标监管看板 / regulator dashboard" demo={opts.demo} who={opts.who}>
      <main>
        <p class="muted">
          今天（北京时间）/ today (Asia/Shanghai)：{d.today} · 生成于 / generated {shanghai(d.generatedAt)}
        </p>
        <div class="cards">
          <div class={`card ${d.escalations.length ? "bad" : ""}`}>
            <b>{d.escalations.length}</b>逾期未整改 / overdue rectifications
          </div>
          <div class={`card ${overdueObjections ? "bad" : d.objections.length ? "warn" : ""}`}>
            <b>{d.objections.length}</b>待处理异议（{overdueObjections} 件超期） / open objections (
            {overdueObjections} overdue)
          </div>
          <div class="card">
            <b>{d.imports.length}</b>近期导入 / recent imports
          </div>
          <div class={`card ${d.misuse.length ? "warn" : ""}`}>
            <b>{d.misuse.length}</b>标识冒用 / badge misuse
          </div>
          <div class={`card ${d.failedDeliveries.length ? "warn" : ""}`}>
            <b>{d.failedDeliveries.length}</b>推送失败 / failed webhooks
          </div>
        </div>

        <section id="escalations">
          <h2>
            逾期未整改（升级处理） / Overdue rectifications — escalation
            <small>赣信用办〔2018〕26号：列入后 3 个月内整改到位，逾期加大惩戒</small>
          </h2>
          {d.escalations.length === 0 ? (
            <p class="empty">没有逾期条目 / nothing overdue</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>主体 / merchant</th>
                  <th>名单 / list</th>
                  <th>类别 / category</th>
                  <th>文书号 / document</th>
                  <th>列入 / listed</th>
                  <th>整改期限 / rectify by</th>
                  <th>逾期 / overdue</th>
                  <th>店铺 / shops</th>
                </tr>
              </thead>
              <tbody>
                {d.escalations.map((e) => (
                  <tr>
                    <td>
                      {e.name}
                      <br />
                      <span class="mono muted">{e.uscc}</span>
                    </td>
                    <td>{LIST_LABELS[e.list].zh}</td>
                    <td>{e.category}</td>
                    <td>{e.documentNo}</td>
                    <td>{e.listedAt}</td>
                    <td>{e.rectifyBy}</td>
                    <td>
                      <span class="tag bad">{e.daysOverdue} 天 / days</span>
                    </td>
                    <td>{e.shops}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section id="objections">
          <h2>
            待处理异议（按期限） / Open objections by deadline
            <small>
              2 个工作日内受理，10 个工作日内答复 / accept within 2, answer within 10 working days
            </small>
          </h2>
          {d.objections.length === 0 ? (
            <p class="empty">没有待处理异议 / no open objections</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>期限 / deadline</th>
                  <th>状态 / status</th>
                  <th>主体 / merchant</th>
                  <th>条目 / entry</th>
                  <th>理由 / reason</th>
                  <th>提交 / filed</th>
                </tr>
              </thead>
              <tbody>
                {d.objections.map((o) => (
                  <tr>
                    <td class="mono">{o.reference}</td>
                    <td>
                      {o.deadline} {o.deadlineKind === "accept" ? "受理" : "答复"}
                      <br />
                      <span class="muted">
                        受理 accept ≤ {o.acceptBy} · 答复 answer ≤ {o.answerBy ?? "受理后 10 个工作日"}
                      </span>
                      <br />
                      {o.overdue ? (
                        <span class="tag bad">已超期 / overdue</span>
                      ) : (
                        <span class="tag ok">期限内 / on time</span>
                      )}
                    </td>
                    <td>
                      {o.status === "submitted" ? "待受理 / submitted" : "已受理 / accepted"}
                      <br />
                      <span class="muted">
                        {o.filedAs === "agent" ? "代理人提出 / by agent" : "主体提出 / by subject"}
                      </span>
                    </td>
                    <td>
                      {o.name ?? "—"}
                      <br />
                      <span class="mono muted">{o.uscc}</span>
                    </td>
                    <td>
                      {o.category}
                      <br />
                      <span class="muted">{o.documentNo}</span>
                    </td>
                    <td>
                      {o.reason.length > 80 ? `${o.reason.slice(0, 80)}…` : o.reason}
                      {o.attachmentUrl ? (
                        <>
                          <br />
                          <a href={o.attachmentUrl} rel="noopener noreferrer nofollow">
                            附件 / attachment
                          </a>
                        </>
                      ) : null}
                    </td>
                    <td>{shanghai(o.filedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section id="imports">
          <h2>近期导入及校验报告 / Recent imports and their reports</h2>
          {d.imports.length === 0 ? (
            <p class="empty">暂无导入 / no imports yet</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>时间 / at</th>
                  <th>类型 / kind</th>
                  <th>文件 / file</th>
                  <th>行数 / rows</th>
                  <th>新增 · 更新 · 未变 / new · updated · same</th>
                  <th>提示 / warnings</th>
                  <th>操作人 / by</th>
                </tr>
              </thead>
              <tbody>
                {d.imports.map((i) => (
                  <tr>
                    <td>{shanghai(i.at)}</td>
                    <td>{i.kind}</td>
                    <td>
                      {i.fileName}
                      <br />
                      <span class="mono muted">
                        SHA-256 {i.fileSha256.slice(0, 16)}… · {i.encoding}
                      </span>
                    </td>
                    <td>{i.rows}</td>
                    <td>
                      {i.inserted} · {i.updated} · {i.unchanged}
                    </td>
                    <td>
                      {i.warnings.length === 0 ? (
                        <span class="tag ok">无 / none</span>
                      ) : (
                        <details>
                          <summary>
                            <span class="tag warn">{i.warnings.length} 条 / warnings</span>
                          </summary>
                          <ul>
                            {i.warnings.slice(0, 20).map((w) => (
                              <li>{w.message}</li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </td>
                    <td class="mono">{i.actor}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section id="misuse">
          <h2>
            标识冒用报告 / Badge misuse reports
            <small>标识出现在平台未登记的来源 / badge shown on an origin the platform did not register</small>
          </h2>
          {d.misuse.length === 0 ? (
            <p class="empty">没有冒用报告 / no misuse reported</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>店铺 / shop</th>
                  <th>出现于 / seen on</th>
                  <th>次数 / count</th>
                  <th>首次 / first</th>
                  <th>最近 / last</th>
                </tr>
              </thead>
              <tbody>
                {d.misuse.map((m) => (
                  <tr>
                    <td class="mono">
                      {m.platform}:{m.shopId}
                    </td>
                    <td class="mono">{m.origin}</td>
                    <td>{m.count}</td>
                    <td>{shanghai(m.firstSeen)}</td>
                    <td>{shanghai(m.lastSeen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section id="webhooks">
          <h2>推送失败 / Failed webhook deliveries</h2>
          {d.failedDeliveries.length === 0 ? (
            <p class="empty">没有失败的推送 / none</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>平台 / partner</th>
                  <th>变更 / change</th>
                  <th>状态 / status</th>
                  <th>次数 / attempts</th>
                  <th>错误 / error</th>
                  <th>下次 / next</th>
                </tr>
              </thead>
              <tbody>
                {d.failedDeliveries.map((f) => (
                  <tr>
                    <td class="mono">{f.id}</td>
                    <td>{f.partner}</td>
                    <td class="mono">{f.changeSeq}</td>
                    <td>
                      <span class={`tag ${f.status === "dead" ? "bad" : "warn"}`}>{f.status}</span>
                    </td>
                    <td>{f.attempts}</td>
                    <td class="mono">{f.lastError ?? "—"}</td>
                    <td>{shanghai(f.nextAttemptAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </main>
    </Layout>
  );
}
