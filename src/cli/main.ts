import { Command, CommanderError } from "commander";
import { GitModelError, usage } from "../domain/errors.js";
import { openRegistry, type Registry } from "../registry/registry.js";
import { defineCommands } from "./commands/index.js";
import { reportError } from "./output.js";

/** Options every command accepts (commander's "global" options on the root program). */
export interface GlobalOptions {
  debug?: boolean;
  cwd?: string;
  config?: string;
}

/** What a command needs from the outside, so it opens the registry the same way everywhere. */
export interface CliContext {
  registry(): Promise<Registry>;
  globals(): GlobalOptions;
}

export async function run(argv: readonly string[]): Promise<number> {
  const program = new Command("git-model")
    .description("A model registry that lives in your Git repository (run as `git model`).")
    .version(__VERSION__, "--version")
    // Program options only before the command, so `register --version 1.2.0` is register's own flag.
    .enablePositionalOptions()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ outputError: (text, write) => write(text) })
    .exitOverride();

  let globals: GlobalOptions = {};
  let opened: Promise<Registry> | undefined;
  const context: CliContext = {
    globals: () => globals,
    registry: () => {
      opened ??= openRegistry(globals.cwd ?? process.cwd(), globals.config ? { config: globals.config } : {});
      return opened;
    },
  };
  defineCommands(program, context);
  // Every command takes the options that say where and how to run.
  for (const command of program.commands) {
    command
      .option("--debug", "print stack traces on errors")
      .option("-C, --cwd <dir>", "run as if started in <dir>")
      .option("--config <file>", "configuration file, relative to the repository top")
      .exitOverride();
  }
  program.hook("preAction", (_program, command) => {
    globals = command.opts<GlobalOptions>();
  });

  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with code 0; every other parse error is a usage error.
      return e.exitCode === 0 ? 0 : 2;
    }
    const debug = Boolean(globals.debug) || argv.includes("--debug");
    return reportError(e instanceof GitModelError || e instanceof Error ? e : usage(String(e)), debug);
  }
}

declare const __VERSION__: string;
