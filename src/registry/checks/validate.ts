import { compareText } from "../../domain/order.js";
import { error, type Problem, warning } from "../../domain/problems.js";
import type { Registry } from "../core/registry.js";
import { type ArtifactCheck, checkArtifacts, checkVersion } from "./artifacts.js";
import { changesSince, diffSince, statusLetter } from "./base-diff.js";
import { immutability, registrationTrees } from "./immutability.js";
import { describeLeftover, leftoversIn } from "./leftovers.js";
import { groupByModel, listRegistryFiles, versionsByListing } from "./listing.js";
import { modelFileProblems } from "./model-files.js";
import { loadCheckers, type Parsed, parseWorkTree } from "./parsing.js";
import { mergeProblems } from "./problems.js";
import { restrict, scopeFromPaths, type Wanted, wantedByChanges } from "./scope.js";
import { stageMoveProblems } from "./stage-moves.js";

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
  const listing = diff ? diff.listing : listRegistryFiles(registry);
  listing.catch(() => {}); // awaited below
  const parsed: Parsed = {
    checkers: await checkers,
    metadata: new Map(),
    jsonl: new Map(),
  };
  await parseWorkTree(registry, wanted, parsed);
  const { files, changed, links } = await listing;
  // Reported even where the link replaced a registered file (which is an edit too): the link is the cause.
  const linkProblems = links.map((link) =>
    error(link, "is a symbolic link: git-model does not follow links in the registry", {
      hint: "put the file or folder itself in its place (or remove the link) and commit",
    }),
  );
  const untracked = [...changed].flatMap(([path, xy]) => (xy === "??" ? [path] : []));
  for (const leftover of leftoversIn(registry, untracked, changed.keys())) {
    const { message, hint } = describeLeftover(leftover);
    problems.push(warning(leftover.path, message, { hint }));
  }
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
    // The touched models' uncommitted and untracked files, which the diff of commits does not list.
    const listed = new Set(diff.changes.map((c) => c.path));
    for (const [path, xy] of changed)
      if (!listed.has(path)) diff.changes.push({ status: statusLetter(xy), path });
    const since = await changesSince(registry, options.base, files, diff);
    baseVersions = since.baseVersions;
    baseEdits.push(...since.problems);
    Object.assign(report, { added: since.added, removed: since.removed, stagesChanged: since.stagesChanged });
    scope = restrict(scope, since.touched);
  }
  if (pathScope) scope = restrict(scope, pathScope);
  const immutable = immutability(registry, atTags, scope, new Set(changed.keys()), baseVersions);
  immutable.catch(() => {}); // awaited below

  const models = [...scope].sort(([a], [b]) => compareText(a, b));
  for (const [model, entry] of models) {
    report.models++;
    modelFileProblems(registry, model, entry, parsed, problems);
  }
  problems.push(
    ...(await stageMoveProblems(registry, parsed.checkers, scope, {
      base: options.base,
      stagesChanged: report.stagesChanged,
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
  report.problems = [...linkProblems, ...mergeProblems(problems, baseEdits, await immutable)].sort(
    (a, b) => compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
  return report;
}
