import { notFound } from "../../domain/errors.js";
import type { JsonlIssue } from "../../domain/jsonl.js";
import { configuredGoal, type Goal } from "../../domain/monitoring.js";
import type { RegistryConfig } from "../../domain/registry-config.js";
import { type HistoryLine, HistoryLineSchema } from "../../domain/schemas.js";
import { type MetricTrend, metricTrend, trendPath } from "../../domain/trends.js";
import { streamJsonl } from "../core/jsonl-stream.js";
import type { Registry } from "../core/registry.js";

/** A metric over a model's registrations, from history.jsonl (issue 5, `history MODEL --metric`). */

export interface TrendOptions {
  /** Which direction is better; default: the configured goal of that metric (see goalOf), else min. */
  goal?: Goal;
}

export interface TrendReport {
  model: string;
  /** Repository-relative path of history.jsonl. */
  file: string;
  trend: MetricTrend;
  /** Skipped lines of history.jsonl, e.g. a torn last line. */
  issues: JsonlIssue[];
}

export async function metricTrendFor(
  registry: Registry,
  model: string,
  metric: string,
  options: TrendOptions = {},
): Promise<TrendReport> {
  const name = await registry.assertModelExists(model);
  const file = `${registry.modelFolder(name)}/history.jsonl`;
  // One line per registration: small enough to hold, and metricTrend needs them in order.
  const lines: HistoryLine[] = [];
  const read = await streamJsonl(registry.abs(file), HistoryLineSchema, (l) => lines.push(l));
  const trend = metricTrend(lines, metric, options.goal ?? goalOf(registry.config, name, trendPath(metric)));
  if (lines.length > 0 && trend.points.length === 0) {
    // A typo must not read as "the metric never moved".
    const recorded = [...new Set(lines.flatMap((l) => Object.keys(l.metrics ?? {})))].sort();
    throw notFound(`no registration of ${name} recorded ${trend.path}`, {
      hint: recorded.length
        ? `metrics recorded: ${recorded.slice(0, 15).join(", ")}`
        : "register versions with --metric NAME=VALUE",
    });
  }
  return { model: name, file, trend, issues: read.issues };
}

/**
 * The goal the configuration gives the metric (the monitor policy's, else the ranking's; the
 * same rule as monitoring's), otherwise min (errors and losses).
 */
export function goalOf(config: RegistryConfig, model: string, path: string): Goal {
  const metric = path.startsWith("metrics.") ? path.slice("metrics.".length) : path;
  return (
    configuredGoal({
      model,
      metric,
      baselinePath: path,
      monitor: config.monitorFor(model),
      rank: config.selectFor(model)?.rank,
    })?.goal ?? "min"
  );
}
