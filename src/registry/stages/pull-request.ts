import { unifiedDiff } from "../../domain/diff.js";
import { environment, usage } from "../../domain/errors.js";
import {
  type PromotionProposal,
  parsePromotionMarker,
  promotionBody,
  promotionBranch,
  promotionTitle,
} from "../../domain/promotion.js";
import { trendMermaid } from "../../domain/trends.js";
import type { Git } from "../../infra/git.js";
import {
  apiUrlFrom,
  createOctokit,
  GitHubScm,
  type PullRequest,
  repositoryOf,
  type Scm,
  tokenFrom,
} from "../../infra/github.js";
import type { Registry } from "../core/registry.js";
import { metricTrendFor } from "../monitoring/trends.js";
import type { StageChange } from "./stages.js";

/**
 * A stage change proposed as a pull request instead of a commit on the current branch: the
 * change is committed on `git-model/promote/<model>-<stage>` (built in a private index, so the
 * work tree and the current branch are untouched), force-pushed, and one pull request is
 * opened or updated in place. `promote --pr` and the Action's propose mode both come here.
 */

export interface StageChangeRequest {
  proposal: PromotionProposal;
  /** Repository-relative path of stages.json and its new content. */
  stagesPath: string;
  stagesText: string;
  commitMessage: string;
  labels?: readonly string[];
  reviewers?: readonly string[];
  teamReviewers?: readonly string[];
}

export interface OpenedPullRequest {
  number: number;
  url: string;
  branch: string;
  /** "unchanged": the pull request already proposed exactly this, and nothing was written. */
  action: "created" | "updated" | "unchanged";
}

export const PROMOTION_LABEL = "git-model:promotion";

/**
 * The bot's open pull request for a model's stage: the one whose hidden marker names them, else
 * the one on the promotion branch (a marker a person edited away).
 */
export function findPromotionPullRequest(
  pulls: readonly PullRequest[],
  model: string,
  stage: string,
): PullRequest | null {
  const byMarker = pulls.find((p) => {
    const marker = parsePromotionMarker(p.body);
    return marker?.model === model && marker.stage === stage;
  });
  return byMarker ?? pulls.find((p) => p.head === promotionBranch(model, stage)) ?? null;
}

/** The remote's tip of `branch`, fetched (null when the remote has no such branch). */
async function remoteTip(git: Git, remote: string, branch: string): Promise<string | null> {
  const tracking = `refs/git-model/remote-tips/${branch}`;
  const fetched = await git.run(
    ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remote, `+refs/heads/${branch}:${tracking}`],
    { allowFailure: true },
  );
  if (fetched.code !== 0) return null;
  return git.commitOf(tracking);
}

/** Whether two commits have the same tree, parents and message (they differ in their dates only). */
async function sameCommitButDates(git: Git, a: string, b: string): Promise<boolean> {
  const objects = await git.catFile([a, b]);
  const essence = (oid: string) => {
    const text = objects.get(oid)?.content.toString("utf8") ?? "";
    const blank = text.indexOf("\n\n");
    const headers = text
      .slice(0, blank)
      .split("\n")
      .filter((l) => l.startsWith("tree ") || l.startsWith("parent "));
    return `${headers.join("\n")}\n\n${text.slice(blank + 2)}`;
  };
  return objects.get(a) !== null && essence(a) === essence(b);
}

export async function openStageChangePullRequest(
  registry: Registry,
  scm: Scm,
  request: StageChangeRequest,
  options: { remote?: string; base?: string } = {},
): Promise<OpenedPullRequest> {
  const git = registry.git;
  const remote = options.remote ?? "origin";
  const head = await git.commitOf("HEAD");
  if (!head) throw usage("--pr needs a commit to branch from; this repository has none yet");
  const base = options.base ?? (await git.currentBranch()) ?? (await scm.defaultBranch());
  const { proposal } = request;
  const branch = promotionBranch(proposal.model, proposal.stage);

  const [tip, commit] = await Promise.all([
    remoteTip(git, remote, branch),
    git.commitTree(head, [{ path: request.stagesPath, content: request.stagesText }], request.commitMessage),
  ]);
  // The branch is the bot's own: rewritten in place when the candidate or its base changes, but
  // only over the tip read here (a push in between makes this run fail, not lose that push).
  const unchangedBranch = tip !== null && (await sameCommitButDates(git, tip, commit));
  if (!unchangedBranch) {
    const pushed = await git.push(remote, [`${commit}:refs/heads/${branch}`], {
      forceWithLease: { ref: `refs/heads/${branch}`, expected: tip },
    });
    if (!pushed.ok) {
      throw environment(`could not push ${branch} to ${remote}: ${pushed.message}`, {
        hint: pushed.remoteMovedOn
          ? `${branch} changed on ${remote} meanwhile; run again`
          : (pushed.hint ?? `check that you can push to ${remote}`),
      });
    }
  }

  const title = promotionTitle(proposal);
  const body = promotionBody(proposal);
  const existing = findPromotionPullRequest(await scm.listOpenPullRequests(), proposal.model, proposal.stage);
  if (existing && unchangedBranch && existing.title === title && existing.body === body)
    return { number: existing.number, url: existing.url, branch, action: "unchanged" };
  const pr = existing
    ? await scm.updatePullRequest(existing.number, { title, body })
    : await scm.createPullRequest({ title, body, head: branch, base });
  await scm.addLabels(pr.number, [PROMOTION_LABEL, ...(request.labels ?? [])]);
  if (!existing) await scm.requestReviewers(pr.number, request.reviewers ?? [], request.teamReviewers ?? []);
  return { number: pr.number, url: pr.url, branch, action: existing ? "updated" : "created" };
}

/** Closes the bot's open pull request for a model's stage, if there is one, saying why; returns its number. */
export async function closePromotionPullRequest(
  scm: Scm,
  model: string,
  stage: string,
  why: string,
  /** The open pull requests, when the caller listed them already. */
  pulls?: readonly PullRequest[],
): Promise<number | null> {
  const existing = findPromotionPullRequest(pulls ?? (await scm.listOpenPullRequests()), model, stage);
  if (!existing) return null;
  await scm.closePullRequest(existing.number, why);
  return existing.number;
}

/** The Scm for the CLI: token from GITHUB_TOKEN/GH_TOKEN, API from GITHUB_API_URL, repository from the remote. */
export async function scmFromEnvironment(
  registry: Registry,
  env: NodeJS.ProcessEnv,
  remote = "origin",
): Promise<Scm> {
  const token = tokenFrom(env);
  const url = await registry.git.run(["remote", "get-url", "--", remote], { allowFailure: true });
  if (url.code !== 0)
    throw usage(`--pr needs a remote named ${remote}`, { hint: "add one with git remote add" });
  const { owner, repo } = repositoryOf(env, url.stdout.toString("utf8").trim());
  return new GitHubScm(createOctokit(token, apiUrlFrom(env)), owner, repo);
}

/**
 * Opens (or updates) the pull request for a planned stage change: the candidate against the
 * current holder of the stage, the reason, and the ranking metric's trend as a chart.
 */
export async function proposeStageChange(
  registry: Registry,
  scm: Scm,
  change: StageChange,
  options: {
    remote?: string;
    base?: string;
    reasons?: readonly string[];
    monitoring?: readonly string[];
  } = {},
): Promise<OpenedPullRequest> {
  const { model, plan } = change;
  const currentVersion = plan.displaced?.version ?? null;
  const [candidate, current] = await Promise.all([
    registry.readMetadata(model, plan.version),
    currentVersion ? registry.readMetadata(model, currentVersion) : null,
  ]);
  const policy = registry.config.promoteFor(model);
  const rankMetric = registry.config.selectFor(model)?.rank?.metric;
  // The last 60 registrations: a line a reviewer can follow, and a bounded body at any size.
  const chart = rankMetric
    ? await metricTrendFor(registry, model, rankMetric)
        .then((report) =>
          trendMermaid(
            { ...report.trend, points: report.trend.points.slice(-60) },
            { title: `${model}: ${rankMetric}` },
          ),
        )
        .catch(() => undefined)
    : undefined;
  const proposal: PromotionProposal = {
    model,
    stage: plan.to,
    from: plan.from,
    candidate: { version: plan.version, metadata: candidate },
    current: currentVersion && current ? { version: currentVersion, metadata: current } : null,
    displaced: plan.displaced ? { version: plan.displaced.version, to: plan.displaced.to } : null,
    reasons: [...(change.record.reason ? [change.record.reason] : []), ...(options.reasons ?? [])],
    ...(chart ? { chart } : {}),
    ...(options.monitoring?.length ? { monitoring: options.monitoring } : {}),
    stagesDiff: unifiedDiff(change.file, change.before, change.after),
  };
  return openStageChangePullRequest(
    registry,
    scm,
    {
      proposal,
      stagesPath: change.file,
      stagesText: change.after,
      commitMessage: change.message,
      labels: policy?.labels ?? [],
      reviewers: policy?.reviewers ?? [],
      teamReviewers: policy?.team_reviewers ?? [],
    },
    options,
  );
}
