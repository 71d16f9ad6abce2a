import { configuredGoal, type Goal } from "../../domain/goals.js";
import type { RegistryConfig } from "../../domain/registry-config.js";
import { formatNumber } from "../output.js";

/**
 * "+3.54% (better)": a change in percent with what it means for the metric, by the goal the
 * configuration gives it (monitor.goal, else select.rank; the same rule as monitoring). A metric
 * without a configured goal gets no word: guessing would call a rise in accuracy worse.
 */

/** `churn` of `churn@1.3.0`. */
export const modelOfRef = (ref: string) => ref.slice(0, ref.lastIndexOf("@"));

export type Verdict = "better" | "worse" | "unchanged";

/** The configured goal of `metrics.<name>` for a model, if any. */
export function metricGoal(config: RegistryConfig, model: string, name: string): Goal | undefined {
  return configuredGoal({
    model,
    metric: name,
    baselinePath: `metrics.${name}`,
    monitor: config.monitorFor(model),
    rank: config.selectFor(model)?.rank,
  })?.goal;
}

export function verdictOf(change: number | null, goal: Goal | undefined): Verdict | null {
  if (change === null || goal === undefined) return null;
  if (change === 0) return "unchanged";
  return change > 0 === (goal === "max") ? "better" : "worse";
}

/** `+3.54%`, followed by `(better)` or `(worse)` when the goal is known. */
export function judgedPct(pct: number, goal: Goal | undefined): string {
  const text = `${pct > 0 ? "+" : ""}${formatNumber(pct)}%`;
  const verdict = verdictOf(pct, goal);
  return verdict ? `${text} (${verdict})` : text;
}
