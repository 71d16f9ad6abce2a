import type { JsonlIssue } from "../../domain/jsonl.js";
import { type GoalChoice, type MonitoringStatus, round2 } from "../../domain/monitoring.js";
import { bold, formatNumber, formatWhen, log, yellow } from "../output.js";

/** The numbers behind a monitoring recommendation, shared by `monitor` and `status`. */
export function renderStatus(status: MonitoringStatus, goal?: GoalChoice | null): string[] {
  const t = status.thresholds;
  const lines = [status.message];
  if (status.latest && status.champion) {
    const l = status.latest;
    lines.push(
      `  champion    ${status.champion}: ${status.runs} run${status.runs === 1 ? "" : "s"} on ${status.metric}, latest ${formatWhen(l.at)}`,
      `  latest      ${status.metric} ${formatNumber(l.value)} vs baseline ${l.baseline.path} ${formatNumber(l.baseline.value)}: drift ${signedPct(l.drift_pct)}`,
    );
    if (goal) lines.push(`  goal        ${goalText(goal, status.metric ?? "the metric")}`);
  }
  const c = status.challenger;
  if (c) {
    lines.push(
      `  challenger  ${c.version}: won ${c.wins} of its last ${c.runs} runs (${round2(c.rate * 100)}%), ${c.streak} in a row${c.qualifies ? "" : " (not enough to propose it)"}`,
    );
  }
  lines.push(
    `  thresholds  plan retraining from ${t.drift_warn_pct}%, retrain over ${t.drift_retrain_pct}%; promote a challenger at ${round2(t.win_rate * 100)}% wins of the last ${t.window} runs and ${t.win_streak} in a row`,
  );
  return lines;
}

/** Which way is better and who said so; an assumption says how to state the goal instead. */
export function goalText(choice: GoalChoice, metric: string): string {
  const direction = choice.goal === "min" ? "lower is better" : "higher is better";
  switch (choice.source) {
    case "monitor":
    case "rank":
      return `${direction} (${choice.source === "monitor" ? "monitor.goal" : "select.rank"} in .gitmodel.yaml)`;
    case "flag":
      return `${direction} (--goal ${choice.goal})`;
    case "recorded":
      return `${direction} (as the runs were recorded)`;
    case "assumed":
      return `assumed ${direction}: nothing configures ${metric}'s goal; pass --goal ${choice.goal === "min" ? "max" : "min"} if not, or set monitor.goal in .gitmodel.yaml`;
  }
}

export const headline = (model: string, recommendation: string) => bold(`${model}: ${recommendation}`);

export const signedPct = (p: number) => `${p > 0 ? "+" : ""}${formatNumber(p)}%`;

/** Skipped lines go to stderr as warnings, so --json output stays JSON alone. */
export function warnSkipped(file: string, issues: readonly JsonlIssue[], total = issues.length): void {
  for (const issue of issues) {
    log(`${yellow("warning", process.stderr)}: ${file}:${issue.line}: ${issue.message}; skipped`);
  }
  if (total > issues.length) log(`${yellow("warning", process.stderr)}: ... ${total - issues.length} more`);
  if (total) log("  (git model validate reports them; readers skip them)");
}
