import { conflict, notFound, usage } from "./errors.js";
import type { StagesFile } from "./schemas.js";
import {
  displacedTarget,
  type HeldBefore,
  judgeMoves,
  parseTrailers,
  type StageConfig,
  type StageMove,
  stageMoves,
  subjectAction,
  type Trailers,
} from "./stages.js";
import { stagesByVersion, versionsIn } from "./stages-file.js";

/**
 * The stage history of one model, derived from the snapshots of its stages.json that one
 * `git log` gives (DESIGN section 5), and the GTO stage tags of what landed (section 4).
 */

/** One commit that touched stages.json, with the file as it was after that commit. */
export interface StagesSnapshot {
  commit: string;
  /** As `git log --parents` prints them (the first parent is the branch the commit was made on). */
  parents: readonly string[];
  author: string;
  email: string;
  /** ISO 8601 time of the commit. */
  date: string;
  subject: string;
  /** The message after the subject, trailers included. */
  body: string;
  /** null when the commit did not change the file or it is unreadable: the last known stages carry on ({} when removed). */
  stages: StagesFile | null /**
   * stages.json at the first parent, when the log's diff says (its old side): the first parent
   * need not be among the snapshots (a merge whose main-line parent did not touch the file).
   */;
  base?: StagesFile;
  /** stages.json at the second parent of a merge, when that parent is not among the snapshots. */
  merged?: StagesFile;
}

export type StageEventKind = "promotion" | "demotion" | "rollback" | "hand-edit";

export interface StageEvent {
  version: string;
  from: string;
  to: string;
  at: string;
  who: string;
  email: string;
  commit: string;
  subject: string;
  reason: string | null;
  pullRequest: number | null;
  /** The version returns to a stage it held before, or the commit reverts or rolls back. */
  rollback: boolean;
  kind: StageEventKind;
}

/** The pull request number of a merge subject ("Merge pull request #12 from ...") or a squash subject ("... (#12)"). */
export function pullRequestNumber(subject: string): number | null {
  const match = /^Merge pull request #(\d+)\b/.exec(subject) ?? /\(#(\d+)\)\s*$/.exec(subject);
  return match ? Number(match[1]) : null;
}

interface Step {
  snapshot: StagesSnapshot;
  /** stages.json at the first parent (or at the previous snapshot when the parent is not among them). */
  base: StagesFile;
  stages: StagesFile;
  /** stages.json at the second parent of a merge, when known. */
  merged: StagesFile | undefined;
}

/**
 * Walks the snapshots oldest first (every parent before its children), pairing each with the
 * stages it changed from. A snapshot whose parent is not in the list follows the one before it.
 * A snapshot that did not change the file has `stages === base` (the same object).
 */
function* walk(snapshots: readonly StagesSnapshot[]): Generator<Step> {
  const known = new Map<string, StagesFile>();
  let previous: StagesFile = {};
  for (const snapshot of snapshots) {
    const [first, second] = snapshot.parents;
    const base = (first !== undefined ? known.get(first) : undefined) ?? snapshot.base ?? previous;
    const stages = snapshot.stages ?? base;
    known.set(snapshot.commit, stages);
    previous = stages;
    const merged = second !== undefined ? (known.get(second) ?? snapshot.merged) : undefined;
    yield { snapshot, base, stages, merged };
  }
}

/** Every (version, stage) held so far, for the rollback rule. */
function holdings() {
  const held = new Set<string>();
  const key = (version: string, stage: string) => `${stage}\u0000${version}`;
  return {
    heldBefore: ((version, stage) => held.has(key(version, stage))) as HeldBefore,
    record(moves: readonly StageMove[]) {
      for (const m of moves) held.add(key(m.version, m.to));
    },
  };
}

/** The rollback rule's memory: whether a version held a stage at any snapshot. */
export function heldBeforeFrom(snapshots: readonly StagesSnapshot[], config: StageConfig): HeldBefore {
  const held = holdings();
  for (const step of walk(snapshots)) {
    if (step.stages !== step.base) held.record(stageMoves(step.base, step.stages, config));
  }
  return held.heldBefore;
}

interface CommitIntent {
  /** The git-model trailers, when the commit is one of git-model's own. */
  recorded: Trailers | undefined;
  action: ReturnType<typeof subjectAction>;
  /** `git revert`, `git model rollback`, or a Rollback-Of trailer. */
  reverting: boolean;
}

function intentOf(snapshot: StagesSnapshot): CommitIntent {
  const trailers = parseTrailers(snapshot.body);
  const action = subjectAction(snapshot.subject);
  const recorded = trailers.model && trailers.version && trailers.stage ? trailers : undefined;
  const reverting =
    snapshot.subject.startsWith('Revert "') || trailers.rollbackOf !== undefined || action === "rollback";
  return { recorded, action, reverting };
}

function kindOf(move: StageMove, intent: CommitIntent): StageEventKind {
  if (intent.reverting) return "rollback";
  const { recorded } = intent;
  if (!recorded) return "hand-edit";
  if (move.version === recorded.version && move.to === recorded.stage) {
    return intent.action === "demote" ? "demotion" : "promotion";
  }
  return move.version === recorded.displaced ? "demotion" : "hand-edit";
}

function reasonOf(move: StageMove, intent: CommitIntent): string | null {
  const { recorded } = intent;
  if (!recorded) return null;
  if (move.version === recorded.version) return recorded.reason ?? null;
  return move.version === recorded.displaced ? `displaced by ${recorded.version}` : null;
}

/** The commit's own version first, then the one it displaced, then the rest as found. */
function orderedMoves<T extends StageMove>(moves: readonly T[], intent: CommitIntent): T[] {
  const rank = (m: StageMove) =>
    m.version === intent.recorded?.version ? 0 : m.version === intent.recorded?.displaced ? 1 : 2;
  return [...moves].sort((a, b) => rank(a) - rank(b));
}

/**
 * Every stage move, oldest first, including hand edits and reverts. A merge reports only what it
 * changed itself; the moves its branch made stay with the branch's commits and get the pull
 * request number of the merge.
 */
export function stageHistory(snapshots: readonly StagesSnapshot[], config: StageConfig): StageEvent[] {
  const events: StageEvent[] = [];
  const latest = new Map<string, StageEvent>();
  const held = holdings();
  for (const step of walk(snapshots)) {
    // Most snapshots left stages.json as it was (a registration, a merge that did not touch it).
    if (step.stages === step.base) continue;
    const { snapshot } = step;
    const moves = judgeMoves(step.base, step.stages, config, held.heldBefore);
    const pullRequest = pullRequestNumber(snapshot.subject);
    const branch = step.merged ? stagesByVersion(step.merged, config) : undefined;
    const fromBranch = (m: StageMove) =>
      branch !== undefined && (branch.get(m.version) ?? config.initialStage) === m.to;
    for (const m of moves.filter(fromBranch)) {
      const event = latest.get(m.version);
      if (event && event.to === m.to && event.pullRequest === null) event.pullRequest = pullRequest;
    }
    const intent = intentOf(snapshot);
    for (const m of orderedMoves(
      moves.filter((m) => !fromBranch(m)),
      intent,
    )) {
      const event: StageEvent = {
        version: m.version,
        from: m.from,
        to: m.to,
        at: snapshot.date,
        who: snapshot.author,
        email: snapshot.email,
        commit: snapshot.commit,
        subject: snapshot.subject,
        reason: reasonOf(m, intent),
        pullRequest,
        rollback: intent.reverting || m.verdict === "rollback",
        kind: kindOf(m, intent),
      };
      events.push(event);
      latest.set(m.version, event);
    }
    held.record(moves);
  }
  return events;
}

/**
 * What `rollback --stage` restores (docs/decisions/stages.md, "rollback"): the version the
 * exclusive stage held just before its last change, which that change undoes. Rolling back twice
 * restores the rolled-back version, like reverting a revert. A rollback of one stage never moves a
 * version out of another: the earlier holder returns only from where versions are parked (the
 * initial stage, or where this stage's displaced holders go). Otherwise, and when the stage held
 * nothing before its last change, it refuses and says what to run instead.
 */
export function rollbackTarget(input: {
  model: string;
  stage: string;
  events: readonly StageEvent[];
  /** The stage's holder now, if any. */
  current: string | undefined;
  /** Where a registered version is now; undefined for a version that is no longer registered. */
  stageOf: (version: string) => string | undefined;
  config: StageConfig;
}): { version: string; undone: string } {
  const { model, stage, current, config } = input;
  let holder: string | undefined;
  let before: string | undefined;
  let undone: StageEvent | undefined;
  const events = input.events;
  for (let i = 0; i < events.length; ) {
    let j = i;
    while (j < events.length && events[j]!.commit === events[i]!.commit) j++;
    const change = events.slice(i, j);
    const touches = change.filter((e) => e.to === stage || e.from === stage);
    if (touches.length) {
      before = holder;
      undone = touches.find((e) => e.to === stage) ?? touches[0];
      for (const e of change) if (e.from === stage && holder === e.version) holder = undefined;
      for (const e of change) if (e.to === stage) holder = e.version;
    }
    i = j;
  }
  const ref = `${model}#${stage}`;
  if (!undone) {
    throw notFound(`${ref} has no earlier holder to roll back to: no version has held it`, {
      hint: `see the moves with git model history ${model} --stage ${stage}`,
    });
  }
  const commit = undone.commit.slice(0, 7);
  const takeOut = current ? `take ${current} out with git model demote ${model}@${current}` : undefined;
  if (before === undefined || before === current) {
    throw notFound(
      `${ref} has no earlier holder to roll back to: it held no version before ${undone.version} entered it (commit ${commit})`,
      { hint: `${takeOut ? `${takeOut}, or` : ""} promote the version you want to ${stage}`.trim() },
    );
  }
  const where = input.stageOf(before);
  if (where === undefined) {
    throw notFound(`${ref}'s earlier holder ${before} is no longer registered, so it cannot be restored`, {
      hint: `${takeOut ? `${takeOut}, or` : ""} promote the version you want to ${stage}`.trim(),
    });
  }
  if (where !== config.initialStage && where !== displacedTarget(config, stage)) {
    throw conflict(
      `${ref}'s earlier holder ${before} is in ${where} now, and rolling back ${stage} does not move a version out of ${where}`,
      {
        hint: `${takeOut ? `${takeOut}; ` : ""}to move ${before} back anyway: git model promote ${model}@${before} ${stage}`,
      },
    );
  }
  return { version: before, undone: undone.commit };
}

// ---------------------------------------------------------------------------------------------
// "What held this stage then"

export type PointInTime = { date: string } | { commit: string };

export interface HolderAt {
  /** The versions stages.json named under the stage (at most one for an exclusive stage). */
  versions: string[];
  /** The snapshot that answered, or null when the time is before the first one. */
  commit: string | null;
  date: string | null;
}

/** A bare date means the end of that day (UTC), so that changes made that day count; a time without zone is UTC. */
export function instantOf(text: string): number {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text)
    ? `${text}T23:59:59.999Z`
    : /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)
      ? `${text}Z`
      : text;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    throw usage(`invalid date ${JSON.stringify(text)}`, {
      hint: "use a date like 2026-01-31 or a time like 2026-01-31T12:00:00Z",
    });
  }
  return time;
}

function snapshotMatcher(
  at: PointInTime,
  snapshots: readonly StagesSnapshot[],
): (s: StagesSnapshot) => boolean {
  if ("date" in at) {
    const limit = instantOf(at.date);
    return (s) => Date.parse(s.date) <= limit;
  }
  const prefix = at.commit.toLowerCase();
  if (!/^[0-9a-f]{4,40}$/.test(prefix)) {
    throw usage(`invalid commit ${JSON.stringify(at.commit)}`, {
      hint: "give at least 4 hex digits of a commit id",
    });
  }
  const matches = snapshots.filter((s) => s.commit.startsWith(prefix));
  if (matches.length > 1)
    throw usage(`commit ${at.commit} is ambiguous`, { hint: "give more digits of the commit id" });
  if (matches.length === 0) {
    throw notFound(`commit ${at.commit} did not change stages.json`, {
      hint: "read stages.json at that commit, or give a date",
    });
  }
  return (s) => s === matches[0];
}

/** Who held `stage` at a date (the last snapshot at or before it) or at a commit that changed stages.json. */
export function holderAt(snapshots: readonly StagesSnapshot[], stage: string, at: PointInTime): HolderAt {
  const matches = snapshotMatcher(at, snapshots);
  let answer: HolderAt = { versions: [], commit: null, date: null };
  for (const step of walk(snapshots)) {
    if (!matches(step.snapshot)) continue;
    answer = {
      versions: versionsIn(step.stages, stage),
      commit: step.snapshot.commit,
      date: step.snapshot.date,
    };
    if ("commit" in at) break;
  }
  return answer;
}
