/**
 * Which IP addresses an outbound request (webhooks, anything else the server fetches) may reach.
 * Pure: parses IPv4/IPv6 text into bytes and names the class of every address that is not a public
 * unicast destination, from the IANA special-purpose registries (RFC 6890 and its updates):
 * IPv4 — 0.0.0.0/8, 10/8, 100.64/10 (CGNAT, RFC 6598), 127/8, 169.254/16, 172.16/12, 192.0.0/24,
 * 192.0.2/24, 192.88.99/24, 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 224/4, 240/4,
 * 255.255.255.255; IPv6 — ::, ::1, ::ffff:0:0/96 and ::/96 (IPv4-mapped / -compatible), 64:ff9b::/96
 * (NAT64, RFC 6052: judged by the IPv4 address it embeds), 64:ff9b:1::/48, 100::/64, 2001::/23
 * (Teredo, benchmarking, ORCHID …), 2001:db8::/32, 2002::/16 (6to4: judged by its IPv4), fc00::/7
 * (ULA), fe80::/10, fec0::/10, ff00::/8, and everything outside 2000::/3. Cloud metadata endpoints
 * (169.254.169.254, 169.254.170.2, 100.100.100.200 on Alibaba Cloud, fd00:ec2::254) are their own
 * class: never reachable, not even in local development.
 */

export type AddressClass =
  | "metadata"
  | "loopback"
  | "unspecified"
  | "private"
  | "cgnat"
  | "link-local"
  | "ula"
  | "multicast"
  | "broadcast"
  | "reserved"
  | "ipv4-mapped"
  | "nat64-private"
  | "invalid";

/** Classes a local-development opt-in (XINBIAO_DEV_ALLOW_LOCAL_OUTBOUND=1) may reach. */
export const LOCAL_CLASSES: ReadonlySet<AddressClass> = new Set([
  "loopback",
  "private",
  "ula",
  "cgnat",
  "link-local",
]);

const METADATA = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"]);

export function parseIpv4(text: string): Uint8Array | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

export function parseIpv6(input: string): Uint8Array | null {
  let text = input.startsWith("[") && input.endsWith("]") ? input.slice(1, -1) : input;
  // A zone id (fe80::1%eth0) names an interface of this host: link-local by definition.
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(":")) return null;
  let tail: Uint8Array | null = null;
  const lastColon = text.lastIndexOf(":");
  if (text.slice(lastColon + 1).includes(".")) {
    tail = parseIpv4(text.slice(lastColon + 1));
    if (!tail) return null;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const g = all[i]!;
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    const v = Number.parseInt(g, 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  }
  if (tail) out.set(tail, 12);
  return out;
}

function inV4(a: Uint8Array, net: [number, number, number, number], bits: number): boolean {
  for (let i = 0; i < 4; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8));
    if (take === 0) return true;
    const mask = (0xff << (8 - take)) & 0xff;
    if ((a[i]! & mask) !== (net[i]! & mask)) return false;
  }
  return true;
}

function inV6(a: Uint8Array, prefix: number[], bits: number): boolean {
  for (let i = 0; i < 16; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8));
    if (take === 0) return true;
    const mask = (0xff << (8 - take)) & 0xff;
    if ((a[i]! & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

const V4_BLOCKS: Array<[[number, number, number, number], number, AddressClass]> = [
  [[0, 0, 0, 0], 8, "unspecified"],
  [[10, 0, 0, 0], 8, "private"],
  [[100, 64, 0, 0], 10, "cgnat"],
  [[127, 0, 0, 0], 8, "loopback"],
  [[169, 254, 0, 0], 16, "link-local"],
  [[172, 16, 0, 0], 12, "private"],
  [[192, 0, 0, 0], 24, "reserved"],
  [[192, 0, 2, 0], 24, "reserved"],
  [[192, 88, 99, 0], 24, "reserved"],
  [[192, 168, 0, 0], 16, "private"],
  [[198, 18, 0, 0], 15, "reserved"],
  [[198, 51, 100, 0], 24, "reserved"],
  [[203, 0, 113, 0], 24, "reserved"],
  [[224, 0, 0, 0], 4, "multicast"],
  [[255, 255, 255, 255], 32, "broadcast"],
  [[240, 0, 0, 0], 4, "reserved"],
];

function classifyV4(a: Uint8Array): AddressClass | null {
  if (METADATA.has(a.join("."))) return "metadata";
  for (const [net, bits, cls] of V4_BLOCKS) if (inV4(a, net, bits)) return cls;
  return null;
}

function v6Text(a: Uint8Array): string {
  const g: string[] = [];
  for (let i = 0; i < 16; i += 2) g.push(((a[i]! << 8) | a[i + 1]!).toString(16));
  return g.join(":");
}

function classifyV6(a: Uint8Array): AddressClass | null {
  const full = v6Text(a);
  for (const m of METADATA) if (m.includes(":") && v6Text(parseIpv6(m)!) === full) return "metadata";
  if (a.every((b) => b === 0)) return "unspecified";
  if (a.slice(0, 15).every((b) => b === 0) && a[15] === 1) return "loopback";
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated): an IPv4 destination in disguise.
  if (inV6(a, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96) || inV6(a, [], 96)) return "ipv4-mapped";
  if (inV6(a, [0, 0x64, 0xff, 0x9b], 96)) return classifyV4(a.slice(12)) ? "nat64-private" : null;
  if (inV6(a, [0, 0x64, 0xff, 0x9b, 0, 1], 48)) return "reserved";
  if (inV6(a, [0x20, 0x02], 16)) return classifyV4(a.slice(2, 6)) ? "nat64-private" : null;
  if (inV6(a, [0xfc], 7)) return "ula";
  if (inV6(a, [0xfe, 0x80], 10)) return "link-local";
  if (inV6(a, [0xfe, 0xc0], 10)) return "reserved";
  if (inV6(a, [0xff], 8)) return "multicast";
  if (inV6(a, [0x01], 64)) return "reserved"; // 100::/64 discard
  if (inV6(a, [0x20, 0x01, 0x0d, 0xb8], 32)) return "reserved"; // documentation
  if (inV6(a, [0x20, 0x01], 23)) return "reserved"; // Teredo, benchmarking, ORCHID …
  if (!inV6(a, [0x20], 3)) return "reserved"; // not global unicast
  return null;
}

/** The class of a blocked address, or null for a public unicast address. Unparsable text is "invalid". */
export function classifyAddress(text: string): AddressClass | null {
  const v4 = parseIpv4(text);
  if (v4) return classifyV4(v4);
  const v6 = parseIpv6(text);
  if (v6) return text.includes("%") ? "link-local" : classifyV6(v6);
  return "invalid";
}

export function isIpLiteral(host: string): boolean {
  return parseIpv4(host) !== null || parseIpv6(host) !== null;
}

/** Whether a destination of this class may be reached (`allowLocal`: the local-development opt-in). */
export function mayReach(cls: AddressClass | null, allowLocal: boolean): boolean {
  return cls === null || (allowLocal && LOCAL_CLASSES.has(cls));
}
