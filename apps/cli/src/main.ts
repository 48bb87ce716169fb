import { networkCommand } from "@koban/network";
import { Command } from "commander";
import { apiKeyCommands } from "./commands/api-keys.ts";
import { clearingCommands } from "./commands/clearing.ts";
import { consoleUserCommands } from "./commands/console-users.ts";
import { deadLetterCommands } from "./commands/dead-letters.ts";
import { depositCommands } from "./commands/deposits.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { partnerCommands } from "./commands/partners.ts";
import { programCommands } from "./commands/programs.ts";
import { rebuildCommand } from "./commands/rebuild.ts";
import { reportCommands } from "./commands/reports.ts";
import { settleCommand } from "./commands/settle.ts";
import { startCommand } from "./commands/start.ts";

/** The operator CLI: `npm run koban -- <command>`. */
const program = new Command("koban").description("Operate a Koban installation").showHelpAfterError();
program.addCommand(startCommand());
program.addCommand(migrateCommand());
program.addCommand(partnerCommands());
program.addCommand(apiKeyCommands());
program.addCommand(programCommands());
program.addCommand(depositCommands());
program.addCommand(clearingCommands());
program.addCommand(settleCommand());
program.addCommand(reportCommands());
program.addCommand(consoleUserCommands());
program.addCommand(deadLetterCommands());
program.addCommand(rebuildCommand());
program.addCommand(networkCommand());

try {
  await program.parseAsync();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
