/**
 * Outbound requests (issue 13 item 4): every class of internal address is refused — literal
 * addresses in the URL, and names through a fake resolver injected at the boundary — while real
 * loopback receivers (local-development opt-in on) get the request at the checked address, no
 * redirect is followed, a hanging receiver ends in "timeout", and failures name only a generic class.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AddressClass, classifyAddress, parseIpv6 } from "./ip-address.ts";
import {
  checkOutboundTarget,
  checkOutboundUrl,
  type HostResolver,
  resolveDestination,
  sendOutbound,
} from "./outbound.ts";

describe("address classes", () => {
  it.each<[string, AddressClass | null]>([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.1.1", "link-local"],
    ["169.254.169.254", "metadata"],
    ["169.254.170.2", "metadata"],
    ["100.100.100.200", "metadata"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.254", "cgnat"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.10", "reserved"],
    ["198.18.0.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["::ffff:127.0.0.1", "ipv4-mapped"],
    ["::ffff:7f00:1", "ipv4-mapped"],
    ["::ffff:8.8.8.8", "ipv4-mapped"],
    ["::127.0.0.1", "ipv4-mapped"],
    ["64:ff9b::10.0.0.1", "nat64-private"],
    ["64:ff9b::a9fe:a9fe", "nat64-private"],
    ["2002:7f00:1::", "nat64-private"],
    ["fc00::1", "ula"],
    ["fd12:3456::1", "ula"],
    ["fd00:ec2::254", "metadata"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["2001:0:4136:e378::1", "reserved"],
    ["not-an-ip", "invalid"],
    ["256.1.1.1", "invalid"],
    // Public unicast: reachable.
    ["8.8.8.8", null],
    ["172.32.0.1", null],
    ["100.128.0.1", null],
    ["64:ff9b::808:808", null],
    ["2606:4700:4700::1111", null],
  ])("%s → %s", (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });

  it("parses IPv6 forms", () => {
    expect(parseIpv6("[::1]")).toEqual(parseIpv6("0:0:0:0:0:0:0:1"));
    expect(parseIpv6("1:2:3:4:5:6:7:8:9")).toBeNull();
    expect(parseIpv6("1::2::3")).toBeNull();
  });
});

describe("URLs (no DNS)", () => {
  const strict = { allowLocal: false };
  it.each([
    "http://hooks.partner.example/x",
    "https://user:pw@hooks.partner.example/x",
    "https://169.254.169.254/latest/meta-data/",
    "https://[fd00:ec2::254]/latest/meta-data/",
    "https://100.100.100.200/latest/meta-data/",
    "https://127.0.0.1:6379/",
    "https://2130706433/", // 127.0.0.1 as one number
    "https://0x7f.1/", // and in hex
    "https://[::1]:8080/",
    "https://[::ffff:127.0.0.1]/",
    "https://[::ffff:a9fe:a9fe]/",
    "https://[64:ff9b::10.0.0.1]/",
    "https://10.0.0.5/",
    "https://172.20.1.1/",
    "https://192.168.0.1/",
    "https://100.64.1.1/",
    "https://[fe80::1]/",
    "https://[fc00::5]/",
    "https://224.0.0.251/",
    "https://255.255.255.255/",
    "https://0.0.0.0/",
    "https://localhost/",
    "https://api.localhost./",
    "ftp://hooks.partner.example/",
    "not a url",
  ])("refuses %s", (url) => {
    expect(checkOutboundUrl(url, strict).ok).toBe(false);
  });

  it("takes public https, and http/loopback only with the local-development opt-in (metadata never)", () => {
    expect(checkOutboundUrl("https://hooks.partner.example/x", strict).ok).toBe(true);
    expect(checkOutboundUrl("https://8.8.8.8/x", strict).ok).toBe(true);
    const local = { allowLocal: true };
    expect(checkOutboundUrl("http://127.0.0.1:8080/x", local).ok).toBe(true);
    expect(checkOutboundUrl("http://localhost:8080/x", local).ok).toBe(true);
    expect(checkOutboundUrl("http://192.168.1.20/x", local).ok).toBe(true);
    expect(checkOutboundUrl("http://169.254.169.254/latest/meta-data/", local).ok).toBe(false);
    expect(checkOutboundUrl("http://[fd00:ec2::254]/", local).ok).toBe(false);
    expect(checkOutboundUrl("http://224.0.0.1/", local).ok).toBe(false);
  });
});

describe("names, through an injected resolver", () => {
  const answers: Record<string, string[]> = {
    "loop.partner.example": ["127.0.0.1"],
    "private.partner.example": ["10.0.0.7"],
    "meta.partner.example": ["169.254.169.254"],
    "alibaba-meta.partner.example": ["100.100.100.200"],
    "v6loop.partner.example": ["::1"],
    "mapped.partner.example": ["::ffff:192.168.0.1"],
    "nat64.partner.example": ["64:ff9b::c0a8:1"],
    "ula.partner.example": ["fd00::1"],
    "linklocal.partner.example": ["fe80::1"],
    "cgnat.partner.example": ["100.64.0.9"],
    "multicast.partner.example": ["239.1.1.1"],
    "mixed.partner.example": ["93.184.216.34", "10.0.0.1"],
    "public.partner.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
  };
  const resolver: HostResolver = async (h) => {
    const a = answers[h];
    if (!a) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${h}`), { code: "ENOTFOUND" });
    return a.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  const policy = { allowLocal: false, resolver };

  it.each(Object.keys(answers).filter((h) => !h.startsWith("public")))(
    "refuses %s (one bad address refuses the name)",
    async (host) => {
      const d = await resolveDestination(new URL(`https://${host}/hook`), policy);
      expect(d).toEqual({ ok: false, error: "refused destination" });
      expect((await checkOutboundTarget(`https://${host}/hook`, policy)).ok).toBe(false);
    },
  );

  it("a public name resolves to the address the request will connect to", async () => {
    const d = await resolveDestination(new URL("https://public.partner.example/hook"), policy);
    expect(d).toMatchObject({ ok: true, address: "93.184.216.34", family: 4 });
  });

  it("a name that does not resolve yet can be registered (delivery checks again) but not sent to", async () => {
    expect((await checkOutboundTarget("https://later.partner.example/hook", policy)).ok).toBe(true);
    const r = await sendOutbound(
      { url: "https://later.partner.example/hook", method: "POST", headers: {}, body: "{}", timeoutMs: 5000 },
      policy,
    );
    expect(r).toEqual({ ok: false, error: "connect failed", status: null });
  });
});

describe("real loopback receivers", () => {
  let server: Server;
  let port = 0;
  const seen: { path: string; host: string | undefined; body: string }[] = [];
  const hanging: IncomingMessage[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => {
        body += d;
      });
      req.on("end", () => {
        seen.push({ path: req.url ?? "", host: req.headers.host, body });
        if (req.url === "/hang") {
          hanging.push(req); // never answered
          return;
        }
        if (req.url === "/redirect")
          return res.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
        if (req.url === "/fail") return res.writeHead(503).end("internal detail: port 6379");
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const post = (url: string, opts: Parameters<typeof sendOutbound>[1], timeoutMs = 10_000) =>
    sendOutbound(
      { url, method: "POST", headers: { "content-type": "application/json" }, body: '{"a":1}', timeoutMs },
      opts,
    );

  it("delivers with the opt-in; refuses without it and nothing reaches the receiver", async () => {
    seen.length = 0;
    expect(await post(`http://127.0.0.1:${port}/ok`, { allowLocal: true })).toEqual({
      ok: true,
      status: 204,
    });
    expect(seen).toEqual([{ path: "/ok", host: `127.0.0.1:${port}`, body: '{"a":1}' }]);
    expect(await post(`http://127.0.0.1:${port}/ok`, { allowLocal: false })).toMatchObject({
      ok: false,
      error: "refused destination",
    });
    expect(await post(`https://127.0.0.1:${port}/ok`, { allowLocal: false })).toMatchObject({
      ok: false,
      error: "refused destination",
    });
    expect(seen).toHaveLength(1);
  });

  it("connects to the checked address: a name that exists in no DNS reaches the pinned receiver", async () => {
    seen.length = 0;
    let calls = 0;
    const resolver: HostResolver = async () => {
      calls++;
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const r = await post(`http://hooks.partner.invalid:${port}/pinned`, { allowLocal: true, resolver });
    expect(r).toEqual({ ok: true, status: 204 });
    expect(calls).toBe(1); // checked once; the socket used that answer, not a second lookup
    expect(seen[0]).toMatchObject({ path: "/pinned", host: `hooks.partner.invalid:${port}` });
  });

  it("does not follow a redirect", async () => {
    seen.length = 0;
    expect(await post(`http://127.0.0.1:${port}/redirect`, { allowLocal: true })).toEqual({
      ok: false,
      error: "redirect refused",
      status: 302,
    });
    expect(seen.map((s) => s.path)).toEqual(["/redirect"]);
  });

  it("a hanging receiver ends in a timeout; a failing one in its class, without its words", async () => {
    const hung = await post(`http://127.0.0.1:${port}/hang`, { allowLocal: true }, 500);
    expect(hung).toEqual({ ok: false, error: "timeout", status: null });
    const failed = await post(`http://127.0.0.1:${port}/fail`, { allowLocal: true });
    expect(failed).toEqual({ ok: false, error: "HTTP 5xx", status: 503 });
  });

  it("a closed port is 'connect failed', naming no port or socket error", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const closed = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const r = await post(`http://127.0.0.1:${closed}/x`, { allowLocal: true });
    expect(r).toEqual({ ok: false, error: "connect failed", status: null });
    expect(JSON.stringify(r)).not.toContain(String(closed));
    expect(JSON.stringify(r)).not.toMatch(/ECONNREFUSED/);
  });
});
