import type { MonitoringLine, MonitoringStatus } from "../../domain/monitoring.js";
import type { StageDefinition } from "../../domain/registry-config.js";
import type { Metadata } from "../../domain/schemas.js";

/**
 * What the report shows, read from the registry (read.ts) and rendered by pure functions
 * (site.ts). Plain data: a test or another renderer can build it by hand. The site's facts come
 * first; then one model at a time is read, rendered, written and let go, so memory is bounded by
 * the largest model, not by the registry; the overview keeps a summary of each.
 */

export interface ReportFacts {
  /** ISO time the report was built. */
  generatedAt: string;
  /** The repository's folder name, the site's title. */
  title: string;
  /** https://github.com/owner/repo when known: pull requests and commits link there. */
  repositoryUrl: string | null;
  root: string;
  stages: StageDefinition[];
  initialStage: string;
  displacedTo: string | null;
  /** Model names, sorted. */
  models: string[];
}

export interface VersionData {
  version: string;
  stage: string;
  created_at: string | null;
  size: number;
  metrics: Record<string, number>;
  /** The whole metadata.json; null when it cannot be read (then `problem` says why). */
  metadata: Metadata | null;
  problem: string | null;
}

export interface RankInfo {
  /** How versions are ranked: a metric path, a score, or the newest without a policy. */
  by: "metric" | "score" | "newest";
  /** The metric charted first: the ranking metric, else the metric most versions record. */
  metric: string | null;
  goal: "min" | "max";
}

export interface MonitoringData {
  /** Lines read (all of them count; `lines` holds at most the last MONITORING_POINTS). */
  total: number;
  lines: MonitoringLine[];
  status: MonitoringStatus;
  recommendation: string;
  /** Skipped lines (torn or invalid). */
  issues: number;
}

export interface ModelData {
  name: string;
  /** Oldest first, by the model's version scheme. */
  versions: VersionData[];
  /** stage -> its holders, for stages that have any. */
  holders: Record<string, string[]>;
  rank: RankInfo;
  /** The version selection picks (git model select), with its ranking value where there is one. */
  best: { version: string; value: number | null } | null;
  /** Why there is no best version, or what selection warned about. */
  bestNote: string | null;
  monitoring: MonitoringData | null;
}

/** What the overview shows of a model. */
export interface ModelSummary {
  name: string;
  versions: number;
  holders: Record<string, string[]>;
  /** stage -> when it last got a new holder. */
  holderSince: Record<string, string | null>;
  latest: { version: string; created_at: string | null } | null;
  best: ModelData["best"];
  bestNote: string | null;
  rank: RankInfo;
  /** The best version's value of the ranking metric, when ranked by one. */
  bestValue: number | null;
  monitoring: { code: string; recommendation: string; at: string | null } | null;
  /** The charted metric over versions, oldest first, for the overview's sparkline. */
  trend: (number | null)[];
  lastChange: string | null;
}

/** Monitoring runs kept for the drift chart: the most recent ones. */
export const MONITORING_POINTS = 2000;
