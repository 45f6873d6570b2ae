import { createRequire as __notionOpsCreateRequire } from "node:module"; const require = __notionOpsCreateRequire(import.meta.url);
import{c as a,d as b,e as c,f as d}from"./chunk-GNJ45OOY.js";import"./chunk-LFAJLQ2N.js";export{b as actionRequestsSync,d as describeHeap,c as runEntryInSyncWorker,a as runsInSyncWorker};
