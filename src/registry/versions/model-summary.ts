import { StatCache, statIf } from "../../infra/git-cache.js";
import type { Registry } from "../core/registry.js";

/**
 * What whole-registry `list` shows (DESIGN section 8): each model's version count, newest version
 * and stage holders. Apart from catalog.ts, whose finders load the filters and the glob matcher, which
 * this listing never needs (docs/benchmarks.md).
 */

export interface ModelSummary {
  model: string;
  versions: number;
  latest: string | null;
  /** stage -> holder(s), for the stages that have holders. */
  stages: Record<string, string | string[]>;
  /** Why the stage holders are not shown: stages.json could not be read (the caller warns). */
  problem?: string;
}

export async function listModels(registry: Registry): Promise<ModelSummary[]> {
  const models = await registry.models();
  // Each model folder's count and newest version, kept while the folder's stat is unchanged: a
  // folder's times change whenever an entry is added, removed, renamed or replaced. Not while a
  // write is under way in this clone (its folders are not versions yet). docs/decisions/core.md.
  const listings = registry.writeUnderWay
    ? null
    : StatCache.open<Listing>(registry.git.gitDir, "listings.json");
  const summaries = await Promise.all(
    models.map(async (model) => {
      let problem: string | undefined;
      const [{ versions, latest }, stages] = await Promise.all([
        countVersions(registry, model, listings),
        // One model's broken stages.json does not hide the others, nor is it passed over in silence.
        registry.readStages(model).catch((e: Error) => {
          problem = e.message;
          return {};
        }),
      ]);
      return { model, versions, latest, stages, ...(problem ? { problem } : {}) };
    }),
  );
  listings?.save(models);
  return summaries;
}

/** A model's version count and newest version (the scheme they were counted by, for the cache). */
interface Listing {
  scheme: string;
  versions: number;
  latest: string | null;
}

async function countVersions(
  registry: Registry,
  model: string,
  listings: StatCache<Listing> | null,
): Promise<Listing> {
  const scheme = registry.scheme(model);
  const info = listings ? statIf("folder", `${registry.rootPath}/${model}`) : null;
  const kept = listings?.get(model, info);
  if (
    kept?.scheme === scheme.name &&
    typeof kept.versions === "number" &&
    (kept.latest === null || typeof kept.latest === "string")
  )
    return kept;
  const versions = await registry.versionFolders(model);
  // The newest by one pass, not a sort: at 10,000 versions the semver sort was a third of `list`.
  const latest = versions.reduce<string | null>(
    (best, v) => (best === null || scheme.compare(v, best) > 0 ? v : best),
    null,
  );
  const listing = { scheme: scheme.name, versions: versions.length, latest };
  listings?.put(model, info, listing);
  return listing;
}
