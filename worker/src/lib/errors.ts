/**
 * One JSON error shape for the whole service: `{ "error": { "code", "message", "field"? } }`.
 * Messages are bilingual (zh first) so a person and a program both understand what went wrong.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { describeDbFailure, isDatabaseFailure } from "./db-failure.ts";

export interface ErrorBody {
  error: { code: string; message: string; field?: string; details?: unknown };
}

export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(status, { message });
  }
}

export function errorBody(code: string, message: string, field?: string, details?: unknown): ErrorBody {
  return {
    error: { code, message, ...(field ? { field } : {}), ...(details !== undefined ? { details } : {}) },
  };
}

export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.field, err.details), err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? "payload_too_large" : status === 401 ? "unauthorized" : "http_error";
    return c.json(errorBody(code, err.message || "请求无法处理 / request could not be handled"), status);
  }
  if (isDatabaseFailure(err)) {
    // Never half an answer: reads fall back to last-good (middleware/last-good.ts), the rest say so.
    console.error(`[xinbiao] database unavailable: ${describeDbFailure(err)}`);
    c.header("Retry-After", "30");
    return c.json(
      errorBody(
        "database_unavailable",
        "数据库暂时不可用，未做任何更改，请稍后重试 / the database is unavailable; nothing was changed, try again later",
      ),
      503,
    );
  }
  console.error("[xinbiao] unhandled error", err);
  return c.json(errorBody("internal", "服务内部错误 / internal error"), 500);
}

export function notFound(c: Context): Response {
  return c.json(
    errorBody("not_found", `没有这个地址 / no such endpoint: ${c.req.method} ${c.req.path}`),
    404,
  );
}
