import { compareText } from "./order.js";
import { parseTag, stageTag, unassignmentTag } from "./references.js";
import type { StagesFile } from "./schemas.js";
import type { StageEvent } from "./stage-history.js";
import { isExclusive, type StageConfig } from "./stages.js";
import { versionsIn } from "./stages-file.js";

/**
 * GTO stage tags (DESIGN section 4, docs/decisions/stages.md "Stage tags"): how GTO 1.8 reads a
 * model's tags (iterative/gto 1.8: gto/tag.py, gto/base.py), and which tags, with which dates, make it read what
 * the history of stages.json says. Pure: the I/O layer lists the tags and the history.
 */

// ---------------------------------------------------------------------------------------------
// GTO's reading

/** An annotated tag as GTO sees it: the commit it points at and its tagger time, in seconds. */
export interface TagRecord {
  name: string;
  commit: string;
  time: number;
}

export interface GtoHolding {
  version: string;
  activatedAt: number;
}

/**
 * Which versions GTO 1.8 holds active in each stage of `model`: every tag sorted by tagger second
 * with a stable sort over git's listing (by name); per (version, stage) the latest event decides
 * whether that "vstage" is active, and `activatedAt` is its time. A stage tag's version is the one
 * registered (by a `name@vX` tag) on the tagged commit, else the commit itself, as GTO does.
 * Each stage's list is ordered by `activatedAt`, so its last entry is what `gto show` prints.
 */
export function readGtoStages(model: string, tags: readonly TagRecord[]): Map<string, GtoHolding[]> {
  const mine = tags
    .map((tag) => ({ tag, parsed: parseTag(tag.name) }))
    .filter(({ parsed }) => parsed?.model === model)
    .sort((a, b) => compareText(a.tag.name, b.tag.name))
    .sort((a, b) => a.tag.time - b.tag.time);
  const versionAt = new Map<string, string>();
  for (const { tag, parsed } of mine) {
    if (parsed?.kind === "registration") versionAt.set(tag.commit, parsed.version);
  }
  const vstages = new Map<string, { version: string; stage: string; active: boolean; at: number }>();
  for (const { tag, parsed } of mine) {
    if (parsed?.kind !== "stage" && parsed?.kind !== "unassignment") continue;
    const version = versionAt.get(tag.commit) ?? tag.commit;
    const key = `${parsed.stage}\u0000${version}`;
    const vstage = vstages.get(key) ?? { version, stage: parsed.stage, active: false, at: 0 };
    vstage.active = parsed.kind === "stage";
    vstage.at = tag.time;
    vstages.set(key, vstage);
  }
  const stages = new Map<string, GtoHolding[]>();
  for (const v of vstages.values()) {
    if (!v.active) continue;
    const list = stages.get(v.stage) ?? [];
    list.push({ version: v.version, activatedAt: v.at });
    stages.set(v.stage, list);
  }
  for (const list of stages.values()) list.sort((a, b) => a.activatedAt - b.activatedAt);
  return stages;
}

export interface GtoMismatch {
  stage: string;
  /** What stages.json names (sorted). */
  expected: string[];
  /** What GTO reads: the holder of an exclusive stage, every active version of another. */
  gto: string[];
}

/**
 * Where GTO's reading differs from stages.json: for an exclusive stage the holder `gto show`
 * prints, for any other stage the set of versions active in it. The initial stage is never
 * tagged, so it is not compared.
 */
export function gtoMismatches(
  file: StagesFile | null,
  config: StageConfig,
  gto: ReadonlyMap<string, readonly GtoHolding[]>,
): GtoMismatch[] {
  const names = new Set([...config.stages.map((s) => s.name), ...Object.keys(file ?? {}), ...gto.keys()]);
  names.delete(config.initialStage);
  const mismatches: GtoMismatch[] = [];
  for (const stage of names) {
    const expected = [...versionsIn(file, stage)].sort(compareText);
    const active = gto.get(stage) ?? [];
    const read = isExclusive(config, stage)
      ? active.slice(-1).map((h) => h.version)
      : active.map((h) => h.version).sort(compareText);
    if (expected.join("\n") !== read.join("\n")) mismatches.push({ stage, expected, gto: read });
  }
  return mismatches;
}

// ---------------------------------------------------------------------------------------------
// The tags a history needs

export type StageTagKind = "assignment" | "unassignment";

/** One tag the history needs: a version entering a stage, or leaving one. */
export interface TagMove {
  kind: StageTagKind;
  version: string;
  stage: string;
  /** The stage change (commit) the tag records. */
  change: string;
  /** The change's committer time, in seconds, and its zone (`+0200`). */
  at: number;
  zone: string;
}

/** `2026-01-31T08:00:00+02:00` -> seconds and `+0200`. */
function timeOf(iso: string): { at: number; zone: string } {
  const zone = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  return {
    at: Math.floor(Date.parse(iso) / 1000),
    zone: zone ? `${zone[1]}${zone[2]}${zone[3]}` : "+0000",
  };
}

/**
 * The tags the moves need, in order: a version that leaves a stage gets an unassignment, and one
 * that enters a stage an assignment. The initial stage gets neither (GTO has no "no stage"). A
 * version displaced from an exclusive stage gets its unassignment too: without it GTO would hand
 * the stage back to it once its successor left with nobody entering.
 */
export function tagMoves(events: readonly StageEvent[], initialStage: string): TagMove[] {
  const moves: TagMove[] = [];
  for (const e of events) {
    const { at, zone } = timeOf(e.at);
    const base = { version: e.version, change: e.commit, at, zone };
    if (e.from !== initialStage) moves.push({ kind: "unassignment", stage: e.from, ...base });
    if (e.to !== initialStage) moves.push({ kind: "assignment", stage: e.to, ...base });
  }
  return moves;
}

/** A stage tag that exists, read with the version registered on its commit. */
export interface ExistingStageTag {
  name: string;
  kind: StageTagKind;
  stage: string;
  /** undefined when no version of the model is registered on the tagged commit. */
  version: string | undefined;
  time: number;
  counter: number;
}

export interface PlannedStageTag extends TagMove {
  name: string;
  counter: number;
  /** The tagger time: the change's time, moved forward past the tag before it. */
  time: number;
}

export interface StageTagPlan {
  /** Tags to create, in history order, each dated a second or more after the one before it. */
  missing: PlannedStageTag[];
  /** Tags that record no move of the history (a move that never landed, or one tagged twice). */
  extra: ExistingStageTag[];
  /** Tags GTO orders before (or in the same second as) the tag of an earlier move in their stage. */
  outOfOrder: ExistingStageTag[];
}

/** GTO's order: tagger second, then name as git lists them. */
const gtoOrder = (a: { time: number; name: string }, b: { time: number; name: string }) =>
  a.time - b.time || compareText(a.name, b.name);

/**
 * Matches the model's existing stage tags to the moves oldest first: the k-th tag (in GTO's
 * order) for a version's assignment to (or unassignment from) a stage records the k-th such move.
 * Moves left over get new tags, numbered on from the model's highest counter and dated at their
 * change, but never at or before the previous move's tag: GTO orders by the second, so a model's
 * stage tags are strictly increasing in time. An existing tag that falls at or before the tag of
 * an earlier move in the same stage is out of order: GTO may read the two the other way round.
 */
export function planStageTags(input: {
  model: string;
  moves: readonly TagMove[];
  existing: readonly ExistingStageTag[];
}): StageTagPlan {
  const { model, moves } = input;
  const existing = [...input.existing].sort(gtoOrder);
  const queues = new Map<string, ExistingStageTag[]>();
  const keyOf = (kind: StageTagKind, stage: string, version: string | undefined) =>
    `${kind}\u0000${stage}\u0000${version}`;
  for (const tag of existing) {
    const key = keyOf(tag.kind, tag.stage, tag.version);
    queues.set(key, [...(queues.get(key) ?? []), tag]);
  }
  let counter = Math.max(0, ...input.existing.map((t) => t.counter));
  let previous = Number.NEGATIVE_INFINITY;
  // GTO compares events of one stage only (a version's vstage, the holders' activations), so an
  // existing tag is out of order only against the tags of earlier moves in the same stage.
  const lastInStage = new Map<string, number>();
  const missing: PlannedStageTag[] = [];
  const outOfOrder: ExistingStageTag[] = [];
  for (const move of moves) {
    const tag = queues.get(keyOf(move.kind, move.stage, move.version))?.shift();
    const last = lastInStage.get(move.stage) ?? Number.NEGATIVE_INFINITY;
    if (tag) {
      if (tag.time <= last) outOfOrder.push(tag);
      lastInStage.set(move.stage, Math.max(last, tag.time));
      previous = Math.max(previous, tag.time);
      continue;
    }
    counter += 1;
    const time = Math.max(move.at, previous + 1);
    previous = time;
    lastInStage.set(move.stage, time);
    const name =
      move.kind === "assignment"
        ? stageTag(model, move.stage, counter)
        : unassignmentTag(model, move.stage, counter);
    missing.push({ ...move, name, counter, time });
  }
  const extra = [...queues.values()].flat().sort(gtoOrder);
  return { missing, extra, outOfOrder };
}
