import { createRequire as __notionOpsCreateRequire } from "node:module"; const require = __notionOpsCreateRequire(import.meta.url);
import{g as a,h as b}from"./chunk-6VBD5R5K.js";import"./chunk-YFHHKEEK.js";import"./chunk-GNJ45OOY.js";import"./chunk-2SUOUZAH.js";import"./chunk-LFAJLQ2N.js";export{a as VERSION,b as run};
