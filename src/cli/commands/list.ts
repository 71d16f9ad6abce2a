import { type Command, Option } from "commander";
import { usage } from "../../domain/errors.js";
import { compareText } from "../../domain/order.js";
import { listModels } from "../../registry/versions/model-summary.js";
import { collectList } from "../args.js";
import type { CliContext } from "../main.js";
import { formatBytes, formatNumber, formatWhen, log, print, printJson, table, yellow } from "../output.js";

interface ListFlags {
  json?: boolean;
  where?: string[];
  sort?: string;
  desc?: boolean;
  asc?: boolean;
}

// Shown as columns already, so a sort by them adds none.
const SHOWN_FIELDS = new Set(["version", "stage", "created_at"]);

export function defineList(program: Command, context: CliContext): void {
  program
    .command("list")
    .description("list models with their stage holders, or the versions of one model")
    .argument("[model]", "the model whose versions to list")
    .option(
      "--where <expr>",
      "only versions where k=v k!=v k>v k>=v k<v k<=v k~glob holds (repeatable)",
      collectList,
    )
    .option("--sort <path>", "order by a dot path into metadata.json (default: version order)")
    .addOption(new Option("--desc", "descending order (best or newest first)").conflicts("asc"))
    .addOption(new Option("--asc", "ascending order (the default)"))
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      [
        "",
        "`stage` is a field too: the stage the version holds now (stages.json).",
        "",
        "Examples:",
        "  git model list",
        "  git model list churn",
        "  git model list rl --where tags.model_type=continued --sort created_at --desc   # latest of a type",
        "  git model list rl --where model_type=continued --sort metrics.sharpe_ratio --desc   # best by a metric",
        "  git model list rl --where stage=production   # by stage",
      ].join("\n"),
    )
    .action(async (model: string | undefined, opts: ListFlags) => {
      const registry = await context.registry();
      if (!model) {
        if (opts.where || opts.sort || opts.desc || opts.asc)
          throw usage("--where, --sort, --desc and --asc need a model", {
            hint: "git model list <model> --where ...",
          });
        const models = await listModels(registry);
        for (const m of models) {
          if (m.problem)
            log(`${yellow("warning", process.stderr)}: stage holders of ${m.model} not shown: ${m.problem}`);
        }
        if (models.some((m) => m.problem)) log("  (git model validate reports every problem)");
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
            { text: ["latest", ...stageNames] },
          ),
        );
        return;
      }
      // The finders and their filters (and glob matcher) are loaded for this form only.
      const [{ findVersions, withStage }, { show }, { lookupField }] = await Promise.all([
        import("../../registry/versions/catalog.js"),
        import("../../domain/filters.js"),
        import("../../domain/fields.js"),
      ]);
      const cell = (value: unknown) =>
        value === undefined || value === null
          ? "-"
          : typeof value === "number"
            ? formatNumber(value)
            : show(value);
      const { versions, skipped, warnings } = await findVersions(registry, model, {
        ...(opts.where ? { where: opts.where } : {}),
        ...(opts.sort ? { sort: opts.sort } : {}),
        descending: Boolean(opts.desc),
      });
      for (const warning of warnings) log(`${yellow("warning", process.stderr)}: ${warning}`);
      for (const v of skipped)
        log(
          `${yellow("warning", process.stderr)}: left out ${model}@${v.version}: ${v.problem ?? "unreadable metadata.json"}`,
        );
      if (skipped.length) log("  (git model validate reports every problem)");
      if (opts.json) return printJson(versions.map(({ metadata: _m, ...v }) => v));
      const sortMetric = /^metrics\.([^.]+)$/.exec(opts.sort ?? "")?.[1];
      const sortColumn = opts.sort && !sortMetric && !SHOWN_FIELDS.has(opts.sort) ? opts.sort : undefined;
      const rankMetric = registry.config.selectFor(model)?.rank?.metric?.replace(/^metrics\./, "");
      const shown = metricColumns(
        versions.map((v) => v.metrics),
        sortMetric ?? rankMetric,
      );
      if (versions.length === 0 && (opts.where || opts.sort)) return print(`no version of ${model} matches`);
      if (versions.length === 0 && skipped.length) return print(`no readable version of ${model}`);
      print(
        table(
          ["version", "stage", "created", "artifacts", "size", ...(sortColumn ? [sortColumn] : []), ...shown],
          versions.map((v) => [
            v.version,
            v.stage,
            formatWhen(v.created_at),
            v.artifacts,
            formatBytes(v.size),
            ...(sortColumn
              ? [cell(v.metadata && lookupField(withStage(v.metadata, v.stage), sortColumn))]
              : []),
            ...shown.map((m) => formatNumber(v.metrics[m])),
          ]),
          { text: ["version"] },
        ),
      );
    });
}

/** The sorting (or else ranking) metric first, then the metrics most versions report, at most four columns. */
function metricColumns(all: readonly Record<string, number>[], rankMetric: string | undefined): string[] {
  const counts = new Map<string, number>();
  for (const metrics of all)
    for (const name of Object.keys(metrics)) counts.set(name, (counts.get(name) ?? 0) + 1);
  const byUse = [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).map(([name]) => name);
  return [...new Set([...(rankMetric ? [rankMetric] : []), ...byUse])].slice(0, 4);
}
