import { headPosition } from "@koban/messaging";
import { rebuildReadModels } from "@koban/query";
import { SingleBar } from "cli-progress";
import { Command } from "commander";
import { withPool } from "../env.ts";

export function rebuildCommand(): Command {
  return new Command("rebuild-read-models")
    .description("Drop the query side's read models and replay the event store into them")
    .action(() =>
      withPool(async (pool) => {
        const bar = new SingleBar({ format: "replaying {bar} {value}/{total} events", stream: process.stderr });
        bar.start(await headPosition(pool), 0);
        const applied = await rebuildReadModels(pool, (count) => bar.update(count));
        bar.stop();
        process.stdout.write(`${JSON.stringify({ applied })}\n`);
      }),
    );
}
