import type { Command } from "commander";
import type { RankDescription } from "../../domain/selection.js";
import { type Selection, selectVersion } from "../../registry/selection/selection.js";
import { collectList } from "../args.js";
import type { CliContext } from "../main.js";
import { bold, formatNumber, log, print, printJson, table, yellow } from "../output.js";

interface SelectFlags {
  require?: string[];
  where?: string[];
  fallback?: string[];
  json?: boolean;
}

export function defineSelect(program: Command, context: CliContext): void {
  program
    .command("select")
    .description(
      "pick the best version by the select policy of .gitmodel.yaml and explain why (exit 1 when none fits)",
    )
    .argument("<model>", "model name")
    .option(
      "--require <key=value>",
      "require a field value, replacing the policy's (repeatable)",
      collectList,
    )
    .option("--where <expr>", "filter: k=v k!=v k>v k>=v k<v k<=v k~glob (repeatable)", collectList)
    .option(
      "--fallback <key=value>",
      "when nothing matches, retry with this requirement (repeatable)",
      collectList,
    )
    .option("--json", "print the whole result as JSON")
    .addHelpText(
      "after",
      [
        "",
        "Exit codes: 0 a version was selected, 1 no version is compatible, 2 bad input.",
        "",
        "Examples:",
        "  git model select bot --require training_mode=multi_symbol || python train.py",
        '  git model select rl --where "tags.timeframe=1H" --require model_type=continued --fallback model_type=base',
        "  git model select churn --where stage=staging --json",
      ].join("\n"),
    )
    .action(async (model: string, flags: SelectFlags) => {
      const registry = await context.registry();
      const result = await selectVersion(registry, model, {
        ...(flags.require ? { require: flags.require } : {}),
        ...(flags.where ? { where: flags.where } : {}),
        ...(flags.fallback ? { fallback: flags.fallback } : {}),
      });
      // A training script branches on the exit code: 1 means "nothing compatible, train one".
      if (result.winner === null) process.exitCode = 1;
      for (const warning of result.warnings) log(`${yellow("warning", process.stderr)}: ${warning}`);
      if (flags.json) return printJson(result);
      printExplanation(result);
    });
}

function printExplanation(result: Selection): void {
  const { fallbackUsed: fallback } = result;
  if (fallback) {
    const replaced = fallback.replaced.length ? ` instead of ${fallback.replaced.join(", ")}` : "";
    print(`no version matched; retried with ${fallback.applied.join(", ")}${replaced}`);
  }
  print(
    result.winner === null
      ? `no compatible version of ${result.model}`
      : `${bold(`selected ${result.model}@${result.winner}`)}  (${result.folder})`,
  );
  print(`ranked by ${describeRank(result.rank)}`);
  if (result.candidates.length > 0) {
    print();
    print(candidateTable(result));
  }
  if (result.rejected.length > 0) {
    print();
    print(
      table(
        ["rejected", "reasons"],
        result.rejected.map((r) => [r.version, r.reasons.join("; ")]),
        { text: ["rejected"] },
      ),
    );
  }
}

function describeRank(rank: RankDescription): string {
  if (rank.by === "newest") return "version (no rank in the policy: the newest complete version wins)";
  if (rank.by === "metric") return `${rank.path} (${rank.goal === "min" ? "lower" : "higher"} is better)`;
  return `score = ${rank.terms.join(" + ")}; each term: points (value read); ties go to the higher version`;
}

/** One row per candidate, best first: its metric, or its score with the points of each term (and the value read). */
function candidateTable(result: Selection): string {
  const { rank, candidates } = result;
  if (rank.by === "metric") {
    return table(
      ["candidate", rank.path],
      candidates.map((c) => [c.version, formatNumber(c.value)]),
      { text: ["candidate"] },
    );
  }
  if (rank.by === "score") {
    return table(
      ["candidate", "score", ...rank.terms],
      candidates.map((c) => [
        c.version,
        formatNumber(c.score),
        ...(c.breakdown ?? []).map((t) => `${formatNumber(t.points)} (${formatNumber(t.value)})`),
      ]),
      { text: ["candidate"] },
    );
  }
  return table(
    ["candidate"],
    candidates.map((c) => [c.version]),
    { text: ["candidate"] },
  );
}
