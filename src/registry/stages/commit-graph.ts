import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, readSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { Git } from "../../infra/git.js";

/**
 * Git's commit-graph with changed-path Bloom filters, kept current for the stage-history reads
 * (docs/benchmarks.md, "history"). With it, `git log -- models/M` asks each commit's Bloom
 * filter whether models/M changed instead of diffing its trees: at 11,200 commits the log takes
 * 30-55 ms instead of 110 ms. It is a cache that git itself maintains the same way (`git gc`,
 * `git maintenance`, `fetch.writeCommitGraph`); writing it changes no ref, commit or file.
 *
 * Whether the graph covers a commit is read here from the graph files (a few small reads), so
 * the common case, a graph that is current, costs no git process. Otherwise one
 * `git commit-graph write --split --stdin-commits --changed-paths` adds a layer for the commits
 * it lacks: 6-10 ms for one new commit, 60 ms for 1,200, 0.4 s the first time at 11,200.
 */

export type GraphState =
  /** Every layer has Bloom filters and one of them holds the commit. */
  | "current"
  /** The layers have Bloom filters but none holds the commit (new commits since the last write). */
  | "stale"
  /** No commit-graph at all. */
  | "missing"
  /** A graph written without changed paths (in some layer): it must be rewritten to use Bloom filters. */
  | "no-bloom"
  /** Git keeps no commit-graph here (a shallow clone), or it cannot be written (read-only objects). */
  | "unsupported";

const SIGNATURE = 0x43475048; // "CGPH"
const OIDF = 0x4f494446;
const OIDL = 0x4f49444c;
const BIDX = 0x42494458;
const BDAT = 0x42444154;

/** The repository's object folder: GIT_OBJECT_DIRECTORY, the common dir's of a linked work tree, or .git/objects. */
export function objectsFolder(gitDir: string): string {
  const env = process.env.GIT_OBJECT_DIRECTORY;
  if (env && isAbsolute(env)) return env;
  return join(commonDir(gitDir), "objects");
}

/** The folder a linked work tree shares with the main one (its objects, refs, shallow file). */
export function commonDir(gitDir: string): string {
  try {
    const common = readFileSync(join(gitDir, "commondir"), "utf8").trim();
    return isAbsolute(common) ? common : join(gitDir, common);
  } catch {
    return gitDir;
  }
}

export const HEX = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * HEAD's commit read from the files (a loose ref, or packed-refs), or null whenever git is
 * needed to answer (reftable, a symbolic ref chain, anything unusual). Only for deciding
 * whether the graph needs a write, which is why a guess is good enough and a process is not
 * worth spawning.
 */
export function headFromFiles(gitDir: string): string | null {
  try {
    const head = readFileSync(join(gitDir, "HEAD"), "utf8").trim();
    if (HEX.test(head)) return head;
    const ref = /^ref: (refs\/heads\/[^\s]+)$/.exec(head)?.[1];
    if (!ref) return null;
    const common = commonDir(gitDir);
    try {
      const loose = readFileSync(join(common, ref), "utf8").trim();
      return HEX.test(loose) ? loose : null;
    } catch {}
    const packed = readFileSync(join(common, "packed-refs"));
    const at = packed.indexOf(` ${ref}\n`);
    if (at < 0) return null;
    const start = packed.lastIndexOf(0x0a, at) + 1;
    const oid = packed.toString("latin1", start, at);
    return HEX.test(oid) ? oid : null;
  } catch {
    return null;
  }
}

interface Layer {
  /** The layer has changed-path Bloom filters (BIDX and BDAT chunks). */
  bloom: boolean;
  /** The layer holds the commit. */
  has: boolean;
}

/** One graph file: its chunk table, and a binary search for the commit in its fan-out bucket. */
function readLayer(path: string, oid: Buffer): Layer | null {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return null;
  }
  try {
    const read = (length: number, position: number): Buffer | null => {
      const buffer = Buffer.alloc(length);
      return readSync(fd, buffer, 0, length, position) === length ? buffer : null;
    };
    const head = read(8, 0);
    if (!head || head.readUInt32BE(0) !== SIGNATURE) return null;
    const hashLength = head[5] === 2 ? 32 : 20;
    const chunks = head[6]!;
    const table = read((chunks + 1) * 12, 8);
    if (!table) return null;
    const offsets = new Map<number, number>();
    for (let i = 0; i < chunks; i++) {
      offsets.set(table.readUInt32BE(i * 12), Number(table.readBigUInt64BE(i * 12 + 4)));
    }
    const fanoutAt = offsets.get(OIDF);
    const lookupAt = offsets.get(OIDL);
    if (fanoutAt === undefined || lookupAt === undefined) return null;
    const bloom = offsets.has(BIDX) && offsets.has(BDAT);
    if (oid.length !== hashLength) return { bloom, has: false };
    const first = oid[0]!;
    // Fan-out: entry i counts the commits whose first byte is <= i.
    const bounds = first === 0 ? read(4, fanoutAt) : read(8, fanoutAt + (first - 1) * 4);
    if (!bounds) return null;
    const lo = first === 0 ? 0 : bounds.readUInt32BE(0);
    const hi = bounds.readUInt32BE(first === 0 ? 0 : 4);
    const bucket = hi > lo ? read((hi - lo) * hashLength, lookupAt + lo * hashLength) : null;
    let has = false;
    for (let a = 0, b = bucket ? hi - lo : 0; a < b && !has; ) {
      const mid = (a + b) >>> 1;
      const c = bucket!.compare(oid, 0, hashLength, mid * hashLength, (mid + 1) * hashLength);
      if (c === 0) has = true;
      else if (c > 0) b = mid;
      else a = mid + 1;
    }
    return { bloom, has };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The graph layers git would read for the commit: objects/info/commit-graph, or else the split chain. */
function layers(objects: string, oid: Buffer): Layer[] | null {
  const single = join(objects, "info", "commit-graph");
  if (existsSync(single)) {
    const layer = readLayer(single, oid);
    return layer ? [layer] : null;
  }
  const folder = join(objects, "info", "commit-graphs");
  let chain: string;
  try {
    chain = readFileSync(join(folder, "commit-graph-chain"), "utf8");
  } catch {
    return [];
  }
  const found: Layer[] = [];
  for (const hash of chain.split("\n").filter(Boolean)) {
    const layer = readLayer(join(folder, `graph-${hash}.graph`), oid);
    if (!layer) return null;
    found.push(layer);
  }
  return found;
}

/** How the commit-graph stands for a commit (a full hex id), from the files alone. */
export function graphState(gitDir: string, commit: string): GraphState {
  const objects = objectsFolder(gitDir);
  if (existsSync(join(commonDir(gitDir), "shallow"))) return "unsupported";
  try {
    accessSync(existsSync(join(objects, "info")) ? join(objects, "info") : objects, constants.W_OK);
  } catch {
    return "unsupported";
  }
  const found = layers(objects, Buffer.from(commit, "hex"));
  if (found === null) return "no-bloom"; // unreadable: let git write a fresh one
  if (found.length === 0) return "missing";
  if (!found.every((l) => l.bloom)) return "no-bloom";
  return found.some((l) => l.has) ? "current" : "stale";
}

/**
 * Makes the commit-graph cover `commit` with changed-path Bloom filters, when it does not yet
 * (with `create: false`, only by a new layer on a graph that has the filters).
 * Best effort: a failure (a lock held by a concurrent git, say) only leaves the log slower.
 */
export async function ensureCommitGraph(
  git: Git,
  commit: string,
  options: { create?: boolean } = {},
): Promise<GraphState> {
  const state = graphState(git.gitDir, commit);
  if (state === "current" || state === "unsupported") return state;
  // Only a layer on a graph that has the filters already, when asked not to create one: the
  // first write costs about 0.4 s per 11,000 commits, which a fresh clone must not pay.
  if (options.create === false && state !== "stale") return state;
  // A new layer for what is missing; a graph without Bloom filters is replaced by one with them.
  const split = state === "no-bloom" ? "--split=replace" : "--split";
  await git.run(["commit-graph", "write", "--no-progress", "--stdin-commits", split, "--changed-paths"], {
    input: `${commit}\n`,
    allowFailure: true,
  });
  return state;
}
