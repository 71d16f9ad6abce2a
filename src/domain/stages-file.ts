import { beyondShapeLimits, INPUT_LIMITS, tooLarge } from "./input-limits.js";
import type { StagesFile } from "./schemas.js";
import type { StageConfig } from "./stages.js";

/**
 * Whether parsed JSON already has the shape StagesFileSchema accepts: an object of version
 * strings and lists of them. Readers take such a file as it is, without zod's validating copy
 * (about 30 ms at 1,000 snapshots in `history`; zod's load in `list`), and give anything else to
 * zod, for its messages. Kept free of zod so that a reader need not load it.
 */
function isStagesShape(json: unknown): json is StagesFile {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return false;
  // zod copies by assignment, where a "__proto__" key means something else: left to zod.
  if (Object.hasOwn(json, "__proto__")) return false;
  return Object.values(json).every(
    (value) =>
      typeof value === "string" || (Array.isArray(value) && value.every((v) => typeof v === "string")),
  );
}

/** The usual stages.json as JSON.parse gives it, or null for anything else (zod's to judge). */
export function parseUsualStages(text: string): StagesFile | null {
  // A file beyond the input limits is zod's path's to refuse, with the limit in the message.
  if (tooLarge(text, INPUT_LIMITS.jsonBytes, "")) return null;
  try {
    const json: unknown = JSON.parse(text);
    return isStagesShape(json) && beyondShapeLimits(json) === null ? json : null;
  } catch {
    return null;
  }
}

/**
 * Reading a parsed stages.json against the configured stages: free of zod, so that `list` and
 * `show` answer which stage a version holds without loading it.
 */

export const stageNames = (config: StageConfig) => config.stages.map((s) => s.name);

export const isConfiguredStage = (config: StageConfig, stage: string) =>
  config.stages.some((s) => s.name === stage);

/** The versions a stages.json names under `stage` (a lenient string counts as a one-version list). */
export function versionsIn(file: StagesFile | null, stage: string): string[] {
  if (!file || !Object.hasOwn(file, stage)) return [];
  const value = file[stage];
  if (value === undefined) return [];
  return typeof value === "string" ? [value] : value;
}

/** The file's stage keys, configured ones first in configuration order, so results never depend on key order. */
export function stageKeys(file: StagesFile, config: StageConfig): string[] {
  const names = stageNames(config);
  const keys = Object.keys(file);
  return [...names.filter((n) => keys.includes(n)), ...keys.filter((k) => !names.includes(k))];
}

/** version -> stage for every version the file names; when a hand edit names two, the first stage wins. */
export function stagesByVersion(file: StagesFile | null, config: StageConfig): Map<string, string> {
  const result = new Map<string, string>();
  if (!file) return result;
  for (const stage of stageKeys(file, config)) {
    for (const version of versionsIn(file, stage)) if (!result.has(version)) result.set(version, stage);
  }
  return result;
}

/** The stage each named version holds, leaving out stages the configuration does not have. */
export function configuredStageOf(file: StagesFile | null, config: StageConfig): Map<string, string> {
  return new Map([...stagesByVersion(file, config)].filter(([, stage]) => isConfiguredStage(config, stage)));
}

/**
 * The first value of a stages.json that is not a version name of the model's scheme, or null.
 * A value is used to build a folder path (`models/churn/<value>`), so `../../../evil` must be
 * refused before any use, not looked up.
 */
export function badStageValue(
  file: StagesFile,
  isVersion: (value: string) => boolean,
): { stage: string; value: string } | null {
  for (const stage of Object.keys(file)) {
    for (const value of versionsIn(file, stage)) if (!isVersion(value)) return { stage, value };
  }
  return null;
}
