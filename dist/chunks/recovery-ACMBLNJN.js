import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{settleBeforeReading,settleInterrupted}from"./chunk-4ECETXVP.js";import"./chunk-JS2RQGIS.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{settleBeforeReading,settleInterrupted};
