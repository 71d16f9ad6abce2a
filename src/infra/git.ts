import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { lstat, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { environment, GitModelError, usage } from "../domain/errors.js";
import { tagNameProblem } from "../domain/ref-names.js";
import { randomName } from "./files.js";

/**
 * The one module that talks to git. Every call is a process with an argument vector (never a
 * shell), and reads are batched: one for-each-ref for all tags, one cat-file --batch for many
 * objects, one log for a history. Nothing here knows about models.
 */

export interface RunOptions {
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  /** Return the result instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
  /** Ends the process early (the promise then rejects with an AbortError). */
  signal?: AbortSignal;
}

export interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export class GitError extends GitModelError {
  constructor(
    readonly args: readonly string[],
    readonly code: number,
    readonly stderr: string,
  ) {
    const reason = gitReason(stderr);
    super("environment", `git ${args[0]} failed: ${reason || `exit code ${code}`}`, {
      hint: gitWayOut(args, stderr),
    });
  }
}

/**
 * git's own reason for a failure, trimmed, for a message: its error lines (`error:`, `fatal:`,
 * a refused ref `! [rejected] ...`) first, else its first lines; never its `hint:` lines, at most two.
 */
export function gitReason(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim().replace(/\s+/g, " "))
    .filter((l) => l && !l.startsWith("hint:"));
  const errors = lines.filter((l) => /^(error|fatal):|^! |\[(remote )?rejected\]/.test(l));
  return (errors.length ? errors : lines).slice(0, 2).join("; ");
}

/** What a person can do about a git failure, from what git said. */
export function gitWayOut(args: readonly string[], stderr: string): string {
  const clobbered = /\[rejected\]\s+(\S+)\s+->\s+\S+\s+\(would clobber existing tag\)/.exec(stderr)?.[1];
  if (clobbered) {
    const remote = args.slice(1).find((a) => !a.startsWith("-")) ?? "origin";
    return `your tag ${clobbered} differs from the remote's: compare them (git show ${clobbered}; git ls-remote --tags ${remote} ${clobbered}), delete the stale one (git tag -d ${clobbered}) and run the command again`;
  }
  if (/non-fast-forward|fetch first|Updates were rejected/.test(stderr)) {
    return "the remote has commits this clone lacks: pull (git pull --rebase) and run the command again";
  }
  if (/\[remote rejected\]|hook declined|protected branch/i.test(stderr)) {
    return "the remote refused the change (a protected branch or a hook): push where you may, or ask the repository's owner";
  }
  if (
    /does not appear to be a git repository|Could not read from remote|Could not resolve host|unable to access|Connection refused|repository '.*' not found|Authentication failed|could not read Username/i.test(
      stderr,
    )
  ) {
    return "check the remote's address (git remote -v), the network and your credentials, then run the command again";
  }
  if (/\.lock'?:? File exists|Unable to create .*\.lock/.test(stderr)) {
    return "another git process is working in this repository: wait for it, or remove the lock file git names if none is running";
  }
  const command = `git ${args.join(" ")}`;
  return `that is git's own message; to see all of it, run: ${command.length > 120 ? `${command.slice(0, 117)}...` : command}`;
}

/**
 * node:child_process, loaded when the first git process starts: a command that only reads files
 * (Git.locate found the repository) never loads it (about 3 ms of start-up).
 */
const childProcess = () => process.getBuiltinModule("node:child_process");

/**
 * A git process whose output the caller reads as it streams (a long log parsed while it
 * runs). Everything else uses runGit, which collects the output.
 */
export function spawnGit(cwd: string, args: readonly string[]): ChildProcessWithoutNullStreams {
  return childProcess().spawn("git", args, {
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0" },
    stdio: "pipe",
  });
}

export function runGit(cwd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn("git", args, {
      cwd,
      // No optional locks: a read (status) must not take .git/index.lock, which a kill would leave.
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", (e: NodeJS.ErrnoException) => {
      reject(
        e.code === "ENOENT"
          ? environment("git is not installed or not on PATH", { hint: "install git 2.30 or newer" })
          : e,
      );
    });
    child.on("close", (code) => {
      const result = {
        code: code ?? 1,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString("utf8"),
      };
      if (result.code !== 0 && !options.allowFailure) reject(new GitError(args, result.code, result.stderr));
      else resolve(result);
    });
    child.stdin.on("error", () => {}); // git may exit before reading all input; the exit code tells.
    child.stdin.end(options.input ?? "");
  });
}

/**
 * How far below HEAD the tagged commits of a tags-only push may be for it to be made from a
 * small object store (Git.push's onlyTags), and how many older commits that store holds besides.
 */
const FEW_COMMITS = 500;
const COMMIT_MARGIN = 32;

export class TagExistsError extends GitModelError {
  constructor(readonly names: readonly string[]) {
    super("conflict", `tag ${names.slice(0, 3).join(", ")} exists already`);
  }
}

/** One path's change in a commit built by Git.commitTree. */
export type TreeChange =
  | { path: string; oid: string; mode?: "100644" | "100755" }
  | { path: string; content: string | Buffer }
  | { path: string; delete: true };

/** fast-import takes the rest of the line as the path, C-quoted when it could be misread. */
function fastImportPath(path: string): string {
  return /^"|[\\\n]/.test(path) ? JSON.stringify(path) : path;
}

export interface PushOutcome {
  ok: boolean;
  /** The remote refused because it moved on (a race lost), not for a policy reason. */
  remoteMovedOn: boolean;
  message: string;
  /** Remote refs that already held what was pushed (`=` in --porcelain): this push did not change them. */
  upToDate?: string[];
  /** What to do about it, from what git said (gitWayOut). */
  hint?: string;
}

export interface CatFileObject {
  oid: string;
  type: string;
  content: Buffer;
}

/**
 * A git folder whose work tree is the folder holding `.git`: it has a HEAD, and its configuration
 * (the shared one, for a linked worktree) sets neither core.worktree nor core.bare, nor turns on
 * per-worktree configuration. Read as text: a false "no" only hands the question to git.
 */
function plainGitDir(gitDir: string): boolean {
  if (!existsSync(`${gitDir}/HEAD`) || existsSync(`${gitDir}/config.worktree`)) return false;
  const commonDir = existsSync(`${gitDir}/commondir`)
    ? resolve(gitDir, readFileSync(`${gitDir}/commondir`, "utf8").trim())
    : gitDir;
  const config = existsSync(`${commonDir}/config`) ? readFileSync(`${commonDir}/config`, "utf8") : "";
  return !UNUSUAL_CONFIG.test(config);
}

/** core.worktree, extensions.worktreeConfig, or core.bare set to anything but false. */
const UNUSUAL_CONFIG = /^\s*(?:worktree\b|worktreeconfig\b|bare\b(?!\s*=\s*(?:false|no|off|0)\s*$))/im;

/** An entry of a tree as `ls-tree` gives it. */
export interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  path: string;
}

/** node:crypto, loaded when the first id is computed (most commands never compute one). */
const crypto = () => process.getBuiltinModule("node:crypto");

/** Git's id of a blob of this content, SHA-1 (40 hex digits) or SHA-256 (64). */
export function blobId(content: Buffer | string, oidLength = 40): string {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return crypto()
    .createHash(oidLength === 64 ? "sha256" : "sha1")
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest("hex");
}

/**
 * Git's id (SHA-1) of the tree whose entries `ls-tree` (not recursive) listed: each as its mode
 * (no leading zero), a space, its name (the path's last part), NUL and the binary id, in the
 * order listed, which is the tree's.
 */
export function treeIdOf(entries: readonly TreeEntry[]): string {
  const body = Buffer.concat(
    entries.flatMap((e) => [
      Buffer.from(`${e.mode.replace(/^0+/, "")} ${e.path.slice(e.path.lastIndexOf("/") + 1)}\0`, "utf8"),
      Buffer.from(e.oid, "hex"),
    ]),
  );
  return crypto().createHash("sha1").update(`tree ${body.length}\0`).update(body).digest("hex");
}

/**
 * Reads `git cat-file --batch` output as it arrives, whole or in chunks: `onObject` is called for
 * each object, in the order the names were given, as soon as all of it is in (null for a name
 * that is missing or ambiguous). The one parser of that format: `catFile` hands it the whole
 * answer, the stage log its chunks while git still writes.
 */
export function catFileBatchReader(
  onObject: (object: CatFileObject | null) => void,
): (chunk: Buffer) => void {
  let pieces: Buffer[] = [];
  let have = 0;
  let need = 0; // bytes the object at the front needs, once its header is in
  return (chunk) => {
    pieces.push(chunk);
    have += chunk.length;
    if (have < need) return;
    const buffer = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
    need = 0;
    let pos = 0;
    for (;;) {
      const eol = buffer.indexOf(0x0a, pos);
      if (eol < 0) break;
      const header = buffer.toString("latin1", pos, eol);
      if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
        onObject(null);
        pos = eol + 1;
        continue;
      }
      const [oid, type, size] = header.split(" ");
      const length = Number(size);
      if (eol + 1 + length + 1 > buffer.length) {
        need = eol + 1 + length + 1 - pos;
        break;
      }
      onObject({ oid: oid!, type: type!, content: buffer.subarray(eol + 1, eol + 1 + length) });
      pos = eol + 1 + length + 1;
    }
    pieces = pos < buffer.length ? [buffer.subarray(pos)] : [];
    have = buffer.length - pos;
  };
}

export class Git {
  constructor(
    /** The work tree's top folder. */
    readonly top: string,
    /** The absolute .git folder. */
    readonly gitDir: string,
  ) {}

  /** Finds the repository that contains `cwd`. */
  static async discover(cwd: string): Promise<Git> {
    return Git.locate(cwd) ?? Git.askGit(cwd);
  }

  /**
   * Finds the repository by reading `.git` upwards from `cwd`, as git does in the plain cases: a
   * `.git` folder, or a `.git` file naming the git folder (linked worktrees, submodules). A
   * command that only reads files then starts no process (a spawn is about 7 ms of start-up,
   * docs/benchmarks.md). Anything git would decide differently (GIT_DIR and its friends, a
   * configured core.worktree or core.bare, per-worktree configuration) returns null, for git.
   */
  static locate(cwd: string): Git | null {
    const env = process.env;
    if (env.GIT_DIR || env.GIT_WORK_TREE || env.GIT_CEILING_DIRECTORIES || env.GIT_COMMON_DIR) return null;
    try {
      let dir = realpathSync(cwd);
      for (;;) {
        const dotGit = `${dir === "/" ? "" : dir}/.git`;
        const stat = statSync(dotGit, { throwIfNoEntry: false });
        if (stat?.isDirectory()) return plainGitDir(dotGit) ? new Git(dir, dotGit) : null;
        if (stat?.isFile()) {
          const named = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, "utf8"))?.[1]?.trim();
          const gitDir = named === undefined ? null : realpathSync(resolve(dir, named));
          return gitDir !== null && plainGitDir(gitDir) ? new Git(dir, gitDir) : null;
        }
        const up = dirname(dir);
        if (up === dir) return null;
        dir = up;
      }
    } catch {
      return null;
    }
  }

  private static async askGit(cwd: string): Promise<Git> {
    const result = await runGit(cwd, ["rev-parse", "--show-toplevel", "--absolute-git-dir"], {
      allowFailure: true,
    });
    const bare = /must be run in a work tree/.test(result.stderr);
    if (bare || (result.code === 0 && !result.stdout.toString("utf8").trim().includes("\n"))) {
      throw environment(`git-model needs a work tree; ${cwd} is inside a bare repository`);
    }
    if (result.code !== 0) {
      throw environment(`not a git repository: ${cwd}`, {
        hint: "run git-model inside a git repository (git init, then git model init)",
      });
    }
    const [top, gitDir] = result.stdout.toString("utf8").trim().split("\n") as [string, string];
    return new Git(top, gitDir);
  }

  run(args: readonly string[], options?: RunOptions): Promise<RunResult> {
    return runGit(this.top, args, options);
  }

  private submodules: Promise<string[]> | undefined;

  /**
   * The paths of the submodules `.gitmodules` declares, checked out or not (a fresh clone has
   * an empty folder where HEAD holds a gitlink). No git process without a `.gitmodules`.
   */
  submodulePaths(): Promise<string[]> {
    this.submodules ??= existsSync(`${this.top}/.gitmodules`)
      ? this.run(["config", "-f", ".gitmodules", "-z", "--get-regexp", "^submodule\\..*\\.path$"], {
          allowFailure: true,
        }).then((r) =>
          r.code === 0
            ? r.stdout
                .toString("utf8")
                .split("\0")
                .filter(Boolean)
                .map((entry) => entry.slice(entry.indexOf("\n") + 1).replace(/\/+$/, ""))
            : [],
        )
      : Promise.resolve([]);
    return this.submodules;
  }

  async text(args: readonly string[], options?: RunOptions): Promise<string> {
    return (await this.run(args, options)).stdout.toString("utf8");
  }

  /** `git rev-parse --verify --quiet REV^{commit}`, or null when REV does not name a commit. */
  async commitOf(rev: string): Promise<string | null> {
    const r = await this.run(["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`], {
      allowFailure: true,
    });
    return r.code === 0 ? r.stdout.toString("utf8").trim() : null;
  }

  /**
   * All refs under the patterns, in one process; each row is the format's fields, split on NUL.
   * `merged`: only refs whose commit is reachable from that revision. No pattern, no ref (git
   * itself would list every ref: 101,800 at 100,000 versions for a list that came out empty).
   */
  async forEachRef(
    patterns: readonly string[],
    fields: readonly string[],
    options: { merged?: string } = {},
  ): Promise<string[][]> {
    if (patterns.length === 0) return [];
    const format = fields.join("%00");
    const merged = options.merged ? [`--merged=${options.merged}`] : [];
    const out = await this.text(["for-each-ref", `--format=${format}`, ...merged, ...patterns]);
    return out
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => l.split("\0"));
  }

  /**
   * Reads many objects (`REV:path` or oids) with one `cat-file --batch`. Missing objects map to
   * null. Buffers the whole answer: callers ask for metadata and pointers, not model weights.
   */
  async catFile(specs: readonly string[]): Promise<Map<string, CatFileObject | null>> {
    const result = new Map<string, CatFileObject | null>();
    if (specs.length === 0) return result;
    const unique = [...new Set(specs)];
    if (unique.some((s) => s.includes("\n"))) throw new Error("object names cannot contain newlines");
    const out = (await this.run(["cat-file", "--batch"], { input: `${unique.join("\n")}\n` })).stdout;
    const objects: (CatFileObject | null)[] = [];
    catFileBatchReader((object) => objects.push(object))(out);
    for (const [i, spec] of unique.entries()) result.set(spec, objects[i] ?? null);
    return result;
  }

  /** Object ids and types for many names with one `cat-file --batch-check`; missing ones map to null. */
  async batchCheck(
    specs: readonly string[],
  ): Promise<Map<string, { oid: string; type: string; size: number } | null>> {
    const result = new Map<string, { oid: string; type: string; size: number } | null>();
    if (specs.length === 0) return result;
    const unique = [...new Set(specs)];
    const lines = (await this.text(["cat-file", "--batch-check"], { input: `${unique.join("\n")}\n` })).split(
      "\n",
    );
    unique.forEach((spec, i) => {
      const [oid, type, size] = (lines[i] ?? "").split(" ");
      result.set(
        spec,
        type === "missing" || type === "ambiguous" || !oid ? null : { oid, type: type!, size: Number(size) },
      );
    });
    return result;
  }

  /**
   * The entries of `rev`'s tree at these paths (recursive: every file below them; a folder path
   * ending in `/`: the folder's entries), from one `ls-tree`. Empty when `rev` has none.
   */
  async lsTree(
    rev: string,
    paths: readonly string[],
    { recursive = true, treesOnly = false } = {},
  ): Promise<TreeEntry[]> {
    if (paths.length === 0) return [];
    const rows = await this.list(
      [
        "ls-tree",
        ...(recursive ? ["-r"] : []),
        ...(treesOnly ? ["-d"] : []),
        "-z",
        "--end-of-options",
        rev,
        "--",
        ...paths,
      ],
      { allowFailure: true },
    );
    return rows.map((row) => {
      const tab = row.indexOf("\t");
      const [mode = "", type = "", oid = ""] = row.slice(0, tab).split(" ");
      return { mode, type, oid, path: row.slice(tab + 1) };
    });
  }

  /**
   * The files that differ between two commits' trees below `paths`, as `diff-tree -r
   * --name-status` gives them (no renames); none when a commit is unknown. diff-tree reads the
   * index, for attributes a list of names never uses: it is given one that does not exist (in
   * git-model's own folder, where nothing else writes), which git reads as empty. At 100,000
   * versions the index is 28 MB, 40-90 ms of git CPU on every diff of two commits.
   */
  async diffTrees(
    from: string,
    to: string,
    paths: readonly string[],
  ): Promise<{ status: string; path: string }[]> {
    const rows = await this.list(
      [
        "diff-tree",
        "-r",
        "-z",
        "--name-status",
        "--no-renames",
        "--end-of-options",
        from,
        to,
        "--",
        ...paths,
      ],
      { allowFailure: true, env: { GIT_INDEX_FILE: `${this.gitDir}/git-model/no-index` } },
    );
    const changes: { status: string; path: string }[] = [];
    for (let i = 0; i + 1 < rows.length; i += 2) changes.push({ status: rows[i]!, path: rows[i + 1]! });
    return changes;
  }

  /** NUL-separated `git ... -z` output as a list. */
  async list(args: readonly string[], options?: RunOptions): Promise<string[]> {
    return (await this.text(args, options)).split("\0").filter((s) => s !== "");
  }

  /**
   * Creates annotated tags, any number, with one `git fast-import`. Refuses (creating none) when
   * any of them exists already. A tag's `date` (git's raw `<seconds> <zone>`) replaces the time
   * of now in its tagger line. Returns each tag's object id.
   */
  async createTags(
    tags: readonly { name: string; target: string; message: string; date?: string | undefined }[],
  ): Promise<Map<string, string>> {
    const created = new Map<string, string>();
    if (tags.length === 0) return created;
    // Checked before git sees them: a name git refuses would fail late with git's message, and
    // a newline in one would be read by fast-import as a command of its own.
    for (const t of tags) {
      const problem = tagNameProblem(t.name);
      if (problem) throw usage(`cannot create the tag ${JSON.stringify(t.name)}: ${problem}`);
    }
    const refs = tags.map((t) => `refs/tags/${t.name}`);
    const existing = await this.batchCheck(refs);
    const taken = refs.filter((r) => existing.get(r));
    if (taken.length) throw new TagExistsError(taken.map((r) => r.slice("refs/tags/".length)));
    const ident = (await this.identities()).committer;
    const stream = tags
      .map((t) => {
        const message = Buffer.from(t.message.endsWith("\n") ? t.message : `${t.message}\n`);
        const tagger = t.date ? ident.replace(/\d+ [+-]\d{4}$/, t.date) : ident;
        return `tag ${t.name}\nfrom ${t.target}\ntagger ${tagger}\ndata ${message.length}\n${message.toString("utf8")}\n`;
      })
      .join("");
    await this.run(["fast-import", "--quiet", "--date-format=raw"], { input: stream });
    const oids = await this.batchCheck(refs);
    for (const t of tags) created.set(t.name, oids.get(`refs/tags/${t.name}`)?.oid ?? "");
    return created;
  }

  /** Author and committer as git would record them now (honours GIT_AUTHOR_DATE and friends). */
  async identities(): Promise<{ author: string; committer: string }> {
    this.identity ??= this.readIdentities();
    return this.identity;
  }

  private identity: Promise<{ author: string; committer: string }> | undefined;

  private async readIdentities(): Promise<{ author: string; committer: string }> {
    const ident = async (name: string) => {
      const r = await this.run(["var", name], { allowFailure: true });
      if (r.code !== 0) {
        throw environment("git does not know who you are, so it cannot commit", {
          hint: 'git config user.name "Your Name" && git config user.email you@example.com',
        });
      }
      return r.stdout.toString("utf8").trim();
    };
    const [author, committer] = await Promise.all([ident("GIT_AUTHOR_IDENT"), ident("GIT_COMMITTER_IDENT")]);
    return { author, committer };
  }

  /**
   * Stores work-tree files as blobs with one `hash-object --stdin-paths`: git's clean filters
   * apply by path, so an LFS-tracked file is stored as its pointer (and git-lfs keeps the object).
   */
  async hashWorkTreeFiles(paths: readonly string[]): Promise<string[]> {
    if (paths.length === 0) return [];
    const out = await this.text(["hash-object", "-w", "--stdin-paths"], { input: `${paths.join("\n")}\n` });
    return out.trim().split("\n");
  }

  /** Stores bytes as the blob git would make of them at `path` (its clean filters apply). */
  async hashBytes(path: string, bytes: Buffer): Promise<string> {
    return (await this.text(["hash-object", "-w", "--stdin", `--path=${path}`], { input: bytes })).trim();
  }

  /**
   * A commit of `parent` with some paths changed, written by one `git fast-import` that only
   * touches the trees along those paths: no index is read or written, so the cost follows the
   * change, not the size of the repository. Does not move any branch.
   */
  async commitTree(parent: string | null, changes: readonly TreeChange[], message: string): Promise<string> {
    const { author, committer } = await this.identities();
    const scratch = `refs/git-model/scratch/${process.pid}-${randomName()}`;
    const body = Buffer.from(message);
    const parts: (string | Buffer)[] = [
      `commit ${scratch}\nmark :1\nauthor ${author}\ncommitter ${committer}\ndata ${body.length}\n`,
      body,
      `\n${parent ? `from ${parent}\n` : ""}`,
    ];
    for (const change of changes) {
      const path = fastImportPath(change.path);
      if ("delete" in change) parts.push(`D ${path}\n`);
      else if ("oid" in change) parts.push(`M ${change.mode ?? "100644"} ${change.oid} ${path}\n`);
      else {
        const content = Buffer.from(change.content);
        parts.push(`M 100644 inline ${path}\ndata ${content.length}\n`, content, "\n");
      }
    }
    parts.push("\nget-mark :1\n");
    try {
      const out = await this.text(["fast-import", "--quiet", "--date-format=raw"], {
        input: Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p))),
      });
      return out.trim().split("\n").at(-1)!;
    } finally {
      await this.run(["update-ref", "-d", scratch], { allowFailure: true });
    }
  }

  /** Pushes refspecs and reports a refusal instead of throwing, so the caller can retry or undo. */
  async push(
    remote: string,
    refspecs: readonly string[],
    options: {
      atomic?: boolean;
      force?: boolean;
      /** Overwrite `ref` only while the remote holds `expected` there (null: only while it does not exist). */
      forceWithLease?: { ref: string; expected: string | null };
      /**
       * Skip the pre-push hook: for tags of commits the remote has already, where git-lfs's hook
       * has nothing to upload yet runs git processes per pushed ref (a minute for 700 tags).
       */
      noVerify?: boolean;
      /**
       * Every refspec's source is a tag (or a commit) of a commit the remote has, near HEAD or
       * pointed at by one of the `known` tag objects, which the remote has too (register's tags):
       * push from an object store holding only those (`pushFromFewObjects`).
       */
      onlyTags?: boolean | { known: readonly string[] };
    } = {},
  ): Promise<PushOutcome> {
    const lease = options.forceWithLease;
    const flags = [
      ...(options.atomic ? ["--atomic"] : []),
      ...(options.force ? ["--force"] : []),
      ...(lease ? [`--force-with-lease=${lease.ref}:${lease.expected ?? ""}`] : []),
      ...(options.noVerify ? ["--no-verify"] : []),
    ];
    const argv = ["push", "--porcelain", ...flags, "--", remote, ...refspecs];
    if (options.onlyTags && options.atomic) {
      const known = typeof options.onlyTags === "object" ? options.onlyTags.known : [];
      const pushed = await this.pushFromFewObjects(argv, refspecs, known);
      const few = pushed && pushOutcome(remote, refspecs, pushed);
      // Not a lost race: the small store may have missed a commit the walk needed (the
      // remote's branch moved past HEAD); the ordinary push, all or nothing too, settles it.
      if (few && (few.ok || few.remoteMovedOn)) return few;
    }
    return pushOutcome(remote, refspecs, await this.run(argv, { allowFailure: true }));
  }

  /**
   * A push of tags whose commits the remote has, from a temporary object store holding only the
   * tag objects and the newest commits down to the tagged ones. git's send-pack gives its
   * pack-objects every ref the remote advertises whose object the pushing side has, as a
   * negative: from the clone, 100,000 tags on the remote are 100,000 tag objects read (a second
   * of CPU at 100,000 versions) to send a few hundred bytes. From the small store only HEAD's
   * commit is among them, and the walk from it down to the tagged commits shows that the pack
   * needs the tag objects alone. The configuration (remote, credentials, extra headers) is the
   * repository's. The push's result; null when the tags are not all within `FEW_COMMITS`
   * commits of HEAD.
   */
  private async pushFromFewObjects(
    argv: readonly string[],
    refspecs: readonly string[],
    known: readonly string[],
  ): Promise<RunResult | null> {
    // `src:dst`, or `src` alone (pushed to the same name).
    const sources = refspecs.map((r) => {
      const colon = r.lastIndexOf(":");
      return (colon < 0 ? r : r.slice(0, colon)).replace(/^\+/, "");
    });
    const found = await this.batchCheck([
      ...sources.flatMap((s) => [s, `${s}^{commit}`]),
      ...known.map((oid) => `${oid}^{commit}`),
    ]);
    const objects = sources.map((s) => found.get(s));
    const targets = sources.map((s) => found.get(`${s}^{commit}`)?.oid);
    if (objects.some((o) => o?.type !== "tag" && o?.type !== "commit") || targets.includes(undefined))
      return null;
    // A commit that a tag the remote has points at too is the remote's by that tag alone.
    const vouched = new Set(known.map((oid) => found.get(`${oid}^{commit}`)?.oid));
    const newest = (
      await this.text(["rev-list", `--max-count=${FEW_COMMITS}`, "HEAD", "--"], { allowFailure: true })
    )
      .split("\n")
      .filter(Boolean);
    const depths = [...new Set(targets)].filter((c) => !vouched.has(c)).map((c) => newest.indexOf(c!));
    if (depths.includes(-1) || newest.length === 0) return null;
    // A margin below the deepest tagged commit: with equal commit times, git's walk may reach a
    // tagged commit before HEAD's side marks it as the remote's, and then reads its parents.
    const commits = newest.slice(0, Math.max(0, ...depths) + 1 + COMMIT_MARGIN);
    const ids = new Set([...objects.map((o) => o!.oid), ...targets.map((c) => c!), ...known, ...commits]);
    // In git-model's own folder of the repository: a killed push leaves it there, not in /tmp,
    // named by its process so that the next push can tell it from one still running.
    const stores = `${this.gitDir}/git-model`;
    await mkdir(stores, { recursive: true });
    await removeStaleStores(stores);
    const store = await mkdtemp(join(stores, `push-${process.pid}-`));
    try {
      await mkdir(`${store}/pack`);
      await this.run(["pack-objects", "-q", `${store}/pack/pack`], { input: `${[...ids].join("\n")}\n` });
      return await this.run(argv, {
        allowFailure: true,
        env: { GIT_OBJECT_DIRECTORY: store, GIT_ALTERNATE_OBJECT_DIRECTORIES: undefined },
      });
    } finally {
      await rm(store, { recursive: true, force: true });
    }
  }

  /** The names of the remote's tags, from one `ls-remote` (git's own error and hint when it is unreachable). */
  async remoteTags(remote: string): Promise<Set<string>> {
    const out = await this.text(["ls-remote", "--tags", "--refs", remote]);
    return new Set(
      out
        .split("\n")
        .map((l) => l.split("\t")[1] ?? "")
        .filter((ref) => ref.startsWith("refs/tags/"))
        .map((ref) => ref.slice("refs/tags/".length)),
    );
  }

  /** The current branch, or null on a detached HEAD. */
  async currentBranch(): Promise<string | null> {
    const r = await this.run(["symbolic-ref", "--quiet", "--short", "HEAD"], { allowFailure: true });
    return r.code === 0 ? r.stdout.toString("utf8").trim() : null;
  }
}

/** How old a small push store (Git.push's onlyTags) is when it is removed whatever made it. */
const STALE_STORE_MS = 3600_000;

/**
 * Removes the small push stores a killed push left in `folder`: those whose process (the pid in
 * `push-<pid>-XXXXXX`) is gone, and any older than an hour (a pid taken again since, a store of
 * an older git-model without a pid). A store of a push still running is left as it is.
 */
async function removeStaleStores(folder: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  const now = Date.now();
  await Promise.all(
    names
      .filter((name) => name.startsWith("push-"))
      .map(async (name) => {
        const path = join(folder, name);
        const pid = Number(/^push-(\d+)-/.exec(name)?.[1]);
        const gone = Number.isInteger(pid) && pid !== process.pid && !processRuns(pid);
        const stat = await lstat(path).catch(() => null);
        if (stat?.isDirectory() && (gone || now - stat.mtimeMs > STALE_STORE_MS))
          await rm(path, { recursive: true, force: true });
      }),
  );
}

/** Whether a process with this id runs (one of another user counts: EPERM). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** What `git push --porcelain` to `remote` came to: pushed, refused by a race lost, or refused otherwise. */
function pushOutcome(remote: string, refspecs: readonly string[], r: RunResult): PushOutcome {
  if (r.code === 0) {
    const upToDate = r.stdout
      .toString("utf8")
      .split("\n")
      .filter((l) => l.startsWith("=\t"))
      .map((l) => l.split("\t")[1]?.split(":").at(-1) ?? "");
    return { ok: true, remoteMovedOn: false, message: "", upToDate };
  }
  const out = `${r.stdout.toString("utf8")}\n${r.stderr}`;
  const refused = out.split("\n").filter((l) => l.startsWith("!"));
  // A ref that lost a race (non-fast-forward, a lock or an old value taken by a concurrent
  // push) means the remote moved on; a policy refusal (protected branch, hook) does not.
  const lostRace = (l: string) =>
    /\[rejected\]|cannot lock ref|failed to lock|incorrect old value|failed to update ref|already exists/.test(
      l,
    );
  const onlyAtomic = refused.length > 0 && refused.every((l) => l.includes("atomic transaction failed"));
  const cause = refused.find((l) => !l.includes("atomic transaction failed")) ?? refused[0];
  const reason =
    cause?.split("\t").slice(1).join(" ").trim() ??
    out
      .split("\n")
      .find((l) => /error:|fatal:/.test(l))
      ?.trim();
  return {
    ok: false,
    remoteMovedOn: refused.some(lostRace) || onlyAtomic,
    message: reason ?? gitReason(r.stderr),
    hint: gitWayOut(["push", remote, ...refspecs], out),
  };
}
