import type { Command } from "commander";
import { usage } from "../../domain/errors.js";
import { proposeStageChange, scmFromEnvironment } from "../../registry/stages/pull-request.js";
import {
  demote,
  planPromotion,
  promote,
  rollback,
  type StageChangeResult,
} from "../../registry/stages/stages.js";
import type { CliContext } from "../main.js";
import { bold, dim, print, printJson } from "../output.js";
import { unifiedDiff } from "../render/diff.js";

/** `promote`, `demote`, `rollback` (DESIGN section 5): thin layers over registry/stages/stages.ts. */

interface WriteFlags {
  reason?: string;
  dryRun?: boolean;
  tag?: boolean;
  json?: boolean;
}

const withWriteFlags = (command: Command) =>
  command
    .option("--reason <text>", "why, recorded as the Reason: trailer of the commit")
    .option("--dry-run", "print the change of stages.json and the commit message; write nothing")
    .option("--tag", "also create the GTO stage tags now (default: the Action or doctor --fix does on merge)")
    .option("--json", "print the result as JSON");

const writeOptions = (flags: WriteFlags) => ({
  ...(flags.reason !== undefined ? { reason: flags.reason } : {}),
  dryRun: Boolean(flags.dryRun),
  tag: Boolean(flags.tag),
});

export function defineStages(program: Command, context: CliContext): void {
  withWriteFlags(
    program
      .command("promote")
      .description("move a version to a stage; the displaced holder of an exclusive stage moves on")
      .argument("<ref>", "the version: churn@1.3.0, churn#staging, or churn (the latest)")
      .argument("<stage>", "the stage to move it to"),
  )
    .addHelpText(
      "after",
      '\nExamples:\n  git model promote churn@1.3.0 production --reason "beats 1.2.0 on val_rmse"\n  git model promote churn#staging production --dry-run',
    )
    .option("--pr", "push a branch and open (or update) a pull request instead of committing here")
    .option("--remote <name>", "with --pr: the remote to push the branch to", "origin")
    .action(async (ref: string, stage: string, flags: WriteFlags & { pr?: boolean; remote: string }) => {
      const registry = await context.registry();
      if (!flags.pr) return report(await promote(registry, { ref, stage, ...writeOptions(flags) }), flags);
      if (flags.dryRun || flags.tag) throw usage("--pr cannot be combined with --dry-run or --tag");
      const scm = await scmFromEnvironment(registry, process.env, flags.remote);
      const change = await planPromotion(registry, {
        ref,
        stage,
        ...(flags.reason ? { reason: flags.reason } : {}),
      });
      const opened = await proposeStageChange(registry, scm, change, { remote: flags.remote });
      if (flags.json)
        return printJson({ ...opened, model: change.model, version: change.plan.version, stage });
      print(`${opened.action} pull request #${opened.number} (${opened.branch}): ${opened.url}`);
    });

  withWriteFlags(
    program
      .command("demote")
      .description("move a version out of its stage: to the initial stage, or to the given one")
      .argument("<ref>", "the version: churn@1.3.0 or churn#staging")
      .argument("[stage]", "where it goes (default: the initial stage)"),
  )
    .addHelpText("after", '\nExample:\n  git model demote churn@1.3.0 archived --reason "drifted"')
    .action(async (ref: string, stage: string | undefined, flags: WriteFlags) => {
      const registry = await context.registry();
      report(await demote(registry, { ref, ...(stage ? { stage } : {}), ...writeOptions(flags) }), flags);
    });

  withWriteFlags(
    program
      .command("rollback")
      .description("restore the previous holder of a stage, as a commit with a Rollback-Of trailer")
      .argument("<model>", "the model")
      .option("--stage <stage>", "the stage (default: the model's promote.to, else the last one changed)"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  git model rollback churn --stage production\n  git revert <promotion commit>   # equally valid",
    )
    .action(async (model: string, flags: WriteFlags & { stage?: string }) => {
      const registry = await context.registry();
      const options = { model, ...(flags.stage ? { stage: flags.stage } : {}), ...writeOptions(flags) };
      report(await rollback(registry, options), flags);
    });
}

function report(result: StageChangeResult, flags: WriteFlags): void {
  const { plan, model, record } = result;
  if (flags.json) {
    printJson({
      action: result.action,
      model,
      version: plan.version,
      from: plan.from,
      to: plan.to,
      displaced: plan.displaced ?? null,
      rollback: plan.rollback,
      reason: record.reason ?? null,
      rollbackOf: record.rollbackOf ?? null,
      file: result.file,
      before: result.before,
      after: result.after,
      message: result.message,
      dryRun: result.dryRun,
      commit: result.commit,
      tags: result.tags,
    });
    return;
  }
  const verb = { promote: "promote", demote: "demote", rollback: "roll back" }[result.action];
  const what =
    result.action === "rollback"
      ? `${model}#${plan.to} to ${plan.version} (from ${plan.from})`
      : `${model}@${plan.version} to ${plan.to} (from ${plan.from})`;
  const moves = [
    ...(plan.rollback && result.action !== "rollback"
      ? [`a return to a stage ${plan.version} held before: a rollback, always allowed`]
      : []),
    ...(plan.displaced
      ? [`${model}@${plan.displaced.version} leaves ${plan.displaced.from} for ${plan.displaced.to}`]
      : []),
  ];
  if (result.dryRun) {
    print(`${bold("dry run")}: would ${verb} ${what}; nothing was written`);
    for (const line of moves) print(`  ${line}`);
    print();
    print(unifiedDiff(result.file, result.before, result.after));
    print();
    print(dim("commit message:"));
    for (const line of result.message.trimEnd().split("\n")) print(`  ${line}`);
    return;
  }
  const past = { promote: "promoted", demote: "demoted", rollback: "rolled back" }[result.action];
  print(`${past} ${what}`);
  for (const line of moves) print(`  ${line}`);
  print(`  commit ${result.commit?.slice(0, 7)}${record.reason ? `  reason: ${record.reason}` : ""}`);
  if (result.tags.length) print(`  tags ${result.tags.join(", ")}`);
}
