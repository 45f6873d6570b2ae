import { createRequire as __notionOpsCreateRequire } from "node:module"; const require = __notionOpsCreateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-MNKK2HYO.js";import"./chunk-LFAJLQ2N.js";export{b as actionRequestsSync,d as describeHeap,c as runEntryInSyncWorker,a as runsInSyncWorker};
