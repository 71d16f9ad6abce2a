import { environment, usage } from "../../domain/errors.js";
import {
  type PromotionProposal,
  promotionBody,
  promotionBranch,
  promotionTitle,
} from "../../domain/promotion.js";
import { trendMermaid } from "../../domain/trends.js";
import {
  apiUrlFrom,
  createOctokit,
  GitHubScm,
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
  action: "created" | "updated";
}

export const PROMOTION_LABEL = "git-model:promotion";

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

  const commit = await git.commitTree(
    head,
    [{ path: request.stagesPath, content: request.stagesText }],
    request.commitMessage,
  );
  // The branch is the bot's own: it is rewritten in place whenever the candidate changes.
  const pushed = await git.push(remote, [`${commit}:refs/heads/${branch}`], { force: true });
  if (!pushed.ok) {
    throw environment(`could not push ${branch} to ${remote}: ${pushed.message}`, {
      hint: pushed.hint ?? `check that you can push to ${remote}`,
    });
  }

  const title = promotionTitle(proposal);
  const body = promotionBody(proposal);
  const existing = await scm.findOpenPullRequest(branch);
  const pr = existing
    ? await scm.updatePullRequest(existing.number, { title, body })
    : await scm.createPullRequest({ title, body, head: branch, base });
  await scm.addLabels(pr.number, [PROMOTION_LABEL, ...(request.labels ?? [])]);
  if (!existing) await scm.requestReviewers(pr.number, request.reviewers ?? [], request.teamReviewers ?? []);
  return { number: pr.number, url: pr.url, branch, action: existing ? "updated" : "created" };
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
  options: { remote?: string; base?: string; reasons?: readonly string[] } = {},
): Promise<OpenedPullRequest> {
  const { model, plan } = change;
  const currentVersion = plan.displaced?.version ?? null;
  const [candidate, current] = await Promise.all([
    registry.readMetadata(model, plan.version),
    currentVersion ? registry.readMetadata(model, currentVersion) : null,
  ]);
  const policy = registry.config.promoteFor(model);
  const rankMetric = registry.config.selectFor(model)?.rank?.metric;
  const chart = rankMetric
    ? await metricTrendFor(registry, model, rankMetric)
        .then((report) => trendMermaid(report.trend, { title: `${model}: ${rankMetric}` }))
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
