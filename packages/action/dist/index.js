import { createRequire as __notionOpsCreateRequire } from "node:module"; const require = __notionOpsCreateRequire(import.meta.url);
import{b as e,c as t}from"./chunks/chunk-MNKK2HYO.js";import"./chunks/chunk-LFAJLQ2N.js";if(e(process.env))process.exitCode=await t(new URL(import.meta.url),[]);else{let{runAction:o}=await import("./chunks/action-main-2BX5L6BA.js");process.exitCode=await o()}
