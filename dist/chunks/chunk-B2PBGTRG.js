import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
function isStagesShape(json){return typeof json!="object"||json===null||Array.isArray(json)||Object.hasOwn(json,"__proto__")?!1:Object.values(json).every(value=>typeof value=="string"||Array.isArray(value)&&value.every(v=>typeof v=="string"))}export{isStagesShape};
