import { GitModelError } from "../domain/errors.js";

export { formatBytes, formatNumber } from "../domain/format.js";

/**
 * How the CLI speaks: results on stdout (JSON alone with --json), logs, warnings and errors on
 * stderr; colour only on a terminal and never with NO_COLOR.
 */

const useColor = (stream: NodeJS.WriteStream) =>
  Boolean(stream.isTTY) && !("NO_COLOR" in process.env) && process.env.TERM !== "dumb";

const paint =
  (code: string) =>
  (text: string, stream: NodeJS.WriteStream = process.stdout) =>
    useColor(stream) ? `\u001b[${code}m${text}\u001b[0m` : text;

export const bold = paint("1");
export const dim = paint("2");
export const red = paint("31");
export const green = paint("32");
export const yellow = paint("33");
export const cyan = paint("36");

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function print(text = ""): void {
  process.stdout.write(`${text}\n`);
}

export function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

/**
 * A plain-text table: columns padded to their widest cell; a column of numbers (with `-` for
 * none) right-aligned, unless it is named in `text` (versions: `1.10` of major-minor is not a
 * number, and every scheme's versions line up the same way). A column of only `-` is text.
 */
export function table(
  headers: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
  options: { text?: readonly string[] } = {},
): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? "-" : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)));
  const isNumber = (c: string) => /^[+-]?\d/.test(c) && !Number.isNaN(Number(c.replace(/%$/, "")));
  const numeric = headers.map(
    (h, i) =>
      !options.text?.includes(h) &&
      cells.some((r) => isNumber(r[i] ?? "-")) &&
      cells.every((r) => (r[i] ?? "-") === "-" || isNumber(r[i] ?? "-")),
  );
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [bold(line(headers)), ...cells.map(line)].join("\n");
}

/** A registry time as every table prints it: UTC, to the second, `2026-01-31 14:03:11`. */
export function formatWhen(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "");
}

/** Prints an error as one or two lines a person can act on; the stack only with --debug. */
export function reportError(e: unknown, debug: boolean): number {
  if (e instanceof GitModelError) {
    // Continuation lines (a caret under a column, say) line up under the message's first line.
    log(`${red("error", process.stderr)}: ${e.message.replaceAll("\n", "\n       ")}`);
    if (e.hint) log(`${dim("hint", process.stderr)}: ${e.hint}`);
    if (debug && e.stack) log(e.stack);
    return e.exitCode;
  }
  const err = e as NodeJS.ErrnoException;
  const message = err?.code && err.path ? `${err.code}: ${err.path}` : String(err?.message ?? e);
  log(`${red("error", process.stderr)}: ${message}`);
  if (debug && err?.stack) log(err.stack);
  else log(`${dim("hint", process.stderr)}: run again with --debug for details`);
  return 2;
}
