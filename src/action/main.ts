/**
 * The GitHub Action's entry (DESIGN section 9). A placeholder until the Action issue: it reads
 * the `command` input and says that the command is not available yet, failing the step.
 */
export async function run(): Promise<void> {
  const command = process.env.INPUT_COMMAND ?? "";
  process.stderr.write(
    `::error::git-model action: command ${JSON.stringify(command)} is not implemented yet\n`,
  );
  process.exitCode = 1;
}
