import { createRequire as __notionOpsCreateRequire } from "node:module"; const require = __notionOpsCreateRequire(import.meta.url);
import{d as e,e as t}from"./chunks/chunk-GNJ45OOY.js";import"./chunks/chunk-LFAJLQ2N.js";if(e(process.env))process.exitCode=await t(new URL(import.meta.url),[]);else{let{runAction:o}=await import("./chunks/action-main-TSX4DZRW.js");process.exitCode=await o()}
