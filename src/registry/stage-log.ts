import { assertModelName } from "../domain/names.js";
import { pullRequestNumber, type StagesSnapshot } from "../domain/stage-history.js";
import { parseStagesJson } from "../domain/stages.js";
import type { Registry } from "./registry.js";

/**
 * The history of models' stages.json files and version folders, read the way DESIGN section 11
 * allows: one `git log` over the stages files and the versions' metadata.json (registrations and
 * deletions come from the same walk), then one `cat-file --batch` for the stages.json blobs
 * those commits wrote. Never a git process per commit, per version or per model.
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

interface LoggedCommit {
  commit: string;
  parents: string[];
  author: string;
  email: string;
  date: string;
  subject: string;
  body: string;
  /** path -> status letter (A, M, D, T) and new blob, against the first parent for a merge. */
  changes: Map<string, { status: string; blob: string }>;
}

const RECORD = "\x1e";
const FIELD = "\x1f";
const FORMAT = `--format=${RECORD}%H${FIELD}%P${FIELD}%an${FIELD}%ae${FIELD}%cI${FIELD}%s${FIELD}%b${FIELD}`;

function parseLog(text: string): LoggedCommit[] {
  const commits: LoggedCommit[] = [];
  for (const record of text.split(RECORD)) {
    if (record.trim() === "") continue;
    const [
      commit = "",
      parents = "",
      author = "",
      email = "",
      date = "",
      subject = "",
      body = "",
      rest = "",
    ] = record.split(FIELD);
    const changes = new Map<string, { status: string; blob: string }>();
    for (const line of rest.split("\n")) {
      // --raw: ":100644 100644 <old blob> <new blob> M\tpath"
      const tab = line.indexOf("\t");
      if (tab < 0 || !line.startsWith(":")) continue;
      const [, , , blob = "", status = ""] = line.slice(1, tab).split(" ");
      changes.set(line.slice(tab + 1), { status: status.slice(0, 1), blob });
    }
    commits.push({
      commit,
      parents: parents.split(" ").filter(Boolean),
      author,
      email,
      date,
      subject,
      body: body.trim(),
      changes,
    });
  }
  return commits;
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
): Promise<Map<string, StageLog>> {
  const { git, root } = registry;
  const wanted = models === "all" ? null : new Set(models.map(assertModelName));
  const logs = new Map<string, StageLog>();
  const logOf = (model: string): StageLog => {
    let log = logs.get(model);
    if (!log) {
      log = {
        model,
        file: `${registry.modelFolder(model)}/stages.json`,
        snapshots: [],
        registrations: [],
        deletions: [],
        order: new Map(),
      };
      logs.set(model, log);
    }
    return log;
  };
  for (const model of wanted ?? []) logOf(model);
  const start = await git.commitOf(rev);
  if (!start || (wanted && wanted.size === 0)) return logs;

  const pathspecs = wanted
    ? [...wanted].flatMap((m) => [
        `${registry.modelFolder(m)}/stages.json`,
        `:(glob)${registry.modelFolder(m)}/*/metadata.json`,
      ])
    : [`:(glob)${root}/*/stages.json`, `:(glob)${root}/*/*/metadata.json`];
  // --full-history keeps the merge commits (their subjects carry pull request numbers);
  // --diff-merges=first-parent says what a merge changed on the branch it landed on.
  const text = await git.text([
    "-c",
    "core.quotePath=false",
    "log",
    "--topo-order",
    "--reverse",
    "--full-history",
    "--parents",
    "--diff-merges=first-parent",
    "--raw",
    "--no-abbrev",
    "--no-renames",
    FORMAT,
    start,
    "--",
    ...pathspecs,
  ]);
  const commits = parseLog(text);

  // For each model: which commits are its snapshots, and what a folded commit stands for.
  const firstParent = new Map(commits.map((c) => [c.commit, c.parents[0]]));
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

  const reads: { blob: string; snapshot: StagesSnapshot; file: string }[] = [];
  for (const c of commits) {
    const touched = new Map<
      string,
      { stages?: { status: string; blob: string }; versions: [string, string][] }
    >();
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
      const parents = c.parents.map((p) => representative(model, p) ?? p);
      const set = included.get(model) ?? new Set<string>();
      included.set(model, set);
      set.add(c.commit);
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
      if (entry.stages && entry.stages.status !== "D") {
        reads.push({ blob: entry.stages.blob, snapshot, file: log.file });
      }
      for (const [version, status] of entry.versions) {
        if (scheme.parse(version) !== version) continue;
        recordVersionEvent(status === "D" ? log.deletions : status === "A" ? log.registrations : null, {
          version,
          at: c.date,
          who: c.author,
          email: c.email,
          commit: c.commit,
          subject: c.subject,
          pullRequest: pullRequestNumber(c.subject),
        });
      }
    }
  }

  // By blob id: a revert brings back a content seen before, which is read and parsed once.
  const objects = await git.catFile(reads.map((r) => r.blob));
  const parsed = new Map<string, StagesSnapshot["stages"]>();
  for (const { blob, snapshot, file } of reads) {
    if (!parsed.has(blob)) {
      const content = objects.get(blob)?.content.toString("utf8");
      // An unreadable file carries the last known stages on (the domain's contract for null).
      parsed.set(blob, content === undefined ? null : parseStagesJson(content, file).file);
    }
    snapshot.stages = parsed.get(blob) ?? null;
  }
  return logs;
}

/**
 * The first commit that adds a version is its registration (or deletion); a merge that brings the
 * same change in from its branch only lends it the pull request number.
 */
function recordVersionEvent(list: VersionEvent[] | null, event: VersionEvent): void {
  if (!list) return;
  const earlier = list.find((e) => e.version === event.version);
  if (!earlier) list.push(event);
  else if (earlier.pullRequest === null) earlier.pullRequest = event.pullRequest;
}

export async function readStageLog(registry: Registry, model: string, rev = "HEAD"): Promise<StageLog> {
  return (await readStageLogs(registry, [model], rev)).get(model)!;
}
