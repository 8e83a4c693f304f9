#!/usr/bin/env node
// The `camnet` command. TypeScript runs directly through tsx's loader: no build step between a change and a run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
