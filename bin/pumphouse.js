#!/usr/bin/env node
'use strict';

// The command is compiled TypeScript (npm run build writes dist/); this shim only loads it, and says how to build
// it when it is missing rather than printing a module-resolution stack trace.
const path = require('node:path');

const entry = path.join(__dirname, '..', 'dist', 'infrastructure', 'cli', 'main.js');
let cli;
try {
  cli = require(entry);
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(entry)) {
    process.stderr.write('pumphouse: the compiled command is missing (dist/); run "npm run build" first.\n');
    process.exitCode = 1;
  } else {
    throw error;
  }
}
if (cli) {
  cli.main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`pumphouse: ${(error && error.stack) || error}\n`);
    process.exitCode = 1;
  });
}
