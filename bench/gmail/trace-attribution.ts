/**
 * Main-thread JavaScript time per script file, from a Chromium trace (categories devtools.timeline,
 * v8.execute, disabled-by-default-devtools.timeline, disabled-by-default-v8.cpu_profiler). Used by
 * page-load-run.ts.
 *
 * Why two sources: Chromium labels script compile/evaluation (EvaluateScript, v8.compile) and
 * function calls (FunctionCall: listeners, timers, MutationObserver callbacks) with the script's
 * URL, but not the resumption of `async` functions and promise callbacks inside RunMicrotasks,
 * which is where most of a content script's start-up runs. For those, the CPU profiler's samples
 * (every ~0.2 ms) say whose code was on the stack, and the unlabelled time is shared out by them.
 *
 * No double counting: only the outermost JS event of a nesting is counted (an EvaluateScript holds
 * its v8.compile; a RunMicrotasks holds FunctionCalls), and inside an unlabelled one the labelled
 * children are counted first and only the rest is shared out by samples.
 */

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs. */
  tts?: number;
  tdur?: number;
  id?: string;
  args?: Record<string, unknown>;
}

/** Trace events that run JavaScript (the wrappers around them, e.g. TimerFire, hold a FunctionCall). */
const jsEvents = new Set(['EvaluateScript', 'v8.compile', 'v8.run', 'FunctionCall', 'v8.callFunction', 'RunMicrotasks', 'v8.evaluateModule']);

interface Span {
  name: string;
  start: number;
  end: number;
  /** CPU time of the main thread inside the span (µs): the wall time minus time the thread was descheduled. */
  cpu: number;
  url: string | undefined;
}

/** Each figure in both clocks: wall time (what blocks the page) and the main thread's CPU time (the work). */
export interface Attribution {
  wall: Breakdown;
  cpu: Breakdown;
  /** CPU-profiler samples seen on the main thread in the window (0 means the sharing-out had nothing to go on). */
  samples: number;
}

export interface Breakdown {
  /** ms of main-thread JS per extension file (path under the extension origin, e.g. content-scripts/gmail.js). */
  byFile: Map<string, number>;
  /** The same, only what started before the load event. */
  beforeLoadByFile: Map<string, number>;
  /** ms of compile + top-level evaluation per extension file (EvaluateScript events): proof the trace sees it. */
  evaluateByFile: Map<string, number>;
  /** ms of the top-level compile (v8.compile) per extension file: part of the above. */
  compileByFile: Map<string, number>;
  /** ms of JS attributed to the page's own scripts (any non-extension URL). */
  page: number;
  /** ms of JS in the window that neither a label nor a sample ties to a script (GC, V8 internals). */
  unattributed: number;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function urlOf(e: TraceEvent): string | undefined {
  const args = e.args ?? {};
  const data = (args.data ?? {}) as Record<string, unknown>;
  return str(data.url) ?? str(args.fileName);
}

/** Complete ('X') events, and B/E pairs turned into complete ones, for one thread. */
function spansOf(events: TraceEvent[], pid: number, tid: number): Span[] {
  const spans: Span[] = [];
  const open = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.pid !== pid || e.tid !== tid || !jsEvents.has(e.name)) continue;
    if (e.ph === 'X' && e.dur !== undefined) spans.push({ name: e.name, start: e.ts, end: e.ts + e.dur, cpu: e.tdur ?? e.dur, url: urlOf(e) });
    else if (e.ph === 'B') open.set(e.name, [...(open.get(e.name) ?? []), e]);
    else if (e.ph === 'E') {
      const b = open.get(e.name)?.pop();
      const cpu = b?.tts !== undefined && e.tts !== undefined ? e.tts - b.tts : undefined;
      if (b) spans.push({ name: b.name, start: b.ts, end: e.ts, cpu: cpu ?? e.ts - b.ts, url: urlOf(b) ?? urlOf(e) });
    }
  }
  // Parents before children: by start, longer first.
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The outermost spans of a sorted list (each with the spans nested in it). */
function outermost(spans: Span[]): { span: Span; inner: Span[] }[] {
  const out: { span: Span; inner: Span[] }[] = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && s.start < last.span.end) last.inner.push(s);
    else out.push({ span: s, inner: [] });
  }
  return out;
}

interface Sample {
  ts: number;
  /** Extension file path of the innermost extension frame, 'page' for another script, undefined for none. */
  owner: string | undefined;
}

/** CPU-profiler samples of the thread, each with the script that owns it. */
function samplesOf(events: TraceEvent[], pid: number, tid: number, extensionOrigin: string): Sample[] {
  const profiles = new Map<string, number>(); // profile id → start time
  for (const e of events) {
    if (e.name === 'Profile' && e.pid === pid && e.tid === tid && e.id !== undefined) {
      profiles.set(e.id, Number(((e.args?.data ?? {}) as { startTime?: number }).startTime ?? e.ts));
    }
  }
  const samples: Sample[] = [];
  for (const [id, startTime] of profiles) {
    const parent = new Map<number, number | undefined>();
    const nodeUrl = new Map<number, string | undefined>();
    const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid && e.id === id).sort((a, b) => a.ts - b.ts);
    let t = startTime;
    const pending: { ts: number; node: number }[] = [];
    for (const c of chunks) {
      const data = (c.args?.data ?? {}) as {
        cpuProfile?: { nodes?: { id: number; parent?: number; callFrame?: { url?: string } }[]; samples?: number[] };
        timeDeltas?: number[];
      };
      for (const n of data.cpuProfile?.nodes ?? []) {
        parent.set(n.id, n.parent);
        nodeUrl.set(n.id, str(n.callFrame?.url));
      }
      const ids = data.cpuProfile?.samples ?? [];
      const deltas = data.timeDeltas ?? [];
      ids.forEach((node, i) => {
        t += deltas[i] ?? 0;
        pending.push({ ts: t, node });
      });
    }
    // Nodes may arrive in a later chunk than the samples that use them: resolve owners at the end.
    for (const p of pending) {
      let owner: string | undefined;
      for (let n: number | undefined = p.node; n !== undefined; n = parent.get(n)) {
        const u = nodeUrl.get(n);
        if (!u) continue;
        if (u.startsWith(extensionOrigin)) {
          owner = u.slice(extensionOrigin.length);
          break; // innermost extension frame wins
        }
        owner ??= 'page';
      }
      samples.push({ ts: p.ts, owner });
    }
  }
  return samples.sort((a, b) => a.ts - b.ts);
}

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

/**
 * Attributes the main-thread JS of one renderer thread between `from` and `to` (trace µs).
 * `extensionOrigin` is `chrome-extension://<id>/`.
 */
export function attributeScriptTime(
  events: TraceEvent[],
  opts: { pid: number; tid: number; from: number; to: number; loadTs: number; extensionOrigin: string },
): Attribution {
  const { pid, tid, from, to, loadTs, extensionOrigin } = opts;
  const empty = (): Breakdown => ({ byFile: new Map(), beforeLoadByFile: new Map(), evaluateByFile: new Map(), compileByFile: new Map(), page: 0, unattributed: 0 });
  const result: Attribution = { wall: empty(), cpu: empty(), samples: 0 };
  const spans = spansOf(events, pid, tid).filter((s) => s.start >= from && s.start < to);
  const samples = samplesOf(events, pid, tid, extensionOrigin).filter((s) => s.ts >= from && s.ts < to);
  result.samples = samples.length;

  /** Credits wall and CPU time to `owner` (an extension file, 'page', or nobody). */
  const credit = (owner: string | undefined, start: number, wallUs: number, cpuUs: number) => {
    for (const [b, us] of [[result.wall, wallUs], [result.cpu, cpuUs]] as const) {
      const ms = Math.max(0, us) / 1000;
      if (owner === undefined) b.unattributed += ms;
      else if (owner === 'page') b.page += ms;
      else {
        add(b.byFile, owner, ms);
        if (start < loadTs) add(b.beforeLoadByFile, owner, ms);
      }
    }
  };
  const ownerOfUrl = (url: string) => (url.startsWith(extensionOrigin) ? url.slice(extensionOrigin.length) : 'page');

  for (const s of spans) {
    if (!s.url?.startsWith(extensionOrigin)) continue;
    const key = s.name === 'EvaluateScript' ? 'evaluateByFile' : s.name === 'v8.compile' ? 'compileByFile' : undefined;
    if (!key) continue;
    add(result.wall[key], ownerOfUrl(s.url), (s.end - s.start) / 1000);
    add(result.cpu[key], ownerOfUrl(s.url), s.cpu / 1000);
  }

  for (const { span, inner } of outermost(spans)) {
    if (span.url) {
      credit(ownerOfUrl(span.url), span.start, span.end - span.start, span.cpu);
      continue;
    }
    // Labelled children first (outermost among them), then the rest shared out by samples.
    const labelled = outermost(inner.filter((s) => s.url !== undefined)).map((o) => o.span);
    let restWall = span.end - span.start;
    let restCpu = span.cpu;
    for (const l of labelled) {
      credit(ownerOfUrl(l.url!), l.start, l.end - l.start, l.cpu);
      restWall -= l.end - l.start;
      restCpu -= l.cpu;
    }
    const inRest = samples.filter((p) => p.ts >= span.start && p.ts < span.end && !labelled.some((l) => p.ts >= l.start && p.ts < l.end));
    if (inRest.length === 0) {
      credit(undefined, span.start, restWall, restCpu);
      continue;
    }
    const counts = new Map<string | undefined, number>();
    for (const p of inRest) counts.set(p.owner, (counts.get(p.owner) ?? 0) + 1);
    for (const [owner, n] of counts) credit(owner, span.start, (restWall * n) / inRest.length, (restCpu * n) / inRest.length);
  }
  return result;
}
