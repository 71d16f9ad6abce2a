import type { MonitorPolicy } from "./config-schema.js";
import { usage } from "./errors.js";

/**
 * Which way is better for a metric (issue 10 item 5): the monitor policy says, else the ranking
 * policy, else a --goal flag, else min, and the caller says it was assumed. Used by monitoring,
 * trends and comparisons, so one metric has one direction everywhere.
 */

export type Goal = "min" | "max";

/** Where a goal came from; `recorded`: the goal the latest line was written with. */
export type GoalSource = "monitor" | "rank" | "flag" | "recorded" | "assumed";
export interface GoalChoice {
  goal: Goal;
  source: GoalSource;
}
/** The part of `select.rank` that says a metric's direction. */
export interface RankGoal {
  metric?: string | undefined;
  goal?: Goal | undefined;
}

export interface GoalQuestion {
  model: string;
  /** The monitored metric's name (e.g. accuracy) and its baseline's path (metrics.accuracy). */
  metric: string;
  baselinePath: string;
  monitor?: MonitorPolicy | undefined;
  rank?: RankGoal | undefined;
  flag?: Goal | undefined;
}

/**
 * The goal the configuration gives a metric: the monitor policy's when it monitors that metric,
 * else the ranking's when it ranks by it (its path, or metrics.<name>).
 */
export function configuredGoal(q: Omit<GoalQuestion, "flag">): (GoalChoice & { where: string }) | undefined {
  const m = q.monitor;
  if (m?.goal && (m.metric === q.metric || m.baseline === q.baselinePath))
    return { goal: m.goal, source: "monitor", where: `monitor.goal of ${q.model}` };
  const r = q.rank;
  if (r?.goal && r.metric && [q.baselinePath, `metrics.${q.metric}`, q.metric].includes(r.metric))
    return { goal: r.goal, source: "rank", where: `select.rank of ${q.model}` };
  return undefined;
}

/**
 * The direction of a monitored metric: the monitor policy, else the ranking policy, else the
 * --goal flag, else min, marked as assumed. A flag that contradicts the configuration is a
 * usage error rather than silently losing to it.
 */
export function chooseGoal(q: GoalQuestion): GoalChoice {
  const configured = configuredGoal(q);
  if (configured) {
    if (q.flag && q.flag !== configured.goal) {
      throw usage(
        `--goal ${q.flag} contradicts ${configured.where} in .gitmodel.yaml (goal: ${configured.goal})`,
        {
          hint: `drop --goal, or change the goal of ${q.metric} in .gitmodel.yaml`,
        },
      );
    }
    return { goal: configured.goal, source: configured.source };
  }
  if (q.flag) return { goal: q.flag, source: "flag" };
  return { goal: "min", source: "assumed" };
}

/** A `--goal` value, checked. */
export function parseGoal(raw: string | undefined): Goal | undefined {
  if (raw === undefined) return undefined;
  if (raw === "min" || raw === "max") return raw;
  throw usage(`--goal takes min or max, got ${JSON.stringify(raw)}`, {
    hint: "--goal min: lower is better (errors, losses); --goal max: higher is better (accuracy)",
  });
}
