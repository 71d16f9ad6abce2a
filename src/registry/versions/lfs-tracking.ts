import { environment } from "../../domain/errors.js";
import { compileGlob } from "../../domain/glob.js";
import { exactAttributePattern, LFS_ATTRIBUTES } from "../../domain/lfs.js";
import type { Git } from "../../infra/git.js";

/**
 * Which artifacts go to LFS (the configured patterns, and anything over the size threshold),
 * and the .gitattributes lines that make git-lfs store them.
 */
export function lfsPatternLine(root: string, pattern: string): string {
  // A pattern without a slash matches a file name anywhere below the registry root, as in git-lfs.
  const scoped = pattern.includes("/") ? `${root}/${pattern.replace(/^\//, "")}` : `${root}/**/${pattern}`;
  return `${scoped} ${LFS_ATTRIBUTES}`;
}

export function isLfsArtifact(
  path: string,
  size: number,
  patterns: readonly string[],
  threshold: number,
): boolean {
  if (size > threshold) return true;
  const name = path.split("/").at(-1) ?? path;
  return patterns.some((p) => (p.includes("/") ? lfsMatcher(p)(path) : lfsMatcher(p)(name)));
}

// The patterns come from .gitmodel.yaml, which a clone brings: matched without backtracking (glob.ts).
const lfsMatchers = new Map<string, (path: string) => boolean>();
function lfsMatcher(pattern: string): (path: string) => boolean {
  let matcher = lfsMatchers.get(pattern);
  if (!matcher) {
    matcher = compileGlob(pattern.replace(/^\//, ""), {
      paths: true,
      origin: `.gitmodel.yaml: lfs pattern ${JSON.stringify(pattern)}`,
    });
    lfsMatchers.set(pattern, matcher);
  }
  return matcher;
}

/**
 * The .gitattributes text after adding the lines for `patterns` and for the `bigFiles` that no
 * pattern covers; null when nothing needs adding.
 */
export function withLfsLines(current: string, lines: readonly string[]): string | null {
  const present = new Set(current.split("\n").map((l) => l.trim()));
  const missing = lines.filter((l) => !present.has(l));
  if (missing.length === 0) return null;
  const base = current === "" || current.endsWith("\n") ? current : `${current}\n`;
  return `${base}${missing.join("\n")}\n`;
}

export function lfsLinesFor(
  root: string,
  patterns: readonly string[],
  artifacts: readonly { repoPath: string; relPath: string; size: number }[],
  threshold: number,
): string[] {
  const lines = patterns.map((p) => lfsPatternLine(root, p));
  for (const a of artifacts) {
    if (a.size > threshold && !isLfsArtifact(a.relPath, 0, patterns, threshold)) {
      lines.push(`${exactAttributePattern(a.repoPath)} ${LFS_ATTRIBUTES}`);
    }
  }
  return lines;
}

/** git-lfs must be installed, and its filters configured, before anything is added to LFS. */
export async function ensureLfsReady(git: Git): Promise<void> {
  const [version, filter] = await Promise.all([
    git.run(["lfs", "version"], { allowFailure: true }),
    git.run(["config", "--get", "filter.lfs.process"], { allowFailure: true }),
  ]);
  if (version.code !== 0) {
    throw environment("git-lfs is not installed; git-model stores model files in Git LFS", {
      hint: "install it (Debian/Ubuntu: apt-get install git-lfs; macOS: brew install git-lfs), then run git lfs install",
    });
  }
  if (filter.code !== 0) await git.run(["lfs", "install", "--local"]);
}
