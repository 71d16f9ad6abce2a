import { statSync } from "node:fs";
import { join } from "node:path";
import type { Metadata } from "../../domain/schemas.js";
import { type Candidate, type Rejection, type SelectionResult, select } from "../../domain/selection.js";
import type { Registry } from "../core/registry.js";
import { listVersions, type VersionSummary, withStage } from "../versions/catalog.js";

/** `git model select` (DESIGN section 6): the domain's selection over what the work tree holds. */

export interface SelectOverrides {
  /** `--require k=v`: each replaces the configured requirement on the same field. */
  require?: readonly string[];
  /** `--where EXPR`: added to the configured `where`. */
  where?: readonly string[];
  /** `--fallback k=v`: tried once when nothing matches. */
  fallback?: readonly string[];
  /** The clock for `recency` terms (default: now). */
  now?: Date;
}

export interface Selection extends SelectionResult {
  model: string;
  /** Repository-relative folder of the winner, null without one. */
  folder: string | null;
}

/**
 * Selects a version of `model` by the policy of .gitmodel.yaml (`select:` at the top level or
 * under `models.<model>`) and the overrides. Every version is a candidate, with `stage` as a
 * field; a version whose metadata.json cannot be read is rejected with the reason, not skipped.
 */
export async function selectVersion(
  registry: Registry,
  model: string,
  overrides: SelectOverrides = {},
): Promise<Selection> {
  return selectAmong(registry, model, await listVersions(registry, model), overrides);
}

/** selectVersion over versions already read (listVersions), e.g. by the report. */
export function selectAmong(
  registry: Registry,
  model: string,
  summaries: readonly VersionSummary[],
  overrides: SelectOverrides = {},
): Selection {
  const unreadable: Rejection[] = summaries
    .filter((s) => !s.metadata)
    .map((s) => ({
      version: s.version,
      reasons: [`unreadable metadata.json: ${s.problem ?? "unknown problem"}`],
    }));
  const candidates = summaries.flatMap((s) => (s.metadata ? [candidateOf(registry, s, s.metadata)] : []));
  const scheme = registry.scheme(model);
  const result = select(candidates, registry.config.selectFor(model), {
    scheme,
    now: overrides.now ?? new Date(),
    ...(overrides.require ? { require: overrides.require } : {}),
    ...(overrides.where ? { where: overrides.where } : {}),
    ...(overrides.fallback ? { fallback: overrides.fallback } : {}),
  });
  return {
    model,
    ...result,
    rejected: [...result.rejected, ...unreadable].sort((a, b) => scheme.compare(b.version, a.version)),
    folder: result.winner === null ? null : registry.versionFolder(model, result.winner),
  };
}

// The folder names the version (validate reports a metadata.json that disagrees).
function candidateOf(registry: Registry, summary: VersionSummary, metadata: Metadata): Candidate {
  const dir = registry.abs(registry.versionFolder(summary.model, summary.version));
  return {
    version: summary.version,
    metadata: withStage(metadata, summary.stage),
    missing: missingArtifacts(dir, metadata),
  };
}

/**
 * The artifacts whose file is not in the version folder. A file counts whether it holds the
 * content or an LFS pointer (a clone without `git lfs pull`): either way the version is complete
 * in Git. Plain stats, no git process per version, so selecting stays fast on large registries;
 * synchronous, as the registry's reads are: 10,000 took 130-160 ms with statSync and 410 ms
 * through fs/promises' thread pool.
 */
function missingArtifacts(dir: string, metadata: Metadata): string[] {
  return metadata.artifacts.filter((a) => !isFile(join(dir, a.path))).map((a) => a.path);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
