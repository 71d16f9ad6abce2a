import type { ActionCommand } from "./main.js";

/**
 * `report`: the registry's web page (`git model report`), written to the `out` input (default
 * `git-model-report` in the workspace), its folder set as the output `path` for
 * actions/upload-pages-artifact. Pull requests and commits link to this repository on GitHub.
 */
export const reportCommand: ActionCommand = async (context) => {
  const out = (context.env.INPUT_OUT ?? "").trim() || "git-model-report";
  const [registry, { writeReport }] = await Promise.all([
    context.registry(),
    import("../registry/report/report.js"),
  ]);
  const result = await writeReport(registry, { out, cwd: context.workspace, env: context.env });
  const versions = result.models.reduce((sum, m) => sum + m.versions, 0);
  return {
    outputs: { path: result.out },
    summary: [
      "## git-model: report",
      "",
      `Wrote the page of ${result.models.length} model(s) and ${versions} version(s) to \`${out}\` (${result.files} files).`,
      "",
    ].join("\n"),
  };
};
