import { type Dirent, readdirSync } from "node:fs";
import { usage } from "../../domain/errors.js";
import { error, type Problem } from "../../domain/problems.js";
import type { Registry } from "../core/registry.js";
import { type Files, readFolderSync } from "./listing.js";
import type { VersionRef } from "./validate.js";

/** validate --base: what changed since the base, and the checks only a base makes possible. */

export interface ChangesSince {
  problems: Problem[];
  touched: Map<string, Set<string> | "all">;
  baseVersions: Set<string>;
  added: VersionRef[];
  removed: VersionRef[];
  stagesChanged: string[];
}

/** `models/churn` for any path below it (the path itself when it is not below the root). */
export function modelFolderOf(registry: Registry, path: string): string {
  const prefix = `${registry.root}/`;
  return path.startsWith(prefix) ? `${prefix}${path.slice(prefix.length).split("/")[0]}` : path;
}

export interface DiffSince {
  baseCommit: string;
  /** Registry paths changed between the base and the work tree (untracked files as added). */
  changes: { status: string; path: string }[];
}

/**
 * The registry's changes since `base`: one diff against the work tree (tracked files), and the
 * untracked files of folders git does not know (new models, new versions; see
 * `untrackedFolders`). Untracked files inside the touched models come from their status later.
 */
export async function diffSince(registry: Registry, base: string): Promise<DiffSince> {
  const git = registry.git;
  const root = registry.root;
  // The base is resolved beside the diff, which takes the same name.
  const [baseCommit, diff, untracked] = await Promise.all([
    git.commitOf(base),
    git.list(["diff", "--name-status", "-z", "--no-renames", "--end-of-options", base, "--", root], {
      allowFailure: true,
    }),
    untrackedFolders(registry),
  ]);
  if (!baseCommit)
    throw usage(`unknown base ${base}`, {
      hint: "pass a branch, tag or commit (fetch it first in a shallow clone)",
    });
  const changes: { status: string; path: string }[] = [];
  for (let i = 0; i + 1 < diff.length; i += 2) changes.push({ status: diff[i]!, path: diff[i + 1]! });
  for (const path of untracked) changes.push({ status: "A", path });
  return { baseCommit, changes };
}

/**
 * Untracked files in the registry's new places: model folders, version folders and files that
 * the work tree holds but HEAD does not. Found by listing the root and each model folder (about
 * 100 `readdir` for 10,000 versions) against one `ls-tree` of HEAD at the same two levels, then
 * one `ls-files -o` of just those places (it applies the ignore rules). Not a scan of every
 * version folder: `git ls-files -o` of the whole registry reads 10,000 folders (about 120 ms),
 * and an untracked file inside a version folder HEAD holds is found by the whole `validate`,
 * or by `--base` when its model changed.
 */
export async function untrackedFolders(registry: Registry): Promise<string[]> {
  const root = registry.root;
  let entries: Dirent[];
  try {
    entries = readdirSync(registry.rootPath, { withFileTypes: true });
  } catch {
    return [];
  }
  const models = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  const inHead = registry.git.list(
    ["ls-tree", "--name-only", "-z", "HEAD", "--", `${root}/`, ...models.map((m) => `${root}/${m}/`)],
    { allowFailure: true },
  );
  inHead.catch(() => {}); // awaited below
  const here: string[] = entries.filter((e) => !e.isDirectory()).map((e) => `${root}/${e.name}`);
  const modelFolders = new Set<string>();
  for (const model of models) {
    const folder = `${root}/${model}`;
    modelFolders.add(folder);
    for (const name of readFolderSync(registry.abs(folder))) here.push(`${folder}/${name}`);
  }
  const known = new Set<string>();
  for (const path of await inHead) {
    known.add(path);
    known.add(path.slice(0, path.lastIndexOf("/"))); // its model folder
  }
  const candidates = [...modelFolders].filter((f) => !known.has(f));
  for (const path of here) {
    if (known.has(path)) continue;
    const folder = path.slice(0, path.lastIndexOf("/"));
    // In a model folder HEAD does not hold, the folder itself is the candidate.
    if (folder === root || known.has(folder)) candidates.push(path);
  }
  if (candidates.length === 0) return [];
  return registry.git.list([
    "ls-files",
    "-o",
    "-z",
    "--exclude-standard",
    "--",
    ...candidates.map((c) => `:(literal)${c}`),
  ]);
}

/** What changed between `base` and the work tree, and the checks only a base makes possible. */
export async function changesSince(
  registry: Registry,
  base: string,
  files: Files,
  { baseCommit, changes }: DiffSince,
): Promise<ChangesSince> {
  const git = registry.git;
  const root = registry.root;

  const problems: Problem[] = [];
  const touched = new Map<string, Set<string> | "all">();
  const versionKeys = new Set<string>();
  const modelFiles = new Set<string>();
  for (const { path } of changes) {
    const parts = path.slice(root.length + 1).split("/");
    if (parts.length === 2) modelFiles.add(path);
    if (parts.length >= 3) versionKeys.add(`${parts[0]}/${parts[1]}`);
    const [model, version] = parts;
    if (!model) continue;
    const set = touched.get(model);
    if (set === "all") continue;
    const next = set ?? new Set<string>();
    if (parts.length >= 3 && version) next.add(version);
    touched.set(model, next);
  }
  // Which touched versions existed at the base (one batch), and the base's model files.
  const probe = [...versionKeys].map((k) => `${baseCommit}:${root}/${k}/metadata.json`);
  const baseFiles = [...modelFiles].map((p) => `${baseCommit}:${p}`);
  const objects = await git.catFile([...probe, ...baseFiles]);
  const baseVersions = new Set(
    [...versionKeys].filter((k) => objects.get(`${baseCommit}:${root}/${k}/metadata.json`)),
  );

  // "<model>/<version>" of every listed file: the path below the root (which may be several folders deep).
  const presentNow = new Set(
    [...files.keys()].map((p) =>
      p
        .slice(root.length + 1)
        .split("/")
        .slice(0, 2)
        .join("/"),
    ),
  );
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
  for (const path of modelFiles) {
    const name = path.split("/").at(-1);
    const model = path.split("/").at(-2)!;
    const before = objects.get(`${baseCommit}:${path}`)?.content.toString("utf8") ?? null;
    if (name === "stages.json") stagesChanged.push(model);
    if ((name === "history.jsonl" || name === "monitoring.jsonl") && before !== null) {
      const now = registry.readText(path) ?? "";
      if (!now.startsWith(before)) {
        const line = firstDifferingLine(before, now);
        problems.push(
          error(path, `rewrites line ${line} of the file as it was at ${base}; ${name} is append-only`, {
            line,
            hint: "only append lines",
          }),
        );
      }
    }
  }
  return { problems, touched, baseVersions, added, removed, stagesChanged };
}

export function firstDifferingLine(a: string, b: string): number {
  const la = a.split("\n");
  const lb = b.split("\n");
  const i = la.findIndex((line, n) => line !== lb[n]);
  return (i < 0 ? la.length : i) + 1;
}
