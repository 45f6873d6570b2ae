#!/usr/bin/env node
import { createRequire as __notionOpsCreateRequire } from "node:module"; const require = __notionOpsCreateRequire(import.meta.url);
import{a as s}from"./chunks/chunk-YFHHKEEK.js";import"./chunks/chunk-LFAJLQ2N.js";var e=process.argv.slice(2);if(e.length===1&&(e[0]==="--version"||e[0]==="-V"))process.stdout.write(`${s.version}
`);else{let{runEntryInSyncWorker:r,runsInSyncWorker:o}=await import("./chunks/sync-worker-POLDT75T.js");if(o(e))process.exitCode=await r(new URL(import.meta.url),e);else{let{run:t}=await import("./chunks/run-XENC3EHT.js");process.exitCode=await t(e,{env:process.env,cwd:process.cwd(),stdout:process.stdout,stderr:process.stderr})}}
