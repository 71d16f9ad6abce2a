import {
  GIT_PUSH,
  type PublishedTags,
  publishMissingTags,
  type TagPublisher,
} from "../registry/checks/publish-tags.js";
import type { Registry } from "../registry/core/registry.js";
import { API_ROUTE } from "./api-route.js";
import { type ActionContext, defaultBranchOf, refusePullRequests } from "./context.js";
import type { ActionCommand } from "./main.js";
import { BoundedMarkdown, cell, code, SUMMARY_LIMIT } from "./summary.js";

/**
 * `register` on a push to the default branch: the tags of every version and stage change that
 * landed without one (of what the push changed, and what earlier runs left), published at once:
 * through the GitHub API when they are few (src/action/publish-api.ts), else by one git push.
 * The outputs carry them, since GitHub starts no workflow for a push of more than three tags.
 */
export const registerCommand: ActionCommand = async (context) => {
  refusePullRequests(context, "register");
  const event = context.event();
  const branch = pushedBranch(event.name, event.payload, context.env);
  const defaultBranch = defaultBranchOf(event);
  if (branch !== null && defaultBranch !== null && branch !== defaultBranch) {
    return {
      outputs: { registered: "[]", "stage-changes": "[]" },
      summary: `## git-model: register\n\nNothing tagged: ${code(branch)} is not the default branch (${code(defaultBranch)}).\n`,
    };
  }
  const registry = await context.registry();
  const publisher = githubPublisher(context, registry);
  const published = await publishMissingTags(registry, {
    ...pushedRange(event.name, event.payload),
    ...(publisher ? { publisher } : {}),
  });
  return {
    outputs: {
      registered: JSON.stringify(published.registered),
      "stage-changes": JSON.stringify(published.stageChanges),
    },
    summary: registerSummary(published),
  };
};

/**
 * The GitHub API's publisher, when the run has what it needs: a token, the repository
 * (GITHUB_REPOSITORY) and the API (GITHUB_API_URL). Loaded on its first use (a run with nothing
 * to tag loads no HTTP client); it declines, for the git push, when the remote (`origin`) is not
 * that repository (the API writes to GITHUB_REPOSITORY, the push to origin: a job that checked
 * out another repository pushes to it, as before).
 */
function githubPublisher(context: ActionContext, registry: Registry): TagPublisher | undefined {
  const { env, token } = context;
  const repository = env.GITHUB_REPOSITORY?.trim();
  if (!token || !repository || !env.GITHUB_API_URL) return undefined;
  let loaded: Promise<TagPublisher | null> | undefined;
  const load = async (remote: string) => {
    const url = await registry.git.text(["config", "--get", `remote.${remote}.url`], { allowFailure: true });
    if (!remoteIsRepository(url.trim(), repository)) return null;
    const { githubApiPublisher } = await import("./publish-api.js");
    return githubApiPublisher(env, token, registry.git);
  };
  return {
    name: API_ROUTE,
    async publish(publication) {
      loaded ??= load(publication.remote).catch(() => null);
      const publisher = await loaded;
      return publisher ? publisher.publish(publication) : { declined: null };
    },
  };
}

/** Whether a remote URL (https, ssh, scp-like or a path) ends in `owner/repo`, `.git` or not. */
export function remoteIsRepository(url: string, repository: string): boolean {
  const path = url
    .replace(/\/+$/, "")
    .replace(/\.git$/, "")
    .toLowerCase();
  const wanted = repository.toLowerCase();
  return path.endsWith(`/${wanted}`) || path.endsWith(`:${wanted}`) || path === wanted;
}

/**
 * A push's `before` (the commit the branch was at), so that only what came since is planned.
 * None for a manual run, a new branch (`before` all zeros) or a payload without it: then
 * register plans every model (docs/decisions/action.md).
 */
function pushedRange(name: string, payload: Record<string, unknown>): { since?: string } {
  const before = payload.before;
  if (name !== "push" || typeof before !== "string") return {};
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(before) && !/^0+$/.test(before) ? { since: before } : {};
}

/** The branch a push (or a manual run) is for, from the payload's ref or GITHUB_REF. */
function pushedBranch(name: string, payload: Record<string, unknown>, env: NodeJS.ProcessEnv): string | null {
  const ref = name === "push" && typeof payload.ref === "string" ? payload.ref : env.GITHUB_REF;
  return ref?.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : null;
}

function registerSummary({ registered, stageChanges, via, notes }: PublishedTags): string {
  const doc = new BoundedMarkdown(SUMMARY_LIMIT);
  doc.add("## git-model: register");
  doc.add("");
  for (const note of notes) doc.add(`${note}\n`);
  if (registered.length + stageChanges.length === 0) {
    doc.add("Every version and stage change has its tag already: nothing to do.");
    return doc.toString();
  }
  doc.add(
    via === GIT_PUSH
      ? `Pushed ${registered.length} registration tag(s) and ${stageChanges.length} stage tag(s) in one push.`
      : `Published ${registered.length} registration tag(s) and ${stageChanges.length} stage tag(s) ${via}, in one atomic update.`,
  );
  if (registered.length) {
    doc.add("");
    doc.table(
      ["tag", "model", "version", "commit"],
      registered.map((t) => [code(t.tag), cell(t.model), code(t.version), code(t.commit.slice(0, 7))]),
      { share: 0.5, noun: "tags" },
    );
  }
  if (stageChanges.length) {
    doc.add("");
    doc.table(
      ["tag", "model", "version", "stage", ""],
      stageChanges.map((t) => [
        code(t.tag),
        cell(t.model),
        code(t.version),
        cell(t.stage ?? ""),
        t.event === "unassignment" ? "left" : "entered",
      ]),
      { noun: "tags" },
    );
  }
  return doc.toString();
}
