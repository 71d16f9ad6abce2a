import type { ScoreTerm, SelectPolicy } from "./config-schema.js";
import { usage } from "./errors.js";
import {
  describeExistingFields,
  type FieldDefaults,
  fieldExists,
  resolveField,
  samePath,
  unknownPathError,
} from "./fields.js";
import {
  type Filter,
  failedFilters,
  formatFilter,
  isNumeric,
  parseRequirement,
  parseWhere,
  requireFilters,
} from "./filters.js";
import type { Metadata } from "./schemas.js";
import type { VersionScheme } from "./versions.js";

/**
 * Selection (DESIGN section 6): which version of a model fits a policy best, and why. Pure: the
 * caller reads the metadata, decides which artifacts are missing and passes the clock.
 */

export interface Candidate {
  version: string;
  metadata: Metadata;
  /** Artifact paths that are not present (neither file nor LFS pointer); any makes the version ineligible. */
  missing: readonly string[];
}

export interface SelectOptions {
  scheme: VersionScheme;
  now: Date;
  /** `--require k=v` flags: each replaces the policy's requirement on the same field. */
  require?: readonly string[];
  /** `--where EXPR` flags: added to the policy's `where`. */
  where?: readonly string[];
  /** `--fallback k=v` flags: when nothing matches, retry once with these requirements replacing theirs. */
  fallback?: readonly string[];
}

/** How the candidates were ordered. */
export type RankDescription =
  | { by: "newest" }
  | { by: "metric"; path: string; goal: "min" | "max" }
  | { by: "score"; terms: string[] };

/** One term of a score: the raw value read (null when the field is missing) and the points it gave. */
export interface TermPoints {
  term: string;
  value: number | null;
  points: number;
}

export interface RankedCandidate {
  version: string;
  /** The ranking metric's value (rank by metric). */
  value?: number;
  /** The summed score (rank by score), with the points of each term. */
  score?: number;
  breakdown?: TermPoints[];
}

export interface Rejection {
  version: string;
  reasons: string[];
}

export interface FallbackUse {
  /** The requirements the retry used, as `k=v`. */
  applied: string[];
  /** The requirements they replaced. */
  replaced: string[];
  /** Why every version was rejected before the fallback. */
  firstAttemptRejected: Rejection[];
}

/** Plain data, so `--json` prints it as it is. */
export interface SelectionResult {
  winner: string | null;
  rank: RankDescription;
  /** Eligible versions, best first. */
  candidates: RankedCandidate[];
  /** Ineligible versions, newest first, each with every reason. */
  rejected: Rejection[];
  fallbackUsed: FallbackUse | null;
  /** Things that explain a surprising result, e.g. a required field that no version has. */
  warnings: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

export function select(
  candidates: readonly Candidate[],
  policy: SelectPolicy | undefined,
  options: SelectOptions,
): SelectionResult {
  const all = candidates.map((c) => c.metadata);
  const defaults: FieldDefaults = policy?.defaults ?? {};
  const filters = policyFilters(policy, options);
  const ranking = compileRanking(policy?.rank, all, defaults);
  const warnings = filters
    .filter((f) => !fieldExists(all, f.path, defaults))
    .map((f) => `no version has ${f.path} (${f.origin}); ${describeExistingFields(f.path, all)}`);

  const context: AttemptContext = { candidates, defaults, ranking, options };
  const first = attempt(filters, context);
  const fallback = (options.fallback ?? []).map((text) => parseRequirement(text, "--fallback"));
  if (first.winner !== null || fallback.length === 0) return { ...first, fallbackUsed: null, warnings };

  const retryFilters = replaceFilters(filters, fallback);
  const retry = attempt(retryFilters, context);
  const replaced = filters.filter((f) => !retryFilters.includes(f)).map(formatFilter);
  return {
    ...retry,
    fallbackUsed: { applied: fallback.map(formatFilter), replaced, firstAttemptRejected: first.rejected },
    warnings,
  };
}

/** The policy's require and where, with `--require` flags replacing the policy's entry on the same field. */
function policyFilters(policy: SelectPolicy | undefined, options: SelectOptions): Filter[] {
  const flagged = (options.require ?? []).map((text) => parseRequirement(text, "--require"));
  const configured = requireFilters(policy?.require ?? {}, "select.require");
  const where = [
    ...(policy?.where ?? []).map((text) => parseWhere(text, "select.where")),
    ...(options.where ?? []).map((text) => parseWhere(text)),
  ];
  return [...replaceFilters(configured, flagged), ...where];
}

/**
 * `filters` with every filter on a field that `replacements` name replaced, in place so reasons
 * keep the policy's order; replacements for fields the filters do not name come last.
 */
function replaceFilters(filters: readonly Filter[], replacements: readonly Filter[]): Filter[] {
  const placed = new Set<Filter>();
  const result: Filter[] = [];
  for (const filter of filters) {
    const replacement = replacements.find((r) => samePath(r.path, filter.path));
    if (!replacement) result.push(filter);
    else if (!placed.has(replacement)) result.push(replacement);
    if (replacement) placed.add(replacement);
  }
  return [...result, ...replacements.filter((r) => !placed.has(r))];
}

interface AttemptContext {
  candidates: readonly Candidate[];
  defaults: FieldDefaults;
  ranking: Ranking;
  options: SelectOptions;
}

type Attempt = Pick<SelectionResult, "winner" | "rank" | "candidates" | "rejected">;

function attempt(
  filters: readonly Filter[],
  { candidates, defaults, ranking, options }: AttemptContext,
): Attempt {
  const { scheme, now } = options;
  const ranked: RankedCandidate[] = [];
  const rejected: Rejection[] = [];
  for (const candidate of candidates) {
    const reasons = [
      ...candidate.missing.map((path) => `missing file ${path}`),
      ...failedFilters(filters, candidate.metadata, defaults),
    ];
    if (reasons.length > 0) {
      rejected.push({ version: candidate.version, reasons });
      continue;
    }
    const scored = ranking.evaluate(candidate, now);
    if ("reason" in scored) rejected.push({ version: candidate.version, reasons: [scored.reason] });
    else ranked.push(scored);
  }
  const newestFirst = (a: { version: string }, b: { version: string }) =>
    scheme.compare(b.version, a.version);
  // Ties go to the higher version (DESIGN section 6).
  ranked.sort((a, b) => ranking.compare(a, b) || newestFirst(a, b));
  rejected.sort(newestFirst);
  return { winner: ranked[0]?.version ?? null, rank: ranking.description, candidates: ranked, rejected };
}

interface Ranking {
  description: RankDescription;
  /** The candidate's ranking values, or why it cannot be ranked. */
  evaluate(candidate: Candidate, now: Date): RankedCandidate | { reason: string };
  /** Negative when `a` ranks better. */
  compare(a: RankedCandidate, b: RankedCandidate): number;
}

type Rank = NonNullable<SelectPolicy["rank"]>;

function compileRanking(rank: Rank | undefined, all: readonly Metadata[], defaults: FieldDefaults): Ranking {
  if (!rank) return NEWEST;
  if (rank.score) return scoreRanking(rank.score, all, defaults);
  if (rank.metric) return metricRanking(rank.metric, rank.goal, all, defaults);
  return NEWEST;
}

/** Without a rank, the newest complete version wins: only the tie-break on version orders them. */
const NEWEST: Ranking = {
  description: { by: "newest" },
  evaluate: (candidate) => ({ version: candidate.version }),
  compare: () => 0,
};

function metricRanking(
  path: string,
  goal: "min" | "max" | undefined,
  all: readonly Metadata[],
  defaults: FieldDefaults,
): Ranking {
  if (!goal) {
    throw usage(`select.rank.metric ${path} needs a goal: min or max`, {
      hint: "add goal: min (errors, losses) or goal: max (accuracy, returns) next to metric",
    });
  }
  assertPathExists(path, "select.rank.metric", all, defaults);
  const sign = goal === "max" ? -1 : 1;
  return {
    description: { by: "metric", path, goal },
    evaluate(candidate) {
      const value = numberAt(candidate, path, "select.rank.metric", defaults);
      return value === undefined
        ? { reason: `${path} is missing, needed to rank` }
        : { version: candidate.version, value };
    },
    compare: (a, b) => sign * ((a.value ?? 0) - (b.value ?? 0)),
  };
}

function scoreRanking(
  terms: readonly ScoreTerm[],
  all: readonly Metadata[],
  defaults: FieldDefaults,
): Ranking {
  for (const term of terms) {
    const path = termPath(term);
    if (path !== undefined) assertPathExists(path, `select.rank.score (${termLabel(term)})`, all, defaults);
  }
  return {
    description: { by: "score", terms: terms.map(termLabel) },
    evaluate(candidate, now) {
      const breakdown: TermPoints[] = [];
      for (const term of terms) {
        const points = termPoints(term, candidate, defaults, now);
        if ("reason" in points) return points;
        breakdown.push(points);
      }
      const score = withoutFloatNoise(breakdown.reduce((sum, t) => sum + t.points, 0));
      return { version: candidate.version, score, breakdown };
    },
    compare: (a, b) => (b.score ?? 0) - (a.score ?? 0),
  };
}

const termPath = (term: ScoreTerm): string | undefined =>
  "count" in term
    ? term.count
    : "recency" in term
      ? term.recency
      : "metric" in term
        ? term.metric
        : undefined;

function termLabel(term: ScoreTerm): string {
  const weight = term.weight === 1 ? "" : ` x${term.weight}`;
  if ("count" in term) return `count ${term.count}${weight}`;
  if ("recency" in term) return `recency ${term.recency} (${term.horizon_days} days)${weight}`;
  if ("metric" in term) return `metric ${term.metric}${weight}`;
  return `version${weight}`;
}

/** DESIGN section 6: count = weight per list element; recency = max(0, horizon - age in days); version = major*100 + minor. */
function termPoints(
  term: ScoreTerm,
  candidate: Candidate,
  defaults: FieldDefaults,
  now: Date,
): TermPoints | { reason: string } {
  const label = termLabel(term);
  const scored = (value: number | null, raw: number): TermPoints => ({
    term: label,
    value,
    points: withoutFloatNoise(term.weight * raw),
  });
  if ("count" in term) {
    // A missing list counts as empty: old versions are still eligible, just not preferred (seed 001).
    const count = listLengthAt(candidate, term.count, label, defaults);
    return scored(count ?? null, count ?? 0);
  }
  if ("recency" in term) {
    const age = ageInDays(candidate, term.recency, label, defaults, now);
    return scored(age ?? null, age === undefined ? 0 : Math.max(0, term.horizon_days - age));
  }
  if ("metric" in term) {
    const value = numberAt(candidate, term.metric, label, defaults);
    return value === undefined
      ? { reason: `${term.metric} is missing, needed to rank` }
      : scored(value, value);
  }
  const number = versionNumber(candidate.version);
  return scored(number, number);
}

/** major*100 + minor from the numeric parts of the version (1.2 -> 102, 1.3.0 -> 103). */
export function versionNumber(version: string): number {
  const [major = 0, minor = 0] = (version.match(/\d+/g) ?? []).map(Number);
  return major * 100 + minor;
}

function assertPathExists(
  path: string,
  usedIn: string,
  all: readonly Metadata[],
  defaults: FieldDefaults,
): void {
  if (all.length > 0 && !fieldExists(all, path, defaults)) throw unknownPathError(path, usedIn, all);
}

function notA(kind: string, candidate: Candidate, path: string, usedIn: string, value: unknown) {
  return usage(
    `${usedIn}: ${path} of version ${candidate.version} is ${JSON.stringify(value)}, not ${kind}`,
    {
      hint: `fix the policy's path, or that version's ${path}`,
    },
  );
}

/**
 * The value at `path` as `kind`, read by `read` (null: not such a value): undefined when the
 * version has no value there, a usage error naming the version when it has another kind.
 */
function valueAt<T>(
  candidate: Candidate,
  path: string,
  usedIn: string,
  defaults: FieldDefaults,
  kind: string,
  read: (value: unknown) => T | null,
): T | undefined {
  const field = resolveField(candidate.metadata, path, defaults);
  if (field === undefined) return undefined;
  const value = read(field.value);
  if (value === null) throw notA(kind, candidate, path, usedIn, field.value);
  return value;
}

const numberAt = (candidate: Candidate, path: string, usedIn: string, defaults: FieldDefaults) =>
  valueAt(candidate, path, usedIn, defaults, "a number", (v) => (isNumeric(v) ? Number(v) : null));

const listLengthAt = (candidate: Candidate, path: string, usedIn: string, defaults: FieldDefaults) =>
  valueAt(candidate, path, usedIn, defaults, "a list", (v) => (Array.isArray(v) ? v.length : null));

/** Whole days since the date at `path` (as Python's timedelta.days); a date in the future is 0 days old. */
function ageInDays(
  candidate: Candidate,
  path: string,
  usedIn: string,
  defaults: FieldDefaults,
  now: Date,
): number | undefined {
  const time = valueAt(candidate, path, usedIn, defaults, "an ISO 8601 date", (v) => {
    const parsed = typeof v === "string" && ISO_DATE.test(v) ? parseUtc(v) : Number.NaN;
    return Number.isNaN(parsed) ? null : parsed;
  });
  return time === undefined ? undefined : Math.max(0, Math.floor((now.getTime() - time) / DAY_MS));
}

/** A date-time without an offset (seed 001's `2025-12-04T12:00:00`) is UTC, not the machine's zone. */
function parseUtc(text: string): number {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  return Date.parse(text.includes("T") && !hasZone ? `${text}Z` : text);
}

/** Sums of weighted terms pick up float noise (0.1 + 0.2); ties must still be ties. */
const withoutFloatNoise = (x: number) => Number(x.toPrecision(15));
