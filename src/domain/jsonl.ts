import type { ZodMiniType } from "zod/mini";
import { beyondShapeLimits, INPUT_LIMITS, tooLarge } from "./input-limits.js";
import { describeIssues } from "./schemas.js";

/**
 * JSONL files are append-only (DESIGN section 1.2). A crash mid-append leaves a torn last line:
 * readers skip it and keep everything before it; `validate` reports it with its line number.
 */
export interface JsonlIssue {
  line: number;
  /** A torn last line (no newline at its end, or not JSON) rather than a bad line in the middle. */
  torn: boolean;
  message: string;
}

export interface JsonlRead<T> {
  records: { line: number; value: T }[];
  issues: JsonlIssue[];
}

/** Parses a whole JSONL text. Lines that break the schema are issues, not records. */
export function parseJsonl<T>(text: string, schema: ZodMiniType<T>): JsonlRead<T> {
  const records: { line: number; value: T }[] = [];
  const issues: JsonlIssue[] = [];
  const lines = text.split("\n");
  const endsWithNewline = text.endsWith("\n");
  if (endsWithNewline) lines.pop();
  lines.forEach((raw, i) => {
    const line = i + 1;
    const last = i === lines.length - 1;
    if (raw.trim() === "") {
      if (!last || endsWithNewline) issues.push({ line, torn: false, message: "empty line" });
      return;
    }
    const parsed = parseJsonlLine(raw, schema);
    const torn = last && (!endsWithNewline || (!parsed.ok && parsed.syntax));
    if (parsed.ok) {
      if (last && !endsWithNewline)
        issues.push({ line, torn: true, message: "the last line has no newline (a torn append?)" });
      records.push({ line, value: parsed.value });
    } else {
      issues.push({
        line,
        torn,
        message: torn ? `torn last line (a crash mid-append?): ${parsed.message}` : parsed.message,
      });
    }
  });
  return { records, issues };
}

export function parseJsonlLine<T>(
  raw: string,
  schema: ZodMiniType<T>,
): { ok: true; value: T } | { ok: false; syntax: boolean; message: string } {
  const large = tooLarge(raw, INPUT_LIMITS.lineBytes, "a line");
  if (large) return { ok: false, syntax: false, message: large };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    return { ok: false, syntax: true, message: `not JSON: ${(e as Error).message}` };
  }
  const beyond = beyondShapeLimits(json);
  if (beyond) return { ok: false, syntax: false, message: beyond };
  const result = schema.safeParse(json);
  if (!result.success)
    return { ok: false, syntax: false, message: describeIssues(result.error, 3).join("; ") };
  return { ok: true, value: result.data };
}

/** One JSONL line for `value`, with its newline. */
export const jsonlLine = (value: unknown) => `${JSON.stringify(value)}\n`;
