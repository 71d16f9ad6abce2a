import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{GitModelError,environment}from"./chunk-QV55HSDE.js";import{spawn}from"node:child_process";import{randomBytes}from"node:crypto";var GitError=class extends GitModelError{constructor(args,code,stderr){super("environment",`git ${args[0]} failed: ${firstLine(stderr)||`exit code ${code}`}`);this.args=args;this.code=code;this.stderr=stderr}args;code;stderr},firstLine=s=>s.split(`
`).map(l=>l.trim()).find(l=>l&&!l.startsWith("hint:"))??"";function spawnGit(cwd,args){return spawn("git",args,{cwd,env:{...process.env,GIT_TERMINAL_PROMPT:"0"},stdio:"pipe"})}function runGit(cwd,args,options={}){return new Promise((resolve,reject)=>{let child=spawn("git",args,{cwd,env:{...process.env,GIT_TERMINAL_PROMPT:"0",...options.env},stdio:["pipe","pipe","pipe"]}),out=[],err=[];child.stdout.on("data",d=>out.push(d)),child.stderr.on("data",d=>err.push(d)),child.on("error",e=>{reject(e.code==="ENOENT"?environment("git is not installed or not on PATH",{hint:"install git 2.30 or newer"}):e)}),child.on("close",code=>{let result={code:code??1,stdout:Buffer.concat(out),stderr:Buffer.concat(err).toString("utf8")};result.code!==0&&!options.allowFailure?reject(new GitError(args,result.code,result.stderr)):resolve(result)}),child.stdin.on("error",()=>{}),child.stdin.end(options.input??"")})}var TagExistsError=class extends GitModelError{constructor(names){super("conflict",`tag ${names.slice(0,3).join(", ")} exists already`);this.names=names}names};function fastImportPath(path){return/^"|[\\\n]/.test(path)?JSON.stringify(path):path}var Git=class _Git{constructor(top,gitDir){this.top=top;this.gitDir=gitDir}top;gitDir;static async discover(cwd){let result=await runGit(cwd,["rev-parse","--show-toplevel","--absolute-git-dir"],{allowFailure:!0});if(result.code!==0)throw environment(`not a git repository: ${cwd}`,{hint:"run git-model inside a git repository (git init, then git model init)"});let[top,gitDir]=result.stdout.toString("utf8").trim().split(`
`);if(!top||!gitDir)throw environment(`git-model needs a work tree; ${cwd} is inside a bare repository`);return new _Git(top,gitDir)}run(args,options){return runGit(this.top,args,options)}async text(args,options){return(await this.run(args,options)).stdout.toString("utf8")}async commitOf(rev){let r=await this.run(["rev-parse","--verify","--quiet","--end-of-options",`${rev}^{commit}`],{allowFailure:!0});return r.code===0?r.stdout.toString("utf8").trim():null}async forEachRef(patterns,fields){let format=fields.join("%00");return(await this.text(["for-each-ref",`--format=${format}`,...patterns])).split(`
`).filter(l=>l!=="").map(l=>l.split("\0"))}async catFile(specs){let result=new Map;if(specs.length===0)return result;let unique=[...new Set(specs)];if(unique.some(s=>s.includes(`
`)))throw new Error("object names cannot contain newlines");let out=(await this.run(["cat-file","--batch"],{input:`${unique.join(`
`)}
`})).stdout,pos=0;for(let spec of unique){let eol=out.indexOf(10,pos),header=out.subarray(pos,eol).toString("utf8");if(pos=eol+1,header.endsWith(" missing")||header.endsWith(" ambiguous")){result.set(spec,null);continue}let[oid,type,size]=header.split(" "),length=Number(size);result.set(spec,{oid,type,content:out.subarray(pos,pos+length)}),pos+=length+1}return result}async batchCheck(specs){let result=new Map;if(specs.length===0)return result;let unique=[...new Set(specs)],lines=(await this.text(["cat-file","--batch-check"],{input:`${unique.join(`
`)}
`})).split(`
`);return unique.forEach((spec,i)=>{let[oid,type,size]=(lines[i]??"").split(" ");result.set(spec,type==="missing"||type==="ambiguous"||!oid?null:{oid,type,size:Number(size)})}),result}async list(args,options){return(await this.text(args,options)).split("\0").filter(s=>s!=="")}async createTags(tags){let created=new Map;if(tags.length===0)return created;let refs=tags.map(t=>`refs/tags/${t.name}`),existing=await this.batchCheck(refs),taken=refs.filter(r=>existing.get(r));if(taken.length)throw new TagExistsError(taken.map(r=>r.slice(10)));let ident=(await this.identities()).committer,stream=tags.map(t=>{let message=Buffer.from(t.message.endsWith(`
`)?t.message:`${t.message}
`);return`tag ${t.name}
from ${t.target}
tagger ${ident}
data ${message.length}
${message.toString("utf8")}
`}).join("");await this.run(["fast-import","--quiet","--date-format=raw"],{input:stream});let oids=await this.batchCheck(refs);for(let t of tags)created.set(t.name,oids.get(`refs/tags/${t.name}`)?.oid??"");return created}async identities(){return this.identity??=this.readIdentities(),this.identity}identity;async readIdentities(){let ident=async name=>{let r=await this.run(["var",name],{allowFailure:!0});if(r.code!==0)throw environment("git does not know who you are, so it cannot commit",{hint:'git config user.name "Your Name" && git config user.email you@example.com'});return r.stdout.toString("utf8").trim()},[author,committer]=await Promise.all([ident("GIT_AUTHOR_IDENT"),ident("GIT_COMMITTER_IDENT")]);return{author,committer}}async hashWorkTreeFiles(paths){return paths.length===0?[]:(await this.text(["hash-object","-w","--stdin-paths"],{input:`${paths.join(`
`)}
`})).trim().split(`
`)}async commitTree(parent,changes,message){let{author,committer}=await this.identities(),scratch=`refs/git-model/scratch/${process.pid}-${randomBytes(4).toString("hex")}`,body=Buffer.from(message),parts=[`commit ${scratch}
mark :1
author ${author}
committer ${committer}
data ${body.length}
`,body,`
${parent?`from ${parent}
`:""}`];for(let change of changes){let path=fastImportPath(change.path);if("delete"in change)parts.push(`D ${path}
`);else if("oid"in change)parts.push(`M ${change.mode??"100644"} ${change.oid} ${path}
`);else{let content=Buffer.from(change.content);parts.push(`M 100644 inline ${path}
data ${content.length}
`,content,`
`)}}parts.push(`
get-mark :1
`);try{return(await this.text(["fast-import","--quiet","--date-format=raw"],{input:Buffer.concat(parts.map(p=>typeof p=="string"?Buffer.from(p):p))})).trim().split(`
`).at(-1)}finally{await this.run(["update-ref","-d",scratch],{allowFailure:!0})}}async push(remote,refspecs,options={}){let flags=[...options.atomic?["--atomic"]:[],...options.force?["--force"]:[]],r=await this.run(["push","--porcelain",...flags,"--",remote,...refspecs],{allowFailure:!0});if(r.code===0)return{ok:!0,remoteMovedOn:!1,message:""};let out=`${r.stdout.toString("utf8")}
${r.stderr}`,refused=out.split(`
`).filter(l=>l.startsWith("!")),lostRace=l=>/\[rejected\]|cannot lock ref|failed to lock|incorrect old value|failed to update ref|already exists/.test(l),onlyAtomic=refused.length>0&&refused.every(l=>l.includes("atomic transaction failed")),reason=(refused.find(l=>!l.includes("atomic transaction failed"))??refused[0])?.split("	").slice(1).join(" ").trim()??out.split(`
`).find(l=>/error:|fatal:/.test(l))?.trim();return{ok:!1,remoteMovedOn:refused.some(lostRace)||onlyAtomic,message:reason??r.stderr.trim()}}async currentBranch(){let r=await this.run(["symbolic-ref","--quiet","--short","HEAD"],{allowFailure:!0});return r.code===0?r.stdout.toString("utf8").trim():null}};export{GitError,spawnGit,TagExistsError,Git};
