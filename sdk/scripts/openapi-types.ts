import { readFile } from "node:fs/promises";
import openapiTS, { astToString } from "openapi-typescript";

export const contractUrl = new URL("../../openapi/openapi.yaml", import.meta.url);
export const generatedUrl = new URL("../src/generated/openapi.ts", import.meta.url);
export const generateCommand = "npm run generate -w @koban/sdk";

const header = `// Generated from openapi/openapi.yaml by openapi-typescript. Do not edit:
// change the contract and run \`${generateCommand}\`.

`;

/**
 * The TypeScript types of the contract, exactly as the committed file must hold them. A request field
 * with a default stays optional (defaultNonNullable: false): the caller may leave it out.
 */
export async function generateTypes(): Promise<string> {
  const ast = await openapiTS(await readFile(contractUrl, "utf8"), { defaultNonNullable: false });
  return header + astToString(ast);
}
