import type { Command } from "commander";
import { pullVersion } from "../../registry/versions/loading.js";
import type { CliContext } from "../main.js";
import { log, print, printJson } from "../output.js";
import { withStageEnv } from "../stage-env.js";

export function definePull(program: Command, context: CliContext): void {
  program
    .command("pull")
    .description(
      "fetch only one version's LFS objects and print its folder (GIT_MODEL_STAGE sets the default stage)",
    )
    .argument("<ref>", "reference: churn@1.3.0, churn#production, churn")
    .option("--json", "print the result as JSON")
    .addHelpText("after", '\nExample:\n  MODEL_DIR="$(git model pull churn#production)"')
    .action(async (ref: string, flags: { json?: boolean }) => {
      const registry = await context.registry();
      const result = await withStageEnv(ref, (r) => pullVersion(registry, r));
      if (flags.json) return printJson(result);
      log(
        result.fetched.length
          ? `pulled ${result.fetched.length} file(s) of ${result.model}@${result.version}`
          : `${result.model}@${result.version} is already pulled`,
      );
      print(result.path);
    });
}
