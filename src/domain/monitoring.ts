import { type MonitorPolicy, MonitorPolicySchema } from "./config-schema.js";
import { invalid, usage } from "./errors.js";
import { lookupField } from "./fields.js";
import { chooseGoal, type Goal, type RankGoal } from "./goals.js";
import { type JsonlIssue, parseJsonl } from "./jsonl.js";
import type { Metadata } from "./schemas.js";
import * as z from "./zod.js";

/**
 * Monitoring (DESIGN section 7, seed 003): one line per monitoring run in
 * models/<name>/monitoring.jsonl, the drift of a version against its registered baseline, and the
 * champion/challenger status that `status` and the Action read. Pure: the caller supplies the
 * time, the metadata and the lines.
 */

export type { Goal, GoalChoice, GoalSource, RankGoal } from "./goals.js";
export { chooseGoal, configuredGoal, parseGoal } from "./goals.js";

const utcTimestamp = z.iso.datetime({
  offset: false,
  message: "must be an ISO 8601 UTC time like 2026-11-20T14:03:11Z",
});
const finiteNumber = z.number({ message: "must be a finite number" });
const nonEmpty = () => z.string().check(z.minLength(1));

/** One line of monitoring.jsonl. Loose, so projects may add fields of their own. */
export const MonitoringLineSchema = z.looseObject({
  at: utcTimestamp,
  version: z.described(nonEmpty(), "the monitored version (the champion)"),
  metric: z.described(nonEmpty(), "the observed metric, e.g. rmse"),
  goal: z.described(z.optional(z.enum(["min", "max"])), "min: a higher value is worse"),
  goal_source: z.described(
    z.optional(z.enum(["monitor", "rank", "flag", "assumed"])),
    "where the goal came from: monitor.goal, select.rank, --goal, or assumed (none said)",
  ),
  value: finiteNumber,
  baseline: z.looseObject({
    path: z.described(nonEmpty(), "dot path into the version's metadata.json, e.g. metrics.val_rmse"),
    value: finiteNumber,
  }),
  drift_pct: z.described(finiteNumber, "signed percent; positive means worse than the baseline"),
  challenger: z.optional(z.looseObject({ version: nonEmpty(), value: finiteNumber })),
  window: z.optional(
    z.looseObject({
      start: z.optional(z.string()),
      end: z.optional(z.string()),
      samples: z.optional(z.number().check(z.int(), z.positive())),
    }),
  ),
  winner: z.described(nonEmpty(), "the version that did better in this run"),
  recommendation: nonEmpty(),
});
export type MonitoringLine = z.output<typeof MonitoringLineSchema>;

export type RecommendationCode = "ok" | "plan-retraining" | "retrain-now" | "propose-promotion" | "no-data";

export type MonitorThresholds = Pick<
  MonitorPolicy,
  "drift_warn_pct" | "drift_retrain_pct" | "win_rate" | "win_streak" | "window"
>;

// The defaults come from the config schema, so .gitmodel.yaml and a repository without it agree.
const POLICY_DEFAULTS = MonitorPolicySchema.parse({ metric: "-", baseline: "-" });
export const DEFAULT_MONITOR_THRESHOLDS: MonitorThresholds = {
  drift_warn_pct: POLICY_DEFAULTS.drift_warn_pct,
  drift_retrain_pct: POLICY_DEFAULTS.drift_retrain_pct,
  win_rate: POLICY_DEFAULTS.win_rate,
  win_streak: POLICY_DEFAULTS.win_streak,
  window: POLICY_DEFAULTS.window,
};

/** A policy's thresholds, with the defaults where the policy (or its absence) says nothing. */
export function thresholdsOf(policy: Partial<MonitorThresholds> | undefined): MonitorThresholds {
  const pick = <K extends keyof MonitorThresholds>(key: K) =>
    policy?.[key] ?? DEFAULT_MONITOR_THRESHOLDS[key];
  return {
    drift_warn_pct: pick("drift_warn_pct"),
    drift_retrain_pct: pick("drift_retrain_pct"),
    win_rate: pick("win_rate"),
    win_streak: pick("win_streak"),
    window: pick("window"),
  };
}

// ---------------------------------------------------------------------------------------------
// Building a line
// ---------------------------------------------------------------------------------------------

export interface MonitoringInput {
  /** When the run happened (the caller's clock). */
  at: Date | string;
  version: string;
  /** The monitored version's metadata.json, where its baseline metric was registered. */
  metadata: Metadata;
  /** The model's `monitor:` policy, if .gitmodel.yaml has one. */
  policy: MonitorPolicy | undefined;
  /** The model's `select.rank`, whose goal applies when it ranks by the monitored metric. */
  rank?: RankGoal | undefined;
  /** `--goal`: decides only where the configuration says nothing (and must agree where it does). */
  goal?: Goal | undefined;
  value: number | string;
  /** `--metric NAME`: the observed metric; without a policy its baseline is metrics.NAME. */
  metric?: string;
  challenger?: { version: string; value: number | string };
  window?: { start?: string; end?: string; samples?: number | string };
  /** The earlier lines, accumulated: the line's recommendation is the status once it is added. */
  history?: MonitoringAccumulator;
}

/** Builds the monitoring.jsonl line of one run, or throws a GitModelError that says what to fix. */
export function buildMonitoringLine(input: MonitoringInput): MonitoringLine {
  const ref = `${input.metadata.name}@${input.version}`;
  if (input.metadata.version !== input.version) {
    throw invalid(`the metadata given for ${ref} is that of version ${input.metadata.version}`);
  }
  const at = utcSeconds(input.at);
  const value = finiteValue(input.value, "value", "--value");
  const { metric, baselinePath } = monitoredMetric(input.policy, input.metric);
  const choice = chooseGoal({
    model: input.metadata.name,
    metric,
    baselinePath,
    monitor: input.policy,
    rank: input.rank,
    flag: input.goal,
  });
  const goal = choice.goal;
  const baseline = baselineValue(input.metadata, baselinePath, ref);
  const challenger = input.challenger && checkedChallenger(input.challenger, input.version);
  const window = input.window && checkedWindow(input.window);

  const line: MonitoringLine = {
    at,
    version: input.version,
    metric,
    goal,
    goal_source: choice.source as NonNullable<MonitoringLine["goal_source"]>,
    value,
    baseline: { path: baselinePath, value: baseline },
    drift_pct: driftPct(value, baseline, goal),
    ...(challenger ? { challenger } : {}),
    ...(window ? { window } : {}),
    winner: challenger && isBetter(challenger.value, value, goal) ? challenger.version : input.version,
    recommendation: "ok",
  };
  const accumulator = input.history?.clone() ?? new MonitoringAccumulator(input.policy);
  line.recommendation = accumulator.add(line).status({ metric, champion: input.version }).code;
  return line;
}

/**
 * Percent drift of `value` from `baseline`, signed so that positive is worse whatever the goal:
 * an RMSE (min) that rises drifts up, an accuracy (max) that falls drifts up.
 */
export function driftPct(value: number, baseline: number, goal: Goal): number {
  const change = ((value - baseline) / Math.abs(baseline)) * 100;
  return round2(goal === "min" ? change : -change);
}

/** Rounds to 2 decimals, first dropping float noise (25.000000000000004 -> 25), symmetric around 0. */
export function round2(x: number): number {
  const hundredths = Math.round(Math.abs(Number((x * 100).toPrecision(12))));
  return hundredths === 0 ? 0 : (Math.sign(x) * hundredths) / 100;
}

const isBetter = (a: number, b: number, goal: Goal) => (goal === "min" ? a < b : a > b);

/** The metric a run observes and the metadata path of its baseline. */
export function monitoredMetric(
  policy: MonitorPolicy | undefined,
  metric: string | undefined,
): { metric: string; baselinePath: string } {
  const name = metric?.trim();
  if (metric !== undefined && !name)
    throw usage("the metric name is empty", { hint: "pass --metric NAME, e.g. --metric rmse" });
  if (name) {
    // The policy's baseline belongs to the policy's metric; another metric is compared with its
    // own registered value.
    const baselinePath = policy && policy.metric === name ? policy.baseline : `metrics.${name}`;
    return { metric: name, baselinePath };
  }
  if (policy) return { metric: policy.metric, baselinePath: policy.baseline };
  throw usage("no metric to monitor: the model has no monitor configuration and no --metric was given", {
    hint: "pass --metric NAME (compared with metrics.NAME), or add monitor: { metric, baseline } to .gitmodel.yaml",
  });
}

/** A line judged by another goal than the one it was written with: its drift and winner change. */
export function withGoal(line: MonitoringLine, goal: Goal): MonitoringLine {
  if ((line.goal ?? "min") === goal) return line;
  const challenger = line.challenger;
  return {
    ...line,
    goal,
    drift_pct: driftPct(line.value, line.baseline.value, goal),
    winner: challenger && isBetter(challenger.value, line.value, goal) ? challenger.version : line.version,
  };
}

function utcSeconds(at: Date | string): string {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime()))
    throw usage(`invalid time ${JSON.stringify(String(at))} for the monitoring run`);
  // Seconds are the precision of every other timestamp in the registry.
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A number from a flag or a caller: finite, or a usage error naming the flag. */
function finiteValue(raw: number | string, what: string, flag: string): number {
  const n = typeof raw === "number" ? raw : raw.trim() === "" ? Number.NaN : Number(raw);
  if (Number.isFinite(n)) return n;
  throw usage(`${what} must be a finite number, got ${JSON.stringify(String(raw))}`, {
    hint: `pass ${flag} as a plain number, e.g. ${flag} 0.0058`,
  });
}

function checkedChallenger(raw: { version: string; value: number | string }, champion: string) {
  const version = raw.version.trim();
  if (!version) throw usage("the challenger version is empty", { hint: "pass --challenger VERSION" });
  if (version === champion) {
    throw usage(`the challenger ${version} is the monitored version itself`, {
      hint: "pass --challenger with another registered version",
    });
  }
  return { version, value: finiteValue(raw.value, "challenger value", "--challenger-value") };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A window bound: a date or a date-time with its zone (a zone-less time would depend on the machine). */
function windowBound(raw: string, which: "start" | "end"): { text: string; ms: number } {
  const text = raw.trim();
  const datePart = DATE.test(text) ? text : DATE_TIME.exec(text)?.[1];
  const ms = Date.parse(text);
  // Date.parse accepts 2025-02-30 (as March 2nd): the calendar day must survive the round trip.
  const real =
    datePart !== undefined &&
    Number.isFinite(ms) &&
    new Date(Date.parse(datePart)).toISOString().startsWith(datePart);
  if (!real) {
    throw usage(`invalid window ${which} ${JSON.stringify(raw)}`, {
      hint: "use a date like 2025-11-18 or a UTC time like 2025-11-18T00:00:00Z",
    });
  }
  return { text, ms };
}

function checkedWindow(raw: { start?: string; end?: string; samples?: number | string }) {
  const start = raw.start === undefined ? undefined : windowBound(raw.start, "start");
  const end = raw.end === undefined ? undefined : windowBound(raw.end, "end");
  if (start && end && end.ms < start.ms) {
    throw usage(`the window ends (${end.text}) before it starts (${start.text})`, {
      hint: "swap --window-start and --window-end",
    });
  }
  let samples: number | undefined;
  if (raw.samples !== undefined) {
    samples = finiteValue(raw.samples, "samples", "--samples");
    if (!Number.isInteger(samples) || samples < 1) {
      throw usage(`samples must be a whole number of at least 1, got ${JSON.stringify(String(raw.samples))}`);
    }
  }
  if (!start && !end && samples === undefined) return undefined;
  return {
    ...(start ? { start: start.text } : {}),
    ...(end ? { end: end.text } : {}),
    ...(samples ? { samples } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Baseline lookup: dot paths into metadata.json (DESIGN section 6)
// ---------------------------------------------------------------------------------------------

/**
 * The value at a dot path, resolved exactly as selection resolves it (one implementation, in
 * fields.ts); also used on history.jsonl lines, which have the same shape where paths point.
 */
export const valueAtPath = (record: Readonly<Record<string, unknown>>, path: string): unknown =>
  lookupField(record as Metadata, path);

const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function baselineValue(metadata: Metadata, path: string, ref: string): number {
  const found = valueAtPath(metadata, path);
  if (typeof found === "number" && Number.isFinite(found)) {
    if (found === 0) {
      throw invalid(`${ref}'s baseline ${path} is 0, so a drift in percent is undefined`, {
        hint: "monitor against a baseline metric that is not zero",
      });
    }
    return found;
  }
  if (found !== undefined) {
    throw invalid(`${ref}'s ${path} is not a number (${JSON.stringify(found)})`, {
      hint: "the baseline must be a numeric field of metadata.json, e.g. metrics.val_rmse",
    });
  }
  const known = numericPaths(metadata, path);
  const has = known.length
    ? `it has: ${listed(known)}`
    : `it has no numeric ${path.includes(".") ? path.split(".")[0] : "metrics"}`;
  throw invalid(`${ref} has no ${path}; ${has}`, {
    hint: "point monitor.baseline in .gitmodel.yaml (or --metric) at a metric the version registered",
  });
}

/** The numeric fields a user could have meant: those beside the missing one (metrics by default). */
function numericPaths(metadata: Metadata, path: string): string[] {
  const head = path.includes(".") ? (path.split(".")[0] ?? "metrics") : "metrics";
  const parent = asRecord(valueAtPath(metadata, head)) ?? {};
  return Object.entries(parent)
    .filter(([, v]) => typeof v === "number")
    .map(([k]) => `${head}.${k}`);
}

const listed = (items: string[], max = 10) =>
  items.length > max
    ? `${items.slice(0, max).join(", ")}, ... (${items.length - max} more)`
    : items.join(", ");

// ---------------------------------------------------------------------------------------------
// Status: the recommendation of DESIGN section 7, by the thresholds
// ---------------------------------------------------------------------------------------------

export interface ChallengerStats {
  version: string;
  /** Wins in the last `window` runs where it challenged the champion. */
  wins: number;
  runs: number;
  rate: number;
  /** Wins in a row, ending at its latest run. */
  streak: number;
  qualifies: boolean;
}

export interface MonitoringStatus {
  code: RecommendationCode;
  /** One line a person reads, e.g. "propose promotion of 1.3.0: ...". */
  message: string;
  metric: string | null;
  champion: string | null;
  /** Runs of this champion on this metric. */
  runs: number;
  latest: {
    at: string;
    value: number;
    baseline: { path: string; value: number };
    drift_pct: number;
    /** The goal the run is judged by, and where the line's own goal came from. */
    goal: Goal;
    goal_source: MonitoringLine["goal_source"] | null;
  } | null;
  drift_level: "ok" | "warn" | "retrain";
  /** The challenger proposed, or else the most recent one. */
  challenger: ChallengerStats | null;
  thresholds: MonitorThresholds;
}

export interface StatusOptions {
  /** The metric to judge; default: the policy's, else that of the latest line. */
  metric?: string;
  /** The champion to judge (e.g. the production holder); default: the latest line's version. */
  champion?: string;
}

interface PairState {
  /** Won-or-not of the challenger's last `window` runs against this champion, oldest first. */
  outcomes: boolean[];
  wins: number;
  streak: number;
  /** The champion's run number of the challenger's latest run. */
  lastRun: number;
}

interface ChampionState {
  runs: number;
  latest: NonNullable<MonitoringStatus["latest"]>;
  challengers: Map<string, PairState>;
}

/** The goal to judge a metric's lines by, or undefined to judge them as written. */
export type GoalOverride = (metric: string, baselinePath: string) => Goal | undefined;

/**
 * The status over a stream of lines, in memory bounded by the registry (metrics x versions x
 * recent challengers x window), never by the length of the file: feed 100,000 lines one by one.
 */
export class MonitoringAccumulator {
  readonly thresholds: MonitorThresholds;
  private readonly champions = new Map<string, ChampionState>();
  /** metric -> the version of its latest line; and the metric of the very latest line. */
  private readonly latestVersion = new Map<string, string>();
  private latestMetric: string | undefined;
  private metricHint: string | undefined;
  private count = 0;
  private readonly goalOf: GoalOverride | undefined;

  /**
   * `goalOf` gives the goal to judge a metric by when it is known (configured or --goal): lines
   * written with another goal are judged by it, so `status` and `monitor` agree with the config.
   */
  constructor(policy?: Partial<MonitorThresholds> & { metric?: string }, goalOf?: GoalOverride) {
    this.thresholds = thresholdsOf(policy);
    this.metricHint = policy?.metric;
    this.goalOf = goalOf;
  }

  /** Lines fed so far. */
  get lines(): number {
    return this.count;
  }

  add(written: MonitoringLine): this {
    const goal = this.goalOf?.(written.metric, written.baseline.path);
    const line = goal ? withGoal(written, goal) : written;
    this.count++;
    this.latestMetric = line.metric;
    this.latestVersion.set(line.metric, line.version);
    const key = championKey(line.metric, line.version);
    const champion = this.champions.get(key) ?? { runs: 0, latest: latestOf(line), challengers: new Map() };
    champion.runs++;
    champion.latest = latestOf(line);
    if (line.challenger && line.challenger.version !== line.version) {
      recordChallenge(
        champion,
        line.challenger.version,
        line.winner === line.challenger.version,
        this.thresholds.window,
      );
    }
    forgetStaleChallengers(champion, this.thresholds.window);
    this.champions.set(key, champion);
    return this;
  }

  status(options: StatusOptions = {}): MonitoringStatus {
    const metric = options.metric ?? this.metricHint ?? this.latestMetric;
    const version = options.champion ?? (metric === undefined ? undefined : this.latestVersion.get(metric));
    const state =
      metric !== undefined && version !== undefined
        ? this.champions.get(championKey(metric, version))
        : undefined;
    if (!state || metric === undefined || version === undefined) {
      return noData(metric, version, this.thresholds);
    }
    return judge(metric, version, state, this.thresholds);
  }

  /** An independent copy (the state is small), e.g. to ask "what if this line were added". */
  clone(): MonitoringAccumulator {
    const copy = new MonitoringAccumulator(
      {
        ...this.thresholds,
        ...(this.metricHint ? { metric: this.metricHint } : {}),
      },
      this.goalOf,
    );
    copy.latestMetric = this.latestMetric;
    for (const [metric, version] of this.latestVersion) copy.latestVersion.set(metric, version);
    copy.count = this.count;
    for (const [key, s] of this.champions) {
      const challengers = new Map(
        [...s.challengers].map(([v, p]) => [v, { ...p, outcomes: [...p.outcomes] }]),
      );
      copy.champions.set(key, { runs: s.runs, latest: s.latest, challengers });
    }
    return copy;
  }
}

/** The status of a whole history at once (the batch form of MonitoringAccumulator). */
export function monitoringStatus(
  lines: Iterable<MonitoringLine>,
  policy?: Partial<MonitorThresholds> & { metric?: string },
  options?: StatusOptions,
): MonitoringStatus {
  const accumulator = new MonitoringAccumulator(policy);
  for (const line of lines) accumulator.add(line);
  return accumulator.status(options);
}

/** The status from monitoring.jsonl's text: a torn or bad line is an issue, the rest still count. */
export function monitoringStatusFromJsonl(
  text: string,
  policy?: Partial<MonitorThresholds> & { metric?: string },
  options?: StatusOptions,
): { status: MonitoringStatus; issues: JsonlIssue[] } {
  const { records, issues } = parseJsonl(text, MonitoringLineSchema);
  return {
    status: monitoringStatus(
      records.map((r) => r.value),
      policy,
      options,
    ),
    issues,
  };
}

const championKey = (metric: string, version: string) => `${metric}\u0000${version}`;

const latestOf = (line: MonitoringLine): ChampionState["latest"] => ({
  at: line.at,
  value: line.value,
  baseline: { path: line.baseline.path, value: line.baseline.value },
  drift_pct: line.drift_pct,
  goal: line.goal ?? "min",
  goal_source: line.goal_source ?? null,
});

function recordChallenge(champion: ChampionState, version: string, won: boolean, window: number): void {
  const pair = champion.challengers.get(version) ?? { outcomes: [], wins: 0, streak: 0, lastRun: 0 };
  pair.outcomes.push(won);
  if (won) pair.wins++;
  if (pair.outcomes.length > window && pair.outcomes.shift()) pair.wins--;
  // The streak is counted apart from the window so that a win_streak above window still works.
  pair.streak = won ? pair.streak + 1 : 0;
  pair.lastRun = champion.runs;
  champion.challengers.set(version, pair);
}

/** A challenger that has not run in the champion's last `window` runs is old evidence: dropped. */
function forgetStaleChallengers(champion: ChampionState, window: number): void {
  for (const [version, pair] of champion.challengers) {
    if (champion.runs - pair.lastRun >= window) champion.challengers.delete(version);
  }
}

function statsOf(version: string, pair: PairState, t: MonitorThresholds): ChallengerStats {
  const runs = pair.outcomes.length;
  const rate = runs ? pair.wins / runs : 0;
  const qualifies = rate >= t.win_rate && pair.streak >= t.win_streak;
  return { version, wins: pair.wins, runs, rate, streak: pair.streak, qualifies };
}

/** The challenger to report: the strongest qualifying one, else the one that ran most recently. */
function pickChallenger(state: ChampionState, t: MonitorThresholds): ChallengerStats | null {
  const all = [...state.challengers].map(([v, p]) => ({ stats: statsOf(v, p, t), lastRun: p.lastRun }));
  const strongest = all
    .filter((c) => c.stats.qualifies)
    .sort(
      (a, b) => b.stats.rate - a.stats.rate || b.stats.streak - a.stats.streak || b.lastRun - a.lastRun,
    )[0];
  if (strongest) return strongest.stats;
  return all.sort((a, b) => b.lastRun - a.lastRun)[0]?.stats ?? null;
}

export function driftLevel(drift: number, t: MonitorThresholds): MonitoringStatus["drift_level"] {
  if (drift > t.drift_retrain_pct) return "retrain";
  if (drift >= t.drift_warn_pct) return "warn";
  return "ok";
}

function judge(
  metric: string,
  version: string,
  state: ChampionState,
  t: MonitorThresholds,
): MonitoringStatus {
  const drift = state.latest.drift_pct;
  const level = driftLevel(drift, t);
  const challenger = pickChallenger(state, t);
  const of = `${metric} of ${version}`;
  const against = `its baseline ${state.latest.baseline.path}`;
  let code: RecommendationCode;
  let message: string;
  // Retraining wins over a promotion: seed 003 switches models only while drift stays under the
  // retrain threshold. A promotion wins over "plan retraining": the challenger is the remedy.
  if (level === "retrain") {
    code = "retrain-now";
    message = `retrain now: ${of} drifted ${fmtPct(drift)} from ${against} (retrain over ${t.drift_retrain_pct}%)`;
  } else if (challenger?.qualifies) {
    code = "propose-promotion";
    message =
      `propose promotion of ${challenger.version}: it beat ${version} on ${metric} in ${challenger.wins} of its last ` +
      `${challenger.runs} runs (${fmtRate(challenger.rate)}), the last ${challenger.streak} in a row`;
  } else if (level === "warn") {
    code = "plan-retraining";
    message = `plan retraining: ${of} drifted ${fmtPct(drift)} from ${against} (warn at ${t.drift_warn_pct}%, retrain over ${t.drift_retrain_pct}%)`;
  } else {
    code = "ok";
    message = `ok: ${of} is ${fmtPct(drift)} from ${against} (warn at ${t.drift_warn_pct}%)`;
  }
  return {
    code,
    message,
    metric,
    champion: version,
    runs: state.runs,
    latest: state.latest,
    drift_level: level,
    challenger,
    thresholds: t,
  };
}

function noData(
  metric: string | undefined,
  version: string | undefined,
  t: MonitorThresholds,
): MonitoringStatus {
  const what = [metric && `metric ${metric}`, version && `version ${version}`].filter(Boolean).join(" and ");
  return {
    code: "no-data",
    message: `no monitoring runs yet${what ? ` for ${what}` : ""}`,
    metric: metric ?? null,
    champion: version ?? null,
    runs: 0,
    latest: null,
    drift_level: "ok",
    challenger: null,
    thresholds: t,
  };
}

const fmtPct = (p: number) => `${p > 0 ? "+" : ""}${p}%`;
const fmtRate = (r: number) => `${round2(r * 100)}%`;
