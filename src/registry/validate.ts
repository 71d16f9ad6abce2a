import { createHash } from "node:crypto";
import { closeSync, constants, openSync, readFileSync, readSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { GitModelError, usage } from "../domain/errors.js";
import { parseJsonl } from "../domain/jsonl.js";
import { MAX_POINTER_SIZE, parseLfsPointer } from "../domain/lfs.js";
import { MonitoringLineSchema } from "../domain/monitoring.js";
import { assertRelativePath, isModelName } from "../domain/names.js";
import { error, type Problem, warning } from "../domain/problems.js";
import { parseTag } from "../domain/references.js";
import { HistoryLineSchema, type Metadata } from "../domain/schemas.js";
import { readTextIfExists } from "../infra/files.js";
import { parseMetadata, type Registry, readTextSync } from "./registry.js";
import { hashFile } from "./run-folder.js";
import { stageProblems } from "./stages.js";

/**
 * `validate` (DESIGN section 8) and the Action's pull-request check. The registry as the work
 * tree holds it is checked against its formats; with a base ref, only what changed since the
 * base is checked, against the base: the cost follows the change, not the registry.
 */

export interface ValidateOptions {
  /** Repository-relative or absolute paths to limit the check to. */
  paths?: string[];
  /** Check only what changed since this ref, against it. */
  base?: string;
}

export interface VersionRef {
  model: string;
  version: string;
}

export interface ValidationReport {
  problems: Problem[];
  models: number;
  versions: number;
  /** With a base: versions added and removed since it. */
  added: VersionRef[];
  removed: VersionRef[];
  /** With a base: models whose stages.json changed. */
  stagesChanged: string[];
}

interface FileEntry {
  /** Index blob, when the file is tracked and unchanged in the work tree. */
  oid: string | null;
}

/** What git knows of the registry's files: the index, and what the work tree changed. */
async function listRegistryFiles(
  registry: Registry,
  /** The folders to list (default: the registry root); with --base, the touched models only. */
  pathspecs: readonly string[] = [registry.root],
): Promise<{ files: Map<string, FileEntry>; changed: Set<string> }> {
  const git = registry.git;
  if (pathspecs.length === 0) return { files: new Map(), changed: new Set() };
  const [status, staged] = await Promise.all([
    git.list(["status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--", ...pathspecs]),
    git.list(["ls-files", "-s", "-z", "--", ...pathspecs]),
  ]);
  const files = new Map<string, FileEntry>();
  for (const row of staged) {
    const tab = row.indexOf("\t");
    const [, oid] = row.slice(0, tab).split(" ");
    files.set(row.slice(tab + 1), { oid: oid ?? null });
  }
  const changed = new Set<string>();
  for (const row of status) {
    const xy = row.slice(0, 2);
    const path = row.slice(3);
    changed.add(path);
    if (xy[1] === "D" || (xy[0] === "D" && xy[1] === " ")) files.delete(path);
    else files.set(path, { oid: xy[1] === " " ? (files.get(path)?.oid ?? null) : null });
  }
  return { files, changed };
}

interface ModelFiles {
  modelFiles: Set<string>;
  versions: Map<string, Set<string>>;
}

function groupByModel(
  registry: Registry,
  paths: Iterable<string>,
  problems: Problem[],
): Map<string, ModelFiles> {
  const models = new Map<string, ModelFiles>();
  const prefix = `${registry.root}/`;
  for (const path of paths) {
    if (!path.startsWith(prefix)) continue;
    const parts = path.slice(prefix.length).split("/");
    if (parts.length < 2) {
      problems.push(warning(path, `not part of the registry: ${registry.root}/ holds one folder per model`));
      continue;
    }
    const [model, second, ...rest] = parts as [string, string, ...string[]];
    if (!isModelName(model)) {
      problems.push(
        error(path, `${JSON.stringify(model)} is not a valid model name`, {
          hint: "model names match ^[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?$",
        }),
      );
      continue;
    }
    const entry = models.get(model) ?? {
      modelFiles: new Set<string>(),
      versions: new Map<string, Set<string>>(),
    };
    models.set(model, entry);
    if (rest.length === 0) entry.modelFiles.add(second);
    else {
      const files = entry.versions.get(second) ?? new Set<string>();
      entry.versions.set(second, files);
      files.add(rest.join("/"));
    }
  }
  return models;
}

const MODEL_FILES = new Set(["stages.json", "history.jsonl", "monitoring.jsonl"]);

export async function validate(registry: Registry, options: ValidateOptions = {}): Promise<ValidationReport> {
  const problems: Problem[] = [];
  // With a base, the diff says which models to look at, and only their files are listed: the
  // cost follows the change, not the registry (docs/benchmarks.md).
  const diff = options.base ? await diffSince(registry, options.base) : null;
  const { files, changed } = await listRegistryFiles(
    registry,
    diff ? [...new Set(diff.changes.map((c) => modelFolderOf(registry, c.path)))] : undefined,
  );
  let scope = groupByModel(registry, files.keys(), problems);
  const report: ValidationReport = {
    problems,
    models: 0,
    versions: 0,
    added: [],
    removed: [],
    stagesChanged: [],
  };

  let baseVersions: Set<string> | null = null;

  const baseEdits: Problem[] = [];
  if (options.base && diff) {
    const since = await changesSince(registry, options.base, files, diff);
    baseVersions = since.baseVersions;
    baseEdits.push(...since.problems);
    Object.assign(report, { added: since.added, removed: since.removed, stagesChanged: since.stagesChanged });
    scope = restrict(scope, since.touched);
  }
  if (options.paths?.length) scope = restrict(scope, scopeFromPaths(registry, options.paths));
  // Its git work (every tag, the registration commits' folders) runs beside the checks below.
  const immutable = immutability(registry, scope, changed, baseVersions);
  immutable.catch(() => {}); // awaited below; a failure must not surface as an unhandled rejection first

  // Artifacts of unchanged tracked files: an LFS pointer as the work tree holds it (not smudged,
  // as in CI) is taken from there by a bounded read; anything else from its index blob, in one
  // cat-file batch. Either way a pointer's oid is the sha256, so nothing is downloaded or hashed.
  // (15,000 pointers: about 100 ms of reads, against 350-850 ms through cat-file; docs/benchmarks.md)
  const blobs = new Map<string, string>();
  const pointers = new Map<string, Buffer>();
  for (const [model, entry] of scope) {
    await new Promise((resolve) => setImmediate(resolve)); // see the loop below
    for (const [version, names] of entry.versions) {
      for (const name of names) {
        const path = `${registry.root}/${model}/${version}/${name}`;
        const oid = files.get(path)?.oid;
        if (!oid || name === "metadata.json") continue;
        const pointer = readPointerSync(registry.abs(path));
        if (pointer) pointers.set(path, pointer);
        else blobs.set(path, oid);
      }
    }
  }
  // git reads the blobs while the model files and stages are checked below.
  const reading = registry.git.catFile([...blobs.values()]);
  reading.catch(() => {}); // awaited below
  const models = [...scope].sort(([a], [b]) => a.localeCompare(b));

  for (const [model, entry] of models) {
    // The reads here are synchronous; a turn of the event loop per model lets node drain the
    // output of the git processes started above, which otherwise wait on a full pipe.
    await new Promise((resolve) => setImmediate(resolve));
    report.models++;
    const modelFolder = registry.modelFolder(model);
    for (const name of entry.modelFiles) {
      if (!MODEL_FILES.has(name) && !entry.versions.has(name)) {
        problems.push(
          warning(
            `${modelFolder}/${name}`,
            "not part of the registry (a model folder holds stages.json, history.jsonl, monitoring.jsonl and version folders)",
          ),
        );
      }
    }
    if (entry.modelFiles.has("history.jsonl"))
      await checkJsonl(
        registry,
        `${modelFolder}/history.jsonl`,
        HistoryLineSchema,
        "DESIGN section 1.2",
        problems,
      );
    if (entry.modelFiles.has("monitoring.jsonl"))
      await checkJsonl(
        registry,
        `${modelFolder}/monitoring.jsonl`,
        MonitoringLineSchema,
        "docs/decisions/monitoring.md",
        problems,
      );
  }
  // stages.json: its shape, and with --base every move since the base (registry/stages.ts).
  const withStages = [...scope]
    .filter(([model, entry]) => entry.modelFiles.has("stages.json") || report.stagesChanged.includes(model))
    .map(([model]) => model);
  problems.push(
    ...(await stageProblems(
      registry,
      withStages,
      options.base ? { base: options.base, changed: report.stagesChanged } : {},
    )),
  );

  const contents = await reading;
  const blobOf = (path: string) => {
    const oid = blobs.get(path);
    return pointers.get(path) ?? (oid ? (contents.get(oid)?.content ?? null) : null);
  };
  for (const [model, entry] of models) {
    // As above: the immutability check's git processes keep going meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
    const scheme = registry.scheme(model);
    const modelFolder = registry.modelFolder(model);
    for (const [version, names] of entry.versions) {
      const folder = `${modelFolder}/${version}`;
      if (scheme.parse(version) !== version) {
        problems.push(
          error(folder, `${version} is not a version of the ${scheme.name} scheme (like ${scheme.example})`),
        );
        continue;
      }
      report.versions++;
      await checkVersion(registry, model, version, names, blobOf, problems);
    }
  }
  // A file edited after registration is reported once, as that (against the base when there is
  // one): its sha256 or listing mismatch follows from the edit.
  const againstBase = new Set(baseEdits.map((p) => p.file));
  const edits = [...baseEdits, ...(await immutable).filter((p) => !againstBase.has(p.file))];
  const editedFiles = new Set(edits.map((p) => p.file));
  const kept = problems.filter((p) => !editedFiles.has(p.file));
  problems.length = 0;
  problems.push(...kept, ...edits);
  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return report;
}

function restrict(
  scope: Map<string, ModelFiles>,
  touched: Map<string, Set<string> | "all">,
): Map<string, ModelFiles> {
  const out = new Map<string, ModelFiles>();
  for (const [model, entry] of scope) {
    const t = touched.get(model);
    if (!t) continue;
    if (t === "all") out.set(model, entry);
    else {
      out.set(model, {
        modelFiles: entry.modelFiles,
        versions: new Map([...entry.versions].filter(([v]) => t.has(v))),
      });
    }
  }
  return out;
}

function scopeFromPaths(registry: Registry, paths: readonly string[]): Map<string, Set<string> | "all"> {
  const touched = new Map<string, Set<string> | "all">();
  for (const raw of paths) {
    const rel = relativeToTop(registry, raw);
    if (rel === registry.root || rel === "" || rel === ".") {
      return new Map([...touched.keys()].map((m) => [m, "all"]));
    }
    if (!rel.startsWith(`${registry.root}/`)) {
      throw usage(`${raw} is not inside the registry root ${registry.root}/`);
    }
    const [model, version] = rel.slice(registry.root.length + 1).split("/");
    if (!model) continue;
    const current = touched.get(model);
    if (!version) touched.set(model, "all");
    else if (current !== "all") touched.set(model, new Set([...(current ?? []), version]));
  }
  return touched;
}

function relativeToTop(registry: Registry, path: string): string {
  const abs = path.startsWith("/") ? path : `${process.cwd()}/${path}`;
  const normalized = abs.split("/").reduce<string[]>((acc, part) => {
    if (part === "" || part === ".") return acc;
    if (part === "..") acc.pop();
    else acc.push(part);
    return acc;
  }, []);
  const top = registry.top.split("/").filter(Boolean);
  if (normalized.slice(0, top.length).join("/") !== top.join("/"))
    throw usage(`${path} is outside the repository`);
  return normalized.slice(top.length).join("/").replace(/\/$/, "");
}

async function checkJsonl<T>(
  registry: Registry,
  file: string,
  schema: z.ZodType<T>,
  /** Where the line format is written down, for the hint. */
  format: string,
  problems: Problem[],
): Promise<void> {
  const text = readTextSync(registry.abs(file)) ?? "";
  for (const issue of parseJsonl(text, schema).issues) {
    problems.push(
      error(file, issue.message, {
        line: issue.line,
        hint: issue.torn
          ? "readers skip it; remove the line or complete it"
          : `the line format is in ${format}`,
      }),
    );
  }
}

const lineOf = (e: GitModelError) => (e.line ? { line: e.line } : {});

async function checkVersion(
  registry: Registry,
  model: string,
  version: string,
  names: Set<string>,
  blobOf: (path: string) => Buffer | null,
  problems: Problem[],
): Promise<void> {
  const folder = registry.versionFolder(model, version);
  const metadataFile = `${folder}/metadata.json`;
  if (!names.has("metadata.json")) {
    problems.push(
      error(folder, "metadata.json is missing", { hint: "register versions with git model register" }),
    );
    return;
  }
  let metadata: Metadata;
  try {
    // Synchronous: 10,000 small reads through fs/promises cost seconds (docs/benchmarks.md).
    metadata = parseMetadata(readFileSync(registry.abs(metadataFile), "utf8"), metadataFile);
  } catch (e) {
    if (!(e instanceof GitModelError)) throw e;
    problems.push(error(metadataFile, e.message.replace(/^[^:]+(:\d+:\d+)?: /, ""), lineOf(e)));
    return;
  }
  if (metadata.name !== model)
    problems.push(error(metadataFile, `name is ${JSON.stringify(metadata.name)} but the folder is ${model}`));
  if (metadata.version !== version) {
    problems.push(
      error(metadataFile, `version is ${JSON.stringify(metadata.version)} but the folder is ${version}`),
    );
  }
  const listed = new Set<string>();
  for (const artifact of metadata.artifacts) {
    try {
      assertRelativePath(artifact.path, "artifact path");
    } catch (e) {
      problems.push(error(metadataFile, (e as Error).message));
      continue;
    }
    listed.add(artifact.path);
    const path = `${folder}/${artifact.path}`;
    if (!names.has(artifact.path)) {
      problems.push(
        error(path, "artifact listed in metadata.json is missing", {
          hint: "restore the file from git history or LFS",
        }),
      );
      continue;
    }
    const actual = await artifactDigest(registry, path, blobOf(path));
    if (actual.sha256 !== artifact.sha256 || actual.size !== artifact.size) {
      problems.push(
        error(
          path,
          `content does not match metadata.json (sha256 ${actual.sha256.slice(0, 12)}, ${actual.size} bytes; recorded ${artifact.sha256.slice(0, 12)}, ${artifact.size} bytes)`,
        ),
      );
    }
  }
  for (const name of names) {
    if (name !== "metadata.json" && !listed.has(name)) {
      problems.push(
        error(`${folder}/${name}`, "file is not listed in metadata.json artifacts", {
          hint: "register new files as a new version",
        }),
      );
    }
  }
}

const pointerBuffer = Buffer.alloc(MAX_POINTER_SIZE + 1);

/**
 * The file when it is an LFS pointer, else null (bigger, not a pointer, a symbolic link, missing).
 * Reads at most one byte more than a pointer can have, so a smudged model file costs one read.
 */
function readPointerSync(path: string): Buffer | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    const n = readSync(fd, pointerBuffer, 0, pointerBuffer.length, 0);
    const head = pointerBuffer.subarray(0, n);
    return n <= MAX_POINTER_SIZE && parseLfsPointer(head) ? Buffer.from(head) : null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** sha256 and size of an artifact: from its LFS pointer when there is one, else from its bytes. */
async function artifactDigest(
  registry: Registry,
  path: string,
  blob: Buffer | null,
): Promise<{ sha256: string; size: number }> {
  if (blob) {
    const pointer = parseLfsPointer(blob);
    if (pointer) return { sha256: pointer.oid, size: pointer.size };
    return { sha256: createHash("sha256").update(blob).digest("hex"), size: blob.length };
  }
  const full = registry.abs(path);
  const head = await readFile(full)
    .then((b) => (b.length <= 1024 ? b : null))
    .catch(() => null);
  const pointer = head ? parseLfsPointer(head) : null;
  return pointer ? { sha256: pointer.oid, size: pointer.size } : hashFile(full);
}

/**
 * Registered versions are immutable: their folders at HEAD must equal the folders their
 * registration tags point at, and the work tree must not change them.
 */
async function immutability(
  registry: Registry,
  scope: Map<string, ModelFiles>,
  changed: Set<string>,
  baseVersions: Set<string> | null,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const git = registry.git;
  const root = registry.root;
  const models = [...scope.keys()];
  if (models.length === 0) return problems;
  // A few models (validate --base): their tags only; otherwise one pass over all of them.
  const few = models.length <= 16;
  const [rows, headListing] = await Promise.all([
    git.forEachRef(few ? models.map((m) => `refs/tags/${m}@*`) : ["refs/tags"], [
      "%(refname:strip=2)",
      "%(*objectname)",
      "%(objectname)",
      "%(creatordate:short)",
    ]),
    // HEAD's tree of every version folder from one ls-tree, not one lookup per version.
    git.list(
      ["ls-tree", "-r", "-d", "-z", "HEAD", "--", ...(few ? models.map((m) => `${root}/${m}/`) : [root])],
      {
        allowFailure: true,
      },
    ),
  ]);
  const headTrees = new Map<string, string>();
  for (const row of headListing) {
    const tab = row.indexOf("\t");
    if (tab > 0) headTrees.set(row.slice(tab + 1), row.slice(0, tab).split(" ")[2] ?? "");
  }
  const tags = new Map<string, { commit: string; date: string; tag: string }>();
  for (const [name, peeled, oid, date] of rows) {
    const tag = parseTag(name ?? "");
    if (tag?.kind === "registration" && scope.get(tag.model)?.versions.has(tag.version)) {
      tags.set(`${tag.model}/${tag.version}`, { commit: peeled || oid || "", date: date ?? "", tag: name! });
    }
  }
  // The folders as their registration commits hold them, in one batch.
  const trees = await git.batchCheck([...tags].map(([key, t]) => `${t.commit}:${root}/${key}`));
  const edited = [...tags].filter(([key, t]) => {
    const atTag = trees.get(`${t.commit}:${root}/${key}`);
    const atHead = headTrees.get(`${root}/${key}`);
    return atTag && atHead && atTag.oid !== atHead;
  });
  // Which files changed in each edited folder: one diff-tree over all the tree pairs.
  const changedFiles = await filesChangedBetween(
    registry,
    edited.map(([key, t]) => [
      trees.get(`${t.commit}:${root}/${key}`)!.oid,
      headTrees.get(`${root}/${key}`)!,
    ]),
  );
  for (const [key, t] of edited) {
    const files = changedFiles.get(headTrees.get(`${root}/${key}`)!) ?? [];
    const where = files.length ? files.map((f) => `${root}/${key}/${f}`) : [`${root}/${key}`];
    for (const file of where) {
      problems.push(
        error(
          file,
          `changed after it was registered as ${t.tag} on ${t.date} (commit ${t.commit.slice(0, 7)}); registered versions are immutable`,
          { hint: "revert the change and register a new version instead" },
        ),
      );
    }
  }
  // Uncommitted edits to a committed (so registered) version.
  for (const path of changed) {
    const parts = path.split("/");
    if (parts.length < 4 || !scope.get(parts[1]!)?.versions.has(parts[2]!)) continue;
    const key = `${parts[1]}/${parts[2]}`;
    if (baseVersions && !baseVersions.has(key)) continue;
    if (headTrees.has(parts.slice(0, 3).join("/"))) {
      const t = tags.get(key);
      problems.push(
        error(
          path,
          `edited after registration${t ? ` (registered as ${t.tag} on ${t.date})` : ""}; registered versions are immutable`,
          {
            hint: `undo it with git restore --source=HEAD --staged --worktree -- ${path}, and register a new version instead`,
          },
        ),
      );
    }
  }
  return problems;
}

interface ChangesSince {
  problems: Problem[];
  touched: Map<string, Set<string> | "all">;
  baseVersions: Set<string>;
  added: VersionRef[];
  removed: VersionRef[];
  stagesChanged: string[];
}

/** `models/churn` for any path below it (the path itself when it is not below the root). */
function modelFolderOf(registry: Registry, path: string): string {
  const prefix = `${registry.root}/`;
  return path.startsWith(prefix) ? `${prefix}${path.slice(prefix.length).split("/")[0]}` : path;
}

interface DiffSince {
  baseCommit: string;
  /** Registry paths changed between the base and the work tree (untracked files as added). */
  changes: { status: string; path: string }[];
}

/** The registry's changes since `base`: one diff against the work tree, one list of untracked files. */
async function diffSince(registry: Registry, base: string): Promise<DiffSince> {
  const git = registry.git;
  const baseCommit = await git.commitOf(base);
  if (!baseCommit)
    throw usage(`unknown base ${base}`, {
      hint: "pass a branch, tag or commit (fetch it first in a shallow clone)",
    });
  const root = registry.root;
  const [diff, untracked] = await Promise.all([
    git.list(["diff", "--name-status", "-z", "--no-renames", baseCommit, "--", root]),
    git.list(["ls-files", "-o", "-z", "--exclude-standard", "--", root]),
  ]);
  const changes: { status: string; path: string }[] = [];
  for (let i = 0; i + 1 < diff.length; i += 2) changes.push({ status: diff[i]!, path: diff[i + 1]! });
  for (const path of untracked) changes.push({ status: "A", path });
  return { baseCommit, changes };
}

/** What changed between `base` and the work tree, and the checks only a base makes possible. */
async function changesSince(
  registry: Registry,
  base: string,
  files: Map<string, FileEntry>,
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

  const presentNow = new Set([...files.keys()].map((p) => p.split("/").slice(1, 3).join("/")));
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
      const now = (await readTextIfExists(registry.abs(path))) ?? "";
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

function firstDifferingLine(a: string, b: string): number {
  const la = a.split("\n");
  const lb = b.split("\n");
  const i = la.findIndex((line, n) => line !== lb[n]);
  return (i < 0 ? la.length : i) + 1;
}

/** The files that differ between each pair of trees (keyed by the second tree), from one `git diff-tree --stdin`. */
async function filesChangedBetween(
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
