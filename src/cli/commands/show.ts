import type { Command } from "commander";
import type { CliContext } from "../main.js";
import { bold, formatBytes, formatNumber, formatWhen, print, printJson } from "../output.js";
import { judgedPct, metricGoal } from "../render/verdict.js";
import { withStageEnv } from "../stage-env.js";

export function defineShow(program: Command, context: CliContext): void {
  program
    .command("show")
    .description(
      "show one version: churn@1.3.0, churn@latest, churn#production (GIT_MODEL_STAGE sets the default stage)",
    )
    .argument("<ref>", "reference")
    .option("--json", "print JSON")
    .option("--at <date|commit>", "the version that held the stage then: a date, a time, or a commit")
    .addHelpText(
      "after",
      "\nExamples:\n  git model show churn#production\n  git model show churn@1.2.0 --json\n  git model show churn#production --at 2026-01-31",
    )
    .action(async (ref: string, opts: { json?: boolean; at?: string }) => {
      const registry = await context.registry();
      const { at } = opts;
      // --at answers "what held this stage then" and shows that version. The stage modules (the
      // stage log, transactions) are loaded for --at only: a plain show reads three files.
      const then =
        at === undefined
          ? null
          : await import("../../registry/stages/stages.js").then(({ holderThen }) =>
              withStageEnv(ref, (r) => holderThen(registry, r, at)),
            );
      const v = then
        ? await registry.resolve(`${then.model}@${then.version}`)
        : await withStageEnv(ref, (r) => registry.resolve(r));
      if (opts.json)
        return printJson({
          model: v.model,
          version: v.version,
          stage: v.stage,
          folder: v.folder,
          metadata: v.metadata,
          ...(then ? { at: then } : {}),
        });
      const m = v.metadata;
      const rows: [string, string | undefined][] = [
        [
          "held",
          then
            ? `${then.stage} at ${then.at} (stages.json of ${then.commit?.slice(0, 7)}, ${then.date})`
            : undefined,
        ],
        ["stage", v.stage],
        ["folder", v.folder],
        ["created", formatWhen(m.created_at) ?? undefined],
        ["description", m.description],
        [
          "artifacts",
          m.artifacts
            .map((a) => `${a.path} (${formatBytes(a.size)}, sha256 ${a.sha256.slice(0, 12)})`)
            .join("\n"),
        ],
        ["metrics", pairs(m.metrics, formatNumber)],
        ["params", pairs(m.params, JSON.stringify)],
        ["tags", pairs(m.tags, (t) => (typeof t === "string" ? t : JSON.stringify(t)))],
        [
          "lineage",
          m.lineage
            ? `${m.lineage.base}${m.lineage.enhancement ? ` (${m.lineage.enhancement})` : ""}`
            : undefined,
        ],
        [
          "improvement",
          m.improvement &&
            Object.entries(m.improvement)
              .map(([k, p]) => `${k}=${judgedPct(p, metricGoal(registry.config, v.model, k))}`)
              .join("  "),
        ],
        [
          "source",
          m.source
            ? [m.source.commit?.slice(0, 7), m.source.branch, m.source.run_url].filter(Boolean).join(" ")
            : undefined,
        ],
      ];
      print(bold(`${v.model}@${v.version}`));
      for (const [label, value] of rows) {
        if (!value) continue;
        const [first, ...rest] = value.split("\n");
        print(`  ${label.padEnd(12)} ${first}`);
        for (const line of rest) print(`  ${"".padEnd(12)} ${line}`);
      }
    });
}

function pairs<T>(record: Record<string, T> | undefined, format: (v: T) => string): string | undefined {
  if (!record || Object.keys(record).length === 0) return undefined;
  return Object.entries(record)
    .map(([k, v]) => `${k}=${format(v)}`)
    .join("  ");
}
