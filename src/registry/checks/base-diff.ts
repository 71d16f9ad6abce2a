import { type Dirent, existsSync, lstatSync } from "node:fs";
import type { ZodMiniType } from "zod/mini";
import { GitModelError, usage } from "../../domain/errors.js";
import { type JsonlIssue, parseJsonl } from "../../domain/jsonl.js";
import { error, type Problem } from "../../domain/problems.js";
import { type CatFileObject, type TreeEntry, treeIdOf } from "../../infra/git.js";
import { type IndexRead, readGitIndex, worktreeMatches } from "../../infra/git-index.js";
import type { Registry } from "../core/registry.js";
import { type Files, isLink, type Listing, readFolderEntries } from "./listing.js";
import type { VersionRef } from "./validate.js";

/** validate --base: what changed since the base, and the checks only a base makes possible. */

export interface ChangesSince {
  problems: Problem[];
  /** The versions the change touches, by model (an empty set: no version folder of it changed). */
  touched: Map<string, Set<string>>;
  baseVersions: Set<string>;
  added: VersionRef[];
  removed: VersionRef[];
  stagesChanged: string[];
  /**
   * The line problems of each changed history.jsonl and monitoring.jsonl, in the lines added
   * since the base (all of them when the file is new or was rewritten): the base's lines are not
   * the change's (the whole validate checks them).
   */
  jsonl: Map<string, JsonlIssue[]>;
}

/** `models/churn` for any path below it (the path itself when it is not below the root). */
function modelFolderOf(registry: Registry, path: string): string {
  const prefix = `${registry.root}/`;
  return path.startsWith(prefix) ? `${prefix}${path.slice(prefix.length).split("/")[0]}` : path;
}

export interface DiffSince {
  baseCommit: string;
  /** Registry paths changed between the base and the work tree (untracked files as added). */
  changes: { status: string; path: string }[];
  /** The files of the models the changes touch, as validate's listing (listing.ts) gives them. */
  listing: Promise<Listing>;
  /** What changesSince reads of the base for the commits' changes, read while git reads the index. */
  baseObjects: Promise<Map<string, CatFileObject | null>>;
}

const MODEL_LEVEL_FILES = ["stages.json", "history.jsonl", "monitoring.jsonl"];

/**
 * The registry's changes since `base`, found at the cost of the change, never of the registry
 * (docs/benchmarks.md, "validate --base"): the commits since the base from one `diff-tree` of
 * the base's and HEAD's trees (git reads only the trees along the changed paths), and of the work
 * tree what can change without a commit being made for it: every model's stages.json,
 * history.jsonl and monitoring.jsonl, and new model folders. The git index, 300,000 entries at
 * 100,000 versions, is read in node (src/infra/git-index.ts) while git diffs: when it records
 * HEAD's tree for the root and the files of the touched folders and the model files match their
 * entries, as in a fresh checkout, nothing more is asked of git. Otherwise (something staged,
 * an edit, a file written in the second the index was whose content needs git's filters) git
 * answers: one `status` of the model files and of the folders the commits touched (models
 * touched only by an uncommitted model file cost a second one), one `ls-files` of the model files
 * (which of them git tracks), and HEAD's trees of the touched folders. Not a diff of the base
 * against the whole work tree: that stats every tracked file. So an uncommitted edit inside a
 * version folder of a model that nothing else touches is left to the whole `validate`; a pull
 * request's check works on commits.
 */
export async function diffSince(
  registry: Registry,
  base: string,
  /** Called with the commits' changes as soon as they are known, before the work tree's. */
  onCommits?: (changes: readonly { status: string; path: string }[]) => void,
): Promise<DiffSince> {
  const git = registry.git;
  const root = registry.root;
  const entries = readFolderEntries(registry.rootPath) ?? [];
  const models = entries.filter((e) => e.isDirectory()).map((e) => `${root}/${e.name}`);
  const globs = models.length ? MODEL_LEVEL_FILES.map((name) => `:(glob)${root}/*/${name}`) : [];
  // The diff starts first (a spawn holds node's thread 5-10 ms), the base is resolved beside it,
  // and the root's entries at HEAD (whose tree the index's record is compared with) then.
  const diff = git.diffTrees(base, "HEAD", [root]);
  const resolved = git.commitOf(base);
  const rootInHead =
    entries.length === 0 ? Promise.resolve([]) : git.lsTree("HEAD", [`${root}/`], { recursive: false });
  const [baseCommit, committed, inHead] = await Promise.all([resolved, diff, rootInHead]);
  if (!baseCommit)
    throw usage(`unknown base ${base}`, {
      hint: "pass a branch, tag or commit (fetch it first in a shallow clone)",
    });
  const changes = new Map(committed.map(({ status, path }) => [path, status]));
  const byCommits = foldersOf(registry, changes.keys());
  const baseObjects = git.catFile(baseNames(registry, baseCommit, changes.keys()));
  baseObjects.catch(() => {}); // awaited by changesSince
  // The model files of the model folders on disk and of those HEAD has (one the work tree lost,
  // or put a link in place of, is a change the status shows).
  const inHeadModels = inHead.filter((e) => e.type === "tree").map((e) => e.path);
  const modelFiles = [...new Set([...models, ...inHeadModels])].flatMap((m) =>
    MODEL_LEVEL_FILES.map((name) => `${m}/${name}`),
  );
  // The index read in node while git reads the base; git is asked when that says nothing.
  const index =
    baseCommit.length === 40 // SHA-1: the reader knows no other
      ? readGitIndex(git.gitDir, { folders: byCommits, files: modelFiles, trees: [root] })
      : null;
  /** The git processes' answer, when the index read gives none. */
  const askGit = async (): Promise<WorktreeAnswer> => {
    // Which model files git tracks: an ls-files (50 ms of git at 100,000 versions, where HEAD's
    // 100 model trees were 70 ms and more in node: deltas 50 deep).
    const tracked = globs.length ? git.list(["ls-files", "-z", "--", ...globs]) : Promise.resolve([]);
    const [rows, headListing, inIndex] = await Promise.all([
      worktreeStatus(registry, [...byCommits, ...globs]),
      git.lsTree("HEAD", byCommits),
      tracked,
    ]);
    return { rows, headListing, inIndex: new Set(inIndex) };
  };
  const worktree = (index && cleanAgainstHead(registry, index, inHead, byCommits, modelFiles)) ?? askGit();
  worktree.catch(() => {}); // awaited below
  onCommits?.(committed);
  // The files on disk of the version folders the commits changed, read while git reads the index.
  const committedVersions = versionFoldersOf(registry, changes.keys());
  const walked = new Map([...committedVersions].map((folder) => [folder, filesBelow(registry, folder)]));
  const { rows, headListing, inIndex } = await worktree;

  // The model files' uncommitted changes, and the ones git does not track (new, or never added).
  for (const [path, row] of rows) {
    const parts = path.slice(root.length + 1).split("/");
    if (parts.length === 2 && MODEL_LEVEL_FILES.includes(parts[1]!) && !changes.has(path))
      changes.set(path, statusLetter(row.xy));
  }
  const missing = modelFiles.filter((path) => !inIndex.has(path) && existsSync(registry.abs(path)));
  const candidates = rootEntriesNotIn(registry, entries, inHead);
  const untracked = await untrackedAmong(
    [...missing, ...candidates].map((p) => `:(literal)${p}`),
    registry,
  );
  for (const path of untracked) if (!changes.has(path)) changes.set(path, "A");

  const touched = foldersOf(registry, changes.keys());
  const others = touched.filter((folder) => !byCommits.includes(folder));
  const listing = Promise.all([git.lsTree("HEAD", others), worktreeStatus(registry, others)]).then(
    ([otherHead, otherRows]) =>
      listTouched(registry, touched, [...headListing, ...otherHead], new Map([...rows, ...otherRows]), {
        committedVersions,
        walked,
      }),
  );
  return {
    baseCommit,
    changes: [...changes].map(([path, status]) => ({ status, path })),
    listing,
    baseObjects,
  };
}

/** What the work tree and the index hold of the touched folders and the model files. */
interface WorktreeAnswer {
  /** `status` rows of what differs from HEAD. */
  rows: Map<string, StatusRow>;
  /** HEAD's files of the touched folders. */
  headListing: TreeEntry[];
  /** The model files git tracks. */
  inIndex: Set<string>;
}

/**
 * The answer from the index read in node (no git process) when the index holds HEAD's registry
 * and the work tree's files of these folders and model files match it: no rows, HEAD's files of
 * the folders, and which model files git tracks. Null, and git is asked, when the index's
 * cache-tree does not record HEAD's tree for the root (something was staged, or the index is
 * not one git wrote after HEAD), or any file differs from its entry.
 */
function cleanAgainstHead(
  registry: Registry,
  index: IndexRead,
  rootInHead: readonly TreeEntry[],
  folders: readonly string[],
  modelFiles: readonly string[],
): Promise<WorktreeAnswer> | null {
  if (rootInHead.length === 0 || index.trees.get(registry.root) !== treeIdOf(rootInHead)) return null;
  if (!worktreeMatches(registry.top, index)) return null;
  const tracked = new Set(modelFiles);
  return Promise.resolve({
    rows: new Map(),
    headListing: index.entries
      .filter((e) => isWithin(folders, e.path))
      .map((e) => ({ mode: e.mode.toString(8).padStart(6, "0"), type: "blob", oid: e.oid, path: e.path })),
    inIndex: new Set(index.entries.map((e) => e.path).filter((path) => tracked.has(path))),
  });
}

/** Whether the path is one of the folders or below one. */
function isWithin(folders: readonly string[], path: string): boolean {
  return folders.some((f) => path === f || path.startsWith(`${f}/`));
}

/**
 * What changesSince reads of the base for these changed paths: the metadata.json of each touched
 * version (whether it was registered at the base) and each changed model file.
 */
function baseNames(registry: Registry, baseCommit: string, paths: Iterable<string>): string[] {
  const root = registry.root;
  const names = new Set<string>();
  for (const path of paths) {
    const parts = path.slice(root.length + 1).split("/");
    if (parts.length === 2) names.add(`${baseCommit}:${path}`);
    if (parts.length >= 3) names.add(`${baseCommit}:${root}/${parts[0]}/${parts[1]}/metadata.json`);
  }
  return [...names];
}

/** The model folder (or root-level path) of each path, once each, in first-seen order. */
function foldersOf(registry: Registry, paths: Iterable<string>): string[] {
  return [...new Set([...paths].map((p) => modelFolderOf(registry, p)))];
}

/** A `status --porcelain=v2` row: its code in the short format's form, and what the index holds. */
interface StatusRow {
  xy: string;
  /** The index's object id when it holds the path (stage 0, or the last conflict stage). */
  indexOid: string | null;
  /** Whether the index holds the path as a symbolic link (in any stage). */
  indexLink: boolean;
}

/**
 * What the index and the work tree changed of these paths, against HEAD and the index: one
 * `status` without the untracked scan (which, with the model files' globs, would walk every
 * version folder), in porcelain v2 for the index's modes and ids.
 */
async function worktreeStatus(
  registry: Registry,
  pathspecs: readonly string[],
): Promise<Map<string, StatusRow>> {
  const rows = new Map<string, StatusRow>();
  if (pathspecs.length === 0) return rows;
  const out = await registry.git.list(
    [
      "status",
      "--porcelain=v2",
      "-z",
      "--untracked-files=no",
      "--no-renames",
      "--",
      ...pathspecs.map((p) => (p.startsWith(":(") ? p : `:(literal)${p}`)),
    ],
    { allowFailure: true },
  );
  const short = (xy: string) => xy.replaceAll(".", " ");
  for (const row of out) {
    if (row.startsWith("1 ")) {
      // 1 XY sub mH mI mW hH hI path
      const f = fields(row, 8);
      const xy = short(f[1]!);
      rows.set(f[8]!, { xy, indexOid: xy[0] === "D" ? null : f[7]!, indexLink: f[4] === "120000" });
    } else if (row.startsWith("u ")) {
      // u XY sub m1 m2 m3 mW h1 h2 h3 path
      const f = fields(row, 10);
      const stages = [7, 8, 9].map((i) => f[i]!).filter((oid) => !/^0+$/.test(oid));
      rows.set(f[10]!, {
        xy: short(f[1]!),
        indexOid: stages.at(-1) ?? null,
        indexLink: [3, 4, 5].some((i) => f[i] === "120000"),
      });
    }
  }
  return rows;
}

/** The first `count` space-separated fields of a row, then the rest (a path may hold spaces). */
function fields(row: string, count: number): string[] {
  const out: string[] = [];
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const space = row.indexOf(" ", pos);
    out.push(row.slice(pos, space));
    pos = space + 1;
  }
  out.push(row.slice(pos));
  return out;
}

/** Paths git reports as untracked (the ignore rules applied) among these pathspecs; none asked, no process. */
function untrackedAmong(pathspecs: readonly string[], registry: Registry): Promise<string[]> {
  if (pathspecs.length === 0) return Promise.resolve([]);
  return registry.git.list(["ls-files", "-o", "-z", "--exclude-standard", "--", ...pathspecs]);
}

/** A `status --porcelain` code as a diff's letter: added (untracked too), deleted, else modified. */
export function statusLetter(xy: string): string {
  if (xy === "??" || xy[0] === "A") return "A";
  return xy.includes("D") ? "D" : "M";
}

/** Entries of the root folder that HEAD does not hold: new model folders, new files beside them. */
function rootEntriesNotIn(
  registry: Registry,
  entries: readonly Dirent[],
  inHead: readonly TreeEntry[],
): string[] {
  const known = new Set(inHead.map((e) => e.path));
  return entries.map((e) => `${registry.root}/${e.name}`).filter((path) => !known.has(path));
}

/**
 * validate's listing (listing.ts) of the touched folders, built from HEAD's trees and the status
 * rows instead of the index: a path the status did not report is in the index and the work tree
 * as HEAD has it. Files the index does not hold are looked for on disk in each model folder's own
 * files and in the version folders the change touches or HEAD does not hold; git is asked about
 * them (ignore rules) only when there are any. An untracked file in a version folder that nothing
 * else touches is left to the whole validate, as in a model nothing touches (docs/decisions/core.md):
 * a model of 1,000 versions is not walked for a change of one.
 */
async function listTouched(
  registry: Registry,
  folders: readonly string[],
  head: readonly TreeEntry[],
  rows: Map<string, StatusRow>,
  /** The version folders the commits changed, and the files on disk of those walked already. */
  disk: { committedVersions: ReadonlySet<string>; walked: Map<string, string[]> },
): Promise<Listing> {
  const files: Files = new Map();
  const changed = new Map<string, string>();
  const links: string[] = [];
  const inIndex = new Set<string>();
  const within = (path: string) => isWithin(folders, path);
  for (const entry of head) {
    if (rows.has(entry.path)) continue;
    inIndex.add(entry.path);
    files.set(entry.path, entry.oid);
    if (entry.mode === "120000") links.push(entry.path);
  }
  const mine = [...rows].filter(([path]) => within(path));
  for (const [path, row] of mine) {
    if (row.xy[0] !== "D" || row.indexOid) inIndex.add(path);
    if (row.indexLink) links.push(path);
  }
  for (const [path, { xy, indexOid }] of mine) {
    changed.set(path, xy);
    if (xy.includes("T") && !links.includes(path) && isLink(registry.abs(path))) links.push(path);
    if (xy[1] === "D" || (xy[0] === "D" && xy[1] === " ")) files.delete(path);
    else files.set(path, xy[1] === " " ? indexOid : null);
  }
  const inHead = versionFoldersOf(
    registry,
    head.map((e) => e.path),
  );
  const byRows = versionFoldersOf(
    registry,
    mine.map(([path]) => path),
  );
  const walkInto = (folder: string) =>
    disk.committedVersions.has(folder) || byRows.has(folder) || !inHead.has(folder);
  const notInIndex = folders
    .flatMap((f) => filesOnDisk(registry, f, walkInto, disk.walked))
    .filter((p) => !inIndex.has(p));
  if (notInIndex.length) {
    // Asked by folder (a new version's files are one pathspec), a model folder's own files by name.
    const depth = (path: string) => path.slice(registry.root.length + 1).split("/").length;
    const pathspecs = new Set(notInIndex.map((p) => (depth(p) <= 2 ? p : p.slice(0, p.lastIndexOf("/")))));
    for (const path of await untrackedAmong(
      [...pathspecs].map((p) => `:(literal)${p}`),
      registry,
    )) {
      changed.set(path, "??");
      if (!links.includes(path) && isLink(registry.abs(path))) links.push(path);
      files.set(path, null);
    }
  }
  return { files, changed, links };
}

/** The version folders (`<root>/<model>/<version>`) that these paths are in, once each. */
function versionFoldersOf(registry: Registry, paths: Iterable<string>): Set<string> {
  const prefix = `${registry.root}/`;
  const folders = new Set<string>();
  for (const path of paths) {
    if (!path.startsWith(prefix)) continue;
    const model = path.indexOf("/", prefix.length);
    const version = model < 0 ? -1 : path.indexOf("/", model + 1);
    if (version > 0) folders.add(path.slice(0, version));
  }
  return folders;
}

/**
 * The files on disk of a touched folder (a model folder, or a path beside them): its own files,
 * and those below the folders in it that `walkInto` names (`walked` keeps each folder's files).
 */
function filesOnDisk(
  registry: Registry,
  folder: string,
  walkInto: (folder: string) => boolean,
  walked: Map<string, string[]>,
): string[] {
  const info = lstatSync(registry.abs(folder), { throwIfNoEntry: false });
  if (!info?.isDirectory()) return filesBelow(registry, folder);
  const found: string[] = [];
  for (const entry of readFolderEntries(`${registry.top}/${folder}`) ?? []) {
    const path = `${folder}/${entry.name}`;
    if (!entry.isDirectory()) found.push(path);
    else if (walkInto(path)) {
      let below = walked.get(path);
      if (!below) {
        below = filesBelow(registry, path);
        walked.set(path, below);
      }
      found.push(...below);
    }
  }
  return found;
}

/**
 * Every file (and link) at or below a repository path in the work tree, by its repository path:
 * a readdir per folder, its paths joined as they are (path.join's normalizing was a third of the
 * walk of a model of 1,000 versions).
 */
function filesBelow(registry: Registry, path: string): string[] {
  const info = lstatSync(registry.abs(path), { throwIfNoEntry: false });
  if (!info) return [];
  if (!info.isDirectory()) return [path];
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readFolderEntries(`${registry.top}/${folder}`) ?? []) {
      const below = `${folder}/${entry.name}`;
      if (entry.isDirectory()) walk(below);
      else found.push(below);
    }
  };
  walk(path);
  return found;
}

/** What changed between `base` and the work tree, and the checks only a base makes possible. */
export async function changesSince(
  registry: Registry,
  base: string,
  files: Files,
  { baseCommit, changes, baseObjects }: DiffSince,
  /** The JSONL files' line schemas, by file name. */
  schemas: Readonly<Record<string, ZodMiniType<unknown>>>,
): Promise<ChangesSince> {
  const git = registry.git;
  const root = registry.root;

  const problems: Problem[] = [];
  const touched = new Map<string, Set<string>>();
  const versionKeys = new Set<string>();
  const modelFiles = new Set<string>();
  for (const { path } of changes) {
    const parts = path.slice(root.length + 1).split("/");
    if (parts.length === 2) modelFiles.add(path);
    if (parts.length >= 3) versionKeys.add(`${parts[0]}/${parts[1]}`);
    const [model, version] = parts;
    if (!model) continue;
    const versions = touched.get(model) ?? new Set<string>();
    if (parts.length >= 3 && version) versions.add(version);
    touched.set(model, versions);
  }
  // Which touched versions existed at the base, and the base's model files: read beside the
  // status for the commits' changes, and here for what the work tree added to them.
  const read = await baseObjects;
  const later = baseNames(
    registry,
    baseCommit,
    changes.map((c) => c.path),
  ).filter((name) => !read.has(name));
  const objects = later.length ? new Map([...read, ...(await git.catFile(later))]) : read;
  const baseVersions = new Set(
    [...versionKeys].filter((k) => objects.get(`${baseCommit}:${root}/${k}/metadata.json`)),
  );

  // "<model>/<version>" of every listed file: the path below the root (which may be several folders deep).
  const presentNow = new Set<string>();
  const start = root.length + 1;
  for (const path of files.keys()) {
    const first = path.indexOf("/", start);
    const second = first < 0 ? -1 : path.indexOf("/", first + 1);
    presentNow.add(path.slice(start, second < 0 ? undefined : second));
  }
  const added: VersionRef[] = [];
  const removed: VersionRef[] = [];
  for (const key of versionKeys) {
    const [model, version] = key.split("/") as [string, string];
    const existsNow = presentNow.has(key);
    if (!baseVersions.has(key)) {
      if (existsNow) added.push({ model, version });
      continue;
    }
    if (!existsNow) {
      removed.push({ model, version });
      continue;
    }
    for (const c of changes.filter((ch) => ch.path.startsWith(`${root}/${key}/`))) {
      problems.push(
        error(
          c.path,
          `${c.status === "D" ? "removed from" : c.status === "A" ? "added to" : "edited in"} ${model}@${version}, which was registered at ${base}; registered versions are immutable`,
          {
            hint: "register a new version instead",
          },
        ),
      );
    }
  }
  const stagesChanged: string[] = [];
  const jsonl = new Map<string, JsonlIssue[]>();
  for (const path of modelFiles) {
    const name = path.split("/").at(-1)!;
    const model = path.split("/").at(-2)!;
    const before = objects.get(`${baseCommit}:${path}`)?.content.toString("utf8") ?? null;
    if (name === "stages.json") stagesChanged.push(model);
    const schema = schemas[name];
    if (!schema) continue;
    let now: string | null;
    try {
      now = registry.readText(path);
    } catch (e) {
      // A link in its place: reported by the listing, never followed.
      if (e instanceof GitModelError) continue;
      throw e;
    }
    if (now === null) continue;
    // The lines since the base: from the base's last line on (which a torn append continues).
    let from = 0;
    if (before !== null && now.startsWith(before)) from = before.lastIndexOf("\n") + 1;
    else if (before !== null) {
      const line = firstDifferingLine(before, now);
      problems.push(
        error(path, `rewrites line ${line} of the file as it was at ${base}; ${name} is append-only`, {
          line,
          hint: "only append lines",
        }),
      );
    }
    let skipped = 0;
    for (let i = now.indexOf("\n"); i >= 0 && i < from; i = now.indexOf("\n", i + 1)) skipped++;
    const { issues } = parseJsonl(now.slice(from), schema);
    jsonl.set(
      path,
      issues.map((issue) => ({ ...issue, line: issue.line + skipped })),
    );
  }
  return { problems, touched, baseVersions, added, removed, stagesChanged, jsonl };
}

export function firstDifferingLine(a: string, b: string): number {
  const la = a.split("\n");
  const lb = b.split("\n");
  const i = la.findIndex((line, n) => line !== lb[n]);
  return (i < 0 ? la.length : i) + 1;
}
