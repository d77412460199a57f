// The trace reader (web/trace.mjs) on small made-up traces: the marked thread's tasks only, either
// shape of stopTracing()'s JSON, and no answer without the mark.
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { test } from 'node:test';
import { tasksOfMarkedThread, traceEvents } from '../../web/trace.mjs';

const MARK = { name: 'verji:mark', cat: 'blink,blink.user_timing', ph: 'R', pid: 2, tid: 7, ts: 1000 };
const EVENTS = [
  { name: 'RunTask', cat: 'toplevel', ph: 'X', pid: 2, tid: 7, ts: 900, dur: 40, tdur: 30 },
  MARK,
  { name: 'ThreadControllerImpl::RunTask', cat: 'toplevel', ph: 'X', pid: 2, tid: 7, ts: 1100, dur: 60000, tdur: 2000 },
  { name: 'ThreadControllerImpl::RunTask', cat: 'toplevel', ph: 'X', pid: 2, tid: 8, ts: 1200, dur: 5, tdur: 5 },
  { name: 'RunTask', cat: 'toplevel', ph: 'X', pid: 3, tid: 7, ts: 1300, dur: 5, tdur: 5 },
  { name: 'Layout', cat: 'devtools.timeline', ph: 'X', pid: 2, tid: 7, ts: 1400, dur: 9 },
  { name: 'verji:mark', cat: 'devtools.timeline', ph: 'I', pid: 4, tid: 1, ts: 10 },
];

test('the tasks of the thread that wrote the user-timing mark, from either JSON shape', () => {
  for (const json of [JSON.stringify(EVENTS), JSON.stringify({ traceEvents: EVENTS, metadata: {} })]) {
    const found = tasksOfMarkedThread(traceEvents(Buffer.from(json)), 'verji:mark');
    assert.deepEqual(found.mark, MARK);
    assert.deepEqual(found.tasks.map((e) => e.ts), [900, 1100]);
  }
});

test('only the task names asked for', () => {
  const found = tasksOfMarkedThread(EVENTS, 'verji:mark', ['ThreadControllerImpl::RunTask']);
  assert.deepEqual(found.tasks.map((e) => [e.ts, e.tdur]), [[1100, 2000]]);
});

test('no user-timing mark of that name: null', () => {
  assert.equal(tasksOfMarkedThread(EVENTS, 'verji:other'), null);
  assert.equal(tasksOfMarkedThread(EVENTS.filter((e) => e !== MARK), 'verji:mark'), null);
});
