import {
  closeSync,
  type Dirent,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
} from "node:fs";
import { readBytesNoFollowSync } from "./files.js";
import { blobId } from "./git.js";

/**
 * Git's index file read in node, for the one question validate --base asks of it at every pull
 * request: does the index hold exactly HEAD's files below the registry root, and do the work
 * tree's files match the index's stat data? Git answers it with `status`, which at 100,000
 * versions reads and checks the 28 MB index for 110 ms and more (docs/benchmarks.md); here the
 * file streams once through a small buffer (a 28 MB buffer of its own cost more in page faults
 * than the read), its 300,000 entries are stepped over by their lengths, and only the entries
 * and cache-tree records asked for are decoded. The format is git's
 * Documentation/gitformat-index.txt (versions 2 to 4, SHA-1). Whatever this reader does not know
 * (a split or sparse index, an unknown version or a damaged file) makes it answer null, and the
 * caller asks git as before.
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

export interface IndexRead {
  /** The index file's modification time, in whole seconds: entries not older are "racily clean". */
  mtimeSec: number;
  /** The entries at or below the folders and at the paths asked for (each side of a conflict), in index order. */
  entries: IndexEntry[];
  /**
   * The tree id the index's cache-tree records for each folder asked for (`models`,
   * `models/churn`; "" for the top), null when it records none or git invalidated it (a file
   * below it was added or removed since).
   */
  trees: Map<string, string | null>;
}

/** What to read: entries by folder and by path, cache-tree records by folder. */
export interface IndexQuery {
  folders: readonly string[];
  files: readonly string[];
  trees: readonly string[];
}

/** A symbolic link's mode in the index. */
export const LINK_MODE = 0o120000;

const SIGNATURE = 0x44495243; // "DIRC"
const HASH_BYTES = 20;
/** Stat data (40 bytes), object id (20), flags (2): where the path (or v3's extended flags) starts. */
const FIXED = 62;
const EXTENDED = 0x4000;
const ASSUME_VALID = 0x8000;
const SKIP_WORKTREE = 0x4000;
const INTENT_TO_ADD = 0x2000;
const CHUNK = 256 * 1024;
/** Room for an entry of a path up to 4 KiB. */
const ROOMY = 4200;

/** The file read forward through one buffer; `at` is where the caller is in it. */
class Stream {
  buf = Buffer.allocUnsafe(CHUNK);
  /** Bytes of the file in buf, and the file offset of buf[0]. */
  filled = 0;
  base = 0;
  at = 0;
  constructor(
    private readonly fd: number,
    /** Where the entries and extensions end (the checksum follows). */
    readonly end: number,
  ) {}

  /** Makes the next n bytes (up to the end) available from `at`; false when the file is shorter. */
  need(n: number): boolean {
    if (this.at + n <= this.filled) return true;
    if (this.base + this.at + n > this.end) return false;
    const keep = this.filled - this.at;
    if (n > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(n, this.buf.length * 2));
      this.buf.copy(bigger, 0, this.at, this.filled);
      this.buf = bigger;
    } else this.buf.copyWithin(0, this.at, this.filled);
    this.base += this.at;
    this.at = 0;
    this.filled = keep;
    while (this.filled < n) {
      const want = Math.min(this.buf.length - this.filled, this.end - this.base - this.filled);
      const read = readSync(this.fd, this.buf, this.filled, want, this.base + this.filled);
      if (read <= 0) return false;
      this.filled += read;
    }
    return true;
  }

  /** The offset of the next NUL from `at` (relative to buf), reading on as needed; -1 at the end. */
  nul(from: number): number {
    for (let i = from; ; i++) {
      if (i >= this.filled) {
        const offset = i - this.at;
        if (!this.need(offset + 1)) return -1;
        i = this.at + offset;
      }
      if (this.buf[i] === 0) return i;
    }
  }

  /** Moves on n bytes, reading past what is not needed. */
  skip(n: number): void {
    if (this.at + n <= this.filled) {
      this.at += n;
      return;
    }
    this.base += this.at + n;
    this.at = 0;
    this.filled = 0;
  }
}

/**
 * What the index of the repository whose git folder is `gitDir` records for the query, or null
 * when it cannot be read here: missing, GIT_INDEX_FILE set, a format this reader does not know,
 * or cut short.
 */
export function readGitIndex(gitDir: string, query: IndexQuery): IndexRead | null {
  if (process.env.GIT_INDEX_FILE) return null;
  let fd: number;
  try {
    fd = openSync(`${gitDir}/index`, "r");
  } catch {
    return null;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size < 12 + HASH_BYTES) return null;
    const read = readAll(new Stream(fd, info.size - HASH_BYTES), query);
    return read && { ...read, mtimeSec: Math.floor(info.mtimeMs / 1000) };
  } finally {
    closeSync(fd);
  }
}

/** One path the entries are matched against: a folder's `folder/` (anything below) or an exact path. */
interface Target {
  bytes: Buffer;
  below: boolean;
}

function readAll(stream: Stream, query: IndexQuery): Omit<IndexRead, "mtimeSec"> | null {
  if (!stream.need(12)) return null;
  const head = stream.buf;
  if (head.readUInt32BE(0) !== SIGNATURE) return null;
  const version = head.readUInt32BE(4);
  if (version < 2 || version > 4) return null;
  const count = head.readUInt32BE(8);
  stream.skip(12);
  // Entries are in byte order of their paths, and so are the targets.
  const targets: Target[] = [
    ...[...query.files, ...query.folders].map((p) => ({ bytes: Buffer.from(p, "utf8"), below: false })),
    ...query.folders.map((f) => ({ bytes: Buffer.from(`${f}/`, "utf8"), below: true })),
  ].sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  const entries =
    version === 4 ? entriesOneByOne(stream, count, targets) : entriesByBatch(stream, count, version, targets);
  if (!entries) return null;
  const trees = new Map<string, string | null>(query.trees.map((t) => [t, null]));
  while (stream.need(8)) {
    const signature = stream.buf.toString("latin1", stream.at, stream.at + 4);
    const size = stream.buf.readUInt32BE(stream.at + 4);
    stream.skip(8);
    if (stream.base + stream.at + size > stream.end) return null;
    // A split index keeps its entries in another file; a sparse one folds folders into entries.
    if (signature === "link" || signature === "sdir") return null;
    const after = stream.base + stream.at + size;
    if (signature === "TREE" && query.trees.length && !cacheTrees(stream, query.trees, trees)) return null;
    if (stream.base + stream.at > after) return null;
    // On past whatever of the extension was not read.
    stream.skip(after - stream.base - stream.at);
  }
  if (stream.base + stream.at !== stream.end) return null;
  return { entries, trees };
}

/**
 * The entries of an index of version 2 or 3 that match the targets, a buffer at a time: the
 * whole entries in the buffer are stepped over by their lengths, no path looked at, then each
 * target is found among them by bisection, as their paths are sorted. At 100,000 versions that
 * is some 3,000 path comparisons for 250,000 entries instead of one or more for each: a loop
 * that does so little costs little before V8 has optimised it, and a command runs it once.
 */
function entriesByBatch(
  stream: Stream,
  count: number,
  version: number,
  targets: readonly Target[],
): IndexEntry[] | null {
  const entries: IndexEntry[] = [];
  // Where each whole entry in the buffer starts, and its path's length.
  let starts = new Int32Array(4096);
  let lengths = new Int32Array(4096);
  let next = 0;
  /** The file offset of the last entry taken: one that two targets match (a folder, a file in it) is taken once. */
  let taken = -1;
  for (let done = 0; done < count; ) {
    const buf = stream.buf;
    const limit = stream.filled;
    let n = 0;
    let p = stream.at;
    while (done + n < count && p + FIXED + 2 <= limit) {
      const flags = flagsAt(buf, p);
      const nameAt = pathOffset(version, flags);
      let length = flags & 0xfff;
      if (length === 0xfff) {
        // 4,095 bytes or more: the path runs to its NUL.
        const nul = buf.indexOf(0, p + nameAt + 0xfff);
        if (nul < 0 || nul >= limit) break;
        length = nul - p - nameAt;
      }
      // NUL-terminated, padded to a multiple of 8 bytes from the entry's start.
      const size = (nameAt + length + 8) & ~7;
      if (p + size > limit) break;
      if (buf[p + nameAt + length] !== 0) return null;
      if (n === starts.length) {
        starts = grown(starts);
        lengths = grown(lengths);
      }
      starts[n] = p;
      lengths[n] = length;
      n++;
      p += size;
    }
    if (n === 0) {
      // Not one whole entry in the buffer: read on (into a larger buffer, for a long path).
      const have = stream.filled - stream.at;
      const want = Math.min(have * 2 + FIXED + 2, stream.end - stream.base - stream.at);
      if (want <= have || !stream.need(want)) return null;
      continue;
    }
    const pathAt = (k: number) => starts[k]! + pathOffset(version, flagsAt(buf, starts[k]!));
    const order = (k: number, target: Target) => compare(buf, pathAt(k), lengths[k]!, target);
    for (; next < targets.length; next++) {
      const target = targets[next]!;
      // Past the last entry here: in a later buffer, if anywhere.
      if (order(n - 1, target) < 0) break;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (order(mid, target) < 0) lo = mid + 1;
        else hi = mid;
      }
      let k = lo;
      for (; k < n && order(k, target) === 0; k++) {
        const at = stream.base + starts[k]!;
        if (at <= taken) continue;
        taken = at;
        const flags = flagsAt(buf, starts[k]!);
        const path = buf.toString("utf8", pathAt(k), pathAt(k) + lengths[k]!);
        entries.push(entry(buf, starts[k]!, path, flags, version));
      }
      // A folder's entries may go on in the next buffer.
      if (k === n) break;
    }
    done += n;
    stream.skip(p - stream.at);
    if (done < count && !stream.need(Math.min(CHUNK, stream.end - stream.base - stream.at))) return null;
  }
  return entries;
}

/** An entry's flags: its path's length (up to 0xfff), stage, and whether extended flags follow. */
function flagsAt(buf: Buffer, entry: number): number {
  return (buf[entry + 60]! << 8) | buf[entry + 61]!;
}

/** Where an entry's path starts: after the stat data, id and flags, and version 3's extended flags. */
function pathOffset(version: number, flags: number): number {
  return version >= 3 && flags & EXTENDED ? FIXED + 2 : FIXED;
}

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * The entries of an index of version 4 that match the targets, one entry after the other: each
 * path is built from the one before it, so none can be skipped. Each is compared with the
 * first target not yet behind it.
 */
function entriesOneByOne(stream: Stream, count: number, targets: readonly Target[]): IndexEntry[] | null {
  const entries: IndexEntry[] = [];
  let next = 0;
  let path = Buffer.alloc(4096);
  let pathLength = 0;
  for (let i = 0; i < count; i++) {
    // Most entries are shorter than this: one check of the buffer for each, not one per field.
    if (
      stream.filled - stream.at < ROOMY &&
      !stream.need(Math.min(ROOMY, stream.end - stream.base - stream.at))
    )
      return null;
    if (stream.filled - stream.at < FIXED + 2) return null;
    const buf = stream.buf;
    const pos = stream.at;
    const flags = flagsAt(buf, pos);
    // How many bytes of the previous path to drop (git's offset varint), then the rest to a NUL.
    let at = pos + pathOffset(4, flags);
    let c = buf[at++]!;
    let strip = c & 0x7f;
    while (c & 0x80) {
      c = buf[at++]!;
      strip = ((strip + 1) << 7) | (c & 0x7f);
    }
    const varint = at - pos;
    const nul = stream.nul(at);
    if (nul < 0 || strip > pathLength) return null;
    // stream.nul may have read on, moving the entry to the buffer's start.
    const moved = stream.buf;
    const start = stream.at;
    at = start + varint;
    const keep = pathLength - strip;
    const length = keep + (nul - at);
    if (length > path.length) {
      const bigger = Buffer.alloc(length * 2);
      path.copy(bigger, 0, 0, keep);
      path = bigger;
    }
    for (let j = at; j < nul; j++) path[keep + j - at] = moved[j]!;
    pathLength = length;
    // The first target this path is not past; a match keeps it (a folder matches a run).
    let order = 1;
    for (; next < targets.length; next++) {
      order = compare(path, 0, length, targets[next]!);
      if (order <= 0) break;
    }
    for (let t = next; t < targets.length; t++) {
      if (t > next) order = compare(path, 0, length, targets[t]!);
      if (order === 0) {
        entries.push(entry(moved, start, path.toString("utf8", 0, length), flags, 4));
        break;
      }
      // A later target can match too only when this one is a folder the path sorts before.
      if (order < 0 && !targets[t]!.below) break;
    }
    stream.skip(nul + 1 - start);
  }
  return entries;
}

/**
 * 0 when the path matches the target (is it, or is below it), else the sign of the path against it.
 * A folder target's bytes end in "/": the paths below it are those that start with them.
 */
function compare(source: Buffer, from: number, length: number, target: Target): number {
  const bytes = target.bytes;
  const n = Math.min(length, bytes.length);
  for (let j = 0; j < n; j++) {
    const d = source[from + j]! - bytes[j]!;
    if (d !== 0) return d;
  }
  if (length === bytes.length) return 0;
  if (length > bytes.length) return target.below ? 0 : 1;
  return -1;
}

function entry(buf: Buffer, pos: number, path: string, flags: number, version: number): IndexEntry {
  const extended = pathOffset(version, flags) > FIXED ? buf.readUInt16BE(pos + FIXED) : 0;
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

/**
 * The tree ids the cache-tree extension records for these folders. The extension is the folders
 * in pre-order, each as its name, NUL, its entry count (-1: invalidated), a space, its subtree
 * count, a newline and, when valid, its id. Only the records on the way to the folders asked
 * for are decoded; the others are stepped over by their counts (at 100,000 versions there are
 * 100,000 records), and the reading stops when every folder is found.
 */
function cacheTrees(stream: Stream, folders: readonly string[], trees: Map<string, string | null>): boolean {
  const onTheWay = new Set(
    folders.flatMap((f) => ["", ...f.split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/"))]),
  );
  let left = new Set(folders).size;
  const visit = (path: string, record: TreeRecord): boolean => {
    if (trees.has(path)) {
      trees.set(path, record.oid);
      left--;
    }
    for (let i = 0; i < record.subtrees && left > 0; i++) {
      const child = nextRecord(stream, true);
      if (!child) return false;
      const below = path === "" ? child.name : `${path}/${child.name}`;
      if (onTheWay.has(below) ? !visit(below, child) : !skipTrees(stream, child.subtrees)) return false;
    }
    return true;
  };
  const top = nextRecord(stream, true);
  return top !== null && visit("", top);
}

interface TreeRecord {
  name: string;
  subtrees: number;
  /** The tree's id, null when git invalidated the record. */
  oid: string | null;
}

/** Reads the next cache-tree record (its name and id decoded only when `decode`); null when damaged. */
function nextRecord(stream: Stream, decode: boolean): TreeRecord | null {
  const nul = stream.nul(stream.at);
  if (nul < 0) return null;
  const nameLength = nul - stream.at;
  // The counts: two numbers of at most 11 characters, a space and a newline.
  if (!stream.need(Math.min(nameLength + 25, stream.end - stream.base - stream.at))) return null;
  const buf = stream.buf;
  let p = stream.at + nameLength + 1;
  const invalid = buf[p] === 0x2d; // "-1"
  while (p < stream.filled && buf[p] !== 0x20) p++;
  let subtrees = 0;
  for (p++; p < stream.filled && buf[p] !== 0x0a; p++) {
    const digit = buf[p]! - 0x30;
    if (digit < 0 || digit > 9) return null;
    subtrees = subtrees * 10 + digit;
  }
  if (p >= stream.filled) return null;
  const name = decode ? buf.toString("utf8", stream.at, stream.at + nameLength) : "";
  let size = p + 1 - stream.at;
  let oid: string | null = null;
  if (!invalid) {
    if (!stream.need(size + HASH_BYTES)) return null;
    if (decode) oid = stream.buf.toString("hex", stream.at + size, stream.at + size + HASH_BYTES);
    size += HASH_BYTES;
  }
  stream.skip(size);
  return { name, subtrees, oid };
}

/** Steps over `count` cache-tree records and everything below them. */
function skipTrees(stream: Stream, count: number): boolean {
  for (let left = count; left > 0; left--) {
    const record = nextRecord(stream, false);
    if (!record) return false;
    left += record.subtrees;
  }
  return true;
}

/** Files above this size that need their content compared are left to git (and its filters). */
const MAX_HASHED_BYTES = 8 * 1024 * 1024;

/**
 * Whether the work tree's files at these entries are what the index records, decided as git's
 * `status` decides it: the stat data when it matches and the entry is not "racily clean"
 * (written in the second the index was, when a later write could keep its size and time), else
 * the content's blob id. False, never a guess, for anything else: a conflict, an entry git
 * treats specially, a submodule, a missing file, a changed type or executable bit, a content
 * that differs (or that a filter such as git-lfs's would have to clean first), a folder on the
 * way replaced by a link (git sees the files below it as deleted; lstat would follow it).
 */
export function worktreeMatches(top: string, index: IndexRead): boolean {
  if (!foldersOnTheWay(top, index.entries)) return false;
  for (const entry of index.entries) {
    if (entry.stage !== 0 || entry.special) return false;
    const link = entry.mode === LINK_MODE;
    if (!link && entry.mode !== 0o100644 && entry.mode !== 0o100755) return false;
    const file = `${top}/${entry.path}`;
    const info = lstatSync(file, { throwIfNoEntry: false });
    if (!info || (link ? !info.isSymbolicLink() : !info.isFile())) return false;
    if (!link && (info.mode & 0o100 ? 0o100755 : 0o100644) !== entry.mode) return false;
    if (info.size >>> 0 !== entry.size) return false;
    // Whole seconds, as git built without USE_NSEC (Debian's) compares them; the racy rule
    // below covers a change within the second the index was written.
    const sameStat =
      Math.floor(info.mtimeMs / 1000) >>> 0 === entry.mtimeSec &&
      Math.floor(info.ctimeMs / 1000) >>> 0 === entry.ctimeSec &&
      info.ino >>> 0 === entry.ino &&
      info.uid >>> 0 === entry.uid &&
      info.gid >>> 0 === entry.gid;
    const racy = entry.mtimeSec >= index.mtimeSec;
    if (sameStat && !racy) continue;
    if (info.size > MAX_HASHED_BYTES) return false;
    const content = link ? readlinkSync(file, { encoding: "buffer" }) : regularFileBytes(file);
    if (content === null || blobId(content) !== entry.oid) return false;
  }
  return true;
}

/**
 * Whether every folder on the way to these entries is a folder, not a link to one: each parent
 * folder's listing says it (one readdir for a model's 1,000 version folders, not 1,000 lstats).
 */
function foldersOnTheWay(top: string, entries: readonly IndexEntry[]): boolean {
  const byParent = new Map<string, Set<string>>();
  const seen = new Set<string>();
  for (const { path } of entries) {
    for (let end = path.lastIndexOf("/"); end > 0; end = path.lastIndexOf("/", end - 1)) {
      const folder = path.slice(0, end);
      if (seen.has(folder)) break; // and so were the folders above it
      seen.add(folder);
      const cut = folder.lastIndexOf("/");
      const parent = cut < 0 ? "" : folder.slice(0, cut);
      const names = byParent.get(parent) ?? new Set<string>();
      names.add(folder.slice(cut + 1));
      byParent.set(parent, names);
    }
  }
  for (const [parent, names] of byParent) {
    let listing: Dirent[];
    try {
      listing = readdirSync(parent ? `${top}/${parent}` : top, { withFileTypes: true });
    } catch {
      return false;
    }
    let found = 0;
    for (const entry of listing) if (names.has(entry.name) && entry.isDirectory()) found++;
    if (found !== names.size) return false;
  }
  return true;
}

/**
 * The bytes of the file, null when it is no longer a regular file: one swapped since the lstat
 * for a FIFO (which a plain read would wait on forever) or a link is not read.
 */
function regularFileBytes(file: string): Buffer | null {
  try {
    return readBytesNoFollowSync(file);
  } catch {
    return null;
  }
}
