import { usage } from "../domain/errors.js";
import { RESERVED_KEY } from "../domain/json-input.js";

/**
 * Parsers for repeatable `k=v` flags; commander calls them once per occurrence with what the
 * earlier ones returned. They add to that object in place: copying it per flag made 20,000
 * flags take minutes. A key given twice is refused rather than silently resolved last-wins.
 */

function put<T>(acc: Record<string, T>, key: string, value: T, flag: string): Record<string, T> {
  if (Object.hasOwn(acc, key)) {
    throw usage(`${flag} ${key} is given twice`, { hint: `give each ${flag} key once` });
  }
  acc[key] = value;
  return acc;
}

function splitPair(text: string, flag: string): [string, string] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw usage(`${flag} takes key=value, got ${JSON.stringify(text)}`);
  const key = text.slice(0, eq).trim();
  if (key === RESERVED_KEY) {
    throw usage(
      `${flag} ${JSON.stringify(text)}: the key "${RESERVED_KEY}" cannot be stored (JavaScript reserves it)`,
      {
        hint: "use another key name",
      },
    );
  }
  return [key, text.slice(eq + 1)];
}

export const collectMetric = (text: string, acc: Record<string, number> = {}) => {
  const [key, raw] = splitPair(text, "--metric");
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value)) {
    throw usage(`--metric ${key} must be a finite number, got ${JSON.stringify(raw)}`);
  }
  return put(acc, key, value, "--metric");
};

export const collectString =
  (flag: string) =>
  (text: string, acc: Record<string, string> = {}) => {
    const [key, value] = splitPair(text, flag);
    return put(acc, key, value, flag);
  };

/** `--param k=v`: numbers and booleans become JSON numbers and booleans; anything else stays text. */
export const collectParam = (text: string, acc: Record<string, unknown> = {}) => {
  const [key, raw] = splitPair(text, "--param");
  let value: unknown = raw;
  if (raw === "true" || raw === "false") value = raw === "true";
  else if (raw.trim() !== "" && Number.isFinite(Number(raw))) value = Number(raw);
  return put(acc, key, value, "--param");
};

export const collectList = (text: string, acc: string[] = []) => {
  acc.push(text);
  return acc;
};

/** The URL of the CI run that is registering, where the CI says it. */
export function ciRunUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GITHUB_ACTIONS && env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY) {
    return `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  return env.CI_JOB_URL ?? env.BUILD_URL ?? undefined;
}
