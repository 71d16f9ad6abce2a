import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{defineHistory}from"./chunk-Z6NCUGEC.js";import"./chunk-KBOIZ2DI.js";import"./chunk-AIBWUFGJ.js";import"./chunk-JLVH4I7Y.js";import"./chunk-VI2MSL4A.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{defineHistory};
