// Run when @koban/sdk is released: the contract it was built from becomes the one later changes are checked against.
import { copyFile } from "node:fs/promises";

await copyFile(
  new URL("../../openapi/openapi.yaml", import.meta.url),
  new URL("../contract/released-openapi.yaml", import.meta.url),
);
console.log("sdk/contract/released-openapi.yaml now holds the released contract.");
