import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
var error=(file,message,extra={})=>({severity:"error",file,message,...extra}),warning=(file,message,extra={})=>({severity:"warning",file,message,...extra}),hasErrors=problems=>problems.some(p=>p.severity==="error");export{error,warning,hasErrors};
