#!/usr/bin/env node
// Launcher for the `wiresight` command line (built into dist/ by `npm run build`).
import { main } from '../dist/src-main/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
