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
  return Promise.all(
    models.map(async (model) => {
      let problem: string | undefined;
      const [versions, stages] = await Promise.all([
        registry.versionFolders(model),
        // One model's broken stages.json does not hide the others, nor is it passed over in silence.
        registry.readStages(model).catch((e: Error) => {
          problem = e.message;
          return {};
        }),
      ]);
      // The newest by one pass, not a sort: at 10,000 versions the semver sort was a third of `list`.
      const scheme = registry.scheme(model);
      const latest = versions.reduce<string | null>(
        (best, v) => (best === null || scheme.compare(v, best) > 0 ? v : best),
        null,
      );
      return { model, versions: versions.length, latest, stages, ...(problem ? { problem } : {}) };
    }),
  );
}
