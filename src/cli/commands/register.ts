import { type Command, Option } from "commander";
import { register } from "../../registry/versions/register.js";
import { ciRunUrl, collectMetric, collectParam, collectString } from "../args.js";
import type { CliContext } from "../main.js";
import { log, print, printJson } from "../output.js";

interface RegisterFlags {
  metadata?: string;
  metric?: Record<string, number>;
  tag?: Record<string, string> | false;
  param?: Record<string, unknown>;
  description?: string;
  version?: string;
  bump?: "patch" | "minor" | "major";
  base?: string;
  enhancement?: string;
  message?: string;
  push?: boolean;
  retry?: boolean;
  remote: string;
  json?: boolean;
}

export function defineRegister(program: Command, context: CliContext): void {
  program
    .command("register")
    .description("register a training run's output folder as a new version (commit + tag)")
    .argument("<model>", "model name, e.g. churn")
    .argument("<dir>", "the run's output folder; every file in it becomes an artifact")
    .option("--metadata <file>", "metadata JSON to start from (default: <dir>/metadata.json when present)")
    .option("--metric <key=value>", "a metric (repeatable)", collectMetric)
    .option("--tag <key=value>", "a tag (repeatable)", collectString("--tag"))
    .option("--param <key=value>", "a parameter (repeatable)", collectParam)
    .option("--description <text>", "what this version is")
    .option("--version <version>", "the version to take (default: the next one)")
    .addOption(new Option("--bump <part>", "which part to bump").choices(["patch", "minor", "major"]))
    .option("--base <ref>", "the version this one was derived from (records lineage and improvement)")
    .option("--enhancement <type>", "how it was derived from --base: continued, replay, ...")
    .option("--message <text>", "commit message subject")
    .option("--no-tag", "do not create the registration tag (the Action tags on merge)")
    .option("--push", "push the commit and the tag")
    .option("--retry", "with --push: when the remote moved on, pull and take the next version")
    .option("--remote <name>", "remote to push to", "origin")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  git model register churn out/ --metric val_rmse=0.0114 --tag timeframe=1H\n  git model register churn out/ --bump minor --base churn@1.2.0 --enhancement continued --push --retry",
    )
    .action(async (model: string, dir: string, flags: RegisterFlags) => {
      const registry = await context.registry();
      // A first registration without .gitmodel.yaml creates the registry with the defaults: say where.
      const { existsSync } = process.getBuiltinModule("node:fs");
      const firstWithDefaults =
        !existsSync(`${registry.top}/${registry.configFile}`) && !existsSync(registry.abs(registry.root));
      const result = await register(registry, {
        model,
        dir,
        ...(flags.metadata ? { metadataFile: flags.metadata } : {}),
        ...(flags.metric ? { metrics: flags.metric } : {}),
        ...(flags.tag ? { tags: flags.tag } : {}),
        tag: flags.tag !== false,
        ...(flags.param ? { params: flags.param } : {}),
        ...(flags.description ? { description: flags.description } : {}),
        // `--version ''` is an invalid version, not "the next one".
        ...(flags.version !== undefined ? { version: flags.version } : {}),
        ...(flags.bump ? { bump: flags.bump } : {}),
        ...(flags.base ? { base: flags.base } : {}),
        ...(flags.enhancement ? { enhancement: flags.enhancement } : {}),
        ...(flags.message ? { message: flags.message } : {}),
        push: Boolean(flags.push),
        retry: Boolean(flags.retry),
        remote: flags.remote,
        ...(ciRunUrl(process.env) ? { runUrl: ciRunUrl(process.env)! } : {}),
      });
      if (result.renumbered.length)
        log(`the remote took ${result.renumbered.join(", ")} first; registered the next version`);
      if (flags.json) return printJson({ ...result, repository: registry.top, root: registry.root });
      const parts = [
        `registered ${result.model}@${result.version}`,
        `in ${result.folder}`,
        `commit ${result.commit.slice(0, 7)}`,
      ];
      if (result.tag) parts.push(`tag ${result.tag}`);
      if (result.pushed) parts.push("pushed");
      print(parts.join(", "));
      if (firstWithDefaults) {
        print(
          `the first version in ${registry.top}: registry root ${registry.root}/, default settings (no ${registry.configFile}; git model init writes one)`,
        );
      }
    });
}
