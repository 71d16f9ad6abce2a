import { closeSync, constants, type Dirent, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { ZodMiniType } from "zod/mini";
import { GitModelError, usage } from "../../domain/errors.js";
import { type JsonlIssue, parseJsonl } from "../../domain/jsonl.js";
import { MAX_POINTER_SIZE, parseLfsPointer } from "../../domain/lfs.js";
import { assertRelativePath, isModelName } from "../../domain/names.js";
import { compareText } from "../../domain/order.js";
import { error, type Problem, warning } from "../../domain/problems.js";
import { parseTag } from "../../domain/references.js";
import type { Metadata } from "../../domain/schemas.js";
import { readTextIfExists, readTextSync } from "../../infra/files.js";
import { readGitCache, writeGitCache } from "../../infra/git-cache.js";
import type { Registry } from "../core/registry.js";

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

/** Repository path -> its index blob when the file is tracked and unchanged in the work tree, else null. */
type Files = Map<string, string | null>;

interface Listing {
  files: Files;
  changed: Set<string>;
  untracked: string[];
}

/**
 * What git knows of the registry's files: the index (`ls-files -s`) and what the work tree
 * changed (`status`, which also looks for untracked files). Both start now and run while the
 * work tree is parsed (`parseWorkTree`).
 */
function listRegistryFiles(
  registry: Registry,
  /** The folders to list (default: the registry root); with --base, the touched models only. */
  pathspecs: readonly string[] = [registry.root],
): Promise<Listing> {
  const git = registry.git;
  if (pathspecs.length === 0) return Promise.resolve({ files: new Map(), changed: new Set(), untracked: [] });
  const staged = git.text(["ls-files", "-s", "-z", "--", ...pathspecs]);
  const status = git.list([
    "status",
    "--porcelain",
    "-z",
    "--untracked-files=all",
    "--no-renames",
    "--",
    ...pathspecs,
  ]);
  return Promise.all([staged, status]).then(([index, rows]) => {
    const files: Files = new Map();
    // "<mode> <oid> <stage>\t<path>\0", read without splitting the whole text first
    for (let pos = 0; pos < index.length; ) {
      let end = index.indexOf("\0", pos);
      if (end < 0) end = index.length;
      const oid = index.indexOf(" ", pos) + 1;
      const tab = index.indexOf("\t", oid);
      if (tab > 0 && tab < end)
        files.set(index.slice(tab + 1, end), index.slice(oid, index.indexOf(" ", oid)));
      pos = end + 1;
    }
    const changed = new Set<string>();
    const untracked: string[] = [];
    for (const row of rows) {
      const xy = row.slice(0, 2);
      const path = row.slice(3);
      changed.add(path);
      if (xy === "??") untracked.push(path);
      if (xy[1] === "D" || (xy[0] === "D" && xy[1] === " ")) files.delete(path);
      else files.set(path, xy[1] === " " ? (files.get(path) ?? null) : null);
    }
    return { files, changed, untracked };
  });
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
function versionsByListing(
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

const MODEL_FILES = new Set(["stages.json", "history.jsonl", "monitoring.jsonl"]);
/** Where the line format of each JSONL file is described. */
const JSONL_FORMATS: Record<string, string> = {
  "history.jsonl": "DESIGN section 1.2",
  "monitoring.jsonl": "docs/decisions/monitoring.md",
};

/** What the checks parse and hash with: loaded beside the first git processes, not before them. */
interface Checkers {
  parseMetadata(text: string, file: string): Metadata;
  jsonl: Record<string, ZodMiniType<unknown>>;
  stageProblems: typeof import("../stages/stages.js").stageProblems;
  hashFile: typeof import("../versions/run-folder.js").hashFile;
}

/**
 * zod and the schemas, the stage rules and node:crypto are about half of what validate loads
 * (40-50 ms before its first git process, docs/benchmarks.md); they load while `git diff` and
 * the listing run. The whole registry (10,000 metadata.json and JSONL lines) is parsed with
 * compiled schemas (registry/core/compiled.ts); a run that checks a few models (--base, paths) does
 * not load the compiler, which would cost it more (about 20 ms) than it saves.
 */
async function loadCheckers(wholeRegistry: boolean): Promise<Checkers> {
  const [schemas, monitoring, files, stages, runFolder, fast] = await Promise.all([
    import("../../domain/schemas.js"),
    import("../../domain/monitoring.js"),
    import("../core/parse-files.js"),
    import("../stages/stages.js"),
    import("../versions/run-folder.js"),
    wholeRegistry ? import("../core/compiled.js") : null,
  ]);
  const compiled = <T extends ZodMiniType>(schema: T) => (fast ? fast.compiled(schema) : schema);
  const metadata = compiled(schemas.MetadataSchema);
  return {
    parseMetadata: (text, file) => files.parseMetadata(text, file, metadata),
    jsonl: {
      "history.jsonl": compiled(schemas.HistoryLineSchema),
      "monitoring.jsonl": compiled(monitoring.MonitoringLineSchema),
    },
    stageProblems: stages.stageProblems,
    hashFile: runFolder.hashFile,
  };
}

/** Which models (and within them which versions) to check; null: all of them. */
type Wanted = Map<string, Set<string> | "all">;

/** The outcome of reading and parsing a file, kept so that no file is read or parsed twice. */
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** What the checks use of a metadata.json; kept instead of the whole record (less to collect). */
type MetadataSummary = Pick<Metadata, "name" | "version" | "artifacts">;

interface Parsed {
  checkers: Checkers;
  metadata: Map<string, Outcome<MetadataSummary>>;
  jsonl: Map<string, JsonlIssue[]>;
}

/** `registry.abs` without path.join's normalizing: git's paths are normalized already (10,000 calls). */
const absolute = (registry: Registry, path: string) => `${registry.top}/${path}`;

function readMetadataOutcome(registry: Registry, file: string, checkers: Checkers): Outcome<MetadataSummary> {
  try {
    // Synchronous: 10,000 small reads through fs/promises cost seconds (docs/benchmarks.md).
    const { name, version, artifacts } = checkers.parseMetadata(
      readFileSync(absolute(registry, file), "utf8"),
      file,
    );
    return { ok: true, value: { name, version, artifacts } };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The line problems of a JSONL file of the given name, or null when it does not exist. */
function jsonlIssues(
  registry: Registry,
  file: string,
  name: string,
  checkers: Checkers,
): JsonlIssue[] | null {
  const text = readTextSync(absolute(registry, file));
  return text === null ? null : parseJsonl(text, checkers.jsonl[name]!).issues;
}

/**
 * Reads and parses every metadata.json and JSONL file of the work tree's registry folders while
 * git lists the files and looks up the tags: a folder listing of the registry root and of each
 * model folder (about 100 `readdir` for 10,000 versions) is all it needs. What it read is used
 * only for the files the listing then names; a file git ignores is read and never used.
 */
async function parseWorkTree(registry: Registry, wanted: Wanted | null, parsed: Parsed): Promise<void> {
  const models = wanted ? [...wanted.keys()] : (readFolderNames(registry.rootPath) ?? []);
  let n = 0;
  for (const model of models) {
    const want = wanted?.get(model);
    const modelFolder = `${registry.root}/${model}`;
    for (const name of Object.keys(JSONL_FORMATS)) {
      const file = `${modelFolder}/${name}`;
      const issues = jsonlIssues(registry, file, name, parsed.checkers);
      if (issues) parsed.jsonl.set(file, issues);
    }
    const versions = want && want !== "all" ? [...want] : (readFolderNames(registry.abs(modelFolder)) ?? []);
    for (const version of versions) {
      const file = `${modelFolder}/${version}/metadata.json`;
      const outcome = readMetadataOutcome(registry, file, parsed.checkers);
      if (!outcome.ok && isMissing(outcome.error)) continue;
      parsed.metadata.set(file, outcome);
      // The reads are synchronous; a turn of the event loop every few files lets node drain the
      // output of the git processes running meanwhile, which otherwise wait on a full pipe.
      if (++n % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The folders in a folder (by the entry type readdir gives), or null when it cannot be read. */
function readFolderNames(path: string): string[] | null {
  try {
    return readdirSync(path, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return null;
  }
}

/** A folder's entry names, or none when it cannot be read. */
function readFolderSync(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

const isMissing = (e: unknown) => {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
};

export async function validate(registry: Registry, options: ValidateOptions = {}): Promise<ValidationReport> {
  const problems: Problem[] = [];
  // With a base, the diff says which models to look at, and only their files are listed: the
  // cost follows the change, not the registry (docs/benchmarks.md).
  const pathScope = options.paths?.length ? scopeFromPaths(registry, options.paths) : null;
  const checkers = loadCheckers(!options.base && pathScope === null);
  checkers.catch(() => {}); // awaited below
  const diff = options.base ? await diffSince(registry, options.base) : null;
  const wanted: Wanted | null = diff ? wantedByChanges(registry, diff.changes) : pathScope;
  // Every git process starts now, and runs while the work tree is parsed: the immutability
  // check's tags and trees first (its cat-file takes longest), then the listing.
  const atTags = registrationTrees(registry, wanted);
  atTags.catch(() => {}); // awaited below; a failure must not surface as an unhandled rejection first
  const listing = listRegistryFiles(
    registry,
    diff ? [...new Set(diff.changes.map((c) => modelFolderOf(registry, c.path)))] : undefined,
  );
  listing.catch(() => {}); // awaited below
  const parsed: Parsed = {
    checkers: await checkers,
    metadata: new Map(),
    jsonl: new Map(),
  };
  await parseWorkTree(registry, wanted, parsed);
  const { files, changed, untracked } = await listing;
  let scope = groupByModel(registry, files.keys(), problems);
  const report: ValidationReport = {
    problems,
    models: 0,
    versions: 0,
    added: [],
    removed: [],
    stagesChanged: [],
  };
  // Before the scope narrows: the stage checks need every registered version of a model.
  const { valid, registered } = versionsByListing(registry, scope);
  let baseVersions: Set<string> | null = null;

  const baseEdits: Problem[] = [];
  if (options.base && diff) {
    // Untracked files inside the touched models, which the diff does not list.
    const listed = new Set(diff.changes.map((c) => c.path));
    for (const path of untracked) if (!listed.has(path)) diff.changes.push({ status: "A", path });
    const since = await changesSince(registry, options.base, files, diff);
    baseVersions = since.baseVersions;
    baseEdits.push(...since.problems);
    Object.assign(report, { added: since.added, removed: since.removed, stagesChanged: since.stagesChanged });
    scope = restrict(scope, since.touched);
  }
  if (pathScope) scope = restrict(scope, pathScope);
  const immutable = immutability(registry, atTags, scope, changed, baseVersions);
  immutable.catch(() => {}); // awaited below

  const models = [...scope].sort(([a], [b]) => compareText(a, b));
  for (const [model, entry] of models) {
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
    for (const name of ["history.jsonl", "monitoring.jsonl"]) {
      if (!entry.modelFiles.has(name)) continue;
      const file = `${modelFolder}/${name}`;
      const issues = parsed.jsonl.get(file) ?? jsonlIssues(registry, file, name, parsed.checkers) ?? [];
      for (const issue of issues) {
        problems.push(
          error(file, issue.message, {
            line: issue.line,
            hint: issue.torn
              ? "readers skip it; remove the line or complete it"
              : `the line format is in ${JSONL_FORMATS[name]}`,
          }),
        );
      }
    }
  }
  // stages.json: its shape, and with --base every move since the base (registry/stages/stages.ts).
  const withStages = [...scope]
    .filter(([model, entry]) => entry.modelFiles.has("stages.json") || report.stagesChanged.includes(model))
    .map(([model]) => model);
  problems.push(
    ...(await parsed.checkers.stageProblems(registry, withStages, {
      // Without a changed stages.json, only the shape of each is checked: no base to read.
      ...(options.base && report.stagesChanged.length
        ? { base: options.base, changed: report.stagesChanged }
        : {}),
      registered,
    })),
  );

  const artifacts: ArtifactCheck[] = [];
  for (const [model, entry] of models) {
    // As in parseWorkTree: the immutability check's git processes keep going meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
    const scheme = registry.scheme(model);
    const modelFolder = registry.modelFolder(model);
    const versions = valid.get(model);
    for (const [version, names] of entry.versions) {
      const folder = `${modelFolder}/${version}`;
      if (!versions?.has(version)) {
        problems.push(
          error(folder, `${version} is not a version of the ${scheme.name} scheme (like ${scheme.example})`),
        );
        continue;
      }
      report.versions++;
      checkVersion(registry, model, version, folder, names, files, parsed, artifacts, problems);
    }
  }
  await checkArtifacts(registry, artifacts, files, problems, parsed.checkers);
  // A file edited after registration is reported once, as that (against the base when there is
  // one): its sha256 or listing mismatch follows from the edit.
  const againstBase = new Set(baseEdits.map((p) => p.file));
  const edits = [...baseEdits, ...(await immutable).filter((p) => !againstBase.has(p.file))];
  const editedFiles = new Set(edits.map((p) => p.file));
  const kept = problems.filter((p) => !editedFiles.has(p.file));
  problems.length = 0;
  problems.push(...kept, ...edits);
  problems.sort((a, b) => compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0));
  return report;
}

/** With --base: the models and versions the changes touch. */
function wantedByChanges(registry: Registry, changes: readonly { path: string }[]): Wanted {
  const wanted: Wanted = new Map();
  const prefix = `${registry.root}/`;
  for (const { path } of changes) {
    if (!path.startsWith(prefix)) continue;
    const [model, version, ...rest] = path.slice(prefix.length).split("/");
    if (!model) continue;
    const set = wanted.get(model);
    const next = set instanceof Set ? set : new Set<string>();
    if (version && rest.length) next.add(version);
    wanted.set(model, next);
  }
  return wanted;
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

/** The models and versions the paths name; null when one of them names the whole registry. */
function scopeFromPaths(registry: Registry, paths: readonly string[]): Wanted | null {
  const touched: Wanted = new Map();
  let everything = false;
  for (const raw of paths) {
    const rel = relativeToTop(registry, raw);
    if (rel === registry.root || rel === "" || rel === ".") {
      everything = true;
      continue;
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
  return everything ? null : touched;
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

const lineOf = (e: GitModelError) => (e.line ? { line: e.line } : {});

/** An artifact whose content must be looked at: its recorded digest against the file. */
interface ArtifactCheck {
  path: string;
  sha256: string;
  size: number;
}

function checkVersion(
  registry: Registry,
  model: string,
  version: string,
  /** Its folder, `models/<model>/<version>`. */
  folder: string,
  names: Set<string>,
  files: Files,
  parsed: Parsed,
  artifacts: ArtifactCheck[],
  problems: Problem[],
): void {
  const metadataFile = `${folder}/metadata.json`;
  if (!names.has("metadata.json")) {
    problems.push(
      error(folder, "metadata.json is missing", { hint: "register versions with git model register" }),
    );
    return;
  }
  const outcome =
    parsed.metadata.get(metadataFile) ?? readMetadataOutcome(registry, metadataFile, parsed.checkers);
  if (!outcome.ok) {
    const e = outcome.error;
    if (!(e instanceof GitModelError)) throw e;
    problems.push(error(metadataFile, e.message.replace(/^[^:]+(:\d+:\d+)?: /, ""), lineOf(e)));
    return;
  }
  const metadata = outcome.value;
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
    // The common case costs no read: the index holds exactly the LFS pointer of the recorded
    // content, and the work tree holds what the index holds (the status said so).
    const oid = files.get(path);
    if (oid && oid === pointerBlobId(artifact.sha256, artifact.size, oid.length)) continue;
    artifacts.push({ path, sha256: artifact.sha256, size: artifact.size });
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

const POINTER_HEAD = "version https://git-lfs.github.com/spec/v1\noid sha256:";

/** node:crypto, loaded when the first digest is taken (after the git processes have started). */
const crypto = () => process.getBuiltinModule("node:crypto");

/**
 * The git blob id of the LFS pointer git-lfs writes for content of this sha256 and size: equal
 * to a file's index blob id exactly when the index holds that pointer.
 */
function pointerBlobId(sha256: string, size: number, oidLength: number): string {
  const pointer = `${POINTER_HEAD}${sha256}\nsize ${size}\n`;
  // ASCII (the schema takes only hex digits and an integer), so its length is its byte count.
  return crypto().hash(oidLength === 64 ? "sha256" : "sha1", `blob ${pointer.length}\0${pointer}`);
}

/**
 * The artifacts the index could not vouch for (changed, untracked, plain git files, pointers
 * written another way): an LFS pointer as the work tree holds it (not smudged, as in CI) by a
 * bounded read; else the index blob of an unchanged tracked file, in one cat-file batch; else
 * the work-tree file, hashed. A pointer's oid is the sha256, so nothing is downloaded.
 */
async function checkArtifacts(
  registry: Registry,
  artifacts: readonly ArtifactCheck[],
  files: Files,
  problems: Problem[],
  checkers: Checkers,
): Promise<void> {
  const pointers = new Map<string, Buffer>();
  const blobs = new Map<string, string>();
  for (const { path } of artifacts) {
    const oid = files.get(path);
    if (!oid) continue;
    const pointer = readPointerSync(registry.abs(path));
    if (pointer) pointers.set(path, pointer);
    else blobs.set(path, oid);
  }
  const contents = await registry.git.catFile([...blobs.values()]);
  for (const { path, sha256, size } of artifacts) {
    const oid = blobs.get(path);
    const blob = pointers.get(path) ?? (oid ? (contents.get(oid)?.content ?? null) : null);
    const actual = await artifactDigest(registry, path, blob, checkers);
    if (actual.sha256 !== sha256 || actual.size !== size) {
      problems.push(
        error(
          path,
          `content does not match metadata.json (sha256 ${actual.sha256.slice(0, 12)}, ${actual.size} bytes; recorded ${sha256.slice(0, 12)}, ${size} bytes)`,
        ),
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
  checkers: Checkers,
): Promise<{ sha256: string; size: number }> {
  if (blob) {
    const pointer = parseLfsPointer(blob);
    if (pointer) return { sha256: pointer.oid, size: pointer.size };
    return { sha256: crypto().createHash("sha256").update(blob).digest("hex"), size: blob.length };
  }
  const full = registry.abs(path);
  const head = await readFile(full)
    .then((b) => (b.length <= 1024 ? b : null))
    .catch(() => null);
  const pointer = head ? parseLfsPointer(head) : null;
  return pointer ? { sha256: pointer.oid, size: pointer.size } : checkers.hashFile(full);
}

interface RegistrationTrees {
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
async function registrationTrees(registry: Registry, wanted: Wanted | null): Promise<RegistrationTrees> {
  const git = registry.git;
  const root = registry.root;
  const models = wanted ? [...wanted.keys()] : null;
  const empty = { tags: new Map(), headTrees: new Map(), atTag: new Map() };
  if (models?.length === 0) return empty;
  // A few models (validate --base, or paths): their tags only; otherwise one pass over all of them.
  const few = models !== null && models.length <= 16;
  const refs = few
    ? git.forEachRef(
        models.map((m) => `refs/tags/${m}@*`),
        ["%(refname:strip=2)", "%(*objectname)", "%(objectname)"],
      )
    : registrationRefs(registry);
  // HEAD's tree of every version folder from one ls-tree, not one lookup per version.
  const headListing = git.list(
    ["ls-tree", "-r", "-d", "-z", "HEAD", "--", ...(few ? models.map((m) => `${root}/${m}/`) : [root])],
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
      wanted === null,
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
 * The object id each name resolves to (null when missing), in order, from one
 * `cat-file --batch-check`: an array rather than a map keyed by 10,000 long names.
 */
const TREE_IDS_CACHE = "registration-trees.json";
const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The tree ids of `<commit>:<folder>` at each version's registration commit, through a cache in
 * `.git/git-model/` (infra/git-cache.ts). What a commit holds never changes, so a found id is
 * kept for good; a name git does not find is asked again next time (a shallow clone may fetch
 * the commit later). At 10,000 versions the lookups are 10,000 tree walks in cat-file, about
 * 350 ms of git beside validate's own work on 2 cores (docs/benchmarks.md); the cache is one
 * JSON read. Used for the whole registry: a few models' lookups (--base, paths) cost git less
 * than reading it.
 */
async function registrationTreeIds(
  registry: Registry,
  names: readonly string[],
  wholeRegistry: boolean,
): Promise<(string | null)[]> {
  if (!wholeRegistry) return objectIds(registry, names);
  const gitDir = registry.git.gitDir;
  const cached = readGitCache(gitDir, TREE_IDS_CACHE) as { ids?: unknown } | null;
  const known = new Map<string, string>();
  if (cached && typeof cached.ids === "object" && cached.ids !== null) {
    for (const [name, id] of Object.entries(cached.ids))
      if (typeof id === "string" && OBJECT_ID.test(id)) known.set(name, id);
  }
  const asked = names.filter((name) => !known.has(name));
  const found = await objectIds(registry, asked);
  let added = 0;
  for (const [i, name] of asked.entries()) {
    const id = found[i];
    if (id) {
      known.set(name, id);
      added++;
    }
  }
  if (added > 0) writeGitCache(gitDir, TREE_IDS_CACHE, { ids: Object.fromEntries(known) });
  return names.map((name) => known.get(name) ?? null);
}

async function objectIds(registry: Registry, names: readonly string[]): Promise<(string | null)[]> {
  if (names.length === 0) return [];
  if (names.some((n) => n.includes("\n"))) throw new Error("object names cannot contain newlines");
  const out = await registry.git.text(["cat-file", "--batch-check=%(objectname)"], {
    input: `${names.join("\n")}\n`,
  });
  const ids: (string | null)[] = [];
  let pos = 0;
  for (let i = 0; i < names.length; i++) {
    let eol = out.indexOf("\n", pos);
    if (eol < 0) eol = out.length;
    // "<oid>", or "<name> missing" / "<name> ambiguous"
    const line = out.slice(pos, eol);
    ids.push(line === "" || line.includes(" ") ? null : line);
    pos = eol + 1;
  }
  return ids;
}

/**
 * Every registration tag as [name, peeled commit or "", object], from `git show-ref -d --tags`
 * (a peeled tag's `^{}` line follows its own). Other tags are skipped before any parsing.
 */
async function registrationRefs(registry: Registry): Promise<string[][]> {
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

/** The dates of the given tags (what a report quotes), from one for-each-ref. */
async function tagDates(registry: Registry, tags: readonly string[]): Promise<Map<string, string>> {
  const dates = new Map<string, string>();
  if (tags.length === 0) return dates;
  const unique = [...new Set(tags)];
  const patterns = unique.length <= 200 ? unique.map((t) => `refs/tags/${t}`) : ["refs/tags"];
  for (const [name, date] of await registry.git.forEachRef(patterns, [
    "%(refname:strip=2)",
    "%(creatordate:short)",
  ]))
    dates.set(name ?? "", date ?? "");
  return dates;
}

/**
 * Registered versions are immutable: their folders at HEAD must equal the folders their
 * registration tags point at, and the work tree must not change them.
 */
async function immutability(
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
    const parts = path.split("/");
    if (parts.length < 4 || !scope.get(parts[1]!)?.versions.has(parts[2]!)) continue;
    const key = `${parts[1]}/${parts[2]}`;
    if (baseVersions && !baseVersions.has(key)) continue;
    if (headTrees.has(parts.slice(0, 3).join("/"))) uncommitted.push([path, key]);
  }
  if (edited.length === 0 && uncommitted.length === 0) return problems;
  // Which files changed in each edited folder (one diff-tree over all the tree pairs), and the
  // dates of the tags the report quotes.
  const [changedFiles, dates] = await Promise.all([
    filesChangedBetween(
      registry,
      edited.map(([key, tree]) => [tree, headTrees.get(`${root}/${key}`)!]),
    ),
    tagDates(registry, [
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
          `changed after it was registered as ${t.tag} on ${dates.get(t.tag) ?? ""} (commit ${t.commit.slice(0, 7)}); registered versions are immutable`,
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
        `edited after registration${t ? ` (registered as ${t.tag} on ${dates.get(t.tag) ?? ""})` : ""}; registered versions are immutable`,
        {
          hint: `undo it with git restore --source=HEAD --staged --worktree -- ${path}, and register a new version instead`,
        },
      ),
    );
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

/**
 * The registry's changes since `base`: one diff against the work tree (tracked files), and the
 * untracked files of folders git does not know (new models, new versions; see
 * `untrackedFolders`). Untracked files inside the touched models come from their status later.
 */
async function diffSince(registry: Registry, base: string): Promise<DiffSince> {
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
async function untrackedFolders(registry: Registry): Promise<string[]> {
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
async function changesSince(
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
