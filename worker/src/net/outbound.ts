/**
 * Every request the server makes to a URL someone else chose (webhooks: registration and each
 * delivery) goes through here (DESIGN §8, issue 13 item 4). Without it a partner could point the
 * service at 169.254.169.254, a private range, [::1] or any loopback port, or at a name resolving to
 * one of those, and read the delivery log as a port scanner.
 *
 *  - https only, no credentials in the URL; plain http and local destinations only with the explicit
 *    local-development opt-in (`allowLocal`: AppDeps.allowLocalOutbound, which the Node entry sets
 *    from XINBIAO_DEV_ALLOW_LOCAL_OUTBOUND=1; default false). Metadata addresses never.
 *  - The host is resolved at delivery time and EVERY address it resolves to must be public
 *    (ip-address.ts); one bad address refuses the name.
 *  - On Node the connection goes to the address that was checked: the request's `lookup` answers
 *    with it, so a second DNS answer (rebinding) cannot switch the destination; TLS still verifies
 *    the certificate for the name (SNI = host).
 *  - On Workers fetch() resolves the name itself and offers no way to pin an address. What the
 *    platform guarantees instead: a Worker's subrequests leave from Cloudflare's edge, not from a host
 *    on the operator's network, so loopback, the deployment's private networks and cloud metadata
 *    endpoints are not reachable from there (private networks need an explicit Tunnel / VPC binding,
 *    which this Worker does not have). The name is still checked here with DNS-over-HTTPS before the
 *    request, so names published with private addresses are refused the same way.
 *  - No redirects (a 3xx is a failure: a redirect is a second, unchecked destination).
 *  - A per-request deadline (AbortSignal) bounds DNS, connect and response.
 *  - Failures are reported as a few generic classes, never the socket error: "connection refused"
 *    vs "timeout" on an internal port is exactly what a scanner wants to read.
 */
import { classifyAddress, isIpLiteral, mayReach } from "./ip-address.ts";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
/** Resolves a host name to all its addresses; injected in tests at this boundary. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface OutboundPolicy {
  /** Local-development opt-in: http and loopback/private destinations allowed (metadata never). */
  allowLocal: boolean;
  resolver?: HostResolver | undefined;
}

export type OutboundErrorClass =
  | "refused destination"
  | "connect failed"
  | "timeout"
  | "redirect refused"
  | "HTTP 4xx"
  | "HTTP 5xx";

/** What a delivery log shows for each class (zh after the stable English class). */
export const ERROR_TEXT: Record<OutboundErrorClass, string> = {
  "refused destination": "refused destination / 目标地址不允许（回环、内网、保留或元数据地址）",
  "connect failed": "connect failed / 无法连接",
  timeout: "timeout / 超时",
  "redirect refused": "redirect refused / 不跟随重定向",
  "HTTP 4xx": "HTTP 4xx / 接收端拒绝",
  "HTTP 5xx": "HTTP 5xx / 接收端错误",
};

export type UrlCheck = { ok: true; url: URL } | { ok: false; zh: string; en: string };

const LOCALHOST_RE = /(^|\.)localhost\.?$/i;

function hostOf(u: URL): string {
  return u.hostname.startsWith("[") ? u.hostname.slice(1, -1) : u.hostname;
}

/** The URL alone: scheme, credentials, literal addresses, localhost names. No DNS. */
export function checkOutboundUrl(raw: string, policy: Pick<OutboundPolicy, "allowLocal">): UrlCheck {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, zh: "不是合法的网址", en: "not a URL" };
  }
  const httpOk = policy.allowLocal && u.protocol === "http:";
  if (u.protocol !== "https:" && !httpOk)
    return {
      ok: false,
      zh: "必须是 https 地址（http 仅在本地开发模式 XINBIAO_DEV_ALLOW_LOCAL_OUTBOUND=1 下可用）",
      en: "must be https (http only in local development, XINBIAO_DEV_ALLOW_LOCAL_OUTBOUND=1)",
    };
  if (u.username || u.password)
    return { ok: false, zh: "网址中不能带用户名或密码", en: "no credentials in the URL" };
  const host = hostOf(u);
  // WHATWG URL parsing already turned 0x7f.1, 2130706433, 127.1 … into dotted quads.
  if (isIpLiteral(host)) {
    if (!mayReach(classifyAddress(host), policy.allowLocal)) return refused();
  } else if (LOCALHOST_RE.test(host) && !policy.allowLocal) return refused();
  return { ok: true, url: u };
}

function refused(): UrlCheck {
  return {
    ok: false,
    zh: "目标地址不允许：回环、内网、链路本地、运营商级 NAT、组播、保留或云元数据地址",
    en: "destination refused: loopback, private, link-local, CGNAT, multicast, reserved or metadata address",
  };
}

export type Destination =
  | { ok: true; url: URL; address: string; family: 4 | 6 }
  | { ok: false; error: "refused destination" | "connect failed" };

/** Resolve and check every address; the first one is where the request will connect. */
export async function resolveDestination(url: URL, policy: OutboundPolicy): Promise<Destination> {
  const host = hostOf(url);
  if (isIpLiteral(host)) {
    return mayReach(classifyAddress(host), policy.allowLocal)
      ? { ok: true, url, address: host, family: host.includes(":") ? 6 : 4 }
      : { ok: false, error: "refused destination" };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (policy.resolver ?? defaultResolver())(host.replace(/\.$/, ""));
  } catch {
    return { ok: false, error: "connect failed" };
  }
  if (addresses.length === 0) return { ok: false, error: "connect failed" };
  for (const a of addresses)
    if (!mayReach(classifyAddress(a.address), policy.allowLocal))
      return { ok: false, error: "refused destination" };
  return { ok: true, url, address: addresses[0]!.address, family: addresses[0]!.family };
}

/**
 * Registration-time check (the partner gets a clear answer at once): the URL, and when the name
 * resolves now, its addresses. A name that does not resolve yet is accepted: delivery checks again.
 */
export async function checkOutboundTarget(raw: string, policy: OutboundPolicy): Promise<UrlCheck> {
  const c = checkOutboundUrl(raw, policy);
  if (!c.ok) return c;
  const d = await resolveDestination(c.url, policy);
  if (!d.ok && d.error === "refused destination") return refused();
  return c;
}

export interface OutboundRequest {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export type OutboundResult =
  | { ok: true; status: number }
  | { ok: false; error: OutboundErrorClass; status: number | null };

/** Sends to an already checked destination; answers the HTTP status. */
export type Transport = (
  dest: { url: URL; address: string; family: 4 | 6 },
  req: Omit<OutboundRequest, "url" | "timeoutMs">,
  signal: AbortSignal,
) => Promise<number>;

export interface SendOptions extends OutboundPolicy {
  transport?: Transport | undefined;
}

export async function sendOutbound(req: OutboundRequest, opts: SendOptions): Promise<OutboundResult> {
  const signal = AbortSignal.timeout(req.timeoutMs);
  const checked = checkOutboundUrl(req.url, opts);
  if (!checked.ok) return { ok: false, error: "refused destination", status: null };
  const timedOut = new Promise<"timeout">((resolve) =>
    signal.addEventListener("abort", () => resolve("timeout"), { once: true }),
  );
  const dest = await Promise.race([resolveDestination(checked.url, opts), timedOut]);
  if (dest === "timeout") return { ok: false, error: "timeout", status: null };
  if (!dest.ok) return { ok: false, error: dest.error, status: null };
  let status: number;
  try {
    status = await (opts.transport ?? defaultTransport())(
      dest,
      { method: req.method, headers: req.headers, body: req.body },
      signal,
    );
  } catch {
    return { ok: false, error: signal.aborted ? "timeout" : "connect failed", status: null };
  }
  if (status >= 200 && status < 300) return { ok: true, status };
  if (status >= 300 && status < 400) return { ok: false, error: "redirect refused", status };
  if (status >= 500) return { ok: false, error: "HTTP 5xx", status };
  return { ok: false, error: "HTTP 4xx", status };
}

const onWorkers = (): boolean =>
  typeof navigator !== "undefined" &&
  (navigator as { userAgent?: string }).userAgent === "Cloudflare-Workers";

export function defaultResolver(): HostResolver {
  return onWorkers() ? dohResolver : nodeResolver;
}

export function defaultTransport(): Transport {
  return onWorkers() ? fetchTransport : nodeTransport;
}

const nodeResolver: HostResolver = async (hostname) => {
  const dns = await import("node:dns");
  const all = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Workers have no resolver API: Cloudflare's DNS-over-HTTPS JSON endpoint, A and AAAA. */
const dohResolver: HostResolver = async (hostname) => {
  const out: ResolvedAddress[] = [];
  for (const [type, family] of [
    ["A", 4],
    ["AAAA", 6],
  ] as const) {
    const res = await fetch(
      `https://cloudflare-dns.com/dns-query?name=${encodeURIComponent(hostname)}&type=${type}`,
      { headers: { accept: "application/dns-json" }, signal: AbortSignal.timeout(5000) },
    );
    if (!res.ok) throw new Error("doh");
    const j = (await res.json()) as { Answer?: Array<{ type: number; data: string }> };
    for (const a of j.Answer ?? [])
      if (a.type === (family === 4 ? 1 : 28)) out.push({ address: a.data, family });
  }
  return out;
};

/** Node: connect to the checked address, whatever DNS says now; SNI and Host stay the name. */
const nodeTransport: Transport = async (dest, req, signal) => {
  const secure = dest.url.protocol === "https:";
  const mod = secure ? await import("node:https") : await import("node:http");
  const host = hostOf(dest.url);
  return new Promise<number>((resolve, reject) => {
    const r = mod.request(
      {
        protocol: dest.url.protocol,
        hostname: host,
        port: dest.url.port || (secure ? 443 : 80),
        path: `${dest.url.pathname}${dest.url.search}`,
        method: req.method,
        headers: {
          ...req.headers,
          host: dest.url.host,
          "content-length": String(Buffer.byteLength(req.body)),
        },
        agent: false,
        ...(secure && !isIpLiteral(host) ? { servername: host } : {}),
        // The pin: Node asks this function instead of DNS (with `all: true` when it tries families).
        lookup: ((_name: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
          if (options?.all) cb(null, [{ address: dest.address, family: dest.family }]);
          else cb(null, dest.address, dest.family);
        }) as never,
        signal,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        res.destroy();
        resolve(status);
      },
    );
    r.on("error", reject);
    r.end(req.body);
  });
};

const fetchTransport: Transport = async (dest, req, signal) => {
  const res = await fetch(dest.url.href, {
    method: req.method,
    headers: req.headers,
    body: req.body,
    redirect: "manual",
    signal,
  });
  await res.body?.cancel().catch(() => undefined);
  return res.status;
};
