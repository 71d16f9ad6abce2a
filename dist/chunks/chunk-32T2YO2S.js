import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{withStageEnv}from"./chunk-TKH6WVOA.js";import{print}from"./chunk-RU4H2FAI.js";function definePath(program,context){program.command("path").description("print the folder of a version: churn@1.3.0, churn#production, churn (GIT_MODEL_STAGE sets the default stage)").argument("<ref>","reference").addHelpText("after",`
Example:
  MODEL_DIR="$(git model path churn#production)"`).action(async ref=>{let registry=await context.registry(),resolved=await withStageEnv(ref,r=>registry.resolve(r));print(resolved.path)})}export{definePath};
