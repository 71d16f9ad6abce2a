import type { Command } from "commander";
import { usage } from "../../domain/errors.js";
import type { CliContext } from "../main.js";
import { print, printJson } from "../output.js";

export function defineReport(program: Command, context: CliContext): void {
  program
    .command("report")
    .description(
      "write the registry as a static web site: overview, versions, charts, stage timeline, monitoring, lineage",
    )
    .requiredOption("--out <dir>", "the folder to write (replaced as a whole; index.html is the first page)")
    .option("--force", "replace a non-empty folder that is not a report git-model wrote")
    .option("--repo-url <url>", "web address of the repository, for links to pull requests and commits")
    .option("--json", "print what was written as JSON")
    .addHelpText(
      "after",
      [
        "",
        "The site needs no server: open index.html from disk, or publish the folder with GitHub Pages.",
        "",
        "Examples:",
        "  git model report --out registry-report",
        "  git model report --out _site --json",
      ].join("\n"),
    )
    .action(async (opts: { out: string; force?: boolean; repoUrl?: string; json?: boolean }) => {
      if (opts.repoUrl !== undefined && !/^https?:\/\/[^\s"<>]+$/.test(opts.repoUrl))
        throw usage(`--repo-url must be an http or https address, got ${JSON.stringify(opts.repoUrl)}`, {
          hint: "e.g. --repo-url https://github.com/acme/models",
        });
      const [registry, { writeReport }] = await Promise.all([
        context.registry(),
        import("../../registry/report/report.js"),
      ]);
      const result = await writeReport(registry, {
        out: opts.out,
        cwd: context.globals().cwd ?? process.cwd(),
        ...(opts.force ? { force: true } : {}),
        ...(opts.repoUrl !== undefined ? { repositoryUrl: opts.repoUrl.replace(/\/+$/, "") } : {}),
      });
      if (opts.json) return printJson(result);
      const versions = result.models.reduce((sum, m) => sum + m.versions, 0);
      print(
        `wrote the report of ${result.models.length} model${result.models.length === 1 ? "" : "s"} and ${versions} version${versions === 1 ? "" : "s"} to ${result.out}`,
      );
      print(`open ${result.index}`);
    });
}
