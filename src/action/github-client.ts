import { getOctokit } from "@actions/github";
import { usage } from "../domain/errors.js";
import {
  apiUrlFrom,
  GitHubScm,
  octokitOptions,
  octokitPlugins,
  repositoryOf,
  type Scm,
} from "../infra/github.js";

/**
 * The Action's GitHub client: @actions/github's Octokit (which honours the runner's proxy
 * settings) with the same retry and throttling plugins and options as the CLI's, behind the
 * same Scm the CLI's `promote --pr` uses.
 */
export function actionScm(env: NodeJS.ProcessEnv, token: string): Scm {
  if (!token)
    throw usage("the token input is empty", {
      hint: "leave the token input out (github.token is its default) or pass an app token",
    });
  const { owner, repo } = repositoryOf(env, null);
  const octokit = getOctokit(token, octokitOptions(apiUrlFrom(env), env), ...octokitPlugins);
  return new GitHubScm(octokit, owner, repo);
}
