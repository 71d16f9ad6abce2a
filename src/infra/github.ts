import { Octokit } from "@octokit/core";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { environment, usage } from "../domain/errors.js";

/**
 * The seam between the registry and GitHub (release-please's `Scm` idea): the registry asks
 * for pull requests through this interface, the CLI (`promote --pr`) and the Action build it
 * from a token. Retries 5xx and rate limits; the token never appears in messages.
 */

export interface PullRequest {
  number: number;
  url: string;
  head: string;
  base: string;
  title: string;
  body: string;
}

export interface PullRequestInput {
  title: string;
  body: string;
  head: string;
  base: string;
}

export interface Scm {
  readonly owner: string;
  readonly repo: string;
  defaultBranch(): Promise<string>;
  /** The open pull requests of this repository (the first 1,000), for the bot to find its own by their markers. */
  listOpenPullRequests(): Promise<PullRequest[]>;
  createPullRequest(input: PullRequestInput): Promise<PullRequest>;
  updatePullRequest(number: number, input: { title: string; body: string }): Promise<PullRequest>;
  closePullRequest(number: number, comment: string): Promise<void>;
  addLabels(number: number, labels: readonly string[]): Promise<void>;
  requestReviewers(
    number: number,
    reviewers: readonly string[],
    teamReviewers: readonly string[],
  ): Promise<void>;
  /**
   * One GraphQL query (one per 100 refs): the repository's node id and the object each of these
   * refs (full names) points at, null for a ref the repository does not have.
   */
  refTargets(refs: readonly string[]): Promise<RefTargets>;
  /** Creates an annotated tag object (no ref): the id of the object GitHub made. */
  createTagObject(input: TagObjectInput): Promise<string>;
  /**
   * Moves refs in one GraphQL `updateRefs` (all or nothing: when one is refused, none moves).
   * Throws on any refusal or failure; the caller reads the refs again to tell a race.
   */
  updateRefs(repositoryId: string, updates: readonly RefUpdate[]): Promise<void>;
}

export interface RefTargets {
  repositoryId: string;
  /** Each asked ref's object id, null when it does not exist. */
  targets: Map<string, string | null>;
}

export interface TagObjectInput {
  tag: string;
  /** Byte for byte as the tag object holds it, its trailing newline included. */
  message: string;
  object: string;
  type: "commit" | "tree" | "blob" | "tag";
  /** `date` in ISO 8601 with the tagger's offset. */
  tagger: { name: string; email: string; date: string };
}

/** GraphQL's RefUpdate: `beforeOid` all zeros: the ref must not exist yet. */
export interface RefUpdate {
  name: string;
  afterOid: string;
  beforeOid: string;
  force?: boolean;
}

/** How many refs one GraphQL query asks for. */
const REFS_PER_QUERY = 100;

/** The part of Octokit the Scm uses, so the Action can hand in @actions/github's client. */
export interface OctokitLike {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ data: unknown }>;
}

interface PullData {
  number: number;
  html_url: string;
  title: string;
  body: string | null;
  head: { ref: string };
  base: { ref: string };
}

const toPullRequest = (d: PullData): PullRequest => ({
  number: d.number,
  url: d.html_url,
  title: d.title,
  body: d.body ?? "",
  head: d.head.ref,
  base: d.base.ref,
});

export class GitHubScm implements Scm {
  constructor(
    private readonly octokit: OctokitLike,
    readonly owner: string,
    readonly repo: string,
  ) {}

  private async call<T>(route: string, parameters: Record<string, unknown> = {}): Promise<T> {
    try {
      const { data } = await this.octokit.request(route, {
        ...(route.includes("{owner}") ? { owner: this.owner, repo: this.repo } : {}),
        ...parameters,
      });
      return data as T;
    } catch (e) {
      const status = (e as { status?: number }).status;
      // The first line only, and never a URL's query or credentials: Octokit's messages are the
      // API's, but a proxy or a network error may quote the request.
      const message = String((e as Error).message ?? e)
        .split("\n")[0]!
        .replace(/(https?:\/\/)[^/@\s]*@/g, "$1")
        .replace(/([?&][^=\s]*(?:token|key|secret|auth)[^=\s]*=)[^&\s]+/gi, "$1***");
      const auth = status === 401 || status === 403;
      throw environment(
        `GitHub API ${routeName(route, this.owner, this.repo)} failed${status ? ` (${status})` : ""}: ${message}`,
        {
          hint: auth
            ? "check that the token may write contents and pull requests of this repository"
            : undefined,
        },
      );
    }
  }

  async defaultBranch(): Promise<string> {
    return (await this.call<{ default_branch: string }>("GET /repos/{owner}/{repo}")).default_branch;
  }

  async listOpenPullRequests(): Promise<PullRequest[]> {
    const all: PullRequest[] = [];
    for (let page = 1; page <= 10; page++) {
      const pulls = await this.call<PullData[]>("GET /repos/{owner}/{repo}/pulls", {
        state: "open",
        per_page: 100,
        page,
      });
      all.push(...pulls.map(toPullRequest));
      if (pulls.length < 100) break;
    }
    return all;
  }

  async createPullRequest(input: PullRequestInput): Promise<PullRequest> {
    return toPullRequest(await this.call<PullData>("POST /repos/{owner}/{repo}/pulls", { ...input }));
  }

  async updatePullRequest(number: number, input: { title: string; body: string }): Promise<PullRequest> {
    return toPullRequest(
      await this.call<PullData>("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
        pull_number: number,
        ...input,
      }),
    );
  }

  async closePullRequest(number: number, comment: string): Promise<void> {
    await this.call("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      issue_number: number,
      body: comment,
    });
    await this.call("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
      pull_number: number,
      state: "closed",
    });
  }

  async addLabels(number: number, labels: readonly string[]): Promise<void> {
    if (labels.length)
      await this.call("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
        issue_number: number,
        labels,
      });
  }

  async requestReviewers(
    number: number,
    reviewers: readonly string[],
    teamReviewers: readonly string[],
  ): Promise<void> {
    if (reviewers.length === 0 && teamReviewers.length === 0) return;
    await this.call("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", {
      pull_number: number,
      reviewers,
      team_reviewers: teamReviewers,
    });
  }

  /**
   * A GraphQL request; its `errors` (GitHub answers them with status 200) as a failure. No retry:
   * the one caller (register's tags) falls back to a git push when the API fails.
   */
  private async graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    // GitHub Enterprise Server's REST API is at /api/v3, its GraphQL at /api/graphql (as
    // @octokit/graphql reads it).
    const base = (this.octokit.request as { endpoint?: { DEFAULTS?: { baseUrl?: string } } }).endpoint
      ?.DEFAULTS?.baseUrl;
    const graphqlBase =
      base && /\/api\/v3\/?$/.test(base) ? base.replace(/\/api\/v3\/?$/, "/api") : undefined;
    const answer = await this.call<{ data?: T; errors?: { message?: string; type?: string }[] }>(
      "POST /graphql",
      { query, variables, request: { retries: 0 }, ...(graphqlBase ? { baseUrl: graphqlBase } : {}) },
    );
    const error = answer.errors?.[0];
    if (error || !answer.data) {
      throw environment(
        `GitHub API POST /graphql failed: ${error ? `${error.type ? `${error.type}: ` : ""}${String(error.message ?? "").split("\n")[0]}` : "no data"}`,
      );
    }
    return answer.data;
  }

  async refTargets(refs: readonly string[]): Promise<RefTargets> {
    const targets = new Map<string, string | null>();
    let repositoryId = "";
    // At least one query, for the repository's id.
    for (let start = 0; start === 0 || start < refs.length; start += REFS_PER_QUERY) {
      const chunk = refs.slice(start, start + REFS_PER_QUERY);
      const query = `query($owner: String!, $name: String!${chunk.map((_, i) => `, $r${i}: String!`).join("")}) {
  repository(owner: $owner, name: $name) {
    id${chunk.map((_, i) => `\n    r${i}: ref(qualifiedName: $r${i}) { target { oid } }`).join("")}
  }
}`;
      const data = await this.graphql<{ repository: Record<string, unknown> | null }>(query, {
        owner: this.owner,
        name: this.repo,
        ...Object.fromEntries(chunk.map((ref, i) => [`r${i}`, ref])),
      });
      const repository = data.repository;
      if (!repository || typeof repository.id !== "string")
        throw environment(`GitHub API: no repository ${this.owner}/${this.repo}`);
      repositoryId = repository.id;
      chunk.forEach((ref, i) => {
        const oid = (repository[`r${i}`] as { target?: { oid?: unknown } } | null)?.target?.oid;
        targets.set(ref, typeof oid === "string" ? oid : null);
      });
    }
    return { repositoryId, targets };
  }

  async createTagObject(input: TagObjectInput): Promise<string> {
    const data = await this.call<{ sha?: unknown }>("POST /repos/{owner}/{repo}/git/tags", {
      ...input,
      request: { retries: 0 },
    });
    if (typeof data.sha !== "string") throw environment("GitHub API POST git/tags answered no sha");
    return data.sha;
  }

  async updateRefs(repositoryId: string, updates: readonly RefUpdate[]): Promise<void> {
    await this.graphql(
      `mutation($input: UpdateRefsInput!) {
  updateRefs(input: $input) { clientMutationId }
}`,
      { input: { repositoryId, refUpdates: updates } },
    );
  }
}

/** `POST /repos/o/r/git/tags` for a message: the route with its owner and repository. */
function routeName(route: string, owner: string, repo: string): string {
  const [method, path] = route.split(" ");
  return `${method} ${path?.replace("{owner}/{repo}", `${owner}/${repo}`)}`;
}

/**
 * Octokit's options for both faces: retries of 5xx, waits on (secondary) rate limits up to three
 * times, and no logging (Octokit's warnings would print request details).
 */
export function octokitOptions(apiUrl: string, env: NodeJS.ProcessEnv = process.env) {
  // The wait before retry n is n² times this (1 s, 4 s, 9 s); GIT_MODEL_API_RETRY_BASE_MS shortens
  // it (tests, or a CI that would rather fail fast).
  const base = Number(env.GIT_MODEL_API_RETRY_BASE_MS);
  const retryAfterBaseValue =
    Number.isFinite(base) && base >= 0 && env.GIT_MODEL_API_RETRY_BASE_MS ? base : 1000;
  return {
    baseUrl: apiUrl.replace(/\/+$/, ""),
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    throttle: {
      retryAfterBaseValue,
      onRateLimit: (_after: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryCount < 3,
      onSecondaryRateLimit: (_after: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryCount < 3,
    },
    retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 451], retryAfterBaseValue },
  };
}

export const octokitPlugins = [retry, throttling] as const;

const RetryingOctokit = Octokit.plugin(...octokitPlugins);

/** An Octokit with retries of 5xx and of (secondary) rate limits, for the CLI's path. */
export function createOctokit(token: string, apiUrl: string): OctokitLike {
  return new RetryingOctokit({ auth: token, userAgent: "git-model", ...octokitOptions(apiUrl) });
}

/** owner/repo from GITHUB_REPOSITORY, else from a GitHub remote URL. */
export function repositoryOf(
  env: NodeJS.ProcessEnv,
  remoteUrl: string | null,
): { owner: string; repo: string } {
  const fromEnv = env.GITHUB_REPOSITORY?.match(/^([^/\s]+)\/([^/\s]+)$/);
  if (fromEnv) return { owner: fromEnv[1]!, repo: fromEnv[2]! };
  const fromUrl = remoteUrl?.match(
    /^(?:https?:\/\/[^/]+\/|ssh:\/\/[^/]+\/|[^@\s]+@[^:\s]+:)([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/,
  );
  if (fromUrl) return { owner: fromUrl[1]!, repo: fromUrl[2]! };
  throw usage(`cannot tell which GitHub repository ${remoteUrl ?? "this"} is`, {
    hint: "set GITHUB_REPOSITORY=owner/repo",
  });
}

/** The token from GITHUB_TOKEN or GH_TOKEN; a usage error that says how to set one otherwise. */
export function tokenFrom(env: NodeJS.ProcessEnv): string {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token) {
    throw usage("--pr needs a GitHub token", {
      hint: "set GITHUB_TOKEN (or GH_TOKEN) to a token that may write contents and pull requests",
    });
  }
  return token;
}

export const apiUrlFrom = (env: NodeJS.ProcessEnv) => env.GITHUB_API_URL || "https://api.github.com";
