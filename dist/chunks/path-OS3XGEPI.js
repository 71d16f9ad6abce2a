import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{definePath}from"./chunk-JOMEVCXP.js";import"./chunk-CDFN5NSH.js";import"./chunk-AIBWUFGJ.js";import"./chunk-TDANRSLO.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{definePath};
