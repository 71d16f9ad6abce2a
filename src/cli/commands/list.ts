import type { Command } from "commander";
import { listModels, listVersions } from "../../registry/catalog.js";
import type { CliContext } from "../main.js";
import { formatBytes, formatNumber, print, printJson, table } from "../output.js";

export function defineList(program: Command, context: CliContext): void {
  program
    .command("list")
    .description("list models with their stage holders, or the versions of one model")
    .argument("[model]", "the model whose versions to list")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExamples:\n  git model list\n  git model list churn")
    .action(async (model: string | undefined, opts: { json?: boolean }) => {
      const registry = await context.registry();
      if (!model) {
        const models = await listModels(registry);
        if (opts.json) return printJson(models);
        if (models.length === 0)
          return print(`no models in ${registry.root}/ yet (git model register <model> <dir>)`);
        const stageNames = registry.config.stages
          .filter((s) => !s.initial && s.name !== registry.config.displacedTo)
          .map((s) => s.name);
        print(
          table(
            ["model", "versions", "latest", ...stageNames],
            models.map((m) => [
              m.model,
              m.versions,
              m.latest,
              ...stageNames.map((s) => [m.stages[s] ?? "-"].flat().join(",")),
            ]),
          ),
        );
        return;
      }
      const versions = await listVersions(registry, model);
      if (opts.json) return printJson(versions.map(({ metadata: _m, ...v }) => v));
      const rankMetric = registry.config.selectFor(model)?.rank?.metric?.replace(/^metrics\./, "");
      const shown = metricColumns(
        versions.map((v) => v.metrics),
        rankMetric,
      );
      print(
        table(
          ["version", "stage", "created", "artifacts", "size", ...shown],
          versions.map((v) => [
            v.version,
            v.stage,
            v.created_at?.replace("T", " ").replace("Z", "") ?? v.problem ?? "-",
            v.artifacts,
            formatBytes(v.size),
            ...shown.map((m) => formatNumber(v.metrics[m])),
          ]),
        ),
      );
    });
}

/** The ranking metric first, then the metrics most versions report, at most four columns. */
function metricColumns(all: readonly Record<string, number>[], rankMetric: string | undefined): string[] {
  const counts = new Map<string, number>();
  for (const metrics of all)
    for (const name of Object.keys(metrics)) counts.set(name, (counts.get(name) ?? 0) + 1);
  const byUse = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  return [...new Set([...(rankMetric ? [rankMetric] : []), ...byUse])].slice(0, 4);
}
