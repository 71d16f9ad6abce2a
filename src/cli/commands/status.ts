import type { Command } from "commander";
import { parseGoal } from "../../domain/goals.js";
import { readMonitoringStatus } from "../../registry/monitoring/monitoring.js";
import type { CliContext } from "../main.js";
import { print, printJson } from "../output.js";
import { headline, renderStatus, warnSkipped } from "../render/status.js";

export function defineStatus(program: Command, context: CliContext): void {
  program
    .command("status")
    .description("what monitoring recommends: retrain now, plan retraining, propose promotion, or ok")
    .argument("<model>", "model name, e.g. churn")
    .option("--metric <name>", "judge this metric (default: monitor.metric, else the latest run's)")
    .option("--version <version>", "judge this version as the champion (default: the latest run's)")
    .option("--goal <min|max>", "which way is better, where monitor.goal or select.rank does not say")
    .option("--json", "print the status as JSON")
    .addHelpText("after", "\nExamples:\n  git model status churn\n  git model status churn --json")
    .action(
      async (model: string, opts: { metric?: string; version?: string; goal?: string; json?: boolean }) => {
        const goal = parseGoal(opts.goal);
        const registry = await context.registry();
        const report = await readMonitoringStatus(registry, model, {
          ...(opts.metric ? { metric: opts.metric } : {}),
          ...(opts.version ? { champion: opts.version } : {}),
          ...(goal ? { goal } : {}),
        });
        warnSkipped(report.file, report.issues, report.issueCount);
        if (opts.json) return printJson(report);
        print(headline(report.model, report.recommendation));
        for (const text of renderStatus(report.status, report.goal)) print(text);
      },
    );
}
