import type { Command } from "commander";
import { deleteVersion, type RemovedVersion } from "../../registry/versions/retention.js";
import { confirmed } from "../confirm.js";
import type { CliContext } from "../main.js";
import { print, printJson } from "../output.js";

/** One line per removed version, for the confirmation and the report. */
export const describeRemoved = (model: string, r: RemovedVersion) =>
  `${model}@${r.version} (${r.stage}) in ${r.folder}${r.tag ? `, tag ${r.tag}` : ""}`;

export function defineDelete(program: Command, context: CliContext): void {
  program
    .command("delete")
    .description("delete a version in one commit and tag it name@vX.Y.Z! (GTO's deregistration)")
    .argument("<ref>", "the version, e.g. churn@1.0.0")
    .option("--yes", "do not ask for confirmation (required when stdin is not a terminal)")
    .option("--reason <text>", "why, recorded as a Reason: trailer and in the tag")
    .option("--push", "push the commit and the tag, atomically (like register --push)")
    .option("--remote <name>", "remote to push to", "origin")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      '\nA version in a stage other than the initial or the archived one is refused: demote it first.\n\nExample:\n  git model delete churn@1.0.0 --yes --reason "superseded"',
    )
    .action(
      async (
        ref: string,
        flags: { yes?: boolean; reason?: string; json?: boolean; push?: boolean; remote: string },
      ) => {
        const registry = await context.registry();
        const result = await deleteVersion(registry, ref, {
          ...(flags.reason ? { reason: flags.reason } : {}),
          push: Boolean(flags.push),
          remote: flags.remote,
          confirm: (plan) =>
            confirmed(
              `delete ${plan.versions.map((v) => describeRemoved(plan.model, v)).join(", ")}?`,
              flags.yes,
            ),
        });
        if (flags.json) return printJson(result);
        for (const d of result.deleted) print(`deleted ${describeRemoved(result.model, d)}`);
        print(`commit ${result.commit.slice(0, 7)}${result.pushed ? `, pushed to ${flags.remote}` : ""}`);
      },
    );
}
