import { compareText } from "../../domain/order.js";
import type { Problem } from "../../domain/problems.js";

/**
 * validate's report: a file edited after registration is reported once, as that (against the
 * base when there is one), since its sha256 or listing mismatch follows from the edit; then
 * every problem in file and line order.
 */
export function mergeProblems(
  problems: readonly Problem[],
  baseEdits: readonly Problem[],
  edits: readonly Problem[],
): Problem[] {
  const againstBase = new Set(baseEdits.map((p) => p.file));
  const allEdits = [...baseEdits, ...edits.filter((p) => !againstBase.has(p.file))];
  const editedFiles = new Set(allEdits.map((p) => p.file));
  return [...problems.filter((p) => !editedFiles.has(p.file)), ...allEdits].sort(
    (a, b) => compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
}
