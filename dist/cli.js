#!/usr/bin/env node
import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
var NEEDED=[22,3],[major=0,minor=0]=process.versions.node.split(".").map(Number);(major<NEEDED[0]||major===NEEDED[0]&&minor<NEEDED[1])&&(process.stderr.write(`error: git-model needs Node.js ${NEEDED.join(".")} or newer; this is Node.js ${process.versions.node} (${process.execPath})
`),process.exit(2));var{enableCompileCache}=await import("node:module");try{enableCompileCache?.()}catch{}var{run}=await import("./main.js");for(let stream of[process.stdout,process.stderr])stream.on("error",e=>{throw e.code==="EPIPE"&&process.exit(process.exitCode??0),e});process.exitCode=await run(process.argv);
