import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{definePath}from"./chunk-7IGTCPHS.js";import"./chunk-VGKGUS4H.js";import"./chunk-RU4H2FAI.js";import"./chunk-OQX6MEXB.js";import"./chunk-LPVLZSER.js";import"./chunk-VI2MSL4A.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{definePath};
