/**
 * The k-anonymity shop key (DESIGN §6): the extension never sends a URL or a shop id; it hashes
 * `platform:shopId` with SHA-256 and asks for the bucket of the first 4 hex characters.
 */
import { sha256Hex } from "./signature.ts";

export const PLATFORMS = ["taobao", "tmall", "jd", "pinduoduo", "1688"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_LABELS: Record<Platform, { zh: string; en: string }> = {
  taobao: { zh: "淘宝", en: "Taobao" },
  tmall: { zh: "天猫", en: "Tmall" },
  jd: { zh: "京东", en: "JD" },
  pinduoduo: { zh: "拼多多", en: "Pinduoduo" },
  "1688": { zh: "1688", en: "1688" },
};

export const RANGE_PREFIX_LENGTH = 4;

export function isPlatform(p: string): p is Platform {
  return (PLATFORMS as readonly string[]).includes(p);
}

export function shopKey(platform: string, shopId: string): string {
  return `${platform}:${shopId}`;
}

export async function shopHash(platform: string, shopId: string): Promise<string> {
  return sha256Hex(shopKey(platform, shopId));
}

export function rangePrefix(hash: string): string {
  return hash.slice(0, RANGE_PREFIX_LENGTH);
}
