import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { environment } from "../../domain/errors.js";
import { isModelName } from "../../domain/names.js";
import { parseTag } from "../../domain/references.js";
import { CONFIG_FILE } from "../../domain/registry-config.js";
import { isInside } from "../../infra/files.js";
import { catFileBatchReader, Git, type RunResult, runGit, spawnGit } from "../../infra/git.js";
import { readGitCacheBytes, writeGitCacheBytes } from "../../infra/git-cache.js";
import { commonDir, HEX, headFromFiles } from "./commit-graph.js";

/**
 * The one `git log` that stage history is read from (stage-log.ts), and a way to start it before
 * the registry is open. This module stays small on purpose: `history` loads it first and starts
 * the log while the rest of the program (the command, the registry, zod) loads, so the log's
 * 30-130 ms run beside that work instead of after it (docs/benchmarks.md, "history").
 */

export const RECORD = "\x1e";
export const FIELD = "\x1f";
export const LOG_FORMAT = `--format=${RECORD}%H${FIELD}%P${FIELD}%an${FIELD}%ae${FIELD}%cI${FIELD}%s${FIELD}%b${FIELD}`;

/**
 * Bounds what a log over the whole history keeps mapped and cached: git's defaults (a 96 MiB
 * delta-base cache, 1 GiB pack windows up to 8 GiB) let a walk of 100,000 commits grow to
 * 2-2.5 GB of RSS. Small windows and cache cost the walk nothing measurable (docs/benchmarks.md).
 */
export const LOW_MEMORY = [
  "-c",
  "core.deltaBaseCacheLimit=16m",
  "-c",
  "core.packedGitWindowSize=4m",
  "-c",
  "core.packedGitLimit=32m",
];

/** Each model folder's stages.json: the one path a stage-moves-only log follows. */
export const stagesFiles = (folders: readonly string[]) => folders.map((f) => `${f}/stages.json`);

/**
 * Every model's stages.json under `root`, as one glob pathspec (for stageLogArgs' `glob`): git
 * matches each tree entry against every pathspec, and a hundred literal paths cost a walk of
 * 11,000 commits 1.2 s of git's CPU where this one costs 0.25 s.
 */
export const allStagesFiles = (root: string) => `:(glob)${root.replace(/[*?[\\]/g, "\\$&")}/*/stages.json`;

/**
 * `git log` of the given folders from `rev`, oldest first with every parent before its children.
 * Plain folder pathspecs, taken literally: git answers a single one from the commit-graph's
 * changed-path Bloom filters (a `:(glob)` pathspec never can); callers pick the stages.json and
 * metadata.json paths out of --raw. --full-history keeps the merge commits (their subjects carry
 * pull request numbers); --diff-merges=first-parent says what a merge changed on the branch it
 * landed on.
 */
export function stageLogArgs(
  folders: readonly string[],
  rev: string,
  options: { filter?: string; realParents?: boolean; glob?: boolean } = {},
): string[] {
  return [
    ...LOW_MEMORY,
    // `glob`: the caller's pathspecs carry their own magic (allStagesFiles), made from safe names.
    ...(options.glob ? [] : ["--literal-pathspecs"]),
    "-c",
    "core.quotePath=false",
    "log",
    "--topo-order",
    "--reverse",
    "--full-history",
    // Rewritten parents name the logged commits (the folders' own line); a log of stages.json
    // alone keeps the real ones, and each diff's old side says what the first parent held.
    ...(options.realParents ? [] : ["--parents"]),
    "--diff-merges=first-parent",
    ...(options.filter ? [`--diff-filter=${options.filter}`] : []),
    "--raw",
    "--no-abbrev",
    "--no-renames",
    LOG_FORMAT,
    "--end-of-options",
    rev,
    "--",
    ...folders,
  ];
}

/**
 * A stage log under way. Its records and the stages.json blobs they name are handed over as
 * they arrive: the blobs are read by a `cat-file --batch` fed while the log still runs, and the
 * reader parses both while git is still walking (at 1,000 stage moves, the log's last 50 ms and
 * the 1.7 MB of blobs would otherwise come one after the other, and after the walk).
 */
export interface StartedLog {
  top: string;
  args: readonly string[];
  /**
   * Hands every complete record (the text after one RECORD mark) to `take`, the ones received
   * so far at once, the rest as they come; resolves when the log has ended.
   */
  records(take: (records: string[]) => void): Promise<LogEnd>;
  /** Likewise each stages.json blob the records name: its id and content (null when git has none). */
  blobs(take: (blob: string, content: Buffer | null) => void): Promise<void>;
}

export interface LogEnd {
  code: number;
  stderr: string;
}

/** A log started before the registry was open: used only when the registry, once open, asks for exactly this log in exactly this repository. */
export type PrefetchedLog = StartedLog;

/** The new blob of a --raw line that writes a stages.json (a deletion has none to read). */
const STAGES_LINE = /^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) [AMT]\d*\t[^\n]*\/stages\.json$/gm;

/** Items that arrive before anyone takes them wait in a queue; a taker gets those first. */
function handOver<T extends unknown[]>() {
  const queue: T[] = [];
  let taker: ((...item: T) => void) | undefined;
  let failure: unknown;
  return {
    give(...item: T) {
      if (!taker) queue.push(item);
      else if (failure === undefined) {
        try {
          taker(...item);
        } catch (e) {
          failure = e;
        }
      }
    },
    take(fn: (...item: T) => void) {
      taker = fn;
      for (const item of queue.splice(0)) this.give(...item);
    },
    /** What the taker threw, if anything: it is rethrown where the end is awaited. */
    check() {
      if (failure !== undefined) throw failure;
    },
  };
}

export function startStageLog(top: string, args: readonly string[]): StartedLog {
  const log = spawnGit(top, args);
  log.stdin.end();

  // The log: complete records, and the blobs they name sent on to cat-file.
  const records = handOver<[string[]]>();
  const asked: string[] = [];
  const seen = new Set<string>();
  const decoder = new StringDecoder("utf8");
  let pending: string[] = []; // the record still coming in, in pieces (joined once it is complete)
  const deliver = (complete: string[]) => {
    let names = "";
    for (const record of complete) {
      for (const m of record.matchAll(STAGES_LINE)) {
        if (seen.has(m[1]!)) continue;
        seen.add(m[1]!);
        asked.push(m[1]!);
        names += `${m[1]}\n`;
      }
    }
    if (names) catFile().stdin.write(names);
    if (complete.length) records.give(complete);
  };
  log.stdout.on("data", (chunk: Buffer) => {
    const text = decoder.write(chunk);
    const mark = text.lastIndexOf(RECORD);
    if (mark < 0) {
      pending.push(text);
      return;
    }
    const complete = `${pending.join("")}${text.slice(0, mark)}`.split(RECORD);
    pending = [text.slice(mark + 1)];
    deliver(complete.filter((r) => r !== ""));
  });
  const err: Buffer[] = [];
  log.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const ended = new Promise<LogEnd>((resolve, reject) => {
    log.on("error", (e: NodeJS.ErrnoException) => {
      cat?.stdin.end();
      reject(e.code === "ENOENT" ? environment("git is not installed or not on PATH") : e);
    });
    log.on("close", (code) => {
      const last = pending.join("") + decoder.end();
      deliver(last === "" ? [] : [last]);
      cat?.stdin.end();
      resolve({ code: code ?? 1, stderr: Buffer.concat(err).toString("utf8") });
    });
  });
  ended.catch(() => {}); // seen by whoever awaits it, if anyone does

  // cat-file, started with the first blob to read: each object as soon as all of it is in.
  const blobs = handOver<[string, Buffer | null]>();
  let cat: ChildProcessWithoutNullStreams | undefined;
  let catEnded: Promise<void> | undefined;
  function catFile() {
    if (cat) return cat;
    const child = spawnGit(top, ["cat-file", "--batch"]);
    child.stderr.resume(); // not read: a missing object shows in the output
    child.stdin.on("error", () => {}); // cat-file may be gone: the reader reads what it lacks itself
    let next = 0;
    child.stdout.on(
      "data",
      catFileBatchReader((object) => blobs.give(asked[next++]!, object?.content ?? null)),
    );
    catEnded = new Promise<void>((resolve) => {
      child.on("error", () => resolve());
      child.on("close", () => resolve());
    });
    cat = child;
    return child;
  }

  return {
    top,
    args,
    records(take) {
      records.take(take);
      return ended.then((end) => {
        records.check();
        return end;
      });
    },
    blobs(take) {
      blobs.take(take);
      // cat-file, if the log named any blob, ends after the log has.
      return ended
        .catch(() => {})
        .then(() => catEnded)
        .then(() => blobs.check());
    },
  };
}

/**
 * The two reads `history MODEL` starts first (stage-index.ts): one `for-each-ref` of the model's
 * registration and stage tags, and one `rev-list --parents` of the commits (no trees, no diffs:
 * about a third of what the log of stages.json costs without a commit-graph). Neither depends on
 * the registry's configuration, so the CLI starts them before the registry is open.
 */
export interface HistoryReads {
  top: string;
  model: string;
  rev: string;
  /** The model's tags. */
  tags: Promise<ModelTag[]>;
  /** `rev-list --parents` of `rev`, or null when not asked for (the full log is wanted). */
  walk: Promise<RunResult> | null;
  /** The tagged reads per stages.json path, started once (startTaggedReads). */
  tagged: Map<string, Promise<TaggedReads | null>>;
  /**
   * git's whole log of the stages.json, started as soon as the tags say the bounded log cannot
   * stand for it (startTaggedReads): history needs it then, and otherwise waited for the
   * registry to open (20-30 ms) before starting it.
   */
  full?: StartedLog;
}

/**
 * What the model's tags give the bounded log (stage-index.ts), and the two logs started from
 * them as soon as they are in: the tagged changes' records, and git's log from the bound on.
 */
export interface TaggedReads {
  file: string;
  /** The commits the stage tags say changed the stages (their `Stage-Change:`). */
  changes: Set<string>;
  /** The newest of them by the tags' dates: where git's log starts. */
  bound: string;
  /** `log --no-walk` of `changes` (the same records as the full log's). */
  records: Promise<RunResult>;
  /** The log of stages.json from the bound to `rev`. */
  rest: StartedLog;
}

/** The tag's parts when it is one of `model`'s stage tags (an assignment or an unassignment), else null. */
function stageTagOf(name: string, model: string) {
  const tag = parseTag(name);
  return tag?.model === model && (tag.kind === "stage" || tag.kind === "unassignment") ? tag : null;
}

/** `git log` of exactly the given commits, with the full log's record format (those that changed `file`). */
const taggedLogArgs = (file: string) => [
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
];

/**
 * Reads the model's stage tags for the bounded log and starts its two logs (once per path). Null
 * when the tags cannot bound it: no stage tag, a stage tag that names no change (GTO's own: a move
 * this cannot place), or a gap in the counters (a deleted tag: its change is unknown).
 */
export function startTaggedReads(reads: HistoryReads, file: string): Promise<TaggedReads | null> {
  const known = reads.tagged.get(file);
  if (known) return known;
  const started = reads.tags.then((rows): TaggedReads | null => {
    const changes = new Set<string>();
    const counters = new Set<number>();
    let newest: { commit: string; time: number; counter: number } | undefined;
    for (const row of rows) {
      const tag = row.annotated ? stageTagOf(row.name, reads.model) : null;
      if (!tag) continue;
      if (row.changes.length === 0) return null;
      for (const commit of row.changes) changes.add(commit);
      counters.add(tag.counter);
      const newer =
        !newest ||
        row.taggedAt > newest.time ||
        (row.taggedAt === newest.time && tag.counter > newest.counter);
      if (newer) newest = { commit: row.changes.at(-1)!, time: row.taggedAt, counter: tag.counter };
    }
    // Counters run from 1 without a gap (domain/gto.ts).
    for (let n = 1; n <= counters.size; n++) if (!counters.has(n)) return null;
    if (!newest) return null;
    const records = runGit(reads.top, taggedLogArgs(file), {
      input: `${[...changes].join("\n")}\n`,
      allowFailure: true,
    });
    records.catch(() => {});
    return { file, changes, bound: newest.commit, records, rest: startRest(reads, file, newest.commit) };
  });
  // No bounded log: the whole one is what the caller reads next. (Started on prefetchHistoryReads'
  // guess of the root, it goes unread only when that guess named another folder holding a model
  // of the same name; readStageLog takes it only when its arguments match.)
  const withFull = started.then((tagged) => {
    if (!tagged)
      reads.full ??= startStageLog(reads.top, stageLogArgs([file], reads.rev, { realParents: true }));
    return tagged;
  });
  withFull.catch(() => {});
  reads.tagged.set(file, withFull);
  return withFull;
}

/** The log of stages.json after `bound`, up to the reads' revision. */
export const startRest = (reads: HistoryReads, file: string, bound: string): StartedLog =>
  startStageLog(reads.top, stageLogArgs([file], `${bound}..${reads.rev}`, { realParents: true }));

/** What `history` reads of each of the model's tags (registration, deregistration and stage tags). */
export interface ModelTag {
  name: string;
  /** The commit it names (peeled). */
  commit: string;
  /** The commit's author, email, committer date (ISO) and subject. */
  who: string;
  email: string;
  at: string;
  subject: string;
  /** The commit's `Reason:` trailer (a deletion's reason). */
  reason: string;
  /** The `Stage-Change:` commits of the tag's own message. */
  changes: string[];
  annotated: boolean;
  /** The tagger date, in seconds (0 for a lightweight tag). */
  taggedAt: number;
}

const MODEL_TAG_FIELDS = [
  "%(refname:strip=2)",
  "%(*objectname)",
  "%(objectname)",
  "%(*authorname)%(authorname)",
  "%(*authoremail:trim)%(authoremail:trim)",
  "%(*committerdate:iso-strict)%(committerdate:iso-strict)",
  // The commit's subject: an annotated tag has a subject of its own, which is not the commit's.
  "%(if)%(*objectname)%(then)%(*subject)%(else)%(subject)%(end)",
  // The `Reason:` trailer `delete --reason` and `cleanup --reason` write on the deletion commit.
  "%(*contents:trailers:key=Reason,valueonly,separator=%x20)",
  // The stage change a stage tag records (stage-tags.ts writes it in the tag's message).
  "%(contents:trailers:key=Stage-Change,valueonly,separator=%x20)",
  "%(objecttype)",
  // A stage tag's date: its change's committer time (stage-tags.ts), which orders the model's tags.
  "%(taggerdate:unix)",
];

/**
 * The tags matching `patterns` (for-each-ref patterns: `refs/tags/<model>@*` for a model's
 * registration and deregistration tags, `#*` for its stage tags), each with its commit's author,
 * date, subject and `Reason:` trailer: one `for-each-ref`, for one model (`history`) or every
 * model at once (the report).
 */
export function readModelTags(top: string, patterns: readonly string[]): Promise<ModelTag[]> {
  const format = MODEL_TAG_FIELDS.join("%00");
  return runGit(top, ["for-each-ref", `--format=${format}`, ...patterns]).then((r) =>
    r.stdout
      .toString("utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l): ModelTag => {
        const fields = l.split("\0");
        const [name = "", peeled = "", oid = "", who = "", email = "", at = "", subject = "", reason = ""] =
          fields;
        const [changes = "", type = "", taggedAt = ""] = fields.slice(MODEL_TAG_FIELDS.length - 3);
        return {
          name,
          commit: peeled || oid,
          who,
          email,
          at,
          subject,
          reason,
          changes: changes.split(" ").filter((c) => HEX.test(c)),
          annotated: type === "tag",
          taggedAt: Number(taggedAt) || 0,
        };
      }),
  );
}

export function startHistoryReads(
  git: { top: string; gitDir: string },
  model: string,
  rev: string,
  options: { walk?: boolean } = {},
): HistoryReads {
  const { top } = git;
  const tags = readModelTags(top, [`refs/tags/${model}@*`, `refs/tags/${model}#*`]);
  tags.catch(() => {}); // seen by whoever awaits it
  // The walk serves only a model with stage tags: stopped when the tags say there are none.
  const stop = new AbortController();
  const walk = options.walk === false ? null : walkOf(git, rev, stop.signal);
  walk?.catch(() => {});
  if (walk)
    tags.then(
      (rows) => {
        if (!rows.some((row) => row.annotated && stageTagOf(row.name, model))) stop.abort();
      },
      () => stop.abort(),
    );
  return { top, model, rev, tags, walk, tagged: new Map() };
}

/** The walk of the last `history` (`rev-list --topo-order --parents` of its tip, as git printed it). */
const WALK_CACHE = "walk.txt";

/**
 * `rev-list --topo-order --parents` of `rev`: the commits only, each after its children. The last
 * walk is kept in .git/git-model (commits never change, so the history of a commit is the same
 * forever): when `rev` is that walk's tip nothing runs, and when it descends from it only the
 * new commits are walked. At 101,201 commits the walk is 0.4 s of git's CPU. Not kept in a
 * shallow clone or one with grafts, where a commit's parents can change.
 */
export async function walkOf(
  git: { top: string; gitDir: string },
  rev: string,
  signal?: AbortSignal,
): Promise<RunResult> {
  const args = (...not: string[]) => [
    ...LOW_MEMORY,
    "rev-list",
    "--topo-order",
    "--parents",
    "--end-of-options",
    rev,
    ...not,
    "--",
  ];
  const common = commonDir(git.gitDir);
  const keep = !existsSync(join(common, "shallow")) && !existsSync(join(common, "info", "grafts"));
  const cached = keep ? readGitCacheBytes(git.gitDir, WALK_CACHE) : null;
  const tip = cached ? firstCommit(cached) : "";
  if (cached && HEX.test(tip) && cached.at(-1) === 0x0a) {
    if (rev === "HEAD" && headFromFiles(git.gitDir) === tip) return { code: 0, stdout: cached, stderr: "" };
    const newer = await runGit(git.top, args(`^${tip}`), { allowFailure: true, signal });
    // The new commits, if the old tip is a parent of one of them: the old walk is their history's rest.
    if (newer.code === 0 && hasParent(newer.stdout, tip)) {
      const stdout = Buffer.concat([newer.stdout, cached]);
      writeGitCacheBytes(git.gitDir, WALK_CACHE, stdout);
      return { code: 0, stdout, stderr: "" };
    }
  }
  const walk = await runGit(git.top, args(), { allowFailure: true, signal });
  if (keep && walk.code === 0 && walk.stdout.at(-1) === 0x0a)
    writeGitCacheBytes(git.gitDir, WALK_CACHE, walk.stdout);
  return walk;
}

/** The first commit of a `rev-list [--parents]` output (its tip): the first line up to its first space. */
export function firstCommit(out: Buffer): string {
  const newline = out.indexOf(0x0a);
  const end = newline < 0 ? out.length : newline;
  const space = out.indexOf(0x20);
  return out.toString("latin1", 0, space >= 0 && space < end ? space : end);
}

/** Whether a `rev-list --parents` output names `commit` as a parent of one of its commits. */
function hasParent(out: Buffer, commit: string): boolean {
  for (let at = out.indexOf(` ${commit}`); at >= 0; at = out.indexOf(` ${commit}`, at + 1)) {
    const next = out[at + 1 + commit.length];
    if (next === 0x20 || next === 0x0a) return true;
  }
  return false;
}

/**
 * Starts `history`'s reads of one model at HEAD (startHistoryReads) from a guess of where the
 * registry is: the work-tree top as `Git.locate` finds it from `cwd` (no process), and the `root:`
 * line of the configuration file (default `models`), only to check that the model's folder
 * exists. A guess only: `history` uses the reads when the opened registry names the same top
 * folder and model. Returns null when there is nothing sensible to guess (GIT_DIR set, no `.git`).
 */
export function prefetchHistoryReads(
  cwd: string,
  model: string,
  configFile = CONFIG_FILE,
): HistoryReads | null {
  if (!isModelName(model)) return null;
  try {
    const git = Git.locate(cwd);
    if (!git) return null;
    const dir = git.top;
    const configPath = join(dir, configFile);
    // Only a plain file in the repository: a guess never reads through a link or out of it.
    if (!isInside(dir, configPath) || lstatSync(configPath, { throwIfNoEntry: false })?.isSymbolicLink())
      return null;
    const root = guessRoot(configPath);
    if (root === null || !existsSync(join(dir, root, model))) return null;
    const reads = startHistoryReads(git, model, "HEAD");
    startTaggedReads(reads, `${root}/${model}/stages.json`);
    return reads;
  } catch {
    return null;
  }
}

/** The registry root as the configuration most likely sets it, or null when it is not plain. */
function guessRoot(configPath: string): string | null {
  let text: string;
  try {
    text = readFileSync(configPath, "utf8");
  } catch {
    return "models";
  }
  const line = /^root:[ \t]*(.*)$/m.exec(text);
  if (!line) return "models";
  const value = line[1]!
    .replace(/[ \t]+#.*$/, "")
    .trim()
    .replace(/^(["'])(.*)\1$/, "$2")
    .replace(/\/+$/, "");
  return /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(value) ? value : null;
}
