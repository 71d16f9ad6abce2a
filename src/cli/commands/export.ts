import { resolve } from "node:path";
import type { Command } from "commander";
import { exportVersion } from "../../registry/versions/loading.js";
import type { CliContext } from "../main.js";
import { formatBytes, print, printJson } from "../output.js";
import { withStageEnv } from "../stage-env.js";

export function defineExport(program: Command, context: CliContext): void {
  program
    .command("export")
    .description("copy a version's artifacts and metadata.json to a folder for serving")
    .argument(
      "<ref>",
      "reference: churn@1.3.0, churn#production, churn (GIT_MODEL_STAGE sets the default stage)",
    )
    .argument("<dir>", "target folder: new or empty (or --force)")
    .option("--force", "write into a folder that is not empty, replacing files of the same names")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      "\nExample:\n  git model pull churn#production && git model export churn#production /srv/model",
    )
    .action(async (ref: string, dir: string, flags: { force?: boolean; json?: boolean }) => {
      const registry = await context.registry();
      // Relative to where the command runs, as -C says.
      const target = resolve(context.globals().cwd ?? process.cwd(), dir);
      const result = await withStageEnv(ref, (r) =>
        exportVersion(registry, r, target, { force: Boolean(flags.force) }),
      );
      if (flags.json) return printJson(result);
      const size = result.files.reduce((sum, f) => sum + f.size, 0);
      print(
        `exported ${result.model}@${result.version} (${result.stage}) to ${result.target}: ${result.files.length} files, ${formatBytes(size)}`,
      );
    });
}
