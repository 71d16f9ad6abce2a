import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{usage}from"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";var proposeCommand=async()=>{throw usage("propose is not implemented yet")};export{proposeCommand};
