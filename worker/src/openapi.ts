/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests.
 */
import { z } from "zod";
import { platformShopParam, rangeParam, searchQuery, usccParam } from "./routes/schemas.ts";

type ZObject = z.ZodObject<z.ZodRawShape>;

function params(schema: ZObject, where: "path" | "query") {
  const json = z.toJSONSchema(schema, { io: "input" }) as {
    properties?: Record<string, { description?: string } & Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    description: s.description,
    schema: s,
  }));
}

const errorResponse = {
  description: "错误 / error",
  content: {
    "application/json": {
      schema: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["code", "message"],
            properties: { code: { type: "string" }, message: { type: "string" }, field: { type: "string" } },
          },
        },
      },
    },
  },
};

function op(summary: string, parameters: unknown[], ok: string) {
  return {
    get: {
      summary,
      parameters,
      responses: { "200": { description: ok }, "400": errorResponse, "404": errorResponse },
    },
  };
}

export function openApiDocument(baseUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "信标 Xinbiao public API",
      version: "1.0.0",
      description:
        "营业执照、身份核验、信用等级与名单状态的签名记录 / signed credit records for e-commerce merchants",
    },
    servers: [{ url: baseUrl }],
    paths: {
      "/api/v1/merchants/{uscc}": op(
        "主体的签名记录 / signed record of a merchant",
        params(usccParam, "path"),
        "SignedEnvelope",
      ),
      "/api/v1/shops/{platform}/{shopId}": op(
        "店铺经营者的签名记录 / signed record of the merchant behind a shop",
        params(platformShopParam, "path"),
        "shop + SignedEnvelope",
      ),
      "/api/v1/search": op("查询窗口 / search by name or code", params(searchQuery, "query"), "results"),
      "/api/v1/range/{prefix}": op(
        "k-匿名桶 / every shop whose SHA-256(platform:shopId) starts with prefix",
        params(rangeParam, "path"),
        "RangeBucket",
      ),
      "/api/v1/lists/prefixes": op(
        "黑名单/重点关注前缀集 / prefix set for offline warnings",
        [],
        "PrefixSet",
      ),
      "/.well-known/xinbiao-keys.json": op("签名公钥 / signing keys (JWK set)", [], "JWK set"),
      "/.well-known/xinbiao-audit-checkpoint.json": op(
        "审计日志签名检查点 / signed audit-log checkpoint (treeSize, headHash, timestamp, keyId, signature)",
        [{ name: "treeSize", in: "query", required: false, schema: { type: "integer", minimum: 1 } }],
        "signed tree head",
      ),
      "/healthz": op("健康检查 / health", [], "ok"),
    },
  };
}
