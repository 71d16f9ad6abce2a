import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{confirmed,describeRemoved}from"./chunk-KENJYMAI.js";import{cleanup,parseKeep}from"./chunk-MUTZ7NZ3.js";import{print,printJson}from"./chunk-JN4JJDPF.js";function defineCleanup(program,context){program.command("cleanup").description("delete old versions in one commit: keep the N newest and every stage holder").argument("<model>","model name, e.g. churn").requiredOption("--keep <n>","how many of the newest versions to keep (at least 1)").option("--dry-run","list what would be deleted and change nothing").option("--yes","do not ask for confirmation (required when stdin is not a terminal)").option("--reason <text>","why, recorded as a Reason: trailer and in the tags (history shows it)").option("--json","print the result as JSON").addHelpText("after",`
Archived versions are not protected; production, staging and other stages are.

Examples:
  git model cleanup churn --keep 5 --dry-run
  git model cleanup churn --keep 5 --yes`).action(async(model,flags)=>{let keep=parseKeep(flags.keep),registry=await context.registry(),result=await cleanup(registry,model,{keep,dryRun:!!flags.dryRun,...flags.reason?{reason:flags.reason}:{},confirm:plan=>confirmed(`delete ${plan.versions.length} version(s) of ${model}:
${plan.versions.map(v=>`  ${describeRemoved(model,v)}`).join(`
`)}
`,flags.yes)});if(flags.json)return printJson(result);let verb=result.dryRun?"would delete":"deleted";result.deleted.length===0&&print(`nothing to delete: ${model} has ${result.keep.length} version(s) to keep`);for(let d of result.deleted)print(`${verb} ${describeRemoved(model,d)}`);let newest=keep===1?"the newest":`one of the ${keep} newest`;for(let k of result.keep)print(`kept ${model}@${k.version} (${k.newest?newest:`holds ${k.stage}`})`);result.commit&&print(`commit ${result.commit.slice(0,7)}`)})}export{defineCleanup};
