// JUnit XML reporter for the built-in test runner of Node.js 18.19+ (node:test).
//
// Node 18 ships only the tap, spec and dot reporters. Use this one next to spec:
//
//   node --test \
//     --test-reporter=/opt/harness/junit-reporter.mjs --test-reporter-destination="$HARNESS_JUNIT" \
//     --test-reporter=spec --test-reporter-destination=stdout tests/
//
// A reporter is an async generator over the runner's events (test:start, test:pass,
// test:fail, test:plan, test:diagnostic, test:stdout, test:stderr, ...). Tests nest:
// `nesting` is 0 for top-level tests and describe() blocks. Only leaf tests become
// <testcase>s; a suite (a test that had subtests, or details.type === 'suite') becomes
// part of the classname, and appears as an <error> case only if it failed for a reason
// of its own (a failing hook, say) rather than because a subtest failed. A file that
// fails to load (syntax error, import of a missing module, exit with a non-zero code)
// is reported by node as one failing top-level test named after the file, and becomes
// an <error> case, so such a file never counts as zero tests.

import { relative, isAbsolute } from 'node:path';
import { inspect } from 'node:util';

const MAX_TEXT = 64 * 1024; // per failure body / per captured stream

function xmlText(value) {
  // Drop characters XML 1.0 forbids, then escape. Attributes also escape newlines.
  return String(value ?? '')
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function xmlAttr(value) {
  return xmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

function cap(text, limit = MAX_TEXT) {
  text = String(text ?? '');
  if (text.length <= limit) return text;
  const half = Math.floor(limit / 2);
  return `${text.slice(0, half)}\n[... ${text.length - 2 * half} characters omitted ...]\n${text.slice(-half)}`;
}

function seconds(ms) {
  return ((Number(ms) || 0) / 1000).toFixed(3);
}

function fileLabel(file) {
  if (!file) return 'node:test';
  if (file.startsWith('file://')) {
    try {
      file = new URL(file).pathname;
    } catch {
      // keep as is
    }
  }
  if (isAbsolute(file)) {
    const rel = relative(process.cwd(), file);
    if (rel && !rel.startsWith('..')) return rel;
  }
  return file;
}

// node wraps a test's error as ERR_TEST_FAILURE { failureType, cause }; cause is the
// thrown value (an Error, or a string such as 'test failed' for a file that did not run).
function describeError(error) {
  const wrapped = error && error.code === 'ERR_TEST_FAILURE';
  const cause = wrapped && error.cause !== undefined ? error.cause : error;
  const failureType = wrapped && error.failureType ? String(error.failureType) : '';
  let type = 'Error';
  let message;
  let body;
  if (cause && typeof cause === 'object' && ('message' in cause || 'stack' in cause)) {
    type = String(cause.name || 'Error');
    message = String(cause.message ?? '');
    body = String(cause.stack || `${type}: ${message}`);
    // A custom assertion message hides the values; show them.
    if (cause.code === 'ERR_ASSERTION' && cause.generatedMessage === false) {
      body += `\n\nactual:   ${show(cause.actual)}\nexpected: ${show(cause.expected)}\noperator: ${cause.operator}`;
    }
  } else if (cause !== undefined && cause !== null) {
    message = typeof cause === 'string' ? cause : show(cause);
    body = message;
  } else {
    message = 'test failed';
    body = message;
  }
  if (failureType && failureType !== 'testCodeFailure') type = `${type} (${failureType})`;
  return { type, message: message.trim() || 'test failed', body, failureType };
}

function show(value) {
  try {
    return inspect(value, { depth: 6, breakLength: 100 });
  } catch {
    return String(value);
  }
}

// The last "XxxError: ..." line a dead test file printed, e.g. "SyntaxError: Unexpected token".
function lastErrorLine(stderr) {
  const lines = stderr.split('\n').filter((l) => /^[\w$]*(Error|Exception)\b.*:/.test(l));
  return lines.length ? lines[lines.length - 1].trim() : '';
}

// Failure kinds that are not an assertion/exception inside the test body.
const ERROR_KINDS = new Set(['hookFailed', 'cancelledByParent', 'parentAlreadyFinished', 'testAborted']);

export default async function* junitReporter(source) {
  const files = new Map(); // label -> { cases: [], stdout: [], stderr: [], time: 0 }
  const stack = []; // open tests by nesting level: { name, children }
  const done = []; // finished tests in report order, used when test:start is missing

  const fileEntry = (file) => {
    const label = fileLabel(file);
    if (!files.has(label)) files.set(label, { cases: [], stdout: [], stderr: [], outLen: 0, errLen: 0 });
    return files.get(label);
  };

  for await (const event of source) {
    const { type, data = {} } = event;
    if (type === 'test:start') {
      const n = Number(data.nesting) || 0;
      stack.length = n;
      if (n > 0 && stack[n - 1]) stack[n - 1].children++;
      stack[n] = { name: data.name, children: 0 };
      continue;
    }
    if (type === 'test:stdout' || type === 'test:stderr') {
      const entry = fileEntry(data.file);
      const key = type === 'test:stdout' ? 'stdout' : 'stderr';
      const lenKey = key === 'stdout' ? 'outLen' : 'errLen';
      const msg = String(data.message ?? '');
      if (entry[lenKey] < 4 * MAX_TEXT) {
        entry[key].push(msg);
        entry[lenKey] += msg.length;
      }
      continue;
    }
    if (type !== 'test:pass' && type !== 'test:fail') continue;

    const n = Number(data.nesting) || 0;
    const details = data.details || {};
    let node = stack[n];
    if (!node || node.name !== data.name) {
      // No matching test:start (should not happen): infer children from what finished just before.
      let children = 0;
      for (let i = done.length - 1; i >= 0 && done[i] > n; i--) if (done[i] === n + 1) children++;
      node = { name: data.name, children };
    }
    done.push(n);
    const parents = stack.slice(0, n).map((s) => (s ? s.name : '?'));
    stack.length = n; // this test is finished; its own subtests are gone

    const isSuite = details.type === 'suite' || node.children > 0;
    const failed = type === 'test:fail';
    const entry = fileEntry(data.file);
    const label = fileLabel(data.file);
    const classname = [label, ...parents].join(' > ');
    const err = failed ? describeError(details.error) : null;

    if (isSuite) {
      // A suite fails whenever a subtest does ('subtestsFailed'); that is already counted.
      if (!failed || err.failureType === 'subtestsFailed') continue;
      entry.cases.push({ name: `${data.name} (suite)`, classname, time: details.duration_ms, kind: 'error', err });
      continue;
    }
    // A top-level "test" named after its file is node's report on the file itself: it ran
    // no test (passes), or did not run: failed to load, or exited non-zero outside any test.
    const isFileLevel = n === 0 && Boolean(data.file) && fileLabel(data.name) === label;
    const name = isFileLevel ? label : data.name;
    const time = details.duration_ms;
    if (data.skip !== undefined && data.skip !== false) {
      const reason = typeof data.skip === 'string' ? data.skip : 'skipped';
      entry.cases.push({ name, classname, time, kind: 'skipped', reason });
    } else if (data.todo !== undefined && data.todo !== false) {
      const reason = typeof data.todo === 'string' ? `TODO: ${data.todo}` : 'TODO';
      entry.cases.push({ name, classname, time, kind: 'skipped', reason });
    } else if (failed) {
      const kind = isFileLevel || ERROR_KINDS.has(err.failureType) ? 'error' : 'failure';
      entry.cases.push({ name, classname, time, kind, err, fileLevel: isFileLevel });
    } else if (isFileLevel) {
      // The file "passed" without running a test: e.g. it exited 0 on import. That proves nothing.
      entry.cases.push({ name, classname, time, kind: 'skipped', reason: 'the file ran no test' });
    } else {
      entry.cases.push({ name, classname, time, kind: 'pass' });
    }
  }

  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
  const suites = [];
  for (const [label, entry] of files) {
    const stdout = entry.stdout.join('');
    const stderr = entry.stderr.join('');
    if (entry.cases.length === 0 && !stdout && !stderr) continue;
    const counts = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
    const lines = [];
    for (const c of entry.cases) {
      counts.tests++;
      counts.time += Number(c.time) || 0;
      if (c.kind === 'failure') counts.failures++;
      if (c.kind === 'error') counts.errors++;
      if (c.kind === 'skipped') counts.skipped++;
      const open = `    <testcase name="${xmlAttr(c.name)}" classname="${xmlAttr(c.classname)}" time="${seconds(c.time)}"`;
      if (c.kind === 'pass') {
        lines.push(`${open}/>`);
      } else if (c.kind === 'skipped') {
        lines.push(`${open}>`, `      <skipped message="${xmlAttr(c.reason)}"/>`, '    </testcase>');
      } else {
        let { body, message } = c.err;
        if (c.fileLevel) {
          const why = lastErrorLine(stderr);
          message = `${label} failed to run${why ? `: ${why}` : ` (${message})`}`;
          if (stderr) body += `\n\nstderr of ${label}:\n${stderr}`;
        }
        const tag = c.kind === 'error' ? 'error' : 'failure';
        lines.push(
          `${open}>`,
          `      <${tag} message="${xmlAttr(cap(message, 2000))}" type="${xmlAttr(c.err.type)}">${xmlText(cap(body))}</${tag}>`,
          '    </testcase>',
        );
      }
    }
    if (stdout) lines.push(`    <system-out>${xmlText(cap(stdout))}</system-out>`);
    if (stderr) lines.push(`    <system-err>${xmlText(cap(stderr))}</system-err>`);
    for (const k of Object.keys(totals)) totals[k] += counts[k];
    suites.push(
      `  <testsuite name="${xmlAttr(label)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${seconds(counts.time)}">`,
      ...lines,
      '  </testsuite>',
    );
  }
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="node:test" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(totals.time)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
