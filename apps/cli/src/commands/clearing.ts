import { SingleBar } from "cli-progress";
import { Command } from "commander";
import { countRecords, importClearingFileAt } from "../clearing-import.ts";
import { withPool } from "../env.ts";

export function clearingCommands(): Command {
  const clearing = new Command("clearing").description("The card network's clearing files");
  clearing
    .command("import <file>")
    .description(
      "Import a clearing file: each record deduplicated by its network ids, matched and posted; prints a summary as JSON",
    )
    .option("--batch-size <n>", "records per database transaction", "1000")
    .action((file: string, options: { batchSize: string }) =>
      withPool(async (pool) => {
        const bar = new SingleBar({
          format: "importing {bar} {value}/{total} records | {duration}s",
          stream: process.stderr,
          // Under a pipe (CI, a log) the bar is printed as lines, each second and at the end.
          noTTYOutput: true,
          notTTYSchedule: 1_000,
        });
        bar.start(await countRecords(file), 0);
        const started = performance.now();
        const summary = await importClearingFileAt(pool, file, {
          batchSize: Number(options.batchSize),
          onProgress: (records) => bar.update(records),
        });
        bar.stop();
        const seconds = (performance.now() - started) / 1000;
        process.stdout.write(
          `${JSON.stringify({ ...summary, seconds: Math.round(seconds * 100) / 100, records_per_second: Math.round(summary.records / seconds) }, null, 2)}\n`,
        );
        if (summary.failed > 0) process.exitCode = 2;
      }),
    );
  return clearing;
}
