import { join, resolve } from "node:path";
import type { Registry } from "../core/registry.js";
import type { HistoryEntry } from "../stages/history.js";
import type { ModelSummary } from "./data.js";
import { type ReadReportOptions, readFacts, readHistories, readModel } from "./read.js";
import { MANIFEST, type PreparedModel, prepareModel, renderOverview } from "./site.js";
import { SiteWriter } from "./write.js";

/**
 * `git model report --out DIR` (issue 14): the registry as a static web site. The facts and
 * every model's stage log are read first (read.ts: one `git log`); then each model is read,
 * rendered (site.ts, pure) and written into a temporary folder, and the overview last; the
 * folder then takes DIR's place at once (write.ts).
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
  const writer = await SiteWriter.open(resolve(options.cwd ?? process.cwd(), options.out), {
    ...(options.force ? { force: true } : {}),
    manifest: MANIFEST,
    protect: [
      { path: registry.rootPath, what: "the registry root" },
      { path: registry.top, what: "the repository", intoAllowed: true },
      { path: registry.git.gitDir, what: "the repository's .git folder" },
    ],
  });
  const summaries: ModelSummary[] = [];
  try {
    // The one `git log` runs while the models are read and rendered; a page waits for its history.
    // It starts first, beside the look-up of the origin's address.
    const models = await registry.models();
    const histories = readHistories(registry, models);
    let known: Map<string, HistoryEntry[]> | null = null;
    histories.then((h) => (known = h)).catch(() => {}); // awaited below
    const facts = await readFacts(registry, models, options);
    // Only what a page needs of its history waits for it: the data files written are let go (at
    // 100,000 versions, keeping them held 100 MB until the log was in).
    const waiting: [number, PreparedModel["finish"]][] = [];
    // In the models' order, whichever finishes first.
    const finish = async (i: number, page: PreparedModel["finish"], history: Map<string, HistoryEntry[]>) => {
      const { files, summary } = page(history.get(facts.models[i]!) ?? []);
      await writer.writeAll(files);
      summaries[i] = summary;
    };
    for (const [i, name] of facts.models.entries()) {
      const { files, finish: page } = prepareModel(facts, await readModel(registry, name, options.now));
      await writer.writeAll(files);
      if (known) await finish(i, page, known);
      else waiting.push([i, page]);
      // Reads are synchronous: this turn lets the log's output in, so git never waits on a full pipe.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const all = await histories;
    for (const [i, page] of waiting) await finish(i, page, all);
    await writer.writeAll(renderOverview(facts, summaries, `git-model ${__VERSION__}`));
  } catch (e) {
    await writer.abort();
    throw e;
  }
  const written = await writer.finish();
  return {
    ...written,
    index: join(written.out, "index.html"),
    models: summaries.map((m) => ({
      name: m.name,
      page: join(written.out, "models", `${m.name}.html`),
      versions: m.versions,
    })),
  };
}

declare const __VERSION__: string;
