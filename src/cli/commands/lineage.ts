import type { Command } from "commander";
import { lineageOf } from "../../registry/selection/lineage.js";
import type { CliContext } from "../main.js";
import { bold, formatWhen, print, printJson, table } from "../output.js";
import { judgedPct, metricGoal, modelOfRef } from "../render/verdict.js";

export function defineLineage(program: Command, context: CliContext): void {
  program
    .command("lineage")
    .description("show the chain from a version to its root, and the versions derived from it")
    .argument("<ref>", "reference: churn@1.4.0, churn#production, churn")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  git model lineage churn@1.4.0\n  git model lineage churn#production --json",
    )
    .action(async (ref: string, opts: { json?: boolean }) => {
      const registry = await context.registry();
      const report = await lineageOf(registry, ref);
      if (opts.json) return printJson(report);
      print(bold(`lineage of ${report.ref} (${report.stage})`));
      print(
        table(
          ["version", "created", "derived from", "enhancement", "improvement"],
          report.chain.map((link) => [
            link.ref,
            link.registered ? formatWhen(link.created_at) : "(not in the registry)",
            link.base ?? "(root)",
            link.enhancement,
            Object.entries(link.improvement)
              .map(
                ([metric, pct]) =>
                  `${metric} ${judgedPct(pct, metricGoal(registry.config, modelOfRef(report.ref), metric))}`,
              )
              .join(", ") || null,
          ]),
        ),
      );
      print();
      if (report.descendants.length === 0) return print(`no version is derived from ${report.ref}`);
      print(
        table(
          ["derived", "from", "enhancement", "depth"],
          report.descendants.map((d) => [d.ref, d.base, d.enhancement, d.depth]),
          { text: ["derived", "from"] },
        ),
      );
    });
}
