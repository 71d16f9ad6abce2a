/** How to mark up the lines of a diff: the CLI colours them on a terminal; Markdown leaves them plain. */
export interface DiffPaint {
  hunk(line: string): string;
  added(line: string): string;
  removed(line: string): string;
}

const PLAIN: DiffPaint = { hunk: (l) => l, added: (l) => l, removed: (l) => l };

/**
 * A unified diff of two texts (stages.json before and after a move), for `promote --dry-run`
 * and the promotion pull request. Line-based longest common subsequence over what lies between
 * the common first and last lines: a move changes a few lines, so even a stages.json with
 * thousands of archived versions costs a small table, and the output reads like `git diff`.
 */
export function unifiedDiff(
  path: string,
  before: string,
  after: string,
  options: { context?: number; paint?: DiffPaint } = {},
): string {
  const context = options.context ?? 3;
  const paint = options.paint ?? PLAIN;
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  if (ops.every((op) => op.kind === " ")) return "";
  const out = [`--- ${before === "" ? "/dev/null" : `a/${path}`}`, `+++ b/${path}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === " ") {
      i++;
      continue;
    }
    // A hunk: from `context` lines before the first change to `context` after the last one
    // that is not followed by another change within 2 * context lines.
    const start = Math.max(0, i - context);
    let end = i;
    for (let j = i; j < ops.length; j++) {
      if (ops[j]!.kind !== " ") end = j;
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(ops.length, end + context + 1);
    const hunk = ops.slice(start, stop);
    const oldStart = (ops[start]?.aLine ?? 0) + 1;
    const newStart = (ops[start]?.bLine ?? 0) + 1;
    const oldCount = hunk.filter((op) => op.kind !== "+").length;
    const newCount = hunk.filter((op) => op.kind !== "-").length;
    out.push(paint.hunk(`@@ -${oldCount ? oldStart : oldStart - 1},${oldCount} +${newStart},${newCount} @@`));
    for (const op of hunk) {
      const line = `${op.kind}${op.text}`;
      out.push(op.kind === "+" ? paint.added(line) : op.kind === "-" ? paint.removed(line) : line);
    }
    i = stop;
  }
  return out.join("\n");
}

interface Op {
  kind: " " | "-" | "+";
  text: string;
  /** Index of the line in the old (a) and new (b) text at this point. */
  aLine: number;
  bLine: number;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  // The common first and last lines are context; only the middle needs the table.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const ops: Op[] = [];
  for (let k = 0; k < head; k++) ops.push({ kind: " ", text: a[k]!, aLine: k, bLine: k });
  for (const op of middleOps(a.slice(head, a.length - tail), b.slice(head, b.length - tail)))
    ops.push({ ...op, aLine: op.aLine + head, bLine: op.bLine + head });
  for (let k = tail; k > 0; k--)
    ops.push({ kind: " ", text: a[a.length - k]!, aLine: a.length - k, bLine: b.length - k });
  return ops;
}

function middleOps(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: " ", text: a[i]!, aLine: i++, bLine: j++ });
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Removals before additions, as git prints them.
      ops.push({ kind: "-", text: a[i]!, aLine: i++, bLine: j });
    } else {
      ops.push({ kind: "+", text: b[j]!, aLine: i, bLine: j++ });
    }
  }
  return ops;
}
