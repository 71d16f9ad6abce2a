import { type MetricTrend, sparkline } from "../../domain/trends.js";
import { formatNumber, formatWhen, table } from "../output.js";

/**
 * `history MODEL --metric NAME` as text (issue 5): the series as a table, a sparkline, the change
 * from the first registration to the last and the best run. With --json the command prints the
 * MetricTrend itself; the Action draws the same series with trendMermaid.
 */
export function renderTrend(trend: MetricTrend, model?: string): string {
  const subject = model ? `${model} ${trend.metric}` : trend.metric;
  if (trend.points.length === 0) return `${subject}: no registrations yet`;
  const best = trend.best;
  const rows = trend.points.map((p) => [
    p.version,
    formatWhen(p.at),
    formatNumber(p.value),
    p === best ? "best" : "",
  ]);
  const first = trend.points[0]!;
  const last = trend.points.at(-1)!;
  const direction = trend.goal === "min" ? "lower is better" : "higher is better";
  const lines = [
    table(["version", "registered", trend.metric, ""], rows, { text: ["version"] }),
    "",
    `trend   ${sparkline(trend.points.map((p) => p.value))}  (${trend.points.length} registrations, ${direction})`,
  ];
  if (trend.points.length > 1) {
    const change =
      trend.change_pct === null ? "n/a" : `${trend.change_pct > 0 ? "+" : ""}${trend.change_pct}%`;
    const verdict = trend.improved ? "better" : last.value === first.value ? "unchanged" : "worse";
    lines.push(
      `change  ${formatNumber(first.value)} (${first.version}) -> ${formatNumber(last.value)} (${last.version}): ${change}, ${verdict}`,
    );
  }
  if (best)
    lines.push(`best    ${best.version}: ${formatNumber(best.value)} (registered ${formatWhen(best.at)})`);
  if (trend.missing.length) {
    lines.push(`missing ${trend.missing.join(", ")} (no ${trend.path})`);
  }
  return lines.join("\n");
}
