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
}

export async function listModels(registry: Registry): Promise<ModelSummary[]> {
  const models = await registry.models();
  return Promise.all(
    models.map(async (model) => {
      const [versions, stages] = await Promise.all([
        registry.versionFolders(model),
        registry.readStages(model).catch(() => ({})),
      ]);
      // The newest by one pass, not a sort: at 10,000 versions the semver sort was a third of `list`.
      const scheme = registry.scheme(model);
      const latest = versions.reduce<string | null>(
        (best, v) => (best === null || scheme.compare(v, best) > 0 ? v : best),
        null,
      );
      return { model, versions: versions.length, latest, stages };
    }),
  );
}
