import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{Git,GitError,TagExistsError,catFileBatchReader,runGit,spawnGit}from"./chunk-REYVFY52.js";import"./chunk-JIK54K6F.js";import"./chunk-7YZGR423.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{Git,GitError,TagExistsError,catFileBatchReader,runGit,spawnGit};
