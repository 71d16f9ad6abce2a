import { percentChange, refOf } from "./lineage.js";
import type { Metadata } from "./schemas.js";

/** `git model compare a b` (issue 3): what changed from `a` to `b`. Plain data, printed as is by `--json`. */

export interface MetricDelta {
  name: string;
  a: number | null;
  b: number | null;
  /** b - a; null when a side lacks the metric. */
  change: number | null;
  /** Percent change against a; null when a side lacks the metric or a is 0. */
  changePct: number | null;
}

export interface ValueDifference {
  name: string;
  /** null when that side does not have it. */
  a: unknown;
  b: unknown;
}

export interface ComparedSide {
  ref: string;
  created_at: string;
  lineage: { base: string; enhancement: string | null } | null;
}

export interface Comparison {
  a: ComparedSide;
  b: ComparedSide;
  /** Every metric either side has, in the order they appear (a's first). */
  metrics: MetricDelta[];
  /** Only the params and tags whose values differ. */
  params: ValueDifference[];
  tags: ValueDifference[];
}

export function compareMetadata(a: Metadata, b: Metadata): Comparison {
  return {
    a: sideOf(a),
    b: sideOf(b),
    metrics: unionOfKeys(a.metrics, b.metrics).map((name) =>
      metricDelta(name, a.metrics?.[name], b.metrics?.[name]),
    ),
    params: differences(a.params, b.params),
    tags: differences(a.tags, b.tags),
  };
}

function sideOf(metadata: Metadata): ComparedSide {
  const lineage = metadata.lineage;
  return {
    ref: refOf(metadata),
    created_at: metadata.created_at,
    lineage: lineage ? { base: lineage.base, enhancement: lineage.enhancement ?? null } : null,
  };
}

function metricDelta(name: string, a: number | undefined, b: number | undefined): MetricDelta {
  if (a === undefined || b === undefined)
    return { name, a: a ?? null, b: b ?? null, change: null, changePct: null };
  // 0.011402 - 0.0119 is -0.000498000000000001 in floating point; nobody measured that last digit.
  return { name, a, b, change: Number((b - a).toPrecision(12)), changePct: percentChange(a, b) };
}

function differences(
  a: Readonly<Record<string, unknown>> | undefined,
  b: Readonly<Record<string, unknown>> | undefined,
): ValueDifference[] {
  return unionOfKeys(a, b)
    .filter((name) => canonicalJson(a?.[name]) !== canonicalJson(b?.[name]))
    .map((name) => ({ name, a: a?.[name] ?? null, b: b?.[name] ?? null }));
}

function unionOfKeys(a: object | undefined, b: object | undefined): string[] {
  return [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
}

/** JSON with sorted keys, so `{x, y}` and `{y, x}` are the same params. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([k1], [k2]) => (k1 < k2 ? -1 : k1 > k2 ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
