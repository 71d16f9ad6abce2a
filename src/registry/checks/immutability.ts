import { isModelName } from "../../domain/names.js";
import { error, type Problem } from "../../domain/problems.js";
import { parseTag, registrationTag } from "../../domain/references.js";
import { readGitCache, writeGitCache } from "../../infra/git-cache.js";
import type { Registry } from "../core/registry.js";
import { LOW_MEMORY } from "../stages/stage-log-command.js";
import type { ModelFiles } from "./listing.js";
import type { Wanted } from "./scope.js";

/** validate's immutability check: a registered version's folder never changes after its tag. */

export interface RegistrationTrees {
  /** `model/version` -> its registration tag and the commit it points at. */
  tags: Map<string, { commit: string; tag: string }>;
  /** Version folder -> its tree at HEAD. */
  headTrees: Map<string, string>;
  /** `model/version` -> its folder's tree at the registration commit. */
  atTag: Map<string, string>;
}

/**
 * The git side of the immutability check, started before the listing is known: every
 * registration tag with its commit (`show-ref -d`, which takes peeled commits from packed-refs
 * instead of reading 10,000 tag objects), HEAD's tree of every version folder (one `ls-tree`),
 * then each folder at its registration commit (one `cat-file --batch-check`).
 */
export async function registrationTrees(
  registry: Registry,
  wanted: Wanted | null,
  /** Keep the registration trees looked up in .git/git-model (the whole-registry check, batched or not). */
  options: { cache?: boolean } = {},
): Promise<RegistrationTrees> {
  const git = registry.git;
  const root = registry.root;
  const models = wanted ? [...wanted.keys()] : null;
  const empty = { tags: new Map(), headTrees: new Map(), atTag: new Map() };
  if (models?.length === 0) return empty;
  // A few models (validate --base, or paths): their tags only; otherwise one pass over all of them.
  const few = models !== null && models.length <= 16;
  // With --base, the versions the change touches: their own tags and folders, never the model's
  // other versions (at 1,000 versions a model, its tags alone are 1,000 tag objects to read).
  const exact = few ? touchedVersions(wanted!) : null;
  const refs = exact
    ? git.forEachRef(
        exact.map(([m, v]) => `refs/tags/${registrationTag(m, v)}`),
        ["%(refname:strip=2)", "%(*objectname)", "%(objectname)"],
      )
    : few
      ? git.forEachRef(
          models.map((m) => `refs/tags/${m}@*`),
          // With the cache (a batch of the whole registry, 1,000 tags a model at 100,000 versions),
          // the tag itself names the lookup: peeling reads every tag object (0.5 s of git CPU at
          // 100,000), and what a tag points at never changes either. The commit a report quotes
          // is peeled then (tagFacts).
          options.cache
            ? ["%(refname:strip=2)", "%(objectname)"]
            : ["%(refname:strip=2)", "%(*objectname)", "%(objectname)"],
        )
      : registrationRefs(registry);
  // HEAD's tree of every version folder from one ls-tree, not one lookup per version.
  const headListing =
    exact?.length === 0
      ? Promise.resolve([])
      : git.list(
          exact
            ? ["ls-tree", "-d", "-z", "HEAD", "--", ...exact.map(([m, v]) => `${root}/${m}/${v}`)]
            : [
                "ls-tree",
                "-r",
                "-d",
                "-z",
                "HEAD",
                "--",
                ...(models ? models.map((m) => `${root}/${m}/`) : [root]),
              ],
          { allowFailure: true },
        );
  headListing.catch(() => {}); // awaited below
  const tags = new Map<string, { commit: string; tag: string }>();
  for (const [name, peeled, oid] of await refs) {
    const tag = parseTag(name ?? "");
    if (tag?.kind !== "registration") continue;
    const want = wanted?.get(tag.model);
    if (wanted && (!want || (want !== "all" && !want.has(tag.version)))) continue;
    tags.set(`${tag.model}/${tag.version}`, { commit: peeled || oid || "", tag: name! });
  }
  // The lookups start as soon as the tags are known; a version whose folder HEAD does not hold
  // costs one "missing" line.
  const keys = [...tags.keys()];
  const [trees, head] = await Promise.all([
    registrationTreeIds(
      registry,
      keys.map((key) => `${tags.get(key)!.commit}:${root}/${key}`),
      options.cache ?? false,
    ),
    headListing,
  ]);
  const headTrees = new Map<string, string>();
  for (const row of head) {
    const tab = row.indexOf("\t");
    // "040000 tree <oid>\t<path>"
    if (tab > 0) headTrees.set(row.slice(tab + 1), row.slice(row.lastIndexOf(" ", tab) + 1, tab));
  }
  const atTag = new Map<string, string>();
  keys.forEach((key, i) => {
    const tree = trees[i];
    if (tree && headTrees.has(`${root}/${key}`)) atTag.set(key, tree);
  });
  return { tags, headTrees, atTag };
}

/**
 * The [model, version] pairs a scope names one by one, or null when a model is wanted whole
 * (or there are too many to name: the model's pattern is then one argument instead of hundreds).
 */
function touchedVersions(wanted: Wanted): [string, string][] | null {
  const pairs: [string, string][] = [];
  for (const [model, versions] of wanted) {
    if (versions === "all") return null;
    for (const version of versions) pairs.push([model, version]);
  }
  return pairs.length <= 200 ? pairs : null;
}

/** What a model's cache file in `.git/git-model/` is called: `<commit>:<version folder>` -> tree id. */
export const treeIdsCache = (model: string) => `registration-trees-${model}.json`;
export const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The tree ids of `<commit>:<folder>` at each version's registration commit, through a cache in
 * `.git/git-model/` (infra/git-cache.ts), one file per model. What a commit holds never changes,
 * so a found id is kept for good; a name git does not find is asked again next time (a shallow
 * clone may fetch the commit later). At 10,000 versions the lookups are 10,000 tree walks in
 * cat-file, about 350 ms of git beside validate's own work on 2 cores (docs/benchmarks.md); the
 * cache is a JSON read per model. Used for the whole registry (its batches read only their
 * models' files): a few models' lookups (--base, paths) cost git less than reading it.
 */
export async function registrationTreeIds(
  registry: Registry,
  names: readonly string[],
  cache: boolean,
): Promise<(string | null)[]> {
  if (!cache) return objectIds(registry, names);
  const gitDir = registry.git.gitDir;
  const prefix = `:${registry.root}/`;
  const modelOf = (name: string) => {
    const start = name.indexOf(prefix) + prefix.length;
    return name.slice(start, name.indexOf("/", start));
  };
  // model -> its cache (null: a folder name that is no model name gets no file)
  const known = new Map<string, Map<string, string> | null>();
  for (const name of names) {
    const model = modelOf(name);
    if (known.has(model)) continue;
    if (!isModelName(model)) {
      known.set(model, null);
      continue;
    }
    const ids = new Map<string, string>();
    const cached = readGitCache(gitDir, treeIdsCache(model)) as { ids?: unknown } | null;
    if (cached && typeof cached.ids === "object" && cached.ids !== null) {
      for (const [key, id] of Object.entries(cached.ids))
        if (typeof id === "string" && OBJECT_ID.test(id)) ids.set(key, id);
    }
    known.set(model, ids);
  }
  const asked = names.filter((name) => !known.get(modelOf(name))?.has(name));
  const found = await objectIds(registry, asked);
  const added = new Set<string>();
  for (const [i, name] of asked.entries()) {
    const id = found[i];
    const model = modelOf(name);
    const ids = known.get(model);
    if (id && ids) {
      ids.set(name, id);
      added.add(model);
    }
  }
  for (const model of added)
    writeGitCache(gitDir, treeIdsCache(model), { ids: Object.fromEntries(known.get(model)!) });
  return names.map((name) => known.get(modelOf(name))?.get(name) ?? null);
}

/**
 * The object id each name resolves to (null when missing), in order, from `cat-file
 * --batch-check`: an array rather than a map keyed by 10,000 long names. Each `<commit>:<folder>`
 * rebuilds the model's tree at that commit (at 1,000 versions a model, about 85 µs of git CPU a
 * name), so many names go to two processes, which use both cores while node waits; each with
 * git's memory bounded (a 96 MiB delta cache and 1 GiB pack windows took 500 MB of RSS at 100,000
 * names), which costs these lookups nothing measurable.
 */
export async function objectIds(registry: Registry, names: readonly string[]): Promise<(string | null)[]> {
  if (names.length === 0) return [];
  if (names.some((n) => n.includes("\n"))) throw new Error("object names cannot contain newlines");
  const half = names.length >= SPLIT_LOOKUPS ? Math.ceil(names.length / 2) : names.length;
  const parts = half < names.length ? [names.slice(0, half), names.slice(half)] : [names];
  const outs = await Promise.all(
    parts.map((part) =>
      registry.git.text([...LOW_MEMORY, "cat-file", "--batch-check=%(objectname)"], {
        input: `${part.join("\n")}\n`,
      }),
    ),
  );
  const ids: (string | null)[] = [];
  for (const [p, out] of outs.entries()) {
    let pos = 0;
    for (let i = 0; i < parts[p]!.length; i++) {
      let eol = out.indexOf("\n", pos);
      if (eol < 0) eol = out.length;
      // "<oid>", or "<name> missing" / "<name> ambiguous"
      const line = out.slice(pos, eol);
      ids.push(line === "" || line.includes(" ") ? null : line);
      pos = eol + 1;
    }
  }
  return ids;
}

/** From this many names on, objectIds asks two processes. */
const SPLIT_LOOKUPS = 2000;

/**
 * Every registration tag as [name, peeled commit or "", object], from `git show-ref -d --tags`
 * (a peeled tag's `^{}` line follows its own). Other tags are skipped before any parsing.
 */
export async function registrationRefs(registry: Registry): Promise<string[][]> {
  const out = await registry.git.text(["show-ref", "-d", "--tags"], { allowFailure: true });
  const rows: string[][] = [];
  const prefix = " refs/tags/";
  let last: string[] | null = null;
  for (let pos = 0; pos < out.length; ) {
    let eol = out.indexOf("\n", pos);
    if (eol < 0) eol = out.length;
    const space = out.indexOf(" ", pos);
    const line = pos;
    pos = eol + 1;
    if (space < 0 || space > eol || !out.startsWith(prefix, space)) continue;
    const start = space + prefix.length;
    if (out.endsWith("^{}", eol)) {
      if (last && last[0] === out.slice(start, eol - 3)) last[1] = out.slice(line, space);
      continue;
    }
    last = null;
    const at = out.indexOf("@", start);
    if (at < 0 || at > eol) continue; // a stage tag or any other tag
    last = [out.slice(start, eol), "", out.slice(line, space)];
    rows.push(last);
  }
  return rows;
}

/** The date and commit of the given tags (what a report quotes), from one for-each-ref. */
export async function tagFacts(
  registry: Registry,
  tags: readonly string[],
): Promise<Map<string, { date: string; commit: string }>> {
  const facts = new Map<string, { date: string; commit: string }>();
  if (tags.length === 0) return facts;
  const unique = [...new Set(tags)];
  const patterns = unique.length <= 200 ? unique.map((t) => `refs/tags/${t}`) : ["refs/tags"];
  for (const [name, date, peeled, oid] of await registry.git.forEachRef(patterns, [
    "%(refname:strip=2)",
    "%(creatordate:short)",
    "%(*objectname)",
    "%(objectname)",
  ]))
    facts.set(name ?? "", { date: date ?? "", commit: peeled || oid || "" });
  return facts;
}

/**
 * Registered versions are immutable: their folders at HEAD must equal the folders their
 * registration tags point at, and the work tree must not change them.
 */
export async function immutability(
  registry: Registry,
  atTags: Promise<RegistrationTrees>,
  scope: Map<string, ModelFiles>,
  changed: Set<string>,
  baseVersions: Set<string> | null,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const root = registry.root;
  if (scope.size === 0) return problems;
  const { tags, headTrees, atTag } = await atTags;
  const inScope = (key: string) => {
    const slash = key.indexOf("/");
    return scope.get(key.slice(0, slash))?.versions.has(key.slice(slash + 1)) ?? false;
  };
  const edited = [...atTag].filter(([key, tree]) => inScope(key) && tree !== headTrees.get(`${root}/${key}`));
  // Uncommitted edits to a committed (so registered) version.
  const uncommitted: [string, string][] = [];
  for (const path of changed) {
    // <model>/<version>/<file...> below the root, which may be several folders deep.
    const parts = path.slice(root.length + 1).split("/");
    if (!path.startsWith(`${root}/`) || parts.length < 3 || !scope.get(parts[0]!)?.versions.has(parts[1]!))
      continue;
    const key = `${parts[0]}/${parts[1]}`;
    if (baseVersions && !baseVersions.has(key)) continue;
    if (headTrees.has(`${root}/${key}`)) uncommitted.push([path, key]);
  }
  if (edited.length === 0 && uncommitted.length === 0) return problems;
  // Which files changed in each edited folder (one diff-tree over all the tree pairs), and the
  // dates of the tags the report quotes.
  const [changedFiles, facts] = await Promise.all([
    filesChangedBetween(
      registry,
      edited.map(([key, tree]) => [tree, headTrees.get(`${root}/${key}`)!]),
    ),
    tagFacts(registry, [
      ...edited.map(([key]) => tags.get(key)!.tag),
      ...uncommitted.flatMap(([, key]) => tags.get(key)?.tag ?? []),
    ]),
  ]);
  for (const [key] of edited) {
    const t = tags.get(key)!;
    const files = changedFiles.get(headTrees.get(`${root}/${key}`)!) ?? [];
    const where = files.length ? files.map((f) => `${root}/${key}/${f}`) : [`${root}/${key}`];
    for (const file of where) {
      problems.push(
        error(
          file,
          `changed after it was registered as ${t.tag} on ${facts.get(t.tag)?.date ?? ""} (commit ${(facts.get(t.tag)?.commit || t.commit).slice(0, 7)}); registered versions are immutable`,
          { hint: "revert the change and register a new version instead" },
        ),
      );
    }
  }
  for (const [path, key] of uncommitted) {
    const t = tags.get(key);
    problems.push(
      error(
        path,
        `edited after registration${t ? ` (registered as ${t.tag} on ${facts.get(t.tag)?.date ?? ""})` : ""}; registered versions are immutable`,
        {
          hint: `undo it with git restore --source=HEAD --staged --worktree -- ${path}, and register a new version instead`,
        },
      ),
    );
  }
  return problems;
}

/** The files that differ between each pair of trees (keyed by the second tree), from one `git diff-tree --stdin`. */
export async function filesChangedBetween(
  registry: Registry,
  pairs: readonly [string, string][],
): Promise<Map<string, string[]>> {
  const changed = new Map<string, string[]>();
  if (pairs.length === 0) return changed;
  const out = await registry.git.text(["diff-tree", "--stdin", "-r", "--name-only"], {
    input: `${pairs.map(([a, b]) => `${a} ${b}`).join("\n")}\n`,
  });
  let current: string[] | null = null;
  for (const line of out.split("\n")) {
    const header = /^([0-9a-f]{40,64}) ([0-9a-f]{40,64})$/.exec(line);
    if (header) {
      current = [];
      changed.set(header[2]!, current);
    } else if (line && current) current.push(line);
  }
  return changed;
}
