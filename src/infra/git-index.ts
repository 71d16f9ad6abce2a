import { createHash } from "node:crypto";
import { closeSync, fstatSync, lstatSync, openSync, readFileSync, readlinkSync, readSync } from "node:fs";

/**
 * Git's index file read in node, for the one question validate --base asks of it at every pull
 * request: does the index hold exactly HEAD's files below the registry root, and do the work
 * tree's files match the index's stat data? Git answers it with `status`, which at 100,000
 * versions reads and checks the 28 MB index for 110 ms and more (docs/benchmarks.md); here the
 * file is read once, its 300,000 entries are stepped over by their lengths, and only the entries
 * asked for are decoded. The format is git's Documentation/gitformat-index.txt (versions 2 to 4,
 * SHA-1). Whatever this reader does not know (a split or sparse index, SHA-256, an unknown
 * version or a damaged file) makes it answer null, and the caller asks git as before.
 */

/** One entry of the index, as the caller needs it to compare the work tree's file against it. */
export interface IndexEntry {
  path: string;
  /** The entry's mode: 0o100644, 0o100755, 0o120000 (a link) or 0o160000 (a submodule). */
  mode: number;
  oid: string;
  /** Stat data as git recorded it: each field truncated to 32 bits, as git stores it. */
  ctimeSec: number;
  ctimeNsec: number;
  mtimeSec: number;
  mtimeNsec: number;
  ino: number;
  uid: number;
  gid: number;
  size: number;
  /** 0, or 1-3 for the sides of a conflict. */
  stage: number;
  /** assume-unchanged, skip-worktree or intent-to-add: git does not compare the file as usual. */
  special: boolean;
}

export interface GitIndex {
  /** The index file's modification time: entries not older than it are "racily clean". */
  mtimeSec: number;
  mtimeNsec: number;
  /**
   * The tree id the index's cache-tree records for a folder (`models`, `models/churn`), or null
   * when it records none or git invalidated it (a file below it was added or removed since).
   */
  treeOid(folder: string): string | null;
  /** The entries at or below these folders and at these paths (each side of a conflict), in index order. */
  select(folders: readonly string[], files: readonly string[]): IndexEntry[];
}

const SIGNATURE = 0x44495243; // "DIRC"
const HASH_BYTES = 20;
/** Stat data (40 bytes), object id (20), flags (2): where the path (or v3's extended flags) starts. */
const FIXED = 62;
const EXTENDED = 0x4000;
const ASSUME_VALID = 0x8000;
const SKIP_WORKTREE = 0x4000;
const INTENT_TO_ADD = 0x2000;

/**
 * The index of a repository whose git folder is `gitDir`, or null when it cannot be read here:
 * missing, GIT_INDEX_FILE set, a format this reader does not know, or cut short.
 */
export function readGitIndex(gitDir: string): GitIndex | null {
  if (process.env.GIT_INDEX_FILE) return null;
  let fd: number;
  try {
    fd = openSync(`${gitDir}/index`, "r");
  } catch {
    return null;
  }
  try {
    const info = fstatSync(fd, { bigint: true });
    if (!info.isFile() || info.size < 12n + BigInt(HASH_BYTES)) return null;
    const buf = Buffer.allocUnsafe(Number(info.size));
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, read);
      if (n === 0) return null;
      read += n;
    }
    return parse(buf, Number(info.mtimeNs / 1_000_000_000n), Number(info.mtimeNs % 1_000_000_000n));
  } finally {
    closeSync(fd);
  }
}

function parse(buf: Buffer, mtimeSec: number, mtimeNsec: number): GitIndex | null {
  if (buf.readUInt32BE(0) !== SIGNATURE) return null;
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) return null;
  const count = buf.readUInt32BE(8);
  const end = buf.length - HASH_BYTES;
  // Where each entry starts; in version 4, each path is the one before it, cut and continued.
  const starts = new Uint32Array(count);
  let pos = 12;
  for (let i = 0; i < count; i++) {
    if (pos + FIXED > end) return null;
    starts[i] = pos;
    const flags = buf.readUInt16BE(pos + 60);
    const name = pos + FIXED + (version >= 3 && flags & EXTENDED ? 2 : 0);
    if (version === 4) {
      let at = name;
      while (at < end && buf[at]! & 0x80) at++;
      const nul = buf.indexOf(0, at + 1);
      if (nul < 0 || nul >= end) return null;
      pos = nul + 1;
    } else {
      let length = flags & 0xfff;
      if (length === 0xfff) length = buf.indexOf(0, name + 0xfff) - name;
      if (length < 0 || buf[name + length] !== 0) return null;
      // NUL-terminated, padded to a multiple of 8 bytes from the entry's start.
      pos = starts[i]! + ((name - starts[i]! + length + 8) & ~7);
    }
  }
  let tree: [number, number] | null = null;
  while (pos + 8 <= end) {
    const signature = buf.toString("latin1", pos, pos + 4);
    const size = buf.readUInt32BE(pos + 4);
    const data = pos + 8;
    if (data + size > end) return null;
    // A split index keeps its entries in another file; a sparse one folds folders into entries.
    if (signature === "link" || signature === "sdir") return null;
    if (signature === "TREE") tree = [data, data + size];
    pos = data + size;
  }
  if (pos !== end) return null;

  const entries = new Entries(buf, version, starts);
  return {
    mtimeSec,
    mtimeNsec,
    treeOid: (folder) => (tree ? cacheTreeOid(buf, tree[0], tree[1], folder) : null),
    select: (folders, files) => entries.select(folders, files),
  };
}

/**
 * The tree id the cache-tree extension records for a folder. The extension is the folders in
 * pre-order, each as its name, NUL, its entry count (-1: invalidated), a space, its subtree count,
 * a newline and, when valid, its id; folders off the way are stepped over by their counts (at
 * 100,000 versions there are 100,000 of them, and only the way down is read).
 */
function cacheTreeOid(buf: Buffer, start: number, end: number, folder: string): string | null {
  const parts = folder === "" ? [] : folder.split("/").map((p) => Buffer.from(p, "utf8"));
  let pos = start;
  /** Reads the folder record at pos: its name's bounds, subtree count and id's offset (-1: none). */
  const record = () => {
    const name = pos;
    while (pos < end && buf[pos] !== 0) pos++;
    const nameEnd = pos++;
    const invalid = buf[pos] === 0x2d; // "-1"
    while (pos < end && buf[pos] !== 0x20) pos++;
    let subtrees = 0;
    for (pos++; pos < end && buf[pos] !== 0x0a; pos++) subtrees = subtrees * 10 + buf[pos]! - 0x30;
    pos++;
    const oid = invalid ? -1 : pos;
    if (!invalid) pos += HASH_BYTES;
    return { name, nameEnd, subtrees, oid };
  };
  let node = record();
  for (const part of parts) {
    let found = false;
    for (let i = 0; i < node.subtrees && pos < end && !found; i++) {
      const child = record();
      if (
        child.nameEnd - child.name === part.length &&
        buf.compare(part, 0, part.length, child.name, child.nameEnd) === 0
      ) {
        node = child;
        found = true;
      } else {
        // Step over the child's folders: each record adds its own subtrees to those left.
        for (let left = child.subtrees; left > 0 && pos < end; left--) left += record().subtrees;
      }
    }
    if (!found) return null;
  }
  if (pos > end || node.oid < 0) return null;
  return buf.toString("hex", node.oid, node.oid + HASH_BYTES);
}

/** The entries, found by path: halving in versions 2 and 3 (paths in byte order), in a pass in 4. */
class Entries {
  constructor(
    private readonly buf: Buffer,
    private readonly version: number,
    private readonly starts: Uint32Array,
  ) {}

  /** The entries at or below `folders` and those at the paths `files`, in index order, once each. */
  select(folders: readonly string[], files: readonly string[]): IndexEntry[] {
    if (this.version === 4) {
      const under = folders.map((f) => `${f}/`);
      const exact = new Set([...files, ...folders]);
      const found: IndexEntry[] = [];
      this.eachPathV4((i, path) => {
        if (exact.has(path) || under.some((u) => path.startsWith(u))) found.push(this.entry(i, path));
      });
      return found;
    }
    const found = new Set<number>();
    for (const path of [...files, ...folders]) this.run(Buffer.from(path, "utf8"), true, found);
    for (const folder of folders) this.run(Buffer.from(`${folder}/`, "utf8"), false, found);
    return [...found]
      .sort((a, b) => a - b)
      .map((i) => {
        const [from, length] = this.name(i);
        return this.entry(i, this.buf.toString("utf8", from, from + length));
      });
  }

  /** Adds the entries whose path is `target` (exact) or starts with it, found by halving. */
  private run(target: Buffer, exact: boolean, found: Set<number>): void {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compare(mid, target, false) < 0) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.starts.length && this.compare(i, target, !exact) === 0; i++) found.add(i);
  }

  /** Entry i's path against target, in byte order; `prefix`: equal when the path starts with it. */
  private compare(i: number, target: Buffer, prefix: boolean): number {
    const [from, length] = this.name(i);
    const n = Math.min(length, target.length);
    for (let j = 0; j < n; j++) {
      const d = this.buf[from + j]! - target[j]!;
      if (d !== 0) return d;
    }
    return prefix && length >= target.length ? 0 : length - target.length;
  }

  /** Where entry i's path starts, and its length (versions 2 and 3). */
  private name(i: number): [number, number] {
    const pos = this.starts[i]!;
    const flags = this.buf.readUInt16BE(pos + 60);
    const from = pos + FIXED + (this.version >= 3 && flags & EXTENDED ? 2 : 0);
    let length = flags & 0xfff;
    if (length === 0xfff) length = this.buf.indexOf(0, from + 0xfff) - from;
    return [from, length];
  }

  /** Each entry's path in version 4: the one before it, cut by a count and continued. */
  private eachPathV4(each: (i: number, path: string) => void): void {
    let previous = Buffer.alloc(0);
    for (let i = 0; i < this.starts.length; i++) {
      const { from, strip, end } = this.v4Name(i);
      const path = Buffer.concat([
        previous.subarray(0, Math.max(0, previous.length - strip)),
        this.buf.subarray(from, end),
      ]);
      each(i, path.toString("utf8"));
      previous = path;
    }
  }

  private v4Name(i: number): { from: number; strip: number; end: number } {
    const pos = this.starts[i]!;
    const flags = this.buf.readUInt16BE(pos + 60);
    let at = pos + FIXED + (flags & EXTENDED ? 2 : 0);
    // git's offset varint: 7 bits a byte, each continuation adding one.
    let c = this.buf[at++]!;
    let strip = c & 0x7f;
    while (c & 0x80) {
      c = this.buf[at++]!;
      strip = ((strip + 1) << 7) | (c & 0x7f);
    }
    return { from: at, strip, end: this.buf.indexOf(0, at) };
  }

  private entry(i: number, path: string): IndexEntry {
    const buf = this.buf;
    const pos = this.starts[i]!;
    const flags = buf.readUInt16BE(pos + 60);
    const extended = this.version >= 3 && flags & EXTENDED ? buf.readUInt16BE(pos + 62) : 0;
    return {
      path,
      mode: buf.readUInt32BE(pos + 24),
      oid: buf.toString("hex", pos + 40, pos + 60),
      ctimeSec: buf.readUInt32BE(pos),
      ctimeNsec: buf.readUInt32BE(pos + 4),
      mtimeSec: buf.readUInt32BE(pos + 8),
      mtimeNsec: buf.readUInt32BE(pos + 12),
      ino: buf.readUInt32BE(pos + 20),
      uid: buf.readUInt32BE(pos + 28),
      gid: buf.readUInt32BE(pos + 32),
      size: buf.readUInt32BE(pos + 36),
      stage: (flags >> 12) & 3,
      special: Boolean(flags & ASSUME_VALID || extended & (SKIP_WORKTREE | INTENT_TO_ADD)),
    };
  }
}

/** Files above this size that need their content compared are left to git (and its filters). */
const MAX_HASHED_BYTES = 8 * 1024 * 1024;

/**
 * Whether the work tree's files at these entries are what the index records, decided as git's
 * `status` decides it: the stat data when it matches and the entry is not "racily clean"
 * (written in the second the index was, when a later write could keep its size and time), else
 * the content's blob id. False, never a guess, for anything else: a conflict, an entry git
 * treats specially, a submodule, a missing file, a changed type or executable bit, a content
 * that differs (or that a filter such as git-lfs's would have to clean first).
 */
export function worktreeMatches(top: string, index: GitIndex, entries: readonly IndexEntry[]): boolean {
  for (const entry of entries) {
    if (entry.stage !== 0 || entry.special) return false;
    const link = entry.mode === 0o120000;
    if (!link && entry.mode !== 0o100644 && entry.mode !== 0o100755) return false;
    const file = `${top}/${entry.path}`;
    const info = lstatSync(file, { bigint: true, throwIfNoEntry: false });
    if (!info || (link ? !info.isSymbolicLink() : !info.isFile())) return false;
    if (!link && (info.mode & 0o100n ? 0o100755 : 0o100644) !== entry.mode) return false;
    if (Number(info.size & 0xffffffffn) !== entry.size) return false;
    const low = (n: bigint) => Number(n & 0xffffffffn);
    const sameStat =
      low(info.mtimeNs / 1_000_000_000n) === entry.mtimeSec &&
      Number(info.mtimeNs % 1_000_000_000n) === entry.mtimeNsec &&
      low(info.ctimeNs / 1_000_000_000n) === entry.ctimeSec &&
      Number(info.ctimeNs % 1_000_000_000n) === entry.ctimeNsec &&
      low(info.ino) === entry.ino &&
      low(info.uid) === entry.uid &&
      low(info.gid) === entry.gid;
    const racy = entry.mtimeSec >= index.mtimeSec;
    if (sameStat && !racy) continue;
    if (info.size > MAX_HASHED_BYTES) return false;
    const content = link ? Buffer.from(readlinkSync(file, { encoding: "buffer" })) : readFileSync(file);
    if (blobId(content) !== entry.oid) return false;
  }
  return true;
}

/** Git's id of a blob of this content. */
function blobId(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

/**
 * Git's id of the tree whose entries `ls-tree` (not recursive) listed: each as its mode (no
 * leading zero), a space, its name (the path's last part), NUL and the binary id, in the order
 * listed, which is the tree's.
 */
export function treeIdOf(entries: readonly { mode: string; oid: string; path: string }[]): string {
  const parts = entries.map((e) =>
    Buffer.concat([
      Buffer.from(`${e.mode.replace(/^0+/, "")} ${e.path.slice(e.path.lastIndexOf("/") + 1)}\0`, "utf8"),
      Buffer.from(e.oid, "hex"),
    ]),
  );
  const body = Buffer.concat(parts);
  return createHash("sha1").update(`tree ${body.length}\0`).update(body).digest("hex");
}
