import type { Command } from "commander";
import { doctor } from "../../registry/checks/doctor.js";
import type { CliContext } from "../main.js";
import { green, print, printJson, yellow } from "../output.js";

export function defineDoctor(program: Command, context: CliContext): void {
  program
    .command("doctor")
    .description("report where the committed files and the tags disagree; --fix creates missing tags")
    .option("--fix", "create the missing registration and stage tags")
    .option("--json", "print the report as JSON")
    .action(async (opts: { fix?: boolean; json?: boolean }) => {
      const registry = await context.registry();
      const report = await doctor(registry, { fix: Boolean(opts.fix) });
      const open = report.disagreements.filter((d) => !report.fixed.includes(d.tag));
      if (opts.json) printJson(report);
      else {
        for (const d of report.disagreements) {
          print(
            report.fixed.includes(d.tag)
              ? `${green("fixed")}: created ${d.tag}`
              : `${yellow("found")}: ${d.message}`,
          );
        }
        if (report.disagreements.length === 0) print("files and tags agree");
        else if (open.length && !opts.fix) print("run git model doctor --fix to create the missing tags");
        // Tags are not pushed with a branch: until they are, GTO and every other clone read none.
        if (report.fixed.length)
          print("the new tags are in this clone only: push them with git push origin --tags");
      }
      if (open.length) process.exitCode = 1;
    });
}
