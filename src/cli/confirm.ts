import { createInterface } from "node:readline/promises";
import { usage } from "../domain/errors.js";

/**
 * Confirmation before a destructive command: asked on a terminal, `--yes` otherwise. Without a
 * terminal nobody can answer, so a missing --yes is a usage error rather than a hang or a guess.
 */
export async function confirmed(question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) {
    throw usage("refusing to delete without confirmation: stdin is not a terminal", {
      hint: "pass --yes to confirm (in scripts and CI)",
    });
  }
  // The question goes to stderr so that stdout keeps only the result (--json).
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}
