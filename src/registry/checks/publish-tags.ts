import { conflict, environment } from "../../domain/errors.js";
import { isModelName } from "../../domain/names.js";
import { parseTag } from "../../domain/references.js";
import { gitReason, type PushOutcome } from "../../infra/git.js";
import type { Registry } from "../core/registry.js";
import { type DoctorReport, type DoctorScope, doctor } from "./doctor.js";

/**
 * Tags what landed (the Action's register): the registration and stage tags `doctor --fix`
 * creates, pushed in one atomic push, or published all or nothing by an injected TagPublisher
 * (the Action's: the GitHub API, for a few tags; the push when it declines). The remote's tags
 * are read first, so a second run finds nothing to do; when another run pushed first, the push is
 * refused as a whole, the tags made here are dropped, and the plan is made again from the
 * remote's tags (usually: nothing left).
 *
 * The plan costs what came since the remote's tagged branch (TAGGED_BRANCH), pushed with the
 * tags: the tags of the models the range touched, their stage tags when it changed their
 * stages.json. Without that branch, a push's range (`before`, the commit the branch was at)
 * bounds it, plus any model whose version folders and registration tags differ in number (one
 * for-each-ref and HEAD's model folders: what an earlier failed run left); a manual run plans
 * everything (docs/decisions/action.md). Only the planned models' tags are fetched, and only when
 * the push is refused.
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
  /** How the tags went: the injected publisher's name, or "git push". */
  via: string;
  /** Why the publisher was given up for the git push (an API failure), to show in the summary. */
  notes: string[];
}

/**
 * What a publisher is asked to do, all or nothing: create the tags (each `refs/tags/NAME` and the
 * clone's tag object) the remote does not have, and move the tagged branch to `head` while the
 * remote holds `expected` there (null: while it has none).
 */
export interface Publication {
  remote: string;
  tags: readonly { ref: string; oid: string }[];
  marker: { ref: string; head: string; expected: string | null };
}

/**
 * Another way than `git push` to publish a plan's tags (the Action's: the GitHub API). Its
 * answer is a push's outcome (a refusal that is a race: `remoteMovedOn`; tags the remote had
 * already with the same object: `upToDate`), or `declined` and the git push runs instead: for
 * good when it says why (a failure, shown in the summary), for this plan only when null (too many
 * tags for it).
 */
export interface TagPublisher {
  /** How the summary says it went, e.g. "through the GitHub API". */
  readonly name: string;
  publish(publication: Publication): Promise<PushOutcome | { declined: string | null }>;
}

/** How the git push is named when no publisher took the tags. */
export const GIT_PUSH = "git push";

/**
 * The branch register keeps on the remote at the last commit of the default branch whose
 * versions and stage changes all have their tags there, moved by the push that sends the tags
 * (one atomic push, under a lease on its old value). A push's plan is then what came since it,
 * whatever the registry's size: with nothing since, a run reads two refs and stops
 * (docs/decisions/action.md). The checkout fetches it with the branches (`fetch-depth: 0`).
 */
export const TAGGED_BRANCH = "git-model/tagged";

export async function publishMissingTags(
  registry: Registry,
  options: {
    remote?: string;
    attempts?: number;
    /** The commit the pushed branch was at before the push: plan only what came since. */
    since?: string;
    /** Tried before the git push (the Action: the GitHub API); the git push when it declines. */
    publisher?: TagPublisher;
  } = {},
): Promise<PublishedTags> {
  const git = registry.git;
  const remote = options.remote ?? "origin";
  const attempts = options.attempts ?? 4;
  const tracking = `refs/remotes/${remote}/${TAGGED_BRANCH}`;
  let refused: DoctorScope | undefined;
  let publisher = options.publisher;
  const notes: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const nothing: PublishedTags = {
      registered: [],
      stageChanges: [],
      attempts: attempt,
      via: GIT_PUSH,
      notes,
    };
    // After a refusal (another run pushed first), the remote's tagged branch and the refused
    // plan's tags as they are now. Pruned: a tag only this clone has is made again, and pushed.
    if (attempt > 1)
      await fetchRefs(
        registry,
        remote,
        [`+refs/heads/${TAGGED_BRANCH}*:${tracking}*`, ...tagRefspecs(refused)],
        true,
      );
    const plan = await planPush(registry, tracking, options.since);
    if (plan.covered || !plan.head) return nothing;
    // On a push, the first plan reads the tags the checkout fetched (with the branch, a moment
    // ago): a fetch costs a walk from every local tag (git's connectivity check), 100,000 of
    // them. A tag another run pushed since then makes the push refused, and the retry fetches.
    if (attempt === 1 ? !plan.scope : !within(plan.scope, refused))
      await fetchRefs(registry, remote, tagRefspecs(plan.scope), true);
    refused = plan.scope;
    const report = await doctor(registry, { fix: true, ...(plan.scope ? { scope: plan.scope } : {}) });
    const created = new Set(report.fixed);
    // With the tagged branch moving, every tag of the range goes too: one a killed run made in
    // this clone but never pushed would otherwise be vouched for without being on the remote.
    // Those the remote has are left as they are (`=`), and none of them is reported.
    const { tags, known, oids } = await tagsToPush(registry, plan, report);
    const refspecs = tags.map((t) => `refs/tags/${t.tag}:refs/tags/${t.tag}`);
    const marker = {
      refspec: `${plan.head}:refs/heads/${TAGGED_BRANCH}`,
      lease: { ref: `refs/heads/${TAGGED_BRANCH}`, expected: plan.tagged },
    };
    // The tags point at commits of the default branch, which the remote has (LFS objects too):
    // the pack needs the tag objects alone, whatever the number of tags the remote has.
    const push = (withMarker: boolean) =>
      git.push(remote, withMarker ? [...refspecs, marker.refspec] : refspecs, {
        atomic: true,
        noVerify: true,
        onlyTags: { known },
        ...(withMarker ? { forceWithLease: marker.lease } : {}),
      });
    const pushWithGit = async () => {
      const withMarker = await push(true);
      // A rule against the branch (a protected `*`), not a race: the tags alone, as before it
      // existed; the next push plans from its `before` again.
      if (withMarker.ok || withMarker.remoteMovedOn || !refspecs.length) return withMarker;
      return push(false);
    };
    let via = GIT_PUSH;
    let pushed: PushOutcome | undefined;
    if (publisher) {
      const answer = await publisher.publish({
        remote,
        tags: tags.map((t) => ({ ref: `refs/tags/${t.tag}`, oid: oids.get(t.tag) ?? "" })),
        marker: { ref: `refs/heads/${TAGGED_BRANCH}`, head: plan.head, expected: plan.tagged },
      });
      if (!("declined" in answer)) {
        pushed = answer;
        via = publisher.name;
        // As a push would: the clone's remote-tracking branch where the remote's is now.
        if (pushed.ok) await git.run(["update-ref", tracking, plan.head], { allowFailure: true });
      } else if (answer.declined !== null) {
        notes.push(answer.declined);
        publisher = undefined;
      }
    }
    pushed ??= await pushWithGit();
    if (pushed.ok) {
      // A run at the same time may have pushed the very same tag objects first: not this run's.
      const theirs = new Set(pushed.upToDate ?? []);
      const ours = tags.filter((t) => !theirs.has(`refs/tags/${t.tag}`));
      return {
        ...nothing,
        via,
        registered: ours.filter((t) => !t.stage),
        stageChanges: ours.filter((t) => t.stage),
      };
    }
    if (!pushed.remoteMovedOn && !refspecs.length) return nothing;
    // Nothing was pushed: drop what was made here, so the next plan starts from the remote's tags.
    if (created.size) await git.run(["tag", "-d", ...created], { allowFailure: true });
    if (!pushed.remoteMovedOn) {
      throw environment(`could not push ${refspecs.length} tag(s) to ${remote}: ${pushed.message}`, {
        hint: "the token needs contents: write (and the tags no protection rule against it)",
      });
    }
  }
  throw conflict(`the tags of ${remote} kept changing while tagging; nothing was pushed`, {
    hint: "run the register step again",
  });
}

/** What a run plans: the models (all of them when `scope` is undefined) and the range they come from. */
interface Plan {
  head: string | null;
  /** The remote's tagged branch as this clone last saw it (null: it has none). */
  tagged: string | null;
  /** HEAD is at or below the tagged branch: every tag is on the remote. */
  covered: boolean;
  scope?: DoctorScope;
  /** The commits since the tagged branch (or the push's `before`), when they are recent. */
  range?: ReadonlySet<string>;
}

/**
 * From the tagged branch when HEAD is at or above it (the models the commits since touched), else
 * from the push's `before` as register did before the branch (those models, and every model whose
 * folders and registration tags differ in number: what an earlier failed run left), else everything.
 */
async function planPush(registry: Registry, tracking: string, since: string | undefined): Promise<Plan> {
  const git = registry.git;
  const [head, tagged] = await Promise.all([git.commitOf("HEAD"), git.commitOf(tracking)]);
  if (!head) return { head, tagged, covered: false };
  if (since && tagged === head) return { head, tagged, covered: true };
  const recent = since ? await recentHistory(registry, head) : new Map<string, string[]>();
  // A manual run (no `since`) checks everything, whatever the branch says.
  if (since && tagged) {
    const range = commitsSince(recent, head, tagged);
    if (range) return { head, tagged, covered: false, range, scope: await rangeScope(registry, tagged) };
    // HEAD below the branch (a later push's run finished first): everything here is tagged.
    if ((await recentHistory(registry, tagged)).has(head)) return { head, tagged, covered: true };
  }
  const base = since ? await git.commitOf(since) : null;
  if (!base) return { head, tagged, covered: false };
  const [scope, untagged] = await Promise.all([
    rangeScope(registry, base),
    modelsWithUntaggedVersions(registry),
  ]);
  const range = commitsSince(recent, head, base);
  return {
    head,
    tagged,
    covered: false,
    ...(range ? { range } : {}),
    scope: { models: [...new Set([...scope.models, ...untagged])].sort(), stageModels: scope.stageModels },
  };
}

/** How far back a run looks for the tagged branch among HEAD's commits (and the push's `before`). */
const RECENT_COMMITS = 500;

/**
 * The newest commits from `tip`, each with its parents, from one `rev-list --parents` that stops
 * after RECENT_COMMITS. Not `merge-base --is-ancestor` or `rev-list A..B`: without a
 * commit-graph (a fresh clone) those walk by commit date, the whole history when dates are out of
 * order (350 ms each at 100,000 versions in the bench, whose commits are dated in the future).
 */
async function recentHistory(registry: Registry, tip: string): Promise<Map<string, string[]>> {
  const out = await registry.git.text(
    ["rev-list", "--parents", `--max-count=${RECENT_COMMITS}`, "--end-of-options", tip, "--"],
    { allowFailure: true },
  );
  const history = new Map<string, string[]>();
  for (const line of out.split("\n")) {
    const [commit, ...parents] = line.split(" ");
    if (commit) history.set(commit, parents);
  }
  return history;
}

/**
 * The commits reachable from `head` without going through `base` (what `base..head` holds, and at
 * most some older commits of a merged side branch), or null when `base` is not found among them.
 */
function commitsSince(history: Map<string, string[]>, head: string, base: string): Set<string> | null {
  const range = new Set<string>();
  const queue = [head];
  let found = false;
  while (queue.length) {
    const commit = queue.pop()!;
    if (commit === base) found = true;
    if (commit === base || range.has(commit) || !history.has(commit)) continue;
    range.add(commit);
    queue.push(...history.get(commit)!);
  }
  return found ? range : null;
}

/** The models the commits since `base` touched, and those of them whose stages.json changed. */
async function rangeScope(registry: Registry, base: string): Promise<DoctorScope> {
  const root = registry.root;
  const touched = new Set<string>();
  const stageModels = new Set<string>();
  for (const { path } of await registry.git.diffTrees(base, "HEAD", [root])) {
    const [model, rest] = path.slice(root.length + 1).split("/");
    if (!model || !rest || !isModelName(model)) continue;
    touched.add(model);
    if (path === `${registry.modelFolder(model)}/stages.json`) stageModels.add(model);
  }
  return { models: [...touched].sort(), stageModels: [...stageModels].sort() };
}

/**
 * The tags to push: those made now, and on a range, the registration tags of the planned models
 * on commits of the range and the stage tags of the models whose stages.json it changed (one
 * for-each-ref, one rev-list of the range), each as it is reported
 * (a stage tag's version is the registration on its commit, as GTO reads it). `known`: the other
 * tags of the same commits, which the remote has: they spare git the walk down to an old
 * version's commit when its stage tag is pushed (Git.push's onlyTags).
 */
async function tagsToPush(
  registry: Registry,
  plan: Plan,
  report: DoctorReport,
): Promise<{ tags: PublishedTag[]; known: string[]; oids: Map<string, string> }> {
  const git = registry.git;
  // Doctor's order (registrations, then each model's stage moves as they happened) and versions.
  const order = new Map(report.fixed.map((tag, i) => [tag, i]));
  const created = new Map(
    report.disagreements.filter((d) => order.has(d.tag)).map((d) => [d.tag, d.version]),
  );
  if (plan.scope && !plan.scope.models.length) return { tags: [], known: [], oids: new Map() };
  const rows = await git.forEachRef(
    plan.scope
      ? plan.scope.models.flatMap((m) => [`refs/tags/${m}@*`, `refs/tags/${m}#*`])
      : [...created.keys()].map((t) => `refs/tags/${t}`),
    ["%(refname:strip=2)", "%(objectname)", "%(*objectname)"],
  );
  const inRange = plan.range ?? new Set<string>();
  // Each name parsed once: the planned models' tags are all of their versions' (1,000 for one).
  const refs = rows.map(([tag = "", oid = "", commit = ""]) => ({ tag, oid, commit, parsed: parseTag(tag) }));
  const registrations = new Map<string, string>();
  for (const { commit, parsed } of refs)
    if (parsed?.kind === "registration") registrations.set(`${parsed.model} ${commit}`, parsed.version);
  const tags: PublishedTag[] = [];
  const stageModels = new Set(plan.scope?.stageModels);
  for (const { tag, commit, parsed } of refs) {
    if (!parsed) continue;
    const stageTag = parsed.kind === "stage" || parsed.kind === "unassignment";
    // A stage tag points at its version's registration, often older than the range: all of a
    // moved model's stage tags go (the remote has nearly all: `=`, nothing sent for them).
    if (!created.has(tag) && !inRange.has(commit) && !(stageTag && stageModels.has(parsed.model))) continue;
    if (parsed.kind === "registration")
      tags.push({ model: parsed.model, version: parsed.version, tag, commit });
    else if (stageTag)
      tags.push({
        model: parsed.model,
        version: created.get(tag) ?? registrations.get(`${parsed.model} ${commit}`) ?? "",
        tag,
        commit,
        stage: parsed.stage,
        event: parsed.kind === "stage" ? "assignment" : "unassignment",
      });
  }
  const rank = (t: PublishedTag) => order.get(t.tag) ?? order.size;
  tags.sort((a, b) => rank(a) - rank(b));
  const pushed = new Set(tags.map((t) => t.tag));
  const commits = new Set(tags.map((t) => t.commit));
  const known = refs.filter((r) => !pushed.has(r.tag) && commits.has(r.commit)).map((r) => r.oid);
  const oids = new Map(refs.filter((r) => pushed.has(r.tag)).map((r) => [r.tag, r.oid]));
  return { tags, known, oids };
}

/** Whether the models of `plan` (all when undefined) are among those of `fetched` (all when undefined). */
function within(plan: DoctorScope | undefined, fetched: DoctorScope | undefined): boolean {
  if (!fetched) return true;
  return plan?.models.every((m) => fetched.models.includes(m)) ?? false;
}

/** The planned models' tags (GTO's `model@...` and `model#...`), else all of them. */
function tagRefspecs(scope: DoctorScope | undefined): string[] {
  return scope
    ? scope.models.flatMap((m) => [
        `+refs/tags/${m}@*:refs/tags/${m}@*`,
        `+refs/tags/${m}#*:refs/tags/${m}#*`,
      ])
    : ["+refs/tags/*:refs/tags/*"];
}

/** The remote's refs by these refspecs, replacing the local ones (`prune`: and dropping those it has not). */
async function fetchRefs(
  registry: Registry,
  remote: string,
  refspecs: readonly string[],
  prune = false,
): Promise<void> {
  if (refspecs.length === 0) return;
  // --no-tags: following tags would ask the remote for every tag, not just the models' ones.
  const fetched = await registry.git.run(
    [
      "fetch",
      "--quiet",
      "--no-tags",
      "--no-write-fetch-head",
      ...(prune ? ["--prune"] : []),
      remote,
      ...refspecs,
    ],
    { allowFailure: true },
  );
  if (fetched.code !== 0) {
    throw environment(`could not read the tags of ${remote}: ${gitReason(fetched.stderr)}`, {
      hint: `check that ${remote} is reachable with the checkout's credentials`,
    });
  }
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
