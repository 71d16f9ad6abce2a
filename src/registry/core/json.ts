import { invalid } from "../../domain/errors.js";
import { beyondShapeLimits, INPUT_LIMITS, LIMIT_HINT, tooLarge } from "../../domain/input-limits.js";

/**
 * JSON.parse with the error placed at file:line:column, which is where a person will look, and
 * the input limits (domain/input-limits.ts) checked before anything walks the value.
 */
export function parseJsonText(text: string, file: string): unknown {
  const large = tooLarge(text, INPUT_LIMITS.jsonBytes, "a JSON file");
  if (large) throw invalid(`${file}: ${large}`, { file, hint: LIMIT_HINT });
  const value = parseJson(text, file);
  const beyond = beyondShapeLimits(value);
  if (beyond) throw invalid(`${file}: ${beyond}`, { file, hint: LIMIT_HINT });
  return value;
}

function parseJson(text: string, file: string): unknown {
  // JSON.parse would report an invisible "Unexpected token" (and show it) with no line.
  if (text.charCodeAt(0) === 0xfeff) {
    throw invalid(`${file}:1:1: starts with a byte order mark (U+FEFF), which JSON does not allow`, {
      file,
      line: 1,
      column: 1,
      hint: "save it as UTF-8 without a byte order mark",
    });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const position = /at position (\d+)/.exec(message)?.[1];
    let line: number | undefined;
    let column: number | undefined;
    const lc = /\(line (\d+) column (\d+)\)/.exec(message);
    if (lc) {
      line = Number(lc[1]);
      column = Number(lc[2]);
    } else if (position !== undefined) {
      const before = text.slice(0, Number(position));
      line = before.split("\n").length;
      column = Number(position) - before.lastIndexOf("\n");
    } else if (/end of (JSON )?input/i.test(message)) {
      const lines = text.split("\n");
      line = lines.length;
      column = (lines.at(-1)?.length ?? 0) + 1;
    }
    const where = line === undefined ? file : `${file}:${line}:${column}`;
    const reason = message.replace(/\s*\(line \d+ column \d+\)/, "").replace(/ in JSON at position \d+/, "");
    throw invalid(`${where}: not valid JSON: ${reason}`, {
      file,
      ...(line !== undefined ? { line } : {}),
      ...(column !== undefined ? { column } : {}),
      hint: "fix the JSON at that line and column",
    });
  }
}
