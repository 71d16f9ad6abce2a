import {
  describeExistingFields,
  fieldExists,
  lookupField,
  splitPath,
  unknownPathError,
} from "../../domain/fields.js";
import { failedFilters, isNumeric, parseWhere } from "../../domain/filters.js";
import type { Metadata } from "../../domain/schemas.js";
import { configuredStageOf } from "../../domain/stages-file.js";
import type { VersionScheme } from "../../domain/versions.js";
import { statIf } from "../../infra/git-cache.js";
import type { Registry } from "../core/registry.js";
import { openMetadataCache, survivesJson } from "./metadata-cache.js";

/** What `list` shows (DESIGN section 8), as data for the CLI, the library and the Action. */

export interface VersionSummary {
  model: string;
  version: string;
  stage: string;
  created_at: string | null;
  artifacts: number;
  size: number;
  metrics: Record<string, number>;
  /** Set when metadata.json is missing or invalid: the version is listed, not hidden. */
  problem?: string;
  metadata: Metadata | null;
}

export async function listVersions(registry: Registry, model: string): Promise<VersionSummary[]> {
  const [versions, stages] = await Promise.all([registry.versions(model), registry.readStages(model)]);
  // The folder is read once: only a model without versions is looked for again, to say which.
  if (versions.length === 0) await registry.assertModelExists(model);
  const stageOf = configuredStageOf(stages, registry.config);
  // What the cache vouches for is not read again (metadata-cache.ts); the rest is read and checked.
  const cache = openMetadataCache(registry, model);
  const folder = `${registry.top}/${registry.modelFolder(model)}`;
  const stats = versions.map((version) =>
    cache ? statIf("file", `${folder}/${version}/metadata.json`) : null,
  );
  const kept = versions.map((version, i) => cache?.get(version, stats[i]!));
  const toRead = kept.filter((m) => m === undefined).length;
  const summaries = await Promise.all(
    versions.map(async (version, i): Promise<VersionSummary> => {
      const stage = stageOf.get(version) ?? registry.config.initialStage;
      try {
        let metadata = kept[i];
        if (metadata === undefined) {
          metadata = await registry.readMetadata(model, version, toRead);
          cache?.put(version, survivesJson(metadata) ? stats[i]! : null, metadata);
        }
        return {
          model,
          version,
          stage,
          created_at: metadata.created_at,
          artifacts: metadata.artifacts.length,
          size: metadata.artifacts.reduce((sum, a) => sum + a.size, 0),
          metrics: metadata.metrics ?? {},
          metadata,
        };
      } catch (e) {
        // Seed 000: a corrupt metadata file must not hide the version; validate says what is wrong.
        return {
          model,
          version,
          stage,
          created_at: null,
          artifacts: 0,
          size: 0,
          metrics: {},
          problem: (e as Error).message,
          metadata: null,
        };
      }
    }),
  );
  cache?.save(summaries.filter((s) => s.metadata).map((s) => s.version));
  return summaries;
}

/**
 * The fields `list --where` and `select` see: metadata.json plus `stage`, the stage the version
 * holds now. stages.json is the truth, so it wins over a `stage` recorded in (immutable) metadata.
 */
export function withStage(metadata: Metadata, stage: string): Metadata {
  return { ...metadata, stage };
}

export interface ListQuery {
  /** `--where` expressions (domain/filters.ts, the same filter as `select`); all must hold. */
  where?: readonly string[];
  /** A dot path to order by (default: the version order of the model's scheme). */
  sort?: string;
  descending?: boolean;
}

export interface FoundVersions {
  versions: VersionSummary[];
  /** Versions whose metadata.json cannot be read, so no filter or sort can be checked on them. */
  skipped: VersionSummary[];
  /** Things that explain an empty result, e.g. a --where path that no version has. */
  warnings: string[];
}

/** `list <model> --where ... --sort PATH`: the finders of seed 004 (latest of a type, best by a metric, by stage). */
export async function findVersions(
  registry: Registry,
  model: string,
  query: ListQuery = {},
): Promise<FoundVersions> {
  const filters = (query.where ?? []).map((text) => parseWhere(text));
  if (query.sort !== undefined) splitPath(query.sort);
  const all = await listVersions(registry, model);
  if (filters.length === 0 && query.sort === undefined) {
    // A version whose metadata.json cannot be read is left out (the caller warns), as with filters.
    const readable = all.filter((v) => v.metadata);
    return {
      versions: query.descending ? readable.reverse() : readable,
      skipped: all.filter((v) => !v.metadata),
      warnings: [],
    };
  }
  const readable = all.flatMap((v) =>
    v.metadata ? [{ summary: v, view: withStage(v.metadata, v.stage) }] : [],
  );
  const views = readable.map((r) => r.view);
  if (query.sort !== undefined && views.length > 0 && !fieldExists(views, query.sort)) {
    throw unknownPathError(query.sort, "--sort", views);
  }
  const warnings = filters
    .filter((f) => views.length > 0 && !fieldExists(views, f.path))
    .map((f) => `no version has ${f.path} (${f.origin}); ${describeExistingFields(f.path, views)}`);
  const matching = readable.filter((r) => failedFilters(filters, r.view).length === 0);
  const compare = sortOrder(query.sort ?? "version", registry.scheme(model), query.descending ?? false);
  matching.sort((a, b) => compare(a.view, b.view));
  return {
    versions: matching.map((m) => m.summary),
    skipped: all.filter((v) => !v.metadata),
    warnings,
  };
}

/**
 * Orders by the value at `path`: numbers as numbers, before text; `version` by the scheme (1.10
 * after 1.9); versions without the value last in both directions; ties by version.
 */
function sortOrder(path: string, scheme: VersionScheme, descending: boolean) {
  const byVersion = (a: Metadata, b: Metadata) => scheme.compare(a.version, b.version);
  const sign = descending ? -1 : 1;
  return (a: Metadata, b: Metadata): number => {
    if (path === "version") return sign * byVersion(a, b);
    const x = lookupField(a, path);
    const y = lookupField(b, path);
    if (x === undefined || y === undefined) {
      if (x !== y) return x === undefined ? 1 : -1;
      return sign * byVersion(a, b);
    }
    return sign * (compareValues(x, y) || byVersion(a, b));
  };
}

function compareValues(x: unknown, y: unknown): number {
  const xNumber = isNumeric(x);
  const yNumber = isNumeric(y);
  if (xNumber && yNumber) return Number(x) - Number(y);
  if (xNumber !== yNumber) return xNumber ? -1 : 1;
  const [s, t] = [x, y].map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  return s! < t! ? -1 : s! > t! ? 1 : 0;
}
