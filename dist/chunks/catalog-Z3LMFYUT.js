import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{findVersions,listVersions,withStage}from"./chunk-QMUBSQYY.js";import"./chunk-I7TSCUZE.js";import"./chunk-N5SXPGFL.js";import"./chunk-4GBIB3LL.js";import"./chunk-QHCJIN2L.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{findVersions,listVersions,withStage};
