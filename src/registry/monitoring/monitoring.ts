import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { conflict } from "../../domain/errors.js";
import { type JsonlIssue, jsonlLine } from "../../domain/jsonl.js";
import {
  buildMonitoringLine,
  chooseGoal,
  configuredGoal,
  type Goal,
  type GoalChoice,
  type GoalOverride,
  MonitoringAccumulator,
  type MonitoringInput,
  type MonitoringLine,
  MonitoringLineSchema,
  type MonitoringStatus,
  monitoredMetric,
  type StatusOptions,
} from "../../domain/monitoring.js";
import { assertModelName } from "../../domain/names.js";
import { parseVersion } from "../../domain/versions.js";
import { streamJsonl } from "../core/jsonl-stream.js";
import type { Registry, ResolvedVersion } from "../core/registry.js";
import { inTransaction, writeOperation } from "../core/transaction.js";

/**
 * `monitor` and `status` (DESIGN section 7, issue 5) over models/<name>/monitoring.jsonl: the
 * domain (src/domain/monitoring.ts) builds and judges the lines; this module finds the versions,
 * streams the file and appends to it in a commit.
 */

export interface MonitorRun {
  /** The monitored version (the champion); must be registered. */
  version: string;
  value: number | string;
  /** The observed metric; default the model's `monitor.metric`. */
  metric?: string;
  /** A registered version run on the same window. */
  challenger?: { version: string; value: number | string };
  window?: { start?: string; end?: string; samples?: number | string };
  /** `--goal`: which way is better, where the configuration does not say. */
  goal?: Goal;
}

export interface RecordOptions {
  /** Commit the line (default true); false leaves it appended but uncommitted. */
  commit?: boolean;
  now?: () => Date;
}

export interface RecordResult {
  model: string;
  /** Repository-relative path of monitoring.jsonl. */
  file: string;
  line: MonitoringLine;
  /** Which way is better for the metric, and where that came from (`assumed` when nothing said). */
  goal: GoalChoice;
  /** The status once the line is added; `line.recommendation` is its code. */
  status: MonitoringStatus;
  /** "retrain now", "plan retraining", "propose promotion of 1.3.0", "ok". */
  recommendation: string;
  commit: string | null;
  /** Runs recorded earlier without a commit that this commit took along. */
  included: number;
  /** Lines of the file that were skipped (torn or invalid). */
  issues: JsonlIssue[];
}

export interface StatusReport {
  model: string;
  file: string;
  status: MonitoringStatus;
  /** The direction the judged metric was judged by (null without data). */
  goal: GoalChoice | null;
  recommendation: string;
  /** Valid lines read. */
  lines: number;
  /** Skipped lines (the first 100), e.g. a torn last line; `issueCount` counts them all. */
  issues: JsonlIssue[];
  issueCount: number;
}

export const monitoringFile = (registry: Registry, model: string) =>
  `${registry.modelFolder(model)}/monitoring.jsonl`;

/** The recommendation in the words of DESIGN section 7. */
export function recommendationHeadline(status: MonitoringStatus): string {
  switch (status.code) {
    case "retrain-now":
      return "retrain now";
    case "plan-retraining":
      return "plan retraining";
    case "propose-promotion":
      return `propose promotion of ${status.challenger?.version ?? "the challenger"}`;
    case "ok":
      return "ok";
    case "no-data":
      return "no data";
  }
}

/**
 * Records one monitoring run: checks every input, appends one line (fsync'd) and commits it,
 * or with `commit: false` leaves it uncommitted. On any error nothing is appended or committed.
 */
export async function recordMonitoring(
  registry: Registry,
  model: string,
  run: MonitorRun,
  options: RecordOptions = {},
): Promise<RecordResult> {
  const name = assertModelName(model);
  // The line's recommendation depends on the lines before it: read and append under one lock.
  return writeOperation(registry.git, `monitor ${name}`, () => record(registry, name, run, options));
}

async function record(
  registry: Registry,
  name: string,
  run: MonitorRun,
  options: RecordOptions,
): Promise<RecordResult> {
  const champion = await registeredVersion(registry, name, run.version);
  const challenger = run.challenger && {
    version: (await registeredVersion(registry, name, run.challenger.version)).version,
    value: run.challenger.value,
  };
  const policy = registry.config.monitorFor(name);
  const rank = registry.config.selectFor(name)?.rank;
  const file = monitoringFile(registry, name);
  // Checked before any reading: a --goal that contradicts the configuration is a usage error.
  const observed = monitoredMetric(policy, run.metric);
  const goal = chooseGoal({ model: name, ...observed, monitor: policy, rank, flag: run.goal });

  // The line's recommendation is the status after it, so the earlier lines are read first,
  // judged by the same goal when it is known.
  const history = new MonitoringAccumulator(policy, goalOverride(registry, name, observed.metric, run.goal));
  const read = await streamJsonl(registry.abs(file), MonitoringLineSchema, (l) => history.add(l));
  const input: MonitoringInput = {
    at: (options.now ?? (() => new Date()))(),
    version: champion.version,
    metadata: champion.metadata,
    policy,
    value: run.value,
    history,
    rank,
    goal: run.goal,
    ...(run.metric !== undefined ? { metric: run.metric } : {}),
    ...(challenger ? { challenger } : {}),
    ...(run.window ? { window: run.window } : {}),
  };
  const line = buildMonitoringLine(input);
  const status = history.add(line).status({ metric: line.metric, champion: line.version });
  const recommendation = recommendationHeadline(status);

  const commit = options.commit !== false;
  const written = await inTransaction(registry.git, async (tx) => {
    const included = commit ? await uncommittedRuns(registry, file) : 0;
    await tx.appendLine(file, jsonlLine(line));
    if (!commit) return { commit: null, included };
    return { commit: await tx.commit(commitMessage(name, line, recommendation, included)), included };
  });
  return { model: name, file, line, goal, status, recommendation, ...written, issues: read.issues };
}

/**
 * The goal lines of a metric are judged by: the configured one, or `flag` for the metric it was
 * given for; otherwise undefined, and a line keeps the goal it was written with.
 */
function goalOverride(
  registry: Registry,
  model: string,
  flaggedMetric: string | undefined,
  flag: Goal | undefined,
): GoalOverride {
  const monitor = registry.config.monitorFor(model);
  const rank = registry.config.selectFor(model)?.rank;
  return (metric, baselinePath) =>
    configuredGoal({ model, metric, baselinePath, monitor, rank })?.goal ??
    (flag && (flaggedMetric === undefined || metric === flaggedMetric) ? flag : undefined);
}

/** The status of a model's monitoring history, streamed line by line in bounded memory. */
export async function readMonitoringStatus(
  registry: Registry,
  model: string,
  options: StatusOptions & { goal?: Goal } = {},
): Promise<StatusReport> {
  const name = await registry.assertModelExists(model);
  const file = monitoringFile(registry, name);
  const accumulator = new MonitoringAccumulator(
    registry.config.monitorFor(name),
    goalOverride(registry, name, options.metric, options.goal),
  );
  const read = await streamJsonl(registry.abs(file), MonitoringLineSchema, (l) => accumulator.add(l));
  // A version given with a leading v or in another spelling means the one the lines record.
  const champion = options.champion && parseVersion(registry.scheme(name), options.champion);
  const status = accumulator.status({
    ...(options.metric ? { metric: options.metric } : {}),
    ...(champion ? { champion } : {}),
  });
  return {
    model: name,
    file,
    status,
    goal: judgedGoal(registry, name, status, options.goal),
    recommendation: recommendationHeadline(status),
    lines: read.records,
    issues: read.issues,
    issueCount: read.issueCount,
  };
}

/** The goal `status` judged by: configured, else --goal, else as the latest line was written. */
function judgedGoal(
  registry: Registry,
  model: string,
  status: MonitoringStatus,
  flag: Goal | undefined,
): GoalChoice | null {
  if (!status.latest || !status.metric) return null;
  const question = {
    model,
    metric: status.metric,
    baselinePath: status.latest.baseline.path,
    monitor: registry.config.monitorFor(model),
    rank: registry.config.selectFor(model)?.rank,
  };
  if (configuredGoal(question) || flag) return chooseGoal({ ...question, flag });
  const source = status.latest.goal_source;
  return { goal: status.latest.goal, source: !source || source === "assumed" ? "assumed" : "recorded" };
}

async function registeredVersion(
  registry: Registry,
  model: string,
  version: string,
): Promise<ResolvedVersion> {
  return registry.resolve({ model, kind: "version", version, text: `${model}@${version}` });
}

function commitMessage(
  model: string,
  line: MonitoringLine,
  recommendation: string,
  included: number,
): string {
  const versus = line.challenger ? ` vs ${line.challenger.version}` : "";
  const subject = `monitor ${model}@${line.version}${versus}: drift ${line.drift_pct}% (${recommendation})`;
  const body = included
    ? `\n\nAlso commits ${included} earlier run${included > 1 ? "s" : ""} recorded with --no-commit.`
    : "";
  const trailers = [
    `Model: ${model}`,
    `Version: ${line.version}`,
    ...(line.challenger ? [`Challenger: ${line.challenger.version}`] : []),
  ];
  return `${subject}${body}\n\n${trailers.join("\n")}\n`;
}

/**
 * Runs appended since the file's last commit (with --no-commit): the commit takes them along, as
 * long as they are appends of valid lines. An edit of committed lines, or a torn line (which
 * would be committed glued to history), is the user's to sort out, so nothing is written.
 */
async function uncommittedRuns(registry: Registry, file: string): Promise<number> {
  const abs = registry.abs(file);
  const size = (await stat(abs).catch(() => null))?.size ?? 0;
  const committed = (await registry.git.batchCheck([`HEAD:${file}`])).get(`HEAD:${file}`) ?? null;
  const committedSize = committed?.size ?? 0;
  let firstLine = 1;
  if (committed) {
    const prefix = size >= committedSize ? await blobIdOfPrefix(abs, committedSize, committed.oid) : null;
    if (prefix?.oid !== committed.oid) {
      throw conflict(`${file} was changed since its last commit, not only appended to (it is append-only)`, {
        hint: `restore the committed lines (git diff ${file} shows the change), or pass --no-commit`,
      });
    }
    firstLine = prefix.newlines + 1;
  }
  if (size === committedSize) return 0;
  const tail = await streamJsonl(abs, MonitoringLineSchema, () => {}, {
    start: committedSize,
    firstLine,
    maxIssues: 1,
  });
  const bad = tail.issues[0];
  if (bad) {
    throw conflict(`${file}:${bad.line} is not committed and not a valid monitoring line: ${bad.message}`, {
      hint: "remove or complete that line, then run the command again",
    });
  }
  return tail.records;
}

/** The git blob id of the file's first `length` bytes (and their newlines), streamed. */
async function blobIdOfPrefix(
  path: string,
  length: number,
  like: string,
): Promise<{ oid: string; newlines: number }> {
  // The object format shows in the committed oid's length: sha1 (40) or sha256 (64).
  const hash = createHash(like.length === 64 ? "sha256" : "sha1").update(`blob ${length}\0`);
  let newlines = 0;
  if (length > 0) {
    for await (const chunk of createReadStream(path, { start: 0, end: length - 1 })) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) newlines++;
    }
  }
  return { oid: hash.digest("hex"), newlines };
}
