import * as core from "@actions/core";
import { GitModelError } from "../domain/errors.js";
import type { Problem } from "../domain/problems.js";
import { type ActionContext, actionContext, redactor } from "./context.js";

/**
 * The GitHub Action (DESIGN section 9), a thin face over the library the CLI uses: read the
 * inputs, run one command, then write its outputs, annotations and job summary. A command is one
 * entry of COMMANDS, loaded on use.
 */

export interface CommandOutcome {
  outputs?: Record<string, string>;
  /** Markdown for the job summary. */
  summary?: string;
  /** Annotations on files and lines (validate's problems). */
  problems?: readonly Problem[];
  /** Set when the step must fail, with the reason. */
  failure?: string;
}

export type ActionCommand = (context: ActionContext) => Promise<CommandOutcome>;

const COMMANDS: Record<string, () => Promise<ActionCommand>> = {
  validate: async () => (await import("./validate.js")).validateCommand,
  register: async () => (await import("./register.js")).registerCommand,
  propose: async () => (await import("./propose.js")).proposeCommand,
  report: async () => (await import("./report.js")).reportCommand,
};

/** GitHub shows 10 error annotations per step; past this many the summary is where they are. */
const MAX_ANNOTATIONS = 200;

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const token = core.getInput("token");
  if (token) core.setSecret(token);
  const redact = redactor(token);
  try {
    const name = core.getInput("command", { required: true }).trim();
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!load) {
      throw new GitModelError("usage", `unknown command ${JSON.stringify(name)}`, {
        hint: `the command input takes one of: ${Object.keys(COMMANDS).join(", ")}`,
      });
    }
    const command = await load();
    const outcome = await command(actionContext(env, token));
    await report(outcome, redact);
  } catch (e) {
    core.setFailed(redact(failureMessage(e)));
  }
}

async function report(outcome: CommandOutcome, redact: (text: string) => string): Promise<void> {
  for (const [name, value] of Object.entries(outcome.outputs ?? {})) core.setOutput(name, redact(value));
  const problems = outcome.problems ?? [];
  for (const p of problems.slice(0, MAX_ANNOTATIONS)) {
    const annotate = p.severity === "error" ? core.error : core.warning;
    annotate(redact(p.hint ? `${p.message} (${p.hint})` : p.message), {
      title: "git-model",
      file: p.file,
      ...(p.line ? { startLine: p.line } : {}),
    });
  }
  if (problems.length > MAX_ANNOTATIONS)
    core.info(`${problems.length - MAX_ANNOTATIONS} more problems are listed in the job summary`);
  if (outcome.summary && process.env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(redact(outcome.summary), true).write();
  }
  if (outcome.failure) core.setFailed(redact(outcome.failure));
}

/** One or two lines a person can act on; a stack trace only with ACTIONS_STEP_DEBUG. */
function failureMessage(e: unknown): string {
  if (e instanceof GitModelError) {
    const where = e.where ? `${e.where}: ` : "";
    return `${where}${e.message}${e.hint ? `\nhint: ${e.hint}` : ""}`;
  }
  if (core.isDebug() && e instanceof Error && e.stack) return e.stack;
  return `git-model action failed: ${e instanceof Error ? e.message : String(e)}`;
}
