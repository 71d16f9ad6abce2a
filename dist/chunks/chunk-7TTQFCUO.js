import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{compile}from"./chunk-YOBA7LCM.js";var cache=new WeakMap;function compiled(schema){let fast=cache.get(schema);return fast||(fast=compile(schema),cache.set(schema,fast)),fast}export{compiled};
