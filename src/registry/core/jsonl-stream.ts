import { constants, createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { ZodMiniType } from "zod/mini";
import { type JsonlIssue, parseJsonlLine } from "../../domain/jsonl.js";
import { linkError, notAFileError } from "../../infra/files.js";

/**
 * Streams a JSONL file line by line with the rules of the domain's parseJsonl (a torn last line
 * is an issue and skipped, a bad line elsewhere is an issue, everything else is a record), in
 * memory bounded by the longest line, never by the length of the file.
 */

export interface JsonlStreamResult {
  /** Lines handed to `onRecord`. */
  records: number;
  /** The first `maxIssues` issues, in file order. */
  issues: JsonlIssue[];
  /** All issues, including those left out of `issues`. */
  issueCount: number;
  /** Bytes read: the file's size when the read began (a concurrent append is not half read). */
  bytes: number;
}

export interface JsonlStreamOptions {
  /** Issues kept in the result (default 100): a file of garbage must not fill memory with them. */
  maxIssues?: number;
  /** Read from this byte offset on, which must start a line... */
  start?: number;
  /** ... whose line number this is (default 1). */
  firstLine?: number;
}

/** About 4,000 monitoring lines: from here on the compiler's load (a few ms) pays for itself. */
const COMPILE_ABOVE_BYTES = 1024 * 1024;

/** Reads `path` (a missing file reads as empty) and calls `onRecord` for every valid line. */
export async function streamJsonl<T>(
  path: string,
  schema: ZodMiniType<T>,
  onRecord: (value: T, line: number) => void,
  options: JsonlStreamOptions = {},
): Promise<JsonlStreamResult> {
  const maxIssues = options.maxIssues ?? 100;
  const start = options.start ?? 0;
  const result: JsonlStreamResult = { records: 0, issues: [], issueCount: 0, bytes: 0 };
  const snapshot = await sizeAndLastByte(path);
  if (snapshot === null || snapshot.size <= start) return { ...result, bytes: snapshot?.size ?? 0 };
  result.bytes = snapshot.size;
  // A long file (months of monitor runs) is worth compiling the schema for; a short one is not.
  if (snapshot.size - start > COMPILE_ABOVE_BYTES) schema = (await import("./compiled.js")).compiled(schema);
  const endsWithNewline = snapshot.lastByte === 0x0a;

  const issue = (found: JsonlIssue) => {
    result.issueCount++;
    if (result.issues.length < maxIssues) result.issues.push(found);
  };
  const handle = (raw: string, line: number, last: boolean) => {
    if (raw.trim() === "") {
      if (!last || endsWithNewline) issue({ line, torn: false, message: "empty line" });
      return;
    }
    const parsed = parseJsonlLine(raw, schema);
    if (parsed.ok) {
      if (last && !endsWithNewline)
        issue({ line, torn: true, message: "the last line has no newline (a torn append?)" });
      result.records++;
      onRecord(parsed.value, line);
      return;
    }
    const torn = last && (!endsWithNewline || parsed.syntax);
    issue({
      line,
      torn,
      message: torn ? `torn last line (a crash mid-append?): ${parsed.message}` : parsed.message,
    });
  };

  // `end` pins the read to the size seen above, so the last line judged is the one measured.
  const input = createReadStream(path, { encoding: "utf8", start, end: snapshot.size - 1 });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  // One line of look-ahead: only the last line can be torn.
  let held: string | undefined;
  let line = (options.firstLine ?? 1) - 1;
  for await (const raw of lines) {
    if (held !== undefined) handle(held, line, false);
    held = raw;
    line++;
  }
  if (held !== undefined) handle(held, line, true);
  return result;
}

async function sizeAndLastByte(path: string): Promise<{ size: number; lastByte: number | null } | null> {
  let file: Awaited<ReturnType<typeof open>>;
  try {
    // A registry file that is a symbolic link is refused, not followed out of the registry.
    // O_NONBLOCK: a FIFO in its place is refused below instead of waiting for a writer.
    file = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    if ((e as NodeJS.ErrnoException).code === "ELOOP") throw linkError(path, path);
    throw e;
  }
  try {
    const info = await file.stat();
    if (!info.isFile()) throw notAFileError(path, info);
    const { size } = info;
    if (size === 0) return { size, lastByte: null };
    const byte = Buffer.alloc(1);
    await file.read(byte, 0, 1, size - 1);
    return { size, lastByte: byte[0] ?? null };
  } finally {
    await file.close();
  }
}
