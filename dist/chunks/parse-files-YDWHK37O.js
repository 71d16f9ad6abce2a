import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{parseMetadata,parseStagesText}from"./chunk-3OVYJSF5.js";import"./chunk-RWURTNMW.js";import"./chunk-MEXBHPAM.js";import"./chunk-ZAZKWY4U.js";import"./chunk-VI2MSL4A.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{parseMetadata,parseStagesText};
