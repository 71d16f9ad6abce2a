import type { Command } from "commander";
import { withDefaultStage } from "../../domain/references.js";
import type { CliContext } from "../main.js";
import { bold, formatBytes, formatNumber, print, printJson } from "../output.js";

export function defineShow(program: Command, context: CliContext): void {
  program
    .command("show")
    .description(
      "show one version: churn@1.3.0, churn@latest, churn#production (GIT_MODEL_STAGE sets the default stage)",
    )
    .argument("<ref>", "reference")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  git model show churn#production\n  git model show churn@1.2.0 --json",
    )
    .action(async (ref: string, opts: { json?: boolean }) => {
      const registry = await context.registry();
      const v = await registry.resolve(withDefaultStage(ref, process.env.GIT_MODEL_STAGE || undefined));
      if (opts.json)
        return printJson({
          model: v.model,
          version: v.version,
          stage: v.stage,
          folder: v.folder,
          metadata: v.metadata,
        });
      const m = v.metadata;
      const rows: [string, string | undefined][] = [
        ["stage", v.stage],
        ["folder", v.folder],
        ["created", m.created_at],
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
        ["improvement", pairs(m.improvement, (p) => `${p > 0 ? "+" : ""}${formatNumber(p)}%`)],
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
