import { type Dirent, lstatSync, readdirSync } from "node:fs";
import { isModelName } from "../../domain/names.js";
import { compareText } from "../../domain/order.js";
import { error, type Problem, warning } from "../../domain/problems.js";
import { LINK_MODE, readGitIndex } from "../../infra/git-index.js";
import type { Registry } from "../core/registry.js";

/** validate's listing: what git knows of the registry's files, grouped by model and version. */

/** Repository path -> its index blob when the file is tracked and unchanged in the work tree, else null. */
export type Files = Map<string, string | null>;

/** `git status` of the paths, every untracked file named: `<XY> <path>` rows. */
export const statusArgs = (pathspecs: readonly string[]) => [
  "status",
  "--porcelain",
  "-z",
  "--untracked-files=all",
  "--no-renames",
  "--",
  ...pathspecs,
];

export interface Listing {
  files: Files;
  /** What the work tree changed: path -> the `status --porcelain` code (`??` when untracked). */
  changed: Map<string, string>;
  /** Symbolic links in the registry, committed or not: reported, never followed. */
  links: string[];
}

/**
 * What git knows of the registry's files: the index (`ls-files -s`) and what the work tree
 * changed (`status`, which also looks for untracked files). Both start now and run while the
 * work tree is parsed (`parseWorkTree`).
 */
export function listRegistryFiles(
  registry: Registry,
  /** The folders to list (default: the registry root); with --base, the touched models only. */
  pathspecs: readonly string[] = [registry.root],
  /** A batch of the whole registry: the registry's one status, and the paths of this batch in it. */
  batch?: { status: Promise<string[]>; keep: (path: string) => boolean },
): Promise<Listing> {
  const git = registry.git;
  if (pathspecs.length === 0) return Promise.resolve({ files: new Map(), changed: new Map(), links: [] });
  // A batch reads its entries of the index in node: `ls-files` would read the whole index (28 MB
  // at 100,000 versions, a quarter of a second of git) for each of some 20 batches. Git's
  // pathspec and the reader's folder both match the path itself and everything below it; what
  // the reader cannot read (a split index, say), git lists.
  const read = batch ? readGitIndex(git.gitDir, { folders: pathspecs, files: [], trees: [] }) : null;
  const listed = read ? "" : git.text(["ls-files", "-s", "-z", "--", ...pathspecs]);
  const status = batch
    ? batch.status.then((rows) => rows.filter((row) => batch.keep(row.slice(3))))
    : git.list(statusArgs(pathspecs));
  return Promise.all([listed, status]).then(([index, rows]) => {
    const files: Files = new Map();
    const links: string[] = [];
    const staged = (path: string, oid: string, link: boolean) => {
      if (batch && !batch.keep(path)) return;
      files.set(path, oid);
      if (link) links.push(path);
    };
    for (const entry of read?.entries ?? []) staged(entry.path, entry.oid, entry.mode === LINK_MODE);
    // "<mode> <oid> <stage>\t<path>\0", read without splitting the whole text first
    for (let pos = 0; pos < index.length; ) {
      let end = index.indexOf("\0", pos);
      if (end < 0) end = index.length;
      const oid = index.indexOf(" ", pos) + 1;
      const tab = index.indexOf("\t", oid);
      if (tab > 0 && tab < end)
        staged(
          index.slice(tab + 1, end),
          index.slice(oid, index.indexOf(" ", oid)),
          index.startsWith("120000 ", pos),
        );
      pos = end + 1;
    }
    const changed = new Map<string, string>();
    for (const row of rows) {
      const xy = row.slice(0, 2);
      const path = row.slice(3);
      changed.set(path, xy);
      // A link not committed yet, or a committed file replaced by one (a type change).
      if ((xy === "??" || xy.includes("T")) && !links.includes(path) && isLink(`${registry.top}/${path}`))
        links.push(path);
      if (xy[1] === "D" || (xy[0] === "D" && xy[1] === " ")) files.delete(path);
      else files.set(path, xy[1] === " " ? (files.get(path) ?? null) : null);
    }
    return { files, changed, links };
  });
}

/** A part of the whole registry that validate checks at once. */
export interface Batch {
  /** Its model folders (every folder under the root, valid model name or not), each whole. */
  wanted: Map<string, "all">;
  /** What it lists: its model folders, and in the first batch what else the root holds. */
  pathspecs: string[];
  /** Whether a listed path is this batch's (a pathspec may match more, `*` in a folder's name). */
  keep: (path: string) => boolean;
}

/**
 * The whole registry in batches of about `size` versions (by the folders each model folder
 * holds, one readdir per model), or null when it holds no more than `onePass`: then one pass
 * lists the root.
 */
export function registryBatches(registry: Registry, size: number, onePass: number): Batch[] | null {
  const entries = readFolderEntries(registry.rootPath);
  if (!entries) return null;
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort(compareText);
  const others = entries.filter((e) => !e.isDirectory()).map((e) => `${registry.root}/${e.name}`);
  const counts = folders.map((model) => readFolderSync(registry.abs(`${registry.root}/${model}`)).length);
  if (counts.reduce((a, b) => a + b, 0) <= onePass) return null;
  const prefix = `${registry.root}/`;
  const batches: Batch[] = [];
  const inFolders = new Set(folders);
  let models: string[] = [];
  let versions = 0;
  const close = () => {
    const first = batches.length === 0;
    const mine = new Set(models);
    batches.push({
      wanted: new Map(models.map((m) => [m, "all"])),
      pathspecs: [...models.map((m) => `${prefix}${m}`), ...(first ? others : [])],
      // The first batch also takes what is in no model folder of the work tree (the root's
      // files, the status of a deleted model folder), as one pass over the root would.
      keep: (path) => {
        const slash = path.startsWith(prefix) ? path.indexOf("/", prefix.length) : -1;
        const model = slash < 0 ? null : path.slice(prefix.length, slash);
        if (model !== null && mine.has(model)) return true;
        return first && (model === null || !inFolders.has(model));
      },
    });
    models = [];
    versions = 0;
  };
  for (const [i, model] of folders.entries()) {
    models.push(model);
    versions += counts[i]!;
    if (versions >= size) close();
  }
  if (models.length || batches.length === 0) close();
  return batches;
}

/** Whether the path is a symbolic link (false when it cannot be read). */
export function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export interface ModelFiles {
  modelFiles: Set<string>;
  versions: Map<string, Set<string>>;
}

export function groupByModel(
  registry: Registry,
  paths: Iterable<string>,
  problems: Problem[],
): Map<string, ModelFiles> {
  const models = new Map<string, ModelFiles>();
  const invalid = new Set<string>();
  const prefix = `${registry.root}/`;
  for (const path of paths) {
    if (!path.startsWith(prefix)) continue;
    // models/<model>/<file>, or models/<model>/<version>/<file...>
    const slash = path.indexOf("/", prefix.length);
    if (slash < 0) {
      problems.push(warning(path, `not part of the registry: ${registry.root}/ holds one folder per model`));
      continue;
    }
    const model = path.slice(prefix.length, slash);
    let entry = models.get(model);
    if (!entry) {
      if (invalid.has(model) || !isModelName(model)) {
        invalid.add(model);
        problems.push(
          error(path, `${JSON.stringify(model)} is not a valid model name`, {
            hint: "model names match ^[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?$",
          }),
        );
        continue;
      }
      entry = { modelFiles: new Set<string>(), versions: new Map<string, Set<string>>() };
      models.set(model, entry);
    }
    const next = path.indexOf("/", slash + 1);
    if (next < 0) entry.modelFiles.add(path.slice(slash + 1));
    else {
      const version = path.slice(slash + 1, next);
      let files = entry.versions.get(version);
      if (!files) {
        files = new Set<string>();
        entry.versions.set(version, files);
      }
      files.add(path.slice(next + 1));
    }
  }
  return models;
}

/**
 * The folders of each model that are versions by its scheme (a semver parse each, so once), and
 * the registered ones among them: those holding a metadata.json, by the listing.
 */
export function versionsByListing(
  registry: Registry,
  scope: Map<string, ModelFiles>,
): { valid: Map<string, Set<string>>; registered: Map<string, Set<string>> } {
  const valid = new Map<string, Set<string>>();
  const registered = new Map<string, Set<string>>();
  for (const [model, entry] of scope) {
    const scheme = registry.scheme(model);
    const versions = new Set<string>();
    const withMetadata = new Set<string>();
    for (const [version, names] of entry.versions) {
      if (scheme.parse(version) !== version) continue;
      versions.add(version);
      if (names.has("metadata.json")) withMetadata.add(version);
    }
    valid.set(model, versions);
    registered.set(model, withMetadata);
  }
  return { valid, registered };
}

/** A folder's entries with their types, or null when it cannot be read. */
export function readFolderEntries(path: string): Dirent[] | null {
  try {
    return readdirSync(path, { withFileTypes: true });
  } catch {
    return null;
  }
}

/** The folders in a folder (by the entry type readdir gives), or null when it cannot be read. */
export function readFolderNames(path: string): string[] | null {
  return (
    readFolderEntries(path)
      ?.filter((e) => e.isDirectory())
      .map((e) => e.name) ?? null
  );
}

/** A folder's entry names, or none when it cannot be read. */
export function readFolderSync(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

export const isMissing = (e: unknown) => {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
};
