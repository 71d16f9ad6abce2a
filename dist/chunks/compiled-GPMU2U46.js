import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{compiled}from"./chunk-43EZSZQF.js";import"./chunk-QMINMWRY.js";import"./chunk-2S4ELBJK.js";export{compiled};
