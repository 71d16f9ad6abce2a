import type { ZodMiniType } from "zod/mini";
import { GitModelError } from "../../domain/errors.js";
import { type JsonlIssue, parseJsonl } from "../../domain/jsonl.js";
import type { Metadata } from "../../domain/schemas.js";
import { readTextNoFollowSync } from "../../infra/files.js";
import type { Registry } from "../core/registry.js";
import { isMissing, readFolderNames } from "./listing.js";
import type { Wanted } from "./scope.js";

/** validate's parsing: every metadata.json and JSONL file of the work tree, read once. */

export const MODEL_FILES = new Set(["stages.json", "history.jsonl", "monitoring.jsonl"]);
/** Where the line format of each JSONL file is described. */
export const JSONL_FORMATS: Record<string, string> = {
  "history.jsonl": "DESIGN section 1.2",
  "monitoring.jsonl": "docs/decisions/monitoring.md",
};

/** What the checks parse and hash with: loaded beside the first git processes, not before them. */
export interface Checkers {
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
export async function loadCheckers(wholeRegistry: boolean): Promise<Checkers> {
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

/** The outcome of reading and parsing a file, kept so that no file is read or parsed twice. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** What the checks use of a metadata.json; kept instead of the whole record (less to collect). */
export type MetadataSummary = Pick<Metadata, "name" | "version" | "artifacts">;

export interface Parsed {
  checkers: Checkers;
  metadata: Map<string, Outcome<MetadataSummary>>;
  jsonl: Map<string, JsonlIssue[]>;
}

/** `registry.abs` without path.join's normalizing: git's paths are normalized already (10,000 calls). */
export const absolute = (registry: Registry, path: string) => `${registry.top}/${path}`;

export function readMetadataOutcome(
  registry: Registry,
  file: string,
  checkers: Checkers,
): Outcome<MetadataSummary> {
  try {
    // Synchronous: 10,000 small reads through fs/promises cost seconds (docs/benchmarks.md).
    const text = readTextNoFollowSync(absolute(registry, file), file);
    if (text === null)
      return { ok: false, error: Object.assign(new Error(`${file} is missing`), { code: "ENOENT" }) };
    const { name, version, artifacts } = checkers.parseMetadata(text, file);
    return { ok: true, value: { name, version, artifacts } };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The line problems of a JSONL file of the given name, or null when it does not exist. */
export function jsonlIssues(
  registry: Registry,
  file: string,
  name: string,
  checkers: Checkers,
): JsonlIssue[] | null {
  let text: string | null;
  try {
    text = readTextNoFollowSync(absolute(registry, file), file);
  } catch (e) {
    // A link is reported by the listing (validate.ts), never followed.
    if (e instanceof GitModelError) return [];
    throw e;
  }
  return text === null ? null : parseJsonl(text, checkers.jsonl[name]!).issues;
}

/**
 * Reads and parses every metadata.json and JSONL file of the work tree's registry folders while
 * git lists the files and looks up the tags: a folder listing of the registry root and of each
 * model folder (about 100 `readdir` for 10,000 versions) is all it needs. What it read is used
 * only for the files the listing then names; a file git ignores is read and never used.
 */
export async function parseWorkTree(
  registry: Registry,
  wanted: Wanted | null,
  parsed: Parsed,
  /** validate --base parses the JSONL files' lines since the base itself (base-diff.ts). */
  { jsonl = true } = {},
): Promise<void> {
  const models = wanted ? [...wanted.keys()] : (readFolderNames(registry.rootPath) ?? []);
  let n = 0;
  for (const model of models) {
    const want = wanted?.get(model);
    const modelFolder = `${registry.root}/${model}`;
    for (const name of jsonl ? Object.keys(JSONL_FORMATS) : []) {
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
