import type { Registry } from "../core/registry.js";
import { type LoggedCommit, parseRecord } from "./stage-log.js";
import {
  firstCommit,
  type HistoryReads,
  RECORD,
  type StartedLog,
  stageLogArgs,
  startRest,
  startTaggedReads,
} from "./stage-log-command.js";

/**
 * One model's stage log for `history`, bounded by its stage tags (docs/decisions/stages.md,
 * "history from the stage tags"). The full log of stages.json diffs every commit of the branch
 * (at 101,201 commits without a commit-graph, 1.0-1.4 s of git's CPU); most of what it finds is
 * recorded already: each stage tag names the commit of the stage change it records
 * (`Stage-Change:`, stage-tags.ts), and git-model tags every move of a registered version, in
 * history order, wherever changes land. So:
 *
 * - one `rev-list --parents` (commits only, no trees; kept in .git/git-model) says which tagged
 *   changes are on the branch and in what order, and that the branch up to the newest of them
 *   (the bound) is one line and everything after it descends from it;
 * - one `log --no-walk` of the tagged changes gives their records, exactly as the full log prints
 *   them, and one `cat-file --batch` their stages.json blobs;
 * - one log of stages.json from the bound to the tip gives the rest, git's own reading.
 *
 * The tagged changes stand for the full log up to the bound only when they account for the file:
 * the first one creates it, each one starts from the file the previous one left, the bound holds
 * the last one's, and the stage tags' counters have no gap. Anything else (no stage tag, a GTO tag
 * without `Stage-Change:`, a deleted tag, a merge or side branch before the bound, a change with no
 * tag, a rewritten branch) returns null, and the caller reads the full log. What no check here
 * can see: untagged changes between two tagged ones that undo each other byte for byte, which
 * git-model's tagging leaves only for versions that were never registered (a hand edit naming
 * one, undone), or a file deleted and created again before the first tagged change.
 */
export async function boundedStageLog(
  registry: Registry,
  model: string,
  rev: string,
  reads: HistoryReads,
): Promise<StartedLog | null> {
  const { git } = registry;
  const file = `${registry.modelFolder(model)}/stages.json`;
  const tags = await startTaggedReads(reads, file);
  if (!tags || !reads.walk) return null;
  const walk = await reads.walk;
  if (walk.code !== 0) return null;
  const hinted = tags.changes;
  // The bound the tags' dates gave, if the walk agrees; else the newest tagged change the walk
  // finds (a tag's date can be off, a tagged change be off the branch).
  const anchored =
    onOneLine(walk.stdout, new Set([tags.bound]), hinted) ?? onOneLine(walk.stdout, hinted, hinted);
  if (!anchored) return null;
  const { bound, position } = anchored;
  const rest = bound === tags.bound ? tags.rest : startRest(reads, file, bound);

  const records: { text: string; commit: LoggedCommit; position: number }[] = [];
  const out = await tags.records;
  if (out.code !== 0) return null;
  for (const text of out.stdout.toString("utf8").split(RECORD)) {
    const commit = parseRecord(text);
    const at = commit ? position.get(commit.commit) : undefined;
    if (commit && at !== undefined) records.push({ text, commit, position: at });
  }
  // Oldest first: the farther from the bound, the older.
  records.sort((a, b) => b.position - a.position);
  const changes = records.map((r) => r.commit.changes.get(file));
  if (changes.some((c) => !c || !/^[AMD]$/.test(c.status))) return null;
  const after = (i: number) => (changes[i]!.status === "D" ? null : changes[i]!.blob);
  const before = (i: number) => (changes[i]!.status === "A" ? null : changes[i]!.old);
  for (let i = 1; i < changes.length; i++) if (before(i) !== after(i - 1)) return null;
  // The file did not exist before the first tagged change (stage changes create it): no move
  // before it that the full log would show.
  if (changes.length && before(0) !== null) return null;
  const last = changes.length ? after(changes.length - 1) : null;
  const boundIsLast = records.at(-1)?.commit.commit === bound;
  const atBound = `${bound}:${file}`;
  const blobs = await git.catFile([
    ...new Set(changes.map((_, i) => after(i)).filter((b): b is string => b !== null)),
    ...(boundIsLast ? [] : [atBound]),
  ]);
  const boundBlob = boundIsLast ? last : (blobs.get(atBound)?.oid ?? null);
  if (boundBlob !== last) return null;
  return {
    top: git.top,
    // The records are the full log's, in its order: the bounded log stands for it.
    args: stageLogArgs([file], rev, { realParents: true }),
    async records(take) {
      if (records.length) take(records.map((r) => r.text));
      return rest.records(take);
    },
    async blobs(take) {
      for (const [name, object] of blobs) if (name !== atBound && object) take(name, object.content);
      await rest.blobs(take);
    },
  };
}

/**
 * Reads `rev-list --topo-order --parents` output (every commit after all its children) as it
 * is, a buffer: at 101,201 commits, a string and a map per commit cost node 0.6 s. Finds the
 * bound (the first of the `points` in the walk) and checks what makes the full log the tagged
 * part followed by git's log from the bound: the lines after the bound's are one line of first
 * parents down to the root (no merge, nothing else), and the lines before it all descend from
 * it; the bound then moves down the line below every parent of a merge after it. Returns the
 * tip, the bound and, for the `wanted` commits on the line at or below it, their distance from
 * the bound; undefined when none of the points is in the walk, null when the walk is not of that
 * shape.
 */
function onOneLine(
  out: Buffer,
  points: ReadonlySet<string>,
  wanted: ReadonlySet<string>,
): { tip: string; bound: string; position: Map<string, number> } | null | undefined {
  if (points.size === 0) return undefined;
  const starts = lineStarts(out);
  const n = starts.length;
  if (n === 0) return null;
  const endOf = (i: number) =>
    i + 1 < n ? starts[i + 1]! - 1 : out[out.length - 1] === 0x0a ? out.length - 1 : out.length;
  const hex = firstCommit(out).length;
  const idAt = (i: number) => out.toString("latin1", starts[i]!, starts[i]! + hex);
  let b = 0;
  while (b < n && !points.has(idAt(b))) b++;
  if (b === n) return undefined;
  const bound = idAt(b);
  // After the bound: each line one commit whose one parent is the next line; the last a root.
  for (let i = b; i < n; i++) {
    const start = starts[i]!;
    const length = endOf(i) - start;
    if (i === n - 1) {
      if (length !== hex) return null;
    } else if (
      length !== 2 * hex + 1 ||
      out.compare(out, starts[i + 1]!, starts[i + 1]! + hex, start + hex + 1, start + 2 * hex + 1) !== 0
    ) {
      return null;
    }
  }
  // Before it: descendants of the bound only (children come first, so read upwards). A merge's
  // parents on the line are noted: git's log from a bound decides whether a merge changed the
  // file only among the parents inside its range, so the range must hold them all.
  const descends = new Set([bound]);
  const mergedFrom = new Set<string>();
  for (let i = b - 1; i >= 0; i--) {
    const parents = out.toString("latin1", starts[i]! + hex + 1, endOf(i)).split(" ");
    if (!parents.some((p) => descends.has(p))) return null;
    if (parents.length > 1) for (const p of parents) if (p === bound || !descends.has(p)) mergedFrom.add(p);
    descends.add(idAt(i));
  }
  const position = new Map<string, number>();
  for (const [id, i] of linesOf(out, starts, hex, new Set([...wanted, ...mergedFrom]), b))
    position.set(id, i - b);
  if (mergedFrom.size === 0) return { tip: idAt(0), bound, position };
  // The bound moves below the oldest of them; the places are counted from there.
  let below = 0;
  for (const p of mergedFrom) {
    const at = position.get(p);
    if (at === undefined) return null;
    below = Math.max(below, at + 1);
  }
  if (b + below >= n) return null;
  const moved = new Map<string, number>();
  for (const [id, at] of position) if (at >= below && wanted.has(id)) moved.set(id, at - below);
  return { tip: idAt(0), bound: idAt(b + below), position: moved };
}

/** Where each line of git's output starts. */
function lineStarts(out: Buffer): number[] {
  const starts: number[] = [];
  for (let pos = 0; pos < out.length; ) {
    starts.push(pos);
    const end = out.indexOf(0x0a, pos);
    pos = end < 0 ? out.length : end + 1;
  }
  return starts;
}

/**
 * The lines, from line `from` on, that start with one of the `wanted` commit ids (`hex` digits
 * long), found by a number made of their first 8 hex digits: no string per line.
 */
function linesOf(
  out: Buffer,
  starts: readonly number[],
  hex: number,
  wanted: ReadonlySet<string>,
  from = 0,
): Map<string, number> {
  const prefix = (text: string) => Number.parseInt(text.slice(0, 8), 16);
  const byPrefix = new Set([...wanted].map(prefix));
  const found = new Map<string, number>();
  for (let i = from; i < starts.length; i++) {
    let key = 0;
    for (let k = starts[i]!, end = k + 8; k < end; k++) {
      const c = out[k]!;
      key = key * 16 + (c <= 0x39 ? c - 0x30 : c - 0x57);
    }
    if (!byPrefix.has(key)) continue;
    const id = out.toString("latin1", starts[i]!, starts[i]! + hex);
    if (wanted.has(id)) found.set(id, i);
  }
  return found;
}

/**
 * The wanted commits' places in a `rev-list --topo-order` of the branch (children first, as git
 * prints it), counted from the oldest: the order of the whole history, for events read from
 * different sources (the tags, a log of stages.json alone) to be put in one timeline.
 */
export function walkPositions(out: Buffer, wanted: ReadonlySet<string>): Map<string, number> {
  const starts = lineStarts(out);
  const hex = firstCommit(out).length;
  const position = new Map<string, number>();
  for (const [id, i] of linesOf(out, starts, hex, wanted)) position.set(id, starts.length - 1 - i);
  return position;
}
