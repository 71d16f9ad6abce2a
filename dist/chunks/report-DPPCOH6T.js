import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{historyEntries,versionsFromTags,walkPositions}from"./chunk-35Y42KXC.js";import{listVersions,monitoringFile,recommendationHeadline,selectWinner}from"./chunk-U6GMKUWB.js";import{goalOf,streamJsonl}from"./chunk-WSGKUSE4.js";import{MonitoringAccumulator,MonitoringLineSchema,lookupField,parseJsonl}from"./chunk-GVAK2QEU.js";import{emptyStageLog,readStageLogs}from"./chunk-US4A6OHJ.js";import{readModelTags,walkOf}from"./chunk-BS2MORLM.js";import"./chunk-OTTYTCAH.js";import"./chunk-HWY4VDS4.js";import"./chunk-5DOYYWTL.js";import"./chunk-YOBA7LCM.js";import"./chunk-4ECETXVP.js";import"./chunk-2OVLZUEB.js";import"./chunk-BYKMZI3F.js";import{compareText}from"./chunk-JJ6VQEKF.js";import"./chunk-PK44DES3.js";import"./chunk-BD5PQ65D.js";import{isInside}from"./chunk-JS2RQGIS.js";import{usage}from"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";import{join as join2,resolve as resolve2}from"node:path";import{statSync}from"node:fs";import{basename}from"node:path";async function readFacts(registry,models,options={}){let repositoryUrl=options.repositoryUrl!==void 0?options.repositoryUrl:await repositoryWebUrl(registry,options.env??process.env);return{generatedAt:(options.now??new Date).toISOString().replace(/\.\d{3}Z$/,"Z"),title:basename(registry.top),repositoryUrl,root:registry.root,stages:registry.config.stages,initialStage:registry.config.initialStage,displacedTo:registry.config.displacedTo??null,models:[...models]}}async function readHistories(registry,models){if(models.length===0)return new Map;let walk=walkOf(registry.git,"HEAD"),tags=readModelTags(registry.git.top,models.map(m=>`refs/tags/${m}@*`)),[logs,events,walked]=await Promise.all([readStageLogs(registry,"all","HEAD",{stagesOnly:!0}),versionsFromTags(registry,models,"HEAD",tags),walk]),wanted=new Set;for(let log of logs.values())for(let s2 of log.snapshots)wanted.add(s2.commit);for(let e of events.values())for(let v of[...e.registrations,...e.deletions])wanted.add(v.commit);let positions=walked.code===0?walkPositions(walked.stdout,wanted):new Map,position=commit=>positions.get(commit),none=emptyStageLog("","");return new Map(models.map(m=>[m,historyEntries(registry,logs.get(m)??none,new Map,void 0,{events:events.get(m),position})]))}async function readModel(registry,model,now){let[summaries,stages,monitoring]=await Promise.all([listVersions(registry,model),registry.readStages(model).catch(()=>({})),readMonitoring(registry,model)]),versions=summaries.map(s2=>({version:s2.version,stage:s2.stage,created_at:s2.created_at,size:s2.size,metrics:s2.metrics,metadata:s2.metadata,problem:s2.problem??null})),holders={};for(let[stage,held]of Object.entries(stages)){let list=(Array.isArray(held)?held:[held]).filter(v=>typeof v=="string");list.length&&(holders[stage]=list)}let rank=rankOf(registry,model,versions),best=null,bestNote=null;try{let{winner,warnings}=selectWinner(registry,model,summaries,now?{now}:{});best=winner?{version:winner.version,value:winner.value??winner.score??null}:null,bestNote=best?warnings[0]??null:"no version meets the selection policy"}catch(e){bestNote=e.message}return{name:model,versions,holders,rank,best,bestNote,monitoring}}function rankOf(registry,model,versions){let rank=registry.config.selectFor(model)?.rank;if(rank?.metric)return{by:"metric",metric:rank.metric,goal:rank.goal??"min"};let counts=new Map;for(let v of versions)for(let name of Object.keys(v.metrics))counts.set(name,(counts.get(name)??0)+1);let common=[...counts].sort((a2,b)=>b[1]-a2[1]||compareText(a2[0],b[0]))[0]?.[0],metric=common===void 0?null:`metrics.${common}`;return{by:rank?.score?"score":"newest",metric,goal:metric?goalOf(registry.config,model,metric):"min"}}var READ_WHOLE_BYTES=1024*1024;async function readMonitoring(registry,model){let path2=registry.abs(monitoringFile(registry,model)),size=statSize(path2);if(size===null)return null;let accumulator=new MonitoringAccumulator(registry.config.monitorFor(model)),recent=[],take=l=>{accumulator.add(l),recent.push(l),recent.length>2*2e3&&recent.splice(0,recent.length-2e3)},records,issues;if(size<=READ_WHOLE_BYTES){let read=parseJsonl(registry.readText(monitoringFile(registry,model))??"",MonitoringLineSchema);for(let{value:value2}of read.records)take(value2);records=read.records.length,issues=read.issues.length}else{let read=await streamJsonl(path2,MonitoringLineSchema,take);records=read.records,issues=read.issueCount}if(records===0&&issues===0)return null;let status=accumulator.status();return{total:records,lines:recent.slice(-2e3),status,recommendation:recommendationHeadline(status),issues}}function statSize(path2){try{return statSync(path2).size}catch{return null}}async function repositoryWebUrl(registry,env){if(env.GITHUB_REPOSITORY&&/^[\w.-]+\/[\w.-]+$/.test(env.GITHUB_REPOSITORY))return`${(env.GITHUB_SERVER_URL||"https://github.com").replace(/\/+$/,"")}/${env.GITHUB_REPOSITORY}`;let remote=await registry.git.run(["remote","get-url","--","origin"],{allowFailure:!0});return remote.code!==0?null:webUrlOfRemote(remote.stdout.toString("utf8").trim())}function webUrlOfRemote(url){let match=/^(?:https?|ssh):\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url)??/^[\w.-]+@([\w.-]+):([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);return match?`https://${match[1]}/${match[2]}/${match[3]}`:null}var virtual_report_charts_default='"use strict";(()=>{function Oi(n){var t=0,e=n.children,r=e&&e.length;if(!r)t=1;else for(;--r>=0;)t+=e[r].value;n.value=t}function Hi(){return this.eachAfter(Oi)}function zi(n,t){let e=-1;for(let r of this)n.call(t,r,++e,this);return this}function Wi(n,t){for(var e=this,r=[e],i,o,a=-1;e=r.pop();)if(n.call(t,e,++a,this),i=e.children)for(o=i.length-1;o>=0;--o)r.push(i[o]);return this}function Xi(n,t){for(var e=this,r=[e],i=[],o,a,s,l=-1;e=r.pop();)if(i.push(e),o=e.children)for(a=0,s=o.length;a<s;++a)r.push(o[a]);for(;e=i.pop();)n.call(t,e,++l,this);return this}function Bi(n,t){let e=-1;for(let r of this)if(n.call(t,r,++e,this))return r}function ji(n){return this.eachAfter(function(t){for(var e=+n(t.data)||0,r=t.children,i=r&&r.length;--i>=0;)e+=r[i].value;t.value=e})}function Vi(n){return this.eachBefore(function(t){t.children&&t.children.sort(n)})}function Zi(n){for(var t=this,e=Qi(t,n),r=[t];t!==e;)t=t.parent,r.push(t);for(var i=r.length;n!==e;)r.splice(i,0,n),n=n.parent;return r}function Qi(n,t){if(n===t)return n;var e=n.ancestors(),r=t.ancestors(),i=null;for(n=e.pop(),t=r.pop();n===t;)i=n,n=e.pop(),t=r.pop();return i}function Gi(){for(var n=this,t=[n];n=n.parent;)t.push(n);return t}function Ji(){return Array.from(this)}function Ki(){var n=[];return this.eachBefore(function(t){t.children||n.push(t)}),n}function no(){var n=this,t=[];return n.each(function(e){e!==n&&t.push({source:e.parent,target:e})}),t}function*to(){var n=this,t,e=[n],r,i,o;do for(t=e.reverse(),e=[];n=t.pop();)if(yield n,r=n.children)for(i=0,o=r.length;i<o;++i)e.push(r[i]);while(e.length)}function Ne(n,t){n instanceof Map?(n=[void 0,n],t===void 0&&(t=io)):t===void 0&&(t=ro);for(var e=new Tn(n),r,i=[e],o,a,s,l;r=i.pop();)if((a=t(r.data))&&(l=(a=Array.from(a)).length))for(r.children=a,s=l-1;s>=0;--s)i.push(o=a[s]=new Tn(a[s])),o.parent=r,o.depth=r.depth+1;return e.eachBefore(Se)}function eo(){return Ne(this).eachBefore(oo)}function ro(n){return n.children}function io(n){return Array.isArray(n)?n[1]:null}function oo(n){n.data.value!==void 0&&(n.value=n.data.value),n.data=n.data.data}function Se(n){var t=0;do n.height=t;while((n=n.parent)&&n.height<++t)}function Tn(n){this.data=n,this.depth=this.height=0,this.parent=null}Tn.prototype=Ne.prototype={constructor:Tn,count:Hi,each:zi,eachAfter:Xi,eachBefore:Wi,find:Bi,sum:ji,sort:Vi,path:Zi,ancestors:Gi,descendants:Ji,leaves:Ki,links:no,copy:eo,[Symbol.iterator]:to};function At(n){return n==null?null:ao(n)}function ao(n){if(typeof n!="function")throw new Error;return n}function Ce(n,t,e,r,i){for(var o=n.children,a,s=-1,l=o.length,u=n.value&&(r-t)/n.value;++s<l;)a=o[s],a.y0=e,a.y1=i,a.x0=t,a.x1=t+=a.value*u}var uo={depth:-1},ke={},Dt={};function so(n){return n.id}function lo(n){return n.parentId}function Ae(){var n=so,t=lo,e;function r(i){var o=Array.from(i),a=n,s=t,l,u,c,h,f,g,p,_,w=new Map;if(e!=null){let M=o.map((b,A)=>co(e(b,A,i))),d=M.map($e),v=new Set(M).add("");for(let b of d)v.has(b)||(v.add(b),M.push(b),d.push($e(b)),o.push(Dt));a=(b,A)=>M[A],s=(b,A)=>d[A]}for(c=0,l=o.length;c<l;++c)u=o[c],g=o[c]=new Tn(u),(p=a(u,c,i))!=null&&(p+="")&&(_=g.id=p,w.set(_,w.has(_)?ke:g)),(p=s(u,c,i))!=null&&(p+="")&&(g.parent=p);for(c=0;c<l;++c)if(g=o[c],p=g.parent){if(f=w.get(p),!f)throw new Error("missing: "+p);if(f===ke)throw new Error("ambiguous: "+p);f.children?f.children.push(g):f.children=[g],g.parent=f}else{if(h)throw new Error("multiple roots");h=g}if(!h)throw new Error("no root");if(e!=null){for(;h.data===Dt&&h.children.length===1;)h=h.children[0],--l;for(let M=o.length-1;M>=0&&(g=o[M],g.data===Dt);--M)g.data=null}if(h.parent=uo,h.eachBefore(function(M){M.depth=M.parent.depth+1,--l}).eachBefore(Se),h.parent=null,l>0)throw new Error("cycle");return h}return r.id=function(i){return arguments.length?(n=At(i),r):n},r.parentId=function(i){return arguments.length?(t=At(i),r):t},r.path=function(i){return arguments.length?(e=At(i),r):e},r}function co(n){n=`${n}`;let t=n.length;return Et(n,t-1)&&!Et(n,t-2)&&(n=n.slice(0,-1)),n[0]==="/"?n:`/${n}`}function $e(n){let t=n.length;if(t<2)return"";for(;--t>1&&!Et(n,t););return n.slice(0,t)}function Et(n,t){if(n[t]==="/"){let e=0;for(;t>0&&n[--t]==="\\\\";)++e;if((e&1)===0)return!0}return!1}function fo(n,t){return n.parent===t.parent?1:2}function Rt(n){var t=n.children;return t?t[0]:n.t}function Ut(n){var t=n.children;return t?t[t.length-1]:n.t}function ho(n,t,e){var r=e/(t.i-n.i);t.c-=r,t.s+=e,n.c+=r,t.z+=e,t.m+=e}function go(n){for(var t=0,e=0,r=n.children,i=r.length,o;--i>=0;)o=r[i],o.z+=t,o.m+=t,t+=o.s+(e+=o.c)}function mo(n,t,e){return n.a.parent===t.parent?n.a:e}function it(n,t){this._=n,this.parent=null,this.children=null,this.A=null,this.a=this,this.z=0,this.m=0,this.c=0,this.s=0,this.t=null,this.i=t}it.prototype=Object.create(Tn.prototype);function po(n){for(var t=new it(n,0),e,r=[t],i,o,a,s;e=r.pop();)if(o=e._.children)for(e.children=new Array(s=o.length),a=s-1;a>=0;--a)r.push(i=e.children[a]=new it(o[a],a)),i.parent=e;return(t.parent=new it(null,0)).children=[t],t}function De(){var n=fo,t=1,e=1,r=null;function i(u){var c=po(u);if(c.eachAfter(o),c.parent.m=-c.z,c.eachBefore(a),r)u.eachBefore(l);else{var h=u,f=u,g=u;u.eachBefore(function(d){d.x<h.x&&(h=d),d.x>f.x&&(f=d),d.depth>g.depth&&(g=d)});var p=h===f?1:n(h,f)/2,_=p-h.x,w=t/(f.x+p+_),M=e/(g.depth||1);u.eachBefore(function(d){d.x=(d.x+_)*w,d.y=d.depth*M})}return u}function o(u){var c=u.children,h=u.parent.children,f=u.i?h[u.i-1]:null;if(c){go(u);var g=(c[0].z+c[c.length-1].z)/2;f?(u.z=f.z+n(u._,f._),u.m=u.z-g):u.z=g}else f&&(u.z=f.z+n(u._,f._));u.parent.A=s(u,f,u.parent.A||h[0])}function a(u){u._.x=u.z+u.parent.m,u.m+=u.parent.m}function s(u,c,h){if(c){for(var f=u,g=u,p=c,_=f.parent.children[0],w=f.m,M=g.m,d=p.m,v=_.m,b;p=Ut(p),f=Rt(f),p&&f;)_=Rt(_),g=Ut(g),g.a=u,b=p.z+d-f.z-w+n(p._,f._),b>0&&(ho(mo(p,u,h),u,b),w+=b,M+=b),d+=p.m,w+=f.m,v+=_.m,M+=g.m;p&&!Ut(g)&&(g.t=p,g.m+=d-M),f&&!Rt(_)&&(_.t=f,_.m+=w-v,h=u)}return h}function l(u){u.x*=t,u.y=u.depth*e}return i.separation=function(u){return arguments.length?(n=u,i):n},i.size=function(u){return arguments.length?(r=!1,t=+u[0],e=+u[1],i):r?null:[t,e]},i.nodeSize=function(u){return arguments.length?(r=!0,t=+u[0],e=+u[1],i):r?[t,e]:null},i}function Re(n,t,e,r,i){for(var o=n.children,a,s=-1,l=o.length,u=n.value&&(i-e)/n.value;++s<l;)a=o[s],a.x0=t,a.x1=r,a.y0=e,a.y1=e+=a.value*u}var Ue=(1+Math.sqrt(5))/2;function Ee(n,t,e,r,i,o){for(var a=[],s=t.children,l,u,c=0,h=0,f=s.length,g,p,_=t.value,w,M,d,v,b,A,y;c<f;){g=i-e,p=o-r;do w=s[h++].value;while(!w&&h<f);for(M=d=w,A=Math.max(p/g,g/p)/(_*n),y=w*w*A,b=Math.max(d/y,y/M);h<f;++h){if(w+=u=s[h].value,u<M&&(M=u),u>d&&(d=u),y=w*w*A,v=Math.max(d/y,y/M),v>b){w-=u;break}b=v}a.push(l={value:w,dice:g<p,children:s.slice(c,h)}),l.dice?Ce(l,e,r,i,_?r+=p*w/_:o):Re(l,e,r,_?e+=g*w/_:i,o),_-=w,c=h}return a}var cs=(function n(t){function e(r,i,o,a,s){Ee(t,r,i,o,a,s)}return e.ratio=function(r){return n((r=+r)>1?r:1)},e})(Ue);var fs=(function n(t){function e(r,i,o,a,s){if((l=r._squarify)&&l.ratio===t)for(var l,u,c,h,f=-1,g,p=l.length,_=r.value;++f<p;){for(u=l[f],c=u.children,h=u.value=0,g=c.length;h<g;++h)u.value+=c[h].value;u.dice?Ce(u,i,o,a,_?o+=(s-o)*u.value/_:s):Re(u,i,o,_?i+=(a-i)*u.value/_:a,s),_-=u.value}else r._squarify=l=Ee(t,r,i,o,a,s),l.ratio=t}return e.ratio=function(r){return n((r=+r)>1?r:1)},e})(Ue);function Fn(n,t){return n==null||t==null?NaN:n<t?-1:n>t?1:n>=t?0:NaN}function _o(n,t){return n==null||t==null?NaN:t<n?-1:t>n?1:t>=n?0:NaN}function ut(n){let t,e,r;n.length!==2?(t=Fn,e=(s,l)=>Fn(n(s),l),r=(s,l)=>n(s)-l):(t=n===Fn||n===_o?n:yo,e=n,r=n);function i(s,l,u=0,c=s.length){if(u<c){if(t(l,l)!==0)return c;do{let h=u+c>>>1;e(s[h],l)<0?u=h+1:c=h}while(u<c)}return u}function o(s,l,u=0,c=s.length){if(u<c){if(t(l,l)!==0)return c;do{let h=u+c>>>1;e(s[h],l)<=0?u=h+1:c=h}while(u<c)}return u}function a(s,l,u=0,c=s.length){let h=i(s,l,u,c-1);return h>u&&r(s[h-1],l)>-r(s[h],l)?h-1:h}return{left:i,center:a,right:o}}function yo(){return 0}function xo(n){return n===null?NaN:+n}var Ie=ut(Fn),Pe=Ie.right,gs=Ie.left,ds=ut(xo).center;var ms=Ye(Fe),ps=Ye(wo);function Ye(n){return function(t,e,r=e){if(!((e=+e)>=0))throw new RangeError("invalid rx");if(!((r=+r)>=0))throw new RangeError("invalid ry");let{data:i,width:o,height:a}=t;if(!((o=Math.floor(o))>=0))throw new RangeError("invalid width");if(!((a=Math.floor(a!==void 0?a:i.length/o))>=0))throw new RangeError("invalid height");if(!o||!a||!e&&!r)return t;let s=e&&n(e),l=r&&n(r),u=i.slice();return s&&l?(kn(s,u,i,o,a),kn(s,i,u,o,a),kn(s,u,i,o,a),$n(l,i,u,o,a),$n(l,u,i,o,a),$n(l,i,u,o,a)):s?(kn(s,i,u,o,a),kn(s,u,i,o,a),kn(s,i,u,o,a)):l&&($n(l,i,u,o,a),$n(l,u,i,o,a),$n(l,i,u,o,a)),t}}function kn(n,t,e,r,i){for(let o=0,a=r*i;o<a;)n(t,e,o,o+=r,1)}function $n(n,t,e,r,i){for(let o=0,a=r*i;o<r;++o)n(t,e,o,o+a,r)}function wo(n){let t=Fe(n);return(e,r,i,o,a)=>{i<<=2,o<<=2,a<<=2,t(e,r,i+0,o+0,a),t(e,r,i+1,o+1,a),t(e,r,i+2,o+2,a),t(e,r,i+3,o+3,a)}}function Fe(n){let t=Math.floor(n);if(t===n)return Mo(n);let e=n-t,r=2*n+1;return(i,o,a,s,l)=>{if(!((s-=l)>=a))return;let u=t*o[a],c=l*t,h=c+l;for(let f=a,g=a+c;f<g;f+=l)u+=o[Math.min(s,f)];for(let f=a,g=s;f<=g;f+=l)u+=o[Math.min(s,f+c)],i[f]=(u+e*(o[Math.max(a,f-h)]+o[Math.min(s,f+h)]))/r,u-=o[Math.max(a,f-c)]}}function Mo(n){let t=2*n+1;return(e,r,i,o,a)=>{if(!((o-=a)>=i))return;let s=n*r[i],l=a*n;for(let u=i,c=i+l;u<c;u+=a)s+=r[Math.min(o,u)];for(let u=i,c=o;u<=c;u+=a)s+=r[Math.min(o,u+l)],e[u]=s/t,s-=r[Math.max(i,u-l)]}}var Ln=class extends Map{constructor(t,e=To){if(super(),Object.defineProperties(this,{_intern:{value:new Map},_key:{value:e}}),t!=null)for(let[r,i]of t)this.set(r,i)}get(t){return super.get(qe(this,t))}has(t){return super.has(qe(this,t))}set(t,e){return super.set(bo(this,t),e)}delete(t){return super.delete(vo(this,t))}};function qe({_intern:n,_key:t},e){let r=t(e);return n.has(r)?n.get(r):e}function bo({_intern:n,_key:t},e){let r=t(e);return n.has(r)?n.get(r):(n.set(r,e),e)}function vo({_intern:n,_key:t},e){let r=t(e);return n.has(r)&&(e=n.get(r),n.delete(r)),e}function To(n){return n!==null&&typeof n=="object"?n.valueOf():n}var ko=Array.prototype,_s=ko.slice;var $o=Math.sqrt(50),No=Math.sqrt(10),So=Math.sqrt(2);function ot(n,t,e){let r=(t-n)/Math.max(0,e),i=Math.floor(Math.log10(r)),o=r/Math.pow(10,i),a=o>=$o?10:o>=No?5:o>=So?2:1,s,l,u;return i<0?(u=Math.pow(10,-i)/a,s=Math.round(n*u),l=Math.round(t*u),s/u<n&&++s,l/u>t&&--l,u=-u):(u=Math.pow(10,i)*a,s=Math.round(n/u),l=Math.round(t/u),s*u<n&&++s,l*u>t&&--l),l<s&&.5<=e&&e<2?ot(n,t,e*2):[s,l,u]}function Le(n,t,e){if(t=+t,n=+n,e=+e,!(e>0))return[];if(n===t)return[n];let r=t<n,[i,o,a]=r?ot(t,n,e):ot(n,t,e);if(!(o>=i))return[];let s=o-i+1,l=new Array(s);if(r)if(a<0)for(let u=0;u<s;++u)l[u]=(o-u)/-a;else for(let u=0;u<s;++u)l[u]=(o-u)*a;else if(a<0)for(let u=0;u<s;++u)l[u]=(i+u)/-a;else for(let u=0;u<s;++u)l[u]=(i+u)*a;return l}function at(n,t,e){return t=+t,n=+n,e=+e,ot(n,t,e)[2]}function On(n,t,e){t=+t,n=+n,e=+e;let r=t<n,i=r?at(t,n,e):at(n,t,e);return(r?-1:1)*(i<0?1/-i:i)}function Oe(n,t,e){n=+n,t=+t,e=(i=arguments.length)<2?(t=n,n=0,1):i<3?1:+e;for(var r=-1,i=Math.max(0,Math.ceil((t-n)/e))|0,o=new Array(i);++r<i;)o[r]=n+r*e;return o}var ys=Co(Math.random);function Co(n){return function(e,r=0,i=e.length){let o=i-(r=+r);for(;o;){let a=n()*o--|0,s=e[o+r];e[o+r]=e[a+r],e[a+r]=s}return e}}function An(n,t,e){n.prototype=t.prototype=e,e.constructor=n}function Wn(n,t){var e=Object.create(n.prototype);for(var r in t)e[r]=t[r];return e}function on(){}var dn=.7,Cn=1/dn,Nn="\\\\s*([+-]?\\\\d+)\\\\s*",Hn="\\\\s*([+-]?(?:\\\\d*\\\\.)?\\\\d+(?:[eE][+-]?\\\\d+)?)\\\\s*",V="\\\\s*([+-]?(?:\\\\d*\\\\.)?\\\\d+(?:[eE][+-]?\\\\d+)?)%\\\\s*",Ao=/^#([0-9a-f]{3,8})$/,Do=new RegExp(`^rgb\\\\(${Nn},${Nn},${Nn}\\\\)$`),Ro=new RegExp(`^rgb\\\\(${V},${V},${V}\\\\)$`),Uo=new RegExp(`^rgba\\\\(${Nn},${Nn},${Nn},${Hn}\\\\)$`),Eo=new RegExp(`^rgba\\\\(${V},${V},${V},${Hn}\\\\)$`),qo=new RegExp(`^hsl\\\\(${Hn},${V},${V}\\\\)$`),Io=new RegExp(`^hsla\\\\(${Hn},${V},${V},${Hn}\\\\)$`),He={aliceblue:15792383,antiquewhite:16444375,aqua:65535,aquamarine:8388564,azure:15794175,beige:16119260,bisque:16770244,black:0,blanchedalmond:16772045,blue:255,blueviolet:9055202,brown:10824234,burlywood:14596231,cadetblue:6266528,chartreuse:8388352,chocolate:13789470,coral:16744272,cornflowerblue:6591981,cornsilk:16775388,crimson:14423100,cyan:65535,darkblue:139,darkcyan:35723,darkgoldenrod:12092939,darkgray:11119017,darkgreen:25600,darkgrey:11119017,darkkhaki:12433259,darkmagenta:9109643,darkolivegreen:5597999,darkorange:16747520,darkorchid:10040012,darkred:9109504,darksalmon:15308410,darkseagreen:9419919,darkslateblue:4734347,darkslategray:3100495,darkslategrey:3100495,darkturquoise:52945,darkviolet:9699539,deeppink:16716947,deepskyblue:49151,dimgray:6908265,dimgrey:6908265,dodgerblue:2003199,firebrick:11674146,floralwhite:16775920,forestgreen:2263842,fuchsia:16711935,gainsboro:14474460,ghostwhite:16316671,gold:16766720,goldenrod:14329120,gray:8421504,green:32768,greenyellow:11403055,grey:8421504,honeydew:15794160,hotpink:16738740,indianred:13458524,indigo:4915330,ivory:16777200,khaki:15787660,lavender:15132410,lavenderblush:16773365,lawngreen:8190976,lemonchiffon:16775885,lightblue:11393254,lightcoral:15761536,lightcyan:14745599,lightgoldenrodyellow:16448210,lightgray:13882323,lightgreen:9498256,lightgrey:13882323,lightpink:16758465,lightsalmon:16752762,lightseagreen:2142890,lightskyblue:8900346,lightslategray:7833753,lightslategrey:7833753,lightsteelblue:11584734,lightyellow:16777184,lime:65280,limegreen:3329330,linen:16445670,magenta:16711935,maroon:8388608,mediumaquamarine:6737322,mediumblue:205,mediumorchid:12211667,mediumpurple:9662683,mediumseagreen:3978097,mediumslateblue:8087790,mediumspringgreen:64154,mediumturquoise:4772300,mediumvioletred:13047173,midnightblue:1644912,mintcream:16121850,mistyrose:16770273,moccasin:16770229,navajowhite:16768685,navy:128,oldlace:16643558,olive:8421376,olivedrab:7048739,orange:16753920,orangered:16729344,orchid:14315734,palegoldenrod:15657130,palegreen:10025880,paleturquoise:11529966,palevioletred:14381203,papayawhip:16773077,peachpuff:16767673,peru:13468991,pink:16761035,plum:14524637,powderblue:11591910,purple:8388736,rebeccapurple:6697881,red:16711680,rosybrown:12357519,royalblue:4286945,saddlebrown:9127187,salmon:16416882,sandybrown:16032864,seagreen:3050327,seashell:16774638,sienna:10506797,silver:12632256,skyblue:8900331,slateblue:6970061,slategray:7372944,slategrey:7372944,snow:16775930,springgreen:65407,steelblue:4620980,tan:13808780,teal:32896,thistle:14204888,tomato:16737095,turquoise:4251856,violet:15631086,wheat:16113331,white:16777215,whitesmoke:16119285,yellow:16776960,yellowgreen:10145074};An(on,Dn,{copy(n){return Object.assign(new this.constructor,this,n)},displayable(){return this.rgb().displayable()},hex:ze,formatHex:ze,formatHex8:Po,formatHsl:Yo,formatRgb:We,toString:We});function ze(){return this.rgb().formatHex()}function Po(){return this.rgb().formatHex8()}function Yo(){return Ke(this).formatHsl()}function We(){return this.rgb().formatRgb()}function Dn(n){var t,e;return n=(n+"").trim().toLowerCase(),(t=Ao.exec(n))?(e=t[1].length,t=parseInt(t[1],16),e===6?Xe(t):e===3?new q(t>>8&15|t>>4&240,t>>4&15|t&240,(t&15)<<4|t&15,1):e===8?st(t>>24&255,t>>16&255,t>>8&255,(t&255)/255):e===4?st(t>>12&15|t>>8&240,t>>8&15|t>>4&240,t>>4&15|t&240,((t&15)<<4|t&15)/255):null):(t=Do.exec(n))?new q(t[1],t[2],t[3],1):(t=Ro.exec(n))?new q(t[1]*255/100,t[2]*255/100,t[3]*255/100,1):(t=Uo.exec(n))?st(t[1],t[2],t[3],t[4]):(t=Eo.exec(n))?st(t[1]*255/100,t[2]*255/100,t[3]*255/100,t[4]):(t=qo.exec(n))?Ve(t[1],t[2]/100,t[3]/100,1):(t=Io.exec(n))?Ve(t[1],t[2]/100,t[3]/100,t[4]):He.hasOwnProperty(n)?Xe(He[n]):n==="transparent"?new q(NaN,NaN,NaN,0):null}function Xe(n){return new q(n>>16&255,n>>8&255,n&255,1)}function st(n,t,e,r){return r<=0&&(n=t=e=NaN),new q(n,t,e,r)}function Lt(n){return n instanceof on||(n=Dn(n)),n?(n=n.rgb(),new q(n.r,n.g,n.b,n.opacity)):new q}function Xn(n,t,e,r){return arguments.length===1?Lt(n):new q(n,t,e,r??1)}function q(n,t,e,r){this.r=+n,this.g=+t,this.b=+e,this.opacity=+r}An(q,Xn,Wn(on,{brighter(n){return n=n==null?Cn:Math.pow(Cn,n),new q(this.r*n,this.g*n,this.b*n,this.opacity)},darker(n){return n=n==null?dn:Math.pow(dn,n),new q(this.r*n,this.g*n,this.b*n,this.opacity)},rgb(){return this},clamp(){return new q(hn(this.r),hn(this.g),hn(this.b),ct(this.opacity))},displayable(){return-.5<=this.r&&this.r<255.5&&-.5<=this.g&&this.g<255.5&&-.5<=this.b&&this.b<255.5&&0<=this.opacity&&this.opacity<=1},hex:Be,formatHex:Be,formatHex8:Fo,formatRgb:je,toString:je}));function Be(){return`#${fn(this.r)}${fn(this.g)}${fn(this.b)}`}function Fo(){return`#${fn(this.r)}${fn(this.g)}${fn(this.b)}${fn((isNaN(this.opacity)?1:this.opacity)*255)}`}function je(){let n=ct(this.opacity);return`${n===1?"rgb(":"rgba("}${hn(this.r)}, ${hn(this.g)}, ${hn(this.b)}${n===1?")":`, ${n})`}`}function ct(n){return isNaN(n)?1:Math.max(0,Math.min(1,n))}function hn(n){return Math.max(0,Math.min(255,Math.round(n)||0))}function fn(n){return n=hn(n),(n<16?"0":"")+n.toString(16)}function Ve(n,t,e,r){return r<=0?n=t=e=NaN:e<=0||e>=1?n=t=NaN:t<=0&&(n=NaN),new X(n,t,e,r)}function Ke(n){if(n instanceof X)return new X(n.h,n.s,n.l,n.opacity);if(n instanceof on||(n=Dn(n)),!n)return new X;if(n instanceof X)return n;n=n.rgb();var t=n.r/255,e=n.g/255,r=n.b/255,i=Math.min(t,e,r),o=Math.max(t,e,r),a=NaN,s=o-i,l=(o+i)/2;return s?(t===o?a=(e-r)/s+(e<r)*6:e===o?a=(r-t)/s+2:a=(t-e)/s+4,s/=l<.5?o+i:2-o-i,a*=60):s=l>0&&l<1?0:a,new X(a,s,l,n.opacity)}function ht(n,t,e,r){return arguments.length===1?Ke(n):new X(n,t,e,r??1)}function X(n,t,e,r){this.h=+n,this.s=+t,this.l=+e,this.opacity=+r}An(X,ht,Wn(on,{brighter(n){return n=n==null?Cn:Math.pow(Cn,n),new X(this.h,this.s,this.l*n,this.opacity)},darker(n){return n=n==null?dn:Math.pow(dn,n),new X(this.h,this.s,this.l*n,this.opacity)},rgb(){var n=this.h%360+(this.h<0)*360,t=isNaN(n)||isNaN(this.s)?0:this.s,e=this.l,r=e+(e<.5?e:1-e)*t,i=2*e-r;return new q(qt(n>=240?n-240:n+120,i,r),qt(n,i,r),qt(n<120?n+240:n-120,i,r),this.opacity)},clamp(){return new X(Ze(this.h),lt(this.s),lt(this.l),ct(this.opacity))},displayable(){return(0<=this.s&&this.s<=1||isNaN(this.s))&&0<=this.l&&this.l<=1&&0<=this.opacity&&this.opacity<=1},formatHsl(){let n=ct(this.opacity);return`${n===1?"hsl(":"hsla("}${Ze(this.h)}, ${lt(this.s)*100}%, ${lt(this.l)*100}%${n===1?")":`, ${n})`}`}}));function Ze(n){return n=(n||0)%360,n<0?n+360:n}function lt(n){return Math.max(0,Math.min(1,n||0))}function qt(n,t,e){return(n<60?t+(e-t)*n/60:n<180?e:n<240?t+(e-t)*(240-n)/60:t)*255}var nr=Math.PI/180,tr=180/Math.PI,ft=18,er=.96422,rr=1,ir=.82521,or=4/29,Sn=6/29,ar=3*Sn*Sn,Lo=Sn*Sn*Sn;function ur(n){if(n instanceof Z)return new Z(n.l,n.a,n.b,n.opacity);if(n instanceof K)return lr(n);n instanceof q||(n=Lt(n));var t=Ft(n.r),e=Ft(n.g),r=Ft(n.b),i=It((.2225045*t+.7168786*e+.0606169*r)/rr),o,a;return t===e&&e===r?o=a=i:(o=It((.4360747*t+.3850649*e+.1430804*r)/er),a=It((.0139322*t+.0971045*e+.7141733*r)/ir)),new Z(116*i-16,500*(o-i),200*(i-a),n.opacity)}function sr(n,t,e,r){return arguments.length===1?ur(n):new Z(n,t,e,r??1)}function Z(n,t,e,r){this.l=+n,this.a=+t,this.b=+e,this.opacity=+r}An(Z,sr,Wn(on,{brighter(n){return new Z(this.l+ft*(n??1),this.a,this.b,this.opacity)},darker(n){return new Z(this.l-ft*(n??1),this.a,this.b,this.opacity)},rgb(){var n=(this.l+16)/116,t=isNaN(this.a)?n:n+this.a/500,e=isNaN(this.b)?n:n-this.b/200;return t=er*Pt(t),n=rr*Pt(n),e=ir*Pt(e),new q(Yt(3.1338561*t-1.6168667*n-.4906146*e),Yt(-.9787684*t+1.9161415*n+.033454*e),Yt(.0719453*t-.2289914*n+1.4052427*e),this.opacity)}}));function It(n){return n>Lo?Math.pow(n,1/3):n/ar+or}function Pt(n){return n>Sn?n*n*n:ar*(n-or)}function Yt(n){return 255*(n<=.0031308?12.92*n:1.055*Math.pow(n,1/2.4)-.055)}function Ft(n){return(n/=255)<=.04045?n/12.92:Math.pow((n+.055)/1.055,2.4)}function Oo(n){if(n instanceof K)return new K(n.h,n.c,n.l,n.opacity);if(n instanceof Z||(n=ur(n)),n.a===0&&n.b===0)return new K(NaN,0<n.l&&n.l<100?0:NaN,n.l,n.opacity);var t=Math.atan2(n.b,n.a)*tr;return new K(t<0?t+360:t,Math.sqrt(n.a*n.a+n.b*n.b),n.l,n.opacity)}function gt(n,t,e,r){return arguments.length===1?Oo(n):new K(n,t,e,r??1)}function K(n,t,e,r){this.h=+n,this.c=+t,this.l=+e,this.opacity=+r}function lr(n){if(isNaN(n.h))return new Z(n.l,0,0,n.opacity);var t=n.h*nr;return new Z(n.l,Math.cos(t)*n.c,Math.sin(t)*n.c,n.opacity)}An(K,gt,Wn(on,{brighter(n){return new K(this.h,this.c,this.l+ft*(n??1),this.opacity)},darker(n){return new K(this.h,this.c,this.l-ft*(n??1),this.opacity)},rgb(){return lr(this).rgb()}}));var cr=-.14861,Ot=1.78277,Ht=-.29227,dt=-.90649,zn=1.97294,Qe=zn*dt,Ge=zn*Ot,Je=Ot*Ht-dt*cr;function Ho(n){if(n instanceof gn)return new gn(n.h,n.s,n.l,n.opacity);n instanceof q||(n=Lt(n));var t=n.r/255,e=n.g/255,r=n.b/255,i=(Je*r+Qe*t-Ge*e)/(Je+Qe-Ge),o=r-i,a=(zn*(e-i)-Ht*o)/dt,s=Math.sqrt(a*a+o*o)/(zn*i*(1-i)),l=s?Math.atan2(a,o)*tr-120:NaN;return new gn(l<0?l+360:l,s,i,n.opacity)}function mt(n,t,e,r){return arguments.length===1?Ho(n):new gn(n,t,e,r??1)}function gn(n,t,e,r){this.h=+n,this.s=+t,this.l=+e,this.opacity=+r}An(gn,mt,Wn(on,{brighter(n){return n=n==null?Cn:Math.pow(Cn,n),new gn(this.h,this.s,this.l*n,this.opacity)},darker(n){return n=n==null?dn:Math.pow(dn,n),new gn(this.h,this.s,this.l*n,this.opacity)},rgb(){var n=isNaN(this.h)?0:(this.h+120)*nr,t=+this.l,e=isNaN(this.s)?0:this.s*t*(1-t),r=Math.cos(n),i=Math.sin(n);return new q(255*(t+e*(cr*r+Ot*i)),255*(t+e*(Ht*r+dt*i)),255*(t+e*(zn*r)),this.opacity)}}));function dr(n,t,e,r,i){var o=n*n,a=o*n;return((1-3*n+3*o-a)*t+(4-6*o+3*a)*e+(1+3*n+3*o-3*a)*r+a*i)/6}function zo(n){var t=n.length-1;return function(e){var r=e<=0?e=0:e>=1?(e=1,t-1):Math.floor(e*t),i=n[r],o=n[r+1],a=r>0?n[r-1]:2*i-o,s=r<t-1?n[r+2]:2*o-i;return dr((e-r/t)*t,a,i,o,s)}}function Wo(n){var t=n.length;return function(e){var r=Math.floor(((e%=1)<0?++e:e)*t),i=n[(r+t-1)%t],o=n[r%t],a=n[(r+1)%t],s=n[(r+2)%t];return dr((e-r/t)*t,i,o,a,s)}}var _t=n=>()=>n;function mr(n,t){return function(e){return n+e*t}}function Xo(n,t,e){return n=Math.pow(n,e),t=Math.pow(t,e)-n,e=1/e,function(r){return Math.pow(n+r*t,e)}}function Bt(n,t){var e=t-n;return e?mr(n,e>180||e<-180?e-360*Math.round(e/360):e):_t(isNaN(n)?t:n)}function Bo(n){return(n=+n)==1?F:function(t,e){return e-t?Xo(t,e,n):_t(isNaN(t)?e:t)}}function F(n,t){var e=t-n;return e?mr(n,e):_t(isNaN(n)?t:n)}var fr=(function n(t){var e=Bo(t);function r(i,o){var a=e((i=Xn(i)).r,(o=Xn(o)).r),s=e(i.g,o.g),l=e(i.b,o.b),u=F(i.opacity,o.opacity);return function(c){return i.r=a(c),i.g=s(c),i.b=l(c),i.opacity=u(c),i+""}}return r.gamma=n,r})(1);function pr(n){return function(t){var e=t.length,r=new Array(e),i=new Array(e),o=new Array(e),a,s;for(a=0;a<e;++a)s=Xn(t[a]),r[a]=s.r||0,i[a]=s.g||0,o[a]=s.b||0;return r=n(r),i=n(i),o=n(o),s.opacity=1,function(l){return s.r=r(l),s.g=i(l),s.b=o(l),s+""}}}var bs=pr(zo),vs=pr(Wo);function jo(n,t){t||(t=[]);var e=n?Math.min(t.length,n.length):0,r=t.slice(),i;return function(o){for(i=0;i<e;++i)r[i]=n[i]*(1-o)+t[i]*o;return r}}function Vo(n){return ArrayBuffer.isView(n)&&!(n instanceof DataView)}function Zo(n,t){var e=t?t.length:0,r=n?Math.min(e,n.length):0,i=new Array(r),o=new Array(e),a;for(a=0;a<r;++a)i[a]=yt(n[a],t[a]);for(;a<e;++a)o[a]=t[a];return function(s){for(a=0;a<r;++a)o[a]=i[a](s);return o}}function Qo(n,t){var e=new Date;return n=+n,t=+t,function(r){return e.setTime(n*(1-r)+t*r),e}}function B(n,t){return n=+n,t=+t,function(e){return n*(1-e)+t*e}}function Go(n,t){var e={},r={},i;(n===null||typeof n!="object")&&(n={}),(t===null||typeof t!="object")&&(t={});for(i in t)i in n?e[i]=yt(n[i],t[i]):r[i]=t[i];return function(o){for(i in e)r[i]=e[i](o);return r}}var Wt=/[-+]?(?:\\d+\\.?\\d*|\\.?\\d+)(?:[eE][-+]?\\d+)?/g,zt=new RegExp(Wt.source,"g");function Jo(n){return function(){return n}}function Ko(n){return function(t){return n(t)+""}}function na(n,t){var e=Wt.lastIndex=zt.lastIndex=0,r,i,o,a=-1,s=[],l=[];for(n=n+"",t=t+"";(r=Wt.exec(n))&&(i=zt.exec(t));)(o=i.index)>e&&(o=t.slice(e,o),s[a]?s[a]+=o:s[++a]=o),(r=r[0])===(i=i[0])?s[a]?s[a]+=i:s[++a]=i:(s[++a]=null,l.push({i:a,x:B(r,i)})),e=zt.lastIndex;return e<t.length&&(o=t.slice(e),s[a]?s[a]+=o:s[++a]=o),s.length<2?l[0]?Ko(l[0].x):Jo(t):(t=l.length,function(u){for(var c=0,h;c<t;++c)s[(h=l[c]).i]=h.x(u);return s.join("")})}function yt(n,t){var e=typeof t,r;return t==null||e==="boolean"?_t(t):(e==="number"?B:e==="string"?(r=Dn(t))?(t=r,fr):na:t instanceof Dn?fr:t instanceof Date?Qo:Vo(t)?jo:Array.isArray(t)?Zo:typeof t.valueOf!="function"&&typeof t.toString!="function"||isNaN(t)?Go:B)(n,t)}function _r(n,t){return n=+n,t=+t,function(e){return Math.round(n*(1-e)+t*e)}}var hr=180/Math.PI,Xt={translateX:0,translateY:0,rotate:0,skewX:0,scaleX:1,scaleY:1};function yr(n,t,e,r,i,o){var a,s,l;return(a=Math.sqrt(n*n+t*t))&&(n/=a,t/=a),(l=n*e+t*r)&&(e-=n*l,r-=t*l),(s=Math.sqrt(e*e+r*r))&&(e/=s,r/=s,l/=s),n*r<t*e&&(n=-n,t=-t,l=-l,a=-a),{translateX:i,translateY:o,rotate:Math.atan2(t,n)*hr,skewX:Math.atan(l)*hr,scaleX:a,scaleY:s}}var pt;function ta(n){let t=new(typeof DOMMatrix=="function"?DOMMatrix:WebKitCSSMatrix)(n+"");return t.isIdentity?Xt:yr(t.a,t.b,t.c,t.d,t.e,t.f)}function ea(n){return n==null||(pt||(pt=document.createElementNS("http://www.w3.org/2000/svg","g")),pt.setAttribute("transform",n),!(n=pt.transform.baseVal.consolidate()))?Xt:(n=n.matrix,yr(n.a,n.b,n.c,n.d,n.e,n.f))}function xr(n,t,e,r){function i(u){return u.length?u.pop()+" ":""}function o(u,c,h,f,g,p){if(u!==h||c!==f){var _=g.push("translate(",null,t,null,e);p.push({i:_-4,x:B(u,h)},{i:_-2,x:B(c,f)})}else(h||f)&&g.push("translate("+h+t+f+e)}function a(u,c,h,f){u!==c?(u-c>180?c+=360:c-u>180&&(u+=360),f.push({i:h.push(i(h)+"rotate(",null,r)-2,x:B(u,c)})):c&&h.push(i(h)+"rotate("+c+r)}function s(u,c,h,f){u!==c?f.push({i:h.push(i(h)+"skewX(",null,r)-2,x:B(u,c)}):c&&h.push(i(h)+"skewX("+c+r)}function l(u,c,h,f,g,p){if(u!==h||c!==f){var _=g.push(i(g)+"scale(",null,",",null,")");p.push({i:_-4,x:B(u,h)},{i:_-2,x:B(c,f)})}else(h!==1||f!==1)&&g.push(i(g)+"scale("+h+","+f+")")}return function(u,c){var h=[],f=[];return u=n(u),c=n(c),o(u.translateX,u.translateY,c.translateX,c.translateY,h,f),a(u.rotate,c.rotate,h,f),s(u.skewX,c.skewX,h,f),l(u.scaleX,u.scaleY,c.scaleX,c.scaleY,h,f),u=c=null,function(g){for(var p=-1,_=f.length,w;++p<_;)h[(w=f[p]).i]=w.x(g);return h.join("")}}}var Ts=xr(ta,"px, ","px)","deg)"),ks=xr(ea,", ",")",")"),ra=1e-12;function gr(n){return((n=Math.exp(n))+1/n)/2}function ia(n){return((n=Math.exp(n))-1/n)/2}function oa(n){return((n=Math.exp(2*n))-1)/(n+1)}var $s=(function n(t,e,r){function i(o,a){var s=o[0],l=o[1],u=o[2],c=a[0],h=a[1],f=a[2],g=c-s,p=h-l,_=g*g+p*p,w,M;if(_<ra)M=Math.log(f/u)/t,w=function(U){return[s+U*g,l+U*p,u*Math.exp(t*U*M)]};else{var d=Math.sqrt(_),v=(f*f-u*u+r*_)/(2*u*e*d),b=(f*f-u*u-r*_)/(2*f*e*d),A=Math.log(Math.sqrt(v*v+1)-v),y=Math.log(Math.sqrt(b*b+1)-b);M=(y-A)/t,w=function(U){var G=U*M,ln=gr(A),wn=u/(e*d)*(ln*oa(t*G+A)-ia(A));return[s+wn*g,l+wn*p,u*ln/gr(t*G+A)]}}return w.duration=Math.abs(M)*1e3*t/Math.SQRT2,w}return i.rho=function(o){var a=Math.max(.001,+o),s=a*a,l=s*s;return n(a,s,l)},i})(Math.SQRT2,2,4);function wr(n){return function(t,e){var r=n((t=ht(t)).h,(e=ht(e)).h),i=F(t.s,e.s),o=F(t.l,e.l),a=F(t.opacity,e.opacity);return function(s){return t.h=r(s),t.s=i(s),t.l=o(s),t.opacity=a(s),t+""}}}var Ns=wr(Bt),Ss=wr(F);function Mr(n){return function(t,e){var r=n((t=gt(t)).h,(e=gt(e)).h),i=F(t.c,e.c),o=F(t.l,e.l),a=F(t.opacity,e.opacity);return function(s){return t.h=r(s),t.c=i(s),t.l=o(s),t.opacity=a(s),t+""}}}var Cs=Mr(Bt),As=Mr(F);function br(n){return(function t(e){e=+e;function r(i,o){var a=n((i=mt(i)).h,(o=mt(o)).h),s=F(i.s,o.s),l=F(i.l,o.l),u=F(i.opacity,o.opacity);return function(c){return i.h=a(c),i.s=s(c),i.l=l(Math.pow(c,e)),i.opacity=u(c),i+""}}return r.gamma=t,r})(1)}var Ds=br(Bt),Rs=br(F);function aa(n){return Math.abs(n=Math.round(n))>=1e21?n.toLocaleString("en").replace(/,/g,""):n.toString(10)}function wt(n,t){if(!isFinite(n)||n===0)return null;var e=(n=t?n.toExponential(t-1):n.toExponential()).indexOf("e"),r=n.slice(0,e);return[r.length>1?r[0]+r.slice(2):r,+n.slice(e+1)]}function Rn(n){return n=wt(Math.abs(n)),n?n[1]:NaN}function ua(n,t){return function(e,r){for(var i=e.length,o=[],a=0,s=n[0],l=0;i>0&&s>0&&(l+s+1>r&&(s=Math.max(1,r-l)),o.push(e.substring(i-=s,i+s)),!((l+=s+1)>r));)s=n[a=(a+1)%n.length];return o.reverse().join(t)}}function sa(n){return function(t){return t.replace(/[0-9]/g,function(e){return n[+e]})}}var la=/^(?:(.)?([<>=^]))?([+\\-( ])?([$#])?(0)?(\\d+)?(,)?(\\.\\d+)?(~)?([a-z%])?$/i;function Bn(n){if(!(t=la.exec(n)))throw new Error("invalid format: "+n);var t;return new jt({fill:t[1],align:t[2],sign:t[3],symbol:t[4],zero:t[5],width:t[6],comma:t[7],precision:t[8]&&t[8].slice(1),trim:t[9],type:t[10]})}Bn.prototype=jt.prototype;function jt(n){this.fill=n.fill===void 0?" ":n.fill+"",this.align=n.align===void 0?">":n.align+"",this.sign=n.sign===void 0?"-":n.sign+"",this.symbol=n.symbol===void 0?"":n.symbol+"",this.zero=!!n.zero,this.width=n.width===void 0?void 0:+n.width,this.comma=!!n.comma,this.precision=n.precision===void 0?void 0:+n.precision,this.trim=!!n.trim,this.type=n.type===void 0?"":n.type+""}jt.prototype.toString=function(){return this.fill+this.align+this.sign+this.symbol+(this.zero?"0":"")+(this.width===void 0?"":Math.max(1,this.width|0))+(this.comma?",":"")+(this.precision===void 0?"":"."+Math.max(0,this.precision|0))+(this.trim?"~":"")+this.type};function ca(n){n:for(var t=n.length,e=1,r=-1,i;e<t;++e)switch(n[e]){case".":r=i=e;break;case"0":r===0&&(r=e),i=e;break;default:if(!+n[e])break n;r>0&&(r=0);break}return r>0?n.slice(0,r)+n.slice(i+1):n}var Mt;function fa(n,t){var e=wt(n,t);if(!e)return Mt=void 0,n.toPrecision(t);var r=e[0],i=e[1],o=i-(Mt=Math.max(-8,Math.min(8,Math.floor(i/3)))*3)+1,a=r.length;return o===a?r:o>a?r+new Array(o-a+1).join("0"):o>0?r.slice(0,o)+"."+r.slice(o):"0."+new Array(1-o).join("0")+wt(n,Math.max(0,t+o-1))[0]}function vr(n,t){var e=wt(n,t);if(!e)return n+"";var r=e[0],i=e[1];return i<0?"0."+new Array(-i).join("0")+r:r.length>i+1?r.slice(0,i+1)+"."+r.slice(i+1):r+new Array(i-r.length+2).join("0")}var Tr={"%":(n,t)=>(n*100).toFixed(t),b:n=>Math.round(n).toString(2),c:n=>n+"",d:aa,e:(n,t)=>n.toExponential(t),f:(n,t)=>n.toFixed(t),g:(n,t)=>n.toPrecision(t),o:n=>Math.round(n).toString(8),p:(n,t)=>vr(n*100,t),r:vr,s:fa,X:n=>Math.round(n).toString(16).toUpperCase(),x:n=>Math.round(n).toString(16)};function kr(n){return n}var $r=Array.prototype.map,Nr=["y","z","a","f","p","n","\\xB5","m","","k","M","G","T","P","E","Z","Y"];function ha(n){var t=n.grouping===void 0||n.thousands===void 0?kr:ua($r.call(n.grouping,Number),n.thousands+""),e=n.currency===void 0?"":n.currency[0]+"",r=n.currency===void 0?"":n.currency[1]+"",i=n.decimal===void 0?".":n.decimal+"",o=n.numerals===void 0?kr:sa($r.call(n.numerals,String)),a=n.percent===void 0?"%":n.percent+"",s=n.minus===void 0?"\\u2212":n.minus+"",l=n.nan===void 0?"NaN":n.nan+"";function u(h,f){h=Bn(h);var g=h.fill,p=h.align,_=h.sign,w=h.symbol,M=h.zero,d=h.width,v=h.comma,b=h.precision,A=h.trim,y=h.type;y==="n"?(v=!0,y="g"):Tr[y]||(b===void 0&&(b=12),A=!0,y="g"),(M||g==="0"&&p==="=")&&(M=!0,g="0",p="=");var U=(f&&f.prefix!==void 0?f.prefix:"")+(w==="$"?e:w==="#"&&/[boxX]/.test(y)?"0"+y.toLowerCase():""),G=(w==="$"?r:/[%p]/.test(y)?a:"")+(f&&f.suffix!==void 0?f.suffix:""),ln=Tr[y],wn=/[defgprs%]/.test(y);b=b===void 0?6:/[gprs]/.test(y)?Math.max(1,Math.min(21,b)):Math.max(0,Math.min(20,b));function et(N){var J=U,P=G,rn,rt,Mn;if(y==="c")P=ln(N)+P,N="";else{N=+N;var bn=N<0||1/N<0;if(N=isNaN(N)?l:ln(Math.abs(N),b),A&&(N=ca(N)),bn&&+N==0&&_!=="+"&&(bn=!1),J=(bn?_==="("?_:s:_==="-"||_==="("?"":_)+J,P=(y==="s"&&!isNaN(N)&&Mt!==void 0?Nr[8+Mt/3]:"")+P+(bn&&_==="("?")":""),wn){for(rn=-1,rt=N.length;++rn<rt;)if(Mn=N.charCodeAt(rn),48>Mn||Mn>57){P=(Mn===46?i+N.slice(rn+1):N.slice(rn))+P,N=N.slice(0,rn);break}}}v&&!M&&(N=t(N,1/0));var vn=J.length+N.length+P.length,W=vn<d?new Array(d-vn+1).join(g):"";switch(v&&M&&(N=t(W+N,W.length?d-P.length:1/0),W=""),p){case"<":N=J+N+P+W;break;case"=":N=J+W+N+P;break;case"^":N=W.slice(0,vn=W.length>>1)+J+N+P+W.slice(vn);break;default:N=W+J+N+P;break}return o(N)}return et.toString=function(){return h+""},et}function c(h,f){var g=Math.max(-8,Math.min(8,Math.floor(Rn(f)/3)))*3,p=Math.pow(10,-g),_=u((h=Bn(h),h.type="f",h),{suffix:Nr[8+g/3]});return function(w){return _(p*w)}}return{format:u,formatPrefix:c}}var xt,Vt,Zt;ga({thousands:",",grouping:[3],currency:["$",""]});function ga(n){return xt=ha(n),Vt=xt.format,Zt=xt.formatPrefix,xt}function Sr(n){return Math.max(0,-Rn(Math.abs(n)))}function Cr(n,t){return Math.max(0,Math.max(-8,Math.min(8,Math.floor(Rn(t)/3)))*3-Rn(Math.abs(n)))}function Ar(n,t){return n=Math.abs(n),t=Math.abs(t)-n,Math.max(0,Rn(t)-Rn(n))+1}var Qt=new Date,Gt=new Date;function E(n,t,e,r){function i(o){return n(o=arguments.length===0?new Date:new Date(+o)),o}return i.floor=o=>(n(o=new Date(+o)),o),i.ceil=o=>(n(o=new Date(o-1)),t(o,1),n(o),o),i.round=o=>{let a=i(o),s=i.ceil(o);return o-a<s-o?a:s},i.offset=(o,a)=>(t(o=new Date(+o),a==null?1:Math.floor(a)),o),i.range=(o,a,s)=>{let l=[];if(o=i.ceil(o),s=s==null?1:Math.floor(s),!(o<a)||!(s>0))return l;let u;do l.push(u=new Date(+o)),t(o,s),n(o);while(u<o&&o<a);return l},i.filter=o=>E(a=>{if(a>=a)for(;n(a),!o(a);)a.setTime(a-1)},(a,s)=>{if(a>=a)if(s<0)for(;++s<=0;)for(;t(a,-1),!o(a););else for(;--s>=0;)for(;t(a,1),!o(a););}),e&&(i.count=(o,a)=>(Qt.setTime(+o),Gt.setTime(+a),n(Qt),n(Gt),Math.floor(e(Qt,Gt))),i.every=o=>(o=Math.floor(o),!isFinite(o)||!(o>0)?null:o>1?i.filter(r?a=>r(a)%o===0:a=>i.count(0,a)%o===0):i)),i}var bt=E(()=>{},(n,t)=>{n.setTime(+n+t)},(n,t)=>t-n);bt.every=n=>(n=Math.floor(n),!isFinite(n)||!(n>0)?null:n>1?E(t=>{t.setTime(Math.floor(t/n)*n)},(t,e)=>{t.setTime(+t+e*n)},(t,e)=>(e-t)/n):bt);var Is=bt.range,nn=1e3,H=nn*60,tn=H*60,en=tn*24,Kt=en*7,Dr=en*30,Jt=en*365,an=E(n=>{n.setTime(n-n.getMilliseconds())},(n,t)=>{n.setTime(+n+t*nn)},(n,t)=>(t-n)/nn,n=>n.getUTCSeconds()),Ps=an.range,ne=E(n=>{n.setTime(n-n.getMilliseconds()-n.getSeconds()*nn)},(n,t)=>{n.setTime(+n+t*H)},(n,t)=>(t-n)/H,n=>n.getMinutes()),Ys=ne.range,vt=E(n=>{n.setUTCSeconds(0,0)},(n,t)=>{n.setTime(+n+t*H)},(n,t)=>(t-n)/H,n=>n.getUTCMinutes()),Fs=vt.range,te=E(n=>{n.setTime(n-n.getMilliseconds()-n.getSeconds()*nn-n.getMinutes()*H)},(n,t)=>{n.setTime(+n+t*tn)},(n,t)=>(t-n)/tn,n=>n.getHours()),Ls=te.range,Tt=E(n=>{n.setUTCMinutes(0,0,0)},(n,t)=>{n.setTime(+n+t*tn)},(n,t)=>(t-n)/tn,n=>n.getUTCHours()),Os=Tt.range,Un=E(n=>n.setHours(0,0,0,0),(n,t)=>n.setDate(n.getDate()+t),(n,t)=>(t-n-(t.getTimezoneOffset()-n.getTimezoneOffset())*H)/en,n=>n.getDate()-1),Hs=Un.range,En=E(n=>{n.setUTCHours(0,0,0,0)},(n,t)=>{n.setUTCDate(n.getUTCDate()+t)},(n,t)=>(t-n)/en,n=>n.getUTCDate()-1),zs=En.range,Rr=E(n=>{n.setUTCHours(0,0,0,0)},(n,t)=>{n.setUTCDate(n.getUTCDate()+t)},(n,t)=>(t-n)/en,n=>Math.floor(n/en)),Ws=Rr.range;function mn(n){return E(t=>{t.setDate(t.getDate()-(t.getDay()+7-n)%7),t.setHours(0,0,0,0)},(t,e)=>{t.setDate(t.getDate()+e*7)},(t,e)=>(e-t-(e.getTimezoneOffset()-t.getTimezoneOffset())*H)/Kt)}var jn=mn(0),Vn=mn(1),da=mn(2),ma=mn(3),pn=mn(4),pa=mn(5),_a=mn(6),Xs=jn.range,Bs=Vn.range,js=da.range,Vs=ma.range,Zs=pn.range,Qs=pa.range,Gs=_a.range;function _n(n){return E(t=>{t.setUTCDate(t.getUTCDate()-(t.getUTCDay()+7-n)%7),t.setUTCHours(0,0,0,0)},(t,e)=>{t.setUTCDate(t.getUTCDate()+e*7)},(t,e)=>(e-t)/Kt)}var qn=_n(0),Zn=_n(1),ya=_n(2),xa=_n(3),yn=_n(4),wa=_n(5),Ma=_n(6),Js=qn.range,Ks=Zn.range,nl=ya.range,tl=xa.range,el=yn.range,rl=wa.range,il=Ma.range,ee=E(n=>{n.setDate(1),n.setHours(0,0,0,0)},(n,t)=>{n.setMonth(n.getMonth()+t)},(n,t)=>t.getMonth()-n.getMonth()+(t.getFullYear()-n.getFullYear())*12,n=>n.getMonth()),ol=ee.range,kt=E(n=>{n.setUTCDate(1),n.setUTCHours(0,0,0,0)},(n,t)=>{n.setUTCMonth(n.getUTCMonth()+t)},(n,t)=>t.getUTCMonth()-n.getUTCMonth()+(t.getUTCFullYear()-n.getUTCFullYear())*12,n=>n.getUTCMonth()),al=kt.range,Q=E(n=>{n.setMonth(0,1),n.setHours(0,0,0,0)},(n,t)=>{n.setFullYear(n.getFullYear()+t)},(n,t)=>t.getFullYear()-n.getFullYear(),n=>n.getFullYear());Q.every=n=>!isFinite(n=Math.floor(n))||!(n>0)?null:E(t=>{t.setFullYear(Math.floor(t.getFullYear()/n)*n),t.setMonth(0,1),t.setHours(0,0,0,0)},(t,e)=>{t.setFullYear(t.getFullYear()+e*n)});var ul=Q.range,j=E(n=>{n.setUTCMonth(0,1),n.setUTCHours(0,0,0,0)},(n,t)=>{n.setUTCFullYear(n.getUTCFullYear()+t)},(n,t)=>t.getUTCFullYear()-n.getUTCFullYear(),n=>n.getUTCFullYear());j.every=n=>!isFinite(n=Math.floor(n))||!(n>0)?null:E(t=>{t.setUTCFullYear(Math.floor(t.getUTCFullYear()/n)*n),t.setUTCMonth(0,1),t.setUTCHours(0,0,0,0)},(t,e)=>{t.setUTCFullYear(t.getUTCFullYear()+e*n)});var sl=j.range;function Ur(n,t,e,r,i,o){let a=[[an,1,nn],[an,5,5*nn],[an,15,15*nn],[an,30,30*nn],[o,1,H],[o,5,5*H],[o,15,15*H],[o,30,30*H],[i,1,tn],[i,3,3*tn],[i,6,6*tn],[i,12,12*tn],[r,1,en],[r,2,2*en],[e,1,Kt],[t,1,Dr],[t,3,3*Dr],[n,1,Jt]];function s(u,c,h){let f=c<u;f&&([u,c]=[c,u]);let g=h&&typeof h.range=="function"?h:l(u,c,h),p=g?g.range(u,+c+1):[];return f?p.reverse():p}function l(u,c,h){let f=Math.abs(c-u)/h,g=ut(([,,w])=>w).right(a,f);if(g===a.length)return n.every(On(u/Jt,c/Jt,h));if(g===0)return bt.every(Math.max(On(u,c,h),1));let[p,_]=a[f/a[g-1][2]<a[g][2]/f?g-1:g];return p.every(_)}return[s,l]}var[Er,qr]=Ur(j,kt,qn,Rr,Tt,vt),[ba,va]=Ur(Q,ee,jn,Un,te,ne);function re(n){if(0<=n.y&&n.y<100){var t=new Date(-1,n.m,n.d,n.H,n.M,n.S,n.L);return t.setFullYear(n.y),t}return new Date(n.y,n.m,n.d,n.H,n.M,n.S,n.L)}function ie(n){if(0<=n.y&&n.y<100){var t=new Date(Date.UTC(-1,n.m,n.d,n.H,n.M,n.S,n.L));return t.setUTCFullYear(n.y),t}return new Date(Date.UTC(n.y,n.m,n.d,n.H,n.M,n.S,n.L))}function Qn(n,t,e){return{y:n,m:t,d:e,H:0,M:0,S:0,L:0}}function Ta(n){var t=n.dateTime,e=n.date,r=n.time,i=n.periods,o=n.days,a=n.shortDays,s=n.months,l=n.shortMonths,u=Gn(i),c=Jn(i),h=Gn(o),f=Jn(o),g=Gn(a),p=Jn(a),_=Gn(s),w=Jn(s),M=Gn(l),d=Jn(l),v={a:Mn,A:bn,b:vn,B:W,c:null,d:Or,e:Or,f:ja,g:ru,G:ou,H:Wa,I:Xa,j:Ba,L:Br,m:Va,M:Za,p:Ui,q:Ei,Q:Wr,s:Xr,S:Qa,u:Ga,U:Ja,V:Ka,w:nu,W:tu,x:null,X:null,y:eu,Y:iu,Z:au,"%":zr},b={a:qi,A:Ii,b:Pi,B:Yi,c:null,d:Hr,e:Hr,f:cu,g:wu,G:bu,H:uu,I:su,j:lu,L:Vr,m:fu,M:hu,p:Fi,q:Li,Q:Wr,s:Xr,S:gu,u:du,U:mu,V:pu,w:_u,W:yu,x:null,X:null,y:xu,Y:Mu,Z:vu,"%":zr},A={a:wn,A:et,b:N,B:J,c:P,d:Fr,e:Fr,f:La,g:Yr,G:Pr,H:Lr,I:Lr,j:Ia,L:Fa,m:qa,M:Pa,p:ln,q:Ea,Q:Ha,s:za,S:Ya,u:Ca,U:Aa,V:Da,w:Sa,W:Ra,x:rn,X:rt,y:Yr,Y:Pr,Z:Ua,"%":Oa};v.x=y(e,v),v.X=y(r,v),v.c=y(t,v),b.x=y(e,b),b.X=y(r,b),b.c=y(t,b);function y(x,k){return function(S){var m=[],Y=-1,R=0,L=x.length,O,cn,Te;for(S instanceof Date||(S=new Date(+S));++Y<L;)x.charCodeAt(Y)===37&&(m.push(x.slice(R,Y)),(cn=Ir[O=x.charAt(++Y)])!=null?O=x.charAt(++Y):cn=O==="e"?" ":"0",(Te=k[O])&&(O=Te(S,cn)),m.push(O),R=Y+1);return m.push(x.slice(R,Y)),m.join("")}}function U(x,k){return function(S){var m=Qn(1900,void 0,1),Y=G(m,x,S+="",0),R,L;if(Y!=S.length)return null;if("Q"in m)return new Date(m.Q);if("s"in m)return new Date(m.s*1e3+("L"in m?m.L:0));if(k&&!("Z"in m)&&(m.Z=0),"p"in m&&(m.H=m.H%12+m.p*12),m.m===void 0&&(m.m="q"in m?m.q:0),"V"in m){if(m.V<1||m.V>53)return null;"w"in m||(m.w=1),"Z"in m?(R=ie(Qn(m.y,0,1)),L=R.getUTCDay(),R=L>4||L===0?Zn.ceil(R):Zn(R),R=En.offset(R,(m.V-1)*7),m.y=R.getUTCFullYear(),m.m=R.getUTCMonth(),m.d=R.getUTCDate()+(m.w+6)%7):(R=re(Qn(m.y,0,1)),L=R.getDay(),R=L>4||L===0?Vn.ceil(R):Vn(R),R=Un.offset(R,(m.V-1)*7),m.y=R.getFullYear(),m.m=R.getMonth(),m.d=R.getDate()+(m.w+6)%7)}else("W"in m||"U"in m)&&("w"in m||(m.w="u"in m?m.u%7:"W"in m?1:0),L="Z"in m?ie(Qn(m.y,0,1)).getUTCDay():re(Qn(m.y,0,1)).getDay(),m.m=0,m.d="W"in m?(m.w+6)%7+m.W*7-(L+5)%7:m.w+m.U*7-(L+6)%7);return"Z"in m?(m.H+=m.Z/100|0,m.M+=m.Z%100,ie(m)):re(m)}}function G(x,k,S,m){for(var Y=0,R=k.length,L=S.length,O,cn;Y<R;){if(m>=L)return-1;if(O=k.charCodeAt(Y++),O===37){if(O=k.charAt(Y++),cn=A[O in Ir?k.charAt(Y++):O],!cn||(m=cn(x,S,m))<0)return-1}else if(O!=S.charCodeAt(m++))return-1}return m}function ln(x,k,S){var m=u.exec(k.slice(S));return m?(x.p=c.get(m[0].toLowerCase()),S+m[0].length):-1}function wn(x,k,S){var m=g.exec(k.slice(S));return m?(x.w=p.get(m[0].toLowerCase()),S+m[0].length):-1}function et(x,k,S){var m=h.exec(k.slice(S));return m?(x.w=f.get(m[0].toLowerCase()),S+m[0].length):-1}function N(x,k,S){var m=M.exec(k.slice(S));return m?(x.m=d.get(m[0].toLowerCase()),S+m[0].length):-1}function J(x,k,S){var m=_.exec(k.slice(S));return m?(x.m=w.get(m[0].toLowerCase()),S+m[0].length):-1}function P(x,k,S){return G(x,t,k,S)}function rn(x,k,S){return G(x,e,k,S)}function rt(x,k,S){return G(x,r,k,S)}function Mn(x){return a[x.getDay()]}function bn(x){return o[x.getDay()]}function vn(x){return l[x.getMonth()]}function W(x){return s[x.getMonth()]}function Ui(x){return i[+(x.getHours()>=12)]}function Ei(x){return 1+~~(x.getMonth()/3)}function qi(x){return a[x.getUTCDay()]}function Ii(x){return o[x.getUTCDay()]}function Pi(x){return l[x.getUTCMonth()]}function Yi(x){return s[x.getUTCMonth()]}function Fi(x){return i[+(x.getUTCHours()>=12)]}function Li(x){return 1+~~(x.getUTCMonth()/3)}return{format:function(x){var k=y(x+="",v);return k.toString=function(){return x},k},parse:function(x){var k=U(x+="",!1);return k.toString=function(){return x},k},utcFormat:function(x){var k=y(x+="",b);return k.toString=function(){return x},k},utcParse:function(x){var k=U(x+="",!0);return k.toString=function(){return x},k}}}var Ir={"-":"",_:" ",0:"0"},I=/^\\s*\\d+/,ka=/^%/,$a=/[\\\\^$*+?|[\\]().{}]/g;function C(n,t,e){var r=n<0?"-":"",i=(r?-n:n)+"",o=i.length;return r+(o<e?new Array(e-o+1).join(t)+i:i)}function Na(n){return n.replace($a,"\\\\$&")}function Gn(n){return new RegExp("^(?:"+n.map(Na).join("|")+")","i")}function Jn(n){return new Map(n.map((t,e)=>[t.toLowerCase(),e]))}function Sa(n,t,e){var r=I.exec(t.slice(e,e+1));return r?(n.w=+r[0],e+r[0].length):-1}function Ca(n,t,e){var r=I.exec(t.slice(e,e+1));return r?(n.u=+r[0],e+r[0].length):-1}function Aa(n,t,e){var r=I.exec(t.slice(e,e+2));return r?(n.U=+r[0],e+r[0].length):-1}function Da(n,t,e){var r=I.exec(t.slice(e,e+2));return r?(n.V=+r[0],e+r[0].length):-1}function Ra(n,t,e){var r=I.exec(t.slice(e,e+2));return r?(n.W=+r[0],e+r[0].length):-1}function Pr(n,t,e){var r=I.exec(t.slice(e,e+4));return r?(n.y=+r[0],e+r[0].length):-1}function Yr(n,t,e){var r=I.exec(t.slice(e,e+2));return r?(n.y=+r[0]+(+r[0]>68?1900:2e3),e+r[0].length):-1}function Ua(n,t,e){var r=/^(Z)|([+-]\\d\\d)(?::?(\\d\\d))?/.exec(t.slice(e,e+6));return r?(n.Z=r[1]?0:-(r[2]+(r[3]||"00")),e+r[0].length):-1}function Ea(n,t,e){var r=I.exec(t.slice(e,e+1));return r?(n.q=r[0]*3-3,e+r[0].length):-1}function qa(n,t,e){var r=I.exec(t.slice(e,e+2));return r?(n.m=r[0]-1,e+r[0].length):-1}function Fr(n,t,e){var r=I.exec(t.slice(e,e+2));return r?(n.d=+r[0],e+r[0].length):-1}function Ia(n,t,e){var r=I.exec(t.slice(e,e+3));return r?(n.m=0,n.d=+r[0],e+r[0].length):-1}function Lr(n,t,e){var r=I.exec(t.slice(e,e+2));return r?(n.H=+r[0],e+r[0].length):-1}function Pa(n,t,e){var r=I.exec(t.slice(e,e+2));return r?(n.M=+r[0],e+r[0].length):-1}function Ya(n,t,e){var r=I.exec(t.slice(e,e+2));return r?(n.S=+r[0],e+r[0].length):-1}function Fa(n,t,e){var r=I.exec(t.slice(e,e+3));return r?(n.L=+r[0],e+r[0].length):-1}function La(n,t,e){var r=I.exec(t.slice(e,e+6));return r?(n.L=Math.floor(r[0]/1e3),e+r[0].length):-1}function Oa(n,t,e){var r=ka.exec(t.slice(e,e+1));return r?e+r[0].length:-1}function Ha(n,t,e){var r=I.exec(t.slice(e));return r?(n.Q=+r[0],e+r[0].length):-1}function za(n,t,e){var r=I.exec(t.slice(e));return r?(n.s=+r[0],e+r[0].length):-1}function Or(n,t){return C(n.getDate(),t,2)}function Wa(n,t){return C(n.getHours(),t,2)}function Xa(n,t){return C(n.getHours()%12||12,t,2)}function Ba(n,t){return C(1+Un.count(Q(n),n),t,3)}function Br(n,t){return C(n.getMilliseconds(),t,3)}function ja(n,t){return Br(n,t)+"000"}function Va(n,t){return C(n.getMonth()+1,t,2)}function Za(n,t){return C(n.getMinutes(),t,2)}function Qa(n,t){return C(n.getSeconds(),t,2)}function Ga(n){var t=n.getDay();return t===0?7:t}function Ja(n,t){return C(jn.count(Q(n)-1,n),t,2)}function jr(n){var t=n.getDay();return t>=4||t===0?pn(n):pn.ceil(n)}function Ka(n,t){return n=jr(n),C(pn.count(Q(n),n)+(Q(n).getDay()===4),t,2)}function nu(n){return n.getDay()}function tu(n,t){return C(Vn.count(Q(n)-1,n),t,2)}function eu(n,t){return C(n.getFullYear()%100,t,2)}function ru(n,t){return n=jr(n),C(n.getFullYear()%100,t,2)}function iu(n,t){return C(n.getFullYear()%1e4,t,4)}function ou(n,t){var e=n.getDay();return n=e>=4||e===0?pn(n):pn.ceil(n),C(n.getFullYear()%1e4,t,4)}function au(n){var t=n.getTimezoneOffset();return(t>0?"-":(t*=-1,"+"))+C(t/60|0,"0",2)+C(t%60,"0",2)}function Hr(n,t){return C(n.getUTCDate(),t,2)}function uu(n,t){return C(n.getUTCHours(),t,2)}function su(n,t){return C(n.getUTCHours()%12||12,t,2)}function lu(n,t){return C(1+En.count(j(n),n),t,3)}function Vr(n,t){return C(n.getUTCMilliseconds(),t,3)}function cu(n,t){return Vr(n,t)+"000"}function fu(n,t){return C(n.getUTCMonth()+1,t,2)}function hu(n,t){return C(n.getUTCMinutes(),t,2)}function gu(n,t){return C(n.getUTCSeconds(),t,2)}function du(n){var t=n.getUTCDay();return t===0?7:t}function mu(n,t){return C(qn.count(j(n)-1,n),t,2)}function Zr(n){var t=n.getUTCDay();return t>=4||t===0?yn(n):yn.ceil(n)}function pu(n,t){return n=Zr(n),C(yn.count(j(n),n)+(j(n).getUTCDay()===4),t,2)}function _u(n){return n.getUTCDay()}function yu(n,t){return C(Zn.count(j(n)-1,n),t,2)}function xu(n,t){return C(n.getUTCFullYear()%100,t,2)}function wu(n,t){return n=Zr(n),C(n.getUTCFullYear()%100,t,2)}function Mu(n,t){return C(n.getUTCFullYear()%1e4,t,4)}function bu(n,t){var e=n.getUTCDay();return n=e>=4||e===0?yn(n):yn.ceil(n),C(n.getUTCFullYear()%1e4,t,4)}function vu(){return"+0000"}function zr(){return"%"}function Wr(n){return+n}function Xr(n){return Math.floor(+n/1e3)}var In,Qr,Tu,$t,Gr;ku({dateTime:"%x, %X",date:"%-m/%-d/%Y",time:"%-I:%M:%S %p",periods:["AM","PM"],days:["Sunday","Monday","Tuesday","Wednesday","Thursday","Friday","Saturday"],shortDays:["Sun","Mon","Tue","Wed","Thu","Fri","Sat"],months:["January","February","March","April","May","June","July","August","September","October","November","December"],shortMonths:["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"]});function ku(n){return In=Ta(n),Qr=In.format,Tu=In.parse,$t=In.utcFormat,Gr=In.utcParse,In}var Jr="%Y-%m-%dT%H:%M:%S.%LZ";function $u(n){return n.toISOString()}var fl=Date.prototype.toISOString?$u:$t(Jr);function Nu(n){var t=new Date(n);return isNaN(t)?null:t}var hl=+new Date("2000-01-01T00:00:00.000Z")?Nu:Gr(Jr);function Nt(n,t){switch(arguments.length){case 0:break;case 1:this.range(n);break;default:this.range(t).domain(n);break}return this}var Kr=Symbol("implicit");function ti(){var n=new Ln,t=[],e=[],r=Kr;function i(o){let a=n.get(o);if(a===void 0){if(r!==Kr)return r;n.set(o,a=t.push(o)-1)}return e[a%e.length]}return i.domain=function(o){if(!arguments.length)return t.slice();t=[],n=new Ln;for(let a of o)n.has(a)||n.set(a,t.push(a)-1);return i},i.range=function(o){return arguments.length?(e=Array.from(o),i):e.slice()},i.unknown=function(o){return arguments.length?(r=o,i):r},i.copy=function(){return ti(t,e).unknown(r)},Nt.apply(i,arguments),i}function ae(){var n=ti().unknown(void 0),t=n.domain,e=n.range,r=0,i=1,o,a,s=!1,l=0,u=0,c=.5;delete n.unknown;function h(){var f=t().length,g=i<r,p=g?i:r,_=g?r:i;o=(_-p)/Math.max(1,f-l+u*2),s&&(o=Math.floor(o)),p+=(_-p-o*(f-l))*c,a=o*(1-l),s&&(p=Math.round(p),a=Math.round(a));var w=Oe(f).map(function(M){return p+o*M});return e(g?w.reverse():w)}return n.domain=function(f){return arguments.length?(t(f),h()):t()},n.range=function(f){return arguments.length?([r,i]=f,r=+r,i=+i,h()):[r,i]},n.rangeRound=function(f){return[r,i]=f,r=+r,i=+i,s=!0,h()},n.bandwidth=function(){return a},n.step=function(){return o},n.round=function(f){return arguments.length?(s=!!f,h()):s},n.padding=function(f){return arguments.length?(l=Math.min(1,u=+f),h()):l},n.paddingInner=function(f){return arguments.length?(l=Math.min(1,f),h()):l},n.paddingOuter=function(f){return arguments.length?(u=+f,h()):u},n.align=function(f){return arguments.length?(c=Math.max(0,Math.min(1,f)),h()):c},n.copy=function(){return ae(t(),[r,i]).round(s).paddingInner(l).paddingOuter(u).align(c)},Nt.apply(h(),arguments)}function Su(n){return function(){return n}}function Cu(n){return+n}var ni=[0,1];function Pn(n){return n}function oe(n,t){return(t-=n=+n)?function(e){return(e-n)/t}:Su(isNaN(t)?NaN:.5)}function Au(n,t){var e;return n>t&&(e=n,n=t,t=e),function(r){return Math.max(n,Math.min(t,r))}}function Du(n,t,e){var r=n[0],i=n[1],o=t[0],a=t[1];return i<r?(r=oe(i,r),o=e(a,o)):(r=oe(r,i),o=e(o,a)),function(s){return o(r(s))}}function Ru(n,t,e){var r=Math.min(n.length,t.length)-1,i=new Array(r),o=new Array(r),a=-1;for(n[r]<n[0]&&(n=n.slice().reverse(),t=t.slice().reverse());++a<r;)i[a]=oe(n[a],n[a+1]),o[a]=e(t[a],t[a+1]);return function(s){var l=Pe(n,s,1,r)-1;return o[l](i[l](s))}}function ei(n,t){return t.domain(n.domain()).range(n.range()).interpolate(n.interpolate()).clamp(n.clamp()).unknown(n.unknown())}function Uu(){var n=ni,t=ni,e=yt,r,i,o,a=Pn,s,l,u;function c(){var f=Math.min(n.length,t.length);return a!==Pn&&(a=Au(n[0],n[f-1])),s=f>2?Ru:Du,l=u=null,h}function h(f){return f==null||isNaN(f=+f)?o:(l||(l=s(n.map(r),t,e)))(r(a(f)))}return h.invert=function(f){return a(i((u||(u=s(t,n.map(r),B)))(f)))},h.domain=function(f){return arguments.length?(n=Array.from(f,Cu),c()):n.slice()},h.range=function(f){return arguments.length?(t=Array.from(f),c()):t.slice()},h.rangeRound=function(f){return t=Array.from(f),e=_r,c()},h.clamp=function(f){return arguments.length?(a=f?!0:Pn,c()):a!==Pn},h.interpolate=function(f){return arguments.length?(e=f,c()):e},h.unknown=function(f){return arguments.length?(o=f,h):o},function(f,g){return r=f,i=g,c()}}function ri(){return Uu()(Pn,Pn)}function Eu(n,t,e,r){var i=On(n,t,e),o;switch(r=Bn(r??",f"),r.type){case"s":{var a=Math.max(Math.abs(n),Math.abs(t));return r.precision==null&&!isNaN(o=Cr(i,a))&&(r.precision=o),Zt(r,a)}case"":case"e":case"g":case"p":case"r":{r.precision==null&&!isNaN(o=Ar(i,Math.max(Math.abs(n),Math.abs(t))))&&(r.precision=o-(r.type==="e"));break}case"f":case"%":{r.precision==null&&!isNaN(o=Sr(i))&&(r.precision=o-(r.type==="%")*2);break}}return Vt(r)}function qu(n){var t=n.domain;return n.ticks=function(e){var r=t();return Le(r[0],r[r.length-1],e??10)},n.tickFormat=function(e,r){var i=t();return Eu(i[0],i[i.length-1],e??10,r)},n.nice=function(e){e==null&&(e=10);var r=t(),i=0,o=r.length-1,a=r[i],s=r[o],l,u,c=10;for(s<a&&(u=a,a=s,s=u,u=i,i=o,o=u);c-- >0;){if(u=at(a,s,e),u===l)return r[i]=a,r[o]=s,t(r);if(u>0)a=Math.floor(a/u)*u,s=Math.ceil(s/u)*u;else if(u<0)a=Math.ceil(a*u)/u,s=Math.floor(s*u)/u;else break;l=u}return n},n}function Kn(){var n=ri();return n.copy=function(){return ei(n,Kn())},Nt.apply(n,arguments),qu(n)}function Iu(n,t){n=n.slice();var e=0,r=n.length-1,i=n[e],o=n[r],a;return o<i&&(a=e,e=r,r=a,a=i,i=o,o=a),n[e]=t.floor(i),n[r]=t.ceil(o),n}function Pu(n){return new Date(n)}function Yu(n){return n instanceof Date?+n:Math.round(n)}function ii(n,t,e,r,i,o,a,s,l,u){var c=ri(),h=c.invert,f=c.domain,g=u(".%L"),p=u(":%S"),_=u("%I:%M"),w=u("%I %p"),M=u("%a %d"),d=u("%b %d"),v=u("%B"),b=u("%Y");function A(y){return(l(y)<y?g:s(y)<y?p:a(y)<y?_:o(y)<y?w:r(y)<y?i(y)<y?M:d:e(y)<y?v:b)(y)}return c.invert=function(y){return new Date(Math.round(h(y)))},c.domain=function(y){return arguments.length?f(Array.from(y,Yu)):f().map(Pu)},c.ticks=function(y){var U=f();return n(U[0],U[U.length-1],y??10)},c.tickFormat=function(y,U){return U==null?A:u(U)},c.nice=function(y){var U=f();return(!y||typeof y.range!="function")&&(y=t(U[0],U[U.length-1],y??10)),y?f(Iu(U,y)):c},c.copy=function(){return ei(c,ii(n,t,e,r,i,o,a,s,l,u))},c}function ue(){return Nt.apply(ii(Er,qr,j,kt,qn,En,Tt,vt,an,$t).domain([Date.UTC(2e3,0,1),Date.UTC(2e3,0,2)]),arguments)}var nt=Math.PI,se=2*nt,xn=1e-6,Fu=se-xn;function oi(n){this._+=n[0];for(let t=1,e=n.length;t<e;++t)this._+=arguments[t]+n[t]}function Lu(n){let t=Math.floor(n);if(!(t>=0))throw new Error(`invalid digits: ${n}`);if(t>15)return oi;let e=10**t;return function(r){this._+=r[0];for(let i=1,o=r.length;i<o;++i)this._+=Math.round(arguments[i]*e)/e+r[i]}}function ai(n,t,e,r){return n===e&&t===r}function Ou(n){let t=Math.floor(n);if(!(t<=15))return ai;let e=10**t,r=function(i){return Math.round(i*e)};return function(i,o,a,s){return r(i)===r(a)&&r(o)===r(s)}}var Yn=class{constructor(t){this._x0=this._y0=this._x1=this._y1=null,this._="",this._append=t==null?oi:Lu(t),this._equal=t==null?ai:Ou(t)}moveTo(t,e){this._append`M${this._x0=this._x1=+t},${this._y0=this._y1=+e}`}closePath(){this._x1!==null&&(this._x1=this._x0,this._y1=this._y0,this._append`Z`)}lineTo(t,e){this._append`L${this._x1=+t},${this._y1=+e}`}quadraticCurveTo(t,e,r,i){this._append`Q${+t},${+e},${this._x1=+r},${this._y1=+i}`}bezierCurveTo(t,e,r,i,o,a){this._append`C${+t},${+e},${+r},${+i},${this._x1=+o},${this._y1=+a}`}arcTo(t,e,r,i,o){if(t=+t,e=+e,r=+r,i=+i,o=+o,o<0)throw new Error(`negative radius: ${o}`);let a=this._x1,s=this._y1,l=r-t,u=i-e,c=a-t,h=s-e,f=c*c+h*h;if(this._x1===null)this._append`M${this._x1=t},${this._y1=e}`;else if(f>xn)if(!(Math.abs(h*l-u*c)>xn)||!o)this._append`L${this._x1=t},${this._y1=e}`;else{let g=r-a,p=i-s,_=l*l+u*u,w=g*g+p*p,M=Math.sqrt(_),d=Math.sqrt(f),v=o*Math.tan((nt-Math.acos((_+f-w)/(2*M*d)))/2),b=v/d,A=v/M;Math.abs(b-1)>xn&&this._append`L${t+b*c},${e+b*h}`,this._append`A${o},${o},0,0,${+(h*g>c*p)},${this._x1=t+A*l},${this._y1=e+A*u}`}}arc(t,e,r,i,o,a){if(t=+t,e=+e,r=+r,a=!!a,r<0)throw new Error(`negative radius: ${r}`);let s=r*Math.cos(i),l=r*Math.sin(i),u=t+s,c=e+l,h=1^a,f=a?i-o:o-i;if(this._x1===null?this._append`M${u},${c}`:(Math.abs(this._x1-u)>xn||Math.abs(this._y1-c)>xn)&&this._append`L${u},${c}`,!!r){if(f<0&&(f=f%se+se),f>Fu)this._append`A${r},${r},0,1,${h},${t-s},${e-l}A${r},${r},0,1,${h},${this._x1=u},${this._y1=c}`;else if(f>xn){let g=t+r*Math.cos(o),p=e+r*Math.sin(o);if(f>=nt&&this._equal(u,c,g,p)){f/=2;let _=i+f;this._append`A${r},${r},0,${+(f>=nt)},${h},${t+r*Math.cos(_)},${e+r*Math.sin(_)}`}this._append`A${r},${r},0,${+(f>=nt)},${h},${this._x1=g},${this._y1=p}`}}}rect(t,e,r,i){this._append`M${this._x0=this._x1=+t},${this._y0=this._y1=+e}h${r=+r}v${+i}h${-r}Z`}toString(){return this._}};function Hu(){return new Yn}Hu.prototype=Yn.prototype;function z(n){return function(){return n}}var zu=Math.cos;var fe=Math.sin,sn=Math.sqrt,ui=1e-12,tt=Math.PI,kl=tt/2,de=2*tt;function me(n){let t=3;return n.digits=function(e){if(!arguments.length)return t;if(e==null)t=null;else{let r=Math.floor(e);if(!(r>=0))throw new RangeError(`invalid digits: ${e}`);t=r}return n},()=>new Yn(t)}var Wu=Array.prototype.slice;function Xu(n){return typeof n=="object"&&"length"in n?n:Array.from(n)}function hi(n){this._context=n}hi.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._point=0},lineEnd:function(){(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line},point:function(n,t){switch(n=+n,t=+t,this._point){case 0:this._point=1,this._line?this._context.lineTo(n,t):this._context.moveTo(n,t);break;case 1:this._point=2;default:this._context.lineTo(n,t);break}}};function gi(n){return new hi(n)}function di(n){return n[0]}function mi(n){return n[1]}function pe(n,t){var e=z(!0),r=null,i=gi,o=null,a=me(s);n=typeof n=="function"?n:n===void 0?di:z(n),t=typeof t=="function"?t:t===void 0?mi:z(t);function s(l){var u,c=(l=Xu(l)).length,h,f=!1,g;for(r==null&&(o=i(g=a())),u=0;u<=c;++u)!(u<c&&e(h=l[u],u,l))===f&&((f=!f)?o.lineStart():o.lineEnd()),f&&o.point(+n(h,u,l),+t(h,u,l));if(g)return o=null,g+""||null}return s.x=function(l){return arguments.length?(n=typeof l=="function"?l:z(+l),s):n},s.y=function(l){return arguments.length?(t=typeof l=="function"?l:z(+l),s):t},s.defined=function(l){return arguments.length?(e=typeof l=="function"?l:z(!!l),s):e},s.curve=function(l){return arguments.length?(i=l,r!=null&&(o=i(r)),s):i},s.context=function(l){return arguments.length?(l==null?r=o=null:o=i(r=l),s):r},s}var $l=Bu(gi);function pi(n){this._curve=n}pi.prototype={areaStart:function(){this._curve.areaStart()},areaEnd:function(){this._curve.areaEnd()},lineStart:function(){this._curve.lineStart()},lineEnd:function(){this._curve.lineEnd()},point:function(n,t){this._curve.point(t*Math.sin(n),t*-Math.cos(n))}};function Bu(n){function t(e){return new pi(n(e))}return t._curve=n,t}var he=class{constructor(t,e){this._context=t,this._x=e}areaStart(){this._line=0}areaEnd(){this._line=NaN}lineStart(){this._point=0}lineEnd(){(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line}point(t,e){switch(t=+t,e=+e,this._point){case 0:{this._point=1,this._line?this._context.lineTo(t,e):this._context.moveTo(t,e);break}case 1:this._point=2;default:{this._x?this._context.bezierCurveTo(this._x0=(this._x0+t)/2,this._y0,this._x0,e,t,e):this._context.bezierCurveTo(this._x0,this._y0=(this._y0+e)/2,t,this._y0,t,e);break}}this._x0=t,this._y0=e}};function ju(n){return new he(n,!0)}function Vu(n){return n.source}function Zu(n){return n.target}function Qu(n){let t=Vu,e=Zu,r=di,i=mi,o=null,a=null,s=me(l);function l(){let u,c=Wu.call(arguments),h=t.apply(this,c),f=e.apply(this,c);if(o==null&&(a=n(u=s())),a.lineStart(),c[0]=h,a.point(+r.apply(this,c),+i.apply(this,c)),c[0]=f,a.point(+r.apply(this,c),+i.apply(this,c)),a.lineEnd(),u)return a=null,u+""||null}return l.source=function(u){return arguments.length?(t=u,l):t},l.target=function(u){return arguments.length?(e=u,l):e},l.x=function(u){return arguments.length?(r=typeof u=="function"?u:z(+u),l):r},l.y=function(u){return arguments.length?(i=typeof u=="function"?u:z(+u),l):i},l.context=function(u){return arguments.length?(u==null?o=a=null:a=n(o=u),l):o},l}function _i(){return Qu(ju)}var Nl=sn(3);var Gu={draw(n,t){let e=sn(t/tt);n.moveTo(e,0),n.arc(0,0,e,0,de)}};var Ju=sn(1/3),Sl=Ju*2;var yi=fe(tt/10)/fe(7*tt/10),Cl=fe(de/10)*yi,Al=-zu(de/10)*yi;var le=sn(3),xi={draw(n,t){let e=-sn(t/(le*3));n.moveTo(0,e*2),n.lineTo(-le*e,-e),n.lineTo(le*e,-e),n.closePath()}},Dl=sn(3);var Rl=sn(3)/2,Ku=1/sn(12),Ul=(Ku/2+1)*3;function wi(n,t){let e=null,r=me(i);n=typeof n=="function"?n:z(n||Gu),t=typeof t=="function"?t:z(t===void 0?64:+t);function i(){let o;if(e||(e=o=r()),n.apply(this,arguments).draw(e,+t.apply(this,arguments)),o)return e=null,o+""||null}return i.type=function(o){return arguments.length?(n=typeof o=="function"?o:z(o),i):n},i.size=function(o){return arguments.length?(t=typeof o=="function"?o:z(+o),i):t},i.context=function(o){return arguments.length?(e=o??null,i):e},i}function un(){}function St(n,t,e){n._context.bezierCurveTo((2*n._x0+n._x1)/3,(2*n._y0+n._y1)/3,(n._x0+2*n._x1)/3,(n._y0+2*n._y1)/3,(n._x0+4*n._x1+t)/6,(n._y0+4*n._y1+e)/6)}function _e(n){this._context=n}_e.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._y0=this._y1=NaN,this._point=0},lineEnd:function(){switch(this._point){case 3:St(this,this._x1,this._y1);case 2:this._context.lineTo(this._x1,this._y1);break}(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line},point:function(n,t){switch(n=+n,t=+t,this._point){case 0:this._point=1,this._line?this._context.lineTo(n,t):this._context.moveTo(n,t);break;case 1:this._point=2;break;case 2:this._point=3,this._context.lineTo((5*this._x0+this._x1)/6,(5*this._y0+this._y1)/6);default:St(this,n,t);break}this._x0=this._x1,this._x1=n,this._y0=this._y1,this._y1=t}};function ns(n){this._context=n}ns.prototype={areaStart:un,areaEnd:un,lineStart:function(){this._x0=this._x1=this._x2=this._x3=this._x4=this._y0=this._y1=this._y2=this._y3=this._y4=NaN,this._point=0},lineEnd:function(){switch(this._point){case 1:{this._context.moveTo(this._x2,this._y2),this._context.closePath();break}case 2:{this._context.moveTo((this._x2+2*this._x3)/3,(this._y2+2*this._y3)/3),this._context.lineTo((this._x3+2*this._x2)/3,(this._y3+2*this._y2)/3),this._context.closePath();break}case 3:{this.point(this._x2,this._y2),this.point(this._x3,this._y3),this.point(this._x4,this._y4);break}}},point:function(n,t){switch(n=+n,t=+t,this._point){case 0:this._point=1,this._x2=n,this._y2=t;break;case 1:this._point=2,this._x3=n,this._y3=t;break;case 2:this._point=3,this._x4=n,this._y4=t,this._context.moveTo((this._x0+4*this._x1+n)/6,(this._y0+4*this._y1+t)/6);break;default:St(this,n,t);break}this._x0=this._x1,this._x1=n,this._y0=this._y1,this._y1=t}};function ts(n){this._context=n}ts.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._y0=this._y1=NaN,this._point=0},lineEnd:function(){(this._line||this._line!==0&&this._point===3)&&this._context.closePath(),this._line=1-this._line},point:function(n,t){switch(n=+n,t=+t,this._point){case 0:this._point=1;break;case 1:this._point=2;break;case 2:this._point=3;var e=(this._x0+4*this._x1+n)/6,r=(this._y0+4*this._y1+t)/6;this._line?this._context.lineTo(e,r):this._context.moveTo(e,r);break;case 3:this._point=4;default:St(this,n,t);break}this._x0=this._x1,this._x1=n,this._y0=this._y1,this._y1=t}};function Mi(n,t){this._basis=new _e(n),this._beta=t}Mi.prototype={lineStart:function(){this._x=[],this._y=[],this._basis.lineStart()},lineEnd:function(){var n=this._x,t=this._y,e=n.length-1;if(e>0)for(var r=n[0],i=t[0],o=n[e]-r,a=t[e]-i,s=-1,l;++s<=e;)l=s/e,this._basis.point(this._beta*n[s]+(1-this._beta)*(r+l*o),this._beta*t[s]+(1-this._beta)*(i+l*a));this._x=this._y=null,this._basis.lineEnd()},point:function(n,t){this._x.push(+n),this._y.push(+t)}};var El=(function n(t){function e(r){return t===1?new _e(r):new Mi(r,t)}return e.beta=function(r){return n(+r)},e})(.85);function Ct(n,t,e){n._context.bezierCurveTo(n._x1+n._k*(n._x2-n._x0),n._y1+n._k*(n._y2-n._y0),n._x2+n._k*(n._x1-t),n._y2+n._k*(n._y1-e),n._x2,n._y2)}function ye(n,t){this._context=n,this._k=(1-t)/6}ye.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._x2=this._y0=this._y1=this._y2=NaN,this._point=0},lineEnd:function(){switch(this._point){case 2:this._context.lineTo(this._x2,this._y2);break;case 3:Ct(this,this._x1,this._y1);break}(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line},point:function(n,t){switch(n=+n,t=+t,this._point){case 0:this._point=1,this._line?this._context.lineTo(n,t):this._context.moveTo(n,t);break;case 1:this._point=2,this._x1=n,this._y1=t;break;case 2:this._point=3;default:Ct(this,n,t);break}this._x0=this._x1,this._x1=this._x2,this._x2=n,this._y0=this._y1,this._y1=this._y2,this._y2=t}};var ql=(function n(t){function e(r){return new ye(r,t)}return e.tension=function(r){return n(+r)},e})(0);function xe(n,t){this._context=n,this._k=(1-t)/6}xe.prototype={areaStart:un,areaEnd:un,lineStart:function(){this._x0=this._x1=this._x2=this._x3=this._x4=this._x5=this._y0=this._y1=this._y2=this._y3=this._y4=this._y5=NaN,this._point=0},lineEnd:function(){switch(this._point){case 1:{this._context.moveTo(this._x3,this._y3),this._context.closePath();break}case 2:{this._context.lineTo(this._x3,this._y3),this._context.closePath();break}case 3:{this.point(this._x3,this._y3),this.point(this._x4,this._y4),this.point(this._x5,this._y5);break}}},point:function(n,t){switch(n=+n,t=+t,this._point){case 0:this._point=1,this._x3=n,this._y3=t;break;case 1:this._point=2,this._context.moveTo(this._x4=n,this._y4=t);break;case 2:this._point=3,this._x5=n,this._y5=t;break;default:Ct(this,n,t);break}this._x0=this._x1,this._x1=this._x2,this._x2=n,this._y0=this._y1,this._y1=this._y2,this._y2=t}};var Il=(function n(t){function e(r){return new xe(r,t)}return e.tension=function(r){return n(+r)},e})(0);function we(n,t){this._context=n,this._k=(1-t)/6}we.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._x2=this._y0=this._y1=this._y2=NaN,this._point=0},lineEnd:function(){(this._line||this._line!==0&&this._point===3)&&this._context.closePath(),this._line=1-this._line},point:function(n,t){switch(n=+n,t=+t,this._point){case 0:this._point=1;break;case 1:this._point=2;break;case 2:this._point=3,this._line?this._context.lineTo(this._x2,this._y2):this._context.moveTo(this._x2,this._y2);break;case 3:this._point=4;default:Ct(this,n,t);break}this._x0=this._x1,this._x1=this._x2,this._x2=n,this._y0=this._y1,this._y1=this._y2,this._y2=t}};var Pl=(function n(t){function e(r){return new we(r,t)}return e.tension=function(r){return n(+r)},e})(0);function Me(n,t,e){var r=n._x1,i=n._y1,o=n._x2,a=n._y2;if(n._l01_a>ui){var s=2*n._l01_2a+3*n._l01_a*n._l12_a+n._l12_2a,l=3*n._l01_a*(n._l01_a+n._l12_a);r=(r*s-n._x0*n._l12_2a+n._x2*n._l01_2a)/l,i=(i*s-n._y0*n._l12_2a+n._y2*n._l01_2a)/l}if(n._l23_a>ui){var u=2*n._l23_2a+3*n._l23_a*n._l12_a+n._l12_2a,c=3*n._l23_a*(n._l23_a+n._l12_a);o=(o*u+n._x1*n._l23_2a-t*n._l12_2a)/c,a=(a*u+n._y1*n._l23_2a-e*n._l12_2a)/c}n._context.bezierCurveTo(r,i,o,a,n._x2,n._y2)}function bi(n,t){this._context=n,this._alpha=t}bi.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._x2=this._y0=this._y1=this._y2=NaN,this._l01_a=this._l12_a=this._l23_a=this._l01_2a=this._l12_2a=this._l23_2a=this._point=0},lineEnd:function(){switch(this._point){case 2:this._context.lineTo(this._x2,this._y2);break;case 3:this.point(this._x2,this._y2);break}(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line},point:function(n,t){if(n=+n,t=+t,this._point){var e=this._x2-n,r=this._y2-t;this._l23_a=Math.sqrt(this._l23_2a=Math.pow(e*e+r*r,this._alpha))}switch(this._point){case 0:this._point=1,this._line?this._context.lineTo(n,t):this._context.moveTo(n,t);break;case 1:this._point=2;break;case 2:this._point=3;default:Me(this,n,t);break}this._l01_a=this._l12_a,this._l12_a=this._l23_a,this._l01_2a=this._l12_2a,this._l12_2a=this._l23_2a,this._x0=this._x1,this._x1=this._x2,this._x2=n,this._y0=this._y1,this._y1=this._y2,this._y2=t}};var Yl=(function n(t){function e(r){return t?new bi(r,t):new ye(r,0)}return e.alpha=function(r){return n(+r)},e})(.5);function vi(n,t){this._context=n,this._alpha=t}vi.prototype={areaStart:un,areaEnd:un,lineStart:function(){this._x0=this._x1=this._x2=this._x3=this._x4=this._x5=this._y0=this._y1=this._y2=this._y3=this._y4=this._y5=NaN,this._l01_a=this._l12_a=this._l23_a=this._l01_2a=this._l12_2a=this._l23_2a=this._point=0},lineEnd:function(){switch(this._point){case 1:{this._context.moveTo(this._x3,this._y3),this._context.closePath();break}case 2:{this._context.lineTo(this._x3,this._y3),this._context.closePath();break}case 3:{this.point(this._x3,this._y3),this.point(this._x4,this._y4),this.point(this._x5,this._y5);break}}},point:function(n,t){if(n=+n,t=+t,this._point){var e=this._x2-n,r=this._y2-t;this._l23_a=Math.sqrt(this._l23_2a=Math.pow(e*e+r*r,this._alpha))}switch(this._point){case 0:this._point=1,this._x3=n,this._y3=t;break;case 1:this._point=2,this._context.moveTo(this._x4=n,this._y4=t);break;case 2:this._point=3,this._x5=n,this._y5=t;break;default:Me(this,n,t);break}this._l01_a=this._l12_a,this._l12_a=this._l23_a,this._l01_2a=this._l12_2a,this._l12_2a=this._l23_2a,this._x0=this._x1,this._x1=this._x2,this._x2=n,this._y0=this._y1,this._y1=this._y2,this._y2=t}};var Fl=(function n(t){function e(r){return t?new vi(r,t):new xe(r,0)}return e.alpha=function(r){return n(+r)},e})(.5);function Ti(n,t){this._context=n,this._alpha=t}Ti.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._x2=this._y0=this._y1=this._y2=NaN,this._l01_a=this._l12_a=this._l23_a=this._l01_2a=this._l12_2a=this._l23_2a=this._point=0},lineEnd:function(){(this._line||this._line!==0&&this._point===3)&&this._context.closePath(),this._line=1-this._line},point:function(n,t){if(n=+n,t=+t,this._point){var e=this._x2-n,r=this._y2-t;this._l23_a=Math.sqrt(this._l23_2a=Math.pow(e*e+r*r,this._alpha))}switch(this._point){case 0:this._point=1;break;case 1:this._point=2;break;case 2:this._point=3,this._line?this._context.lineTo(this._x2,this._y2):this._context.moveTo(this._x2,this._y2);break;case 3:this._point=4;default:Me(this,n,t);break}this._l01_a=this._l12_a,this._l12_a=this._l23_a,this._l01_2a=this._l12_2a,this._l12_2a=this._l23_2a,this._x0=this._x1,this._x1=this._x2,this._x2=n,this._y0=this._y1,this._y1=this._y2,this._y2=t}};var Ll=(function n(t){function e(r){return t?new Ti(r,t):new we(r,0)}return e.alpha=function(r){return n(+r)},e})(.5);function es(n){this._context=n}es.prototype={areaStart:un,areaEnd:un,lineStart:function(){this._point=0},lineEnd:function(){this._point&&this._context.closePath()},point:function(n,t){n=+n,t=+t,this._point?this._context.lineTo(n,t):(this._point=1,this._context.moveTo(n,t))}};function si(n){return n<0?-1:1}function li(n,t,e){var r=n._x1-n._x0,i=t-n._x1,o=(n._y1-n._y0)/(r||i<0&&-0),a=(e-n._y1)/(i||r<0&&-0),s=(o*i+a*r)/(r+i);return(si(o)+si(a))*Math.min(Math.abs(o),Math.abs(a),.5*Math.abs(s))||0}function ci(n,t){var e=n._x1-n._x0;return e?(3*(n._y1-n._y0)/e-t)/2:t}function ce(n,t,e){var r=n._x0,i=n._y0,o=n._x1,a=n._y1,s=(o-r)/3;n._context.bezierCurveTo(r+s,i+s*t,o-s,a-s*e,o,a)}function ge(n){this._context=n}ge.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._y0=this._y1=this._t0=NaN,this._point=0},lineEnd:function(){switch(this._point){case 2:this._context.lineTo(this._x1,this._y1);break;case 3:ce(this,this._t0,ci(this,this._t0));break}(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line},point:function(n,t){var e=NaN;if(n=+n,t=+t,!(n===this._x1&&t===this._y1)){switch(this._point){case 0:this._point=1,this._line?this._context.lineTo(n,t):this._context.moveTo(n,t);break;case 1:this._point=2;break;case 2:this._point=3,ce(this,ci(this,e=li(this,n,t)),e);break;default:ce(this,this._t0,e=li(this,n,t));break}this._x0=this._x1,this._x1=n,this._y0=this._y1,this._y1=t,this._t0=e}}};function rs(n){this._context=new ki(n)}(rs.prototype=Object.create(ge.prototype)).point=function(n,t){ge.prototype.point.call(this,t,n)};function ki(n){this._context=n}ki.prototype={moveTo:function(n,t){this._context.moveTo(t,n)},closePath:function(){this._context.closePath()},lineTo:function(n,t){this._context.lineTo(t,n)},bezierCurveTo:function(n,t,e,r,i,o){this._context.bezierCurveTo(t,n,r,e,o,i)}};function is(n){this._context=n}is.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x=[],this._y=[]},lineEnd:function(){var n=this._x,t=this._y,e=n.length;if(e)if(this._line?this._context.lineTo(n[0],t[0]):this._context.moveTo(n[0],t[0]),e===2)this._context.lineTo(n[1],t[1]);else for(var r=fi(n),i=fi(t),o=0,a=1;a<e;++o,++a)this._context.bezierCurveTo(r[0][o],i[0][o],r[1][o],i[1][o],n[a],t[a]);(this._line||this._line!==0&&e===1)&&this._context.closePath(),this._line=1-this._line,this._x=this._y=null},point:function(n,t){this._x.push(+n),this._y.push(+t)}};function fi(n){var t,e=n.length-1,r,i=new Array(e),o=new Array(e),a=new Array(e);for(i[0]=0,o[0]=2,a[0]=n[0]+2*n[1],t=1;t<e-1;++t)i[t]=1,o[t]=4,a[t]=4*n[t]+2*n[t+1];for(i[e-1]=2,o[e-1]=7,a[e-1]=8*n[e-1]+n[e],t=1;t<e;++t)r=i[t]/o[t-1],o[t]-=r,a[t]-=r*a[t-1];for(i[e-1]=a[e-1]/o[e-1],t=e-2;t>=0;--t)i[t]=(a[t]-i[t+1])/o[t];for(o[e-1]=(n[e]+i[e-1])/2,t=0;t<e-1;++t)o[t]=2*n[t+1]-i[t+1];return[i,o]}function os(n,t){this._context=n,this._t=t}os.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x=this._y=NaN,this._point=0},lineEnd:function(){0<this._t&&this._t<1&&this._point===2&&this._context.lineTo(this._x,this._y),(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line>=0&&(this._t=1-this._t,this._line=1-this._line)},point:function(n,t){switch(n=+n,t=+t,this._point){case 0:this._point=1,this._line?this._context.lineTo(n,t):this._context.moveTo(n,t);break;case 1:this._point=2;default:{if(this._t<=0)this._context.lineTo(this._x,t),this._context.lineTo(n,t);else{var e=this._x*(1-this._t)+n*this._t;this._context.lineTo(e,this._y),this._context.lineTo(e,t)}break}}this._x=n,this._y=t}};var as={"&":"&amp;","<":"&lt;",">":"&gt;",\'"\':"&quot;","\'":"&#39;"},us=/[&<>"\']/;function T(n){let t=String(n??"");return us.test(t)?t.replace(/[&<>"\']/g,e=>as[e]??e):t}var be=720;var D={top:18,right:20,bottom:34,left:62},$i=300,$=n=>Number.isFinite(n)?Math.round(n*100)/100:0;function ve(n,t,e,r){return`<svg class="chart ${e}" viewBox="0 0 ${r} ${n}" role="img" aria-label="${T(t)}" preserveAspectRatio="xMidYMid meet"><title>${T(t)}</title>`}function Ni(n,t,e){let r=n.ticks(5),i=n.tickFormat(5);return r.map(o=>`<g class="tick"><line class="grid" x1="${t}" x2="${e}" y1="${$(n(o))}" y2="${$(n(o))}"/><text class="axis-label" x="${t-6}" y="${$(n(o))}" dy="0.32em" text-anchor="end">${T(i(o))}</text></g>`).join("")}function ss(n,t){let e=Math.max(1,Math.floor(t));if(n.length<=2*e)return n.map((o,a)=>a);let r=[],i=n.length/e;for(let o=0;o<e;o++){let a=Math.floor(o*i),s=Math.min(n.length,Math.floor((o+1)*i)),l=-1,u=-1;for(let c=a;c<s;c++){let h=n[c];h!=null&&((l<0||h<n[l])&&(l=c),(u<0||h>n[u])&&(u=c))}for(let c of[...new Set([a,l,u,s-1])].sort((h,f)=>h-f))c>=0&&r.push(c)}return r}function ls(n,t){if(n<=t)return Array.from({length:n},(r,i)=>i);let e=(n-1)/(t-1);return[...new Set(Array.from({length:t},(r,i)=>Math.round(i*e)))]}function Si(n){let t=1/0,e=-1/0;for(let i of n)i<t&&(t=i),i>e&&(e=i);if(!Number.isFinite(t))return[0,1];let r=e-t||Math.abs(e)||1;return[t-r*.08,e+r*.08]}function Ci(n){let t=n.height??260,e=n.width??be,{points:r}=n,i=Kn().domain(r.length>1?[0,r.length-1]:[-1,1]).range([D.left,e-D.right]),o=r.flatMap(g=>g.value===null?[]:[g.value]),a=Kn().domain(Si(o)).nice(5).range([t-D.bottom,D.top]),s=pe().digits(1).defined(g=>r[g]?.value!=null).x(g=>i(g)).y(g=>a(r[g]?.value??0)),l=n.dotTitles??!0,u=new Map(r.map((g,p)=>[g.version,p])),c=ls(r.length,e<500?3:6).map(g=>`<text class="axis-label" x="${$(i(g))}" y="${t-D.bottom+18}" text-anchor="middle">${T(r[g]?.version)}</text>`).join(""),h=r.length<=$i?r.map((g,p)=>g.value===null?"":l?`<circle class="dot" cx="${$(i(p))}" cy="${$(a(g.value))}" r="3"><title>${T(g.version)}: ${T(g.value)}</title></circle>`:`<circle class="dot" cx="${$(i(p))}" cy="${$(a(g.value))}" r="3"/>`).join(""):"",f=(n.marks??[]).map((g,p)=>{let _=u.get(g.version),w=_===void 0?null:r[_]?.value;if(_===void 0||w===null||w===void 0)return"";let M=$(i(_)),d=$(a(w)),v=p%2===0?-12:20,b=M>e-100?"end":M<D.left+50?"start":"middle";return`<g class="holder ${T(g.tone)}" data-version="${T(g.version)}"><circle class="holder-mark" cx="${M}" cy="${d}" r="6.5"><title>${T(g.label)}: ${T(g.version)} (${T(w)})</title></circle><text class="mark-label" x="${M}" y="${d+v}" text-anchor="${b}">${T(g.label)} ${T(g.version)}</text></g>`}).join("");return[ve(t,n.title,"metric-chart",e),Ni(a,D.left,e-D.right),`<g class="x-axis">${c}</g>`,`<path class="line" d="${s(ss(r.map(g=>g.value),e-D.left-D.right))??""}"/>`,h,f,"</svg>"].join("")}function Ai(n){let e=n.width??be,r=e<500?3:6,i=n.points.map(d=>new Date(d.at)),o=i[0]??new Date(0),a=i.at(-1)??o,s=ue().domain(o.getTime()===a.getTime()?[new Date(o.getTime()-36e5),new Date(a.getTime()+36e5)]:[o,a]).range([D.left,e-D.right]),[l,u]=Si([0,n.warn,n.retrain,...n.points.map(d=>d.drift)]),c=Kn().domain([l,u]).nice(5).range([240-D.bottom,D.top]),h=s.tickFormat(r),f=s.ticks(r).map(d=>`<text class="axis-label" x="${$(s(d))}" y="${240-D.bottom+18}" text-anchor="middle">${T(h(d))}</text>`).join(""),g=(d,v,b)=>`<g class="threshold ${v}"><line x1="${D.left}" x2="${e-D.right}" y1="${$(c(d))}" y2="${$(c(d))}"/><text class="mark-label" x="${e-D.right}" y="${$(c(d))-4}" text-anchor="end">${T(b)}</text></g>`,p=pe().digits(1).x((d,v)=>s(i[v]??o)).y(d=>c(d.drift))(n.points),_=wi(xi,70)()??"",w=n.points.length<=$i?n.points.map((d,v)=>d.challengerWon?"":`<circle class="run" cx="${$(s(i[v]??o))}" cy="${$(c(d.drift))}" r="3"><title>${T(d.at)}: ${T(d.version)} drift ${T(d.drift)}%</title></circle>`).join(""):"",M=n.points.map((d,v)=>d.challengerWon?`<path class="win" transform="translate(${$(s(i[v]??o))},${$(c(d.drift))})" d="${_}"><title>${T(d.at)}: challenger ${T(d.challengerWon)} beat ${T(d.version)} (drift ${T(d.drift)}%)</title></path>`:"").join("");return[ve(240,n.title,"drift-chart",e),Ni(c,D.left,e-D.right),`<g class="x-axis">${f}</g>`,g(n.warn,"warn",`plan retraining ${n.warn}%`),g(n.retrain,"retrain",`retrain now ${n.retrain}%`),`<path class="line" d="${p??""}"/>`,w,M,"</svg>"].join("")}function Di(n,t,e,r,i=be){let o=i<500?3:6,s=D.top+t.length*30+D.bottom,l=92,u=Date.parse(r),c=u;for(let d of e)c=Math.min(c,Date.parse(d.start));let h=Math.min(c,u-6e4)-(u-Math.min(c,u-6e4))*.02,f=ue().domain([new Date(h),new Date(u)]).range([l,i-D.right]),g=ae().domain(t).range([D.top,s-D.bottom]).padding(.2),p=t.map(d=>`<text class="axis-label" x="${l-8}" y="${$((g(d)??0)+g.bandwidth()/2)}" dy="0.32em" text-anchor="end">${T(d)}</text>`).join(""),_=f.tickFormat(o),w=f.ticks(o).map(d=>`<g class="tick"><line class="grid" x1="${$(f(d))}" x2="${$(f(d))}" y1="${D.top}" y2="${s-D.bottom}"/><text class="axis-label" x="${$(f(d))}" y="${s-D.bottom+18}" text-anchor="middle">${T(_(d))}</text></g>`).join(""),M=e.map(d=>{let v=f(new Date(d.start)),b=f(new Date(d.end??r)),A=Math.max(2,b-v),y=g(d.stage)??0,U=A>8*d.version.length+8?`<text class="span-label" x="${$(v+5)}" y="${$(y+g.bandwidth()/2)}" dy="0.32em">${T(d.version)}</text>`:"";return`<g class="span ${T(d.tone)}" data-stage="${T(d.stage)}" data-version="${T(d.version)}"><rect x="${$(v)}" y="${$(y)}" width="${$(A)}" height="${$(g.bandwidth())}" rx="3"><title>${T(d.version)} in ${T(d.stage)}: ${T(d.start)} to ${T(d.end??"now")}</title></rect>${U}</g>`}).join("");return[ve(s,n,"timeline-chart",i),w,p,M,"</svg>"].join("")}function Ri(n,t){let e="\\0root",r=Ae().id(d=>d.id).parentId(d=>d.id===e?null:d.parent??e)([{id:e,parent:null,label:"",tone:null,external:!1},...t]),i=24,o=120,a=De().nodeSize([i,o])(r),s=a.descendants().filter(d=>d.depth>0),l=1/0,u=-1/0;for(let d of s)l=Math.min(l,d.x),u=Math.max(u,d.x);let h=(Math.max(1,...s.map(d=>d.depth))-1)*o+40+9+7*Math.max(...s.map(d=>d.data.label.length)),f=u-l+2*i+8,g=d=>(d.depth-1)*o+40,p=d=>d.x-l+i,_=_i().source(d=>d.s).target(d=>d.t),w=a.links().filter(d=>d.source.depth>0).map(d=>`<path class="link" d="${_({s:[g(d.source),p(d.source)],t:[g(d.target),p(d.target)]})??""}"/>`).join(""),M=s.map(d=>{let v=d.data,b=v.tone??"";return`<g class="node${v.external?" external":""} ${T(b)}" data-version="${T(v.id)}"><circle cx="${$(g(d))}" cy="${$(p(d))}" r="5"><title>${T(v.label)}</title></circle><text class="node-label" x="${$(g(d)+9)}" y="${$(p(d))}" dy="0.32em">${T(v.label)}</text></g>`}).join("");return`<svg class="lineage-graph" viewBox="0 0 ${$(h)} ${$(f)}" width="${$(h)}" height="${$(f)}" role="img" aria-label="${T(n)}"><title>${T(n)}</title>${w}${M}</svg>`}globalThis.gitModelCharts={metricChart:Ci,driftChart:Ai,timelineChart:Di,lineageGraph:Ri};})();\n';function formatBytes(bytes){let units=["B","KiB","MiB","GiB","TiB"],value2=bytes,unit2=0;for(;value2>=1024&&unit2<units.length-1;)value2/=1024,unit2++;return unit2===0?`${value2} B`:`${value2.toFixed(1)} ${units[unit2]}`}function formatNumber(value2){return value2==null?"-":Number.isInteger(value2)?String(value2):String(Number(value2.toPrecision(6)))}var report_default=`/* git-model report: one stylesheet for every page. Light and dark schemes follow the system. */
:root {
  color-scheme: light dark;
  --bg: #f7f8fa;
  --panel: #ffffff;
  --text: #1d2330;
  --muted: #5c6578;
  --border: #dde1e8;
  --grid: #e8ebf0;
  --accent: #3056d3;
  --line: #3056d3;
  --row-hover: #f0f3fa;
  --c0: #7a8496;
  --c1: #c77700;
  --c2: #1f8a4c;
  --c3: #8a5cd1;
  --c4: #c2410c;
  --c5: #0e7490;
  --ok: #1f8a4c;
  --warn: #b45309;
  --bad: #c62828;
  --info: #3056d3;
  --shadow: 0 1px 2px rgba(16, 24, 40, 0.06);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 15px;
  line-height: 1.45;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f141b;
    --panel: #171d26;
    --text: #e6e9ef;
    --muted: #9aa4b5;
    --border: #2a3240;
    --grid: #232b37;
    --accent: #7c9bff;
    --line: #7c9bff;
    --row-hover: #1d2531;
    --c0: #9aa4b5;
    --c1: #f0a13a;
    --c2: #4cc182;
    --c3: #b593ff;
    --c4: #ff8a5b;
    --c5: #38bdd8;
    --ok: #4cc182;
    --warn: #f0a13a;
    --bad: #ff6b6b;
    --info: #7c9bff;
    --shadow: none;
  }
}
* {
  box-sizing: border-box;
}
body {
  margin: 0;
  background: var(--bg);
  color: var(--text);
}
a {
  color: var(--accent);
  text-decoration: none;
}
a:hover,
a:focus-visible {
  text-decoration: underline;
}
code,
.mono {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 0.9em;
}
.topbar {
  display: flex;
  align-items: baseline;
  gap: 0.75rem;
  flex-wrap: wrap;
  padding: 0.8rem 1.25rem;
  background: var(--panel);
  border-bottom: 1px solid var(--border);
}
.topbar .brand {
  font-weight: 650;
  color: var(--text);
}
.topbar .where {
  color: var(--muted);
  font-size: 0.9rem;
}
main {
  max-width: 1320px;
  margin: 0 auto;
  padding: 1.25rem;
}
h1 {
  font-size: 1.6rem;
  margin: 0.2rem 0 0.4rem;
  letter-spacing: -0.01em;
}
h2 {
  font-size: 1.15rem;
  margin: 0 0 0.75rem;
}
h3 {
  font-size: 0.95rem;
  margin: 0 0 0.4rem;
  color: var(--muted);
  font-weight: 600;
}
.lede {
  color: var(--muted);
  margin: 0 0 1.25rem;
}
.since {
  color: var(--muted);
  font-size: 0.8rem;
}
td .since {
  display: block;
}
.badge {
  display: inline-block;
  padding: 0.05rem 0.5rem;
  border-radius: 999px;
  font-size: 0.8rem;
  font-weight: 600;
  border: 1px solid currentColor;
  white-space: nowrap;
  background: transparent;
}
figure {
  margin: 0;
}
svg.lineage-graph text {
  fill: var(--text);
  font-size: 12px;
  font-family: inherit;
}
.panel {
  background: var(--panel);
  border: 1px solid var(--border);
  border-radius: 10px;
  padding: 1rem 1.1rem;
  margin: 0 0 1.1rem;
  box-shadow: var(--shadow);
  min-width: 0;
}
.cards {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(170px, 1fr));
  gap: 0.75rem;
  margin: 0 0 1.1rem;
}
.card {
  background: var(--panel);
  border: 1px solid var(--border);
  border-radius: 10px;
  padding: 0.7rem 0.9rem;
  box-shadow: var(--shadow);
}
.card dt {
  color: var(--muted);
  font-size: 0.8rem;
  text-transform: uppercase;
  letter-spacing: 0.04em;
}
.card dd {
  margin: 0.15rem 0 0;
  font-size: 1.1rem;
  font-weight: 600;
  overflow-wrap: anywhere;
}
.card .badge {
  white-space: normal;
}
.chart-narrow {
  display: none;
}
.card .since {
  display: block;
  font-size: 0.8rem;
  font-weight: 400;
  color: var(--muted);
}
.table-wrap {
  overflow-x: auto;
  -webkit-overflow-scrolling: touch;
}
table {
  border-collapse: collapse;
  width: 100%;
  font-size: 0.92rem;
}
caption {
  text-align: left;
  color: var(--muted);
  font-size: 0.85rem;
  padding: 0 0 0.5rem;
  caption-side: top;
}
th,
td {
  padding: 0.45rem 0.6rem;
  border-bottom: 1px solid var(--border);
  text-align: left;
  vertical-align: top;
  white-space: nowrap;
}
thead th {
  font-size: 0.78rem;
  text-transform: uppercase;
  letter-spacing: 0.04em;
  color: var(--muted);
  font-weight: 600;
  background: var(--panel);
  position: sticky;
  top: 0;
}
tbody tr:hover {
  background: var(--row-hover);
}
td.num,
th.num {
  text-align: right;
  font-variant-numeric: tabular-nums;
}
td.wrap {
  white-space: normal;
  min-width: 14rem;
}
th button.sort {
  all: unset;
  cursor: pointer;
  display: inline-flex;
  gap: 0.25rem;
  align-items: center;
}
th button.sort:focus-visible {
  outline: 2px solid var(--accent);
  outline-offset: 2px;
  border-radius: 3px;
}
th button.sort::after {
  content: "\u2195";
  opacity: 0.35;
  font-size: 0.9em;
}
th[aria-sort="ascending"] button.sort::after {
  content: "\u2191";
  opacity: 1;
}
th[aria-sort="descending"] button.sort::after {
  content: "\u2193";
  opacity: 1;
}
.muted {
  color: var(--muted);
}
.stage-badge {
  color: var(--c0);
}
.c0 {
  --tone: var(--c0);
}
.c1 {
  --tone: var(--c1);
}
.c2 {
  --tone: var(--c2);
}
.c3 {
  --tone: var(--c3);
}
.c4 {
  --tone: var(--c4);
}
.c5 {
  --tone: var(--c5);
}
.stage-badge[class*=" c"] {
  color: var(--tone);
}
.status-ok {
  color: var(--ok);
}
.status-plan-retraining {
  color: var(--warn);
}
.status-retrain-now {
  color: var(--bad);
}
.status-propose-promotion {
  color: var(--info);
}
.status-no-data {
  color: var(--muted);
}
.holders {
  display: flex;
  flex-wrap: wrap;
  gap: 0.4rem;
  margin: 0 0 1rem;
}
.controls {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem;
  margin: 0 0 0.6rem;
  align-items: center;
}
.controls input,
.controls select {
  font: inherit;
  color: var(--text);
  background: var(--bg);
  border: 1px solid var(--border);
  border-radius: 6px;
  padding: 0.3rem 0.5rem;
  min-width: 0;
}
.controls input {
  flex: 1 1 12rem;
}
.controls .count {
  color: var(--muted);
  font-size: 0.85rem;
}
/* The versions table's pages: wraps at phone width. */
.pager {
  display: flex;
  flex-wrap: wrap;
  gap: 0.4rem;
  align-items: center;
  margin: 0.6rem 0 0;
}
.pager[hidden] {
  display: none;
}
.pager button {
  font: inherit;
  color: var(--text);
  background: var(--bg);
  border: 1px solid var(--border);
  border-radius: 6px;
  padding: 0.25rem 0.6rem;
  cursor: pointer;
}
.pager button:disabled {
  color: var(--muted);
  cursor: default;
}
.pager .page {
  color: var(--muted);
  font-size: 0.85rem;
}
/* Charts: d3 draws the marks at build time; the page colours them. */
svg.chart {
  width: 100%;
  height: auto;
  display: block;
  overflow: visible;
}
svg.chart text {
  fill: var(--muted);
  font-size: 11px;
  font-family: inherit;
}
svg .grid {
  stroke: var(--grid);
  stroke-width: 1;
}
svg .line {
  fill: none;
  stroke: var(--line);
  stroke-width: 2;
  stroke-linejoin: round;
  stroke-linecap: round;
}
svg .dot,
svg .run {
  fill: var(--panel);
  stroke: var(--line);
  stroke-width: 1.5;
}
svg .holder-mark {
  fill: var(--tone, var(--accent));
  stroke: var(--panel);
  stroke-width: 2;
}
svg.chart .mark-label {
  fill: var(--tone, var(--text));
  font-weight: 650;
  font-size: 11.5px;
}
svg .threshold line {
  stroke-dasharray: 5 4;
  stroke-width: 1.5;
}
svg .threshold.warn line {
  stroke: var(--warn);
}
svg .threshold.retrain line {
  stroke: var(--bad);
}
svg.chart .threshold.warn text {
  fill: var(--warn);
}
svg.chart .threshold.retrain text {
  fill: var(--bad);
}
svg .win {
  fill: var(--c3);
  stroke: var(--panel);
  stroke-width: 1;
}
svg .span rect {
  fill: var(--tone);
  opacity: 0.85;
}
svg.chart .span-label {
  fill: #fff;
  font-size: 11px;
  font-weight: 600;
  pointer-events: none;
}
svg .link {
  fill: none;
  stroke: var(--border);
  stroke-width: 1.5;
}
svg .node circle {
  fill: var(--tone, var(--line));
  stroke: var(--panel);
  stroke-width: 1.5;
}
svg .node.external circle {
  fill: var(--panel);
  stroke: var(--muted);
  stroke-dasharray: 2 2;
}
svg.sparkline {
  display: block;
  overflow: visible;
}
svg.lineage-graph {
  display: block;
  max-width: none;
  overflow: visible;
}
svg.sparkline .line {
  stroke-width: 1.5;
}
.legend {
  display: flex;
  flex-wrap: wrap;
  gap: 0.9rem;
  margin: 0.5rem 0 0;
  font-size: 0.85rem;
  color: var(--muted);
  padding: 0;
  list-style: none;
}
.legend li::before {
  content: "";
  display: inline-block;
  width: 0.7rem;
  height: 0.7rem;
  border-radius: 50%;
  background: var(--tone, var(--line));
  margin-right: 0.35rem;
  vertical-align: -0.05rem;
}
.legend li.win-key::before {
  background: var(--c3);
  border-radius: 0;
  clip-path: polygon(50% 0, 100% 100%, 0 100%);
}
.legend li.warn-key::before {
  background: var(--warn);
  border-radius: 0;
  height: 0.15rem;
  vertical-align: 0.2rem;
}
.legend li.retrain-key::before {
  background: var(--bad);
  border-radius: 0;
  height: 0.15rem;
  vertical-align: 0.2rem;
}
.small-multiples {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
  gap: 1rem;
}
.small-multiples figure {
  margin: 0;
}
figcaption {
  color: var(--muted);
  font-size: 0.85rem;
  margin-top: 0.35rem;
}
.details-panel {
  border-color: var(--accent);
}
.details-panel[hidden] {
  display: none;
}
.details-panel header {
  display: flex;
  justify-content: space-between;
  align-items: baseline;
  gap: 1rem;
  flex-wrap: wrap;
}
.details-panel .close {
  font: inherit;
  cursor: pointer;
  background: none;
  border: 1px solid var(--border);
  color: var(--text);
  border-radius: 6px;
  padding: 0.2rem 0.6rem;
}
.details-grid {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
  gap: 1rem;
}
.details-grid table td {
  white-space: normal;
  overflow-wrap: anywhere;
}
.better {
  color: var(--ok);
  font-weight: 600;
}
.worse {
  color: var(--bad);
  font-weight: 600;
}
pre.json {
  background: var(--bg);
  border: 1px solid var(--border);
  border-radius: 6px;
  padding: 0.6rem;
  overflow-x: auto;
  font-size: 0.8rem;
  margin: 0;
}
.note {
  color: var(--muted);
  font-size: 0.88rem;
  margin: 0.4rem 0 0;
}
footer.foot {
  max-width: 1320px;
  margin: 0 auto;
  padding: 0 1.25rem 2rem;
  color: var(--muted);
  font-size: 0.82rem;
}
tr.selected {
  background: var(--row-hover);
  box-shadow: inset 3px 0 0 var(--accent);
}
@media (max-width: 640px) {
  :root {
    font-size: 14px;
  }
  main {
    padding: 0.75rem;
  }
  .panel {
    padding: 0.8rem;
    border-radius: 8px;
  }
  th,
  td {
    padding: 0.4rem 0.45rem;
  }
  h1 {
    font-size: 1.35rem;
  }
  .cards {
    grid-template-columns: repeat(2, minmax(0, 1fr));
  }
  .small-multiples {
    grid-template-columns: 1fr;
  }
  .chart-wide {
    display: none;
  }
  .chart-narrow {
    display: block;
  }
}
.details-grid .wide {
  grid-column: 1 / -1;
}
.details-grid table.artifacts td.mono {
  white-space: nowrap;
  overflow-wrap: normal;
}
`;var report_default2=`// git-model report: progressive enhancement. Every page's tables read without this script; with
// it, tables sort and filter, the versions table pages through every version from
// data/<model>/versions.js, the charts are drawn from data/<model>/charts.js by assets/charts.js
// (d3 and the report's own drawing code), and a version's details load on demand from
// data/<model>/<chunk>.js (script tags rather than fetch, which browsers refuse for file:// pages).
(() => {
  const cellValue = (row, index) => {
    const cell = row.cells[index];
    if (!cell) return "";
    return cell.dataset.v ?? cell.textContent.trim();
  };

  /**
   * Turns each \`data-sort\` header of the table into a button that toggles its \`aria-sort\`
   * (ascending first) and calls \`sortBy(kind, column, ascending)\`: one way for the static tables
   * and the paged one.
   */
  function sortButtons(table, sortBy) {
    const headers = [...table.tHead.rows[0].cells];
    headers.forEach((th, column) => {
      const kind = th.dataset.sort;
      if (!kind) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.append(...th.childNodes);
      th.append(button);
      button.addEventListener("click", () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        for (const other of headers) other.removeAttribute("aria-sort");
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        sortBy(kind, column, ascending);
      });
    });
  }

  function makeSortable(table) {
    sortButtons(table, (kind, index, ascending) => {
      const body = table.tBodies[0];
      const rows = [...body.rows];
      const sign = ascending ? 1 : -1;
      const key = (row) => {
        const raw = cellValue(row, index);
        if (kind !== "num") return raw;
        const value = Number.parseFloat(raw);
        return Number.isFinite(value) ? value : null;
      };
      const keyed = rows.map((row, position) => ({ row, key: key(row), position }));
      keyed.sort((a, b) => {
        // Missing values last in both directions; ties keep the page's order.
        if (a.key === null || a.key === "")
          return b.key === null || b.key === "" ? a.position - b.position : 1;
        if (b.key === null || b.key === "") return -1;
        const order =
          kind === "num"
            ? a.key - b.key
            : String(a.key).localeCompare(String(b.key), undefined, { numeric: true });
        return order === 0 ? a.position - b.position : sign * order;
      });
      body.append(...keyed.map((k) => k.row));
    });
  }

  function makeFilterable(controls) {
    const table = document.getElementById(controls.dataset.filterFor);
    // A paged table filters its data, not its rows (pagedTable).
    if (!table || table.classList.contains("paged")) return;
    const text = controls.querySelector("input[type=search]");
    const stage = controls.querySelector("select");
    const count = controls.querySelector(".count");
    const rows = [...table.tBodies[0].rows];
    const texts = rows.map((row) => row.textContent.toLowerCase());
    const apply = () => {
      const words = (text?.value ?? "").toLowerCase().split(/\\s+/).filter(Boolean);
      const wanted = stage?.value ?? "";
      let shown = 0;
      rows.forEach((row, i) => {
        const visible = (!wanted || row.dataset.stage === wanted) && words.every((w) => texts[i].includes(w));
        row.hidden = !visible;
        if (visible) shown++;
      });
      if (count) count.textContent = \`\${shown} of \${rows.length} shown\`;
    };
    text?.addEventListener("input", apply);
    stage?.addEventListener("change", apply);
    controls.hidden = false;
    apply();
  }

  // ------------------------------------------------------------------------------------------
  // Version details, loaded on demand

  const chunks = new Map();
  const waiting = new Map();
  /** The versions table of this page, once its data is in (pagedTable). */
  let versionsTable = null;
  window.gitModelReport = {
    addVersions(model, chunk, versions) {
      const key = \`\${model}/\${chunk}\`;
      chunks.set(key, versions);
      for (const resolve of waiting.get(key) ?? []) resolve(versions);
      waiting.delete(key);
    },
    addCharts(model, data) {
      const main = document.querySelector("main[data-model]");
      if (!main || main.dataset.model !== model) return;
      chartData = data;
      drawCharts();
      // The narrow drawings wait until the page is narrow (a phone turned, a window resized).
      window.addEventListener("resize", drawCharts);
    },
    addTable(model, data) {
      const main = document.querySelector("main[data-model]");
      const table = document.getElementById("versions");
      if (!main || main.dataset.model !== model || !table) return;
      versionsTable = pagedTable(table, data);
      openFromHash();
    },
  };

  function loadChunk(base, model, chunk) {
    const key = \`\${model}/\${chunk}\`;
    if (chunks.has(key)) return Promise.resolve(chunks.get(key));
    return new Promise((resolve, reject) => {
      const list = waiting.get(key) ?? [];
      list.push(resolve);
      if (list.length > 1) return;
      waiting.set(key, list);
      const script = document.createElement("script");
      script.src = \`\${base}\${chunk}.js\`;
      script.onerror = () => reject(new Error(\`could not load \${script.src}\`));
      document.head.append(script);
    });
  }

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, v);
    }
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  };

  const show = (value) =>
    value === null || value === undefined
      ? "-"
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);

  function keyValueTable(caption, record, format = show) {
    const entries = Object.entries(record ?? {});
    if (entries.length === 0) return null;
    const body = el("tbody");
    for (const [k, v] of entries)
      body.append(el("tr", {}, el("th", { scope: "row", text: k }), el("td", { text: format(v, k) })));
    return el("table", {}, el("caption", { text: caption }), body);
  }

  const safeLink = (url, text) =>
    /^https?:\\/\\//i.test(String(url))
      ? el("a", { href: String(url), rel: "noopener", text: text ?? String(url) })
      : document.createTextNode(String(url));

  function renderDetails(panel, model, entry, goals) {
    const meta = entry.metadata;
    const title = el("h2", { id: "version-details-title", text: \`\${model}@\${entry.version}\` });
    const close = el("button", { type: "button", class: "close", text: "Close" });
    close.addEventListener("click", () => {
      history.replaceState(null, "", location.pathname + location.search);
      hideDetails();
    });
    panel.replaceChildren(el("header", {}, title, close));
    const facts = el("p", { class: "note" });
    facts.append(\`stage \${entry.stage} \xB7 created \${meta?.created_at ?? "-"}\`);
    panel.append(facts);
    if (!meta) {
      panel.append(
        el("p", {
          class: "worse",
          text: \`metadata.json cannot be read: \${entry.problem ?? "unknown problem"}\`,
        }),
      );
      return;
    }
    if (meta.description) panel.append(el("p", { text: meta.description }));
    const grid = el("div", { class: "details-grid" });
    const artifacts = el("tbody");
    for (const [i, a] of (meta.artifacts ?? []).entries()) {
      artifacts.append(
        el(
          "tr",
          {},
          el("th", { scope: "row", text: a.path }),
          el("td", { class: "num", text: entry.sizes[i] ?? String(a.size) }),
          el("td", { class: "mono", text: a.sha256 }),
        ),
      );
    }
    grid.append(
      el(
        "div",
        { class: "table-wrap wide" },
        el(
          "table",
          { class: "artifacts" },
          el("caption", { text: "Artifacts" }),
          el(
            "thead",
            {},
            el(
              "tr",
              {},
              el("th", { scope: "col", text: "path" }),
              el("th", { scope: "col", class: "num", text: "size" }),
              el("th", { scope: "col", text: "sha256" }),
            ),
          ),
          artifacts,
        ),
      ),
    );
    const improvement = meta.improvement ?? {};
    if (Object.keys(improvement).length) {
      const body = el("tbody");
      for (const [metric, pct] of Object.entries(improvement)) {
        const goal = goals[\`metrics.\${metric}\`];
        const better = goal ? (goal === "min" ? pct < 0 : pct > 0) : null;
        const cls = better === null || pct === 0 ? "" : better ? "better" : "worse";
        body.append(
          el(
            "tr",
            {},
            el("th", { scope: "row", text: metric }),
            el("td", { class: \`num \${cls}\`, text: \`\${pct > 0 ? "+" : ""}\${pct}%\` }),
          ),
        );
      }
      grid.append(
        el(
          "div",
          { class: "table-wrap" },
          el(
            "table",
            { class: "improvement" },
            el("caption", { text: \`Improvement over \${meta.lineage?.base ?? "its base"}\` }),
            body,
          ),
        ),
      );
    }
    for (const [caption, record] of [
      ["Metrics", meta.metrics],
      ["Parameters", meta.params],
      ["Tags", meta.tags],
      ["Training", meta.training],
      ["Lineage", meta.lineage],
    ]) {
      const table = keyValueTable(caption, record);
      if (table) grid.append(el("div", { class: "table-wrap" }, table));
    }
    if (meta.source) {
      const body = el("tbody");
      for (const [k, v] of Object.entries(meta.source))
        body.append(el("tr", {}, el("th", { scope: "row", text: k }), el("td", {}, safeLink(show(v)))));
      grid.append(
        el("div", { class: "table-wrap" }, el("table", {}, el("caption", { text: "Source" }), body)),
      );
    }
    panel.append(grid);
    const known = new Set([
      "schema",
      "name",
      "version",
      "created_at",
      "description",
      "artifacts",
      "metrics",
      "params",
      "tags",
      "training",
      "lineage",
      "improvement",
      "source",
    ]);
    const rest = Object.fromEntries(Object.entries(meta).filter(([k]) => !known.has(k)));
    if (Object.keys(rest).length) {
      panel.append(
        el("h3", { text: "Other fields" }),
        el("pre", { class: "json", text: JSON.stringify(rest, null, 2) }),
      );
    }
  }

  // ------------------------------------------------------------------------------------------
  // Charts: each slot names its chart in the model's chart data and the width to draw it at.
  // Only the slots the screen shows are drawn (a slot the stylesheet hides has no box). The SVG
  // comes from the report's drawing code, which escapes every text from the registry.

  let chartData = null;

  function drawChart(charts, spec, width, narrow) {
    switch (spec.kind) {
      case "metric": {
        const values = chartData.metrics[spec.metric] ?? [];
        const points = chartData.versions.map((version, i) => ({ version, value: values[i] ?? null }));
        return charts.metricChart({
          title: spec.title,
          points,
          marks: spec.marks,
          width,
          height: spec.height,
          // Hover titles on dots mean nothing on a phone.
          dotTitles: !narrow,
        });
      }
      case "drift":
        return charts.driftChart({ ...spec, width });
      case "timeline":
        return charts.timelineChart(spec.title, spec.stages, spec.spans, spec.now, width);
      case "lineage":
        return charts.lineageGraph(spec.title, spec.nodes);
      default:
        return "";
    }
  }

  function drawCharts() {
    const charts = window.gitModelCharts;
    if (!chartData || !charts) return;
    for (const slot of document.querySelectorAll("[data-chart]")) {
      if (slot.dataset.drawn || slot.getClientRects().length === 0) continue;
      const spec = chartData.charts[slot.dataset.chart];
      if (!spec) continue;
      slot.innerHTML = drawChart(
        charts,
        spec,
        Number(slot.dataset.width),
        slot.classList.contains("chart-narrow"),
      );
      slot.dataset.drawn = "true";
    }
  }

  // ------------------------------------------------------------------------------------------
  // The versions table, paged: a page of rows at a time from the model's table data, sorted and
  // filtered over the data, so 10,000 versions cost the browser 50 rows. The data's rows are
  // [version, stage, created, size, size as shown, artifacts, problem, ...metric values], oldest
  // first, as site.ts writes them; the rows built here are the ones site.ts writes for page one.

  const PAGE = 50;
  const collator = new Intl.Collator(undefined, { numeric: true });
  // formatNumber's rule (src/domain/format.ts): integers as they are, others to 6 significant digits.
  const formatNumber = (v) =>
    v === null || v === undefined ? "-" : Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));

  function pagedTable(table, data) {
    const rows = data.rows;
    const indexOf = new Map(rows.map((r, i) => [r[0], i]));
    // Header position -> the row's field: version, stage, created, size, artifacts, metrics...
    const fieldOf = (column) => (column <= 3 ? column : column === 4 ? 5 : column + 2);
    const texts = rows.map((r) =>
      [r[0], r[1], r[2] ?? r[6] ?? "-", r[4], r[5], ...r.slice(7).map(formatNumber)].join(" ").toLowerCase(),
    );
    const controls = document.querySelector('[data-filter-for="versions"]');
    const text = controls?.querySelector("input[type=search]");
    const stage = controls?.querySelector("select");
    const count = controls?.querySelector(".count");
    const pager = table.closest("section")?.querySelector(".pager");
    const pageLabel = pager?.querySelector(".page");
    // Newest first, as the page opens; \`order\` is the sorted order, \`view\` what the filter keeps.
    let order = rows.map((_, i) => rows.length - 1 - i);
    let view = order;
    let page = 0;
    let selected = -1;

    const rowOf = (i) => {
      const r = rows[i];
      const tr = el(
        "tr",
        { "data-version": r[0], "data-stage": r[1] },
        el("th", { scope: "row" }, el("a", { href: \`#v=\${encodeURIComponent(r[0])}\`, text: r[0] })),
        el("td", {}, el("span", { class: \`badge stage-badge \${data.tones[r[1]] ?? "c5"}\`, text: r[1] })),
        el("td", {}, r[2] ?? el("span", { class: "worse", text: r[6] ?? "-" })),
        el("td", { class: "num", text: r[4] }),
        el("td", { class: "num", text: String(r[5]) }),
        ...r.slice(7).map((v) => el("td", { class: "num", text: formatNumber(v) })),
      );
      if (i === selected) tr.classList.add("selected");
      return tr;
    };

    const render = () => {
      const pages = Math.max(1, Math.ceil(view.length / PAGE));
      page = Math.min(Math.max(0, page), pages - 1);
      const first = page * PAGE;
      const shown = view.slice(first, first + PAGE);
      table.tBodies[0].replaceChildren(...shown.map(rowOf));
      if (count) count.textContent = \`\${view.length} of \${rows.length} shown\`;
      if (pager && pageLabel) {
        pager.hidden = rows.length <= PAGE;
        pageLabel.textContent = view.length
          ? \`\${first + 1}-\${first + shown.length} of \${view.length}, page \${page + 1} of \${pages}\`
          : "no version matches";
        for (const button of pager.querySelectorAll("button")) {
          const back = button.dataset.page === "first" || button.dataset.page === "previous";
          button.disabled = back ? page === 0 : page >= pages - 1;
        }
      }
    };

    const filter = () => {
      const words = (text?.value ?? "").toLowerCase().split(/\\s+/).filter(Boolean);
      const wanted = stage?.value ?? "";
      view =
        words.length || wanted
          ? order.filter(
              (i) => (!wanted || rows[i][1] === wanted) && words.every((w) => texts[i].includes(w)),
            )
          : order;
    };

    sortButtons(table, (kind, column, ascending) => {
      const field = fieldOf(column);
      const sign = ascending ? 1 : -1;
      // The version column sorts by the model's version order (the data's), oldest first.
      const key = (i) => (kind === "version" ? i : rows[i][field]);
      const missing = (k) => k === null || k === undefined || k === "";
      // Missing values last in both directions; ties keep the current order (sort is stable).
      order = [...order].sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        if (missing(ka)) return missing(kb) ? 0 : 1;
        if (missing(kb)) return -1;
        return sign * (typeof ka === "number" ? ka - kb : collator.compare(String(ka), String(kb)));
      });
      filter();
      page = 0;
      render();
    });
    const refilter = () => {
      filter();
      page = 0;
      render();
    };
    text?.addEventListener("input", refilter);
    stage?.addEventListener("change", refilter);
    pager?.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-page]");
      if (!button) return;
      const to = button.dataset.page;
      page = to === "first" ? 0 : to === "previous" ? page - 1 : to === "next" ? page + 1 : Infinity;
      render();
    });
    if (controls) controls.hidden = false;
    render();

    return {
      chunkOf: (version) => (indexOf.has(version) ? Math.floor(indexOf.get(version) / data.chunk) : null),
      /** Marks a version's row and turns to its page (when the filter shows it); -1 clears. */
      select(version) {
        selected = version === null ? -1 : (indexOf.get(version) ?? -1);
        const at = selected < 0 ? -1 : view.indexOf(selected);
        if (at >= 0) page = Math.floor(at / PAGE);
        render();
      },
    };
  }

  function hideDetails() {
    const panel = document.getElementById("version-details");
    if (panel) panel.hidden = true;
    versionsTable?.select(null);
  }

  async function openFromHash() {
    const main = document.querySelector("main[data-model]");
    const panel = document.getElementById("version-details");
    if (!main || !panel) return;
    const match = /^#v=(.+)$/.exec(location.hash);
    if (!match) return hideDetails();
    // The table's data says which file holds the version's details; it comes with the page.
    if (!versionsTable) return;
    const version = decodeURIComponent(match[1]);
    const chunk = versionsTable.chunkOf(version);
    if (chunk === null) return hideDetails();
    const model = main.dataset.model;
    try {
      const versions = await loadChunk(main.dataset.chunks, model, String(chunk));
      const entry = versions.find((v) => v.version === version);
      if (!entry) return hideDetails();
      renderDetails(panel, model, entry, JSON.parse(main.dataset.goals || "{}"));
      panel.hidden = false;
      versionsTable.select(version);
      panel.scrollIntoView({ block: "start" });
    } catch (e) {
      panel.replaceChildren(el("p", { class: "worse", text: String(e.message ?? e) }));
      panel.hidden = false;
    }
  }

  document.querySelectorAll("table.sortable").forEach(makeSortable);
  document.querySelectorAll("[data-filter-for]").forEach(makeFilterable);
  window.addEventListener("hashchange", openFromHash);
  openFromHash();
})();
`;function ascending(a2,b){return a2==null||b==null?NaN:a2<b?-1:a2>b?1:a2>=b?0:NaN}function descending(a2,b){return a2==null||b==null?NaN:b<a2?-1:b>a2?1:b>=a2?0:NaN}function bisector(f){let compare1,compare2,delta;f.length!==2?(compare1=ascending,compare2=(d,x2)=>ascending(f(d),x2),delta=(d,x2)=>f(d)-x2):(compare1=f===ascending||f===descending?f:zero,compare2=f,delta=f);function left(a2,x2,lo=0,hi=a2.length){if(lo<hi){if(compare1(x2,x2)!==0)return hi;do{let mid=lo+hi>>>1;compare2(a2[mid],x2)<0?lo=mid+1:hi=mid}while(lo<hi)}return lo}function right(a2,x2,lo=0,hi=a2.length){if(lo<hi){if(compare1(x2,x2)!==0)return hi;do{let mid=lo+hi>>>1;compare2(a2[mid],x2)<=0?lo=mid+1:hi=mid}while(lo<hi)}return lo}function center(a2,x2,lo=0,hi=a2.length){let i=left(a2,x2,lo,hi-1);return i>lo&&delta(a2[i-1],x2)>-delta(a2[i],x2)?i-1:i}return{left,center,right}}function zero(){return 0}function number(x2){return x2===null?NaN:+x2}var ascendingBisect=bisector(ascending),bisectRight=ascendingBisect.right,bisectLeft=ascendingBisect.left,bisectCenter=bisector(number).center;var blur2=Blur2(blurf),blurImage=Blur2(blurfImage);function Blur2(blur){return function(data,rx,ry=rx){if(!((rx=+rx)>=0))throw new RangeError("invalid rx");if(!((ry=+ry)>=0))throw new RangeError("invalid ry");let{data:values,width,height}=data;if(!((width=Math.floor(width))>=0))throw new RangeError("invalid width");if(!((height=Math.floor(height!==void 0?height:values.length/width))>=0))throw new RangeError("invalid height");if(!width||!height||!rx&&!ry)return data;let blurx=rx&&blur(rx),blury=ry&&blur(ry),temp=values.slice();return blurx&&blury?(blurh(blurx,temp,values,width,height),blurh(blurx,values,temp,width,height),blurh(blurx,temp,values,width,height),blurv(blury,values,temp,width,height),blurv(blury,temp,values,width,height),blurv(blury,values,temp,width,height)):blurx?(blurh(blurx,values,temp,width,height),blurh(blurx,temp,values,width,height),blurh(blurx,values,temp,width,height)):blury&&(blurv(blury,values,temp,width,height),blurv(blury,temp,values,width,height),blurv(blury,values,temp,width,height)),data}}function blurh(blur,T,S,w,h){for(let y2=0,n=w*h;y2<n;)blur(T,S,y2,y2+=w,1)}function blurv(blur,T,S,w,h){for(let x2=0,n=w*h;x2<w;++x2)blur(T,S,x2,x2+n,w)}function blurfImage(radius){let blur=blurf(radius);return(T,S,start,stop,step)=>{start<<=2,stop<<=2,step<<=2,blur(T,S,start+0,stop+0,step),blur(T,S,start+1,stop+1,step),blur(T,S,start+2,stop+2,step),blur(T,S,start+3,stop+3,step)}}function blurf(radius){let radius0=Math.floor(radius);if(radius0===radius)return bluri(radius);let t=radius-radius0,w=2*radius+1;return(T,S,start,stop,step)=>{if(!((stop-=step)>=start))return;let sum=radius0*S[start],s0=step*radius0,s1=s0+step;for(let i=start,j=start+s0;i<j;i+=step)sum+=S[Math.min(stop,i)];for(let i=start,j=stop;i<=j;i+=step)sum+=S[Math.min(stop,i+s0)],T[i]=(sum+t*(S[Math.max(start,i-s1)]+S[Math.min(stop,i+s1)]))/w,sum-=S[Math.max(start,i-s0)]}}function bluri(radius){let w=2*radius+1;return(T,S,start,stop,step)=>{if(!((stop-=step)>=start))return;let sum=radius*S[start],s2=step*radius;for(let i=start,j=start+s2;i<j;i+=step)sum+=S[Math.min(stop,i)];for(let i=start,j=stop;i<=j;i+=step)sum+=S[Math.min(stop,i+s2)],T[i]=sum/w,sum-=S[Math.max(start,i-s2)]}}var array=Array.prototype,slice=array.slice;var e10=Math.sqrt(50),e5=Math.sqrt(10),e2=Math.sqrt(2);function tickSpec(start,stop,count){let step=(stop-start)/Math.max(0,count),power=Math.floor(Math.log10(step)),error=step/Math.pow(10,power),factor=error>=e10?10:error>=e5?5:error>=e2?2:1,i1,i2,inc;return power<0?(inc=Math.pow(10,-power)/factor,i1=Math.round(start*inc),i2=Math.round(stop*inc),i1/inc<start&&++i1,i2/inc>stop&&--i2,inc=-inc):(inc=Math.pow(10,power)*factor,i1=Math.round(start/inc),i2=Math.round(stop/inc),i1*inc<start&&++i1,i2*inc>stop&&--i2),i2<i1&&.5<=count&&count<2?tickSpec(start,stop,count*2):[i1,i2,inc]}function ticks(start,stop,count){if(stop=+stop,start=+start,count=+count,!(count>0))return[];if(start===stop)return[start];let reverse=stop<start,[i1,i2,inc]=reverse?tickSpec(stop,start,count):tickSpec(start,stop,count);if(!(i2>=i1))return[];let n=i2-i1+1,ticks2=new Array(n);if(reverse)if(inc<0)for(let i=0;i<n;++i)ticks2[i]=(i2-i)/-inc;else for(let i=0;i<n;++i)ticks2[i]=(i2-i)*inc;else if(inc<0)for(let i=0;i<n;++i)ticks2[i]=(i1+i)/-inc;else for(let i=0;i<n;++i)ticks2[i]=(i1+i)*inc;return ticks2}function tickIncrement(start,stop,count){return stop=+stop,start=+start,count=+count,tickSpec(start,stop,count)[2]}function tickStep(start,stop,count){stop=+stop,start=+start,count=+count;let reverse=stop<start,inc=reverse?tickIncrement(stop,start,count):tickIncrement(start,stop,count);return(reverse?-1:1)*(inc<0?1/-inc:inc)}var shuffle=shuffler(Math.random);function shuffler(random){return function(array3,i0=0,i1=array3.length){let m=i1-(i0=+i0);for(;m;){let i=random()*m--|0,t=array3[m+i0];array3[m+i0]=array3[i+i0],array3[i+i0]=t}return array3}}function define(constructor,factory,prototype){constructor.prototype=factory.prototype=prototype,prototype.constructor=constructor}function extend(parent,definition){var prototype=Object.create(parent.prototype);for(var key in definition)prototype[key]=definition[key];return prototype}function Color(){}var darker=.7,brighter=1/darker,reI="\\s*([+-]?\\d+)\\s*",reN="\\s*([+-]?(?:\\d*\\.)?\\d+(?:[eE][+-]?\\d+)?)\\s*",reP="\\s*([+-]?(?:\\d*\\.)?\\d+(?:[eE][+-]?\\d+)?)%\\s*",reHex=/^#([0-9a-f]{3,8})$/,reRgbInteger=new RegExp(`^rgb\\(${reI},${reI},${reI}\\)$`),reRgbPercent=new RegExp(`^rgb\\(${reP},${reP},${reP}\\)$`),reRgbaInteger=new RegExp(`^rgba\\(${reI},${reI},${reI},${reN}\\)$`),reRgbaPercent=new RegExp(`^rgba\\(${reP},${reP},${reP},${reN}\\)$`),reHslPercent=new RegExp(`^hsl\\(${reN},${reP},${reP}\\)$`),reHslaPercent=new RegExp(`^hsla\\(${reN},${reP},${reP},${reN}\\)$`),named={aliceblue:15792383,antiquewhite:16444375,aqua:65535,aquamarine:8388564,azure:15794175,beige:16119260,bisque:16770244,black:0,blanchedalmond:16772045,blue:255,blueviolet:9055202,brown:10824234,burlywood:14596231,cadetblue:6266528,chartreuse:8388352,chocolate:13789470,coral:16744272,cornflowerblue:6591981,cornsilk:16775388,crimson:14423100,cyan:65535,darkblue:139,darkcyan:35723,darkgoldenrod:12092939,darkgray:11119017,darkgreen:25600,darkgrey:11119017,darkkhaki:12433259,darkmagenta:9109643,darkolivegreen:5597999,darkorange:16747520,darkorchid:10040012,darkred:9109504,darksalmon:15308410,darkseagreen:9419919,darkslateblue:4734347,darkslategray:3100495,darkslategrey:3100495,darkturquoise:52945,darkviolet:9699539,deeppink:16716947,deepskyblue:49151,dimgray:6908265,dimgrey:6908265,dodgerblue:2003199,firebrick:11674146,floralwhite:16775920,forestgreen:2263842,fuchsia:16711935,gainsboro:14474460,ghostwhite:16316671,gold:16766720,goldenrod:14329120,gray:8421504,green:32768,greenyellow:11403055,grey:8421504,honeydew:15794160,hotpink:16738740,indianred:13458524,indigo:4915330,ivory:16777200,khaki:15787660,lavender:15132410,lavenderblush:16773365,lawngreen:8190976,lemonchiffon:16775885,lightblue:11393254,lightcoral:15761536,lightcyan:14745599,lightgoldenrodyellow:16448210,lightgray:13882323,lightgreen:9498256,lightgrey:13882323,lightpink:16758465,lightsalmon:16752762,lightseagreen:2142890,lightskyblue:8900346,lightslategray:7833753,lightslategrey:7833753,lightsteelblue:11584734,lightyellow:16777184,lime:65280,limegreen:3329330,linen:16445670,magenta:16711935,maroon:8388608,mediumaquamarine:6737322,mediumblue:205,mediumorchid:12211667,mediumpurple:9662683,mediumseagreen:3978097,mediumslateblue:8087790,mediumspringgreen:64154,mediumturquoise:4772300,mediumvioletred:13047173,midnightblue:1644912,mintcream:16121850,mistyrose:16770273,moccasin:16770229,navajowhite:16768685,navy:128,oldlace:16643558,olive:8421376,olivedrab:7048739,orange:16753920,orangered:16729344,orchid:14315734,palegoldenrod:15657130,palegreen:10025880,paleturquoise:11529966,palevioletred:14381203,papayawhip:16773077,peachpuff:16767673,peru:13468991,pink:16761035,plum:14524637,powderblue:11591910,purple:8388736,rebeccapurple:6697881,red:16711680,rosybrown:12357519,royalblue:4286945,saddlebrown:9127187,salmon:16416882,sandybrown:16032864,seagreen:3050327,seashell:16774638,sienna:10506797,silver:12632256,skyblue:8900331,slateblue:6970061,slategray:7372944,slategrey:7372944,snow:16775930,springgreen:65407,steelblue:4620980,tan:13808780,teal:32896,thistle:14204888,tomato:16737095,turquoise:4251856,violet:15631086,wheat:16113331,white:16777215,whitesmoke:16119285,yellow:16776960,yellowgreen:10145074};define(Color,color,{copy(channels){return Object.assign(new this.constructor,this,channels)},displayable(){return this.rgb().displayable()},hex:color_formatHex,formatHex:color_formatHex,formatHex8:color_formatHex8,formatHsl:color_formatHsl,formatRgb:color_formatRgb,toString:color_formatRgb});function color_formatHex(){return this.rgb().formatHex()}function color_formatHex8(){return this.rgb().formatHex8()}function color_formatHsl(){return hslConvert(this).formatHsl()}function color_formatRgb(){return this.rgb().formatRgb()}function color(format2){var m,l;return format2=(format2+"").trim().toLowerCase(),(m=reHex.exec(format2))?(l=m[1].length,m=parseInt(m[1],16),l===6?rgbn(m):l===3?new Rgb(m>>8&15|m>>4&240,m>>4&15|m&240,(m&15)<<4|m&15,1):l===8?rgba(m>>24&255,m>>16&255,m>>8&255,(m&255)/255):l===4?rgba(m>>12&15|m>>8&240,m>>8&15|m>>4&240,m>>4&15|m&240,((m&15)<<4|m&15)/255):null):(m=reRgbInteger.exec(format2))?new Rgb(m[1],m[2],m[3],1):(m=reRgbPercent.exec(format2))?new Rgb(m[1]*255/100,m[2]*255/100,m[3]*255/100,1):(m=reRgbaInteger.exec(format2))?rgba(m[1],m[2],m[3],m[4]):(m=reRgbaPercent.exec(format2))?rgba(m[1]*255/100,m[2]*255/100,m[3]*255/100,m[4]):(m=reHslPercent.exec(format2))?hsla(m[1],m[2]/100,m[3]/100,1):(m=reHslaPercent.exec(format2))?hsla(m[1],m[2]/100,m[3]/100,m[4]):named.hasOwnProperty(format2)?rgbn(named[format2]):format2==="transparent"?new Rgb(NaN,NaN,NaN,0):null}function rgbn(n){return new Rgb(n>>16&255,n>>8&255,n&255,1)}function rgba(r,g,b,a2){return a2<=0&&(r=g=b=NaN),new Rgb(r,g,b,a2)}function rgbConvert(o){return o instanceof Color||(o=color(o)),o?(o=o.rgb(),new Rgb(o.r,o.g,o.b,o.opacity)):new Rgb}function rgb(r,g,b,opacity){return arguments.length===1?rgbConvert(r):new Rgb(r,g,b,opacity??1)}function Rgb(r,g,b,opacity){this.r=+r,this.g=+g,this.b=+b,this.opacity=+opacity}define(Rgb,rgb,extend(Color,{brighter(k2){return k2=k2==null?brighter:Math.pow(brighter,k2),new Rgb(this.r*k2,this.g*k2,this.b*k2,this.opacity)},darker(k2){return k2=k2==null?darker:Math.pow(darker,k2),new Rgb(this.r*k2,this.g*k2,this.b*k2,this.opacity)},rgb(){return this},clamp(){return new Rgb(clampi(this.r),clampi(this.g),clampi(this.b),clampa(this.opacity))},displayable(){return-.5<=this.r&&this.r<255.5&&-.5<=this.g&&this.g<255.5&&-.5<=this.b&&this.b<255.5&&0<=this.opacity&&this.opacity<=1},hex:rgb_formatHex,formatHex:rgb_formatHex,formatHex8:rgb_formatHex8,formatRgb:rgb_formatRgb,toString:rgb_formatRgb}));function rgb_formatHex(){return`#${hex(this.r)}${hex(this.g)}${hex(this.b)}`}function rgb_formatHex8(){return`#${hex(this.r)}${hex(this.g)}${hex(this.b)}${hex((isNaN(this.opacity)?1:this.opacity)*255)}`}function rgb_formatRgb(){let a2=clampa(this.opacity);return`${a2===1?"rgb(":"rgba("}${clampi(this.r)}, ${clampi(this.g)}, ${clampi(this.b)}${a2===1?")":`, ${a2})`}`}function clampa(opacity){return isNaN(opacity)?1:Math.max(0,Math.min(1,opacity))}function clampi(value2){return Math.max(0,Math.min(255,Math.round(value2)||0))}function hex(value2){return value2=clampi(value2),(value2<16?"0":"")+value2.toString(16)}function hsla(h,s2,l,a2){return a2<=0?h=s2=l=NaN:l<=0||l>=1?h=s2=NaN:s2<=0&&(h=NaN),new Hsl(h,s2,l,a2)}function hslConvert(o){if(o instanceof Hsl)return new Hsl(o.h,o.s,o.l,o.opacity);if(o instanceof Color||(o=color(o)),!o)return new Hsl;if(o instanceof Hsl)return o;o=o.rgb();var r=o.r/255,g=o.g/255,b=o.b/255,min=Math.min(r,g,b),max=Math.max(r,g,b),h=NaN,s2=max-min,l=(max+min)/2;return s2?(r===max?h=(g-b)/s2+(g<b)*6:g===max?h=(b-r)/s2+2:h=(r-g)/s2+4,s2/=l<.5?max+min:2-max-min,h*=60):s2=l>0&&l<1?0:h,new Hsl(h,s2,l,o.opacity)}function hsl(h,s2,l,opacity){return arguments.length===1?hslConvert(h):new Hsl(h,s2,l,opacity??1)}function Hsl(h,s2,l,opacity){this.h=+h,this.s=+s2,this.l=+l,this.opacity=+opacity}define(Hsl,hsl,extend(Color,{brighter(k2){return k2=k2==null?brighter:Math.pow(brighter,k2),new Hsl(this.h,this.s,this.l*k2,this.opacity)},darker(k2){return k2=k2==null?darker:Math.pow(darker,k2),new Hsl(this.h,this.s,this.l*k2,this.opacity)},rgb(){var h=this.h%360+(this.h<0)*360,s2=isNaN(h)||isNaN(this.s)?0:this.s,l=this.l,m2=l+(l<.5?l:1-l)*s2,m1=2*l-m2;return new Rgb(hsl2rgb(h>=240?h-240:h+120,m1,m2),hsl2rgb(h,m1,m2),hsl2rgb(h<120?h+240:h-120,m1,m2),this.opacity)},clamp(){return new Hsl(clamph(this.h),clampt(this.s),clampt(this.l),clampa(this.opacity))},displayable(){return(0<=this.s&&this.s<=1||isNaN(this.s))&&0<=this.l&&this.l<=1&&0<=this.opacity&&this.opacity<=1},formatHsl(){let a2=clampa(this.opacity);return`${a2===1?"hsl(":"hsla("}${clamph(this.h)}, ${clampt(this.s)*100}%, ${clampt(this.l)*100}%${a2===1?")":`, ${a2})`}`}}));function clamph(value2){return value2=(value2||0)%360,value2<0?value2+360:value2}function clampt(value2){return Math.max(0,Math.min(1,value2||0))}function hsl2rgb(h,m1,m2){return(h<60?m1+(m2-m1)*h/60:h<180?m2:h<240?m1+(m2-m1)*(240-h)/60:m1)*255}var radians=Math.PI/180,degrees=180/Math.PI,K=18,Xn=.96422,Yn=1,Zn=.82521,t0=4/29,t1=6/29,t2=3*t1*t1,t3=t1*t1*t1;function labConvert(o){if(o instanceof Lab)return new Lab(o.l,o.a,o.b,o.opacity);if(o instanceof Hcl)return hcl2lab(o);o instanceof Rgb||(o=rgbConvert(o));var r=rgb2lrgb(o.r),g=rgb2lrgb(o.g),b=rgb2lrgb(o.b),y2=xyz2lab((.2225045*r+.7168786*g+.0606169*b)/Yn),x2,z;return r===g&&g===b?x2=z=y2:(x2=xyz2lab((.4360747*r+.3850649*g+.1430804*b)/Xn),z=xyz2lab((.0139322*r+.0971045*g+.7141733*b)/Zn)),new Lab(116*y2-16,500*(x2-y2),200*(y2-z),o.opacity)}function lab(l,a2,b,opacity){return arguments.length===1?labConvert(l):new Lab(l,a2,b,opacity??1)}function Lab(l,a2,b,opacity){this.l=+l,this.a=+a2,this.b=+b,this.opacity=+opacity}define(Lab,lab,extend(Color,{brighter(k2){return new Lab(this.l+K*(k2??1),this.a,this.b,this.opacity)},darker(k2){return new Lab(this.l-K*(k2??1),this.a,this.b,this.opacity)},rgb(){var y2=(this.l+16)/116,x2=isNaN(this.a)?y2:y2+this.a/500,z=isNaN(this.b)?y2:y2-this.b/200;return x2=Xn*lab2xyz(x2),y2=Yn*lab2xyz(y2),z=Zn*lab2xyz(z),new Rgb(lrgb2rgb(3.1338561*x2-1.6168667*y2-.4906146*z),lrgb2rgb(-.9787684*x2+1.9161415*y2+.033454*z),lrgb2rgb(.0719453*x2-.2289914*y2+1.4052427*z),this.opacity)}}));function xyz2lab(t){return t>t3?Math.pow(t,1/3):t/t2+t0}function lab2xyz(t){return t>t1?t*t*t:t2*(t-t0)}function lrgb2rgb(x2){return 255*(x2<=.0031308?12.92*x2:1.055*Math.pow(x2,1/2.4)-.055)}function rgb2lrgb(x2){return(x2/=255)<=.04045?x2/12.92:Math.pow((x2+.055)/1.055,2.4)}function hclConvert(o){if(o instanceof Hcl)return new Hcl(o.h,o.c,o.l,o.opacity);if(o instanceof Lab||(o=labConvert(o)),o.a===0&&o.b===0)return new Hcl(NaN,0<o.l&&o.l<100?0:NaN,o.l,o.opacity);var h=Math.atan2(o.b,o.a)*degrees;return new Hcl(h<0?h+360:h,Math.sqrt(o.a*o.a+o.b*o.b),o.l,o.opacity)}function hcl(h,c,l,opacity){return arguments.length===1?hclConvert(h):new Hcl(h,c,l,opacity??1)}function Hcl(h,c,l,opacity){this.h=+h,this.c=+c,this.l=+l,this.opacity=+opacity}function hcl2lab(o){if(isNaN(o.h))return new Lab(o.l,0,0,o.opacity);var h=o.h*radians;return new Lab(o.l,Math.cos(h)*o.c,Math.sin(h)*o.c,o.opacity)}define(Hcl,hcl,extend(Color,{brighter(k2){return new Hcl(this.h,this.c,this.l+K*(k2??1),this.opacity)},darker(k2){return new Hcl(this.h,this.c,this.l-K*(k2??1),this.opacity)},rgb(){return hcl2lab(this).rgb()}}));var A=-.14861,B=1.78277,C=-.29227,D=-.90649,E=1.97294,ED=E*D,EB=E*B,BC_DA=B*C-D*A;function cubehelixConvert(o){if(o instanceof Cubehelix)return new Cubehelix(o.h,o.s,o.l,o.opacity);o instanceof Rgb||(o=rgbConvert(o));var r=o.r/255,g=o.g/255,b=o.b/255,l=(BC_DA*b+ED*r-EB*g)/(BC_DA+ED-EB),bl=b-l,k2=(E*(g-l)-C*bl)/D,s2=Math.sqrt(k2*k2+bl*bl)/(E*l*(1-l)),h=s2?Math.atan2(k2,bl)*degrees-120:NaN;return new Cubehelix(h<0?h+360:h,s2,l,o.opacity)}function cubehelix(h,s2,l,opacity){return arguments.length===1?cubehelixConvert(h):new Cubehelix(h,s2,l,opacity??1)}function Cubehelix(h,s2,l,opacity){this.h=+h,this.s=+s2,this.l=+l,this.opacity=+opacity}define(Cubehelix,cubehelix,extend(Color,{brighter(k2){return k2=k2==null?brighter:Math.pow(brighter,k2),new Cubehelix(this.h,this.s,this.l*k2,this.opacity)},darker(k2){return k2=k2==null?darker:Math.pow(darker,k2),new Cubehelix(this.h,this.s,this.l*k2,this.opacity)},rgb(){var h=isNaN(this.h)?0:(this.h+120)*radians,l=+this.l,a2=isNaN(this.s)?0:this.s*l*(1-l),cosh2=Math.cos(h),sinh2=Math.sin(h);return new Rgb(255*(l+a2*(A*cosh2+B*sinh2)),255*(l+a2*(C*cosh2+D*sinh2)),255*(l+a2*(E*cosh2)),this.opacity)}}));function basis(t12,v0,v1,v2,v3){var t22=t12*t12,t32=t22*t12;return((1-3*t12+3*t22-t32)*v0+(4-6*t22+3*t32)*v1+(1+3*t12+3*t22-3*t32)*v2+t32*v3)/6}function basis$1(values){var n=values.length-1;return function(t){var i=t<=0?t=0:t>=1?(t=1,n-1):Math.floor(t*n),v1=values[i],v2=values[i+1],v0=i>0?values[i-1]:2*v1-v2,v3=i<n-1?values[i+2]:2*v2-v1;return basis((t-i/n)*n,v0,v1,v2,v3)}}function basisClosed(values){var n=values.length;return function(t){var i=Math.floor(((t%=1)<0?++t:t)*n),v0=values[(i+n-1)%n],v1=values[i%n],v2=values[(i+1)%n],v3=values[(i+2)%n];return basis((t-i/n)*n,v0,v1,v2,v3)}}var constant=x2=>()=>x2;function linear(a2,d){return function(t){return a2+t*d}}function exponential(a2,b,y2){return a2=Math.pow(a2,y2),b=Math.pow(b,y2)-a2,y2=1/y2,function(t){return Math.pow(a2+t*b,y2)}}function hue$1(a2,b){var d=b-a2;return d?linear(a2,d>180||d<-180?d-360*Math.round(d/360):d):constant(isNaN(a2)?b:a2)}function gamma(y2){return(y2=+y2)==1?nogamma:function(a2,b){return b-a2?exponential(a2,b,y2):constant(isNaN(a2)?b:a2)}}function nogamma(a2,b){var d=b-a2;return d?linear(a2,d):constant(isNaN(a2)?b:a2)}var rgb2=(function rgbGamma(y2){var color2=gamma(y2);function rgb3(start,end){var r=color2((start=rgb(start)).r,(end=rgb(end)).r),g=color2(start.g,end.g),b=color2(start.b,end.b),opacity=nogamma(start.opacity,end.opacity);return function(t){return start.r=r(t),start.g=g(t),start.b=b(t),start.opacity=opacity(t),start+""}}return rgb3.gamma=rgbGamma,rgb3})(1);function rgbSpline(spline){return function(colors){var n=colors.length,r=new Array(n),g=new Array(n),b=new Array(n),i,color2;for(i=0;i<n;++i)color2=rgb(colors[i]),r[i]=color2.r||0,g[i]=color2.g||0,b[i]=color2.b||0;return r=spline(r),g=spline(g),b=spline(b),color2.opacity=1,function(t){return color2.r=r(t),color2.g=g(t),color2.b=b(t),color2+""}}}var rgbBasis=rgbSpline(basis$1),rgbBasisClosed=rgbSpline(basisClosed);function numberArray(a2,b){b||(b=[]);var n=a2?Math.min(b.length,a2.length):0,c=b.slice(),i;return function(t){for(i=0;i<n;++i)c[i]=a2[i]*(1-t)+b[i]*t;return c}}function isNumberArray(x2){return ArrayBuffer.isView(x2)&&!(x2 instanceof DataView)}function genericArray(a2,b){var nb=b?b.length:0,na=a2?Math.min(nb,a2.length):0,x2=new Array(na),c=new Array(nb),i;for(i=0;i<na;++i)x2[i]=value(a2[i],b[i]);for(;i<nb;++i)c[i]=b[i];return function(t){for(i=0;i<na;++i)c[i]=x2[i](t);return c}}function date(a2,b){var d=new Date;return a2=+a2,b=+b,function(t){return d.setTime(a2*(1-t)+b*t),d}}function number2(a2,b){return a2=+a2,b=+b,function(t){return a2*(1-t)+b*t}}function object(a2,b){var i={},c={},k2;(a2===null||typeof a2!="object")&&(a2={}),(b===null||typeof b!="object")&&(b={});for(k2 in b)k2 in a2?i[k2]=value(a2[k2],b[k2]):c[k2]=b[k2];return function(t){for(k2 in i)c[k2]=i[k2](t);return c}}var reA=/[-+]?(?:\d+\.?\d*|\.?\d+)(?:[eE][-+]?\d+)?/g,reB=new RegExp(reA.source,"g");function zero2(b){return function(){return b}}function one(b){return function(t){return b(t)+""}}function string(a2,b){var bi=reA.lastIndex=reB.lastIndex=0,am,bm,bs,i=-1,s2=[],q=[];for(a2=a2+"",b=b+"";(am=reA.exec(a2))&&(bm=reB.exec(b));)(bs=bm.index)>bi&&(bs=b.slice(bi,bs),s2[i]?s2[i]+=bs:s2[++i]=bs),(am=am[0])===(bm=bm[0])?s2[i]?s2[i]+=bm:s2[++i]=bm:(s2[++i]=null,q.push({i,x:number2(am,bm)})),bi=reB.lastIndex;return bi<b.length&&(bs=b.slice(bi),s2[i]?s2[i]+=bs:s2[++i]=bs),s2.length<2?q[0]?one(q[0].x):zero2(b):(b=q.length,function(t){for(var i2=0,o;i2<b;++i2)s2[(o=q[i2]).i]=o.x(t);return s2.join("")})}function value(a2,b){var t=typeof b,c;return b==null||t==="boolean"?constant(b):(t==="number"?number2:t==="string"?(c=color(b))?(b=c,rgb2):string:b instanceof color?rgb2:b instanceof Date?date:isNumberArray(b)?numberArray:Array.isArray(b)?genericArray:typeof b.valueOf!="function"&&typeof b.toString!="function"||isNaN(b)?object:number2)(a2,b)}function round(a2,b){return a2=+a2,b=+b,function(t){return Math.round(a2*(1-t)+b*t)}}var degrees2=180/Math.PI,identity={translateX:0,translateY:0,rotate:0,skewX:0,scaleX:1,scaleY:1};function decompose(a2,b,c,d,e,f){var scaleX,scaleY,skewX;return(scaleX=Math.sqrt(a2*a2+b*b))&&(a2/=scaleX,b/=scaleX),(skewX=a2*c+b*d)&&(c-=a2*skewX,d-=b*skewX),(scaleY=Math.sqrt(c*c+d*d))&&(c/=scaleY,d/=scaleY,skewX/=scaleY),a2*d<b*c&&(a2=-a2,b=-b,skewX=-skewX,scaleX=-scaleX),{translateX:e,translateY:f,rotate:Math.atan2(b,a2)*degrees2,skewX:Math.atan(skewX)*degrees2,scaleX,scaleY}}var svgNode;function parseCss(value2){let m=new(typeof DOMMatrix=="function"?DOMMatrix:WebKitCSSMatrix)(value2+"");return m.isIdentity?identity:decompose(m.a,m.b,m.c,m.d,m.e,m.f)}function parseSvg(value2){return value2==null||(svgNode||(svgNode=document.createElementNS("http://www.w3.org/2000/svg","g")),svgNode.setAttribute("transform",value2),!(value2=svgNode.transform.baseVal.consolidate()))?identity:(value2=value2.matrix,decompose(value2.a,value2.b,value2.c,value2.d,value2.e,value2.f))}function interpolateTransform(parse,pxComma,pxParen,degParen){function pop(s2){return s2.length?s2.pop()+" ":""}function translate(xa,ya,xb,yb,s2,q){if(xa!==xb||ya!==yb){var i=s2.push("translate(",null,pxComma,null,pxParen);q.push({i:i-4,x:number2(xa,xb)},{i:i-2,x:number2(ya,yb)})}else(xb||yb)&&s2.push("translate("+xb+pxComma+yb+pxParen)}function rotate(a2,b,s2,q){a2!==b?(a2-b>180?b+=360:b-a2>180&&(a2+=360),q.push({i:s2.push(pop(s2)+"rotate(",null,degParen)-2,x:number2(a2,b)})):b&&s2.push(pop(s2)+"rotate("+b+degParen)}function skewX(a2,b,s2,q){a2!==b?q.push({i:s2.push(pop(s2)+"skewX(",null,degParen)-2,x:number2(a2,b)}):b&&s2.push(pop(s2)+"skewX("+b+degParen)}function scale(xa,ya,xb,yb,s2,q){if(xa!==xb||ya!==yb){var i=s2.push(pop(s2)+"scale(",null,",",null,")");q.push({i:i-4,x:number2(xa,xb)},{i:i-2,x:number2(ya,yb)})}else(xb!==1||yb!==1)&&s2.push(pop(s2)+"scale("+xb+","+yb+")")}return function(a2,b){var s2=[],q=[];return a2=parse(a2),b=parse(b),translate(a2.translateX,a2.translateY,b.translateX,b.translateY,s2,q),rotate(a2.rotate,b.rotate,s2,q),skewX(a2.skewX,b.skewX,s2,q),scale(a2.scaleX,a2.scaleY,b.scaleX,b.scaleY,s2,q),a2=b=null,function(t){for(var i=-1,n=q.length,o;++i<n;)s2[(o=q[i]).i]=o.x(t);return s2.join("")}}}var interpolateTransformCss=interpolateTransform(parseCss,"px, ","px)","deg)"),interpolateTransformSvg=interpolateTransform(parseSvg,", ",")",")"),epsilon2=1e-12;function cosh(x2){return((x2=Math.exp(x2))+1/x2)/2}function sinh(x2){return((x2=Math.exp(x2))-1/x2)/2}function tanh(x2){return((x2=Math.exp(2*x2))-1)/(x2+1)}var zoom=(function zoomRho(rho,rho2,rho4){function zoom2(p0,p1){var ux0=p0[0],uy0=p0[1],w0=p0[2],ux1=p1[0],uy1=p1[1],w1=p1[2],dx=ux1-ux0,dy=uy1-uy0,d2=dx*dx+dy*dy,i,S;if(d2<epsilon2)S=Math.log(w1/w0)/rho,i=function(t){return[ux0+t*dx,uy0+t*dy,w0*Math.exp(rho*t*S)]};else{var d1=Math.sqrt(d2),b0=(w1*w1-w0*w0+rho4*d2)/(2*w0*rho2*d1),b1=(w1*w1-w0*w0-rho4*d2)/(2*w1*rho2*d1),r0=Math.log(Math.sqrt(b0*b0+1)-b0),r1=Math.log(Math.sqrt(b1*b1+1)-b1);S=(r1-r0)/rho,i=function(t){var s2=t*S,coshr0=cosh(r0),u=w0/(rho2*d1)*(coshr0*tanh(rho*s2+r0)-sinh(r0));return[ux0+u*dx,uy0+u*dy,w0*coshr0/cosh(rho*s2+r0)]}}return i.duration=Math.abs(S)*1e3*rho/Math.SQRT2,i}return zoom2.rho=function(_){var _1=Math.max(.001,+_),_2=_1*_1,_4=_2*_2;return zoomRho(_1,_2,_4)},zoom2})(Math.SQRT2,2,4);function hsl2(hue){return function(start,end){var h=hue((start=hsl(start)).h,(end=hsl(end)).h),s2=nogamma(start.s,end.s),l=nogamma(start.l,end.l),opacity=nogamma(start.opacity,end.opacity);return function(t){return start.h=h(t),start.s=s2(t),start.l=l(t),start.opacity=opacity(t),start+""}}}var hsl_default=hsl2(hue$1),hslLong=hsl2(nogamma);function hcl2(hue){return function(start,end){var h=hue((start=hcl(start)).h,(end=hcl(end)).h),c=nogamma(start.c,end.c),l=nogamma(start.l,end.l),opacity=nogamma(start.opacity,end.opacity);return function(t){return start.h=h(t),start.c=c(t),start.l=l(t),start.opacity=opacity(t),start+""}}}var hcl_default=hcl2(hue$1),hclLong=hcl2(nogamma);function cubehelix2(hue){return(function cubehelixGamma(y2){y2=+y2;function cubehelix3(start,end){var h=hue((start=cubehelix(start)).h,(end=cubehelix(end)).h),s2=nogamma(start.s,end.s),l=nogamma(start.l,end.l),opacity=nogamma(start.opacity,end.opacity);return function(t){return start.h=h(t),start.s=s2(t),start.l=l(Math.pow(t,y2)),start.opacity=opacity(t),start+""}}return cubehelix3.gamma=cubehelixGamma,cubehelix3})(1)}var cubehelix_default=cubehelix2(hue$1),cubehelixLong=cubehelix2(nogamma);function formatDecimal(x2){return Math.abs(x2=Math.round(x2))>=1e21?x2.toLocaleString("en").replace(/,/g,""):x2.toString(10)}function formatDecimalParts(x2,p){if(!isFinite(x2)||x2===0)return null;var i=(x2=p?x2.toExponential(p-1):x2.toExponential()).indexOf("e"),coefficient=x2.slice(0,i);return[coefficient.length>1?coefficient[0]+coefficient.slice(2):coefficient,+x2.slice(i+1)]}function exponent(x2){return x2=formatDecimalParts(Math.abs(x2)),x2?x2[1]:NaN}function formatGroup(grouping,thousands){return function(value2,width){for(var i=value2.length,t=[],j=0,g=grouping[0],length=0;i>0&&g>0&&(length+g+1>width&&(g=Math.max(1,width-length)),t.push(value2.substring(i-=g,i+g)),!((length+=g+1)>width));)g=grouping[j=(j+1)%grouping.length];return t.reverse().join(thousands)}}function formatNumerals(numerals){return function(value2){return value2.replace(/[0-9]/g,function(i){return numerals[+i]})}}var re=/^(?:(.)?([<>=^]))?([+\-( ])?([$#])?(0)?(\d+)?(,)?(\.\d+)?(~)?([a-z%])?$/i;function formatSpecifier(specifier){if(!(match=re.exec(specifier)))throw new Error("invalid format: "+specifier);var match;return new FormatSpecifier({fill:match[1],align:match[2],sign:match[3],symbol:match[4],zero:match[5],width:match[6],comma:match[7],precision:match[8]&&match[8].slice(1),trim:match[9],type:match[10]})}formatSpecifier.prototype=FormatSpecifier.prototype;function FormatSpecifier(specifier){this.fill=specifier.fill===void 0?" ":specifier.fill+"",this.align=specifier.align===void 0?">":specifier.align+"",this.sign=specifier.sign===void 0?"-":specifier.sign+"",this.symbol=specifier.symbol===void 0?"":specifier.symbol+"",this.zero=!!specifier.zero,this.width=specifier.width===void 0?void 0:+specifier.width,this.comma=!!specifier.comma,this.precision=specifier.precision===void 0?void 0:+specifier.precision,this.trim=!!specifier.trim,this.type=specifier.type===void 0?"":specifier.type+""}FormatSpecifier.prototype.toString=function(){return this.fill+this.align+this.sign+this.symbol+(this.zero?"0":"")+(this.width===void 0?"":Math.max(1,this.width|0))+(this.comma?",":"")+(this.precision===void 0?"":"."+Math.max(0,this.precision|0))+(this.trim?"~":"")+this.type};function formatTrim(s2){out:for(var n=s2.length,i=1,i0=-1,i1;i<n;++i)switch(s2[i]){case".":i0=i1=i;break;case"0":i0===0&&(i0=i),i1=i;break;default:if(!+s2[i])break out;i0>0&&(i0=0);break}return i0>0?s2.slice(0,i0)+s2.slice(i1+1):s2}var prefixExponent;function formatPrefixAuto(x2,p){var d=formatDecimalParts(x2,p);if(!d)return prefixExponent=void 0,x2.toPrecision(p);var coefficient=d[0],exponent2=d[1],i=exponent2-(prefixExponent=Math.max(-8,Math.min(8,Math.floor(exponent2/3)))*3)+1,n=coefficient.length;return i===n?coefficient:i>n?coefficient+new Array(i-n+1).join("0"):i>0?coefficient.slice(0,i)+"."+coefficient.slice(i):"0."+new Array(1-i).join("0")+formatDecimalParts(x2,Math.max(0,p+i-1))[0]}function formatRounded(x2,p){var d=formatDecimalParts(x2,p);if(!d)return x2+"";var coefficient=d[0],exponent2=d[1];return exponent2<0?"0."+new Array(-exponent2).join("0")+coefficient:coefficient.length>exponent2+1?coefficient.slice(0,exponent2+1)+"."+coefficient.slice(exponent2+1):coefficient+new Array(exponent2-coefficient.length+2).join("0")}var formatTypes={"%":(x2,p)=>(x2*100).toFixed(p),b:x2=>Math.round(x2).toString(2),c:x2=>x2+"",d:formatDecimal,e:(x2,p)=>x2.toExponential(p),f:(x2,p)=>x2.toFixed(p),g:(x2,p)=>x2.toPrecision(p),o:x2=>Math.round(x2).toString(8),p:(x2,p)=>formatRounded(x2*100,p),r:formatRounded,s:formatPrefixAuto,X:x2=>Math.round(x2).toString(16).toUpperCase(),x:x2=>Math.round(x2).toString(16)};function identity2(x2){return x2}var map=Array.prototype.map,prefixes=["y","z","a","f","p","n","\xB5","m","","k","M","G","T","P","E","Z","Y"];function formatLocale(locale2){var group=locale2.grouping===void 0||locale2.thousands===void 0?identity2:formatGroup(map.call(locale2.grouping,Number),locale2.thousands+""),currencyPrefix=locale2.currency===void 0?"":locale2.currency[0]+"",currencySuffix=locale2.currency===void 0?"":locale2.currency[1]+"",decimal=locale2.decimal===void 0?".":locale2.decimal+"",numerals=locale2.numerals===void 0?identity2:formatNumerals(map.call(locale2.numerals,String)),percent=locale2.percent===void 0?"%":locale2.percent+"",minus=locale2.minus===void 0?"\u2212":locale2.minus+"",nan=locale2.nan===void 0?"NaN":locale2.nan+"";function newFormat(specifier,options){specifier=formatSpecifier(specifier);var fill=specifier.fill,align=specifier.align,sign2=specifier.sign,symbol=specifier.symbol,zero3=specifier.zero,width=specifier.width,comma=specifier.comma,precision=specifier.precision,trim=specifier.trim,type=specifier.type;type==="n"?(comma=!0,type="g"):formatTypes[type]||(precision===void 0&&(precision=12),trim=!0,type="g"),(zero3||fill==="0"&&align==="=")&&(zero3=!0,fill="0",align="=");var prefix=(options&&options.prefix!==void 0?options.prefix:"")+(symbol==="$"?currencyPrefix:symbol==="#"&&/[boxX]/.test(type)?"0"+type.toLowerCase():""),suffix=(symbol==="$"?currencySuffix:/[%p]/.test(type)?percent:"")+(options&&options.suffix!==void 0?options.suffix:""),formatType=formatTypes[type],maybeSuffix=/[defgprs%]/.test(type);precision=precision===void 0?6:/[gprs]/.test(type)?Math.max(1,Math.min(21,precision)):Math.max(0,Math.min(20,precision));function format2(value2){var valuePrefix=prefix,valueSuffix=suffix,i,n,c;if(type==="c")valueSuffix=formatType(value2)+valueSuffix,value2="";else{value2=+value2;var valueNegative=value2<0||1/value2<0;if(value2=isNaN(value2)?nan:formatType(Math.abs(value2),precision),trim&&(value2=formatTrim(value2)),valueNegative&&+value2==0&&sign2!=="+"&&(valueNegative=!1),valuePrefix=(valueNegative?sign2==="("?sign2:minus:sign2==="-"||sign2==="("?"":sign2)+valuePrefix,valueSuffix=(type==="s"&&!isNaN(value2)&&prefixExponent!==void 0?prefixes[8+prefixExponent/3]:"")+valueSuffix+(valueNegative&&sign2==="("?")":""),maybeSuffix){for(i=-1,n=value2.length;++i<n;)if(c=value2.charCodeAt(i),48>c||c>57){valueSuffix=(c===46?decimal+value2.slice(i+1):value2.slice(i))+valueSuffix,value2=value2.slice(0,i);break}}}comma&&!zero3&&(value2=group(value2,1/0));var length=valuePrefix.length+value2.length+valueSuffix.length,padding=length<width?new Array(width-length+1).join(fill):"";switch(comma&&zero3&&(value2=group(padding+value2,padding.length?width-valueSuffix.length:1/0),padding=""),align){case"<":value2=valuePrefix+value2+valueSuffix+padding;break;case"=":value2=valuePrefix+padding+value2+valueSuffix;break;case"^":value2=padding.slice(0,length=padding.length>>1)+valuePrefix+value2+valueSuffix+padding.slice(length);break;default:value2=padding+valuePrefix+value2+valueSuffix;break}return numerals(value2)}return format2.toString=function(){return specifier+""},format2}function formatPrefix2(specifier,value2){var e=Math.max(-8,Math.min(8,Math.floor(exponent(value2)/3)))*3,k2=Math.pow(10,-e),f=newFormat((specifier=formatSpecifier(specifier),specifier.type="f",specifier),{suffix:prefixes[8+e/3]});return function(value3){return f(k2*value3)}}return{format:newFormat,formatPrefix:formatPrefix2}}var locale,format,formatPrefix;defaultLocale({thousands:",",grouping:[3],currency:["$",""]});function defaultLocale(definition){return locale=formatLocale(definition),format=locale.format,formatPrefix=locale.formatPrefix,locale}function precisionFixed(step){return Math.max(0,-exponent(Math.abs(step)))}function precisionPrefix(step,value2){return Math.max(0,Math.max(-8,Math.min(8,Math.floor(exponent(value2)/3)))*3-exponent(Math.abs(step)))}function precisionRound(step,max){return step=Math.abs(step),max=Math.abs(max)-step,Math.max(0,exponent(max)-exponent(step))+1}function initRange(domain,range2){switch(arguments.length){case 0:break;case 1:this.range(domain);break;default:this.range(range2).domain(domain);break}return this}function constants(x2){return function(){return x2}}function number$1(x2){return+x2}var unit=[0,1];function identity$1(x2){return x2}function normalize(a2,b){return(b-=a2=+a2)?function(x2){return(x2-a2)/b}:constants(isNaN(b)?NaN:.5)}function clamper(a2,b){var t;return a2>b&&(t=a2,a2=b,b=t),function(x2){return Math.max(a2,Math.min(b,x2))}}function bimap(domain,range2,interpolate){var d0=domain[0],d1=domain[1],r0=range2[0],r1=range2[1];return d1<d0?(d0=normalize(d1,d0),r0=interpolate(r1,r0)):(d0=normalize(d0,d1),r0=interpolate(r0,r1)),function(x2){return r0(d0(x2))}}function polymap(domain,range2,interpolate){var j=Math.min(domain.length,range2.length)-1,d=new Array(j),r=new Array(j),i=-1;for(domain[j]<domain[0]&&(domain=domain.slice().reverse(),range2=range2.slice().reverse());++i<j;)d[i]=normalize(domain[i],domain[i+1]),r[i]=interpolate(range2[i],range2[i+1]);return function(x2){var i2=bisectRight(domain,x2,1,j)-1;return r[i2](d[i2](x2))}}function copy$1(source,target){return target.domain(source.domain()).range(source.range()).interpolate(source.interpolate()).clamp(source.clamp()).unknown(source.unknown())}function transformer$2(){var domain=unit,range2=unit,interpolate$1=value,transform,untransform,unknown,clamp=identity$1,piecewise2,output,input;function rescale(){var n=Math.min(domain.length,range2.length);return clamp!==identity$1&&(clamp=clamper(domain[0],domain[n-1])),piecewise2=n>2?polymap:bimap,output=input=null,scale}function scale(x2){return x2==null||isNaN(x2=+x2)?unknown:(output||(output=piecewise2(domain.map(transform),range2,interpolate$1)))(transform(clamp(x2)))}return scale.invert=function(y2){return clamp(untransform((input||(input=piecewise2(range2,domain.map(transform),number2)))(y2)))},scale.domain=function(_){return arguments.length?(domain=Array.from(_,number$1),rescale()):domain.slice()},scale.range=function(_){return arguments.length?(range2=Array.from(_),rescale()):range2.slice()},scale.rangeRound=function(_){return range2=Array.from(_),interpolate$1=round,rescale()},scale.clamp=function(_){return arguments.length?(clamp=_?!0:identity$1,rescale()):clamp!==identity$1},scale.interpolate=function(_){return arguments.length?(interpolate$1=_,rescale()):interpolate$1},scale.unknown=function(_){return arguments.length?(unknown=_,scale):unknown},function(t,u){return transform=t,untransform=u,rescale()}}function continuous(){return transformer$2()(identity$1,identity$1)}function tickFormat(start,stop,count,specifier){var step=tickStep(start,stop,count),precision;switch(specifier=formatSpecifier(specifier??",f"),specifier.type){case"s":{var value2=Math.max(Math.abs(start),Math.abs(stop));return specifier.precision==null&&!isNaN(precision=precisionPrefix(step,value2))&&(specifier.precision=precision),formatPrefix(specifier,value2)}case"":case"e":case"g":case"p":case"r":{specifier.precision==null&&!isNaN(precision=precisionRound(step,Math.max(Math.abs(start),Math.abs(stop))))&&(specifier.precision=precision-(specifier.type==="e"));break}case"f":case"%":{specifier.precision==null&&!isNaN(precision=precisionFixed(step))&&(specifier.precision=precision-(specifier.type==="%")*2);break}}return format(specifier)}function linearish(scale){var domain=scale.domain;return scale.ticks=function(count){var d=domain();return ticks(d[0],d[d.length-1],count??10)},scale.tickFormat=function(count,specifier){var d=domain();return tickFormat(d[0],d[d.length-1],count??10,specifier)},scale.nice=function(count){count==null&&(count=10);var d=domain(),i0=0,i1=d.length-1,start=d[i0],stop=d[i1],prestep,step,maxIter=10;for(stop<start&&(step=start,start=stop,stop=step,step=i0,i0=i1,i1=step);maxIter-- >0;){if(step=tickIncrement(start,stop,count),step===prestep)return d[i0]=start,d[i1]=stop,domain(d);if(step>0)start=Math.floor(start/step)*step,stop=Math.ceil(stop/step)*step;else if(step<0)start=Math.ceil(start*step)/step,stop=Math.floor(stop*step)/step;else break;prestep=step}return scale},scale}function linear2(){var scale=continuous();return scale.copy=function(){return copy$1(scale,linear2())},initRange.apply(scale,arguments),linearish(scale)}var pi=Math.PI,tau=2*pi,epsilon=1e-6,tauEpsilon=tau-epsilon;function append(strings){this._+=strings[0];for(let i=1,n=strings.length;i<n;++i)this._+=arguments[i]+strings[i]}function appendRound(digits){let d=Math.floor(digits);if(!(d>=0))throw new Error(`invalid digits: ${digits}`);if(d>15)return append;let k2=10**d;return function(strings){this._+=strings[0];for(let i=1,n=strings.length;i<n;++i)this._+=Math.round(arguments[i]*k2)/k2+strings[i]}}function equal(x0,y0,x1,y1){return x0===x1&&y0===y1}function equalRound(digits){let d=Math.floor(digits);if(!(d<=15))return equal;let k2=10**d,r=function(value2){return Math.round(value2*k2)};return function(x0,y0,x1,y1){return r(x0)===r(x1)&&r(y0)===r(y1)}}var Path=class{constructor(digits){this._x0=this._y0=this._x1=this._y1=null,this._="",this._append=digits==null?append:appendRound(digits),this._equal=digits==null?equal:equalRound(digits)}moveTo(x2,y2){this._append`M${this._x0=this._x1=+x2},${this._y0=this._y1=+y2}`}closePath(){this._x1!==null&&(this._x1=this._x0,this._y1=this._y0,this._append`Z`)}lineTo(x2,y2){this._append`L${this._x1=+x2},${this._y1=+y2}`}quadraticCurveTo(x1,y1,x2,y2){this._append`Q${+x1},${+y1},${this._x1=+x2},${this._y1=+y2}`}bezierCurveTo(x1,y1,x2,y2,x3,y3){this._append`C${+x1},${+y1},${+x2},${+y2},${this._x1=+x3},${this._y1=+y3}`}arcTo(x1,y1,x2,y2,r){if(x1=+x1,y1=+y1,x2=+x2,y2=+y2,r=+r,r<0)throw new Error(`negative radius: ${r}`);let x0=this._x1,y0=this._y1,x21=x2-x1,y21=y2-y1,x01=x0-x1,y01=y0-y1,l01_2=x01*x01+y01*y01;if(this._x1===null)this._append`M${this._x1=x1},${this._y1=y1}`;else if(l01_2>epsilon)if(!(Math.abs(y01*x21-y21*x01)>epsilon)||!r)this._append`L${this._x1=x1},${this._y1=y1}`;else{let x20=x2-x0,y20=y2-y0,l21_2=x21*x21+y21*y21,l20_2=x20*x20+y20*y20,l21=Math.sqrt(l21_2),l01=Math.sqrt(l01_2),l=r*Math.tan((pi-Math.acos((l21_2+l01_2-l20_2)/(2*l21*l01)))/2),t01=l/l01,t21=l/l21;Math.abs(t01-1)>epsilon&&this._append`L${x1+t01*x01},${y1+t01*y01}`,this._append`A${r},${r},0,0,${+(y01*x20>x01*y20)},${this._x1=x1+t21*x21},${this._y1=y1+t21*y21}`}}arc(x2,y2,r,a0,a1,ccw){if(x2=+x2,y2=+y2,r=+r,ccw=!!ccw,r<0)throw new Error(`negative radius: ${r}`);let dx=r*Math.cos(a0),dy=r*Math.sin(a0),x0=x2+dx,y0=y2+dy,cw=1^ccw,da=ccw?a0-a1:a1-a0;if(this._x1===null?this._append`M${x0},${y0}`:(Math.abs(this._x1-x0)>epsilon||Math.abs(this._y1-y0)>epsilon)&&this._append`L${x0},${y0}`,!!r){if(da<0&&(da=da%tau+tau),da>tauEpsilon)this._append`A${r},${r},0,1,${cw},${x2-dx},${y2-dy}A${r},${r},0,1,${cw},${this._x1=x0},${this._y1=y0}`;else if(da>epsilon){let x1=x2+r*Math.cos(a1),y1=y2+r*Math.sin(a1);if(da>=pi&&this._equal(x0,y0,x1,y1)){da/=2;let a00=a0+da;this._append`A${r},${r},0,${+(da>=pi)},${cw},${x2+r*Math.cos(a00)},${y2+r*Math.sin(a00)}`}this._append`A${r},${r},0,${+(da>=pi)},${cw},${this._x1=x1},${this._y1=y1}`}}}rect(x2,y2,w,h){this._append`M${this._x0=this._x1=+x2},${this._y0=this._y1=+y2}h${w=+w}v${+h}h${-w}Z`}toString(){return this._}};function path(){return new Path}path.prototype=Path.prototype;function constant2(x2){return function(){return x2}}var cos=Math.cos;var sin=Math.sin,sqrt=Math.sqrt,epsilon3=1e-12,pi2=Math.PI,halfPi=pi2/2,tau2=2*pi2;function withPath(shape){let digits=3;return shape.digits=function(_){if(!arguments.length)return digits;if(_==null)digits=null;else{let d=Math.floor(_);if(!(d>=0))throw new RangeError(`invalid digits: ${_}`);digits=d}return shape},()=>new Path(digits)}var slice2=Array.prototype.slice;function array2(x2){return typeof x2=="object"&&"length"in x2?x2:Array.from(x2)}function Linear(context){this._context=context}Linear.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._point=0},lineEnd:function(){(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1,this._line?this._context.lineTo(x2,y2):this._context.moveTo(x2,y2);break;case 1:this._point=2;default:this._context.lineTo(x2,y2);break}}};function curveLinear(context){return new Linear(context)}function x(p){return p[0]}function y(p){return p[1]}function line(x$1,y$1){var defined=constant2(!0),context=null,curve=curveLinear,output=null,path2=withPath(line2);x$1=typeof x$1=="function"?x$1:x$1===void 0?x:constant2(x$1),y$1=typeof y$1=="function"?y$1:y$1===void 0?y:constant2(y$1);function line2(data){var i,n=(data=array2(data)).length,d,defined0=!1,buffer;for(context==null&&(output=curve(buffer=path2())),i=0;i<=n;++i)!(i<n&&defined(d=data[i],i,data))===defined0&&((defined0=!defined0)?output.lineStart():output.lineEnd()),defined0&&output.point(+x$1(d,i,data),+y$1(d,i,data));if(buffer)return output=null,buffer+""||null}return line2.x=function(_){return arguments.length?(x$1=typeof _=="function"?_:constant2(+_),line2):x$1},line2.y=function(_){return arguments.length?(y$1=typeof _=="function"?_:constant2(+_),line2):y$1},line2.defined=function(_){return arguments.length?(defined=typeof _=="function"?_:constant2(!!_),line2):defined},line2.curve=function(_){return arguments.length?(curve=_,context!=null&&(output=curve(context)),line2):curve},line2.context=function(_){return arguments.length?(_==null?context=output=null:output=curve(context=_),line2):context},line2}var curveRadialLinear=curveRadial(curveLinear);function Radial(curve){this._curve=curve}Radial.prototype={areaStart:function(){this._curve.areaStart()},areaEnd:function(){this._curve.areaEnd()},lineStart:function(){this._curve.lineStart()},lineEnd:function(){this._curve.lineEnd()},point:function(a2,r){this._curve.point(r*Math.sin(a2),r*-Math.cos(a2))}};function curveRadial(curve){function radial(context){return new Radial(curve(context))}return radial._curve=curve,radial}var sqrt3$2=sqrt(3);var tan30=sqrt(1/3),tan30_2=tan30*2;var kr=sin(pi2/10)/sin(7*pi2/10),kx=sin(tau2/10)*kr,ky=-cos(tau2/10)*kr;var sqrt3$1=sqrt(3);var sqrt3=sqrt(3);var s=sqrt(3)/2,k=1/sqrt(12),a=(k/2+1)*3;function noop(){}function point$3(that,x2,y2){that._context.bezierCurveTo((2*that._x0+that._x1)/3,(2*that._y0+that._y1)/3,(that._x0+2*that._x1)/3,(that._y0+2*that._y1)/3,(that._x0+4*that._x1+x2)/6,(that._y0+4*that._y1+y2)/6)}function Basis(context){this._context=context}Basis.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._y0=this._y1=NaN,this._point=0},lineEnd:function(){switch(this._point){case 3:point$3(this,this._x1,this._y1);case 2:this._context.lineTo(this._x1,this._y1);break}(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1,this._line?this._context.lineTo(x2,y2):this._context.moveTo(x2,y2);break;case 1:this._point=2;break;case 2:this._point=3,this._context.lineTo((5*this._x0+this._x1)/6,(5*this._y0+this._y1)/6);default:point$3(this,x2,y2);break}this._x0=this._x1,this._x1=x2,this._y0=this._y1,this._y1=y2}};function BasisClosed(context){this._context=context}BasisClosed.prototype={areaStart:noop,areaEnd:noop,lineStart:function(){this._x0=this._x1=this._x2=this._x3=this._x4=this._y0=this._y1=this._y2=this._y3=this._y4=NaN,this._point=0},lineEnd:function(){switch(this._point){case 1:{this._context.moveTo(this._x2,this._y2),this._context.closePath();break}case 2:{this._context.moveTo((this._x2+2*this._x3)/3,(this._y2+2*this._y3)/3),this._context.lineTo((this._x3+2*this._x2)/3,(this._y3+2*this._y2)/3),this._context.closePath();break}case 3:{this.point(this._x2,this._y2),this.point(this._x3,this._y3),this.point(this._x4,this._y4);break}}},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1,this._x2=x2,this._y2=y2;break;case 1:this._point=2,this._x3=x2,this._y3=y2;break;case 2:this._point=3,this._x4=x2,this._y4=y2,this._context.moveTo((this._x0+4*this._x1+x2)/6,(this._y0+4*this._y1+y2)/6);break;default:point$3(this,x2,y2);break}this._x0=this._x1,this._x1=x2,this._y0=this._y1,this._y1=y2}};function BasisOpen(context){this._context=context}BasisOpen.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._y0=this._y1=NaN,this._point=0},lineEnd:function(){(this._line||this._line!==0&&this._point===3)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1;break;case 1:this._point=2;break;case 2:this._point=3;var x0=(this._x0+4*this._x1+x2)/6,y0=(this._y0+4*this._y1+y2)/6;this._line?this._context.lineTo(x0,y0):this._context.moveTo(x0,y0);break;case 3:this._point=4;default:point$3(this,x2,y2);break}this._x0=this._x1,this._x1=x2,this._y0=this._y1,this._y1=y2}};function Bundle(context,beta){this._basis=new Basis(context),this._beta=beta}Bundle.prototype={lineStart:function(){this._x=[],this._y=[],this._basis.lineStart()},lineEnd:function(){var x2=this._x,y2=this._y,j=x2.length-1;if(j>0)for(var x0=x2[0],y0=y2[0],dx=x2[j]-x0,dy=y2[j]-y0,i=-1,t;++i<=j;)t=i/j,this._basis.point(this._beta*x2[i]+(1-this._beta)*(x0+t*dx),this._beta*y2[i]+(1-this._beta)*(y0+t*dy));this._x=this._y=null,this._basis.lineEnd()},point:function(x2,y2){this._x.push(+x2),this._y.push(+y2)}};var bundle=(function custom(beta){function bundle2(context){return beta===1?new Basis(context):new Bundle(context,beta)}return bundle2.beta=function(beta2){return custom(+beta2)},bundle2})(.85);function point$2(that,x2,y2){that._context.bezierCurveTo(that._x1+that._k*(that._x2-that._x0),that._y1+that._k*(that._y2-that._y0),that._x2+that._k*(that._x1-x2),that._y2+that._k*(that._y1-y2),that._x2,that._y2)}function Cardinal(context,tension){this._context=context,this._k=(1-tension)/6}Cardinal.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._x2=this._y0=this._y1=this._y2=NaN,this._point=0},lineEnd:function(){switch(this._point){case 2:this._context.lineTo(this._x2,this._y2);break;case 3:point$2(this,this._x1,this._y1);break}(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1,this._line?this._context.lineTo(x2,y2):this._context.moveTo(x2,y2);break;case 1:this._point=2,this._x1=x2,this._y1=y2;break;case 2:this._point=3;default:point$2(this,x2,y2);break}this._x0=this._x1,this._x1=this._x2,this._x2=x2,this._y0=this._y1,this._y1=this._y2,this._y2=y2}};var cardinal=(function custom2(tension){function cardinal2(context){return new Cardinal(context,tension)}return cardinal2.tension=function(tension2){return custom2(+tension2)},cardinal2})(0);function CardinalClosed(context,tension){this._context=context,this._k=(1-tension)/6}CardinalClosed.prototype={areaStart:noop,areaEnd:noop,lineStart:function(){this._x0=this._x1=this._x2=this._x3=this._x4=this._x5=this._y0=this._y1=this._y2=this._y3=this._y4=this._y5=NaN,this._point=0},lineEnd:function(){switch(this._point){case 1:{this._context.moveTo(this._x3,this._y3),this._context.closePath();break}case 2:{this._context.lineTo(this._x3,this._y3),this._context.closePath();break}case 3:{this.point(this._x3,this._y3),this.point(this._x4,this._y4),this.point(this._x5,this._y5);break}}},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1,this._x3=x2,this._y3=y2;break;case 1:this._point=2,this._context.moveTo(this._x4=x2,this._y4=y2);break;case 2:this._point=3,this._x5=x2,this._y5=y2;break;default:point$2(this,x2,y2);break}this._x0=this._x1,this._x1=this._x2,this._x2=x2,this._y0=this._y1,this._y1=this._y2,this._y2=y2}};var cardinalClosed=(function custom3(tension){function cardinal2(context){return new CardinalClosed(context,tension)}return cardinal2.tension=function(tension2){return custom3(+tension2)},cardinal2})(0);function CardinalOpen(context,tension){this._context=context,this._k=(1-tension)/6}CardinalOpen.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._x2=this._y0=this._y1=this._y2=NaN,this._point=0},lineEnd:function(){(this._line||this._line!==0&&this._point===3)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1;break;case 1:this._point=2;break;case 2:this._point=3,this._line?this._context.lineTo(this._x2,this._y2):this._context.moveTo(this._x2,this._y2);break;case 3:this._point=4;default:point$2(this,x2,y2);break}this._x0=this._x1,this._x1=this._x2,this._x2=x2,this._y0=this._y1,this._y1=this._y2,this._y2=y2}};var cardinalOpen=(function custom4(tension){function cardinal2(context){return new CardinalOpen(context,tension)}return cardinal2.tension=function(tension2){return custom4(+tension2)},cardinal2})(0);function point$1(that,x2,y2){var x1=that._x1,y1=that._y1,x22=that._x2,y22=that._y2;if(that._l01_a>epsilon3){var a2=2*that._l01_2a+3*that._l01_a*that._l12_a+that._l12_2a,n=3*that._l01_a*(that._l01_a+that._l12_a);x1=(x1*a2-that._x0*that._l12_2a+that._x2*that._l01_2a)/n,y1=(y1*a2-that._y0*that._l12_2a+that._y2*that._l01_2a)/n}if(that._l23_a>epsilon3){var b=2*that._l23_2a+3*that._l23_a*that._l12_a+that._l12_2a,m=3*that._l23_a*(that._l23_a+that._l12_a);x22=(x22*b+that._x1*that._l23_2a-x2*that._l12_2a)/m,y22=(y22*b+that._y1*that._l23_2a-y2*that._l12_2a)/m}that._context.bezierCurveTo(x1,y1,x22,y22,that._x2,that._y2)}function CatmullRom(context,alpha){this._context=context,this._alpha=alpha}CatmullRom.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._x2=this._y0=this._y1=this._y2=NaN,this._l01_a=this._l12_a=this._l23_a=this._l01_2a=this._l12_2a=this._l23_2a=this._point=0},lineEnd:function(){switch(this._point){case 2:this._context.lineTo(this._x2,this._y2);break;case 3:this.point(this._x2,this._y2);break}(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){if(x2=+x2,y2=+y2,this._point){var x23=this._x2-x2,y23=this._y2-y2;this._l23_a=Math.sqrt(this._l23_2a=Math.pow(x23*x23+y23*y23,this._alpha))}switch(this._point){case 0:this._point=1,this._line?this._context.lineTo(x2,y2):this._context.moveTo(x2,y2);break;case 1:this._point=2;break;case 2:this._point=3;default:point$1(this,x2,y2);break}this._l01_a=this._l12_a,this._l12_a=this._l23_a,this._l01_2a=this._l12_2a,this._l12_2a=this._l23_2a,this._x0=this._x1,this._x1=this._x2,this._x2=x2,this._y0=this._y1,this._y1=this._y2,this._y2=y2}};var catmullRom=(function custom5(alpha){function catmullRom2(context){return alpha?new CatmullRom(context,alpha):new Cardinal(context,0)}return catmullRom2.alpha=function(alpha2){return custom5(+alpha2)},catmullRom2})(.5);function CatmullRomClosed(context,alpha){this._context=context,this._alpha=alpha}CatmullRomClosed.prototype={areaStart:noop,areaEnd:noop,lineStart:function(){this._x0=this._x1=this._x2=this._x3=this._x4=this._x5=this._y0=this._y1=this._y2=this._y3=this._y4=this._y5=NaN,this._l01_a=this._l12_a=this._l23_a=this._l01_2a=this._l12_2a=this._l23_2a=this._point=0},lineEnd:function(){switch(this._point){case 1:{this._context.moveTo(this._x3,this._y3),this._context.closePath();break}case 2:{this._context.lineTo(this._x3,this._y3),this._context.closePath();break}case 3:{this.point(this._x3,this._y3),this.point(this._x4,this._y4),this.point(this._x5,this._y5);break}}},point:function(x2,y2){if(x2=+x2,y2=+y2,this._point){var x23=this._x2-x2,y23=this._y2-y2;this._l23_a=Math.sqrt(this._l23_2a=Math.pow(x23*x23+y23*y23,this._alpha))}switch(this._point){case 0:this._point=1,this._x3=x2,this._y3=y2;break;case 1:this._point=2,this._context.moveTo(this._x4=x2,this._y4=y2);break;case 2:this._point=3,this._x5=x2,this._y5=y2;break;default:point$1(this,x2,y2);break}this._l01_a=this._l12_a,this._l12_a=this._l23_a,this._l01_2a=this._l12_2a,this._l12_2a=this._l23_2a,this._x0=this._x1,this._x1=this._x2,this._x2=x2,this._y0=this._y1,this._y1=this._y2,this._y2=y2}};var catmullRomClosed=(function custom6(alpha){function catmullRom2(context){return alpha?new CatmullRomClosed(context,alpha):new CardinalClosed(context,0)}return catmullRom2.alpha=function(alpha2){return custom6(+alpha2)},catmullRom2})(.5);function CatmullRomOpen(context,alpha){this._context=context,this._alpha=alpha}CatmullRomOpen.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._x2=this._y0=this._y1=this._y2=NaN,this._l01_a=this._l12_a=this._l23_a=this._l01_2a=this._l12_2a=this._l23_2a=this._point=0},lineEnd:function(){(this._line||this._line!==0&&this._point===3)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){if(x2=+x2,y2=+y2,this._point){var x23=this._x2-x2,y23=this._y2-y2;this._l23_a=Math.sqrt(this._l23_2a=Math.pow(x23*x23+y23*y23,this._alpha))}switch(this._point){case 0:this._point=1;break;case 1:this._point=2;break;case 2:this._point=3,this._line?this._context.lineTo(this._x2,this._y2):this._context.moveTo(this._x2,this._y2);break;case 3:this._point=4;default:point$1(this,x2,y2);break}this._l01_a=this._l12_a,this._l12_a=this._l23_a,this._l01_2a=this._l12_2a,this._l12_2a=this._l23_2a,this._x0=this._x1,this._x1=this._x2,this._x2=x2,this._y0=this._y1,this._y1=this._y2,this._y2=y2}};var catmullRomOpen=(function custom7(alpha){function catmullRom2(context){return alpha?new CatmullRomOpen(context,alpha):new CardinalOpen(context,0)}return catmullRom2.alpha=function(alpha2){return custom7(+alpha2)},catmullRom2})(.5);function LinearClosed(context){this._context=context}LinearClosed.prototype={areaStart:noop,areaEnd:noop,lineStart:function(){this._point=0},lineEnd:function(){this._point&&this._context.closePath()},point:function(x2,y2){x2=+x2,y2=+y2,this._point?this._context.lineTo(x2,y2):(this._point=1,this._context.moveTo(x2,y2))}};function sign(x2){return x2<0?-1:1}function slope3(that,x2,y2){var h0=that._x1-that._x0,h1=x2-that._x1,s0=(that._y1-that._y0)/(h0||h1<0&&-0),s1=(y2-that._y1)/(h1||h0<0&&-0),p=(s0*h1+s1*h0)/(h0+h1);return(sign(s0)+sign(s1))*Math.min(Math.abs(s0),Math.abs(s1),.5*Math.abs(p))||0}function slope2(that,t){var h=that._x1-that._x0;return h?(3*(that._y1-that._y0)/h-t)/2:t}function point(that,t02,t12){var x0=that._x0,y0=that._y0,x1=that._x1,y1=that._y1,dx=(x1-x0)/3;that._context.bezierCurveTo(x0+dx,y0+dx*t02,x1-dx,y1-dx*t12,x1,y1)}function MonotoneX(context){this._context=context}MonotoneX.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._y0=this._y1=this._t0=NaN,this._point=0},lineEnd:function(){switch(this._point){case 2:this._context.lineTo(this._x1,this._y1);break;case 3:point(this,this._t0,slope2(this,this._t0));break}(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){var t12=NaN;if(x2=+x2,y2=+y2,!(x2===this._x1&&y2===this._y1)){switch(this._point){case 0:this._point=1,this._line?this._context.lineTo(x2,y2):this._context.moveTo(x2,y2);break;case 1:this._point=2;break;case 2:this._point=3,point(this,slope2(this,t12=slope3(this,x2,y2)),t12);break;default:point(this,this._t0,t12=slope3(this,x2,y2));break}this._x0=this._x1,this._x1=x2,this._y0=this._y1,this._y1=y2,this._t0=t12}}};function MonotoneY(context){this._context=new ReflectContext(context)}(MonotoneY.prototype=Object.create(MonotoneX.prototype)).point=function(x2,y2){MonotoneX.prototype.point.call(this,y2,x2)};function ReflectContext(context){this._context=context}ReflectContext.prototype={moveTo:function(x2,y2){this._context.moveTo(y2,x2)},closePath:function(){this._context.closePath()},lineTo:function(x2,y2){this._context.lineTo(y2,x2)},bezierCurveTo:function(x1,y1,x2,y2,x3,y3){this._context.bezierCurveTo(y1,x1,y2,x2,y3,x3)}};function Natural(context){this._context=context}Natural.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x=[],this._y=[]},lineEnd:function(){var x2=this._x,y2=this._y,n=x2.length;if(n)if(this._line?this._context.lineTo(x2[0],y2[0]):this._context.moveTo(x2[0],y2[0]),n===2)this._context.lineTo(x2[1],y2[1]);else for(var px=controlPoints(x2),py=controlPoints(y2),i0=0,i1=1;i1<n;++i0,++i1)this._context.bezierCurveTo(px[0][i0],py[0][i0],px[1][i0],py[1][i0],x2[i1],y2[i1]);(this._line||this._line!==0&&n===1)&&this._context.closePath(),this._line=1-this._line,this._x=this._y=null},point:function(x2,y2){this._x.push(+x2),this._y.push(+y2)}};function controlPoints(x2){var i,n=x2.length-1,m,a2=new Array(n),b=new Array(n),r=new Array(n);for(a2[0]=0,b[0]=2,r[0]=x2[0]+2*x2[1],i=1;i<n-1;++i)a2[i]=1,b[i]=4,r[i]=4*x2[i]+2*x2[i+1];for(a2[n-1]=2,b[n-1]=7,r[n-1]=8*x2[n-1]+x2[n],i=1;i<n;++i)m=a2[i]/b[i-1],b[i]-=m,r[i]-=m*r[i-1];for(a2[n-1]=r[n-1]/b[n-1],i=n-2;i>=0;--i)a2[i]=(r[i]-a2[i+1])/b[i];for(b[n-1]=(x2[n]+a2[n-1])/2,i=0;i<n-1;++i)b[i]=2*x2[i+1]-a2[i+1];return[a2,b]}function Step(context,t){this._context=context,this._t=t}Step.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x=this._y=NaN,this._point=0},lineEnd:function(){0<this._t&&this._t<1&&this._point===2&&this._context.lineTo(this._x,this._y),(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line>=0&&(this._t=1-this._t,this._line=1-this._line)},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1,this._line?this._context.lineTo(x2,y2):this._context.moveTo(x2,y2);break;case 1:this._point=2;default:{if(this._t<=0)this._context.lineTo(this._x,y2),this._context.lineTo(x2,y2);else{var x1=this._x*(1-this._t)+x2*this._t;this._context.lineTo(x1,this._y),this._context.lineTo(x1,y2)}break}}this._x=x2,this._y=y2}};var ENTITIES={"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;","'":"&#39;"},SPECIAL=/[&<>"']/;function esc(value2){let text=String(value2??"");return SPECIAL.test(text)?text.replace(/[&<>"']/g,c=>ENTITIES[c]??c):text}var UTC_SECONDS=/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;function shortTime(iso){if(!iso)return"-";if(UTC_SECONDS.test(iso))return`${iso.slice(0,10)} ${iso.slice(11,16)}`;let date2=new Date(iso);return Number.isNaN(date2.getTime())?iso:date2.toISOString().slice(0,16).replace("T"," ")}function timeTag(iso){if(!iso)return"-";let date2=new Date(iso),exact=Number.isNaN(date2.getTime())?iso:date2.toISOString();return`<time datetime="${esc(exact)}" title="${esc(exact)}">${esc(shortTime(iso))}</time>`}var modelPage=model=>`models/${model}.html`,versionAnchor=version=>`v=${encodeURIComponent(version)}`;var WIDE=720,NARROW=380;function drawnIndices(values,width){let columns2=Math.max(1,Math.floor(width));if(values.length<=2*columns2)return values.map((_,i)=>i);let kept=[],per=values.length/columns2;for(let c=0;c<columns2;c++){let start=Math.floor(c*per),end=Math.min(values.length,Math.floor((c+1)*per)),lo=-1,hi=-1;for(let i=start;i<end;i++){let v=values[i];v!=null&&((lo<0||v<values[lo])&&(lo=i),(hi<0||v>values[hi])&&(hi=i))}for(let i of[...new Set([start,lo,hi,end-1])].sort((a2,b)=>a2-b))i>=0&&kept.push(i)}return kept}function paddedExtent(values){let lo=1/0,hi=-1/0;for(let v of values)v<lo&&(lo=v),v>hi&&(hi=v);if(!Number.isFinite(lo))return[0,1];let span=hi-lo||Math.abs(hi)||1;return[lo-span*.08,hi+span*.08]}function sparkline(values,label){let present=values.flatMap(v=>v===null?[]:[v]);if(present.length<2)return"";let x2=linear2().domain([0,values.length-1]).range([2,118]),y2=linear2().domain(paddedExtent(present)).range([26,2]),d=line().digits(1).defined(i=>values[i]!=null).x(i=>x2(i)).y(i=>y2(values[i]??0))(drawnIndices(values,120/2));return`<svg class="sparkline" viewBox="0 0 120 28" width="120" height="28" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title><path class="line" d="${d??""}"/></svg>`}function shownStages(data){return data.stages.map(s2=>s2.name).filter(name=>name!==data.initialStage&&name!==data.displacedTo)}function stageTone(data,stage){let i=data.stages.findIndex(s2=>s2.name===stage);return i<0?"c5":`c${i%6}`}function lastMoveInto(history,stage){for(let i=history.length-1;i>=0;i--){let e=history[i];if(e.type==="move"&&e.to===stage)return e.at}return null}function stageSpans(data,history){let shown=new Set(shownStages(data)),open=new Map,spans=[],order=0,span=(version,held,end)=>({stage:held.stage,version,start:held.since,end,tone:stageTone(data,held.stage),order:held.order}),close=(version,at)=>{let held=open.get(version);held&&(open.delete(version),spans.push(span(version,held,at)))};for(let e of history)e.type==="deletion"&&close(e.version,e.at),e.type==="move"&&(close(e.version,e.at),shown.has(e.to)&&open.set(e.version,{stage:e.to,since:e.at,order:order++}));for(let[version,held]of open)spans.push(span(version,held,null));return spans.sort((a2,b)=>Date.parse(a2.start)-Date.parse(b.start)||a2.order-b.order).map(({order:_,...s2})=>s2)}var VERSIONS_PER_CHUNK=200,TABLE_PAGE=50,MAX_OTHER_METRICS=8,MAX_METRIC_COLUMNS=5,MAX_LINEAGE_NODES=250,CHAIN_STEPS=12,MANIFEST="git-model-report.json",chartSlot=(id,width,className)=>`<div class="${className}" data-chart="${esc(id)}" data-width="${width}"></div>`,responsive=id=>`${chartSlot(id,WIDE,"chart-wide")}${chartSlot(id,NARROW,"chart-narrow")}`,chartsFile=(model,charts)=>`window.gitModelReport.addCharts(${JSON.stringify(model)},${JSON.stringify(charts)});
`;function prepareModel(data,model){let files=new Map;for(let start=0,chunk=0;start<model.versions.length;start+=VERSIONS_PER_CHUNK,chunk++){let versions=model.versions.slice(start,start+VERSIONS_PER_CHUNK).map(v=>({version:v.version,stage:v.stage,metadata:v.metadata,problem:v.problem,sizes:v.metadata?.artifacts.map(a2=>formatBytes(a2.size))??[]}));files.set(`data/${model.name}/${chunk}.js`,`window.gitModelReport.addVersions(${JSON.stringify(model.name)},${JSON.stringify(String(chunk))},${JSON.stringify(versions)});
`)}files.set(`data/${model.name}/versions.js`,versionsTableData(data,model));let head=headOf(model),charts={versions:model.versions.map(v=>v.version),metrics:{},charts:{}},sections={metrics:metricsSection(data,model,charts),versions:versionsSection(data,model),monitoring:monitoringSection(model,charts),lineage:lineageSection(data,model,charts)};return{files,finish:history=>({files:new Map([[modelPage(head.name),modelPageHtml(data,head,history,sections,charts)],[`data/${head.name}/charts.js`,chartsFile(head.name,charts)]]),summary:{...head,holderSince:Object.fromEntries(shownStages(data).map(s2=>[s2,lastMoveInto(history,s2)])),lastChange:lastChange(head,history)}})}}function headOf(model){let latest=model.versions.at(-1),bestVersion=model.best?model.versions.find(v=>v.version===model.best?.version):void 0;return{name:model.name,versions:model.versions.length,holders:model.holders,latest:latest?{version:latest.version,created_at:latest.created_at}:null,best:model.best,bestNote:model.bestNote,rank:model.rank,bestValue:model.rank.by==="metric"&&bestVersion?metricValue(bestVersion,model.rank.metric):null,monitoring:model.monitoring?{code:model.monitoring.status.code,recommendation:model.monitoring.recommendation,at:model.monitoring.lines.at(-1)?.at??null}:null,trend:model.rank.metric?metricColumn(model,model.rank.metric):[]}}function renderOverview(data,models,generator){return new Map([["index.html",overviewPage(data,models)],["assets/report.css",report_default],["assets/report.js",report_default2],["assets/charts.js",virtual_report_charts_default],[MANIFEST,`${JSON.stringify(manifest(data,models,generator),null,2)}
`]])}function manifest(data,models,generator){return{generator,generated_at:data.generatedAt,models:models.map(m=>({name:m.name,page:modelPage(m.name),versions:m.versions,latest:m.latest?.version??null,best:m.best?.version??null,stages:m.holders,monitoring:m.monitoring?.code??null}))}}function page(data,title,depth,body,mainAttrs="",head=""){let up="../".repeat(depth),repo=data.repositoryUrl?`<a class="where" href="${esc(data.repositoryUrl)}">${esc(data.repositoryUrl.replace(/^https:\/\//,""))}</a>`:"";return`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="git-model report">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${up}assets/report.css">
${head?`<script src="${up}assets/charts.js" defer></script>
`:""}<script src="${up}assets/report.js" defer></script>${head}
</head>
<body>
<header class="topbar"><a class="brand" href="${up}index.html">${esc(data.title)} \xB7 model registry</a><span class="where">${esc(data.root)}/</span>${repo}</header>
<main${mainAttrs}>
${body}
</main>
<footer class="foot">Built by <code>git model report</code> at ${timeTag(data.generatedAt)} UTC from the committed registry.</footer>
</body>
</html>
`}var stageBadge=(data,stage,text=stage)=>`<span class="badge stage-badge ${stageTone(data,stage)}">${esc(text)}</span>`,statusBadge=monitoring=>monitoring?`<span class="badge status-${esc(monitoring.code)}">${esc(monitoring.recommendation)}</span>`:'<span class="muted">not monitored</span>',since=iso=>iso?`<span class="since">since ${timeTag(iso)}</span>`:"",prLink=(data,pr)=>pr===null?"-":data.repositoryUrl?`<a href="${esc(`${data.repositoryUrl}/pull/${pr}`)}">#${pr}</a>`:`#${pr}`,commitLink=(data,commit)=>data.repositoryUrl?`<a class="mono" href="${esc(`${data.repositoryUrl}/commit/${commit}`)}">${esc(commit.slice(0,7))}</a>`:`<span class="mono">${esc(commit.slice(0,7))}</span>`,METRIC_PATH=/^metrics\.([^.]+)$/;function metricValue(v,path2,name=path2&&METRIC_PATH.exec(path2)?.[1]){if(!path2||!v.metadata)return null;let value2=name?Object.hasOwn(v.metrics,name)?v.metrics[name]:void 0:lookupField(v.metadata,path2);return typeof value2=="number"&&Number.isFinite(value2)?value2:null}var columns=new WeakMap;function metricColumn(model,path2){let byPath=columns.get(model);byPath||(byPath=new Map,columns.set(model,byPath));let column=byPath.get(path2);if(!column){let name=METRIC_PATH.exec(path2)?.[1];column=model.versions.map(v=>metricValue(v,path2,name)),byPath.set(path2,column)}return column}var metricName=path2=>path2.replace(/^metrics\./,"");function lastChange(head,history){let times=[history.at(-1)?.at,head.latest?.created_at,head.monitoring?.at].filter(t=>typeof t=="string"&&!Number.isNaN(Date.parse(t)));return times.length===0?null:times.reduce((a2,b)=>Date.parse(a2)>=Date.parse(b)?a2:b)}function overviewPage(data,models){let stages=shownStages(data),versionCount=models.reduce((sum,m)=>sum+m.versions,0),rows=models.map(m=>{let page2=esc(modelPage(m.name)),holderCells=stages.map(stage=>{let held=m.holders[stage]??[];if(held.length===0)return'<td class="muted">-</td>';let links=held.slice(-3).map(v=>`<a href="${page2}#${esc(versionAnchor(v))}">${esc(v)}</a>`).join(", "),more=held.length>3?` <span class="muted">+${held.length-3}</span>`:"";return`<td data-v="${esc(held.at(-1))}">${links}${more}${since(m.holderSince[stage])}</td>`}),trend=m.rank.metric?sparkline(m.trend,`${metricName(m.rank.metric)} over ${m.versions} versions`):"",latest=m.latest?`<a href="${page2}#${esc(versionAnchor(m.latest.version))}">${esc(m.latest.version)}</a>${m.latest.created_at?`<span class="since">${timeTag(m.latest.created_at)}</span>`:""}`:"-",best=m.best?`<a href="${page2}#${esc(versionAnchor(m.best.version))}">${esc(m.best.version)}</a>${m.bestValue!==null&&m.rank.metric?`<span class="since">${esc(metricName(m.rank.metric))} ${esc(formatNumber(m.bestValue))}</span>`:""}`:`<span class="muted" title="${esc(m.bestNote??"")}">-</span>`,monitoring=m.monitoring?`<span class="badge status-${esc(m.monitoring.code)}">${esc(m.monitoring.recommendation)}</span>${since(m.monitoring.at)}`:'<span class="muted">not monitored</span>';return`<tr data-model="${esc(m.name)}">
<th scope="row"><a href="${page2}">${esc(m.name)}</a></th>
<td class="num" data-v="${m.versions}">${m.versions}</td>
${holderCells.join(`
`)}
<td data-v="${esc(m.latest?.created_at??"")}">${latest}</td>
<td data-v="${esc(m.best?.version??"")}">${best}</td>
<td data-v="${esc(m.monitoring?.code??"")}">${monitoring}</td>
<td>${trend}</td>
<td data-v="${esc(m.lastChange??"")}">${timeTag(m.lastChange)}</td>
</tr>`}),needsAttention=models.filter(m=>m.monitoring&&m.monitoring.code!=="ok"&&m.monitoring.code!=="no-data").length,body=`<h1>Models</h1>
<p class="lede">${models.length} model${models.length===1?"":"s"}, ${versionCount} version${versionCount===1?"":"s"}${needsAttention?`, ${needsAttention} with a monitoring recommendation`:""}. Built ${timeTag(data.generatedAt)} UTC.</p>
${models.length===0?`<section class="panel"><p>No models in <code>${esc(data.root)}/</code> yet: register one with <code>git model register &lt;model&gt; &lt;dir&gt;</code>.</p></section>`:`<section class="panel" aria-labelledby="models-title">
<h2 id="models-title">Every model</h2>
<div class="controls" data-filter-for="models" hidden><input type="search" placeholder="Filter models" aria-label="Filter models"><span class="count" aria-live="polite"></span></div>
<div class="table-wrap"><table id="models" class="sortable">
<caption>Each model with the version holding each stage, its latest and best version (by the selection policy), its monitoring status, and when each last changed.</caption>
<thead><tr><th scope="col" data-sort="text">Model</th><th scope="col" class="num" data-sort="num">Versions</th>${stages.map(s2=>`<th scope="col" data-sort="text">${esc(s2)}</th>`).join("")}<th scope="col" data-sort="text">Latest</th><th scope="col" data-sort="text">Best</th><th scope="col" data-sort="text">Monitoring</th><th scope="col">Trend</th><th scope="col" data-sort="text">Last change</th></tr></thead>
<tbody>
${rows.join(`
`)}
</tbody>
</table></div>
</section>`}`;return page(data,`${data.title} \xB7 model registry`,0,body)}function modelPageHtml(data,model,history,sections,charts){let stages=shownStages(data),{latest}=model,goals={};model.rank.metric&&(goals[model.rank.metric]=model.rank.goal);let holderBadges=Object.entries(model.holders).filter(([stage])=>stage!==data.displacedTo).map(([stage,held])=>`${stageBadge(data,stage,`${stage}: ${held.slice(-3).join(", ")}${held.length>3?` +${held.length-3}`:""}`)}`).join(""),cards=[["Versions",String(model.versions),""],...stages.map(s2=>[s2,(model.holders[s2]??[]).slice(-2).join(", ")||"-",model.holders[s2]?.length?since(lastMoveInto(history,s2)):""]),["Latest",latest?.version??"-",latest?.created_at?`<span class="since">${timeTag(latest.created_at)}</span>`:""],["Best",model.best?.version??"-",model.best&&model.rank.metric&&model.best.value!==null&&model.rank.by==="metric"?`<span class="since">${esc(metricName(model.rank.metric))} ${esc(formatNumber(model.best.value))} (${model.rank.goal==="min"?"lower":"higher"} is better)</span>`:model.bestNote?`<span class="since">${esc(model.bestNote)}</span>`:""]].map(([title,value2,extra])=>`<div class="card"><dt>${esc(title)}</dt><dd>${esc(value2)}${extra}</dd></div>`).join(""),monitoringCard=`<div class="card"><dt>Monitoring</dt><dd>${statusBadge(model.monitoring)}${since(model.monitoring?.at)}</dd></div>`,body=`<p><a href="../index.html">\u2190 All models</a></p>
<h1>${esc(model.name)}</h1>
<div class="holders">${holderBadges||'<span class="muted">No version holds a stage yet.</span>'}</div>
<dl class="cards">${cards}${monitoringCard}</dl>
${sections.metrics}
${sections.versions}
<section id="version-details" class="panel details-panel" hidden aria-live="polite" aria-labelledby="version-details-title"></section>
${timelineSection(data,model.name,history,charts)}
${sections.monitoring}
${sections.lineage}`,attrs=` data-model="${esc(model.name)}" data-chunks="../data/${esc(model.name)}/" data-goals="${esc(JSON.stringify(goals))}"`,folder=`../data/${esc(model.name)}`,tableData=`<script src="${folder}/versions.js" defer></script><script src="${folder}/charts.js" defer></script>`;return page(data,`${model.name} \xB7 ${data.title}`,1,body,attrs,tableData)}var pathsOf=new WeakMap;function metricPaths(model){let known=pathsOf.get(model);if(known)return known;let counts=new Map;for(let v of model.versions)for(let name of Object.keys(v.metrics))counts.set(name,(counts.get(name)??0)+1);let byUse=[...counts].sort((a2,b)=>b[1]-a2[1]||(a2[0]<b[0]?-1:1)).map(([name])=>`metrics.${name}`),paths=[...new Set([...model.rank.metric?[model.rank.metric]:[],...byUse])];return pathsOf.set(model,paths),paths}function holderMarks(data,model){let marks=[];for(let stage of shownStages(data))for(let version of(model.holders[stage]??[]).slice(-3))marks.push({version,label:stage,tone:stageTone(data,stage)});return model.best&&!marks.some(m=>m.version===model.best?.version)&&marks.push({version:model.best.version,label:"best",tone:"c5"}),marks}var NO_CHARTS=`<noscript><p class="note">The charts are drawn by the page's script; the tables hold the same numbers.</p></noscript>`;function metricsSection(data,model,charts){let paths=metricPaths(model);if(paths.length===0||model.versions.length===0)return'<section class="panel"><h2>Metrics</h2><p class="muted">No version records a metric.</p></section>';let marks=holderMarks(data,model),chart=(path2,title,height)=>{charts.metrics[path2]??=metricColumn(model,path2);let id=`metric:${path2}`;return charts.charts[id]={kind:"metric",title,metric:path2,marks,...height?{height}:{}},id},[first,...others]=paths,rankTitle=`${metricName(first)} over ${model.versions.length} versions`,legend=marks.length?`<ul class="legend">${marks.map(m=>`<li class="${esc(m.tone)}">${esc(m.label)} ${esc(m.version)}</li>`).join("")}</ul>`:"",ranking=model.rank.by==="metric"&&model.rank.metric===first?`the ranking metric of <code>select</code> (${model.rank.goal==="min"?"lower":"higher"} is better)`:"the metric most versions record (no ranking metric is configured)",small=others.slice(0,MAX_OTHER_METRICS).map(path2=>`<figure><h3>${esc(metricName(path2))}</h3>${chartSlot(chart(path2,`${metricName(path2)} over versions`,220),400,"chart-small")}</figure>`).join(""),more=others.length>MAX_OTHER_METRICS?`<p class="note">${others.length-MAX_OTHER_METRICS} more metrics are in each version's details.</p>`:"";return`<section class="panel" aria-labelledby="metrics-title">
<h2 id="metrics-title">${esc(metricName(first))} over versions</h2>
${NO_CHARTS}
<figure>${responsive(chart(first,rankTitle))}
<figcaption>${esc(metricName(first))} is ${ranking}; versions oldest to newest, stage holders marked.</figcaption></figure>
${legend}
${small?`<h2 style="margin-top:1.2rem">Other metrics</h2><div class="small-multiples">${small}</div>${more}`:""}
</section>`}var tableMetrics=model=>metricPaths(model).slice(0,MAX_METRIC_COLUMNS);function versionsTableData(data,model){let metrics=tableMetrics(model).map(path2=>metricColumn(model,path2)),tones={},rows=model.versions.map((v,i)=>(tones[v.stage]??=stageTone(data,v.stage),[v.version,v.stage,v.created_at?shortTime(v.created_at):null,v.size,formatBytes(v.size),v.metadata?.artifacts.length??0,v.problem,...metrics.map(column=>column[i]??null)])),table={chunk:VERSIONS_PER_CHUNK,tones,rows};return`window.gitModelReport.addTable(${JSON.stringify(model.name)},${JSON.stringify(table)});
`}function versionsSection(data,model){let paths=tableMetrics(model),metrics=paths.map(path2=>metricColumn(model,path2)),stageOptions=[...new Set(model.versions.map(v=>v.stage))].map(s2=>`<option value="${esc(s2)}">${esc(s2)}</option>`).join(""),total=model.versions.length,first=Math.max(0,total-TABLE_PAGE),rows=model.versions.slice(first).map((v,k2)=>({v,i:first+k2})).reverse().map(({v,i})=>{let cells=metrics.map(column=>`<td class="num">${esc(formatNumber(column[i]))}</td>`).join("");return`<tr data-version="${esc(v.version)}" data-stage="${esc(v.stage)}"><th scope="row"><a href="#${esc(versionAnchor(v.version))}">${esc(v.version)}</a></th><td>${stageBadge(data,v.stage)}</td><td>${v.created_at?esc(shortTime(v.created_at)):`<span class="worse">${esc(v.problem??"-")}</span>`}</td><td class="num">${esc(formatBytes(v.size))}</td><td class="num">${v.metadata?.artifacts.length??0}</td>${cells}</tr>`}).join(`
`),partial=total>TABLE_PAGE?`<noscript><p class="note">The newest ${TABLE_PAGE} of ${total} versions are listed; with JavaScript the table pages through all of them.</p></noscript>`:"";return`<section class="panel" aria-labelledby="versions-title">
<h2 id="versions-title">Versions</h2>
<div class="controls" data-filter-for="versions" hidden><input type="search" placeholder="Filter versions, e.g. 1.2 or production" aria-label="Filter versions"><select aria-label="Only the versions in a stage"><option value="">every stage</option>${stageOptions}</select><span class="count" aria-live="polite"></span></div>
<div class="table-wrap"><table id="versions" class="paged" data-total="${total}">
<caption>${total} versions of ${esc(model.name)}, newest first. Choose a version for its metadata, artifacts and improvement over its base.</caption>
<thead><tr><th scope="col" data-sort="version">Version</th><th scope="col" data-sort="text">Stage</th><th scope="col" data-sort="text">Created (UTC)</th><th scope="col" class="num" data-sort="num">Size</th><th scope="col" class="num" data-sort="num">Artifacts</th>${paths.map(p=>`<th scope="col" class="num" data-sort="num">${esc(metricName(p))}</th>`).join("")}</tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<nav class="pager" aria-label="Pages of the versions table" hidden><button type="button" data-page="first">Newest</button><button type="button" data-page="previous">Previous</button><span class="page" aria-live="polite"></span><button type="button" data-page="next">Next</button><button type="button" data-page="last">Oldest</button></nav>
${partial}
<noscript><p class="note">A version's details need JavaScript; every version's metadata.json is in the repository under ${esc(data.root)}/${esc(model.name)}/.</p></noscript>
</section>`}function moveEvent(e){return e.type==="registration"?"registered":e.type==="deletion"?"deleted":e.kind==="rollback"||!e.rollback?e.kind:`${e.kind} (rollback)`}function timelineSection(data,name,history,charts){let stages=shownStages(data),spans=stageSpans(data,history),moves=history.filter(e=>e.type!=="registration"),chart=spans.length?`<figure>${responsive(timelineChart(charts,`Which version held each stage of ${name} when`,stages,spans,data.generatedAt))}<figcaption>One bar per holding, from the commit that moved the version in to the one that moved it out.</figcaption></figure>`:`<p class="muted">No version has held ${stages.map(esc).join(" or ")} yet.</p>`,rows=[...moves].reverse().map(e=>{let from=e.type==="move"?e.from:"",to=e.type==="move"?e.to:"",reason=e.type==="move"?e.reason??"":"";return`<tr><td data-v="${esc(e.at)}">${timeTag(e.at)}</td><td>${esc(moveEvent(e))}</td><th scope="row">${esc(e.version)}</th><td>${from?stageBadge(data,from):""}</td><td>${to?stageBadge(data,to):""}</td><td>${esc(e.who)}</td><td class="wrap">${esc(reason)}</td><td>${prLink(data,e.pullRequest)}</td><td>${commitLink(data,e.commit)}</td></tr>`}).join(`
`),registrations=history.length-moves.length;return`<section class="panel" aria-labelledby="timeline-title">
<h2 id="timeline-title">Stage timeline</h2>
${chart}
${moves.length?`<div class="table-wrap" style="margin-top:0.8rem"><table id="moves" class="sortable">
<caption>Every stage move and deletion, newest first: who, why and through which pull request (${registrations} registrations are in the versions table).</caption>
<thead><tr><th scope="col" data-sort="text">When (UTC)</th><th scope="col" data-sort="text">Event</th><th scope="col" data-sort="text">Version</th><th scope="col" data-sort="text">From</th><th scope="col" data-sort="text">To</th><th scope="col" data-sort="text">Who</th><th scope="col">Reason</th><th scope="col">Pull request</th><th scope="col">Commit</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`:""}
</section>`}function monitoringSection(model,charts){let m=model.monitoring;if(!m)return`<section class="panel" aria-labelledby="monitoring-title"><h2 id="monitoring-title">Monitoring</h2><p class="muted">No monitoring runs yet (<code>git model monitor ${esc(model.name)} --version V --value X</code>).</p></section>`;let{thresholds}=m.status,points=m.lines.map(l=>({at:l.at,drift:l.drift_pct,version:l.version,challengerWon:l.challenger&&l.winner===l.challenger.version?l.challenger.version:null})),wins=points.filter(p=>p.challengerWon).length,recent=[...m.lines].slice(-20).reverse().map(l=>`<tr><td data-v="${esc(l.at)}">${timeTag(l.at)}</td><th scope="row">${esc(l.version)}</th><td>${esc(l.metric)}</td><td class="num">${esc(formatNumber(l.value))}</td><td class="num">${esc(formatNumber(l.baseline.value))}</td><td class="num">${esc(l.drift_pct)}%</td><td>${l.challenger?`${esc(l.challenger.version)} (${esc(formatNumber(l.challenger.value))})`:"-"}</td><td>${esc(l.winner)}</td></tr>`).join(`
`),shown=m.total>m.lines.length?` (the last ${m.lines.length} of ${m.total} runs)`:"";return`<section class="panel" aria-labelledby="monitoring-title">
<h2 id="monitoring-title">Monitoring</h2>
<p>${statusBadge({code:m.status.code,recommendation:m.recommendation})} <span class="muted">${esc(m.status.message)}</span></p>
<figure>${responsive(driftChart(charts,{kind:"drift",title:`Drift of ${model.name} over time`,points,warn:thresholds.drift_warn_pct,retrain:thresholds.drift_retrain_pct}))}
<figcaption>Drift of ${esc(m.status.metric??"the monitored metric")} against each version's registered baseline${esc(shown)}; positive is worse. ${wins} challenger win${wins===1?"":"s"}.</figcaption></figure>
<ul class="legend"><li>drift %</li><li class="warn-key">plan retraining at ${esc(thresholds.drift_warn_pct)}%</li><li class="retrain-key">retrain now at ${esc(thresholds.drift_retrain_pct)}%</li><li class="win-key">challenger won</li></ul>
<div class="table-wrap" style="margin-top:0.8rem"><table id="runs">
<caption>The latest monitoring runs, newest first${m.issues?` (${m.issues} unreadable lines skipped)`:""}.</caption>
<thead><tr><th scope="col">When (UTC)</th><th scope="col">Version</th><th scope="col">Metric</th><th scope="col" class="num">Value</th><th scope="col" class="num">Baseline</th><th scope="col" class="num">Drift</th><th scope="col">Challenger</th><th scope="col">Winner</th></tr></thead>
<tbody>
${recent}
</tbody></table></div>
</section>`}function lineageSection(data,model,charts){let own=new Map(model.versions.map(v=>[v.version,v])),baseOf=new Map;for(let v of model.versions){let base=v.metadata?.lineage?.base;typeof base=="string"&&base&&baseOf.set(v.version,base.replace(/@v(?=\d)/,"@"))}if(baseOf.size===0)return`<section class="panel" aria-labelledby="lineage-title"><h2 id="lineage-title">Lineage</h2><p class="muted">No version records a base (<code>git model register ... --base ${esc(model.name)}@V --enhancement TYPE</code>).</p></section>`;let idOf=ref=>{let prefix=`${model.name}@`;return ref.startsWith(prefix)&&own.has(ref.slice(prefix.length))?ref.slice(prefix.length):ref},members=new Set;for(let[version,base]of baseOf)members.add(version),members.add(idOf(base));let note="";if(members.size>MAX_LINEAGE_NODES){let keys=[...shownStages(data).flatMap(stage=>(model.holders[stage]??[]).slice(-3)),model.best?.version,model.versions.at(-1)?.version],kept=new Set;for(let key of keys){let current=key;for(let step=0;current!==void 0&&!kept.has(current)&&step<=CHAIN_STEPS;step++){kept.add(current);let base=baseOf.get(current);current=base===void 0?void 0:idOf(base)}}note=`<p class="note">Showing the last ${CHAIN_STEPS} ancestors of the stage holders, the best and the latest version: ${kept.size} of ${members.size} versions.</p>`,members=kept}let nodes=[...members].map(id=>{let version=own.get(id),base=baseOf.get(id),parent=base!==void 0&&members.has(idOf(base))?idOf(base):null,enhancement=version?.metadata?.lineage?.enhancement;return{id,parent,label:version?`${id}${typeof enhancement=="string"?` (${enhancement})`:""}`:id,tone:version&&version.stage!==data.initialStage?stageTone(data,version.stage):null,external:!version}});return breakCycles(nodes),`<section class="panel" aria-labelledby="lineage-title">
<h2 id="lineage-title">Lineage</h2>
<div class="table-wrap"><figure>${chartSlot(lineageChart(charts,`Lineage of ${model.name}: each version beside the base it was derived from`,nodes),0,"chart-lineage")}</figure></div>
<figcaption>Each version to the right of the base it was derived from, with how (the enhancement); coloured by the stage it holds. A dashed node is not a version of ${esc(model.name)} in this registry.</figcaption>
${note}
</section>`}function breakCycles(nodes){let byId=new Map(nodes.map(node=>[node.id,node])),state=new Map;for(let start of nodes){let walked=[],node=start;for(;node&&!state.has(node.id);)state.set(node.id,1),walked.push(node.id),node=node.parent===null?void 0:byId.get(node.parent);node&&state.get(node.id)===1&&(node.parent=null);for(let id of walked)state.set(id,2)}}function timelineChart(charts,title,stages,spans,now){return charts.charts.timeline={kind:"timeline",title,stages,spans,now},"timeline"}function driftChart(charts,spec){return charts.charts.drift=spec,"drift"}function lineageChart(charts,title,nodes){return charts.charts.lineage={kind:"lineage",title,nodes},"lineage"}import{randomBytes}from"node:crypto";import{mkdirSync,writeFileSync}from"node:fs";import{lstat,mkdir,readdir,readFile,realpath,rename,rm,stat}from"node:fs/promises";import{basename as basename2,dirname,join,resolve}from"node:path";var TEMP=/^\.(.+)\.git-model-(?:tmp|old)-(\d+)-[0-9a-f]+$/;async function realPathOf(path2){try{return await realpath(path2)}catch{let parent=dirname(path2);return parent===path2?path2:join(await realPathOf(parent),basename2(path2))}}var SiteWriter=class _SiteWriter{constructor(outInput,out,temp,options){this.outInput=outInput;this.out=out;this.temp=temp;this.options=options}outInput;out;temp;options;files=0;bytes=0;folders=new Set;static async open(outInput,options){let out=await realPathOf(resolve(outInput));for(let{path:path2,what,intoAllowed}of options.protect){let real=await realPathOf(path2);if(!intoAllowed&&isInside(real,out))throw usage(`--out ${outInput} is inside ${what} (${real})`,{hint:"write the report outside it, e.g. --out ../registry-report or a folder in .gitignore"});if(isInside(out,real))throw usage(`--out ${outInput} contains ${what} (${real}): replacing it would remove it`,{hint:"name a folder of its own for the report, e.g. --out report"})}await checkTarget(outInput,out,options);let parent=dirname(out);await mkdir(parent,{recursive:!0}),await removeStaleTemps(parent,basename2(out));let temp=join(parent,tempName(out,"tmp"));return await mkdir(temp),new _SiteWriter(outInput,out,temp,options)}async write(path2,content){let folder=dirname(path2);folder!=="."&&!this.folders.has(folder)&&(mkdirSync(join(this.temp,folder),{recursive:!0}),this.folders.add(folder)),writeFileSync(join(this.temp,path2),content),this.files++,this.bytes+=Buffer.byteLength(content)}async writeAll(files){for(let[path2,content]of files)await this.write(path2,content)}async finish(){try{await swapIn(this.outInput,this.temp,this.out,this.options)}catch(e){throw await this.abort(),e}return{out:this.out,files:this.files,bytes:this.bytes}}async abort(){await rm(this.temp,{recursive:!0,force:!0})}},tempName=(out,kind)=>`.${basename2(out)}.git-model-${kind}-${process.pid}-${randomBytes(4).toString("hex")}`;async function checkTarget(outInput,out,options){let info=await stat(out).catch(()=>null);if(!info)return;if(!info.isDirectory())throw usage(`--out ${outInput} is a file, not a folder`,{hint:"name a folder for the report"});if(options.force)return;let entries=await readdir(out);if(!(entries.length===0||await isOwnReport(out,options.manifest)))throw usage(`--out ${outInput} is a folder with other files in it (${entries.slice(0,3).join(", ")}${entries.length>3?", ...":""})`,{hint:"name a new or empty folder, or pass --force to replace this one with the report"})}async function isOwnReport(out,manifest2){try{let parsed=JSON.parse(await readFile(join(out,manifest2),"utf8"));return typeof parsed.generator=="string"&&parsed.generator.startsWith("git-model")}catch{return!1}}async function swapIn(outInput,temp,out,options){for(let attempt=0;;attempt++){let existing=await lstat(out).catch(()=>null),old=null;if(existing){attempt>0&&await checkTarget(outInput,out,options),old=join(dirname(out),tempName(out,"old"));try{await rename(out,old)}catch(e){if(e.code!=="ENOENT"||attempt>=5)throw e;old=null}}try{await rename(temp,out)}catch(e){let code=e.code;if((code==="ENOTEMPTY"||code==="EEXIST")&&attempt<5){old&&await rm(old,{recursive:!0,force:!0});continue}throw old&&await rename(old,out).catch(()=>{}),e}old&&await rm(old,{recursive:!0,force:!0});return}}async function removeStaleTemps(parent,name){let entries=await readdir(parent).catch(()=>[]);for(let entry of entries){let match=TEMP.exec(entry);!match||match[1]!==name||isAlive(Number(match[2]))||await rm(join(parent,entry),{recursive:!0,force:!0})}}function isAlive(pid){if(pid===process.pid)return!0;try{return process.kill(pid,0),!0}catch(e){return e.code==="EPERM"}}async function writeReport(registry,options){let writer=await SiteWriter.open(resolve2(options.cwd??process.cwd(),options.out),{...options.force?{force:!0}:{},manifest:MANIFEST,protect:[{path:registry.rootPath,what:"the registry root"},{path:registry.top,what:"the repository",intoAllowed:!0},{path:registry.git.gitDir,what:"the repository's .git folder"}]}),summaries=[];try{let models=await registry.models(),histories=readHistories(registry,models),known=null;histories.then(h=>known=h).catch(()=>{});let facts=await readFacts(registry,models,options),waiting=[],finish=async(i,page2,history)=>{let{files,summary}=page2(history.get(facts.models[i])??[]);await writer.writeAll(files),summaries[i]=summary};for(let[i,name]of facts.models.entries()){let{files,finish:page2}=prepareModel(facts,await readModel(registry,name,options.now));await writer.writeAll(files),known?await finish(i,page2,known):waiting.push([i,page2]),await new Promise(resolve3=>setImmediate(resolve3))}let all=await histories;for(let[i,page2]of waiting)await finish(i,page2,all);await writer.writeAll(renderOverview(facts,summaries,"git-model 0.1.0"))}catch(e){throw await writer.abort(),e}let written=await writer.finish();return{...written,index:join2(written.out,"index.html"),models:summaries.map(m=>({name:m.name,page:join2(written.out,"models",`${m.name}.html`),versions:m.versions}))}}export{writeReport};
