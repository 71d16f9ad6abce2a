import { usage } from "../../domain/errors.js";
import { parseJsonl } from "../../domain/jsonl.js";
import { parseTag } from "../../domain/references.js";
import { HistoryLineSchema } from "../../domain/schemas.js";
import { pullRequestNumber, type StageEvent, stageHistory } from "../../domain/stage-history.js";
import { parseTrailers } from "../../domain/stages.js";
import { isConfiguredStage } from "../../domain/stages-file.js";
import type { Registry } from "../core/registry.js";
import { boundedStageLog } from "./stage-index.js";
import {
  type Deletion,
  readStageLog,
  type StageLog,
  type VersionEvent,
  type VersionEvents,
  versionEvents,
} from "./stage-log.js";
import { type HistoryReads, type ModelTag, startHistoryReads } from "./stage-log-command.js";

/**
 * `history MODEL` (DESIGN section 5): every registration, deletion and stage move of a model,
 * oldest first. What it reads costs what the model's own records cost, not the registry:
 *
 * - registrations and deletions from the model's tags (`name@vX.Y.Z` on the registration commit,
 *   `name@vX.Y.Z!` on the deletion commit; one `for-each-ref` of the model's pattern, which also
 *   gives each commit's author, date and subject), checked against the version folders of the ref;
 *   a version the tags do not answer for (added by hand or with --no-tag, deleted without a
 *   deregistration tag) comes from one `git log` of just those metadata.json files;
 * - stage moves from the log of the model's stages.json alone and one `cat-file --batch` of its
 *   blobs (stage-log.ts), including hand edits, reverts and merged pull requests; that log is
 *   read up to the newest tagged commit from the stage tags' records of their changes, when they
 *   account for the file, and only after it from git's walk of the file (stage-index.ts).
 *
 * Never a walk of every registration commit: at 1,000 versions a model, the folder's log diffed
 * 1,000 trees of 1,000 entries (docs/benchmarks.md, "history").
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
  /** The reads started before the registry was open (prefetchHistoryReads); used if they match. */
  prefetched?: HistoryReads | null;
  /**
   * Read the stage log up to the newest tagged commit from the stage tags (stage-index.ts) when
   * they account for it (default true); false: always git's log of the whole history.
   */
  bounded?: boolean;
}

/** Within one instant: a version is registered before it moves, and moves before it is deleted. */
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
  const ref = options.ref ?? "HEAD";
  const bounded = options.bounded !== false;
  const { prefetched } = options;
  const reads =
    prefetched?.top === registry.git.top &&
    prefetched.model === name &&
    prefetched.rev === ref &&
    (prefetched.walk !== null || !bounded)
      ? prefetched
      : startHistoryReads(registry.git, name, ref, { walk: bounded });
  const historyFile = `${registry.modelFolder(name)}/history.jsonl`;
  // Metrics come from history.jsonl (the registration's record); the commit says who and when.
  const [log, versions, metrics] = await Promise.all([
    (bounded ? boundedStageLog(registry, name, ref, reads).catch(() => null) : Promise.resolve(null)).then(
      (started) =>
        readStageLog(registry, name, ref, {
          stagesOnly: true,
          commitGraph: "keep",
          prefetched: started ?? reads.full,
        }),
    ),
    stage === undefined
      ? versionsFromTags(registry, [name], ref, reads.tags).then((events) => events.get(name)!)
      : null,
    options.metrics === false || stage !== undefined
      ? new Map<string, Record<string, number> | undefined>()
      : (ref === "HEAD"
          ? Promise.resolve(registry.readText(historyFile))
          : registry.git
              .catFile([`${ref}:${historyFile}`])
              .then((o) => o.get(`${ref}:${historyFile}`)?.content.toString("utf8") ?? null)
        ).then(
          (lines) =>
            new Map(
              parseJsonl(lines ?? "", HistoryLineSchema).records.map(({ value }) => [
                value.version,
                value.metrics,
              ]),
            ),
        ),
  ]);
  // A deleted version leaves stages.json in its deletion commit: that is the deletion, not a move.
  const removedIn = new Set((versions?.deletions ?? []).map((d) => `${d.commit} ${d.version}`));
  const moves: HistoryEntry[] = stageHistory(log.snapshots, registry.config)
    .filter((e) => !(e.to === registry.config.initialStage && removedIn.has(`${e.commit} ${e.version}`)))
    .filter((e) => stage === undefined || e.to === stage || e.from === stage)
    .map((e) => ({ type: "move", ...e }));
  if (!versions) return { model: name, stage: stage ?? null, entries: moves };
  const registrations = versions.registrations.map(
    (r): HistoryEntry => ({ type: "registration", ...r, metrics: metrics.get(r.version) ?? null }),
  );
  const deletions = versions.deletions.map((d): HistoryEntry => ({ type: "deletion", ...d }));
  return { model: name, stage: null, entries: mergeByTime([registrations, moves, deletions]) };
}

/**
 * One model's timeline from its stage log (readStageLog, or one whole-registry readStageLogs):
 * registrations and deletions (unless only `stage`'s moves are asked for) and stage moves, in
 * the order of the log. `metrics`: version -> the registration's metrics from history.jsonl.
 * `from`: the registrations and deletions read elsewhere (versionsFromTags, for a log of
 * stages.json alone, which has none) and each commit's place in the branch's walk, oldest first.
 */
export function historyEntries(
  registry: Registry,
  log: StageLog,
  metrics: ReadonlyMap<string, Record<string, number> | undefined> = new Map(),
  stage?: string,
  from?: { events: VersionEvents; position: (commit: string) => number | undefined },
): HistoryEntry[] {
  let bodyOf: Map<string, string> | undefined;
  const bodies = () => {
    bodyOf ??= new Map(log.snapshots.map((s) => [s.commit, s.body]));
    return bodyOf;
  };
  const { registrations, deletions } = from?.events ?? log;
  // A deleted version leaves stages.json in its deletion commit: that is the deletion, not a move.
  const removedIn = new Set(deletions.map((d) => `${d.commit} ${d.version}`));
  const moves: HistoryEntry[] = stageHistory(log.snapshots, registry.config)
    .filter((e) => !(e.to === registry.config.initialStage && removedIn.has(`${e.commit} ${e.version}`)))
    .filter((e) => stage === undefined || e.to === stage || e.from === stage)
    .map((e) => ({ type: "move", ...e }));
  const versions: HistoryEntry[] =
    stage === undefined
      ? [
          ...registrations.map(
            (r): HistoryEntry => ({ type: "registration", ...r, metrics: metrics.get(r.version) ?? null }),
          ),
          ...deletions.map(
            (d): HistoryEntry => ({
              type: "deletion",
              ...d,
              reason: "reason" in d ? (d.reason as string | null) : deletionReason(bodies(), d.commit),
            }),
          ),
        ]
      : [];
  const at = from?.position ?? ((commit: string) => log.order.get(commit));
  const position = (e: HistoryEntry) => at(e.commit) ?? Number.MAX_SAFE_INTEGER;
  // Stable: moves keep the domain's order within a commit (the commit's own version first); the
  // versions one commit adds or removes come in the order of their folders, as git's diff lists them.
  return [...versions, ...moves].sort(
    (a, b) =>
      position(a) - position(b) ||
      RANK[a.type] - RANK[b.type] ||
      (a.type === "move" ? 0 : compareBytes(`${a.version}/`, `${b.version}/`)),
  );
}

/** Byte order, as git sorts a tree's entries (a folder's name as if it ended with "/"). */
const compareBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The `Reason:` trailer `delete --reason` and `cleanup --reason` write, or null. */
function deletionReason(bodyOf: ReadonlyMap<string, string>, commit: string): string | null {
  return parseTrailers(bodyOf.get(commit) ?? "").reason ?? null;
}

/**
 * One timeline from sequences that are each in order already (the moves in the log's order,
 * which a sort by date could break where commit dates do not follow the history): each step
 * takes the earliest head, registrations before moves before deletions in the same second.
 */
function mergeByTime(sequences: HistoryEntry[][]): HistoryEntry[] {
  const time = (e: HistoryEntry) => Date.parse(e.at);
  const heads = sequences.map(() => 0);
  const out: HistoryEntry[] = [];
  for (;;) {
    let best = -1;
    for (const [i, seq] of sequences.entries()) {
      const e = seq[heads[i]!];
      if (!e) continue;
      const b = best < 0 ? undefined : sequences[best]![heads[best]!]!;
      if (!b || time(e) < time(b) || (time(e) === time(b) && RANK[e.type] < RANK[b.type])) best = i;
    }
    if (best < 0) return out;
    out.push(sequences[best]![heads[best]!++]!);
  }
}

/**
 * The models' registrations and deletions as of `ref`, from their registration and
 * deregistration tags (`history`'s one `for-each-ref` of `refs/tags/<model>@*` and `#*`, or the
 * report's of every model's `@*`, with the tagged commits' author, date and subject) and the
 * version folders `ref` holds. A tagged version that `ref` does not hold was deleted there (or
 * registered on another branch: the log then finds nothing); those, and the folders without a
 * tag, are looked up in one log of their metadata.json files, for all the models at once.
 */
export async function versionsFromTags(
  registry: Registry,
  models: readonly string[],
  ref: string,
  tags: Promise<ModelTag[]>,
): Promise<Map<string, VersionEvents>> {
  const wanted = new Set(models);
  const [rows, present] = await Promise.all([
    tags,
    Promise.all(models.map((m) => versionFoldersAt(registry, m, ref))),
  ]);
  const registered = new Map(models.map((m) => [m, new Map<string, VersionEvent>()]));
  const deregistered = new Map(models.map((m) => [m, new Map<string, Deletion>()]));
  for (const { name, commit, who, email, at, subject, reason } of rows) {
    const tag = parseTag(name);
    if (!tag || !wanted.has(tag.model)) continue;
    if (tag.kind !== "registration" && tag.kind !== "deregistration") continue;
    if (registry.scheme(tag.model).parse(tag.version) !== tag.version) continue;
    const event = {
      version: tag.version,
      at,
      who,
      email,
      commit,
      subject,
      pullRequest: pullRequestNumber(subject),
    };
    if (tag.kind === "registration") registered.get(tag.model)!.set(tag.version, event);
    else deregistered.get(tag.model)!.set(tag.version, { ...event, reason: reason.trim() || null });
  }
  const events = new Map<string, VersionEvents>();
  const unknown = new Map<string, string[]>();
  for (const [i, model] of models.entries()) {
    const registrations: VersionEvent[] = [];
    const deletions: Deletion[] = [];
    const missing: string[] = [];
    for (const version of present[i]!) {
      const event = registered.get(model)!.get(version);
      // Deleted and back (a revert of the deletion): git's log says when each happened. Removed
      // without a `!` tag and back, it looks never deleted: only a diff of every commit would
      // tell (docs/decisions/report.md, what the report and `history` cannot see).
      if (event && !deregistered.get(model)!.has(version)) registrations.push(event);
      else missing.push(version);
    }
    for (const [version, event] of registered.get(model)!) {
      if (present[i]!.has(version)) continue;
      const deletion = deregistered.get(model)!.get(version);
      if (deletion) {
        registrations.push(event);
        deletions.push(deletion);
      } else missing.push(version);
    }
    events.set(model, { registrations, deletions });
    if (missing.length) unknown.set(model, missing);
  }
  // A tagged version that the ref never held (registered on another branch) is found by neither.
  for (const [model, found] of await versionEvents(registry, unknown, ref)) {
    const own = events.get(model)!;
    own.registrations.push(...found.registrations);
    own.deletions.push(...found.deletions);
  }
  for (const [model, own] of events) {
    const scheme = registry.scheme(model);
    const byTime = <T extends VersionEvent>(a: T, b: T) =>
      Date.parse(a.at) - Date.parse(b.at) || scheme.compare(a.version, b.version);
    own.registrations.sort(byTime);
    own.deletions.sort(byTime);
  }
  return events;
}

/** The model's version folders at `ref`: the work tree's at HEAD (no process), else one ls-tree. */
async function versionFoldersAt(registry: Registry, model: string, ref: string): Promise<Set<string>> {
  if (ref === "HEAD") return new Set(await registry.versionFolders(model));
  const scheme = registry.scheme(model);
  const names = await registry.git.list(
    ["ls-tree", "-z", "-d", "--name-only", "--end-of-options", ref, "--", `${registry.modelFolder(model)}/`],
    { allowFailure: true },
  );
  return new Set(names.map((n) => n.slice(n.lastIndexOf("/") + 1)).filter((v) => scheme.parse(v) === v));
}
