import { type DiffPaint, unifiedDiff as plainDiff } from "../../domain/diff.js";
import { cyan, green, red } from "../output.js";

const COLOURS: DiffPaint = { hunk: cyan, added: green, removed: red };

/** The unified diff of `promote --dry-run`, coloured on a terminal. */
export const unifiedDiff = (path: string, before: string, after: string) =>
  plainDiff(path, before, after, { paint: COLOURS });
