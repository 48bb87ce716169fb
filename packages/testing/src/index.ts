export { createTestBus, type TestBus } from "./bus.ts";
export { createTestDatabase, type TestDatabase } from "./database.ts";
export { eventually } from "./eventually.ts";
export { type AppProcess, spawnApp } from "./processes.ts";
export { waitForQuiescence } from "./quiescence.ts";
export { type Stack, startStack } from "./stack.ts";
