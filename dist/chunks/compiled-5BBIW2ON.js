import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{compiled}from"./chunk-7TTQFCUO.js";import"./chunk-YOBA7LCM.js";import"./chunk-2S4ELBJK.js";export{compiled};
