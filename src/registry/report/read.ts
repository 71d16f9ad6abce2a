import { statSync } from "node:fs";
import { basename } from "node:path";
import { parseJsonl } from "../../domain/jsonl.js";
import { MonitoringAccumulator, type MonitoringLine, MonitoringLineSchema } from "../../domain/monitoring.js";
import { compareText } from "../../domain/order.js";
import { streamJsonl } from "../core/jsonl-stream.js";
import type { Registry } from "../core/registry.js";
import { monitoringFile, recommendationHeadline } from "../monitoring/monitoring.js";
import { goalOf } from "../monitoring/trends.js";
import { selectWinner } from "../selection/selection.js";
import { type HistoryEntry, historyEntries, versionsFromTags } from "../stages/history.js";
import { walkPositions } from "../stages/stage-index.js";
import { emptyStageLog, readStageLogs } from "../stages/stage-log.js";
import { readModelTags, walkOf } from "../stages/stage-log-command.js";
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
 * stages.json, monitoring.jsonl, as `list MODEL` reads them) and, for every model's history at
 * once, one log of the stages.json files, one `for-each-ref` and one `rev-list` (readHistories):
 * never a git process per model or version.
 */

export interface ReadReportOptions {
  now?: Date;
  /** Where pull requests and commits link; default from GITHUB_SERVER_URL/GITHUB_REPOSITORY or the origin remote. */
  repositoryUrl?: string | null;
  env?: NodeJS.ProcessEnv;
}

/** What the whole site shows: the title, the stages, the models (as registry.models() lists them). */
export async function readFacts(
  registry: Registry,
  models: readonly string[],
  options: ReadReportOptions = {},
): Promise<ReportFacts> {
  const repositoryUrl =
    options.repositoryUrl !== undefined
      ? options.repositoryUrl
      : await repositoryWebUrl(registry, options.env ?? process.env);
  return {
    generatedAt: (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z"),
    title: basename(registry.top),
    repositoryUrl,
    root: registry.root,
    stages: registry.config.stages,
    initialStage: registry.config.initialStage,
    displacedTo: registry.config.displacedTo ?? null,
    models: [...models],
  };
}

/**
 * Every model's registrations, deletions and stage moves (git model history), the way `history`
 * reads one model's, for all of them at once: the stage moves from one `git log` of every
 * model's stages.json alone (a log of the whole root diffs every registration commit, whose
 * artifacts are most of its 7 MB at 10,000 versions), the registrations and deletions from one
 * `for-each-ref` of the models' registration tags (versionsFromTags), and one `rev-list` that
 * places both in the branch's order, as the log of the root did (the walk `history` keeps).
 */
export async function readHistories(
  registry: Registry,
  models: readonly string[],
): Promise<Map<string, HistoryEntry[]>> {
  if (models.length === 0) return new Map();
  // The walk `history` keeps in .git/git-model: nothing runs when HEAD has not moved since.
  const walk = walkOf(registry.git, "HEAD");
  const tags = readModelTags(
    registry.git.top,
    models.map((m) => `refs/tags/${m}@*`),
  );
  const [logs, events, walked] = await Promise.all([
    readStageLogs(registry, "all", "HEAD", { stagesOnly: true }),
    versionsFromTags(registry, models, "HEAD", tags),
    walk,
  ]);
  const wanted = new Set<string>();
  for (const log of logs.values()) for (const s of log.snapshots) wanted.add(s.commit);
  for (const e of events.values()) for (const v of [...e.registrations, ...e.deletions]) wanted.add(v.commit);
  const positions = walked.code === 0 ? walkPositions(walked.stdout, wanted) : new Map<string, number>();
  const position = (commit: string) => positions.get(commit);
  // A model whose stages.json never changed has no log: its registrations and deletions only.
  const none = emptyStageLog("", "");
  return new Map(
    models.map((m) => [
      m,
      historyEntries(registry, logs.get(m) ?? none, new Map(), undefined, {
        events: events.get(m)!,
        position,
      }),
    ]),
  );
}

/** One model: its versions' metadata, stages, selection and monitoring (its history comes from readHistories). */
export async function readModel(registry: Registry, model: string, now?: Date): Promise<ModelData> {
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
    const { winner, warnings } = selectWinner(registry, model, summaries, now ? { now } : {});
    best = winner ? { version: winner.version, value: winner.value ?? winner.score ?? null } : null;
    bestNote = best ? (warnings[0] ?? null) : "no version meets the selection policy";
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

/** Files up to this size are read whole; longer ones (months of runs) are streamed. */
const READ_WHOLE_BYTES = 1024 * 1024;

async function readMonitoring(registry: Registry, model: string): Promise<MonitoringData | null> {
  const path = registry.abs(monitoringFile(registry, model));
  const size = statSize(path);
  if (size === null) return null;
  const accumulator = new MonitoringAccumulator(registry.config.monitorFor(model));
  // The most recent runs only, in a ring: months of runs stay in bounded memory.
  const recent: MonitoringLine[] = [];
  const take = (l: MonitoringLine) => {
    accumulator.add(l);
    recent.push(l);
    if (recent.length > 2 * MONITORING_POINTS) recent.splice(0, recent.length - MONITORING_POINTS);
  };
  let records: number;
  let issues: number;
  if (size <= READ_WHOLE_BYTES) {
    // A plain read, as the registry's other small files: 100 streamed files cost a tenth of the report.
    // Through the registry's reader: a monitoring.jsonl that is a link is refused, not followed.
    const read = parseJsonl(registry.readText(monitoringFile(registry, model)) ?? "", MonitoringLineSchema);
    for (const { value } of read.records) take(value);
    records = read.records.length;
    issues = read.issues.length;
  } else {
    const read = await streamJsonl(path, MonitoringLineSchema, take);
    records = read.records;
    issues = read.issueCount;
  }
  if (records === 0 && issues === 0) return null;
  const status = accumulator.status();
  return {
    total: records,
    lines: recent.slice(-MONITORING_POINTS),
    status,
    recommendation: recommendationHeadline(status),
    issues,
  };
}

function statSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
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
