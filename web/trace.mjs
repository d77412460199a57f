// Chromium traces (playwright's browser.startTracing / stopTracing), read the same way by the page
// benchmark (bench/page/bench.mjs) and the browser tests (tests/browser/e2e-busy-room.test.mjs).
import { Buffer } from 'node:buffer';

// The trace's events, from the buffer stopTracing() returns (a bare array or {traceEvents}).
export function traceEvents(buffer) {
  const parsed = JSON.parse(Buffer.from(buffer).toString('utf8'));
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

// The top-level tasks (complete events named one of `names`) of the thread that wrote the
// user-timing mark `mark`, with that mark: { mark, tasks }; null when the trace has no such mark.
// 'toplevel' tasks carry the thread's CPU time as tdur beside the wall time dur (microseconds).
export function tasksOfMarkedThread(events, mark, names = ['RunTask', 'ThreadControllerImpl::RunTask']) {
  const at = events.find((e) => e.name === mark && e.cat.includes('blink.user_timing'));
  if (!at) return null;
  const tasks = events.filter((e) => e.pid === at.pid && e.tid === at.tid && e.ph === 'X' && names.includes(e.name));
  return { mark: at, tasks };
}
