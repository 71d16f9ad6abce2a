import { conflict, environment } from "../../domain/errors.js";
import { isModelName } from "../../domain/names.js";
import { parseTag } from "../../domain/references.js";
import { gitReason } from "../../infra/git.js";
import type { Registry } from "../core/registry.js";
import { type DoctorScope, doctor } from "./doctor.js";

/**
 * Tags what landed (the Action's register): the registration and stage tags `doctor --fix`
 * creates, pushed in one atomic push. The remote's tags are read first, so a second run finds
 * nothing to do; when another run pushed first, the push is refused as a whole, the tags made
 * here are dropped, and the plan is made again from the remote's tags (usually: nothing left).
 *
 * With the range a push brought (`before`, the commit the branch was at), the plan costs what
 * the push changed, not the registry (docs/decisions/action.md): the registration tags of the
 * models the range touched and of any model whose version folders and registration tags differ
 * in number (one for-each-ref and HEAD's model folders: what an earlier failed run left), the
 * stage tags of the models whose stages.json the range changed; only those models' tags are
 * fetched, and only when the push is refused.
 */

export interface PublishedTag {
  model: string;
  version: string;
  tag: string;
  /** The commit the tag points at. */
  commit: string;
  /** For a stage tag: the stage, and whether the version entered it or left it (GTO's `name#stage!#N`). */
  stage?: string;
  event?: "assignment" | "unassignment";
}

export interface PublishedTags {
  registered: PublishedTag[];
  stageChanges: PublishedTag[];
  /** How many times the plan was made (more than 1 when another run pushed at the same time). */
  attempts: number;
}

export async function publishMissingTags(
  registry: Registry,
  options: {
    remote?: string;
    attempts?: number;
    /** The commit the pushed branch was at before the push: plan only what came since. */
    since?: string;
  } = {},
): Promise<PublishedTags> {
  const git = registry.git;
  const remote = options.remote ?? "origin";
  const attempts = options.attempts ?? 4;
  const scope = options.since ? await pushScope(registry, options.since) : undefined;
  if (scope && scope.models.length === 0) return { registered: [], stageChanges: [], attempts: 0 };
  // Only the tags of the models planned (GTO's `model@...` and `model#...`), else all of them.
  const refspecs = scope
    ? scope.models.flatMap((m) => [
        `+refs/tags/${m}@*:refs/tags/${m}@*`,
        `+refs/tags/${m}#*:refs/tags/${m}#*`,
      ])
    : ["+refs/tags/*:refs/tags/*"];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    // On a push, the first plan reads the tags the checkout fetched (with the branch, a moment
    // ago): a fetch costs a walk from every local tag (git's connectivity check), 100,000 of
    // them. A tag another run pushed since then makes the push refused, and the retry fetches.
    if (!scope || attempt > 1) await fetchTags(registry, remote, refspecs);
    const report = await doctor(registry, { fix: true, ...(scope ? { scope } : {}) });
    const created = new Set(report.fixed);
    const made = report.disagreements.filter((d) => created.has(d.tag) && d.commit);
    const result: PublishedTags = { registered: [], stageChanges: [], attempts: attempt };
    for (const d of made) {
      const entry = { model: d.model, version: d.version, tag: d.tag, commit: d.commit! };
      const parsed = parseTag(d.tag);
      if (d.kind === "missing-registration-tag") result.registered.push(entry);
      else if (parsed?.kind === "stage" || parsed?.kind === "unassignment")
        result.stageChanges.push({
          ...entry,
          stage: parsed.stage,
          event: parsed.kind === "stage" ? "assignment" : "unassignment",
        });
    }
    if (created.size === 0) return result;
    const pushed = await git.push(
      remote,
      [...created].map((t) => `refs/tags/${t}:refs/tags/${t}`),
      // The tags point at commits of the default branch, which the remote has (LFS objects too):
      // the pack needs the tag objects alone, whatever the number of tags the remote has.
      { atomic: true, noVerify: true, onlyTags: true },
    );
    if (pushed.ok) {
      // A run at the same time may have pushed the very same tag objects first: not this run's.
      const theirs = new Set(pushed.upToDate ?? []);
      const ours = (t: PublishedTag) => !theirs.has(`refs/tags/${t.tag}`);
      return {
        ...result,
        registered: result.registered.filter(ours),
        stageChanges: result.stageChanges.filter(ours),
      };
    }
    // Nothing was pushed: drop what was made here, so the next plan starts from the remote's tags.
    await git.run(["tag", "-d", ...created], { allowFailure: true });
    if (!pushed.remoteMovedOn) {
      throw environment(`could not push ${created.size} tag(s) to ${remote}: ${pushed.message}`, {
        hint: "the token needs contents: write (and the tags no protection rule against it)",
      });
    }
  }
  throw conflict(`the tags of ${remote} kept changing while tagging; nothing was pushed`, {
    hint: "run the register step again",
  });
}

/** The remote's tags by these refspecs, replacing the local ones. */
async function fetchTags(registry: Registry, remote: string, refspecs: readonly string[]): Promise<void> {
  // --no-tags: following tags would ask the remote for every tag, not just the models' ones.
  const fetched = await registry.git.run(
    ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remote, ...refspecs],
    { allowFailure: true },
  );
  if (fetched.code !== 0) {
    throw environment(`could not read the tags of ${remote}: ${gitReason(fetched.stderr)}`, {
      hint: `check that ${remote} is reachable with the checkout's credentials`,
    });
  }
}

/**
 * What a push asks of register: the models the range since `since` touched (their stage tags
 * too when their stages.json changed), and every model whose folders and registration tags
 * differ in number. Undefined when `since` is not a commit of the clone (a shallow checkout, a
 * force push): then everything is planned, as on a manual run.
 */
async function pushScope(registry: Registry, since: string): Promise<DoctorScope | undefined> {
  const git = registry.git;
  const root = registry.root;
  const [commit, changed, untagged] = await Promise.all([
    git.commitOf(since),
    git.list(
      ["diff-tree", "-r", "-z", "--name-only", "--no-renames", "--end-of-options", since, "HEAD", "--", root],
      {
        allowFailure: true,
      },
    ),
    modelsWithUntaggedVersions(registry),
  ]);
  if (!commit) return undefined;
  const touched = new Set<string>();
  const stageModels = new Set<string>();
  for (const path of changed) {
    const [model, rest] = path.slice(root.length + 1).split("/");
    if (!model || !rest || !isModelName(model)) continue;
    touched.add(model);
    if (path === `${registry.modelFolder(model)}/stages.json`) stageModels.add(model);
  }
  return {
    models: [...new Set([...touched, ...untagged])].sort(),
    stageModels: [...stageModels].sort(),
  };
}

/**
 * The models whose version folders in HEAD outnumber or fall short of their registration tags
 * (net of deregistrations): the tag names from one for-each-ref against the count of folders in
 * each model folder's tree, from one cat-file (no tree below them is read, no name decoded).
 * A version an earlier failed run left untagged makes its model differ; so does a folder that
 * is no version, which keeps that model in the plan, where the scoped plan creates nothing for
 * it. Counts, not names: 100,000 names built and looked up were most of a no-op run.
 */
async function modelsWithUntaggedVersions(registry: Registry): Promise<string[]> {
  const git = registry.git;
  const [names, rootTree] = await Promise.all([
    git.text(["for-each-ref", "--format=%(refname:strip=2)", "refs/tags/*@v*"]),
    git.lsTree("HEAD", [`${registry.root}/`], { recursive: false }),
  ]);
  const tags = new Map<string, number>();
  for (const name of names.split("\n")) {
    const at = name.indexOf("@v");
    if (at <= 0 || name.includes("#")) continue;
    const model = name.slice(0, at);
    tags.set(model, (tags.get(model) ?? 0) + (name.endsWith("!") ? -1 : 1));
  }
  const trees = new Map<string, string>();
  for (const { type, oid, path } of rootTree) {
    const model = path.slice(registry.root.length + 1);
    if (type === "tree" && isModelName(model)) trees.set(model, oid);
  }
  const objects = await git.catFile([...new Set(trees.values())]);
  const untagged: string[] = [];
  for (const [model, oid] of trees) {
    const tree = objects.get(oid)?.content;
    if (tree && folderCount(tree, oid.length / 2) !== (tags.get(model) ?? 0)) untagged.push(model);
  }
  return untagged;
}

/** How many folders (mode 40000) a tree object holds. */
function folderCount(tree: Buffer, idBytes: number): number {
  let count = 0;
  for (let pos = 0; pos < tree.length; ) {
    if (tree[pos] === 0x34) count++;
    const nul = tree.indexOf(0, pos);
    if (nul < 0) break;
    pos = nul + 1 + idBytes;
  }
  return count;
}
