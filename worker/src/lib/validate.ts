/**
 * zod validation at the edge, answering in the one error shape with the field that is wrong.
 */
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { ApiError } from "./errors.ts";

export function validate<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue?.path.join(".") || undefined;
      throw new ApiError(400, "invalid_parameter", issue?.message ?? "参数无效 / invalid parameter", field);
    }
  });
}
