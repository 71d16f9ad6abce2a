import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{defineList}from"./chunk-LWBL5UVF.js";import"./chunk-FEGTSVLW.js";import"./chunk-VIDGL3YJ.js";import"./chunk-AIBWUFGJ.js";import"./chunk-JJ6VQEKF.js";import"./chunk-3A57TRJA.js";import"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";export{defineList};
