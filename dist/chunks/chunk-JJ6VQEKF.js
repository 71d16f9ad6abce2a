import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
var compareText=(a,b)=>a<b?-1:a>b?1:0;export{compareText};
