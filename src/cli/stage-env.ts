import { GitModelError } from "../domain/errors.js";
import { withDefaultStage } from "../domain/references.js";

/**
 * GIT_MODEL_STAGE as the default stage of a bare model name (seed 002's MODEL_ENVIRONMENT), for
 * path, show, pull and export. Runs `body` with the reference it makes of `text`; an error that
 * follows from the variable says so, since the user never typed that stage.
 */
export async function withStageEnv<T>(text: string, body: (ref: string) => Promise<T>): Promise<T> {
  const stage = process.env.GIT_MODEL_STAGE || undefined;
  const ref = withDefaultStage(text, stage);
  if (ref === text) return body(ref);
  try {
    return await body(ref);
  } catch (e) {
    if (!(e instanceof GitModelError)) throw e;
    throw new GitModelError(e.kind, e.message, {
      hint: `${text} means ${ref} because GIT_MODEL_STAGE=${stage}; name a version (${text}@latest) or change GIT_MODEL_STAGE`,
      ...(e.file ? { file: e.file } : {}),
      ...(e.line !== undefined ? { line: e.line } : {}),
    });
  }
}
