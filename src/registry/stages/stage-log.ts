import { assertModelName } from "../../domain/names.js";
import type { StagesFile } from "../../domain/schemas.js";
import { pullRequestNumber, type StagesSnapshot } from "../../domain/stage-history.js";
import { parseStagesJson, parseTrailers } from "../../domain/stages.js";
import { parseUsualStages } from "../../domain/stages-file.js";
import { GitError } from "../../infra/git.js";
import type { Registry } from "../core/registry.js";
import { ensureCommitGraph, headFromFiles } from "./commit-graph.js";
import {
  allStagesFiles,
  FIELD,
  type PrefetchedLog,
  RECORD,
  stageLogArgs,
  stagesFiles,
  startStageLog,
} from "./stage-log-command.js";

/**
 * The history of models' stages.json files and version folders, read the way DESIGN section 11
 * allows: one `git log` of the model folders (stage-log-command.ts; registrations and deletions
 * come from the same walk), and one `cat-file --batch`, fed while the log runs, for the
 * stages.json blobs those commits wrote. Never a git process per commit, version or model.
 */

/** A commit that added (registration) or removed (deletion) a version's metadata.json. */
export interface VersionEvent {
  version: string;
  at: string;
  who: string;
  email: string;
  commit: string;
  subject: string;
  pullRequest: number | null;
}

export interface StageLog {
  model: string;
  /** Repository-relative path of stages.json. */
  file: string;
  /** Oldest first, every parent before its children, as the domain's stageHistory expects. */
  snapshots: StagesSnapshot[];
  registrations: VersionEvent[];
  deletions: VersionEvent[];
  /** commit -> position in the walk, to merge registrations and stage moves into one timeline. */
  order: Map<string, number>;
}

/** The log of a model whose folder no commit has touched yet (nothing happened to it). */
export function emptyStageLog(model: string, file: string): StageLog {
  return { model, file, snapshots: [], registrations: [], deletions: [], order: new Map() };
}

export interface StageLogOptions {
  /**
   * Bring git's commit-graph up to date for the next read (commit-graph.ts), beside this one:
   * a few milliseconds when only some commits are new, once about 0.4 s per 11,000 commits when
   * there is none. For commands people run again and again in the same clone (`history`), not
   * for a CI job's one-off read of a fresh clone. "keep": only add a layer to a graph that has
   * the filters already (never the first write, which a fresh clone would pay).
   */
  commitGraph?: boolean | "keep";
  /** The same log started earlier (stage-log-command.ts), used when its arguments and folder match. */
  prefetched?: PrefetchedLog | null;
  /**
   * Log each model's stages.json alone (one file path, which git answers from a commit-graph's
   * Bloom filters when there is one) instead of its whole folder: only the snapshots, no
   * registrations or deletions. For readers that need only the stage moves (`history`, which
   * takes registrations from the tags, and the stage checks): the folder's log diffs every
   * registration commit too, which at 1,000 versions a model is most of its cost.
   */
  stagesOnly?: boolean;
}

interface Change {
  status: string;
  blob: string;
  /** The blob at the first parent (all zeros when the file was added). */
  old: string;
}

/** The all-zero object id git's --raw prints for the side where a file does not exist. */
const isNull = (oid: string) => /^0+$/.test(oid);

export interface LoggedCommit {
  commit: string;
  parents: string[];
  author: string;
  email: string;
  date: string;
  subject: string;
  body: string;
  /** path -> status letter (A, M, D, T), old and new blob, against the first parent for a merge. */
  changes: Map<string, Change>;
}

/** One record of the log's output (the text after a RECORD mark). */
export function parseRecord(record: string): LoggedCommit | null {
  if (record.trim() === "") return null;
  const [commit = "", parents = "", author = "", email = "", date = "", subject = "", body = "", rest = ""] =
    record.split(FIELD);
  const changes = new Map<string, Change>();
  for (const line of rest.split("\n")) {
    // --raw: ":100644 100644 <old blob> <new blob> M\tpath". The folder's other files
    // (artifacts, history.jsonl, monitoring.jsonl) are most of the lines: skipped unsplit.
    const tab = line.indexOf("\t");
    if (tab < 0 || !line.startsWith(":")) continue;
    if (!line.endsWith("/stages.json") && !line.endsWith("/metadata.json")) continue;
    const [, , old = "", blob = "", status = ""] = line.slice(1, tab).split(" ");
    changes.set(line.slice(tab + 1), { status: status.slice(0, 1), blob, old });
  }
  return {
    commit,
    parents: parents.split(" ").filter(Boolean),
    author,
    email,
    date,
    subject,
    body: body.trim(),
    changes,
  };
}

/** Where a registry path belongs: a model's stages.json, or a version's metadata.json. */
function classify(
  root: string,
  path: string,
): { model: string; kind: "stages" } | { model: string; kind: "version"; version: string } | null {
  if (!path.startsWith(`${root}/`)) return null;
  const parts = path.slice(root.length + 1).split("/");
  if (parts.length === 2 && parts[1] === "stages.json") return { model: parts[0]!, kind: "stages" };
  if (parts.length === 3 && parts[2] === "metadata.json")
    return { model: parts[0]!, kind: "version", version: parts[1]! };
  return null;
}

/**
 * Reads the stage logs of the given models (or of every model) as of `rev`. Only commits that
 * touch a model become its snapshots; the others (unrelated merges, other models' commits) are
 * folded into their first parent, so every snapshot's parents name snapshots of the same model.
 */
export async function readStageLogs(
  registry: Registry,
  models: readonly string[] | "all",
  rev = "HEAD",
  options: StageLogOptions = {},
): Promise<Map<string, StageLog>> {
  const { git, root } = registry;
  const wanted = models === "all" ? null : new Set(models.map(assertModelName));
  const logs = new Map<string, StageLog>();
  const logOf = (model: string): StageLog => {
    let log = logs.get(model);
    if (!log) {
      log = emptyStageLog(model, `${registry.modelFolder(model)}/stages.json`);
      logs.set(model, log);
    }
    return log;
  };
  for (const model of wanted ?? []) logOf(model);
  if (wanted && wanted.size === 0) return logs;

  const folders = wanted ? [...wanted].map((m) => registry.modelFolder(m)) : [root];
  const stagesOnly = Boolean(options.stagesOnly);
  const paths = !stagesOnly ? folders : wanted ? stagesFiles(folders) : [allStagesFiles(root)];
  const args = stageLogArgs(paths, rev, { realParents: stagesOnly, glob: stagesOnly && !wanted });
  const { prefetched } = options;
  const matches =
    prefetched?.top === git.top &&
    prefetched.args.length === args.length &&
    prefetched.args.every((a, i) => a === args[i]);
  // The commit-graph is brought up to date for the next read, beside this one (its state is
  // read from the files; git runs only when it is missing or behind).
  const head = options.commitGraph && rev === "HEAD" ? headFromFiles(git.gitDir) : null;
  const graph = options.commitGraph
    ? (head ? Promise.resolve(head) : git.commitOf(rev))
        .then(
          (commit) => commit && ensureCommitGraph(git, commit, { create: options.commitGraph !== "keep" }),
        )
        .catch(() => null)
    : null;
  const started = matches ? prefetched : startStageLog(git.top, args);
  // The log's records and the stages.json blobs are taken as git hands them over (oldest first,
  // every parent before its children), so most of this runs while git is still walking.
  // stages.json by blob id: a revert brings back a content seen before, parsed once.
  const stagesOf = new Map<string, StagesFile | null>();
  const blobsRead = started.blobs((blob, content) =>
    stagesOf.set(blob, content === null ? null : parseStages(content.toString("utf8"))),
  );
  blobsRead.catch(() => {}); // awaited below, unless the log fails first

  // For each model: which commits are its snapshots, and what a folded commit stands for.
  const firstParent = new Map<string, string | undefined>();
  const included = new Map<string, Set<string>>();
  const folded = new Map<string, Map<string, string | undefined>>();
  const representative = (model: string, commit: string): string | undefined => {
    const own = included.get(model);
    const memo = folded.get(model) ?? new Map<string, string | undefined>();
    folded.set(model, memo);
    const path: string[] = [];
    let current: string | undefined = commit;
    let answer: string | undefined;
    while (current !== undefined) {
      if (own?.has(current)) {
        answer = current;
        break;
      }
      if (memo.has(current)) {
        answer = memo.get(current);
        break;
      }
      if (!firstParent.has(current)) break;
      path.push(current);
      current = firstParent.get(current);
    }
    for (const c of path) memo.set(c, answer);
    return answer;
  };

  const reads: { blob: string; old: string; snapshot: StagesSnapshot }[] = [];
  const modelOfSnapshot = new Map<StagesSnapshot, string>();
  const modelOf = (snapshot: StagesSnapshot) => modelOfSnapshot.get(snapshot)!;
  // While the records come as one first-parent line (each one's first parent is the record
  // before it, as in a history without merges), every model's latest commit on that line is
  // known, which answers `representative` for first parents without a walk: with 100 models
  // interleaved, the walks cost each model a step per commit of the whole registry (3 s at
  // 11,000 commits). The first break in the line (a merge's side branch) ends the shortcut.
  let line: { tip: string; latest: Map<string, string> } | null | undefined;
  const take = (c: LoggedCommit) => {
    firstParent.set(c.commit, c.parents[0]);
    // `continued`: the first parent is the line's tip, whose models' latest commits are known.
    let continued = false;
    if (line === undefined) line = { tip: c.commit, latest: new Map() };
    else if (line !== null && c.parents[0] === line.tip) {
      line.tip = c.commit;
      continued = true;
    } else line = null;
    const latest = line?.latest;
    const touched = new Map<string, { stages?: Change; versions: [string, string][] }>();
    for (const [path, change] of c.changes) {
      const where = classify(root, path);
      if (!where || (wanted && !wanted.has(where.model))) continue;
      const entry = touched.get(where.model) ?? { versions: [] };
      touched.set(where.model, entry);
      if (where.kind === "stages") entry.stages = change;
      else entry.versions.push([where.version, change.status]);
    }
    for (const [model, entry] of touched) {
      const log = logOf(model);
      const scheme = registry.scheme(model);
      // Parents are resolved before this commit joins the model's set.
      const parents = c.parents.map(
        (p, i) => (i === 0 && continued ? latest?.get(model) : representative(model, p)) ?? p,
      );
      const set = included.get(model) ?? new Set<string>();
      included.set(model, set);
      set.add(c.commit);
      latest?.set(model, c.commit);
      log.order.set(c.commit, log.order.size);
      const snapshot: StagesSnapshot = {
        commit: c.commit,
        parents,
        author: c.author,
        email: c.email,
        date: c.date,
        subject: c.subject,
        body: c.body,
        stages: null,
      };
      log.snapshots.push(snapshot);
      modelOfSnapshot.set(snapshot, model);
      // A removed stages.json (a revert of the commit that wrote it) leaves every version in the
      // initial stage, as the registry reads a model without the file: not the last stages.
      if (entry.stages?.status === "D") snapshot.stages = {};
      else if (entry.stages) reads.push({ ...entry.stages, snapshot });
      for (const [version, status] of entry.versions) {
        if (scheme.parse(version) !== version) continue;
        recordVersionEvent(
          status === "D" ? log.deletions : status === "A" ? log.registrations : null,
          versionEvent(c, version),
        );
      }
    }
  };
  const end = await started.records((records) => {
    for (const record of records) {
      const commit = parseRecord(record);
      if (commit) take(commit);
    }
  });
  if (end.code !== 0) {
    // An empty repository (or an unborn branch) has no history yet; anything else is an error.
    if (!(await git.commitOf(rev))) return logs;
    throw new GitError(args, end.code, end.stderr);
  }

  await blobsRead;
  // A merge's second parent that is no snapshot (the branch's last commit did not touch the
  // file): the file there is read by name, so the domain can tell which moves the branch brought.
  const merges = reads.filter(({ snapshot }) => {
    const second = snapshot.parents[1];
    return second !== undefined && !included.get(modelOf(snapshot))?.has(second);
  });
  const mergedSpec = ({ snapshot }: (typeof reads)[number]) =>
    `${snapshot.parents[1]}:${logs.get(modelOf(snapshot))!.file}`;
  // Whatever the early cat-file did not answer (a path git quoted, say) is read now.
  const missing = reads
    .flatMap((r) => (isNull(r.old) ? [r.blob] : [r.blob, r.old]))
    .filter((blob) => !stagesOf.has(blob));
  for (const [name, object] of await git.catFile([...missing, ...merges.map(mergedSpec)])) {
    stagesOf.set(name, object ? parseStages(object.content.toString("utf8")) : null);
  }
  for (const merge of merges) merge.snapshot.merged = stagesOf.get(mergedSpec(merge)) ?? {};
  // An unreadable file carries the last known stages on (the domain's contract for null).
  // The old side of the diff is the file at the first parent, which the parents in the log may
  // not reach (a merge whose main-line parent did not touch the file): the domain's base then.
  for (const { blob, old, snapshot } of reads) {
    snapshot.stages = stagesOf.get(blob) ?? null;
    const before = isNull(old) ? {} : stagesOf.get(old);
    if (before) snapshot.base = before;
  }
  await graph;
  return logs;
}

/**
 * stages.json as the domain's parseStagesJson reads it. The usual file (an object of version
 * strings and lists of them, which is all StagesFileSchema accepts) is taken as JSON.parse gives
 * it: at 1,000 snapshots, zod's validating copy of every one cost about 30 ms. Anything else
 * goes to the domain, which says what null means for it.
 */
function parseStages(text: string): StagesFile | null {
  // Only the parsed file is used here; the path would only name the file in problems.
  return parseUsualStages(text) ?? parseStagesJson(text, "stages.json").file;
}

/** What a logged commit says of a version it added or removed. */
const versionEvent = (c: LoggedCommit, version: string): VersionEvent => ({
  version,
  at: c.date,
  who: c.author,
  email: c.email,
  commit: c.commit,
  subject: c.subject,
  pullRequest: pullRequestNumber(c.subject),
});

/**
 * The first commit that adds a version is its registration (or deletion); a merge that brings the
 * same change in from its branch only lends it the pull request number.
 */
function recordVersionEvent<T extends VersionEvent>(list: T[] | null, event: T): void {
  if (!list) return;
  const earlier = list.find((e) => e.version === event.version);
  if (!earlier) list.push(event);
  else if (earlier.pullRequest === null) earlier.pullRequest = event.pullRequest;
}

export async function readStageLog(
  registry: Registry,
  model: string,
  rev = "HEAD",
  options: StageLogOptions = {},
): Promise<StageLog> {
  return (await readStageLogs(registry, [model], rev, options)).get(model)!;
}

export type Deletion = VersionEvent & { reason: string | null };

/** The most paths versionEvents names one by one. */
const MAX_PATHSPECS = 2000;

/** A model's registrations and deletions. */
export interface VersionEvents {
  registrations: VersionEvent[];
  deletions: Deletion[];
}

/**
 * The registrations and deletions of the given versions (model -> versions), from one `git log`
 * of just their metadata.json files (the first commit that added each, and the first that
 * removed it), for every model at once. For the versions the tags do not answer (a version added
 * by hand or with --no-tag, one deleted without a deregistration tag): usually none, so usually
 * no process at all.
 */
export async function versionEvents(
  registry: Registry,
  wanted: ReadonlyMap<string, readonly string[]>,
  rev = "HEAD",
  maxPathspecs = MAX_PATHSPECS,
): Promise<Map<string, VersionEvents>> {
  const events = new Map<string, VersionEvents>();
  const paths: string[] = [];
  for (const [model, versions] of wanted) {
    events.set(model, { registrations: [], deletions: [] });
    for (const v of versions) paths.push(`${registry.versionFolder(model, v)}/metadata.json`);
  }
  if (paths.length === 0) return events;
  const asked = new Set(paths);
  // Past a few thousand paths (a clone without the tags), the models' folders: an argument list
  // of 100,000 paths is more than the system lets a process have.
  const pathspecs =
    paths.length > maxPathspecs ? [...wanted.keys()].map((m) => registry.modelFolder(m)) : paths;
  const out = await registry.git.text(stageLogArgs(pathspecs, rev, { filter: "AD", realParents: true }), {
    allowFailure: true,
  });
  for (const record of out.split(RECORD)) {
    const c = parseRecord(record);
    if (!c) continue;
    for (const [path, change] of c.changes) {
      if (!asked.has(path)) continue;
      const where = classify(registry.root, path);
      if (where?.kind !== "version") continue;
      const own = events.get(where.model);
      if (!own) continue;
      const event = versionEvent(c, where.version);
      if (change.status === "A") recordVersionEvent(own.registrations, event);
      // The `Reason:` trailer `delete --reason` and `cleanup --reason` write.
      if (change.status === "D")
        recordVersionEvent(own.deletions, { ...event, reason: parseTrailers(c.body).reason ?? null });
    }
  }
  return events;
}
