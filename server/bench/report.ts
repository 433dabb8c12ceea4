import type { PhaseResult, RunResult } from './bench-run.js';

/** A figure beside its target and moonshot; `atMost` targets are ceilings, `atLeast` floors. */
export interface Target {
  figure: string;
  measured: number;
  unit: string;
  kind: 'atLeast' | 'atMost';
  target: number;
  moonshot: number;
}

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] ?? NaN;
}

const fixed = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

const PHASE_LABEL = {
  closed: (devices: number) => `closed loop, ${devices} devices`,
  'open-devices': (devices: number) => `open loop, ${devices} devices × 1/s`,
  'open-half': () => 'open loop, half the closed-loop rate',
};

function phaseRow(p: PhaseResult, devices: number): string[] {
  return [
    PHASE_LABEL[p.name](devices),
    p.ratePerSecond ? fixed(p.ratePerSecond) : '–',
    fixed(p.logins / p.elapsedSeconds),
    fixed(percentile(p.latenciesMs, 0.5), 1),
    fixed(percentile(p.latenciesMs, 0.99), 1),
    fixed(p.serverCpuMicrosPerLogin),
    p.databaseCpuMicrosPerLogin === undefined ? '–' : fixed(p.databaseCpuMicrosPerLogin),
    fixed(p.driverCpuMicrosPerLogin),
    p.name === 'closed' ? '–' : String(p.lateSends),
  ];
}

/** How the logins of a run went over the wire: round trips, and the requests of one login. */
export function loginMode(run: RunResult): string {
  const { mix } = run;
  const per = (n: number) => fixed(n / Math.max(1, mix.logins), 2);
  const trips = per(mix.challengeRequests + mix.pinLoginRequests);
  const mode =
    mix.withHeldChallenge === mix.logins
      ? 'every login signed the nextChallenge of the previous reply'
      : mix.withHeldChallenge === 0
        ? 'no reply carried a nextChallenge, so every login asked for one'
        : `${per(mix.withHeldChallenge)} of logins signed a held nextChallenge`;
  return (
    `${trips} round trips per login (${mode})\n` +
    `  requests per login: ${per(mix.challengeRequests)} POST /api/devices/challenge + ` +
    `${per(mix.pinLoginRequests)} POST /api/pin-login; ${run.startStateRequests} POST /api/devices/state ` +
    `at register start; ${mix.refused} of ${mix.logins} logins refused`
  );
}

export function printRun(run: RunResult, devices: number): void {
  console.log(
    `\n${run.label}: peak RSS ${fixed(run.peakRssMb)} MB, load average ${fixed(run.loadAverage, 2)} at the end`,
  );
  console.log(`  ${loginMode(run)}`);
  printTable(
    [
      'phase',
      'rate/s',
      'logins/s',
      'p50 ms',
      'p99 ms',
      'server CPU µs/login',
      'PG CPU µs/login',
      'driver CPU µs/login',
      'late sends',
    ],
    run.phases.map((p) => phaseRow(p, devices)),
  );
}

function verdict(t: Target): string {
  const meets = (limit: number) => (t.kind === 'atLeast' ? t.measured >= limit : t.measured <= limit);
  return meets(t.moonshot) ? 'moonshot met' : meets(t.target) ? 'met' : 'NOT MET';
}

export function printTargets(targets: Target[]): void {
  console.log('\nTargets (all figures from this run):');
  const sign = (t: Target) => (t.kind === 'atLeast' ? '≥' : '≤');
  const digits = (t: Target) => (t.unit === 'ms' || t.unit === '×' || t.unit === '%' ? 1 : 0);
  printTable(
    ['figure', 'measured', 'target', 'moonshot', 'verdict'],
    targets.map((t) => [
      t.figure,
      `${fixed(t.measured, digits(t))} ${t.unit}`,
      `${sign(t)} ${t.target} ${t.unit}`,
      `${sign(t)} ${t.moonshot} ${t.unit}`,
      verdict(t),
    ]),
  );
}
