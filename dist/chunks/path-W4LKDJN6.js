import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{definePath}from"./chunk-WF2PIZQU.js";import"./chunk-6QAKXH5T.js";import"./chunk-JN4JJDPF.js";import"./chunk-OQX6MEXB.js";import"./chunk-X23DMM5I.js";import"./chunk-BD5PQ65D.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{definePath};
