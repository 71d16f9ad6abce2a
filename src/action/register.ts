import { type PublishedTag, publishMissingTags } from "../registry/checks/publish-tags.js";
import { defaultBranchOf, refusePullRequests } from "./context.js";
import type { ActionCommand } from "./main.js";
import { BoundedMarkdown, cell, code, SUMMARY_LIMIT } from "./summary.js";

/**
 * `register` on a push to the default branch: the tags of every version and stage change that
 * landed without one (of what the push changed, and what earlier runs left), pushed at once. The outputs carry them, since GitHub starts no workflow for
 * a push of more than three tags.
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
  const published = await publishMissingTags(registry, pushedRange(event.name, event.payload));
  return {
    outputs: {
      registered: JSON.stringify(published.registered),
      "stage-changes": JSON.stringify(published.stageChanges),
    },
    summary: registerSummary(published.registered, published.stageChanges),
  };
};

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

function registerSummary(registered: PublishedTag[], stageChanges: PublishedTag[]): string {
  const doc = new BoundedMarkdown(SUMMARY_LIMIT);
  doc.add("## git-model: register");
  doc.add("");
  if (registered.length + stageChanges.length === 0) {
    doc.add("Every version and stage change has its tag already: nothing to do.");
    return doc.toString();
  }
  doc.add(
    `Pushed ${registered.length} registration tag(s) and ${stageChanges.length} stage tag(s) in one push.`,
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
