import type { Command } from "commander";
import { usage } from "../../domain/errors.js";
import { parseGoal } from "../../domain/goals.js";
import { recordMonitoring } from "../../registry/monitoring/monitoring.js";
import type { CliContext } from "../main.js";
import { formatNumber, print, printJson } from "../output.js";
import { goalText, headline, renderStatus, signedPct, warnSkipped } from "../render/status.js";

interface MonitorFlags {
  version: string;
  value: string;
  metric?: string;
  challenger?: string;
  challengerValue?: string;
  windowStart?: string;
  windowEnd?: string;
  samples?: string;
  goal?: string;
  commit: boolean;
  json?: boolean;
}

export function defineMonitor(program: Command, context: CliContext): void {
  program
    .command("monitor")
    .description(
      "record a monitoring run in monitoring.jsonl: drift against the baseline, champion vs challenger",
    )
    .argument("<model>", "model name, e.g. churn")
    .requiredOption("--version <version>", "the monitored version (registered)")
    .requiredOption("--value <number>", "the metric it scored on the monitoring window")
    .option("--metric <name>", "the observed metric (default: monitor.metric of .gitmodel.yaml)")
    .option("--challenger <version>", "a registered version run on the same window")
    .option("--challenger-value <number>", "the challenger's score (with --challenger)")
    .option("--window-start <date>", "first day of the window, e.g. 2025-11-18")
    .option("--window-end <date>", "last day of the window")
    .option("--samples <n>", "samples in the window")
    .option(
      "--goal <min|max>",
      "which way is better, where monitor.goal or select.rank does not say (default: min, said to be assumed)",
    )
    .option("--no-commit", "append the line without committing it")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  git model monitor churn --version 1.2.0 --value 0.0058\n  git model monitor churn --version 1.2.0 --value 0.0058 --challenger 1.3.0 --challenger-value 0.0057 \\\n    --window-start 2025-11-18 --window-end 2025-12-31 --samples 30",
    )
    .action(async (model: string, flags: MonitorFlags) => {
      // Checked before the registry is opened: a half-given challenger is a typo, not a run.
      if ((flags.challenger === undefined) !== (flags.challengerValue === undefined)) {
        throw usage("--challenger and --challenger-value go together", {
          hint: "pass both, e.g. --challenger 1.3.0 --challenger-value 0.0057",
        });
      }
      const goal = parseGoal(flags.goal);
      const registry = await context.registry();
      const window = {
        ...(flags.windowStart !== undefined ? { start: flags.windowStart } : {}),
        ...(flags.windowEnd !== undefined ? { end: flags.windowEnd } : {}),
        ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
      };
      const result = await recordMonitoring(
        registry,
        model,
        {
          version: flags.version,
          value: flags.value,
          ...(flags.metric !== undefined ? { metric: flags.metric } : {}),
          ...(flags.challenger !== undefined && flags.challengerValue !== undefined
            ? { challenger: { version: flags.challenger, value: flags.challengerValue } }
            : {}),
          ...(Object.keys(window).length ? { window } : {}),
          ...(goal ? { goal } : {}),
        },
        { commit: flags.commit },
      );
      warnSkipped(result.file, result.issues);
      if (flags.json) return printJson(result);
      const { line } = result;
      const where = result.commit
        ? `commit ${result.commit.slice(0, 7)}${result.included ? `, with ${result.included} earlier uncommitted run(s)` : ""}`
        : "not committed";
      print(`recorded ${result.model}@${line.version} in ${result.file} (${where})`);
      print(
        `  ${line.metric} ${formatNumber(line.value)} vs baseline ${line.baseline.path} ${formatNumber(line.baseline.value)}: drift ${signedPct(line.drift_pct)}`,
      );
      print(`  goal ${goalText(result.goal, line.metric)}`);
      if (line.challenger) {
        print(
          `  challenger ${line.challenger.version}: ${formatNumber(line.challenger.value)}; winner ${line.winner}`,
        );
      }
      print(headline(result.model, result.recommendation));
      for (const text of renderStatus(result.status, result.goal)) print(text);
    });
}
