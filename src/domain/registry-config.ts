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

/**
 * The registry root as written (`./models/`, `models`) in its one canonical form: no leading
 * `./`, no trailing slash. Anything else unusual is left for rootProblem to refuse.
 */
export function normalizeRoot(root: string): string {
  let r = root;
  while (r.startsWith("./")) r = r.slice(2);
  while (r.length > 1 && r.endsWith("/")) r = r.slice(0, -1);
  return r;
}

/** Names git gives a meaning of its own at any level (NTFS's `.git.` and `git~1` included). */
const GIT_NAMES = new Set([".git", "git~1", ".gitmodules", ".gitattributes", ".gitignore", ".lfsconfig"]);
/**
 * The root goes into .gitattributes patterns (`models/**\/*.pkl`) and git pathspecs as it is, where
 * a space, `*`, `[` or `:` would mean something else: a part is letters, digits, `.`, `_`, `-`.
 */
const ROOT_PART = /^[A-Za-z0-9._-]+$/;
const MAX_ROOT_LENGTH = 200;

/**
 * Why a (normalized) `root:` cannot be the registry root, or null when it can: it must be a
 * relative folder in canonical form that git can check out and that is not git's own.
 */
export function rootProblem(root: string): string | null {
  if (root === "" || root === "." || root === "./")
    return "it is the repository top; name a folder such as models";
  if (root.startsWith("/") || /^[A-Za-z]:/.test(root))
    return "it is absolute; name a folder inside the repository";
  if (root.includes("\\")) return "it contains a backslash; separate folders with '/'";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we refuse.
  if (/[\u0000-\u001f\u007f]/.test(root)) return "it contains a control character (a newline?)";
  if (root.length > MAX_ROOT_LENGTH) return `it is longer than ${MAX_ROOT_LENGTH} characters`;
  for (const part of root.split("/")) {
    if (part === "") return "it contains '//'; git cannot check out an empty folder name";
    if (part === "." || part === "..") return `it contains a '${part}' part; name the folder directly`;
    if (GIT_NAMES.has(part.toLowerCase().replace(/[. ]+$/, "")) || GIT_NAMES.has(part.toLowerCase()))
      return `${JSON.stringify(part)} is git's own name; git-model must not write there`;
    if (!ROOT_PART.test(part))
      return `${JSON.stringify(part)} has characters other than letters, digits, '.', '_' and '-'`;
  }
  return null;
}

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
    root: normalizeRoot(c.root),
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
