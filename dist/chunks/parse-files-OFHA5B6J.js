import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{parseMetadata,parseStagesText}from"./chunk-5DMSLUQN.js";import"./chunk-RWURTNMW.js";import"./chunk-XT5725YM.js";import"./chunk-MBDCDBEE.js";import"./chunk-VI2MSL4A.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{parseMetadata,parseStagesText};
