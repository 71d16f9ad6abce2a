import type { Command } from "commander";
import { validate } from "../../registry/checks/validate.js";
import type { CliContext } from "../main.js";
import { dim, green, print, printJson, red, yellow } from "../output.js";

export function defineValidate(program: Command, context: CliContext): void {
  program
    .command("validate")
    .description(
      "check the registry (or the given paths, or what changed since --base) against its formats and rules",
    )
    .argument("[paths...]", "limit the check to these files or folders")
    .option(
      "--base <ref>",
      "check only what changed since <ref>, against it (what the Action runs on a pull request)",
    )
    .option("--json", "print the report as JSON")
    .addHelpText("after", "\nExamples:\n  git model validate\n  git model validate --base origin/main")
    .action(async (paths: string[], opts: { base?: string; json?: boolean }) => {
      const registry = await context.registry();
      const report = await validate(registry, { paths, ...(opts.base ? { base: opts.base } : {}) });
      const errors = report.problems.filter((p) => p.severity === "error");
      if (opts.json) printJson({ ok: errors.length === 0, ...report });
      else {
        for (const p of report.problems) {
          const where = p.line ? `${p.file}:${p.line}` : p.file;
          const label = p.severity === "error" ? red("error") : yellow("warning");
          print(`${where}: ${label}: ${p.message}`);
          if (p.hint) print(dim(`  hint: ${p.hint}`));
        }
        const summary = `${report.models} model(s), ${report.versions} version(s) checked`;
        print(errors.length ? red(`${errors.length} error(s); ${summary}`) : green(`ok: ${summary}`));
      }
      if (errors.length) process.exitCode = 1;
    });
}
