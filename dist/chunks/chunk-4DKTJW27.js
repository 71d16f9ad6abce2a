import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{assertConfigInside}from"./chunk-3FI4C3ZS.js";import{ensureLfsReady,lfsPatternLine,withLfsLines}from"./chunk-RKDLRAL3.js";import{inTransaction,writeOperation}from"./chunk-5D2XNJAI.js";import{CONFIGURATION_DOCS,parseConfig}from"./chunk-HPSXQDS6.js";import{CONFIG_FILE,normalizeRoot,rootProblem}from"./chunk-5DCMTIDQ.js";import{Git}from"./chunk-3I4IMFLA.js";import{readTextIfExists}from"./chunk-IEZTRWDD.js";import{usage}from"./chunk-QV55HSDE.js";var SCHEMES=["semver","timestamp","major-minor"];function configTemplate(root,versioning){return`# git-model configuration. Every key is optional; each key, its default and an example:
# ${CONFIGURATION_DOCS.replace(", or ",`
#   or `)}
root: ${root}
versioning: ${versioning}          # semver | timestamp | major-minor
# lfs: ["*.pkl", "*.joblib", "*.h5", "*.pth", "*.pt", "*.onnx", "*.safetensors", "*.bin"]
# stages:
#   - { name: development, initial: true }
#   - { name: staging, exclusive: true }
#   - { name: production, exclusive: true }
#   - { name: archived }
# select:
#   rank: { metric: metrics.val_rmse, goal: min }
`}async function initRegistry(cwd,options){if(!SCHEMES.includes(options.versioning))throw usage(`unknown versioning scheme ${JSON.stringify(options.versioning)}`,{hint:`use one of ${SCHEMES.join(", ")}`});let root=normalizeRoot(options.root),problem=rootProblem(root);if(problem)throw usage(`invalid --root ${JSON.stringify(options.root)}: ${problem}`);let git=await Git.discover(cwd);return writeOperation(git,"init",()=>initIn(git,{...options,root}))}async function initIn(git,options){await ensureLfsReady(git),assertConfigInside(git.top,CONFIG_FILE);let existing=await readTextIfExists(`${git.top}/${CONFIG_FILE}`),configText=existing??configTemplate(options.root,options.versioning),config=parseConfig(configText,CONFIG_FILE),attributes=withLfsLines(await readTextIfExists(`${git.top}/.gitattributes`)??"",config.lfs.map(p=>lfsPatternLine(config.root,p))),created=[...existing===null?[CONFIG_FILE]:[],...attributes===null?[]:[".gitattributes"]];if(created.length===0)return{root:config.root,created,commit:null};let commit=await inTransaction(git,async tx=>(await tx.assertUntouched(created,"git model init would commit them"),existing===null&&await tx.writeFile(CONFIG_FILE,configText),attributes!==null&&await tx.writeFile(".gitattributes",attributes),tx.commit(`init git-model registry in ${config.root}/
`)));return{root:config.root,created,commit}}export{initRegistry};
