import { createRequire as __notionOpsCreateRequire } from "node:module"; const require = __notionOpsCreateRequire(import.meta.url);
import{O as a,P as b,Q as c}from"./chunk-N3DXBUCY.js";import"./chunk-2SUOUZAH.js";import"./chunk-LFAJLQ2N.js";export{c as describeHeap,b as runEntryInSyncWorker,a as runsInSyncWorker};
