import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { generateCommand, generatedUrl, generateTypes } from "../scripts/openapi-types.ts";

it("the committed contract types are those openapi/openapi.yaml generates", async () => {
  const committed = await readFile(generatedUrl, "utf8").catch(() => "");
  const fresh = await generateTypes();
  // A plain comparison: a diff of two thousand lines helps nobody, the command does.
  if (committed !== fresh) {
    expect.fail(
      `sdk/src/generated/openapi.ts is stale: the contract changed. Run \`${generateCommand}\` and commit it.`,
    );
  }
});
