import type { MonitorPolicy, ParsedConfig, PromotePolicy, SelectPolicy } from "./config-schema.js";
import { SCHEMES, type SchemeName, type VersionScheme } from "./versions.js";

/**
 * The configuration as the registry uses it (DESIGN section 2). Reading .gitmodel.yaml (yaml and
 * zod, in config.ts) is kept apart from this module: most commands find the parsed file in the
 * configuration cache (src/registry/core/config-cache.ts) and never load either (docs/benchmarks.md).
 */

export const DEFAULT_LFS_PATTERNS = [
  "*.pkl",
  "*.joblib",
  "*.h5",
  "*.pth",
  "*.pt",
  "*.onnx",
  "*.safetensors",
  "*.bin",
];

export const DEFAULT_STAGES = [
  { name: "development", initial: true },
  { name: "staging", exclusive: true },
  { name: "production", exclusive: true },
  { name: "archived" },
];

const DEFAULT_TRANSITIONS = {
  development: ["staging", "archived"],
  staging: ["development", "production", "archived"],
  production: ["staging", "archived"],
  archived: ["development", "staging"],
};

export interface StageDefinition {
  name: string;
  initial: boolean;
  exclusive: boolean;
}

/** The configuration with every default applied, and the per-model view of it. */
export interface RegistryConfig {
  root: string;
  lfs: string[];
  lfsThresholdBytes: number;
  stages: StageDefinition[];
  initialStage: string;
  /** from -> allowed targets. */
  transitions: Record<string, string[]>;
  displacedTo: string | undefined;
  schemeFor(model: string): VersionScheme;
  selectFor(model: string): SelectPolicy | undefined;
  promoteFor(model: string): PromotePolicy | undefined;
  monitorFor(model: string): MonitorPolicy | undefined;
  /** Models that have settings of their own under `models:`. */
  configuredModels: string[];
}

export const CONFIG_FILE = ".gitmodel.yaml";

/** The parsed file with zod's defaults applied, as it is cached, turned into the registry's view. */
export function resolveConfig(c: ParsedConfig): RegistryConfig {
  const initialName = c.stages.find((s) => s.initial)?.name ?? c.stages[0]!.name;
  const stages = c.stages.map((s) => ({
    name: s.name,
    initial: s.name === initialName,
    exclusive: s.exclusive ?? false,
  }));
  const names = stages.map((s) => s.name);
  const usesDefaultStages =
    c.stages === undefined || JSON.stringify(c.stages) === JSON.stringify(DEFAULT_STAGES);
  // Without a transition table every move between configured stages is allowed, except for the
  // default lifecycle, whose table DESIGN section 2 gives.
  const transitions =
    c.transitions ??
    (usesDefaultStages
      ? DEFAULT_TRANSITIONS
      : Object.fromEntries(names.map((n) => [n, names.filter((m) => m !== n)])));
  const displacedTo = c.displaced_to ?? (names.includes("archived") ? "archived" : undefined);
  const model = (m: string) => c.models[m];
  return {
    root: c.root.replace(/\/+$/, ""),
    lfs: c.lfs,
    lfsThresholdBytes: c.lfs_threshold_bytes,
    stages,
    initialStage: initialName,
    transitions,
    displacedTo,
    schemeFor: (m) => SCHEMES[(model(m)?.versioning ?? c.versioning) as SchemeName],
    selectFor: (m) => model(m)?.select ?? c.select,
    promoteFor: (m) => model(m)?.promote ?? c.promote,
    monitorFor: (m) => model(m)?.monitor ?? c.monitor,
    configuredModels: Object.keys(c.models),
  };
}
