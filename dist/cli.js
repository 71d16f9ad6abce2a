#!/usr/bin/env node
import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{enableCompileCache}from"node:module";try{enableCompileCache?.()}catch{}var{run}=await import("./chunks/main-SQIDE2CK.js");for(let stream of[process.stdout,process.stderr])stream.on("error",e=>{throw e.code==="EPIPE"&&process.exit(process.exitCode??0),e});process.exitCode=await run(process.argv);
