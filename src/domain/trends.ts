import type { Goal } from "./monitoring.js";
import { round2, valueAtPath } from "./monitoring.js";
import type { HistoryLine } from "./schemas.js";

/**
 * A metric over registrations (issue 5, seed 003's training_history trends): the series from
 * history.jsonl, the change from first to last, the best run, and two renderings of the same
 * series: a terminal sparkline and a Mermaid xychart for Markdown (GitHub renders it).
 */

export interface TrendPoint {
  version: string;
  at: string;
  value: number;
}

export interface MetricTrend {
  /** The metric as asked, e.g. val_rmse. */
  metric: string;
  /** Where it was read in each history line, e.g. metrics.val_rmse. */
  path: string;
  goal: Goal;
  /** In registration order (the order of history.jsonl). */
  points: TrendPoint[];
  /** Registered versions that did not record the metric. */
  missing: string[];
  /** Percent change from the first point to the last; null with fewer than 2 points or a first value of 0. */
  change_pct: number | null;
  /** Whether the last point is better than the first by the goal; null with fewer than 2 points. */
  improved: boolean | null;
  best: TrendPoint | null;
}

/** A bare metric name is read from `metrics`; a dot path (tags.x) from the history line itself. */
export const trendPath = (metric: string) => (metric.includes(".") ? metric : `metrics.${metric}`);

export function metricTrend(history: Iterable<HistoryLine>, metric: string, goal: Goal = "min"): MetricTrend {
  const path = trendPath(metric);
  const points: TrendPoint[] = [];
  const missing: string[] = [];
  for (const line of history) {
    const value = valueAtPath(line, path);
    if (typeof value === "number" && Number.isFinite(value))
      points.push({ version: line.version, at: line.at, value });
    else missing.push(line.version);
  }
  return { metric, path, goal, points, missing, ...firstToLast(points, goal), best: bestPoint(points, goal) };
}

function firstToLast(points: TrendPoint[], goal: Goal): Pick<MetricTrend, "change_pct" | "improved"> {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || points.length < 2) return { change_pct: null, improved: null };
  const change_pct =
    first.value === 0 ? null : round2(((last.value - first.value) / Math.abs(first.value)) * 100);
  return { change_pct, improved: goal === "min" ? last.value < first.value : last.value > first.value };
}

/** The best point by the goal; a tie goes to the later registration, as ties go to the higher version in selection. */
export function bestPoint(points: readonly TrendPoint[], goal: Goal): TrendPoint | null {
  let best: TrendPoint | null = null;
  for (const p of points) {
    if (!best || (goal === "min" ? p.value <= best.value : p.value >= best.value)) best = p;
  }
  return best;
}

/** Min and max without spreading into Math.min (which overflows the stack on a long history). */
function extent(values: readonly number[]): [number, number] {
  return values.reduce<[number, number]>(
    ([lo, hi], v) => [Math.min(lo, v), Math.max(hi, v)],
    [Infinity, -Infinity],
  );
}

const BARS = "▁▂▃▄▅▆▇█";

/** One bar per value, lowest to highest; a flat series is a flat line at mid height. */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return "";
  const [min, max] = extent(values);
  if (max === min) return (BARS[3] as string).repeat(values.length);
  return values.map((v) => BARS[Math.round(((v - min) / (max - min)) * (BARS.length - 1))]).join("");
}

/**
 * Text safe inside a double-quoted Mermaid string. The xychart grammar ends a string at `"` and
 * reads a leading backtick as Markdown, so both become Mermaid entity codes (#quot; #96;), which
 * Mermaid decodes when it renders; `#` itself too, so a literal "#lt;" stays literal. `<` and `>`
 * become entities so that the renderer's HTML sanitiser cannot eat the label. A newline would
 * end the statement: control characters become spaces.
 */
export function escapeMermaidText(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we replace.
      .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
      .replace(/#/g, "#35;")
      .replace(/"/g, "#quot;")
      .replace(/`/g, "#96;")
      .replace(/</g, "#lt;")
      .replace(/>/g, "#gt;")
  );
}

/**
 * A number as Mermaid's xychart grammar reads it: digits with an optional fraction, no exponent
 * (String(1e-7) is "1e-7", which the grammar rejects).
 */
export function plainNumber(v: number): string {
  const text = String(v);
  if (!/e/i.test(text)) return text;
  const [mantissa = "0", exponentText = "0"] = v.toExponential().split("e");
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace(/^-/, "").replace(".", "");
  const exponent = Number(exponentText);
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = exponent + 1;
  return whole >= digits.length
    ? `${sign}${digits}${"0".repeat(whole - digits.length)}`
    : `${sign}${digits.slice(0, whole)}.${digits.slice(whole)}`;
}

/** The y-axis range: the values' range plus a margin, so that a flat series is still drawn. */
function yRange(values: readonly number[]): [number, number] {
  const [min, max] = extent(values);
  const span = max - min || Math.abs(max) || 1;
  const margin = span * 0.1;
  const lo = Number((min - margin).toPrecision(4));
  const hi = Number((max + margin).toPrecision(4));
  return lo < hi ? [lo, hi] : [min - margin, max + margin];
}

export interface MermaidOptions {
  title?: string;
  /** Wrap in a ```mermaid fence (default), ready for a Markdown body or job summary. */
  fence?: boolean;
}

/** The trend as a Mermaid xychart (a line over versions); "" when there is nothing to draw. */
export function trendMermaid(
  trend: Pick<MetricTrend, "metric" | "points">,
  options: MermaidOptions = {},
): string {
  const { points } = trend;
  if (points.length === 0) return "";
  const values = points.map((p) => p.value);
  const [lo, hi] = yRange(values);
  const label = (text: string) => `"${escapeMermaidText(text)}"`;
  const body = [
    "xychart-beta",
    `  title ${label(options.title ?? `${trend.metric} over registrations`)}`,
    `  x-axis ${label("version")} [${points.map((p) => label(p.version)).join(", ")}]`,
    `  y-axis ${label(trend.metric)} ${plainNumber(lo)} --> ${plainNumber(hi)}`,
    `  line [${values.map(plainNumber).join(", ")}]`,
  ].join("\n");
  return options.fence === false ? body : `\`\`\`mermaid\n${body}\n\`\`\``;
}
