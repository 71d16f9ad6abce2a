import { type Dirent, existsSync, readdirSync } from "node:fs";
import { usage } from "../../domain/errors.js";
import { error, type Problem } from "../../domain/problems.js";
import type { Registry } from "../core/registry.js";
import type { Files } from "./listing.js";
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
 * The registry's changes since `base`, found at the cost of the change, never of the registry
 * (docs/benchmarks.md, "validate --base"): the commits since the base from one `diff-tree` of
 * the base's and HEAD's trees (git reads only the trees along the changed paths), and of the work
 * tree what can change without a commit being made for it: every model's stages.json,
 * history.jsonl and monitoring.jsonl (one `status` of those paths) and new model folders
 * (the root's folders against HEAD's). The touched models' own uncommitted and untracked files
 * come from their status later (listing.ts). Not a diff of the base against the whole work
 * tree: that stats every tracked file, 300,000 at 100,000 versions. So an uncommitted edit inside
 * a version folder of a model that nothing else touched is left to the whole `validate`; a pull
 * request's check works on commits.
 */
export async function diffSince(registry: Registry, base: string): Promise<DiffSince> {
  const git = registry.git;
  const root = registry.root;
  const entries = readFolderEntries(registry.rootPath);
  const models = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  // The base is resolved beside the diff, which takes the same name.
  const [baseCommit, committed, uncommitted, untracked] = await Promise.all([
    git.commitOf(base),
    git.list(
      [
        "diff-tree",
        "-r",
        "-z",
        "--name-status",
        "--no-renames",
        "--end-of-options",
        base,
        "HEAD",
        "--",
        root,
      ],
      { allowFailure: true },
    ),
    models.length === 0 ? Promise.resolve([]) : uncommittedModelFiles(registry, models),
    newFolders(registry, entries),
  ]);
  if (!baseCommit)
    throw usage(`unknown base ${base}`, {
      hint: "pass a branch, tag or commit (fetch it first in a shallow clone)",
    });
  const changes = new Map<string, string>();
  for (let i = 0; i + 1 < committed.length; i += 2) changes.set(committed[i + 1]!, committed[i]!);
  for (const row of uncommitted) {
    const path = row.slice(3);
    if (!changes.has(path)) changes.set(path, statusLetter(row.slice(0, 2)));
  }
  for (const path of untracked) if (!changes.has(path)) changes.set(path, "A");
  return { baseCommit, changes: [...changes].map(([path, status]) => ({ status, path })) };
}

const MODEL_LEVEL_FILES = ["stages.json", "history.jsonl", "monitoring.jsonl"];

/**
 * The `status` rows of every model's stages.json, history.jsonl and monitoring.jsonl. Tracked
 * ones from one `status` with three glob pathspecs and no untracked scan (the index, matched
 * three ways per entry); untracked ones by looking for the files the index does not hold (none
 * in a registry whose models all have them), through `ls-files -o` for the ignore rules. Not
 * one status of the 300 paths by name: git matched every index entry and every folder entry of
 * the model folders against all 300 (5 s at 100,000 versions).
 */
async function uncommittedModelFiles(registry: Registry, models: readonly string[]): Promise<string[]> {
  const git = registry.git;
  const globs = MODEL_LEVEL_FILES.map((name) => `:(glob)${registry.root}/*/${name}`);
  const [rows, tracked] = await Promise.all([
    git.list(["status", "--porcelain", "-z", "--untracked-files=no", "--no-renames", "--", ...globs], {
      allowFailure: true,
    }),
    git.list(["ls-files", "-z", "--", ...globs], { allowFailure: true }),
  ]);
  const known = new Set(tracked);
  const missing = models
    .flatMap((m) => MODEL_LEVEL_FILES.map((name) => `${registry.root}/${m}/${name}`))
    .filter((path) => !known.has(path) && existsSync(registry.abs(path)));
  if (missing.length === 0) return rows;
  const untracked = await git.list(
    ["ls-files", "-o", "-z", "--exclude-standard", "--", ...missing.map((p) => `:(literal)${p}`)],
    { allowFailure: true },
  );
  return [...rows, ...untracked.map((path) => `?? ${path}`)];
}

/** A `status --porcelain` code as a diff's letter: added (untracked too), deleted, else modified. */
export function statusLetter(xy: string): string {
  if (xy === "??" || xy[0] === "A") return "A";
  return xy.includes("D") ? "D" : "M";
}

function readFolderEntries(path: string): Dirent[] {
  try {
    return readdirSync(path, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * Untracked files in model folders, and files at the root, that HEAD does not hold: the root's
 * entries against one `ls-tree` of HEAD's root folder, then one `ls-files -o` of just those
 * places (it applies the ignore rules). A new version folder in a model that nothing else
 * touched is found by the whole `validate`, or by `--base` once it is committed.
 */
async function newFolders(registry: Registry, entries: readonly Dirent[]): Promise<string[]> {
  const root = registry.root;
  if (entries.length === 0) return [];
  const inHead = new Set(
    await registry.git.list(["ls-tree", "--name-only", "-z", "HEAD", "--", `${root}/`], {
      allowFailure: true,
    }),
  );
  const candidates = entries.map((e) => `${root}/${e.name}`).filter((path) => !inHead.has(path));
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
