import { GitModelError } from "../../domain/errors.js";
import { percentChange } from "../../domain/lineage.js";
import { compareText } from "../../domain/order.js";
import type { RankedCandidate } from "../../domain/selection.js";
import { currentStage, holdersOf } from "../../domain/stages.js";
import type { PullRequest, Scm } from "../../infra/github.js";
import type { Registry } from "../core/registry.js";
import { readMonitoringStatus } from "../monitoring/monitoring.js";
import { selectVersion } from "../selection/selection.js";
import { closePromotionPullRequest, type OpenedPullRequest, proposeStageChange } from "./pull-request.js";
import { loadModelStages, planPromotion } from "./stages.js";

/**
 * The Action's propose (DESIGN section 9): for each model with a `promote` policy, the best
 * candidate by its selection policy among the versions in the policy's `from` stage, and whether
 * it beats the holder of the `to` stage by `min_improvement_pct` on the ranking (the metric, or
 * the score). A qualifying candidate gets one pull request, opened or updated in place; when none
 * qualifies any longer, the open one is closed with the reason.
 */

export interface PromotionCandidate {
  model: string;
  stage: string;
  from: string;
  /** The best candidate, qualifying or not; null when no version is in `from` (or none is eligible). */
  version: string | null;
  /** The current holder of the stage. */
  current: string | null;
  /** The candidate's improvement on the holder by the ranking, in percent (better is positive). */
  improvementPct: number | null;
  qualifies: boolean;
  /** Why it qualifies, or why nothing does. */
  reasons: string[];
  /** What monitoring says, when the model has monitoring runs. */
  monitoring: string[];
}

export interface PromotionOutcome extends PromotionCandidate {
  pullRequest: (OpenedPullRequest & { closed?: false }) | { number: number; closed: true } | null;
}

const describe = (c: RankedCandidate | undefined) =>
  c?.value !== undefined ? String(c.value) : c?.score !== undefined ? `score ${c.score}` : "";

export async function promotionCandidate(
  registry: Registry,
  model: string,
): Promise<PromotionCandidate | null> {
  const policy = registry.config.promoteFor(model);
  if (!policy) return null;
  const { to, from, min_improvement_pct: margin } = policy;
  const [selection, stages, monitoring] = await Promise.all([
    selectVersion(registry, model),
    loadModelStages(registry, model),
    monitoringLines(registry, model),
  ]);
  const stageOf = (v: string) => currentStage(stages.state, v);
  const current = holdersOf(stages.state, to).at(-1) ?? null;
  const inFrom = (v: string) => (from === "any" ? stageOf(v) !== to : stageOf(v) === from);
  // Selection ranks every eligible version, best first: the first one in `from` is the candidate.
  const best = selection.candidates.find((c) => inFrom(c.version));
  const base = { model, stage: to, from, current, monitoring };
  if (!best) {
    const where = from === "any" ? `outside ${to}` : `in ${from}`;
    return {
      ...base,
      version: null,
      improvementPct: null,
      qualifies: false,
      reasons: [`no eligible version of ${model} is ${where}`],
    };
  }
  const holder = current === null ? undefined : selection.candidates.find((c) => c.version === current);
  const rank = selection.rank;
  let improvementPct: number | null = null;
  let qualifies: boolean;
  let reason: string;
  if (current === null) {
    qualifies = true;
    reason = `${to} is empty`;
  } else if (!holder) {
    qualifies = true;
    reason = `${model}@${current} in ${to} is not eligible by the selection policy any longer`;
  } else if (rank.by === "newest") {
    qualifies = registry.scheme(model).compare(best.version, current) > 0;
    reason = qualifies
      ? `${best.version} is newer than ${current} (no ranking configured: the newest complete version wins)`
      : `${best.version} is not newer than ${current}`;
  } else {
    const a = rank.by === "metric" ? holder.value : holder.score;
    const b = rank.by === "metric" ? best.value : best.score;
    const change = a === undefined || b === undefined ? null : percentChange(a, b);
    improvementPct = change === null ? null : rank.by === "metric" && rank.goal === "min" ? -change : change;
    const by = rank.by === "metric" ? rank.path : "the selection score";
    const beats = improvementPct !== null && improvementPct > 0 && improvementPct >= margin;
    qualifies = beats;
    reason =
      improvementPct === null
        ? `${by} of ${current} is 0 or missing: no improvement can be measured`
        : `${best.version} ${improvementPct > 0 ? "beats" : "does not beat"} ${current} on ${by} by ${improvementPct.toFixed(2)}% (${describe(best)} against ${describe(holder)}; at least ${margin}% needed)`;
  }
  return { ...base, version: best.version, improvementPct, qualifies, reasons: [reason] };
}

/** What monitoring recommends, as lines for the pull request; none without monitoring runs. */
async function monitoringLines(registry: Registry, model: string): Promise<string[]> {
  try {
    const report = await readMonitoringStatus(registry, model);
    if (report.lines === 0) return [];
    const { status } = report;
    const lines = [status.message];
    const c = status.challenger;
    if (c)
      lines.push(
        `challenger ${c.version} won ${c.wins} of its last ${c.runs} runs against ${status.champion ?? "the champion"}, ${c.streak} in a row`,
      );
    return lines;
  } catch (e) {
    if (e instanceof GitModelError) return [];
    throw e;
  }
}

/**
 * Opens or updates the pull request of every qualifying candidate, and closes the pull requests
 * whose candidate no longer qualifies. `models`: only these (default: every model with a policy).
 */
export async function proposePromotions(
  registry: Registry,
  scm: Scm,
  options: { models?: readonly string[]; base?: string; remote?: string } = {},
): Promise<PromotionOutcome[]> {
  const wanted = options.models?.length ? new Set(options.models) : null;
  const models = (await registry.models()).filter((m) => (wanted ? wanted.has(m) : true)).sort(compareText);
  const outcomes: PromotionOutcome[] = [];
  // Listed once for every model with nothing to propose (most of them, on most runs).
  let openPulls: Promise<PullRequest[]> | undefined;
  for (const model of models) {
    const candidate = await promotionCandidate(registry, model);
    if (!candidate) continue;
    if (candidate.qualifies && candidate.version) {
      try {
        const change = await planPromotion(registry, {
          ref: `${model}@${candidate.version}`,
          stage: candidate.stage,
          reason: candidate.reasons[0]!,
        });
        const opened = await proposeStageChange(registry, scm, change, {
          ...(options.base ? { base: options.base } : {}),
          ...(options.remote ? { remote: options.remote } : {}),
          monitoring: candidate.monitoring,
        });
        outcomes.push({ ...candidate, pullRequest: opened });
        continue;
      } catch (e) {
        // A move the stage rules refuse (the transition table) is a candidate that does not qualify.
        if (!(e instanceof GitModelError) || e.kind === "environment" || e.kind === "usage") throw e;
        candidate.qualifies = false;
        candidate.reasons.push(`the move is not allowed: ${e.message}`);
      }
    }
    const why = `No candidate qualifies for ${candidate.stage} any longer: ${candidate.reasons.join("; ")}. Closed by git-model.`;
    openPulls ??= scm.listOpenPullRequests();
    const closed = await closePromotionPullRequest(scm, model, candidate.stage, why, await openPulls);
    outcomes.push({ ...candidate, pullRequest: closed === null ? null : { number: closed, closed: true } });
  }
  return outcomes;
}
