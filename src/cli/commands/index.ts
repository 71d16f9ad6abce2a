import type { Command } from "commander";
import type { CliContext } from "../main.js";
import { defineCleanup } from "./cleanup.js";
import { defineCompare } from "./compare.js";
import { defineDelete } from "./delete.js";
import { defineDoctor } from "./doctor.js";
import { defineExport } from "./export.js";
import { defineHistory } from "./history.js";
import { defineInit } from "./init.js";
import { defineLineage } from "./lineage.js";
import { defineList } from "./list.js";
import { defineMonitor } from "./monitor.js";
import { definePath } from "./path.js";
import { definePull } from "./pull.js";
import { defineRegister } from "./register.js";
import { defineReport } from "./report.js";
import { defineSelect } from "./select.js";
import { defineShow } from "./show.js";
import { defineStages } from "./stages.js";
import { defineStatus } from "./status.js";
import { defineValidate } from "./validate.js";

/** Every command of DESIGN section 8, in the order `--help` lists them. */
export function defineCommands(program: Command, context: CliContext): void {
  for (const define of [
    defineInit,
    defineRegister,
    defineList,
    defineShow,
    defineSelect,
    defineStages,
    defineHistory,
    definePath,
    definePull,
    defineExport,
    defineCompare,
    defineLineage,
    defineMonitor,
    defineStatus,
    defineDelete,
    defineCleanup,
    defineValidate,
    defineDoctor,
    defineReport,
  ]) {
    define(program, context);
  }
}
