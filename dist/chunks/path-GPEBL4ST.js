import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{definePath}from"./chunk-55PG5ECZ.js";import"./chunk-TJAH53JF.js";import"./chunk-VTYG7CSV.js";import"./chunk-AIBWUFGJ.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{definePath};
