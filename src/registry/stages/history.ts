import { usage } from "../../domain/errors.js";
import { parseJsonl } from "../../domain/jsonl.js";
import { HistoryLineSchema } from "../../domain/schemas.js";
import { type StageEvent, stageHistory } from "../../domain/stage-history.js";
import { parseTrailers } from "../../domain/stages.js";
import { isConfiguredStage } from "../../domain/stages-file.js";
import { readTextIfExists } from "../../infra/files.js";
import type { Registry } from "../core/registry.js";
import { readStageLog, type StageLog, type VersionEvent } from "./stage-log.js";
import type { PrefetchedLog } from "./stage-log-command.js";

/**
 * `history MODEL` (DESIGN section 5): every registration, deletion and stage move of a model,
 * oldest first, from one `git log` and one `cat-file --batch` (see stage-log.ts). Stage moves
 * include hand edits, reverts and merged pull requests (the domain's stageHistory says which).
 * It also keeps git's commit-graph current, which makes the next log fast (commit-graph.ts).
 */

export type HistoryEntry =
  | ({ type: "registration"; metrics: Record<string, number> | null } & VersionEvent)
  | ({ type: "deletion"; reason: string | null } & VersionEvent)
  | ({ type: "move" } & StageEvent);

export interface ModelHistory {
  model: string;
  /** The stage asked for with --stage, or null for everything. */
  stage: string | null;
  entries: HistoryEntry[];
}

export interface HistoryOptions {
  /** Only the moves into or out of this stage. */
  stage?: string;
  /** Read the history of this ref (default HEAD). */
  ref?: string;
  /**
   * Read the registrations' metrics from history.jsonl (default true). The CLI's table does not
   * show them, and validating the file's lines costs (zod, 100 lines: about 7 ms of 140).
   */
  metrics?: boolean;
  /** The model's log, started before the registry was open (prefetchModelLog); used if it matches. */
  prefetched?: PrefetchedLog | null;
}

const RANK = { registration: 0, move: 1, deletion: 2 } as const;

export async function history(
  registry: Registry,
  model: string,
  options: HistoryOptions = {},
): Promise<ModelHistory> {
  const name = await registry.assertModelExists(model);
  const { stage } = options;
  if (stage !== undefined && !isConfiguredStage(registry.config, stage)) {
    throw usage(`stage "${stage}" is not configured`, {
      hint: `stages: ${registry.config.stages.map((s) => s.name).join(", ")}`,
    });
  }
  const historyFile = `${registry.modelFolder(name)}/history.jsonl`;
  // Metrics come from history.jsonl (the registration's record); the commit says who and when.
  // Parsed as soon as it is read, which is while git answers the log's cat-file.
  const [log, metrics] = await Promise.all([
    readStageLog(registry, name, options.ref, { commitGraph: true, prefetched: options.prefetched ?? null }),
    options.metrics === false
      ? new Map<string, Record<string, number> | undefined>()
      : Promise.resolve(registry.readText(historyFile)).then(
          (lines) =>
            new Map(
              parseJsonl(lines ?? "", HistoryLineSchema).records.map(({ value }) => [
                value.version,
                value.metrics,
              ]),
            ),
        ),
  ]);
  return { model: name, stage: stage ?? null, entries: historyEntries(registry, log, metrics, stage) };
}

/**
 * One model's timeline from its stage log (readStageLog, or one whole-registry readStageLogs):
 * registrations and deletions (unless only `stage`'s moves are asked for) and stage moves, in
 * the order of the log. `metrics`: version -> the registration's metrics from history.jsonl.
 */
export function historyEntries(
  registry: Registry,
  log: StageLog,
  metrics: ReadonlyMap<string, Record<string, number> | undefined> = new Map(),
  stage?: string,
): HistoryEntry[] {
  let bodyOf: Map<string, string> | undefined;
  const bodies = () => {
    bodyOf ??= new Map(log.snapshots.map((s) => [s.commit, s.body]));
    return bodyOf;
  };
  // A deleted version leaves stages.json in its deletion commit: that is the deletion, not a move.
  const removedIn = new Set(log.deletions.map((d) => `${d.commit} ${d.version}`));
  const moves: HistoryEntry[] = stageHistory(log.snapshots, registry.config)
    .filter((e) => !(e.to === registry.config.initialStage && removedIn.has(`${e.commit} ${e.version}`)))
    .filter((e) => stage === undefined || e.to === stage || e.from === stage)
    .map((e) => ({ type: "move", ...e }));
  const versions: HistoryEntry[] =
    stage === undefined
      ? [
          ...log.registrations.map(
            (r): HistoryEntry => ({ type: "registration", ...r, metrics: metrics.get(r.version) ?? null }),
          ),
          ...log.deletions.map(
            (d): HistoryEntry => ({ type: "deletion", ...d, reason: deletionReason(bodies(), d.commit) }),
          ),
        ]
      : [];
  const position = (e: HistoryEntry) => log.order.get(e.commit) ?? Number.MAX_SAFE_INTEGER;
  // Stable: moves keep the domain's order within a commit (the commit's own version first).
  return [...versions, ...moves].sort((a, b) => position(a) - position(b) || RANK[a.type] - RANK[b.type]);
}

/** The `Reason:` trailer `delete --reason` and `cleanup --reason` write, or null. */
function deletionReason(bodyOf: ReadonlyMap<string, string>, commit: string): string | null {
  return parseTrailers(bodyOf.get(commit) ?? "").reason ?? null;
}
