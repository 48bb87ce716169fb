// The package as partners get it: `npm pack`, installed from the tarball into a clean project,
// required from CommonJS and imported from ESM; its exports and types checked by publint and attw.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const sdkDir = fileURLToPath(new URL("..", import.meta.url));
const bin = (name: string) => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));
let project: string;
let tarball: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "koban-sdk-consumer-"));
  // `prepack` builds dist/ first, so the tarball is always the current source.
  await run("npm", ["pack", "--pack-destination", project], { cwd: sdkDir });
  const packed = (await readdir(project)).find((name) => name.endsWith(".tgz"));
  tarball = join(project, packed as string);
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  await run("npm", ["install", "--no-audit", "--no-fund", tarball], { cwd: project });
}, 180_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

/** What a consumer script prints: the SDK used end to end with a fetch of its own, no network. */
const script = (load: string) => `${load}
const answer = (status, body) => new Response(JSON.stringify(body), { status, headers: { "request-id": "req_pkg" } });
const answers = [answer(503, {}), answer(200, { id: "card_1", object: "card" }), answer(404, { status: 404, code: "resource_not_found" })];
const koban = new Koban({ apiKey: "kb_test_pkg", fetch: async () => answers.shift(), maxRetries: 1 });
(async () => {
  const card = await koban.cards.retrieve("card_1", { timeout: 1000 });
  const missing = await koban.cards.retrieve("card_2").catch((error) => error);
  const webhooks = new Webhooks();
  const secret = "whsec_" + btoa("package secret of 32 bytes, yes!");
  const signed = await webhooks.sign({ id: "evt_1", type: "card.created" }, secret);
  const event = await webhooks.verify(signed.payload, signed.headers, secret);
  console.log(JSON.stringify({ card: card.id, notFound: missing instanceof KobanNotFoundError, event: event.id, isDefault }));
})();
`;

describe("the packed package", () => {
  it("ships only the build, the README and package.json", async () => {
    const { stdout } = await run("tar", ["-tzf", tarball]);
    const files = stdout.trim().split("\n").sort();
    expect(files).toContain("package/dist/index.cjs");
    expect(files).toContain("package/dist/index.d.cts");
    expect(files).toContain("package/README.md");
    expect(files.filter((file) => !/^package\/(dist\/|README\.md$|CHANGELOG\.md$|package\.json$)/.test(file))).toEqual(
      [],
    );
  });

  it("works from a CommonJS consumer", async () => {
    const load = `const { Koban, Webhooks, KobanNotFoundError } = require("@koban/sdk");
const isDefault = require("@koban/sdk").default === Koban;`;
    await writeFile(join(project, "consumer.cjs"), script(load));
    const { stdout } = await run("node", ["consumer.cjs"], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({ card: "card_1", notFound: true, event: "evt_1", isDefault: true });
  });

  it("works from an ESM consumer", async () => {
    const load = `import Default, { Koban, Webhooks, KobanNotFoundError } from "@koban/sdk";
const isDefault = Default === Koban;`;
    await writeFile(join(project, "consumer.mjs"), script(load));
    const { stdout } = await run("node", ["consumer.mjs"], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({ card: "card_1", notFound: true, event: "evt_1", isDefault: true });
  });

  it("passes publint and Are The Types Wrong for every module resolution", async () => {
    await run(bin("publint"), ["--strict", tarball]);
    // attw exits non-zero on any problem (missing types, CJS/ESM masquerading, wrong default export).
    const { stdout } = await run(bin("attw"), [tarball, "--format", "json"]);
    expect(Object.values(JSON.parse(stdout).problems ?? {}).flat()).toEqual([]);
  });
});
