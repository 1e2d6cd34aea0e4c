#!/usr/bin/env node
// csv2json: convert CSV to JSON. See the task description.

process.stderr.write('csv2json: not implemented yet\n');
process.exit(1);
