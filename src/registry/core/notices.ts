/**
 * One-line notices a library write gives about the repository's state, not about its result:
 * waiting for another writer, finishing or undoing an interrupted write. They go to stderr by
 * default (the CLI's log stream; stdout stays the result alone); the Action routes them to its log.
 */

type Reporter = (line: string) => void;

let reporter: Reporter = (line) => process.stderr.write(`git-model: ${line}\n`);

export function notice(line: string): void {
  reporter(line);
}

/** Where notices go (the Action sends them to its own log). */
export function setNoticeReporter(next: Reporter): void {
  reporter = next;
}
