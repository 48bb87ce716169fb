import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  // Neutral: the same build runs on Node, Bun, Deno and edge runtimes, so nothing Node-only may creep in.
  platform: "neutral",
  target: "es2022",
});
