#!/usr/bin/env node
// The CLI lives in the build (dist/cli.js); this file exists at install time so pnpm can link the bin.
await import('../dist/cli.js');
