#!/usr/bin/env -S node --import tsx
import { networkCommand } from "./commands.ts";

/** `koban-network <authorize|reverse|advise|traffic> …`: the simulator on its own. */
try {
  await networkCommand().name("koban-network").parseAsync();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
