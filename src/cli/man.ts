import { type Command, Command as CommandClass, type Option } from "commander";
import { defineCommands } from "./commands/index.js";
import { createProgram } from "./main.js";

/**
 * The man page git-model(1), generated from the commands' own definitions at build time
 * (scripts/build.mjs writes dist/man/git-model.1, which package.json's `man` field installs), so
 * `git model --help` and `git help model`, which open `man git-model`, say what the CLI does.
 */

/** Options every command takes: documented once, under OPTIONS. */
const GLOBAL_FLAGS = new Set(["--debug", "-C, --cwd <dir>", "--config <file>", "-h, --help"]);

/** Text made safe for roff: backslashes, hyphens as minus signs, no line starting a request. */
function roff(text: string): string {
  return text
    .replaceAll("\\", "\\e")
    .replaceAll("-", "\\-")
    .split("\n")
    .map((line) => (/^[.']/.test(line) ? `\\&${line}` : line))
    .join("\n");
}

const bold = (text: string) => `\\fB${roff(text)}\\fR`;

function optionLines(options: readonly Option[]): string[] {
  const lines: string[] = [];
  for (const option of options) {
    if (GLOBAL_FLAGS.has(option.flags) || option.hidden) continue;
    const fallback =
      option.defaultValue !== undefined && !option.negate && typeof option.defaultValue !== "boolean"
        ? ` (default: ${JSON.stringify(option.defaultValue)})`
        : "";
    lines.push(".TP", bold(option.flags), roff(`${option.description}${fallback}`));
  }
  return lines;
}

/** The examples a command adds after its help (addHelpText), as written there. */
function examplesOf(command: Command): string {
  let text = "";
  command.configureOutput({ writeOut: (s) => (text += s), writeErr: () => {} });
  command.outputHelp();
  return text.slice(command.helpInformation().length).trim();
}

function commandSection(command: Command): string[] {
  const lines = [
    `.SS "git model ${roff(command.name())} ${roff(command.usage())}"`,
    roff(command.description()),
  ];
  for (const argument of command.registeredArguments) {
    if (argument.description)
      lines.push(".TP", `\\fI${roff(argument.name())}\\fR`, roff(argument.description));
  }
  lines.push(...optionLines(command.options));
  const examples = examplesOf(command);
  if (examples) lines.push(".PP", ".nf", ".RS 4", roff(examples), ".RE", ".fi");
  return lines;
}

export function manPage(version: string): string {
  const program = createProgram(CommandClass, defineCommands, {
    registry: () => Promise.reject(new Error("the man page opens no registry")),
    globals: () => ({}),
  });
  const commands = program.commands.filter((c) => c.name() !== "help");
  return `${[
    `.TH GIT\\-MODEL 1 "" "git\\-model ${roff(version)}" "git-model manual"`,
    ".SH NAME",
    "git\\-model \\- a model registry that lives in your Git repository",
    ".SH SYNOPSIS",
    `${bold("git model")} [${bold("-C")} \\fIdir\\fR] [${bold("--config")} \\fIfile\\fR] [${bold("--debug")}] \\fIcommand\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]`,
    ".br",
    `${bold("git model")} ${bold("--version")} | ${bold("--help")} | \\fIcommand\\fR ${bold("--help")}`,
    ".SH DESCRIPTION",
    roff(
      "git-model keeps a model registry in a Git repository: metadata and history in committed JSON and " +
        "JSONL files under the registry root (models/ by default), model files in Git LFS, one annotated " +
        "tag per registered version (churn@v1.3.0) and stage tags in GTO's grammar (churn#production#4). " +
        "Git runs it as git model.",
    ),
    ".PP",
    roff(
      "References: churn@1.3.0 (a version), churn@latest, churn#production (the holder of a stage), " +
        "churn (the latest version; with GIT_MODEL_STAGE=production, the production holder).",
    ),
    ".PP",
    roff(
      "Every reading command takes --json (JSON alone on stdout; logs and warnings on stderr). Errors are " +
        "one or two lines with a hint.",
    ),
    ".SH OPTIONS",
    roff("Before the command (as git takes -C) or after it:"),
    ...program.options.flatMap((o) => [".TP", bold(o.flags), roff(o.description)]),
    ".TP",
    bold("-h, --help"),
    roff("help for git-model or, after a command, for that command (git model --help opens this page)"),
    ".SH COMMANDS",
    ...commands.flatMap(commandSection),
    ".SH EXIT STATUS",
    ".TP",
    bold("0"),
    "success",
    ".TP",
    bold("1"),
    roff('"no": not found, invalid, nothing compatible (select), a failed check (validate)'),
    ".TP",
    bold("2"),
    roff("usage or environment: a bad flag, no git, not a repository, a node older than 22.3"),
    ".SH ENVIRONMENT",
    ".TP",
    bold("GIT_MODEL_STAGE"),
    roff("the stage a bare model name means for path, pull and show"),
    ".TP",
    bold("GITHUB_TOKEN, GH_TOKEN"),
    roff("the token promote --pr uses; GITHUB_API_URL points at GitHub Enterprise"),
    ".TP",
    bold("NO_COLOR"),
    roff("no colour, also when writing to a terminal"),
    ".SH FILES",
    ".TP",
    bold(".gitmodel.yaml"),
    roff(
      "the optional configuration at the top of the repository; every key, its default and an example: " +
        "docs/configuration.md in the installed package (npm root -g)/git-model/docs/configuration.md",
    ),
    ".TP",
    bold("models/<name>/"),
    roff("stages.json, history.jsonl, monitoring.jsonl, and one folder per version with its metadata.json"),
    ".SH SEE ALSO",
    "\\fBgit\\fR(1), \\fBgit\\-lfs\\fR(1)",
  ].join("\n")}\n`;
}
