import { invalid, usage } from "./errors.js";
import { deregistrationTag } from "./references.js";
import type { StagesFile } from "./schemas.js";
import type { StageConfig } from "./stages.js";
import { versionsIn } from "./stages-file.js";

/**
 * Retention (DESIGN section 7, seed 000): which versions `delete` may remove and which ones
 * `cleanup --keep N` keeps, and the records a deletion leaves (commit message, GTO tag). Pure.
 */

type RetentionConfig = Pick<StageConfig, "initialStage" | "displacedTo">;

/**
 * A stage protects its holders from deletion unless it is the initial stage or the one displaced
 * holders go to (archived): both mean "not in use", every other stage means someone serves it.
 */
export const protectsVersion = (config: RetentionConfig, stage: string) =>
  stage !== config.initialStage && stage !== config.displacedTo;

/** version -> every stage stages.json names it in (a hand edit may name two; each counts). */
export function stagesNaming(file: StagesFile): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const stage of Object.keys(file)) {
    for (const version of versionsIn(file, stage)) {
      const stages = result.get(version) ?? [];
      if (!stages.includes(stage)) stages.push(stage);
      result.set(version, stages);
    }
  }
  return result;
}

/** The stage that matters for retention: a protecting one when there is one, else where the file names it. */
export function retentionStage(config: RetentionConfig, named: readonly string[] | undefined): string {
  return named?.find((s) => protectsVersion(config, s)) ?? named?.[0] ?? config.initialStage;
}

export function assertDeletable(
  config: RetentionConfig,
  model: string,
  version: string,
  stage: string,
): void {
  if (!protectsVersion(config, stage)) return;
  const free = [config.initialStage, config.displacedTo].filter(Boolean).join(" or ");
  throw invalid(`${model}@${version} holds ${stage}; only a version in ${free} can be deleted`, {
    hint: `demote it first (git model demote ${model}@${version}), then delete it`,
  });
}

/** `--keep N`: a whole number of versions, at least 1 (keeping none would delete the latest version). */
export function parseKeep(value: string | number): number {
  const text = String(value).trim();
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) {
    throw usage(`--keep takes a whole number of versions, at least 1; got ${JSON.stringify(String(value))}`, {
      hint: "for example --keep 5 keeps the 5 newest versions and every stage holder",
    });
  }
  return n;
}

export interface RetainedVersion {
  version: string;
  stage: string;
  /** Kept as one of the N newest (otherwise kept because its stage protects it, or removed). */
  newest: boolean;
}

export interface CleanupPlan {
  keep: RetainedVersion[];
  remove: RetainedVersion[];
}

/** Keeps the `keep` newest versions and every holder of a protecting stage; stage holders do not use up the N. */
export function planCleanup(
  versions: readonly string[],
  stageOf: (version: string) => string,
  keep: number,
  config: RetentionConfig,
): CleanupPlan {
  const newest = new Set(versions.slice(Math.max(0, versions.length - keep)));
  const plan: CleanupPlan = { keep: [], remove: [] };
  for (const version of versions) {
    const entry = { version, stage: stageOf(version), newest: newest.has(version) };
    (entry.newest || protectsVersion(config, entry.stage) ? plan.keep : plan.remove).push(entry);
  }
  return plan;
}

/** stages.json without the given versions; null when it names none of them (the file stays as it is). */
export function stagesWithout(file: StagesFile, versions: ReadonlySet<string>): StagesFile | null {
  let changed = false;
  const out: StagesFile = {};
  for (const [stage, value] of Object.entries(file)) {
    const kept = versionsIn(file, stage).filter((v) => !versions.has(v));
    if (kept.length === versionsIn(file, stage).length) {
      out[stage] = value;
      continue;
    }
    changed = true;
    if (kept.length) out[stage] = typeof value === "string" ? kept[0]! : kept;
  }
  return changed ? out : null;
}

/** One trailer per line; a multi-line value is folded so that `git interpret-trailers` reads it. */
const trailer = (key: string, value: string) => `${key}: ${value.replace(/\s+/g, " ").trim()}`;

/** The deletion commit: `delete churn@1.0.0` or a cleanup subject, then Model/Version(/Reason/Keep) trailers. */
export function deletionMessage(
  model: string,
  versions: readonly string[],
  options: { reason?: string | undefined; keep?: number | undefined } = {},
): string {
  const subject =
    options.keep === undefined && versions.length === 1
      ? `delete ${model}@${versions[0]}`
      : `cleanup ${model}: delete ${versions.length} version${versions.length === 1 ? "" : "s"}${
          options.keep === undefined ? "" : `, keep the ${options.keep} newest and every stage holder`
        }`;
  const trailers = [
    trailer("Model", model),
    ...versions.map((v) => trailer("Version", v)),
    ...(options.keep === undefined ? [] : [trailer("Keep", String(options.keep))]),
    ...(options.reason?.trim() ? [trailer("Reason", options.reason)] : []),
  ];
  return `${subject}\n\n${trailers.join("\n")}\n`;
}

/** GTO's deregistration tag `churn@v1.0.0!` and its message. */
export function deregistration(
  model: string,
  version: string,
  reason?: string,
): { name: string; message: string } {
  const name = deregistrationTag(model, version);
  const why = reason?.trim() ? `\n\n${trailer("Reason", reason)}` : "";
  return { name, message: `deregister ${model}@v${version}${why}\n` };
}
