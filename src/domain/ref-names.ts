/**
 * Git's rules for reference names (`git check-ref-format`, without --normalize or
 * --allow-onelevel), as a pure function: a version, model or stage that would make a tag git
 * refuses is turned down before anything is written, with the rule it breaks, instead of git's
 * own message after the files are in place. Tested against the real `git check-ref-format`
 * (test/domain/ref-names.test.ts).
 */

/**
 * Why git would refuse `name` as a full reference name (`refs/tags/churn@v1.0.0`), or null when
 * it accepts it.
 */
export function refNameProblem(name: string): string | null {
  if (name === "@") return "it is '@'";
  if (name.includes("@{")) return "it contains '@{'";
  if (name.includes("..")) return "it contains '..'";
  if (name.includes("\\")) return "it contains a backslash";
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) return "it contains a control character";
    if (" ~^:?*[".includes(ch)) return `it contains ${JSON.stringify(ch)}`;
  }
  if (name.startsWith("/") || name.endsWith("/")) return "it begins or ends with '/'";
  if (name.endsWith(".")) return "it ends with '.'";
  const components = name.split("/");
  if (components.length < 2) return "it has a single component";
  for (const component of components) {
    if (component === "") return "it contains '//'";
    if (component.startsWith(".")) return `its part ${JSON.stringify(component)} begins with '.'`;
    if (component.endsWith(".lock")) return `its part ${JSON.stringify(component)} ends with '.lock'`;
  }
  return null;
}

/**
 * The longest tag name git-model creates: a loose ref is a file named after the tag's last part,
 * and file names stop at 255 bytes on common file systems (a longer one fails with ENAMETOOLONG).
 * The version folder has the same limit.
 */
export const MAX_NAME_BYTES = 255;

/** Why `refs/tags/<tag>` is not a tag git-model can create, or null when it is. */
export function tagNameProblem(tag: string): string | null {
  const problem = refNameProblem(`refs/tags/${tag}`);
  if (problem) return problem;
  const bytes = new TextEncoder().encode(tag).length;
  return bytes > MAX_NAME_BYTES ? `it is ${bytes} bytes long (at most ${MAX_NAME_BYTES})` : null;
}

/** The longest model name (names.ts); a version gets what is left of a tag name for it. */
const MAX_MODEL_NAME = 64;
/** `<model>@v<version>!`, the longest tag a version takes, must fit in MAX_NAME_BYTES. */
export const MAX_VERSION_BYTES = MAX_NAME_BYTES - MAX_MODEL_NAME - "@v!".length;

/**
 * Why a version (of any scheme) cannot name a tag and a folder, or null when it can: checked
 * before any other use, so `1.0.0-a.lock` or a 250-character prerelease is refused up front.
 */
export function versionNameProblem(version: string): string | null {
  const bytes = new TextEncoder().encode(version).length;
  if (bytes > MAX_VERSION_BYTES) return `it is ${bytes} bytes long (at most ${MAX_VERSION_BYTES})`;
  const problem = refNameProblem(`refs/tags/m@v${version}`);
  return problem && `git cannot name a tag after it: ${problem}`;
}
