#!/usr/bin/env node
// Generates the typed documents of the web app in the current folder (see src/codegen.ts).
import { generate } from '@graphql-codegen/cli';
import { codegenConfig } from '../dist/codegen.js';

await generate(codegenConfig(process.cwd()), true);
