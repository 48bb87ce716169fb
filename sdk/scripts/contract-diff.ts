// What, between two versions of the OpenAPI contract, breaks an integration built on the older.
// A small checker of our own: the npm diff tools either stop at OpenAPI 3.0 or wrap a binary.
//
// Requests break when the new contract refuses what the old accepted: a path, operation or
// parameter gone, a field or parameter newly required, a type, enum or bound narrowed. Responses
// break when a client of the old contract can no longer rely on what it read: a status, field or
// required field gone, a type changed. New optional inputs, new fields and new enum values in
// responses are additions (the contract tells clients to ignore what they don't know).

type Node = Record<string, unknown>;
type Direction = "request" | "response";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export function breakingChanges(before: Node, after: Node): string[] {
  const found: string[] = [];
  const resolveOld = resolver(before);
  const resolveNew = resolver(after);
  const oldPaths = (before.paths ?? {}) as Node;
  const newPaths = (after.paths ?? {}) as Node;

  for (const [path, rawItem] of Object.entries(oldPaths)) {
    const oldItem = rawItem as Node;
    const newItem = newPaths[path] as Node | undefined;
    if (!newItem) {
      found.push(`${path}: path removed`);
      continue;
    }
    for (const method of METHODS) {
      const oldOp = oldItem[method] as Node | undefined;
      if (!oldOp) continue;
      const newOp = newItem[method] as Node | undefined;
      const where = `${method.toUpperCase()} ${path}`;
      if (!newOp) {
        found.push(`${where}: operation removed`);
        continue;
      }
      const context: Context = { found, resolveOld, resolveNew, seen: new Set() };
      compareParameters(context, where, [oldItem, oldOp], [newItem, newOp]);
      compareRequestBody(context, where, oldOp, newOp);
      compareResponses(context, where, oldOp, newOp);
    }
  }
  return found;
}

interface Context {
  found: string[];
  resolveOld: (node: unknown) => Node | undefined;
  resolveNew: (node: unknown) => Node | undefined;
  /** Pairs of $refs already compared, so recursive schemas end. */
  seen: Set<string>;
}

function compareParameters(context: Context, where: string, oldOwners: Node[], newOwners: Node[]) {
  const collect = (owners: Node[], resolve: Context["resolveOld"]) => {
    const params = new Map<string, Node>();
    for (const owner of owners) {
      for (const raw of (owner.parameters ?? []) as unknown[]) {
        const param = resolve(raw);
        if (!param) continue;
        const name = param.in === "header" ? String(param.name).toLowerCase() : String(param.name);
        params.set(`${param.in} ${name}`, param);
      }
    }
    return params;
  };
  const before = collect(oldOwners, context.resolveOld);
  const after = collect(newOwners, context.resolveNew);
  for (const [key, param] of after) {
    if (param.required === true && before.get(key)?.required !== true) {
      context.found.push(`${where}: ${key} parameter ${before.has(key) ? "became required" : "added as required"}`);
    }
  }
  for (const [key, param] of before) {
    const now = after.get(key);
    if (!now) {
      context.found.push(`${where}: ${key} parameter removed`);
      continue;
    }
    compareSchemas(context, `${where} ${key} parameter`, param.schema, now.schema, "request");
  }
}

function compareRequestBody(context: Context, where: string, oldOp: Node, newOp: Node) {
  const before = context.resolveOld(oldOp.requestBody);
  const after = context.resolveNew(newOp.requestBody);
  if (!after) {
    if (before) context.found.push(`${where}: request body removed`);
    return;
  }
  if (after.required === true && before?.required !== true)
    context.found.push(`${where}: request body became required`);
  if (!before) return;
  const oldContent = (before.content ?? {}) as Node;
  const newContent = (after.content ?? {}) as Node;
  for (const [type, media] of Object.entries(oldContent)) {
    const now = newContent[type] as Node | undefined;
    if (!now) {
      context.found.push(`${where}: request body no longer accepts ${type}`);
      continue;
    }
    compareSchemas(context, `${where} request body`, (media as Node).schema, now.schema, "request");
  }
}

function compareResponses(context: Context, where: string, oldOp: Node, newOp: Node) {
  const oldResponses = (oldOp.responses ?? {}) as Node;
  const newResponses = (newOp.responses ?? {}) as Node;
  for (const [status, raw] of Object.entries(oldResponses)) {
    if (!status.startsWith("2")) continue;
    const before = context.resolveOld(raw);
    const after = context.resolveNew(newResponses[status]);
    if (!after) {
      context.found.push(`${where}: ${status} response removed`);
      continue;
    }
    const newContent = (after.content ?? {}) as Node;
    for (const [type, media] of Object.entries((before?.content ?? {}) as Node)) {
      const now = newContent[type] as Node | undefined;
      if (!now) {
        context.found.push(`${where}: ${status} response no longer ${type}`);
        continue;
      }
      compareSchemas(context, `${where} ${status} response`, (media as Node).schema, now.schema, "response");
    }
  }
}

function compareSchemas(context: Context, where: string, rawOld: unknown, rawNew: unknown, direction: Direction) {
  const pair = `${refOf(rawOld)}|${refOf(rawNew)}|${direction}`;
  if (refOf(rawOld) && refOf(rawNew)) {
    if (context.seen.has(pair)) return;
    context.seen.add(pair);
  }
  const before = context.resolveOld(rawOld);
  const after = context.resolveNew(rawNew);
  if (!before || !after) return;
  const report = (what: string) => context.found.push(`${where}: ${what}`);

  const oldTypes = types(before);
  const newTypes = types(after);
  if (oldTypes && newTypes) {
    // A request may now be refused for a type it could have; a response may now hold a type the client never handled.
    const lost = direction === "request" ? oldTypes.filter((t) => !accepts(newTypes, t)) : [];
    const gained = direction === "response" ? newTypes.filter((t) => !accepts(oldTypes, t)) : [];
    if (lost.length > 0) report(`no longer accepts type ${lost.join(", ")}`);
    if (gained.length > 0) report(`may now be of type ${gained.join(", ")}`);
  }
  if ("const" in before || "const" in after) {
    if (JSON.stringify(before.const) !== JSON.stringify(after.const)) {
      report(`constant changed from ${JSON.stringify(before.const)} to ${JSON.stringify(after.const)}`);
    }
  }
  if (direction === "request") {
    const oldEnum = before.enum as unknown[] | undefined;
    const newEnum = after.enum as unknown[] | undefined;
    if (newEnum) {
      const removed = oldEnum ? oldEnum.filter((value) => !newEnum.includes(value)) : ["(any value)"];
      if (removed.length > 0) report(`enum no longer accepts ${removed.map((v) => JSON.stringify(v)).join(", ")}`);
    }
    for (const [bound, narrower] of [
      ["maxLength", "lower"],
      ["maxItems", "lower"],
      ["maximum", "lower"],
      ["maxProperties", "lower"],
      ["minLength", "higher"],
      ["minItems", "higher"],
      ["minimum", "higher"],
      ["minProperties", "higher"],
    ] as const) {
      const was = before[bound] as number | undefined;
      const is = after[bound] as number | undefined;
      if (is === undefined || is === was) continue;
      if (was === undefined || (narrower === "lower" ? is < was : is > was)) report(`${bound} narrowed to ${is}`);
    }
    if (after.pattern !== undefined && after.pattern !== before.pattern) report(`pattern changed to ${after.pattern}`);
  }

  compareObjects(context, where, before, after, direction);
  if (before.items !== undefined && after.items !== undefined) {
    compareSchemas(context, `${where}[]`, before.items, after.items, direction);
  }
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const oldVariants = before[keyword] as unknown[] | undefined;
    const newVariants = after[keyword] as unknown[] | undefined;
    if (!oldVariants || !newVariants) continue;
    if (direction === "request" && newVariants.length < oldVariants.length) report(`${keyword} lost a variant`);
    const count = Math.min(oldVariants.length, newVariants.length);
    for (let i = 0; i < count; i++) {
      compareSchemas(context, `${where} (${keyword} ${i})`, oldVariants[i], newVariants[i], direction);
    }
  }
  for (const [i, part] of ((before.allOf ?? []) as unknown[]).entries()) {
    const now = (after.allOf as unknown[] | undefined)?.[i];
    if (now !== undefined) compareSchemas(context, where, part, now, direction);
  }
}

function compareObjects(context: Context, where: string, before: Node, after: Node, direction: Direction) {
  const oldProps = (before.properties ?? {}) as Node;
  const newProps = (after.properties ?? {}) as Node;
  const oldRequired = new Set((before.required ?? []) as string[]);
  const newRequired = new Set((after.required ?? []) as string[]);
  const at = (name: string) =>
    where.endsWith("body") || where.endsWith("response") ? `${where} ${name}` : `${where}.${name}`;
  for (const [name, schema] of Object.entries(oldProps)) {
    const now = newProps[name];
    if (now === undefined) {
      // A request field that disappears is refused when additional properties are (as they are here).
      if (direction === "response" || after.additionalProperties === false)
        context.found.push(`${at(name)}: field removed`);
      continue;
    }
    if (direction === "response" && oldRequired.has(name) && !newRequired.has(name)) {
      context.found.push(`${at(name)}: no longer always present`);
    }
    compareSchemas(context, at(name), schema, now, direction);
  }
  if (direction === "request") {
    for (const name of newRequired) {
      if (!oldRequired.has(name))
        context.found.push(`${at(name)}: ${name in oldProps ? "became required" : "added as required"}`);
    }
  }
}

/** The types a schema allows, or undefined when it does not say. */
function types(schema: Node): string[] | undefined {
  if (schema.type === undefined) return undefined;
  return Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
}

const accepts = (allowed: string[], type: string) =>
  allowed.includes(type) || (type === "integer" && allowed.includes("number"));

function refOf(node: unknown): string | undefined {
  return typeof node === "object" && node !== null ? ((node as Node).$ref as string | undefined) : undefined;
}

/** Follows local `$ref`s (`#/components/...`) to what they point at. */
function resolver(document: Node) {
  return function resolve(node: unknown): Node | undefined {
    let current = node;
    for (let hops = 0; hops < 20; hops++) {
      const ref = refOf(current);
      if (!ref) return typeof current === "object" && current !== null ? (current as Node) : undefined;
      current = ref
        .slice(2)
        .split("/")
        .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
        .reduce<unknown>((at, part) => (at as Node | undefined)?.[part], document);
    }
    throw new Error(`$ref chain too long at ${refOf(node)}`);
  };
}
