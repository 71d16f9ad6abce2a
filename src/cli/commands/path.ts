import type { Command } from "commander";
import type { CliContext } from "../main.js";
import { print } from "../output.js";
import { withStageEnv } from "../stage-env.js";

export function definePath(program: Command, context: CliContext): void {
  program
    .command("path")
    .description(
      "print the folder of a version: churn@1.3.0, churn#production, churn (GIT_MODEL_STAGE sets the default stage)",
    )
    .argument("<ref>", "reference")
    .addHelpText("after", '\nExample:\n  MODEL_DIR="$(git model path churn#production)"')
    .action(async (ref: string) => {
      const registry = await context.registry();
      const resolved = await withStageEnv(ref, (r) => registry.resolve(r));
      print(resolved.path);
    });
}
