import type { Command } from "commander";
import { parseKeep } from "../../domain/retention.js";
import { cleanup } from "../../registry/versions/retention.js";
import { confirmed } from "../confirm.js";
import type { CliContext } from "../main.js";
import { print, printJson } from "../output.js";
import { describeRemoved } from "./delete.js";

interface CleanupFlags {
  keep: string;
  dryRun?: boolean;
  yes?: boolean;
  reason?: string;
  json?: boolean;
  push?: boolean;
  remote: string;
}

export function defineCleanup(program: Command, context: CliContext): void {
  program
    .command("cleanup")
    .description("delete old versions in one commit: keep the N newest and every stage holder")
    .argument("<model>", "model name, e.g. churn")
    .requiredOption("--keep <n>", "how many of the newest versions to keep (at least 1)")
    .option("--dry-run", "list what would be deleted and change nothing")
    .option("--yes", "do not ask for confirmation (required when stdin is not a terminal)")
    .option("--reason <text>", "why, recorded as a Reason: trailer and in the tags (history shows it)")
    .option("--push", "push the commit and the tags, atomically (like register --push)")
    .option("--remote <name>", "remote to push to", "origin")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      "\nArchived versions are not protected; production, staging and other stages are.\n\nExamples:\n  git model cleanup churn --keep 5 --dry-run\n  git model cleanup churn --keep 5 --yes",
    )
    .action(async (model: string, flags: CleanupFlags) => {
      const keep = parseKeep(flags.keep);
      const registry = await context.registry();
      const result = await cleanup(registry, model, {
        keep,
        dryRun: Boolean(flags.dryRun),
        ...(flags.reason ? { reason: flags.reason } : {}),
        push: Boolean(flags.push),
        remote: flags.remote,
        confirm: (plan) =>
          confirmed(
            `delete ${plan.versions.length} version(s) of ${model}:\n${plan.versions
              .map((v) => `  ${describeRemoved(model, v)}`)
              .join("\n")}\n`,
            flags.yes,
          ),
      });
      if (flags.json) return printJson(result);
      const verb = result.dryRun ? "would delete" : "deleted";
      if (result.deleted.length === 0)
        print(`nothing to delete: ${model} has ${result.keep.length} version(s) to keep`);
      for (const d of result.deleted) print(`${verb} ${describeRemoved(model, d)}`);
      const newest = keep === 1 ? "the newest" : `one of the ${keep} newest`;
      for (const k of result.keep)
        print(`kept ${model}@${k.version} (${k.newest ? newest : `holds ${k.stage}`})`);
      if (result.commit)
        print(`commit ${result.commit.slice(0, 7)}${result.pushed ? `, pushed to ${flags.remote}` : ""}`);
    });
}
