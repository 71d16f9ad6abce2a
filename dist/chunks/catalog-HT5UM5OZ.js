import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{findVersions,listVersions,withStage}from"./chunk-BW3SOX3O.js";import"./chunk-SCH7KNY3.js";import"./chunk-N5SXPGFL.js";import"./chunk-4GBIB3LL.js";import"./chunk-TLSRC5LV.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{findVersions,listVersions,withStage};
