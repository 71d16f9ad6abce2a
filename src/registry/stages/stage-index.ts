import { parseTag } from "../../domain/references.js";
import type { Registry } from "../core/registry.js";
import { type LoggedCommit, parseRecord } from "./stage-log.js";
import {
  type HistoryReads,
  LOG_FORMAT,
  LOW_MEMORY,
  RECORD,
  type StartedLog,
  stageLogArgs,
  startStageLog,
} from "./stage-log-command.js";

/**
 * One model's stage log for `history`, bounded by its tags (docs/decisions/stages.md, "Stage
 * history from the tags"). The full log of stages.json diffs every commit of the branch (at
 * 101,201 commits without a commit-graph, 1.4 s of git's CPU); most of that history is recorded
 * already by the model's tags: each stage tag names the commit of the stage change it records
 * (`Stage-Change:`), and the registration tags mark recent points of the branch. So:
 *
 * - one `rev-list --parents` (commits only, no trees) says which tagged commits are on the branch
 *   and in what order, and that the history up to the newest of them (the bound) is one line;
 * - one `log --no-walk` of the tagged stage changes gives their records, exactly as the full log
 *   prints them, and one `cat-file --batch` their stages.json blobs and the bound's;
 * - one log of stages.json from the bound to the tip gives the rest, exactly.
 *
 * The tagged changes are taken for the whole log up to the bound only when they account for the
 * file: each one's stages.json before equals the previous one's after, the first starts from no
 * file (or one that names no version), and the bound's file is the last one's after. Anything
 * else (no tag on the branch, a merge before the bound, a side branch that forks before it, a
 * change with no tag, a tag that records nothing) returns null, and the caller reads the full log.
 * What this cannot see: untagged changes before the bound that undo each other exactly
 * (git-model tags every move of a registered version where changes land).
 */
export async function boundedStageLog(
  registry: Registry,
  model: string,
  rev: string,
  reads: HistoryReads,
): Promise<StartedLog | null> {
  const { git } = registry;
  const file = `${registry.modelFolder(model)}/stages.json`;
  const hinted = new Set<string>();
  const registered = new Set<string>();
  const counters = new Set<number>();
  for (const [name = "", peeled = "", oid = "", , , , , , changes = "", type = ""] of await reads.tags) {
    const tag = parseTag(name);
    if (tag?.model !== model) continue;
    if (tag.kind === "registration" || tag.kind === "deregistration") registered.add(peeled || oid);
    else if (type === "tag") {
      // A stage tag that names no change (GTO's own, say) records a move this cannot place.
      const named = changes.split(" ").filter((c) => OID.test(c));
      if (named.length === 0) return null;
      for (const commit of named) hinted.add(commit);
      counters.add(tag.counter);
    }
  }
  // Counters run from 1 without a gap (gto.ts): a gap is a deleted tag, whose change is unknown.
  for (let n = 1; n <= counters.size; n++) if (!counters.has(n)) return null;
  if ((hinted.size === 0 && registered.size === 0) || !reads.walk) return null;
  // The tagged changes' records, beside the walk (a commit this clone lacks is skipped).
  const tagged = hinted.size
    ? git.run(
        [
          ...LOW_MEMORY,
          "--literal-pathspecs",
          "-c",
          "core.quotePath=false",
          "log",
          "--no-walk=unsorted",
          "--ignore-missing",
          "--stdin",
          "--diff-merges=first-parent",
          "--raw",
          "--no-abbrev",
          "--no-renames",
          LOG_FORMAT,
          "--",
          file,
        ],
        { input: `${[...hinted].join("\n")}\n`, allowFailure: true },
      )
    : null;
  tagged?.catch(() => {});

  const walk = await reads.walk;
  if (walk.code !== 0) return null;
  const line = lineOf(walk.stdout.toString("latin1"));
  // The bound: the newest tagged change on the branch, so that everything after it is git's own
  // reading; with none, the newest registration or deletion, before which the file must not exist.
  const { tip, bound, chain } = line?.(hinted) ?? {};
  const anchored = bound ? { tip, bound, chain } : line?.(registered);
  if (!anchored?.bound || !anchored.chain || !anchored.tip) return null;
  // The rest, from the bound to the tip, while the tagged changes are checked.
  const rest =
    anchored.bound === anchored.tip
      ? null
      : startStageLog(
          git.top,
          stageLogArgs([file], `${anchored.bound}..${anchored.tip}`, { realParents: true }),
        );

  const records: { text: string; commit: LoggedCommit; position: number }[] = [];
  if (tagged) {
    const out = await tagged;
    if (out.code !== 0) return null;
    for (const text of out.stdout.toString("utf8").split(RECORD)) {
      const commit = parseRecord(text);
      const position = commit ? anchored.chain.get(commit.commit) : undefined;
      if (commit && position !== undefined) records.push({ text, commit, position });
    }
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
  const boundIsLast = records.at(-1)?.commit.commit === anchored.bound;
  const atBound = `${anchored.bound}:${file}`;
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
      return rest ? rest.records(take) : { code: 0, stderr: "" };
    },
    async blobs(take) {
      for (const [name, object] of blobs) if (name !== atBound && object) take(name, object.content);
      if (rest) await rest.blobs(take);
    },
  };
}

const OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Reads `rev-list --parents` output (children before parents). Returns a function of the tagged
 * points that finds the bound (the newest of them in the walk) and, when the history up to the
 * bound is one line (no merge) and every commit after it descends from it, the line's commits
 * with their distance from the bound. Otherwise `chain` is null: the full log's order could not
 * be rebuilt from the two parts.
 */
function lineOf(text: string) {
  const ids: string[] = [];
  const parents = new Map<string, string>();
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    const space = text.indexOf(" ", pos);
    const idEnd = space < 0 || space > end ? end : space;
    const id = text.slice(pos, idEnd);
    ids.push(id);
    parents.set(id, idEnd < end ? text.slice(idEnd + 1, end) : "");
    pos = end + 1;
  }
  if (ids.length === 0) return null;
  return (points: ReadonlySet<string>) => {
    const tip = ids[0]!;
    const bound = ids.find((id) => points.has(id));
    if (!bound) return { tip, bound, chain: null };
    const chain = new Map<string, number>();
    for (let id: string | undefined = bound, i = 0; id; i++) {
      const up = parents.get(id);
      if (up === undefined || up.includes(" ")) return { tip, bound, chain: null };
      chain.set(id, i);
      id = up || undefined;
    }
    // Every commit after the bound descends from it (parents come after their children).
    const descends = new Set([bound]);
    for (let i = ids.length - 1; i >= 0; i--) {
      const id = ids[i]!;
      if (chain.has(id)) continue;
      if (
        !parents
          .get(id)!
          .split(" ")
          .some((p) => descends.has(p))
      )
        return { tip, bound, chain: null };
      descends.add(id);
    }
    return { tip, bound, chain };
  };
}
