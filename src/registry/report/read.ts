import { basename } from "node:path";
import { MonitoringAccumulator, type MonitoringLine, MonitoringLineSchema } from "../../domain/monitoring.js";
import { compareText } from "../../domain/order.js";
import { streamJsonl } from "../core/jsonl-stream.js";
import type { Registry } from "../core/registry.js";
import { monitoringFile, recommendationHeadline } from "../monitoring/monitoring.js";
import { goalOf } from "../monitoring/trends.js";
import { selectAmong } from "../selection/selection.js";
import { historyEntries } from "../stages/history.js";
import { readStageLogs, type StageLog } from "../stages/stage-log.js";
import { listVersions } from "../versions/catalog.js";
import {
  MONITORING_POINTS,
  type ModelData,
  type MonitoringData,
  type RankInfo,
  type ReportFacts,
  type VersionData,
} from "./data.js";

/**
 * Reads what the report shows. The cost is the registry's files once (every metadata.json,
 * stages.json, monitoring.jsonl, as `list MODEL` reads them) and one `git log` of the registry
 * root for every model's stage history (readStageLogs): never a git process per model or version.
 */

export interface ReadReportOptions {
  now?: Date;
  /** Where pull requests and commits link; default from GITHUB_SERVER_URL/GITHUB_REPOSITORY or the origin remote. */
  repositoryUrl?: string | null;
  env?: NodeJS.ProcessEnv;
}

/** The site's facts, and every model's stage log from one `git log` of the registry root. */
export async function readFacts(
  registry: Registry,
  options: ReadReportOptions = {},
): Promise<{ facts: ReportFacts; logs: Map<string, StageLog> }> {
  const models = await registry.models();
  const [logs, repositoryUrl] = await Promise.all([
    models.length ? readStageLogs(registry, "all") : Promise.resolve(new Map<string, StageLog>()),
    options.repositoryUrl !== undefined
      ? Promise.resolve(options.repositoryUrl)
      : repositoryWebUrl(registry, options.env ?? process.env),
  ]);
  const facts: ReportFacts = {
    generatedAt: (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z"),
    title: basename(registry.top),
    repositoryUrl,
    root: registry.root,
    stages: registry.config.stages,
    initialStage: registry.config.initialStage,
    displacedTo: registry.config.displacedTo ?? null,
    models,
  };
  return { facts, logs };
}

/** One model: its versions' metadata, stages, selection, history (from its log) and monitoring. */
export async function readModel(
  registry: Registry,
  model: string,
  log: StageLog | undefined,
  now?: Date,
): Promise<ModelData> {
  const [summaries, stages, monitoring] = await Promise.all([
    listVersions(registry, model),
    registry.readStages(model).catch(() => ({})),
    readMonitoring(registry, model),
  ]);
  const versions: VersionData[] = summaries.map((s) => ({
    version: s.version,
    stage: s.stage,
    created_at: s.created_at,
    size: s.size,
    metrics: s.metrics,
    metadata: s.metadata,
    problem: s.problem ?? null,
  }));
  const holders: Record<string, string[]> = {};
  for (const [stage, held] of Object.entries(stages)) {
    const list = (Array.isArray(held) ? held : [held]).filter((v) => typeof v === "string");
    if (list.length) holders[stage] = list;
  }
  const rank = rankOf(registry, model, versions);
  let best: ModelData["best"] = null;
  let bestNote: string | null = null;
  try {
    const selection = selectAmong(registry, model, summaries, now ? { now } : {});
    const winner = selection.candidates.find((c) => c.version === selection.winner);
    best = selection.winner
      ? { version: selection.winner, value: winner?.value ?? winner?.score ?? null }
      : null;
    bestNote = best ? (selection.warnings[0] ?? null) : "no version meets the selection policy";
  } catch (e) {
    // A policy that cannot be applied (a misspelt path) is shown, not fatal to the whole report.
    bestNote = (e as Error).message;
  }
  return {
    name: model,
    versions,
    holders,
    rank,
    best,
    bestNote,
    history: log ? historyEntries(registry, log) : [],
    monitoring,
  };
}

/** The ranking of `select` as the charts use it: the metric charted first and which way is better. */
function rankOf(registry: Registry, model: string, versions: readonly VersionData[]): RankInfo {
  const rank = registry.config.selectFor(model)?.rank;
  if (rank?.metric) return { by: "metric", metric: rank.metric, goal: rank.goal ?? "min" };
  const counts = new Map<string, number>();
  for (const v of versions)
    for (const name of Object.keys(v.metrics)) counts.set(name, (counts.get(name) ?? 0) + 1);
  const common = [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]?.[0];
  const metric = common === undefined ? null : `metrics.${common}`;
  return {
    by: rank?.score ? "score" : "newest",
    metric,
    goal: metric ? goalOf(registry.config, model, metric) : "min",
  };
}

async function readMonitoring(registry: Registry, model: string): Promise<MonitoringData | null> {
  const accumulator = new MonitoringAccumulator(registry.config.monitorFor(model));
  // The most recent runs only, in a ring: months of runs stay in bounded memory.
  const recent: MonitoringLine[] = [];
  const read = await streamJsonl(registry.abs(monitoringFile(registry, model)), MonitoringLineSchema, (l) => {
    accumulator.add(l);
    recent.push(l);
    if (recent.length > 2 * MONITORING_POINTS) recent.splice(0, recent.length - MONITORING_POINTS);
  });
  if (read.records === 0 && read.issueCount === 0) return null;
  const status = accumulator.status();
  return {
    total: read.records,
    lines: recent.slice(-MONITORING_POINTS),
    status,
    recommendation: recommendationHeadline(status),
    issues: read.issueCount,
  };
}

/**
 * The repository's web address, for links to pull requests and commits: the Action's
 * GITHUB_SERVER_URL/GITHUB_REPOSITORY, else an https or ssh `origin` remote (any credentials in
 * it left out), else null (local remotes have no web page).
 */
async function repositoryWebUrl(registry: Registry, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (env.GITHUB_REPOSITORY && /^[\w.-]+\/[\w.-]+$/.test(env.GITHUB_REPOSITORY)) {
    return `${(env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "")}/${env.GITHUB_REPOSITORY}`;
  }
  const remote = await registry.git.run(["remote", "get-url", "--", "origin"], { allowFailure: true });
  if (remote.code !== 0) return null;
  return webUrlOfRemote(remote.stdout.toString("utf8").trim());
}

/** `https://host/owner/repo` of an https, ssh or scp-like remote URL; null for anything else. */
export function webUrlOfRemote(url: string): string | null {
  const match =
    /^(?:https?|ssh):\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url) ??
    /^[\w.-]+@([\w.-]+):([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  return match ? `https://${match[1]}/${match[2]}/${match[3]}` : null;
}
