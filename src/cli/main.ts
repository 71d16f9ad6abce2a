import type { Command } from "commander";
import { GitModelError, usage } from "../domain/errors.js";
import type { Git } from "../infra/git.js";
import type { Registry } from "../registry/core/registry.js";
import { reportError } from "./output.js";

/**
 * Start-up is part of every command's time (docs/benchmarks.md), so this module loads almost
 * nothing itself: only the command that was asked for is loaded (its chunk and what it imports),
 * by dynamic import. `--help` and anything not in the table below load every command.
 */

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

export type Define = (program: Command, context: CliContext) => void;

/**
 * Command name -> the module that defines it. A command missing here still works: it is found
 * by loading every command (src/cli/commands/index.ts), only its start-up is slower; the test
 * in test/bench/lazy-commands.test.ts keeps this table complete.
 */
export const COMMAND_MODULES: Record<string, () => Promise<Define>> = {
  init: () => import("./commands/init.js").then((m) => m.defineInit),
  register: () => import("./commands/register.js").then((m) => m.defineRegister),
  list: () => import("./commands/list.js").then((m) => m.defineList),
  show: () => import("./commands/show.js").then((m) => m.defineShow),
  select: () => import("./commands/select.js").then((m) => m.defineSelect),
  promote: () => import("./commands/stages.js").then((m) => m.defineStages),
  demote: () => import("./commands/stages.js").then((m) => m.defineStages),
  rollback: () => import("./commands/stages.js").then((m) => m.defineStages),
  history: () => import("./commands/history.js").then((m) => m.defineHistory),
  path: () => import("./commands/path.js").then((m) => m.definePath),
  pull: () => import("./commands/pull.js").then((m) => m.definePull),
  export: () => import("./commands/export.js").then((m) => m.defineExport),
  compare: () => import("./commands/compare.js").then((m) => m.defineCompare),
  lineage: () => import("./commands/lineage.js").then((m) => m.defineLineage),
  monitor: () => import("./commands/monitor.js").then((m) => m.defineMonitor),
  status: () => import("./commands/status.js").then((m) => m.defineStatus),
  delete: () => import("./commands/delete.js").then((m) => m.defineDelete),
  cleanup: () => import("./commands/cleanup.js").then((m) => m.defineCleanup),
  validate: () => import("./commands/validate.js").then((m) => m.defineValidate),
  doctor: () => import("./commands/doctor.js").then((m) => m.defineDoctor),
  report: () => import("./commands/report.js").then((m) => m.defineReport),
};

/** Program options that take a value: `git model -C dir list` names `list`, not `dir`. */
const VALUE_OPTIONS = new Set(["-C", "--cwd", "--config"]);

/** The command named on the command line: the first argument that is not an option or its value. */
function requestedCommand(argv: readonly string[]): string | undefined {
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith("-")) return a;
  }
  return undefined;
}

async function loadCommands(
  argv: readonly string[],
): Promise<(program: Command, context: CliContext) => void> {
  const name = requestedCommand(argv);
  const load = name !== undefined && Object.hasOwn(COMMAND_MODULES, name) ? COMMAND_MODULES[name] : undefined;
  if (load) return load();
  // --help, `help <command>`, a typo (commander suggests the closest name): every command.
  if (argv.slice(2).some((a) => a === "--version") && name === undefined) return () => {};
  return (await import("./commands/index.js")).defineCommands;
}

/**
 * Finding the repository is started before anything else loads: usually a read of `.git`
 * (Git.locate), but where git must be asked (`git rev-parse`, about 7 ms), it answers while node
 * loads commander and the command. Only for a command that will open the registry in the current
 * folder: not for help, and not with -C, which commander parses later.
 */
function discoverEarly(argv: readonly string[]): Promise<Git> | undefined {
  const name = requestedCommand(argv);
  if (name === undefined || !Object.hasOwn(COMMAND_MODULES, name) || name === "init") return undefined;
  if (argv.some((a) => a === "-h" || a === "--help" || a === "-C" || a.startsWith("--cwd"))) return undefined;
  const cwd = process.cwd();
  const discovered = import("../infra/git.js").then(({ Git }) => Git.discover(cwd));
  // Not every run opens the registry (a usage error comes first): an unused failure is not an error.
  discovered.catch(() => {});
  return discovered;
}

/**
 * The program with the given commands and the options every command takes, before and after the
 * command name (`git model -C dir list`, as git takes -C, or `git model list -C dir`). Shared
 * by run() and the man page (src/cli/man.ts), so the page says what the CLI does.
 */
export function createProgram(
  CommandClass: typeof Command,
  defineCommands: Define,
  context: CliContext,
): Command {
  const program = new CommandClass("git-model")
    .description("A model registry that lives in your Git repository (run as `git model`).")
    .version(__VERSION__, "--version")
    // Program options only before the command, so `register --version 1.2.0` is register's own flag.
    .enablePositionalOptions()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ outputError: (text, write) => write(text) })
    .exitOverride();
  defineCommands(program, context);
  // Every command takes the options that say where and how to run.
  for (const command of [program, ...program.commands]) {
    command
      .option("--debug", "print stack traces on errors")
      .option("-C, --cwd <dir>", "run as if started in <dir>")
      .option("--config <file>", "configuration file, relative to the repository top")
      .exitOverride();
  }
  return program;
}

/**
 * `-C <dir>` must name a folder: otherwise git cannot start there, and node reports that as git
 * missing (ENOENT) or as `spawn ENOTDIR`.
 */
function assertDirectory(dir: string): void {
  const stat = process.getBuiltinModule("node:fs").statSync(dir, { throwIfNoEntry: false });
  if (!stat) throw usage(`-C ${dir}: no such folder`, { hint: "pass -C the folder of a git repository" });
  if (!stat.isDirectory()) {
    throw usage(`-C ${dir}: not a folder`, {
      hint: "pass -C the folder of a git repository, not a file in it",
    });
  }
}

export async function run(argv: readonly string[]): Promise<number> {
  const discovered = discoverEarly(argv);
  const [{ Command, CommanderError }, defineCommands] = await Promise.all([
    import("commander"),
    loadCommands(argv),
  ]);

  let globals: GlobalOptions = {};
  let opened: Promise<Registry> | undefined;
  const context: CliContext = {
    globals: () => globals,
    registry: () => {
      opened ??= import("../registry/core/registry.js").then(({ openRegistry }) =>
        openRegistry(globals.cwd ?? process.cwd(), {
          ...(globals.config ? { config: globals.config } : {}),
          ...(discovered && globals.cwd === undefined ? { discovered } : {}),
        }),
      );
      return opened;
    },
  };
  const program = createProgram(Command, defineCommands, context);
  program.hook("preAction", (_program, command) => {
    // Given after the command name, an option wins over the same one given before it.
    const defined = (o: GlobalOptions) =>
      Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    globals = { ...defined(program.opts<GlobalOptions>()), ...defined(command.opts<GlobalOptions>()) };
    if (globals.cwd !== undefined) assertDirectory(globals.cwd);
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
