import type { Command } from "commander";
import type { HistoryEntry } from "../../registry/stages/history.js";
import { prefetchHistoryReads } from "../../registry/stages/stage-log-command.js";
import type { CliContext } from "../main.js";
import { formatWhen, print, printJson, table } from "../output.js";

/**
 * `history MODEL`. This module loads almost nothing: the model's tags and the walk of its
 * commits start first (prefetchHistoryReads), then the registry and the history code load while
 * they run.
 */
export function defineHistory(program: Command, context: CliContext): void {
  program
    .command("history")
    .description("list a model's registrations and stage moves (who, when, commit, reason, pull request)")
    .argument("<model>", "the model")
    .option("--stage <stage>", "only the moves into or out of this stage")
    .option("--metric <name>", "instead, the trend of a metric over the registrations (history.jsonl)")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  git model history churn\n  git model history churn --stage production --json\n  git model history churn --metric val_rmse",
    )
    .action(async (model: string, opts: { stage?: string; metric?: string; json?: boolean }) => {
      if (opts.metric !== undefined) {
        const [registry, { metricTrendFor }, { renderTrend }] = await Promise.all([
          context.registry(),
          import("../../registry/monitoring/trends.js"),
          import("../render/trend.js"),
        ]);
        const report = await metricTrendFor(registry, model, opts.metric);
        return opts.json ? printJson(report.trend) : print(renderTrend(report.trend, report.model));
      }
      const globals = context.globals();
      const prefetched = prefetchHistoryReads(globals.cwd ?? process.cwd(), model, globals.config);
      const [registry, { history }] = await Promise.all([
        context.registry(),
        import("../../registry/stages/history.js"),
      ]);
      const result = await history(registry, model, {
        ...(opts.stage ? { stage: opts.stage } : {}),
        metrics: Boolean(opts.json),
        prefetched,
      });
      if (opts.json) return printJson(result);
      if (result.entries.length === 0) {
        return print(`no ${opts.stage ? `moves into or out of ${opts.stage}` : "history"} for ${model} yet`);
      }
      print(
        table(
          ["when", "event", "version", "from", "to", "who", "commit", "pr", "reason"],
          result.entries.map(row),
          { text: ["version", "from", "to"] },
        ),
      );
    });
}

function row(e: HistoryEntry): (string | null)[] {
  const when = formatWhen(e.at);
  const pr = e.pullRequest === null ? null : `#${e.pullRequest}`;
  const commit = e.commit.slice(0, 7);
  if (e.type === "registration") return [when, "registered", e.version, null, null, e.who, commit, pr, null];
  if (e.type === "deletion") return [when, "deleted", e.version, null, null, e.who, commit, pr, e.reason];
  const event = e.kind === "rollback" || !e.rollback ? e.kind : `${e.kind} (rollback)`;
  return [when, event, e.version, e.from, e.to, e.who, commit, pr, e.reason];
}
