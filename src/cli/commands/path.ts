import type { Command } from "commander";
import { withDefaultStage } from "../../domain/references.js";
import type { CliContext } from "../main.js";
import { print } from "../output.js";

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
      const resolved = await registry.resolve(
        withDefaultStage(ref, process.env.GIT_MODEL_STAGE || undefined),
      );
      print(resolved.path);
    });
}
