import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{defineHistory}from"./chunk-VM7FNTLP.js";import"./chunk-KHB4UYSD.js";import"./chunk-AIBWUFGJ.js";import"./chunk-TXHHNO4J.js";import"./chunk-JIK54K6F.js";import"./chunk-VI2MSL4A.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{defineHistory};
