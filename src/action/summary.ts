/**
 * Markdown for job summaries and pull request bodies, within a size: GitHub refuses a step
 * summary over 1 MiB and a pull request body over 65,536 characters, so a table that would not
 * fit ends with "and N more" instead of being cut anywhere.
 */

/** One table cell: no line breaks, no column breaks, no HTML. */
export function cell(value: unknown): string {
  return String(value ?? "")
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|");
}

/** Inline code that survives any content (backticks inside become a longer fence). */
export function code(value: string): string {
  const text = value.replace(/[\r\n]+/g, " ");
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${text.includes("`") ? ` ${text} ` : text}${fence}`;
}

export function number(v: number | null | undefined): string {
  return v === null || v === undefined ? "–" : String(Number(v.toPrecision(6)));
}

export function percent(v: number | null | undefined): string {
  return v === null || v === undefined ? "–" : `${v >= 0 ? "+" : ""}${v.toFixed(2)}%`;
}

const size = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * A document built section by section, each taking at most what is left of the limit; a table
 * keeps as many rows as fit and says how many it left out.
 */
export class BoundedMarkdown {
  private readonly parts: string[] = [];
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly measure: (text: string) => number = size,
  ) {}

  get remaining(): number {
    return this.limit - this.used;
  }

  /** Adds the text when it fits; returns whether it did. */
  add(text: string): boolean {
    const n = this.measure(`${text}\n`);
    if (n > this.remaining) return false;
    this.parts.push(text);
    this.used += n;
    return true;
  }

  /**
   * A table of `rows` using at most `share` of what is left (and always leaving room for the
   * closing line): rows past that are counted in "and N more".
   */
  table(
    header: readonly string[],
    rows: readonly string[][],
    options: { share?: number; noun?: string } = {},
  ) {
    const budget = Math.floor(this.remaining * (options.share ?? 1)) - 200;
    const head = `| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|`;
    let used = this.measure(`${head}\n`);
    if (used > budget)
      return this.add(`(${rows.length} ${options.noun ?? "rows"} left out: the summary is full)`);
    const kept: string[] = [];
    for (const row of rows) {
      const line = `| ${row.join(" | ")} |`;
      const n = this.measure(`${line}\n`);
      if (used + n > budget) break;
      kept.push(line);
      used += n;
    }
    this.add([head, ...kept].join("\n"));
    if (kept.length < rows.length)
      this.add(`\n… and ${rows.length - kept.length} more ${options.noun ?? "rows"}`);
    return true;
  }

  toString(): string {
    return `${this.parts.join("\n")}\n`;
  }
}

/** GitHub's limit on a step summary is 1 MiB; this leaves room for what core.summary adds. */
export const SUMMARY_LIMIT = 1024 * 1024 - 16 * 1024;
/** GitHub's limit on a pull request body is 65,536 characters. */
export const BODY_LIMIT = 65_536 - 1_536;
