import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{assertFileOrFolder,hashFile,readRunFolder}from"./chunk-TTV7H37G.js";import"./chunk-JJ6VQEKF.js";import"./chunk-BD5PQ65D.js";import"./chunk-JS2RQGIS.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{assertFileOrFolder,hashFile,readRunFolder};
