import type { Command } from "commander";
import { initRegistry } from "../../registry/core/init.js";
import type { CliContext } from "../main.js";
import { print, printJson } from "../output.js";

export function defineInit(program: Command, context: CliContext): void {
  program
    .command("init")
    .description("set up a registry in this repository: .gitmodel.yaml, the registry root, LFS tracking")
    .option("--root <folder>", "registry root folder", "models")
    .option("--versioning <scheme>", "semver | timestamp | major-minor", "semver")
    .option("--json", "print the result as JSON")
    .addHelpText("after", "\nExample:\n  git model init --versioning major-minor")
    .action(async (opts: { root: string; versioning: string; json?: boolean }) => {
      const cwd = context.globals().cwd ?? process.cwd();
      const result = await initRegistry(cwd, { root: opts.root, versioning: opts.versioning });
      if (opts.json) return printJson(result);
      if (!result.commit) print(`already initialised: ${result.root}/ (nothing to do)`);
      else
        print(
          `initialised a registry in ${result.root}/ (commit ${result.commit.slice(0, 7)}): ${result.created.join(", ")}`,
        );
    });
}
