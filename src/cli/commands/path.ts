import type { Command } from "commander";
import type { CliContext } from "../main.js";
import { print, printJson } from "../output.js";
import { withStageEnv } from "../stage-env.js";

export function definePath(program: Command, context: CliContext): void {
  program
    .command("path")
    .description(
      "print the folder of a version: churn@1.3.0, churn#production, churn (GIT_MODEL_STAGE sets the default stage)",
    )
    .argument("<ref>", "reference")
    .option("--json", "print the model, version, stage and folder as JSON")
    .addHelpText("after", '\nExample:\n  MODEL_DIR="$(git model path churn#production)"')
    .action(async (ref: string, opts: { json?: boolean }) => {
      const registry = await context.registry();
      const resolved = await withStageEnv(ref, (r) => registry.resolve(r));
      if (opts.json) {
        const { model, version, stage, folder, path } = resolved;
        return printJson({ model, version, stage, folder, path });
      }
      print(resolved.path);
    });
}
