import { contractVerdict, describeVerdict } from "./contract-gate.ts";

const verdict = await contractVerdict();
console.log(describeVerdict(verdict));
process.exitCode = verdict.ok ? 0 : 1;
