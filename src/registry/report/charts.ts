import { type HierarchyPointNode, stratify, tree } from "d3-hierarchy";
import { scaleBand, scaleLinear, scaleUtc } from "d3-scale";
import { line, linkHorizontal, symbol, symbolTriangle } from "d3-shape";
import { esc } from "./html.js";

/**
 * The report's charts as SVG text, drawn at build time with d3's scales (domains, ticks, number
 * formats) and shapes (line, link and symbol paths): no script runs in the browser to show them,
 * and a page with a thousand points costs the browser one path. docs/decisions/report.md says
 * why d3 and not a browser-side library. Colours come from the page's CSS classes, so the light
 * and dark schemes apply to the charts too.
 */

/** A chart's width in its own units; pages draw a narrower one for phones, so text stays legible. */
export const WIDE = 720;
export const NARROW = 380;
const MARGIN = { top: 18, right: 20, bottom: 34, left: 62 };
/** Dots for every point up to this many; beyond it the line alone stays readable and light. */
const MAX_DOTS = 300;

/** Numbers in SVG attributes: two decimals are a hundredth of a pixel. */
const n = (x: number) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : 0);

function svgOpen(height: number, title: string, className: string, width: number): string {
  return `<svg class="chart ${className}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}" preserveAspectRatio="xMidYMid meet"><title>${esc(title)}</title>`;
}

function yAxis(y: ReturnType<typeof scaleLinear<number, number>>, left: number, right: number): string {
  const ticks = y.ticks(5);
  const format = y.tickFormat(5);
  return ticks
    .map(
      (t) =>
        `<g class="tick"><line class="grid" x1="${left}" x2="${right}" y1="${n(y(t))}" y2="${n(y(t))}"/><text class="axis-label" x="${left - 6}" y="${n(y(t))}" dy="0.32em" text-anchor="end">${esc(format(t))}</text></g>`,
    )
    .join("");
}

/**
 * Which points a line draws: all of them up to two per unit of width; past that, the first, the
 * lowest, the highest and the last of each column, so 10,000 versions cost a path of about
 * 4 x width points and every spike still shows.
 */
function drawnIndices(values: readonly (number | null)[], width: number): number[] {
  const columns = Math.max(1, Math.floor(width));
  if (values.length <= 2 * columns) return values.map((_, i) => i);
  const kept: number[] = [];
  const per = values.length / columns;
  for (let c = 0; c < columns; c++) {
    const start = Math.floor(c * per);
    const end = Math.min(values.length, Math.floor((c + 1) * per));
    let lo = -1;
    let hi = -1;
    for (let i = start; i < end; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      if (lo < 0 || v < (values[lo] as number)) lo = i;
      if (hi < 0 || v > (values[hi] as number)) hi = i;
    }
    for (const i of [...new Set([start, lo, hi, end - 1])].sort((a, b) => a - b)) if (i >= 0) kept.push(i);
  }
  return kept;
}

/** Up to `count` indices spread evenly over 0..length-1, first and last included. */
function spreadIndices(length: number, count: number): number[] {
  if (length <= count) return Array.from({ length }, (_, i) => i);
  const step = (length - 1) / (count - 1);
  return [...new Set(Array.from({ length: count }, (_, i) => Math.round(i * step)))];
}

/** Domain of values with a margin, so a flat series is drawn mid-chart rather than on an edge. */
function paddedExtent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [0, 1];
  const span = hi - lo || Math.abs(hi) || 1;
  return [lo - span * 0.08, hi + span * 0.08];
}

export interface MetricPoint {
  version: string;
  value: number | null;
}

export interface PointMark {
  version: string;
  /** What the mark says, e.g. "production". */
  label: string;
  /** Colour class of the mark (c0..c5). */
  tone: string;
}

export interface MetricChartInput {
  title: string;
  points: readonly MetricPoint[];
  /** Stage holders (and the best version) marked on the line. */
  marks?: readonly PointMark[];
  /** The drawing's size in its own units: a small chart is narrower, so its text stays legible. */
  width?: number;
  height?: number;
  /** A title on each dot, shown on hover; a phone's drawing has no hover and leaves them out. */
  dotTitles?: boolean;
}

/** A metric over a model's versions, oldest to newest, with its stage holders marked. */
export function metricChart(input: MetricChartInput): string {
  const height = input.height ?? 260;
  const WIDTH = input.width ?? WIDE;
  const { points } = input;
  const x = scaleLinear()
    .domain(points.length > 1 ? [0, points.length - 1] : [-1, 1])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const y = scaleLinear()
    .domain(paddedExtent(values))
    .nice(5)
    .range([height - MARGIN.bottom, MARGIN.top]);
  const drawn = line<number>()
    .digits(1)
    .defined((i) => points[i]?.value != null)
    .x((i) => x(i))
    .y((i) => y(points[i]?.value ?? 0));
  const titles = input.dotTitles ?? true;
  const index = new Map(points.map((p, i) => [p.version, i]));
  const xTicks = spreadIndices(points.length, WIDTH < 500 ? 3 : 6)
    .map(
      (i) =>
        `<text class="axis-label" x="${n(x(i))}" y="${height - MARGIN.bottom + 18}" text-anchor="middle">${esc(points[i]?.version)}</text>`,
    )
    .join("");
  const dots =
    points.length <= MAX_DOTS
      ? points
          .map((p, i) =>
            p.value === null
              ? ""
              : titles
                ? `<circle class="dot" cx="${n(x(i))}" cy="${n(y(p.value))}" r="3"><title>${esc(p.version)}: ${esc(p.value)}</title></circle>`
                : `<circle class="dot" cx="${n(x(i))}" cy="${n(y(p.value))}" r="3"/>`,
          )
          .join("")
      : "";
  const marks = (input.marks ?? [])
    .map((m, k) => {
      const i = index.get(m.version);
      const value = i === undefined ? null : points[i]?.value;
      if (i === undefined || value === null || value === undefined) return "";
      const cx = n(x(i));
      const cy = n(y(value));
      // Labels alternate above and below, so two holders side by side stay legible.
      const dy = k % 2 === 0 ? -12 : 20;
      const anchor = cx > WIDTH - 100 ? "end" : cx < MARGIN.left + 50 ? "start" : "middle";
      return `<g class="holder ${esc(m.tone)}" data-version="${esc(m.version)}"><circle class="holder-mark" cx="${cx}" cy="${cy}" r="6.5"><title>${esc(m.label)}: ${esc(m.version)} (${esc(value)})</title></circle><text class="mark-label" x="${cx}" y="${cy + dy}" text-anchor="${anchor}">${esc(m.label)} ${esc(m.version)}</text></g>`;
    })
    .join("");
  return [
    svgOpen(height, input.title, "metric-chart", WIDTH),
    yAxis(y, MARGIN.left, WIDTH - MARGIN.right),
    `<g class="x-axis">${xTicks}</g>`,
    `<path class="line" d="${
      drawn(
        drawnIndices(
          points.map((p) => p.value),
          WIDTH - MARGIN.left - MARGIN.right,
        ),
      ) ?? ""
    }"/>`,
    dots,
    marks,
    "</svg>",
  ].join("");
}

/** A small line of a metric over versions, for the overview table. */
export function sparkline(values: readonly (number | null)[], label: string): string {
  const w = 120;
  const h = 28;
  const present = values.flatMap((v) => (v === null ? [] : [v]));
  if (present.length < 2) return "";
  const x = scaleLinear()
    .domain([0, values.length - 1])
    .range([2, w - 2]);
  const y = scaleLinear()
    .domain(paddedExtent(present))
    .range([h - 2, 2]);
  const d = line<number>()
    .digits(1)
    .defined((i) => values[i] != null)
    .x((i) => x(i))
    .y((i) => y(values[i] ?? 0))(drawnIndices(values, w / 2));
  return `<svg class="sparkline" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title><path class="line" d="${d ?? ""}"/></svg>`;
}

export interface DriftPoint {
  at: string;
  drift: number;
  version: string;
  /** The challenger won this run. */
  challengerWon: string | null;
}

export interface DriftChartInput {
  title: string;
  width?: number;
  points: readonly DriftPoint[];
  warn: number;
  retrain: number;
}

/** Monitoring drift over time against the warn and retrain thresholds, challenger wins marked. */
export function driftChart(input: DriftChartInput): string {
  const height = 240;
  const WIDTH = input.width ?? WIDE;
  const ticks = WIDTH < 500 ? 3 : 6;
  const times = input.points.map((p) => new Date(p.at));
  const first = times[0] ?? new Date(0);
  const last = times.at(-1) ?? first;
  const x = scaleUtc()
    .domain(
      first.getTime() === last.getTime()
        ? [new Date(first.getTime() - 3.6e6), new Date(last.getTime() + 3.6e6)]
        : [first, last],
    )
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const [lo, hi] = paddedExtent([0, input.warn, input.retrain, ...input.points.map((p) => p.drift)]);
  const y = scaleLinear()
    .domain([lo, hi])
    .nice(5)
    .range([height - MARGIN.bottom, MARGIN.top]);
  // One formatter per axis: d3 builds it from format specifiers, a cost worth paying once.
  const format = x.tickFormat(ticks);
  const xTicks = x
    .ticks(ticks)
    .map(
      (t) =>
        `<text class="axis-label" x="${n(x(t))}" y="${height - MARGIN.bottom + 18}" text-anchor="middle">${esc(format(t))}</text>`,
    )
    .join("");
  const threshold = (value: number, name: string, text: string) =>
    `<g class="threshold ${name}"><line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${n(y(value))}" y2="${n(y(value))}"/><text class="mark-label" x="${WIDTH - MARGIN.right}" y="${n(y(value)) - 4}" text-anchor="end">${esc(text)}</text></g>`;
  const path = line<DriftPoint>()
    .digits(1)
    .x((_, i) => x(times[i] ?? first))
    .y((p) => y(p.drift))(input.points);
  const triangle = symbol(symbolTriangle, 70)() ?? "";
  const runs =
    input.points.length <= MAX_DOTS
      ? input.points
          .map((p, i) =>
            p.challengerWon
              ? ""
              : `<circle class="run" cx="${n(x(times[i] ?? first))}" cy="${n(y(p.drift))}" r="3"><title>${esc(p.at)}: ${esc(p.version)} drift ${esc(p.drift)}%</title></circle>`,
          )
          .join("")
      : "";
  const wins = input.points
    .map((p, i) =>
      p.challengerWon
        ? `<path class="win" transform="translate(${n(x(times[i] ?? first))},${n(y(p.drift))})" d="${triangle}"><title>${esc(p.at)}: challenger ${esc(p.challengerWon)} beat ${esc(p.version)} (drift ${esc(p.drift)}%)</title></path>`
        : "",
    )
    .join("");
  return [
    svgOpen(height, input.title, "drift-chart", WIDTH),
    yAxis(y, MARGIN.left, WIDTH - MARGIN.right),
    `<g class="x-axis">${xTicks}</g>`,
    threshold(input.warn, "warn", `plan retraining ${input.warn}%`),
    threshold(input.retrain, "retrain", `retrain now ${input.retrain}%`),
    `<path class="line" d="${path ?? ""}"/>`,
    runs,
    wins,
    "</svg>",
  ].join("");
}

export interface StageSpan {
  stage: string;
  version: string;
  start: string;
  /** null while the version still holds the stage. */
  end: string | null;
  tone: string;
}

/** Which version held each stage when: one row per stage, one bar per holding. */
export function timelineChart(
  title: string,
  stages: readonly string[],
  spans: readonly StageSpan[],
  now: string,
  WIDTH = WIDE,
): string {
  const ticks = WIDTH < 500 ? 3 : 6;
  const rowHeight = 30;
  const height = MARGIN.top + stages.length * rowHeight + MARGIN.bottom;
  const left = 92;
  const end = Date.parse(now);
  // A loop, not Math.min(...): thousands of holdings would overflow the call's arguments.
  let first = end;
  for (const s of spans) first = Math.min(first, Date.parse(s.start));
  // At least a minute shown, and a little room before the first move.
  const begin = Math.min(first, end - 60_000) - (end - Math.min(first, end - 60_000)) * 0.02;
  const x = scaleUtc()
    .domain([new Date(begin), new Date(end)])
    .range([left, WIDTH - MARGIN.right]);
  const y = scaleBand<string>()
    .domain(stages)
    .range([MARGIN.top, height - MARGIN.bottom])
    .padding(0.2);
  const rows = stages
    .map(
      (s) =>
        `<text class="axis-label" x="${left - 8}" y="${n((y(s) ?? 0) + y.bandwidth() / 2)}" dy="0.32em" text-anchor="end">${esc(s)}</text>`,
    )
    .join("");
  const format = x.tickFormat(ticks);
  const xTicks = x
    .ticks(ticks)
    .map(
      (t) =>
        `<g class="tick"><line class="grid" x1="${n(x(t))}" x2="${n(x(t))}" y1="${MARGIN.top}" y2="${height - MARGIN.bottom}"/><text class="axis-label" x="${n(x(t))}" y="${height - MARGIN.bottom + 18}" text-anchor="middle">${esc(format(t))}</text></g>`,
    )
    .join("");
  const bars = spans
    .map((s) => {
      const x0 = x(new Date(s.start));
      const x1 = x(new Date(s.end ?? now));
      const width = Math.max(2, x1 - x0);
      const top = y(s.stage) ?? 0;
      const label =
        width > 8 * s.version.length + 8
          ? `<text class="span-label" x="${n(x0 + 5)}" y="${n(top + y.bandwidth() / 2)}" dy="0.32em">${esc(s.version)}</text>`
          : "";
      return `<g class="span ${esc(s.tone)}" data-stage="${esc(s.stage)}" data-version="${esc(s.version)}"><rect x="${n(x0)}" y="${n(top)}" width="${n(width)}" height="${n(y.bandwidth())}" rx="3"><title>${esc(s.version)} in ${esc(s.stage)}: ${esc(s.start)} to ${esc(s.end ?? "now")}</title></rect>${label}</g>`;
    })
    .join("");
  return [svgOpen(height, title, "timeline-chart", WIDTH), xTicks, rows, bars, "</svg>"].join("");
}

export interface LineageNode {
  id: string;
  /** null for a root. */
  parent: string | null;
  label: string;
  tone: string | null;
  /** Not a version of this model (another model's, or no longer registered). */
  external: boolean;
}

/** Versions and the bases they were derived from, as a tree laid out left (root) to right. */
export function lineageGraph(title: string, nodes: readonly LineageNode[]): string {
  const ROOT = "\u0000root";
  const root = stratify<LineageNode>()
    .id((d) => d.id)
    .parentId((d) => (d.id === ROOT ? null : (d.parent ?? ROOT)))([
    { id: ROOT, parent: null, label: "", tone: null, external: false },
    ...nodes,
  ]);
  const dx = 24;
  const dy = 120;
  const laid = tree<LineageNode>().nodeSize([dx, dy])(root);
  const shown = laid.descendants().filter((d) => d.depth > 0);
  let minX = Infinity;
  let maxX = -Infinity;
  for (const d of shown) {
    minX = Math.min(minX, d.x);
    maxX = Math.max(maxX, d.x);
  }
  const depth = Math.max(1, ...shown.map((d) => d.depth));
  const width = (depth - 1) * dy + 40 + 9 + 7 * Math.max(...shown.map((d) => d.data.label.length));
  const height = maxX - minX + 2 * dx + 8;
  // Depth 1 at the left edge; x (breadth) becomes the vertical position.
  const px = (d: HierarchyPointNode<LineageNode>) => (d.depth - 1) * dy + 40;
  const py = (d: HierarchyPointNode<LineageNode>) => d.x - minX + dx;
  const link = linkHorizontal<unknown, [number, number]>()
    .source((l) => (l as { s: [number, number] }).s)
    .target((l) => (l as { t: [number, number] }).t);
  const links = laid
    .links()
    .filter((l) => l.source.depth > 0)
    .map(
      (l) =>
        `<path class="link" d="${link({ s: [px(l.source), py(l.source)], t: [px(l.target), py(l.target)] }) ?? ""}"/>`,
    )
    .join("");
  const marks = shown
    .map((d) => {
      const node = d.data;
      const tone = node.tone ?? "";
      return `<g class="node${node.external ? " external" : ""} ${esc(tone)}" data-version="${esc(node.id)}"><circle cx="${n(px(d))}" cy="${n(py(d))}" r="5"><title>${esc(node.label)}</title></circle><text class="node-label" x="${n(px(d) + 9)}" y="${n(py(d))}" dy="0.32em">${esc(node.label)}</text></g>`;
    })
    .join("");
  return `<svg class="lineage-graph" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>${links}${marks}</svg>`;
}
