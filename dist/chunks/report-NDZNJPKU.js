import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{defineReport}from"./chunk-N4IIUWFZ.js";import"./chunk-JN4JJDPF.js";import"./chunk-OQX6MEXB.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{defineReport};
