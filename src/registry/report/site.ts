import chartsScript from "virtual:report-charts";
import { lookupField } from "../../domain/fields.js";
import { formatBytes, formatNumber } from "../../domain/format.js";
import type { HistoryEntry } from "../stages/history.js";
import css from "./assets/report.css" with { type: "text" };
import script from "./assets/report.js" with { type: "text" };
import {
  type DriftPoint,
  type LineageNode,
  NARROW,
  type PointMark,
  type StageSpan,
  sparkline,
  WIDE,
} from "./charts.js";
import type { ModelData, ModelSummary, ReportFacts, VersionData } from "./data.js";
import { esc, modelPage, shortTime, timeTag, versionAnchor } from "./html.js";
import { lastMoveInto, shownStages, stageSpans, stageTone } from "./timeline.js";

/**
 * The report as files (path -> content), from the data alone: no I/O, so the same data always
 * gives the same site. Pages are plain HTML that reads without JavaScript; the script adds
 * sorting, filtering and the per-version details, which it loads on demand from data/.
 */

/** Versions per data file: a version's details cost one small script, whatever the model's size. */
export const VERSIONS_PER_CHUNK = 200;
/**
 * Rows of the versions table on one page. The page's HTML holds the newest this many (read
 * without JavaScript); the script pages, sorts and filters every version from the model's
 * table data (data/<model>/versions.js), so 10,000 versions never become 10,000 rows at once.
 */
export const TABLE_PAGE = 50;
/** Charts of other metrics beside the ranking one. */
const MAX_OTHER_METRICS = 8;
/** Metric columns of the versions table. */
const MAX_METRIC_COLUMNS = 5;
/** Lineage nodes drawn before the graph keeps to the chains of the versions that matter. */
const MAX_LINEAGE_NODES = 250;
/** Ancestors drawn per version that matters, past MAX_LINEAGE_NODES. */
const CHAIN_STEPS = 12;
/** The marker file that says a folder holds a report this command wrote. */
export const MANIFEST = "git-model-report.json";

export type SiteFiles = Map<string, string>;

/** A model as the overview keeps it, before its history is known. */
type ModelHead = Omit<ModelSummary, "holderSince" | "lastChange">;

/** The pre-rendered sections of a model's page that do not depend on its history. */
interface Sections {
  metrics: string;
  versions: string;
  monitoring: string;
  lineage: string;
}

/**
 * What a model page's charts are drawn from in the browser (browser-charts.ts, with the same
 * drawing code), written as data/<model>/charts.js: the versions and the charted metrics once,
 * and each chart's inputs. The page holds a slot per drawing; the script fills the slots the
 * screen shows (the wide or the narrow one), so the report draws nothing at build time.
 */
type ChartSpec =
  | { kind: "metric"; title: string; metric: string; marks: PointMark[]; height?: number }
  | { kind: "drift"; title: string; points: DriftPoint[]; warn: number; retrain: number }
  | { kind: "timeline"; title: string; stages: string[]; spans: StageSpan[]; now: string }
  | { kind: "lineage"; title: string; nodes: LineageNode[] };

interface ChartData {
  versions: string[];
  /** metric path -> its value for each version (null where a version has none). */
  metrics: Record<string, (number | null)[]>;
  charts: Record<string, ChartSpec>;
}

/** A place in the page for a chart, filled by the script; `width` is the drawing's own units. */
const chartSlot = (id: string, width: number, className: string) =>
  `<div class="${className}" data-chart="${esc(id)}" data-width="${width}"></div>`;

/**
 * A chart in two drawings, wide and narrow, and the stylesheet shows the one that fits (an SVG's
 * text scales with it, so one drawing cannot stay legible both on a desktop and at 375 pixels);
 * the script draws only the one shown.
 */
const responsive = (id: string) =>
  `${chartSlot(id, WIDE, "chart-wide")}${chartSlot(id, NARROW, "chart-narrow")}`;

const chartsFile = (model: string, charts: ChartData) =>
  `window.gitModelReport.addCharts(${JSON.stringify(model)},${JSON.stringify(charts)});\n`;

export interface PreparedModel {
  /** The data files its versions' details load from, ready at once. */
  files: SiteFiles;
  /**
   * The page and the overview's summary, once the model's history is known: the history comes
   * from one `git log` of the whole registry, which runs while the models are read and rendered,
   * and only this little is kept for it, not the model's metadata.
   */
  finish(history: readonly HistoryEntry[]): { files: SiteFiles; summary: ModelSummary };
}

export function prepareModel(data: ReportFacts, model: ModelData): PreparedModel {
  const files: SiteFiles = new Map();
  for (let start = 0, chunk = 0; start < model.versions.length; start += VERSIONS_PER_CHUNK, chunk++) {
    const versions = model.versions.slice(start, start + VERSIONS_PER_CHUNK).map((v) => ({
      version: v.version,
      stage: v.stage,
      metadata: v.metadata,
      problem: v.problem,
      // Sizes as the tables print them, so the page needs no formatting code of its own.
      sizes: v.metadata?.artifacts.map((a) => formatBytes(a.size)) ?? [],
    }));
    // JSON is valid JavaScript; the file is a script, so no HTML escaping applies.
    files.set(
      `data/${model.name}/${chunk}.js`,
      `window.gitModelReport.addVersions(${JSON.stringify(model.name)},${JSON.stringify(String(chunk))},${JSON.stringify(versions)});\n`,
    );
  }
  files.set(`data/${model.name}/versions.js`, versionsTableData(data, model));
  const head = headOf(model);
  const charts: ChartData = { versions: model.versions.map((v) => v.version), metrics: {}, charts: {} };
  const sections: Sections = {
    metrics: metricsSection(data, model, charts),
    versions: versionsSection(data, model),
    monitoring: monitoringSection(model, charts),
    lineage: lineageSection(data, model, charts),
  };
  return {
    files,
    finish: (history) => ({
      files: new Map([
        [modelPage(head.name), modelPageHtml(data, head, history, sections, charts)],
        [`data/${head.name}/charts.js`, chartsFile(head.name, charts)],
      ]),
      summary: {
        ...head,
        holderSince: Object.fromEntries(shownStages(data).map((s) => [s, lastMoveInto(history, s)])),
        lastChange: lastChange(head, history),
      },
    }),
  };
}

function headOf(model: ModelData): ModelHead {
  const latest = model.versions.at(-1);
  const bestVersion = model.best ? model.versions.find((v) => v.version === model.best?.version) : undefined;
  return {
    name: model.name,
    versions: model.versions.length,
    holders: model.holders,
    latest: latest ? { version: latest.version, created_at: latest.created_at } : null,
    best: model.best,
    bestNote: model.bestNote,
    rank: model.rank,
    bestValue: model.rank.by === "metric" && bestVersion ? metricValue(bestVersion, model.rank.metric) : null,
    monitoring: model.monitoring
      ? {
          code: model.monitoring.status.code,
          recommendation: model.monitoring.recommendation,
          at: model.monitoring.lines.at(-1)?.at ?? null,
        }
      : null,
    trend: model.rank.metric ? metricColumn(model, model.rank.metric) : [],
  };
}

/** The overview, the shared assets, and the manifest that marks the folder as a report. */
export function renderOverview(
  data: ReportFacts,
  models: readonly ModelSummary[],
  generator: string,
): SiteFiles {
  return new Map([
    ["index.html", overviewPage(data, models)],
    ["assets/report.css", css],
    ["assets/report.js", script],
    ["assets/charts.js", chartsScript],
    [MANIFEST, `${JSON.stringify(manifest(data, models, generator), null, 2)}\n`],
  ]);
}

/** What the report holds, for machines (and for the next run, which knows its own folder by it). */
function manifest(data: ReportFacts, models: readonly ModelSummary[], generator: string) {
  return {
    generator,
    generated_at: data.generatedAt,
    models: models.map((m) => ({
      name: m.name,
      page: modelPage(m.name),
      versions: m.versions,
      latest: m.latest?.version ?? null,
      best: m.best?.version ?? null,
      stages: m.holders,
      monitoring: m.monitoring?.code ?? null,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Page frame

function page(
  data: ReportFacts,
  title: string,
  depth: number,
  body: string,
  mainAttrs = "",
  head = "",
): string {
  const up = "../".repeat(depth);
  const repo = data.repositoryUrl
    ? `<a class="where" href="${esc(data.repositoryUrl)}">${esc(data.repositoryUrl.replace(/^https:\/\//, ""))}</a>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="git-model report">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${up}assets/report.css">
${head ? `<script src="${up}assets/charts.js" defer></script>\n` : ""}<script src="${up}assets/report.js" defer></script>${head}
</head>
<body>
<header class="topbar"><a class="brand" href="${up}index.html">${esc(data.title)} · model registry</a><span class="where">${esc(data.root)}/</span>${repo}</header>
<main${mainAttrs}>
${body}
</main>
<footer class="foot">Built by <code>git model report</code> at ${timeTag(data.generatedAt)} UTC from the committed registry.</footer>
</body>
</html>
`;
}

const stageBadge = (data: ReportFacts, stage: string, text = stage) =>
  `<span class="badge stage-badge ${stageTone(data, stage)}">${esc(text)}</span>`;

const statusBadge = (monitoring: { code: string; recommendation: string } | null) =>
  monitoring
    ? `<span class="badge status-${esc(monitoring.code)}">${esc(monitoring.recommendation)}</span>`
    : `<span class="muted">not monitored</span>`;

const since = (iso: string | null | undefined) =>
  iso ? `<span class="since">since ${timeTag(iso)}</span>` : "";

const prLink = (data: ReportFacts, pr: number | null) =>
  pr === null
    ? "-"
    : data.repositoryUrl
      ? `<a href="${esc(`${data.repositoryUrl}/pull/${pr}`)}">#${pr}</a>`
      : `#${pr}`;

const commitLink = (data: ReportFacts, commit: string) =>
  data.repositoryUrl
    ? `<a class="mono" href="${esc(`${data.repositoryUrl}/commit/${commit}`)}">${esc(commit.slice(0, 7))}</a>`
    : `<span class="mono">${esc(commit.slice(0, 7))}</span>`;

/** `metrics.<name>` with no dot in the name: the version's own metrics hold it. */
const METRIC_PATH = /^metrics\.([^.]+)$/;

function metricValue(
  v: VersionData,
  path: string | null,
  name = path && METRIC_PATH.exec(path)?.[1],
): number | null {
  if (!path || !v.metadata) return null;
  // What lookupField finds at such a path, without splitting the path again for every version.
  const value = name
    ? Object.hasOwn(v.metrics, name)
      ? v.metrics[name]
      : undefined
    : lookupField(v.metadata, path);
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * A metric's value for each of a model's versions (oldest first), looked up once per model and
 * path: the trend, the charts, the table and its data all read the same column.
 */
const columns = new WeakMap<ModelData, Map<string, (number | null)[]>>();
function metricColumn(model: ModelData, path: string): (number | null)[] {
  let byPath = columns.get(model);
  if (!byPath) {
    byPath = new Map();
    columns.set(model, byPath);
  }
  let column = byPath.get(path);
  if (!column) {
    const name = METRIC_PATH.exec(path)?.[1];
    column = model.versions.map((v) => metricValue(v, path, name));
    byPath.set(path, column);
  }
  return column;
}

const metricName = (path: string) => path.replace(/^metrics\./, "");

/** The newest moment anything about the model changed: a registration, a move, a monitoring run. */
function lastChange(head: ModelHead, history: readonly HistoryEntry[]): string | null {
  const times = [history.at(-1)?.at, head.latest?.created_at, head.monitoring?.at].filter(
    (t): t is string => typeof t === "string" && !Number.isNaN(Date.parse(t)),
  );
  if (times.length === 0) return null;
  return times.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
}

// ---------------------------------------------------------------------------------------------
// The overview

function overviewPage(data: ReportFacts, models: readonly ModelSummary[]): string {
  const stages = shownStages(data);
  const versionCount = models.reduce((sum, m) => sum + m.versions, 0);
  const rows = models.map((m) => {
    const page = esc(modelPage(m.name));
    const holderCells = stages.map((stage) => {
      const held = m.holders[stage] ?? [];
      if (held.length === 0) return `<td class="muted">-</td>`;
      const links = held
        .slice(-3)
        .map((v) => `<a href="${page}#${esc(versionAnchor(v))}">${esc(v)}</a>`)
        .join(", ");
      const more = held.length > 3 ? ` <span class="muted">+${held.length - 3}</span>` : "";
      return `<td data-v="${esc(held.at(-1))}">${links}${more}${since(m.holderSince[stage])}</td>`;
    });
    const trend = m.rank.metric
      ? sparkline(m.trend, `${metricName(m.rank.metric)} over ${m.versions} versions`)
      : "";
    const latest = m.latest
      ? `<a href="${page}#${esc(versionAnchor(m.latest.version))}">${esc(m.latest.version)}</a>${m.latest.created_at ? `<span class="since">${timeTag(m.latest.created_at)}</span>` : ""}`
      : "-";
    const best = m.best
      ? `<a href="${page}#${esc(versionAnchor(m.best.version))}">${esc(m.best.version)}</a>${
          m.bestValue !== null && m.rank.metric
            ? `<span class="since">${esc(metricName(m.rank.metric))} ${esc(formatNumber(m.bestValue))}</span>`
            : ""
        }`
      : `<span class="muted" title="${esc(m.bestNote ?? "")}">-</span>`;
    const monitoring = m.monitoring
      ? `<span class="badge status-${esc(m.monitoring.code)}">${esc(m.monitoring.recommendation)}</span>${since(m.monitoring.at)}`
      : `<span class="muted">not monitored</span>`;
    return `<tr data-model="${esc(m.name)}">
<th scope="row"><a href="${page}">${esc(m.name)}</a></th>
<td class="num" data-v="${m.versions}">${m.versions}</td>
${holderCells.join("\n")}
<td data-v="${esc(m.latest?.created_at ?? "")}">${latest}</td>
<td data-v="${esc(m.best?.version ?? "")}">${best}</td>
<td data-v="${esc(m.monitoring?.code ?? "")}">${monitoring}</td>
<td>${trend}</td>
<td data-v="${esc(m.lastChange ?? "")}">${timeTag(m.lastChange)}</td>
</tr>`;
  });
  const needsAttention = models.filter(
    (m) => m.monitoring && m.monitoring.code !== "ok" && m.monitoring.code !== "no-data",
  ).length;
  const body = `<h1>Models</h1>
<p class="lede">${models.length} model${models.length === 1 ? "" : "s"}, ${versionCount} version${versionCount === 1 ? "" : "s"}${needsAttention ? `, ${needsAttention} with a monitoring recommendation` : ""}. Built ${timeTag(data.generatedAt)} UTC.</p>
${
  models.length === 0
    ? `<section class="panel"><p>No models in <code>${esc(data.root)}/</code> yet: register one with <code>git model register &lt;model&gt; &lt;dir&gt;</code>.</p></section>`
    : `<section class="panel" aria-labelledby="models-title">
<h2 id="models-title">Every model</h2>
<div class="controls" data-filter-for="models" hidden><input type="search" placeholder="Filter models" aria-label="Filter models"><span class="count" aria-live="polite"></span></div>
<div class="table-wrap"><table id="models" class="sortable">
<caption>Each model with the version holding each stage, its latest and best version (by the selection policy), its monitoring status, and when each last changed.</caption>
<thead><tr><th scope="col" data-sort="text">Model</th><th scope="col" class="num" data-sort="num">Versions</th>${stages
        .map((s) => `<th scope="col" data-sort="text">${esc(s)}</th>`)
        .join(
          "",
        )}<th scope="col" data-sort="text">Latest</th><th scope="col" data-sort="text">Best</th><th scope="col" data-sort="text">Monitoring</th><th scope="col">Trend</th><th scope="col" data-sort="text">Last change</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table></div>
</section>`
}`;
  return page(data, `${data.title} · model registry`, 0, body);
}

// ---------------------------------------------------------------------------------------------
// A model's page

function modelPageHtml(
  data: ReportFacts,
  model: ModelHead,
  history: readonly HistoryEntry[],
  sections: Sections,
  charts: ChartData,
): string {
  const stages = shownStages(data);
  const { latest } = model;
  const goals: Record<string, "min" | "max"> = {};
  if (model.rank.metric) goals[model.rank.metric] = model.rank.goal;
  const holderBadges = Object.entries(model.holders)
    .filter(([stage]) => stage !== data.displacedTo)
    .map(
      ([stage, held]) =>
        `${stageBadge(data, stage, `${stage}: ${held.slice(-3).join(", ")}${held.length > 3 ? ` +${held.length - 3}` : ""}`)}`,
    )
    .join("");
  const cards = [
    ["Versions", String(model.versions), ""],
    ...stages.map((s) => [
      s,
      (model.holders[s] ?? []).slice(-2).join(", ") || "-",
      model.holders[s]?.length ? since(lastMoveInto(history, s)) : "",
    ]),
    [
      "Latest",
      latest?.version ?? "-",
      latest?.created_at ? `<span class="since">${timeTag(latest.created_at)}</span>` : "",
    ],
    [
      "Best",
      model.best?.version ?? "-",
      model.best && model.rank.metric && model.best.value !== null && model.rank.by === "metric"
        ? `<span class="since">${esc(metricName(model.rank.metric))} ${esc(formatNumber(model.best.value))} (${model.rank.goal === "min" ? "lower" : "higher"} is better)</span>`
        : model.bestNote
          ? `<span class="since">${esc(model.bestNote)}</span>`
          : "",
    ],
  ]
    .map(
      ([title, value, extra]) =>
        `<div class="card"><dt>${esc(title)}</dt><dd>${esc(value)}${extra}</dd></div>`,
    )
    .join("");
  const monitoringCard = `<div class="card"><dt>Monitoring</dt><dd>${statusBadge(model.monitoring)}${since(model.monitoring?.at)}</dd></div>`;
  const body = `<p><a href="../index.html">← All models</a></p>
<h1>${esc(model.name)}</h1>
<div class="holders">${holderBadges || `<span class="muted">No version holds a stage yet.</span>`}</div>
<dl class="cards">${cards}${monitoringCard}</dl>
${sections.metrics}
${sections.versions}
<section id="version-details" class="panel details-panel" hidden aria-live="polite" aria-labelledby="version-details-title"></section>
${timelineSection(data, model.name, history, charts)}
${sections.monitoring}
${sections.lineage}`;
  const attrs = ` data-model="${esc(model.name)}" data-chunks="../data/${esc(model.name)}/" data-goals="${esc(JSON.stringify(goals))}"`;
  // The chart code before the page's script, the data after it (deferred scripts run in order).
  const folder = `../data/${esc(model.name)}`;
  const tableData = `<script src="${folder}/versions.js" defer></script><script src="${folder}/charts.js" defer></script>`;
  return page(data, `${model.name} · ${data.title}`, 1, body, attrs, tableData);
}

/** Metric names by how many versions record them, the ranking metric first (once per model). */
const pathsOf = new WeakMap<ModelData, string[]>();
function metricPaths(model: ModelData): string[] {
  const known = pathsOf.get(model);
  if (known) return known;
  const counts = new Map<string, number>();
  for (const v of model.versions)
    for (const name of Object.keys(v.metrics)) counts.set(name, (counts.get(name) ?? 0) + 1);
  const byUse = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([name]) => `metrics.${name}`);
  const paths = [...new Set([...(model.rank.metric ? [model.rank.metric] : []), ...byUse])];
  pathsOf.set(model, paths);
  return paths;
}

function holderMarks(data: ReportFacts, model: ModelData): PointMark[] {
  const marks: PointMark[] = [];
  for (const stage of shownStages(data)) {
    for (const version of (model.holders[stage] ?? []).slice(-3))
      marks.push({ version, label: stage, tone: stageTone(data, stage) });
  }
  if (model.best && !marks.some((m) => m.version === model.best?.version))
    marks.push({ version: model.best.version, label: "best", tone: "c5" });
  return marks;
}

/** Charts draw with JavaScript; without it the page says where the numbers are. */
const NO_CHARTS = `<noscript><p class="note">The charts are drawn by the page's script; the tables hold the same numbers.</p></noscript>`;

function metricsSection(data: ReportFacts, model: ModelData, charts: ChartData): string {
  const paths = metricPaths(model);
  if (paths.length === 0 || model.versions.length === 0)
    return `<section class="panel"><h2>Metrics</h2><p class="muted">No version records a metric.</p></section>`;
  const marks = holderMarks(data, model);
  const chart = (path: string, title: string, height?: number): string => {
    charts.metrics[path] ??= metricColumn(model, path);
    const id = `metric:${path}`;
    charts.charts[id] = { kind: "metric", title, metric: path, marks, ...(height ? { height } : {}) };
    return id;
  };
  const [first, ...others] = paths;
  const rankTitle = `${metricName(first!)} over ${model.versions.length} versions`;
  const legend = marks.length
    ? `<ul class="legend">${marks.map((m) => `<li class="${esc(m.tone)}">${esc(m.label)} ${esc(m.version)}</li>`).join("")}</ul>`
    : "";
  const ranking =
    model.rank.by === "metric" && model.rank.metric === first
      ? `the ranking metric of <code>select</code> (${model.rank.goal === "min" ? "lower" : "higher"} is better)`
      : "the metric most versions record (no ranking metric is configured)";
  const small = others
    .slice(0, MAX_OTHER_METRICS)
    .map(
      (path) =>
        `<figure><h3>${esc(metricName(path))}</h3>${chartSlot(chart(path, `${metricName(path)} over versions`, 220), 400, "chart-small")}</figure>`,
    )
    .join("");
  const more =
    others.length > MAX_OTHER_METRICS
      ? `<p class="note">${others.length - MAX_OTHER_METRICS} more metrics are in each version's details.</p>`
      : "";
  return `<section class="panel" aria-labelledby="metrics-title">
<h2 id="metrics-title">${esc(metricName(first!))} over versions</h2>
${NO_CHARTS}
<figure>${responsive(chart(first!, rankTitle))}
<figcaption>${esc(metricName(first!))} is ${ranking}; versions oldest to newest, stage holders marked.</figcaption></figure>
${legend}
${small ? `<h2 style="margin-top:1.2rem">Other metrics</h2><div class="small-multiples">${small}</div>${more}` : ""}
</section>`;
}

/** The versions table's columns past the fixed ones: the most used metrics, the ranking one first. */
const tableMetrics = (model: ModelData) => metricPaths(model).slice(0, MAX_METRIC_COLUMNS);

/**
 * Every version as one row of the table's data, oldest first (a row's index / VERSIONS_PER_CHUNK
 * is its details' file): [version, stage, created (UTC, as shown), size, size as shown,
 * artifacts, problem, ...metric values]. Arrays, not objects: at 10,000 versions the names alone
 * would be most of the file.
 */
function versionsTableData(data: ReportFacts, model: ModelData): string {
  const metrics = tableMetrics(model).map((path) => metricColumn(model, path));
  const tones: Record<string, string> = {};
  const rows = model.versions.map((v, i) => {
    tones[v.stage] ??= stageTone(data, v.stage);
    return [
      v.version,
      v.stage,
      v.created_at ? shortTime(v.created_at) : null,
      v.size,
      formatBytes(v.size),
      v.metadata?.artifacts.length ?? 0,
      v.problem,
      ...metrics.map((column) => column[i] ?? null),
    ];
  });
  const table = { chunk: VERSIONS_PER_CHUNK, tones, rows };
  return `window.gitModelReport.addTable(${JSON.stringify(model.name)},${JSON.stringify(table)});\n`;
}

function versionsSection(data: ReportFacts, model: ModelData): string {
  const paths = tableMetrics(model);
  const metrics = paths.map((path) => metricColumn(model, path));
  const stageOptions = [...new Set(model.versions.map((v) => v.stage))]
    .map((s) => `<option value="${esc(s)}">${esc(s)}</option>`)
    .join("");
  // Newest first: the versions people look for are the recent ones. The script renders the other
  // pages from the table's data, with the same cells.
  const total = model.versions.length;
  const first = Math.max(0, total - TABLE_PAGE);
  const rows = model.versions
    .slice(first)
    .map((v, k) => ({ v, i: first + k }))
    .reverse()
    .map(({ v, i }) => {
      const cells = metrics.map((column) => `<td class="num">${esc(formatNumber(column[i]))}</td>`).join("");
      return `<tr data-version="${esc(v.version)}" data-stage="${esc(v.stage)}"><th scope="row"><a href="#${esc(versionAnchor(v.version))}">${esc(v.version)}</a></th><td>${stageBadge(data, v.stage)}</td><td>${v.created_at ? esc(shortTime(v.created_at)) : `<span class="worse">${esc(v.problem ?? "-")}</span>`}</td><td class="num">${esc(formatBytes(v.size))}</td><td class="num">${v.metadata?.artifacts.length ?? 0}</td>${cells}</tr>`;
    })
    .join("\n");
  const partial =
    total > TABLE_PAGE
      ? `<noscript><p class="note">The newest ${TABLE_PAGE} of ${total} versions are listed; with JavaScript the table pages through all of them.</p></noscript>`
      : "";
  return `<section class="panel" aria-labelledby="versions-title">
<h2 id="versions-title">Versions</h2>
<div class="controls" data-filter-for="versions" hidden><input type="search" placeholder="Filter versions, e.g. 1.2 or production" aria-label="Filter versions"><select aria-label="Only the versions in a stage"><option value="">every stage</option>${stageOptions}</select><span class="count" aria-live="polite"></span></div>
<div class="table-wrap"><table id="versions" class="paged" data-total="${total}">
<caption>${total} versions of ${esc(model.name)}, newest first. Choose a version for its metadata, artifacts and improvement over its base.</caption>
<thead><tr><th scope="col" data-sort="version">Version</th><th scope="col" data-sort="text">Stage</th><th scope="col" data-sort="text">Created (UTC)</th><th scope="col" class="num" data-sort="num">Size</th><th scope="col" class="num" data-sort="num">Artifacts</th>${paths
    .map((p) => `<th scope="col" class="num" data-sort="num">${esc(metricName(p))}</th>`)
    .join("")}</tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<nav class="pager" aria-label="Pages of the versions table" hidden><button type="button" data-page="first">Newest</button><button type="button" data-page="previous">Previous</button><span class="page" aria-live="polite"></span><button type="button" data-page="next">Next</button><button type="button" data-page="last">Oldest</button></nav>
${partial}
<noscript><p class="note">A version's details need JavaScript; every version's metadata.json is in the repository under ${esc(data.root)}/${esc(model.name)}/.</p></noscript>
</section>`;
}

function moveEvent(e: HistoryEntry): string {
  if (e.type === "registration") return "registered";
  if (e.type === "deletion") return "deleted";
  return e.kind === "rollback" || !e.rollback ? e.kind : `${e.kind} (rollback)`;
}

function timelineSection(
  data: ReportFacts,
  name: string,
  history: readonly HistoryEntry[],
  charts: ChartData,
): string {
  const stages = shownStages(data);
  const spans = stageSpans(data, history);
  const moves = history.filter((e) => e.type !== "registration");
  const chart = spans.length
    ? `<figure>${responsive(timelineChart(charts, `Which version held each stage of ${name} when`, stages, spans, data.generatedAt))}<figcaption>One bar per holding, from the commit that moved the version in to the one that moved it out.</figcaption></figure>`
    : `<p class="muted">No version has held ${stages.map(esc).join(" or ")} yet.</p>`;
  const rows = [...moves]
    .reverse()
    .map((e) => {
      const from = e.type === "move" ? e.from : "";
      const to = e.type === "move" ? e.to : "";
      const reason = e.type === "move" ? (e.reason ?? "") : "";
      return `<tr><td data-v="${esc(e.at)}">${timeTag(e.at)}</td><td>${esc(moveEvent(e))}</td><th scope="row">${esc(e.version)}</th><td>${from ? stageBadge(data, from) : ""}</td><td>${to ? stageBadge(data, to) : ""}</td><td>${esc(e.who)}</td><td class="wrap">${esc(reason)}</td><td>${prLink(data, e.pullRequest)}</td><td>${commitLink(data, e.commit)}</td></tr>`;
    })
    .join("\n");
  const registrations = history.length - moves.length;
  return `<section class="panel" aria-labelledby="timeline-title">
<h2 id="timeline-title">Stage timeline</h2>
${chart}
${
  moves.length
    ? `<div class="table-wrap" style="margin-top:0.8rem"><table id="moves" class="sortable">
<caption>Every stage move and deletion, newest first: who, why and through which pull request (${registrations} registrations are in the versions table).</caption>
<thead><tr><th scope="col" data-sort="text">When (UTC)</th><th scope="col" data-sort="text">Event</th><th scope="col" data-sort="text">Version</th><th scope="col" data-sort="text">From</th><th scope="col" data-sort="text">To</th><th scope="col" data-sort="text">Who</th><th scope="col">Reason</th><th scope="col">Pull request</th><th scope="col">Commit</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`
    : ""
}
</section>`;
}

function monitoringSection(model: ModelData, charts: ChartData): string {
  const m = model.monitoring;
  if (!m)
    return `<section class="panel" aria-labelledby="monitoring-title"><h2 id="monitoring-title">Monitoring</h2><p class="muted">No monitoring runs yet (<code>git model monitor ${esc(model.name)} --version V --value X</code>).</p></section>`;
  const { thresholds } = m.status;
  const points = m.lines.map((l) => ({
    at: l.at,
    drift: l.drift_pct,
    version: l.version,
    challengerWon: l.challenger && l.winner === l.challenger.version ? l.challenger.version : null,
  }));
  const wins = points.filter((p) => p.challengerWon).length;
  const recent = [...m.lines]
    .slice(-20)
    .reverse()
    .map(
      (l) =>
        `<tr><td data-v="${esc(l.at)}">${timeTag(l.at)}</td><th scope="row">${esc(l.version)}</th><td>${esc(l.metric)}</td><td class="num">${esc(formatNumber(l.value))}</td><td class="num">${esc(formatNumber(l.baseline.value))}</td><td class="num">${esc(l.drift_pct)}%</td><td>${l.challenger ? `${esc(l.challenger.version)} (${esc(formatNumber(l.challenger.value))})` : "-"}</td><td>${esc(l.winner)}</td></tr>`,
    )
    .join("\n");
  const shown = m.total > m.lines.length ? ` (the last ${m.lines.length} of ${m.total} runs)` : "";
  return `<section class="panel" aria-labelledby="monitoring-title">
<h2 id="monitoring-title">Monitoring</h2>
<p>${statusBadge({ code: m.status.code, recommendation: m.recommendation })} <span class="muted">${esc(m.status.message)}</span></p>
<figure>${responsive(driftChart(charts, { kind: "drift", title: `Drift of ${model.name} over time`, points, warn: thresholds.drift_warn_pct, retrain: thresholds.drift_retrain_pct }))}
<figcaption>Drift of ${esc(m.status.metric ?? "the monitored metric")} against each version's registered baseline${esc(shown)}; positive is worse. ${wins} challenger win${wins === 1 ? "" : "s"}.</figcaption></figure>
<ul class="legend"><li>drift %</li><li class="warn-key">plan retraining at ${esc(thresholds.drift_warn_pct)}%</li><li class="retrain-key">retrain now at ${esc(thresholds.drift_retrain_pct)}%</li><li class="win-key">challenger won</li></ul>
<div class="table-wrap" style="margin-top:0.8rem"><table id="runs">
<caption>The latest monitoring runs, newest first${m.issues ? ` (${m.issues} unreadable lines skipped)` : ""}.</caption>
<thead><tr><th scope="col">When (UTC)</th><th scope="col">Version</th><th scope="col">Metric</th><th scope="col" class="num">Value</th><th scope="col" class="num">Baseline</th><th scope="col" class="num">Drift</th><th scope="col">Challenger</th><th scope="col">Winner</th></tr></thead>
<tbody>
${recent}
</tbody></table></div>
</section>`;
}

function lineageSection(data: ReportFacts, model: ModelData, charts: ChartData): string {
  const own = new Map(model.versions.map((v) => [v.version, v]));
  const baseOf = new Map<string, string>();
  for (const v of model.versions) {
    const base = v.metadata?.lineage?.base;
    if (typeof base === "string" && base) baseOf.set(v.version, base.replace(/@v(?=\d)/, "@"));
  }
  if (baseOf.size === 0)
    return `<section class="panel" aria-labelledby="lineage-title"><h2 id="lineage-title">Lineage</h2><p class="muted">No version records a base (<code>git model register ... --base ${esc(model.name)}@V --enhancement TYPE</code>).</p></section>`;
  // A base of this model is named by its version; any other (another model's, a deleted one) by its reference.
  const idOf = (ref: string) => {
    const prefix = `${model.name}@`;
    return ref.startsWith(prefix) && own.has(ref.slice(prefix.length)) ? ref.slice(prefix.length) : ref;
  };
  let members = new Set<string>();
  for (const [version, base] of baseOf) {
    members.add(version);
    members.add(idOf(base));
  }
  let note = "";
  if (members.size > MAX_LINEAGE_NODES) {
    // Too many to read: the recent ancestry of the stage holders, the best and the newest version.
    const keys = [
      ...shownStages(data).flatMap((stage) => (model.holders[stage] ?? []).slice(-3)),
      model.best?.version,
      model.versions.at(-1)?.version,
    ];
    const kept = new Set<string>();
    for (const key of keys) {
      let current: string | undefined = key;
      for (let step = 0; current !== undefined && !kept.has(current) && step <= CHAIN_STEPS; step++) {
        kept.add(current);
        const base = baseOf.get(current);
        current = base === undefined ? undefined : idOf(base);
      }
    }
    note = `<p class="note">Showing the last ${CHAIN_STEPS} ancestors of the stage holders, the best and the latest version: ${kept.size} of ${members.size} versions.</p>`;
    members = kept;
  }
  const nodes: LineageNode[] = [...members].map((id) => {
    const version = own.get(id);
    const base = baseOf.get(id);
    const parent = base !== undefined && members.has(idOf(base)) ? idOf(base) : null;
    const enhancement = version?.metadata?.lineage?.enhancement;
    return {
      id,
      parent,
      label: version ? `${id}${typeof enhancement === "string" ? ` (${enhancement})` : ""}` : id,
      tone: version && version.stage !== data.initialStage ? stageTone(data, version.stage) : null,
      external: !version,
    };
  });
  breakCycles(nodes);
  return `<section class="panel" aria-labelledby="lineage-title">
<h2 id="lineage-title">Lineage</h2>
<div class="table-wrap"><figure>${chartSlot(lineageChart(charts, `Lineage of ${model.name}: each version beside the base it was derived from`, nodes), 0, "chart-lineage")}</figure></div>
<figcaption>Each version to the right of the base it was derived from, with how (the enhancement); coloured by the stage it holds. A dashed node is not a version of ${esc(model.name)} in this registry.</figcaption>
${note}
</section>`;
}

/** A hand-edited base can make a loop (a derived from b derived from a): it is cut where the walk meets itself. */
function breakCycles(nodes: readonly LineageNode[]): void {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  // 1: on the walk under way; 2: walked before, known to end at a root. Each node is walked once.
  const state = new Map<string, 1 | 2>();
  for (const start of nodes) {
    const walked: string[] = [];
    let node: LineageNode | undefined = start;
    while (node && !state.has(node.id)) {
      state.set(node.id, 1);
      walked.push(node.id);
      node = node.parent === null ? undefined : byId.get(node.parent);
    }
    if (node && state.get(node.id) === 1) node.parent = null;
    for (const id of walked) state.set(id, 2);
  }
}

/** The chart specs of the sections whose inputs are built here, each under a fixed id. */
function timelineChart(
  charts: ChartData,
  title: string,
  stages: string[],
  spans: StageSpan[],
  now: string,
): string {
  charts.charts.timeline = { kind: "timeline", title, stages, spans, now };
  return "timeline";
}

function driftChart(charts: ChartData, spec: Extract<ChartSpec, { kind: "drift" }>): string {
  charts.charts.drift = spec;
  return "drift";
}

function lineageChart(charts: ChartData, title: string, nodes: LineageNode[]): string {
  charts.charts.lineage = { kind: "lineage", title, nodes };
  return "lineage";
}
