import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{parseMetadata,parseStagesText}from"./chunk-WI6NTRAO.js";import"./chunk-RWURTNMW.js";import"./chunk-3OL2AYBL.js";import"./chunk-HTO2KGHH.js";import"./chunk-VI2MSL4A.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{parseMetadata,parseStagesText};
