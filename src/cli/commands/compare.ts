import type { Command } from "commander";
import type { ValueDifference } from "../../domain/compare.js";
import { show } from "../../domain/filters.js";
import type { Goal } from "../../domain/goals.js";
import { compareVersions, type VersionComparison } from "../../registry/selection/lineage.js";
import type { CliContext } from "../main.js";
import { bold, formatNumber, print, printJson, table } from "../output.js";
import { judgedPct, metricGoal, modelOfRef, type Verdict, verdictOf } from "../render/verdict.js";

export function defineCompare(program: Command, context: CliContext): void {
  program
    .command("compare")
    .description(
      "compare two versions: metrics side by side with the change, params and tags that differ, lineage",
    )
    .argument("<a>", "reference: churn@1.2.0, churn#production, churn")
    .argument("<b>", "reference, or a stage name of a's model (churn@1.3.0 production)")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  git model compare churn@1.2.0 churn@1.3.0\n  git model compare churn@1.3.0 production --json",
    )
    .action(async (a: string, b: string, opts: { json?: boolean }) => {
      const registry = await context.registry();
      const comparison = await compareVersions(registry, a, b);
      // Each metric's change says whether it is better, by the goal the configuration gives it.
      const metrics = comparison.metrics.map((m) => {
        const goal = metricGoal(registry.config, modelOfRef(comparison.a.ref), m.name) ?? null;
        return { ...m, goal, verdict: verdictOf(m.change, goal ?? undefined) };
      });
      if (opts.json) return printJson({ ...comparison, metrics });
      printComparison(comparison, metrics);
    });
}

function printComparison(c: VersionComparison, metrics: readonly JudgedMetric[]): void {
  const { a, b } = c;
  print(bold(`${a.ref} (${a.stage})  ->  ${b.ref} (${b.stage})`));
  print();
  if (c.metrics.length === 0) print("metrics: neither version has any");
  else
    print(
      table(
        ["metric", a.ref, b.ref, "change", "change %"],
        metrics.map((m) => [
          m.name,
          formatNumber(m.a),
          formatNumber(m.b),
          signed(m.change),
          m.changePct === null ? m.verdict && `(${m.verdict})` : judgedPct(m.changePct, m.goal ?? undefined),
        ]),
      ),
    );
  const unjudged = metrics.filter((m) => m.goal === null && m.change !== null && m.change !== 0);
  if (unjudged.length > 0 && c.metrics.length > 0) {
    print(
      `(no goal configured for ${unjudged.map((m) => m.name).join(", ")}: set select.rank or monitor.goal to say whether a change is better)`,
    );
  }
  for (const [label, differences] of [
    ["param", c.params],
    ["tag", c.tags],
  ] as const) {
    print();
    if (differences.length === 0) print(`${label}s: the same`);
    else print(differenceTable(label, differences, a.ref, b.ref));
  }
  print();
  print(`lineage: ${describeLineage(c)}`);
}

type JudgedMetric = VersionComparison["metrics"][number] & { goal: Goal | null; verdict: Verdict | null };

const signed = (value: number | null): string =>
  value === null ? "-" : `${value > 0 ? "+" : ""}${formatNumber(value)}`;

function differenceTable(
  label: string,
  differences: readonly ValueDifference[],
  a: string,
  b: string,
): string {
  const cell = (v: unknown) => (v === null ? "-" : show(v));
  return table(
    [label, a, b],
    differences.map((d) => [d.name, cell(d.a), cell(d.b)]),
  );
}

function describeLineage({ a, b, commonAncestor }: VersionComparison): string {
  const baseOf = (side: VersionComparison["a"]) =>
    side.lineage
      ? `${side.ref} derives from ${side.lineage.base}${side.lineage.enhancement ? ` (${side.lineage.enhancement})` : ""}`
      : `${side.ref} is a root`;
  const relation =
    a.ref === b.ref
      ? "the same version"
      : commonAncestor === a.ref
        ? `${b.ref} descends from ${a.ref}`
        : commonAncestor === b.ref
          ? `${a.ref} descends from ${b.ref}`
          : commonAncestor
            ? `both descend from ${commonAncestor}`
            : "no common ancestor";
  return `${relation}; ${baseOf(a)}; ${baseOf(b)}`;
}
