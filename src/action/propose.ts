import { usage } from "../domain/errors.js";
import type { ActionCommand } from "./main.js";

export const proposeCommand: ActionCommand = async () => {
  throw usage("propose is not implemented yet");
};
