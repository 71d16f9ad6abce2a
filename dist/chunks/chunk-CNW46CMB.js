import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
var API_ROUTE="through the GitHub API";export{API_ROUTE};
