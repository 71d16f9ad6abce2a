import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
function cell(value){return String(value??"").replace(/[\r\n]+/g," ").replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/\|/g,"\\|")}function code(value){let text=value.replace(/[\r\n]+/g," "),fence=text.includes("`")?"``":"`";return`${fence}${text.includes("`")?` ${text} `:text}${fence}`}function number(v){return v==null?"\u2013":String(Number(v.toPrecision(6)))}function percent(v){return v==null?"\u2013":`${v>=0?"+":""}${v.toFixed(2)}%`}var size=text=>Buffer.byteLength(text,"utf8"),BoundedMarkdown=class{constructor(limit,measure=size){this.limit=limit;this.measure=measure}limit;measure;parts=[];used=0;get remaining(){return this.limit-this.used}add(text){let n=this.measure(`${text}
`);return n>this.remaining?!1:(this.parts.push(text),this.used+=n,!0)}table(header,rows,options={}){let budget=Math.floor(this.remaining*(options.share??1))-200,head=`| ${header.join(" | ")} |
|${header.map(()=>"---").join("|")}|`,used=this.measure(`${head}
`);if(used>budget)return this.add(`(${rows.length} ${options.noun??"rows"} left out: the summary is full)`);let kept=[];for(let row of rows){let line=`| ${row.join(" | ")} |`,n=this.measure(`${line}
`);if(used+n>budget)break;kept.push(line),used+=n}return this.add([head,...kept].join(`
`)),kept.length<rows.length&&this.add(`
\u2026 and ${rows.length-kept.length} more ${options.noun??"rows"}`),!0}toString(){return`${this.parts.join(`
`)}
`}},SUMMARY_LIMIT=1024*1024-16*1024;export{cell,code,number,percent,BoundedMarkdown,SUMMARY_LIMIT};
