import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{definePath}from"./chunk-HNQ2I5PV.js";import"./chunk-TKH6WVOA.js";import"./chunk-JN4JJDPF.js";import"./chunk-OQX6MEXB.js";import"./chunk-NEKCMMRA.js";import"./chunk-IK2CQL7U.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{definePath};
