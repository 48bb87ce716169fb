import type { z } from "zod";
import { Problem } from "./problem.ts";

/** Parses input with a schema, or throws a 400 problem naming the first offending field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new Problem(400, "invalid_request", "The request is invalid.");
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    return fail("parameter_unknown", [...path, key].join("."), `Unknown parameter: ${[...path, key].join(".")}.`);
  }
  const param = path.join(".");
  if (issue.code === "invalid_type" && valueAt(input, issue.path) === undefined) {
    return fail("parameter_missing", param, `Missing required parameter: ${param}.`);
  }
  return fail("parameter_invalid", param, `Invalid ${param || "request"}: ${issue.message}.`);
}

function fail(code: string, param: string, detail: string): never {
  throw new Problem(400, code, detail, param || undefined);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
