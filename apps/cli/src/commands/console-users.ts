import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Command } from "commander";

const script = fileURLToPath(new URL("../../../console/src/add-user.ts", import.meta.url));

/** The console's people (its own script: the console depends on the CLI, not the other way round). */
export function consoleUserCommands(): Command {
  const users = new Command("console-user").description("People who sign in to the console");
  users
    .command("add")
    .description("Add a console user; prints a generated password once")
    .requiredOption("--email <email>", "their email, which they sign in with")
    .option("--name <name>", "their name (default: the email's local part)")
    .option("--staff-role <role>", "a Koban employee: staff_compliance, staff_accounting or staff_admin")
    .option("--partner <id>", "a partner's member (ptn_…) instead")
    .option("--role <role>", "their role in the partner: admin, operator or read_only", "admin")
    .allowUnknownOption(false)
    .action(() => {
      const args = process.argv.slice(process.argv.indexOf("add") + 1);
      const run = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { stdio: "inherit" });
      process.exitCode = run.status ?? 1;
    });
  return users;
}
