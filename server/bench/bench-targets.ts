import type { PhaseName, RunResult } from './bench-run.js';
import { percentile, type Target } from './report.js';

const phase = (r: RunResult, name: PhaseName) => r.phases.find((p) => p.name === name);
const serverCpu = (r: RunResult, name: PhaseName) => phase(r, name)?.serverCpuMicrosPerLogin ?? NaN;

const at = (kind: Target['kind'], target: number, moonshot: number, unit: string) => ({
  kind,
  target,
  moonshot,
  unit,
});

/**
 * The targets for 2 cores, each with the figure of this run it judges. `base` is SQLite
 * with the first organisation size; `sizes` the other sizes on SQLite; `postgres` one and two
 * instances.
 */
export function benchTargets(o: {
  verifyMicros: number;
  devices: number;
  base: RunResult;
  sizes: RunResult[];
  postgres: RunResult[];
}): Target[] {
  const { base, sizes, postgres } = o;
  const targets: Target[] = [
    {
      figure: `raw verify µs / server CPU µs per login (${base.label}, closed loop)`,
      measured: (o.verifyMicros / serverCpu(base, 'closed')) * 100,
      ...at('atLeast', 25, 40, '%'),
    },
  ];
  const latency: [PhaseName, string, Target['target'], Target['moonshot']][] = [
    ['closed', `closed loop, ${o.devices} devices, p99`, 50, 25],
    ['open-devices', `open loop, ${o.devices} devices × 1/s, p99`, 10, 5],
    ['open-half', 'open loop, half the closed-loop rate, p99', 25, 15],
  ];
  for (const r of [base, ...sizes, ...postgres]) {
    for (const [name, figure, target, moonshot] of latency) {
      const p = phase(r, name);
      if (p) {
        const measured = percentile(p.latenciesMs, 0.99);
        targets.push({ figure: `${r.label}: ${figure}`, measured, ...at('atMost', target, moonshot, 'ms') });
      }
    }
  }
  for (const r of sizes) {
    for (const [name, how] of [
      ['open-devices', `open loop ${o.devices}/s`],
      ['closed', 'closed loop'],
    ] as const) {
      targets.push({
        figure: `server CPU per login, ${r.users.toLocaleString('en-GB')} against ${base.users.toLocaleString('en-GB')} users, ${how}`,
        measured: Math.abs(serverCpu(r, name) / serverCpu(base, name) - 1) * 100,
        ...at('atMost', 10, 3, '% apart'),
      });
    }
  }
  for (const r of [base, ...sizes, ...postgres]) {
    const figure = `${r.label}: server peak RSS under load`;
    targets.push({ figure, measured: r.peakRssMb, ...at('atMost', 150, 100, 'MB') });
  }
  for (const r of postgres) {
    const sqlite = serverCpu(base, 'closed');
    const own = serverCpu(r, 'closed');
    const backends = phase(r, 'closed')?.databaseCpuMicrosPerLogin ?? NaN;
    targets.push(
      {
        figure: `${r.label}: server CPU per login against SQLite's, closed loop`,
        measured: own / sqlite,
        ...at('atMost', 1.5, 1.2, '×'),
      },
      {
        figure: `${r.label}: the same, PostgreSQL backends' CPU included`,
        measured: (own + backends) / sqlite,
        ...at('atMost', 1.5, 1.2, '×'),
      },
    );
  }
  return targets;
}
