import { createRequire as __notionOpsCreateRequire } from "node:module"; const require = __notionOpsCreateRequire(import.meta.url);
import{b as a,c as b}from"./chunk-LRXUKHAL.js";import"./chunk-YFHHKEEK.js";import"./chunk-N3DXBUCY.js";import"./chunk-2SUOUZAH.js";import"./chunk-LFAJLQ2N.js";export{a as VERSION,b as run};
