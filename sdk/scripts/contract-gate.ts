import { readdir, readFile } from "node:fs/promises";
import { parse } from "yaml";
import { breakingChanges } from "./contract-diff.ts";

const releasedUrl = new URL("../contract/released-openapi.yaml", import.meta.url);
const currentUrl = new URL("../../openapi/openapi.yaml", import.meta.url);
const changesetDir = new URL("../../.changeset/", import.meta.url);

type Bump = "major" | "minor" | "patch";

/** The largest bump of @koban/sdk that the pending changesets ask for. */
export async function pendingBump(dir: URL = changesetDir): Promise<Bump | undefined> {
  const order: Bump[] = ["patch", "minor", "major"];
  let largest: Bump | undefined;
  for (const name of await readdir(dir).catch(() => [])) {
    if (!name.endsWith(".md") || name === "README.md") continue;
    const text = await readFile(new URL(name, dir), "utf8");
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "";
    const bump = /^\s*["']?@koban\/sdk["']?\s*:\s*(major|minor|patch)\s*$/m.exec(front)?.[1] as Bump | undefined;
    if (bump && (!largest || order.indexOf(bump) > order.indexOf(largest))) largest = bump;
  }
  return largest;
}

/** The contract's breaking changes since the last release, and whether a pending changeset owns up to them. */
export async function contractVerdict() {
  const [released, current] = await Promise.all([readFile(releasedUrl, "utf8"), readFile(currentUrl, "utf8")]);
  const changes = breakingChanges(parse(released), parse(current));
  const bump = await pendingBump();
  return { changes, bump, ok: changes.length === 0 || bump === "major" };
}

export function describeVerdict({ changes, bump, ok }: Awaited<ReturnType<typeof contractVerdict>>): string {
  if (changes.length === 0) return "openapi/openapi.yaml has no breaking change since the last released SDK.";
  const list = changes.map((change) => `  - ${change}`).join("\n");
  const head = `openapi/openapi.yaml breaks clients of the last released SDK (sdk/contract/released-openapi.yaml):\n${list}`;
  if (ok) return `${head}\nA pending changeset makes the next @koban/sdk a major version, as it must be.`;
  return `${head}\nEither undo the change, or release it as a major version: run \`npx changeset\`, choose @koban/sdk and "major", and say what partners must change (pending bump now: ${bump ?? "none"}).`;
}
