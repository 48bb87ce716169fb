import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

/** The name Ajv knows the document by; never fetched. */
const CONTRACT_ID = "https://contract.koban.invalid/openapi.json";
const DEFAULT_PATH = fileURLToPath(new URL("../../../openapi/openapi.yaml", import.meta.url));

type Node = Record<string, unknown>;
/** A node of the document and its JSON pointer (unencoded, `~0`/`~1` escaped). */
interface Located {
  node: Node;
  pointer: string;
}

export interface Contract {
  readonly document: Node;
  readonly ajv: Ajv2020;
  /** Compiled validators by JSON pointer into the document. */
  readonly validators: Map<string, ValidateFunction>;
}

export interface ContractResponse {
  method: string;
  /** The concrete request path, e.g. `/v1/cardholders/ch_01…?limit=5`. */
  path: string;
  status: number;
  headers: Headers | Record<string, unknown>;
  /** Parsed JSON, or the raw text (parsed here when the declared media type is JSON). */
  body?: unknown;
}

export function loadContract(path: string = DEFAULT_PATH): Contract {
  const document = parse(readFileSync(path, "utf8")) as Node;
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  // Ajv compiles the whole document when a schema refers into it; strict mode must
  // accept OpenAPI's top-level fields and schema annotations as (inert) keywords.
  ajv.addVocabulary([
    "openapi",
    "info",
    "jsonSchemaDialect",
    "servers",
    "paths",
    "webhooks",
    "components",
    "security",
    "tags",
    "externalDocs",
    "discriminator",
    "example",
    "xml",
  ]);
  ajv.addSchema({ ...document, $id: CONTRACT_ID });
  return { document, ajv, validators: new Map() };
}

/** Throws, listing every mismatch, unless the response is one the contract declares. */
export function assertMatchesContract(contract: Contract, response: ContractResponse): void {
  const { document } = contract;
  const where = `${response.method.toUpperCase()} ${response.path} → ${response.status}`;
  const mismatch = (problems: string[]) =>
    new Error(`${where} does not match the contract:\n  - ${problems.join("\n  - ")}`);

  const pathname = response.path.split(/[?#]/)[0] ?? "";
  const template = matchTemplate(Object.keys(asNode(document.paths)), pathname);
  if (!template) throw mismatch([`no path of the contract matches ${pathname}`]);
  const root: Located = { node: document, pointer: "" };
  const operation = child(document, root, "paths", template, response.method.toLowerCase());
  if (!operation) throw mismatch([`${template} has no ${response.method.toUpperCase()} operation`]);

  const statuses = Object.keys(asNode(operation.node.responses));
  const key = [String(response.status), `${String(response.status)[0]}XX`, "default"].find((k) => statuses.includes(k));
  if (!key) throw mismatch([`status ${response.status} is not declared (declared: ${statuses.join(", ")})`]);
  const declared = child(document, operation, "responses", key);
  if (!declared) throw mismatch([`response ${key} is not an object`]);

  const headers = normalizeHeaders(response.headers);
  const problems = [
    ...checkHeaders(contract, declared, headers),
    ...checkBody(contract, declared, headers.get("content-type"), response.body),
  ];
  if (problems.length > 0) throw mismatch(problems);
}

function checkHeaders(contract: Contract, response: Located, headers: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(asNode(response.node.headers))) {
    // OpenAPI ignores a declared Content-Type header; the content map governs it.
    if (name.toLowerCase() === "content-type") continue;
    const header = child(contract.document, response, "headers", name);
    if (!header) continue;
    const value = headers.get(name.toLowerCase());
    if (value === undefined) {
      if (header.node.required === true) problems.push(`header ${name} is missing`);
      continue;
    }
    if (!header.node.schema) continue;
    const schemaType = asNode(header.node.schema).type;
    const typed = schemaType === "integer" || schemaType === "number" ? Number(value) : value;
    problems.push(...validate(contract, `${header.pointer}/schema`, typed, `header ${name}`));
  }
  return problems;
}

function checkBody(contract: Contract, response: Located, contentType: string | undefined, body: unknown): string[] {
  const mediaTypes = Object.keys(asNode(response.node.content));
  if (mediaTypes.length === 0) {
    return body === undefined || body === null || body === "" ? [] : ["a body was sent but none is declared"];
  }
  if (!contentType) return [`content-type is missing (declared: ${mediaTypes.join(", ")})`];
  const essence = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const mediaType = [essence, `${essence.split("/")[0]}/*`, "*/*"].find((m) => mediaTypes.includes(m));
  if (!mediaType) return [`content-type ${essence} is not declared (declared: ${mediaTypes.join(", ")})`];
  const media = child(contract.document, response, "content", mediaType);
  if (!media?.node.schema) return [];

  let value = body;
  if (typeof body === "string" && /[/+]json$/.test(mediaType)) {
    try {
      value = JSON.parse(body);
    } catch {
      return [`body is not valid JSON: ${body.slice(0, 200)}`];
    }
  }
  return validate(contract, `${media.pointer}/schema`, value, "body");
}

function validate(contract: Contract, pointer: string, value: unknown, label: string): string[] {
  let validator = contract.validators.get(pointer);
  if (!validator) {
    const fragment = pointer.split("/").map(encodeURIComponent).join("/");
    validator = contract.ajv.compile({ $ref: `${CONTRACT_ID}#${fragment}` });
    contract.validators.set(pointer, validator);
  }
  return validator(value) ? [] : (validator.errors ?? []).map((error) => describe(error, label));
}

function describe(error: ErrorObject, label: string): string {
  const { params } = error;
  const detail =
    error.keyword === "additionalProperties"
      ? `: ${params.additionalProperty}`
      : error.keyword === "enum"
        ? `: ${params.allowedValues.join(", ")}`
        : error.keyword === "const"
          ? `: ${JSON.stringify(params.allowedValue)}`
          : "";
  return `${label}${error.instancePath} ${error.message}${detail}`;
}

/** Concrete templates win over parameterised ones (`/v1/cards/new` before `/v1/cards/{id}`), as OpenAPI specifies. */
function matchTemplate(templates: string[], pathname: string): string | undefined {
  const params = (template: string) => template.split("{").length - 1;
  return templates
    .filter((template) => {
      const literal = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      return new RegExp(`^${literal.join("[^/]+")}$`).test(pathname);
    })
    .sort((a, b) => params(a) - params(b))[0];
}

/** Steps down from `from` through `keys`, following `$ref`s of responses, headers and the like (Ajv follows only schema refs). */
function child(document: Node, from: Located, ...keys: string[]): Located | undefined {
  let current = from;
  for (const key of keys) {
    const next = current.node[key];
    if (!isNode(next)) return undefined;
    current = {
      node: next,
      pointer: `${current.pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`,
    };
    while (typeof current.node.$ref === "string") {
      const ref = current.node.$ref;
      if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, not ${ref}`);
      const pointer = decodeURIComponent(ref.slice(1));
      const target = pointer
        .slice(1)
        .split("/")
        .reduce<unknown>(
          (node, token) => (isNode(node) ? node[token.replaceAll("~1", "/").replaceAll("~0", "~")] : undefined),
          document,
        );
      if (!isNode(target)) throw new Error(`unresolvable $ref ${ref}`);
      current = { node: target, pointer };
    }
  }
  return current;
}

function normalizeHeaders(headers: Headers | Record<string, unknown>): Map<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  return new Map(
    entries
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(", ") : String(value)]),
  );
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asNode(value: unknown): Node {
  return isNode(value) ? value : {};
}
