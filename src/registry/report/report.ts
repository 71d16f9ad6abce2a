import { join, resolve } from "node:path";
import type { Registry } from "../core/registry.js";
import { type ReadReportOptions, readReport } from "./read.js";
import { MANIFEST, renderSite } from "./site.js";
import { writeSite } from "./write.js";

/**
 * `git model report --out DIR` (issue 14): the registry as a static web site, read once
 * (read.ts), rendered by pure functions (site.ts) and written all at once (write.ts).
 */

export interface ReportOptions extends ReadReportOptions {
  /** The folder to write; relative paths are taken from `cwd`. */
  out: string;
  cwd?: string;
  /** Replace a non-empty folder that is not a report git-model wrote. */
  force?: boolean;
}

export interface ReportResult {
  /** Absolute path of the folder written. */
  out: string;
  /** Absolute path of its first page. */
  index: string;
  files: number;
  bytes: number;
  models: { name: string; page: string; versions: number }[];
}

export async function writeReport(registry: Registry, options: ReportOptions): Promise<ReportResult> {
  const data = await readReport(registry, options);
  const files = renderSite(data, `git-model ${__VERSION__}`);
  const written = await writeSite(resolve(options.cwd ?? process.cwd(), options.out), files, {
    ...(options.force ? { force: true } : {}),
    manifest: MANIFEST,
    protect: [
      { path: registry.rootPath, what: "the registry root" },
      { path: registry.top, what: "the repository", intoAllowed: true },
      { path: registry.git.gitDir, what: "the repository's .git folder" },
    ],
  });
  return {
    ...written,
    index: join(written.out, "index.html"),
    models: data.models.map((m) => ({
      name: m.name,
      page: join(written.out, "models", `${m.name}.html`),
      versions: m.versions.length,
    })),
  };
}

declare const __VERSION__: string;
