import { listDeadLetters, replayDeadLetter } from "@koban/messaging";
import { Command } from "commander";
import { withPool } from "../env.ts";

export function deadLetterCommands(): Command {
  const command = new Command("dead-letters").description("Messages that failed every attempt");
  command
    .command("list")
    .description("List dead letters not yet replayed, newest first (JSON lines)")
    .option("--limit <n>", "how many", "50")
    .action((options: { limit: string }) =>
      withPool(async (pool) => {
        for (const letter of await listDeadLetters(pool, { limit: Number(options.limit) })) {
          process.stdout.write(`${JSON.stringify(letter)}\n`);
        }
      }),
    );
  command
    .command("replay")
    .description("Deliver dead letters again (consumers' inboxes make a replay safe)")
    .argument("<ids...>", "dead letter ids, or 'all'")
    .action((ids: string[]) =>
      withPool(async (pool) => {
        const targets =
          ids[0] === "all"
            ? (await listDeadLetters(pool, { limit: 10_000 })).map((letter) => letter.id)
            : ids.map(Number);
        let replayed = 0;
        for (const id of targets) if (await replayDeadLetter(pool, id)) replayed += 1;
        process.stdout.write(`${JSON.stringify({ replayed, requested: targets.length })}\n`);
      }),
    );
  return command;
}
