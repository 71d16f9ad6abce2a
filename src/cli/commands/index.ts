import type { Command } from "commander";
import type { CliContext } from "../main.js";
import { defineDoctor } from "./doctor.js";
import { defineInit } from "./init.js";
import { defineList } from "./list.js";
import { definePath } from "./path.js";
import { defineRegister } from "./register.js";
import { defineShow } from "./show.js";
import { defineValidate } from "./validate.js";

/** Every command of DESIGN section 8, in the order `--help` lists them. */
export function defineCommands(program: Command, context: CliContext): void {
  for (const define of [
    defineInit,
    defineRegister,
    defineList,
    defineShow,
    definePath,
    defineValidate,
    defineDoctor,
  ]) {
    define(program, context);
  }
}
