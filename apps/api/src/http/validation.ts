import type { z } from "zod";
import { Problem } from "./problem.ts";

/** Parses input with a schema, or throws a 400 problem naming the first offending field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const broken = loneSurrogateAt(input, []);
  if (broken) {
    const param = broken.join(".");
    fail("parameter_invalid", param, `Invalid ${param || "request"}: not valid Unicode (holds a lone surrogate).`);
  }
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
  if (issue.code !== "custom" && valueAt(input, issue.path) === undefined) {
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

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * JSON.parse accepts `"\ud800"`, a string no UTF-8 can carry: stored or sent on, it breaks
 * Postgres, webhooks and partners' parsers. Checked here, once, for every key and value of every input.
 */
function loneSurrogateAt(value: unknown, path: string[]): string[] | undefined {
  if (typeof value === "string") return LONE_SURROGATE.test(value) ? path : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = [...path, key];
    if (LONE_SURROGATE.test(key)) return at;
    const found = loneSurrogateAt(item, at);
    if (found) return found;
  }
  return undefined;
}
