/**
 * Preloaded: the first SIGUSR2 starts counting, the second writes to COUNT_FILE each statement's
 * `[sent from | text, count, ms]`, ms being from the call to its answer (a lock wait shows there).
 */
export const statementCounterHook = `
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
const pg = createRequire(process.cwd() + "/package.json")("pg");
const counts = new Map();
let counting = false;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, ...rest) {
  if (counting) {
    const text = typeof config === "string" ? config : (config?.text ?? "");
    const frames = new Error().stack.split("\\n").slice(2);
    const frame = frames.find((l) => !/node_modules|node:|packages\\/db\\/src/.test(l)) ?? "?";
    const where = frame.replace(/^.*\\/(packages|apps)\\//, "$1/").replace(/:\\d+\\)?$/, "");
    const key = where + " | " + text.replace(/\\s+/g, " ").slice(0, 50);
    const entry = counts.get(key) ?? [0, 0];
    entry[0] += 1;
    counts.set(key, entry);
    const started = performance.now();
    const result = query.call(this, config, ...rest);
    if (result && typeof result.then === "function") {
      result.then(() => { entry[1] += performance.now() - started; }, () => {});
    }
    return result;
  }
  return query.call(this, config, ...rest);
};
process.on("SIGUSR2", () => {
  if (!counting) { counting = true; counts.clear(); return; }
  counting = false;
  writeFileSync(process.env.COUNT_FILE, JSON.stringify([...counts].map(([key, [n, ms]]) => [key, n, ms])));
});
`;
