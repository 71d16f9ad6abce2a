import { createHash } from "node:crypto";
import { isModelName } from "../../domain/names.js";
import { error, type Problem } from "../../domain/problems.js";
import { parseTag, registrationTag } from "../../domain/references.js";
import { readGitCache, writeGitCache } from "../../infra/git-cache.js";
import { checkYoungGeneration, collectGarbage } from "../../infra/heap.js";
import type { Registry } from "../core/registry.js";
import { LOW_MEMORY } from "../stages/stage-log-command.js";
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
  options: {
    /**
     * Read the registration trees from .git/git-model (the whole-registry check, batched or
     * not); for the whole registry at once, they are filled first from the same `show-ref`.
     */
    cache?: boolean;
  } = {},
): Promise<RegistrationTrees> {
  const git = registry.git;
  const root = registry.root;
  // A model wanted for no version (a change to its model files alone) has nothing to look up,
  // and must not count towards the few-models limit below.
  const models = wanted
    ? [...wanted].filter(([, versions]) => versions === "all" || versions.size > 0).map(([model]) => model)
    : null;
  const empty = { tags: new Map(), headTrees: new Map(), atTag: new Map() };
  if (models?.length === 0) return empty;
  // A few models (validate --base, or paths): their tags only; otherwise one pass over all of them.
  const few = models !== null && models.length <= 16;
  // With --base, the versions the change touches: their own tags and folders, never the model's
  // other versions (at 1,000 versions a model, its tags alone are 1,000 tag objects to read).
  const exact = few ? touchedVersions(wanted!) : null;
  const shown = few ? null : showTags(registry);
  const filled = shown && options.cache ? fillFrom(registry, shown, null) : null;
  filled?.catch(() => {}); // awaited below
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
      : registrationRefs(shown!);
  // HEAD's tree of every version folder from one ls-tree, not one lookup per version.
  const headListing = exact
    ? git.lsTree(
        "HEAD",
        exact.map(([m, v]) => `${root}/${m}/${v}`),
        { recursive: false, treesOnly: true },
      )
    : git.lsTree("HEAD", models ? models.map((m) => `${root}/${m}/`) : [root], { treesOnly: true });
  headListing.catch(() => {}); // awaited below
  const tags = new Map<string, { commit: string; tag: string; object: string }>();
  for (const [name, peeled, oid] of await refs) {
    const tag = parseTag(name ?? "");
    if (tag?.kind !== "registration") continue;
    const want = wanted?.get(tag.model);
    if (wanted && (!want || (want !== "all" && !want.has(tag.version)))) continue;
    tags.set(`${tag.model}/${tag.version}`, { commit: peeled || oid || "", tag: name!, object: oid ?? "" });
  }
  // The lookups start as soon as the tags are known (or the caches are filled); a version whose
  // folder HEAD does not hold costs one "missing" line.
  const keys = [...tags.keys()];
  await filled?.catch(() => undefined); // a failed fill leaves the lookups to registrationTreeIds
  const [trees, head] = await Promise.all([
    registrationTreeIds(
      registry,
      keys.map((key) => lookup(root, key, tags.get(key)!)),
      options.cache ?? false,
    ),
    headListing,
  ]);
  const headTrees = new Map(head.map((entry) => [entry.path, entry.oid]));
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

/**
 * What a model's cache file in `.git/git-model/` is called: `<tag object>:<version folder>` ->
 * its tree id at the registration commit.
 */
const treeIdsCache = (model: string) => `registration-trees-${model}.json`;
const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const isObjectId = (id: unknown): id is string => typeof id === "string" && OBJECT_ID.test(id);

/** What a model's cache file holds (nothing when it is missing, torn or not a model's). */
function readTreeIds(gitDir: string, model: string): Record<string, unknown> {
  const file = isModelName(model)
    ? (readGitCache(gitDir, treeIdsCache(model)) as { ids?: unknown } | null)
    : null;
  return file && typeof file.ids === "object" && file.ids !== null
    ? (file.ids as Record<string, unknown>)
    : {};
}

/** One version folder to look up at its registration commit. */
interface TreeLookup {
  /** What the cache keeps it under, `<tag object>:<folder>`: the same whether the tag was peeled or not. */
  key: string;
  /** What git is asked, `<commit or tag>:<folder>`. */
  name: string;
}

const lookup = (root: string, key: string, at: { commit: string; object: string }): TreeLookup => ({
  key: `${at.object || at.commit}:${root}/${key}`,
  name: `${at.commit}:${root}/${key}`,
});

/**
 * Fills the caches of registration trees (`.git/git-model/`, infra/git-cache.ts, one file per
 * model) of the given models, or of all, before the whole-registry check reads them: one pass
 * over every registration, peeled from packed-refs (`show-ref -d`), each model's file read once
 * to see what it lacks, what it lacks asked oldest commit first (lookUp), each file written
 * back with this pass's entries alone (a deleted version's goes). What a commit holds never
 * changes, so a found id is kept for good; a name git does not find is asked again next time (a
 * shallow clone may fetch the commit later). Batch by batch, the lookups cost git 3x more: each
 * batch rebuilt the trees the one before had thrown away. What it holds is offsets into git's
 * answer, not an object or a name per tag (100,000 of them, within validate's 200 MiB). Once a
 * fill has found every tree, the next one with the same tags reads none of the files.
 */
export function fillRegistrationTrees(registry: Registry, models: ReadonlySet<string>): Promise<void> {
  return fillFrom(registry, showTags(registry), models);
}

/** Every tag with its peeled commit, `git show-ref -d --tags` (scanRegistrationRefs reads it). */
const showTags = (registry: Registry) =>
  registry.git.text(["show-ref", "-d", "--tags"], { allowFailure: true });

async function fillFrom(
  registry: Registry,
  shown: Promise<string>,
  models: ReadonlySet<string> | null,
): Promise<void> {
  const gitDir = registry.git.gitDir;
  const folder = (model: string, version: string) => `:${registry.root}/${model}/${version}`;
  const out = await shown;
  // The same tags as at the last fill that found every tree: the files hold them all.
  const stamp = createHash("sha1")
    .update(out)
    .update(`\0${models ? [...models].sort().join("\n") : "*"}`)
    .digest("hex");
  if ((readGitCache(gitDir, FILLED) as { stamp?: unknown } | null)?.stamp === stamp) return;
  // Per model (show-ref lists a model's tags together): [model, first row, end row].
  const groups: [string, number, number][] = [];
  const tagAt: number[] = [];
  const commitAt: number[] = [];
  const versions: string[] = [];
  scanRegistrationRefs(out, (name, object, peeled) => {
    const tag = parseTag(name);
    if (tag?.kind !== "registration" || (models && !models.has(tag.model)) || !isModelName(tag.model)) return;
    const last = groups.at(-1);
    if (last?.[0] === tag.model) last[2]++;
    else groups.push([tag.model, versions.length, versions.length + 1]);
    tagAt.push(object);
    commitAt.push(peeled < 0 ? object : peeled);
    if (versions.push(tag.version) % 4096 === 0) checkYoungGeneration();
  });
  const oid = (at: number) => out.slice(at, out.indexOf(" ", at));
  const key = (row: number, model: string) => `${oid(tagAt[row]!)}${folder(model, versions[row]!)}`;
  // What each model's file already holds; the rows it lacks are asked.
  const asked: number[] = [];
  const rewrite = new Set<string>();
  for (const [model, first, end] of groups) {
    const ids = readTreeIds(gitDir, model);
    let held = 0;
    for (let row = first; row < end; row++) {
      if (isObjectId(ids[key(row, model)])) held++;
      else asked.push(row);
    }
    if (held < end - first || held !== Object.keys(ids).length) rewrite.add(model);
  }
  if (rewrite.size === 0) {
    writeGitCache(gitDir, FILLED, { stamp });
    return;
  }
  const modelOf = new Int32Array(versions.length); // row -> its group
  for (const [g, [, first, end]] of groups.entries()) modelOf.fill(g, first, end);
  collectGarbage(); // git's answer, copied twice as it came, and the names parsed: 50 MB at 100,000 tags
  const found = await lookUp(registry, {
    count: asked.length,
    nameOf: (i) => {
      const row = asked[i]!;
      return `${oid(commitAt[row]!)}${folder(groups[modelOf[row]!]![0], versions[row]!)}`;
    },
    commitOf: (i) => oid(commitAt[asked[i]!]!),
  });
  collectGarbage(); // what the lookups sent and read
  const answerOf = new Int32Array(versions.length).fill(-1); // row -> its place in `found`
  for (const [i, row] of asked.entries()) answerOf[row] = i;
  for (const [model, first, end] of groups) {
    if (!rewrite.has(model)) continue;
    const before = readTreeIds(gitDir, model);
    const ids: Record<string, string> = {};
    for (let row = first; row < end; row++) {
      const name = key(row, model);
      const id = (answerOf[row]! >= 0 ? found[answerOf[row]!] : null) ?? before[name];
      if (isObjectId(id)) ids[name] = id;
    }
    writeGitCache(gitDir, treeIdsCache(model), { ids });
  }
  if (found.every((id) => id !== null)) writeGitCache(gitDir, FILLED, { stamp });
}

/** The cache file that says which tags the last complete fill saw. */
const FILLED = "registration-trees.json";

/**
 * The tree ids of `<commit>:<folder>` at each version's registration commit. With `cache`, what
 * fillRegistrationTrees kept is read first (one file per model) and only the rest is asked; a
 * few models' lookups (--base, paths) cost git less than reading the files.
 */
async function registrationTreeIds(
  registry: Registry,
  requests: readonly TreeLookup[],
  cache: boolean,
): Promise<(string | null)[]> {
  const ids: (string | null)[] = new Array(requests.length).fill(null);
  const asked: number[] = [];
  if (cache) {
    const prefix = `:${registry.root}/`;
    const files = new Map<string, Record<string, unknown>>();
    for (const [i, { key }] of requests.entries()) {
      const start = key.indexOf(prefix) + prefix.length;
      const model = key.slice(start, key.indexOf("/", start));
      let held = files.get(model);
      if (!held) {
        held = readTreeIds(registry.git.gitDir, model);
        files.set(model, held);
      }
      const id = held[key];
      if (isObjectId(id)) ids[i] = id;
      else asked.push(i);
    }
  } else for (let i = 0; i < requests.length; i++) asked.push(i);
  const found = await objectIds(
    registry,
    asked.map((i) => requests[i]!.name),
  );
  for (const [n, i] of asked.entries()) ids[i] = found[n] ?? null;
  return ids;
}

/**
 * The object id each name resolves to (null when missing), in order, from `cat-file
 * --batch-check`: an array rather than a map keyed by 10,000 long names. Each `<commit>:<folder>`
 * rebuilds the root's, the model's and the folder's trees at that commit, each stored as a delta
 * on a tree of a neighbouring commit. Asked oldest commit first, each rebuild starts from trees
 * still in git's delta base cache: at 100,000 names 1.9 s of git CPU against 6.5 s in name order
 * (docs/benchmarks.md). Many names go to two processes, each a contiguous run of commits, which
 * use both cores while node waits; each with git's memory bounded (a 96 MiB delta cache and
 * 1 GiB pack windows took 500 MB of RSS at 100,000 names; a larger cache costs memory, the
 * order does not).
 */
export async function objectIds(
  registry: Registry,
  names: readonly string[],
  /** From this many names on, they are asked in commit order by two processes. */
  split = SPLIT_LOOKUPS,
): Promise<(string | null)[]> {
  if (names.some((n) => n.includes("\n"))) throw new Error("object names cannot contain newlines");
  const nameOf = (i: number) => names[i]!;
  const commitOf = (i: number) => names[i]!.slice(0, names[i]!.indexOf(":"));
  return lookUp(registry, { count: names.length, nameOf, commitOf }, split);
}

/** `count` names `<commit>:<path>`, each made when it is wanted, and its commit. */
interface Names {
  count: number;
  nameOf(i: number): string;
  commitOf(i: number): string;
}

/** objectIds of names made one at a time, so that 100,000 of them are never held at once. */
async function lookUp(registry: Registry, names: Names, split = SPLIT_LOOKUPS): Promise<(string | null)[]> {
  const { count, nameOf } = names;
  if (count === 0) return [];
  const order = count >= split ? await oldestFirst(registry, names) : null;
  const at = (n: number) => (order ? order[n]! : n);
  const half = order ? Math.ceil(count / 2) : count;
  const input = (from: number, to: number) => linesOf(to - from, (n) => nameOf(at(from + n)));
  const ranges = half < count ? [[0, half] as const, [half, count] as const] : [[0, count] as const];
  const outs = await Promise.all(
    ranges.map(([from, to]) =>
      registry.git.text([...LOW_MEMORY, "cat-file", "--buffer", "--batch-check=%(objectname)"], {
        input: input(from, to),
      }),
    ),
  );
  const ids: (string | null)[] = new Array(count).fill(null);
  for (const [r, out] of outs.entries()) {
    let pos = 0;
    for (let n = ranges[r]![0]; n < ranges[r]![1]; n++) {
      let eol = out.indexOf("\n", pos);
      if (eol < 0) eol = out.length;
      // "<oid>", or "<name> missing" / "<name> ambiguous"
      const line = out.slice(pos, eol);
      if (line !== "" && !line.includes(" ")) ids[at(n)] = line;
      pos = eol + 1;
    }
  }
  return ids;
}

/**
 * The positions of `<commit>:<path>` names, oldest commit first, from one `rev-list --no-walk`
 * (which sorts what it is given by commit date, newest first). A name whose object is not a
 * commit (a tag not peeled), or that git does not have, keeps its place after the others.
 */
async function oldestFirst(registry: Registry, names: Names): Promise<Int32Array> {
  const { count, commitOf } = names;
  // Repeated commits are fine: rev-list lists each once.
  const out = await registry.git.text(
    [...LOW_MEMORY, "rev-list", "--no-walk", "--ignore-missing", "--stdin"],
    { input: linesOf(count, commitOf), allowFailure: true },
  );
  const age = new Map<string, number>();
  let newer = 0;
  for (let pos = 0; pos < out.length; ) {
    let eol = out.indexOf("\n", pos);
    if (eol < 0) eol = out.length;
    age.set(out.slice(pos, eol), --newer); // the newest first: the oldest gets the lowest
    pos = eol + 1;
  }
  const rank = new Float64Array(count);
  for (let i = 0; i < count; i++) rank[i] = age.get(commitOf(i)) ?? Number.MAX_SAFE_INTEGER;
  age.clear();
  return new Int32Array(count).map((_, i) => i).sort((a, b) => rank[a]! - rank[b]! || a - b);
}

/**
 * `count` lines, each made when it is written, as git's input: one buffer instead of 100,000
 * strings, their join and its copy as bytes, which validate held beside its batches.
 */
function linesOf(count: number, line: (n: number) => string): Buffer {
  let buffer = Buffer.allocUnsafe(Math.max(count, 1) * 96);
  let size = 0;
  for (let n = 0; n < count; n++) {
    const text = line(n);
    // A line's bytes are at most three per UTF-16 unit, and its newline.
    if (size + text.length * 3 + 1 > buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, size + text.length * 3 + 1));
      buffer.copy(grown, 0, 0, size);
      buffer = grown;
    }
    size += buffer.write(text, size, "utf8");
    buffer[size++] = 0x0a;
  }
  return buffer.subarray(0, size);
}

/** From this many names on, objectIds asks two processes. */
const SPLIT_LOOKUPS = 2000;

/**
 * Every registration tag as [name, peeled commit or "", object], from `git show-ref -d --tags`.
 */
async function registrationRefs(shown: Promise<string>): Promise<string[][]> {
  const out = await shown;
  const rows: string[][] = [];
  scanRegistrationRefs(out, (name, object, peeled) => {
    const row = [
      name,
      peeled < 0 ? "" : out.slice(peeled, out.indexOf(" ", peeled)),
      out.slice(object, out.indexOf(" ", object)),
    ];
    if (rows.push(row) % 4096 === 0) checkYoungGeneration();
  });
  return rows;
}

/**
 * Calls `row` for each tag of `show-ref -d --tags` output whose name has an `@` (a registration,
 * or its deletion), with where its object id and its peeled commit (-1 for none) start; a peeled
 * tag's `^{}` line follows its own. Other tags are skipped before any parsing.
 */
function scanRegistrationRefs(
  out: string,
  row: (name: string, object: number, peeled: number) => void,
): void {
  const prefix = " refs/tags/";
  let pending: { name: string; object: number } | null = null;
  for (let pos = 0; pos < out.length; ) {
    let eol = out.indexOf("\n", pos);
    if (eol < 0) eol = out.length;
    const space = out.indexOf(" ", pos);
    const line = pos;
    pos = eol + 1;
    if (space < 0 || space > eol || !out.startsWith(prefix, space)) continue;
    const start = space + prefix.length;
    if (out.endsWith("^{}", eol)) {
      if (pending && out.startsWith(pending.name, start) && start + pending.name.length === eol - 3)
        row(pending.name, pending.object, line);
      pending = null;
      continue;
    }
    if (pending) row(pending.name, pending.object, -1);
    pending = null;
    const at = out.indexOf("@", start);
    if (at < 0 || at > eol) continue; // a stage tag or any other tag
    pending = { name: out.slice(start, eol), object: line };
  }
  if (pending) row(pending.name, pending.object, -1);
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
  scope: ReadonlyMap<string, { versions: { has(version: string): boolean } }>,
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
