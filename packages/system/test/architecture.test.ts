import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { contexts } from "../src/index.ts";

const packagesDir = fileURLToPath(new URL("../../", import.meta.url));
const contextPackages = contexts.map((context) => `@koban/${context.name}`);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)[^"']*from\s+["']([^"']+)["']/gm)].map(
    (m) => m[1] ?? "",
  );

/** The rules of ARCHITECTURE.md and STYLE.md that a test can keep, so nobody has to remember them. */
describe.each(contexts.map((context) => context.name))("the %s context", (name) => {
  const root = join(packagesDir, name);
  const files = sourceFiles(join(root, "src"));

  it("never imports another context", () => {
    const others = contextPackages.filter((pkg) => pkg !== `@koban/${name}`);
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(Object.keys(manifest.dependencies ?? {}).filter((dep) => others.includes(dep))).toEqual([]);
    for (const file of files) {
      expect(
        importsOf(file).filter((spec) => others.includes(spec)),
        relative(root, file),
      ).toEqual([]);
    }
  });

  it("keeps its domain free of I/O and of the outer layers", () => {
    const allowed = (spec: string) => spec === "@koban/contracts" || spec === "node:crypto" || spec.startsWith("./");
    for (const file of files.filter((f) => f.includes("/src/domain/"))) {
      expect(
        importsOf(file).filter((spec) => !allowed(spec)),
        relative(root, file),
      ).toEqual([]);
    }
  });

  it("points its layers inward: the application never reaches into adapters", () => {
    for (const file of files.filter((f) => f.includes("/src/application/"))) {
      expect(
        importsOf(file).filter((spec) => spec.includes("/adapters/")),
        relative(root, file),
      ).toEqual([]);
    }
  });

  it("touches only its own schema in SQL", () => {
    const foreign = new RegExp(
      `\\b(${["eventstore", "bus", "api", ...contexts.map((c) => c.schema)].filter((s) => s !== name).join("|")})\\.[a-z_]+`,
      "g",
    );
    for (const file of files) {
      const sql = [
        ...readFileSync(file, "utf8").matchAll(/`[^`]*\b(?:SELECT|INSERT|UPDATE|DELETE|TRUNCATE)\b[^`]*`/g),
      ].join("\n");
      expect(sql.match(foreign) ?? [], relative(root, file)).toEqual([]);
    }
  });
});
