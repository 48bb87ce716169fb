import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { generatedUrl, generateTypes } from "./openapi-types.ts";

await writeFile(generatedUrl, await generateTypes());
console.log(`wrote ${fileURLToPath(generatedUrl)}`);
