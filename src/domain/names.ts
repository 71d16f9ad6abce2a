import { usage } from "./errors.js";

/** DESIGN section 1: the only model names the registry accepts. */
export const MODEL_NAME = /^[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?$/;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we refuse.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Refuses a model name with a message that says what is wrong with it, not just that it is wrong. */
export function assertModelName(name: string): string {
  if (isModelName(name)) return name;
  const shown = JSON.stringify(name);
  let why: string;
  if (name === "") why = "it is empty";
  else if (CONTROL.test(name)) why = "it contains control characters";
  else if (name.includes("/") || name.includes("\\")) why = "it contains a path separator";
  else if (name.includes("..")) why = "it contains '..'";
  // Suggested only when the lower-case name is valid: "-C" would be told to try "-c".
  else if (/[A-Z]/.test(name) && isModelName(name.toLowerCase()))
    why = `it has upper-case letters (try ${JSON.stringify(name.toLowerCase())})`;
  else if (name.length > 64) why = "it is longer than 64 characters";
  else why = "it must start and end with a-z or 0-9 and use only a-z 0-9 . _ - in between";
  throw usage(`invalid model name ${shown}: ${why}`, {
    hint: "model names match ^[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?$ (for example churn or fraud-v2)",
  });
}

/** True for a valid model name (for listing folders, where an invalid one is skipped or reported). */
export function isModelName(name: string): boolean {
  return MODEL_NAME.test(name) && !name.includes("..");
}

/**
 * A relative path inside a version folder (an artifact path). Refuses anything that could leave
 * the folder or confuse Git: absolute paths, `..`, empty segments, control characters, `.git`.
 */
export function assertRelativePath(path: string, what = "path"): string {
  const shown = JSON.stringify(path);
  const fail = (why: string) => usage(`invalid ${what} ${shown}: ${why}`);
  if (path === "") throw fail("it is empty");
  if (CONTROL.test(path)) throw fail("it contains control characters");
  if (path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path)) throw fail("it is absolute");
  if (path.includes("\\")) throw fail("it contains a backslash");
  const segments = path.split("/");
  if (segments.some((s) => s === "" || s === ".")) throw fail("it has an empty or '.' segment");
  if (segments.includes("..")) throw fail("it contains '..'");
  if (segments.some((s) => s.toLowerCase() === ".git")) throw fail("it names a .git folder");
  return path;
}

/**
 * Files git reads in any folder: inside a version folder a `.gitattributes` switches LFS off for
 * the version's model files (and validate said ok), a `.gitignore` hides them from `git add`.
 */
export const GIT_CONTROL_FILES: ReadonlySet<string> = new Set([".gitattributes", ".gitignore"]);

export const gitControlFileProblem = (name: string) =>
  `a ${name} in a version folder changes how git stores or ignores the version's files`;
