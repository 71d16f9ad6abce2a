import { percentChange } from "../../domain/lineage.js";
import type { Goal } from "../../domain/monitoring.js";
import { compareText } from "../../domain/order.js";
import type { StagesFile } from "../../domain/schemas.js";
import { isExclusive, parseTrailers, stageMoves } from "../../domain/stages.js";
import { parseUsualStages, versionsIn } from "../../domain/stages-file.js";
import { type MetricTrend, trendPath } from "../../domain/trends.js";
import type { Registry } from "../core/registry.js";
import { metricTrendFor } from "../monitoring/trends.js";
import type { ValidationReport, VersionRef } from "./validate.js";

/**
 * What a reviewer of a registry pull request wants to see beside the problems (the Action's
 * validate summary): each new version against the version that holds the model's promoted stage
 * at the base, metric by metric, better or worse by the metric's goal; each stage move with its
 * reason; and the ranking metric over versions. Read with one cat-file per kind of object at the
 * base and one log of the changed stages files.
 */

export interface MetricReview {
  name: string;
  value: number | null;
  holderValue: number | null;
  /** Percent change against the holder; null when a side lacks it or the holder's is 0. */
  changePct: number | null;
  /** By the metric's configured goal; null when no goal is configured for it or nothing to compare. */
  verdict: "better" | "worse" | "same" | null;
}

export interface NewVersionReview extends VersionRef {
  /** The stage whose holder it is compared with (the promote policy's, else production or the last exclusive stage). */
  stage: string | null;
  /** That stage's holder at the base. */
  holder: string | null;
  /** The ranking metric's name (`val_rmse` for `metrics.val_rmse`), first in `metrics`. */
  rankMetric: string | null;
  metrics: MetricReview[];
  /** Why the metadata could not be read, when it could not. */
  problem?: string;
}

export interface StageMoveReview {
  model: string;
  version: string;
  from: string;
  to: string;
  /** The `Reason:` trailer of the pull request's commit that made the move, if any. */
  reason: string | null;
}

export interface ModelChart {
  model: string;
  metric: string;
  goal: Goal;
  trend: MetricTrend;
}

export interface ChangeReview {
  versions: NewVersionReview[];
  moves: StageMoveReview[];
  charts: ModelChart[];
}

/** The stage new versions are measured against. */
export function promotedStage(registry: Registry, model: string): string | null {
  const config = registry.config;
  const configured = config.promoteFor(model)?.to;
  if (configured) return configured;
  const names = config.stages.map((s) => s.name);
  if (names.includes("production")) return "production";
  return config.stages.filter((s) => isExclusive(config, s.name)).at(-1)?.name ?? null;
}

/** The metrics whose direction the configuration states: the ranking metric and the monitoring baseline. */
function knownGoals(registry: Registry, model: string): Map<string, Goal> {
  const goals = new Map<string, Goal>();
  const monitor = registry.config.monitorFor(model);
  if (monitor?.baseline && monitor.goal) goals.set(trendPath(monitor.baseline), monitor.goal);
  const rank = registry.config.selectFor(model)?.rank;
  if (rank?.metric) goals.set(trendPath(rank.metric), rank.goal ?? "min");
  return goals;
}

const metricName = (path: string) => (path.startsWith("metrics.") ? path.slice("metrics.".length) : path);

function metricsOf(json: unknown): Record<string, number> {
  const metrics = (json as { metrics?: unknown } | null)?.metrics;
  if (typeof metrics !== "object" || metrics === null) return {};
  return Object.fromEntries(
    Object.entries(metrics).filter((e): e is [string, number] => typeof e[1] === "number"),
  );
}

function parseJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function compareMetrics(
  value: Record<string, number>,
  holder: Record<string, number> | null,
  goals: ReadonlyMap<string, Goal>,
  first: string | null,
): MetricReview[] {
  const all = [...new Set([...Object.keys(value), ...Object.keys(holder ?? {})])];
  // The ranking metric first: it is what selection and promotion go by.
  const names = first && all.includes(first) ? [first, ...all.filter((n) => n !== first)] : all;
  return names.map((name) => {
    const a = holder?.[name] ?? null;
    const b = value[name] ?? null;
    const changePct = a === null || b === null ? null : percentChange(a, b);
    const goal = goals.get(`metrics.${name}`);
    const verdict =
      a === null || b === null || !goal
        ? null
        : a === b
          ? "same"
          : (goal === "min" ? b < a : b > a)
            ? "better"
            : "worse";
    return { name, value: b, holderValue: a, changePct, verdict };
  });
}

export async function reviewChange(
  registry: Registry,
  base: string,
  report: Pick<ValidationReport, "added" | "stagesChanged">,
  options: { maxCharts?: number } = {},
): Promise<ChangeReview> {
  const git = registry.git;
  const root = registry.root;
  const models = [...new Set([...report.added.map((v) => v.model), ...report.stagesChanged])].sort(
    compareText,
  );
  const stagesAt = (model: string) => `${base}:${root}/${model}/stages.json`;
  const baseStages = await git.catFile(models.map(stagesAt));
  const stagesBefore = new Map<string, StagesFile | null>();
  for (const model of models)
    stagesBefore.set(
      model,
      parseUsualStages(baseStages.get(stagesAt(model))?.content.toString("utf8") ?? "{}"),
    );

  // Each new version's comparison: the holder of the promoted stage at the base.
  const holders = new Map<string, { stage: string | null; holder: string | null }>();
  for (const model of new Set(report.added.map((v) => v.model))) {
    const stage = promotedStage(registry, model);
    const holder = stage ? (versionsIn(stagesBefore.get(model) ?? null, stage).at(-1) ?? null) : null;
    holders.set(model, { stage, holder });
  }
  const holderSpec = (model: string, version: string) => `${base}:${root}/${model}/${version}/metadata.json`;
  const holderFiles = await git.catFile(
    [...holders].flatMap(([model, h]) => (h.holder ? [holderSpec(model, h.holder)] : [])),
  );
  const versions: NewVersionReview[] = [];
  for (const { model, version } of [...report.added].sort(
    (a, b) => compareText(a.model, b.model) || registry.scheme(a.model).compare(a.version, b.version),
  )) {
    const { stage, holder } = holders.get(model)!;
    const rank = registry.config.selectFor(model)?.rank?.metric;
    const rankMetric = rank ? metricName(trendPath(rank)) : null;
    const metadata = parseJson(registry.readText(`${root}/${model}/${version}/metadata.json`));
    const holderMetadata = holder
      ? parseJson(holderFiles.get(holderSpec(model, holder))?.content.toString("utf8"))
      : null;
    versions.push({
      model,
      version,
      stage,
      holder,
      rankMetric,
      metrics: compareMetrics(
        metricsOf(metadata),
        holder ? metricsOf(holderMetadata) : null,
        knownGoals(registry, model),
        rankMetric,
      ),
      ...(metadata === null ? { problem: "metadata.json is not readable JSON" } : {}),
    });
  }

  const moves = await stageMoveReviews(registry, base, report.stagesChanged, stagesBefore);

  const charts: ModelChart[] = [];
  for (const model of models.slice(0, options.maxCharts ?? 20)) {
    const rank = registry.config.selectFor(model)?.rank;
    if (!rank?.metric) continue;
    const trend = await metricTrendFor(registry, model, rank.metric).catch(() => null);
    if (trend && trend.trend.points.length > 0)
      charts.push({ model, metric: rank.metric, goal: rank.goal ?? "min", trend: trend.trend });
  }
  return { versions, moves, charts };
}

/** The moves of each changed stages.json, with the reasons its commits since the base give (one git log). */
async function stageMoveReviews(
  registry: Registry,
  base: string,
  models: readonly string[],
  before: ReadonlyMap<string, StagesFile | null>,
): Promise<StageMoveReview[]> {
  if (models.length === 0) return [];
  const files = models.map((m) => `${registry.root}/${m}/stages.json`);
  const log = await registry.git.text(
    ["log", "--format=%x00%B", "--end-of-options", `${base}..HEAD`, "--", ...files],
    { allowFailure: true },
  );
  // Newest first: the first reason found for a move is the one that made it as it stands.
  const reasons = new Map<string, string>();
  for (const message of log.split("\0").slice(1)) {
    const t = parseTrailers(message);
    if (t.model && t.version && t.stage && t.reason) {
      const key = `${t.model}\0${t.version}\0${t.stage}`;
      if (!reasons.has(key)) reasons.set(key, t.reason);
    }
  }
  const moves: StageMoveReview[] = [];
  for (const model of [...models].sort(compareText)) {
    const after = parseUsualStages(registry.readText(`${registry.root}/${model}/stages.json`) ?? "{}");
    for (const m of stageMoves(before.get(model) ?? null, after, registry.config)) {
      moves.push({ model, ...m, reason: reasons.get(`${model}\0${m.version}\0${m.to}`) ?? null });
    }
  }
  return moves;
}
