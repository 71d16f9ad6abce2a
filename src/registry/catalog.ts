import type { Metadata } from "../domain/schemas.js";
import type { Registry } from "./registry.js";

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

export interface ModelSummary {
  model: string;
  versions: number;
  latest: string | null;
  /** stage -> holder(s), for the stages that have holders. */
  stages: Record<string, string | string[]>;
}

export async function listVersions(registry: Registry, model: string): Promise<VersionSummary[]> {
  await registry.assertModelExists(model);
  const [versions, stages] = await Promise.all([registry.versions(model), registry.readStages(model)]);
  return Promise.all(
    versions.map(async (version): Promise<VersionSummary> => {
      const stage = registry.stageOf(stages, version);
      try {
        const metadata = await registry.readMetadata(model, version);
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
}

export async function listModels(registry: Registry): Promise<ModelSummary[]> {
  const models = await registry.models();
  return Promise.all(
    models.map(async (model) => {
      const [versions, stages] = await Promise.all([
        registry.versions(model),
        registry.readStages(model).catch(() => ({})),
      ]);
      return { model, versions: versions.length, latest: versions.at(-1) ?? null, stages };
    }),
  );
}
