import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{settleBeforeReading,settleInterrupted}from"./chunk-L36KA3P5.js";import"./chunk-Z5XSRRVK.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{settleBeforeReading,settleInterrupted};
